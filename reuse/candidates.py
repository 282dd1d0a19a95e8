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

:func:`verify_candidates` then keeps the pairs whose articles share a few
three-word runs: reports of one story collide in the rewrite channel on
their content words alone, and aligning them was most of the scan's time.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .config import CandidateConfig
from .sketch import CHANNELS, Sketch
from .text import ngram_hashes, ranks, unique_sorted

__all__ = ["find_candidates", "shared_runs", "trigram_set", "verify_candidates"]

_BANDS_AT_ONCE = 8


def _bucket_pairs(keys: np.ndarray, owners: np.ndarray, max_bucket: int) -> np.ndarray:
    """Article pairs ``i < j`` (as ``i * 2**32 + j``) sharing a bucket of one band.

    Vectorised: buckets are runs of equal keys after a sort; each article
    counts once per bucket; every pair of distinct articles in a bucket of
    at most ``max_bucket`` articles is emitted. ``owners`` (the article of
    each key) must never decrease along the array.
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
        return np.zeros(0, dtype=np.uint64)
    sub_keys = ordered[repeated]
    # The keys are grouped already: order each group by position, which orders
    # it by article (owners never decrease along the positions). One integer
    # argsort instead of numpy's two-key lexsort.
    group = np.cumsum(np.concatenate(([0], sub_keys[1:] != sub_keys[:-1])))
    inner = np.argsort(group * len(keys) + subset)
    sorted_keys = sub_keys[inner]
    members = owners[subset[inner]]
    keep = np.concatenate(([True], (sorted_keys[1:] != sorted_keys[:-1]) | (members[1:] != members[:-1])))
    sorted_keys, members = sorted_keys[keep], members[keep]
    new_bucket = np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1]))
    starts = np.flatnonzero(new_bucket)
    sizes = np.diff(np.concatenate((starts, [len(sorted_keys)])))
    ok = (sizes >= 2) & (sizes <= max_bucket)
    if not ok.any():
        return np.zeros(0, dtype=np.uint64)
    starts, sizes = starts[ok], sizes[ok]
    # Every element pairs with the elements after it in its bucket.
    first = np.repeat(starts, sizes) + ranks(sizes)
    later = np.repeat(starts + sizes, sizes) - first - 1
    left = np.repeat(first, later)
    right = left + ranks(later) + 1
    lo = np.minimum(members[left], members[right]).astype(np.uint64)
    hi = np.maximum(members[left], members[right]).astype(np.uint64)
    return (lo << np.uint64(32)) | hi


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
        blocks = [getattr(s, channel) for s in sketches]
        counts = np.array([len(b) for b in blocks], dtype=np.int64)
        if counts.sum() == 0:
            continue
        owners = np.repeat(np.arange(len(sketches), dtype=np.uint32), counts)
        n_bands = blocks[0].shape[1]
        # A few bands at a time: all the keys of a channel at once would be
        # the scan's largest array, held next to the sketches themselves.
        for first in range(0, n_bands, _BANDS_AT_ONCE):
            keys = np.concatenate([b[:, first : first + _BANDS_AT_ONCE] for b in blocks])
            for band in range(keys.shape[1]):
                per_channel.append(_bucket_pairs(np.ascontiguousarray(keys[:, band]), owners, config.max_bucket))
            del keys
        codes, hits = np.unique(np.concatenate(per_channel), return_counts=True)
        found.append(codes[hits >= hits_needed])
    if not found:
        return []
    codes = np.unique(np.concatenate(found))
    return [(int(c >> 32), int(c & 0xFFFFFFFF)) for c in codes.tolist()]


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
