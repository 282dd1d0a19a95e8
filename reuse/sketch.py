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
    h = h ^ (h >> np.uint32(16))
    h = h * _M1
    h = h ^ (h >> np.uint32(13))
    h = h * _M2
    return h ^ (h >> np.uint32(16))


def signatures(items: np.ndarray, config: SketchConfig) -> np.ndarray:
    """MinHash signatures of the sliding windows over ``items`` (64-bit hashes).

    Returns a ``(windows, num_perm)`` uint32 array: window ``w`` covers items
    ``[w * stride, w * stride + window)``, the last window reaching the end.
    A sequence shorter than ``window`` is one window; an empty one has none.
    """
    n = len(items)
    if n == 0:
        return np.zeros((0, config.num_perm), dtype=np.uint32)
    a, b = permutations(config.num_perm, config.seed)
    stride = config.stride
    n_blocks = -(-n // stride)
    h = np.full(n_blocks * stride, np.uint32(0), dtype=np.uint32)
    h[:n] = _fmix32((items & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    phv = np.empty((n_blocks * stride, config.num_perm), dtype=np.uint32)
    np.multiply(h[:, None], a[None, :], out=phv)
    phv += b[None, :]
    phv[n:] = np.uint32(0xFFFFFFFF)  # padding rows never win a minimum
    blocks = phv.reshape(n_blocks, stride, config.num_perm).min(axis=1)
    per_window = max(1, config.window // stride)
    if n_blocks <= per_window:
        return blocks.min(axis=0, keepdims=True)
    n_windows = n_blocks - per_window + 1
    sigs = blocks[:n_windows].copy()
    for k in range(1, per_window):
        np.minimum(sigs, blocks[k : k + n_windows], out=sigs)
    return sigs


def band_keys(sigs: np.ndarray, candidates: CandidateConfig, salt: int) -> np.ndarray:
    """One 64-bit key per window and band: windows sharing a key share that band."""
    rows = candidates.rows
    shaped = sigs[:, : candidates.bands * rows].reshape(len(sigs), candidates.bands, rows).astype(np.uint64)
    acc = np.full(shaped.shape[:2], np.uint64(salt), dtype=np.uint64)
    for r in range(rows):
        acc *= _BAND_MULT
        acc ^= shaped[:, :, r]
        acc ^= acc >> np.uint64(31)
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
    verbatim, rewrite = channel_items(analysis, usable, config)
    return Sketch(
        verbatim=band_keys(signatures(verbatim, config), candidates, salt=1),
        rewrite=band_keys(signatures(rewrite, config), candidates, salt=2),
    )


def to_minhash(signature: np.ndarray, config: SketchConfig):
    """Wrap one window signature as a ``datasketch.LeanMinHash``."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=config.seed, hashvalues=signature, scheme=SCHEME)
