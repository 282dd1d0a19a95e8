"""The exceptions ``reuse`` raises. The CLI turns them into messages and exit codes."""

from __future__ import annotations

import os

__all__ = ["CommittedInterrupt", "ConfigError", "IndexFileError", "IndexPathError", "InputError", "ReuseError", "WorkSpaceError", "WorkerError"]


class ReuseError(Exception):
    """Base class: every error ``reuse`` raises on purpose derives from it.

    Messages say what failed, where, and how to fix it.
    """


class InputError(ReuseError):
    """The input as a whole cannot be used (missing or empty folder, bad path)."""


class ConfigError(ReuseError):
    """Settings that cannot work together, with the setting to change."""


class IndexFileError(ReuseError):
    """An index file that cannot be used: missing, not an index, or built with other settings."""


class IndexPathError(IndexFileError, InputError):
    """An index path that names no index to open: none there (and none to create), a folder, or no regular file (a device, a pipe).

    A usage error, like a missing folder: the CLI exits 2.
    """


class IndexDamaged(IndexFileError):
    """A value read from an index that does not decode: the file was damaged or edited by hand (``reuse.index.failures.reported_damage`` adds its path)."""

    #: Whether the message names the index and says to rebuild it already (not to be wrapped again).
    explained = False


class WorkSpaceError(ReuseError):
    """The scan's temporary folder cannot be made or written (a full or read-only disk)."""


class WorkerError(ReuseError):
    """A worker process of a scan died before finishing its part (killed, or out of memory)."""


def workspace_error(folder: object, exc: OSError) -> WorkSpaceError:
    """The message for a temporary folder that failed: where, why, and the fix.

    ``folder`` may be the scan's own ``reuse-scan-*`` folder, which is gone
    by the time the message is read: the message names the folder it was
    made in. A short write (numpy's ``tofile`` says "N requested and M
    written", with no error number) is a full disk.

    >>> print(workspace_error("/big/reuse-scan-x1", OSError("242464 requested and 139264 written")))  # doctest: +ELLIPSIS
    cannot write the scan's temporary files (...) in /big (the disk is full): free some space there, ...
    """
    where = os.fspath(folder) if isinstance(folder, (str, os.PathLike)) else str(folder)
    if os.path.basename(where.rstrip(os.sep)).startswith("reuse-scan-"):
        where = os.path.dirname(where.rstrip(os.sep))
    why = exc.strerror or ("the disk is full" if "requested and" in str(exc) and "written" in str(exc) else str(exc))
    return WorkSpaceError(
        f"cannot write the scan's temporary files (texts, band keys, word arrays, three-word runs) in {where} "
        f"({why}): free some space there, or set TMPDIR to a folder on a disk with room "
        "(about 45 KB per article, plus the texts)"
    )


class CommittedInterrupt(KeyboardInterrupt):
    """Ctrl-C once a change to an index was committed: the index holds it (raised for the ``KeyboardInterrupt`` it replaces).

    A ``KeyboardInterrupt`` still, so that it stops a run as Ctrl-C does;
    the CLI says the change was made rather than that the index is as it was.
    """
