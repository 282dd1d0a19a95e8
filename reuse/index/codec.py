"""Compact byte forms of what an index stores: sorted keys, three-word runs, article text.

Pure functions on bytes and numpy arrays, nothing executable stored; each
form round-trips exactly (``tests/test_index_codec.py``).

``encode_keys``
    Sorted 24-bit values (:data:`SUFFIX_BITS`) as their low 8 bits
    (``uint8``) and the gaps between their high 16 bits (``uint8``), gaps of
    255 or more listed apart: 2 bytes a value instead of 3, decoded with one
    cumulative sum.
``encode_runs``
    An article's three-word runs cut to their top 24 bits (sorted, repeats
    kept), as their low 16 bits and the top 8 in unary (Elias-Fano): about
    2.1 bytes a run. Cut runs can only share more, never less, than the
    runs they come from, so counting shared cut runs is a safe first filter
    (``shared_at_most``); the exact count is taken on the re-read articles.
``compress_body`` / ``decompress_body``
    An article's metadata JSON and text, zlib-compressed with a dictionary
    of the index's most frequent words (``build_dictionary``), stored once
    in the index: about a fifth smaller than zlib alone on short articles.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from ..errors import IndexDamaged

__all__ = [
    "build_dictionary",
    "compress_body",
    "decode_keys",
    "decode_runs",
    "decompress_body",
    "encode_key_rows",
    "encode_keys",
    "encode_runs",
    "shared_at_most",
    "shared_at_most_many",
]

#: Bits of a three-word run's hash kept in the index.
RUN_BITS = 24
#: Bits of the values :func:`encode_keys` packs: the low :data:`_PLAIN_BITS` stored as they are, the rest as gaps.
SUFFIX_BITS = 24
_PLAIN_BITS = 8
#: zlib allows a dictionary of at most 32 KB.
_DICTIONARY_BYTES = 32 * 1024
_WORD = re.compile(r"\w+", re.UNICODE)
_LEVEL = 3


def encode_keys(values: np.ndarray) -> bytes:
    """Sorted values below ``2**24`` as bytes (2 a value, 8 more for each gap of 255 or more in their top 16 bits).

    >>> decode_keys(encode_keys(np.array([1, 70000, 2**24 - 1], dtype=np.uint32)), 3).tolist()
    [1, 70000, 16777215]
    """
    if len(values) == 0:
        return b""
    return encode_key_rows(values, np.zeros(1, dtype=np.int64))[0]


def encode_key_rows(values: np.ndarray, starts: np.ndarray) -> list[bytes]:
    """:func:`encode_keys` of each row ``values[starts[i]:starts[i + 1]]`` (the last to the end), in one pass.

    The same bytes as one call a row, for a segment's thousands of rows
    without a dozen numpy calls each (rows must not be empty): the low 8
    bits of each value, the gaps between their high 16 bits (each row's
    first gap from 0) capped at 255, then the positions and values of the
    gaps capped.

    >>> values = np.array([3, 70000, 1, 2**24 - 1], dtype=np.uint32)
    >>> encode_key_rows(values, np.array([0, 2])) == [encode_keys(values[:2]), encode_keys(values[2:])]
    True
    """
    values = np.asarray(values, dtype=np.uint32)
    starts = np.asarray(starts, dtype=np.int64)
    if len(starts) == 0:
        return []
    high = (values >> np.uint32(_PLAIN_BITS)).astype(np.int32)
    gaps = np.diff(high, prepend=0)
    gaps[starts] = high[starts]  # each row's gaps start from 0, as in its own call
    low = (values & np.uint32(0xFF)).astype(np.uint8)
    small = np.minimum(gaps, 255).astype(np.uint8)
    wide = np.flatnonzero(gaps >= 255)
    wide_gaps = gaps[wide].astype("<u4")
    ends = np.append(starts[1:], len(values))
    firsts, lasts = np.searchsorted(wide, starts), np.searchsorted(wide, ends)
    out = []
    for s, e, w, v in zip(starts.tolist(), ends.tolist(), firsts.tolist(), lasts.tolist()):
        parts = [low[s:e].tobytes(), small[s:e].tobytes()]
        if v > w:
            parts += [(wide[w:v] - s).astype("<u4").tobytes(), wide_gaps[w:v].tobytes()]
        out.append(b"".join(parts))
    return out


def decode_keys(blob: bytes, n: int) -> np.ndarray:
    """The ``n`` sorted ``uint32`` values of :func:`encode_keys`.

    Raises :class:`~reuse.errors.IndexDamaged` when ``blob`` cannot hold them.
    """
    try:
        return _decode_keys(blob, n)
    except (ValueError, TypeError, IndexError) as exc:
        raise IndexDamaged(f"a row of band keys does not decode ({type(exc).__name__}: {exc})") from exc


def _decode_keys(blob: bytes, n: int) -> np.ndarray:
    low = np.frombuffer(blob, dtype=np.uint8, count=n)
    gaps = np.frombuffer(blob, dtype=np.uint8, count=n, offset=n)
    wide, rest = divmod(len(blob) - 2 * n, 8)
    # A gap of 255 or more is written as 255 and in full at the end: a cut or altered row shows here, not as wrong keys.
    if rest or wide != np.count_nonzero(gaps == 255):
        raise ValueError(f"{len(blob)} bytes for {n} keys with {np.count_nonzero(gaps == 255)} wide gaps")
    if wide:
        gaps = gaps.astype(np.uint32)
        where = np.frombuffer(blob, dtype="<u4", count=wide, offset=2 * n)
        full = np.frombuffer(blob, dtype="<u4", count=wide, offset=2 * n + 4 * wide)
        if (where >= n).any() or (gaps[where] != 255).any() or (full < 255).any():
            raise ValueError("the wide gaps do not match the row")
        gaps[where] = full
    keys = np.cumsum(gaps, dtype=np.uint32)
    keys <<= np.uint32(_PLAIN_BITS)
    keys |= low
    return keys


def encode_runs(runs: np.ndarray) -> bytes:
    """An article's sorted ``uint32`` runs cut to their top :data:`RUN_BITS` bits, as bytes.

    >>> decode_runs(encode_runs(np.array([5, 2**31, 2**31 + 7, 2**32 - 1], dtype=np.uint32))).tolist()
    [0, 8388608, 8388608, 16777215]
    """
    cut = (np.asarray(runs, dtype=np.uint32) >> np.uint32(32 - RUN_BITS)).astype(np.int64)
    n = len(cut)
    bits = np.zeros(n + 256, dtype=np.uint8)
    bits[(cut >> 16) + np.arange(n)] = 1
    return n.to_bytes(4, "little") + (cut & 0xFFFF).astype("<u2").tobytes() + np.packbits(bits).tobytes()


def decode_runs(blob: bytes) -> np.ndarray:
    """The sorted cut runs (``uint32``, repeats kept) of :func:`encode_runs`.

    Raises :class:`~reuse.errors.IndexDamaged` when ``blob`` cannot hold them.
    """
    try:
        n = int.from_bytes(blob[:4], "little")
        low = np.frombuffer(blob, dtype="<u2", count=n, offset=4).astype(np.uint32)
        bits = np.unpackbits(np.frombuffer(blob, dtype=np.uint8, offset=4 + 2 * n))
        high = (np.flatnonzero(bits)[:n] - np.arange(n)).astype(np.uint32)
        return (high << np.uint32(16)) | low
    except (ValueError, TypeError, IndexError) as exc:
        raise IndexDamaged(f"an article's three-word runs do not decode ({type(exc).__name__}: {exc})") from exc


def cut_runs(runs: np.ndarray) -> np.ndarray:
    """Runs as :func:`decode_runs` gives them back: top :data:`RUN_BITS` bits, sorted, repeats kept."""
    return np.asarray(runs, dtype=np.uint32) >> np.uint32(32 - RUN_BITS)


def shared_at_most(a: np.ndarray, b: np.ndarray) -> int:
    """Values two sorted arrays share, repeats counted (at least the shared runs the cut runs came from).

    >>> shared_at_most(np.array([1, 1, 2, 5]), np.array([1, 1, 1, 5, 6]))
    3
    """
    return int(shared_at_most_many(a, [b])[0])


def shared_at_most_many(a: np.ndarray, others: Sequence[np.ndarray]) -> np.ndarray:
    """:func:`shared_at_most` of ``a`` with each of ``others`` (sorted ``uint32`` values), in one set of numpy calls.

    A value counts as often as the fewer of its repeats in the two arrays:
    each of ``others``' values is counted when fewer equal values come
    before it in its own array than ``a`` holds.

    >>> shared_at_most_many(np.array([1, 1, 2, 5]), [np.array([1, 1, 1, 5, 6]), np.array([], dtype=np.int64), np.array([2, 2])]).tolist()
    [3, 0, 1]
    """
    sizes = np.array([len(b) for b in others], dtype=np.int64)
    if len(a) == 0 or not sizes.sum():
        return np.zeros(len(others), dtype=np.int64)
    values = np.concatenate(others).astype(np.int64)
    owner = np.repeat(np.arange(len(others), dtype=np.int64), sizes)
    keyed = (owner << 32) | values  # sorted: by array, then value
    before = np.arange(len(keyed)) - np.searchsorted(keyed, keyed, "left")  # equal values ahead of it in its own array
    in_a = np.searchsorted(a, values, "right") - np.searchsorted(a, values, "left")
    return np.bincount(owner[before < in_a], minlength=len(others))


def build_dictionary(texts: Iterable[str]) -> bytes:
    """A zlib dictionary of the texts' most frequent words (the most frequent last, as zlib prefers).

    The same texts give the same bytes.

    >>> build_dictionary(["the cat and the dog", "the end"])
    b'end dog cat and the '
    """
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_WORD.findall(text))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    out, size = [], 0
    for word, _ in ranked:
        piece = (word + " ").encode("utf-8", "surrogatepass")
        if size + len(piece) > _DICTIONARY_BYTES:
            break
        out.append(piece)
        size += len(piece)
    return b"".join(reversed(out))


@functools.lru_cache(maxsize=4)
def _primed(dictionary: bytes):
    # Level 3: with the dictionary about 4% larger than level 6 and half its time, which an add spends per article.
    # The zlib wrapper (not raw deflate): its checksum, 6 bytes a body, makes a damaged body an error, not other text.
    if dictionary:
        return zlib.compressobj(_LEVEL, zlib.DEFLATED, 15, 9, zlib.Z_DEFAULT_STRATEGY, dictionary)
    return zlib.compressobj(_LEVEL, zlib.DEFLATED, 15, 9)


def compress_body(meta: str, text: str, dictionary: bytes) -> bytes:
    """Metadata JSON (no newline in it) and text in one zlib stream with ``dictionary``."""
    # A copy of a compressor already given the dictionary: the same stream, without loading 32 KB of words again.
    packer = _primed(dictionary).copy()
    return packer.compress(f"{meta}\n{text}".encode("utf-8", "surrogatepass")) + packer.flush()


def decompress_body(blob: bytes, dictionary: bytes) -> tuple[str, str]:
    """``(meta, text)`` of :func:`compress_body`, byte for byte.

    Raises
    ------
    ValueError
        When ``blob`` is damaged: cut short, with bytes after its end, or
        failing its checksum.
    """
    unpacker = zlib.decompressobj(15, dictionary) if dictionary else zlib.decompressobj(15)
    try:
        raw = unpacker.decompress(blob) + unpacker.flush()
        if not unpacker.eof or unpacker.unused_data:
            raise ValueError("the stream is cut short or runs on")
        meta, newline, text = raw.decode("utf-8", "surrogatepass").partition("\n")
    except (zlib.error, UnicodeDecodeError, TypeError) as exc:  # TypeError: text stored where bytes belong
        raise ValueError(str(exc)) from exc
    if not newline:
        raise ValueError("no metadata line")
    return meta, text
