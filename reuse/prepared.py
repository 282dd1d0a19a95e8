"""Alignment's view of one article: its sentences, their content stems and weights, its runs of words.

:func:`prepare` computes it once per article from the reading pass's word
arrays (:mod:`reuse.stored`) and the corpus's document frequencies; every
pair the article is in (:func:`reuse.align.align_pair`) reads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .model import Article
from .quotes import quoted_mask
from .segment import unit_words_many
from .sentences import ends_sentence, sentence_spans
from .text import Analysis, DocumentFrequency, ngram_hashes, ranks

__all__ = ["HEADLINE_WORDS", "MIN_RUN", "Prepared", "UNIT_STEM_COUNT", "headline_words", "prepare", "prepare_many"]

MIN_RUN = 3  # identical runs shorter than this are chance, not copying
#: What a stem of one CJK character or one Thai, Lao, Myanmar or Khmer letter cluster (the
#: pair it makes with the next, see :func:`reuse.text._unit_pairs`) counts for among a
#: passage's shared stems: part of a word, about half of one. Counted as a whole word, a
#: long shared name (a dozen characters or clusters) made a passage on its own.
UNIT_STEM_COUNT = 0.5
_MAX_SENTENCE = 60  # words; longer "sentences" are cut into chunks
_CHUNK = 40


@dataclass(frozen=True, eq=False)
class Prepared:
    """One article's view for alignment, computed once per article."""

    article: Article
    analysis: Analysis
    usable: np.ndarray  # bool per word
    quoted: np.ndarray  # bool per word: inside quotation marks
    sent_spans: tuple[tuple[int, int], ...]  # characters
    sent_words: tuple[tuple[int, int], ...]  # word index ranges
    sent_weight: np.ndarray  # sum of the idf of each sentence's stems
    sentence_of: np.ndarray  # sentence index of each word (-1 outside sentences)
    grams: np.ndarray  # hashes of the runs of MIN_RUN + 2 usable words, sorted (stably: text order within a run)
    gram_sentence: np.ndarray  # the sentence of the first word of each of ``grams``
    gram_set: np.ndarray  # the distinct run hashes, sorted
    barrier_before: np.ndarray  # cumulative count of boilerplate-only sentences
    stems: np.ndarray  # the article's distinct content stems, sorted
    stem_in: np.ndarray  # stems x sentences: 1.0 where the sentence holds the stem (a pair gathers the rows of its shared stems)
    stem_weight: np.ndarray  # idf weight of each of ``stems``
    stem_count: np.ndarray  # what each of ``stems`` counts for among shared stems: 1, or UNIT_STEM_COUNT
    usable_in: tuple[int, ...]  # usable words in each sentence
    usable_count: int  # usable words in the article
    units: np.ndarray | None = None  # bool per word: one CJK character or letter cluster (part of a word); None when none is
    headline: int = 0  # usable words of a headline opening the text (see :func:`headline_words`), else 0

    @cached_property
    def side(self) -> tuple:
        """What alignment's result depends on from this side, as a key: the text by its hash (:class:`reuse.align.Aligner` compares the text), usable words, language."""
        return hash(self.article.text), self.usable.tobytes(), self.analysis.language


def prepare(article: Article, usable: np.ndarray, analysis: Analysis, df: DocumentFrequency | None = None) -> Prepared:
    """Split an article into sentences with their content stems and weights.

    ``usable`` is the boilerplate mask from :func:`reuse.boilerplate.usable_words`;
    ``df`` the corpus document frequencies (uniform weights when ``None``).
    """
    return prepare_many([(article, usable, analysis)], df)[0]


