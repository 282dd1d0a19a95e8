"""LSH banding -> candidate article pairs.

Sort-based banding in numpy: for each band, the windows' keys are sorted and
runs of equal keys are buckets. Two articles become a candidate pair when a
window of each lands in one bucket, in either channel. This is the banding
of ``datasketch.MinHashLSH`` without a Python dictionary per band: at 500,000
windows datasketch's insertions alone take longer than this whole stage,
and its memory (about 9 KB a signature) is what bounds large scans.

A scan does not hold its band keys in memory: a :class:`BandTable` appends
them to one file per channel and band as articles are read, and banding
loads one band at a time, in as many processes as the scan has
(:func:`band_hits` is a pure function of a few bands), so the keys of
millions of windows cost disk, not memory.

A bucket holding windows of more than ``max_bucket`` articles is banal text
shared corpus-wide (a standard disclaimer, a stock paragraph) and makes no
pair, as passim drops n-grams found in over 100 documents.

:func:`verify_candidates` then keeps the pairs whose articles share a few
three-word runs: reports of one story collide in the rewrite channel on
their content words alone, and aligning them was most of the scan's time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from .config import CandidateConfig
from .sketch import CHANNELS, Sketch
from .text import ngram_hashes, ranks, unique_sorted

__all__ = [
    "BandTable",
    "band_task",
    "band_hits",
    "candidate_pairs",
    "find_candidates",
    "shared_runs",
    "trigram_set",
    "verify_candidates",
]

#: Bands banded by one task: enough work to be worth a task, few enough
#: that both channels make several tasks for a pool of workers.
BANDS_PER_TASK = 4

_NO_PAIRS = np.zeros(0, dtype=np.uint64)


def _bucket_pairs(keys: np.ndarray, owners: np.ndarray, max_bucket: int) -> np.ndarray:
    """Article pairs ``i < j`` (as ``i * 2**32 + j``) sharing a bucket of one band.

    Vectorised: buckets are runs of equal keys after a sort; each article
    counts once per bucket; every pair of distinct articles in a bucket of
    at most ``max_bucket`` articles is emitted. ``owners`` is the article of
    each key, in any order.
    """
    # Most keys are unique: one plain argsort finds the repeated ones, and only
    # those are ordered by (key, article) to keep one entry per bucket and article.
    order = np.argsort(keys)
    ordered = keys[order]
    repeated = np.zeros(len(keys), dtype=bool)
    repeated[1:] = ordered[1:] == ordered[:-1]
    repeated[:-1] |= repeated[1:]
    subset = order[repeated]
    if len(subset) == 0:
        return _NO_PAIRS
    sub_keys = ordered[repeated]
    # The keys are grouped already: order each group by article with one
    # integer argsort instead of numpy's two-key lexsort.
    members = owners[subset].astype(np.int64)
    group = np.cumsum(np.concatenate(([0], sub_keys[1:] != sub_keys[:-1])))
    inner = np.argsort(group * (int(members.max()) + 1) + members)
    sorted_keys = sub_keys[inner]
    members = members[inner]
    keep = np.concatenate(([True], (sorted_keys[1:] != sorted_keys[:-1]) | (members[1:] != members[:-1])))
    sorted_keys, members = sorted_keys[keep], members[keep]
    new_bucket = np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1]))
    starts = np.flatnonzero(new_bucket)
    sizes = np.diff(np.concatenate((starts, [len(sorted_keys)])))
    ok = (sizes >= 2) & (sizes <= max_bucket)
    if not ok.any():
        return _NO_PAIRS
    starts, sizes = starts[ok], sizes[ok]
    # Every element pairs with the elements after it in its bucket (sorted by article).
    first = np.repeat(starts, sizes) + ranks(sizes)
    later = np.repeat(starts + sizes, sizes) - first - 1
    left = np.repeat(first, later)
    right = left + ranks(later) + 1
    return (members[left].astype(np.uint64) << np.uint64(32)) | members[right].astype(np.uint64)


def _counted(values: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ``values``, sorted, with how often each occurs (or the sum of its ``weights``)."""
    if len(values) == 0:
        return _NO_PAIRS, np.zeros(0, dtype=np.int64)
    order = np.argsort(values)
    ordered = values[order]
    firsts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    if weights is None:
        return ordered[firsts], np.diff(np.append(firsts, len(ordered)))
    return ordered[firsts], np.add.reduceat(weights[order], firsts)


