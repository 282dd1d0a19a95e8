"""Three-word runs: the cheap check between LSH candidates and alignment.

Reports of one story collide in the rewrite channel on their content words
alone, and aligning them was most of the scan's time. :func:`verify_candidates`
keeps the candidate pairs whose articles share a few three-word runs. Each
article's runs wait on disk (:class:`RunTable`, written by the worker that
read it), and only those of the candidate pairs are read back.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from .config import CandidateConfig
from .errors import workspace_error
from .stored import read_at
from .text import members, ngram_hashes_many, unique_sorted

__all__ = ["RunTable", "shared_runs", "trigram_set", "trigram_sets", "verify_candidates", "write_runs"]


def trigram_set(words: np.ndarray) -> np.ndarray:
    """Sorted distinct 32-bit hashes of the three-word runs of ``words`` (word hashes).

    32 bits keep the sets small; a rare collision only makes two articles
    look a little more alike, never less.
    """
    return trigram_sets([words])[0]


def trigram_sets(sequences: Sequence[np.ndarray]) -> list[np.ndarray]:
    """:func:`trigram_set` of each sequence of word hashes, the runs of all of them hashed in one pass (:func:`reuse.text.ngram_hashes_many`)."""
    return [unique_sorted(grams.astype(np.uint32)) for grams in ngram_hashes_many(sequences, 3)]


def write_runs(folder: str | Path, name: str, runs: Sequence[np.ndarray]) -> tuple[str, np.ndarray]:
    """Write each article's :func:`trigram_set` into ``folder`` as the batch file ``name``; what :meth:`RunTable.register` takes."""
    path = str(Path(folder) / f"runs.{name}")
    try:
        with open(path, "wb") as out:
            out.writelines(np.ascontiguousarray(r, dtype=np.uint32) for r in runs)
    except OSError as exc:
        raise workspace_error(folder, exc) from exc
    return path, np.array([len(r) for r in runs], dtype=np.int64)


class RunTable:
    """Each article's three-word runs, for :func:`verify_candidates`: on disk where the workers wrote them, a few numbers an article here.

    ``table[i]`` reads article ``i``'s runs back (one positioned read); the
    runs of articles read by workers that do not share the scan's disk are
    held in memory instead (:meth:`hold`). The runs read last are kept, up to
    :data:`_RECENT_BYTES`: an article is the partner of many first articles
    (some 60 each where a language without a stopword list makes many
    candidates). :meth:`close` lets go of the files.
    """

    def __init__(self, n: int) -> None:
        self.paths: list[str] = []
        self.file = np.full(n, -1, dtype=np.int32)  # index into ``paths``; -1: held here, or none
        self.offset = np.zeros(n, dtype=np.int64)
        self.count = np.zeros(n, dtype=np.int64)
        self.held: dict[int, np.ndarray] = {}
        self._fds: dict[int, int] = {}
        self._recent: OrderedDict[int, np.ndarray] = OrderedDict()  # most recently read last
        self._recent_bytes = 0

    def __len__(self) -> int:
        return len(self.file)

    def register(self, indices: Sequence[int], written: tuple[str, np.ndarray] | None) -> None:
        """Take a batch :func:`write_runs` wrote for the articles ``indices`` (``None``: none written); a later batch replaces an earlier one."""
        if written is None:
            return
        path, counts = written
        where = np.asarray(indices, dtype=np.int64)
        self.file[where] = len(self.paths)
        self.paths.append(path)
        self.offset[where] = np.concatenate(([0], np.cumsum(counts)[:-1])) if len(counts) else counts
        self.count[where] = counts
        if self.held or self._recent:  # runs of a first reading give way to the re-read's
            for i in indices:
                self.held.pop(i, None)
                self._forget(i)

    def hold(self, i: int, runs: np.ndarray) -> None:
        """Keep article ``i``'s runs in memory (they were not written)."""
        self.file[i] = -1
        self.held[i] = runs
        self._forget(i)

    def _forget(self, i: int) -> None:
        gone = self._recent.pop(i, None)
        if gone is not None:
            self._recent_bytes -= gone.nbytes

    def __getitem__(self, i: int) -> np.ndarray:
        f = int(self.file[i])
        if f < 0:
            return self.held.get(i, _NO_RUNS)
        size = 4 * int(self.count[i])
        if size == 0:
            return _NO_RUNS
        recent = self._recent.get(i)
        if recent is not None:
            self._recent.move_to_end(i)
            return recent
        try:
            fd = self._fds.pop(f, None)
            if fd is not None:
                self._fds[f] = fd  # most recently used last: the oldest goes first
            else:
                if len(self._fds) >= _OPEN_FILES:  # one file per batch of 250 articles: keep a few open, not all
                    os.close(self._fds.pop(next(iter(self._fds))))
                fd = self._fds[f] = os.open(self.paths[f], os.O_RDONLY | getattr(os, "O_BINARY", 0))
            data = read_at(fd, size, 4 * int(self.offset[i]))
        except OSError as exc:
            raise workspace_error(Path(self.paths[f]).parent, exc) from exc
        if len(data) != size:
            raise workspace_error(Path(self.paths[f]).parent, OSError(f"{self.paths[f]} ends before the runs of an article"))
        runs = np.frombuffer(data, dtype=np.uint32)
        self._recent[i] = runs
        self._recent_bytes += size
        while self._recent_bytes > _RECENT_BYTES:
            self._recent_bytes -= self._recent.popitem(last=False)[1].nbytes
        return runs

    def close(self) -> None:
        """Close the files (reading again reopens them)."""
        for fd in self._fds.values():
            os.close(fd)
        self._fds.clear()


