"""Readings: the words of aligned passages, compared across the witnesses of a cluster.

Textual critics decide derivation by readings: a copy repeats its source's
changes to the text both come from (shared innovations), and where two texts
differ by a few words the reading the other witnesses share is the original
one. Readings here are word bigrams of the aligned passages, case folded; a
few coincidences are expected between two rewrites of one text, so each test
needs both a count and a share of the readings concerned. :mod:`reuse.stemma`
builds the cluster's tree from these tests.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import repeat
from operator import contains

from cydifflib import SequenceMatcher

import networkx as nx
import numpy as np

from .model import Article, Pair

__all__ = ["Readings", "agreed_readings", "attestation", "independent_readings", "repeats_innovations", "shared_innovations", "sides_taken"]

#: Shared innovations needed to attach an article below a candidate: at least
#: this many readings, and at least ``INNOVATION_SHARE`` of the article's own
#: changes to the common parent's text.
INNOVATION_MIN = 15
INNOVATION_SHARE = 0.1
#: Independently attested readings that refuse a text-only candidate: at
#: least this many, and at least ``ATTESTED_SHARE`` of the article's readings
#: in the passages it shares with the candidate.
ATTESTED_MIN = 4
ATTESTED_SHARE = 0.1
#: A variant is a change of at most this many words on either side inside an
#: aligned passage; a longer difference is text one side lacks altogether.
VARIANT_WORDS = 4
#: Witnesses that must share a reading before it counts as the original one
#: (one alone may be a copy of either side), and variant sites a pair needs
#: before its readings orient it; and how many times the sites won must
#: outnumber those lost (a clear majority, not a split of the witnesses).
ATTEST_WITNESSES = 2
ATTEST_SITES = 3
ATTEST_RATIO = 3

Grams = frozenset[int]


def _grams(text: str) -> set[int]:
    """Hashes of the case-folded word bigrams of ``text`` (equal bigrams, equal hashes).

    >>> len(_grams("The cat sat on the CAT SAT"))
    4
    """
    words = text.lower().split()
    if len(words) < 2:
        return set()
    hashes = np.fromiter(map(hash, words), dtype=np.int64, count=len(words))
    return set((hashes[:-1] * np.int64(1_000_003) ^ hashes[1:]).tolist())


class Readings:
    """Bigram sets of the passages of each pair, on each side, computed on first use."""

    def __init__(self, by_id: Mapping[str, Article]) -> None:
        self.by_id = by_id
        self.cache: dict[tuple[int, str], Grams] = {}
        self.lacking: dict[tuple[int, str], Grams] = {}
        self.supported: dict[str, Counter[int]] = {}
        self.whole: dict[str, str] = {}
        self.sites: dict[int, list[tuple[str, str]]] = {}

    def text(self, article_id: str) -> str:
        """The article's words, case folded, one space between and one at each end (for finding readings)."""
        found = self.whole.get(article_id)
        if found is None:
            found = self.whole[article_id] = f" {' '.join(self.by_id[article_id].text.lower().split())} "
        return found

    def variants(self, pair: Pair) -> list[tuple[str, str]]:
        """The places where the two sides' aligned text differs by a few words: (a's reading, b's reading).

        Each reading is the differing words with one word of context either
        side (space-padded, to be found in :meth:`text`), so that an omission
        is a reading too (the two context words). A longer difference is text
        one side lacks altogether (more of a fuller original, or an
        addition), not a change to a text both had.
        """
        found = self.sites.get(id(pair))
        if found is not None:
            return found
        text_a, text_b = self.by_id[pair.a].text, self.by_id[pair.b].text
        sites = self.sites[id(pair)] = []
        for p in pair.passages:
            wa, wb = text_a[p.a_start:p.a_end].lower().split(), text_b[p.b_start:p.b_end].lower().split()
            if wa == wb:
                continue
            for tag, i1, i2, j1, j2 in _opcodes(wa, wb):
                if tag == "equal" or max(i2 - i1, j2 - j1) > VARIANT_WORDS:
                    continue
                if min(i1, j1) < 1 or i2 >= len(wa) or j2 >= len(wb):
                    continue  # no context on one side
                sites.append((f" {' '.join(wa[i1 - 1 : i2 + 1])} ", f" {' '.join(wb[j1 - 1 : j2 + 1])} "))
        return sites

    def has(self, pair: Pair, side: str) -> bool:
        return (id(pair), side) in self.cache

    def against(self, pair: Pair, side: str) -> Grams:
        """What ``side`` reads in its passages of ``pair`` that the other side lacks there (computed once)."""
        key = (id(pair), side)
        found = self.lacking.get(key)
        if found is None:
            other = pair.b if side == pair.a else pair.a
            found = self.lacking[key] = self.of(pair, side) - self.of(pair, other)
        return found

    def support(self, graph: nx.Graph, z: str) -> Counter[int]:
        """For each reading, how many of ``z``'s partners hold it against ``z`` (:meth:`against`; computed once)."""
        found = self.supported.get(z)
        if found is None:
            found = self.supported[z] = Counter()
            for w, edge in graph.adj[z].items():
                found.update(self.against(edge["pair"], w))
        return found

    def of(self, pair: Pair, side: str) -> Grams:
        key = (id(pair), side)
        found = self.cache.get(key)
        if found is None:
            text = self.by_id[side].text
            grams: set[int] = set()
            for p in pair.passages:
                start, end = (p.a_start, p.a_end) if side == pair.a else (p.b_start, p.b_end)
                grams |= _grams(text[start:end])
            found = self.cache[key] = frozenset(grams)
        return found


