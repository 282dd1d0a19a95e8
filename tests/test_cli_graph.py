"""`reuse graph` and the --html/--graph options of `reuse scan`, through click's CliRunner."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from reuse.cli import main


def test_scan_writes_html_and_graph(runner, samples_dir, tmp_path):
    html, graph = tmp_path / "out" / "report.html", tmp_path / "out" / "graph.svg"
    result = runner.invoke(main, ["scan", str(samples_dir), "--html", str(html), "--graph", str(graph)])
    assert result.exit_code == 0, result.output
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "<svg" in graph.read_text(encoding="utf-8")
    assert f"HTML report written to {html}" in result.stderr
    assert f"graph written to {graph}" in result.stderr


def test_scan_refuses_an_unknown_graph_format_before_scanning(runner, samples_dir, tmp_path):
    result = runner.invoke(main, ["scan", str(samples_dir), "--graph", str(tmp_path / "g.bmp")])
    assert result.exit_code == 2
    assert "Invalid value for --graph" in result.output and "end the file name in .png" in result.output


def test_scan_refuses_to_overwrite_an_input_with_html(runner, samples_dir):
    victim = next(samples_dir.iterdir())
    result = runner.invoke(main, ["scan", str(samples_dir), "--html", str(victim)])
    assert result.exit_code == 2
    assert "Invalid value for --html" in result.output and "would overwrite an input" in result.output
    assert "e.g. --html report.html" in result.output


def test_graph_from_a_folder_and_from_its_report(runner, samples_dir, tmp_path):
    report = tmp_path / "report.json"
    assert runner.invoke(main, ["scan", str(samples_dir), "--json", str(report), "-q"]).exit_code == 0
    from_folder, from_report = tmp_path / "folder.json", tmp_path / "report-graph.json"
    assert runner.invoke(main, ["graph", str(samples_dir), "-o", str(from_folder)]).exit_code == 0
    result = runner.invoke(main, ["graph", str(report), "-o", str(from_report)])
    assert result.exit_code == 0, result.output
    assert json.loads(from_folder.read_text()) == json.loads(from_report.read_text())


@pytest.mark.parametrize("fmt", ["png", "pdf", "graphml", "gexf"])
@pytest.mark.parametrize("level", ["article", "outlet"])
def test_graph_formats_and_levels(runner, samples_dir, tmp_path, fmt, level):
    out = tmp_path / f"g.{fmt}"
    result = runner.invoke(main, ["graph", str(samples_dir), "-o", str(out), "--level", level, "-q"])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 100
    assert result.stderr == ""


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf"])
def test_graph_files_draw_a_copy_as_an_arrow_from_its_source(runner, samples_dir, tmp_path, fmt):
    """000 rewrites the AFP copy 001 carries: Gephi and networkx read an arrow 001 -> 000, not an undirected line."""
    out = tmp_path / f"g.{fmt}"
    assert runner.invoke(main, ["graph", str(samples_dir), "-o", str(out), "-q"]).exit_code == 0
    read = {"json": lambda p: nx.node_link_graph(json.loads(p.read_text()), edges="edges"), "graphml": nx.read_graphml, "gexf": nx.read_gexf}
    graph = read[fmt](out)
    a, b = "001_eabe8ba3545e1c71.txt", "000_8e3492a7910b80bc.txt"
    assert graph.is_directed()
    assert graph.has_edge(a, b) and not graph.has_edge(b, a)
    assert graph.edges[a, b]["relation"] == "copied" and graph.edges[a, b]["source_article"] == a


def test_graph_no_quotes(runner, samples_dir, tmp_path):
    kinds = {}
    for flag in ("--quotes", "--no-quotes"):
        out = tmp_path / f"{flag}.json"
        assert runner.invoke(main, ["graph", str(samples_dir), "-o", str(out), flag]).exit_code == 0
        kinds[flag] = sorted(e["kind"] for e in json.loads(out.read_text())["edges"])
    assert "shared-quotes" in kinds["--quotes"]
    assert kinds["--no-quotes"] == [k for k in kinds["--quotes"] if k != "shared-quotes"]


def test_graph_usage_errors(runner, samples_dir, tmp_path):
    bad = runner.invoke(main, ["graph", str(samples_dir), "-o", str(tmp_path / "g.txt")])
    assert bad.exit_code == 2 and "cannot tell the graph format" in bad.output
    missing = runner.invoke(main, ["graph", str(tmp_path / "nowhere"), "-o", str(tmp_path / "g.png")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    no_output = runner.invoke(main, ["graph", str(samples_dir)])
    assert no_output.exit_code == 2 and "Missing option '-o'" in no_output.output
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"schema_version": 1, "articles": [{"id": 1}]}')
    result = runner.invoke(main, ["graph", str(damaged), "-o", str(tmp_path / "g.png")])
    assert result.exit_code == 2 and "is a damaged reuse report" in result.output


def test_graph_write_failure_is_exit_1(runner, samples_dir, tmp_path):
    (tmp_path / "file").write_text("x")
    result = runner.invoke(main, ["graph", str(samples_dir), "-o", str(tmp_path / "file" / "g.png")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write")


def test_graph_never_overwrites_its_report(runner, samples_dir, tmp_path):
    report = tmp_path / "report.json"
    assert runner.invoke(main, ["scan", str(samples_dir), "--json", str(report), "-q"]).exit_code == 0
    before = report.read_bytes()
    result = runner.invoke(main, ["graph", str(report), "-o", str(report)])
    assert result.exit_code == 2 and "would overwrite an input" in result.output and "-o graph.png" in result.output
    assert report.read_bytes() == before


def test_scan_settings_given_with_a_report_are_said_to_be_ignored_not_checked(runner, samples_dir, tmp_path):
    """A report is drawn as scanned: --num-perm 64 alone was refused ('bands x rows must equal num_perm'), --num-perm 64 --bands 16 silently ignored."""
    report = tmp_path / "r.json"
    assert runner.invoke(main, ["scan", str(samples_dir), "--json", str(report), "-q"]).exit_code == 0
    result = runner.invoke(main, ["graph", str(report), "-o", str(tmp_path / "g.png"), "--num-perm", "64"])
    assert result.exit_code == 0, result.output
    assert f"--num-perm ignored: {report} is a report, drawn as it was scanned" in " ".join(result.stderr.split())
    assert (tmp_path / "g.png").exists()


def test_graph_of_a_json_file_that_is_neither_a_report_nor_articles_exits_1(runner, tmp_path):
    """{"a": 1} is no report (no schema_version) and holds no article: not an empty graph and exit 0."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"a": 1}', encoding="utf-8")
    result = runner.invoke(main, ["graph", str(bad), "-o", str(tmp_path / "g.png"), "-q"])
    assert result.exit_code == 1, result.output
    assert f"error: no article could be read in {bad}" in result.stderr
    assert "give a folder of articles, or a report that reuse scan --json wrote" in result.stderr
    assert not (tmp_path / "g.png").exists() and "graph written" not in result.output  # it said so, then failed


