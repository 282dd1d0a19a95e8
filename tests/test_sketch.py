"""Signatures are datasketch MinHashes; windows and bands behave as documented."""

import itertools
import os
from unittest import mock
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from datasketch import MinHash

from reuse import candidates
from reuse.candidates import BandTable, _banded, band_task, candidate_pairs, find_candidates
from reuse.runs import RunTable, trigram_set, verify_candidates, write_runs
from reuse.config import CandidateConfig, ConfigError, SketchConfig
from reuse.text import analyze
from reuse.sketch import Sketch, band_keys, channel_items, signatures, sketch_article, sketch_articles, to_minhash


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


def test_candidates_join_articles_sharing_a_window_and_skip_self_repeats():
    config, cands = SketchConfig(), CandidateConfig()
    rng = np.random.default_rng(1)
    shared = rng.integers(0, 2**63, size=48, dtype=np.uint64)
    a = np.concatenate([shared, rng.integers(0, 2**63, size=48, dtype=np.uint64)])
    b = np.concatenate([rng.integers(0, 2**63, size=48, dtype=np.uint64), shared])
    c = np.concatenate([rng.integers(0, 2**63, size=48, dtype=np.uint64)] * 2)  # repeats itself
    sketches = [Sketch(verbatim=band_keys(signatures(x, config), cands, 1), rewrite=np.zeros((0, 32), dtype=np.uint64)) for x in (a, b, c)]
    assert find_candidates(sketches, cands) == [(0, 1)]


def test_banal_buckets_are_ignored():
    config = SketchConfig()
    cands = CandidateConfig(max_bucket=3)
    shared = np.arange(48, dtype=np.uint64)
    sketches = [Sketch(verbatim=band_keys(signatures(shared, config), cands, 1), rewrite=np.zeros((0, 32), dtype=np.uint64)) for _ in range(5)]
    assert find_candidates(sketches, cands) == []


STORY = (
    "The regional water authority approved a plan on Thursday to rebuild three ageing reservoirs "
    "before the summer drought season, after engineers warned that two dams had developed cracks."
)
SAME_STORY = (
    "Engineers found cracks in two dams; reservoirs, three of them ageing, will be rebuilt, "
    "the water authority of the region decided Thursday, ahead of drought in summer."
)


def _trigrams(text: str) -> np.ndarray:
    return trigram_set(analyze(text).words)


def test_candidates_need_shared_three_word_runs():
    copy = "A different first line.\n" + STORY.replace("Thursday", "Friday")
    sets = [_trigrams(STORY), _trigrams(copy), _trigrams(SAME_STORY)]
    # The same content words in other runs (another report of the story) do not go on to alignment.
    assert verify_candidates([(0, 1), (0, 2)], sets, CandidateConfig()) == [(0, 1)]
    assert verify_candidates([(0, 1), (0, 2)], sets, CandidateConfig(min_shared_trigrams=0)) == [(0, 1), (0, 2)]


