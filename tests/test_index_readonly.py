"""An index this user cannot write (read-only media, another user's file or folder): read, never written.

SQLite made ``PATH-wal`` and ``PATH-shm`` beside the index even to read it,
so a check failed in a folder the user could not write. The folder (or the
file) is made unwritable for real: ``chattr +i`` for root, whom permissions
do not stop (``os.access`` and SQLite both meet the flag), ``chmod`` for
anyone else; where neither works the tests skip, and the last ones pretend
instead, through the module's own test of writability.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from reuse.cli import main
from reuse.errors import IndexFileError
from reuse.index import add_articles, check_articles, ensure_writable, index_info, list_articles, load_batch
from reuse.index.access import log_of, read_only_uri
from reuse.index.failures import damaged

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
LOCK_FREE = "was read without locks"


@contextmanager
def unwritable(path: Path):
    """``path``, a folder or a file, that this user cannot write, for real (``chattr +i`` for root)."""
    if IS_ROOT:
        if shutil.which("chattr") is None:
            pytest.skip("root writes whatever the mode, and chattr is missing")
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if made.returncode:
            pytest.skip(f"root writes whatever the mode, and chattr +i fails here: {made.stderr.strip()}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)


def _indexed(runner: CliRunner, old: Path, folder: Path, name: str = "news.db") -> Path:
    folder.mkdir()
    db = folder / name
    added = runner.invoke(main, ["index", "add", str(old), "--index", str(db), "-q"])
    assert added.exit_code == 0, added.output
    assert os.listdir(folder) == [name]  # the last close folded the log in and removed it
    return db


def test_check_info_and_list_read_an_index_in_a_folder_they_cannot_write(runner, split, tmp_path):
    """They failed: "attempt to write a readonly database", as SQLite could not make news.db-wal and news.db-shm."""
    old, new = split
    folder = tmp_path / "shared"
    db = _indexed(runner, old, folder)
    writable = runner.invoke(main, ["check", str(new), "--index", str(db), "--json", "-", "-q"])
    assert writable.exit_code == 0, writable.output
    with unwritable(folder):
        checked = runner.invoke(main, ["check", str(new), "--index", str(db), "--json", "-"])
        info = runner.invoke(main, ["index", "info", "--index", str(db)])
        listed = runner.invoke(main, ["index", "list", "--index", str(db)])
        listing = list_articles(db)
        listed_ids = [a.id for a in listing.articles]
        summary = runner.invoke(main, ["check", str(new), "--index", str(db)])
        assert os.listdir(folder) == ["news.db"]
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.stdout)["pairs"] == json.loads(writable.stdout)["pairs"] != []
    assert f"the index {db} was read without locks (you cannot write its folder {folder}): if an add or remove ran at the same time, run this again" in checked.stderr
    assert checked.stderr.count(LOCK_FREE) == 1
    assert info.exit_code == 0 and "articles:    3 (3 versions stored)" in info.stdout
    assert info.stderr.count(LOCK_FREE) == 1
    assert listed.exit_code == 0 and listed.stdout.split() == sorted(f.name for f in old.iterdir())
    assert listed.stderr.count(LOCK_FREE) == 1
    assert len(listed_ids) == 3 and listing.warnings == (listed.stderr.removeprefix("warning: ").rstrip(),)
    assert summary.exit_code == 0 and "1 pair with an indexed article (1 indexed article matched)" in summary.stdout


def test_writes_to_an_index_in_a_folder_they_cannot_write_are_refused_first(runner, split, tmp_path):
    """An add, a remove and a check --add need the index writable: refused before any work, the index as it was."""
    old, new = split
    folder = tmp_path / "shared"
    db = _indexed(runner, old, folder)
    before = db.read_bytes()
    with unwritable(folder):
        runs = [
            runner.invoke(main, ["index", "add", str(new), "--index", str(db)]),
            runner.invoke(main, ["index", "remove", "001_eabe8ba3545e1c71.txt", "--index", str(db)]),
            runner.invoke(main, ["check", str(new), "--index", str(db), "--add"]),
        ]
        with pytest.raises(IndexFileError, match="you cannot write its folder") as refused:
            ensure_writable(db)  # what they call first, for a caller of the library to call before its own work
        assert os.listdir(folder) == ["news.db"]
    assert str(refused.value) == runs[0].stderr.removeprefix("error: ").rstrip()
    for run in runs:
        assert run.exit_code == 1 and run.stdout == ""  # the check --add wrote no report either
        assert run.stderr.startswith(f"error: Cannot write to the index {db} (you cannot write its folder {folder}): this run changed nothing.")
        assert "must be writable by you. A check without --add, 'reuse index info' and 'reuse index list' only read it." in run.stderr
    assert db.read_bytes() == before


def test_a_new_index_in_a_folder_it_cannot_write_is_refused_before_the_folder_is_read(runner, split, tmp_path, monkeypatch):
    """It read the whole folder, then failed with "unable to open database file ... check the disk's space and permissions"."""
    old, _ = split
    folder = tmp_path / "shared"
    folder.mkdir()
    db = folder / "news.db"

    def read(*args, **kwargs):
        raise AssertionError("the folder was read")

    monkeypatch.setattr("reuse.index.load_articles", read)
    with unwritable(folder):
        added = runner.invoke(main, ["index", "add", str(old), "--index", str(db)])
        with pytest.raises(IndexFileError, match="you cannot write its folder"):
            add_articles(db, [])
        assert os.listdir(folder) == []
    assert added.exit_code == 1 and added.stdout == ""
    assert added.stderr == (
        f"error: Cannot create the index {db}: you cannot write its folder {folder}. Give an --index path in a folder you can write; "
        "this run changed nothing.\n"
    )


def test_an_index_file_it_cannot_write_is_read_without_making_files_beside_it(runner, split, tmp_path):
    """In a folder this user can write, opening another user's index made news.db-wal and news.db-shm of this user's,
    which the owner's next add could not write ("attempt to write a readonly database")."""
    old, new = split
    folder = tmp_path / "shared"
    db = _indexed(runner, old, folder)
    with unwritable(db):
        checked = runner.invoke(main, ["check", str(new), "--index", str(db), "--json", "-"])
        assert os.listdir(folder) == ["news.db"]
        added = runner.invoke(main, ["index", "add", str(new), "--index", str(db)])
        assert os.listdir(folder) == ["news.db"]
    assert checked.exit_code == 0 and len(json.loads(checked.stdout)["pairs"]) == 1
    # Root's file is made immutable, keeping its write permission: its owner could lift the flag and write. Anyone
    # else's loses its write permission: no one can write it, and the read without locks is no risk (not warned of).
    assert (f"(you cannot write {db}):" in checked.stderr) == IS_ROOT
    assert added.exit_code == 1 and f"Cannot write to the index {db} (you cannot write {db})" in added.stderr


