"""The SQLite file behind an index: schema, settings check, connections.

Plain SQLite (stdlib ``sqlite3``), nothing executable stored: article text and
metadata JSON are zlib-compressed UTF-8, band keys, runs and counts packed
integers (``codec.py``).
WAL journaling lets ``check`` read a consistent snapshot while ``add``
writes; every write is one transaction, so a killed writer leaves the file as
it was before the batch or with the batch complete. An index this user
cannot write is opened for reading only (``access.py``).

Tables
------
meta(key, value)
    ``schema_version``, ``fingerprint``, ``settings`` (JSON), ``scheme`` and
    ``num_perm``/``seed`` of the datasketch hashing, ``n_docs`` (current
    articles) and ``postings`` (live postings).
articles(rowid, id, version, current, digest, language, detected, body, runs)
    Every version of every article; ``current = 1`` marks the latest, the
    only one matched and counted. ``digest``: SHA-256 of text and metadata
    (32 bytes). ``body``: metadata JSON and text, compressed with the
    index's dictionary (``codec.compress_body``). ``runs``: the article's
    three-word runs cut to 24 bits (``codec.encode_runs``), so that a check
    drops most candidate pairs without re-reading their texts; the pairs
    left are checked on the exact runs of the articles re-read.
    Rowids are never reused (AUTOINCREMENT), so a dead article's postings
    can never be taken for a new one's.
postings(bucket, segment, base, width, n, keys, articles), segments(segment, postings, first, last), dead(article)
    The buckets each article's windows land in (band and channel folded into
    a 36-bit key), as append-only segments of packed arrays, each segment's
    size and rowids, and the articles whose postings are skipped
    (``postings.py``).
dictionary(id, words)
    One row: the zlib dictionary of every body, built from the first batch
    added (``codec.build_dictionary``) and never changed.
stems(stem, n), lines(key, n)
    Articles of the current versions using each stem and holding each
    candidate boilerplate line: the scan's corpus-wide statistics. (The third, the languages
    of the articles before a short one, is counted from ``articles``.)
adds(first, last, added)
    One row per add that stored articles: the first and last rowids it stored
    and when it stored them (ISO 8601, UTC). Each version was published by its add's time,
    an evidence of order a check weighs (:attr:`reuse.model.Article.seen`).
    Made by the first add of this version of reuse: an index written before
    has none for its older articles.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from os import PathLike
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..config import COMMAND_LINE_SETTINGS, AlignConfig, BoilerplateConfig, CandidateConfig, ScanConfig, SketchConfig
from ..errors import IndexDamaged, IndexFileError, IndexPathError, ReuseError
from ..lexicon import LANGUAGES
from ..sketch import SCHEME
from .access import has_log, index_path, lock_free_warning, log_of, needs_shared_memory, nobody_writes, read_only_uri, unwritable
from .codec import decode_runs, decompress_body
from .failures import cannot_open, damaged, database_error, log_unreadable

__all__ = [
    "SCHEMA_VERSION", "CurrentRow", "added_since", "connect", "current_rows", "dictionary", "index_config", "lock_free_warnings", "lookup", "meta",
    "meta_count", "write_state",
]

#: 3: compact bodies, runs and postings keys (``codec.py``), tiered segments.
#: 4: band keys cut to 36 bits, 4 bytes a posting.
SCHEMA_VERSION = 4
#: ``PRAGMA application_id``: marks the file as a reuse index ("RUSE").
APPLICATION_ID = 0x52555345

_STAGES = {"boilerplate": BoilerplateConfig, "sketch": SketchConfig, "candidates": CandidateConfig, "align": AlignConfig}

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    current INTEGER NOT NULL,
    digest BLOB NOT NULL,
    language TEXT NOT NULL,
    detected INTEGER NOT NULL,
    body BLOB NOT NULL,
    runs BLOB NOT NULL
);
CREATE UNIQUE INDEX articles_id ON articles (id, version);
CREATE INDEX articles_language ON articles (id, language) WHERE current = 1 AND detected = 1;
CREATE TABLE postings (
    bucket INTEGER NOT NULL,
    segment INTEGER NOT NULL,
    base INTEGER NOT NULL,
    width INTEGER NOT NULL,
    n INTEGER NOT NULL,
    keys BLOB NOT NULL,
    articles BLOB NOT NULL,
    PRIMARY KEY (bucket, segment)
);
CREATE TABLE segments (segment INTEGER PRIMARY KEY, postings INTEGER NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL);
CREATE TABLE dead (article INTEGER PRIMARY KEY);
CREATE TABLE dictionary (id INTEGER PRIMARY KEY, words BLOB NOT NULL);
CREATE TABLE stems (stem INTEGER PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE lines (key INTEGER PRIMARY KEY, n INTEGER NOT NULL);
"""
#: Made with a new index, and by the first add to one written before it was kept.
ADDS_TABLE = "CREATE TABLE IF NOT EXISTS adds (first INTEGER PRIMARY KEY, last INTEGER NOT NULL, added TEXT NOT NULL)"


