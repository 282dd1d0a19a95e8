"""LSH banding -> candidate article pairs.

Sort-based banding in numpy: for each band, the windows' keys are sorted and
runs of equal keys are buckets. Two articles become a candidate pair when a
window of each lands in one bucket, in either channel. This is the banding
of ``datasketch.MinHashLSH`` without a Python dictionary per band: at 500,000
windows datasketch's insertions alone take longer than this whole stage,
and its memory (about 9 KB a signature) is what bounds large scans.

A scan does not hold its band keys in memory: they go to a
:class:`BandTable` on disk as articles are read (a batch of articles at a
time, written by the worker that read them), and banding loads one band at
a time, in as many processes as the scan has (:func:`band_hits` is a pure
function of a few bands), so the keys of millions of windows cost disk,
not memory. The pairs each task finds are merged one range of pair codes
at a time.

A bucket holding windows of more than ``max_bucket`` articles is banal text
shared corpus-wide (a standard disclaimer, a stock paragraph) and makes no
pair, as passim drops n-grams found in over 100 documents. One story carried
by more than ``max_bucket`` outlets fills such buckets too: an article most
of whose windows land in them is *crowded out* (:func:`crowded_warning`
tells the user, who can raise the limit).

:func:`reuse.runs.verify_candidates` then keeps the pairs whose articles
share a few three-word runs (see :mod:`reuse.runs`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .config import CandidateConfig
from .errors import workspace_error
from .sketch import CHANNELS, Sketch
from .text import counted, ranks, unique_sorted
from .words import first_few, plural

__all__ = [
    "BandTable",
    "BandTask",
    "band_hits",
    "band_task",
    "candidate_pairs",
    "capped",
    "crowded_articles",
    "crowded_out",
    "crowded_warning",
    "find_candidates",
    "needed_hits",
    "pairs_after",
    "write_batch",
]

#: Bands banded by one task: enough work to be worth a task, few enough
#: that both channels make several tasks for a pool of workers.
BANDS_PER_TASK = 4

_NO_PAIRS = np.zeros(0, dtype=np.uint64)
_NO_OWNERS = np.zeros(0, dtype=np.int64)
#: An article is crowded out when at least this share of its windows land in
#: buckets of more than ``max_bucket`` articles (counted over every band).
CROWDED_SHARE = 0.5
_SPREAD = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it is a bijection on 64-bit keys
#: Bands of at most this many keys (about 70,000 articles) drop their lone keys before the sort
#: (:func:`_bucket_pairs`): the table of slots costs 16 to 32 bytes a key, at most about 100 MB here,
#: more than the sort it saves is worth in memory beyond.
PREFILTER_KEYS = 4_000_000


def _bucket_pairs(keys: np.ndarray, owners: np.ndarray, max_bucket: int) -> tuple[np.ndarray, np.ndarray]:
    """Article pairs ``i < j`` (as ``i * 2**32 + j``) sharing a bucket of one band, and the members of over-full buckets.

    Vectorised: buckets are runs of equal keys after a sort; each article
    counts once per bucket; every pair of distinct articles in a bucket of
    at most ``max_bucket`` articles is emitted. ``owners`` is the article of
    each key, in any order. The second array holds the article of each
    (bucket, article) of the buckets of more than ``max_bucket`` articles.

    The key and the article are packed into one integer and sorted (numpy
    sorts integers several times faster than it argsorts them): the key is
    first multiplied by an odd constant, which keeps distinct keys distinct
    and spreads all their bits into the high ones, and its lowest bits give
    way to the article's. Two keys equal in the rest share a bucket: among
    the six million keys of a band at 100,000 articles (47 bits kept) that
    happens about once in ten bands, and mostly adds a candidate that
    :func:`reuse.runs.verify_candidates` checks (it can also, rarely, push a bucket over
    ``max_bucket`` or join two buckets of one pair into one meeting). The
    expected number grows with the square of the keys and halves with each
    bit: about 100 a band at a million articles (44 bits kept).
    """
    if len(keys) == 0:
        return _NO_PAIRS, _NO_OWNERS
    bits = np.uint64(max(1, int(owners.max()).bit_length()))
    spread = keys * _SPREAD
    packed = ((spread >> bits) << bits) | owners.astype(np.uint64)
    if len(keys) <= PREFILTER_KEYS:
        # Most keys are unique. Before the sort, drop those alone in their slot of
        # a table two to four times their number (the top bits of the spread key:
        # one bucket, one slot): about three in four, and the sort is the stage's cost.
        slot_bits = max(8, len(keys).bit_length() + 1)
        slot = (spread >> np.uint64(64 - slot_bits)).astype(np.intp)
        packed = packed[(np.bincount(slot, minlength=1 << slot_bits) > 1)[slot]]
        del slot
    packed = np.sort(packed)
    prefix = packed >> bits
    # Keep the repeated keys, then one entry per bucket and article.
    same = prefix[1:] == prefix[:-1]
    repeated = np.zeros(len(packed), dtype=bool)
    repeated[1:] = same
    repeated[:-1] |= same
    packed = packed[repeated]
    if len(packed) == 0:
        return _NO_PAIRS, _NO_OWNERS
    packed = packed[np.concatenate(([True], packed[1:] != packed[:-1]))]
    prefix = packed >> bits
    members = (packed & ((np.uint64(1) << bits) - np.uint64(1))).astype(np.int64)
    starts = np.flatnonzero(np.concatenate(([True], prefix[1:] != prefix[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(packed)])))
    full = sizes > max_bucket
    crowd = members[np.repeat(full, sizes)] if full.any() else _NO_OWNERS
    ok = (sizes >= 2) & ~full
    if not ok.any():
        return _NO_PAIRS, crowd
    starts, sizes = starts[ok], sizes[ok]
    # Every element pairs with the elements after it in its bucket (sorted by article).
    first = np.repeat(starts, sizes) + ranks(sizes)
    later = np.repeat(starts + sizes, sizes) - first - 1
    return pairs_after(members, first, later), crowd


def pairs_after(members: np.ndarray, first: np.ndarray, later: np.ndarray) -> np.ndarray:
    """Pair codes ``i * 2**32 + j`` of each element ``first[k]`` with the ``later[k]`` elements right after it.

    ``members`` holds the article of each element, buckets one after the
    other, each sorted by article, so every pair comes out ``i < j``.

    >>> pairs_after(np.array([4, 7, 9]), np.array([0, 1]), np.array([2, 1])).tolist() == [4 << 32 | 7, 4 << 32 | 9, 7 << 32 | 9]
    True
    """
    left = np.repeat(first, later)
    right = left + ranks(later) + 1
    return (members[left].astype(np.uint64) << np.uint64(32)) | members[right].astype(np.uint64)


def capped(codes: np.ndarray, cap: int) -> np.ndarray:
    """``codes`` sorted, each kept at most ``cap`` times: enough to count up to a threshold of ``cap``."""
    values, counts = counted(codes)
    return np.repeat(values, np.minimum(counts, max(cap, 1)))


def band_hits(bands: Iterable[np.ndarray], owners: np.ndarray, max_bucket: int, cap: int) -> np.ndarray:
    """Pairs sharing buckets in ``bands`` (one key array each), as sorted pair codes.

    A pair's code ``i * 2**32 + j`` appears once per (band, bucket) where the
    pair's windows meet, but at most ``cap`` times: the threshold the caller
    will count to. ``owners`` is the article of each window, the same for
    every band.
    """
    return _banded(bands, owners, max_bucket, cap)[0]


def _banded(bands: Iterable[np.ndarray], owners: np.ndarray, max_bucket: int, cap: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`band_hits`, and the crowding in these bands: ``(article, windows, entries in over-full buckets)`` rows.

    Only articles with an entry in an over-full bucket have a row; windows
    are an article's windows in one band (the same in every band).
    """
    codes, crowd = [], []
    for keys in bands:
        found, full = _bucket_pairs(keys, owners, max_bucket)
        codes.append(found)
        crowd.append(full)
    pairs = capped(np.concatenate(codes or [_NO_PAIRS]), cap)
    crowd = [c for c in crowd if len(c)]
    if not crowd:
        return pairs, np.zeros((0, 3), dtype=np.int64)
    articles, entries = counted(np.concatenate(crowd))
    windows = np.bincount(owners.astype(np.int64))[articles]
    return pairs, np.stack((articles, windows, entries), axis=1)