def _opcodes(wa: list[str], wb: list[str]) -> list[tuple[str, int, int, int, int]]:
    """``SequenceMatcher``'s opcodes from ``wa`` to ``wb``, the same whichever side is given first.

    Its matching blocks depend on the order of its arguments (of equally
    long matches, the first in the first sequence is taken): read in the
    order of the pair's ids, renaming a file changed where two texts differ,
    and with it verdicts elsewhere in the cluster. The words decide the
    order here: the longer side first, then the one whose words sort first.
    On Clough-Stevenson the other fixed orders read fewer of the changes
    the sources' copies share (the shorter side first: link F1 0.780
    against 0.887, 15 answers linked to another against 7; the words' sort
    order alone: 0.773 and 16; only the changes both orders find: 0.724).

    >>> a, b = "the call last week".split(), "the call between putin and trump last week".split()
    >>> mirror = {"insert": "delete", "delete": "insert"}
    >>> [(mirror.get(t, t), j1, j2, i1, i2) for t, i1, i2, j1, j2 in _opcodes(b, a)] == _opcodes(a, b)
    True
    >>> _opcodes(a, b)
    [('equal', 0, 2, 0, 2), ('insert', 2, 2, 2, 6), ('equal', 2, 4, 6, 8)]
    """
    if (len(wa), wb) >= (len(wb), wa):  # the longer first; of two as long, the one whose words sort first
        return SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes()
    swapped = {"insert": "delete", "delete": "insert"}
    return [(swapped.get(tag, tag), i1, i2, j1, j2) for tag, j1, j2, i1, i2 in SequenceMatcher(None, wb, wa, autojunk=False).get_opcodes()]


def _pair_of(graph: nx.Graph, x: str, y: str) -> Pair:
    return graph[x][y]["pair"]


def independent_readings(graph: nx.Graph, readings: Readings, x: str, z: str, witnesses: Iterable[str]) -> int:
    """Readings of ``x`` (in its passages with ``z``) absent from ``z`` and attested by one of ``witnesses``.

    Returns the count once it passes both thresholds (witnesses already read
    first, and no more read once it passes: the count is a lower bound), else 0.
    """
    pairs = [_pair_of(graph, x, w) for w in witnesses if w != z]
    if not pairs:
        return 0
    pair = _pair_of(graph, x, z)
    differ = readings.against(pair, x)
    needed = max(ATTESTED_MIN, ATTESTED_SHARE * len(readings.of(pair, x)))
    if len(differ) < needed:
        return 0
    attested: set[int] = set()
    pairs.sort(key=lambda p: not readings.has(p, p.b if p.a == x else p.a))
    for other in pairs:
        attested |= differ & readings.of(other, other.b if other.a == x else other.a)
        if len(attested) >= needed:
            return len(attested)
    return 0


def agreed_readings(graph: nx.Graph, readings: Readings, x: str, z: str, below: Iterable[str]) -> int:
    """Readings of ``x`` (in its passages with ``z``) absent from ``z`` that ``ATTEST_WITNESSES`` other partners of ``z`` share against ``z``.

    A partner shares a reading against ``z`` when it holds it in its own
    passages with ``z`` and ``z`` lacks it there; the partners in ``below``
    (copies of ``x``, which repeat its readings) do not count. Where ``x``
    and at least two other texts agree against ``z``, the reading is the
    common text and ``z`` changed it (the agreement of witnesses). Returns
    the count when it passes both ``ATTESTED_MIN`` and ``ATTESTED_SHARE`` of
    ``x``'s readings with ``z``, else 0. The partners' readings against
    ``z`` are counted once for all of ``z``'s children
    (:meth:`Readings.support`), so a wire story run by a thousand sites
    costs a thousand set passes, not a million.
    """
    pair = _pair_of(graph, x, z)
    differ = readings.against(pair, x)
    needed = max(ATTESTED_MIN, ATTESTED_SHARE * len(readings.of(pair, x)))
    if len(differ) < needed:
        return 0
    support = readings.support(graph, z)
    held = {g: support[g] - 1 for g in differ}  # every partner of z but x itself
    for w in below:
        if w != z and graph.has_edge(w, z):
            for g in differ & readings.against(_pair_of(graph, w, z), w):
                held[g] -= 1
    agreed = sum(1 for count in held.values() if count >= ATTEST_WITNESSES)
    return agreed if agreed >= needed else 0