def _settings(config: ScanConfig) -> dict:
    data = config.to_dict()
    data.pop("load", None)
    return data


class _Connection(sqlite3.Connection):
    """A connection to an index that knows how :func:`connect` opened it."""

    #: Opened for reading only (:mod:`.access`): no setting is written to the file.
    read_only = False
    #: Opened with ``immutable=1``, without locks, while another may write it: what this user cannot write
    #: (:func:`.access.unwritable`). ``None`` when read with locks, or where no one can write (:func:`.access.nobody_writes`).
    unlocked: str | None = None


def _open(path: Path, uri: str | None = None) -> _Connection:
    # isolation_level=None: transactions are begun and ended explicitly.
    conn = sqlite3.connect(uri or path, uri=uri is not None, isolation_level=None, timeout=60.0, check_same_thread=False, factory=_Connection)
    conn.execute("PRAGMA trusted_schema = OFF")  # a foreign file's schema can run no functions
    conn.execute("PRAGMA busy_timeout = 60000")
    return conn


def _open_read_only(path: Path, what: str) -> _Connection:
    """Open the index at ``path``, which this user cannot write (``what``), for reading only: through its log when it has one (:mod:`.access`)."""
    log = has_log(path)
    if log and needs_shared_memory(path):
        shm = log_of(path, "-shm")  # mode=ro would make it: a file of this user's, which the index's owner could not write
        raise log_unreadable(path, f"{shm} is missing, and reading through the log would make it: a file of yours, which would keep the owner from writing")
    conn = _open(path, read_only_uri(path, log=log))
    conn.read_only, conn.unlocked = True, None if log or nobody_writes(path) else what
    if log:
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # the first read opens the log: an error here is the log's
        except sqlite3.OperationalError as exc:
            conn.close()
            if not has_log(path):
                return _open_read_only(path, what)  # the log went (its last run closed the index) between looking and opening
            if cannot_open(exc):
                raise log_unreadable(path, exc) from exc
            raise
    return conn


def lock_free_warnings(conn: sqlite3.Connection, path: str | PathLike) -> tuple[str, ...]:
    """The warning to give once when ``conn`` (:func:`connect`) reads the index at ``path`` without locks, or none."""
    what = getattr(conn, "unlocked", None)
    return (lock_free_warning(path, what),) if what else ()


def connect(
    path: str | PathLike, config: ScanConfig | None, *, create: bool = False, check: bool = False, read_only: bool = False
) -> sqlite3.Connection:
    """Open the index at ``path`` built with ``config`` (creating it when ``create``).

    With ``config=None`` the index's own settings are taken; they must still
    be those of this version of reuse. With
    ``check``, ``config`` may differ in the :data:`CHECK_TIME_SETTINGS`.
    ``read_only``: the caller only reads; an index this user cannot write
    is then opened for reading only (:mod:`.access`), perhaps without locks
    (:func:`lock_free_warnings` gives the warning to say).

    Raises
    ------
    reuse.errors.IndexFileError
        No index there (and not ``create``), not a reuse index, another
        schema version, or built with other settings.
    """
    path = index_path(path, create=create)
    conn = None
    what = unwritable(path) if read_only and not create else None
    try:
        conn = _open(path) if what is None else _open_read_only(path, what)
        if create:
            _create(conn, config or ScanConfig())
        _verify(conn, path, config, check)
        if not conn.in_transaction and not conn.read_only:  # a new index's were set as it was laid out
            # Only once the file is known to be a reuse index: WAL mode is kept in the file.
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException as exc:
        if conn is not None:
            conn.close()
        if isinstance(exc, sqlite3.DatabaseError):
            raise database_error(path, exc, "open", getattr(conn, "unlocked", None)) from exc
        raise
    return conn


