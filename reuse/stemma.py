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
* **Agreement against the parent.** Once the tree stands, a parent that
  lacks readings its child and at least two other texts of the cluster
  share in their passages with it (texts the tree does not place below the
  child, so not the child's copies) changed the text they kept: it is not
  the child's exemplar, and both descend from that text (see
  :meth:`Stemma.agreed`). One other text alone does not count: the child
  and it may share an innovation. Only the pair of child and parent is
  judged again; the tree stands.

Readings and their tests are in :mod:`reuse.readings`; spans and what a
third text explains of a pair, in :mod:`reuse.coverage`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from .coverage import covered_chars, side_spans, unexplained_words
from .graph import pair_graph
from .model import Article, Pair, ReuseKind
from .readings import ATTEST_SITES, ATTESTED_MIN, Readings, agreed_readings, attestation, independent_readings, repeats_innovations, shared_innovations, sides_taken

__all__ = ["Stemma", "build_stemma"]

#: Share of what two articles share on one side that this side's parent must
#: hold to explain the pair when the other is outside the tree's lineage.
SIBLING_COVER = 0.5
#: Text two articles share that a common ancestor explains on neither side
#: (words) that lets the tree link them: at least this many, and at least
#: ``UNEXPLAINED_SHARE`` of what they share (a sentence, not a stray phrase
#: the aligner left out of one side's passages with the ancestor). A tenth
#: had hidden the paragraph an update of 450 words added (7%), repeated by a
#: copy of the update; the Clough-Stevenson figures are the same at either.
UNEXPLAINED_MIN = 15
UNEXPLAINED_SHARE = 0.05
#: Two articles whose rank differs by less than this are not ordered.
RANK_EPSILON = 1e-6
#: How far a text that kept the common readings is raised above one that changed them: ordered (well above
#: RANK_EPSILON), and small beside the ranks' own differences; ranks are rounded to 4 places, so it stays exact.
RANK_STEP = 0.001


