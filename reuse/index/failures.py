"""What SQLite's errors mean for an index, said as the user can act on them: busy, not an index, damaged, read-only.

The connection code (:mod:`reuse.index.store`) and the writer raise these;
every command that reads or writes an index wraps its work in
:func:`reported_damage`, so a damaged file is a message, not a traceback.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from ..errors import IndexDamaged, IndexFileError, ReuseError
from .access import index_path, log_of, owner, unwritable

__all__ = ["Reading", "cannot_open", "damaged", "database_error", "ensure_writable", "log_unreadable", "read_only", "reported_damage"]


def database_error(path: str | PathLike, exc: sqlite3.Error, doing: str, unlocked: str | None = None) -> IndexFileError:
    """What SQLite's ``exc`` means for the index at ``path`` (met while trying to ``doing`` it), and what to do.

    A writer waits up to a minute for another: past that the index is busy,
    not broken. Only a file SQLite cannot read as a database is called one
    that is not an index.
    """
    name = getattr(exc, "sqlite_errorname", "")  # Python 3.11 and newer
    text = str(exc)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return IndexFileError(
            f"The index {path} is busy: another 'reuse index add', 'remove' or 'check --add' has been writing to it "
            f"for over a minute. Try again when it is done; this run changed nothing."
        )
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return IndexFileError(f"{path} is not a readable reuse index ({exc}): give another --index path.")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_CONSTRAINT")) or any(
        sign in text for sign in ("malformed", "no such table", "no such column", "constraint failed", "Could not decode")
    ):
        # A constraint the index's own writes keep, or a value of another type than written: the file was altered.
        return damaged(path, f"{type(exc).__name__}: {_short(text)}", unlocked)
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return read_only(path, doing, exc)
    return IndexFileError(f"Cannot {doing} the index {path} ({exc}): this run changed nothing; check the disk's space and permissions.")


def read_only(path: str | PathLike, doing: str, detail: object, then: str = "") -> IndexFileError:
    """The index at ``path`` cannot be written (``detail``: SQLite's error, or what this user cannot write), and what must be writable.

    Reading needs none of it (:mod:`reuse.index.access`); an add or a
    remove writes the write-ahead log and its shared memory beside the index.
    ``then``: what to do besides, said last.
    """
    aside = ", ".join(str(log_of(path, end)) for end in ("-wal", "-shm"))
    return IndexFileError(
        f"Cannot {doing} the index {path} ({detail}): this run changed nothing. An add or remove writes the index and {aside} "
        f"beside it: the index, its folder and those files (left by an earlier run, perhaps of another user) must be writable by you. "
        f"A check without --add, 'reuse index info' and 'reuse index list' only read it.{then}"
    )


def ensure_writable(path: str | PathLike, *, create: bool = True) -> None:
    """Raise the error an add or remove would meet (:func:`read_only`) when this user cannot write the index at ``path``, before any work.

    :func:`~reuse.index.add_articles` and :func:`~reuse.index.remove_articles`
    call it first, before SQLite opens the index: in a folder this user can
    write, opening another user's index made ``PATH-wal`` and ``PATH-shm``
    that this user owns and the other cannot write. A caller that loads a
    folder to add calls it before, too (:func:`~reuse.index.add_folder`,
    ``reuse check --add``): refused before minutes of reading, not after.
    No index there yet: with ``create`` (an add makes it), its folder must
    take it; without (a remove, a check, which need one), nothing to refuse.
    """
    index_path(path, create=create)  # a folder, a missing one, a link loop: said before the folder to add is read
    if not os.path.lexists(path):
        folder = Path(path).absolute().parent
        if create and folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
            raise IndexFileError(
                f"Cannot create the index {path}: you cannot write its folder {folder}. Give an --index path in a folder you can write; "
                f"this run changed nothing."
            )
        return
    what = unwritable(path, logs=True) if os.path.isfile(path) else None
    if what:
        raise read_only(path, "write to", f"you cannot write {what}", _whose(path, what))


def _whose(path: str | PathLike, what: str) -> str:
    """Who can clear the way when ``what`` (:func:`~.access.unwritable`) is a log or its shared memory left by another user."""
    log, shm = str(log_of(path)), str(log_of(path, "-shm"))
    user = owner(what) if what in (log, shm) else None
    if user is None:
        return ""
    if what == log:  # it may hold commits: folded in, never deleted
        return (f" {what} belongs to the user {user}: that user (or root) must run 'reuse index info --index {path}', which folds it "
                f"into the index and removes it.")
    return f" {what} belongs to the user {user}: that user (or root) must remove it, when no run has the index open (SQLite makes it anew)."


def cannot_open(exc: sqlite3.Error) -> bool:
    """Whether SQLite's ``exc`` says it could not open or make a file (the index's log or its shared memory), or write it."""
    name, text = getattr(exc, "sqlite_errorname", ""), str(exc)
    return name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")) or "unable to open" in text or "readonly" in text


def log_unreadable(path: str | PathLike, detail: object) -> IndexFileError:
    """The index at ``path``, which this user cannot write, has a log beside it that it cannot be read through (``detail``:
    SQLite's error, or why it is not tried: :func:`~.access.needs_shared_memory`)."""
    log, shm = log_of(path), log_of(path, "-shm")
    return IndexFileError(
        f"Cannot read the index {path} ({detail}): this run changed nothing. You cannot write it or its folder, and {log} beside it "
        f"(a run has the index open, or one stopped before closing it) may hold changes not yet in the index itself, which "
        f"SQLite cannot read without opening {log} and {shm} (or making {shm}). Run again when the run writing to it is done; "
        f"if none is, a run of a user who can write the index folds them in: 'reuse index info --index {path}'."
    )


def damaged(path: str | PathLike, detail: object, unlocked: str | None = None) -> IndexDamaged:
    """An :class:`IndexDamaged` naming the index at ``path``, what could not be read, and how to rebuild it.

    ``unlocked``: the index was read without locks (the connection's, :func:`~reuse.index.store.connect`:
    what this user cannot write), while another run may have written to it: then it says to run again first.
    """
    first = (f" It may have been read without locks (you cannot write {unlocked}): if another run was writing to it meanwhile, "
             f"run this again first.") if unlocked else ""
    damaged = IndexDamaged(
        f"The index {path} cannot be read ({detail}): it is damaged or was altered.{first} "
        "Rebuild it with 'reuse index add FOLDER --index NEW_PATH'."
    )
    damaged.explained = True  # the message says what to do: not wrapped again
    return damaged


def _short(text: str, limit: int = 120) -> str:
    """SQLite's message without the stored value it may quote in full (an article's compressed bytes, decoded as text).

    >>> _short("Could not decode to UTF-8 column 'body' with text 'x\\x01...'")
    "Could not decode to UTF-8 column 'body'"
    """
    text = text.split(" with text ", 1)[0]
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Reading:
    """What :func:`reported_damage` knows of the read it reports on: set once the index is open."""

    #: The connection's ``unlocked`` (:func:`~reuse.index.store.connect`): read without locks, as this user cannot write it.
    unlocked: str | None = None

    def opened(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        """``conn``, the index's connection, noted: damage met through it says whether it was read without locks."""
        self.unlocked = getattr(conn, "unlocked", None)
        return conn


@contextmanager
def reported_damage(path: str | PathLike, doing: str = "read") -> Iterator[Reading]:
    """Errors met while using the index at ``path`` as :class:`IndexFileError` messages that say what to do.

    A page SQLite finds malformed, a table missing, or a stored value that
    does not decode (:class:`~reuse.errors.IndexDamaged`, raised where the
    index's values are read: a hand-edited or partly overwritten file) says
    that the index is damaged and must be rebuilt, instead of a traceback.
    Any other error is the program's, and stays one. The caller tells the
    :class:`Reading` it is given of the connection (``conn = reading.opened(connect(...))``).
    """
    reading = Reading()
    try:
        yield reading
    except IndexDamaged as exc:
        if exc.explained:
            raise
        raise damaged(path, exc, reading.unlocked) from exc
    except ReuseError:
        raise
    except sqlite3.DatabaseError as exc:
        raise database_error(path, exc, doing, reading.unlocked) from exc
