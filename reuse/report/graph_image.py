"""Draw the reuse graph with matplotlib's object API (``Figure``, no pyplot state).

Article level: one node per article, coloured by outlet and labelled with
the outlet and a short title; one line per pair, styled by kind (verbatim,
light and heavy rewrite, shared quotes), as wide as the share of text reused,
with an arrow from source to copy where the direction is known (in a dense
graph the lines without one fade, so that the arrows show). Outlet level:
one node per outlet, arrows from the outlet taken from to the one that took,
as wide as the number of articles taken.

It formats; it never computes: the graphs come from :mod:`reuse.graph`, the
positions from :mod:`reuse.report.graph_layout`, the labels' places from
:mod:`reuse.report.graph_labels` (a label with no room is left out, and the
headline says how many).
"""

from __future__ import annotations

import io
import math
import textwrap
import re
import warnings
from collections import Counter
from collections.abc import Hashable

import matplotlib
import matplotlib.style
import networkx as nx
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from ..graph import thinned
from .graph_export import IMAGE_FORMATS
from .graph_labels import BEND, bend, draw_labels, line_ends, short
from .graph_layout import Layout, layout_graph
from ..words import plural

__all__ = ["IMAGE_FORMATS", "KIND_STYLES", "draw_graph", "render_image"]

#: kind -> (colour, line style, opacity, legend text)
KIND_STYLES: dict[str, tuple[str, object, float, str]] = {
    "verbatim": ("#b22222", "solid", 0.95, "verbatim copy"),
    "light-rewrite": ("#e07b00", "solid", 0.9, "light rewrite"),
    "heavy-rewrite": ("#1f5fa8", (0, (5, 2.5)), 0.9, "heavy rewrite"),
    "shared-quotes": ("#8c8c8c", (0, (1, 2)), 0.7, "same quotations only"),
}
_PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02",
)  # fmt: skip
_GREY = "#c8c8c8"
#: The ring round a checked batch's new articles.
_RING = "#222222"
#: Outlets named in the legend; the others share the last entry.
_LEGEND_OUTLETS = len(_PALETTE)
_DPI = 150
#: The drawing's largest side, in inches (at 150 dpi, 3600 pixels).
_MAX_INCHES = 24.0


def _outlet_colours(graph: nx.Graph, level: str) -> tuple[dict[str, str], list[tuple[str, int]]]:
    """A colour for each of the outlets with most articles, and the outlets coloured, with their counts.

    Outlets with a single article stay grey when there are more outlets than
    colours, and at article level also when no outlet has two articles: a
    colour is only worth its legend line when it ties articles together (or,
    at outlet level, names every outlet). Outlets left out of the mapping are
    drawn grey.
    """
    counts: Counter[str] = Counter()
    for node, data in graph.nodes(data=True):
        counts[str(data.get("outlet") or node)] += int(data.get("articles", 1)) if level == "outlet" else 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) > len(_PALETTE) or (level == "article" and all(n == 1 for _, n in ranked)):
        # A colour per single-article outlet (often just the file name) says nothing.
        ranked = [(o, n) for o, n in ranked if n > 1]
    ranked = ranked[: len(_PALETTE)]
    return {o: _PALETTE[i] for i, (o, _) in enumerate(ranked)}, ranked


def _sizes(n: int) -> tuple[float, float, float]:
    """Node area (points²), label font size and inches per layout unit for ``n`` nodes drawn."""
    if n <= 12:
        return 260.0, 8.5, 0.95
    if n <= 60:
        return 150.0, 7.5, 1.0
    if n <= 200:
        return 80.0, 6.5, 0.7
    return 45.0, 5.5, 0.55


def _edge_style(u: Hashable, v: Hashable, data: dict, level: str, colours: dict[str, str], thin: float = 1.0) -> dict:
    src, dst, arrow = line_ends(u, v, data, level)
    if level == "outlet":
        articles = int(data.get("articles", 1))
        return {"colour": colours.get(str(u), "#444444"), "style": "solid", "alpha": 0.85, "width": 1.0 + 1.6 * math.log2(articles + 1), "arrow": True, "src": u, "dst": v}
    colour, style, alpha, _ = KIND_STYLES.get(str(data.get("kind")), ("#555555", "solid", 0.8, ""))
    shared = float(data.get("shared") or 0.0)  # sum of both containments, 0..2
    return {"colour": colour, "style": style, "alpha": alpha, "width": (0.8 + 2.6 * min(shared, 2.0)) * thin, "arrow": arrow, "src": src, "dst": dst}