def _create(conn: sqlite3.Connection, config: ScanConfig) -> None:
    """Lay out a new index in a file without tables, in a transaction left open: the first batch commits it with its articles.

    An add stopped before its first batch is done (Ctrl-C, a kill, a full
    disk) leaves no index, not an empty one whose settings are fixed. A file
    with tables (an index, or a foreign database, refused next) is not
    touched.
    """
    if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] or conn.execute("PRAGMA application_id").fetchone()[0]:
        return  # tables, or another program's mark on an empty database: not a file to make an index in
    # Merged segments free their old pages: ``add`` gives them back to the system (``release_free_pages``).
    # Only a file without tables takes the setting; it cannot be set inside a transaction, nor can WAL mode.
    conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            conn.execute("ROLLBACK")  # another add laid it out meanwhile (and committed its batch)
            return
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for statement in (*_SCHEMA.split(";"), ADDS_TABLE):
            if statement.strip():
                conn.execute(statement)
        conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [
                ("schema_version", str(SCHEMA_VERSION)),
                ("fingerprint", config.fingerprint()),
                ("settings", json.dumps(_settings(config), sort_keys=True)),
                ("scheme", SCHEME),
                ("num_perm", str(config.sketch.num_perm)),
                ("seed", str(config.sketch.seed)),
                ("n_docs", "0"),
                ("postings", "0"),
            ],
        )
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def release_free_pages(conn: sqlite3.Connection) -> None:
    """Shrink the file by its free pages, in a transaction of its own (none may be open).

    A merge frees as many pages as it writes. Killed meanwhile, the file
    only keeps its free pages. ``executescript`` steps the pragma to the end
    (``execute`` frees one page: the pragma returns a row per page).
    """
    try:
        if conn.execute("PRAGMA freelist_count").fetchone()[0]:
            conn.executescript("PRAGMA incremental_vacuum;")
    except sqlite3.OperationalError:
        pass  # another writer holds the file: the pages stay free inside it, for the next writes to reuse


def meta(conn: sqlite3.Connection) -> dict[str, str]:
    """The ``meta`` table as a dict."""
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())


def meta_count(conn: sqlite3.Connection, key: str) -> int:
    """A count the ``meta`` table keeps (``n_docs``, ``postings``).

    Raises :class:`~reuse.errors.IndexDamaged` when it is missing or no count.
    """
    value = meta(conn).get(key)
    try:
        count = int(value)
    except (TypeError, ValueError):
        raise IndexDamaged(f"its count {key!r} is {value!r}, no number") from None
    if count < 0:
        raise IndexDamaged(f"its count {key!r} is {count}")
    return count


def index_config(conn: sqlite3.Connection) -> ScanConfig:
    """The settings the index was built with.

    Raises :class:`~reuse.errors.IndexDamaged` when they are missing or not
    settings (:class:`~reuse.errors.ConfigError` when they cannot work together).
    """
    try:
        data = json.loads(meta(conn)["settings"])
        return ScanConfig(**{stage: _STAGES[stage](**fields) for stage, fields in data.items() if stage in _STAGES})
    except (KeyError, AttributeError, TypeError, ValueError) as exc:
        raise IndexDamaged(f"its settings cannot be read: {type(exc).__name__}: {exc}") from exc


#: Settings only a check applies, to the band keys it looks up (the postings stored do not
#: depend on them): a check may give its own; by default it takes the index's.
CHECK_TIME_SETTINGS = (("candidates", "max_bucket"),)