def prepare_many(items: Sequence[tuple[Article, np.ndarray, Analysis]], df: DocumentFrequency | None = None) -> list[Prepared]:
    """:func:`prepare` of each ``(article, usable, analysis)``: the same values, the articles' numpy work done together.

    An article's arrays are a few hundred words and a few dozen sentences,
    and the forty-odd numpy calls of one article cost more than their
    arithmetic (about 340 microseconds an article of the benchmark
    corpus). Here the word and sentence arrays of all the articles are
    joined, each step is one call for them all, and the results are cut
    apart again; what stays per article is the Python (sentences,
    quotations, a long sentence's cut, the headline) and the few calls
    whose results must come out as one call each would give them (the
    float sums of the sentence weights).
    """
    if not items:
        return []
    articles = [article for article, _, _ in items]
    analyses = [analysis for _, _, analysis in items]
    texts = [article.text for article in articles]
    n_words = np.array([len(analysis) for analysis in analyses], dtype=np.int64)
    word_at = _offsets(n_words)  # each article's first word among all
    owner = np.repeat(np.arange(len(items)), n_words)  # each word's article
    # Each word's start among the texts joined by line breaks (as segment.unit_words_many joins them).
    char_at = _offsets(np.array([len(text) + 1 for text in texts], dtype=np.int64))
    starts = np.concatenate([analysis.starts for analysis in analyses]) + char_at[owner]
    stems = np.concatenate([analysis.stems for analysis in analyses])
    words = np.concatenate([analysis.words for analysis in analyses])
    usable = np.concatenate([mask for _, mask, _ in items])
    quoted = np.frombuffer(b"".join(bytes(quoted_mask(text)) + b"\0" for text in texts), dtype=np.uint8)[starts].astype(bool)
    units = unit_words_many(texts, [analysis.starts for analysis in analyses])

    # The distinct content stems of each article, and the column of each content word's stem, from one sort.
    content = np.flatnonzero(usable & (stems != 0))
    content_owner = owner[content]
    uniq, column, uniq_owner = _distinct_by(stems[content], content_owner)
    uniq_at = _offsets(np.bincount(uniq_owner, minlength=len(items)))
    column -= uniq_at[content_owner]
    content_at = _offsets(np.bincount(content_owner, minlength=len(items)))
    idf = df.idf(uniq) if df is not None else np.ones(len(uniq))
    stem_weight = np.maximum(idf, 1e-3).astype(np.float32)

    # Runs of MIN_RUN + 2 usable words: one n-gram pass over all the usable words, the runs across two articles dropped.
    usable_idx = np.flatnonzero(usable)
    usable_owner = owner[usable_idx]
    n_usable = np.bincount(usable_owner, minlength=len(items))
    usable_at = _offsets(n_usable)
    n_grams = np.maximum(n_usable - (MIN_RUN + 1), 0)
    gram_pos = np.repeat(usable_at[:-1], n_grams) + ranks(n_grams)  # each run's first word among the usable ones
    grams = ngram_hashes(words[usable_idx], MIN_RUN + 2)[gram_pos]
    gram_owner = np.repeat(np.arange(len(items)), n_grams)
    gram_at = _offsets(n_grams)
    # Sorted within each article, so a pair finds the occurrences of the runs it shares by bisection.
    order = _argsort_within(grams, gram_at)  # the fast sort: the order is the same unless a run repeats
    ordered = grams[order]
    firsts = np.ones(len(grams), dtype=bool)
    firsts[1:] = (ordered[1:] != ordered[:-1]) | (gram_owner[1:] != gram_owner[:-1])
    repeating = np.unique(gram_owner[~firsts]).tolist()
    for k in repeating:  # a repeated run's occurrences in text order
        order[gram_at[k] : gram_at[k + 1]] = np.argsort(grams[gram_at[k] : gram_at[k + 1]], kind="stable") + gram_at[k]
    if repeating:
        ordered = grams[order]
    set_at = _offsets(np.bincount(gram_owner[firsts], minlength=len(items)))
    gram_sets = ordered[firsts]

    # Sentences: found per article, their word ranges from one search.
    found = [sentence_spans(text, analysis.language) for text, analysis in zip(texts, analyses)]
    n_found = np.array([len(spans) for spans in found], dtype=np.int64)
    bounds = np.array([bound for spans in found for span in spans for bound in span], dtype=np.int64).reshape(-1, 2)
    shift = np.repeat(char_at[:-1], n_found)
    first_word = np.repeat(word_at[:-1], n_found)
    lows = (np.searchsorted(starts, bounds[:, 0] + shift, side="left") - first_word).tolist()
    highs = (np.searchsorted(starts, bounds[:, 1] + shift, side="left") - first_word).tolist()
    spans, sent_lows, sent_highs = [], [], []
    at = 0
    for k, (article_spans, n) in enumerate(zip(found, n_found.tolist())):
        cut = _cut_long(article_spans, lows[at : at + n], highs[at : at + n], analyses[k])
        at += n
        spans.append(cut[0])
        sent_lows.append(cut[1])
        sent_highs.append(cut[2])
    n_sent = np.array([len(article_spans) for article_spans in spans], dtype=np.int64)
    sent_at = _offsets(n_sent)
    lo_arr = np.array([lo for los in sent_lows for lo in los], dtype=np.int64)
    hi_arr = np.array([hi for his in sent_highs for hi in his], dtype=np.int64)
    sizes = hi_arr - lo_arr
    sentence_owner = np.repeat(np.arange(len(items)), n_sent)
    # Sentence of every word (-1 outside sentences), numbered within its article.
    sentence_of = np.full(len(starts), -1, dtype=np.int64)
    members = np.repeat(lo_arr + word_at[sentence_owner], sizes) + ranks(sizes)
    sentence_of[members] = np.repeat(np.arange(len(sizes)) - sent_at[sentence_owner], sizes)
    inside = sentence_of >= 0
    usable_in = np.bincount((sentence_of + sent_at[owner])[usable & inside], minlength=len(sizes))
    barrier = ((sizes > 0) & (usable_in == 0)).astype(np.int64)
    # Each article's running count of barriers after a 0 (one slot more per article): the running count over all
    # sentences less its value before the article's first.
    running = np.cumsum(barrier)
    barrier_before = np.zeros(len(sizes) + len(items), dtype=np.int64)
    barrier_before[np.arange(len(sizes)) + sentence_owner + 1] = running - (running - barrier)[sent_at[sentence_owner]]
    rows = sentence_of[content]
    gram_sentence = sentence_of[usable_idx[gram_pos[order]]]

    out = []
    word_at, content_at, uniq_at, sent_at, gram_at, set_at = (a.tolist() for a in (word_at, content_at, uniq_at, sent_at, gram_at, set_at))
    for k, (article, (_, mask, analysis)) in enumerate(zip(articles, items)):
        w0, w1 = word_at[k], word_at[k + 1]
        c0, c1 = content_at[k], content_at[k + 1]
        u0, u1 = uniq_at[k], uniq_at[k + 1]
        s0, s1 = sent_at[k], sent_at[k + 1]
        g0, g1 = gram_at[k], gram_at[k + 1]
        article_units = units[k]
        stem_count = np.ones(u1 - u0, dtype=np.float32)
        if article_units is not None:
            stem_count[column[c0:c1][article_units[content[c0:c1] - w0]]] = UNIT_STEM_COUNT
        stem_in = np.zeros((u1 - u0, s1 - s0), dtype=np.float32)
        keep = rows[c0:c1] >= 0
        stem_in[column[c0:c1][keep], rows[c0:c1][keep]] = 1.0
        weight = stem_weight[u0:u1]
        article_usable_in = usable_in[s0:s1]
        out.append(
            Prepared(
                article=article,
                analysis=analysis,
                usable=mask,
                quoted=quoted[w0:w1],
                sent_spans=tuple(spans[k]),
                sent_words=tuple(zip(sent_lows[k], sent_highs[k])),
                sent_weight=np.ascontiguousarray(stem_in.T, dtype=np.float64) @ weight.astype(np.float64),
                sentence_of=sentence_of[w0:w1],
                grams=ordered[g0:g1],
                gram_sentence=gram_sentence[g0:g1],
                gram_set=gram_sets[set_at[k] : set_at[k + 1]],
                barrier_before=barrier_before[s0 + k : s1 + k + 1],
                stems=uniq[u0:u1],
                stem_in=stem_in,
                stem_weight=weight,
                stem_count=stem_count,
                usable_in=tuple(article_usable_in.tolist()),
                usable_count=int(n_usable[k]),
                units=article_units,
                headline=headline_words(article.text, spans[k], article_usable_in),
            )
        )
    return out


