"""Where the reuse graph's labels go, and what they say.

Each label goes below, above, right or left of its node, wherever it covers
no line, node or other label; the most connected nodes are labelled first
and a label with no room is left out (:func:`draw_labels` returns how many).
Split out of :mod:`reuse.report.graph_image`, which draws everything else.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..model import file_outlet
from ..words import plural
from .graph_layout import Layout
from .columns import clip, columns

__all__ = ["BEND", "Grid", "bend", "draw_labels", "line_ends", "node_label", "overlap", "short"]

#: Columns of a title or an outlet in a label (a wide character takes two).
TITLE_CHARS = 28
#: Curvature of outlet-level arrows, so that A -> B and B -> A do not overlap.
BEND = 0.15


def short(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` columns with an ellipsis (a Chinese, Japanese or Korean character takes two).

    >>> short("Kremlin says Trump criticism won't hit swap plans", 20)
    'Kremlin says Trump…'
    >>> short("a\\nb", 9)
    'a b'
    >>> short("克里姆林宫称特朗普的批评不会影响俄美换囚计划", 20)
    '克里姆林宫称特朗普…'
    """
    flat = " ".join(text.split())
    return flat if columns(flat) <= limit else clip(flat, limit)[:-1].rstrip() + "…"


def node_label(node: Hashable, data: dict, level: str) -> str:
    outlet = str(data.get("outlet") or node)
    if level == "outlet":
        n = int(data.get("articles", 0))
        return f"{short(outlet, TITLE_CHARS)}\n{plural(n, 'article')}"
    title = data.get("title")
    name = short(str(node).rsplit("/", 1)[-1], TITLE_CHARS)
    if outlet == str(node) or outlet == file_outlet(str(node)):
        # The outlet is only the file name: show the id, which the report tables use too.
        return f"{name}\n{short(title, TITLE_CHARS)}" if title else name
    # An untitled article of a known outlet: the outlet, and the id in the title's place.
    return f"{short(outlet, TITLE_CHARS)}\n{short(title, TITLE_CHARS) if title else name}"


def line_ends(u: Hashable, v: Hashable, data: dict, level: str) -> tuple[Hashable, Hashable, bool]:
    """Where a line starts and ends as drawn, and whether it has an arrow (source to copy)."""
    if level == "outlet":
        return u, v, True
    src, dst = data.get("source_article"), data.get("derived_article")
    arrow = data.get("relation") == "copied" and {src, dst} == {u, v}
    return (src, dst, True) if arrow else (u, v, False)


def bend(level: str) -> float:
    """The curvature (matplotlib's ``arc3`` ``rad``) of the lines of ``level``."""
    return BEND if level == "outlet" else 0.06


def _edge_points(ax, graph: nx.Graph, lay: Layout, level: str, heads_only: bool = False) -> np.ndarray:
    """Points along every line as drawn, in display pixels: its ``arc3`` curve, on to the arrow head by the node
    (with ``heads_only``, the arrow heads alone).

    A label kept clear of them leaves each arrow head in view (at outlet
    level the lines bend, and a straight chord missed the head).
    """
    ends = [line_ends(u, v, data, level) for u, v, data in graph.edges(data=True) if u in lay.pos and v in lay.pos]
    if heads_only:
        ends = [e for e in ends if e[2]]
    if not ends:
        return np.empty((0, 2))
    start = ax.transData.transform(np.array([lay.pos[a] for a, _, _ in ends], dtype=float))
    end = ax.transData.transform(np.array([lay.pos[b] for _, b, _ in ends], dtype=float))
    (dx, dy) = (end - start).T
    control = (start + end) / 2 + bend(level) * np.stack((dy, -dx), axis=1)  # as matplotlib's arc3 places it
    # A point every few pixels, so that no label box fits between two: at most _LINE_POINTS a line. A line starts
    # _LINE_START pixels out of its first node's centre (a label beside the node may touch it there, not further).
    length = np.maximum(np.hypot(dx, dy), 1.0)
    hi = 0.97
    lo = np.full(len(length), 0.86) if heads_only else np.minimum(_LINE_START / length, 0.5)
    count = np.clip(length * (hi - lo) / _POINT_SPACING, 4, _LINE_POINTS).astype(int)
    t = np.concatenate([np.linspace(a, hi, n) for a, n in zip(lo.tolist(), count.tolist())])[:, None]
    owner = np.repeat(np.arange(len(ends)), count)
    return (1 - t) ** 2 * start[owner] + 2 * t * (1 - t) * control[owner] + t**2 * end[owner]