def as_built(config: ScanConfig, theirs: dict) -> ScanConfig:
    """``config`` with the index's own values of the :data:`CHECK_TIME_SETTINGS`, as its fingerprint was made."""
    for stage, name in CHECK_TIME_SETTINGS:
        value = theirs.get(stage, {}).get(name)
        if value is not None:
            config = dataclasses.replace(config, **{stage: dataclasses.replace(getattr(config, stage), **{name: value})})
    return config


def _verify(conn: _Connection, path: Path, config: ScanConfig | None, check: bool = False) -> None:
    app = conn.execute("PRAGMA application_id").fetchone()[0]
    if app == 0 and not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        # An empty file (touch, mktemp), or one an add stopped before its first batch was done.
        raise IndexPathError(f"{path} holds no index yet: create one with 'reuse index add FOLDER --index {path}'.")
    if app != APPLICATION_ID:
        raise IndexFileError(f"{path} is not a reuse index: give another --index path, or delete it to start anew.")
    stored = meta(conn)
    if stored.get("schema_version") != str(SCHEMA_VERSION):
        raise IndexFileError(
            f"The index {path} has schema version {stored.get('schema_version')}, this reuse reads {SCHEMA_VERSION}: "
            f"rebuild it with 'reuse index add FOLDER --index NEW_PATH'."
        )
    if config is None:
        try:
            config = index_config(conn)
        except IndexDamaged as exc:
            raise damaged(path, exc, conn.unlocked) from exc
        except (TypeError, ValueError, ReuseError) as exc:
            raise damaged(path, f"its settings cannot be read: {exc}", conn.unlocked) from exc
    given = config.fingerprint()
    if stored.get("fingerprint") != given:
        try:
            theirs = json.loads(stored.get("settings", "{}"))
            if check:
                config = as_built(config, theirs)
                if stored.get("fingerprint") == config.fingerprint():
                    return  # only a setting of the check itself differs
            ours = _settings(config)
            differ = sorted(
                (name, theirs.get(stage, {}).get(name), value)
                for stage, fields in ours.items()
                for name, value in fields.items()
                if name in theirs.get(stage, {}) and theirs[stage][name] != value
            )
        except (TypeError, ValueError, AttributeError, ReuseError) as exc:
            raise damaged(path, f"its settings cannot be read: {exc}", conn.unlocked) from exc
        head = f"The index {path} was built with other settings (fingerprint {stored.get('fingerprint')}, these give {given})"
        if not differ:
            raise IndexFileError(f"{head}: it was built with another version of reuse or its word lists. Rebuild it: 'reuse index add FOLDER --index NEW_PATH'.")
        what = "; ".join(
            f"--{name.replace('_', '-')} {old} (not {new})" if name in COMMAND_LINE_SETTINGS else f"{name} {old} (not {new})"
            for name, old, new in differ
        )
        api_only = [name for name, _, _ in differ if name not in COMMAND_LINE_SETTINGS]
        give = (
            f"Give the index's settings ({', '.join(api_only)} through the Python API's ScanConfig: the command line has "
            "no option for them)" if api_only else "Give the index's settings"
        )
        raise IndexFileError(f"{head}: it was built with {what}. {give}, or rebuild it with these: 'reuse index add FOLDER --index NEW_PATH' with the same options.")


def lookup(conn: sqlite3.Connection, sql: str, keys) -> list[tuple]:
    """Run ``sql``, whose one parameter is ``json_each(?) q``, with ``keys`` as that list.

    Joined from ``q`` onto an indexed column (``CROSS JOIN`` keeps ``q`` the
    outer loop), it reads only the rows asked for, however many keys there
    are; one JSON array is several times faster than filling a temporary table.
    """
    return conn.execute(sql, (json.dumps(list(keys)),)).fetchall()


