"""Site junk and an article's own repetitions: what must never make a match.

Three sources, all reduced to a per-word mask (``True`` = usable for matching):

* the shipped phrase list (``data/boilerplate-phrases.txt``): whole lines such
  as "Previous Post Next Post" or "Share this story via social media";
* lines learned from the corpus itself: a line of at most
  ``max_line_words`` words seen in at least ``min_docs`` articles; and a
  longer line seen in at least ``min_docs`` articles of one outlet known
  from metadata or its URL (its template: a disclaimer, a subscription
  paragraph). A long line repeated across outlets is reused text, which is
  what we look for, and so is an outlet's story run several times: an
  article whose learned long lines hold more than half its words keeps them
  (see :func:`mask_lines`);
* an article's own repetitions: a later occurrence of any five-word run the
  article already used (photo captions repeating the body), so a copied
  paragraph matches once, not once per repetition.

The text itself is kept for display; only matching leaves these words out.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import numpy as np
import xxhash

from .config import BoilerplateConfig
from .model import file_outlet
from .text import Analysis, analyze, counted, ngram_hashes, unique_sorted

__all__ = ["article_lines", "candidate_lines", "learn_boilerplate", "line_keys", "mask_lines", "site", "usable_words"]

_REPEAT_NGRAM = 5


def _line_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end character offsets of each line of ``text``."""
    lengths = np.fromiter(map(len, text.split("\n")), dtype=np.int64)
    ends = np.cumsum(lengths + 1) - 1  # each line's break, the last line's the end of the text
    return ends - lengths, ends


def _key(words: np.ndarray, salt: bytes = b"") -> int:
    return xxhash.xxh3_64_intdigest(salt + words.tobytes())


def site(article) -> str | None:
    """The outlet whose template long lines of ``article`` may be: its outlet when known from metadata or its URL.

    ``None`` when the outlet is only the file name (a folder of plain
    texts): each file its own outlet, or every record of one JSON file
    one outlet whatever site it came from.

    >>> from reuse.model import Article
    >>> site(Article("a.txt", "Text.", "a", path="a.txt")), site(Article("b.json#1", "Text.", "example.com", path="b.json"))
    (None, 'example.com')
    """
    return article.outlet if article.outlet and article.outlet != file_outlet(article.path) else None


def _candidate_lines(text: str, analysis: Analysis, max_words: int, outlet: str | None) -> list[tuple[int, int, int]]:
    """``(key, first word, end word)`` of the lines that can be boilerplate, in text order.

    Every non-empty line of at most ``max_words`` words, keyed by its words;
    with an ``outlet``, also every longer line, keyed by the outlet and its
    words (learned only from that outlet's articles).
    """
    if len(analysis) == 0:
        return []
    starts, ends = _line_bounds(text)
    first = np.searchsorted(analysis.starts, starts, side="left")
    last = np.searchsorted(analysis.starts, ends, side="left")
    counts = last - first
    salt = outlet.casefold().encode("utf-8", "surrogatepass") + b"\0" if outlet else None
    keep = np.flatnonzero((counts > 0) if salt else (counts > 0) & (counts <= max_words))
    return [
        (_key(analysis.words[f:e]) if e - f <= max_words else _key(analysis.words[f:e], salt), f, e)
        for f, e in zip(first[keep].tolist(), last[keep].tolist())
    ]


def line_keys(text: str, analysis: Analysis, config: BoilerplateConfig, lines: list[tuple[int, int, int]] | None = None) -> np.ndarray:
    """Keys of the candidate lines of one article, distinct and sorted (uint64), for :func:`learn_boilerplate`.

    ``lines`` is :func:`candidate_lines` of the article when already
    computed; without it only the short lines are keyed. An array, not a
    set: the scan keeps one per article until every article is read (a few
    dozen keys each once the outlet's long lines count).
    """
    if lines is None:
        lines = candidate_lines(text, analysis, config)
    return unique_sorted(np.fromiter((key for key, _, _ in lines), dtype=np.uint64, count=len(lines)))


