"""Issue 7: whatever is thrown at ``reuse``, it keeps working and explains what it skipped.

Each case of ``tests/fixtures/nasty/cases.py`` is checked twice: what loading
makes of it (articles, skipped files and their reasons, warnings), and a real
``reuse scan`` on it (exit code 0, or 1 when no file held an article, a
valid JSON report either way, and nothing on the
terminal that could drive it: no escape sequences, control characters or
bidirectional overrides).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from reuse import formats
from reuse.cli import main
from reuse.config import LoadConfig
from reuse.load import load_articles
from reuse.model import Skipped

_SPEC = importlib.util.spec_from_file_location("nasty_cases", Path(__file__).parent / "fixtures" / "nasty" / "cases.py")
nasty = importlib.util.module_from_spec(_SPEC)
sys.modules["nasty_cases"] = nasty  # dataclasses look their module up by name
_SPEC.loader.exec_module(nasty)

#: What must never reach the terminal: C0 (but the line feed), DEL, C1, bidi overrides and isolates.
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def made(tmp_path):
    """``made(case_id)`` makes that case in ``tmp_path/in`` and returns the folder.

    Afterwards, permissions are given back and the 200 MB files deleted at once.
    """
    folder = tmp_path / "in"
    folder.mkdir()
    yield lambda case_id: nasty.case(case_id).make(folder) or folder
    for root, dirs, _ in os.walk(folder):  # give back permissions, and drop the 200 MB files at once
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
    for big in folder.glob("dump.txt"):
        big.unlink()


def reasons(result) -> dict[str, str]:
    return {s.path: s.reason for s in result.skipped}


# -- what loading makes of each case --------------------------------------------------------


def test_empty_files_are_skipped(made):
    result = load_articles(made("empty"))
    assert result.articles == ()
    assert reasons(result) == {"files/empty.txt": "empty file", "files/blank.md": "empty file"}


@pytest.mark.parametrize(
    ("case_id", "path", "reason"),
    [
        ("png", "files/photo.txt", "binary file (looks like PNG): convert it to text first"),
        ("pdf", "files/scan.txt", "binary file (looks like PDF): convert it to text first"),
        ("zip", "files/archive.json", "binary file (looks like ZIP): convert it to text first"),
        ("gzip", "files/story.txt.gz.txt", "binary file (looks like gzip): convert it to text first"),
        ("raw-bytes", "files/raw.html", "binary file (contains NUL bytes): convert it to text first"),
    ],
    ids=["png", "pdf", "zip", "gzip", "raw-bytes"],
)
def test_binary_files_are_skipped_with_their_kind(made, case_id, path, reason):
    result = load_articles(made(case_id))
    assert result.articles == () and result.skipped == (Skipped(path, reason),)


def test_invalid_utf8_is_repaired_with_a_warning(made):
    result = load_articles(made("invalid-utf8"))
    (art,) = result.articles
    assert art.text.count("\ufffd") == 4
    assert art.text.count("the “new” budget") == 5  # the good UTF-8 around the damage is intact
    assert result.warnings == (
        "files/invalid_utf8.txt: 4 bytes that are not UTF-8 were replaced by U+FFFD (save the file as UTF-8)",
    )


@pytest.mark.parametrize(
    ("case_id", "expected"),
    [
        ("utf16-bom", "Zürich: the café's «crème brûlée» stall, run by Łukasz and Ørjan"),
        ("cp1252", "“Smart quotes” – and a dash — cost 5 € at the café, said Zoë."),
        ("latin1", "Le maître d'hôtel a reçu les élèves à Genève, où il fait très froid."),
    ],
    ids=["utf16-bom", "cp1252", "latin1"],
)
def test_other_encodings_are_decoded(made, case_id, expected):
    result = load_articles(made(case_id))
    (art,) = result.articles
    assert art.text.startswith(expected) and "\ufeff" not in art.text
    assert result.warnings == ()


def test_mixed_line_endings_become_line_feeds(made):
    (art,) = load_articles(made("mixed-endings")).articles
    lines = ["Headline with mixed line endings", "Windows line.", "Old Mac line.", "Unix line.", "Last line without an ending"]
    assert art.text == "\n".join(lines)


def test_a_5_mb_line_is_read_whole(made):
    result = load_articles(made("long-line"))
    art = next(a for a in result.articles if a.id == "one-line.txt")
    assert len(art.text) == 5_000_000 and "\n" not in art.text
    assert art.title is None and result.warnings == ()


@pytest.mark.parametrize("limit", [None, 1_000_000], ids=["default-limit", "max-bytes"])
def test_a_200_mb_file_is_truncated_with_a_warning(made, limit):
    config = LoadConfig() if limit is None else LoadConfig(max_bytes=limit)
    result = load_articles(made("huge"), config)
    art = next(a for a in result.articles if a.id == "dump.txt")
    assert len(art.text) == config.max_bytes  # ASCII: one byte, one character
    assert result.warnings == (
        f"dump.txt: truncated to {config.max_bytes} bytes (use --max-bytes to raise the limit)",
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_loops_are_skipped(made):
    result = load_articles(made("symlink-loops"))
    assert [a.id for a in result.articles] == ["text/article.txt"]
    loop = "symbolic link loop (the link leads back to itself): fix or remove the link"
    linked = "a symbolic link to a folder: not followed (scan the folder it leads to on its own)"
    assert reasons(result) == {"a.txt": loop, "b.txt": loop, "self.txt": loop, "sub/up/": linked}


def _deny(monkeypatch, *names: str) -> None:
    """Make opening or listing these names fail as chmod 000 would for anyone but root."""
    real_open, real_scandir = os.open, os.scandir

    def denied(path) -> bool:
        if isinstance(path, int):  # a file descriptor (scandir of an open folder)
            return False
        return os.path.basename(os.fsdecode(path)) in names

    def fake_open(path, *args, **kwargs):
        if denied(path):
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_open(path, *args, **kwargs)

    def fake_scandir(path="."):
        if denied(path):
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)


UNREADABLE = {
    "locked-folder/": "cannot read the folder (Permission denied)",
    "locked.txt": "cannot read the file (Permission denied): check that it is readable",
}


def test_unreadable_file_and_folder_are_skipped_simulated(made, monkeypatch):
    # Simulated, so that it also tests something as root (CI), whom chmod 000 does not stop.
    folder = made("unreadable")
    _deny(monkeypatch, "locked.txt", "locked-folder")
    result = load_articles(folder)
    assert [a.id for a in result.articles] == ["text/article.txt"]
    assert reasons(result) == UNREADABLE


@pytest.mark.skipif(IS_ROOT or not hasattr(os, "geteuid"), reason="root reads files whatever their mode")
def test_unreadable_file_and_folder_are_skipped_for_real(made):
    result = load_articles(made("unreadable"))
    assert reasons(result) == UNREADABLE


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_skipped_without_blocking(made):
    result = load_articles(made("named-pipe"))
    assert [a.id for a in result.articles] == ["text/article.txt"]
    assert reasons(result) == {"pipe.txt": "not a regular file"}


def test_deep_nesting(made):
    (art,) = load_articles(made("deep")).articles
    assert art.id == "d/" * 300 + "deep.txt"


def test_odd_file_names_are_read_and_names_not_utf8_are_shown_with_a_replacement(made):
    result = load_articles(made("odd-names"))
    assert sorted(a.id for a in result.articles) == sorted([*nasty.ODD_NAMES, "latin1-caf\ufffd.txt"])
    assert result.skipped == () and result.warnings == ()


def test_json_records_keep_the_good_ones_and_explain_the_rest(made):
    result = load_articles(made("jsonl-mixed"))
    arts = {a.id: a for a in result.articles}
    assert sorted(arts) == ["bad-date", "dup", "dup#2", "future", "good-1", "good-2"]
    assert arts["dup"].text.startswith("The first") and arts["dup#2"].text.startswith("The second")
    assert arts["bad-date"].published is None and arts["future"].published is None
    where = "records/feed.jsonl"
    assert {k: v.split(" (")[0] for k, v in reasons(result).items()} == {
        f"{where}:2": "malformed JSON line",
        f"{where}:3": "no 'text', 'body' or 'content' field: put the article text in 'text'",
        f"{where}:4": "'text' is a number, not a string: put the article text in 'text' as one string",
        f"{where}:5": "'text' is a list, not a string: put the article text in 'text' as one string",
        f"{where}:10": "record is a list, not an object: write each record as an object with the article text in 'text'",
        f"{where}:11": "record is null, not an object: write each record as an object with the article text in 'text'",
    }
    assert result.warnings == (
        f"{where}:8: published date 'last Tuesday-ish' is not ISO 8601 (like 2025-05-27 or 2025-05-27T09:30:00Z); "
        "it is left unknown",
        f"{where}:9: published date '2999-01-01T00:00:00Z' is in the future; it is left unknown (fix the date)",
        f"{where}:7: id 'dup' is already used by {where}:6; renamed 'dup#2' "
        "(give every article its own id)",
    )


@pytest.mark.parametrize("case_id", ["json-truncated", "json-deep"])
def test_broken_json_files_are_skipped(made, case_id):
    result = load_articles(made(case_id))
    (skipped,) = result.skipped
    assert skipped.reason.startswith("invalid JSON (") and skipped.reason.endswith("use .jsonl for one object per line")


TEXT_CASES = ["numbers", "emoji", "rtl", "cjk", "combining", "zero-width", "repetitive", "quotation"]


def test_a_text_of_punctuation_alone_is_skipped_as_having_no_words(made):
    result = load_articles(made("punctuation"))
    assert result.articles == () and result.warnings == ()
    assert {s.reason for s in result.skipped} == {"no words: only spaces, punctuation or invisible characters"}


@pytest.mark.parametrize("case_id", TEXT_CASES)
def test_odd_texts_load_as_they_are(made, case_id):
    result = load_articles(made(case_id))
    assert result.articles and result.skipped == () and result.warnings == ()
    for art in result.articles:
        raw = (nasty.HERE / art.path.removeprefix("copy/")).read_text(encoding="utf-8")
        assert art.text == unicodedata.normalize("NFC", raw)


@pytest.mark.parametrize("backend", ["trafilatura", "builtin"])
def test_hostile_html_keeps_only_the_article_text(made, monkeypatch, backend):
    if backend == "builtin":
        monkeypatch.setattr(formats, "trafilatura_module", lambda: (None, "disabled by the test"))
    elif formats.trafilatura_module()[0] is None:
        pytest.skip("trafilatura cannot be imported here")
    (art,) = load_articles(made("hostile-html")).articles
    assert "harbour budget on Tuesday" in art.text and "end within two years" in art.text
    for junk in ("SCRIPT", "STYLE", "COMMENT", "IFRAME", "NOSCRIPT", "alert", "javascript", "onload", "steal"):
        assert junk not in art.text, junk
    assert "\x1b" not in art.text and "\x07" not in art.text


def test_terminal_escapes_and_c1_controls_go_at_load_and_bidi_marks_stay_for_the_writers(made):
    # Bidi marks stay in the text (RTL text uses them); the terminal drops them. A C1 control is never text.
    (art, _) = load_articles(made("escapes")).articles
    assert art.text.startswith("Headline RED and a link\nA bell, a backspace, a C1 CSI 2J")
    assert "\x1b" not in art.text and "\x07" not in art.text and "\x9b" not in art.text and "\u202e" in art.text


def test_a_parser_failing_on_one_file_does_not_stop_the_others(made, monkeypatch):
    def broken(text, rel, warnings):
        raise RecursionError("maximum recursion depth exceeded in a parser")

    monkeypatch.setitem(formats._READERS, "html", broken)
    folder = made("hostile-html")
    nasty.case("quotation").make(folder)
    result = load_articles(folder)
    assert [a.id for a in result.articles] == ["text/quotation-other.txt", "text/quotation.txt"]
    assert reasons(result) == {
        "content/hostile.html": "cannot be parsed (RecursionError: maximum recursion depth exceeded in a parser): "
        "please report this file to the reuse developers"
    }


# -- a real scan of each case: exit 0 (1 if nothing was read), a valid report, a safe terminal ---


def _scan(folder: Path, out: Path, *options: str):
    runner = CliRunner(env={"COLUMNS": "100"})
    return runner.invoke(main, ["scan", str(folder), "--json", str(out), *options])


@pytest.mark.parametrize("case_id", [c.id for c in nasty.CASES if c.id != "huge"])
def test_scan_survives_and_keeps_the_terminal_safe(made, tmp_path, monkeypatch, case_id):
    folder = made(case_id)
    if case_id == "unreadable":
        _deny(monkeypatch, "locked.txt", "locked-folder")
    out = tmp_path / "out" / "report.json"
    result = _scan(folder, out, *nasty.case(case_id).options)
    assert result.exit_code == nasty.expected_exit(out), result.output  # 1 when no file held an article
    assert not nasty.unsafe(result.stdout), result.stdout
    assert not nasty.unsafe(result.stderr), result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    shown = {s["path"] for s in report["skipped"]} | {a["path"] for a in report["articles"]}
    expected = _article_files(folder)
    assert expected, "the case made no article file"
    assert expected <= shown, f"neither an article nor skipped: {sorted(expected - shown)}"


#: The extensions a scan reads (the issue's list).
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")


def _article_files(folder: Path) -> set[str]:
    """Every entry under ``folder`` a scan must account for, as the report names it.

    Names not starting with "." whose extension is an article's, in folders
    that can be listed, not through symbolic links to folders (a link so
    named counts itself); bytes that are not UTF-8 in a name show as U+FFFD.
    """
    found = set()
    for root, dirs, files in os.walk(folder):
        links = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in links]
        for name in [*files, *links]:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES:
                rel = os.path.relpath(os.path.join(root, name), folder).replace(os.sep, "/")
                found.add(os.fsencode(rel).decode("utf-8", "replace"))
    return found


def test_huge_file_scan_with_max_bytes_warns_on_the_terminal(made, tmp_path):
    result = _scan(made("huge"), tmp_path / "report.json", "--max-bytes", "1000000")
    assert result.exit_code == 0, result.output
    assert "warning: dump.txt: truncated to 1000000 bytes (use --max-bytes to raise the limit)" in result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert next(a for a in report["articles"] if a["id"] == "dump.txt")["chars"] == 1_000_000


def test_escapes_in_a_shared_passage_never_reach_the_terminal(made, tmp_path):
    result = _scan(made("escapes"), tmp_path / "report.json")
    assert result.exit_code == 0
    assert "A: content/escapes-copy.txt" in result.stdout or "B: content/escapes-copy.txt" in result.stdout
    assert "ordinary text" in result.stdout  # the passage is shown ...
    assert not nasty.unsafe(result.stdout)  # ... without its escapes
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert "\x1b" not in json.dumps(report, ensure_ascii=False)  # JSON escapes them: \u001b


def test_odd_names_on_the_terminal(made, tmp_path):
    result = _scan(made("odd-names"), tmp_path / "report.json")
    assert result.exit_code == 0
    assert "new line.txt" in result.stdout  # the newline shown as a space
    assert "escape red.txt" in result.stdout  # the whole escape sequence dropped
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert "new\nline.txt" in {a["id"] for a in report["articles"]}  # the report keeps the real name


def test_two_articles_quoting_one_speech_are_a_common_source_not_a_copy(made, tmp_path):
    result = _scan(made("quotation"), tmp_path / "report.json")
    (pair,) = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["pairs"]
    assert (pair["kind"], pair["direction"]["relation"]) == ("shared-quotes", "common-source")
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("case_id", "copies_found"),
    [
        ("punctuation", 0),  # no words: nothing to share
        ("numbers", 1),
        ("emoji", 1),
        ("rtl", 2),
        ("cjk", 1),
        ("combining", 1),
        ("zero-width", 1),
        ("repetitive", 0),  # an article's own repetitions are masked: "spam spam ..." shares nothing
    ],
)
def test_a_copy_of_an_odd_text_is_found_when_it_has_words(made, tmp_path, case_id, copies_found):
    result = _scan(made(case_id), tmp_path / "report.json")
    assert result.exit_code == nasty.expected_exit(tmp_path / "report.json")
    pairs = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["pairs"]
    assert [(p["a"], p["kind"]) for p in pairs] == [(p["a"], "verbatim") for p in pairs]
    assert {p["a"].removeprefix("copy/") == p["b"] for p in pairs} <= {True}
    assert len(pairs) == copies_found
