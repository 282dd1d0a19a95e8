"""Words with character spans, their hashes and stems (sentences: :mod:`reuse.sentences`).

Everything on the path that finds matches works in any script: words are
Unicode word runs (each CJK ideograph or kana is a word of its own, and so
is each letter cluster of Thai, Lao, Myanmar and Khmer, which are also
written without spaces, see :mod:`reuse.segment`; in the rewrite channel
each stands for itself and the next one) and case is folded.
A text's language, its stopwords and its stems come from
:mod:`reuse.lexicon` (the nltk module); languages without a stopword list
are matched on their folded words.

Token hashes are stable across runs and machines (xxhash of the folded word),
so sketches can be stored in an index.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from . import lexicon
from .lexicon import LANGUAGES, guess_language
from .segment import segment_words, unit_words, word_count, word_spans

__all__ = [
    "Analysis",
    "LANGUAGES",
    "analyze",
    "analyze_many",
    "guess_language",
    "most_common_language",
    "needs_fallback",
    "unit_words",
    "word_count",
    "word_spans",
]

_NGRAM_MULT = np.uint64(0x9E3779B97F4A7C15)  # mixes a hash with the next one (n-grams, CJK character pairs)


@dataclass(frozen=True, eq=False)
class Analysis:
    """The words of one text, as parallel numpy arrays.

    Attributes
    ----------
    starts, ends : int64 arrays
        Character span of each word in the text.
    words : uint64 array
        Stable hash of each case-folded word (the verbatim channel).
    stems : uint64 array
        Stable hash of each word's stem, 0 for stopwords (the rewrite channel).
    language : str or None
        The guessed language code, ``None`` when unknown.
    """

    starts: np.ndarray
    ends: np.ndarray
    words: np.ndarray
    stems: np.ndarray
    language: str | None

    def __len__(self) -> int:
        return len(self.starts)


def analyze(text: str, language: str | None = None) -> Analysis:
    """Split ``text`` into words with spans, hashes and stem hashes.

    ``language`` is guessed from stopwords when not given (``"auto"`` or None);
    pass ``""`` to force language-neutral processing.

    >>> a = analyze("The Kremlin said the swaps were agreed.")
    >>> a.language, len(a), int((a.stems == 0).sum())
    ('en', 7, 3)
    """
    return analyze_many([text], [language])[0]


#: Texts split into words together: one set of numpy calls and one look-up pass for all.
_TEXTS_AT_ONCE = 32


def analyze_many(texts: Sequence[str], languages: Sequence[str | None]) -> list[Analysis]:
    """:func:`analyze` of each text, ``languages[k]`` as its ``language``.

    The same values as one call each, a few dozen texts at a time: they are
    joined by line breaks (no word spans one), split into words in one pass
    and cut apart again. Most of a text's arrays are small, and numpy's cost
    per call outweighs its arithmetic.

    >>> [a.language for a in analyze_many(["The talks went on.", "Les discussions continuent et la paix"], [None, None])]
    ['en', 'fr']
    """
    vocabulary = lexicon.vocabulary()
    out = []
    for first in range(0, len(texts), _TEXTS_AT_ONCE):
        group = texts[first : first + _TEXTS_AT_ONCE]
        starts, ends, folded, units = segment_words("\n".join(group))
        offsets = np.cumsum([0, *(len(text) + 1 for text in group)])
        cuts = np.searchsorted(starts, offsets).tolist()
        for k, text in enumerate(group):
            if not unicodedata.is_normalized("NFC", text):
                # Decomposed accents (a text not from the loader, which composes them): its words match their
                # composed form; the spans still index the text as given. Each text on its own, as in one call each.
                folded[cuts[k] : cuts[k + 1]] = [unicodedata.normalize("NFC", word) for word in folded[cuts[k] : cuts[k + 1]]]
        idx = vocabulary.lookup(folded)
        hashes = vocabulary.hashes[idx]
        given = languages[first : first + _TEXTS_AT_ONCE]
        guess = [k for k, language in enumerate(given) if language in (None, "auto")]
        guessed = dict(zip(guess, vocabulary.guess_languages([idx[cuts[k] : cuts[k + 1]] for k in guess])))
        for k, language in enumerate(given):
            lo, hi, offset = cuts[k], cuts[k + 1], offsets[k]
            ids = idx[lo:hi]
            lang = guessed[k] if k in guessed else (language or None)
            alone = len(group) == 1  # the arrays are its own already
            stems = lexicon.stems(lang).of(vocabulary, ids)
            if units is not None and units[lo:hi].any():
                stems = _unit_pairs(stems, starts[lo:hi], ends[lo:hi], units[lo:hi])
            out.append(
                Analysis(
                    starts=starts if alone else starts[lo:hi] - offset,
                    ends=ends if alone else ends[lo:hi] - offset,
                    words=hashes if alone else hashes[lo:hi].copy(),  # not a view keeping the whole group's
                    stems=stems,
                    language=lang,
                )
            )
    return out


#: Articles with fewer words than this and no language of their own take the corpus's.
SHORT = 300


def needs_fallback(analysis: Analysis) -> bool:
    """Too short for a language guess and none found: the article takes the corpus's (scan and index alike)."""
    return not analysis.language and len(analysis) < SHORT


