"""`reuse index add|info|list|remove` and `reuse check` through click's CliRunner, on a copy of the samples."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from reuse.cli import main
from reuse.errors import ReuseError

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_add_info_check_remove(runner, split, tmp_path):
    old, new = split
    db = tmp_path / "news.db"
    added = runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    assert added.exit_code == 0, added.output
    assert added.output == f"{db}: 3 added, 0 new versions, 0 unchanged, 0 skipped\n"
    again = runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    assert again.output == f"{db}: 0 added, 0 new versions, 3 unchanged, 0 skipped\n"

    info = runner.invoke(main, ["index", "info", "--index", str(db)])
    assert info.exit_code == 0
    assert "articles:    3 (3 versions stored)" in info.output
    assert "minhash:     datasketch affine32, num_perm 128, seed 1" in info.output
    assert "settings:    sketch: num_perm 128, seed 1, shingle_size 5, stride 12, window 24\n             candidates: bands 32," in info.output
    assert "site_lines true" in info.output  # one line per stage, not one line of JSON
    assert re.search(r"size:        [\d.]+ MB \([\d,]+ bytes per article\)", info.output)

    report = tmp_path / "report.json"
    checked = runner.invoke(main, ["check", str(new), "--index", str(db), "--json", str(report)])
    assert checked.exit_code == 0, checked.output
    data = json.loads(report.read_text("utf-8"))
    assert [(p["a"], p["b"], p["kind"]) for p in data["pairs"]] == [
        ("004_3f800d59416d0f3b.txt", "001_eabe8ba3545e1c71.txt", "shared-quotes")
    ]
    assert {a["id"] for a in data["articles"]} == {"003_0381986bfe1f445e.txt", "004_3f800d59416d0f3b.txt", "001_eabe8ba3545e1c71.txt"}
    assert "A: 004_3f800d59416d0f3b.txt" in checked.output and f"report written to {report}" in checked.output
    assert data["checked"] == ["003_0381986bfe1f445e.txt", "004_3f800d59416d0f3b.txt"]  # the batch, apart from the stored 001
    assert checked.stdout.startswith("reuse check: 2 new articles, 1 pair sharing text, 0 skipped\n  1 pair with an indexed article (1 indexed article matched), 0 pairs within the batch\n")

    removed = runner.invoke(main, ["index", "remove", "001_eabe8ba3545e1c71.txt", "nope.txt", "--index", str(db)])
    assert removed.exit_code == 0
    assert removed.stdout == f"{db}: 1 removed\n" and "warning: nope.txt is not in the index" in removed.stderr
    after = runner.invoke(main, ["check", str(new), "--index", str(db), "--json", "-", "-q"])
    assert json.loads(after.stdout)["pairs"] == []


def test_info_counts_read_as_numbers(runner, tmp_path, monkeypatch):
    """Counts with thousands separators, one line in the singular, and one unit for the size (it said "1 lines" and mixed MB with KiB)."""
    from reuse import index as index_module

    info = index_module.IndexInfo(
        path=str(tmp_path / "news.db"), articles=150, versions=151, postings=409962, stems=6139, lines=1, bytes=5_105_664,
        fingerprint="6c41e9ca068f4f30", scheme="affine32", num_perm=128, seed=1, settings='{"sketch": {"num_perm": 128}}',
    )
    monkeypatch.setattr(index_module, "index_info", lambda path: info)
    out = runner.invoke(main, ["index", "info", "--index", str(tmp_path / "news.db")]).output
    assert "articles:    150 (151 versions stored)\n" in out
    assert "postings:    409,962 band keys (LSH buckets of the passages' sketches)\n" in out
    assert "counted:     6,139 stems (for word weights), 1 line (for boilerplate)\n" in out
    assert "size:        5.1 MB (34,038 bytes per article)\n" in out


def test_remove_shows_an_id_it_lacks_and_says_patterns_are_for_list(runner, split, tmp_path):
    """An empty id was shown as nothing ("warning:  is not in the index"), and a pattern, which list takes, matched no id silently."""
    old, _ = split
    db = tmp_path / "news.db"
    runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    removed = runner.invoke(main, ["index", "remove", "", "00*", "--index", str(db)])
    assert removed.exit_code == 0 and removed.stdout == f"{db}: 0 removed\n"
    assert "warning: '' is not in the index\n" in removed.stderr
    assert "warning: 00* is not in the index\n" in removed.stderr
    assert f"remove takes ids, not patterns; to see the ids the pattern matches, run: reuse index list '00*' --index {db}\n" in removed.stderr


def test_check_summary_says_whether_b_is_indexed_or_in_the_batch(runner, split, tmp_path):
    """Each pair's B was shown alike whether stored or new: which of today's matches are with the archive could not be read."""
    old, new = split
    db = tmp_path / "news.db"
    runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    shutil.copy(old / "002_397cd1eb95de2d14.txt", new / "copy.txt")
    shutil.copy(old / "002_397cd1eb95de2d14.txt", new / "copy2.txt")
    checked = runner.invoke(main, ["check", str(new), "--index", str(db), "--max-pairs", "99"])
    assert checked.exit_code == 0, checked.output
    assert "  A: copy.txt (copy)\n    B: copy2.txt (copy2, in the batch)\n" in checked.stdout
    assert "    B: 001_eabe8ba3545e1c71.txt (001_eabe8ba3545e1c71, indexed)\n" in checked.stdout
    assert "    B: 002_397cd1eb95de2d14.txt (002_397cd1eb95de2d14, indexed)\n" in checked.stdout
    scanned = runner.invoke(main, ["scan", str(new)])
    assert "indexed)" not in scanned.stdout and "in the batch)" not in scanned.stdout


def test_a_check_against_a_small_index_says_which_words_are_common_cannot_be_told(runner, split, tmp_path):
    """A scan of ten articles or fewer says so under its summary; a check, which learns its word weights from the index
    and the batch together as the scan of both would, said nothing against an index of three."""
    old, new = split
    db = tmp_path / "news.db"
    others = tmp_path / "others"
    others.mkdir()
    for n in range(6):
        (others / f"other{n}.txt").write_text(f"Story {n} about other things entirely: the harbour, the ferry, the rain.\n", "utf-8")
    runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    checked = runner.invoke(main, ["check", str(new), "--index", str(db)])
    assert checked.exit_code == 0, checked.output
    said = " ".join(checked.stdout.split())
    assert (
        "Among so few articles (5, the index's and the batch's together), which words are common cannot be told, and the words "
        "two of them share count as common ones: a loose rewrite may be missed or rated low. Check them against an index "
        "that holds articles of other stories too, to be sure." in said
    )
    (others / "other5.txt").rename(tmp_path / "later.txt")
    runner.invoke(main, ["index", "add", str(others), "--index", str(db), "-q"])  # 8 indexed, 2 new: ten, as a scan of ten says it
    assert "Among so few articles (10, the index's" in " ".join(runner.invoke(main, ["check", str(new), "--index", str(db)]).stdout.split())
    (tmp_path / "later.txt").rename(others / "other5.txt")
    runner.invoke(main, ["index", "add", str(others), "--index", str(db), "-q"])
    assert "Among so few" not in runner.invoke(main, ["check", str(new), "--index", str(db)]).stdout


def test_add_verbose_prints_its_stage_timings(runner, split, tmp_path):
    """`-v` promised stage timings and an add printed none (found by a review)."""
    added = runner.invoke(main, ["index", "add", str(split[0]), "--index", str(tmp_path / "news.db"), "-v"])
    assert added.exit_code == 0, added.output
    assert re.findall(r"^timing: (\w+) \d+\.\d\d s$", added.stderr, re.MULTILINE) == ["load", "index", "commit", "checkpoint"]


def test_check_add_verbose_prints_the_adds_stage_timings_too(runner, split, tmp_path):
    """`check -v --add` printed the check's stages and none of the add's (found by a review)."""
    old, new = split
    db = tmp_path / "news.db"
    runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    out = runner.invoke(main, ["check", str(new), "--index", str(db), "--add", "-v"])
    assert out.exit_code == 0, out.output
    assert re.findall(r"^timing: add: (\w+) \d+\.\d\d s$", out.stderr, re.MULTILINE) == ["index", "commit", "checkpoint"]


def test_check_add_adds_afterwards(runner, split, tmp_path):
    old, new = split
    db = tmp_path / "news.db"
    runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    result = runner.invoke(main, ["check", str(new), "--index", str(db), "--add", "--json", "-"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["pairs"]) == 1  # checked before adding: not matched with itself
    info = runner.invoke(main, ["index", "info", "--index", str(db)])
    assert "articles:    5 (5 versions stored)" in info.output


def test_max_bucket_is_the_indexs_unless_a_check_gives_its_own(runner, tmp_path):
    """Six copies of one story: five indexed with --max-bucket 5, then a check and a check --add of the sixth."""
    story = (SAMPLES / "001_eabe8ba3545e1c71.txt").read_text("utf-8")
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    for k in range(5):
        (old / f"c{k}.txt").write_text(story, "utf-8")
    (new / "c5.txt").write_text(story, "utf-8")
    db = tmp_path / "i.db"
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "--max-bucket", "5", "-q"]).exit_code == 0
    own = runner.invoke(main, ["check", str(new), "--index", str(db), "--json", "-"])
    assert own.exit_code == 0 and json.loads(own.stdout)["pairs"] == []
    assert "1 article (c5.txt) shares most of its wording with 5 or more other articles" in own.stderr
    given = runner.invoke(main, ["check", str(new), "--index", str(db), "--max-bucket", "6", "--add", "--json", "-", "-q"])
    assert given.exit_code == 0, given.output
    assert len(json.loads(given.stdout)["pairs"]) == 5 and json.loads(given.stdout)["config"]["candidates"]["max_bucket"] == 6
    assert "max_bucket 5," in runner.invoke(main, ["index", "info", "--index", str(db)]).output  # added with the index's own
    refused = runner.invoke(main, ["index", "add", str(new), "--index", str(db), "--max-bucket", "6"])
    assert refused.exit_code == 1 and "built with --max-bucket 5 (not 6)" in refused.stderr
    empty = tmp_path / "empty.db"
    empty.touch()  # a file to make the index in (touch, mktemp): there is no index's own max_bucket to take yet
    made = runner.invoke(main, ["index", "add", str(old), "--index", str(empty)])
    assert made.exit_code == 0 and made.stdout.startswith(f"{empty}: 5 added"), made.output


def test_check_add_leaves_the_index_alone_when_the_report_cannot_be_written(runner, split, tmp_path, monkeypatch):
    old, new = split
    db = tmp_path / "i.db"
    runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    before = runner.invoke(main, ["index", "info", "--index", str(db)]).stdout

    def refuse(*args, **kwargs):
        raise ReuseError("cannot write the report: disk full")

    monkeypatch.setattr("reuse.cli.write_json", refuse)
    result = runner.invoke(main, ["check", str(new), "--index", str(db), "--add", "--json", str(tmp_path / "r.json")])
    assert result.exit_code == 1
    assert "cannot write the report" in result.stderr
    assert runner.invoke(main, ["index", "info", "--index", str(db)]).stdout == before


@pytest.mark.parametrize("command", [["check", "NEW"], ["index", "info"], ["index", "remove", "000.txt"]])
def test_a_missing_index_is_a_usage_error(runner, split, tmp_path, command):
    """Like a missing folder, exit 2 (it was exit 1, as if the run had failed)."""
    args = [str(split[1]) if arg == "NEW" else arg for arg in command]
    result = runner.invoke(main, [*args, "--index", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert f"No index at {tmp_path / 'none.db'}: create one with 'reuse index add FOLDER --index {tmp_path / 'none.db'}'." in result.stderr
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("command", [["check", "NEW"], ["index", "add", "OLD"], ["index", "info"]])
def test_a_symbolic_link_loop_is_no_index(runner, split, tmp_path, command):
    """An add through a link loop said 'unable to open database file ... check the disk's space' (exit 1; found by a review)."""
    (tmp_path / "l1").symlink_to(tmp_path / "l2")
    (tmp_path / "l2").symlink_to(tmp_path / "l1")
    args = [str(split[1]) if arg == "NEW" else str(split[0]) if arg == "OLD" else arg for arg in command]
    result = runner.invoke(main, [*args, "--index", str(tmp_path / "l1")])
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'l1'} is a symbolic link loop" in " ".join(result.stderr.split())


