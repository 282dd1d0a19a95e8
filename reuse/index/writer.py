"""Adding articles to an index and removing them, each call one transaction."""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from os import PathLike

import numpy as np

from ..config import ScanConfig
from ..errors import CommittedInterrupt
from ..hugepages import no_huge_pages
from ..model import Article
from .features import Features, article_from, read_article, read_articles
from .stats import Counts
from ..pipeline import sorted_unique
from ..progress import ProgressCallback, Timer, tick
from .codec import build_dictionary
from .reader import Row, read_rows, row_of
from .versions import add_times, other_articles, seen_time, versions_of
from .postings import compact, mark_dead, merge_segments, segments_to_merge, write_segment
from .failures import database_error, ensure_writable, reported_damage
from .store import (
    ADDS_TABLE,
    added_since,
    connect,
    current_languages,
    current_rows,
    index_config,
    last_versions,
    meta_count,
    release_free_pages,
    stored_articles,
    write_state,
)

__all__ = ["AddResult", "Commit", "RemoveResult", "add_articles", "remove_articles"]

#: Postings are written as one segment every this many articles: fewer,
#: larger segments make lookups cheaper, for about 45 MB of keys held per
#: 1,000 articles. Below 65,536 so that a segment's articles fit 16 bits.
_FLUSH = 5000
#: ``add`` compacts all the postings when more segments than this are left after merging
#: (segments that cannot merge, e.g. over 65,536 rowids apart); merging keeps far fewer.
MAX_SEGMENTS = 32
#: Articles of the first batch whose words make the index's zlib dictionary.
_DICTIONARY_SAMPLE = 1000
#: Stored articles read back together (:func:`read_stored`): their numpy work shared, their analyses a few MB.
STORED_AT_ONCE = 64


@dataclass(frozen=True)
class AddResult:
    """What one ``add`` did: ids added for the first time, given a new version, or unchanged.

    ``earlier``: ids whose content is that of one of their earlier versions
    (a folder added again after an update): left as they are, the current
    version kept. ``warnings``: new versions from another outlet or address
    than the version they replace, or whose text shares little with it
    (another article under the same id; see :func:`other_articles`).
    """

    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    earlier: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    #: Ids another run added to the index (or gave a new version) after the state ``since`` the add was given: a
    #: check of the batch made at that state did not compare them with it.
    meanwhile: tuple[str, ...] = ()
    #: Seconds per stage (``-v`` prints them): waiting for the write lock, reading and writing the batch ("index"); the
    #: commit, with the pages a merge freed given back ("commit"); the checkpoint that folds the write-ahead log into
    #: the file as the index is closed.
    timings: tuple[tuple[str, float], ...] = ()


@dataclass
class Commit:
    """Whether an add or a remove has committed its change: ``made`` turns true as the commit returns.

    An out-parameter, so not frozen: a caller passes one in and tells from
    it whether a Ctrl-C, wherever it lands after, came once the change was
    in the index (:func:`reuse.cli_run.reported` says which).
    """

    made: bool = False


@dataclass(frozen=True)
class RemoveResult:
    """Ids removed (every version), and ids asked for that the index does not hold."""

    removed: tuple[str, ...]
    missing: tuple[str, ...]


#: The stage :func:`add_articles` and :func:`remove_articles` tell their ``progress`` of, with ``total`` 0, when
#: another run holds the index's write lock: they wait for it, up to a minute, before writing.
WAITING = "waiting (up to a minute) for another run to finish writing to the index"


def _begin(conn: sqlite3.Connection, progress: ProgressCallback | None) -> None:
    """``BEGIN IMMEDIATE``: at once when no other run writes, else after telling ``progress`` (:data:`WAITING`) and
    waiting for it as long as the connection's busy timeout."""
    (timeout,) = conn.execute("PRAGMA busy_timeout").fetchone()
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
        return
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
    if progress is not None:
        progress(WAITING, 0, 0)
    conn.execute("BEGIN IMMEDIATE")