def _mean_degree(graph: nx.Graph) -> float:
    linked = sum(1 for v in graph if graph.degree(v))
    return 2 * graph.number_of_edges() / max(1, linked)


#: Opacity kept by the lines without an arrow in a dense article graph (:func:`_faded`).
_FADED = 0.4


def _faded(graph: nx.Graph, level: str) -> float:
    """How much of their opacity lines without an arrow keep: in a dense article graph (many
    articles sharing one source's text) they fade, so that the arrows of who took from whom show."""
    return _FADED if level == "article" and _mean_degree(graph) > 3 else 1.0


def _draw_edges(ax, graph: nx.Graph, lay: Layout, level: str, radii: dict, colours: dict[str, str], node_area: float) -> None:
    mean_degree = _mean_degree(graph)
    # Dense clusters (many articles rewriting one source) turn into a blot with wide lines.
    thin = 1.0 if mean_degree <= 3 else max(0.35, 3 / mean_degree)
    faded = _faded(graph, level)
    # Lines and arrow heads shrink with the nodes, so that a crowded picture stays a picture of dots.
    thin *= math.sqrt(node_area / _sizes(1)[0])
    px = ax.figure.dpi / 72
    ax.apply_aspect()
    at = {v: ax.transData.transform(lay.pos[v]) for v in lay.pos}
    clear_of = [(at[w], (radii[w] + _BADGE_POINTS) * px) for w in lay.pos]  # a count badge keeps off every node
    for u, v, data in graph.edges(data=True):
        if u not in lay.pos or v not in lay.pos:
            continue
        s = _edge_style(u, v, data, level, colours, thin)
        if level == "outlet" and int(data.get("articles", 1)) > 1:
            # On the arc3 curve (the two directions between a pair of outlets bend apart), clear of every node.
            mx, my = ax.transData.inverted().transform(_badge_point(at[u], at[v], clear_of))
            ax.text(mx, my, str(data["articles"]), fontsize=7.5, ha="center", va="center", zorder=4,
                    bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "#888888", "lw": 0.6})
        # add_artist, not add_patch: the limits are set, and working out each arrow's extent for
        # autoscaling took most of the drawing time of a large graph.
        ax.add_artist(
            FancyArrowPatch(
                posA=lay.pos[s["src"]],
                posB=lay.pos[s["dst"]],
                arrowstyle="-|>" if s["arrow"] else "-",
                mutation_scale=(6 + 2.2 * s["width"]) * (1 if level == "outlet" else max(0.6, thin)),
                shrinkA=radii[s["src"]] + 1,
                shrinkB=radii[s["dst"]] + 2,
                connectionstyle=f"arc3,rad={bend(level)}",
                color=s["colour"],
                linestyle=s["style"],
                linewidth=s["width"],
                alpha=s["alpha"] if s["arrow"] else s["alpha"] * faded,
                zorder=2 if s["arrow"] else 1,
            )
        )


#: About the radius of a count badge, in points.
_BADGE_POINTS = 7.0


def _badge_point(start, end, nodes) -> np.ndarray:
    """Where on the arc3 curve from ``start`` to ``end`` (display pixels) a count badge goes.

    The middle of the curve, unless it would sit on a node of ``nodes``
    (``(centre, clearance)`` pairs): then the first point, moving out from
    the middle towards either end, clear of them all; the middle if none is.
    Two outlets two places apart on a ring have the one between them at the
    middle of their arc.

    >>> _badge_point((0, 0), (100, 0), [((50, 0), 5)]).round(1).tolist()  # 7.5 px off the line: clear
    [50.0, -7.5]
    >>> _badge_point((0, 0), (100, 0), [((50, -7.5), 10)]).round(1).tolist()
    [38.0, -7.1]
    """
    p0, p2 = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    (dx, dy) = p2 - p0
    control = (p0 + p2) / 2 + BEND * np.array([dy, -dx])
    for t in (0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8):
        point = (1 - t) ** 2 * p0 + 2 * t * (1 - t) * control + t**2 * p2
        if all(np.hypot(*(point - np.asarray(centre))) >= clearance for centre, clearance in nodes):
            return point
    return (p0 + p2) / 2 + BEND / 2 * np.array([dy, -dx])


