"""The words this process has seen: ids, stable hashes, stopword languages and stems.

The part of the text stage that knows about languages, and the nltk module:
stopwords are used for the languages we ship a list for, and stems for
those of them NLTK has a Snowball stemmer for (the others match their
folded words). News vocabulary is small, so
every distinct folded word is hashed, looked up in the stopword lists and
stemmed once per process; a text's words become ids through one dictionary
look-up each (:meth:`Vocabulary.lookup`), and everything else is numpy
indexing by id.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources

import numpy as np
import xxhash

from .segment import fold_arabic

__all__ = ["EVERY_TEXT", "LANGUAGES", "Stems", "Vocabulary", "guess_language", "stems", "vocabulary"]

#: The languages we ship stopword lists for, with NLTK's Snowball stemmer for each (``None``: none).
LANGUAGES: dict[str, str | None] = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "ru": "russian",
    "sv": "swedish",
    "da": "danish",
    "no": "norwegian",
    "fi": "finnish",
    "ar": "arabic",
    "hu": "hungarian",
    "ro": "romanian",
    "pl": None,
    "cs": None,
    "tr": None,
    "uk": None,
    "hi": None,
    "id": None,
    "zh": None,
    "ja": None,
    "ko": None,  # no Snowball stemmer: every text's Korean words are cut by :func:`_korean_stem`, and lose their stopwords
}


@cache
def _stopwords(lang: str) -> frozenset[str]:
    raw = resources.files("reuse").joinpath(f"data/stopwords-{lang}.txt").read_text("utf-8")
    words = (w for line in raw.splitlines() if not line.startswith("#") for w in line.split())
    return frozenset(fold_arabic(w.casefold()) for w in words)  # as the words of a text are folded (segment_words)


#: A word's stop lanes: byte ``k % 8`` of lane ``k // 8`` is 1 when it is a stopword of the
#: ``k``-th language here. Summed over a sample of fewer than 256 words, each byte counts one
#: language's hits (three 64-bit lanes: twenty-four languages at most).
_LANGUAGE_ORDER = tuple(LANGUAGES)
_LANES = 3
if len(_LANGUAGE_ORDER) > 8 * _LANES:
    raise RuntimeError("more languages than stop lanes: widen _LANES")


@cache
def _stop_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        for word in _stopwords(lang):
            index.setdefault(word, []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


#: The share of a text's words its language's stopwords must reach: a tenth, but for Chinese,
#: whose news prose is terse (its function characters make 8-15% of a wire story's characters),
#: and Korean, which writes most function words into the word before them.
_MIN_SHARE = {"zh": 0.05, "ko": 0.05}


#: The fewest distinct stopwords of its language a text must use, one more for each 40 words up to this: 200 words
#: of news use 20 to 40 distinct ones of their own language. Swahili's "ya" and "la" (and the "es" of Dar es
#: Salaam) made a tenth of its words and read it as Spanish, from three distinct ones at most (found by a review);
#: a sentence ("The runners were running.") may use only one.
_MIN_DISTINCT = 4


def _most_used(counts: dict[str, int], sample: int, min_hits: int, distinct: dict[str, int]) -> str | None:
    """The language with most stopword hits (ties to the first code), if it reaches the bars (``distinct``: each
    language's distinct stopwords among the hits)."""
    if not counts:
        return None
    lang, hits = max(sorted(counts.items()), key=lambda kv: kv[1])
    if hits < min_hits or hits < _MIN_SHARE.get(lang, 0.1) * sample or distinct.get(lang, 0) < min(_MIN_DISTINCT, 1 + sample // 40):
        return None
    return lang


def guess_language(words: list[str], min_hits: int = 2) -> str | None:
    """The shipped language whose stopwords the folded ``words`` use most.

    Returns ``None`` when no language reaches ``min_hits`` and 10% of the words
    (5% for Chinese and Korean, see ``_MIN_SHARE``) with enough distinct
    stopwords (``_MIN_DISTINCT``).

    >>> guess_language("the kremlin said on tuesday that the swap is on".split())
    'en'
    >>> guess_language(["東", "京"]) is None
    True
    """
    sample = words[:_GUESS_SAMPLE]
    counts: dict[str, int] = {}
    distinct: dict[str, int] = {}
    for word, n in Counter(sample).items():
        for lang in _stop_index().get(word) or _korean_stop(word):
            counts[lang] = counts.get(lang, 0) + n
            distinct[lang] = distinct.get(lang, 0) + 1
    return _most_used(counts, len(sample), min_hits, distinct)


@cache
def _lane_masks(langs: tuple[str, ...]) -> dict[int, int]:
    """The stop-lane bits of ``langs``, by lane."""
    masks: dict[int, int] = {}
    for lang in langs:
        lane, byte = divmod(_LANGUAGE_ORDER.index(lang), 8)
        masks[lane] = masks.get(lane, 0) | 1 << 8 * byte
    return masks


#: Languages whose stopwords are written in a script of their own (CJK characters, Hangul): they
#: are stopwords in every text, whatever its guessed language, so a Chinese, Japanese or Korean
#: passage quoted in an English article gives the items it gives at home.
EVERY_TEXT = ("zh", "ja", "ko")

_GUESS_SAMPLE = 200  # words a language is guessed from (under 256: one byte of a stop lane counts them)


class _Ids(dict):
    """Word -> id, ``-1`` for a word not seen yet (so look-ups need no default argument)."""

    def __missing__(self, key: str) -> int:
        return -1


class Vocabulary:
    """Every folded word this process has seen: an id, its hash and its stop lanes.

    News vocabulary is small, so each distinct word is hashed and looked up in
    the stopword lists once per process, and a text's words become ids
    through one dictionary look-up each; everything else is numpy indexing.
    """

    def __init__(self) -> None:
        self.ids = _Ids()
        self.words: list[str] = []  # by id, to stem later in any language
        self.hashes = np.zeros(1024, dtype=np.uint64)
        self.stop_lanes = [np.zeros(1024, dtype=np.uint64) for _ in range(_LANES)]  # apart: summing each is faster

    def _add(self, word: str) -> int:
        idx = self.ids[word]
        if idx >= 0:  # a new word seen twice in one text
            return idx
        idx = len(self.words)
        if idx >= len(self.hashes):
            self.hashes = np.concatenate((self.hashes, np.zeros_like(self.hashes)))
            self.stop_lanes = [np.concatenate((lane, np.zeros_like(lane))) for lane in self.stop_lanes]
        self.hashes[idx] = xxhash.xxh3_64_intdigest(word.encode("utf-8", "surrogatepass"))
        langs = _stop_index().get(word, ()) or _korean_stop(word)
        for lang in langs:
            lane, byte = divmod(_LANGUAGE_ORDER.index(lang), 8)
            self.stop_lanes[lane][idx] |= np.uint64(1 << 8 * byte)
        self.words.append(word)
        self.ids[word] = idx
        return idx

    def lookup(self, words: list[str]) -> np.ndarray:
        """The ids of ``words``, new words added."""
        idx = np.fromiter(map(self.ids.__getitem__, words), dtype=np.int64, count=len(words))
        if len(idx) and idx.min() < 0:
            missing = np.flatnonzero(idx < 0).tolist()
            idx[missing] = [self._add(words[k]) for k in missing]
        return idx

    def guess_language(self, idx: np.ndarray, min_hits: int = 2) -> str | None:
        """:func:`guess_language` of the words with ids ``idx``."""
        return self.guess_languages([idx], min_hits)[0]

    def guess_languages(self, texts: Sequence[np.ndarray], min_hits: int = 2) -> list[str | None]:
        """:meth:`guess_language` of each of ``texts`` (word ids), in one set of numpy calls for them all.

        A text's sample is a few hundred words, and a dozen numpy calls on it
        cost more than their arithmetic: a few dozen texts at a time, a text's
        guess costs a tenth of it. Each text's sums of its words' stop lanes
        are differences of one running sum (exact modulo 2**64), and its
        distinct words come from one sort of (text, word) keys.
        """
        samples = [idx[:_GUESS_SAMPLE] for idx in texts]
        sizes = np.array([len(sample) for sample in samples], dtype=np.int64)
        ids = np.concatenate(samples) if samples else np.zeros(0, dtype=np.int64)
        bounds = np.concatenate(([0], np.cumsum(sizes)))
        n_ids = len(self.words) + 1
        keyed = np.sort(np.repeat(np.arange(len(samples), dtype=np.int64), sizes) * n_ids + ids)  # text * n_ids + word
        firsts = np.ones(len(keyed), dtype=bool)
        firsts[1:] = keyed[1:] != keyed[:-1]
        keyed = keyed[firsts]  # the distinct keys: np.unique (a hash table in numpy 2.4) took several times as long
        once = keyed % n_ids
        once_bounds = np.searchsorted(keyed, np.arange(len(samples) + 1, dtype=np.int64) * n_ids)
        # One byte per language (byte k % 8 of lane k // 8, in little-endian order): each text's hits and distinct hits.
        hits = np.stack([_segment_sums(lane[ids], bounds) for lane in self.stop_lanes], axis=1)
        kinds = np.stack([_segment_sums(lane[once], once_bounds) for lane in self.stop_lanes], axis=1)
        hits = hits.astype("<u8").view(np.uint8).reshape(len(samples), 8 * _LANES).tolist()
        kinds = kinds.astype("<u8").view(np.uint8).reshape(len(samples), 8 * _LANES).tolist()
        out = []
        for size, text_hits, text_kinds in zip(sizes.tolist(), hits, kinds):
            counts = {lang: n for lang, n in zip(_LANGUAGE_ORDER, text_hits) if n}
            distinct = {lang: n for lang, n, hit in zip(_LANGUAGE_ORDER, text_kinds, text_hits) if hit}
            out.append(_most_used(counts, size, min_hits, distinct))
        return out


def _segment_sums(values: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """The sum of ``values[bounds[k]:bounds[k + 1]]`` for each ``k`` (uint64, modulo 2**64).

    >>> _segment_sums(np.array([1, 2, 3, 4], dtype=np.uint64), np.array([0, 1, 1, 4])).tolist()
    [1, 0, 9]
    """
    running = np.zeros(len(values) + 1, dtype=np.uint64)
    np.cumsum(values, out=running[1:])
    return running[bounds[1:]] - running[bounds[:-1]]


def _syllable(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"  # a precomposed Hangul syllable


def _korean_stem(word: str) -> str:
    """A Korean word's first two syllables: its stem, without the particles and endings written onto it.

    Korean writes particles and verb endings into the word (정부는, 정부가: the
    government, as topic and as subject; 발표했다, 발표한: announced), and most
    nouns and verb stems are two syllables. Truncation is a common, simple,
    dictionary-free stemmer of Korean text retrieval; it merges some words
    that share their first syllables (대통령 and 대통합), which idf weighs
    down, and cannot merge a one-syllable noun's forms (물에, 물이). A number
    or Latin letters before the Hangul stay, with one syllable after a
    number (12일에 -> 12일: a counter) and two after letters (LG전자는 ->
    LG전자). Words in any other script come back unchanged, so every
    language's stems pass through it.

    >>> [_korean_stem(w) for w in ["정부는", "정부가", "발표했다", "발표한", "비", "12일에", "12월", "LG전자는", "news"]]
    ['정부', '정부', '발표', '발표', '비', '12일', '12월', 'LG전자', 'news']
    """
    start = 0
    while start < len(word) and not _syllable(word[start]):
        start += 1
    if start == len(word) or not all(map(_syllable, word[start:])):
        return word
    keep = start + (1 if start and word[start - 1].isdigit() else 2)
    return word[:keep]


#: Particles and copula endings written onto a Korean word, longest first: a listed function
#: word with one of them (이번에, 우리의, 현재까지) is a function word too.
_KO_PARTICLES = tuple(
    sorted(
        "은 는 이 가 을 를 의 에 로 와 과 도 만 나 고 야 에서 에게 까지 부터 으로 이나 이다 였다 라고 라는 에는 에도 "
        "에서는 에서도 에게서 이라고 이라는 까지는 부터는 으로는".split(),
        key=len,
        reverse=True,
    )
)


def _korean_stop(word: str) -> tuple[str, ...]:
    """``("ko",)`` when ``word`` is a Korean function word of two syllables or more with a particle written onto it.

    One-syllable function words are left out: 수 (a way to) with 도 is 수도 (a capital).

    >>> _korean_stop("이번에"), _korean_stop("수도"), _korean_stop("정부는")
    (('ko',), (), ())
    """
    if len(word) < 3 or not _syllable(word[-1]):
        return ()
    for particle in _KO_PARTICLES:
        base = word[: -len(particle)]
        if word.endswith(particle) and len(base) >= 2 and "ko" in _stop_index().get(base, ()):
            return ("ko",)
    return ()


#: Letters a language writes two ways, mapped to the form its Snowball stemmer knows: Romanian
#: ș and ț (comma below, the standard) and ş and ţ (cedilla, older fonts), which the stemmer
#: alone would stem apart (informații -> informaț, informaţii -> inform).
_SPELLINGS = {"ro": str.maketrans("șțȘȚ", "şţŞŢ")}


class Stems:
    """One language's stem hashes by word id (0 for its stopwords), each word stemmed once.

    Stemming costs microseconds per call: only words met in a text of this
    language are stemmed, the first time they are met.
    """

    def __init__(self, lang: str | None) -> None:
        self.stem = _snowball(lang) if lang and LANGUAGES[lang] else None
        self.spelling = _SPELLINGS.get(lang or "")
        # The stop lanes' bits of this language's stopwords and of those stopwords in every text.
        self.stop_masks = list(_lane_masks((*([lang] if lang else []), *EVERY_TEXT)).items())
        self.hashes = np.zeros(0, dtype=np.uint64)
        self.known = np.zeros(0, dtype=bool)
        self.n_known = 0

    def of(self, vocabulary: Vocabulary, idx: np.ndarray) -> np.ndarray:
        """Stem hashes of the words with ids ``idx``."""
        if self.n_known < len(vocabulary.words):  # else every word is known (one language's corpus)
            if len(self.hashes) < len(vocabulary.hashes):
                grow = len(vocabulary.hashes) - len(self.hashes)
                self.hashes = np.concatenate((self.hashes, np.zeros(grow, dtype=np.uint64)))
                self.known = np.concatenate((self.known, np.zeros(grow, dtype=bool)))
            new = list(dict.fromkeys(idx[~self.known[idx]].tolist()))
            for i in new:
                word = vocabulary.words[i]
                if not any(int(vocabulary.stop_lanes[lane][i]) & mask for lane, mask in self.stop_masks):
                    if self.stem:
                        stem = self.stem(word.translate(self.spelling) if self.spelling else word)
                    else:
                        stem = word
                    stem = _korean_stem(stem)  # in every language: a Korean passage quoted anywhere stems alike
                    self.hashes[i] = xxhash.xxh3_64_intdigest(b"s:" + stem.encode("utf-8", "surrogatepass")) or 1
            self.known[new] = True
            self.n_known += len(new)
        return self.hashes[idx]


#: SciPy modules that importing the ``nltk`` package pulls in for features
#: we never use (``fisher_exact`` in collocations, the SVM transition parser),
#: each behind nltk's own ``except ImportError``: 0.45 of its 0.65 s here.
_NLTK_OPTIONAL = ("scipy.stats", "scipy.sparse")


def _snowball(lang: str):
    """NLTK's Snowball stemmer for ``lang``, imported on first use.

    `reuse --version` and a scan of unstemmed languages need not pay for
    importing nltk. When neither nltk nor those SciPy modules are loaded
    yet, nltk is imported with them unavailable, as on a machine without
    SciPy; they are importable again right after. In such a process nltk's
    Fisher exact test (``nltk.metrics.association``) raises
    ``NotImplementedError``: import nltk before reuse to keep it.
    """
    blocked = [] if "nltk" in sys.modules else [name for name in _NLTK_OPTIONAL if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` raise ImportError
    try:
        from nltk.stem.snowball import SnowballStemmer
    finally:
        for name in blocked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return SnowballStemmer(LANGUAGES[lang]).stem


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """This process's vocabulary."""
    return Vocabulary()


@lru_cache(maxsize=len(LANGUAGES) + 1)
def stems(lang: str | None) -> Stems:
    """This process's stem table for ``lang`` (``None``: no stemming, no stopwords)."""
    return Stems(lang)