@pytest.mark.parametrize("command", [["check", "NEW"], ["index", "add", "OLD"], ["index", "info"]])
def test_an_index_under_a_looping_folder_names_the_loop(runner, split, tmp_path, command):
    """An index path inside a link loop was said not to exist ('No index at', 'does not exist')."""
    (tmp_path / "l1").symlink_to(tmp_path / "l2")
    (tmp_path / "l2").symlink_to(tmp_path / "l1")
    args = [str(split[1]) if arg == "NEW" else str(split[0]) if arg == "OLD" else arg for arg in command]
    result = runner.invoke(main, [*args, "--index", str(tmp_path / "l1" / "news.db")])
    assert result.exit_code == 2, result.output
    said = " ".join(result.stderr.split())
    assert f"{tmp_path / 'l1'} is a symbolic link loop" in said and "does not exist" not in said and "No index" not in said


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
@pytest.mark.parametrize("command", [["check", "NEW"], ["index", "add", "OLD"], ["index", "info"]])
def test_a_device_is_no_index(runner, split, tmp_path, command):
    """SQLite had opened /dev/null and left a -journal file beside it."""
    device = tmp_path / "null"
    device.symlink_to("/dev/null")  # the same file, in a folder the test may look into
    args = [str(split[1]) if arg == "NEW" else str(split[0]) if arg == "OLD" else arg for arg in command]
    result = runner.invoke(main, [*args, "--index", str(device)])
    assert result.exit_code == 2
    assert f"{device} is not a regular file (a device or a pipe): give the index file's path" in result.stderr
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("null-")]
    assert not Path("/dev/null-journal").exists() and not Path("/dev/null-wal").exists()


