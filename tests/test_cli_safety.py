"""The CLI under interruption and with awkward output paths (issue 7).

Ctrl-C is a real SIGINT sent to a real ``reuse scan`` process; paths are real
folders in ``tmp_path``, and a read-only destination is simulated where the
tests run as root (whom permissions do not stop) and also tried for real
otherwise.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reuse.cli import main

_SPEC = importlib.util.spec_from_file_location("nasty_cases", Path(__file__).parent / "fixtures" / "nasty" / "cases.py")
nasty = importlib.util.module_from_spec(_SPEC)
sys.modules["nasty_cases"] = nasty
_SPEC.loader.exec_module(nasty)

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0



def _interrupted_scan(folder: Path, out: Path) -> subprocess.CompletedProcess:
    proc = subprocess.Popen(
        [sys.executable, "-c", nasty.SLOW_SCAN, str(folder), "--json", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr.readline() == "ready\n"
        time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        proc.kill()
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name == "nt", reason="needs POSIX signals")
def test_ctrl_c_during_a_scan_exits_130_and_writes_nothing(samples_dir, tmp_path):
    out = tmp_path / "reports" / "report.json"
    done = _interrupted_scan(samples_dir, out)
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "interrupted: no report written"
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert not out.exists() and (not out.parent.exists() or os.listdir(out.parent) == [])


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name == "nt", reason="needs POSIX signals")
def test_ctrl_c_keeps_an_earlier_report_intact(samples_dir, tmp_path):
    out = tmp_path / "report.json"
    out.write_text('{"old": "report"}\n', encoding="utf-8")
    done = _interrupted_scan(samples_dir, out)
    assert done.returncode == 130
    assert out.read_text(encoding="utf-8") == '{"old": "report"}\n'
    assert sorted(os.listdir(tmp_path)) == ["report.json", "samples"]  # no temporary file left


# -- output paths ----------------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "100"})


def test_missing_parent_folders_are_created(runner, samples_dir, tmp_path):
    out = tmp_path / "new" / "deeper" / "report.json"
    result = runner.invoke(main, ["-q", "scan", str(samples_dir), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and os.listdir(out.parent) == ["report.json"]


def test_refuses_to_overwrite_the_input_folder(runner, samples_dir):
    # (A file in the folder: tests/test_cli.py::test_refuses_to_overwrite_an_input_file.)
    before = {p.name: p.read_bytes() for p in samples_dir.iterdir()}
    result = runner.invoke(main, ["scan", str(samples_dir), "--json", str(samples_dir / ".")])
    assert result.exit_code == 2
    assert {p.name: p.read_bytes() for p in samples_dir.iterdir()} == before


def test_refuses_to_overwrite_the_single_input_file(runner, samples_dir):
    article = samples_dir / "001_eabe8ba3545e1c71.txt"
    before = article.read_bytes()
    result = runner.invoke(main, ["scan", str(article), "--json", str(article)])
    assert result.exit_code == 2
    assert "would overwrite an input" in result.stderr
    assert article.read_bytes() == before


def _read_only(monkeypatch, folder: Path) -> None:
    """Creating files in ``folder`` fails as it would in a read-only folder for anyone but root."""
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):
        if Path(os.fsdecode(path)).parent == folder and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


READ_ONLY_ERROR = (
    "error: cannot write the report to {}: Permission denied; check that you may write there, or choose another path."
)


def test_read_only_destination_is_a_clear_error_simulated(runner, samples_dir, tmp_path, monkeypatch):
    folder = tmp_path / "read-only"
    folder.mkdir()
    _read_only(monkeypatch, folder)
    result = runner.invoke(main, ["-q", "scan", str(samples_dir), "--json", str(folder / "report.json")])
    assert result.exit_code == 1
    assert result.stderr == READ_ONLY_ERROR.format(folder / "report.json") + "\n"
    assert os.listdir(folder) == []


@pytest.mark.skipif(IS_ROOT or not hasattr(os, "geteuid"), reason="root writes whatever the folder's mode")
def test_read_only_destination_is_a_clear_error_for_real(runner, samples_dir, tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = runner.invoke(main, ["-q", "scan", str(samples_dir), "--json", str(folder / "report.json")])
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr == READ_ONLY_ERROR.format(folder / "report.json") + "\n"


def test_a_temporary_folder_that_cannot_be_made_is_a_clear_error(runner, samples_dir, tmp_path, monkeypatch):
    import tempfile

    not_a_folder = tmp_path / "tmp-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(not_a_folder))
    result = runner.invoke(main, ["scan", str(samples_dir), "-q"])
    assert result.exit_code == 1
    assert f"cannot write the scan's temporary files (texts, band keys, word arrays, three-word runs) in {not_a_folder}" in result.output
    assert "set TMPDIR to a folder on a disk with room" in result.output


@pytest.mark.parametrize("kind", ["missing", "a-file"])
def test_a_tmpdir_that_cannot_be_used_is_refused_not_passed_over(runner, samples_dir, tmp_path, monkeypatch, kind):
    """Python's tempfile passes over such a TMPDIR without a word and fills /tmp, which the user set TMPDIR to spare."""
    target = tmp_path / "scratch"
    if kind == "a-file":
        target.write_text("", encoding="utf-8")
    monkeypatch.setenv("TMPDIR", str(target))
    result = runner.invoke(main, ["scan", str(samples_dir), "-q"])
    assert result.exit_code == 1
    problem = "no such folder" if kind == "missing" else "not a folder"
    assert f"TMPDIR is {target}: {problem}. Create it or fix it, or unset TMPDIR" in result.output