def _legend(
    fig: Figure, graph: nx.Graph, level: str, colours: dict[str, str], ranked: list[tuple[str, int]], node_area: float,
    top: float = 0.90, drawn: set | None = None,
) -> None:
    """The legends of lines and of node colours, in the right-hand column from ``top`` (a share of the figure's height) down."""
    if level == "outlet":
        handles = [
            Line2D([], [], color="#444444", lw=1.5, marker=">", markevery=[1], label="took articles from → to"),
            Line2D([], [], color="#444444", lw=1.0 + 1.6 * math.log2(2), label="1 article"),
            Line2D([], [], color="#444444", lw=1.0 + 1.6 * math.log2(11), label="10 articles (number on the arrow)"),
        ]
        title = "Outlets"
    else:
        kinds = {str(d.get("kind")) for _, _, d in graph.edges(data=True)}
        handles = [
            Line2D([], [], color=c, linestyle=s, alpha=a, lw=2.2, label=text)
            for kind, (c, s, a, text) in KIND_STYLES.items()
            if kind in kinds or not kinds
        ]
        handles.append(Line2D([], [], color="#333333", lw=1.2, marker=">", markersize=6, label="arrow: source → copy"))
        faded = _faded(graph, level)
        label = "no arrow: common source or unknown" + (" (faded)" if faded < 1 else "")
        handles.append(Line2D([], [], color="#333333", lw=1.2, alpha=faded, label=label))
        handles.append(Line2D([], [], color="#333333", lw=3.6, label="wider: more text shared"))
        title = "Lines"
    first = fig.legend(handles=handles, title=title, loc="upper right", bbox_to_anchor=(0.995, top), fontsize=8, title_fontsize=9, frameon=False, alignment="left")
    fig.add_artist(first)
    # The outlet legend goes right under the first one, whatever the figure's height.
    below = top - first.get_window_extent(FigureCanvasAgg(fig).get_renderer()).height / fig.bbox.height - 0.03
    shown = ranked[:_LEGEND_OUTLETS]
    marker = min(math.sqrt(node_area) * 0.6, 9)
    dots = [Line2D([], [], linestyle="none", marker="o", markersize=marker, markerfacecolor=colours[o], markeredgecolor="white", label=f"{short(o, 24)} ({n})") for o, n in shown]
    drawn_outlets = {str(d.get("outlet") or v) for v, d in graph.nodes(data=True) if drawn is None or v in drawn}
    others = len(drawn_outlets - {o for o, _ in shown})  # of the outlets drawn: the notes count those left out
    if others > 0:
        text = plural(others, "other outlet") if shown else ("1 outlet with one article" if others == 1 else f"{others} outlets with one article each")
        dots.append(Line2D([], [], linestyle="none", marker="o", markersize=marker, markerfacecolor=_GREY, markeredgecolor="white", label=text))
    if any(d.get("batch") == "new" for _, d in graph.nodes(data=True)):
        dots.append(Line2D([], [], linestyle="none", marker="o", markersize=marker, markerfacecolor="white", markeredgecolor=_RING,
                           markeredgewidth=2.2, label="ringed: new, in the checked batch"))
    fig.legend(handles=dots, title="Node colour: outlet (articles)", loc="upper right", bbox_to_anchor=(0.995, below), fontsize=7.5, title_fontsize=8.5, frameon=False, alignment="left")


#: Characters of the notes under the headline per inch of the drawing's width, and the inches a line of them takes.
_NOTE_CHARS_PER_INCH = 15
_NOTE_LINE_INCHES = 0.17