def test_other_settings_are_refused(runner, split, tmp_path):
    db = tmp_path / "news.db"
    runner.invoke(main, ["index", "add", str(split[0]), "--index", str(db), "-q"])
    result = runner.invoke(main, ["check", str(split[1]), "--index", str(db), "--seed", "2"])
    assert result.exit_code == 1
    assert "was built with --seed 1 (not 2)" in result.stderr and "reuse index add FOLDER --index NEW_PATH" in result.stderr


def test_index_needs_the_index_option(runner, split):
    result = runner.invoke(main, ["index", "add", str(split[0])])
    assert result.exit_code == 2 and "Missing option '--index'" in result.output


def test_index_group_help_lists_its_commands(runner):
    result = runner.invoke(main, ["index", "--help"])
    assert result.exit_code == 0
    for name in ("add", "info", "remove"):
        assert re.search(rf"\n  {name} +\S", result.output)
        sub = runner.invoke(main, ["index", name, "--help"])
        assert sub.exit_code == 0 and f"reuse index {name} " in sub.output



def test_the_index_commands_exit_codes_name_those_that_need_an_index(runner, tmp_path):
    """'no index at PATH (check, info, remove)': check has its own help, and list, which needs one too, was missing."""
    for name in ("add", "info", "list", "remove"):
        shown = runner.invoke(main, ["index", name, "--help"], terminal_width=200)
        assert shown.exit_code == 0 and "no index at PATH (info, list, remove)" in " ".join(shown.output.split())
    assert runner.invoke(main, ["index", "list", "--index", str(tmp_path / "none.db")]).exit_code == 2


@pytest.mark.parametrize("command", [["scan"], ["check"], ["index", "add"], ["graph"]])
def test_every_command_line_setting_the_index_names_is_an_option(runner, command):
    """An index refused for its settings tells the user to pass --NAME: each command must have it."""
    from reuse.config import COMMAND_LINE_SETTINGS

    result = runner.invoke(main, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    for name in COMMAND_LINE_SETTINGS:
        assert f"--{name.replace('_', '-')} N" in result.output, name


def test_a_setting_the_command_line_cannot_give_is_named_as_such(tmp_path, runner):
    from reuse.config import CandidateConfig, ScanConfig
    from reuse.index import add_folder

    add_folder(SAMPLES, tmp_path / "i.db", ScanConfig(candidates=CandidateConfig(min_band_hits=2)))
    result = runner.invoke(main, ["check", str(SAMPLES), "--index", str(tmp_path / "i.db")])
    assert result.exit_code == 1
    assert "built with min_band_hits 2 (not 3)" in result.stderr and "--min-band-hits" not in result.stderr
    assert "min_band_hits through the Python API's ScanConfig" in result.stderr


def test_an_index_another_writer_holds_is_busy_not_broken(tmp_path, runner, monkeypatch):
    """Past the wait for another writer: a message that says so, and no traceback (remove) nor bad advice (add)."""
    import sqlite3

    import reuse.index.store as store

    db = tmp_path / "i.db"
    assert runner.invoke(main, ["index", "add", str(SAMPLES), "--index", str(db)]).exit_code == 0
    real = store._open

    def impatient(path):
        conn = real(path)
        conn.execute("PRAGMA busy_timeout = 50")
        return conn

    monkeypatch.setattr(store, "_open", impatient)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        for args in (["index", "remove", "001_eabe8ba3545e1c71.txt"], ["index", "add", str(SAMPLES)]):
            result = runner.invoke(main, [*args, "--index", str(db)])
            assert result.exit_code == 1, result.output
            assert "is busy: another 'reuse index add'" in result.stderr and "changed nothing" in result.stderr
            assert "not a readable" not in result.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert runner.invoke(main, ["index", "info", "--index", str(db)]).exit_code == 0


@pytest.mark.parametrize("args", [["index", "remove", "001_eabe8ba3545e1c71.txt"], ["index", "add", "NEW"], ["check", "NEW", "--add"]])
def test_a_writer_waiting_for_another_says_so_then_writes(tmp_path, runner, split, args):
    """Another run holds the write lock for a moment: the command says it waits (a line, in a log too), then does its work."""
    import sqlite3
    import threading

    old, new = split
    db = tmp_path / "i.db"
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db)]).exit_code == 0
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, lambda: holder.execute("ROLLBACK")).start()
    try:
        result = runner.invoke(main, [*(str(new) if a == "NEW" else a for a in args), "--index", str(db)])
    finally:
        holder.close()
    assert result.exit_code == 0, result.output
    assert "waiting (up to a minute) for another run to finish writing to the index" in result.stderr
    quiet = runner.invoke(main, [*(str(new) if a == "NEW" else a for a in args), "--index", str(db), "-q"])
    assert quiet.exit_code == 0 and "waiting" not in quiet.stderr  # nobody held it: no word of a wait


