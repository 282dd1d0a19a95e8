"""The band-key postings of an index: append-only segments of packed numpy arrays.

A posting says "article ``a`` has a window in bucket ``k``" (``k`` a 44-bit
band key, see ``features.py``). One SQLite row per posting made the postings
over 90% of the file and most of the time of an ``add``; here each flush of
an ``add`` writes one *segment*: its postings sorted by key and split by the
key's top 12 bits into at most 4,096 rows, each row two BLOBs of
little-endian numpy arrays:

``keys``
    The low 32 bits of the keys, sorted (``uint32``).
``articles``
    Each posting's article rowid minus the row's ``base`` (``uint16`` when
    the segment's articles span fewer than 65,536 rowids, else ``uint32``).

So an ``add`` does a few thousand large inserts instead of millions of small
ones, a posting costs 6 bytes, and a lookup reads, for each 12-bit prefix
its keys touch, one row per segment and binary-searches it in place
(``np.frombuffer``: nothing is decoded, nothing executable is stored).

Postings are never deleted one by one: an article replaced by a new version
or removed goes into ``dead`` and its postings are skipped when read.
:func:`compact` rewrites the segments without them (one per 65,536
rowids), in the caller's transaction; ``add`` calls it when segments pile up.
"""

from __future__ import annotations

import sqlite3

import numpy as np

from ..text import ranks
from .features import KEY_BITS

__all__ = ["compact", "dead_articles", "find", "live_postings", "mark_dead", "segments_since_compaction", "write_segment"]

# Of the KEY_BITS of a band key, the top 12 name the row and the low 32 are stored.
_LOW = 32
_LOW_MASK = np.uint64(0xFFFFFFFF)
#: Article offsets are packed under the key in one 64-bit sort key.
_OFFSET_BITS = 64 - KEY_BITS


def _pack(suffixes: np.ndarray, offsets: np.ndarray) -> tuple[int, bytes, bytes]:
    width = 2 if len(offsets) == 0 or int(offsets.max()) < 2**16 else 4
    return width, suffixes.astype("<u4").tobytes(), offsets.astype("<u2" if width == 2 else "<u4").tobytes()


def _insert(conn: sqlite3.Connection, segment: int, rows) -> None:
    conn.executemany(
        "INSERT INTO postings (bucket, segment, base, width, keys, articles) VALUES (?, ?, ?, ?, ?, ?)",
        ((bucket, segment, base, *_pack(suffixes, offsets)) for bucket, base, suffixes, offsets in rows),
    )


def _next_segment(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(segment), -1) + 1 FROM postings").fetchone()[0]


def write_segment(conn: sqlite3.Connection, keys: np.ndarray, owners: np.ndarray) -> None:
    """Write the postings ``(keys[i], owners[i])`` as a new segment (inside the caller's transaction).

    ``keys`` are 44-bit band keys, ``owners`` article rowids spanning fewer
    than 2**20 values.
    """
    if len(keys) == 0:
        return
    base = int(owners.min())
    offsets = (owners - base).astype(np.uint64)
    if int(offsets.max()) >= 2**_OFFSET_BITS:
        raise ValueError("a segment's articles must span fewer than 2**20 rowids")
    # One sort of (key, article) packed in 64 bits: cheaper than a lexsort.
    packed = np.sort((keys.astype(np.uint64) << np.uint64(_OFFSET_BITS)) | offsets)
    packed = packed[np.concatenate(([True], packed[1:] != packed[:-1]))]
    buckets = (packed >> np.uint64(_OFFSET_BITS + _LOW)).astype(np.int64)
    suffixes = (packed >> np.uint64(_OFFSET_BITS)) & _LOW_MASK
    offsets = packed & np.uint64(2**_OFFSET_BITS - 1)
    starts = np.flatnonzero(np.concatenate(([True], buckets[1:] != buckets[:-1])))
    ends = np.append(starts[1:], len(packed))
    _insert(conn, _next_segment(conn), ((int(buckets[s]), base, suffixes[s:e], offsets[s:e]) for s, e in zip(starts, ends)))


def mark_dead(conn: sqlite3.Connection, rowids) -> None:
    """Leave the postings of articles ``rowids`` out of every lookup from now on."""
    conn.executemany("INSERT OR IGNORE INTO dead (article) VALUES (?)", ((int(r),) for r in rowids))


def dead_articles(conn: sqlite3.Connection) -> np.ndarray:
    """Sorted rowids whose postings are skipped."""
    return np.array([r for (r,) in conn.execute("SELECT article FROM dead ORDER BY article")], dtype=np.int64)


