"""Reading an index this user cannot write: on read-only media, or another user's file or folder.

SQLite keeps a WAL database's log and shared memory (``PATH-wal``,
``PATH-shm``) beside it and, opened as usual, makes them even to read it: in
a folder the user cannot write, a check failed. :func:`~reuse.index.store.connect`
opens such an index for reading only (a check without ``--add``, ``index
info``, ``index list``):

- beside a log (``PATH-wal`` past its 32-byte header: a run has the index
  open, or one left it; :func:`has_log`), with
  ``mode=ro``, which reads the log through its shared memory, with locks, as
  any reader does (SQLite 3.22 and newer);
- without one, with ``immutable=1``: SQLite reads the file alone, makes no
  file and takes no lock. With no log every commit is in the file itself,
  but an add or remove starting meanwhile is not seen to: the read may mix
  the index before and after it, and the command says so once
  (:func:`lock_free_warning`), unless no one can write the index
  (:func:`nobody_writes`).

``mode=ro`` makes what it reads through and is missing, where the folder is
writable: ``PATH-wal`` and ``PATH-shm`` without a log, ``PATH-shm`` beside
one. Those would be files of this user that the index's owner could not
write (its next add failed, "you cannot write news.db-shm") nor, in a
sticky folder such as ``/tmp``, remove. So beside a log without its
``PATH-shm`` in a folder this user can write, the index is not read: a
user who can write it folds the log in first (:func:`needs_shared_memory`,
:func:`~reuse.index.failures.log_unreadable`). Writing (``add``,
``remove``, ``check --add``) still needs the index, its folder and those
files writable (:func:`unwritable` with ``logs``).
"""

from __future__ import annotations

import errno
import os
from os import PathLike
from pathlib import Path

from ..errors import IndexPathError

__all__ = ["has_log", "index_path", "lock_free_warning", "log_of", "needs_shared_memory", "nobody_writes", "owner", "read_only_uri", "unwritable"]


def log_of(path: str | PathLike, end: str = "-wal") -> Path:
    """The file SQLite keeps beside the index at ``path``: its log (``-wal``) or the log's shared memory (``-shm``)."""
    path = Path(path)
    return path.with_name(path.name + end)


#: Bytes of a log's header: a shorter ``PATH-wal`` (empty, as one starts) holds no change, and SQLite ignores it.
WAL_HEADER = 32


def has_log(path: str | PathLike) -> bool:
    """Whether the index at ``path`` has a log beside it that may hold changes not yet in the file: a ``PATH-wal`` past its header.

    An empty one (a run just opening the index, or one the user made) is
    no log: read as the file alone, as SQLite would read it.
    """
    try:
        return os.stat(log_of(path)).st_size >= WAL_HEADER
    except OSError:
        return False


def needs_shared_memory(path: str | PathLike) -> bool:
    """Whether reading the index at ``path`` through its log (:func:`has_log`) would make ``PATH-shm``: it is missing, and the folder takes new files."""
    folder = Path(path).absolute().parent
    return not log_of(path, "-shm").exists() and os.access(folder, os.W_OK | os.X_OK)


def nobody_writes(path: str | PathLike) -> bool:
    """Whether no one can write the index at ``path`` as it stands: on a file system mounted read-only, or a file without
    write permission for anyone. A read without locks then mixes nothing, and is not warned of."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY) or not os.stat(path).st_mode & 0o222
    except (OSError, AttributeError):  # no statvfs (Windows): someone may write it
        return False


def owner(path: str | PathLike) -> str | None:
    """The name of the user who owns the file at ``path`` (its number where it has none), or ``None`` when it is this user's or not known."""
    try:
        uid = os.stat(path).st_uid
    except OSError:
        return None
    if not hasattr(os, "geteuid") or uid == os.geteuid():
        return None
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def unwritable(path: str | PathLike, *, logs: bool = False) -> str | None:
    """What keeps this user from writing the index at ``path`` (an existing file), or ``None``.

    ``os.access`` tells permissions, a read-only disk and an immutable flag
    alike (root included). The folder must take new files: SQLite makes
    ``PATH-wal`` and ``PATH-shm`` in it. With ``logs``, those files too when
    they are there (left by a run of another user: a write cannot use them).
    """
    path = Path(path)
    folder = path.absolute().parent
    if not os.access(path, os.W_OK):
        return str(path)
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"its folder {folder}"
    for end in ("-wal", "-shm") if logs else ():
        if log_of(path, end).exists() and not os.access(log_of(path, end), os.W_OK):
            return str(log_of(path, end))
    return None


def read_only_uri(path: str | PathLike, *, log: bool) -> str:
    """The SQLite URI that opens ``path`` for reading only: ``mode=ro`` beside a ``log``, ``immutable=1`` without.

    The path is percent-encoded (a space, ``?``, ``#`` or ``%`` in a name
    would end or change it), its bytes as the system has them.

    >>> read_only_uri("/data/news #1?.db", log=False)
    'file:///data/news%20%231%3F.db?immutable=1'
    """
    return Path(path).absolute().as_uri() + ("?mode=ro" if log else "?immutable=1")


def lock_free_warning(path: str | PathLike, what: str) -> str:
    """What to say once of a read of the index at ``path`` made without locks, as this user cannot write ``what`` (:func:`unwritable`)."""
    return f"the index {path} was read without locks (you cannot write {what}): if an add or remove ran at the same time, run this again"


def index_path(path: str | PathLike, *, create: bool) -> Path:
    """``path`` as an index file's path, or :class:`~reuse.errors.IndexPathError` saying what is wrong with it and the fix.

    A symbolic-link loop on the way, a folder, a device or a pipe, no index
    there (unless ``create``), or, to create one, a folder that is missing
    or a file. Checked before any work (:func:`~reuse.index.store.connect`,
    and :func:`~reuse.index.failures.ensure_writable` before a folder is read).
    """
    path = Path(path)
    looping = next((p for p in (path, *path.parents) if p.is_symlink() and _loops(p)), None)
    if looping is not None:  # the index itself, or a folder on its way
        instead = "give the index file's path" if looping == path else "put the index elsewhere"
        raise IndexPathError(f"{looping} is a symbolic link loop (the link leads back to itself): fix or remove the link, or {instead}.")
    if not path.exists():
        if not create:
            raise IndexPathError(f"No index at {path}: create one with 'reuse index add FOLDER --index {path}'.")
        if path.parent and not path.parent.is_dir():
            what = "is a file, not a folder" if path.parent.exists() else "does not exist"
            raise IndexPathError(f"Cannot create the index {path}: {path.parent} {what}.")
    elif path.is_dir():
        raise IndexPathError(f"{path} is a folder: give the index file's path, e.g. --index {path / 'reuse.db'}.")
    elif not path.is_file():
        # SQLite would write its journal beside a device or a pipe (in /dev, say), and read nothing.
        raise IndexPathError(f"{path} is not a regular file (a device or a pipe): give the index file's path, e.g. --index news.db.")
    return path


def _loops(path: Path) -> bool:
    """Whether following the link at ``path`` goes round."""
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False