def write_state(conn: sqlite3.Connection) -> tuple[int, int]:
    """What every committed add or remove changes: the last article row ever made (rows are never reused) and the rows held."""
    made = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'articles'").fetchone()
    return (int(made[0]) if made else 0, conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def added_since(conn: sqlite3.Connection, state: tuple[int, int]) -> list[str]:
    """Ids of the current articles added, or given a new version, after ``state`` (:func:`write_state`) was read."""
    return [i for (i,) in conn.execute("SELECT id FROM articles WHERE rowid > ? AND current = 1 ORDER BY id", (state[0],))]


class CurrentRow(NamedTuple):
    """The stored current version of an article: its row, version number, content digest and language."""

    rowid: int
    version: int
    digest: bytes
    language: str


def current_rows(conn: sqlite3.Connection, ids) -> dict[str, CurrentRow]:
    """``id -> CurrentRow`` of the current versions of ``ids``."""
    rows = lookup(
        conn,
        "SELECT a.id, a.rowid, a.version, a.digest, a.language FROM json_each(?) q CROSS JOIN articles a "
        "ON a.id = q.value WHERE a.current = 1",
        ids,
    )
    return {row[0]: CurrentRow(*row[1:]) for row in rows}


def last_versions(conn: sqlite3.Connection, ids) -> dict[str, int]:
    """``id -> highest version stored`` for those of ``ids`` in the index (any version)."""
    rows = lookup(
        conn, "SELECT a.id, max(a.version) FROM json_each(?) q CROSS JOIN articles a ON a.id = q.value GROUP BY a.id", ids
    )
    return dict(rows)


def earlier_digests(conn: sqlite3.Connection, ids) -> dict[str, set[bytes]]:
    """``id -> digests of its versions that are no longer current`` for those of ``ids`` that have any."""
    rows = lookup(
        conn, "SELECT a.id, a.digest FROM json_each(?) q CROSS JOIN articles a ON a.id = q.value WHERE a.current = 0", ids
    )
    found: dict[str, set[bytes]] = {}
    for article_id, digest in rows:
        found.setdefault(article_id, set()).add(bytes(digest))
    return found


def stored_articles(conn: sqlite3.Connection, rowids) -> list[tuple[int, str, str, bool, str, str]]:
    """``(rowid, id, language, detected, meta, text)`` of the stored articles ``rowids``."""
    rows = lookup(
        conn,
        "SELECT a.rowid, a.id, a.language, a.detected, a.body FROM json_each(?) q CROSS JOIN articles a "
        "ON a.rowid = q.value",
        rowids,
    )
    words = dictionary(conn)
    out = []
    for rowid, article_id, language, detected, body in rows:
        if language is not None and language != "" and language not in LANGUAGES:
            raise IndexDamaged(f"the stored article {article_id!r} has the language {language!r}, which reuse does not know")
        try:
            meta, text = decompress_body(body, words)
        except ValueError as exc:
            raise IndexDamaged(f"the stored article {article_id!r} cannot be read back: {exc}") from exc
        out.append((rowid, article_id, language, bool(detected), meta, text))
    return out


def dictionary(conn: sqlite3.Connection) -> bytes:
    """The index's zlib dictionary (empty before the first article is added)."""
    row = conn.execute("SELECT words FROM dictionary WHERE id = 0").fetchone()
    return bytes(row[0]) if row else b""


def current_languages(conn: sqlite3.Connection, exclude=()) -> dict[str, tuple[int, str]]:
    """Per detected language, ``(articles, first id)`` of all the current articles.

    ``exclude``: rowids to leave out (stored versions a batch stands in for).
    """
    rows = conn.execute(
        "SELECT language, count(*), min(id) FROM articles WHERE current = 1 AND detected = 1 "
        "AND rowid NOT IN (SELECT value FROM json_each(?)) GROUP BY language",
        (json.dumps(sorted(exclude)),),
    )
    return {language: (n, first) for language, n, first in rows.fetchall()}


def stored_runs(conn: sqlite3.Connection, rowids) -> dict[int, np.ndarray]:
    """``rowid -> three-word runs cut to 24 bits`` (``codec.decode_runs``) of the stored articles ``rowids``."""
    rows = lookup(conn, "SELECT a.rowid, a.runs FROM json_each(?) q CROSS JOIN articles a ON a.rowid = q.value", rowids)
    return {rowid: decode_runs(runs) for rowid, runs in rows}