def shared_innovations(graph: nx.Graph, readings: Readings, x: str, w: str, p: str) -> int:
    """Changes ``w`` made to ``p``'s text that ``x`` repeats, in their passages with ``p``.

    Returns the count when it passes both thresholds, else 0.
    """
    if not (graph.has_edge(x, p) and graph.has_edge(w, p)):
        return 0
    wp, xp = _pair_of(graph, w, p), _pair_of(graph, x, p)
    theirs = readings.against(wp, w)
    mine = readings.against(xp, x)
    shared = len(theirs & mine)
    return shared if shared >= INNOVATION_MIN and shared >= INNOVATION_SHARE * len(mine) else 0


def repeats_innovations(graph: nx.Graph, readings: Readings, x: str, w: str, p: str) -> int:
    """Changes ``w`` made to its parent ``p``'s text that ``x`` repeats in its passages with ``w``.

    For an ``x`` that shares no passage with ``p``. Returns the count when it
    passes both thresholds, else 0.
    """
    if not graph.has_edge(w, p):
        return 0  # w hangs from p without a passage of its own: no changes to compare
    wp = _pair_of(graph, w, p)
    theirs = readings.against(wp, w)
    shared = len(theirs & readings.of(_pair_of(graph, x, w), x))
    return shared if shared >= INNOVATION_MIN and shared >= INNOVATION_SHARE * len(theirs) else 0


def sides_taken(readings: Readings, pair: Pair, x: str, y: str) -> tuple[int, int]:
    """Where ``pair``'s two sides differ by a few words, the places ``y`` reads as ``x`` and as the other side.

    A place counts for one side when ``y``'s text holds that side's
    reading and not the other's.
    """
    text = readings.text(y)
    with_x = with_other = 0
    for ra, rb in readings.variants(pair):
        mine, other = (ra, rb) if pair.a == x else (rb, ra)
        has_mine, has_other = mine in text, other in text
        if has_mine != has_other:
            with_x, with_other = (with_x + 1, with_other) if has_mine else (with_x, with_other + 1)
    return with_x, with_other


def attestation(
    graph: nx.Graph, readings: Readings, votes: dict[tuple[str, str], tuple[int, int]] | None = None
) -> dict[tuple[str, str], tuple[int, int]]:
    """Pairs whose differences the other witnesses decide: ``(kept, changed) -> (places won, places lost)``.

    Where two texts of one story differ by a few words, the reading that
    other texts of the story share is the original one (the agreement of
    witnesses, as in textual criticism): the side that holds it kept the
    common text, and the other changed it, so the other is not the source
    of the witnesses nor of the side that kept it. Only changes inside
    aligned text are compared, never text one side lacks altogether, which
    would make the fuller copy of an unseen original look like the source of
    an extract of it. A place counts when at least ``ATTEST_WITNESSES``
    texts share one reading and more share it than the other (a lone
    witness may be a copy of either side); a pair is decided when one side
    wins at least ``ATTEST_SITES`` places and three times as many as it loses.
    Pairs whose two sides have fewer than two other partners between them
    are left out.
    """
    decided: dict[tuple[str, str], tuple[int, int]] = {}
    votes = {} if votes is None else votes
    for x, y, edge in graph.edges(data=True):
        others = (set(graph.adj[x]) | set(graph.adj[y])) - {x, y}
        if len(others) < ATTEST_WITNESSES:
            continue
        pair = edge["pair"]
        sites = readings.variants(pair)
        if sites:
            witnesses = [readings.text(w) for w in others]
            won = lost = 0  # for pair.a
            for ra, rb in sites:
                na = sum(map(contains, witnesses, repeat(ra, len(witnesses))))
                nb = sum(map(contains, witnesses, repeat(rb, len(witnesses))))
                if max(na, nb) >= ATTEST_WITNESSES and na != nb:
                    won, lost = (won + 1, lost) if na > nb else (won, lost + 1)
        else:
            won = lost = 0
        votes[(pair.a, pair.b)] = (won, lost)
        if won >= ATTEST_SITES and won >= ATTEST_RATIO * lost:
            decided[(pair.a, pair.b)] = (won, lost)
        elif lost >= ATTEST_SITES and lost >= ATTEST_RATIO * won:
            decided[(pair.b, pair.a)] = (lost, won)
    return decided
