"""Adding articles to an index and removing them, each call one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike

import numpy as np

from ..config import ScanConfig
from ..model import Article
from .features import Features, article_from, article_meta, content_digest, read_article
from .stats import Counts
from ..parallel import read_features
from ..pipeline import needs_fallback, sorted_unique
from .postings import compact, mark_dead, segments_since_compaction, write_segment
from .store import compress, connect, current_languages, current_rows, index_config, last_versions, stored_articles

__all__ = ["AddResult", "RemoveResult", "add_articles", "remove_articles"]

#: Postings are written as one segment every this many articles: fewer,
#: larger segments make lookups cheaper, for about 45 MB of keys held per
#: 1,000 articles. Below 65,536 so that a segment's articles fit 16 bits.
_FLUSH = 5000
#: ``add`` compacts the postings when it finds more than this many segments written since the last compaction.
MAX_SEGMENTS = 8


@dataclass(frozen=True)
class AddResult:
    """What one ``add`` did: ids added for the first time, given a new version, or unchanged."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]


@dataclass(frozen=True)
class RemoveResult:
    """Ids removed (every version), and ids asked for that the index does not hold."""

    removed: tuple[str, ...]
    missing: tuple[str, ...]


@contextmanager
def write_transaction(conn: sqlite3.Connection):
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception (Ctrl-C included)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def stored_features(conn: sqlite3.Connection, rowids: Sequence[int], config: ScanConfig, *, sketch: bool = True) -> dict[int, Features]:
    """Features of stored articles, re-read exactly as they were when added (``sketch=False``: no band keys)."""
    return {
        rowid: read_article(article_from(article_id, meta, text), config, stored=(language, detected), sketch=sketch)
        for rowid, article_id, language, detected, meta, text in stored_articles(conn, rowids)
    }


def _delete(conn: sqlite3.Connection, rowid: int, features: Features, counts: Counts) -> None:
    """Take a current version out of the matching: its postings and counts."""
    mark_dead(conn, [rowid])
    counts.add(features, -1)


class _Postings:
    """Postings buffered and written as one segment."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.keys: list[np.ndarray] = []
        self.owners: list[np.ndarray] = []

    def add(self, features: Features, rowid: int) -> None:
        keys = np.concatenate(features.keys)
        self.keys.append(keys)
        self.owners.append(np.full(len(keys), rowid, dtype=np.int64))

    def write(self) -> None:
        if not self.keys:
            return
        write_segment(self.conn, np.concatenate(self.keys), np.concatenate(self.owners))
        self.keys.clear()
        self.owners.clear()


def add_articles(
    index: str | PathLike,
    articles: Iterable[Article],
    config: ScanConfig | None = None,
    *,
    jobs: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
) -> AddResult:
    """Add ``articles`` to the index at ``index`` (created when missing), in one transaction.

    An article whose id is not in the index is added; one whose id and
    content (text and metadata) equal the current version is left as it is;
    one with the id of a stored article but other content becomes that id's
    next version, and the only one matched from then on.

    Raises
    ------
    reuse.errors.IndexFileError
        The file is not a reuse index or was built with other settings.
    reuse.errors.InputError
        Two articles of the batch have one id.
    """
    config = config or ScanConfig()
    batch = sorted_unique(articles)
    conn = connect(index, config, create=True)
    try:
        with write_transaction(conn):
            return _add(conn, batch, config, progress, jobs)
    finally:
        conn.close()


def _add(conn: sqlite3.Connection, batch: tuple[Article, ...], config: ScanConfig, progress, jobs: int = 1) -> AddResult:
    current = current_rows(conn, [a.id for a in batch])
    versions = last_versions(conn, [a.id for a in batch])
    digests = {a.id: content_digest(a) for a in batch}
    changed = [a for a in batch if a.id not in current or current[a.id][2] != digests[a.id]]
    counts = Counts()
    # Old versions leave the matching and the counts first, as if never added.
    replaced = {current[a.id][0]: a.id for a in changed if a.id in current}
    for rowid, old in stored_features(conn, list(replaced), config).items():
        _delete(conn, rowid, old, counts)
    conn.executemany("UPDATE articles SET current = 0 WHERE rowid = ?", ((r,) for r in replaced))
    postings = _Postings(conn)

    def insert(article: Article, features: Features) -> None:
        cursor = conn.execute(
            "INSERT INTO articles (id, version, current, digest, language, detected, meta, text, runs) "
            "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                versions.get(article.id, 0) + 1,
                digests[article.id],
                features.language,
                int(features.detected),
                article_meta(article),
                compress(article.text),
                features.runs.astype("<u4").tobytes(),
            ),
        )
        postings.add(features, cursor.lastrowid)
        counts.add(features, 1)

    deferred = []
    for n, features in enumerate(read_features(changed, config, jobs), 1):
        article = features.article
        if needs_fallback(features.analysis):
            deferred.append(article)  # read again once every language of the batch is in the table
        else:
            insert(article, features)
        if n % _FLUSH == 0:
            postings.write()
            counts.write(conn)
        if progress is not None and (n % 200 == 0 or n == len(changed)):
            progress("index", n, len(changed))
    # A short article without a language takes the most common of the whole index, this batch included.
    languages = current_languages(conn)
    for k, article in enumerate(deferred, 1):
        insert(article, read_article(article, config, lambda: languages))
        if k % _FLUSH == 0:  # the same bound on held keys as above
            postings.write()
            counts.write(conn)
    postings.write()
    counts.write(conn)
    _compact_if_needed(conn)
    return AddResult(
        added=tuple(a.id for a in changed if a.id not in current),
        updated=tuple(a.id for a in changed if a.id in current),
        unchanged=tuple(a.id for a in batch if a.id in current and current[a.id][2] == digests[a.id]),
    )


def _compact_if_needed(conn: sqlite3.Connection) -> None:
    """Compact when adds have piled up segments, or when a quarter of the stored postings' articles are dead."""
    dead, alive = (conn.execute(q).fetchone()[0] for q in ("SELECT count(*) FROM dead", "SELECT count(*) FROM articles WHERE current = 1"))
    if segments_since_compaction(conn) > MAX_SEGMENTS or dead > max(alive, 100) / 4:
        compact(conn)


def remove_articles(index: str | PathLike, ids: Iterable[str], config: ScanConfig | None = None) -> RemoveResult:
    """Remove every version of the articles ``ids`` from the index, in one transaction.

    ``config`` defaults to the index's own settings.
    """
    wanted = sorted(set(ids))
    conn = connect(index, config, create=False)
    try:
        config = config or index_config(conn)
        with write_transaction(conn):
            current = current_rows(conn, wanted)
            present = last_versions(conn, wanted)
            counts = Counts()
            for rowid, features in stored_features(conn, [row[0] for row in current.values()], config).items():
                _delete(conn, rowid, features, counts)
            counts.write(conn)
            conn.executemany("DELETE FROM articles WHERE id = ?", ((i,) for i in present))
            _compact_if_needed(conn)
    finally:
        conn.close()
    return RemoveResult(removed=tuple(i for i in wanted if i in present), missing=tuple(i for i in wanted if i not in present))