def test_an_index_it_cannot_write_is_read_through_its_log_when_it_has_one(runner, split, tmp_path):
    """Beside a log (a run has the index open) the index is read with locks, the log included: no warning, nothing missed."""
    old, new = split
    folder = tmp_path / "shared"
    db = _indexed(runner, old, folder)
    holder = sqlite3.connect(db)  # another run, reading: the add's last close cannot fold the log in
    try:
        assert holder.execute("SELECT count(*) FROM articles").fetchone() == (3,)
        add_articles(db, load_batch(new).articles)
        assert sorted(os.listdir(folder)) == ["news.db", "news.db-shm", "news.db-wal"]
        alone = [sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1], uri=True).execute('SELECT count(*) FROM articles').fetchone()[0])"]
        assert subprocess.run([*alone, read_only_uri(db, log=False)], capture_output=True, text=True, check=True).stdout == "3\n"  # the file alone
        with unwritable(folder):
            info = index_info(db)
            result = check_articles(db, load_batch(new).articles)
    finally:
        holder.close()
    assert (info.articles, info.warnings) == (5, ())
    assert not any(LOCK_FREE in w for w in result.warnings)
    assert any("in the index already, unchanged" in w for w in result.warnings)  # the two added were read, from the log


def _left_log(db: Path) -> None:
    """A run that wrote to the index at ``db`` and stopped before closing it: its commit in ``db``-wal only, whose
    shared memory ``db``-shm is then removed (as a reboot clears it where it is kept in memory)."""
    stop = (
        "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('PRAGMA wal_autocheckpoint = 0'); "
        "c.execute(\"INSERT INTO meta (key, value) VALUES ('left', 'by a run')\"); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", stop, str(db)], check=True)
    log_of(db, "-shm").unlink()
    assert log_of(db).stat().st_size > 32  # a header and frames: the commit


