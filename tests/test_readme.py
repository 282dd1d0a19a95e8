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


def test_the_readme_excerpt_is_the_samples_output(samples_dir):
    """The excerpt under "What it shows" is cut from a real run: each piece between "..." lines appears as it is."""
    from click.testing import CliRunner

    from reuse.cli import main

    readme = (ROOT / "README.md").read_text("utf-8")
    shows = readme.split("## What it shows", 1)[1]
    excerpt = shows.split("```text\n", 1)[1].split("```", 1)[0]
    output = CliRunner(env={"COLUMNS": "100"}).invoke(main, ["scan", str(samples_dir)]).output
    pieces = [piece.strip("\n") for piece in excerpt.split("...\n") if piece.strip()]
    assert len(pieces) >= 3
    at = 0
    for piece in pieces:
        found = output.find(piece, at)
        assert found >= 0, f"not in the samples' output (in this order):\n{piece}"
        at = found + len(piece)


def test_the_lower_bounds_file_pins_each_dependency_at_its_setup_cfg_bound():
    """`.ci/lower-bounds.txt` (the versions the suite was checked with) and setup.cfg's bounds move together."""
    import configparser

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
    from packaging.version import Version

    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    bounds = {}
    for line in config["options"]["install_requires"].split("\n"):
        if line.split("#")[0].strip():
            req = Requirement(line.split("#")[0])
            lower = [s.version for s in req.specifier if s.operator == ">="]
            assert len(lower) == 1, f"setup.cfg: {line.strip()} needs one lower bound (>=)"
            bounds[canonicalize_name(req.name)] = Version(lower[0])
    pins = {}
    for line in (ROOT / ".ci" / "lower-bounds.txt").read_text("utf-8").splitlines():
        if line.split("#")[0].strip():
            req = Requirement(line.split("#")[0])
            assert [s.operator for s in req.specifier] == ["=="], f".ci/lower-bounds.txt: {line.strip()} must pin with =="
            pins[canonicalize_name(req.name)] = Version(next(iter(req.specifier)).version)
    assert pins == bounds  # Version("2.0") == Version("2.0.0")
