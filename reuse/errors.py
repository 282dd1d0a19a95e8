"""The exceptions ``reuse`` raises. The CLI turns them into messages and exit codes."""

from __future__ import annotations

__all__ = ["ConfigError", "IndexFileError", "InputError", "ReuseError"]


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
