"""Alignment's view of one article: its sentences, their content stems and weights, its runs of words.

:func:`prepare` computes it once per article from the reading pass's word
arrays (:mod:`reuse.stored`) and the corpus's document frequencies; every
pair the article is in (:func:`reuse.align.align_pair`) reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .model import Article
from .quotes import quoted_mask
from .text import Analysis, DocumentFrequency, ends_sentence, ngram_hashes, ranks, sentence_spans, unit_words

__all__ = ["HEADLINE_WORDS", "MIN_RUN", "Prepared", "UNIT_STEM_COUNT", "headline_words", "prepare"]

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
    text = article.text
    spans = sentence_spans(text, analysis.language)
    starts = analysis.starts
    qmask = np.frombuffer(bytes(quoted_mask(text)), dtype=np.uint8)
    quoted = qmask[starts].astype(bool) if len(starts) else np.zeros(0, dtype=bool)
    # The distinct content stems, and the column of each content word's stem, from one sort.
    content = np.flatnonzero(usable & (analysis.stems != 0))
    uniq, column = _distinct(analysis.stems[content])
    stem_count = np.ones(len(uniq), dtype=np.float32)
    units = unit_words(text, starts)
    if units is not None:
        stem_count[column[units[content]]] = UNIT_STEM_COUNT
    usable_idx = np.flatnonzero(usable)
    grams = ngram_hashes(analysis.words[usable_idx], MIN_RUN + 2)
    idf = df.idf(uniq) if df is not None else np.ones(len(uniq))
    stem_weight = np.maximum(idf, 1e-3).astype(np.float32)
    bounds = np.array(spans, dtype=np.int64).reshape(len(spans), 2)
    lows = np.searchsorted(starts, bounds[:, 0], side="left").tolist()
    highs = np.searchsorted(starts, bounds[:, 1], side="left").tolist()
    spans, lows, highs = _cut_long(spans, lows, highs, analysis)
    n_sent = len(spans)
    lo_arr = np.array(lows, dtype=np.int64)
    hi_arr = np.array(highs, dtype=np.int64)
    sizes = hi_arr - lo_arr
    # Sentence of every word, and the sentences x stems matrix, in array operations.
    sentence_of = np.full(len(starts), -1, dtype=np.int64)
    members = np.repeat(lo_arr, sizes) + ranks(sizes)
    sentence_of[members] = np.repeat(np.arange(n_sent), sizes)
    stem_in = np.zeros((len(uniq), n_sent), dtype=np.float32)
    rows = sentence_of[content]
    keep = rows >= 0
    stem_in[column[keep], rows[keep]] = 1.0
    usable_in = np.bincount(sentence_of[usable & (sentence_of >= 0)], minlength=n_sent)
    barrier = (sizes > 0) & (usable_in == 0)
    # Runs sorted once here, so a pair finds the occurrences of the runs it shares by bisection.
    order = np.argsort(grams)  # the fast sort: the order is the same unless a run repeats
    ordered = grams[order]
    firsts = np.ones(len(grams), dtype=bool)
    firsts[1:] = ordered[1:] != ordered[:-1]
    if not firsts.all():
        order = np.argsort(grams, kind="stable")  # a repeated run's occurrences in text order
    grams = ordered
    return Prepared(
        article=article,
        analysis=analysis,
        usable=usable,
        quoted=quoted,
        sent_spans=tuple(spans),
        sent_words=tuple(zip(lows, highs)),
        sent_weight=np.ascontiguousarray(stem_in.T, dtype=np.float64) @ stem_weight.astype(np.float64),
        sentence_of=sentence_of,
        grams=grams,
        gram_sentence=sentence_of[usable_idx[order]],
        gram_set=grams[firsts],
        barrier_before=np.concatenate(([0], np.cumsum(barrier.astype(np.int64)))),
        stems=uniq,
        stem_in=stem_in,
        stem_weight=stem_weight,
        stem_count=stem_count,
        usable_in=tuple(usable_in.tolist()),
        usable_count=int(usable.sum()),
        units=units,
        headline=headline_words(text, spans, usable_in),
    )


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


def _distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``values``, sorted, and the position of each value among them.

    >>> [x.tolist() for x in _distinct(np.array([30, 10, 30, 20]))]
    [[10, 20, 30], [2, 0, 2, 1]]
    """
    if len(values) == 0:
        return values.copy(), np.zeros(0, dtype=np.int64)
    order = np.argsort(values)
    ordered = values[order]
    firsts = np.ones(len(values), dtype=bool)
    firsts[1:] = ordered[1:] != ordered[:-1]
    position = np.empty(len(values), dtype=np.int64)
    position[order] = np.cumsum(firsts) - 1
    return ordered[firsts], position


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
