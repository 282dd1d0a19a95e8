"""Ask the system to read an index file into its page cache while a check runs.

A check of a batch of any size reads most of the postings rows (every
12-bit key prefix its keys touch: nearly all of them from a few articles
on). From disk SQLite reads them a 4 KB page at a time, scattered: on the
machine measured, about 190 MB/s against 645 MB/s for one sequential read of
the whole file, so that checking 1,000 new articles against 100,000
(``reuse.index.check``, loading the batch included) took 10.1-11.1 s with
the page cache dropped and 5.3-5.6 s with the index cached. Asking the
kernel to read the file ahead (``posix_fadvise(WILLNEED)``, 4 MB at a time
from a thread of its own, nothing copied into this process) while the
check reads its batch brings the pages in first: 6.5-6.7 s from disk, and
5.4-5.5 s cached (four runs each, 2026-11-30; copying the file through a
buffer instead gave 7.0 s from disk and cost 0.2-0.3 s cached).

The file is read ahead only when it fits twice over in the memory the
system reports available (the page cache is the system's to drop again),
and not at all where that cannot be told or ``posix_fadvise`` is missing.

Open the block before SQLite opens the file and end it after SQLite has
closed it: closing any descriptor of a file drops every POSIX lock this
process holds on it, SQLite's included, and a writer could then overwrite
pages a reader still uses (a test that checks while an add writes read a
"malformed" database when the descriptor closed mid-check).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike

__all__ = ["read_ahead"]

_CHUNK = 4 << 20


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

    Stops at the end of the file or of the block, whichever comes first; a
    file that cannot be read is left alone (the check reports its own
    errors). Its descriptor stays open for the whole block: SQLite's
    connection to the file must open and close inside it.
    """
    advise = getattr(os, "posix_fadvise", None)
    try:
        size = os.path.getsize(path)
    except OSError:
        size = None
    available = _available_memory()
    if advise is None or size is None or available is None or 2 * size > available:
        yield False
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        yield False
        return
    stop = threading.Event()

    def read() -> None:
        try:
            for offset in range(0, size, _CHUNK):
                if stop.is_set():
                    return
                advise(fd, offset, _CHUNK, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass

    thread = threading.Thread(target=read, name="reuse-index-read-ahead", daemon=True)
    thread.start()
    try:
        yield True
    finally:
        stop.set()
        thread.join()
        os.close(fd)  # only now: see the module's note on POSIX locks
