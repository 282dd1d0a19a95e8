"""Signatures are datasketch MinHashes; windows behave as documented (reuse.sketch)."""

import os
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from reuse.config import CandidateConfig, SketchConfig
from reuse.text import analyze
from reuse.sketch import band_keys, channel_items, signatures, sketch_article, sketch_articles, to_minhash


def _datasketch(items, config):
    m = MinHash(num_perm=config.num_perm, seed=config.seed, hashfunc=lambda x: x)
    m.update_batch([int(x) & 0xFFFFFFFF for x in items])
    return m.hashvalues


@pytest.mark.parametrize("window, stride", [(24, 12), (36, 12), (8, 8)], ids=["two-blocks", "three-blocks", "one-block"])
@pytest.mark.parametrize("n", [1, 11, 24, 25, 100, 103, 600], ids=lambda n: f"{n}-items")
def test_window_signatures_equal_datasketch_update_batch(n, window, stride):
    config = SketchConfig(window=window, stride=stride)
    items = np.random.default_rng(n).integers(0, 2**63, size=n, dtype=np.uint64)
    sigs = signatures(items, config)
    expected_windows = max(1, -(-n // config.stride) - config.window // config.stride + 1)
    assert sigs.shape == (expected_windows, config.num_perm)
    for w in range(len(sigs)):
        lo = w * config.stride
        hi = n if w == len(sigs) - 1 else lo + config.window
        assert np.array_equal(sigs[w], _datasketch(items[lo:hi], config))


@pytest.mark.parametrize(
    "text",
    ["the of and a the to in", "Kremlin spokesman Dmitry Peskov said the talks went on. " * 40, "Peskov"],
    ids=["stopwords-only", "long", "one-word"],
)
def test_article_sketch_equals_each_channel_sketched_alone(text):
    # Both channels share one pass over the permutations; each must come out
    # as if sketched alone, an empty channel included.
    config, cands = SketchConfig(), CandidateConfig()
    analysis = analyze(text, "en")
    usable = np.ones(len(analysis), dtype=bool)
    sketch = sketch_article(analysis, usable, config, cands)
    verbatim, rewrite = channel_items(analysis, usable, config)
    assert np.array_equal(sketch.verbatim, band_keys(signatures(verbatim, config), cands, 1))
    assert np.array_equal(sketch.rewrite, band_keys(signatures(rewrite, config), cands, 2))


@pytest.mark.parametrize("window, stride", [(24, 12), (36, 12), (8, 8)], ids=["two-blocks", "three-blocks", "one-block"])
def test_articles_sketched_together_equal_each_sketched_alone(window, stride):
    # Together, the windows of every article come from one matrix; none may
    # borrow a block from its neighbour, whatever the lengths (none, shorter
    # than a window, exactly one, many), and there are more articles than one batch.
    config, cands = SketchConfig(window=window, stride=stride), CandidateConfig()
    rng = np.random.default_rng(window + stride)
    vocabulary = ["kremlin", "said", "the", "talks", "on", "swap", "prisoners", "of", "war", "and", "a", "plan", "for", "peace"]
    texts = [" ".join(rng.choice(vocabulary, size=n)) for n in [0, 1, 5, 12, 13, 24, 25, 36, 37, *rng.integers(0, 150, size=60)]]
    read = [(analysis, np.ones(len(analysis), dtype=bool)) for analysis in (analyze(t, "en") for t in texts)]
    together = sketch_articles(read, config, cands)
    assert len(together) == len(read)
    for (analysis, usable), sketch in zip(read, together):
        alone = sketch_article(analysis, usable, config, cands)
        verbatim, rewrite = channel_items(analysis, usable, config)
        assert np.array_equal(sketch.verbatim, band_keys(signatures(verbatim, config), cands, 1))
        assert np.array_equal(sketch.rewrite, band_keys(signatures(rewrite, config), cands, 2))
        assert np.array_equal(sketch.verbatim, alone.verbatim) and np.array_equal(sketch.rewrite, alone.rewrite)


def test_lean_minhash_jaccard_tracks_overlap():
    config = SketchConfig(window=200, stride=100)
    rng = np.random.default_rng(0)
    base = rng.integers(0, 2**63, size=150, dtype=np.uint64)
    other = np.concatenate([base[:100], rng.integers(0, 2**63, size=50, dtype=np.uint64)])
    a, b = (to_minhash(signatures(x, config)[0], config) for x in (base, other))
    assert a.jaccard(b) == pytest.approx(100 / 200, abs=0.12)


def test_empty_items_have_no_windows():
    assert signatures(np.zeros(0, dtype=np.uint64), SketchConfig()).shape == (0, 128)


def test_datasketch_is_imported_without_scipy_integrate_until_its_lsh_optimiser_runs(tmp_path):
    """The scan does not pay for SciPy's integration (0.3 s); datasketch's optimiser and SciPy still work after."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from reuse.sketch import permutations, to_minhash\n"
        "a, b = permutations(128, 1)\n"
        "assert 'datasketch' in sys.modules and 'scipy.integrate' not in sys.modules\n"
        "from datasketch import MinHash, MinHashLSH\n"
        "assert (MinHash(num_perm=128, seed=1).permutations[0] == a).all()\n"
        "lsh = MinHashLSH(threshold=0.5, num_perm=128)\n"
        "import scipy.integrate\n"
        "assert abs(scipy.integrate.quad(lambda x: x, 0, 1)[0] - 0.5) < 1e-9\n"
        "print(lsh.b, lsh.r)\n"
    )
    plain = "from datasketch import MinHashLSH\nlsh = MinHashLSH(threshold=0.5, num_perm=128)\nprint(lsh.b, lsh.r)\n"
    outputs = [subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path, capture_output=True, text=True).stdout for code in (probe, plain)]
    assert outputs[0] == outputs[1] and outputs[0].strip()


@pytest.mark.parametrize(
    "other",
    [
        "from scipy.integrate import simpson\n    got['r'] = simpson([1, 1, 1])",
        "import scipy.integrate._quadrature as q\n    got['r'] = float(q.simpson([1, 1, 1]))",
        "ns = {}\n    exec('from scipy.integrate import *', ns)\n    got['r'] = float(ns['simpson']([1, 1, 1]))",
    ],
    ids=["name", "submodule", "star"],
)
def test_a_thread_importing_scipy_integrate_while_datasketch_loads_gets_working_names(tmp_path, other):
    """The stand-in is in sys.modules only while datasketch loads; another thread's names then wait for the real module."""
    import subprocess
    import sys

    fake = tmp_path / "datasketch"
    fake.mkdir()
    (fake / "__init__.py").write_text(
        "import builtins, time\n"
        "from scipy.integrate import quad as integrate  # as datasketch.lsh does\n"
        "builtins.in_window.set()\n"
        "builtins.asked.wait(5)\n"
        "time.sleep(0.2)  # the other thread is now inside the window\n",
        encoding="utf-8",
    )
    probe = (
        "import builtins, sys, threading\n"
        "builtins.in_window, builtins.asked = threading.Event(), threading.Event()\n"
        "from reuse.sketch import _datasketch\n"
        "got = {}\n"
        "def other():\n"
        "    builtins.in_window.wait(5)\n"
        "    builtins.asked.set()\n"
        f"    {other}\n"
        "t = threading.Thread(target=other)\n"
        "t.start()\n"
        "ds = _datasketch()\n"
        "t.join(10)\n"
        "assert got == {'r': 2.0}, got\n"
        "assert abs(ds.integrate(lambda x: x, 0, 1)[0] - 0.5) < 1e-9\n"
        "import scipy.integrate\n"
        "assert 'Stand-in' not in (scipy.integrate.__doc__ or '')\n"
    )
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{Path(__file__).resolve().parent.parent}"}
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=tmp_path, env=env, timeout=60)
