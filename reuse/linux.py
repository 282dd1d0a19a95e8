"""Linux process controls (``prctl(2)``), each a no-op elsewhere or where the kernel refuses it.

Used by :mod:`reuse.hugepages` (transparent huge pages off for an index's
writes) and by :mod:`reuse.parallel` (a pool worker ends with the scan).
"""

from __future__ import annotations

import ctypes
import signal
import sys
from functools import lru_cache

__all__ = ["die_with_parent", "prctl"]

_PR_SET_PDEATHSIG = 1


@lru_cache(maxsize=1)
def prctl():
    """libc's ``prctl``, typed; ``None`` off Linux or without it."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call = libc.prctl
    except (OSError, AttributeError):
        return None
    call.restype = ctypes.c_int
    call.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    return call


def die_with_parent() -> bool:
    """Have the kernel send this process SIGTERM when its parent dies; whether it was set.

    A pool worker whose scan was killed outright (SIGKILL, the out-of-memory
    killer) would otherwise wait on the pool's queue forever.
    """
    call = prctl()
    return call is not None and call(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) == 0
