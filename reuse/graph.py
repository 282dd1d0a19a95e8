"""The reuse graph: articles as nodes, shared text as edges, clusters of related articles.

A networkx ``Graph`` whose edges carry the :class:`~reuse.model.Pair` that
joins two articles. :mod:`reuse.stemma` builds its family trees on it
(without the pairs of shared quotations); the JSON report takes its
clusters; the writers export it (GraphML, GEXF, node-link JSON) and draw it,
a group too dense to draw whole by its strongest pairs (:func:`thinned`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import networkx as nx

from .model import Article, Pair, ReuseKind, ScanResult
from .outlets import outlet_names

__all__ = ["DENSE_EDGES", "DENSE_RATIO", "article_graph", "clusters", "directed", "outlet_graph", "pair_graph", "thinned"]


def pair_graph(pairs: Iterable[Pair]) -> nx.Graph:
    """A graph with one edge per pair; the edge attribute ``pair`` holds it.

    >>> from reuse.model import Extent, Pair, ReuseKind
    >>> p = Pair("a", "b", ReuseKind.VERBATIM, Extent.WHOLE, 1.0, 1.0, 1.0, 1.0, ())
    >>> g = pair_graph([p])
    >>> g["a"]["b"]["pair"] is p
    True
    """
    graph = nx.Graph()
    for pair in pairs:
        graph.add_edge(pair.a, pair.b, pair=pair)
    return graph


def article_graph(result: ScanResult, *, quotes: bool = True, words: Mapping[str, int] | None = None) -> nx.Graph:
    """Every article as a node (outlet, title, words, published) and every pair as an edge.

    The outlet is named as the outlet level names it (:func:`reuse.outlets.outlet_names`):
    an outlet named by its metadata and by its domain is one. For a result of
    ``reuse check`` (``result.checked`` set), each node also carries ``batch``:
    ``"new"`` for an article of the checked batch, ``"indexed"`` for a stored one.

    Edge attributes are plain values, ready for ``nx.node_link_data``:
    ``kind``, ``extent``, ``similarity``, ``shared`` (the summed containment),
    ``relation``, ``source_article``, ``derived_article`` (``None`` unless
    ``relation`` is ``copied``; not ``source``, which node-link data uses for
    an edge's first end) and ``confidence``.

    Parameters
    ----------
    result
        A finished scan.
    quotes
        Keep the pairs whose only shared text is the same quotations
        (``shared-quotes``); ``False`` leaves them out, and counts them in
        the graph attribute ``quotation_pairs_left_out``.
    words
        Word counts by article id, for results read back from a JSON report
        (which holds no article text); counted from the text otherwise.
    """
    graph = nx.Graph()
    shown = outlet_names(result.articles)  # the outlets' names of the outlet level: NewsHub24 and newshub24.net are one
    new = None if result.checked is None else frozenset(result.checked)
    for art in result.articles:
        graph.add_node(art.id, **_node_attributes(art, shown[art.outlet]))
        if new is not None:
            graph.nodes[art.id]["batch"] = "new" if art.id in new else "indexed"
        if words is not None and art.id in words:
            graph.nodes[art.id]["words"] = words[art.id]
    for pair in result.pairs:
        if not quotes and pair.kind is ReuseKind.SHARED_QUOTES:
            graph.graph["quotation_pairs_left_out"] = graph.graph.get("quotation_pairs_left_out", 0) + 1
            continue
        d = pair.direction
        graph.add_edge(
            pair.a,
            pair.b,
            kind=pair.kind.value,
            extent=pair.extent.value,
            similarity=pair.similarity,
            shared=round(pair.containment_sum, 4),
            relation=d.relation.value,
            source_article=d.source,
            derived_article=d.derived,
            confidence=d.confidence,
        )
    return graph


def directed(graph: nx.Graph) -> nx.DiGraph:
    """The article graph with each edge as an arrow, for the files other tools read.

    A ``copied`` pair runs from its source to its derived article, as the
    picture draws it; any other pair (``common-source``, ``undetermined``:
    no side took from the other) runs from the article first in the scan's
    order, and that way means nothing. Nodes, attributes and the graph's own
    attributes are kept.

    >>> g = nx.Graph(); g.add_nodes_from("abc")
    >>> g.add_edge("a", "b", relation="copied", source_article="b", derived_article="a")
    >>> g.add_edge("b", "c", relation="undetermined", source_article=None, derived_article=None)
    >>> sorted(directed(g).edges)
    [('b', 'a'), ('b', 'c')]
    """
    out = nx.DiGraph(**graph.graph)
    out.add_nodes_from(graph.nodes(data=True))
    for u, v, data in graph.edges(data=True):
        if data.get("relation") == "copied" and {data.get("source_article"), data.get("derived_article")} == {u, v}:
            u, v = data["source_article"], data["derived_article"]
        out.add_edge(u, v, **data)
    return out


def _node_attributes(article: Article, outlet: str) -> dict:
    return {
        "outlet": outlet,
        "title": article.title,
        "words": article.words,
        "published": article.published,
    }


def clusters(graph: nx.Graph) -> list[tuple[str, ...]]:
    """Groups of articles joined by shared text (two or more), largest first.

    >>> g = pair_graph([])
    >>> g.add_edges_from([("b", "c"), ("x", "y"), ("y", "z")])
    >>> clusters(g)
    [('x', 'y', 'z'), ('b', 'c')]
    """
    groups: Sequence[set[str]] = [c for c in nx.connected_components(graph) if len(c) > 1]
    return sorted((tuple(sorted(c)) for c in groups), key=lambda c: (-len(c), c))


def outlet_graph(result: ScanResult) -> nx.DiGraph:
    """One node per outlet, one edge per :class:`~reuse.model.OutletLink` (source -> derived).

    Nodes carry ``articles`` (how many articles the outlet has in the scan);
    edges carry ``articles`` (pairs taken), ``kinds`` (``(kind, count)`` pairs,
    most common first), ``median_lag_hours`` and ``confidence``. Outlets that
    take from nobody and are taken from by nobody are nodes without edges.

    >>> from reuse.model import OutletLink
    >>> link = OutletLink("wire", "site", 2, (("verbatim", 2),), None, 0.7, (("w1", "s1"), ("w2", "s2")))
    >>> arts = tuple(Article(i, "", o) for i, o in (("w1", "wire"), ("w2", "wire"), ("s1", "site"), ("s2", "site")))
    >>> g = outlet_graph(ScanResult(arts, (), (), "x", outlets=(link,)))
    >>> g["wire"]["site"]["articles"], g.nodes["wire"]["articles"]
    (2, 2)
    """
    graph = nx.DiGraph()
    counts: dict[str, int] = {}
    shown = outlet_names(result.articles)  # one node for an outlet named by its metadata and by its domain
    for art in result.articles:
        counts[shown[art.outlet]] = counts.get(shown[art.outlet], 0) + 1
    for outlet in sorted(counts):
        graph.add_node(outlet, outlet=outlet, articles=counts[outlet])
    for link in result.outlets:
        graph.add_edge(
            link.source,
            link.derived,
            articles=link.articles,
            kinds=link.kinds,
            median_lag_hours=link.median_lag_hours,
            confidence=link.confidence,
        )
    return graph


#: A group of articles with more pairs than this, and than ``DENSE_RATIO`` times its articles,
#: is drawn by the pairs that join it most strongly (one story carried by a few hundred outlets
#: makes a pair of every two copies: tens of thousands of lines, one solid tangle).
DENSE_EDGES = 300
DENSE_RATIO = 3


def thinned(graph: nx.Graph) -> tuple[nx.Graph, int]:
    """``graph`` with each too dense group cut to a maximum spanning tree, and how many pairs that leaves out.

    The tree keeps the most shared pairs, those with a direction first (so
    the arrows of who took from whom are drawn). A graph with no such group
    is returned as it is.
    """
    dense = []
    for group in nx.connected_components(graph):
        edges = graph.subgraph(group).number_of_edges()
        if edges > DENSE_EDGES and edges > DENSE_RATIO * len(group):
            dense.append(group)
    if not dense:
        return graph, 0
    thin = graph.copy()
    left_out = 0
    for group in dense:
        weighted = nx.Graph()
        weighted.add_nodes_from(sorted(group, key=str))
        for u, v, data in graph.subgraph(group).edges(data=True):
            weighted.add_edge(u, v, weight=float(data.get("shared") or 0) + (2.0 if data.get("relation") == "copied" else 0.0))
        tree = nx.maximum_spanning_tree(weighted)
        cut = [(u, v) for u, v in graph.subgraph(group).edges if not tree.has_edge(u, v)]
        thin.remove_edges_from(cut)
        left_out += len(cut)
    return thin, left_out