@dataclass
class Stemma:
    """Parents, ranks and the evidence for them, for every article in a pair with text in common.

    Built by :func:`build_stemma` and read-only afterwards: the caches of
    children and subtree sizes assume the parents no longer change."""

    graph: nx.Graph
    rank: dict[str, float]
    readings: Readings
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
    _disputed: dict[str, bool] = field(default_factory=dict, repr=False)
    #: ``x -> centrality(graph, x)``, computed once with the ranks.
    closeness: dict[str, float] = field(default_factory=dict, repr=False)
    _sizes: dict[str, int] | None = field(default=None, repr=False)
    _children: dict[str, list[str]] | None = field(default=None, repr=False)

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

    def agreed(self, x: str, z: str) -> int:
        """Readings of ``x`` that its parent ``z`` lacks and two other texts, none below ``x``, share against ``z``.

        Non-zero means that ``z`` changed text that ``x`` and others kept:
        ``z`` is not ``x``'s exemplar, and both descend from a text that kept
        it. The witnesses are ``z``'s other partners that the tree does not
        put below ``x`` (a copy of ``x`` would repeat its readings). Always 0
        when ``z`` is not ``x``'s parent, or when the witnesses side with
        ``z`` where the two differ by a few words.
        """
        if self.parent.get(x) != z or not self.graph.has_edge(x, z) or (z, x) in self.kept:
            return 0
        return agreed_readings(self.graph, self.readings, x, z, self.descendants(x))

    def descendants(self, article_id: str) -> set[str]:
        """Children, grandchildren ... of ``article_id`` in the tree."""
        if self._children is None:
            self._children = {}
            for child, parent in self.parent.items():
                self._children.setdefault(parent, []).append(child)
        found: set[str] = set()
        todo = [article_id]
        while todo:
            for child in self._children.get(todo.pop(), ()):
                if child not in found and child != article_id:
                    found.add(child)
                    todo.append(child)
        return found

    def refuses(self, x: str, z: str) -> bool:
        """Whether ``z``, a candidate parent of ``x`` on text alone, is refused by independent readings."""
        if (z, x) in self.kept:
            return False  # where they differ, the witnesses side with z: x's own readings are its changes
        if self.candidate.get((x, z)) == "text" and self.mutual(x, z):
            return True
        return self.candidate.get((x, z)) == "text" and bool(self.independent(x, z))

    def disputed(self, source: str) -> bool:
        """Whether nothing shows that ``source``'s readings, where it differs from its parent, are its own changes.

        Where ``source`` and its parent differ by a few words, the texts of
        the cluster that read as ``source`` (its copies among them) are at
        least as many as those that read as the parent: nothing shows which
        reading is the original, and a text repeating ``source``'s may have
        it from elsewhere. Copies of one wire story differ so when two
        subscribers' edits stand against two plain copies, and when a
        subscriber that rewrote the wire is the first published: the tree's
        order (the first published at the top) would name the plain copies'
        readings the changes. ``False`` only when more of the other texts
        read as the parent: its readings are the original, and ``source``'s
        its own changes. (The wire agency's own copy as the parent is a
        caller's matter: its readings are the wire's.)
        """
        found = self._disputed.get(source)
        if found is None:
            parent = self.parent.get(source)
            found = False
            if parent is not None and self.graph.has_edge(source, parent):
                pair = self.graph[source][parent]["pair"]
                with_source = with_parent = 0
                for z in nx.node_connected_component(self.graph, source) - {source, parent}:
                    mine, theirs = sides_taken(self.readings, pair, source, z)
                    with_source, with_parent = with_source + mine, with_parent + theirs
                found = with_source >= with_parent
            self._disputed[source] = found
        return found

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

    def held_by_parent(self, pair: Pair, side: str) -> tuple[str, float] | None:
        """``side``'s parent and the share of what ``pair`` shares on that side it holds, when at least ``SIBLING_COVER``."""
        z = self.parent.get(side)
        if z is None or z in (pair.a, pair.b) or not self.graph.has_edge(side, z):
            return None
        mine = side_spans(pair, side)
        total = sum(e - s for s, e in mine)
        inside = covered_chars(mine, side_spans(self.graph[side][z]["pair"], side))
        return (z, inside / total) if total and inside >= SIBLING_COVER * total else None

    def explained_by(self, source: str, derived: str) -> str | None:
        """An ancestor of ``source`` that explains all ``source`` and ``derived`` share, or ``None``.

        Both share text with it, it is not later than ``derived`` by
        metadata, ``derived`` repeats none of ``source``'s changes to its
        text (no shared innovations, and fewer than ``ATTEST_SITES`` places
        where ``source`` changed a few of its words and ``derived`` reads as
        ``source``), and they share less than ``UNEXPLAINED_MIN`` words (or
        ``UNEXPLAINED_SHARE`` of what they share) that neither's alignment
        with it covers: ``derived`` may have all it shares with ``source``
        from that ancestor, so the tree's link between them is not shown.
        """
        pair = self.graph[source][derived]["pair"]
        texts = {w: self.readings.by_id[w].text for w in (pair.a, pair.b)}
        for z in self.ancestors(source):
            if not (self.graph.has_edge(source, z) and self.graph.has_edge(derived, z)) or self.later(z, derived):
                continue
            if shared_innovations(self.graph, self.readings, derived, source, z):
                continue
            if sides_taken(self.readings, self.graph[source][z]["pair"], source, derived)[0] >= ATTEST_SITES:
                continue  # where source changed z's text by a few words, derived reads as source: it saw source's text
            if self._holds(z, pair, texts):
                return z
        return None

    def holds(self, z: str, x: str, y: str) -> bool:
        """Whether ``z`` holds what ``x`` and ``y`` share: they share less than ``UNEXPLAINED_MIN`` words (or
        ``UNEXPLAINED_SHARE`` of what they share) that neither's alignment with it covers.

        One side may share no passage with ``z`` (a heavy rewrite of it that
        the alignment missed, or a copy of a copy): the other side's
        alignment then tells alone.
        """
        if not self.graph.has_edge(x, y) or not (self.graph.has_edge(x, z) or self.graph.has_edge(y, z)):
            return False
        return self._holds(z, self.graph[x][y]["pair"], {w: self.readings.by_id[w].text for w in (x, y)})

    def _holds(self, z: str, pair: Pair, texts: dict[str, str]) -> bool:
        cover = {w: side_spans(self.graph[w][z]["pair"], w) if self.graph.has_edge(w, z) else [] for w in (pair.a, pair.b)}
        unexplained, shared = unexplained_words(pair, texts, cover)
        return unexplained < max(UNEXPLAINED_MIN, UNEXPLAINED_SHARE * shared)

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


