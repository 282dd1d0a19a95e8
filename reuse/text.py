"""Words with character spans, their hashes and stems, and sentences.

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

import re
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
    "ends_sentence",
    "guess_language",
    "most_common_language",
    "needs_fallback",
    "sentence_spans",
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


# Abbreviations that end in a full stop without ending a sentence (lower-case,
# without the final stop). Language-neutral enough for news.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st",
    "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc", "approx", "dept", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "i.e", "e.g", "al", "mt", "ft",
    # German and Russian ones that stand inside a sentence ("120 тыс. жителей", "bzw."); not "usw." (etc., often last)
    # nor "Mio." (Italian "mio" ends sentences).
    "bzw", "ca", "vgl", "nr", "tsd", "тыс", "млн", "млрд", "руб", "долл", "ул",
}


_ABBREV_SET = frozenset(_ABBREVIATIONS)
# Of those, the ones that also end sentences ("... in the U.S. Its shares ..."):
# they end one when the next word is a capitalised word that opens sentences.
_MAY_END = frozenset({"u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "etc", "inc", "ltd", "co", "corp", "jr", "sr"})
_OPENERS = frozenset(
    "The It Its He She They We I But And In A An This That These Those His Her Their There On At As After "
    "Before However Meanwhile When While If Last Earlier Later Officials".split()
)
_NEXT_WORD = re.compile(r"[A-Z][a-z]*\b")  # a whole word: "AI" or "IBM" is no "A" or "I"
#: The German month names and "Jahrhundert", which follow an ordinal written as a number and a stop ("5. Juni").
_ORDINAL_NOUN = re.compile(r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jahrhunderts?)\b")
#: German words that stand before an ordinal written as a number and a stop ("der 3. Platz", "zum 2. Mal", "beim 10.
#: Versuch"): articles, articles merged with a preposition, possessives and "jeder". Not "bis", "ab" or "seit", which
#: are as often before a number that ends a sentence ("von 9 bis 17. Danach"), nor words of English ("die", "am"):
#: the rule is kept to German texts and texts of no known language.
_BEFORE_ORDINAL = frozenset(
    "der die das dem den des zum zur am im beim vom ihr ihre ihrem ihren ihrer sein seine seinem seinen seiner "
    "jede jeder jedes jedem jeden".split()
)
#: Words that open a German sentence and never follow an ordinal (which a noun follows): after one of them the
#: number ends the sentence, as a date without its month does ("Es regnete am 5. Dann kam der Sturm.").
_GERMAN_OPENERS = frozenset(
    "der die das den dem des ein eine einer er sie es wir ich man ihr sein seine dies diese dieser dieses "
    "und aber doch dann danach davor damit dabei dort da hier so nun jetzt heute gestern morgen später zuvor zudem "
    "außerdem auch noch nur schon bereits weitere weiter wie wenn als während nach vor bei mit von zu zum zur in im "
    "am an auf aus für gegen über unter laut seit bis ab ob warum was wer wo".split()
)
_WORD = re.compile(r"\w+")
# Candidate sentence ends: stops (with closing quotes or brackets after them)
# and line breaks. One leading character class keeps the scan fast; the
# conditions are checked on each candidate. Besides the Latin and CJK stops:
# the Devanagari danda and double danda, the Arabic and Urdu question mark
# and full stop, the Ethiopic full stop.
_STOP_CHARS = ".!?…。！？।॥؟۔።។။"
_CLOSERS = "\"'”’»)]」』"  # closing quotes and brackets that may follow a stop
_STOPS_ANYWHERE = frozenset("。！？។။")  # CJK, Khmer and Myanmar full stops: a sentence ends whatever follows
#: The stops that may end a sentence, and line breaks (a quote after a line break opens the next line). A run of
#: stops and the closers after it is one candidate; one that opens with none of ``_STOPS_ANYWHERE`` is a candidate
#: only when spaces or tabs follow it and no ASCII lower-case letter follows them (group 1: those spaces), so the
#: loop of :func:`sentence_spans` never sees the stops inside a sentence ("3.5", "U.S", "etc. and") or before a line
#: break: about a third of the stops, each a few microseconds of Python. The look-behinds (``(?<![stops].)``: the
#: character before the first is no stop) make a candidate start only where a run of stops starts, as a plain scan
#: of the runs would. The pattern opens with one character class so that the regular expression engine skips to
#: the candidates through that class alone, in C (it does so for no other opening): 35 microseconds an article of
#: the benchmark corpus where ``[stops]+[closers]*|\n`` took 100.
_STOPS = re.compile(
    rf"[{re.escape(_STOP_CHARS)}\n](?:"
    r"(?<=\n)"
    rf"|(?<=[{''.join(sorted(_STOPS_ANYWHERE))}])(?<![{re.escape(_STOP_CHARS)}].)[{re.escape(_STOP_CHARS)}]*[{re.escape(_CLOSERS)}]*"
    rf"|(?<![{re.escape(_STOP_CHARS)}].)[{re.escape(_STOP_CHARS)}]*[{re.escape(_CLOSERS)}]*(?=([ \t]++)(?![a-z]))"
    ")"
)


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends as a sentence does: in one of the stops :func:`sentence_spans` splits at, closing quotes or brackets after it allowed.

    >>> ends_sentence('He left.”'), ends_sentence("Storm warning issued"), ends_sentence("東京です。"), ends_sentence("")
    (True, False, True, False)
    """
    last = text.rstrip().rstrip(_CLOSERS)[-1:]
    return bool(last) and last in _STOP_CHARS