def test_settings_that_cannot_be_read_are_an_index_error(tmp_path):
    import sqlite3

    from reuse.errors import IndexFileError
    from reuse.index import add_folder, check

    add_folder(SAMPLES, tmp_path / "i.db")
    conn = sqlite3.connect(tmp_path / "i.db")
    conn.execute("UPDATE meta SET value = 'not json' WHERE key = 'settings'")
    conn.execute("UPDATE meta SET value = 'other' WHERE key = 'fingerprint'")
    conn.commit()
    conn.close()
    with pytest.raises(IndexFileError, match="cannot be read"):
        check(SAMPLES, tmp_path / "i.db")


@pytest.mark.parametrize("command", [["index", "add", "{folder}"], ["index", "info"], ["check", "{folder}"]])
def test_an_empty_index_path_is_a_usage_error_not_the_current_folder(runner, samples_dir, command):
    """It was 'error: . is a folder', exit 1, where an empty --json path is exit 2."""
    result = runner.invoke(main, [part.format(folder=samples_dir) for part in command] + ["--index", ""])
    assert result.exit_code == 2
    assert "an empty path: give the index file, e.g. --index news.db" in result.stderr


def test_one_new_version_is_said_in_the_singular(runner, samples_dir, tmp_path):
    db = tmp_path / "i.db"
    runner.invoke(main, ["index", "add", str(samples_dir), "--index", str(db)])
    (samples_dir / "002_397cd1eb95de2d14.txt").write_text("An edited story, now quite different.", encoding="utf-8")
    again = runner.invoke(main, ["index", "add", str(samples_dir), "--index", str(db)])
    assert again.stdout == f"{db}: 0 added, 1 new version, 4 unchanged, 0 skipped\n"
    assert "the two texts share little: no update of it" in again.stderr  # a whole new text under the id: said
    assert "articles:    5 (6 versions stored)" in runner.invoke(main, ["index", "info", "--index", str(db)]).output


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the ignored exception is the point
def test_ctrl_c_swallowed_during_a_check_stops_it_before_the_add(runner, split, tmp_path, monkeypatch):
    import os
    import signal

    import reuse.index as index_module

    old, new = split
    db = tmp_path / "i.db"
    runner.invoke(main, ["index", "add", str(old), "--index", str(db)])
    before = runner.invoke(main, ["index", "info", "--index", str(db)]).output
    real = index_module.check_articles

    class Dropped:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)  # raised in here, where Python ignores it
            for _ in range(1000):
                pass

    def check(*args, **kwargs):
        Dropped()
        return real(*args, **kwargs)

    monkeypatch.setattr(index_module, "check_articles", check)
    result = runner.invoke(main, ["check", str(new), "--index", str(db), "--add"])
    assert result.exit_code == 130
    assert runner.invoke(main, ["index", "info", "--index", str(db)]).output == before


def test_a_batch_of_only_unreadable_files_exits_1_and_adds_nothing(runner, split, tmp_path):
    """Adding or checking a folder that gave no article has failed; the check's report is still written, and --add adds nothing."""
    old, _ = split
    db = tmp_path / "news.db"
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"]).exit_code == 0
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.txt").write_bytes(b"\x00\x01binary\xff")
    added = runner.invoke(main, ["index", "add", str(broken), "--index", str(db), "-q"])
    assert added.exit_code == 1, added.output
    assert added.stdout == ""  # no count line: nothing was added, nor (below) an index made
    assert f"error: no article could be read in {broken} (skipped a.txt: binary file" in added.stderr
    fresh = tmp_path / "fresh.db"
    assert runner.invoke(main, ["index", "add", str(broken), "--index", str(fresh), "-q"]).exit_code == 1
    assert not fresh.exists()  # no index made for a batch that gave no article
    report = tmp_path / "r.json"
    checked = runner.invoke(main, ["check", str(broken), "--index", str(db), "--json", str(report), "--add", "-q"])
    assert checked.exit_code == 1, checked.output
    assert "error: no article could be read in" in checked.stderr and "added" not in checked.output
    assert json.loads(report.read_text("utf-8"))["skipped"] == [{"path": "a.txt", "reason": "binary file (contains NUL bytes): convert it to text first"}]
    info = runner.invoke(main, ["index", "info", "--index", str(db)])
    assert "articles:    3 (3 versions stored)" in info.output


