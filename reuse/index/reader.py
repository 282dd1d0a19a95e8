"""Reading a batch over worker processes, for a check and for an add.

:func:`read_features` sends each article's whole analysis back (``check``
aligns with it); ``add`` keeps only the row it writes and the counts, so
:func:`read_rows`'s workers also compress the body and pack the runs, and
send back a few kilobytes an article instead of the analysis.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from ..config import ScanConfig
from ..model import Article
from ..parallel import READ_CHUNK, map_chunks
from ..text import needs_fallback
from .codec import compress_body, encode_runs
from .features import Features, article_meta, read_articles

__all__ = ["Row", "read_features", "read_rows", "row_of"]


@dataclass(frozen=True, eq=False)
class Row:
    """An article as ``add`` stores and counts it (the fields ``stats.Counts`` reads are those of ``Features``)."""

    article_id: str  # the article itself stays with the caller: sending its text back would double the traffic
    fallback: bool  # too short for a language and none found: read again in the corpus's language
    language: str
    detected: bool
    body: bytes  # codec.compress_body
    runs: bytes  # codec.encode_runs
    stems: np.ndarray
    line_keys: np.ndarray
    keys: tuple[np.ndarray, ...]


def row_of(features: Features, words: bytes) -> Row:
    """The :class:`Row` of an article read (``words``: the index's zlib dictionary)."""
    article = features.article
    return Row(
        article_id=article.id,
        fallback=needs_fallback(features.analysis),
        language=features.language,
        detected=features.detected,
        body=compress_body(article_meta(article), article.text, words),
        runs=encode_runs(features.runs),
        stems=features.stems,
        line_keys=features.line_keys,
        keys=features.keys,
    )


def _rows_chunk(chunk: tuple[Sequence[Article], ScanConfig, bytes]) -> list[Row]:
    articles, config, words = chunk
    return [row_of(features, words) for features in read_articles(articles, config)]


def read_rows(articles: Sequence[Article], config: ScanConfig, words: bytes, jobs: int = 1) -> Iterator[Row]:
    """The :class:`Row` of each article, in order, read in ``jobs`` processes (the same rows for any number)."""
    chunks = ((articles[k : k + READ_CHUNK], config, words) for k in range(0, len(articles), READ_CHUNK))
    for rows in map_chunks(_rows_chunk, chunks, jobs, (config,)):
        yield from rows


def _features_chunk(chunk: tuple[Sequence[Article], ScanConfig]) -> list[Features]:
    articles, config = chunk
    return read_articles(articles, config)


def read_features(articles: Sequence[Article], config: ScanConfig, jobs: int = 1) -> Iterator[Features]:
    """The :class:`~reuse.index.features.Features` of each article, in order, read in ``jobs`` processes: the same
    values as ``read_article(article, config)`` of each, a chunk at a time (:func:`~reuse.index.features.read_articles`)."""
    chunks = ((articles[k : k + READ_CHUNK], config) for k in range(0, len(articles), READ_CHUNK))
    for features in map_chunks(_features_chunk, chunks, jobs, (config,)):
        yield from features
