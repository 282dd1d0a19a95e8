"""A batch's band keys against the index's postings -> candidate pairs.

The check's counterpart of :mod:`reuse.candidates`: a bucket is one band key
(band and channel folded in, ``features.KEY_BITS`` bits), and two articles
are candidates when they share buckets, once in the verbatim channel and
``min_band_hits`` times in the rewrite channel, as in the scan. Buckets of
more than ``max_bucket`` articles make no pair, and a new article most of
whose keys fall in them is *crowded out* (the scan's rule).

The keys are gathered as the articles are read (:class:`BatchKeys`, 8
bytes a key), and the key space is matched one range of whole postings rows
at a time (:func:`match_batch`): the postings fetched and the buckets made
are those of one range, whatever the size of the batch. Each range's pair
codes are kept capped (a pair at most as often as its channel needs it) and
counted together at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import numpy as np

from ..candidates import candidate_pairs, capped, crowded_out, needed_hits, pairs_after
from ..config import CandidateConfig
from ..errors import IndexFileError
from ..sketch import CHANNELS
from ..text import members, unique_sorted
from .codec import SUFFIX_BITS
from .features import KEY_BITS
from .postings import dead_articles, find

__all__ = ["BatchKeys", "match_batch", "renumber_stored"]

#: New band keys (both channels) matched against the index at once: a larger
#: batch is matched one range of keys at a time.
KEYS_AT_ONCE = 1 << 21
#: Pair codes made at once from the buckets of a range (32 MB a piece).
PAIRS_AT_ONCE = 1 << 22
#: Articles whose keys are gathered into one array.
_CHUNK = 256
_OWNER_BITS = 64 - KEY_BITS  # a key and its article's number packed in one integer
_ROW_BITS = KEY_BITS - SUFFIX_BITS  # the top bits of a key name its postings row


class BatchKeys:
    """The band keys of a batch's new articles, per channel, gathered as the articles are read.

    Each key is packed with its article's number (``0 .. n - 1``) in one
    integer, key first, and kept in sorted arrays of a few hundred articles
    each: the many small arrays of the articles' ``Features.keys`` need not
    stay in memory beside them, and the keys of a range of postings rows are
    a slice of each array.
    """

    def __init__(self) -> None:
        self.n_keys = 0
        self._pending: list[tuple[int, tuple[np.ndarray, ...]]] = []
        self._chunks: list[list[np.ndarray]] = [[] for _ in CHANNELS]

    def add(self, article: int, keys: Sequence[np.ndarray]) -> None:
        """Take the keys of new article number ``article`` (one array per channel, ``Features.keys``)."""
        if article >= 1 << _OWNER_BITS:
            raise ValueError(f"a batch holds at most {1 << _OWNER_BITS} articles")
        self._pending.append((article, tuple(keys)))
        self.n_keys += sum(len(k) for k in keys)
        if len(self._pending) >= _CHUNK:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        for channel, chunks in enumerate(self._chunks):
            keys = [per_channel[channel] for _, per_channel in self._pending]
            owners = np.repeat(np.array([article for article, _ in self._pending], dtype=np.uint64), [len(k) for k in keys])
            packed = (np.concatenate(keys).astype(np.uint64) << np.uint64(_OWNER_BITS)) | owners
            packed.sort()
            chunks.append(packed)
        self._pending.clear()

    def in_rows(self, channel: int, first: int, end: int) -> tuple[np.ndarray, np.ndarray]:
        """``(keys, articles)`` of ``channel`` whose postings row is in ``first .. end - 1``."""
        self._flush()
        low = np.uint64(first << (64 - _ROW_BITS))
        picked = []
        for packed in self._chunks[channel]:
            stop = len(packed) if end >= 1 << _ROW_BITS else np.searchsorted(packed, np.uint64(end << (64 - _ROW_BITS)))
            picked.append(packed[np.searchsorted(packed, low) : stop])
        packed = np.concatenate(picked) if picked else np.zeros(0, dtype=np.uint64)
        return (packed >> np.uint64(_OWNER_BITS)).astype(np.int64), (packed & np.uint64((1 << _OWNER_BITS) - 1)).astype(np.int64)


def match_batch(
    conn: sqlite3.Connection, batch: BatchKeys, n_new: int, replaced: set[int], config: CandidateConfig
) -> tuple[list[tuple[int, int]], np.ndarray, list[int]]:
    """Candidate pairs ``(i, j)`` over new articles ``0 .. n_new - 1`` and stored ones after them.

    Returns the pairs (each with at least one new article), the rowids of
    the stored articles, in the order of their local numbers, and the new
    articles crowded out of matching (see :func:`_bucketed`). The postings
    of ``replaced`` rowids (stored versions of the batch's articles) are
    left out.

    The key space is matched in ranges of whole postings rows holding about
    :data:`KEYS_AT_ONCE` new keys each: the keys of a range are looked up in
    the index and bucketed, and the pair codes of every range are counted
    together at the end.
    """
    ranges = min(1 << max(0, (batch.n_keys - 1) // KEYS_AT_ONCE).bit_length(), 1 << _ROW_BITS)
    rows_each = (1 << _ROW_BITS) // ranges
    skip = np.array(sorted(replaced), dtype=np.int64)
    dead = dead_articles(conn)  # read once for every range
    parts, full, total = [], np.zeros(n_new, dtype=np.int64), np.zeros(n_new, dtype=np.int64)
    for first in range(0, 1 << _ROW_BITS, rows_each):
        mine = [batch.in_rows(channel, first, first + rows_each) for channel, _ in enumerate(CHANNELS)]
        distinct = [unique_sorted(keys) for keys, _ in mine]
        # One pass over the postings for both channels (their keys are folded apart), then split by channel.
        # Keys that more than max_bucket stored articles hold are banal whatever the batch adds: not fetched.
        got_keys, got_rowids, banal = find(conn, unique_sorted(np.concatenate(distinct)), limit=config.max_bucket, skip=skip, dead=dead)
        if len(got_rowids) and n_new + int(got_rowids.max()) >= 1 << 32:
            raise IndexFileError(
                "The index's article numbers have passed 2**32 (every version ever added counts): "
                "rebuild it with 'reuse index add FOLDER --index NEW_PATH'."
            )
        for (keys, owners), asked, name in zip(mine, distinct, CHANNELS):
            hit = members(got_keys, asked) if len(asked) else np.zeros(len(got_keys), dtype=bool)
            # A stored article's number is n_new + its rowid until the pairs are known.
            everyone = np.concatenate((owners, n_new + got_rowids[hit]))
            pieces, crowd = _bucketed(np.concatenate((keys, got_keys[hit])), everyone, n_new, banal, config.max_bucket, needed_hits(name, config))
            parts.extend((name, piece) for piece in pieces)
            if name == "verbatim":
                full += crowd[0]
                total += crowd[1]
    crowded = np.flatnonzero(crowded_out(full, total)).tolist()
    # Each piece holds a pair at most as often as its channel needs: counted over all pieces, as the scan's bands are.
    pairs, rowids = renumber_stored(candidate_pairs(parts, config), n_new)  # a stored article was n_new + its rowid
    return pairs, rowids, crowded


def renumber_stored(pairs: list[tuple[int, int]], n_new: int) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The pairs with the stored articles they involve (numbers from ``n_new``) renumbered ``n_new, n_new + 1, ...`` in order.

    Also returns the old numbers of those articles, less ``n_new``.

    >>> renumber_stored([(0, 9), (1, 5), (0, 1)], 2)
    ([(0, 3), (1, 2), (0, 1)], array([3, 7]))
    """
    used = sorted({j for _, j in pairs if j >= n_new})
    renumber = {old: n_new + k for k, old in enumerate(used)}
    return [(i, renumber.get(j, j)) for i, j in pairs], np.array(used, dtype=np.int64) - n_new


def _bucketed(
    keys: np.ndarray, owners: np.ndarray, n_new: int, banal: np.ndarray, max_bucket: int, needed: int
) -> tuple[list[np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Pairs ``i < j`` sharing a bucket, ``i`` a new article, and how crowded the new articles' buckets are.

    ``keys`` and ``owners`` hold the new articles' keys (owners below
    ``n_new``) and the stored ones fetched; ``banal`` keys were not fetched,
    as more than ``max_bucket`` stored articles hold each. As the scan
    buckets them (:func:`reuse.candidates.band_hits`): a bucket of more than
    ``max_bucket`` articles, or a banal one, makes no pair, between new
    articles either. In a bucket sorted by owner the new articles come
    first, so each new member pairs with the members after it, and pairs of
    stored articles are never made. The pair codes (``i * 2**32 + j``, one
    per bucket the pair shares) come in sorted pieces of about
    :data:`PAIRS_AT_ONCE`, each code kept at most ``needed`` times
    (:func:`reuse.candidates.capped`), for
    :func:`reuse.candidates.candidate_pairs` to count.

    The crowding is, per new article, its keys that are banal or in buckets
    of more than ``max_bucket`` articles, and all its keys: summed over the
    key ranges, :func:`reuse.candidates.crowded_out` tells the articles
    crowded out, as the scan counts them (:func:`reuse.candidates.crowded_articles`).
    """
    if len(keys) == 0:
        return [], (np.zeros(n_new, dtype=np.int64), np.zeros(n_new, dtype=np.int64))
    keys, owners = _by_bucket(keys, owners)
    starts, sizes = _buckets(keys)
    new = owners < n_new
    is_banal = members(keys, banal) if len(banal) else None
    full = np.repeat(sizes > max_bucket, sizes)[new]
    if is_banal is not None:
        full |= is_banal[new]
    mine = owners[new]
    crowd = np.bincount(mine[full], minlength=n_new), np.bincount(mine, minlength=n_new)
    if is_banal is not None:  # too common among the stored articles alone: no pair, between new ones either
        keep = ~is_banal
        keys, owners, new = keys[keep], owners[keep], new[keep]
        starts, sizes = _buckets(keys)
    ok = np.repeat((sizes >= 2) & (sizes <= max_bucket), sizes)
    first = np.flatnonzero(ok & new)
    later = np.repeat(starts + sizes, sizes)[first] - first - 1  # members after it in its bucket
    cuts = np.searchsorted(np.cumsum(later), np.arange(PAIRS_AT_ONCE, int(later.sum()), PAIRS_AT_ONCE))
    pieces = []
    for lo, hi in zip(np.concatenate(([0], cuts)), np.concatenate((cuts, [len(first)]))):
        codes = pairs_after(owners, first[lo:hi], later[lo:hi])
        if len(codes):
            pieces.append(capped(codes, needed))
    return pieces, crowd


def _by_bucket(keys: np.ndarray, owners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``keys`` and ``owners`` sorted by key then owner, one entry per (key, owner).

    Packed into one integer and sorted when both fit in 64 bits (numpy
    sorts integers several times faster than it argsorts them).
    """
    bits = max(1, int(owners.max()).bit_length())
    if int(keys.max()).bit_length() + bits <= 64 and int(keys.min()) >= 0:
        packed = np.sort((keys.astype(np.uint64) << np.uint64(bits)) | owners.astype(np.uint64))
        packed = packed[np.concatenate(([True], packed[1:] != packed[:-1]))]
        return (packed >> np.uint64(bits)).astype(np.int64), (packed & np.uint64((1 << bits) - 1)).astype(np.int64)
    order = np.lexsort((owners, keys))
    keys, owners = keys[order], owners[order]
    first = np.concatenate(([True], (keys[1:] != keys[:-1]) | (owners[1:] != owners[:-1])))
    return keys[first], owners[first]


def _buckets(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of equal ``keys`` (sorted) starts, and its length."""
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))) if len(keys) else np.zeros(0, dtype=np.int64)
    return starts, np.diff(np.append(starts, len(keys)))