def test_a_check_of_earlier_versions_beside_a_broken_file_read_them(runner, samples_dir, tmp_path):
    """Every readable article of the batch holds an earlier version of its id, and one file is broken: the articles
    were read (and left out of the check, as said), so the run did not fail for want of a readable file."""
    story = (samples_dir / "001_eabe8ba3545e1c71.txt").read_text("utf-8")
    first, second, again = tmp_path / "v1", tmp_path / "v2", tmp_path / "again"
    for folder, text in ((first, story), (second, story + "\nOne line more.\n"), (again, story)):
        folder.mkdir()
        (folder / "story.txt").write_text(text, "utf-8")
    (again / "broken.txt").write_bytes(b"\x00\x01binary")
    db = tmp_path / "i.db"
    for folder in (first, second):
        assert runner.invoke(main, ["index", "add", str(folder), "--index", str(db), "-q"]).exit_code == 0
    checked = runner.invoke(main, ["check", str(again), "--index", str(db), "--add"])
    assert checked.exit_code == 0, checked.output
    assert "no article could be read" not in checked.stderr
    assert "1 article (story.txt) holds the text of an earlier version of its id" in checked.stderr
    assert f"{db}: 0 added, 0 new versions, 0 unchanged, 1 as an earlier version (the current one kept), 1 skipped" in checked.stdout


def test_check_add_reads_the_folder_once(runner, split, tmp_path, spy):
    """The articles checked are the ones added: the folder is not read a second time for the add."""
    import reuse.index as index_module

    old, new = split
    db = tmp_path / "i.db"
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"]).exit_code == 0
    calls = spy(index_module, "load_articles")
    result = runner.invoke(main, ["check", str(new), "--index", str(db), "--add", "-q"])
    assert result.exit_code == 0, result.output
    assert [args[0] for args, _ in calls] == [new]
    assert "articles:    5 (5 versions stored)" in runner.invoke(main, ["index", "info", "--index", str(db)]).output


@pytest.mark.parametrize("command", [["index", "add"], ["check"]])
def test_an_id_prefix_with_a_control_character_is_refused_before_reading(runner, split, tmp_path, monkeypatch, command):
    import reuse.index as index_module

    old, new = split
    db = tmp_path / "i.db"
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"]).exit_code == 0

    def unread(*args, **kwargs):
        raise AssertionError("the folder was read")

    monkeypatch.setattr(index_module, "load_articles", unread)
    result = runner.invoke(main, [*command, str(new), "--index", str(db), "--id-prefix", "day\x01/"])
    assert result.exit_code == 2, result.output
    assert "--id-prefix 'day\\x01/' holds control characters" in result.stderr


def test_id_prefix_keeps_two_batches_laid_out_alike_apart(runner, samples_dir, tmp_path):
    """Two days' folders with the same file names: without a prefix the second day's file is a new version of the
    first day's (said on stderr when it is another story); with --id-prefix they are two articles, and the copy
    between them is found."""
    day_a, day_b = tmp_path / "a", tmp_path / "b"
    day_a.mkdir(), day_b.mkdir()
    shutil.copy(samples_dir / "001_eabe8ba3545e1c71.txt", day_a / "story.txt")
    (day_b / "story.txt").write_text((samples_dir / "001_eabe8ba3545e1c71.txt").read_text("utf-8") + "\nOne line more.\n", "utf-8")
    same = tmp_path / "same.db"
    assert runner.invoke(main, ["index", "add", str(day_a), "--index", str(same), "-q"]).exit_code == 0
    checked = runner.invoke(main, ["check", str(day_b), "--index", str(same), "--add"])
    assert "0 pairs sharing text" in checked.stdout and f"{same}: 0 added, 1 new version, 0 unchanged, 0 skipped" in checked.output
    day_c = tmp_path / "day-c"
    day_c.mkdir()
    (day_c / "story.txt").write_text((day_b / "story.txt").read_text("utf-8") + "A third line.\n", "utf-8")
    quiet = runner.invoke(main, ["check", str(day_c), "--index", str(same), "--add", "-q"])
    # -q silences stderr: what the add changed (a stored article replaced) is a result, still said on stdout
    assert quiet.exit_code == 0 and quiet.stdout.endswith(f"{same}: 0 added, 1 new version, 0 unchanged, 0 skipped\n"), quiet.output
    (day_c / "story.txt").write_text((day_b / "story.txt").read_text("utf-8") + "Another line.\n", "utf-8")
    piped = runner.invoke(main, ["check", str(day_c), "--index", str(same), "--add", "--json", "-"])
    assert json.loads(piped.stdout)["schema_version"] and "1 new version" in piped.stderr  # stdout is the report alone
    other = tmp_path / "c"
    other.mkdir()
    shutil.copy(samples_dir / "002_397cd1eb95de2d14.txt", other / "story.txt")  # another story under the same file name
    said = runner.invoke(main, ["check", str(other), "--index", str(same), "--add"])
    assert said.stderr.count("story.txt: the index holds another article under this id (the two texts share little") == 1
    apart = tmp_path / "apart.db"
    added = runner.invoke(main, ["index", "add", str(day_a), "--index", str(apart), "--id-prefix", "2025-07-24/", "-q"])
    assert added.stdout == f"{apart}: 1 added, 0 new versions, 0 unchanged, 0 skipped\n"
    report = tmp_path / "r.json"
    checked = runner.invoke(main, ["check", str(day_b), "--index", str(apart), "--id-prefix", "2025-07-25/", "--json", str(report), "-q"])
    assert checked.exit_code == 0, checked.output
    pairs = json.loads(report.read_text("utf-8"))["pairs"]
    assert [(p["a"], p["b"], p["kind"]) for p in pairs] == [("2025-07-25/story.txt", "2025-07-24/story.txt", "verbatim")]


_FOOTER = "\n".join([
    "Subscribe to our newsletter for the latest local news.",
    "Follow us on social media for breaking stories.",
    "Send your news tips to the newsroom by email today.",
    "Advertise with us and reach readers across the county.",
    "Copyright 2025 The Valley Courier. All rights reserved.",
    "Terms of use, privacy policy and cookie settings apply.",
])


