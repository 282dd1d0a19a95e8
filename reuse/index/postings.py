"""The band-key postings of an index: append-only segments of packed numpy arrays.

A posting says "article ``a`` has a window in bucket ``k``" (``k`` a 36-bit
band key, see ``features.py``). Each flush of an ``add`` writes one
*segment*: its postings sorted by key and split by the key's top 12 bits
into at most 4,096 rows, each row two BLOBs:

``keys``
    The low 24 bits of the keys, sorted, 2 bytes each (``codec.encode_keys``).
``articles``
    Each posting's article rowid minus the row's ``base`` (``uint16`` when
    the segment's articles span fewer than 65,536 rowids, else ``uint32``).

So a posting costs 4 bytes, and a lookup reads, for each 12-bit prefix its
keys touch, one row per segment, decodes its keys (one cumulative sum) and
binary-searches them. ``segments`` lists each segment's postings and rowids.

Postings are never deleted one by one: an article replaced by a new version
or removed goes into ``dead`` and its postings are skipped when read.
Segments are merged as in a log-structured store (:func:`merge_segments`):
when four segments of one size class (a power of four of postings) pile
up, they are rewritten as one, without dead postings, so that each posting
is rewritten about log4(postings / batch) times in all and a lookup reads few
segments. :func:`compact` rewrites everything (one segment per 65,536
rowids) and empties ``dead``; ``add`` calls it when a quarter of the
articles are dead.
"""

from __future__ import annotations

import math
import sqlite3

import numpy as np

from ..errors import IndexDamaged
from ..text import members, ranks
from .codec import SUFFIX_BITS, decode_keys, encode_key_rows, encode_keys
from .features import KEY_BITS

__all__ = [
    "compact",
    "dead_articles",
    "find",
    "live_postings",
    "mark_dead",
    "merge_segments",
    "segments_to_merge",
    "write_segment",
]

# Of the KEY_BITS of a band key, the top 12 name the row and the low SUFFIX_BITS are stored.
_LOW = SUFFIX_BITS
_LOW_MASK = 2**_LOW - 1
#: Article offsets are packed under the key in one 64-bit sort key.
_OFFSET_BITS = 64 - KEY_BITS
#: Segments of one size class merged at once (the size classes are powers of this).
MERGE_FACTOR = 4
#: A merged segment's articles must span fewer rowids than this, so that offsets stay 16-bit.
_SPAN = 2**16


_INSERT = "INSERT INTO postings (bucket, segment, base, width, n, keys, articles) VALUES (?, ?, ?, ?, ?, ?, ?)"


def _pack(suffixes: np.ndarray, offsets: np.ndarray) -> tuple[int, int, bytes, bytes]:
    width = 2 if len(offsets) == 0 or int(offsets.max()) < 2**16 else 4
    return width, len(suffixes), encode_keys(suffixes), offsets.astype("<u2" if width == 2 else "<u4").tobytes()


def _insert(conn: sqlite3.Connection, segment: int, rows) -> None:
    conn.executemany(
        _INSERT,
        ((bucket, segment, base, *_pack(suffixes, offsets)) for bucket, base, suffixes, offsets in rows),
    )


def _next_segment(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(segment), -1) + 1 FROM segments").fetchone()[0]


def _record(conn: sqlite3.Connection, segment: int, postings: int, first: int, last: int) -> None:
    conn.execute("INSERT INTO segments (segment, postings, first, last) VALUES (?, ?, ?, ?)", (segment, postings, first, last))


def _write_sorted(conn: sqlite3.Connection, segment: int, packed: np.ndarray, base: int) -> None:
    """Postings sorted as ``key << _OFFSET_BITS | offset`` (distinct), as rows of ``segment``."""
    # Where each 12-bit prefix begins, by binary search: no per-posting bucket array.
    edges = np.arange(2 ** (KEY_BITS - _LOW), dtype=np.uint64) << np.uint64(_OFFSET_BITS + _LOW)
    bounds = np.append(np.searchsorted(packed, edges), len(packed))
    buckets = np.flatnonzero(bounds[1:] > bounds[:-1])
    starts, ends = bounds[buckets], bounds[buckets + 1]
    suffixes = ((packed >> np.uint64(_OFFSET_BITS)) & np.uint64(_LOW_MASK)).astype(np.uint32)
    offsets = packed & np.uint64(2**_OFFSET_BITS - 1)
    if int(offsets.max()) >= 2**16:
        _insert(conn, segment, ((int(b), base, suffixes[s:e], offsets[s:e]) for b, s, e in zip(buckets, starts, ends)))
        return
    # Every row 16-bit (as :func:`_pack` decides a row at a time): the keys encoded in one pass.
    narrow = offsets.astype("<u2")
    conn.executemany(
        _INSERT,
        (
            (b, segment, base, 2, e - s, blob, narrow[s:e].tobytes())
            for b, s, e, blob in zip(buckets.tolist(), starts.tolist(), ends.tolist(), encode_key_rows(suffixes, starts))
        ),
    )


