"""What the reading pass saw of each article, kept on disk for alignment.

Alignment needs each article of a candidate pair as the reading pass saw it:
its words (spans, hashes, stems), the words the phrase list and the
article's own repetitions leave out, and its candidate boilerplate lines (the boilerplate
learned from the whole corpus is masked from them only once every article
is read). Analysing the article again in the alignment worker cost as much
as aligning it (a worker of a new pool even stems its vocabulary again), so
the reading pass writes these arrays to the scan's temporary folder, a
batch of articles per file as the band keys are
(:class:`reuse.candidates.BandTable`), and alignment reads back the
articles of its pairs, one read each. The scan's process keeps only where
each article's reading lies (:class:`WordArrayTable`, a few numbers an
article), never the arrays.

One article's block in a batch file, native byte order, 8-byte aligned::

    words u64[n]  stems u64[n]  line keys u64[m]
    starts i32[n]  ends i32[n]  line first words i32[m]  line end words i32[m]
    usable u8[n]  (zero padding to a multiple of 8 bytes)

with ``n`` words and ``m`` candidate lines.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import workspace_error
from .text import Analysis

__all__ = ["Place", "WordArrays", "WordArrayTable", "load_word_arrays", "write_word_arrays"]

#: Offsets above this do not fit the block's 32-bit spans: such an article is analysed again instead.
_MAX_OFFSET = 2**31 - 1


@dataclass(frozen=True, eq=False)
class WordArrays:
    """One article as the reading pass left it, before the learned boilerplate is masked."""

    analysis: Analysis
    usable: np.ndarray  # bool per word: phrase list and the article's repetitions masked
    lines: list[tuple[int, int, int]]  # its candidate boilerplate lines, ``(key, first word, end word)`` (see boilerplate.candidate_lines)


@dataclass(frozen=True)
class Place:
    """Where one article's :class:`WordArrays` lies: its block in a batch file."""

    path: str
    offset: int  # bytes
    words: int
    lines: int


