"""LSH banding -> candidate article pairs.

Sort-based banding in numpy: for each band, the windows' keys are sorted and
runs of equal keys are buckets. Two articles become a candidate pair when a
window of each lands in one bucket, in either channel. This is the banding
of ``datasketch.MinHashLSH`` without a Python dictionary per band: at 500,000
windows datasketch's insertions alone take longer than this whole stage,
and its memory (about 9 KB a signature) is what bounds large scans.

A bucket holding windows of more than ``max_bucket`` articles is banal text
shared corpus-wide (a standard disclaimer, a stock paragraph) and makes no
pair, as passim drops n-grams found in over 100 documents.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .config import CandidateConfig
from .sketch import CHANNELS, Sketch

__all__ = ["find_candidates"]


def _bucket_pairs(keys: np.ndarray, owners: np.ndarray, max_bucket: int) -> np.ndarray:
    """Article pairs ``i < j`` (as ``i * 2**32 + j``) sharing a bucket of one band."""
    # Most keys are unique: find the repeated values with a plain sort (several
    # times faster than argsort), then order only the windows holding them.
    ordered = np.sort(keys)
    repeated = ordered[1:][ordered[1:] == ordered[:-1]]
    if len(repeated) == 0:
        return np.zeros(0, dtype=np.uint64)
    repeated = repeated[np.concatenate(([True], repeated[1:] != repeated[:-1]))]
    pos = np.minimum(np.searchsorted(repeated, keys), len(repeated) - 1)
    members = np.flatnonzero(repeated[pos] == keys)
    order = members[np.argsort(keys[members])]
    sorted_keys = keys[order]
    sorted_owners = owners[order]
    same = sorted_keys[1:] == sorted_keys[:-1]
    # Runs of equal keys: starts where a run begins, lengths >= 2.
    edges = np.flatnonzero(np.diff(np.concatenate(([False], same, [False])).astype(np.int8)))
    starts, stops = edges[0::2], edges[1::2] + 1
    sizes = stops - starts
    out = []
    pairs2 = starts[sizes == 2]
    if len(pairs2):
        lo = np.minimum(sorted_owners[pairs2], sorted_owners[pairs2 + 1]).astype(np.uint64)
        hi = np.maximum(sorted_owners[pairs2], sorted_owners[pairs2 + 1]).astype(np.uint64)
        keep = lo != hi
        out.append((lo[keep] << np.uint64(32)) | hi[keep])
    for start, stop in zip(starts[sizes > 2].tolist(), stops[sizes > 2].tolist()):
        members = np.unique(sorted_owners[start:stop])
        if 1 < len(members) <= max_bucket:
            i, j = np.triu_indices(len(members), k=1)
            out.append((members[i].astype(np.uint64) << np.uint64(32)) | members[j].astype(np.uint64))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.uint64)


def find_candidates(sketches: Sequence[Sketch], config: CandidateConfig) -> list[tuple[int, int]]:
    """Pairs of article indices ``(i, j)``, ``i < j``, whose windows collide.

    Parameters
    ----------
    sketches
        One :class:`~reuse.sketch.Sketch` per article, in article order.
    config
        Banding settings; in the rewrite channel pairs must collide in at
        least ``min_band_hits`` (window, band) buckets, in the verbatim
        channel in one.

    Returns
    -------
    list of (int, int)
        Sorted, without duplicates.
    """
    found = []
    for channel in CHANNELS:
        hits_needed = 1 if channel == "verbatim" else config.min_band_hits
        per_channel = []
        blocks = [s.keys[channel] for s in sketches]
        counts = np.array([len(b) for b in blocks], dtype=np.int64)
        if counts.sum() == 0:
            continue
        keys = np.concatenate(blocks)
        owners = np.repeat(np.arange(len(sketches), dtype=np.uint32), counts)
        for band in range(keys.shape[1]):
            per_channel.append(_bucket_pairs(np.ascontiguousarray(keys[:, band]), owners, config.max_bucket))
        codes, hits = np.unique(np.concatenate(per_channel), return_counts=True)
        found.append(codes[hits >= hits_needed])
    if not found:
        return []
    codes = np.unique(np.concatenate(found))
    return [(int(c >> 32), int(c & 0xFFFFFFFF)) for c in codes.tolist()]
