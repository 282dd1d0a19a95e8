"""The index's corpus-wide counts, and changes to them gathered per article.

``add`` and ``remove`` gather each article's contribution (``+1`` or ``-1``
per stem and candidate boilerplate line, and per article) and write the
sums in one go; ``check`` adds the batch's contribution to the stored counts
in memory, for only the keys it needs, and so sees the counts a scan over
the index and the batch together would have.
"""

from __future__ import annotations

import sqlite3

import numpy as np

from ..config import BoilerplateConfig
from ..errors import IndexDamaged
from .features import Features
from .store import lookup

__all__ = ["Counts", "learned_lines"]

_TABLES = {"stems": "stem", "lines": "key"}


class Counts:
    """Signed changes to the stored counts."""

    def __init__(self) -> None:
        self.n_docs = 0
        self.postings = 0
        self._values: dict[str, list[np.ndarray]] = {"stems": [], "lines": []}
        self._signs: dict[str, list[np.ndarray]] = {"stems": [], "lines": []}

    def add(self, features: Features, sign: int) -> None:
        """Count one article in (``sign=1``) or out (``sign=-1``)."""
        self.n_docs += sign
        self.postings += sign * sum(len(keys) for keys in features.keys)
        for table, values in (("stems", features.stems), ("lines", features.line_keys)):
            self._values[table].append(values)
            self._signs[table].append(np.full(len(values), sign, dtype=np.int64))

    def delta(self, table: str) -> tuple[np.ndarray, np.ndarray]:
        """Sorted distinct keys of ``table`` with their summed nonzero changes."""
        if not self._values[table]:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        values = np.concatenate(self._values[table])
        signs = np.concatenate(self._signs[table])
        keys, inverse = np.unique(values, return_inverse=True)
        sums = np.bincount(inverse.ravel(), weights=signs, minlength=len(keys)).astype(np.int64)
        nonzero = sums != 0
        return keys[nonzero], sums[nonzero]

    def write(self, conn: sqlite3.Connection) -> None:
        """Apply the changes to the index (inside the caller's transaction) and start afresh."""
        for table, column in _TABLES.items():
            keys, sums = self.delta(table)
            conn.executemany(
                f"INSERT INTO {table} ({column}, n) VALUES (?, ?) ON CONFLICT ({column}) DO UPDATE SET n = n + excluded.n",
                zip(keys.tolist(), sums.tolist()),
            )
            gone = keys[sums < 0].tolist()
            conn.executemany(f"DELETE FROM {table} WHERE {column} = ? AND n <= 0", ((k,) for k in gone))
        for key, change in (("n_docs", self.n_docs), ("postings", self.postings)):
            if change:
                conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = ?", (change, key))
        self.__init__()

    def combined(self, conn: sqlite3.Connection, table: str, keys: np.ndarray) -> np.ndarray:
        """Stored count plus change for each of ``keys`` (sorted distinct int64)."""
        column = _TABLES[table]
        stored = dict(lookup(conn, f"SELECT t.{column}, t.n FROM json_each(?) q CROSS JOIN {table} t ON t.{column} = q.value", keys.tolist()))
        try:
            counts = np.array([stored.get(k, 0) for k in keys.tolist()], dtype=np.int64)
        except (TypeError, ValueError, OverflowError):
            raise IndexDamaged(f"its {table} counts hold values that are no counts") from None
        changed, sums = self.delta(table)
        pos = np.searchsorted(keys, changed)
        inside = pos < len(keys)
        hit = np.zeros(len(changed), dtype=bool)
        hit[inside] = keys[pos[inside]] == changed[inside]
        np.add.at(counts, pos[hit], sums[hit])
        return counts


def learned_lines(conn: sqlite3.Connection, counts: Counts, keys: np.ndarray, config: BoilerplateConfig) -> frozenset[int]:
    """Of the line ``keys`` (sorted distinct int64), those the index and ``counts`` see in at least ``config.min_docs``
    articles: the boilerplate a scan of them all would learn (:func:`reuse.boilerplate.learn_boilerplate`), as the
    unsigned keys :func:`reuse.boilerplate.mask_lines` takes."""
    seen = counts.combined(conn, "lines", keys)
    return frozenset(keys[seen >= config.min_docs].view(np.uint64).tolist())