def _notes(level: str, what: str, hidden: int, undrawn: int, quotations: int) -> list[str]:
    """What the notes under the headline say, but for the labels left out (known once they are placed)."""
    notes = ["Arrows point from the likely source to the copy." if level == "article" else "Arrows point from the outlet taken from to the outlet that took."]
    if hidden:
        apart = "that took from no other outlet and gave to none" if level == "outlet" else "sharing no text"
        notes.append(f"{hidden} {what} {apart} are not drawn.")
    if quotations:
        one = quotations == 1
        notes.append(f"{plural(quotations, 'pair')} that {'shares' if one else 'share'} only the same quotations {'is' if one else 'are'} left out.")
    if undrawn:
        notes.append(
            f"{plural(undrawn, 'pair')} of groups too dense to draw whole are not drawn: each article there is joined "
            f"by its strongest pairs (the .graphml, .gexf and .json exports hold them all)."
        )
    return notes


def draw_graph(graph: nx.Graph, *, level: str = "article", title: str | None = None, seed: int = 0) -> Figure:
    """A figure of the reuse graph.

    Parameters
    ----------
    graph
        From :func:`reuse.graph.article_graph` (``level="article"``) or
        :func:`reuse.graph.outlet_graph` (``level="outlet"``).
    level
        ``"article"`` or ``"outlet"``: what a node stands for.
    title
        The headline; a summary of the counts when not given.
    seed
        Seed of the layout.

    Returns
    -------
    matplotlib.figure.Figure
    """
    whole = graph
    graph, undrawn = thinned(graph) if level == "article" else (graph, 0)
    lay = layout_graph(graph, seed=seed, circle_up_to=30 if level == "outlet" else 5)
    drawn = len(lay.pos)
    node_area, font, per_unit = _sizes(drawn)
    legend_in = 2.9
    # One scale for both axes, so the drawing fills its box without distortion.
    per_unit = min(per_unit, _MAX_INCHES / lay.width, _MAX_INCHES / lay.height)
    graph_w = max(lay.width * per_unit, 4.5)
    graph_h = max(lay.height * per_unit, 3.2)
    what = "outlets" if level == "outlet" else "articles"
    quotations = int(whole.graph.get("quotation_pairs_left_out", 0))
    notes = _notes(level, what, len(lay.hidden), undrawn, quotations)
    # The notes wrap within the figure's width, the legend below them; room for one more, on labels left out.
    chars = max(40, int((graph_w + legend_in) * _NOTE_CHARS_PER_INCH))
    lines = len(textwrap.wrap(" ".join([*notes, "9999 labels left out where they would overlap."]), chars))
    head_in = 0.85 + _NOTE_LINE_INCHES * (lines - 1)
    fig = Figure(figsize=(graph_w + legend_in, graph_h + head_in), dpi=_DPI, layout=None)
    fig.patch.set_facecolor("white")
    total_w, total_h = graph_w + legend_in, graph_h + head_in
    ax = fig.add_axes((0.01, 0.01, graph_w / total_w - 0.01, graph_h / total_h - 0.01))
    ax.set_xlim(0, lay.width)
    ax.set_ylim(0, lay.height)
    ax.set_aspect("equal", adjustable="box")
    ax.axis("off")

    colours, ranked = _outlet_colours(graph, level)
    nodes = list(lay.pos)
    areas = {v: node_area * (1.0 + 0.25 * math.log2(max(1, int(graph.nodes[v].get("articles", 1))))) if level == "outlet" else node_area for v in nodes}
    radii = {v: math.sqrt(a) / 2 for v, a in areas.items()}
    _draw_edges(ax, graph, lay, level, radii, colours, node_area)
    xs = [lay.pos[v][0] for v in nodes]
    ys = [lay.pos[v][1] for v in nodes]
    fill = []
    for v in nodes:
        outlet = str(graph.nodes[v].get("outlet") or v)
        fill.append(colours.get(outlet, _GREY))
    # A check's new articles are ringed: which of them matched the archive, and which each other, shows at a glance.
    ringed = [graph.nodes[v].get("batch") == "new" for v in nodes]
    ax.scatter(
        xs, ys, s=[areas[v] for v in nodes], c=fill, zorder=2,
        edgecolors=[_RING if r else "white" for r in ringed], linewidths=[2.2 if r else 1.2 for r in ringed],
    )
    if lay.aside_top is not None:
        ax.axhline(lay.aside_top, color="#dddddd", lw=0.8, ls="--", zorder=0)
        aside = "took from no other outlet and gave to none" if level == "outlet" else "share no text with any other article"
        if quotations:
            aside += " (or only the same quotations, left out)"
        ax.text(0.05, lay.aside_top - 0.1, aside, fontsize=8, color="#777777", va="top")
    _legend(fig, graph, level, colours, ranked, node_area, top=min(0.90, 1 - (head_in + 0.05) / total_h), drawn=set(lay.pos))
    dropped = draw_labels(ax, fig, graph, lay, level, font, radii)  # after the legends: no label covers them

    links = plural(whole.number_of_edges(), "link" if level == "outlet" else "pair") + ("" if level == "outlet" else " sharing text")
    batch = [d.get("batch") for _, d in whole.nodes(data=True)]
    counted = plural(whole.number_of_nodes(), what[:-1])
    if "new" in batch:  # a check's: the batch and the stored articles it matched
        counted = f"{plural(batch.count('new'), 'new article')} and {batch.count('indexed'):,} indexed"
    headline = title or f"Reuse graph: {counted}, {links}"
    if dropped:
        notes.append(f"{plural(dropped, 'label')} left out where they would overlap.")
    fig.text(0.01, 1 - 0.32 / total_h, headline, fontsize=12, fontweight="bold", va="center")
    for k, line in enumerate(textwrap.wrap(" ".join(notes), chars)):
        fig.text(0.01, 1 - (0.62 + _NOTE_LINE_INCHES * k) / total_h, line, fontsize=8.5, color="#444444", va="center")
    return fig


