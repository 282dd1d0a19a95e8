"""A process's memory as Linux reports it in ``/proc/PID/status``, for the benchmarks.

``ru_maxrss`` will not do for a child's peak on Linux: it keeps the peak of
the process the child was forked from across ``exec``, so every child of a
benchmark that had just generated its corpus reported at least the
benchmark's own. ``VmHWM`` is the process's own peak, ``VmRSS`` its size now.
"""

from __future__ import annotations

__all__ = ["status_kb"]


def status_kb(field: str, pid: int | str = "self") -> int | None:
    """The kB of ``field`` (``"VmHWM"``, ``"VmRSS"``) of process ``pid``; ``None`` without /proc or that process."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            return next((int(line.split()[1]) for line in f if line.startswith(f"{field}:")), None)
    except OSError:
        return None
