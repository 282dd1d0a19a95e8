"""Run ``reuse scan`` on every nasty input of issue 7 and write what the user sees.

Each case of ``tests/fixtures/nasty/cases.py`` is made in a temporary folder
and scanned by a real ``python -m reuse scan FOLDER --json REPORT`` process;
the table in ``reports/robustness.md`` gives its exit code, time, the summary's
first line and every warning printed. Then the interruption and output-path
cases, and a fuzz run over random folders for ``--fuzz-seconds``.

Usage::

    python scripts/robustness.py                    # -> reports/robustness.md
    python scripts/robustness.py --fuzz-seconds 600 --out /tmp/robustness.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import importlib.util
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

import reuse  # noqa: E402

_SPEC = importlib.util.spec_from_file_location("nasty_cases", ROOT / "tests" / "fixtures" / "nasty" / "cases.py")
nasty = importlib.util.module_from_spec(_SPEC)
sys.modules["nasty_cases"] = nasty
_SPEC.loader.exec_module(nasty)

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0



def _run(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "reuse", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100", "PYTHONPATH": str(ROOT), **(env or {})},
    )
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - start


def _cell(text: str) -> str:
    """Text for a Markdown table cell: escaped, one line per message joined by <br>."""
    lines = [html.escape(line.strip(), quote=False).replace("|", "\\|") for line in text.splitlines() if line.strip()]
    return "<br>".join(lines) or "–"


def _sees(code: int, stdout: str, stderr: str, folder: Path) -> str:
    """What the user sees: the summary's first line and the warnings (temporary paths made relative)."""
    out = stdout.splitlines()
    shown = out[:1]
    if len(out) > 5 and out[2].startswith("#1 "):  # the first pair: its articles, kind and direction
        shown += [line.strip() for line in out[2:6]]
    shown += [line for line in stderr.splitlines() if not line.startswith("report written to")]
    text = "\n".join(shown).replace(str(folder) + os.sep, "").replace(str(folder), "FOLDER")
    if nasty.unsafe(stdout + stderr):
        text += "\nUNSAFE CHARACTERS ON THE TERMINAL"
    return text


#: Too slow for the test suite, measured here: what a user would wait for.
SLOW_CASES = (
    nasty.Case("long-line-copied", "Files", "two copies of a single line of 1 MB (no sentence punctuation)",
               nasty.make_long_line_copies, ("-v",)),  # fmt: skip
)


def run_cases() -> list[tuple[str, str, str, int, float, str]]:
    rows = []
    for case in (*nasty.CASES, *SLOW_CASES):
        with tempfile.TemporaryDirectory(prefix="reuse-nasty-") as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            case.make(folder)
            report = Path(tmp) / "report.json"
            code, out, err, seconds = _run(["scan", str(folder), "--json", str(report), *case.options])
            seen = _sees(code, out, err, folder)
            if case.id == "unreadable" and IS_ROOT:
                seen += "\n(run as root, whom mode 000 does not stop; as another user both are skipped, see the tests)"
            for root, dirs, _ in os.walk(folder):
                for name in dirs:
                    os.chmod(os.path.join(root, name), 0o755)
        options = f" (`{' '.join(case.options)}`)" if case.options else ""
        rows.append((case.group, case.id, case.what + options, code, seconds, seen))
        print(f"{case.id}: exit {code} in {seconds:.1f} s", file=sys.stderr)
    return rows


def _interrupt(samples: Path, out: Path) -> tuple[int, str, float]:
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", nasty.SLOW_SCAN, str(samples), "--json", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    try:
        proc.stderr.readline()
        time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    return proc.returncode, err, time.perf_counter() - start


def run_cli_cases() -> list[tuple[str, str, str, int, float, str]]:
    rows = []
    samples = ROOT / "samples"
    with tempfile.TemporaryDirectory(prefix="reuse-cli-") as tmp:
        tmp_path = Path(tmp)
        out = tmp_path / "reports" / "report.json"
        code, err, seconds = _interrupt(samples, out)
        left = sorted(p.name for p in tmp_path.rglob("*"))
        rows.append(("Interruptions", "ctrl-c", "SIGINT while `reuse scan --json reports/report.json` runs", code,
                     seconds, f"{err}\nfiles left in the destination: {left or 'none'}"))  # fmt: skip

        code, _, err, seconds = _run(["-q", "scan", str(samples), "--json", str(tmp_path / "new" / "sub" / "r.json")])
        made = (tmp_path / "new" / "sub" / "r.json").is_file()
        rows.append(("Output paths", "missing-parents", "`--json new/sub/r.json`, folders missing", code, seconds,
                     f"{err}\nreport written: {'yes' if made else 'no'}"))  # fmt: skip

        target = samples / "001_eabe8ba3545e1c71.txt"
        code, _, err, seconds = _run(["scan", str(samples), "--json", str(target)])
        rows.append(("Output paths", "overwrite-input", "`--json` names a file of the scanned folder", code, seconds,
                     err.replace(str(samples), "samples")))  # fmt: skip

        blocker = tmp_path / "a-file"
        blocker.write_text("", encoding="utf-8")
        code, _, err, seconds = _run(["-q", "scan", str(samples), "--json", str(blocker / "r.json")])
        rows.append(("Output paths", "not-a-folder", "`--json a-file/r.json`, a file where a folder should be", code,
                     seconds, err.replace(str(tmp_path) + os.sep, "")))  # fmt: skip

        read_only = tmp_path / "read-only"
        read_only.mkdir()
        read_only.chmod(0o555)
        code, _, err, seconds = _run(["-q", "scan", str(samples), "--json", str(read_only / "r.json")])
        note = "\n(run as root, who may write there; the tests simulate the refusal)" if IS_ROOT else ""
        rows.append(("Output paths", "read-only", "`--json read-only/r.json`, folder mode 555", code, seconds,
                     err.replace(str(tmp_path) + os.sep, "") + note))  # fmt: skip
        read_only.chmod(0o755)
    return rows