def _toward(pair: Pair, article_id: str, lean: Mapping[int, float]) -> float:
    value = lean[id(pair)]
    return value if pair.a == article_id else -value


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
    graph = pair_graph(p for p in pairs if p.kind is not ReuseKind.SHARED_QUOTES)  # shared quotations join no lineage
    readings = Readings(by_id)
    stemma = Stemma(graph, {}, readings, metadata, margin)
    rank = stemma.rank
    # Ties of rank are broken by the texts, then the ids: renaming a file must not change the tree.
    tie = {x: (hashlib.sha256(by_id[x].text.encode("utf-8", "surrogatepass")).digest(), x) for x in graph.nodes}
    for x in graph.nodes:
        backed = sum(_toward(e["pair"], x, metadata) for e in graph.adj[x].values())
        stemma.closeness[x] = centrality(graph, x)
        rank[x] = round(backed + stemma.closeness[x], 4)
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
    for x in sorted(graph.nodes, key=lambda n: (-rank[n], tie[n])):
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
        ordered = sorted((z for z in graph.adj[x] if (x, z) in stemma.candidate), key=lambda z: (-rank[z], tie[z]))
        top = next((z for z in ordered if not stemma.refuses(x, z)), None)
        if top is None:
            continue
        if _level(stemma, top, x):
            continue  # x is top's text and nothing orders them: neither hangs from the other
        twins = [z for z in ordered if (rank[z] == rank[top] or _level(stemma, top, z)) and not stemma.refuses(x, z)]
        # A copy of top's text that nothing orders against x (an undated one) may be x's source as well, though it
        # ranks below x by what third articles' times say: the precision of times, not their order.
        candidates = set(ordered)
        twins += [
            z for z, e in graph.adj[x].items()
            if z not in candidates and abs(_toward(e["pair"], z, metadata)) <= margin and _level(stemma, top, z) and not stemma.refuses(x, z)
        ]
        if len(twins) > 1:
            stemma.twins[x] = frozenset(twins)  # two of identical standing (twin copies): name no parent
            continue
        below = [(shared_innovations(graph, readings, x, w, top), w) for w in ordered if w != top]
        below = [(count, w) for count, w in below if count and not stemma.refuses(x, w)]
        fuller = _fuller(stemma, x, top, ordered)
        if below:
            count, chosen = max(below, key=lambda cw: (cw[0], rank[cw[1]], tie[cw[1]]))
            stemma.innovations[x] = count
        elif fuller is not None:
            chosen = fuller
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


def _fuller(stemma: Stemma, x: str, top: str, ordered: list[str]) -> str | None:
    """The candidate below ``top`` that ``x`` copies word for word and that holds more of ``x`` than ``top``, or ``None``.

    More by ``UNEXPLAINED_MIN`` words at least: text the two share that the
    upper text lacks, a shared innovation in extent (the paragraph an update
    added, repeated by a copy of the update).
    """
    words = len(stemma.readings.by_id[x].text.split())

    def held(w: str) -> float:
        pair = stemma.graph[x][w]["pair"]
        return pair.containment_a if pair.a == x else pair.containment_b

    floor = held(top) + UNEXPLAINED_MIN / max(1, words)
    fuller = [
        (held(w), stemma.rank[w], w) for w in ordered
        if w != top and stemma.graph[x][w]["pair"].kind is ReuseKind.VERBATIM and held(w) >= floor and not stemma.refuses(x, w)
    ]
    return max(fuller)[2] if fuller else None


def _level(stemma: Stemma, top: str, z: str) -> bool:
    """Whether ``z`` stands level with ``top``: the same text, as far as text and their own times tell.

    Their ranks may still differ, by what metadata says of third articles:
    a date-time orders against more of them than a date on the same day
    does, so the precision of the times, not their order, would decide.
    """
    if not stemma.graph.has_edge(top, z):
        return False
    pair = stemma.graph[top][z]["pair"]
    if abs(_toward(pair, top, stemma.metadata)) > stemma.margin or not pair.same_text:
        return False
    return abs(stemma.closeness[top] - stemma.closeness[z]) < RANK_EPSILON


def _raise_kept(order: list[tuple[str, str]], rank: dict[str, float]) -> None:
    """Rank each ``kept`` text of ``order`` above the text that ``changed`` its readings.

    A few passes settle it; a cycle of such pairs stops at the bound (as
    many passes as pairs in the cluster).
    """
    for _ in range(len(order)):
        raised = False
        for kept, changed in order:
            if rank[changed] >= rank[kept]:
                rank[kept] = round(rank[changed] + RANK_STEP, 4)
                raised = True
        if not raised:
            break


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