def _info_beside_a_left_log(runner: CliRunner, split, tmp_path: Path, locked: str):
    """``(db, result)`` of ``reuse index info`` on an index a run left a log of (:func:`_left_log`), its ``locked``
    ("folder" or "file") unwritable to this user; the run must fail and make no file beside the log."""
    db = _indexed(runner, split[0], tmp_path / "shared")
    _left_log(db)
    with unwritable(db.parent if locked == "folder" else db):
        info = runner.invoke(main, ["index", "info", "--index", str(db)])
        assert sorted(os.listdir(db.parent)) == ["news.db", "news.db-wal"]
    assert info.exit_code == 1
    return db, info


def test_a_log_it_cannot_open_is_an_error_that_says_what_to_do(runner, split, tmp_path):
    """A log without its shared memory, in a folder this user cannot write: SQLite cannot read through it, nor may the file be read alone."""
    db, info = _info_beside_a_left_log(runner, split, tmp_path, locked="folder")
    assert info.stderr.startswith(f"error: Cannot read the index {db} (unable to open database file): this run changed nothing.")
    assert f"{db}-wal beside it (a run has the index open, or one stopped before closing it)" in info.stderr
    assert f"a run of a user who can write the index folds them in: 'reuse index info --index {db}'." in info.stderr


def test_a_log_without_its_shared_memory_is_not_read_through_in_a_folder_it_can_write(runner, split, tmp_path):
    """mode=ro made news.db-shm, this user's, beside another user's index and log: the owner's next add failed ("you
    cannot write news.db-shm") and, in a sticky folder such as /tmp, could not remove it."""
    db, info = _info_beside_a_left_log(runner, split, tmp_path, locked="file")
    folder = db.parent
    assert info.stderr.startswith(f"error: Cannot read the index {db} ({db}-shm is missing, and reading through the log would make it: ")
    assert f"a run of a user who can write the index folds them in: 'reuse index info --index {db}'." in info.stderr
    folded = runner.invoke(main, ["index", "info", "--index", str(db)])  # by its owner
    assert folded.exit_code == 0 and os.listdir(folder) == ["news.db"]


@pytest.mark.parametrize("end", ["-wal", "-shm"])
def test_a_log_file_of_another_user_that_blocks_a_write_names_the_user_and_what_to_do(runner, split, tmp_path, end):
    """The refusal said only "you cannot write news.db-shm": who can clear it, and how (a log may hold commits: folded in, not removed)."""
    if not IS_ROOT:
        pytest.skip("only root can give a file to another user")
    old, new = split
    folder = tmp_path / "shared"
    db = _indexed(runner, old, folder)
    _left_log(db)
    left = log_of(db, end)
    left.touch()
    os.chown(left, 65534, 65534)
    with unwritable(left):
        added = runner.invoke(main, ["index", "add", str(new), "--index", str(db)])
    assert added.exit_code == 1 and f"(you cannot write {left}): this run changed nothing." in added.stderr
    import pwd  # POSIX only, as root is

    user = pwd.getpwuid(65534).pw_name
    if end == "-wal":
        assert added.stderr.rstrip().endswith(
            f"{left} belongs to the user {user}: that user (or root) must run 'reuse index info --index {db}', which folds it into the index and removes it."
        )
    else:
        assert added.stderr.rstrip().endswith(
            f"{left} belongs to the user {user}: that user (or root) must remove it, when no run has the index open (SQLite makes it anew)."
        )


def test_an_empty_log_is_no_log(runner, split, tmp_path):
    """An empty news.db-wal (a run just opening the index) holds no change: the file is read alone, not refused as a log
    SQLite cannot read ("Cannot read the index"), nor read through a news.db-shm made beside it."""
    old, _ = split
    folder = tmp_path / "shared"
    db = _indexed(runner, old, folder)
    log_of(db).touch()
    with unwritable(folder):
        info = runner.invoke(main, ["index", "info", "--index", str(db)])
    assert info.exit_code == 0, info.output
    assert "articles:    3 (3 versions stored)" in info.stdout and info.stderr.count(LOCK_FREE) == 1
    with unwritable(db):  # a folder it can write: nothing made in it either
        listed = runner.invoke(main, ["index", "list", "--index", str(db)])
        assert sorted(os.listdir(folder)) == ["news.db", "news.db-wal"]
    assert listed.exit_code == 0 and len(listed.stdout.split()) == 3 and listed.stderr.count(LOCK_FREE) == 1


