"""Banding: candidates are the articles sharing a band of a window, banal buckets ignored, on disk as in memory
(reuse.candidates)."""

import itertools
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reuse import candidates
from reuse.candidates import BandTable, _banded, band_task, candidate_pairs, find_candidates
from reuse.config import CandidateConfig, SketchConfig
from reuse.sketch import Sketch, band_keys, signatures


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
