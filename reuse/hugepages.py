"""Transparent huge pages off while a process churns through large arrays (Linux).

numpy advises the kernel to back every array of 4 MB or more with 2 MB
huge pages (``madvise(MADV_HUGEPAGE)``). Where the kernel then finds and
clears a whole 2 MB page at the first touch of each (``defrag`` set to
``madvise``, as on the virtual machines this project is measured on), an
index ``add`` waits on it: each batch sorts and encodes its postings in
fresh arrays of 50-100 MB. Measured on 2026-11-30 in adds of 5,000
articles with two jobs: encoding a segment's keys took 0.91 and 0.94 s with
huge pages, 0.28 and 0.30 s without; adding 20,000 articles (four adds)
ran at 683, 728 and 715 articles/s with them, 811, 854 and 819 without,
run alternately. A scan and a check, whose arrays are smaller or read
once, showed no difference (run alternately with numpy's
``NUMPY_MADVISE_HUGEPAGE=0``), so only the index's writes turn them off.

:func:`no_huge_pages` turns them off for this process and the workers it
forks meanwhile (``prctl(PR_SET_THP_DISABLE)``, a documented Linux call),
and back as they were afterwards. Elsewhere, or where the call is refused,
it does nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .linux import prctl as _prctl

__all__ = ["huge_pages_disabled", "no_huge_pages"]

_PR_SET_THP_DISABLE = 41
_PR_GET_THP_DISABLE = 42


def huge_pages_disabled() -> bool | None:
    """Whether transparent huge pages are off for this process; ``None`` where it cannot be asked."""
    prctl = _prctl()
    if prctl is None:
        return None
    state = prctl(_PR_GET_THP_DISABLE, 0, 0, 0, 0)
    return None if state < 0 else bool(state)


@contextmanager
def no_huge_pages() -> Iterator[None]:
    """Transparent huge pages off for this process (and its forks) inside the block; restored after."""
    before = huge_pages_disabled()
    prctl = _prctl()
    if before is None or before or prctl(_PR_SET_THP_DISABLE, 1, 0, 0, 0) != 0:  # before is None without prctl
        yield  # unsupported, refused, or already off: nothing to undo
        return
    try:
        yield
    finally:
        prctl(_PR_SET_THP_DISABLE, 0, 0, 0, 0)