@contextmanager
def write_transaction(conn: sqlite3.Connection, path: str | PathLike, done: Commit | None = None, progress: ProgressCallback | None = None):
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception (Ctrl-C included).

    A new index's layout, left in a transaction by :func:`~reuse.index.store.connect`,
    is committed with the batch (or rolled back with it). SQLite's errors
    (another writer past the wait, a full disk) become an
    :class:`~reuse.errors.IndexFileError` that says the index is unchanged.
    ``done.made`` is set once the commit returns, for the caller to tell
    a Ctrl-C after it (:func:`_told`). ``progress`` hears of a wait for another writer (:func:`_begin`).
    """
    try:
        if not conn.in_transaction:
            _begin(conn, progress)
        try:
            yield
            conn.execute("COMMIT")
            if done is not None:
                done.made = True
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            elif isinstance(exc, KeyboardInterrupt) and not isinstance(exc, CommittedInterrupt):
                raise CommittedInterrupt() from exc  # Ctrl-C during COMMIT's C call is raised once it returns: committed
            raise
    except sqlite3.DatabaseError as exc:  # busy, full, read-only, or a damaged page met while writing
        raise database_error(path, exc, "write to") from exc  # the path as given: the failed connection is not asked again


def stored_features(conn: sqlite3.Connection, rowids: Sequence[int], config: ScanConfig, *, sketch: bool = True) -> dict[int, Features]:
    """Features of stored articles, re-read exactly as they were when added (``sketch=False``: no band keys)."""
    return dict(read_stored(conn, rowids, config, sketch=sketch))


def read_stored(conn: sqlite3.Connection, rowids: Sequence[int], config: ScanConfig, *, sketch: bool = True) -> Iterator[tuple[int, Features]]:
    """:func:`stored_features` as ``(rowid, features)``, read :data:`STORED_AT_ONCE` at a time: the caller keeps what it needs of each."""
    times = add_times(conn)
    for first in range(0, len(rowids), STORED_AT_ONCE):
        rows = stored_articles(conn, rowids[first : first + STORED_AT_ONCE])
        articles = [article_from(article_id, meta, text, seen_time(times, rowid)) for rowid, article_id, _, _, meta, text in rows]
        read = read_articles(articles, config, [(language, detected) for _, _, language, detected, _, _ in rows], sketch=sketch)
        yield from zip((row[0] for row in rows), read)


def _delete(conn: sqlite3.Connection, rowid: int, features: Features, counts: Counts) -> None:
    """Take a current version out of the matching: its postings and counts."""
    mark_dead(conn, [rowid])
    counts.add(features, -1)


class _Postings:
    """Postings buffered and written as one segment."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.keys: list[np.ndarray] = []
        self.rowids: list[int] = []
        self.sizes: list[int] = []

    def add(self, features: Features | Row, rowid: int) -> None:
        for keys in features.keys:
            self.keys.append(keys)
            self.rowids.append(rowid)
            self.sizes.append(len(keys))

    def write(self) -> None:
        if not self.keys:
            return
        owners = np.repeat(np.array(self.rowids, dtype=np.int64), self.sizes)
        write_segment(self.conn, np.concatenate(self.keys), owners)
        self.keys.clear()
        self.rowids.clear()
        self.sizes.clear()


def add_articles(
    index: str | PathLike,
    articles: Iterable[Article],
    config: ScanConfig | None = None,
    *,
    jobs: int = 1,
    progress: ProgressCallback | None = None,
    done: Commit | None = None,
    since: tuple[int, int] | None = None,
) -> AddResult:
    """Add ``articles`` to the index at ``index`` (created when missing), in one transaction.

    ``config`` must be the settings the index was built with; ``None`` takes
    them (the defaults for a new index). ``done.made`` (a :class:`Commit`, when given) turns
    true as the commit returns: a caller tells from it whether a Ctrl-C
    anywhere after came once the batch was in. ``since``: the index's state
    when the batch was checked (``check_articles``' ``snapshot.state``);
    the result's ``meanwhile`` lists what other runs added after it.

    An article whose id is not in the index is added; one whose id and
    content (text and metadata) equal the current version, or one of its
    earlier versions (an older folder added again: a revert to an exact
    earlier version, its time included, is taken for that too; remove the
    id and add it again to restore one), is left as it is;
    one with the id of a stored article but other content becomes that id's
    next version, and the only one matched from then on.

    Raises
    ------
    reuse.errors.IndexFileError
        The file is not a reuse index or was built with other settings.
    reuse.errors.InputError
        Two articles of the batch have one id.
    """
    batch = sorted_unique(articles)
    ensure_writable(index)
    with reported_damage(index, "write to"):
        conn = connect(index, config, create=True)
        done = done if done is not None else Commit()
        done.made = False
        try:
            try:
                config = config or index_config(conn)  # the new index's are the defaults
                with no_huge_pages():  # see reuse.hugepages: a batch's postings are sorted and encoded in fresh arrays of 50-100 MB
                    timer = Timer()  # a wait for another writer's lock counts in "index"
                    with write_transaction(conn, index, done, progress):
                        result = _add(conn, batch, config, progress, jobs, since)
                        timer.lap("index")
                    release_free_pages(conn)
                    timer.lap("commit")
            finally:
                conn.close()  # the last close checkpoints the write-ahead log: seconds after a large batch
            timer.lap("checkpoint")
            return replace(result, timings=tuple(timer.timings))
        except KeyboardInterrupt as exc:
            _told(exc, done.made)
            raise


