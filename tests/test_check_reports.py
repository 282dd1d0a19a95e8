"""`reuse check --html/--graph`: the batch's matches as a page and a picture, as `reuse scan` draws a folder's."""

from __future__ import annotations

import json

from reuse.cli import main

PNG = b"\x89PNG\r\n\x1a\n"


def test_check_writes_html_and_graph_of_the_batchs_matches(runner, split, tmp_path):
    """`reuse check` wrote JSON only: the page and the picture of today's matches took a second run of `reuse graph`,
    and no HTML at all (the index holds the matched articles' text, which the page shows side by side)."""
    old, new = split
    db, html, graph, report = tmp_path / "news.db", tmp_path / "out" / "today.html", tmp_path / "out" / "today.png", tmp_path / "r.json"
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"]).exit_code == 0
    checked = runner.invoke(main, ["check", str(new), "--index", str(db), "--html", str(html), "--graph", str(graph), "--json", str(report)])
    assert checked.exit_code == 0, checked.output
    assert graph.read_bytes().startswith(PNG)
    page = html.read_text("utf-8")
    pairs = [(p["a"], p["b"]) for p in json.loads(report.read_text("utf-8"))["pairs"]]
    assert pairs == [("004_3f800d59416d0f3b.txt", "001_eabe8ba3545e1c71.txt")]
    assert page.startswith("<!DOCTYPE html>") and "data:image/png;base64," in page  # the graph drawn once, for both
    # The indexed article's text, read back from the index, is on the page beside the new one's.
    assert "I’ve always had a very good relationship with" in page and "001_eabe8ba3545e1c71.txt" in page
    assert f"graph written to {graph}" in checked.stderr and f"HTML report written to {html}" in checked.stderr


def test_check_refuses_an_html_report_over_the_index_or_the_json(runner, split, tmp_path):
    old, new = split
    db = tmp_path / "news.db"
    runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    before = db.read_bytes()
    over_index = runner.invoke(main, ["check", str(new), "--index", str(db), "--html", str(db)])
    assert over_index.exit_code == 2 and db.read_bytes() == before
    same = runner.invoke(main, ["check", str(new), "--index", str(db), "--html", str(tmp_path / "r"), "--json", str(tmp_path / "r")])
    assert same.exit_code == 2 and not (tmp_path / "r").exists()
    unknown = runner.invoke(main, ["check", str(new), "--index", str(db), "--graph", str(tmp_path / "g.bmp")])
    assert unknown.exit_code == 2 and "Invalid value for --graph" in unknown.output


def test_check_add_writes_the_page_and_picture_again_with_what_another_run_added_meanwhile(runner, another_run_adds_meanwhile, tmp_path):
    """The JSON report was written again with the pairs of a second check against articles another run added meanwhile;
    the page and the picture must be too, or they lack a pair the summary and the JSON show."""
    new, db = another_run_adds_meanwhile
    html, graph = tmp_path / "today.html", tmp_path / "today.graphml"
    out = runner.invoke(main, ["check", str(new), "--index", str(db), "--add", "--html", str(html), "--graph", str(graph)])
    assert out.exit_code == 0, out.output
    assert f"1 more pair, and {html} and {graph} are written again with them" in " ".join(out.stderr.split())
    assert "001_eabe8ba3545e1c71.txt" in html.read_text("utf-8") and "001_eabe8ba3545e1c71.txt" in graph.read_text("utf-8")


def test_an_interrupted_check_names_the_reports_already_written(runner, split, tmp_path, monkeypatch):
    """Ctrl-C while the page is written: the JSON report is whole and said to be, and the index is as it was."""
    old, new = split
    db, report = tmp_path / "news.db", tmp_path / "r.json"
    runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("reuse.cli_run.write_html", interrupted)
    out = runner.invoke(main, ["check", str(new), "--index", str(db), "--add", "--json", str(report), "--html", str(tmp_path / "r.html")])
    assert out.exit_code == 130
    assert f"already written: {report}; the index unchanged" in " ".join(out.stderr.split())
    assert json.loads(report.read_text("utf-8"))["pairs"] and not (tmp_path / "r.html").exists()
    assert "articles:    3 (3 versions stored)" in runner.invoke(main, ["index", "info", "--index", str(db)]).output
