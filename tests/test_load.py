"""Loading a folder or a file: the walk, ids, the samples, loading over workers (reuse.load)."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

import reuse
from reuse import formats, load, parallel
from reuse.config import LoadConfig
from reuse.errors import InputError
from reuse.load import load_articles, load_file
from reuse.model import Skipped
from reuse.pipeline import scan

from loading import FIXTURES, SAMPLES, by_id, only, write


def test_samples_load_with_ids_and_round_trip():
    result = load_articles(SAMPLES)
    ids = [art.id for art in result.articles]
    assert ids == sorted(path.name for path in SAMPLES.glob("*.txt"))
    assert "000_8e3492a7910b80bc.txt" in ids
    assert result.skipped == () and result.warnings == ()
    for art in result.articles:
        raw = (SAMPLES / art.id).read_bytes().decode("utf-8").replace("\r\n", "\n")
        assert art.text == raw
        assert art.path == art.id
        assert art.outlet == art.id.removesuffix(".txt")


def test_samples_titles_follow_the_first_line_rule():
    arts = by_id(load_articles(SAMPLES))
    assert arts["000_8e3492a7910b80bc.txt"].title is None  # first line is a 27-word sentence
    title = "Kremlin says Trump criticism won’t hit US-Russia prisoner swap plans"
    assert arts["001_eabe8ba3545e1c71.txt"].title == title


def test_load_is_deterministic_and_progress_is_reported(tmp_path):
    names = ["b/z.txt", "a.txt", "b/a.md", "c.jsonl", "A.txt"]
    for order, folder in ((names, tmp_path / "one"), (names[::-1], tmp_path / "two")):
        for name in order:
            write(folder, name, '{"text": "same text"}' if name.endswith("jsonl") else f"Text of {name}\n")
    calls = []
    one = load_articles(tmp_path / "one", progress=lambda *args: calls.append(args))
    assert one == load_articles(tmp_path / "two")
    assert [art.id for art in one.articles] == ["A.txt", "a.txt", "b/a.md", "b/z.txt", "c.jsonl#1"]
    assert calls == [("load", done, 5) for done in range(6)]


def test_folder_walk_filters_hidden_and_unknown_files(tmp_path):
    write(tmp_path, "keep/UPPER.TXT", "Upper case extension")
    write(tmp_path, "page.Html", (FIXTURES / "junk_page.html").read_text(encoding="utf-8"))
    write(tmp_path, "notes.docx", "not an article")
    write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n....")
    write(tmp_path, ".hidden.txt", "hidden file")
    write(tmp_path, ".git/HEAD.txt", "hidden folder")
    result = load_articles(tmp_path)
    assert [art.id for art in result.articles] == ["keep/UPPER.TXT", "page.Html"]
    assert result.skipped == ()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlinked_folders_are_not_followed_and_broken_links_are_skipped(tmp_path):
    write(tmp_path, "real/a.txt", "An article")
    (tmp_path / "real" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    result = load_articles(tmp_path)
    assert [art.id for art in result.articles] == ["real/a.txt"]
    assert [s.path for s in result.skipped] == ["gone.txt", "real/loop/"]
    assert "broken symbolic link" in result.skipped[0].reason and "missing.txt" in result.skipped[0].reason
    assert result.skipped[1].reason == "a symbolic link to a folder: not followed (scan the folder it leads to on its own)"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_to_a_file_of_the_folder_is_not_read_twice(tmp_path):
    """Read under both names, a file was a whole verbatim copy of itself and doubled its pairs with every copy of it.
    A link to a file outside the folder is read, once however many links lead to it."""
    folder, outside = tmp_path / "folder", tmp_path / "outside"
    write(folder, "real/a.txt", "An article")
    write(outside, "b.txt", "Another article")
    (folder / "alias.txt").symlink_to(folder / "real" / "a.txt")
    (folder / "b1.txt").symlink_to(outside / "b.txt")
    (folder / "b2.txt").symlink_to(outside / "b.txt")
    result = load_articles(folder)
    assert [art.id for art in result.articles] == ["b1.txt", "real/a.txt"]
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("alias.txt", "a symbolic link to real/a.txt, which is read: not read twice"),
        ("b2.txt", "a symbolic link to the file b1.txt leads to, read as b1.txt: not read twice"),
    ]


def test_single_file_id_is_its_name(tmp_path):
    path = write(tmp_path, "deep/story.txt", "Headline\n\nBody text.")
    art = only(load_articles(path))
    assert (art.id, art.path, art.outlet, art.title) == ("story.txt", "story.txt", "story", "Headline")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        pytest.param(lambda d: d / "nowhere", "does not exist", id="missing"),
        pytest.param(lambda d: d, "No articles found in", id="empty-folder"),
        pytest.param(lambda d: write(d, "x.pdf", "a") and d, "No articles found in", id="only-other-files"),
        pytest.param(lambda d: write(d, "x.pdf", "a"), "is not an article file", id="unsupported-file"),
    ],
)
def test_unusable_input_raises_input_error(tmp_path, setup, message):
    path = setup(tmp_path)
    with pytest.raises(InputError, match=message) as info:
        load_articles(path)
    assert f"'{path}'" in str(info.value)
    assert ".txt, .md, .html, .json or .jsonl" in str(info.value)


def test_folder_whose_files_are_all_skipped_is_not_an_error(tmp_path):
    write(tmp_path, "empty.txt", "  \n\t\n")
    write(tmp_path, "scan.txt", b"%PDF-1.7\n...")
    result = load_articles(tmp_path)
    assert result.articles == ()
    assert result.skipped == (
        Skipped("empty.txt", "empty file"),
        Skipped("scan.txt", "binary file (looks like PDF): convert it to text first"),
    )


def test_unreadable_file_is_skipped_with_the_os_error(tmp_path, monkeypatch):
    write(tmp_path, "locked.txt", "secret")
    write(tmp_path, "open.txt", "public")

    real_open = os.open

    def fake_open(path, *args, **kwargs):
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    # Simulated: tests may run as root, whom chmod 000 does not stop (tests/test_nasty.py also tries the real thing).
    monkeypatch.setattr(os, "open", fake_open)
    result = load_articles(tmp_path)
    assert [art.id for art in result.articles] == ["open.txt"]
    assert result.skipped[0].path == "locked.txt"
    assert "Permission denied" in result.skipped[0].reason


def test_load_file_reports_relative_paths(tmp_path):
    path = write(tmp_path, "sub/dir/a.jsonl", '{"text": "x"}\nnot json\n')
    articles, skipped, warnings = load_file(path, tmp_path, LoadConfig())
    assert [art.id for art in articles] == ["sub/dir/a.jsonl#1"]
    assert [s.path for s in skipped] == ["sub/dir/a.jsonl:2"]
    assert warnings == []


@pytest.fixture(params=["html", "all"], ids=["html-in-workers", "all-in-workers"])
def mixed(tmp_path, monkeypatch, request) -> Path:
    """A folder of every format, with broken files, duplicate ids and warnings; tiny chunks; HTML or every format sent to the workers."""
    monkeypatch.setattr(load, "LOAD_CHUNK", 2)
    monkeypatch.setattr(load, "LOAD_CHUNK_BYTES", 200)
    if request.param == "all":
        monkeypatch.setattr(load, "WORKER_KINDS", frozenset(formats.KINDS.values()))
    body = "<p>" + "A paragraph of real article text that is long enough to be kept. " * 5 + "</p>"
    for k in range(5):
        write(tmp_path, f"pages/{k}.html", f"<html><body><article><h1>Page {k}</h1>{body}</article></body></html>")
    write(tmp_path, "pages/empty.html", "<html><body><script>var x = 1;</script></body></html>")
    write(tmp_path, "pages/dup.htm", f'<html><head><meta property="article:published_time" content="2999-01-01">'
                                     f"</head><body><article>{body}</article></body></html>")  # fmt: skip
    write(tmp_path, "a.txt", "Harbour talks resume\nThe council said on Tuesday that the talks would resume.\n")
    write(tmp_path, "b.md", "---\ntitle: Budget\ndate: 27 May 2025\n---\nThe budget was agreed.\n")
    write(tmp_path, "c.json", json.dumps([{"id": "a.txt", "text": "Same id as a file."}, {"id": "x", "text": "One."}]))
    write(tmp_path, "d.jsonl", '{"id": "x", "text": "Two."}\nnot json\n{"text": "Three.", "title": 5}\n')
    write(tmp_path, "e.html", f"<html><body><article>{body}</article></body></html>")
    write(tmp_path, "f.txt", b"\x00\x01\x02binary\x00" * 50)
    write(tmp_path, "g.json", "{broken")
    write(tmp_path, "h/latin1.txt", "Caf\xe9 cr\xe8me, d\xe9j\xe0 vu, na\xefve.", encoding="latin-1")
    write(tmp_path, "h/big.txt", "word " * 200, encoding="utf-8")
    write(tmp_path, "i.txt", "")
    write(tmp_path, "j.md", "---\ntitle: never closed\nThe text.\n")
    return tmp_path


@pytest.mark.parametrize("jobs", [2, 3], ids=["jobs2", "jobs3"])
def test_loading_over_workers_gives_the_same_result_and_progress(mixed, jobs):
    one_calls, many_calls = [], []
    one = load_articles(mixed, progress=lambda *args: one_calls.append(args))
    many = load_articles(mixed, progress=lambda *args: many_calls.append(args), jobs=jobs)
    assert many == one
    assert many_calls == one_calls == [("load", done, 18) for done in range(19)]
    assert [a.id for a in one.articles][:3] == ["a.txt", "a.txt#2", "b.md"]
    assert any("already used" in w for w in one.warnings) and any("not ISO 8601" in w for w in one.warnings)
    assert {s.path for s in one.skipped} >= {"f.txt", "g.json", "i.txt", "d.jsonl:2", "pages/empty.html"}
    assert any(w.startswith("pages/dup.htm: published date") for w in one.warnings)


def test_a_parser_failing_in_a_worker_skips_only_that_file(mixed, monkeypatch):
    def broken(text, rel, warnings):
        raise RecursionError("maximum recursion depth exceeded in a parser")

    monkeypatch.setitem(formats._READERS, "html", broken)
    one, two = load_articles(mixed), load_articles(mixed, jobs=2)
    assert two == one
    reason = "cannot be parsed (RecursionError: maximum recursion depth exceeded in a parser): please report this file to the reuse developers"
    assert [s for s in two.skipped if s.path.startswith("pages/")] == [
        Skipped(f"pages/{name}", reason) for name in ("0.html", "1.html", "2.html", "3.html", "4.html", "dup.htm", "empty.html")
    ]
    assert [a.id for a in two.articles] == ["a.txt", "a.txt#2", "b.md", "d.jsonl#3", "h/big.txt", "h/latin1.txt", "j.md", "x", "x#2"]


def test_chunks_are_cut_by_count_and_by_size(mixed):
    paths = [e for e in load.find_article_files(mixed).entries if isinstance(e, tuple)]
    chunks = [files for _, files in load._chunks(paths, LoadConfig(), 2)]
    assert [f for files in chunks for f in files] == paths
    sizes = [[min(os.stat(p).st_size, LoadConfig().max_bytes) for _, p in files] for files in chunks]
    assert all(len(files) <= 2 for files in chunks)
    assert all(sum(s) <= 200 or len(s) == 1 for s in sizes) and any(len(s) == 1 and s[0] > 200 for s in sizes)


def test_dask_workers_on_other_machines_leave_the_loading_here(mixed, monkeypatch):
    class Remote:  # a Dask client whose workers cannot see this disk: never used for loading
        pass

    monkeypatch.setattr(parallel, "shares_disk", lambda engine: False)
    assert load_articles(mixed, jobs=Remote()) == load_articles(mixed)


def test_missing_folder_is_refused_before_any_worker_starts(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "workers", lambda *args: pytest.fail("workers started"))
    with pytest.raises(InputError, match="does not exist"):
        scan(tmp_path / "missing", jobs=2)


class _Listing:
    """``os.scandir`` with the entries in reverse order (a context manager, as scandir is)."""

    def __init__(self, real, path):
        with real(path) as listing:
            self.entries = list(listing)[::-1]

    def __enter__(self):
        return iter(self.entries)

    def __exit__(self, *exc):
        return False


@pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin", reason="names must be able to hold bytes that are not UTF-8")
def test_names_that_show_alike_get_their_ids_by_their_bytes_not_the_folders_order(tmp_path, monkeypatch):
    """``caf\\xe9.txt`` and ``caf\\xe8.txt`` both show as ``caf\\ufffd.txt``: one keeps the id, the other gets ``#2``.

    Which is which may not depend on the order the folder lists them in.
    """
    for name in (b"caf\xe9.txt", b"caf\xe8.txt"):
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as out:
            out.write(b"The text of " + name.hex().encode() + b", with words enough to be an article.")
    found = [sorted((a.id, a.text) for a in load_articles(tmp_path).articles)]
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path=".": _Listing(real, path))
    found.append(sorted((a.id, a.text) for a in load_articles(tmp_path).articles))
    assert [article_id for article_id, _ in found[0]] == ["caf\ufffd.txt", "caf\ufffd.txt#2"]
    assert found[0] == found[1]
    for name in (b"feed\xe9.jsonl", b"feed\xe8.jsonl"):  # JSON files too: their records are not of one file
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as out:
            out.write(b'{"id": "x", "text": "A story of its own in ' + name.hex().encode() + b'"}\n')
    assert any("'x' is already used by another file whose name shows the same" in w for w in load_articles(tmp_path).warnings)
    for name in (b"feed\xe9.jsonl", b"feed\xe8.jsonl"):
        os.remove(os.path.join(os.fsencode(tmp_path), name))
    # Not "an earlier record of the same file": another file, and what to do.
    assert load_articles(tmp_path).warnings == (
        "caf\ufffd.txt: id 'caf\ufffd.txt' is already used by another file whose name shows the same (its name holds "
        "bytes that are not UTF-8: rename one); renamed 'caf\ufffd.txt#2' (give every article its own id)",
    )


@pytest.mark.parametrize("jobs", [1, 2], ids=["here", "workers"])
def test_a_duplicate_id_names_both_records_and_the_fix(tmp_path, jobs):
    """It named the file alone ('feed.jsonl: ... an earlier record of the same file'): which of its records?

    A JSON-lines record is named by its line (as its other warnings and skips are), a JSON list's by its number.
    """
    write(tmp_path, "feeds/a.jsonl", '{"id": "x", "text": "One story."}\n\n{"id": "page.html", "text": "Two."}\n{"id": "x", "text": "Three."}\n')
    write(tmp_path, "feeds/b.json", '[{"text": "Four."}, {"id": "x", "text": "Five."}]')
    write(tmp_path, "page.html", "<html><body><article><p>" + "A page read by a worker of the scan. " * 20 + "</p></article></body></html>")
    assert load_articles(tmp_path, jobs=jobs).warnings == (
        "feeds/a.jsonl:4: id 'x' is already used by feeds/a.jsonl:1; renamed 'x#2' (give every article its own id)",
        "feeds/b.json#2: id 'x' is already used by feeds/a.jsonl:1; renamed 'x#3' (give every article its own id)",
        "page.html: id 'page.html' is already used by feeds/a.jsonl:3; renamed 'page.html#2' (give every article its own id)",
    )


def test_a_feed_saved_twice_is_read_once_and_said_to_be(tmp_path):
    """A feed saved twice gave each record under ids 'w1', 'w1#2', ...: identical articles, each pairing with all the
    others, whose identical copies then turned the directions of a wire story into abstentions (found running a week of
    daily checks). A record repeating an earlier one exactly is that article read again: it is dropped, with one warning;
    one with the id of another but other content is still a second article."""
    story = "Rescuers searched the flooded valley on Tuesday after the river burst its banks overnight. " * 8
    records = [
        {"id": "w1", "text": story, "outlet": "AFP", "published": "2025-07-21T08:00:00Z"},
        {"id": "w2", "text": "Markets fell sharply in Asia as oil prices rose again. " * 8, "outlet": "AFP"},
    ]
    feed = "".join(json.dumps(r) + "\n" for r in records)
    write(tmp_path, "feeds/monday.jsonl", feed)
    write(tmp_path, "feeds/monday (1).jsonl", feed)  # the same file saved again
    changed = dict(records[0], text=story + "An update: the water is falling.")
    write(tmp_path, "feeds/tuesday.jsonl", json.dumps(changed) + "\n")
    loaded = load_articles(tmp_path)
    assert [a.id for a in loaded.articles] == ["w1", "w1#2", "w2"]
    assert loaded.warnings == (
        "feeds/tuesday.jsonl:1: id 'w1' is already used by feeds/monday (1).jsonl:1; renamed 'w1#2' (give every article its own id)",
        "2 articles repeat an earlier one exactly, its id, text and metadata (feeds/monday.jsonl:1 repeats feeds/monday (1).jsonl:1, "
        "and 1 other): each is read once (remove the copies; if they are two outlets' articles, give each its outlet)",
    )
    assert by_id(loaded)["w1#2"].text.endswith("the water is falling.")
    # A repeat of the second content under the id is one too, not a third article (found by a review).
    write(tmp_path, "feeds/wednesday.jsonl", json.dumps(changed) + "\n")
    again = load_articles(tmp_path)
    assert [a.id for a in again.articles] == ["w1", "w1#2", "w2"] and "3 articles repeat an earlier one exactly" in again.warnings[-1]


def test_a_report_or_graph_written_into_the_folder_is_said_to_be_one(tmp_path, samples_dir):
    """The next scan had skipped 'report.json#1' telling the user to put the article text in 'text'."""

    from reuse.report import write_graph, write_html, write_json

    folder = tmp_path / "scan"
    folder.mkdir()
    for f in sorted(samples_dir.glob("*.txt"))[:2]:
        shutil.copy(f, folder / f.name)
    scanned = reuse.scan(folder)
    write_json(scanned, folder / "report.json")
    write_html(scanned, folder / "report.html", graph=False)  # was read as an article, the copy of both texts
    write_graph(scanned, folder / "graph.json")  # skipped, said to hold no 'text' field
    result = load_articles(folder)
    assert len(result.articles) == 2
    reason = "a reuse report, not an article file: write reports outside the scanned folder"
    assert result.skipped == (
        Skipped("graph.json", "a graph (node-link JSON, as `reuse scan --graph graph.json` writes), not an article file: "
                "write graphs outside the scanned folder"),
        Skipped("report.html", reason),
        Skipped("report.json", reason),
    )


def test_files_of_kinds_not_read_are_counted_in_a_warning(tmp_path):
    """rates.php, a file without an extension and wire.ndjson were neither read nor said (found by a review)."""
    write(tmp_path, "a.txt", "The minister said on Tuesday that roads would be cut.")
    for name in ("rates.php", "rates", "sub/wire.ndjson"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        write(tmp_path, name, "The minister said on Tuesday that roads would be cut.")
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["a.txt"]
    (warning,) = result.warnings
    assert warning.startswith("3 files not read, of kinds reuse does not read (.ndjson: 1, .php: 1, no extension: 1; e.g. rates)")


def test_a_saved_pages_assets_are_not_counted_as_files_not_read(tmp_path):
    """The review of this change: a saved page's page_files/ (scripts, styles, images) would each be "not read"."""
    write(tmp_path, "page.html", "<html><body><article><p>The minister said on Tuesday that roads would be cut.</p></article></body></html>")
    for name in ("page_files/app.js", "page_files/style.css", "logo.png", "notes.php"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    (warning,) = [w for w in load_articles(tmp_path).warnings if "not read" in w]
    assert warning.startswith("1 file not read, of kinds reuse does not read (.php: 1; e.g. notes.php)")
