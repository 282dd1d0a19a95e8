"""Passage windows -> shingles -> MinHash signatures -> LSH band keys.

Two channels sketch each article:

* ``verbatim``: word ``shingle_size``-grams of the folded words, so copied
  wording matches;
* ``rewrite``: the stems of content words (stopwords dropped), as a set, so a
  passage whose words were swapped for synonyms, reordered inside sentences or
  trimmed still shares most of its items.

Each channel slides windows of ``window`` items with step ``stride`` over the
article's usable words (boilerplate and the article's own repetitions left
out) and gives every window a MinHash signature.

The signatures are datasketch MinHashes: the permutations come from
``datasketch.MinHash(num_perm, seed)`` and the arithmetic is datasketch's
``affine32`` scheme (MurmurHash3 finaliser, then ``a * h + b`` modulo 2^32).
Instead of one ``update_batch`` per window, each article hashes its items once
into an items x permutations matrix and takes the minima of blocks of
``stride`` rows, then of consecutive blocks: windows overlap, so this is
about ``window / stride`` times less work. ``to_minhash`` wraps a window's
signature into a ``datasketch.LeanMinHash``, and a test checks the values
equal datasketch's own ``update_batch``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .config import CandidateConfig, SketchConfig
from .text import Analysis, ngram_hashes, ranks

__all__ = ["CHANNELS", "Sketch", "permutations", "signatures", "sketch_article", "sketch_articles", "to_minhash"]

CHANNELS = ("verbatim", "rewrite")
SCHEME = "affine32"

_M1 = np.uint32(0x85EBCA6B)
_M2 = np.uint32(0xC2B2AE35)
_BAND_MULT = np.uint64(0xFF51AFD7ED558CCD)


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's ``(a, b)`` permutation parameters for ``num_perm`` and ``seed``."""
    from datasketch import MinHash  # imported on use: datasketch loads scipy (seconds)

    m = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME)
    a, b = m.permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser of each value, in place."""
    shifted = np.empty_like(h)
    for shift, mult in ((16, _M1), (13, _M2)):
        np.right_shift(h, np.uint32(shift), out=shifted)
        h ^= shifted
        h *= mult
    np.right_shift(h, np.uint32(16), out=shifted)
    h ^= shifted
    return h


_CHUNK_ROWS = 512  # rows of the items x permutations matrix at a time: 256 KB, cache-sized


@lru_cache(maxsize=8)
def _tiled(num_perm: int, seed: int, stride: int) -> tuple[np.ndarray, np.ndarray]:
    """The permutation parameters repeated down a chunk of rows.

    numpy multiplies two same-shaped contiguous arrays about twice as fast as
    it broadcasts a row against a column, so the ``a`` and ``b`` rows are laid
    out once per process.
    """
    a, b = permutations(num_perm, seed)
    rows = stride * max(1, _CHUNK_ROWS // stride)
    return np.tile(a, (rows, 1)), np.tile(b, (rows, 1))


def _padded_hashes(sequences: list[np.ndarray], stride: int) -> np.ndarray:
    """32-bit hashes of the items of each sequence, its last repeated up to a multiple of ``stride``.

    A repeated item cannot change the minimum of its block, so blocks of
    several sequences can be stacked and reduced together. One array for all
    of them: the hashing is a few numpy calls per article, not per sequence.
    """
    hashed = np.empty(sum(len(s) + -len(s) % stride for s in sequences), dtype=np.uint32)
    first = 0
    for items in sequences:
        if len(items):
            end = first + len(items)
            np.copyto(hashed[first:end], items, casting="unsafe")  # the low 32 bits
            first = end + -len(items) % stride
            hashed[end:first] = hashed[end - 1]
    return _fmix32(hashed)


def _block_minima(hashed: np.ndarray, config: SketchConfig) -> np.ndarray:
    """Minimum of ``a * h + b`` (mod 2^32) over each block of ``stride`` hashes.

    ``hashed`` is a multiple of ``stride`` long; returns ``(blocks, num_perm)``.
    The matrix is computed a cache-sized chunk at a time and never whole.
    """
    stride, num_perm = config.stride, config.num_perm
    a_rows, b_rows = _tiled(num_perm, config.seed, stride)
    chunk = len(a_rows)
    out = np.empty((len(hashed) // stride, num_perm), dtype=np.uint32)
    buf = np.empty_like(a_rows)
    for first in range(0, len(hashed), chunk):
        part = hashed[first : first + chunk]
        m = len(part)
        view = buf[:m]
        np.copyto(view, part[:, None])
        np.multiply(view, a_rows[:m], out=view)
        np.add(view, b_rows[:m], out=view)
        np.minimum.reduce(view.reshape(m // stride, stride, num_perm), axis=1, out=out[first // stride : (first + m) // stride])
    return out


def _window_signatures(sequences: list[np.ndarray], config: SketchConfig) -> tuple[np.ndarray, np.ndarray]:
    """Signatures of the windows of several sequences, stacked in order, and each sequence's number of windows.

    One matrix for all the sequences, and one running minimum over it: the
    rows that straddle two sequences are computed but never used.
    """
    stride = config.stride
    per_window = max(1, config.window // stride)
    n_blocks = np.array([-(-len(s) // stride) for s in sequences], dtype=np.int64)
    blocks = _block_minima(_padded_hashes(sequences, stride), config)
    n_windows = np.where(n_blocks > per_window, n_blocks - per_window + 1, np.minimum(n_blocks, 1))
    sigs = np.empty((int(n_windows.sum()), config.num_perm), dtype=np.uint32)
    block_at = np.cumsum(n_blocks) - n_blocks
    window_at = np.cumsum(n_windows) - n_windows
    full = n_blocks >= per_window  # its windows are runs of per_window blocks
    if full.any():
        span = len(blocks) - per_window + 1
        running = blocks[:span].copy()
        for k in range(1, per_window):
            np.minimum(running, blocks[k : k + span], out=running)
        counts = n_windows[full]
        sigs[np.repeat(window_at[full], counts) + ranks(counts)] = running[np.repeat(block_at[full], counts) + ranks(counts)]
    for i in np.flatnonzero(~full & (n_blocks > 0)).tolist():  # shorter than a window: one, over all of it
        sigs[window_at[i]] = blocks[block_at[i] : block_at[i] + n_blocks[i]].min(axis=0)
    return sigs, n_windows


def signatures(items: np.ndarray, config: SketchConfig) -> np.ndarray:
    """MinHash signatures of the sliding windows over ``items`` (64-bit hashes).

    Returns a ``(windows, num_perm)`` uint32 array: window ``w`` covers items
    ``[w * stride, w * stride + window)``, the last window reaching the end.
    A sequence shorter than ``window`` is one window; an empty one has none.
    """
    return _window_signatures([items], config)[0]


def band_keys(sigs: np.ndarray, candidates: CandidateConfig, salt: int | np.ndarray) -> np.ndarray:
    """One 64-bit key per window and band: windows sharing a key share that band.

    ``salt`` is one number, or one per window (several channels keyed at once).
    """
    rows = candidates.rows
    shaped = sigs[:, : candidates.bands * rows].reshape(len(sigs), candidates.bands, rows)
    by_row = shaped.transpose(2, 0, 1).astype(np.uint64, order="C")  # each row's values contiguous
    acc = np.empty(shaped.shape[:2], dtype=np.uint64)
    acc[:] = np.asarray(salt, dtype=np.uint64).reshape(-1, 1)
    shifted = np.empty_like(acc)
    for r in range(rows):
        acc *= _BAND_MULT
        acc ^= by_row[r]
        np.right_shift(acc, np.uint64(31), out=shifted)
        acc ^= shifted
    return acc


@dataclass(frozen=True, eq=False)
class Sketch:
    """The band keys of one article's windows: a ``(windows, bands)`` uint64 array per channel."""

    verbatim: np.ndarray
    rewrite: np.ndarray