def render_image(graph: nx.Graph, fmt: str, *, level: str = "article", title: str | None = None, missing: set[str] | None = None) -> bytes:
    """The graph drawn as ``fmt`` (``png``, ``svg`` or ``pdf``), as bytes.

    ``missing``, when given, gets the characters of the labels that no
    installed font has (drawn as boxes).
    """
    # Fixed metadata and SVG ids, so the same result gives the same file; and matplotlib's own
    # defaults, not a matplotlibrc of the user's or the working folder's.
    metadata = {"Software": None} if fmt == "png" else ({"Date": None} if fmt == "svg" else {"CreationDate": None})
    # Labels are plain text: "$5 or $6" is no formula (matplotlib's math mode drops the "$", or fails).
    settings = {"svg.hashsalt": "reuse", "svg.fonttype": "none", "text.parse_math": False, "font.family": _font_families()}
    with matplotlib.style.context("default"), matplotlib.rc_context(settings), warnings.catch_warnings():
        # A glyph no installed font has is drawn as a box; matplotlib's warning about it would break --quiet: it is
        # taken here, and the caller says it once. "Glyph 77824 (\N{...}) missing from font(s) X." (before 3.8: "... current
        # font."). Every other warning goes where it went, under the user's own filters (catch_warnings restores both).
        warnings.filterwarnings("always", message=_MISSING_GLYPH.pattern, category=UserWarning)
        shown = warnings.showwarning

        def show(message, category, filename, lineno, file=None, line=None):
            if (glyph := _MISSING_GLYPH.match(str(message))) is None:
                shown(message, category, filename, lineno, file, line)
            elif missing is not None:
                missing.add(chr(int(glyph.group(1))))

        warnings.showwarning = show
        fig = draw_graph(graph, level=level, title=title)
        buf = io.BytesIO()
        FigureCanvasAgg(fig)
        fig.savefig(buf, format=fmt, dpi=_DPI, facecolor="white", metadata=metadata)
    return buf.getvalue()


_MISSING_GLYPH = re.compile(r"Glyph (\d+) .*missing from")


#: Fonts with Chinese, Japanese and Korean glyphs, tried after matplotlib's own when installed.
_CJK_FONTS = ("Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK KR", "Source Han Sans", "WenQuanYi Zen Hei", "Droid Sans Fallback")


def _font_families() -> list[str]:
    """matplotlib's default sans-serif font, then the installed ones of ``_CJK_FONTS`` (glyph by glyph fallback)."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return ["DejaVu Sans", *(name for name in _CJK_FONTS if name in installed)]