def write_segment(conn: sqlite3.Connection, keys: np.ndarray, owners: np.ndarray) -> None:
    """Write the postings ``(keys[i], owners[i])`` as a new segment (inside the caller's transaction).

    ``keys`` are ``KEY_BITS``-bit band keys, ``owners`` article rowids spanning fewer
    than ``2**_OFFSET_BITS`` values.
    """
    if len(keys) == 0:
        return
    if int(keys.min()) < 0 or int(keys.max()) >= 2**KEY_BITS:
        raise ValueError(f"band keys must be {KEY_BITS}-bit (0 <= key < 2**{KEY_BITS})")
    base = int(owners.min())
    offsets = (owners - base).astype(np.uint64)
    if int(offsets.max()) >= 2**_OFFSET_BITS:
        raise ValueError(f"a segment's articles must span fewer than 2**{_OFFSET_BITS} rowids")
    # One sort of (key, article) packed in 64 bits: cheaper than a lexsort. In place: a batch holds millions.
    packed = keys.astype(np.uint64)
    packed <<= np.uint64(_OFFSET_BITS)
    packed |= offsets
    del offsets
    # Timsort: an add's postings come as one sorted run per article and channel (``Features.keys`` are distinct, so
    # sorted), which it merges: 0.7 s against quicksort's 1.0 s for 14 million in 10,000 runs, for a buffer of half the array.
    packed.sort(kind="stable")
    repeated = packed[1:] == packed[:-1]
    if repeated.any():
        packed = packed[np.concatenate(([True], ~repeated))]
    del repeated
    segment = _next_segment(conn)
    _write_sorted(conn, segment, packed, base)
    _record(conn, segment, len(packed), base, int(owners.max()))


def mark_dead(conn: sqlite3.Connection, rowids) -> None:
    """Leave the postings of articles ``rowids`` out of every lookup from now on."""
    conn.executemany("INSERT OR IGNORE INTO dead (article) VALUES (?)", ((int(r),) for r in rowids))


def dead_articles(conn: sqlite3.Connection) -> np.ndarray:
    """Sorted rowids whose postings are skipped."""
    return np.array([r for (r,) in conn.execute("SELECT article FROM dead ORDER BY article")], dtype=np.int64)


def _decoded(row):
    bucket, base, width, n, keys, articles = row
    if width not in (2, 4) or not isinstance(articles, bytes) or len(articles) != width * n:
        raise IndexDamaged(f"a row of postings holds {n!r} keys of width {width!r} in {len(articles) if isinstance(articles, bytes) else type(articles).__name__} bytes")
    return bucket, base, decode_keys(keys, n), np.frombuffer(articles, dtype="<u2" if width == 2 else "<u4")


def _rows(conn: sqlite3.Connection, buckets):
    """``(bucket, base, keys, offsets)`` per stored row of ``buckets``."""
    cursor = conn.execute(
        "SELECT p.bucket, p.base, p.width, p.n, p.keys, p.articles FROM json_each(?) q CROSS JOIN postings p "
        "ON p.bucket = q.value",
        (_json_list(buckets),),
    )
    for row in cursor:
        yield _decoded(row)


def _sql_list(values) -> str:
    """Integers for an SQL ``IN (...)``: ``1,2,3``."""
    return ",".join(str(int(v)) for v in values)


def _json_list(values) -> str:
    return f"[{_sql_list(values)}]"


