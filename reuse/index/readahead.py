"""Ask the system to read an index file into its page cache while a check runs.

A check of a batch of any size reads most of the postings rows (every
12-bit key prefix its keys touch: nearly all of them from a few articles
on). From disk SQLite reads them a 4 KB page at a time, scattered: on the
machine measured, about 190 MB/s against 645 MB/s for one sequential read of
the whole file, so that checking 1,000 new articles against 100,000
(``reuse.index.check``, loading the batch included) took 10.1-11.1 s with
the page cache dropped and 5.3-5.6 s with the index cached. Asking the
kernel to read the file ahead (``posix_fadvise(WILLNEED)``, 4 MB at a time,
nothing copied into any process) while the check reads its batch brings
the pages in first: 6.5-6.7 s from disk, 5.4-5.5 s cached (2026-11-30,
runs alternating with the code before; copying the file through a buffer
instead gave 7.0 s from disk and cost 0.2-0.3 s cached).

The file is read ahead only when it fits twice over in the memory the
system reports available (the page cache is the system's to drop again),
and not at all where that cannot be told or ``posix_fadvise`` is missing.

The advice is given by a small child process, not a thread: closing any
descriptor of a file drops every POSIX lock the process holds on it,
SQLite's included, so a descriptor opened and closed here could free the
locks of any connection to the index in this process (a check beside an
add then read a "malformed" page). A child's descriptors and locks are its
own; the page cache is the system's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike

__all__ = ["read_ahead"]

_CHUNK = 4 << 20

#: The child's program: advise the kernel to read the file, a chunk at a time, and exit.
_ADVISE = (
    "import os, sys\n"
    "path, size, step = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])\n"
    "fd = os.open(path, os.O_RDONLY)\n"
    "for offset in range(0, size, step):\n"
    "    os.posix_fadvise(fd, offset, step, os.POSIX_FADV_WILLNEED)\n"
)


def _available_memory() -> int | None:
    """Bytes of memory the system reports available (Linux ``MemAvailable``), or ``None``."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


@contextmanager
def read_ahead(path: str | PathLike) -> Iterator[bool]:
    """Have ``path`` read into the page cache in the background for the length of the block; yields whether it is.

    The child stops at the end of the file or is stopped at the end of the
    block, whichever comes first; a file it cannot read is left alone (the
    check reports its own errors).
    """
    try:
        size = os.path.getsize(path)
    except OSError:
        size = None
    available = _available_memory()
    if not hasattr(os, "posix_fadvise") or not sys.executable or size is None or available is None or 2 * size > available:
        yield False
        return
    try:
        child = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _ADVISE, os.fspath(path), str(size), str(_CHUNK)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        yield False
        return
    try:
        yield True
    finally:
        if child.poll() is None:
            child.terminate()
        child.wait()