def test_runs_written_to_disk_read_back_and_verify_as_in_memory(tmp_path):
    """The scan's workers write each article's runs; the table reads them back, a later batch replacing an earlier one."""
    copy = "A different first line.\n" + STORY.replace("Thursday", "Friday")
    sets = [_trigrams(STORY), _trigrams(copy), _trigrams(SAME_STORY), _trigrams(""), _trigrams("新闻 東京 naïve words here now")]
    table = RunTable(len(sets))
    table.register([0, 1, 2], write_runs(tmp_path, "first", [sets[0], sets[2], sets[2]]))
    table.register([1, 3], write_runs(tmp_path, "again", [sets[1], sets[3]]))  # article 1 read again: its runs replace the first
    table.hold(4, sets[4])  # read where the disk is not shared: held in memory
    assert len(table) == 5
    for k, runs in enumerate(sets):
        assert table[k].dtype == np.uint32 and np.array_equal(table[k], runs)
    pairs = [(0, 1), (0, 2), (1, 4), (3, 4)]
    assert verify_candidates(pairs, table, CandidateConfig()) == verify_candidates(pairs, sets, CandidateConfig()) == [(0, 1)]
    table.register([2], write_runs(tmp_path, "third", [sets[0]]))  # runs read (and kept) before give way to a later batch
    table.hold(0, sets[2])
    assert np.array_equal(table[2], sets[0]) and np.array_equal(table[0], sets[2])
    table.register([0, 2], write_runs(tmp_path, "fourth", [sets[0], sets[2]]))
    table.close()
    assert np.array_equal(table[1], sets[1])  # reopened on demand
    table.close()


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_shared_runs_counted_a_first_article_at_a_time_equal_the_count_pair_by_pair(data):
    """The pairs of one first article are counted in one pass (flags of top bits, then exact): as one count per pair."""
    from reuse import runs
    from reuse.runs import shared_runs

    # Few top-20-bit slots and some values sharing a slot but not equal: the flags' false hits must be weeded out.
    slot = st.integers(0, 40).map(lambda s: s << 12)
    values = st.lists(st.builds(lambda base, low: base | low, slot, st.integers(0, 5)), max_size=40)
    sets = [np.array(sorted(set(v)), dtype=np.uint32) for v in data.draw(st.lists(values, min_size=2, max_size=6))]
    n = len(sets)
    pairs = sorted(set(data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1]), max_size=15))))
    config = CandidateConfig(min_shared_trigrams=data.draw(st.integers(0, 8)))
    whole = runs._PARTNERS_AT_ONCE
    try:
        for at_once in (whole, data.draw(st.integers(1, 4))):  # a first article's partners in one pass, or in several
            runs._PARTNERS_AT_ONCE = at_once
            assert verify_candidates(pairs, sets, config) == verify_candidates(pairs, sets, config, shared_runs)
    finally:
        runs._PARTNERS_AT_ONCE = whole


def test_runs_cut_short_on_disk_are_a_clear_error(tmp_path):
    from reuse.errors import WorkSpaceError

    table = RunTable(1)
    path, counts = write_runs(tmp_path, "cut", [_trigrams(STORY)])
    table.register([0], (path, counts))
    with open(path, "r+b") as fh:
        fh.truncate(8)
    with pytest.raises(WorkSpaceError, match="ends before the runs of an article"):
        table[0]


def test_negative_trigram_threshold_is_refused():
    with pytest.raises(ConfigError):
        CandidateConfig(min_shared_trigrams=-1)


def _random_sketches(seed: int, n: int) -> list[Sketch]:
    """Articles made of a few shared and many own items, so some pairs collide and most do not."""
    config, cands = SketchConfig(), CandidateConfig(max_bucket=4)
    rng = np.random.default_rng(seed)
    pool = [rng.integers(0, 2**63, size=30, dtype=np.uint64) for _ in range(6)]
    sketches = []
    for _ in range(n):
        parts = [pool[k] for k in rng.choice(len(pool), size=rng.integers(0, 3), replace=False)]
        parts.append(rng.integers(0, 2**63, size=rng.integers(0, 60), dtype=np.uint64))
        items = rng.permutation(np.concatenate(parts)) if rng.random() < 0.3 else np.concatenate(parts)
        sketches.append(Sketch(verbatim=band_keys(signatures(items, config), cands, 1), rewrite=band_keys(signatures(items[::2], config), cands, 2)))
    return sketches