def find(
    conn: sqlite3.Connection,
    keys: np.ndarray,
    *,
    limit: int | None = None,
    skip: np.ndarray | None = None,
    dead: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The live postings of ``keys`` (sorted distinct ``KEY_BITS``-bit keys): ``(keys, rowids, banal)``.

    ``keys`` and ``rowids`` have one entry per posting. Reads one row per
    segment for each 12-bit prefix of ``keys``, and from each only the
    entries equal to a key asked for. The postings of the articles ``skip``
    (sorted rowids) are left out, as are those of dead articles; with
    ``limit``, so is every posting of a key that more than ``limit``
    articles hold, and the key is in ``banal`` (sorted): a bucket that many
    stored articles share is banal whatever a batch adds to it, and its
    postings would grow with the index (a footer every article of a site
    carries). The caller must leave ``banal`` keys out of its own buckets too.
    ``dead``: :func:`dead_articles`, when the caller has read them already
    (for many calls in one transaction).
    """
    keys = np.asarray(keys, dtype=np.int64)
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    prefixes = keys >> _LOW
    starts = np.flatnonzero(np.concatenate(([True], prefixes[1:] != prefixes[:-1])))
    wanted = {int(prefixes[s]): (keys[s:e] & _LOW_MASK).astype(np.uint32) for s, e in zip(starts, np.append(starts[1:], len(keys)))}
    left_out = dead_articles(conn) if dead is None else dead
    if skip is not None and len(skip):
        left_out = np.union1d(left_out, np.asarray(skip, dtype=np.int64))
    got_keys, got_rowids, banal = [], [], []
    bucket_keys, bucket_rowids = [], []  # one prefix's hits, over its rows in every segment

    def close_bucket() -> None:
        if not bucket_keys:
            return
        found_keys, rowids = np.concatenate(bucket_keys), np.concatenate(bucket_rowids)
        bucket_keys.clear()
        bucket_rowids.clear()
        if len(left_out):
            live = ~members(rowids, left_out)
            found_keys, rowids = found_keys[live], rowids[live]
        if limit is not None and len(found_keys) > limit:
            asked = wanted[current]  # sorted: every key found is one of them
            slot = np.searchsorted(asked, (found_keys & _LOW_MASK).astype(np.uint32))
            per_key = np.bincount(slot, minlength=len(asked))
            banal.append((np.int64(current) << _LOW) | asked[per_key > limit].astype(np.int64))
            common = per_key[slot] <= limit
            found_keys, rowids = found_keys[common], rowids[common]
        got_keys.append(found_keys)
        got_rowids.append(rowids)

    current = None
    for bucket, base, suffixes, offsets in _rows(conn, wanted):
        if bucket != current:
            close_bucket()
            current = bucket
        asked = wanted[bucket]
        lo = np.searchsorted(suffixes, asked, "left")
        # Most keys asked are not in the row: the end of a run of equal keys is looked for only for those found.
        hit = np.flatnonzero(suffixes[np.minimum(lo, len(suffixes) - 1)] == asked) if len(suffixes) else lo[:0]
        if not len(hit):
            continue
        asked, lo = asked[hit], lo[hit]
        n = np.searchsorted(suffixes, asked, "right") - lo
        positions = np.repeat(lo, n) + ranks(n)
        bucket_keys.append((np.int64(bucket) << _LOW) | np.repeat(asked, n).astype(np.int64))
        bucket_rowids.append(offsets[positions].astype(np.int64) + base)
    close_bucket()
    too_common = np.concatenate(banal) if banal else np.zeros(0, dtype=np.int64)
    if not got_keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), too_common
    return np.concatenate(got_keys), np.concatenate(got_rowids), too_common


def live_postings(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    """Every live posting as ``(key, rowid)``, sorted (for tests and checks; reads the whole index)."""
    dead = set(dead_articles(conn).tolist())
    out = []
    for bucket, base, suffixes, offsets in _rows(conn, range(2 ** (KEY_BITS - _LOW))):
        out += [((bucket << _LOW) | s, base + o) for s, o in zip(suffixes.tolist(), offsets.tolist()) if base + o not in dead]
    return sorted(out)


def _rewrite(conn: sqlite3.Connection, segments: list[int], chunk_of) -> list[tuple[int, int, int, int]]:
    """Rewrite the rows of ``segments`` without dead postings, one bucket at a time (memory follows a row).

    ``chunk_of(rowids) -> (chunks, bases)`` says which new segment (numbered
    from 0) each live posting goes to and that segment's base rowid.
    Returns ``(new segment, postings, first rowid, last rowid)`` per new segment.
    """
    first_new = _next_segment(conn)
    dead = dead_articles(conn)
    chosen = _sql_list(segments)
    made: dict[int, list[int]] = {}
    pending: list = []

    def flush() -> None:
        if not pending:
            return
        bucket = pending[0][0]
        suffixes = np.concatenate([p[2] for p in pending])
        rowids = np.concatenate([p[3].astype(np.int64) + p[1] for p in pending])
        if len(dead):
            live = ~np.isin(rowids, dead)
            suffixes, rowids = suffixes[live], rowids[live]
        pending.clear()
        if len(rowids) == 0:
            return
        chunks, bases = chunk_of(rowids)
        if chunks[0] == chunks[-1] and (chunks == chunks[0]).all():
            parts = [(int(chunks[0]), suffixes, rowids)]
        else:
            parts = [(c, suffixes[chunks == c], rowids[chunks == c]) for c in np.unique(chunks).tolist()]
        for chunk, part_suffixes, part_rowids in parts:
            base = int(bases[chunk])
            offsets = (part_rowids - base).astype(np.uint64)
            # Each segment's rows are sorted and their rowids apart: a stable sort merges the runs.
            packed = np.sort((part_suffixes.astype(np.uint64) << np.uint64(_OFFSET_BITS)) | offsets, kind="stable")
            keys = (packed >> np.uint64(_OFFSET_BITS)).astype(np.uint32)
            _insert(conn, first_new + chunk, [(bucket, base, keys, packed & np.uint64(2**_OFFSET_BITS - 1))])
            low, high = int(part_rowids.min()), int(part_rowids.max())
            got = made.setdefault(chunk, [0, low, high])
            got[0] += len(part_rowids)
            got[1], got[2] = min(got[1], low), max(got[2], high)

    buckets = [b for (b,) in conn.execute(f"SELECT DISTINCT bucket FROM postings WHERE segment IN ({chosen})").fetchall()]
    for bucket in buckets:
        # Fetched whole before the bucket's new rows go in: a table is not written while a cursor reads it.
        rows = conn.execute(
            f"SELECT bucket, base, width, n, keys, articles FROM postings WHERE bucket = ? AND segment IN ({chosen})", (bucket,)
        ).fetchall()
        pending.extend(_decoded(row) for row in rows)
        flush()
    conn.execute(f"DELETE FROM postings WHERE segment IN ({chosen})")
    conn.execute(f"DELETE FROM segments WHERE segment IN ({chosen})")
    out = []
    for chunk, (postings, first, last) in sorted(made.items()):
        _record(conn, first_new + chunk, postings, first, last)
        out.append((first_new + chunk, postings, first, last))
    return out


def segments_to_merge(conn: sqlite3.Connection) -> list[int]:
    """The segments to merge next: :data:`MERGE_FACTOR` of one size class whose articles span < 65,536 rowids.

    Size classes are powers of :data:`MERGE_FACTOR` of the postings; the
    oldest full class is merged first. Empty when nothing is to be merged.
    """
    rows = conn.execute("SELECT segment, postings, first, last FROM segments ORDER BY first").fetchall()
    classes: dict[int, list[tuple[int, int, int]]] = {}
    for segment, postings, first, last in rows:
        level = int(math.log(max(postings, 1), MERGE_FACTOR))
        classes.setdefault(level, []).append((segment, first, last))
    for level in sorted(classes):
        members = classes[level]
        for k in range(len(members) - MERGE_FACTOR + 1):
            group = members[k : k + MERGE_FACTOR]
            if max(m[2] for m in group) - min(m[1] for m in group) < _SPAN:
                return [m[0] for m in group]
    return []


def merge_segments(conn: sqlite3.Connection, segments: list[int]) -> None:
    """Rewrite ``segments`` as one, without dead postings (inside the caller's transaction)."""
    first = conn.execute(
        f"SELECT min(first), max(last) FROM segments WHERE segment IN ({_sql_list(segments)})"
    ).fetchone()
    if first[0] is None:
        return
    if first[1] - first[0] >= 2**_OFFSET_BITS:
        raise ValueError(f"merged segments must span fewer than 2**{_OFFSET_BITS} rowids")
    base = np.array([first[0]], dtype=np.int64)
    _rewrite(conn, segments, lambda rowids: (np.zeros(len(rowids), dtype=np.int64), base))


def compact(conn: sqlite3.Connection) -> None:
    """Rewrite all segments without the postings of dead articles (inside the caller's transaction).

    The result is one segment per 65,536 rowids of live articles, so that
    article offsets stay 16-bit. One 12-bit prefix at a time: memory follows
    a row, not the index.
    """
    segments = [s for (s,) in conn.execute("SELECT segment FROM segments")]
    lowest = conn.execute("SELECT coalesce(min(rowid), 0) FROM articles WHERE current = 1").fetchone()[0]
    highest = conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]
    bases = lowest + (np.arange(((highest - lowest) >> 16) + 2, dtype=np.int64) << 16)
    if segments:
        _rewrite(conn, segments, lambda rowids: ((rowids - lowest) >> 16, bases))
    conn.execute("DELETE FROM dead")
