"""What SQLite's errors mean for an index, said as the user can act on them: busy, not an index, damaged, read-only.

The connection code (:mod:`reuse.index.store`) and the writer raise these;
every command that reads or writes an index wraps its work in
:func:`reported_damage`, so a damaged file is a message, not a traceback.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike
from pathlib import Path

from ..errors import IndexDamaged, IndexFileError, ReuseError

__all__ = ["damaged", "database_error", "reported_damage"]


def database_error(path: str | PathLike, exc: sqlite3.Error, doing: str) -> IndexFileError:
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
        return damaged(path, f"{type(exc).__name__}: {_short(text)}")
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        # SQLite keeps the write-ahead log and its shared memory beside the index, even to read it.
        shown = Path(path)
        aside = ", ".join(str(shown.with_name(shown.name + end)) for end in ("-wal", "-shm"))
        return IndexFileError(
            f"Cannot {doing} the index {path} ({exc}): this run changed nothing. SQLite writes {aside} beside it, even to "
            f"read it: the index, its folder and those files (left by an earlier run, perhaps of another user) must be writable."
        )
    return IndexFileError(f"Cannot {doing} the index {path} ({exc}): this run changed nothing; check the disk's space and permissions.")


def damaged(path: str | PathLike, detail: object) -> IndexDamaged:
    """An :class:`IndexDamaged` naming the index at ``path``, what could not be read, and how to rebuild it."""
    damaged = IndexDamaged(
        f"The index {path} cannot be read ({detail}): it is damaged or was altered. "
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


@contextmanager
def reported_damage(path: str | PathLike, doing: str = "read") -> Iterator[None]:
    """Errors met while using the index at ``path`` as :class:`IndexFileError` messages that say what to do.

    A page SQLite finds malformed, a table missing, or a stored value that
    does not decode (:class:`~reuse.errors.IndexDamaged`, raised where the
    index's values are read: a hand-edited or partly overwritten file) says
    that the index is damaged and must be rebuilt, instead of a traceback.
    Any other error is the program's, and stays one.
    """
    try:
        yield
    except IndexDamaged as exc:
        if exc.explained:
            raise
        raise damaged(path, exc) from exc
    except ReuseError:
        raise
    except sqlite3.DatabaseError as exc:
        raise database_error(path, exc, doing) from exc
