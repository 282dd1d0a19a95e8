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
about ``window / stride`` times less work. ``sketch_articles`` does this for
a few dozen articles in one matrix, since numpy's cost per call outweighs the
arithmetic on one article's small arrays. ``to_minhash`` wraps a window's
signature into a ``datasketch.LeanMinHash``, and a test checks the values
equal datasketch's own ``update_batch``.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .config import CandidateConfig, SketchConfig
from .text import Analysis, ngram_hashes_many, ranks

__all__ = ["CHANNELS", "Sketch", "permutations", "signatures", "sketch_article", "sketch_articles", "to_minhash"]

CHANNELS = ("verbatim", "rewrite")
SCHEME = "affine32"

_M1 = np.uint32(0x85EBCA6B)
_M2 = np.uint32(0xC2B2AE35)
_BAND_MULT = np.uint64(0xFF51AFD7ED558CCD)


def _datasketch() -> types.ModuleType:
    """The datasketch package, imported on first use without loading SciPy's integration yet.

    Importing datasketch imports ``scipy.integrate`` (0.3 s of its 0.4 s
    here) for one function, ``quad``, which only its LSH parameter
    optimiser (``MinHashLSH(threshold=...)``) calls; a scan never does.
    While datasketch is imported, ``scipy.integrate`` is a stand-in whose
    ``quad`` imports the real one on its first call and hands it the
    arguments; right after, ``import scipy.integrate`` gives the real
    module again. Another thread that imports ``scipy.integrate`` or one of
    its modules meanwhile (a few dozen milliseconds) gets the stand-in,
    whose every other name (``__path__`` and ``__all__`` too) waits for that
    moment and is then the real module's; a call of ``quad`` while datasketch
    loads ends the stand-in's time at once.
    """
    if "datasketch" in sys.modules or "scipy.integrate" in sys.modules:
        import datasketch

        return datasketch
    done, importer = threading.Event(), threading.get_ident()
    stand_in = types.ModuleType("scipy.integrate", "Stand-in while reuse imports datasketch (see reuse.sketch._datasketch).")

    def end() -> None:
        if sys.modules.get("scipy.integrate") is stand_in:
            del sys.modules["scipy.integrate"]
        done.set()

    def quad(*args, **kwargs):
        if threading.get_ident() == importer:
            end()  # datasketch itself calls it while loading: the real one now, not a wait on itself
        return _real_integrate(done).quad(*args, **kwargs)

    def __getattr__(name: str):
        if threading.get_ident() == importer and not done.is_set():
            raise AttributeError(name)  # the import system asking for ``__path__`` in datasketch's own import
        return getattr(_real_integrate(done), name)

    stand_in.quad = quad  # type: ignore[attr-defined]
    stand_in.__getattr__ = __getattr__  # type: ignore[attr-defined]
    sys.modules["scipy.integrate"] = stand_in
    try:
        import datasketch
    finally:
        end()
    return datasketch


def _real_integrate(done: threading.Event) -> types.ModuleType:
    """SciPy's real ``scipy.integrate``, once the stand-in is out of ``sys.modules``."""
    done.wait()
    return importlib.import_module("scipy.integrate")


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's ``(a, b)`` permutation parameters for ``num_perm`` and ``seed``."""
    m = _datasketch().MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME)
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


def _padded_hashes(sequences: list[np.ndarray], sizes: np.ndarray) -> np.ndarray:
    """32-bit hashes of the items of each sequence, its last repeated up to ``sizes[k]`` items.

    A repeated item cannot change a minimum, so blocks of several sequences
    can be stacked and reduced together. One array for all of them: the
    hashing is a few numpy calls per batch, not per sequence.
    """
    hashed = np.empty(int(sizes.sum()), dtype=np.uint32)
    first = 0
    for items, size in zip(sequences, sizes.tolist()):
        if len(items):
            end = first + len(items)
            np.copyto(hashed[first:end], items, casting="unsafe")  # the low 32 bits
            first += size
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