def test_the_graph_of_a_folder_scans_with_the_jobs_asked(tmp_path, samples_dir, spy):
    """reuse graph FOLDER scanned in one process whatever the machine ("No such option: --jobs"; found by a review)."""

    import reuse.cli_graph as cli_graph
    from reuse.cli import main

    calls = spy(cli_graph, "scan_folder")
    result = CliRunner().invoke(main, ["graph", str(samples_dir), "-o", str(tmp_path / "g.json"), "--jobs", "2", "-q"])
    assert result.exit_code == 0, result.output
    assert [kwargs.get("jobs") for _, kwargs in calls] == [2] and (tmp_path / "g.json").exists()


@pytest.mark.parametrize("command", ["graph", "scan"])
def test_labels_drawn_as_boxes_are_warned_of(tmp_path, command):
    """Only "graph written" was said while every CJK label was a box (found by a review)."""

    from reuse.cli import main

    text = "The council approved the harbour budget after a long debate on Monday, officials said. " * 6
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.json").write_text(json.dumps({"text": text, "outlet": f"\U00013000 {name}"}), encoding="utf-8")
    out = tmp_path / "g.png"
    args = ["graph", str(folder), "-o", str(out)] if command == "graph" else ["scan", str(folder), "--graph", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "are drawn as boxes: no installed font has them" in said and out.exists()
    quiet = CliRunner().invoke(main, [*args, "-q"])
    assert "boxes" not in quiet.stderr


def test_the_html_report_shows_the_graph_drawn_for_graph_without_drawing_it_again(tmp_path, samples_dir, spy):
    """--html with --graph g.png drew the same picture twice (10 s each at 4,000 articles; found by a review)."""
    import base64


    import reuse.report.graph_image as graph_image
    from reuse.cli import main

    calls = spy(graph_image, "render_image")
    html, png = tmp_path / "r.html", tmp_path / "g.png"
    result = CliRunner().invoke(main, ["scan", str(samples_dir), "--html", str(html), "--graph", str(png), "-q"])
    assert result.exit_code == 0, result.output
    assert [args[1] for args, _ in calls] == ["png"]
    assert base64.b64encode(png.read_bytes()).decode() in html.read_text(encoding="utf-8")


def test_a_graph_path_linked_to_stdout_puts_no_stdout_in_the_html_report(tmp_path, samples_dir):
    """The HTML report embedded what it read back from the graph's path: through a link to /dev/stdout, the JSON report
    itself (found by a second review). The picture is drawn once and its bytes given to both."""
    import base64
    import subprocess
    import sys

    link = tmp_path / "g.png"
    link.symlink_to("/dev/stdout")
    html = tmp_path / "r.html"
    with open(tmp_path / "out.bin", "wb") as out:
        done = subprocess.run([sys.executable, "-m", "reuse", "scan", str(samples_dir), "--json", "-", "--graph", str(link),
                               "--html", str(html), "-q"], stdout=out, timeout=300)
    assert done.returncode == 0
    page = html.read_text(encoding="utf-8")
    embedded = base64.b64decode(page.split("data:image/png;base64,", 1)[1].split('"', 1)[0])
    assert embedded.startswith(b"\x89PNG") and b"schema_version" not in embedded


def test_a_graph_written_before_the_html_report_fails_is_said(tmp_path, samples_dir):
    """The graph is written first; when the HTML report then could not be written, the run exited 1 naming the HTML
    only, and the written graph went unsaid (found by a second review)."""

    from reuse.cli import main

    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(samples_dir), "--graph", str(tmp_path / "g.png"), "--html", str(blocker / "r.html")])
    assert result.exit_code == 1
    assert f"graph written to {tmp_path / 'g.png'}" in result.stderr and (tmp_path / "g.png").exists()