def most_common_language(counts: Mapping[str, int]) -> str | None:
    """The corpus's most common detected language, ties to the first name in alphabetical order.

    Counted over every article, never over the ones read so far, so the
    result depends neither on the order of the articles nor on how the work
    is split.

    >>> most_common_language({"fr": 2, "en": 2, "de": 1, "it": 0})
    'en'
    """
    counted = [(language, n) for language, n in counts.items() if n > 0]
    if not counted:
        return None
    return min(counted, key=lambda item: (-item[1], item[0]))[0]


def _unit_pairs(stems: np.ndarray, starts: np.ndarray, ends: np.ndarray, unit: np.ndarray) -> np.ndarray:
    """The rewrite channel's items for words that are part of a word (``unit``): each content one's pair with the next.

    Chinese and Japanese are written without spaces, and a single character
    is no word: the few thousand in common use make any two texts share
    most of theirs. Overlapping character pairs, the usual unit of CJK text
    retrieval, are nearly as telling as words and need no dictionary; the
    letter clusters of Thai, Lao, Myanmar and Khmer are paired the same way
    (:mod:`reuse.segment` marks both). Within a run of such words with
    nothing between them, each content one takes the hash of its stem and
    the next content one's; the run's last one gets 0, unless it is the
    run's only one and keeps its own stem. Function characters (stem 0: the
    zh and ja lists, stopwords in every text, see
    :data:`reuse.lexicon.EVERY_TEXT`) stay 0 and the pairs skip them. Other
    words keep their stems. The verbatim channel is untouched: its word
    5-grams are 5-character (or 5-cluster) runs.

    >>> st = np.array([11, 12, 0, 13, 21, 31], dtype=np.uint64)
    >>> s = np.array([0, 1, 2, 3, 5, 7]); unit = np.array([True] * 5 + [False])
    >>> out = _unit_pairs(st, s, s + 1, unit)
    >>> [bool(v == 0) for v in out], bool(out[1] == _unit_pairs(st[1:4], s[1:4], s[1:4] + 1, unit[1:4])[0])
    ([False, False, True, True, False, False], True)
    >>> out[4:].tolist()  # a lone character keeps its stem, a word of another script too
    [21, 31]
    """
    joined = unit[:-1] & unit[1:] & (ends[:-1] == starts[1:])  # word i and word i + 1 are one run
    run = np.cumsum(np.concatenate(([0], ~joined)))
    content = np.flatnonzero(unit & (stems != 0))
    pair = run[content[:-1]] == run[content[1:]]
    first, second = content[:-1][pair], content[1:][pair]
    out = stems.copy()
    mixed = stems[first] * _NGRAM_MULT
    mixed ^= stems[second]
    mixed ^= mixed >> np.uint64(29)
    mixed[mixed == 0] = 1
    out[first] = mixed
    is_first = np.zeros(len(stems), dtype=bool)
    is_first[first] = True
    out[second[~is_first[second]]] = 0  # a run's last content character
    return out


def ngram_hashes(hashes: np.ndarray, n: int) -> np.ndarray:
    """Stable hashes of the ``n``-grams of a hash sequence (one per start).

    Order matters: ``ngram_hashes([a, b], 2) != ngram_hashes([b, a], 2)``.
    A sequence shorter than ``n`` has no n-grams.

    >>> import numpy as np
    >>> h = np.array([1, 2, 3, 1, 2, 3], dtype=np.uint64)
    >>> g = ngram_hashes(h, 3)
    >>> len(g), bool(g[0] == g[3]), bool(g[0] == g[1])
    (4, True, False)
    """
    count = len(hashes) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    acc = hashes[:count].copy()
    shifted = np.empty_like(acc)
    for j in range(1, n):
        acc *= _NGRAM_MULT
        acc ^= hashes[j : j + count]
        np.right_shift(acc, np.uint64(29), out=shifted)
        acc ^= shifted
    return acc