def _window_minima(sequences: list[np.ndarray], config: SketchConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The windows of several sequences from one matrix: ``(minima, owners, rows, n_windows)``.

    ``minima[j]`` is the signature of the window starting at block ``j`` of
    all the blocks stacked and ``owners[j]`` the sequence of that block;
    ``rows`` holds the row of each sequence's windows in order, ``n_windows``
    each sequence's number of windows. A non-empty sequence shorter than a
    window is padded to one (its last item repeated), so every window is a
    run of whole blocks; the runs that straddle two sequences are computed
    and never used.
    """
    stride = config.stride
    per_window = max(1, config.window // stride)
    lengths = np.array([len(s) for s in sequences], dtype=np.int64)
    n_blocks = np.where(lengths > 0, np.maximum(-(-lengths // stride), per_window), 0)
    blocks = _block_minima(_padded_hashes(sequences, n_blocks * stride), config)
    n_windows = np.maximum(n_blocks - per_window + 1, 0)
    span = max(0, len(blocks) - per_window + 1)
    minima = blocks[:span] if per_window == 1 else np.minimum(blocks[:span], blocks[1 : 1 + span])
    for k in range(2, per_window):
        np.minimum(minima, blocks[k : k + span], out=minima)
    owners = np.repeat(np.arange(len(sequences)), n_blocks)[:span]
    rows = np.repeat(np.cumsum(n_blocks) - n_blocks, n_windows) + ranks(n_windows)
    return minima, owners, rows, n_windows


def signatures(items: np.ndarray, config: SketchConfig) -> np.ndarray:
    """MinHash signatures of the sliding windows over ``items`` (64-bit hashes).

    Returns a ``(windows, num_perm)`` uint32 array: window ``w`` covers items
    ``[w * stride, w * stride + window)``, the last window reaching the end.
    A sequence shorter than ``window`` is one window; an empty one has none.
    """
    minima, _, rows, _ = _window_minima([items], config)
    return minima.take(rows, axis=0)


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
    verbatim, rewrite = _channel_items_many([(analysis, usable)], config)
    return verbatim, rewrite


def _channel_items_many(read: Sequence[tuple[Analysis, np.ndarray]], config: SketchConfig) -> list[np.ndarray]:
    """:func:`channel_items` of each ``(analysis, usable)``, one list: each article's verbatim items, then its rewrite items.

    The articles' words joined, a few numpy calls for them all: an
    article's own would be a dozen calls on a few hundred words each.
    """
    n_words = [len(analysis) for analysis, _ in read]
    usable = np.concatenate([mask for _, mask in read])
    owner = np.repeat(np.arange(len(read)), n_words)[usable]
    words = np.concatenate([analysis.words for analysis, _ in read])[usable]
    stems = np.concatenate([analysis.stems for analysis, _ in read])[usable]
    content = stems != 0
    word_lists = _split(words, np.bincount(owner, minlength=len(read)))
    rewrite = _split(stems[content], np.bincount(owner[content], minlength=len(read)))
    shingles = ngram_hashes_many(word_lists, config.shingle_size)
    out = []
    for article_words, article_shingles, article_stems in zip(word_lists, shingles, rewrite):
        out.append(article_shingles if len(article_words) >= config.shingle_size else article_words)
        out.append(article_stems)
    return out


def _split(values: np.ndarray, counts: np.ndarray) -> list[np.ndarray]:
    """``values`` cut into consecutive pieces of ``counts`` items."""
    ends = np.cumsum(counts).tolist()
    return [values[end - count : end] for end, count in zip(ends, counts.tolist())]


#: Articles sketched together: their numpy work in one set of calls, their matrix a few MB.
_ARTICLES_AT_ONCE = 32


def sketch_articles(read: Sequence[tuple[Analysis, np.ndarray]], config: SketchConfig, candidates: CandidateConfig) -> list[Sketch]:
    """:func:`sketch_article` of each ``(analysis, usable)``.

    The same values, a few dozen articles at a time: most of an article's
    arrays are small, and numpy's cost per call outweighs its arithmetic.
    """
    sketches = []
    for first in range(0, len(read), _ARTICLES_AT_ONCE):
        sequences = _channel_items_many(read[first : first + _ARTICLES_AT_ONCE], config)
        minima, owners, rows, n_windows = _window_minima(sequences, config)
        # Keyed before the windows are picked: half the bytes to gather, a few runs keyed in vain.
        salts = (owners % 2 + 1).astype(np.uint64)  # sequences alternate verbatim (1) and rewrite (2)
        keys = band_keys(minima, candidates, salts).take(rows, axis=0)
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
    return _datasketch().LeanMinHash(seed=config.seed, hashvalues=signature, scheme=SCHEME)
