"""The README's quick start stays true: CI runs its test command, letter for letter."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _command_lines(text: str) -> set[str]:
    return {line.strip() for line in text.splitlines() if line.strip().startswith("python3 -m venv .venv")}


def test_ci_runs_the_readme_test_command():
    readme = _command_lines((ROOT / "README.md").read_text("utf-8"))
    ci = _command_lines((ROOT / ".ci" / "run").read_text("utf-8"))
    assert len(ci) == 1
    assert ci <= readme, f"README quick start must show {ci}"


def test_readme_quick_start_scans_the_samples():
    readme = _command_lines((ROOT / "README.md").read_text("utf-8"))
    assert any(line.endswith("reuse scan samples/") for line in readme)
