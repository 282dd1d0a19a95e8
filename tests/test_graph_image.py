"""Reuse-graph pictures and exports: layout, every format, levels, the quotes flag."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import random
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg

from reuse.errors import ConfigError, ReuseError
from reuse.graph import article_graph, outlet_graph
from reuse.model import Article, Direction, Extent, Pair, Relation, ReuseKind, ScanResult
from reuse.report import write_json
from reuse.report.graph_export import GRAPH_FORMATS, graph_bytes, graph_format, write_graph
from reuse.report.graph_image import draw_graph
from reuse.report.graph_labels import Grid as _Grid, overlap as _overlap
from reuse.report.graph_layout import MAX_ASIDE, layout_graph


def random_result(n_articles: int, n_outlets: int = 8, seed: int = 1) -> ScanResult:
    """Clusters of copies (a source and its copies) plus lone articles, as a scan of a news day looks."""
    rng = random.Random(seed)
    outlets = [f"outlet-{k}.example" for k in range(n_outlets)]
    articles = tuple(
        Article(f"a{i:04d}", "", rng.choice(outlets), title=f"Story number {i} about something long enough to cut")
        for i in range(n_articles)
    )
    pairs = []
    i = 0
    kinds = list(ReuseKind)
    while i < n_articles * 2 // 3:
        size = rng.choice([2, 2, 2, 3, 4, 6, 12])
        members = [articles[j].id for j in range(i, min(i + size, n_articles))]
        for other in members[1:]:
            copied = rng.random() < 0.6
            pairs.append(
                Pair(members[0], other, rng.choice(kinds), Extent.WHOLE, 0.9, rng.random(), rng.random(), 0.5, (),
                     Direction(Relation.COPIED, members[0], other, 0.6) if copied else Direction())
            )
        i += size + rng.choice([0, 1, 2])
    return ScanResult(articles, (), tuple(pairs), "f" * 16)


def _boxes(lay, graph):
    for comp in nx.connected_components(graph):
        if len(comp) > 1:
            xs = [lay.pos[v][0] for v in comp]
            ys = [lay.pos[v][1] for v in comp]
            yield min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize("n", [3, 40, 500], ids=lambda n: f"{n}-articles")
def test_components_are_laid_out_apart_inside_the_canvas(n):
    graph = article_graph(random_result(n))
    lay = layout_graph(graph)
    boxes = list(_boxes(lay, graph))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], "two clusters overlap"
    for x, y in lay.pos.values():
        assert 0 <= x <= lay.width and 0 <= y <= lay.height
    isolated = [v for v in graph if graph.degree(v) == 0]
    assert set(lay.aside) | set(lay.hidden) == set(isolated)
    assert (len(lay.aside), len(lay.hidden)) == ((len(isolated), 0) if len(isolated) <= MAX_ASIDE else (0, len(isolated)))


_LAYOUT_IN_A_CHILD = (
    "import json, sys, networkx as nx\n"
    "from reuse.report.graph_layout import layout_graph\n"
    "graph = nx.node_link_graph(json.load(open(sys.argv[1], encoding='utf-8')), edges='edges')\n"
    "print(json.dumps(sorted((str(k), [float(x) for x in v]) for k, v in layout_graph(graph).pos.items())))\n"
)


def test_layout_is_the_same_in_every_process(tmp_path):
    """Positions may not depend on the order of sets of strings, which changes with each process's hash seed."""
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(nx.node_link_data(article_graph(random_result(60)), edges="edges")), encoding="utf-8")
    runs = [
        subprocess.run(
            [sys.executable, "-c", _LAYOUT_IN_A_CHILD, str(path)],
            env=dict(os.environ, PYTHONHASHSEED=seed),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    graph = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    here = layout_graph(graph).pos
    assert len(json.loads(runs[0])) == len(here) > 10
    assert runs[0] == runs[1]


def test_a_large_component_is_laid_out_the_same_every_time_and_keeps_its_shape(monkeypatch):
    """Past FULL_LAYOUT_NODES a component starts from its Laplacian's eigenvectors (seeded), then takes fewer iterations.

    From random places those few iterations leave a hairball: the distance
    of two nodes in the picture follows their distance in the graph with a
    correlation of about 0.2 on such a tree, against 0.5-0.75 from the
    eigenvectors (0.5-0.9 with all 200 iterations from random places).
    """
    import numpy as np

    from reuse.report import graph_layout

    monkeypatch.setattr(graph_layout, "FULL_LAYOUT_NODES", 100)  # a smaller tree will do: 30 iterations for 630 nodes
    tree = nx.from_prufer_sequence(np.random.default_rng(1).integers(0, 600, 598).tolist())
    tree.add_edges_from((5, 600 + k) for k in range(30))  # 30 leaves of one hub: twins, equal in the eigenvectors
    named = nx.relabel_nodes(tree, lambda v: f"a{v:04d}")
    first, second = layout_graph(named).pos, layout_graph(named).pos
    assert first == second
    assert len(set(first.values())) == len(tree)  # no two nodes drawn in one place
    places = np.array([first[f"a{v:04d}"] for v in tree])
    hops = dict(nx.all_pairs_shortest_path_length(tree))
    i, j = np.random.default_rng(0).integers(0, len(tree), (2, 3000))
    apart = np.linalg.norm(places[i] - places[j], axis=1)
    assert np.corrcoef([hops[a][b] for a, b in zip(i.tolist(), j.tolist())], apart)[0, 1] > 0.5


@pytest.mark.parametrize("n", [3, 500], ids=lambda n: f"{n}-articles")
def test_labels_never_overlap_and_stay_in_the_picture(n):
    fig = draw_graph(article_graph(random_result(n)))
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.axes[0]
    boxes = [t.get_window_extent(renderer) for t in ax.texts if "\n" in t.get_text()]
    assert boxes, "some nodes are labelled"
    frame = ax.get_window_extent(renderer)  # a label of the last column may stand out to the right, beside the legends
    assert all(frame.x0 <= b.x0 and b.x1 <= fig.bbox.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes)
    legends = [legend.get_window_extent(renderer) for legend in fig.legends]
    assert not any(b.overlaps(legend) for b in boxes for legend in legends)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


def test_headline_counts_and_hidden_articles_are_said():
    fig = draw_graph(article_graph(random_result(500)))
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "Reuse graph: 500 articles" in texts
    assert "sharing no text are not drawn" in texts
    outlets = draw_graph(outlet_graph(random_result(500, n_outlets=100)), level="outlet")
    texts = " ".join(t.get_text() for t in outlets.texts)
    assert "outlets that took from no other outlet and gave to none are not drawn" in texts and "sharing no text" not in texts


def _write(tmp_path: Path, result: ScanResult, name: str, **options) -> Path:
    out = tmp_path / name
    write_graph(result, out, **options)
    return out


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_every_format_writes_a_readable_file(tmp_path, make_result, fmt):
    result = make_result()
    out = _write(tmp_path, result, f"graph.{fmt}")
    data = out.read_bytes()
    if fmt == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    elif fmt == "pdf":
        assert data[:5] == b"%PDF-"
    elif fmt == "svg":
        assert ET.fromstring(data).tag.endswith("svg")
    else:
        graph = {
            "graphml": lambda: nx.read_graphml(io.BytesIO(data)),
            "gexf": lambda: nx.read_gexf(io.BytesIO(data)),
            "json": lambda: nx.node_link_graph(json.loads(data), edges="edges"),
        }[fmt]()
        assert set(graph.nodes) == {a.id for a in result.articles}
        assert {frozenset(e) for e in graph.edges} == {frozenset((p.a, p.b)) for p in result.pairs}
        edge = graph.edges["a.txt", "b.txt"]
        assert edge["kind"] == "verbatim" and edge["source_article"] == "a.txt" and edge["derived_article"] == "b.txt"
        assert graph.is_directed() and not graph.has_edge("b.txt", "a.txt"), "a copy's edge runs from its source, as an arrow"
        assert graph.number_of_edges() == len(result.pairs)
    assert [p.name for p in tmp_path.iterdir()] == [out.name], "no temporary file left"


def test_same_result_same_file(tmp_path, make_result):
    result = make_result()
    for fmt in ("png", "svg", "pdf"):
        assert _write(tmp_path, result, f"1.{fmt}").read_bytes() == _write(tmp_path, result, f"2.{fmt}").read_bytes()


_GRAPH_IN_A_CHILD = (
    "import sys\n"
    "from reuse.graph import article_graph\n"
    "from reuse.report import read_report\n"
    "from reuse.report.graph_export import graph_bytes\n"
    "sys.stdout.buffer.write(graph_bytes(article_graph(read_report(sys.argv[1]).result), sys.argv[2]))\n"
)


@pytest.mark.parametrize("fmt", ["png", "svg", "gexf"])
def test_the_same_file_wherever_and_whenever_it_is_made(tmp_path, make_result, fmt):
    """Neither a matplotlibrc in the working folder nor the local date changes the file."""
    report = tmp_path / "report.json"
    write_json(make_result(), report)
    picky = tmp_path / "picky"
    picky.mkdir()
    (picky / "matplotlibrc").write_text("font.family: serif\nsavefig.transparent: True\nlines.linewidth: 5\n", encoding="utf-8")
    # POSIX time zones 26 hours apart: the local dates always differ.
    made = [
        subprocess.run(
            [sys.executable, "-c", _GRAPH_IN_A_CHILD, str(report), fmt],
            cwd=cwd,
            env=dict(os.environ, TZ=zone),
            capture_output=True,
            check=True,
        ).stdout
        for cwd, zone in ((tmp_path, "EAST-14"), (picky, "WEST+12"))
    ]
    assert made[0] and made[0] == made[1]


def test_no_quotes_leaves_out_shared_quotation_pairs(tmp_path, make_result):
    result = make_result()
    quotes = next(p for p in result.pairs if p.kind is ReuseKind.HEAVY_REWRITE)
    result = ScanResult(result.articles, (), (result.pairs[0], Pair(quotes.a, quotes.b, ReuseKind.SHARED_QUOTES, quotes.extent, 0.5, 0.1, 0.1, 0.5, ())), "x")
    shown = json.loads(_write(tmp_path, result, "q.json").read_text())
    hidden = json.loads(_write(tmp_path, result, "n.json", quotes=False).read_text())
    assert len(shown["edges"]) == 2 and len(hidden["edges"]) == 1


def test_outlet_level_follows_the_outlet_links(tmp_path, make_result):
    result = make_result()
    data = json.loads(_write(tmp_path, result, "o.json", level="outlet").read_text())
    assert data["directed"] is True
    assert {n["id"] for n in data["nodes"]} == {a.outlet for a in result.articles}
    assert [(e["source"], e["target"], e["articles"]) for e in data["edges"]] == [
        (link.source, link.derived, link.articles) for link in result.outlets
    ]
    assert _write(tmp_path, result, "o.png", level="outlet").read_bytes()[:4] == b"\x89PNG"
    assert outlet_graph(result).number_of_edges() == len(result.outlets) > 0


def test_unknown_format_and_level(tmp_path, make_result):
    with pytest.raises(ConfigError, match=r"end the file name in \.png"):
        graph_format(tmp_path / "graph.txt")
    with pytest.raises(ConfigError, match="unknown graph level"):
        write_graph(make_result(), tmp_path / "g.png", level="planet")


def test_unwritable_path_names_the_file(tmp_path, make_result):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ReuseError, match="cannot write .*file/graph.png"):
        write_graph(make_result(), tmp_path / "file" / "graph.png")


def _titled(titles: dict[str, str], outlets: dict[str, str] | None = None) -> ScanResult:
    """Two articles whose pair is a copy, with the given titles (and outlets)."""
    outlets = outlets or {}
    articles = tuple(Article(i, "", outlets.get(i, i.split(".")[0]), title=t, path=i) for i, t in titles.items())
    a, b = (art.id for art in articles)
    pair = Pair(a, b, ReuseKind.VERBATIM, Extent.WHOLE, 0.9, 0.8, 0.8, 1.0, (), Direction(Relation.COPIED, a, b, 0.6))
    return ScanResult(articles, (), (pair,), "f" * 16)


def test_a_dollar_sign_in_a_label_is_text_not_a_formula(tmp_path):
    """matplotlib's math mode failed on "$5_$6" (a traceback) and drew "Pay $5 or $6" as "Pay 5*or*6"."""
    result = _titled({"deal_$5_$6.txt": "Save $5 on #1_best_ $9", "copy.txt": "Pay $5 or $6 now"})
    write_graph(result, tmp_path / "g.svg")
    svg = (tmp_path / "g.svg").read_text("utf-8")
    assert "Pay $5 or $6 now" in svg and "Save $5 on #1_best_ $9" in svg


def test_glyphs_no_font_has_are_drawn_without_a_warning(tmp_path):
    """A warning per missing glyph went to stderr, past --quiet."""
    import warnings

    result = _titled({"a.txt": "東京で会談", "b.txt": "東京で会談が開かれた"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        write_graph(result, tmp_path / "g.png")
    assert (tmp_path / "g.png").stat().st_size > 0


def test_an_outlet_named_in_the_id_is_still_the_label():
    """A folder per site ("bbc.co.uk/2025/story.html", outlet bbc.co.uk) lost every outlet from the picture."""
    from reuse.report.graph_labels import node_label as _node_label

    assert _node_label("bbc.co.uk/2025/kremlin-swap.html", {"outlet": "bbc.co.uk", "title": "Swap"}, "article") == "bbc.co.uk\nSwap"
    assert _node_label("feeds/kremlin-swap.txt", {"outlet": "kremlin-swap", "title": "Swap"}, "article") == "kremlin-swap.txt\nSwap"
    # Untitled: the outlet still shows, above the id (it showed the id alone).
    assert _node_label("feed.jsonl#3", {"outlet": "Daily Planet"}, "article") == "Daily Planet\nfeed.jsonl#3"
    assert _node_label("notes/other-1.txt", {"outlet": "other-1"}, "article") == "other-1.txt"


def test_graph_files_hold_a_lag_only_where_one_is_known(tmp_path):
    """GraphML declared median_lag_hours twice (string and double) and GEXF wrote value="" for a double."""
    result = random_result(12, n_outlets=3)
    articles = tuple(dataclasses.replace(a, published="2025-05-27T09:00:00Z" if a.outlet == "outlet-0.example" else None) for a in result.articles)
    graph = outlet_graph(dataclasses.replace(result, articles=articles))
    lags = [d.get("median_lag_hours") for *_, d in graph.edges(data=True)]
    if not (None in lags and any(x is not None for x in lags)):
        graph.add_edge("x", "y", median_lag_hours=None)
        graph.add_edge("y", "z", median_lag_hours=1.5)
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"g.{fmt}"
        path.write_bytes(graph_bytes(graph, fmt, level="outlet"))
        back = read(path)
        assert sorted(float(d["median_lag_hours"]) for *_, d in back.edges(data=True) if "median_lag_hours" in d)
    keys = ET.parse(tmp_path / "g.graphml").getroot().findall("{http://graphml.graphdrawing.org/xmlns}key[@attr.name='median_lag_hours']")
    assert [k.get("attr.type") for k in keys] == ["double"]


_coord = st.floats(min_value=-500, max_value=500, allow_nan=False)
_box = st.tuples(_coord, _coord, st.floats(0, 200), st.floats(0, 200)).map(lambda b: (b[0], b[1], b[0] + b[2], b[1] + b[3]))


@given(st.lists(_box, max_size=30), _box)
def test_the_label_grid_answers_as_a_search_of_every_box(filed, box):
    grid = _Grid()
    for other in filed:
        grid.add(other)
    assert grid.overlaps(box) == any(_overlap(box, other) for other in filed)
    points = _Grid()
    for x, y, _, _ in filed:
        points.add((x, y, x, y))
    assert points.holds_point_inside(box) == any(box[0] < x < box[2] and box[1] < y < box[3] for x, y, _, _ in filed)


def test_a_group_too_dense_to_draw_whole_is_drawn_by_a_tree_and_said():
    """Forty copies of one story make 780 pairs: 39 lines join them, the headline still counts all, a note says the rest."""
    from matplotlib.patches import FancyArrowPatch

    articles = tuple(Article(f"c{k:02d}", "", f"site{k:02d}.example", title="One wire story") for k in range(40))
    pairs = tuple(
        Pair(a.id, b.id, ReuseKind.VERBATIM, Extent.WHOLE, 1.0, 1.0, 1.0, 1.0, (),
             Direction(Relation.COPIED, a.id, b.id, 0.9) if a.id == "c07" else Direction())
        for k, a in enumerate(articles) for b in articles[k + 1 :]
    )  # fmt: skip
    fig = draw_graph(article_graph(ScanResult(articles, (), pairs, "f" * 16)))
    lines = [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]
    assert len(lines) == 39
    assert sum(1 for p in lines if p.get_arrowstyle().__class__.__name__ != "Curve") == 32  # c07's copies, with arrows, first
    words = " ".join(t.get_text() for t in fig.texts)
    assert "40 articles, 780 pairs sharing text" in words and "741 pairs of groups too dense to draw whole are not drawn" in words


def _line_alphas(fig) -> tuple[list[float], list[float]]:
    """The opacity of the lines drawn with an arrow, and of those without."""
    from matplotlib.patches import FancyArrowPatch

    lines = [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]
    arrows = [p.get_alpha() for p in lines if p.get_arrowstyle().__class__.__name__ != "Curve"]
    return arrows, [p.get_alpha() for p in lines if p.get_arrowstyle().__class__.__name__ == "Curve"]


def test_in_a_dense_group_the_lines_without_an_arrow_fade_so_that_the_arrows_show():
    """Six rewrites of one source, each pair of them siblings: the source's arrows at full opacity, the 15 sibling lines faded."""
    articles = tuple(Article(f"r{k}", "", f"site{k}.example") for k in range(7))
    copied = tuple(Pair("r0", a.id, ReuseKind.LIGHT_REWRITE, Extent.WHOLE, 0.8, 0.9, 0.9, 0.5, (), Direction(Relation.COPIED, "r0", a.id, 0.65))
                   for a in articles[1:])  # fmt: skip
    siblings = tuple(Pair(a.id, b.id, ReuseKind.LIGHT_REWRITE, Extent.WHOLE, 0.7, 0.8, 0.8, 0.4, (), Direction(Relation.COMMON_SOURCE, None, None, 0.6))
                     for k, a in enumerate(articles[1:], 1) for b in articles[k + 1 :])  # fmt: skip
    dense = draw_graph(article_graph(ScanResult(articles, (), copied + siblings, "f" * 16)))
    arrows, plain = _line_alphas(dense)
    assert len(arrows) == 6 and len(plain) == 15
    assert min(arrows) >= 0.9 and max(plain) <= 0.4
    assert any("(faded)" in t.get_text() for legend in dense.legends for t in legend.get_texts())
    sparse = draw_graph(article_graph(ScanResult(articles[:3], (), copied[:1] + siblings[:1], "f" * 16)))  # as on the samples
    arrows, plain = _line_alphas(sparse)
    assert len(arrows) == len(plain) == 1 and min(plain) >= 0.9
    assert not any("(faded)" in t.get_text() for legend in sparse.legends for t in legend.get_texts())


def _covered_heads(fig) -> list[str]:
    """Labels whose box covers the head of an arrow (the last 12 pixels of its path, as drawn)."""
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.path import Path
    from matplotlib.text import Annotation

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if isinstance(t, Annotation) and t.get_text()]
    covered = []
    for patch in ax.patches:
        if not isinstance(patch, FancyArrowPatch) or patch.get_arrowstyle().__class__.__name__ == "Curve":
            continue
        path = patch.get_path()
        codes = path.codes if path.codes is not None else np.full(len(path.vertices), Path.LINETO)
        start = int(np.flatnonzero(codes == Path.MOVETO)[-1])  # the head is the last sub-path: a triangle
        corners = patch.get_transform().transform(path.vertices[start:][codes[start:] != Path.CLOSEPOLY])
        head = np.vstack((corners, corners.mean(axis=0)))
        covered += [text for text, box in boxes if any(box.x0 < x < box.x1 and box.y0 < y < box.y1 for x, y in head.tolist())]
    return covered


def test_no_label_hides_an_arrow_head_of_the_outlet_ring():
    """One source outlet, twelve outlets that took from it, on a ring: every arrow head stays in view
    (a label had covered the heads of the arrows that reach the ring's top from below)."""
    from reuse.model import OutletLink

    takers = [f"taker-{k:02d}.example" for k in range(12)]
    articles = tuple(Article(f"s{k}", "", "source.example") for k in range(12)) + tuple(Article(f"t{k}", "", o) for k, o in enumerate(takers))
    links = tuple(OutletLink("source.example", o, 1, (("light-rewrite", 1),), None, 0.65, ((f"s{k}", f"t{k}"),)) for k, o in enumerate(takers))
    fig = draw_graph(outlet_graph(ScanResult(articles, (), (), "f" * 16, outlets=links)), level="outlet")
    assert _covered_heads(fig) == []


def test_outlets_with_one_article_each_stay_grey_when_colours_run_out():
    """Twenty outlets that each took one article from one source: only the source, which ties articles together,
    gets a colour (sixteen of the twenty had been coloured in name order, meaning nothing)."""
    from reuse.model import OutletLink

    takers = [f"taker-{k:02d}.example" for k in range(20)]
    articles = tuple(Article(f"s{k}", "", "source.example") for k in range(20)) + tuple(Article(f"t{k}", "", o) for k, o in enumerate(takers))
    links = tuple(OutletLink("source.example", o, 1, (("verbatim", 1),), None, 0.65, ((f"s{k}", f"t{k}"),)) for k, o in enumerate(takers))
    fig = draw_graph(outlet_graph(ScanResult(articles, (), (), "f" * 16, outlets=links)), level="outlet")
    legend = [t.get_text() for t in fig.legends[-1].get_texts()]
    assert legend == ["source.example (20)", "20 other outlets"]


def test_a_graph_without_quotation_pairs_says_so(make_result):
    """--no-quotes drew an article that shares quotations in the strip of those "sharing no text", and the headline
    counted one pair of the scan's two without a word."""
    result = make_result()
    quotes = next(p for p in result.pairs if p.kind is ReuseKind.HEAVY_REWRITE)
    result = ScanResult(result.articles, (), (result.pairs[0], Pair(quotes.a, quotes.b, ReuseKind.SHARED_QUOTES, quotes.extent, 0.5, 0.1, 0.1, 0.5, ())), "x")
    graph = article_graph(result, quotes=False)
    assert graph.graph["quotation_pairs_left_out"] == 1
    fig = draw_graph(graph)
    notes = " ".join(t.get_text() for t in fig.texts)
    assert "1 pair that shares only the same quotations is left out." in notes
    assert any("(or only the same quotations, left out)" in t.get_text() for t in fig.axes[0].texts)
    assert "quotation" not in " ".join(t.get_text() for t in draw_graph(article_graph(result)).texts)


def test_long_notes_wrap_above_the_legend():
    """Sixty outlets of which two are linked: the note on the others ran past the narrow figure's edge and under the
    legend's title."""
    from reuse.graph import outlet_graph
    from reuse.outlets import link_outlets

    articles = tuple(Article(f"a{k:02d}", "", f"Outlet {k:02d} News", title="One story") for k in range(60))
    pairs = (Pair("a00", "a01", ReuseKind.VERBATIM, Extent.WHOLE, 1.0, 1.0, 1.0, 1.0, (), Direction(Relation.COPIED, "a00", "a01", 0.9)),)
    result = ScanResult(articles, (), pairs, "f" * 16, outlets=tuple(link_outlets(articles, list(pairs))))
    fig = draw_graph(outlet_graph(result), level="outlet")
    renderer = FigureCanvasAgg(fig).get_renderer()
    notes = [t.get_window_extent(renderer) for t in fig.texts[1:]]
    legend_top = max(legend.get_window_extent(renderer).y1 for legend in fig.legends)
    assert len(notes) >= 2 and "58 outlets that took from no other outlet" in " ".join(t.get_text() for t in fig.texts)
    assert all(0 <= box.x0 and box.x1 <= fig.bbox.width and box.y0 > legend_top for box in notes)
    legend = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    assert "2 outlets with one article each" in legend  # those drawn: it had counted the 58 left out too


def test_an_outlet_named_by_its_metadata_and_by_its_domain_is_one_at_both_levels():
    """The outlet level merged NewsHub24 and newshub24.net; the article level coloured and counted them apart."""
    from reuse.graph import outlet_graph

    articles = (Article("a.txt", "", "NewsHub24"), Article("b.txt", "", "newshub24.net"), Article("c.txt", "", "Daily Planet"))
    pairs = (Pair("a.txt", "c.txt", ReuseKind.VERBATIM, Extent.WHOLE, 1.0, 1.0, 1.0, 1.0, ()),
             Pair("b.txt", "c.txt", ReuseKind.VERBATIM, Extent.WHOLE, 1.0, 1.0, 1.0, 1.0, ()))
    result = ScanResult(articles, (), pairs, "f" * 16)
    graph = article_graph(result)
    assert {graph.nodes[a]["outlet"] for a in ("a.txt", "b.txt")} == {"NewsHub24"}
    assert len({d["outlet"] for _, d in graph.nodes(data=True)}) == outlet_graph(result).number_of_nodes() == 2


def test_labels_no_installed_font_can_draw_are_said(tmp_path, make_result):
    """CJK labels came out as boxes (matplotlib's font cache predated the fonts) and only "graph written" was said (found
    by a review): the writer says which characters no font has, and what to do."""
    result = make_result()
    renamed = tuple(dataclasses.replace(a, outlet="\U00013000 News") for a in result.articles)  # an Egyptian hieroglyph
    notes = write_graph(dataclasses.replace(result, articles=renamed), tmp_path / "g.png")
    assert len(notes) == 1 and "\U00013000" in notes[0] and "drawn as boxes" in notes[0] and "font" in notes[0]
    assert write_graph(result, tmp_path / "h.png") == ()
    assert write_graph(dataclasses.replace(result, articles=renamed), tmp_path / "g.json") == ()


def test_an_svg_keeps_the_text_and_is_not_said_to_draw_boxes_and_the_html_report_is(tmp_path, make_result):
    """The warning said "drawn as boxes" of an .svg, which keeps the text; the HTML report's picture said nothing (found by
    a review of the change)."""
    from reuse.report import write_html

    result = make_result()
    renamed = dataclasses.replace(result, articles=tuple(dataclasses.replace(a, outlet="\U00013000 News") for a in result.articles))
    assert write_graph(renamed, tmp_path / "g.svg") == ()
    assert "\U00013000" in (tmp_path / "g.svg").read_text(encoding="utf-8")
    notes = write_html(renamed, tmp_path / "r.html")
    assert len(notes) == 1 and "drawn as boxes" in notes[0]


def test_drawing_passes_other_warnings_on_once_under_the_users_filters(tmp_path, make_result, monkeypatch, recwarn):
    """Every warning raised while drawing was replayed from its file and line: five of one place were five (the filters
    say once), and a module's own filter no longer matched it (found by a review of the change)."""
    import warnings

    import reuse.report.graph_image as graph_image

    real = graph_image.draw_graph

    def noisy(*args, **kwargs):
        for _ in range(5):
            warnings.warn("a library's deprecation", DeprecationWarning, stacklevel=1)
        return real(*args, **kwargs)

    monkeypatch.setattr(graph_image, "draw_graph", noisy)
    with warnings.catch_warnings():
        warnings.simplefilter("default")  # once per place
        write_graph(make_result(), tmp_path / "g.png")
    assert len([w for w in recwarn if "a library's deprecation" in str(w.message)]) == 1
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=noisy.__module__)  # the module that warns
        recwarn.clear()
        write_graph(make_result(), tmp_path / "h.png")
    assert not [w for w in recwarn if "a library's deprecation" in str(w.message)]


def test_wide_titles_are_cut_by_width_and_every_node_of_a_small_graph_is_labelled():
    """A Chinese title of 22 characters was cut at 28 characters, not columns: twice as wide as a Latin one, it
    pushed its partner's label out of the picture ("1 label left out") in a graph of six articles (found by a review)."""
    import warnings

    title = "克里姆林宫称特朗普的批评不会影响俄美换囚计划"
    articles = tuple(Article(f"{lang}_{side}.txt", "", f"{lang}_{side}", title=title if lang == "zh" else "Kremlin says swap plans on track")
                     for lang in ("ar", "ru", "zh") for side in "ab")
    pairs = tuple(Pair(f"{lang}_a.txt", f"{lang}_b.txt", ReuseKind.VERBATIM, Extent.WHOLE, 1.0, 1.0, 1.0, 1.0, (), Direction())
                  for lang in ("ar", "ru", "zh"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no installed font may have the characters: drawn as boxes, said by write_graph
        fig = draw_graph(article_graph(ScanResult(articles, (), pairs, "f" * 16)))
    labels = {t.get_text().split("\n")[0]: t.get_text().split("\n")[1] for t in fig.axes[0].texts if ".txt\n" in t.get_text()}
    assert sorted(labels) == sorted(a.id for a in articles)
    assert labels["zh_a.txt"] == "克里姆林宫称特朗普的批评不…"  # 26 columns and the ellipsis, of 28
    assert "left out" not in " ".join(t.get_text() for t in fig.texts)