def candidate_lines(text: str, analysis: Analysis, config: BoilerplateConfig, outlet: str | None = None) -> list[tuple[int, int, int]]:
    """``(key, first word, end word)`` of every line that can be boilerplate: computed once, passed to the functions here.

    ``outlet`` is :func:`site` of the article: with it, the long lines
    count too (when ``config.site_lines``).
    """
    return _candidate_lines(text, analysis, config.max_line_words, outlet if config.site_lines else None)


def article_lines(article, analysis: Analysis, config: BoilerplateConfig) -> list[tuple[int, int, int]]:
    """:func:`candidate_lines` of an article, with its :func:`site`: what every reading of an article uses."""
    return candidate_lines(article.text, analysis, config, site(article))


def learn_boilerplate(keys_per_article: Iterable[np.ndarray], config: BoilerplateConfig) -> frozenset[int]:
    """Keys of the candidate lines that recur in at least ``config.min_docs`` articles.

    Each article counts once per line (its keys are distinct, as
    :func:`line_keys` gives them), however often it repeats the line.
    """
    keys = [k for k in keys_per_article if len(k)]
    if not keys:
        return frozenset()
    distinct, counts = counted(np.concatenate(keys))
    return frozenset(distinct[counts >= config.min_docs].tolist())


@lru_cache(maxsize=1)
def _phrase_keys() -> frozenset[int]:
    raw = resources.files("reuse").joinpath("data/boilerplate-phrases.txt").read_text("utf-8")
    phrases = [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    return frozenset(_key(analyze(p, language="").words) for p in phrases)


def _repeats(analysis: Analysis) -> np.ndarray:
    """Words inside a later occurrence of a five-word run seen earlier in the article."""
    mask = np.zeros(len(analysis), dtype=bool)
    grams = ngram_hashes(analysis.words, _REPEAT_NGRAM)
    if len(grams) < 2:
        return mask
    ordered = np.sort(grams)
    repeated = ordered[1:][ordered[1:] == ordered[:-1]]
    if len(repeated) == 0:  # most articles: one plain sort tells
        return mask
    # Only the occurrences of repeated runs are ordered again, stably, to
    # find every occurrence after the first, in text order.
    where = np.flatnonzero(np.isin(grams, repeated))
    order = np.argsort(grams[where], kind="stable")
    runs = grams[where][order]
    later = where[order[1:][runs[1:] == runs[:-1]]]
    for offset in range(_REPEAT_NGRAM):
        mask[later + offset] = True
    return mask


def usable_words(
    text: str,
    analysis: Analysis,
    config: BoilerplateConfig,
    learned: frozenset[int] = frozenset(),
    lines: list[tuple[int, int, int]] | None = None,
) -> np.ndarray:
    """Boolean mask over the words of ``text``: ``True`` where a word may match.

    Parameters
    ----------
    text, analysis
        The article text and its :func:`reuse.text.analyze` result.
    config
        Boilerplate settings.
    learned
        Keys from :func:`learn_boilerplate`; empty while the corpus is still
        being read (the phrase list and repetitions apply regardless).
    lines
        :func:`candidate_lines` of the article when already computed.
    """
    mask = ~_repeats(analysis)
    junk = (_phrase_keys() if config.use_phrase_list else frozenset()) | learned
    return mask_lines(text, analysis, mask, junk, config, lines)


def mask_lines(
    text: str,
    analysis: Analysis,
    usable: np.ndarray,
    junk: frozenset[int],
    config: BoilerplateConfig,
    lines: list[tuple[int, int, int]] | None = None,
) -> np.ndarray:
    """``usable`` with the words of every candidate line whose key is in ``junk`` masked.

    The scan masks the phrase list and repetitions while it reads, and the
    lines learned from the whole corpus only afterwards, with this. When the
    long lines in ``junk`` hold more than half the article's words, they are
    not its outlet's template but a story the outlet ran several times: they
    stay usable (its short junk lines are still masked).
    """
    if not junk:
        return usable
    if lines is None:
        lines = candidate_lines(text, analysis, config)
    limit = config.max_line_words
    learned = [(first, last) for key, first, last in lines if key in junk]
    if not learned:
        return usable
    long_words = sum(last - first for first, last in learned if last - first > limit)
    if 2 * long_words > len(analysis):
        learned = [(first, last) for first, last in learned if last - first <= limit]
    mask = usable.copy()
    for first, last in learned:
        mask[first:last] = False
    return mask
