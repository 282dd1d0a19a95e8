"""Progress and stage timings, shared by the scan and the index's check.

A caller follows a long run through a :data:`ProgressCallback`; ``-v``
shows how long each stage took, from a :class:`Timer`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["ProgressCallback", "Timer", "tick"]

#: ``callback(stage, done, total)``: called as a stage advances; ``total`` 0 for a stage with no count
#: (a wait for another writer of the index), told once as it begins.
ProgressCallback = Callable[[str, int, int], None]


class Timer:
    """Seconds per stage, in the order the stages ran: ``timings`` is ``[(stage, seconds), ...]``."""

    def __init__(self) -> None:
        self.timings: list[tuple[str, float]] = []
        self._mark = time.perf_counter()

    def lap(self, name: str) -> None:
        """Time as stage ``name`` what ran since the last lap (or since the timer was made): for stages that end
        inside blocks of other code (a commit, as a transaction's block ends)."""
        now = time.perf_counter()
        self.timings.append((name, round(now - self._mark, 4)))
        self._mark = now

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block as stage ``name``; a stage timed in two parts in a row (load: walk, then read) is one."""
        start = time.perf_counter()
        try:
            yield
        finally:
            took = time.perf_counter() - start
            if self.timings and self.timings[-1][0] == name:
                took += self.timings.pop()[1]
            self.timings.append((name, round(took, 4)))


def tick(progress: ProgressCallback | None, stage: str, done: int, total: int, every: int = 200) -> None:
    """Tell ``progress`` of every ``every``-th item of a stage, and of its last."""
    if progress is not None and (done % every == 0 or done == total):
        progress(stage, done, total)