def test_a_standard_footer_does_not_make_another_story_an_update(runner, tmp_path):
    """Two short stories under one id share little but the outlet's footer, which the index has seen in three
    articles: the second is another story, and saying so must not rest on the footer's words."""
    day_a, day_b = tmp_path / "a", tmp_path / "b"
    day_a.mkdir(), day_b.mkdir()
    stories = [
        "The county council approved a new budget for road repairs on Tuesday evening after a long debate.",
        "A fire destroyed an old barn near the river, and firefighters worked through the night to contain it.",
        "Students at the high school won the regional science fair with a project on clean water filters.",
    ]
    for n, story in enumerate(stories):
        (day_a / f"story{n}.txt").write_text(f"{story}\n{_FOOTER}\n", "utf-8")
    (day_b / "story0.txt").write_text(
        f"Heavy snow closed the mountain pass for two days, stranding trucks and delaying the mail.\n{_FOOTER}\n", "utf-8")
    db = tmp_path / "i.db"
    assert runner.invoke(main, ["index", "add", str(day_a), "--index", str(db), "-q"]).exit_code == 0
    again = runner.invoke(main, ["index", "add", str(day_b), "--index", str(db)])
    assert again.exit_code == 0, again.output
    assert "story0.txt: the index holds another article under this id (the two texts share little" in again.stderr
    (day_b / "story0.txt").write_text(
        f"Heavy snow closed the mountain pass for two days, stranding trucks and delaying the mail. It reopened on Friday.\n{_FOOTER}\n",
        "utf-8")  # a real update of it
    updated = runner.invoke(main, ["index", "add", str(day_b), "--index", str(db)])
    assert "share little" not in updated.stderr and "1 new version" in updated.stdout


def test_a_first_add_stopped_midway_leaves_no_index(runner, split, tmp_path, monkeypatch):
    """Ctrl-C during the first add of a new index: no index is left whose settings are fixed; the file holds none,
    says so, and an add with other settings makes the index."""
    import reuse.index.writer as writer

    old, _ = split
    db = tmp_path / "new.db"

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(writer, "read_rows", stopped)
        interrupted = runner.invoke(main, ["index", "add", str(old), "--index", str(db)])
    assert interrupted.exit_code == 130, interrupted.output
    info = runner.invoke(main, ["index", "info", "--index", str(db)])
    assert info.exit_code == 2 and f"{db} holds no index yet: create one with 'reuse index add FOLDER --index {db}'" in info.stderr
    made = runner.invoke(main, ["index", "add", str(old), "--index", str(db), "--window", "12", "--stride", "6", "-q"])
    assert made.exit_code == 0 and made.stdout == f"{db}: 3 added, 0 new versions, 0 unchanged, 0 skipped\n", made.output


def test_a_foreign_database_is_refused_untouched(runner, split, tmp_path):
    import sqlite3

    old, _ = split
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("PRAGMA auto_vacuum = FULL")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    refused = runner.invoke(main, ["index", "add", str(old), "--index", str(foreign)])
    assert refused.exit_code == 1 and f"{foreign} is not a reuse index" in refused.stderr
    assert foreign.read_bytes() == before


def test_commands_on_an_index_take_its_settings_unless_given(runner, split, tmp_path):
    """An index built with --window 12 --stride 6: checking or adding without them had been refused ("built with
    other settings ... rebuild it"); a setting given that differs still is, with the fix."""
    old, new = split
    db = tmp_path / "w.db"
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "--window", "12", "--stride", "6", "-q"]).exit_code == 0
    checked = runner.invoke(main, ["check", str(new), "--index", str(db), "--json", "-", "-q"])
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.stdout)
    assert (report["config"]["sketch"]["window"], report["config"]["sketch"]["stride"]) == (12, 6)
    assert [(p["a"], p["b"]) for p in report["pairs"]] == [("004_3f800d59416d0f3b.txt", "001_eabe8ba3545e1c71.txt")]
    added = runner.invoke(main, ["index", "add", str(new), "--index", str(db), "-q"])
    assert added.exit_code == 0 and added.stdout == f"{db}: 2 added, 0 new versions, 0 unchanged, 0 skipped\n", added.output
    refused = runner.invoke(main, ["check", str(new), "--index", str(db), "--window", "24"])
    assert refused.exit_code == 1 and "--window 12 (not 24)" in refused.stderr
    narrow = tmp_path / "n.db"
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(narrow), "--num-perm", "64", "--bands", "16", "-q"]).exit_code == 0
    unfit = runner.invoke(main, ["check", str(new), "--index", str(narrow), "--bands", "32"])
    assert unfit.exit_code == 2 and "bands x rows = 32 x 4 must equal num_perm = 64" in unfit.stderr
    assert "(those not given are the index's own: --num-perm 64, --seed 1, --rows 4," in " ".join(unfit.stderr.split())
    help_text = " ".join(runner.invoke(main, ["check", "--help"]).output.split())
    assert "[default: 20000000; x>=1]" in help_text and "each file (with a warning). With an index" not in help_text


def test_an_empty_database_another_program_marked_is_not_made_an_index(runner, split, tmp_path):
    import sqlite3

    old, _ = split
    marked = tmp_path / "other.db"
    conn = sqlite3.connect(marked)
    conn.execute("PRAGMA application_id = 1234")
    conn.close()
    before = marked.read_bytes()
    refused = runner.invoke(main, ["index", "add", str(old), "--index", str(marked)])
    assert refused.exit_code == 1 and f"{marked} is not a reuse index" in refused.stderr
    assert marked.read_bytes() == before