def ngram_hashes_many(sequences: Sequence[np.ndarray], n: int) -> list[np.ndarray]:
    """:func:`ngram_hashes` of each sequence, computed over them all joined (the n-grams across two left out).

    A sequence is mostly an article's few hundred words, and the numpy calls
    of :func:`ngram_hashes` (four per word of the n-gram) cost more than
    their arithmetic: joined, a few dozen articles cost about one's calls.

    >>> h = np.array([1, 2, 3, 1, 2, 3], dtype=np.uint64)
    >>> [g.tolist() == ngram_hashes(s, 3).tolist() for s, g in zip([h, h[:2], h[1:]], ngram_hashes_many([h, h[:2], h[1:]], 3))]
    [True, True, True]
    """
    if len(sequences) == 1:
        return [ngram_hashes(sequences[0], n)]
    joined = ngram_hashes(np.concatenate(sequences), n) if len(sequences) else np.zeros(0, dtype=np.uint64)
    out, start = [], 0
    for sequence in sequences:  # a sequence's n-grams start at its own words: a slice of the joined ones
        out.append(joined[start : start + max(len(sequence) - (n - 1), 0)])
        start += len(sequence)
    return out


#: The fewest articles the weights are taken over. Among two articles every word they share is in all of them, and
#: weighed as a common word there (log 3/2 against log 3 for a word of one): two reports sharing two quotations of
#: 27 and 23 words and a rewritten paragraph made no pair alone, and did beside one other story. Taken as if among
#: five, a shared word weighs log 3 against log 6. Every subset of two to four of the samples gives the same pairs,
#: kinds and directions as before (a similarity a few hundredths higher); as if among ten, the samples' rewrite
#: (five articles) took two loose passages that match the wrong sentences. Five articles or more weigh as they are.
MIN_IDF_DOCS = 5


@dataclass(frozen=True, eq=False)
class DocumentFrequency:
    """How many articles use each stem: the weights that tell rare words from topic words.

    Two reports of one story share names and topic words; a copy shares its
    rare words too. ``idf`` weights a stem by ``log((n + 1) / df)``, ``n``
    the number of articles but at least :data:`MIN_IDF_DOCS`.
    """

    stems: np.ndarray  # sorted unique stem hashes
    counts: np.ndarray  # articles using each
    n_docs: int

    @classmethod
    def from_sets(cls, per_article: list[np.ndarray]) -> DocumentFrequency:
        """Build from each article's unique stem hashes."""
        if not per_article:
            return cls(np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64), 0)
        stems, counts = np.unique(np.concatenate(per_article), return_counts=True)
        return cls(stems, counts, len(per_article))

    def idf(self, stems: np.ndarray) -> np.ndarray:
        """Weights of ``stems``; a stem never seen counts as seen once."""
        if len(self.stems) == 0:
            return np.ones(len(stems))
        pos = np.minimum(np.searchsorted(self.stems, stems), len(self.stems) - 1)
        df = np.where(self.stems[pos] == stems, self.counts[pos], 1)
        return np.log((max(self.n_docs, MIN_IDF_DOCS) + 1) / df)


def unique_sorted(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (numpy's ``unique`` is several times slower on small arrays).

    >>> unique_sorted(np.array([3, 1, 3, 2], dtype=np.uint64)).tolist()
    [1, 2, 3]
    """
    if len(values) == 0:
        return values.copy()
    ordered = np.sort(values)
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def members(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Boolean mask: which of ``values`` are in ``sorted_set`` (sorted, non-empty); ``np.isin`` without its sort.

    >>> members(np.array([3, 4, 9]), np.array([1, 3, 9])).tolist()
    [True, False, True]
    """
    pos = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[pos] == values


def counted(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ``values``, sorted, and how often each occurs (as :func:`unique_sorted`, faster than ``np.unique``).

    >>> [x.tolist() for x in counted(np.array([5, 2, 5, 5]))]
    [[2, 5], [1, 3]]
    """
    ordered = np.sort(values)
    if len(ordered) == 0:
        return ordered, np.zeros(0, dtype=np.int64)
    firsts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[firsts], np.diff(np.append(firsts, len(ordered)))


def ranks(counts: np.ndarray) -> np.ndarray:
    """``0, 1, ..., c - 1`` for each count ``c``, concatenated (positions within groups).

    >>> ranks(np.array([2, 0, 3])).tolist()
    [0, 1, 0, 1, 2]
    """
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(total) - offsets
