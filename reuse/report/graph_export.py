"""Write the reuse graph to a file; the format follows the file's extension.

``.png``, ``.svg``, ``.pdf``: a picture (:mod:`reuse.report.graph_image`);
``.graphml`` and ``.gexf``: for Gephi, yEd and other graph tools; ``.json``:
networkx node-link data (``nx.node_link_data(G, edges="edges")``). These
three hold a directed graph (:func:`reuse.graph.directed`): a copy's edge
runs from its source to its derived article.

Every file is written atomically: to a temporary file beside it that then
replaces the target, so nobody ever reads half a graph.
"""

from __future__ import annotations

import io
import json
import re
from os import PathLike
from pathlib import Path

import networkx as nx

from ..errors import ConfigError
from ..graph import article_graph, directed, outlet_graph
from ..model import ScanResult
from .output import expect_result, write_output

__all__ = ["GRAPH_FORMATS", "IMAGE_FORMATS", "LEVELS", "glyph_warnings", "graph_bytes", "graph_data", "render_image", "write_graph"]

#: Picture formats, drawn by :mod:`reuse.report.graph_image`.
IMAGE_FORMATS = ("png", "svg", "pdf")
#: Every extension :func:`write_graph` understands.
GRAPH_FORMATS = (*IMAGE_FORMATS, "graphml", "gexf", "json")
LEVELS = ("article", "outlet")


def render_image(graph: nx.Graph, fmt: str, *, level: str = "article", title: str | None = None, missing: set[str] | None = None) -> bytes:
    """:func:`reuse.report.graph_image.render_image`, imported on first use.

    Importing matplotlib takes about a third of a second, which every
    ``reuse`` command would pay for a picture most runs never draw.
    """
    from .graph_image import render_image as render

    return render(graph, fmt, level=level, title=title, missing=missing)


def _plain(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes GraphML and GEXF accept: no ``None``, no tuples.

    A ``None`` text becomes ``""``; a ``None`` number (a median lag no pair
    gives) is left out of that node or edge, so the attribute keeps one
    numeric type (GraphML would declare it twice, GEXF write ``value=""``).

    >>> g = nx.Graph(); g.add_node("a", title=None, kinds=(("verbatim", 2),)); g.add_edge("a", "b", lag=None); g.add_edge("b", "c", lag=2.0)
    >>> dict(_plain(g).nodes["a"]), _plain(g).edges["a", "b"], _plain(g).edges["b", "c"]
    ({'title': '', 'kinds': 'verbatim 2'}, {}, {'lag': 2.0})
    """
    out = graph.copy()
    items = [*out.nodes(data=True), *((None, d) for *_, d in out.edges(data=True))]
    numeric = {key for _, data in items for key, value in data.items() if isinstance(value, (int, float)) and not isinstance(value, bool)}
    for _, data in items:
        for key, value in list(data.items()):
            if value is None and key in numeric:
                del data[key]
            elif value is None:
                data[key] = ""
            elif isinstance(value, (tuple, list)):
                data[key] = "; ".join(" ".join(str(x) for x in v) if isinstance(v, (tuple, list)) else str(v) for v in value)
    return out


def graph_bytes(graph: nx.Graph, fmt: str, *, level: str = "article", missing: set[str] | None = None) -> bytes:
    """``graph`` in format ``fmt`` (one of :data:`GRAPH_FORMATS`), as bytes; ``missing`` as :func:`render_image` takes it."""
    if fmt in IMAGE_FORMATS:
        return render_image(graph, fmt, level=level, missing=missing)
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(_plain(graph), buf, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(_plain(graph), buf, encoding="utf-8")
        # networkx stamps today's local date in <meta>: optional in GEXF, and the same result must give the same file.
        return re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue(), count=1)
    else:
        raise ConfigError(f"unknown graph format {fmt!r}: use one of {', '.join(GRAPH_FORMATS)}.")
    return buf.getvalue()


def graph_format(path: str | PathLike[str]) -> str:
    """The format named by a file's extension.

    >>> graph_format("out/Graph.SVG")
    'svg'

    Raises
    ------
    reuse.errors.ConfigError
        When the extension is not one of :data:`GRAPH_FORMATS`.
    """
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in GRAPH_FORMATS:
        raise ConfigError(
            f"cannot tell the graph format of {path}: end the file name in "
            + ", ".join("." + f for f in GRAPH_FORMATS)
            + "."
        )
    return fmt


def write_graph(
    result: ScanResult,
    path: str | PathLike[str],
    *,
    level: str = "article",
    quotes: bool = True,
    words: dict[str, int] | None = None,
) -> tuple[str, ...]:
    """Write the reuse graph of ``result`` to ``path``, in the format its extension names; return what to warn of.

    Parameters
    ----------
    result
        A finished scan, or one read back with :func:`reuse.report.read_report`.
    path
        Destination; its extension picks the format (:data:`GRAPH_FORMATS`).
    level
        ``"article"``: a node per article; ``"outlet"``: a node per outlet.
    quotes
        Keep the pairs that share only the same quotations (article level).
    words
        Word counts by article id, when ``result`` carries no article text.

    Returns
    -------
    tuple of str
        Warnings for the user: labels with characters no installed font has
        (drawn as boxes in an image).

    Raises
    ------
    reuse.errors.ConfigError
        For an unknown extension or level.
    reuse.errors.ReuseError
        When the file cannot be written.
    """
    fmt = graph_format(path)
    missing: set[str] = set()
    write_output(path, graph_data(result, fmt, level=level, quotes=quotes, words=words, missing=missing))
    return glyph_warnings(path, missing) if fmt != "svg" else ()  # an SVG keeps the text, for the viewer's fonts


def graph_data(
    result: ScanResult, fmt: str, *, level: str = "article", quotes: bool = True, words: dict[str, int] | None = None,
    missing: set[str] | None = None,
) -> bytes:
    """The bytes :func:`write_graph` writes for ``fmt`` (one of :data:`GRAPH_FORMATS`); ``missing`` as :func:`render_image` takes it."""
    expect_result(result, "write_graph")
    if level not in LEVELS:
        raise ConfigError(f"unknown graph level {level!r}: use 'article' or 'outlet'.")
    if level == "outlet":
        graph: nx.Graph = outlet_graph(result)
    else:
        graph = article_graph(result, quotes=quotes, words=words)
        if fmt not in IMAGE_FORMATS:  # other tools draw a directed graph's edges as arrows: a copy's runs source -> derived
            graph = directed(graph)
    return graph_bytes(graph, fmt, level=level, missing=missing)


def glyph_warnings(path: str | PathLike[str], missing: set[str], svg_hint: bool = True) -> tuple[str, ...]:
    """What to say of the ``missing`` characters of a picture written to ``path`` (:func:`render_image` collects them)."""
    if not missing:
        return ()
    shown = "".join(sorted(missing)[:_SHOWN_GLYPHS]) + ("…" if len(missing) > _SHOWN_GLYPHS else "")
    return (
        f"{path}: {len(missing)} characters of the graph's labels ({shown}) are drawn as boxes: no installed font has them. "
        "Install one that does (for Chinese, Japanese and Korean: Noto Sans CJK, e.g. the fonts-noto-cjk package) and remove "
        "matplotlib's font cache (~/.cache/matplotlib) so that it is found"
        + ("; .svg keeps the text for the viewer's fonts." if svg_hint else "."),
    )


#: Characters without a glyph named in the warning, at most.
_SHOWN_GLYPHS = 12
