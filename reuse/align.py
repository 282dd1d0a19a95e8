"""Candidate pairs -> aligned passages with spans in both texts and a kind.

How a pair is aligned:

1. Each article is split into sentences (:func:`reuse.sentences.sentence_spans`;
   "sentences" of more than 60 words are cut into 40-word chunks) and keeps a
   sentences x content-stems matrix of its usable words (boilerplate, the
   article's own repetitions and stopwords left out), stems weighted by idf.
2. A sentence pair seeds a passage when its idf-weighted Dice and cosine reach
   ``seed_dice`` and ``seed_cosine`` (the PAN 2014 winner's rule), or when the
   smaller sentence is mostly inside the larger (``seed_overlap``: a fragment
   cut from a long sentence), or when the two share identical runs of five
   words; in each case they share at least three stems. All sentence pairs are
   scored at once with two matrix products. Each sentence keeps its best
   partner on the other side.
3. Seeds in order on both sides, within ``max_gap`` sentences, join one
   passage; a boilerplate line between them keeps them apart.
4. Inside each passage a word-level alignment (difflib) finds the runs of
   identical words: their share is the ``verbatim_share``, their average
   length the ``mean_run``, and the share of the passage that is the same
   quotation on both sides the ``quote_share``. These give the kind.

A passage must share ``min_passage_words`` content stems and be at least as
alike as a seed (or mostly identical); a pair needs ``min_shared_words`` over
its passages and a passage reaching ``min_similarity`` (or mostly identical
wording), and a pair with almost no identical runs (``min_rewrite_verbatim``)
a passage reaching ``rewrite_similarity``, so two reports of one event do not
match on names, titles and topic words.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from cydifflib import Match, SequenceMatcher  # difflib's algorithm, compiled: the same blocks

from .config import AlignConfig
from .model import Extent, Pair, Passage, ReuseKind
from .prepared import MIN_RUN, UNIT_STEM_COUNT, Prepared, prepare
from .text import analyze, counted, members, ranks
from .words import first_few, plural

__all__ = ["MAX_ALIGN_WORDS", "Aligner", "Prepared", "align_pair", "alignable", "prepare", "sentence_similarity"]

#: Articles longer than this are not aligned: alignment's view of an article holds a stems x
#: sentences matrix, which grows with the square of its length (100,000 words of English took
#: about 600 MB at its peak, 400,000 took 3.9 GB). A news article is a few thousand words;
#: a file this long is a dump of many, or a book.
MAX_ALIGN_WORDS = 100_000


def alignable(candidates: list[tuple[int, int]], words, id_of) -> tuple[list[tuple[int, int]], str | None]:
    """The candidate pairs whose articles are short enough to align, and a warning naming those that are not.

    ``words[i]`` is the word count of article ``i``, ``id_of(i)`` its id.
    """
    long = set(np.flatnonzero(np.asarray(words) > MAX_ALIGN_WORDS).tolist())  # almost always none: no pass over the pairs
    if not long:
        return candidates, None
    too_long = sorted({i for pair in candidates for i in pair if i in long}, key=lambda i: str(id_of(i)))
    if not too_long:
        return candidates, None
    left_out = set(too_long)
    ids = {i: id_of(i) for i in too_long}
    named = first_few([f"{ids[i]} ({int(words[i]):,} words)" for i in too_long])
    warning = (
        f"{plural(len(too_long), 'article')} of more than {MAX_ALIGN_WORDS:,} words, {named}, "
        f"{'were' if len(too_long) != 1 else 'was'} matched but not aligned with any other (alignment's memory grows with "
        f"the square of an article's length): split such a file into its articles."
    )
    return [p for p in candidates if p[0] not in left_out and p[1] not in left_out], warning

# Shared content stems a sentence pair needs to seed, and to seed as a fragment; like every count
# of shared stems here, a CJK character's or letter cluster's stem counts for half (UNIT_STEM_COUNT).
_MIN_SEED_STEMS = 3
_MIN_FRAGMENT_STEMS = 5


def _verbatim_hits(pa: Prepared, pb: Prepared, min_runs: int = 1) -> dict[tuple[int, int], int]:
    """Sentence pairs joined by at least ``min_runs`` identical runs of ``MIN_RUN + 2`` usable words, with counts.

    Each run in A counts once with each of its first four occurrences in B.
    """
    if len(pa.gram_set) == 0 or len(pb.gram_set) == 0:
        return {}
    shared = _shared(pa.gram_set, pb.gram_set)
    if len(shared) == 0:
        return {}
    # The occurrences of each shared run on each side: a range of the sorted runs.
    a_first = np.searchsorted(pa.grams, shared, side="left")
    b_first = np.searchsorted(pb.grams, shared, side="left")
    if len(pa.grams) == len(pa.gram_set) and len(pb.grams) == len(pb.gram_set):
        sent_i, sent_j = pa.gram_sentence[a_first], pb.gram_sentence[b_first]  # each run once on each side
    else:
        a_count = np.searchsorted(pa.grams, shared, side="right") - a_first
        b_count = np.minimum(np.searchsorted(pb.grams, shared, side="right") - b_first, 4)
        # Every occurrence in A, with each of the first (up to four) occurrences in B, in text order.
        partners = np.repeat(b_count, a_count)
        sent_i = np.repeat(pa.gram_sentence[np.repeat(a_first, a_count) + ranks(a_count)], partners)
        sent_j = pb.gram_sentence[np.repeat(np.repeat(b_first, a_count), partners) + ranks(partners)]
    # Sentence indices may be -1 (a word outside every sentence): shift by one to encode.
    width = len(pb.sent_spans) + 1
    keys, hits = counted((sent_i + 1) * width + (sent_j + 1))
    if min_runs > 1:
        keys, hits = keys[hits >= min_runs], hits[hits >= min_runs]
    return dict(zip(zip((keys // width - 1).tolist(), (keys % width - 1).tolist()), hits.tolist()))


def _shared(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values two sorted distinct arrays share, sorted.

    >>> _shared(np.array([1, 3, 5]), np.array([3, 4, 5])).tolist()
    [3, 5]
    """
    both = np.concatenate((a, b))
    both.sort()
    return both[:-1][both[1:] == both[:-1]]