@pytest.mark.parametrize("command", [["index", "add", "NEW"], ["check", "NEW", "--add"], ["index", "remove", "000_8e3492a7910b80bc.txt"]])
def test_ctrl_c_once_the_change_is_committed_says_it_was_made(runner, split, tmp_path, monkeypatch, command):
    """Ctrl-C while the file shrank after the commit said "the index is as it was before", though it held the batch: a
    cron job that trusts it runs the batch again (found by a review)."""
    import sqlite3

    import reuse.index.writer as writer

    old, new = split
    db = tmp_path / "news.db"
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"]).exit_code == 0
    before = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
    args = [str(old) if arg == "OLD" else str(new) if arg == "NEW" else arg for arg in command]

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(writer, "release_free_pages", stopped)
        interrupted = runner.invoke(main, [*args, "--index", str(db)])
    assert interrupted.exit_code == 130, interrupted.output
    after = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert after != before  # the change was made
    said = " ".join(interrupted.stderr.split())
    assert "as it was before" not in said and f"the index {db} holds the change" in said, said


def test_ctrl_c_that_lands_in_the_commit_is_told_from_one_before_it(tmp_path):
    """SQLite commits in one C call; Ctrl-C meanwhile is raised once it returns, with the change made."""
    import sqlite3

    from reuse.errors import CommittedInterrupt
    from reuse.index.writer import write_transaction

    class Interrupted(sqlite3.Connection):
        def execute(self, sql, *args):
            cursor = super().execute(sql, *args)
            if sql == "COMMIT":
                raise KeyboardInterrupt
            return cursor

    conn = sqlite3.connect(tmp_path / "t.db", factory=Interrupted, isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    with pytest.raises(CommittedInterrupt):
        with write_transaction(conn, tmp_path / "t.db"):
            conn.execute("INSERT INTO t VALUES (1)")
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (1,)
    with pytest.raises(KeyboardInterrupt) as raised:
        with write_transaction(conn, tmp_path / "t.db"):
            conn.execute("INSERT INTO t VALUES (2)")
            raise KeyboardInterrupt
    assert not isinstance(raised.value, CommittedInterrupt) and conn.execute("SELECT count(*) FROM t").fetchone() == (1,)


@pytest.mark.parametrize(("command", "example"), [(["check"], "reuse check today/ --index"), (["index", "add"], "reuse index add archive/ --index")])
def test_a_missing_batch_folder_gives_the_commands_own_example(runner, tmp_path, command, example):
    """'reuse check nosuch' said "e.g. reuse scan samples/" (found by a review)."""
    result = runner.invoke(main, [*command, str(tmp_path / "nosuch"), "--index", str(tmp_path / "i.db")])
    said = " ".join(result.stderr.split())
    assert result.exit_code == 2 and "does not exist" in said and example in said and "reuse scan" not in said, said


@pytest.mark.parametrize("where", ["closing-the-index", "closing-the-bar"])
def test_ctrl_c_while_closing_after_the_commit_says_the_change_was_made(runner, split, tmp_path, monkeypatch, where):
    """The last close of the index checkpoints its write-ahead log (seconds for a large batch), and the progress bar closes
    after the add returned: Ctrl-C in either still said "as it was before" (found by a review)."""
    import sqlite3

    import reuse.cli_run as cli_run
    import reuse.index.writer as writer

    old, new = split
    db = tmp_path / "news.db"
    if where == "closing-the-index":
        real = writer.connect

        class Closing:
            def __init__(self, conn):
                self.__dict__["_conn"] = conn

            def __getattr__(self, name):
                return getattr(self._conn, name)

            def close(self):
                self._conn.close()
                raise KeyboardInterrupt

        monkeypatch.setattr(writer, "connect", lambda *args, **kwargs: Closing(real(*args, **kwargs)))
    else:
        real_close = cli_run.Progress.close
        state = {"armed": False}

        def stored() -> int:
            try:
                return sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.Error:  # not made yet
                return 0

        def close(self):
            real_close(self)
            if state["armed"] and db.exists() and stored():
                raise KeyboardInterrupt

        monkeypatch.setattr(cli_run.Progress, "close", close)
        state["armed"] = True
    interrupted = runner.invoke(main, ["index", "add", str(old), "--index", str(db)])
    assert interrupted.exit_code == 130, interrupted.output
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    said = " ".join(interrupted.stderr.split())
    assert "as it was before" not in said and f"the index {db} holds the change" in said, said


@pytest.mark.parametrize("command", [["index", "add", "NEW"], ["index", "remove", "000_8e3492a7910b80bc.txt"]])
def test_ctrl_c_just_after_the_library_returns_says_the_change_was_made(runner, split, tmp_path, monkeypatch, command):
    """A Ctrl-C landing between the library's return and the command's next line (building its result, entering the
    next block) said "as it was before" with the batch in (found by a second review)."""
    import reuse.index as index_api
    import reuse.index.writer as writer

    old, new = split
    db = tmp_path / "news.db"
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"]).exit_code == 0
    name = "add_folder" if command[1] == "add" else "remove_articles"
    module = index_api if name == "add_folder" else writer
    real = getattr(module, name)

    def then_stopped(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(module, name, then_stopped)
    if name == "remove_articles":
        monkeypatch.setattr(index_api, name, then_stopped)
    args = [str(new) if arg == "NEW" else arg for arg in command]
    interrupted = runner.invoke(main, [*args, "--index", str(db)])
    said = " ".join(interrupted.stderr.split())
    assert interrupted.exit_code == 130 and f"the index {db} holds the change" in said, said


@pytest.mark.parametrize("json_out", ["file", "-"])
def test_check_add_checks_again_against_what_another_run_added_meanwhile(runner, another_run_adds_meanwhile, tmp_path, json_out):
    """Another run adds 001 between this check of 003-004 and its add: neither compared 001 with 004, and no later check
    reports a pair of two stored articles, so the pair was lost for good without a word (found by a review)."""
    new, db = another_run_adds_meanwhile
    (new / "broken.txt").write_bytes(b"%PDF-1.7 not an article")
    report = tmp_path / "report.json"
    out = runner.invoke(main, ["check", str(new), "--index", str(db), "--add", "--json", str(report) if json_out == "file" else "-"])
    assert out.exit_code == 0, out.output
    assert "another run added 1 article" in out.stderr and "001_eabe8ba3545e1c71.txt" in out.stderr
    assert "checked again against them: 1 more pair" in out.stderr
    # With --json -, the report went out before the second check: said, so that its lack of the pair surprises no one.
    lacks = "the JSON report on standard output, written before, lacks them: they follow here"
    assert (lacks in " ".join(out.stderr.split())) == (json_out == "-")
    shown = out.stdout if json_out == "file" else out.stderr
    assert "A: 004_3f800d59416d0f3b.txt" in shown and "B: 001_eabe8ba3545e1c71.txt" in shown
    # The batch checked again is the whole batch: "1 new article" counted only those paired (found by a review).
    again = shown[shown.index("Checked again against"):]
    assert "reuse check: 2 new articles, 1 pair sharing text" in again
    if json_out == "file":
        data = json.loads(report.read_text("utf-8"))
        assert [(p["a"], p["b"]) for p in data["pairs"]] == [("004_3f800d59416d0f3b.txt", "001_eabe8ba3545e1c71.txt")]
        # The first check's skipped files and warnings, not "in the index already": this run added them (a review).
        assert [s["path"] for s in data["skipped"]] == ["broken.txt"]
        assert not any("in the index already" in w for w in data["warnings"])
    info = runner.invoke(main, ["index", "info", "--index", str(db)])
    assert "articles:    5 (5 versions stored)" in info.output


def test_the_librarys_check_with_add_checks_again_against_what_another_run_added_meanwhile(another_run_adds_meanwhile):
    """reuse.index.check(add=True) added without asking what changed since its check: the pair of 004 with the 001
    another run added meanwhile was lost, as the command's had been (found by a review of the code)."""
    import reuse.index

    new, db = another_run_adds_meanwhile
    result = reuse.index.check(new, db, add=True)
    assert [(p.a, p.b) for p in result.pairs] == [("004_3f800d59416d0f3b.txt", "001_eabe8ba3545e1c71.txt")]
    assert not any("in the index already" in w for w in result.warnings)


def test_check_add_says_nothing_more_when_no_other_run_wrote(runner, split, tmp_path):
    old, new = split
    db = tmp_path / "news.db"
    runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    out = runner.invoke(main, ["check", str(new), "--index", str(db), "--add"])
    assert out.exit_code == 0 and "another run" not in out.output


def test_a_setting_other_than_the_indexs_names_the_indexs_own(runner, split, tmp_path):
    """--num-perm 64 on an index built with 128 said only "bands x rows must equal num_perm": following that, the user
    met a second refusal (found by a review). The message names the index's own value and the way out."""
    old, _ = split
    db = tmp_path / "news.db"
    runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    out = runner.invoke(main, ["index", "add", str(old), "--index", str(db), "--num-perm", "64"])
    assert out.exit_code == 2
    assert "The index was built with --num-perm 128: leave out --num-perm 64 to use it" in out.output


def test_list_ids_versions_and_metadata(runner, split, tmp_path):
    """`index list` names what an add stored: ids in order, the current version, metadata; patterns keep some."""
    old, new = split
    db = tmp_path / "news.db"
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"]).exit_code == 0
    assert runner.invoke(main, ["index", "add", str(new), "--index", str(db), "-q", "--id-prefix", "day2/"]).exit_code == 0
    changed = old / "002_397cd1eb95de2d14.txt"
    changed.write_text(changed.read_text("utf-8") + "\nA correction was added.\n", "utf-8")
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"]).exit_code == 0

    listed = runner.invoke(main, ["index", "list", "--index", str(db)])
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.splitlines() == [
        "000_8e3492a7910b80bc.txt", "001_eabe8ba3545e1c71.txt", "002_397cd1eb95de2d14.txt",
        "day2/003_0381986bfe1f445e.txt", "day2/004_3f800d59416d0f3b.txt",
    ]
    long = runner.invoke(main, ["index", "list", "00[12]*", "--index", str(db), "--long"])
    rows = [line.split("\t") for line in long.stdout.splitlines()]
    assert [(r[0], r[1]) for r in rows] == [("001_eabe8ba3545e1c71.txt", "v1"), ("002_397cd1eb95de2d14.txt", "v2")]
    assert rows[0][4] == "Kremlin says Trump criticism won’t hit US-Russia prisoner swap plans"

    records = [json.loads(line) for line in runner.invoke(main, ["index", "list", "day2/*", "--index", str(db), "--jsonl"]).stdout.splitlines()]
    assert [(r["id"], r["version"], r["versions"], r["outlet"]) for r in records] == [
        ("day2/003_0381986bfe1f445e.txt", 1, 1, "003_0381986bfe1f445e"), ("day2/004_3f800d59416d0f3b.txt", 1, 1, "004_3f800d59416d0f3b"),
    ]
    removed = runner.invoke(main, ["index", "remove", "day2/003_0381986bfe1f445e.txt", "--index", str(db), "-q"])
    assert removed.exit_code == 0
    after = runner.invoke(main, ["index", "list", "day2/*", "--index", str(db)])
    assert after.stdout == "day2/004_3f800d59416d0f3b.txt\n"
    none = runner.invoke(main, ["index", "list", "zz*", "--index", str(db)])
    assert none.exit_code == 0 and none.stdout == "" and "no article of" in none.stderr and "'zz*'" in none.stderr
    both = runner.invoke(main, ["index", "list", "--index", str(db), "--long", "--jsonl"])
    assert both.exit_code == 2 and "give one" in both.stderr


def test_list_names_an_article_whose_metadata_is_damaged(runner, split, tmp_path):
    import sqlite3

    old, _ = split
    db = tmp_path / "news.db"
    assert runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"]).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET body = x'789c0300000001' WHERE id = '001_eabe8ba3545e1c71.txt'")  # an empty stream
    conn.close()
    listed = runner.invoke(main, ["index", "list", "--index", str(db)])
    assert listed.exit_code == 1
    assert "001_eabe8ba3545e1c71.txt" in listed.stderr and "no metadata line" in listed.stderr
    assert "Traceback" not in listed.output