def _told(interrupt: KeyboardInterrupt, made: bool) -> None:
    """Ctrl-C as the CLI must report it: a :class:`~reuse.errors.CommittedInterrupt` once the change is ``made`` (committed)."""
    if made and not isinstance(interrupt, CommittedInterrupt):
        raise CommittedInterrupt() from interrupt


def _add(conn: sqlite3.Connection, batch: tuple[Article, ...], config: ScanConfig, progress, jobs: int = 1, since=None) -> AddResult:
    _counts_readable(conn)
    ours = {a.id for a in batch}
    meanwhile = tuple(i for i in added_since(conn, since) if i not in ours) if since is not None and write_state(conn) != since else ()
    held = versions_of(conn, batch)
    current, earlier = held.current, held.earlier
    versions = last_versions(conn, [a.id for a in batch])
    changed = [a for a in batch if a.id not in current or (not held.unchanged(a) and a.id not in earlier)]
    warnings = other_articles(conn, [a for a in changed if a.id in current], current, config)
    counts = Counts()
    # Old versions leave the matching and the counts first, as if never added.
    replaced = {current[a.id].rowid: a.id for a in changed if a.id in current}
    for rowid, old in stored_features(conn, list(replaced), config).items():
        _delete(conn, rowid, old, counts)
    conn.executemany("UPDATE articles SET current = 0 WHERE rowid = ?", ((r,) for r in replaced))
    postings = _Postings(conn)
    words = _dictionary(conn, changed)
    stored: list[int] = []  # the rowids this add stores

    def insert(row: Row) -> None:
        article_id = row.article_id
        cursor = conn.execute(
            "INSERT INTO articles (id, version, current, digest, language, detected, body, runs) VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
            (article_id, versions.get(article_id, 0) + 1, held.digests[article_id], row.language, int(row.detected), row.body, row.runs),
        )
        postings.add(row, cursor.lastrowid)
        counts.add(row, 1)
        stored.append(cursor.lastrowid)

    deferred = []
    for n, (article, row) in enumerate(zip(changed, read_rows(changed, config, words, jobs)), 1):
        if row.fallback:
            deferred.append(article)  # read again once every language of the batch is in the table
        else:
            insert(row)
        if n % _FLUSH == 0:
            postings.write()
            counts.write(conn)
        tick(progress, "index", n, len(changed))
    # A short article without a language takes the most common of the whole index, this batch included.
    languages = current_languages(conn)
    for k, article in enumerate(deferred, 1):
        insert(row_of(read_article(article, config, lambda: languages), words))
        if k % _FLUSH == 0:  # the same bound on held keys as above
            postings.write()
            counts.write(conn)
    postings.write()
    counts.write(conn)
    if stored:  # its versions were published by now: a check's evidence of order (Article.seen)
        conn.execute(ADDS_TABLE)  # an index written before adds were timed gets the table with its first timed add
        conn.execute("INSERT INTO adds (first, last, added) VALUES (?, ?, ?)", (min(stored), max(stored), added_time()))
    _compact_if_needed(conn)
    return AddResult(
        added=tuple(a.id for a in changed if a.id not in current),
        updated=tuple(a.id for a in changed if a.id in current),
        unchanged=tuple(a.id for a in batch if held.unchanged(a)),
        earlier=tuple(sorted(earlier)),
        warnings=tuple(warnings),
        meanwhile=meanwhile,
    )