def test_band_keys_that_cannot_be_written_are_a_clear_error(runner, samples_dir, tmp_path, monkeypatch):
    """A disk that fills up while the scan writes its band keys: the message names the folder and the fix."""
    import numpy as np

    from reuse import candidates

    class Full:
        def __getattr__(self, name):
            return getattr(np, name)

        @staticmethod
        def ascontiguousarray(array, *args, **kwargs):
            if array.dtype == np.uint64 and array.ndim == 2:  # a batch of band keys about to be written
                raise OSError(28, "No space left on device")
            return np.ascontiguousarray(array, *args, **kwargs)

    monkeypatch.setattr(candidates, "np", Full())
    result = runner.invoke(main, ["scan", str(samples_dir), "-q", "--jobs", "1"])
    assert result.exit_code == 1
    assert "No space left on device" in result.output and "TMPDIR" in result.output


def test_a_check_report_never_lands_on_the_index(runner, samples_dir, tmp_path):
    db = tmp_path / "news.db"
    assert runner.invoke(main, ["index", "add", str(samples_dir), "--index", str(db), "-q"]).exit_code == 0
    before = db.read_bytes()
    for target in (db, tmp_path / "news.db-wal"):
        result = runner.invoke(main, ["check", str(samples_dir), "--index", str(db), "--json", str(target), "-q"])
        assert result.exit_code == 2, result.output
        assert "would destroy the index" in result.stderr
    assert db.read_bytes() == before
    assert runner.invoke(main, ["index", "info", "--index", str(db)]).exit_code == 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--json", "{out}/r", "--html", "{out}/r"], "given to both --json and --html"),
        (["--json", "{out}/r.json", "--graph", "{out}/./r.json"], "given to both --json and --graph"),
        (["--html", "-"], "--html writes a file"),
        (["--json", ""], "an empty path"),
    ],
    ids=["json-html", "json-graph", "html-dash", "empty-json"],
)
def test_outputs_that_would_clash_are_refused_before_any_work(runner, samples_dir, tmp_path, monkeypatch, options, message):
    monkeypatch.chdir(tmp_path)  # where a file named "-" would be written
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(main, ["scan", str(samples_dir), *(o.format(out=out) for o in options), "-q"])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert list(out.iterdir()) == [] and not (tmp_path / "-").exists()


def test_an_empty_folder_argument_is_not_the_current_folder(runner, samples_dir, monkeypatch):
    monkeypatch.chdir(samples_dir)  # where a scan of "." would find the samples
    for command in (["scan", ""], ["graph", "", "-o", "g.png"], ["check", "", "--index", "x.db"]):
        result = runner.invoke(main, command)
        assert result.exit_code == 2, (command, result.output)
        assert "an empty path" in result.stderr


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_an_index_path_that_loops_is_a_message_not_a_traceback(runner, samples_dir, tmp_path):
    loop = tmp_path / "loop.db"
    os.symlink(loop, loop)
    for extra in ([], ["--json", str(tmp_path / "r.json")]):
        result = runner.invoke(main, ["check", str(samples_dir), "--index", str(loop), *extra])
        assert result.exit_code in (1, 2), result.output
        assert isinstance(result.exception, SystemExit), result.exception
