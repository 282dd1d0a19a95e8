"""The family tree of the texts in a cluster: who derives from whom, as textual critics build it.

Provenance decides pairs in context. Given each pair's lean (log-odds that
one side is the source) from metadata alone and from metadata and text, this
module places every article that shares text in a tree:

* **Rank.** Metadata first (the summed leans of times, canonical links and
  credits toward the article), then centrality: the source of a cluster is
  its medoid, the text closest to all the others (see :func:`centrality`).
* **Witnesses.** Where two texts differ by a few words inside aligned text,
  the reading the cluster's other texts share is the original one: the text
  that kept it ranks above the one that changed it, is a candidate parent
  of it whatever containment says (an extract of a fuller original holds
  less than a fuller copy, yet kept its wording), and two texts that each
  changed readings the other kept are not parent and child (see
  :func:`attestation`). Text one side lacks altogether is never compared.
* **Candidates.** An article's candidate parents are its partners ranked
  above it that neither metadata nor its own pair's lean shows to be later.
* **Independent readings.** A candidate backed by text alone is refused when
  the article holds readings the candidate lacks that a third article ranked
  above it attests (a copy of the article could have them from it, so
  lower-ranked ones do not count): the article had a text with those
  readings, so the candidate cannot be its only exemplar, and both descend
  from a text the corpus lacks or holds only in part (an unseen wire story,
  the fuller original).
* **Shared innovations.** The article attaches to its highest-ranked
  candidate, the common source, unless it repeats the changes a lower
  candidate made to that source's text, in the passages all three share
  ("shared innovations imply shared descent"): then it descends from that
  candidate (a chain: advanced -> intermediate -> elementary). An article
  that shares no passage with its candidate's own parent (the aligner missed
  it) must repeat the candidate's changes to that parent's text to descend
  from the candidate; else it descends, like the candidate, from the parent.

Readings are word bigrams of the aligned passages, case folded. A few
coincidences are expected between two rewrites of one text, so each test
needs both a count and a share of the readings concerned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from operator import contains

from cydifflib import SequenceMatcher

import networkx as nx
import numpy as np

from .model import Article, Pair, ReuseKind

__all__ = ["Stemma", "build_stemma"]

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
#: Share of what two articles share on one side that this side's parent must
#: hold to explain the pair when the other is outside the tree's lineage.
SIBLING_COVER = 0.5
#: Two articles whose rank differs by less than this are not ordered.
RANK_EPSILON = 1e-6
#: A variant is a change of at most this many words on either side inside an
#: aligned passage; a longer difference is text one side lacks altogether.
VARIANT_WORDS = 4
#: Witnesses that must share a reading before it counts as the original one
#: (one alone may be a copy of either side), and variant sites a pair needs
#: before its readings orient it.
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


class _Readings:
    """Bigram sets of the passages of each pair, on each side, computed on first use."""

    def __init__(self, by_id: Mapping[str, Article]) -> None:
        self.by_id = by_id
        self.cache: dict[tuple[int, str], Grams] = {}
        self.whole: dict[str, str] = {}

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
        text_a, text_b = self.by_id[pair.a].text, self.by_id[pair.b].text
        sites = []
        for p in pair.passages:
            wa, wb = text_a[p.a_start:p.a_end].lower().split(), text_b[p.b_start:p.b_end].lower().split()
            if wa == wb:
                continue
            for tag, i1, i2, j1, j2 in SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
                if tag == "equal" or max(i2 - i1, j2 - j1) > VARIANT_WORDS:
                    continue
                if min(i1, j1) < 1 or i2 >= len(wa) or j2 >= len(wb):
                    continue  # no context on one side
                sites.append((f" {' '.join(wa[i1 - 1 : i2 + 1])} ", f" {' '.join(wb[j1 - 1 : j2 + 1])} "))
        return sites

    def has(self, pair: Pair, side: str) -> bool:
        return (id(pair), side) in self.cache

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


@dataclass
class Stemma:
    """Parents, ranks and the evidence for them, for every article in a pair with text in common."""

    graph: nx.Graph
    rank: dict[str, float]
    readings: _Readings
    metadata: Mapping[int, float]
    margin: float
    parent: dict[str, str] = field(default_factory=dict)
    #: ``x -> count``: shared innovations that put x below its parent.
    innovations: dict[str, int] = field(default_factory=dict)
    #: ``(x, z) -> "metadata" | "text"``: z ranks above x and nothing shows it later; what backs it.
    candidate: dict[tuple[str, str], str] = field(default_factory=dict)
    #: ``(a, b) -> (won, lost)``: places where they differ that the witnesses decide for a, and for b.
    votes: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    #: ``x -> articles``: x descends from one of these twin copies (or the text they share), not told which.
    twins: dict[str, frozenset[str]] = field(default_factory=dict)
    #: ``(kept, changed) -> (won, lost)``: where they differ, the witnesses side with ``kept``.
    kept: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    _independent: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)
    _sizes: dict[str, int] | None = field(default=None, repr=False)

    def independent(self, x: str, z: str) -> int:
        """Readings of ``x`` that ``z`` lacks and a third article attests (0 below the thresholds).

        Non-zero means ``z`` cannot be ``x``'s only exemplar: ``x`` had a text
        with those readings (the fuller original, or a second source).
        """
        if not self.graph.has_edge(x, z):
            return 0
        if (x, z) not in self._independent:
            witnesses = [w for w in self.graph.adj[x] if self.rank[w] > self.rank[x]]
            self._independent[(x, z)] = independent_readings(self.graph, self.readings, x, z, witnesses)
        return self._independent[(x, z)]

    def refuses(self, x: str, z: str) -> bool:
        """Whether ``z``, a candidate parent of ``x`` on text alone, is refused by independent readings."""
        if (z, x) in self.kept:
            return False  # where they differ, the witnesses side with z: x's own readings are its changes
        if self.candidate.get((x, z)) == "text" and self.mutual(x, z):
            return True
        return self.candidate.get((x, z)) == "text" and bool(self.independent(x, z))

    def mutual(self, x: str, y: str) -> int:
        """Places where each of ``x`` and ``y`` kept the witnesses' reading and the other changed it (the fewer side).

        Returns the count when it reaches ``ATTESTED_MIN``, else 0: then neither
        can be the other's exemplar (a copy keeps its source's changes), and
        both come from a text that kept them all.
        """
        won, lost = self.votes.get((x, y)) or self.votes.get((y, x)) or (0, 0)
        count = min(won, lost)
        return count if count >= ATTESTED_MIN else 0

    def later(self, x: str, y: str) -> bool:
        """Whether metadata shows ``x`` to be later than ``y`` (by more than the margin)."""
        if not self.graph.has_edge(x, y):
            return False
        return _toward(self.graph[x][y]["pair"], x, self.metadata) < -self.margin

    def held_by_parent(self, pair: Pair, side: str) -> str | None:
        """``side``'s parent when it holds at least ``SIBLING_COVER`` of what ``pair`` shares on that side."""
        z = self.parent.get(side)
        if z is None or z in (pair.a, pair.b):
            return None
        mine = _merged((p.a_start, p.a_end) if pair.a == side else (p.b_start, p.b_end) for p in pair.passages)
        via = self.graph[side][z]["pair"] if self.graph.has_edge(side, z) else None
        if via is None:
            return None
        theirs = _merged((p.a_start, p.a_end) if via.a == side else (p.b_start, p.b_end) for p in via.passages)
        total = sum(e - s for s, e in mine)
        inside = sum(max(0, min(e, e2) - max(s, s2)) for s, e in mine for s2, e2 in theirs)
        return z if total and inside >= SIBLING_COVER * total else None

    def cluster_size(self, article_id: str) -> int:
        """Articles in the cluster of ``article_id`` (0 when it shares text with none)."""
        if self._sizes is None:
            self._sizes = {}
            for component in nx.connected_components(self.graph):
                for node in component:
                    self._sizes[node] = len(component)
        return self._sizes.get(article_id, 0)

    def ancestors(self, article_id: str) -> list[str]:
        """Parent, grandparent ... of ``article_id``, nearest first."""
        chain, seen = [], {article_id}
        node = self.parent.get(article_id)
        while node is not None and node not in seen:
            chain.append(node)
            seen.add(node)
            node = self.parent.get(node)
        return chain

    def common_ancestor(self, x: str, y: str) -> str | None:
        """The nearest article both descend from, or ``None``."""
        theirs = set(self.ancestors(y))
        return next((z for z in self.ancestors(x) if z in theirs), None)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted and merged where they overlap.

    >>> _merged([(5, 9), (0, 3), (2, 4)])
    [(0, 4), (5, 9)]
    """
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _pair_of(graph: nx.Graph, x: str, y: str) -> Pair:
    return graph[x][y]["pair"]


def _toward(pair: Pair, article_id: str, lean: Mapping[int, float]) -> float:
    value = lean[id(pair)]
    return value if pair.a == article_id else -value


def independent_readings(graph: nx.Graph, readings: _Readings, x: str, z: str, witnesses: Iterable[str]) -> int:
    """Readings of ``x`` (in its passages with ``z``) absent from ``z`` and attested by one of ``witnesses``.

    Returns the count once it passes both thresholds (witnesses already read
    first, and no more read once it passes: the count is a lower bound), else 0.
    """
    pairs = [_pair_of(graph, x, w) for w in witnesses if w != z]
    if not pairs:
        return 0
    pair = _pair_of(graph, x, z)
    mine = readings.of(pair, x)
    differ = mine - readings.of(pair, z)
    needed = max(ATTESTED_MIN, ATTESTED_SHARE * len(mine))
    if len(differ) < needed:
        return 0
    attested: set[int] = set()
    pairs.sort(key=lambda p: not readings.has(p, p.b if p.a == x else p.a))
    for other in pairs:
        attested |= differ & readings.of(other, other.b if other.a == x else other.a)
        if len(attested) >= needed:
            return len(attested)
    return 0


def shared_innovations(graph: nx.Graph, readings: _Readings, x: str, w: str, p: str) -> int:
    """Changes ``w`` made to ``p``'s text that ``x`` repeats, in their passages with ``p``.

    Returns the count when it passes both thresholds, else 0.
    """
    if not (graph.has_edge(x, p) and graph.has_edge(w, p)):
        return 0
    wp, xp = _pair_of(graph, w, p), _pair_of(graph, x, p)
    theirs = readings.of(wp, w) - readings.of(wp, p)
    mine = readings.of(xp, x) - readings.of(xp, p)
    shared = len(theirs & mine)
    return shared if shared >= INNOVATION_MIN and shared >= INNOVATION_SHARE * len(mine) else 0


def repeats_innovations(graph: nx.Graph, readings: _Readings, x: str, w: str, p: str) -> int:
    """Changes ``w`` made to its parent ``p``'s text that ``x`` repeats in its passages with ``w``.

    For an ``x`` that shares no passage with ``p``. Returns the count when it
    passes both thresholds, else 0.
    """
    if not graph.has_edge(w, p):
        return 0  # w hangs from p without a passage of its own: no changes to compare
    wp = _pair_of(graph, w, p)
    theirs = readings.of(wp, w) - readings.of(wp, p)
    shared = len(theirs & readings.of(_pair_of(graph, x, w), x))
    return shared if shared >= INNOVATION_MIN and shared >= INNOVATION_SHARE * len(theirs) else 0


def build_stemma(
    pairs: Iterable[Pair],
    by_id: Mapping[str, Article],
    lean: Mapping[int, float],
    metadata: Mapping[int, float],
    margin: float,
) -> Stemma:
    """Place every article that shares text in a tree of derivation.

    Parameters
    ----------
    pairs
        The aligned pairs; those made only of shared quotations take no part.
    by_id
        The articles by id.
    lean
        ``id(pair) -> log-odds that pair.a is the source``, every signal.
    metadata
        ``id(pair) ->`` the same from metadata alone (times, canonical, credits).
    margin
        Metadata leaning against a candidate by more than this refuses it.
    """
    graph = nx.Graph()
    for pair in pairs:
        if pair.kind is not ReuseKind.SHARED_QUOTES:
            graph.add_edge(pair.a, pair.b, pair=pair)
    readings = _Readings(by_id)
    stemma = Stemma(graph, {}, readings, metadata, margin)
    rank = stemma.rank
    for x in graph.nodes:
        backed = sum(_toward(e["pair"], x, metadata) for e in graph.adj[x].values())
        rank[x] = round(backed + centrality(graph, x), 4)
    # A text that kept the readings the other witnesses share, where its
    # partner changed them, ranks above that partner unless metadata says otherwise.
    stemma.kept = attestation(graph, readings, stemma.votes)
    order = [(k, c) for k, c in sorted(stemma.kept) if abs(metadata[id(graph[k][c]["pair"])]) <= margin]
    component = {node: n for n, nodes in enumerate(nx.connected_components(graph)) for node in nodes}
    by_component: dict[int, list[tuple[str, str]]] = {}
    for kept, changed in order:
        by_component.setdefault(component[kept], []).append((kept, changed))
    for ordered_pairs in by_component.values():  # each cluster alone, so clusters can be decided apart
        _raise_kept(ordered_pairs, rank)
    for x in sorted(graph.nodes, key=lambda n: (-rank[n], n)):
        for z, e in graph.adj[x].items():
            if (x, z) in stemma.kept and _toward(e["pair"], z, metadata) <= margin:
                continue  # z changed readings x kept: x has them from elsewhere (unless metadata says z came first)
            # Where the witnesses side with z, their verdict stands for the
            # text's lean (containment is blind to an extract of a fuller original).
            text_ok = (z, x) in stemma.kept or _toward(e["pair"], z, lean) >= -margin
            if rank[z] > rank[x] and _toward(e["pair"], z, metadata) >= -margin and text_ok:
                stemma.candidate[(x, z)] = "metadata" if _toward(e["pair"], z, metadata) > margin else "text"
        # Candidates best first; a text-only one is refused when x holds
        # readings it lacks that a third article attests (tested lazily: costly).
        ordered = sorted((z for z in graph.adj[x] if (x, z) in stemma.candidate), key=lambda z: (-rank[z], z))
        top = next((z for z in ordered if not stemma.refuses(x, z)), None)
        if top is None:
            continue
        twins = [z for z in ordered if rank[z] == rank[top] and not stemma.refuses(x, z)]
        if len(twins) > 1:
            stemma.twins[x] = frozenset(twins)  # two of identical standing (twin copies): name no parent
            continue
        below = [(shared_innovations(graph, readings, x, w, top), w) for w in ordered if w != top]
        below = [(count, w) for count, w in below if count and not stemma.refuses(x, w)]
        if below:
            count, chosen = max(below, key=lambda cw: (cw[0], rank[cw[1]], cw[1]))
            stemma.innovations[x] = count
        else:
            chosen = top
            grand = stemma.parent.get(top)
            if grand is not None and not graph.has_edge(x, grand):
                # x shares no passage with its candidate's own source (the
                # aligner missed it, or x has it from elsewhere): x descends
                # from the candidate only if it repeats the candidate's changes
                # to that source; otherwise, like the candidate, from the source.
                count = repeats_innovations(graph, readings, x, top, grand)
                if count:
                    stemma.innovations[x] = count
                else:
                    chosen = grand
        stemma.parent[x] = chosen
    return stemma


def _raise_kept(order: list[tuple[str, str]], rank: dict[str, float]) -> None:
    """Rank each ``kept`` text of ``order`` above the text that ``changed`` its readings.

    A few passes settle it; a cycle of such pairs stops at the bound (as
    many passes as pairs in the cluster).
    """
    for _ in range(len(order)):
        raised = False
        for kept, changed in order:
            if rank[changed] >= rank[kept]:
                rank[kept] = round(rank[changed] + 0.001, 4)
                raised = True
        if not raised:
            break


def attestation(
    graph: nx.Graph, readings: _Readings, votes: dict[tuple[str, str], tuple[int, int]] | None = None
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


def centrality(graph: nx.Graph, x: str) -> float:
    """Mean closeness of the article's partners to it: in a cluster, the source is the medoid.

    A source holds what each of its copies took, in the form they took it;
    each copy's own edits are its own. So the source is, on average, closest
    to everyone it shares text with (as in textual criticism, the original
    reading is the one the witnesses agree on). Closeness is the share of the
    partner reused with ``x`` times the similarity of the passages.
    """
    around = graph.adj[x]
    if not around:
        return 0.0
    total = 0.0
    for other, edge in around.items():
        pair = edge["pair"]
        total += (pair.containment_a if pair.a == other else pair.containment_b) * pair.similarity
    return total / len(around)