def run_fuzz(seconds: float) -> tuple[int, list[str]]:
    from click.testing import CliRunner

    from reuse.cli import main

    runner = CliRunner(env={"COLUMNS": "100"})
    failures, seed, deadline = [], 0, time.monotonic() + seconds
    with tempfile.TemporaryDirectory(prefix="reuse-fuzz-") as tmp:
        while time.monotonic() < deadline:
            folder = Path(tmp) / f"seed-{seed}"
            folder.mkdir()
            nasty.make_random(folder, seed)
            options = nasty.random_options(seed)
            report = Path(tmp) / f"r-{seed}.json"
            result = runner.invoke(main, ["scan", str(folder), "--json", str(report), *options])
            if not report.is_file() or result.exit_code != nasty.expected_exit(report) or nasty.unsafe(result.stdout + result.stderr):
                failures.append(f"seed {seed}: exit {result.exit_code} {result.exception!r}")
            seed += 1
    return seed, failures


def render(rows, cli_rows, fuzz: tuple[int, list[str]], fuzz_seconds: float, command: str) -> str:
    lines = [
        "# Robustness: what `reuse scan` does with bad input",
        "",
        f"- Date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- Command: `{command}`",
        f"- reuse {reuse.__version__}, Python {platform.python_version()}, {platform.system()}; "
        f"run as {'root' if IS_ROOT else 'a normal user'}",
        "- Each case is made in a temporary folder by `tests/fixtures/nasty/cases.py` and scanned by a real "
        "`python -m reuse scan FOLDER --json REPORT` process; `tests/test_nasty.py` and `tests/test_cli_safety.py` "
        "check the same cases.",
        "- *What the user sees*: the summary's first line (stdout) and every line on stderr, with the temporary "
        "folder's path left out. No case put an escape sequence, control character or bidi override on the "
        "terminal unless the row says UNSAFE.",
        "",
        "| group | case | input | exit | s | what the user sees |",
        "|---|---|---|---|---|---|",
    ]
    for group, case_id, what, code, seconds, seen in [*rows, *cli_rows]:
        lines.append(f"| {group} | {case_id} | {_cell(what)} | {code} | {seconds:.1f} | {_cell(seen)} |")
    seeds, failures = fuzz
    lines += [
        "",
        "## Fuzzing",
        "",
        f"{seeds} random folders (seeds 0 to {seeds - 1}; `make_random` in `tests/fixtures/nasty/cases.py`: random "
        f"names, nesting, bytes, Unicode, encodings, JSON and HTML, damaged copies of each other; every third with "
        f"a random `--max-bytes` up to 5000) scanned in "
        f"{fuzz_seconds:.0f} s: {len(failures)} failures.",
    ]
    lines += [f"- {failure}" for failure in failures]
    lines += ["", "## Reproduce", "", "```", command, "```", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "robustness.md", help="the Markdown report")
    parser.add_argument("--fuzz-seconds", type=float, default=60.0, help="time for the fuzz run (default 60)")
    args = parser.parse_args(argv)
    command = "python scripts/robustness.py"
    if args.fuzz_seconds != 60:
        command += f" --fuzz-seconds {args.fuzz_seconds:g}"
    rows = run_cases()
    cli_rows = run_cli_cases()
    fuzz = run_fuzz(args.fuzz_seconds)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(rows, cli_rows, fuzz, args.fuzz_seconds, command), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    # Exit 1 is some cases' right answer (nothing readable); a traceback never is, nor a fuzz failure.
    crashed = [case for _, case, _, _, _, seen in [*rows, *cli_rows] if "Traceback (most recent call last)" in seen]
    if crashed:
        print(f"tracebacks in: {', '.join(crashed)}", file=sys.stderr)
    return 1 if fuzz[1] or crashed else 0


if __name__ == "__main__":
    sys.exit(main())
