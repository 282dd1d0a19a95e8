"""Article texts kept on disk while a scan runs, read back when a stage needs one.

A scan of a million articles must not hold a million texts: its memory
must stay at a few numbers an article. So :func:`reuse.scan` writes each text, as soon as
it is loaded, to a :class:`TextStore` (one append-only UTF-8 file in the
temporary folder), and the :class:`~reuse.model.Article` keeps only a
:class:`StoredText`, the file and the byte range. Reading ``article.text``
reads it back: one positioned read and a decode, a few microseconds for a
news article. Stages that use a text many times take the article with its
text in memory for the length of one chunk (:meth:`Article.in_memory
<reuse.model.Article.in_memory>`).

A :class:`StoredText` pickles as its text, so an article sent or saved
anywhere keeps it. Only on the way to a worker on this machine does it
pickle as the file's path and the range (:func:`portable`), so the worker
reads the text itself instead of being sent it. The file lives as long as
its store object, which every article made from it references in this
process: it is removed when the last of them is gone, or when the process
ends (a scan killed outright leaves it in the temporary folder, as it
leaves its band keys).
"""

from __future__ import annotations

import os
import tempfile
import threading
import weakref
from dataclasses import dataclass, field
from typing import Any

from .errors import WorkSpaceError, workspace_error
from .stored import read_at

__all__ = ["StoredText", "TextStore", "portable", "temp_root"]

#: Bytes of texts gathered before they are written to the file.
WRITE_BUFFER = 1 << 20

#: The stores of this process, by path: a text unpickled here finds its store and keeps it alive.
_LIVE: weakref.WeakValueDictionary[str, TextStore] = weakref.WeakValueDictionary()
#: Read-only descriptors of this process's own store files, opened once (other processes open, read, close).
_FDS: dict[str, int] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class StoredText:
    """Where one text is: ``size`` bytes of UTF-8 at ``offset`` in the store file ``path``.

    ``by_path``: pickled as the path and the range, for a process on this
    machine that reads the file while the scan runs; otherwise pickled as
    the text itself.
    """

    path: str
    offset: int
    size: int
    store: TextStore | None = field(default=None, repr=False, compare=False)
    by_path: bool = field(default=False, repr=False, compare=False)

    def read(self) -> str:
        """The text, read back from the store file."""
        return _read(self.path, self.offset, self.size).decode("utf-8", "surrogatepass")

    def __reduce__(self) -> tuple[Any, ...]:
        if not self.by_path:
            return str, (self.read(),)
        if self.store is not None:
            self.store.flush()  # the other process reads the file
        return _restore, (self.path, self.offset, self.size)


def _flush_all() -> None:
    for store in list(_LIVE.values()):
        store.flush()


if hasattr(os, "register_at_fork"):  # a forked worker starts with every text on disk and no buffer of its parent's
    os.register_at_fork(before=_flush_all)


def _restore(path: str, offset: int, size: int) -> StoredText:
    return StoredText(path, offset, size, _LIVE.get(path), by_path=True)


def temp_root() -> str:
    """The folder a scan's temporary files go in: ``TMPDIR``, else the system's.

    Python's ``tempfile`` passes over a ``TMPDIR`` it cannot write to (a
    typo, a read-only mount) without a word and uses /tmp, which the user
    set TMPDIR to spare: such a TMPDIR is refused instead.

    Raises
    ------
    reuse.errors.WorkSpaceError
        When ``TMPDIR`` is set and is not a folder this process can write to.
    """
    given = os.environ.get("TMPDIR")
    if given:
        if not os.path.isdir(given):
            problem = "no such folder" if not os.path.exists(given) else "not a folder"
        elif not os.access(given, os.W_OK | os.X_OK):
            problem = "not writable (its permissions, or a read-only disk)"
        else:
            return given
        raise WorkSpaceError(f"TMPDIR is {given}: {problem}. Create it or fix it, or unset TMPDIR to use {_system_temp()}.")
    return tempfile.gettempdir()