def _block_size(words: int, lines: int) -> int:
    size = 16 * words + 8 * lines + 8 * words + 8 * lines + words
    return -(-size // 8) * 8


def _storable(reading: WordArrays) -> bool:
    ends = reading.analysis.ends
    return len(ends) == 0 or int(ends[-1]) <= _MAX_OFFSET


def _block(reading: WordArrays) -> list[np.ndarray]:
    """The arrays of one reading's block, in the file's order, padding included."""
    a = reading.analysis
    n, m = len(a), len(reading.lines)
    lines = np.array(reading.lines, dtype=np.uint64).reshape(m, 3)
    spans = np.empty(2 * n + 2 * m, dtype=np.int32)
    spans[:n], spans[n : 2 * n], spans[2 * n : 2 * n + m], spans[2 * n + m :] = a.starts, a.ends, lines[:, 1], lines[:, 2]
    pad = _block_size(n, m) - 8 * (3 * n + 2 * m) - n
    return [
        np.ascontiguousarray(a.words, dtype=np.uint64),
        np.ascontiguousarray(a.stems, dtype=np.uint64),
        np.ascontiguousarray(lines[:, 0]),
        spans,
        np.ascontiguousarray(reading.usable, dtype=np.uint8),
        np.zeros(pad, dtype=np.uint8),
    ]


_SEEK_LOCK = threading.Lock()


def read_at(fd: int, size: int, offset: int) -> bytes:
    """``size`` bytes at ``offset`` of the open file ``fd`` (fewer only at its end); safe across threads.

    For the scan's files read back piece by piece: the texts
    (:mod:`reuse.textstore`) and the three-word runs
    (:class:`reuse.runs.RunTable`).
    """
    parts, done = [], 0
    while done < size:
        if hasattr(os, "pread"):
            part = os.pread(fd, size - done, offset + done)
        else:  # Windows: a seek and a read, kept together
            with _SEEK_LOCK:
                os.lseek(fd, offset + done, os.SEEK_SET)
                part = os.read(fd, size - done)
        if not part:
            break
        parts.append(part)
        done += len(part)
    return b"".join(parts)


def write_word_arrays(folder: str | Path, name: str, readings: Sequence[WordArrays]) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    """Write ``readings`` into ``folder`` as the batch file ``name`` (unique in the folder).

    Returns what :meth:`WordArrayTable.register` takes: the file, and the
    offset, word count and line count of each reading in it (offset ``-1``
    for one not written: an article too long for the 32-bit spans).
    """
    path = str(Path(folder) / f"readings.{name}")
    offsets = np.full(len(readings), -1, dtype=np.int64)
    words = np.array([len(r.analysis) for r in readings], dtype=np.int64)
    lines = np.array([len(r.lines) for r in readings], dtype=np.int64)
    parts: list[np.ndarray] = []
    at = 0
    for k, reading in enumerate(readings):
        if _storable(reading):
            offsets[k] = at
            at += _block_size(int(words[k]), int(lines[k]))
            parts.extend(_block(reading))
    try:
        with open(path, "wb") as out:
            out.writelines(parts)  # piece by piece: one write of megabytes costs the kernel several times more
    except OSError as exc:
        raise workspace_error(folder, exc) from exc
    return path, offsets, words, lines


def load_word_arrays(items: Sequence[tuple[Place, str | None]]) -> list[WordArrays]:
    """The :class:`WordArrays` at each ``(place, language)``, each file opened once."""
    out: list[WordArrays | None] = [None] * len(items)
    by_file: dict[str, list[int]] = {}
    for k, (place, _) in enumerate(items):
        by_file.setdefault(place.path, []).append(k)
    for path, ks in by_file.items():
        with open(path, "rb", buffering=0) as fh:
            for k in ks:
                place, language = items[k]
                raw = np.empty(_block_size(place.words, place.lines), dtype=np.uint8)
                fh.seek(place.offset)
                if fh.readinto(raw) != len(raw):
                    raise OSError(f"{path} ends before the reading at byte {place.offset}")
                out[k] = _unpack(raw, place.words, place.lines, language)
    return out  # type: ignore[return-value]


def _unpack(raw: np.ndarray, n: int, m: int, language: str | None) -> WordArrays:
    big = raw[: 8 * (2 * n + m)].view(np.uint64)
    small = raw[8 * (2 * n + m) : 8 * (3 * n + 2 * m)].view(np.int32)
    keys = big[2 * n :].tolist()
    firsts = small[2 * n : 2 * n + m].tolist()
    ends = small[2 * n + m :].tolist()
    analysis = Analysis(
        starts=small[:n].astype(np.int64),
        ends=small[n : 2 * n].astype(np.int64),
        words=big[:n],
        stems=big[n : 2 * n],
        language=language,
    )
    usable = raw[8 * (3 * n + 2 * m) : 8 * (3 * n + 2 * m) + n].view(bool)
    return WordArrays(analysis=analysis, usable=usable, lines=list(zip(keys, firsts, ends)))


class WordArrayTable:
    """Where each article's reading lies, as the workers that read them report it: a few numbers an article."""

    def __init__(self, n: int) -> None:
        self.paths: list[str] = []
        self.file = np.full(n, -1, dtype=np.int32)  # index into ``paths``; -1: not stored
        self.offset = np.zeros(n, dtype=np.int64)
        self.words = np.zeros(n, dtype=np.int64)
        self.lines = np.zeros(n, dtype=np.int32)

    def register(self, indices: Iterable[int], written: tuple[str, np.ndarray, np.ndarray, np.ndarray] | None) -> None:
        """Take a batch that :func:`write_word_arrays` wrote for the articles ``indices``; a later batch replaces an earlier reading."""
        if written is None:
            return
        path, offsets, words, lines = written
        indices = np.asarray(list(indices), dtype=np.int64)
        kept = offsets >= 0
        self.file[indices] = np.where(kept, len(self.paths), -1)
        self.paths.append(path)
        self.offset[indices], self.words[indices], self.lines[indices] = offsets, words, lines

    def place(self, i: int) -> Place | None:
        """Where article ``i``'s reading lies; ``None`` when it was not stored."""
        f = int(self.file[i])
        if f < 0:
            return None
        return Place(self.paths[f], int(self.offset[i]), int(self.words[i]), int(self.lines[i]))