def test_an_index_whose_path_a_uri_would_misread_is_read(runner, split, tmp_path):
    """The read-only URI percent-encodes the path: a space, '?', '#' or '%' would end or change it."""
    old, _ = split
    folder = tmp_path / "a b?c#d%41"
    db = _indexed(runner, old, folder, "news #1?.db")
    with unwritable(folder):
        info = runner.invoke(main, ["index", "info", "--index", str(db)])
    assert info.exit_code == 0, info.output
    assert "articles:    3 (3 versions stored)" in info.stdout and info.stderr.count(LOCK_FREE) == 1


def test_an_index_pretended_unwritable_is_opened_immutable(split, tmp_path, monkeypatch):
    """Without root's chattr or another user: the module's test of writability says no, and SQLite really opens the
    file read-only and without locks (a connection of its own would have made news.db-wal and news.db-shm)."""
    old, new = split
    db = tmp_path / "news.db"
    add_articles(db, load_batch(old).articles)
    assert os.listdir(tmp_path).count("news.db-wal") == 0
    monkeypatch.setattr("reuse.index.store.unwritable", lambda path, **_: "the pretended folder")
    result = check_articles(db, load_batch(new).articles)
    assert [(p.a, p.b) for p in result.pairs] == [("004_3f800d59416d0f3b.txt", "001_eabe8ba3545e1c71.txt")]
    assert [w for w in result.warnings if LOCK_FREE in w] == [
        f"the index {db} was read without locks (you cannot write the pretended folder): if an add or remove ran at the same time, run this again"
    ]
    assert not (tmp_path / "news.db-wal").exists() and not (tmp_path / "news.db-shm").exists()


def test_an_index_no_one_can_write_is_read_without_a_warning(runner, split, tmp_path, monkeypatch):
    """Read-only media, or a file without write permission for anyone: no add or remove can run meanwhile, and the
    warning of a read without locks was noise."""
    old, new = split
    folder = tmp_path / "shared"
    db = _indexed(runner, old, folder)
    db.chmod(0o444)
    with unwritable(db):
        checked = runner.invoke(main, ["check", str(new), "--index", str(db), "--json", "-"])
    assert checked.exit_code == 0 and len(json.loads(checked.stdout)["pairs"]) == 1
    assert LOCK_FREE not in checked.stderr
    db.chmod(0o644)
    read_only_media = type("statvfs", (), {"f_flag": os.ST_RDONLY})()
    monkeypatch.setattr("reuse.index.access.os.statvfs", lambda path: read_only_media)
    with unwritable(folder):
        info = index_info(db)
    assert (info.articles, info.warnings) == (3, ())


def _tampered(db: Path, conn: sqlite3.Connection | None = None, count: str = "many") -> None:
    """The index at ``db`` with a ``count`` that is no number: damaged (through ``conn``, left open, when given)."""
    writer = conn or sqlite3.connect(db)
    writer.execute("UPDATE meta SET value = ? WHERE key = 'postings'", (count,))
    writer.commit()
    if conn is None:
        writer.close()


def test_damage_met_in_an_index_read_without_locks_says_to_run_again_first(runner, split, tmp_path):
    """Read without locks while another run wrote, the index can look damaged: rebuilding was the only advice. Read with
    locks (through its log), it is damaged, whoever may write it: it said to run again all the same."""
    old, _ = split
    folder = tmp_path / "shared"
    db = _indexed(runner, old, folder)
    _tampered(db)
    again = f"It may have been read without locks (you cannot write its folder {folder}): if another run was writing to it meanwhile, run this again first."
    with unwritable(folder):
        unlocked = runner.invoke(main, ["index", "info", "--index", str(db)])
    assert unlocked.exit_code == 1 and f"error: The index {db} cannot be read (its counts and settings cannot be read: " in unlocked.stderr
    assert again in unlocked.stderr
    assert unlocked.stderr.rstrip().endswith("Rebuild it with 'reuse index add FOLDER --index NEW_PATH'.")
    holder = sqlite3.connect(db)  # a run with the index open: read through its log, with locks
    try:
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        _tampered(db, holder, "lots")  # another value: SQLite writes no page for the same
        assert log_of(db).stat().st_size > 32
        with unwritable(folder):
            locked = runner.invoke(main, ["index", "info", "--index", str(db)])
    finally:
        holder.close()
    assert locked.exit_code == 1 and f"error: The index {db} cannot be read (" in locked.stderr
    assert "without locks" not in locked.stderr
    assert "run this again first" not in str(damaged(db, "a page"))
    assert again in str(damaged(db, "a page", f"its folder {folder}"))