_NO_RUNS = np.zeros(0, dtype=np.uint32)
#: Bytes of runs a :class:`RunTable` keeps after reading them (some 27,000 articles' worth).
_RECENT_BYTES = 64 << 20
#: Top bits of a run hash flagged for the first article of a group of pairs
#: (a table of 2**20 flags, 1 MB): a partner's run that hits no flag is not
#: shared, and an unrelated partner hits about one flag in 1,700.
_FLAG_BITS = 20
#: Partners of one first article counted in one pass (their runs are held together): bounds the memory of a hub.
_PARTNERS_AT_ONCE = 4096
#: Batch files a :class:`RunTable` keeps open at once.
_OPEN_FILES = 64


def shared_runs(a: np.ndarray, b: np.ndarray) -> int:
    """How many values two sorted distinct arrays share.

    >>> shared_runs(np.array([1, 3, 5], dtype=np.uint32), np.array([3, 4, 5], dtype=np.uint32))
    2
    """
    if len(a) == 0 or len(b) == 0:
        return 0
    if len(a) > len(b):
        a, b = b, a
    return int(np.count_nonzero(members(a, b)))


def _by_first(candidates: Sequence[tuple[int, int]]) -> Iterator[Sequence[tuple[int, int]]]:
    """The pairs in groups of consecutive ones with one first article, at most ``_PARTNERS_AT_ONCE`` a group (pairs come sorted by their first article)."""
    start = 0
    while start < len(candidates):
        end = start + 1
        while end < len(candidates) and candidates[end][0] == candidates[start][0] and end - start < _PARTNERS_AT_ONCE:
            end += 1
        yield candidates[start:end]
        start = end


def verify_candidates(
    candidates: Sequence[tuple[int, int]],
    runs: Sequence[np.ndarray] | RunTable,
    config: CandidateConfig,
    shared: Callable[[np.ndarray, Sequence[np.ndarray]], np.ndarray] | None = None,
) -> list[tuple[int, int]]:
    """The candidate pairs whose articles share at least ``config.min_shared_trigrams`` three-word runs.

    ``runs`` holds each article's :func:`trigram_set` (usable words), in
    article order (a list, or a :class:`RunTable` that reads them from disk). Two reports of one story collide in LSH on their content
    words; this cheap check keeps them from the costly alignment. The pairs
    of one first article are counted together, in one pass over the runs of
    all its partners (pairs come sorted by their first article). ``shared``,
    when given, counts instead the runs the first article shares with each
    of its partners, given their runs (the index passes its count for runs
    cut short, ``codec.shared_at_most_many``).
    """
    need = config.min_shared_trigrams
    if need == 0:
        return list(candidates)
    kept = []
    if shared is not None:
        for group in _by_first(candidates):  # sorted by the first article: its runs are read once for all its pairs
            counts = shared(runs[group[0][0]], [runs[j] for _, j in group])
            kept += [group[k] for k in np.flatnonzero(counts >= need).tolist()]
        return kept
    flags = np.zeros(1 << _FLAG_BITS, dtype=bool)  # the top bits of the first article's runs
    for group in _by_first(candidates):  # the pairs of one first article at a time
        left = runs[group[0][0]]
        others = [runs[j] for _, j in group]
        sizes = [len(r) for r in others]
        if len(left) and sum(sizes):
            # A partner's runs whose top bits the first article has: at least the runs they share.
            slots = left.astype(np.uint32, copy=False) >> np.uint32(32 - _FLAG_BITS)
            flags[slots] = True
            near = flags[np.concatenate(others).astype(np.uint32, copy=False) >> np.uint32(32 - _FLAG_BITS)]
            flags[slots] = False
            at_least = np.bincount(np.repeat(np.arange(len(group)), sizes)[near], minlength=len(group))
            for k in np.flatnonzero(at_least >= need).tolist():  # the few left: counted exactly
                if shared_runs(left, others[k]) >= need:
                    kept.append(group[k])
    return kept
