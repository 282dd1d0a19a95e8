"""An index survives an ``add`` killed at any moment, and checks run while an add writes."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from reuse.errors import IndexPathError
from reuse.index import add_folder, check_articles, index_info
from reuse.load import load_articles

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from corpus_gen import generate_corpus  # noqa: E402
from test_index import postings_by_id  # noqa: E402

BATCH = 50


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("kill-corpus")
    generate_corpus(3 * BATCH, 5, root / "gen")
    files = sorted((root / "gen" / "articles").iterdir())
    folders = []
    for k in range(3):
        folder = root / f"batch{k}"
        folder.mkdir()
        for f in files[k * BATCH : (k + 1) * BATCH]:
            shutil.copy(f, folder / f.name)
        folders.append(folder)
    return folders


def _add_process(folder: Path, db: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    return subprocess.Popen(
        [sys.executable, "-m", "reuse", "index", "add", str(folder), "--index", str(db), "-q"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _state(db: Path) -> dict:
    """Everything an index holds, by article id (rowids may differ between two builds)."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {
            "articles": con.execute("SELECT id, version, current, digest FROM articles ORDER BY 1, 2").fetchall(),
            "postings": postings_by_id(con),
            **{t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in ("stems", "lines", "meta")},
        }
    finally:
        con.close()


def test_add_killed_at_random_moments_leaves_before_or_after(batches, tmp_path):
    rng = random.Random(20261129)
    db, reference = tmp_path / "killed.db", tmp_path / "reference.db"
    add_folder(batches[0], db)
    states = [_state(db)]  # the expected state after each complete batch
    add_folder(batches[0], reference)
    for folder in batches[1:]:
        add_folder(folder, reference)
        states.append(_state(reference))
    done, kills, attempts = 1, 0, 0
    while done < len(batches) and attempts < 6:
        attempts += 1
        proc = _add_process(batches[done], db)
        time.sleep(rng.uniform(0.2, 1.8))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        state = _state(db)
        assert state in (states[done - 1], states[done]), "a killed add left the index half-written"
        if state == states[done]:
            done += 1
    assert kills >= 2, "no add was killed: the delays missed the writes"
    while done < len(batches):  # finish what the kills left undone
        add_folder(batches[done], db)
        done += 1
    assert _state(db) == states[-1]


def test_check_runs_while_an_add_writes(batches, tmp_path):
    db = tmp_path / "busy.db"
    add_folder(batches[0], db)
    probe = [replace(a, id="probe-" + a.id) for a in load_articles(batches[2]).articles[:15]]
    before = check_articles(db, probe).pairs
    proc = _add_process(batches[2], db)
    results = []
    while proc.poll() is None:
        results.append(check_articles(db, probe).pairs)
    assert proc.wait() == 0
    after = check_articles(db, probe).pairs
    assert before != after  # the probes copy the articles being added
    assert results and all(r in (before, after) for r in results)


_KILLED_AT = """
import os, signal, sys
import reuse.index.writer as writer

def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

setattr(writer if sys.argv[3] == "_add" else writer._Postings, sys.argv[3], killed)
from reuse.index import add_folder
add_folder(sys.argv[1], sys.argv[2])
"""


@pytest.mark.parametrize("where", ["_add", "write"], ids=["before-any-article", "before-the-postings"])
def test_a_first_add_killed_leaves_no_index(batches, tmp_path, where):
    """A new index is laid out in the first batch's transaction: killed before it commits (right after the layout,
    or with the articles inserted and the postings not yet written), the file holds no tables and fixes no settings,
    and the next add makes the index whole."""
    db = tmp_path / "first.db"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    proc = subprocess.run([sys.executable, "-c", _KILLED_AT, str(batches[0]), str(db), where], env=env, capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    finally:
        con.close()
    with pytest.raises(IndexPathError, match="holds no index yet"):
        index_info(db)
    add_folder(batches[0], db)
    reference = tmp_path / "reference.db"
    add_folder(batches[0], reference)
    assert _state(db) == _state(reference)
