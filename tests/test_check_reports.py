"""`reuse check --html/--graph`: the batch's matches as a page and a picture, as `reuse scan` draws a folder's."""

from __future__ import annotations

import json
import re
import shutil

from reuse.cli import main

PNG = b"\x89PNG\r\n\x1a\n"


def test_check_writes_html_and_graph_of_the_batchs_matches(runner, split, tmp_path):
    """`reuse check` wrote JSON only: the page and the picture of today's matches took a second run of `reuse graph`,
    and no HTML at all (the index holds the matched articles' text, which the page shows side by side)."""
    old, new = split
    db, html, graph, report = tmp_path / "news.db", tmp_path / "out" / "today.html", tmp_path / "out" / "today.png", tmp_path / "r.json"
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"]).exit_code == 0
    shutil.copy(new / "003_0381986bfe1f445e.txt", new / "003-copy.txt")  # a pair within the batch too
    checked = runner.invoke(main, ["check", str(new), "--index", str(db), "--html", str(html), "--graph", str(graph), "--json", str(report)])
    assert checked.exit_code == 0, checked.output
    assert graph.read_bytes().startswith(PNG)
    page = html.read_text("utf-8")
    pairs = [(p["a"], p["b"]) for p in json.loads(report.read_text("utf-8"))["pairs"]]
    assert pairs == [("003-copy.txt", "003_0381986bfe1f445e.txt"), ("004_3f800d59416d0f3b.txt", "001_eabe8ba3545e1c71.txt")]
    assert page.startswith("<!DOCTYPE html>") and "data:image/png;base64," in page  # the graph drawn once, for both
    # The indexed article's text, read back from the index, is on the page beside the new one's.
    assert "I’ve always had a very good relationship with" in page and "001_eabe8ba3545e1c71.txt" in page
    assert f"graph written to {graph}" in checked.stderr and f"HTML report written to {html}" in checked.stderr
    # A check's page says what it is: the new articles and the indexed ones matched counted apart, each pair's B marked.
    assert "<h1>Batch check report</h1>" in page and "<title>reuse check: 3 new articles, 2 pairs</title>" in page
    assert "<div><b>3</b>new articles</div><div><b>1</b>indexed article matched</div>" in page
    assert page.count('<div class="note muted">indexed</div></td>') == 1 and page.count('<div class="note muted">in the batch</div></td>') == 1
    scanned = tmp_path / "scan.html"
    assert runner.invoke(main, ["scan", str(new), "--html", str(scanned), "-q"]).exit_code == 0
    assert "<h1>Reused text report</h1>" in scanned.read_text("utf-8") and "indexed</div>" not in scanned.read_text("utf-8")


def test_a_check_pages_side_by_side_view_marks_b_indexed_or_in_the_batch(runner, split, tmp_path):
    """Only the pairs table said whether B was indexed: a reader who followed a link to a pair's texts side by side
    could not tell an archive article from another of today's (found running a week of checks)."""
    old, new = split
    db, html = tmp_path / "news.db", tmp_path / "today.html"
    shutil.copy(new / "004_3f800d59416d0f3b.txt", new / "copy.txt")
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"]).exit_code == 0
    checked = runner.invoke(main, ["check", str(new), "--index", str(db), "--html", str(html), "-q"])
    assert checked.exit_code == 0, checked.output
    page = html.read_text("utf-8")
    heads = re.findall(r'<h4>B: <span class="id">([^<]+)</span> <span class="muted">\(\d+% reused(, [^)]+)?\)</span>', page)
    assert sorted(heads) == [
        ("001_eabe8ba3545e1c71.txt", ", indexed"), ("001_eabe8ba3545e1c71.txt", ", indexed"), ("copy.txt", ", in the batch"),
    ]
    scanned = tmp_path / "scan.html"
    assert runner.invoke(main, ["scan", str(new), "--html", str(scanned), "-q"]).exit_code == 0
    assert "reused, in the batch)" not in scanned.read_text("utf-8") and "reused, indexed)" not in scanned.read_text("utf-8")


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


def test_the_graph_of_a_check_tells_new_articles_from_indexed_ones(runner, split, tmp_path):
    """A check's graph drew the batch and the archive alike: which of today's articles matched the archive, and which
    only each other, could not be seen. Its nodes now carry ``batch`` (new or indexed), in every export and in a graph
    drawn again from the check's JSON report; a scan's carry none."""
    import networkx as nx

    old, new = split
    db, report, direct, again = tmp_path / "news.db", tmp_path / "r.json", tmp_path / "g.graphml", tmp_path / "again.graphml"
    runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    shutil.copy(old / "000_8e3492a7910b80bc.txt", new / "copy.txt")  # pairs with the indexed 000 and 001
    checked = runner.invoke(main, ["check", str(new), "--index", str(db), "--json", str(report), "--graph", str(direct), "-q"])
    assert checked.exit_code == 0, checked.output
    assert runner.invoke(main, ["graph", str(report), "-o", str(again)]).exit_code == 0
    for path in (direct, again):
        batch = nx.get_node_attributes(nx.read_graphml(path), "batch")
        assert batch == {
            "copy.txt": "new", "003_0381986bfe1f445e.txt": "new", "004_3f800d59416d0f3b.txt": "new",
            "000_8e3492a7910b80bc.txt": "indexed", "001_eabe8ba3545e1c71.txt": "indexed",
        }, path
    scanned = tmp_path / "scan.graphml"
    assert runner.invoke(main, ["scan", str(new), "--graph", str(scanned), "-q"]).exit_code == 0
    assert nx.get_node_attributes(nx.read_graphml(scanned), "batch") == {}


