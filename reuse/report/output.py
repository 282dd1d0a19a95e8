"""Writing a report file: whole or not at all, and never over what is not a file.

A report (JSON, HTML, a graph) goes to a temporary file beside the
destination, which then replaces it in one rename: a reader never sees half
a report, and a failed write leaves the old file. A destination that is not
a regular file (a device such as ``/dev/null``, a named pipe, a process
substitution like ``>(gzip > r.gz)``, ``/dev/stdout``) is written to as it
is: renaming over it would put a file where the device or the pipe was.
``/dev/stdout``, ``/dev/fd/N`` and ``/proc/self/fd/N`` are written through
the descriptor this process holds, so ``--json /dev/stdout >> log`` appends.
A symbolic link to a file stays a link: the file it names is replaced.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import sys
from os import PathLike
from pathlib import Path

from ..errors import ReuseError

__all__ = ["HTML_FROM_A_SCAN", "expect_result", "inherited_descriptor", "write_output"]


def write_output(path: str | PathLike[str], data: bytes, what: str = "") -> None:
    """Write ``data`` to ``path``: atomically to a file, straight into a device or a pipe.

    Missing parent folders are created. On any failure no temporary file is
    left and an existing file at ``path`` is untouched. ``what`` names the
    content in the error message (``"the report "``).

    Raises
    ------
    reuse.errors.ReuseError
        When ``path`` cannot be written, naming it.
    """
    target = Path(path)
    fd = inherited_descriptor(target)
    if fd is None:
        fd = _same_as_standard_stream(target)  # a link to /dev/stdout, //dev/stdout, /dev/../dev/stdout...
    if fd is not None:
        _write_to_descriptor(fd, data, target, what)
        return
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        try:
            with open(target, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise _error(target, exc, what) from exc
        return
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    created = False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # os.open with 0o666 honours the umask, unlike mkstemp's private 0o600.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        created = True
        with open(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        if created:  # an error or Ctrl-C mid-write: leave no temporary file behind
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(exc, OSError):
            raise _error(target, exc, what) from exc
        raise


#: Names of a descriptor this process holds: /dev/stdout, /dev/fd/63 (a shell's >(...)), /proc/self/fd/1.
_DESCRIPTOR = re.compile(r"/dev/(?:std(?P<std>out|err)|fd/(?P<fd>\d+))|/proc/(?P<pid>self|\d+)/fd/(?P<pfd>\d+)")


def inherited_descriptor(target: Path) -> int | None:
    """The descriptor ``target`` names when it is one of this process's own, else ``None``.

    Written through the descriptor, not opened again: reopening
    ``/dev/stdout`` redirected to a file (``>> log``) would truncate the
    file or, renamed over, replace it.
    """
    match = _DESCRIPTOR.fullmatch(os.path.normpath(re.sub("/+", "/", str(target))))  # //dev/stdout, /dev/../dev/fd/3
    if match is None or (match["pid"] not in (None, "self") and int(match["pid"]) != os.getpid()):
        return None
    if match["std"]:
        return 1 if match["std"] == "out" else 2
    return int(match["fd"] or match["pfd"])


def _same_as_standard_stream(target: Path) -> int | None:
    """1 or 2 when ``target`` is, by another name, the file, pipe or terminal standard output or error is."""
    try:
        mine = os.stat(target)
    except OSError:
        return None
    for fd, stream in ((1, sys.__stdout__), (2, sys.__stderr__)):
        if stream is None:
            continue  # closed when reuse started (>&-): the number may be one of the scan's own files now
        with contextlib.suppress(OSError):
            theirs = os.fstat(fd)
            if (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino):
                return fd
    return None


def _write_to_descriptor(fd: int, data: bytes, target: Path, what: str) -> None:
    if fd in (1, 2):
        stream = sys.stdout if fd == 1 else sys.stderr
        with contextlib.suppress(AttributeError, ValueError):
            stream.flush()  # what was printed before comes first
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise _error(target, exc, what) from exc


def _error(target: Path, exc: OSError, what: str) -> ReuseError:
    reason = exc.strerror or str(exc)
    if isinstance(exc, (FileExistsError, NotADirectoryError)) and not target.parent.is_dir():
        reason = "a file stands where its folder should be"
    return ReuseError(f"cannot write {what}to {target}: {reason}; check that you may write there, or choose another path.")


#: How to write an HTML report when the result at hand holds no texts (one read back from a JSON report).
HTML_FROM_A_SCAN = (
    "write the HTML report with the scan or the check itself (reuse scan FOLDER --html report.html, reuse check FOLDER "
    "--index PATH --html report.html, or write_html(reuse.scan(FOLDER), path))"
)


def expect_result(result: object, writer: str) -> None:
    """Raise a ``TypeError`` naming the fix when a writer is given no :class:`~reuse.model.ScanResult`.

    The one a caller most likely passes is :func:`~reuse.report.read_report`'s
    ``StoredReport``, which holds the result beside the word counts.
    """
    from ..model import ScanResult

    if isinstance(result, ScanResult):
        return
    if hasattr(result, "result") and hasattr(result, "words"):
        if writer == "write_html":  # its result has no texts to show: passing it on would be refused in turn
            raise TypeError(
                "write_html takes a ScanResult with the articles' texts; read_report gives a StoredReport, whose articles "
                f"have none (a JSON report holds no texts): {HTML_FROM_A_SCAN}."
            )
        words = ", words=report.words" if writer == "write_graph" else ""
        raise TypeError(f"{writer} takes a ScanResult; read_report gives a StoredReport: pass report.result{words}.")
    raise TypeError(f"{writer} takes a ScanResult (what reuse.scan returns), not {type(result).__name__}.")