def crowded_articles(parts: Iterable[tuple], bands: int) -> list[int]:
    """The articles crowded out in the verbatim channel, from every :func:`band_task` result of a scan (sorted).

    An article is crowded out when at least :data:`CROWDED_SHARE` of its
    windows, over all ``bands`` bands, fall in buckets of more than
    ``max_bucket`` articles.
    """
    rows = [part[2] for part in parts if part[0] == "verbatim" and len(part[2])]
    if not rows:
        return []
    crowd = np.concatenate(rows)
    articles, first, row_of = np.unique(crowd[:, 0], return_index=True, return_inverse=True)
    entries = np.bincount(row_of, weights=crowd[:, 2], minlength=len(articles))
    return articles[crowded_out(entries, crowd[first, 1] * bands)].tolist()


def crowded_out(entries: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Per article: whether its ``entries`` in over-full buckets make :data:`CROWDED_SHARE` of its ``keys`` (the scan's and the check's rule)."""
    return (keys > 0) & (entries >= CROWDED_SHARE * keys)


def crowded_warning(ids: Sequence[str], max_bucket: int, paired: Collection[str] = frozenset()) -> str:
    """What to tell the user about articles crowded out of matching (``ids`` not empty), ``paired`` those of them in a pair.

    Copies that differ somewhere (a line of their own) still pair through
    the windows there: the warning says how many did, and which did not.

    >>> said = crowded_warning(["a", "b", "c"], 5, {"a"})
    >>> said[:said.index(" (one story")]
    '3 articles (a, b, c) share most of their wording with 5 or more other articles'
    >>> said[said.index("so they"):said.index(" (slower")]
    'so they were matched only through the rest of their text: 1 of them paired with other articles there; b, c did not. To pair them all, set --max-bucket to at least the number of articles carrying that wording'
    >>> said = crowded_warning(["a"], 5)
    >>> said[said.index("so it"):said.index(" (slower")]
    'so it was matched only through the rest of its text, and it did not pair. To pair it, set --max-bucket to at least the number of articles carrying that wording'
    """
    many = len(ids) != 1
    they, their = ("they", "their") if many else ("it", "its")
    unpaired = [i for i in ids if i not in paired]
    matched = f"so {they} {'were' if many else 'was'} matched only through the rest of {their} text"
    if len(unpaired) == len(ids):
        outcome, wanted = (", and none of them paired" if many else ", and it did not pair"), f"To pair {'them' if many else 'it'}"
    elif not unpaired:
        outcome = f": {'each of them' if many else 'it'} paired with another article there"
        wanted = f"To find every pair among {their} copies"
    else:
        outcome = f": {len(ids) - len(unpaired)} of them paired with other articles there; {first_few(unpaired)} did not"
        wanted = "To pair them all"
    return (
        f"{plural(len(ids), 'article')} ({first_few(list(ids))}) share{'' if many else 's'} most of {their} "
        f"wording with {max_bucket} or more other articles (one story syndicated that widely, or text repeated across "
        f"the corpus), {matched}{outcome}. {wanted}, set --max-bucket to at least the number of articles carrying that "
        f"wording (slower: such a story makes a pair for every two of its copies)."
    )


#: Pieces the pair codes are merged in: bounds the merge's memory beside the codes themselves.
_MERGE_PIECES = 16


def candidate_pairs(parts: Iterable[tuple], config: CandidateConfig) -> list[tuple[int, int]]:
    """Candidate pairs from the :func:`band_task` results ``(channel, codes, ...)`` of all bands.

    In the rewrite channel a pair must meet in at least ``min_band_hits``
    (band, bucket) places, in the verbatim channel in one. Returns pairs of
    article indices ``(i, j)``, ``i < j``, sorted, without duplicates.
    """
    by_channel: dict[str, list[np.ndarray]] = {c: [] for c in CHANNELS}
    for channel, codes, *_ in parts:
        by_channel[channel].append(codes)
    kept = []
    for channel, pieces in by_channel.items():
        pieces = [p for p in pieces if len(p)]
        if not pieces:
            continue
        needed = needed_hits(channel, config)
        # Each piece is sorted: merge one range of codes at a time.
        top = max(int(p[-1]) for p in pieces) + 1
        bounds = [np.uint64(top * k // _MERGE_PIECES) for k in range(_MERGE_PIECES + 1)]  # exact: codes pass 2**53
        for lo, hi in zip(bounds[:-1], bounds[1:]):
            values, counts = counted(np.concatenate([p[np.searchsorted(p, lo) : np.searchsorted(p, hi)] for p in pieces]))
            if len(values):
                kept.append(values[counts >= needed])
    codes = unique_sorted(np.concatenate(kept)) if kept else _NO_PAIRS
    return [(int(c >> 32), int(c & 0xFFFFFFFF)) for c in codes.tolist()]


def needed_hits(channel: str, config: CandidateConfig) -> int:
    """Bucket meetings a pair needs in ``channel``: one for the verbatim channel."""
    return 1 if channel == "verbatim" else config.min_band_hits


def find_candidates(sketches: Sequence[Sketch], config: CandidateConfig) -> list[tuple[int, int]]:
    """Pairs of article indices ``(i, j)``, ``i < j``, whose windows collide (all in memory).

    Parameters
    ----------
    sketches
        One :class:`~reuse.sketch.Sketch` per article, in article order.
    config
        Banding settings; in the rewrite channel pairs must collide in at
        least ``min_band_hits`` (band, bucket) places, in the verbatim channel in one.

    Returns
    -------
    list of (int, int)
        Sorted, without duplicates. The scan gives the same pairs from a
        :class:`BandTable` on disk.
    """
    parts = []
    for channel, keys, owners in _channel_keys(sketches, range(len(sketches))):
        columns = (np.ascontiguousarray(keys[:, band]) for band in range(keys.shape[1]))
        parts.append((channel, band_hits(columns, owners, config.max_bucket, needed_hits(channel, config))))
    return candidate_pairs(parts, config)


class BandTable:
    """The band keys of a scan's windows on disk: per channel, one file of keys and one of owners per batch added.

    A batch's keys are stored band by band (a ``bands x windows`` array), so
    it is written in one piece and a band of it read in one piece. Articles
    are added in any order, as they are read; :meth:`tasks` then gives the
    banding work in pieces of :data:`BANDS_PER_TASK` bands, each naming its
    files (or carrying its arrays, for workers on other machines).
    """

    def __init__(self, folder: str | Path, bands: int) -> None:
        self.folder = Path(folder)
        self.bands = bands
        self.batches: dict[str, list[tuple[str, str, int]]] = {c: [] for c in CHANNELS}  # (keys, owners, windows)

    def add(self, owners: Sequence[int], sketches: Sequence[Sketch]) -> None:
        """Store the keys of ``sketches``, the article index of each given by ``owners``."""
        name = f"main-{sum(map(len, self.batches.values()))}"
        self.register(write_batch(self.folder, name, self.bands, owners, sketches))

    def register(self, batches: Iterable[tuple[str, str, str, int]]) -> None:
        """Take batches that :func:`write_batch` wrote (in a worker, say): ``(channel, keys, owners, windows)``."""
        for channel, keys, owners, windows in batches:
            self.batches[channel].append((keys, owners, windows))

    def n_tasks(self) -> int:
        """How many chunks :meth:`tasks` gives."""
        return sum(1 for batches in self.batches.values() if batches) * len(range(0, self.bands, BANDS_PER_TASK))

    def tasks(self, config: CandidateConfig, inline: bool = False) -> Iterator[BandTask]:
        """Chunks for :func:`band_task`, made as they are taken; ``inline`` gives the arrays themselves (see :class:`BandTask`)."""
        for channel, batches in self.batches.items():
            if not batches:
                continue
            owners = _owners(batches) if inline else None
            for first in range(0, self.bands, BANDS_PER_TASK):
                bands = list(range(first, min(first + BANDS_PER_TASK, self.bands)))
                source = (owners, {b: _band(batches, b) for b in bands}) if inline else batches
                yield BandTask(channel, source, bands, config.max_bucket, needed_hits(channel, config))


def write_batch(folder: str | Path, name: str, bands: int, owners: Sequence[int], sketches: Sequence[Sketch]) -> list[tuple[str, str, str, int]]:
    """Write the keys of ``sketches`` into ``folder`` as the batch ``name`` of a :class:`BandTable`.

    Returns what :meth:`BandTable.register` takes, one entry per channel
    with windows. ``name`` must be unique within the folder.
    """
    written = []
    for channel, keys, owner_of in _channel_keys(sketches, owners):
        batch = Path(folder) / f"{channel}.{name}"
        keys_file, owners_file = f"{batch}.keys", f"{batch}.owners"
        try:
            np.ascontiguousarray(keys[:, :bands].T).tofile(keys_file)
            owner_of.tofile(owners_file)
        except OSError as exc:
            raise workspace_error(folder, exc) from exc
        written.append((channel, keys_file, owners_file, len(keys)))
    return written


def _channel_keys(sketches: Sequence[Sketch], owners: Sequence[int]) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
    """``(channel, keys, owner of each window)`` for each channel in which ``sketches`` have windows."""
    for channel in CHANNELS:
        blocks = [getattr(s, channel) for s in sketches]
        counts = [len(b) for b in blocks]
        if sum(counts):
            yield channel, np.concatenate(blocks), np.repeat(np.asarray(owners, dtype=np.uint32), counts)


def _owners(batches: list[tuple[str, str, int]]) -> np.ndarray:
    return np.concatenate([np.fromfile(owned, dtype=np.uint32) for _, owned, _ in batches])


def _band(batches: list[tuple[str, str, int]], band: int) -> np.ndarray:
    """One band's keys over every batch: one read of ``windows`` keys per batch."""
    return np.concatenate([np.fromfile(keys, dtype=np.uint64, count=n, offset=band * n * 8) for keys, _, n in batches])


@dataclass(frozen=True)
class BandTask:
    """A few bands of one channel to find the buckets of (:func:`band_task`).

    ``source`` lists each batch's ``(keys file, owners file, windows)``, or
    is ``(owners, {band: keys})``, the arrays themselves concatenated over the
    batches (workers that do not share the scan's disk: only the tasks in
    flight are then in memory). ``cap``: each pair's hits are counted up to
    it, the channel's threshold (:func:`needed_hits`).
    """

    channel: str
    source: list[tuple[str, str, int]] | tuple[np.ndarray, dict[int, np.ndarray]]
    bands: list[int]
    max_bucket: int
    cap: int


def band_task(task: BandTask) -> tuple[str, np.ndarray, np.ndarray]:
    """:func:`band_hits` of one :meth:`BandTable.tasks` chunk, loading one band at a time, and its crowding rows (see :func:`_banded`)."""
    if isinstance(task.source, tuple):  # the arrays themselves
        owners, keys = task.source
        columns = (keys[b] for b in task.bands)
    else:
        owners = _owners(task.source)
        columns = (_band(task.source, b) for b in task.bands)
    return (task.channel, *_banded(columns, owners, task.max_bucket, task.cap))