def sentence_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``.

    Lines are sentences of their own (a news line is a paragraph, headline
    or caption) and are split further at sentence punctuation followed by
    something that is not a lower-case letter, unless the word before the
    stop is a known abbreviation or a single letter ("U.S.", "Mr.", "J."),
    or a German ordinal before a month's name ("5. Juni"); in a text whose
    ``language`` is German (``"de"``) or not known (``None`` or ``""``), also
    a number after a German article, possessive or "zum", "beim" and the like
    ("der 3. Platz"), a number that ends a sentence in English ("fell to 5.").
    The CJK full stops and those of Khmer (។) and Myanmar (။), which
    write no space after them, end a sentence whatever follows. Spans exclude surrounding white space. A regular expression, not NLTK's
    Punkt: alignment splits every candidate article, and Punkt took about 8 ms
    an article where this takes a few microseconds.

    >>> t = "Für die Nacht zum 5. Juni werden 40 Liter erwartet. Im 20. Jahrhundert nie. Es regnete am 5. Weitere folgen."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Für die Nacht zum 5. Juni werden 40 Liter erwartet.', 'Im 20. Jahrhundert nie.', 'Es regnete am 5.', 'Weitere folgen.']
    >>> t = "Er wurde beim 2. Mal der 3. Fahrer der 5. Etappe. Der Pegel stieg auf 5. Polizisten kamen."
    >>> [t[s:e] for s, e in sentence_spans(t, "de")]
    ['Er wurde beim 2. Mal der 3. Fahrer der 5. Etappe.', 'Der Pegel stieg auf 5.', 'Polizisten kamen.']
    >>> t = "Около 120 тыс. жителей эвакуированы. Рост на 5 проц. за год. Дожди продолжатся."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Около 120 тыс. жителей эвакуированы.', 'Рост на 5 проц. за год.', 'Дожди продолжатся.']
    >>> t = "Mr. Peskov spoke.  The U.S. side agreed!\\nNew line. 東京です。次"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Mr. Peskov spoke.', 'The U.S. side agreed!', 'New line.', '東京です。', '次']
    >>> [t[s:e] for t in ["ភ្លៀងធ្លាក់។ទឹកជំនន់", "မိုးရွာတယ်။ရေကြီးတယ်"] for s, e in sentence_spans(t)]
    ['ភ្លៀងធ្លាក់។', 'ទឹកជំនន់', 'မိုးရွာတယ်။', 'ရေကြီးတယ်']
    """
    spans: list[tuple[int, int]] = []
    start = 0

    def emit(lo: int, hi: int) -> None:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            spans.append((lo, hi))

    n = len(text)
    german = not language or language == "de"
    for match in _STOPS.finditer(text):
        stop = match.end()
        if match.start(1) >= 0:  # a stop with spaces after it and no ASCII lower-case letter after them
            after = match.end(1)
            if after < n and text[after].islower():
                continue  # the sentence goes on in lower case
            if text[match.start()] == ".":
                begin = end = match.start()
                while begin > 0 and end - begin < 24 and (text[begin - 1].isalnum() or text[begin - 1] == "."):
                    begin -= 1
                word = text[begin:end].casefold()
                if word and (word in _ABBREV_SET or (len(word) == 1 and word.isalpha()) or (len(word) <= 4 and "." in word)):
                    opener = _NEXT_WORD.match(text, after)
                    if not (word in _MAY_END and opener and opener.group() in _OPENERS):
                        continue
                if len(word) <= 2 and word.isdigit() and (_ORDINAL_NOUN.match(text, after) or (german and _german_ordinal(text, begin, after))):
                    continue  # a German ordinal: "am 5. Juni", "im 20. Jahrhundert", "der 3. Platz"
        emit(start, stop)
        start = stop
    emit(start, len(text))
    return spans


def _german_ordinal(text: str, number: int, after: int) -> bool:
    """Whether the number at ``number``, a stop and the word at ``after`` read as a German ordinal and its noun.

    That is, the word before the number is one of ``_BEFORE_ORDINAL`` and the word after it none of ``_GERMAN_OPENERS``.

    >>> t = "Er holte den 3. Platz. Es fiel auf 3. Dann am 5. Danach"
    >>> _german_ordinal(t, 13, 16), _german_ordinal(t, 35, 38), _german_ordinal(t, 46, 49)
    (True, False, False)
    """
    following = _WORD.match(text, after)
    if following and following.group().casefold() in _GERMAN_OPENERS:
        return False
    end = number
    while end > 0 and text[end - 1] in " \t\xa0":
        end -= 1
    begin = end
    while begin > 0 and end - begin <= 6 and text[begin - 1].isalpha():
        begin -= 1
    return text[begin:end].casefold() in _BEFORE_ORDINAL and (begin == 0 or not text[begin - 1].isalpha())


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