@pytest.mark.parametrize("inline", [False, True], ids=["files", "arrays"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_band_table_on_disk_gives_the_pairs_found_in_memory_whatever_the_order_added(tmp_path, seed, inline):
    cands = CandidateConfig(max_bucket=4)
    sketches = _random_sketches(seed, 40)
    expected = find_candidates(sketches, cands)
    assert expected, "the articles should share some windows"
    table = BandTable(tmp_path / f"bands-{inline}", cands.bands)
    table.folder.mkdir()
    order = np.random.default_rng(seed).permutation(len(sketches)).tolist()
    for first in range(0, len(order), 7):  # chunks of articles in a shuffled order, as the scan's second pass adds them
        chunk = order[first : first + 7]
        table.add(chunk, [sketches[k] for k in chunk])
    tasks = list(table.tasks(cands, inline=inline))
    assert len(tasks) == table.n_tasks() > 2  # several pieces of work for a pool
    assert candidate_pairs([band_task(t) for t in tasks], cands) == expected


def test_a_scan_leaves_no_band_files_behind(tmp_path, monkeypatch):
    import tempfile

    from reuse.pipeline import scan

    spill = tmp_path / "tmp"
    spill.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY + "\n" + SAME_STORY, encoding="utf-8")
    (folder / "b.txt").write_text(STORY, encoding="utf-8")
    assert scan(folder).pairs
    assert list(spill.iterdir()) == []


@pytest.mark.parametrize("seed", [3, 4])
def test_banding_equals_a_dictionary_of_buckets(seed):
    """The sort-based banding against the plain recipe: one dictionary per band, as MinHashLSH keeps."""
    cands = CandidateConfig(max_bucket=4, min_band_hits=2)
    sketches = _random_sketches(seed, 40)
    meetings: dict[str, dict[tuple[int, int], int]] = {"verbatim": {}, "rewrite": {}}
    for channel, found in meetings.items():
        for band in range(cands.bands):
            buckets: dict[int, set[int]] = {}
            for article, sketch in enumerate(sketches):
                for key in getattr(sketch, channel)[:, band].tolist():
                    buckets.setdefault(key, set()).add(article)
            for members in buckets.values():
                if 2 <= len(members) <= cands.max_bucket:
                    for pair in itertools.combinations(sorted(members), 2):
                        found[pair] = found.get(pair, 0) + 1
    expected = sorted(set(meetings["verbatim"]) | {p for p, n in meetings["rewrite"].items() if n >= 2})
    assert expected and find_candidates(sketches, cands) == expected


@settings(max_examples=150, deadline=None)
@given(
    keys=st.lists(st.integers(0, 40), min_size=0, max_size=300),
    spread=st.sampled_from([1, 2**40 + 7, 2**63 + 1]),
    max_bucket=st.integers(2, 6),
    cap=st.integers(1, 3),
    data=st.data(),
)
def test_one_band_pairs_and_crowding_equal_a_dictionary_of_buckets(keys, spread, max_bucket, cap, data):
    """A band's pairs (each counted up to ``cap``) and the crowding rows, against buckets kept in a dictionary.

    Few distinct keys, so most are repeated: buckets of one article, shared
    ones, and over-full ones, whatever the table of slots in front of the sort keeps.
    """
    owners = data.draw(st.lists(st.integers(0, 12), min_size=len(keys), max_size=len(keys)))
    band = (np.array(keys, dtype=np.uint64) * np.uint64(spread)) if keys else np.zeros(0, dtype=np.uint64)
    buckets: dict[int, set[int]] = {}
    for key, owner in zip(band.tolist(), owners):
        buckets.setdefault(key, set()).add(owner)
    hits: dict[tuple[int, int], int] = {}
    crowd: dict[int, int] = {}
    for members in buckets.values():
        if len(members) > max_bucket:
            for article in members:
                crowd[article] = crowd.get(article, 0) + 1
        elif len(members) >= 2:
            for pair in itertools.combinations(sorted(members), 2):
                hits[pair] = min(cap, hits.get(pair, 0) + 1)
    windows = np.bincount(np.array(owners, dtype=np.int64)) if owners else np.zeros(0, dtype=np.int64)
    for prefilter in (candidates.PREFILTER_KEYS, 0):  # lone keys dropped before the sort, and not (a large band)
        with mock.patch.object(candidates, "PREFILTER_KEYS", prefilter):
            codes, rows = _banded([band], np.array(owners, dtype=np.uint32), max_bucket, cap)
        assert codes.tolist() == sorted((i << 32 | j) for (i, j), n in hits.items() for _ in range(n))
        assert [tuple(r) for r in rows.tolist()] == [(a, int(windows[a]), n) for a, n in sorted(crowd.items())]


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors in /proc")
def test_a_table_of_many_batches_keeps_few_files_open(tmp_path):
    """One batch file per 250 articles: a table of thousands of batches must not run out of file descriptors."""
    def target(fd: str) -> str:
        try:
            return os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # closed meanwhile
            return ""

    def open_here() -> int:
        """Descriptors of this process open on the table's files."""
        return sum(1 for fd in os.listdir("/proc/self/fd") if os.path.dirname(target(fd)) == str(tmp_path))

    sets = [_trigrams(f"Word {k} and then some other words {k} follow here in a row.") for k in range(300)]
    table = RunTable(len(sets))
    for k, runs in enumerate(sets):
        table.register([k], write_runs(tmp_path, f"b{k}", [runs]))
    most = 0
    for k, runs in enumerate(sets):
        assert np.array_equal(table[k], runs)
        most = max(most, open_here())
    assert 0 < most <= 64
    table.close()
    assert open_here() == 0 and len(os.listdir(tmp_path)) == 300


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