def _system_temp() -> str:
    """Where the temporary files would go without TMPDIR."""
    return next((d for d in ("/tmp", "/var/tmp", "/usr/tmp") if os.path.isdir(d)), os.getcwd())


class TextStore:
    """An append-only file of texts in ``folder`` (the system's temporary folder by default).

    :meth:`put` writes a text and returns where it is; the file is removed
    when this object is garbage collected or the process ends, never while
    a :class:`StoredText` from it is alive in this process.

    Raises
    ------
    reuse.errors.WorkSpaceError
        When the file cannot be made or written (no space, no permission):
        the message names the folder and the fix.
    """

    def __init__(self, folder: str | None = None) -> None:
        self.folder = folder or temp_root()
        try:
            fd, self.path = tempfile.mkstemp(prefix="reuse-texts-", suffix=".utf8", dir=self.folder)
        except OSError as exc:
            raise workspace_error(self.folder, exc) from exc
        self._file = os.fdopen(fd, "wb", buffering=WRITE_BUFFER)
        self._size = 0
        self._unflushed = False
        self._owner = os.getpid()
        self._failed: WorkSpaceError | None = None
        _LIVE[self.path] = self
        self._finalizer = weakref.finalize(self, _remove, self.path, self._file, self._owner)

    def put(self, text: str) -> StoredText:
        """Append ``text``; where it now is."""
        data = text.encode("utf-8", "surrogatepass")
        if self._failed is None:
            try:
                self._file.write(data)
            except OSError as exc:  # part may be written: later offsets would be wrong, so the store takes no more
                self._failed = workspace_error(self.folder, exc)
        if self._failed is not None:
            raise self._failed
        offset, self._size = self._size, self._size + len(data)
        self._unflushed = True
        return StoredText(self.path, offset, len(data), self)

    def flush(self) -> None:
        """Write out what :meth:`put` buffered, so any process can read it (done before a read here).

        Only the process that made the store writes: a forked worker's copy
        of the buffer is its parent's to write.
        """
        if self._unflushed and os.getpid() == self._owner and not self._file.closed and self._failed is None:
            try:
                self._file.flush()
            except OSError as exc:
                self._failed = workspace_error(self.folder, exc)
                raise self._failed from exc
            self._unflushed = False

    @property
    def size(self) -> int:
        """Bytes of text stored."""
        return self._size

    def close(self) -> None:
        """Remove the file now (the texts from it can no longer be read)."""
        self._finalizer()


def portable(article: Any, shares_disk: bool) -> Any:
    """``article`` as it should travel to a worker: a stored text as its place when the worker shares this disk, else as the text."""
    where = article.__dict__["text"]
    if not shares_disk or isinstance(where, str):
        return article
    return article.with_text(StoredText(where.path, where.offset, where.size, where.store, by_path=True))


def _read(path: str, offset: int, size: int) -> bytes:
    store = _LIVE.get(path)
    try:
        if store is None or store._owner != os.getpid():
            # A worker: it reads each text of a chunk once, and keeps no descriptor of a file it does not own.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            try:
                data = read_at(fd, size, offset)
            finally:
                os.close(fd)
        else:
            store.flush()
            with _LOCK:
                fd = _FDS.get(path)
                if fd is None:
                    fd = _FDS[path] = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            data = read_at(fd, size, offset)
    except OSError as exc:
        raise WorkSpaceError(
            f"cannot read an article's text back from {path} ({exc.strerror or exc}): the scan's temporary "
            "file is gone; keep the temporary folder (TMPDIR) until the scan and its report are done"
        ) from exc
    if len(data) != size:
        raise WorkSpaceError(
            f"an article's text in {path} is cut short ({len(data)} of {size} bytes): the scan's temporary file "
            "was changed or truncated; run the scan again"
        )
    return data


def _remove(path: str, file: Any, owner: int) -> None:
    if os.getpid() != owner:
        return  # a forked worker's copy of the store: the file is its parent's
    fd = _FDS.pop(path, None)
    for close in (file.close, lambda: fd is not None and os.close(fd)):
        try:
            close()
        except OSError:
            pass
    try:
        os.unlink(path)
    except OSError:
        pass

