"""One article's contribution to an index: what ``add`` stores and ``check`` compares.

The scan learns three things from the whole corpus (``reuse.pipeline._scan``):
lines seen in ``min_docs`` or more articles are boilerplate, stems are
weighted by their document frequency, and LSH buckets holding more than
``max_bucket`` articles are banal. Each is a count over articles, so the
index keeps the counts and each article's contribution is computed here,
from the article alone, exactly as the scan computes it while reading. Adding
or removing an article adds or subtracts it; nothing is approximated.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..boilerplate import line_keys
from ..runs import trigram_set, trigram_sets
from ..config import ScanConfig
from ..model import Article, file_outlet
from ..parallel import masks, masks_many  # the scan's own masks and language rule, so the two cannot drift apart
from ..sketch import CHANNELS, Sketch, sketch_article, sketch_articles
from ..text import Analysis, analyze, analyze_many, most_common_language, needs_fallback, unique_sorted

#: Bits of a folded band key kept (``postings.py`` stores 24 of them in a row named by the other 12).
KEY_BITS = 36

__all__ = ["Features", "LanguageCounts", "content_digest", "id_from_path", "fallback_language", "merge_languages", "read_article", "read_articles", "signed"]

#: Per language, ``(articles it was detected in, the first of their ids)``.
LanguageCounts = dict[str, tuple[int, str]]

_FOLD_MULT = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xBF58476D1CE4E5B9)


@dataclass(frozen=True, eq=False)
class Features:
    """What one article brings to an index.

    ``keys`` holds, per channel, the article's distinct band keys folded with
    their band (one key names a bucket of one band of one channel), cut to
    ``KEY_BITS`` bits: two buckets share a key by chance about once in 2**36.
    """

    article: Article
    analysis: Analysis
    usable: np.ndarray  # bool per word, before the learned boilerplate
    language: str  # the language used ("" for none)
    detected: bool  # the language was guessed from the article itself
    lines: list[tuple[int, int, int]]  # its candidate boilerplate lines (``boilerplate.article_lines``), for masking the learned ones
    line_keys: np.ndarray  # int64, the distinct candidate boilerplate lines
    stems: np.ndarray  # int64, the distinct usable stems
    runs: np.ndarray  # uint32, the distinct three-word runs of the usable words (``trigram_set``)
    keys: tuple[np.ndarray, ...]  # int64 per channel, distinct folded band keys


def signed(values: np.ndarray) -> np.ndarray:
    """Unsigned 64-bit hashes viewed as SQLite's signed integers (same bits).

    >>> signed(np.array([2**64 - 1], dtype=np.uint64)).tolist()
    [-1]
    """
    return np.ascontiguousarray(values, dtype=np.uint64).view(np.int64)


def _fold(keys: np.ndarray, channel: int) -> np.ndarray:
    """Distinct keys of a ``(windows, bands)`` array, each mixed with its band and channel."""
    if keys.size == 0:
        return np.zeros(0, dtype=np.int64)
    bands = keys.shape[1]
    salt = (np.arange(bands, dtype=np.uint64) + np.uint64(channel * bands + 1)) * _FOLD_MULT
    folded = keys ^ salt[None, :]
    folded ^= folded >> np.uint64(30)
    folded *= _MIX
    folded ^= folded >> np.uint64(31)
    return signed(unique_sorted(folded.ravel() >> np.uint64(64 - KEY_BITS)))


def fallback_language(counts: LanguageCounts) -> str | None:
    """The language a short article without one takes: the most common, ties to the first name.

    The scan's rule (:func:`reuse.text.most_common_language`), counted over
    the whole corpus and independent of the articles' ids and order.

    >>> fallback_language({"fr": (2, "b"), "en": (2, "a"), "de": (1, "0")})
    'en'
    """
    return most_common_language({language: n for language, (n, _) in counts.items()})


def merge_languages(*parts: LanguageCounts) -> LanguageCounts:
    """Counts added up, first ids the smallest.

    >>> merge_languages({"en": (2, "b")}, {"en": (1, "a"), "fr": (1, "c")})
    {'en': (3, 'a'), 'fr': (1, 'c')}
    """
    merged: LanguageCounts = {}
    for part in parts:
        for language, (n, first) in part.items():
            had, had_first = merged.get(language, (0, first))
            merged[language] = (had + n, min(had_first, first))
    return merged


def read_article(
    article: Article,
    config: ScanConfig,
    languages: Callable[[], LanguageCounts] | None = None,
    stored: tuple[str, bool] | None = None,
    *,
    sketch: bool = True,
) -> Features:
    """Analyse, mask and sketch one article as the scan's reading pass does.

    Parameters
    ----------
    article
        The article.
    config
        The index's settings.
    languages
        Gives the detected languages of the whole corpus (asked only when
        needed): a short article with no language of its own takes the most
        common, as in the scan. ``None`` reads every article in its own.
    stored
        ``(language, detected)`` recorded when the article was added:
        re-reading a stored article gives exactly what was stored.
    sketch
        ``False`` leaves ``keys`` empty: an article read only to be aligned
        needs no band keys, and sketching is a third of the reading.
    """
    if stored is not None:
        analysis = analyze(article.text, stored[0])
        detected = stored[1]
    else:
        analysis = analyze(article.text)
        detected = bool(analysis.language)
        if languages is not None and needs_fallback(analysis):
            fallback = fallback_language(languages())
            if fallback:
                analysis = analyze(article.text, fallback)
    lines, usable = masks(article, analysis, config)
    sketched = sketch_article(analysis, usable, config.sketch, config.candidates) if sketch else None
    return _features(article, config, analysis, lines, usable, detected, sketched)


def read_articles(
    articles: Sequence[Article], config: ScanConfig, stored: Sequence[tuple[str, bool]] | None = None, *, sketch: bool = True
) -> list[Features]:
    """:func:`read_article` of each article, a few dozen at a time as the scan reads.

    The same values as one call each (``stored`` and ``sketch`` as it takes
    them, ``stored`` one per article: without it each article is read in its
    own language); the numpy work of splitting, masking, sketching and
    hashing the runs is shared (``reuse.text.analyze_many``,
    ``reuse.parallel.masks_many``, ``reuse.sketch.sketch_articles``, ``reuse.runs.trigram_sets``).
    """
    given = [None] * len(articles) if stored is None else [language for language, _ in stored]
    analyses = analyze_many([article.text for article in articles], given)
    detected = [bool(analysis.language) for analysis in analyses] if stored is None else [flag for _, flag in stored]
    masked = masks_many(articles, analyses, config)
    pairs = [(analysis, usable) for analysis, (_, usable) in zip(analyses, masked)]
    sketches = sketch_articles(pairs, config.sketch, config.candidates) if sketch else [None] * len(articles)
    runs = trigram_sets([analysis.words[usable] for analysis, usable in pairs])
    return [
        _features(article, config, analysis, lines, usable, found, sketched, run)
        for article, analysis, (lines, usable), found, sketched, run in zip(articles, analyses, masked, detected, sketches, runs)
    ]


def _features(
    article: Article,
    config: ScanConfig,
    analysis: Analysis,
    lines: list[tuple[int, int, int]],
    usable: np.ndarray,
    detected: bool,
    sketched: Sketch | None,
    runs: np.ndarray | None = None,
) -> Features:
    """The :class:`Features` of an analysed article; ``sketched`` ``None`` leaves the keys empty; ``runs``: its
    three-word runs when already found (:func:`reuse.runs.trigram_sets` of a group)."""
    if sketched is None:
        keys = tuple(np.zeros(0, dtype=np.int64) for _ in CHANNELS)
    else:
        keys = tuple(_fold(getattr(sketched, name), n) for n, name in enumerate(CHANNELS))
    keyed = line_keys(article.text, analysis, config.boilerplate, lines)
    return Features(
        article=article,
        analysis=analysis,
        usable=usable,
        language=analysis.language or "",
        detected=detected,
        lines=lines,
        line_keys=signed(keyed),
        stems=signed(unique_sorted(analysis.stems[usable])),
        runs=trigram_set(analysis.words[usable]) if runs is None else runs,
        keys=keys,
    )


def article_meta(article: Article) -> str:
    """The article's metadata (everything but the text) as JSON.

    With ``"outlet_named": true`` for an article whose outlet was named (by
    metadata or a URL) yet is its file's name, a feed ``site.jsonl`` saying
    ``"outlet": "site"``: every other article's is told by comparing the two
    (:attr:`reuse.model.Article.outlet_named`), and storing it for each would
    cost about 9 bytes an article. Not in the content digest, which it would
    change for every article stored before it was kept (their re-adds would
    be new versions).
    """
    fields = _meta_fields(article)
    if article.outlet_from_file is False and article.outlet == file_outlet(article.path):
        fields["outlet_named"] = True
    return json.dumps(fields, sort_keys=True, ensure_ascii=False)


def _meta_fields(article: Article) -> dict:
    fields = {
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "path": article.path,
        "canonical": article.canonical,
    }
    # Only when there is one: the digests of articles stored before bylines and times of modification were read stay theirs.
    for key in ("byline", "modified"):
        if getattr(article, key):
            fields[key] = getattr(article, key)
    return fields


def article_from(article_id: str, meta: str, text: str, seen: str | None = None) -> Article:
    """The :class:`Article` stored as ``article_meta`` and text; ``seen``: when the add that stored it ran."""
    fields = json.loads(meta)
    keys = ("outlet", "title", "url", "published", "canonical", "byline", "modified")
    return Article(id=article_id, text=text, **{k: fields.get(k) for k in keys}, path=fields.get("path") or "",
                   outlet_from_file=False if fields.get("outlet_named") else None, seen=seen)


def id_from_path(article: Article, prefixed: bool = False) -> bool:
    """Whether the article's id is its path (a file), or its path and record number (a record with no id of its own).

    ``prefixed``: after any prefix (``--id-prefix``). An id a JSON record gives itself is neither.

    >>> id_from_path(Article("f.jsonl#2", "x", "o", path="f.jsonl")), id_from_path(Article("https://ex.com/1", "x", "o", path="f.jsonl"))
    (True, False)
    >>> id_from_path(Article("day2/f.jsonl#2", "x", "o", path="f.jsonl")), id_from_path(Article("day2/f.jsonl#2", "x", "o", path="f.jsonl"), prefixed=True)
    (False, True)
    >>> id_from_path(Article("a#1", "x", "o", path="a#1"))  # a file so named
    True
    """
    path, article_id = article.path, article.id
    if not path:
        return False
    base, hash_sign, number = article_id.rpartition("#")
    record = bool(hash_sign) and number.isdigit()
    if prefixed:
        return article_id.endswith(path) or (record and base.endswith(path))
    return article_id == path or (record and base == path)


def content_digest(article: Article, *, with_path: bool = False) -> bytes:
    """A hash of the text and metadata: an unchanged article re-added is a no-op.

    Not of the file it was read from: a feed's item that keeps its own id
    in the next day's file is the same article. ``with_path``: the digest
    indexes written before that held (:func:`reuse.index.versions.versions_of`
    still knows their articles).
    """
    meta = _meta_fields(article)
    if not with_path:
        del meta["path"]
    digest = hashlib.sha256(article.text.encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + json.dumps(meta, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.digest()
