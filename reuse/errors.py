"""The exceptions ``reuse`` raises. The CLI turns them into messages and exit codes."""

from __future__ import annotations

__all__ = ["ConfigError", "IndexFileError", "InputError", "ReuseError", "WorkSpaceError"]


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


class WorkSpaceError(ReuseError):
    """The scan's temporary folder cannot be made or written (a full or read-only disk)."""


def workspace_error(folder: object, exc: OSError) -> WorkSpaceError:
    """The message for a temporary folder that failed: where, why, and the fix."""
    return WorkSpaceError(
        f"cannot write the scan's temporary files (texts, band keys, word arrays, three-word runs) in {folder} "
        f"({exc.strerror or exc}): free some space there, or set TMPDIR to a folder on a disk with room "
        "(about 45 KB per article, plus the texts)"
    )
