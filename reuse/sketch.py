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

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .config import CandidateConfig, SketchConfig
from .text import Analysis, ngram_hashes

__all__ = ["CHANNELS", "Sketch", "permutations", "signatures", "sketch_article", "to_minhash"]

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


def _windows(blocks: np.ndarray, config: SketchConfig) -> np.ndarray:
    """Window signatures from the minima of consecutive blocks."""
    per_window = max(1, config.window // config.stride)
    if len(blocks) <= per_window:
        return blocks.min(axis=0, keepdims=True)
    n_windows = len(blocks) - per_window + 1
    sigs = blocks[:n_windows].copy()
    for k in range(1, per_window):
        np.minimum(sigs, blocks[k : k + n_windows], out=sigs)
    return sigs


def signatures(items: np.ndarray, config: SketchConfig) -> np.ndarray:
    """MinHash signatures of the sliding windows over ``items`` (64-bit hashes).

    Returns a ``(windows, num_perm)`` uint32 array: window ``w`` covers items
    ``[w * stride, w * stride + window)``, the last window reaching the end.
    A sequence shorter than ``window`` is one window; an empty one has none.
    """
    return _signatures_of([items], config)[0]


def _signatures_of(sequences: list[np.ndarray], config: SketchConfig) -> list[np.ndarray]:
    """:func:`signatures` of several sequences, their matrices computed in one pass."""
    stride = config.stride
    blocks = _block_minima(_padded_hashes(sequences, stride), config)
    out, first = [], 0
    for items in sequences:
        n_blocks = -(-len(items) // stride)
        if n_blocks == 0:
            out.append(np.zeros((0, config.num_perm), dtype=np.uint32))
        else:
            out.append(_windows(blocks[first : first + n_blocks], config))
        first += n_blocks
    return out


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


def sketch_article(analysis: Analysis, usable: np.ndarray, config: SketchConfig, candidates: CandidateConfig) -> Sketch:
    """Band keys of every window of one article in both channels."""
    verbatim, rewrite = _signatures_of(list(channel_items(analysis, usable, config)), config)
    # Both channels keyed in one pass, each with its own salt.
    salts = np.repeat(np.array([1, 2], dtype=np.uint64), (len(verbatim), len(rewrite)))
    keys = band_keys(np.concatenate((verbatim, rewrite)), candidates, salts)
    return Sketch(verbatim=keys[: len(verbatim)], rewrite=keys[len(verbatim) :])


def to_minhash(signature: np.ndarray, config: SketchConfig):
    """Wrap one window signature as a ``datasketch.LeanMinHash``."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=config.seed, hashvalues=signature, scheme=SCHEME)