def added_time() -> str:
    """Now, in UTC to the second, as an add records it (read back as :attr:`reuse.model.Article.seen`)."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dictionary(conn: sqlite3.Connection, batch: Sequence[Article]) -> bytes:
    """The index's zlib dictionary; the first batch with articles makes it from its first articles' words."""
    stored = conn.execute("SELECT words FROM dictionary WHERE id = 0").fetchone()
    if stored is not None:
        return bytes(stored[0])
    if not batch:
        return b""
    words = build_dictionary(a.text for a in batch[:_DICTIONARY_SAMPLE])
    conn.execute("INSERT INTO dictionary (id, words) VALUES (0, ?)", (words,))
    return words


def _compact_if_needed(conn: sqlite3.Connection) -> None:
    """Merge segments of one size class, or compact everything when a quarter of the articles are dead.

    Merging rewrites each posting about log4(index / batch) times in all;
    compacting rewrites them all, and is left for when dead postings pile
    up or segments cannot be merged (:data:`MAX_SEGMENTS`).
    """
    dead, alive = (conn.execute(q).fetchone()[0] for q in ("SELECT count(*) FROM dead", "SELECT count(*) FROM articles WHERE current = 1"))
    if dead > max(alive, 100) / 4:
        compact(conn)
        return
    while group := segments_to_merge(conn):
        merge_segments(conn, group)
    if conn.execute("SELECT count(*) FROM segments").fetchone()[0] > MAX_SEGMENTS:
        compact(conn)


def _counts_readable(conn: sqlite3.Connection) -> None:
    """Refuse (:class:`~reuse.errors.IndexDamaged`) an index whose counts are no numbers: SQLite would add to them as to 0."""
    for key in ("n_docs", "postings"):
        meta_count(conn, key)


def remove_articles(
    index: str | PathLike, ids: Iterable[str], config: ScanConfig | None = None, *, done: Commit | None = None, progress: ProgressCallback | None = None,
) -> RemoveResult:
    """Remove every version of the articles ``ids`` from the index, in one transaction.

    ``done`` and ``progress`` (told of a wait for another writer only) as :func:`add_articles` takes them. ``config`` defaults to the index's own settings. An id given with its
    accents composed finds one stored decomposed, and the other way round
    (a file name from macOS, an id typed on the command line): the two look
    alike everywhere they are shown.
    """
    if isinstance(ids, (str, bytes)):  # its characters would be taken for ids, each reported missing
        raise TypeError(f"remove_articles takes a list of ids, not one {type(ids).__name__}: remove_articles(index, [{ids!r}]).")
    given = sorted(set(ids))
    ensure_writable(index, create=False)
    with reported_damage(index, "write to"):
        conn = connect(index, config, create=False)
        done = done if done is not None else Commit()
        done.made = False
        try:
            try:
                config = config or index_config(conn)
                with no_huge_pages(), write_transaction(conn, index, done, progress):
                    _counts_readable(conn)
                    spellings = {i: dict.fromkeys((i, unicodedata.normalize("NFC", i), unicodedata.normalize("NFD", i))) for i in given}
                    stored = last_versions(conn, sorted({form for forms in spellings.values() for form in forms}))
                    found = {i: next((form for form in forms if form in stored), None) for i, forms in spellings.items()}
                    wanted = sorted({form for form in found.values() if form is not None})
                    current = current_rows(conn, wanted)
                    present = last_versions(conn, wanted)
                    counts = Counts()
                    for rowid, features in stored_features(conn, [row[0] for row in current.values()], config).items():
                        _delete(conn, rowid, features, counts)
                    counts.write(conn)
                    conn.executemany("DELETE FROM articles WHERE id = ?", ((i,) for i in present))
                    _compact_if_needed(conn)
                release_free_pages(conn)
            finally:
                conn.close()  # the last close checkpoints the write-ahead log
            return RemoveResult(removed=tuple(wanted), missing=tuple(i for i in given if found[i] is None))
        except KeyboardInterrupt as exc:
            _told(exc, done.made)
            raise