def _offsets(counts: np.ndarray) -> np.ndarray:
    """Where each of the groups of ``counts`` items starts among them all, and their total last.

    >>> _offsets(np.array([2, 0, 3])).tolist()
    [0, 2, 2, 5]
    """
    return np.concatenate(([0], np.cumsum(counts))).astype(np.int64)


def _argsort_within(values: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Indices that sort ``values[bounds[k]:bounds[k + 1]]`` within each ``k`` (``np.argsort`` of each, offset).

    One small sort per group beats one sort of all of them by (group, value):
    17 against 80 microseconds an article for the runs of 64 articles of
    the benchmark corpus (``np.lexsort``), the groups' arrays sorted in cache.

    >>> _argsort_within(np.array([5, 3, 9, 1, 2]), np.array([0, 2, 2, 5])).tolist()
    [1, 0, 3, 4, 2]
    """
    ends = bounds[1:].tolist()
    return np.concatenate([np.zeros(0, dtype=np.intp)] + [np.argsort(values[lo:hi]) + lo for lo, hi in zip(bounds[:-1].tolist(), ends) if hi > lo])


def _distinct_by(values: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct ``values`` of each group (``groups`` sorted), sorted within it; the position of each value among all those; each one's group.

    >>> [x.tolist() for x in _distinct_by(np.array([30, 10, 30, 20, 10]), np.array([0, 0, 0, 1, 1]))]
    [[10, 30, 10, 20], [1, 0, 1, 3, 2], [0, 0, 1, 1]]
    """
    if len(values) == 0:
        return values.copy(), np.zeros(0, dtype=np.int64), groups.copy()
    order = _argsort_within(values, _offsets(np.bincount(groups)))
    ordered, ordered_groups = values[order], groups[order]
    firsts = np.ones(len(values), dtype=bool)
    firsts[1:] = (ordered[1:] != ordered[:-1]) | (ordered_groups[1:] != ordered_groups[:-1])
    position = np.empty(len(values), dtype=np.int64)
    position[order] = np.cumsum(firsts) - 1
    return ordered[firsts], position, ordered_groups[firsts]


#: The most words (usable, a CJK character counting one) a headline opening an article has.
HEADLINE_WORDS = 20


#: The first letter after a line break: in lower case, a sentence goes on (text wrapped at a width). Looked for in
#: the headline and the characters after it.
_AFTER_BREAK = re.compile(r"\n[ \t]*(\w)")
_WRAP_LOOKAHEAD = 400


def headline_words(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...], usable_in: np.ndarray) -> int:
    """Usable words of the article's first sentence when it is a headline, else 0.

    A headline is a first line of its own of at most :data:`HEADLINE_WORDS`
    usable words that ends in no full stop, in a text not wrapped at a
    width (no line in it or in the few hundred characters after it goes
    on in lower case after a break). A copy
    that prints the headline its source keeps in its metadata holds that
    much text of its own, which is no text it added: the shares reused
    leave an unmatched headline out (:func:`reuse.align._coverage`).

    >>> t = "Port strike halts traffic\\nWorkers walked out. Ships waited."
    >>> headline_words(t, [(0, 25), (26, 45), (46, 59)], np.array([4, 3, 2]))
    4
    >>> headline_words("Workers walked out.\\nShips waited.", [(0, 19), (20, 33)], np.array([3, 2]))
    0
    >>> headline_words("In probability theory, the prior\\nprobabilities are related.", [(0, 32), (33, 59)], np.array([4, 3]))
    0
    >>> headline_words("Bayes law (after Rev\\nThomas Bayes) relates\\ntwo events.", [(0, 20), (21, 42), (43, 54)], np.array([4, 3, 2]))
    0
    """
    if len(spans) < 2 or not 0 < usable_in[0] <= HEADLINE_WORDS:
        return 0
    start, end = spans[0]
    line_end = text.find("\n", end)
    if line_end < 0 or text[end:line_end].strip() or ends_sentence(text[start:end]):
        return 0
    if any(found.group(1).islower() for found in _AFTER_BREAK.finditer(text, 0, line_end + _WRAP_LOOKAHEAD)):
        return 0  # a line broken inside a sentence: text wrapped at a width
    return int(usable_in[0])


def _cut_long(spans, lows, highs, analysis: Analysis):
    """Cut sentences of more than ``_MAX_SENTENCE`` words into ``_CHUNK``-word pieces.

    Text without sentence punctuation (a transcript, a script whose stops we
    do not know) would otherwise be one sentence, and one shared paragraph
    would make the whole article a passage.
    """
    if all(hi - lo <= _MAX_SENTENCE for lo, hi in zip(lows, highs)):
        return spans, lows, highs
    out_spans, out_lows, out_highs = [], [], []
    for (s, e), lo, hi in zip(spans, lows, highs):
        if hi - lo <= _MAX_SENTENCE:
            out_spans.append((s, e))
            out_lows.append(lo)
            out_highs.append(hi)
            continue
        for first in range(lo, hi, _CHUNK):
            last = min(hi, first + _CHUNK)
            out_spans.append((int(analysis.starts[first]), int(analysis.ends[last - 1])))
            out_lows.append(first)
            out_highs.append(last)
    return out_spans, out_lows, out_highs