def _seeds(pa: Prepared, pb: Prepared, config: AlignConfig) -> tuple[list[tuple[int, int, float]], np.ndarray]:
    """Sentence pairs ``(i in A, j in B, dice)`` similar enough to seed a passage.

    Also returns the number of content stems every sentence pair shares.

    A pair seeds when it shares an identical run of words, or when its
    idf-weighted Dice and cosine reach the thresholds (the PAN 2014 rule), or
    when the smaller sentence is mostly inside the larger (a cut fragment of a
    long sentence). Idf weights make shared names and topic words count for
    less than the rare words a copy carries along. Each sentence keeps its
    best partner on the other side, so split and merged sentences align.
    """
    scored: dict[tuple[int, int], float] = {}
    cols_a = cols_b = np.zeros(0, dtype=np.int64)
    if len(pa.stems) and len(pb.stems):
        # Shared stems of the two articles, then every sentence pair at once:
        # how many shared stems (count) and their summed idf (mass).
        pos = np.minimum(np.searchsorted(pa.stems, pb.stems), len(pa.stems) - 1)
        common = pa.stems[pos] == pb.stems
        cols_a, cols_b = pos[common], np.flatnonzero(common)
    if not len(cols_a):
        dice = np.zeros((len(pa.sent_spans), len(pb.sent_spans)))
        count = np.zeros((len(pa.sent_spans), len(pb.sent_spans)), dtype=np.float32)
    else:
        in_a = pa.stem_in[cols_a].T  # sentences x shared stems
        in_b = pb.stem_in[cols_b].T
        count = (in_a * pa.stem_count[cols_a]) @ in_b.T
        mass = (in_a * pa.stem_weight[cols_a]) @ in_b.T
        wa = np.asarray(pa.sent_weight, dtype=np.float64)[:, None]
        wb = np.asarray(pb.sent_weight, dtype=np.float64)[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            dice = 2 * mass / (wa + wb)
            pan = (dice >= config.seed_dice) & (mass / np.sqrt(wa * wb) >= config.seed_cosine)
            fragment = (count >= _MIN_FRAGMENT_STEMS) & (mass / np.minimum(wa, wb) >= config.seed_overlap)
        hits = (count >= _MIN_SEED_STEMS) & (pan | fragment)
        rows, cols = np.nonzero(hits)
        scored = dict(zip(zip(rows.tolist(), cols.tolist()), dice[rows, cols].tolist()))
    for i, j in _verbatim_hits(pa, pb, min_runs=2):
        if (i, j) not in scored:
            scored[(i, j)] = float(dice[i, j]) if dice[i, j] > 0 else 1.0
    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    for (i, j), dice in scored.items():
        if (dice, -j) > best_a.get(i, (-1.0, 0)):
            best_a[i] = (dice, -j)
        if (dice, -i) > best_b.get(j, (-1.0, 0)):
            best_b[j] = (dice, -i)
    keep = {(i, -nj) for i, (_, nj) in best_a.items()} | {(-ni, j) for j, (_, ni) in best_b.items()}
    return sorted((i, j, scored[(i, j)]) for i, j in keep), count


def _no_barrier(p: Prepared, lo: int, hi: int) -> bool:
    """True when no boilerplate-only sentence lies strictly between ``lo`` and ``hi``."""
    return hi - lo < 2 or p.barrier_before[hi] - p.barrier_before[lo + 1] == 0


def _chain(seeds: list[tuple[int, int, float]], pa: Prepared, pb: Prepared, max_gap: int) -> list[list[tuple[int, int, float]]]:
    """Group seeds into passages: in order on both sides, close, no boilerplate between."""
    seeds = sorted(seeds)
    parent = list(range(len(seeds)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    step = max_gap + 1
    for x, (i, j, _) in enumerate(seeds):
        for y in range(x + 1, len(seeds)):
            i2, j2, _ = seeds[y]
            if i2 - i > step:
                break
            # In order on both sides; one side may stay on a sentence the other
            # split in two (i2 == i or j2 == j), but not both.
            ordered = (i2 > i and 0 <= j2 - j <= step) or (i2 == i and 0 < j2 - j <= step)
            if ordered and _no_barrier(pa, i, i2) and _no_barrier(pb, j, j2):
                parent[find(y)] = find(x)
    groups: dict[int, list[tuple[int, int, float]]] = {}
    for x, seed in enumerate(seeds):
        groups.setdefault(find(x), []).append(seed)
    return list(groups.values())


def _words_in(p: Prepared, first: int, last: int) -> np.ndarray:
    """Indices of usable words in sentences ``first..last``."""
    lo = p.sent_words[first][0]
    hi = p.sent_words[last][1]
    return lo + np.flatnonzero(p.usable[lo:hi])


def _matching_blocks(seq_a: list[int], seq_b: list[int]) -> list[Match]:
    """difflib's identical runs of ``MIN_RUN`` words or more, the same whichever side is A.

    difflib breaks ties towards its first sequence, so the runs it finds
    depend on the order; both orders are matched and the one that matches
    more words (then in fewer runs; then the one with the smaller sequence
    first) is kept, in A's and B's positions.
    """
    forward = [blk for blk in SequenceMatcher(None, seq_a, seq_b, autojunk=False).get_matching_blocks() if blk.size >= MIN_RUN]
    if len(forward) == 1 and forward[0].size == min(len(seq_a), len(seq_b)):
        return forward  # the shorter whole, at its first place in the longer: the same found from either side
    backward = [
        Match(blk.b, blk.a, blk.size) for blk in SequenceMatcher(None, seq_b, seq_a, autojunk=False).get_matching_blocks() if blk.size >= MIN_RUN
    ]
    ahead = (sum(blk.size for blk in forward), -len(forward))
    behind = (sum(blk.size for blk in backward), -len(backward))
    if ahead != behind:
        return forward if ahead > behind else backward
    return forward if seq_a <= seq_b else backward


#: Identical words outside quotation marks (in runs of MIN_RUN or more) that make a passage a copy, not only a quotation.
_COPIED_OUTSIDE_QUOTES = 12


def _passage(pa: Prepared, pb: Prepared, group: list[tuple[int, int, float]], config: AlignConfig) -> tuple[Passage, float, set[int], set[int]] | None:
    """The passage a group of seeds spans, the content stems it shares (a CJK or cluster stem counting half), and the sentences that aligned on each side."""
    ia = [g[0] for g in group]
    jb = [g[1] for g in group]
    a_first, a_last, b_first, b_last = min(ia), max(ia), min(jb), max(jb)
    cols_a = np.flatnonzero(pa.stem_in[:, a_first : a_last + 1].any(axis=1))
    cols_b = np.flatnonzero(pb.stem_in[:, b_first : b_last + 1].any(axis=1))
    shared_cols = np.flatnonzero(members(pa.stems[cols_a], pb.stems[cols_b])) if len(cols_b) else cols_b
    shared = float(pa.stem_count[cols_a[shared_cols]].sum())
    if shared < config.min_passage_words:
        return None
    words_a = _words_in(pa, a_first, a_last)
    words_b = _words_in(pb, b_first, b_last)
    seq_a = pa.analysis.words[words_a].tolist()
    seq_b = pb.analysis.words[words_b].tolist()
    if seq_a == seq_b:  # a verbatim copy: difflib would find the one block
        blocks = [Match(0, 0, len(seq_a))] if len(seq_a) >= MIN_RUN else []
    else:
        blocks = _matching_blocks(seq_a, seq_b)
    matched = sum(blk.size for blk in blocks)
    shorter = max(1, min(len(seq_a), len(seq_b)))
    verbatim = matched / shorter
    weight_a, weight_b = pa.stem_weight[cols_a], pb.stem_weight[cols_b]
    dice = 2 * float(weight_a[shared_cols].sum()) / max(1e-9, float(weight_a.sum() + weight_b.sum()))
    # The share of the passage that is the same quotation on both sides: a
    # rewrite that keeps one quotation intact is still a rewrite.
    run_words = float(matched)  # the identical runs' length in words: a CJK character or letter cluster is part of one
    if blocks:
        in_a = np.concatenate([words_a[blk.a : blk.a + blk.size] for blk in blocks])
        in_b = np.concatenate([words_b[blk.b : blk.b + blk.size] for blk in blocks])
        both_quoted = int(np.sum(pa.quoted[in_a] & pb.quoted[in_b]))
        quote = both_quoted / shorter
        # Mostly the same quotation; or, in a passage too loose to be a rewrite (the same events told again around
        # them), identical words that are mostly quotations. Identical wording outside the quotations as long as a
        # sentence of reporting is copied, not only quoted.
        quoting = quote >= config.quote_share or (dice < config.min_similarity and 2 * both_quoted >= matched)
        only_quoting = quoting and matched - both_quoted < _COPIED_OUTSIDE_QUOTES
        if pa.units is not None:  # the runs are identical: side a's words are side b's
            run_words -= (1.0 - UNIT_STEM_COUNT) * float(np.count_nonzero(pa.units[in_a]))
    else:
        quote = min(float(pa.quoted[words_a].mean()) if len(words_a) else 0.0, float(pb.quoted[words_b].mean()) if len(words_b) else 0.0)
        only_quoting = quote >= config.quote_share
    mean_run = run_words / len(blocks) if blocks else 0.0
    length = shorter * run_words / matched if matched else float(shorter)  # the passage in words, as the runs count them
    kind = ReuseKind.SHARED_QUOTES if only_quoting else _kind(verbatim, mean_run, length, config)
    passage = Passage(
        a_start=pa.sent_spans[a_first][0],
        a_end=pa.sent_spans[a_last][1],
        b_start=pb.sent_spans[b_first][0],
        b_end=pb.sent_spans[b_last][1],
        kind=kind,
        similarity=round(dice, 4),
        verbatim_share=round(verbatim, 4),
        quote_share=round(quote, 4),
        mean_run=round(mean_run, 2),
    )
    # Containment counts the sentences that aligned, not the gaps between them.
    return passage, shared, set(ia), set(jb)


def _coverage(p: Prepared, sentence_sets: list[set[int]]) -> float:
    """The share of the article's usable words in the sentences of ``sentence_sets``, an unmatched headline left out.

    A copy printing the headline its source keeps in its metadata
    (:func:`reuse.prepared.headline_words`) added no text of its own.
    """
    if not p.usable_count or not sentence_sets:
        return 0.0
    n = len(p.usable_in)  # a sentence -1 (words outside every sentence) stands for the last, as indexing reads it
    covered = {i % n for s in sentence_sets for i in s}
    total = p.usable_count - (p.headline if 0 not in covered else 0)
    return min(1.0, float(_usable_in(p, covered)) / max(1, total))


def _usable_in(p: Prepared, sentences: set[int]) -> int:
    """Usable words in ``sentences`` (sentences hold disjoint runs of words)."""
    return sum(p.usable_in[i] for i in sentences)


def _kind(verbatim: float, mean_run: float, length: float, config: AlignConfig) -> ReuseKind:
    """Verbatim needs most words in long identical runs; light editing breaks runs often.

    A passage shorter than ``verbatim_run`` words needs runs as long as it can hold.
    """
    if verbatim >= config.verbatim_share and mean_run >= min(config.verbatim_run, 0.9 * length):
        return ReuseKind.VERBATIM
    if verbatim >= config.light_share:
        return ReuseKind.LIGHT_REWRITE
    return ReuseKind.HEAVY_REWRITE


#: Share of a passage's text on the shorter article's side that another, more alike passage holds there
#: too, for it to be that text matched a second time (an echo; see :func:`_echoes`).
ECHO_INSIDE = 0.8


def _echoes(passages: list[Passage], side: str) -> set[int]:
    """Positions of the passages whose text on ``side`` (the shorter article's) lies mostly inside a more alike passage's.

    That text matched twice: word for word against the passage it was
    taken from, and loosely against other text of the longer article (a
    paragraph of the wire's on the same events). It is reported, but it is
    no second reuse: it does not weigh in the pair's kind, verbatim share
    or similarity. On the longer side, text matched twice is its text
    reused twice by the shorter (an answer that copies a sentence and
    paraphrases it again): both count.
    """
    found = set()
    for k, p in enumerate(passages):
        ps, pe = (p.a_start, p.a_end) if side == "a" else (p.b_start, p.b_end)
        for q in passages:
            qs, qe = (q.a_start, q.a_end) if side == "a" else (q.b_start, q.b_end)
            if q.similarity > p.similarity and pe > ps and min(pe, qe) - max(ps, qs) >= ECHO_INSIDE * (pe - ps):
                found.add(k)
                break
    return found


def _pair_kind(counted: list[tuple[Passage, int]], config: AlignConfig) -> tuple[ReuseKind, float]:
    """The pair's kind and verbatim share, from its ``counted`` passages (with their sizes) other than shared quotations.

    A pair whose every passage is a shared quotation is ``shared-quotes``;
    its verbatim share is then taken over all passages.
    """
    own = [(p, n) for p, n in counted if p.kind is not ReuseKind.SHARED_QUOTES]
    weighed = own or counted
    weight = max(1, sum(n for _, n in weighed))
    matched = sum(p.verbatim_share * n for p, n in weighed)
    verbatim = matched / weight
    if not own:
        return ReuseKind.SHARED_QUOTES, verbatim
    runs = sum(p.verbatim_share * n / p.mean_run for p, n in own if p.mean_run)
    return _kind(verbatim, matched / runs if runs else 0.0, weight, config), verbatim


def align_pair(pa: Prepared, pb: Prepared, config: AlignConfig) -> Pair | None:
    """Align two prepared articles; ``None`` when they share no real passage.

    The pair keeps the order given: ``pair.a`` is ``pa.article.id``.
    """
    seeds, shared_stems = _seeds(pa, pb, config)
    if not seeds:
        return None
    groups = _chain(seeds, pa, pb, config.max_gap)
    # A lone sentence pair sharing too few stems cannot make a passage: skip it unaligned.
    groups = [g for g in groups if len(g) > 1 or shared_stems[g[0][0], g[0][1]] >= config.min_passage_words]
    found = [r for g in groups if (r := _passage(pa, pb, g, config))]
    # A passage less alike than a seed is a loose paraphrase of the same
    # events, too weak to report unless its wording is mostly identical.
    found = [r for r in found if r[0].similarity >= config.seed_dice or r[0].verbatim_share >= config.light_share]
    if not found or sum(shared for _, shared, _, _ in found) < config.min_shared_words:
        return None
    found.sort(key=lambda r: (r[0].a_start, r[0].b_start))
    passages = [r[0] for r in found]
    sizes = [min(_usable_in(pa, r[2]), _usable_in(pb, r[3])) or 1 for r in found]
    echoes = _echoes(passages, "a" if pa.usable_count < pb.usable_count else "b")
    counted = [(p, n) for k, (p, n) in enumerate(zip(passages, sizes)) if k not in echoes]  # never empty: the most alike is no echo
    # A loose passage (less alike than a pair must be, no identical run) beside ones that make the pair says nothing of
    # how the text was reused: sentences on one topic, sharing its names. It is listed, and weighs in the similarity.
    kinded = [(p, n) for p, n in counted if p.similarity >= config.min_similarity or p.verbatim_share > 0] or counted
    kind, verbatim = _pair_kind(kinded, config)
    # Whether the pair stands at all is read over every passage counted, loose ones included, as before the kind.
    overall = verbatim if len(kinded) == len(counted) else _pair_kind(counted, config)[1]
    best = max(p.similarity for p in passages)
    if best < config.min_similarity and overall < config.verbatim_share:
        return None
    if overall < config.min_rewrite_verbatim and best < config.rewrite_similarity:
        return None
    cont_a = _coverage(pa, [r[2] for r in found])
    cont_b = _coverage(pb, [r[3] for r in found])
    if pa.usable_count == pb.usable_count:
        smaller = max(cont_a, cont_b)
    else:
        smaller = cont_a if pa.usable_count < pb.usable_count else cont_b
    weight = max(1, sum(n for _, n in counted))
    return Pair(
        a=pa.article.id,
        b=pb.article.id,
        kind=kind,
        extent=Extent.WHOLE if smaller >= config.whole_share else Extent.PARTIAL,
        similarity=round(sum(p.similarity * n for p, n in counted) / weight, 4),
        containment_a=round(cont_a, 4),
        containment_b=round(cont_b, 4),
        verbatim_share=round(verbatim, 4),
        passages=tuple(passages),
    )


class Aligner:
    """:func:`align_pair` that aligns two texts once, however many times they come.

    The result depends on the two sides' text, usable words and language
    only (and on the corpus statistics, which must be the same for every
    view given to one aligner), never on the articles' ids. One story
    carried word for word by hundreds of outlets makes a pair of every two
    copies: all of them are the first pair's result under their own ids.
    """

    #: Pairs of texts remembered, the oldest forgotten first: copies of one story come together.
    REMEMBERED = 256

    def __init__(self, config: AlignConfig) -> None:
        self.config = config
        self._done: dict[tuple, tuple[str, str, Pair | None]] = {}

    def __call__(self, pa: Prepared, pb: Prepared) -> Pair | None:
        key = (pa.side, pb.side)
        done = self._done.get(key)
        if done is not None and done[0] == pa.article.text and done[1] == pb.article.text:
            return None if done[2] is None else replace(done[2], a=pa.article.id, b=pb.article.id)
        pair = align_pair(pa, pb, self.config)
        if len(self._done) >= self.REMEMBERED:
            del self._done[next(iter(self._done))]
        self._done[key] = (pa.article.text, pb.article.text, pair)
        return pair


def sentence_similarity(a: str, b: str) -> float:
    """Dice coefficient of the stems of two sentences, function words kept.

    The rewrite channel's measure for one sentence pair with no corpus to
    weigh words by. Alignment uses its idf-weighted form, in which function
    words (used by every article) weigh almost nothing; here they count, and
    on MSRP they help: sentences that keep each other's structure are
    paraphrases more often.

    >>> round(sentence_similarity("The Kremlin dismissed the concerns.", "Concerns were dismissed by the Kremlin."), 2)
    0.8
    """
    language = analyze(f"{a}\n{b}").language or ""  # one guess, so both stem alike
    sa, sb = analyze(a, language), analyze(b, language)
    set_a = set(np.where(sa.stems != 0, sa.stems, sa.words).tolist())
    set_b = set(np.where(sb.stems != 0, sb.stems, sb.words).tolist())
    if not set_a and not set_b:
        return 1.0 if a.strip() == b.strip() else 0.0
    return 2 * len(set_a & set_b) / (len(set_a) + len(set_b))