def _rows(conn: sqlite3.Connection, buckets):
    """``(bucket, keys, articles)`` per stored row of ``buckets``, articles as absolute rowids."""
    cursor = conn.execute(
        "SELECT p.bucket, p.base, p.width, p.keys, p.articles FROM json_each(?) q CROSS JOIN postings p ON p.bucket = q.value",
        (_json_list(buckets),),
    )
    for bucket, base, width, keys, articles in cursor:
        yield bucket, base, np.frombuffer(keys, dtype="<u4"), np.frombuffer(articles, dtype="<u2" if width == 2 else "<u4")


def _json_list(values) -> str:
    return "[" + ",".join(str(int(v)) for v in values) + "]"


def find(conn: sqlite3.Connection, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The live postings of ``keys`` (sorted distinct 44-bit keys): ``(keys, rowids)``, one entry per posting.

    Reads one row per segment for each 12-bit prefix of ``keys``, and from
    each only the entries equal to a key asked for.
    """
    keys = np.asarray(keys, dtype=np.int64)
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    prefixes = keys >> _LOW
    starts = np.flatnonzero(np.concatenate(([True], prefixes[1:] != prefixes[:-1])))
    wanted = {int(prefixes[s]): (keys[s:e] & 0xFFFFFFFF).astype(np.uint32) for s, e in zip(starts, np.append(starts[1:], len(keys)))}
    got_keys, got_rowids = [], []
    for bucket, base, suffixes, offsets in _rows(conn, wanted):
        asked = wanted[bucket]
        lo = np.searchsorted(suffixes, asked, "left")
        n = np.searchsorted(suffixes, asked, "right") - lo
        if not n.any():
            continue
        positions = np.repeat(lo, n) + ranks(n)
        got_keys.append((np.int64(bucket) << _LOW) | np.repeat(asked, n).astype(np.int64))
        got_rowids.append(offsets[positions].astype(np.int64) + base)
    if not got_keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    found_keys, rowids = np.concatenate(got_keys), np.concatenate(got_rowids)
    dead = dead_articles(conn)
    if len(dead):
        live = ~np.isin(rowids, dead)
        found_keys, rowids = found_keys[live], rowids[live]
    return found_keys, rowids


def live_postings(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    """Every live posting as ``(key, rowid)``, sorted (for tests and checks; reads the whole index)."""
    dead = set(dead_articles(conn).tolist())
    out = []
    for bucket, base, suffixes, offsets in _rows(conn, range(2 ** (KEY_BITS - _LOW))):
        out += [((bucket << _LOW) | s, base + o) for s, o in zip(suffixes.tolist(), offsets.tolist()) if base + o not in dead]
    return sorted(out)


def compact(conn: sqlite3.Connection) -> None:
    """Rewrite all segments without the postings of dead articles (inside the caller's transaction).

    The result is one segment per 65,536 rowids of live articles, so that
    article offsets stay 16-bit. One 12-bit prefix at a time: memory follows
    a row, not the index.
    """
    first = _next_segment(conn)
    dead = dead_articles(conn)
    lowest = conn.execute("SELECT coalesce(min(rowid), 0) FROM articles WHERE current = 1").fetchone()[0]
    last = first - 1
    for (bucket,) in conn.execute("SELECT DISTINCT bucket FROM postings WHERE segment < ?", (first,)).fetchall():
        parts = list(_rows(conn, [bucket]))
        suffixes = np.concatenate([p[2] for p in parts]).astype(np.uint32)
        rowids = np.concatenate([p[3].astype(np.int64) + p[1] for p in parts])
        if len(dead):
            live = ~np.isin(rowids, dead)
            suffixes, rowids = suffixes[live], rowids[live]
        conn.execute("DELETE FROM postings WHERE bucket = ?", (bucket,))
        order = np.lexsort((rowids, suffixes))
        suffixes, rowids = suffixes[order], rowids[order]
        chunks = (rowids - lowest) >> 16
        rows = []
        for chunk in np.unique(chunks).tolist():
            mine = chunks == chunk
            base = lowest + (chunk << 16)
            rows.append((first + chunk, bucket, base, suffixes[mine], rowids[mine] - base))
            last = max(last, first + chunk)
        for segment, *row in rows:
            _insert(conn, segment, [row])
    conn.execute("DELETE FROM dead")
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('compacted', ?)", (str(last),))


def segments_since_compaction(conn: sqlite3.Connection) -> int:
    """Segments written by adds since the last :func:`compact` (all of them if never)."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'compacted'").fetchone()
    after = int(row[0]) if row else -1
    return conn.execute("SELECT count(DISTINCT segment) FROM postings WHERE segment > ?", (after,)).fetchone()[0]