def channel_items(analysis: Analysis, usable: np.ndarray, config: SketchConfig) -> tuple[np.ndarray, np.ndarray]:
    """The hashed items of the verbatim and the rewrite channel, in text order."""
    words = analysis.words[usable]
    stems = analysis.stems[usable]
    verbatim = ngram_hashes(words, config.shingle_size) if len(words) >= config.shingle_size else words
    return verbatim, stems[stems != 0]


#: Articles sketched together: their numpy work in one set of calls, their matrix a few MB.
_ARTICLES_AT_ONCE = 32


def sketch_articles(read: Sequence[tuple[Analysis, np.ndarray]], config: SketchConfig, candidates: CandidateConfig) -> list[Sketch]:
    """:func:`sketch_article` of each ``(analysis, usable)``.

    The same values, a few dozen articles at a time: most of an article's
    arrays are small, and numpy's cost per call outweighs its arithmetic.
    """
    sketches = []
    for first in range(0, len(read), _ARTICLES_AT_ONCE):
        sequences = [items for analysis, usable in read[first : first + _ARTICLES_AT_ONCE] for items in channel_items(analysis, usable, config)]
        sigs, n_windows = _window_signatures(sequences, config)
        salts = np.tile(np.array([1, 2], dtype=np.uint64), len(sequences) // 2)  # verbatim 1, rewrite 2
        keys = band_keys(sigs, candidates, np.repeat(salts, n_windows))
        ends = np.cumsum(n_windows).tolist()
        starts = [0, *ends[:-1]]
        sketches.extend(
            Sketch(verbatim=keys[starts[k] : ends[k]], rewrite=keys[starts[k + 1] : ends[k + 1]]) for k in range(0, len(sequences), 2)
        )
    return sketches


def sketch_article(analysis: Analysis, usable: np.ndarray, config: SketchConfig, candidates: CandidateConfig) -> Sketch:
    """Band keys of every window of one article in both channels."""
    return sketch_articles([(analysis, usable)], config, candidates)[0]


def to_minhash(signature: np.ndarray, config: SketchConfig):
    """Wrap one window signature as a ``datasketch.LeanMinHash``."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=config.seed, hashvalues=signature, scheme=SCHEME)
