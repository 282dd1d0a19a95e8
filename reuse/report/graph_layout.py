"""Where each node of a reuse graph goes: components laid out alone, then packed.

A force layout of a whole graph lets a large cluster crush the small ones
and scatters isolated articles among them. Here each connected component
is laid out by itself (a spring layout, seeded, so the picture is the same
on every run; a component of hundreds of nodes starts from its spectral
layout and takes fewer iterations, as each weighs every pair of nodes),
scaled to an area that grows with its size, and the
components are packed in rows, largest first. Articles that share nothing
are set aside: a few are placed in a strip of their own below the
clusters, many are left out and only counted.

Pure geometry: no drawing here (see :mod:`reuse.report.graph_image`).
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx
import numpy as np

__all__ = ["Layout", "layout_graph"]

#: Distance between neighbouring nodes, in layout units; labels need about this much room.
SPACING = 1.0
#: Room around each component, for its labels.
MARGIN = 1.1
#: At most this many articles sharing nothing are drawn aside; more are only counted.
MAX_ASIDE = 30


@dataclass(frozen=True)
class Layout:
    """Node positions and the canvas they need.

    Attributes
    ----------
    pos : dict
        ``node -> (x, y)`` for every node drawn.
    width, height : float
        The extent of the drawing, in layout units (``0..width``, ``0..height``).
    aside : tuple
        Nodes without edges that are drawn in the strip below the clusters.
    hidden : tuple
        Nodes without edges left out of the drawing (too many to show).
    aside_top : float or None
        The y coordinate of the top of the strip, when there is one.
    """

    pos: dict[Hashable, tuple[float, float]]
    width: float
    height: float
    aside: tuple[Hashable, ...] = ()
    hidden: tuple[Hashable, ...] = ()
    aside_top: float | None = None


#: Components of up to this many nodes get the full spring layout; a larger
#: one gets fewer iterations, so its layout costs no more than this one's
#: (each iteration weighs every pair of nodes).
FULL_LAYOUT_NODES = 500
_ITERATIONS = 200


def _iterations(n: int) -> int:
    """Spring-layout iterations for a component of ``n`` nodes: 200, fewer past :data:`FULL_LAYOUT_NODES` (at least 30).

    >>> _iterations(100), _iterations(1000), _iterations(5000)
    (200, 50, 30)
    """
    if n <= FULL_LAYOUT_NODES:
        return _ITERATIONS
    return max(30, round(_ITERATIONS * (FULL_LAYOUT_NODES / n) ** 2))


def _spectral(graph: nx.Graph, nodes: list[Hashable], seed: int) -> dict[Hashable, np.ndarray] | None:
    """Each node at its entries in the two eigenvectors of the graph's Laplacian after the constant one.

    The start of a large component's spring layout: it puts the branches of
    a tree-like component apart at once, which the few iterations a large
    component gets (:func:`_iterations`) could not do from random places.
    ARPACK starts from a vector drawn from ``seed``, so the same graph gives
    the same picture (networkx's ``spectral_layout`` starts from a random
    one); it looks for the eigenvalues nearest a small negative shift
    (shift-invert), which converges at once where the smallest eigenvalues
    lie close together (a long chain: 0.4 s for a path of 5,000 nodes,
    against 38 s asking for the smallest). Nodes with the same neighbours
    (leaves of one hub) have equal entries, and a spring layout never pulls
    apart two nodes that start in one place: the start is shaken a little,
    from the same seed. The positions fill a unit square, as networkx's own
    random start does. ``None`` if ARPACK fails.
    """
    # Imported here: only a graph this large needs them (importing them takes about 0.4 s).
    from scipy.sparse.linalg import ArpackError, eigsh

    laplacian = nx.laplacian_matrix(graph, nodelist=nodes, weight=None).astype(float)
    rng = np.random.default_rng(seed)
    try:
        values, vectors = eigsh(laplacian.tocsc(), k=3, sigma=-0.01, which="LM", v0=rng.uniform(0.5, 1.5, len(nodes)))
    except (ArpackError, RuntimeError):  # ArpackNoConvergence is an ArpackError; a failed factorisation a RuntimeError
        return None  # the spring layout starts from seeded random places instead
    picked = vectors[:, np.argsort(values)[1:3]]
    picked = (picked - picked.min(axis=0)) / np.maximum(np.ptp(picked, axis=0), 1e-12)
    picked += rng.normal(scale=1e-3, size=picked.shape)
    return {v: picked[i] for i, v in enumerate(nodes)}


def _component_positions(graph: nx.Graph, nodes: list[Hashable], seed: int, circle_up_to: int) -> dict[Hashable, np.ndarray]:
    """Positions centred on 0 with about ``SPACING`` between neighbours."""
    n = len(nodes)
    if n == 1:
        return {nodes[0]: np.zeros(2)}
    if n == 2:
        return {nodes[0]: np.array([-SPACING, 0.0]), nodes[1]: np.array([SPACING, 0.0])}
    # A copy with the nodes in the order given: a subgraph view of a small part of a graph lists
    # them in the order of a set, which changes with each process's string hash seed (and the
    # layouts follow the node order).
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(graph.subgraph(nodes).edges(data=True))
    if n <= max(5, circle_up_to):
        raw = nx.circular_layout(sub)
    else:
        start = _spectral(sub, nodes, seed) if n > FULL_LAYOUT_NODES else None
        raw = nx.spring_layout(sub, pos=start, seed=seed, iterations=_iterations(n), k=1.6 / math.sqrt(n))
    pts = np.array([raw[v] for v in nodes], dtype=float)
    pts -= pts.mean(axis=0)
    radius = float(np.max(np.linalg.norm(pts, axis=1))) or 1.0
    # Area grows with n, so node density (and label room) stays about the same.
    target = SPACING * max(1.0, (0.8 if n <= 5 else 1.1) * math.sqrt(n))
    if 5 < n <= circle_up_to:
        target = SPACING * n / math.pi  # a ring with about 2 units between neighbours
    pts *= target / radius
    return {v: pts[i] for i, v in enumerate(nodes)}


def _pack(boxes: list[tuple[float, float]]) -> tuple[list[tuple[float, float]], float, float]:
    """Shelf packing: lower-left corner of each box, and the total width and height.

    >>> _pack([(2.0, 2.0), (1.0, 1.0), (1.0, 1.0)])[0]
    [(0.0, 1.0), (2.0, 1.5), (0.0, 0.0)]
    """
    if not boxes:
        return [], 0.0, 0.0
    area = sum(w * h for w, h in boxes)
    # A row about 1.6 times as wide as the square of the total area: a landscape picture.
    row_width = max(max(w for w, _ in boxes), math.sqrt(area) * 1.6)
    rows: list[list[int]] = [[]]
    x = 0.0
    for i, (w, _) in enumerate(boxes):
        if rows[-1] and x + w > row_width + 1e-9:
            rows.append([])
            x = 0.0
        rows[-1].append(i)
        x += w
    heights = [max(boxes[i][1] for i in row) for row in rows]
    total_h = sum(heights)
    corners: list[tuple[float, float]] = [(0.0, 0.0)] * len(boxes)
    top = total_h
    width = 0.0
    for row, h in zip(rows, heights):
        x = 0.0
        for i in row:
            w, bh = boxes[i]
            corners[i] = (x, top - h + (h - bh) / 2)
            x += w
        width = max(width, x)
        top -= h
    return corners, width, total_h


def layout_graph(graph: nx.Graph, *, seed: int = 0, max_aside: int = MAX_ASIDE, circle_up_to: int = 5) -> Layout:
    """Lay out ``graph``: components apart, largest first; isolated nodes aside.

    Parameters
    ----------
    graph
        Any networkx graph (directed graphs are laid out as undirected).
    seed
        Seed of the spring layout: the same graph gives the same picture.
    max_aside
        Draw at most this many isolated nodes in a strip below; with more,
        they are all left out (``Layout.hidden``) and only counted.
    circle_up_to
        Components of at most this many nodes are laid out on a ring (every
        edge visible, suits a few densely linked outlets); larger ones by
        a spring layout.

    Returns
    -------
    Layout

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_edges_from([("a", "b"), ("c", "d"), ("d", "e")])
    >>> g.add_node("lonely")
    >>> lay = layout_graph(g)
    >>> sorted(lay.pos), lay.aside, lay.hidden
    (['a', 'b', 'c', 'd', 'e', 'lonely'], ('lonely',), ())
    """
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    comps = [sorted(c, key=str) for c in nx.connected_components(undirected) if len(c) > 1]
    comps.sort(key=lambda c: (-len(c), str(c[0])))
    isolated = sorted((v for v in graph.nodes if undirected.degree(v) == 0), key=str)

    placed = [_component_positions(undirected, c, seed, circle_up_to) for c in comps]
    boxes = []
    for pts in placed:
        arr = np.array(list(pts.values()))
        lo, hi = arr.min(axis=0), arr.max(axis=0)
        boxes.append((float(hi[0] - lo[0]) + 2 * MARGIN, float(hi[1] - lo[1]) + 2 * MARGIN))
    corners, width, height = _pack(boxes)

    pos: dict[Hashable, tuple[float, float]] = {}
    for pts, (cx, cy) in zip(placed, corners):
        arr = np.array(list(pts.values()))
        lo = arr.min(axis=0)
        for v, p in pts.items():
            pos[v] = (float(p[0] - lo[0] + cx + MARGIN), float(p[1] - lo[1] + cy + MARGIN))

    aside: tuple[Hashable, ...] = ()
    hidden: tuple[Hashable, ...] = ()
    aside_top = None
    if isolated and len(isolated) <= max_aside:
        aside = tuple(isolated)
        per_row = max(1, min(len(aside), int(max(width, 3 * 2 * MARGIN) // (2.2 * SPACING)) or 1))
        n_rows = math.ceil(len(aside) / per_row)
        strip = n_rows * 1.5 * SPACING + 0.6 * MARGIN
        # Shift the clusters up to make room for the strip underneath.
        pos = {v: (x, y + strip) for v, (x, y) in pos.items()}
        step = 2.2 * SPACING
        for k, v in enumerate(aside):
            row, col = divmod(k, per_row)
            pos[v] = (MARGIN + col * step, strip - 0.75 * SPACING - row * 1.5 * SPACING)
        width = max(width, 2 * MARGIN + (per_row - 1) * step)
        aside_top = strip
        height += strip
    elif isolated:
        hidden = tuple(isolated)
    return Layout(pos=pos, width=max(width, 1.0), height=max(height, 1.0), aside=aside, hidden=hidden, aside_top=aside_top)
