"""Fuzzing ``reuse scan``: random folders of random bytes and random Unicode, for a bounded time.

Each folder comes from a seed (``make_random`` in ``tests/fixtures/nasty/cases.py``),
so a failure names the seed that reproduces it. The normal suite fuzzes for
``FUZZ_SECONDS`` (3 s by default; set the environment variable for longer runs,
or use ``python scripts/robustness.py --fuzz-seconds 600``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reuse.cli import main
from reuse.model import Article
from reuse.pipeline import scan_articles

_SPEC = importlib.util.spec_from_file_location("nasty_cases", Path(__file__).parent / "fixtures" / "nasty" / "cases.py")
nasty = importlib.util.module_from_spec(_SPEC)
sys.modules["nasty_cases"] = nasty
_SPEC.loader.exec_module(nasty)

FUZZ_SECONDS = float(os.environ.get("FUZZ_SECONDS", "3"))


def test_scan_never_crashes_on_random_folders(tmp_path):
    runner = CliRunner(env={"COLUMNS": "100"})
    deadline = time.monotonic() + FUZZ_SECONDS
    seed = 0
    while seed < 5 or time.monotonic() < deadline:
        folder = tmp_path / f"seed-{seed}"
        folder.mkdir()
        nasty.make_random(folder, seed)
        out = tmp_path / f"report-{seed}.json"
        result = runner.invoke(main, ["scan", str(folder), "--json", str(out), *nasty.random_options(seed)])
        assert out.is_file(), f"seed {seed}: {result.output}\n{result.exception!r}"
        assert result.exit_code == nasty.expected_exit(out), f"seed {seed}: {result.output}\n{result.exception!r}"
        assert not nasty.unsafe(result.stdout + result.stderr), f"seed {seed}: unsafe output"
        seed += 1


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(min_size=1, max_size=400), min_size=1, max_size=4), st.data())
def test_scan_articles_accepts_any_text(texts, data):
    # Each text also appears a second time, lightly cut, so that some pairs are found in odd scripts.
    cut = [t[data.draw(st.integers(0, len(t) // 4)) :] for t in texts]
    articles = [Article(f"a{i}", t, outlet=f"o{i}") for i, t in enumerate(texts + cut)]
    result = scan_articles(articles)
    for pair in result.pairs:
        a, b = (next(x for x in articles if x.id == pid) for pid in (pair.a, pair.b))
        for p in pair.passages:
            assert 0 <= p.a_start < p.a_end <= len(a.text) and 0 <= p.b_start < p.b_end <= len(b.text)