def test_the_picture_of_a_check_rings_the_new_articles_and_counts_them(split, tmp_path):
    from matplotlib.collections import PathCollection

    import reuse.index
    from reuse.graph import article_graph
    from reuse.report.graph_image import draw_graph

    old, new = split
    reuse.index.add_folder(old, tmp_path / "news.db")
    graph = article_graph(reuse.index.check(new, tmp_path / "news.db"))
    fig = draw_graph(graph)
    texts = [t.get_text() for t in fig.texts]
    assert "Reuse graph: 2 new articles and 1 indexed, 1 pair sharing text" in texts
    labels = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    assert "ringed: new, in the checked batch" in labels
    (dots,) = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    assert sorted(float(w) for w in dots.get_linewidths()) == [1.2, 2.2, 2.2]  # 001 indexed; 003 and 004 new


def test_a_check_page_with_no_pair_says_so_of_the_new_articles(runner, split, tmp_path):
    """A check that found nothing said "No two of the 1 article share text.", under the heading of a batch check, as if the
    new articles had been compared only with each other, not with the index (found by a review and running a week of checks)."""
    old, new = split
    db, html = tmp_path / "news.db", tmp_path / "none.html"
    runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    (new / "004_3f800d59416d0f3b.txt").unlink()  # 003 alone shares nothing
    assert runner.invoke(main, ["check", str(new), "--index", str(db), "--html", str(html), "-q"]).exit_code == 0
    assert "<h2>Pairs</h2>\n<p>The new article shares text with no indexed article.</p>" in html.read_text("utf-8")
    shutil.copy(old / "002_397cd1eb95de2d14.txt", new / "other.txt")
    runner.invoke(main, ["index", "remove", "002_397cd1eb95de2d14.txt", "--index", str(db), "-q"])
    assert runner.invoke(main, ["check", str(new), "--index", str(db), "--html", str(html), "-q"]).exit_code == 0
    said = "<h2>Pairs</h2>\n<p>None of the 2 new articles shares text with an indexed article or with another new one.</p>"
    assert said in html.read_text("utf-8")


def test_a_check_orders_an_article_stored_before_the_others_publication(runner, split, tmp_path, monkeypatch):
    """A copy of an indexed article that gives no time was left 'undetermined (either could be the source)': the index
    knew the stored one was in it before the copy was published. A scan of the same articles, without an index, cannot."""
    old, new = split
    db = tmp_path / "news.db"
    monkeypatch.setattr("reuse.index.writer.added_time", lambda: "2025-07-21T09:00:00Z")
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"]).exit_code == 0
    text = (old / "002_397cd1eb95de2d14.txt").read_text("utf-8")
    (new / "copy.jsonl").write_text(json.dumps({"id": "copy", "text": text, "outlet": "Copycat", "published": "2025-07-21T12:00:00Z"}) + "\n", "utf-8")
    checked = runner.invoke(main, ["check", str(new), "--index", str(db), "--json", "-", "-q"])
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.stdout)
    (pair,) = [p for p in report["pairs"] if p["a"] == "copy"]
    assert (pair["b"], pair["direction"]["relation"], pair["direction"]["source"]) == ("002_397cd1eb95de2d14.txt", "copied", "002_397cd1eb95de2d14.txt")
    (time,) = [s for s in pair["direction"]["evidence"] if s["name"] == "time"]
    assert "was in the index at 2025-07-21T09:00:00Z, at least 3.0 h before copy was published" in time["note"]
    assert {a["id"]: a.get("seen") for a in report["articles"]}["002_397cd1eb95de2d14.txt"] == "2025-07-21T09:00:00Z"
    shutil.copy(old / "002_397cd1eb95de2d14.txt", new / "002_397cd1eb95de2d14.txt")
    scanned = json.loads(runner.invoke(main, ["scan", str(new), "--json", "-", "-q"]).stdout)
    (pair,) = [p for p in scanned["pairs"] if "copy" in (p["a"], p["b"])]
    assert pair["direction"]["relation"] == "undetermined" and "seen" not in json.dumps(scanned["articles"])


def test_an_index_written_before_adds_were_timed_checks_as_before_and_times_its_next_add(split, tmp_path, monkeypatch):
    """Its articles have no time of their add (``seen`` absent), its check works, and its next add makes the table."""
    import sqlite3

    import reuse.index

    old, new = split
    db = tmp_path / "news.db"
    reuse.index.add_folder(old, db)
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE adds")  # as an index written before adds were timed
    conn.close()
    checked = reuse.index.check(new, db)
    assert checked.pairs and all(a.seen is None for a in checked.articles)
    monkeypatch.setattr("reuse.index.writer.added_time", lambda: "2025-07-21T09:00:00Z")
    reuse.index.add_folder(new, db)
    (tmp_path / "probe").mkdir()
    shutil.copy(new / "004_3f800d59416d0f3b.txt", tmp_path / "probe" / "probe.txt")
    seen = {a.id: a.seen for a in reuse.index.check(tmp_path / "probe", db).articles}
    assert seen == {"probe.txt": None, "001_eabe8ba3545e1c71.txt": None, "004_3f800d59416d0f3b.txt": "2025-07-21T09:00:00Z"}