def band_hits(bands: Iterable[np.ndarray], owners: np.ndarray, max_bucket: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs sharing a bucket in any of ``bands`` (one key array each), with how many buckets.

    Returns ``(codes, hits)``: sorted distinct pair codes ``i * 2**32 + j``
    and the number of (band, bucket) places where the pair's windows meet.
    ``owners`` is the article of each window, the same for every band.
    """
    return _counted(np.concatenate([_bucket_pairs(keys, owners, max_bucket) for keys in bands] or [_NO_PAIRS]))


def candidate_pairs(parts: Iterable[tuple[str, np.ndarray, np.ndarray]], config: CandidateConfig) -> list[tuple[int, int]]:
    """Candidate pairs from :func:`band_hits` results ``(channel, codes, hits)`` over all bands.

    In the rewrite channel a pair must share at least ``min_band_hits``
    buckets, in the verbatim channel one. Returns pairs
    of article indices ``(i, j)``, ``i < j``, sorted, without duplicates.
    """
    codes: dict[str, list[np.ndarray]] = {c: [] for c in CHANNELS}
    hits: dict[str, list[np.ndarray]] = {c: [] for c in CHANNELS}
    for channel, part_codes, part_hits in parts:
        codes[channel].append(part_codes)
        hits[channel].append(part_hits)
    found = []
    for channel in CHANNELS:
        if not codes[channel]:
            continue
        needed = 1 if channel == "verbatim" else config.min_band_hits
        merged, total = _counted(np.concatenate(codes[channel]), np.concatenate(hits[channel]))
        found.append(merged[total >= needed])
    kept = unique_sorted(np.concatenate(found)) if found else _NO_PAIRS
    return [(int(c >> 32), int(c & 0xFFFFFFFF)) for c in kept.tolist()]


def find_candidates(sketches: Sequence[Sketch], config: CandidateConfig) -> list[tuple[int, int]]:
    """Pairs of article indices ``(i, j)``, ``i < j``, whose windows collide (all in memory).

    Parameters
    ----------
    sketches
        One :class:`~reuse.sketch.Sketch` per article, in article order.
    config
        Banding settings; in the rewrite channel pairs must collide in at
        least ``min_band_hits`` (band, bucket) places, in the verbatim channel in one.

    Returns
    -------
    list of (int, int)
        Sorted, without duplicates. The scan gives the same pairs from a
        :class:`BandTable` on disk.
    """
    parts = []
    for channel in CHANNELS:
        blocks = [getattr(s, channel) for s in sketches]
        counts = [len(b) for b in blocks]
        if sum(counts) == 0:
            continue
        owners = np.repeat(np.arange(len(sketches), dtype=np.uint32), counts)
        keys = np.concatenate(blocks)
        columns = (np.ascontiguousarray(keys[:, band]) for band in range(keys.shape[1]))
        parts.append((channel, *band_hits(columns, owners, config.max_bucket)))
    return candidate_pairs(parts, config)


class BandTable:
    """The band keys of a scan's windows on disk: one file per channel and band, and one of owners.

    Articles are added in any order, as they are read; :meth:`tasks` then
    gives the banding work in pieces of :data:`BANDS_PER_TASK` bands, each
    naming its files (or carrying its arrays, for workers on other machines).
    """

    def __init__(self, folder: str | Path, bands: int) -> None:
        self.folder = Path(folder)
        self.bands = bands
        self.windows = dict.fromkeys(CHANNELS, 0)

    def _path(self, channel: str, band: int | None = None) -> Path:
        return self.folder / (f"{channel}.owners" if band is None else f"{channel}.{band}")

    def add(self, owners: Sequence[int], sketches: Sequence[Sketch]) -> None:
        """Append the keys of ``sketches``, the article index of each given by ``owners``."""
        for channel in CHANNELS:
            blocks = [getattr(s, channel) for s in sketches]
            counts = [len(b) for b in blocks]
            if sum(counts) == 0:
                continue
            keys = np.concatenate(blocks)
            with open(self._path(channel), "ab") as f:
                np.repeat(np.asarray(owners, dtype=np.uint32), counts).tofile(f)
            for band in range(self.bands):
                with open(self._path(channel, band), "ab") as f:
                    np.ascontiguousarray(keys[:, band]).tofile(f)
            self.windows[channel] += len(keys)

    def tasks(self, max_bucket: int, inline: bool = False) -> list[tuple]:
        """Chunks for :func:`band_task`: ``(channel, owners, bands, max_bucket)``.

        ``owners`` and each of ``bands`` are file paths, or with ``inline``
        the arrays themselves.
        """
        load = _load if inline else str
        out = []
        for channel in CHANNELS:
            if not self.windows[channel]:
                continue
            for first in range(0, self.bands, BANDS_PER_TASK):
                bands = [load(self._path(channel, b)) for b in range(first, min(first + BANDS_PER_TASK, self.bands))]
                out.append((channel, load(self._path(channel)), bands, max_bucket))
        return out


def _load(source: str | Path | np.ndarray) -> np.ndarray:
    if isinstance(source, np.ndarray):
        return source
    dtype = np.uint32 if str(source).endswith(".owners") else np.uint64
    return np.fromfile(source, dtype=dtype)


def band_task(task: tuple) -> tuple[str, np.ndarray, np.ndarray]:
    """:func:`band_hits` of one :meth:`BandTable.tasks` chunk, loading one band at a time."""
    channel, owners, bands, max_bucket = task
    codes, hits = band_hits((_load(b) for b in bands), _load(owners), max_bucket)
    return channel, codes, hits


def trigram_set(words: np.ndarray) -> np.ndarray:
    """Sorted distinct 32-bit hashes of the three-word runs of ``words`` (word hashes).

    32 bits keep the sets small; a rare collision only makes two articles
    look a little more alike, never less.
    """
    return unique_sorted(ngram_hashes(words, 3).astype(np.uint32))


def shared_runs(a: np.ndarray, b: np.ndarray) -> int:
    """How many values two sorted distinct arrays share.

    >>> shared_runs(np.array([1, 3, 5], dtype=np.uint32), np.array([3, 4, 5], dtype=np.uint32))
    2
    """
    if len(a) == 0 or len(b) == 0:
        return 0
    if len(a) > len(b):
        a, b = b, a
    pos = np.minimum(np.searchsorted(b, a), len(b) - 1)
    return int(np.count_nonzero(b[pos] == a))


def verify_candidates(
    candidates: Sequence[tuple[int, int]], trigrams: Sequence[np.ndarray], config: CandidateConfig
) -> list[tuple[int, int]]:
    """The candidate pairs whose articles share at least ``config.min_shared_trigrams`` three-word runs.

    ``trigrams`` holds each article's :func:`trigram_set` (usable words), in
    article order. Two reports of one story collide in LSH on their content
    words; this cheap check keeps them from the costly alignment.
    """
    need = config.min_shared_trigrams
    if need == 0:
        return list(candidates)
    return [(i, j) for i, j in candidates if shared_runs(trigrams[i], trigrams[j]) >= need]