#: Pixels between the points that stand for a line (label placement), pixels from its first node's centre to its
#: first point, and most points one line gets.
_POINT_SPACING = 6.0
_LINE_START = 12.0
_LINE_POINTS = 200


def draw_labels(ax, fig: Figure, graph: nx.Graph, lay: Layout, level: str, font: float, radii: dict) -> int:
    """Label nodes, most connected first, each below, above, right or left of its node:
    the first place that covers no line, else no arrow head, else the first that
    covers no other label or node; a label with no such place is left out. Returns
    how many were.

    Each label is measured once, below its node; the other places are that
    box moved (matplotlib aligns a text by the same box). Only labels that
    find a place become artists, and the room taken is looked up in a grid:
    a graph of thousands of nodes is labelled in seconds.
    """
    renderer = FigureCanvasAgg(fig).get_renderer()
    order = sorted(lay.pos, key=lambda v: (-graph.degree(v), -int(graph.nodes[v].get("words", 0) or 0), str(v)))
    px = fig.dpi / 72
    style = {
        "textcoords": "offset points",
        "multialignment": "center",
        "fontsize": font,
        "linespacing": 1.1,
        "zorder": 3,
        "bbox": {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
    }
    # Nodes count as taken room: a label never hides another node.
    taken = Grid()
    for v in lay.pos:
        x, y = ax.transData.transform(lay.pos[v])
        r = radii[v] * px
        taken.add((x - r, y - r, x + r, y + r))
    lines, heads = Grid(), Grid()
    for grid, points in ((lines, _edge_points(ax, graph, lay, level)), (heads, _edge_points(ax, graph, lay, level, heads_only=True))):
        for x, y in points.tolist():
            grid.add((x, y, x, y))
    # The drawing's box, widened to the picture's right edge: a label of the last column may stand out to the
    # right of its node, beside the legends (drawn before, their boxes taken) rather than over the node's lines.
    frame = ax.get_window_extent(renderer)
    right = fig.bbox.x1 - 4
    for legend in fig.legends:
        taken.add(tuple(legend.get_window_extent(renderer).extents))
    probe = ax.annotate("", xy=(0, 0), xytext=(0, 0), ha="center", va="top", **style)
    dropped = 0
    for v in order:
        label = node_label(v, graph.nodes[v], level)
        gap = radii[v] * 0.9 + 3
        probe.set_text(label)
        probe.xy = lay.pos[v]
        probe.xyann = (0, -gap)
        bb = probe.get_window_extent(renderer)
        width, height = bb.x1 - bb.x0, bb.y1 - bb.y0
        x, y = bb.x0 + width / 2, bb.y1 + gap * px  # the node's centre, in pixels
        places = (
            ((0, -gap), "center", "top", bb.x0, bb.y0),
            ((0, gap), "center", "bottom", bb.x0, y + gap * px),
            ((gap, 0), "left", "center", x + gap * px, y - height / 2),
            ((-gap, 0), "right", "center", x - gap * px - width, y - height / 2),
        )
        # Three times round the places: first also keeping clear of the lines, then of the arrow heads, then not.
        for (offset, ha, va, x0, y0), clear in [(p, lines) for p in places] + [(p, heads) for p in places] + [(p, None) for p in places]:
            box = (x0, y0, x0 + width, y0 + height)
            inside = frame.x0 <= box[0] and box[2] <= right and frame.y0 <= box[1] and box[3] <= frame.y1
            if inside and not (clear is not None and clear.holds_point_inside(box)) and not taken.overlaps(box):
                taken.add(box)
                ax.annotate(label, xy=lay.pos[v], xytext=offset, ha=ha, va=va, **style)
                break
        else:
            dropped += 1
    probe.remove()
    return dropped


def overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class Grid:
    """Boxes ``(x0, y0, x1, y1)`` in display pixels, filed by the square cells they touch."""

    CELL = 48.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple]] = {}

    def _keys(self, box: tuple):
        cell = self.CELL
        for i in range(math.floor(box[0] / cell), math.floor(box[2] / cell) + 1):
            for j in range(math.floor(box[1] / cell), math.floor(box[3] / cell) + 1):
                yield i, j

    def add(self, box: tuple) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def overlaps(self, box: tuple) -> bool:
        """Whether a filed box overlaps ``box`` (touching edges do not)."""
        return any(overlap(box, other) for key in self._keys(box) for other in self.cells.get(key, ()))

    def holds_point_inside(self, box: tuple) -> bool:
        """Whether a filed point (a box of no size) lies strictly inside ``box``."""
        return any(
            box[0] < px < box[2] and box[1] < py < box[3] for key in self._keys(box) for px, py, _, _ in self.cells.get(key, ())
        )
