"""Checking a batch of new articles against an index and against each other.

The stages of ``reuse.pipeline._scan``, with the index standing in for the
articles already seen:

    read the batch -> look up the buckets its band keys name -> candidates
    -> keep the pairs sharing three-word runs -> read the matched articles
    -> counts for their lines and stems -> align -> provenance

Only the postings of the batch's band keys, the stored articles they lead
to, and the counts of those articles' stems and boilerplate lines are read: memory
follows the batch and its matches, not the size of the index. Everything
the scan learns corpus-wide is a stored count plus the batch's own, so the
pairs and passages equal those of ``reuse scan`` over the index and the
batch together (the direction is inferred from the pairs found here, which
leaves out pairs between stored articles).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from os import PathLike

import numpy as np

from ..align import Aligner, alignable, prepare
from ..boilerplate import mask_lines
from ..candidates import crowded_out, crowded_warning, verify_candidates
from ..config import ScanConfig
from ..model import Article, Pair, ScanResult, Skipped
from ..outlets import link_outlets
from ..parallel import read_features
from ..pipeline import needs_fallback, sorted_unique
from ..provenance import infer_directions
from ..sketch import CHANNELS
from ..text import DocumentFrequency, counted, members, ranks, unique_sorted
from .codec import cut_runs, shared_at_most
from .features import Features, LanguageCounts, merge_languages, read_article
from .postings import find
from .readahead import read_ahead
from .stats import Counts
from .store import connect, current_languages, current_rows, index_config, meta, stored_runs
from .writer import stored_features

__all__ = ["check_articles"]

ProgressCallback = Callable[[str, int, int], None]


def _tick(progress: ProgressCallback | None, stage: str, done: int, total: int) -> None:
    if progress is not None and (done % 200 == 0 or done == total):
        progress(stage, done, total)


def check_articles(
    index: str | PathLike,
    articles: Iterable[Article],
    config: ScanConfig | None = None,
    *,
    skipped: Sequence[Skipped] = (),
    warnings: Sequence[str] = (),
    jobs: int = 1,
    progress: ProgressCallback | None = None,
) -> ScanResult:
    """Find what each of ``articles`` shares with the index and with the rest of the batch.

    Parameters
    ----------
    index
        The index file (see :func:`reuse.index.add_articles`).
    articles
        The new batch. An article whose id the index holds stands in for the
        stored version (as the next version would).
    config
        Settings; they must be those the index was built with, but for
        ``max_bucket`` (the check's own; see ``store.CHECK_TIME_SETTINGS``).
        ``None``: the index's own, ``max_bucket`` too.
    skipped, warnings
        Carried into the result (from loading the batch).
    jobs
        Processes to read the batch in; the result is the same for any number.
    progress
        Optional ``callback(stage, done, total)``.

    Returns
    -------
    ScanResult
        In each pair ``a`` is a new article and ``b`` the matched one, stored
        or new; ``articles`` holds the batch and the stored articles matched.

    Raises
    ------
    reuse.errors.IndexFileError
        No index at ``index``, or it was built with other settings.
    """
    batch = sorted_unique(articles)
    timings: list[tuple[str, float]] = []
    # The postings rows from disk in one pass ahead of the check, not page by page.
    with read_ahead(index):
        conn = connect(index, config, create=False, check=True)
        try:
            config = config or index_config(conn)
            conn.execute("BEGIN")  # one snapshot for every read, whatever a writer commits meanwhile
            try:
                found, matched, crowded, too_long = _check(conn, batch, config, progress, timings, jobs)
            finally:
                conn.execute("ROLLBACK")
        finally:
            conn.close()
    result_articles = tuple(sorted(batch + matched, key=lambda a: a.id))
    return ScanResult(
        articles=result_articles,
        skipped=tuple(skipped),
        pairs=tuple(found),
        outlets=link_outlets(result_articles, found),
        config_fingerprint=config.fingerprint(),
        timings=tuple(timings),
        warnings=(*warnings, *([crowded_warning(crowded, config.candidates.max_bucket)] if crowded else []), *([too_long] if too_long else [])),
        checked=tuple(a.id for a in batch),
    )


class _Stage:
    def __init__(self, timings: list[tuple[str, float]], name: str) -> None:
        self.timings, self.name = timings, name

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc) -> None:
        self.timings.append((self.name, round(time.perf_counter() - self.start, 4)))


def _check(
    conn: sqlite3.Connection, batch: tuple[Article, ...], config: ScanConfig, progress, timings, jobs: int = 1
) -> tuple[list[Pair], tuple[Article, ...], list[str], str | None]:
    """The pairs, the stored articles they match, the new articles crowded out of matching, and a warning of those too long to align."""
    counts = Counts()
    with _Stage(timings, "sketch"):
        # Stored versions of the batch's ids leave the comparison, as in a scan of the union.
        replaced = {row[0] for row in current_rows(conn, [a.id for a in batch]).values()}
        for old in stored_features(conn, sorted(replaced), config).values():
            counts.add(old, -1)
        new: list[Features] = []
        seen: LanguageCounts = {}  # the batch's detected languages
        for n, features in enumerate(read_features(batch, config, jobs), 1):
            if features.detected:
                seen = merge_languages(seen, {features.language: (1, features.article.id)})
            new.append(features)
            _tick(progress, "sketch", n, len(batch))
        # A short article without a language takes the most common of the index and the batch together.
        languages = merge_languages(current_languages(conn, replaced), seen)
        for k, features in enumerate(new):
            if needs_fallback(features.analysis):
                new[k] = read_article(features.article, config, lambda: languages)
            counts.add(new[k], 1)
    with _Stage(timings, "candidates"):
        candidates, rowids, crowded = _candidates(conn, new, replaced, config)
        candidates, rowids = _verified(conn, candidates, rowids, new, config)
    with _Stage(timings, "read matches"):
        stored = stored_features(conn, rowids.tolist(), config, sketch=False)
        involved = new + [stored[r] for r in rowids.tolist()]
        # The index keeps cut runs, which can only share more: the exact count on the articles re-read.
        exact = verify_candidates(candidates, [f.runs for f in involved], config.candidates)
        exact, too_long = alignable(exact, [len(f.analysis) for f in involved], lambda i: involved[i].article.id)
        candidates, kept = _keep_used(exact, rowids, len(new))
        involved = new + [stored[r] for r in kept.tolist()]
        n_docs = int(meta(conn)["n_docs"]) + counts.n_docs
        df, learned = _statistics(conn, counts, [involved[k] for k in sorted({k for c in candidates for k in c})], n_docs, config)
    with _Stage(timings, "align"):
        pairs = _align(involved, candidates, df, learned, config, progress)
    with _Stage(timings, "provenance"):
        everyone = [f.article for f in new] + [f.article for f in involved[len(new):]]
        pairs = infer_directions(everyone, pairs)
        fresh = {f.article.id for f in new}
        pairs = [p if p.a in fresh else p.swapped() for p in pairs]
    pairs.sort(key=lambda p: (-p.shared_words, p.a, p.b))
    matched = {p.b for p in pairs} - fresh
    return pairs, tuple(f.article for f in involved[len(new):] if f.article.id in matched), [new[k].article.id for k in crowded], too_long


def _candidates(
    conn: sqlite3.Connection, new: list[Features], replaced: set[int], config: ScanConfig
) -> tuple[list[tuple[int, int]], np.ndarray, list[int]]:
    """Candidate pairs ``(i, j)`` over new articles ``0 .. len(new) - 1`` and stored ones after them.

    Returns the pairs (each with at least one new article), the rowids of
    the stored articles, in the order of their local numbers, and the new
    articles crowded out of matching (see :func:`_crowded`).
    """
    n_new = len(new)
    per_channel = [
        np.concatenate([f.keys[channel] for f in new]) if new else np.zeros(0, dtype=np.int64) for channel, _ in enumerate(CHANNELS)
    ]
    # One pass over the postings for both channels (their keys are folded apart), then split by channel.
    distinct = [unique_sorted(keys) for keys in per_channel]
    # Keys that more than max_bucket stored articles hold are banal whatever the batch adds: not fetched.
    skip = np.array(sorted(replaced), dtype=np.int64)
    got_keys, got_rowids, banal = find(conn, unique_sorted(np.concatenate(distinct)), limit=config.candidates.max_bucket, skip=skip)
    fetched_keys, fetched_rowids = [], []
    for keys in distinct:
        mine = members(got_keys, keys) if len(keys) else np.zeros(len(got_keys), dtype=bool)
        fetched_keys.append(got_keys[mine])
        fetched_rowids.append(got_rowids[mine])
    rowids = unique_sorted(np.concatenate(fetched_rowids))
    found, crowded = [], []
    for channel, name in enumerate(CHANNELS):
        owners_new = np.repeat(np.arange(n_new, dtype=np.uint32), [len(f.keys[channel]) for f in new])
        owners_old = (n_new + np.searchsorted(rowids, fetched_rowids[channel])).astype(np.uint32)
        keys = np.concatenate((per_channel[channel], fetched_keys[channel]))
        owners = np.concatenate((owners_new, owners_old))
        if name == "verbatim":
            crowded = _crowded(keys, owners, len(per_channel[channel]), banal, config.candidates.max_bucket)
        if len(banal):  # too common among the stored articles alone: no pair, between new ones either
            keep = ~members(keys, banal)
            keys, owners = keys[keep], owners[keep]
        if len(keys) == 0:
            continue
        codes, hits = np.unique(_new_pairs(keys, owners, n_new, config.candidates.max_bucket), return_counts=True)
        needed = 1 if name == "verbatim" else config.candidates.min_band_hits
        found.append(codes[hits >= needed])
    codes = unique_sorted(np.concatenate(found)) if found else np.zeros(0, dtype=np.uint64)
    pairs = [(int(c >> 32), int(c & 0xFFFFFFFF)) for c in codes.tolist()]
    return (*_keep_used(pairs, rowids, n_new), crowded)


def _crowded(keys: np.ndarray, owners: np.ndarray, n_keys_new: int, banal: np.ndarray, max_bucket: int) -> list[int]:
    """New articles at least ``candidates.CROWDED_SHARE`` of whose keys are banal or in buckets of more than ``max_bucket`` articles.

    ``keys`` and ``owners`` hold the new articles' keys first (``n_keys_new``
    of them), then the stored ones fetched; ``banal`` keys were not fetched,
    as more than ``max_bucket`` stored articles hold each. As the scan counts
    an article crowded out (:func:`reuse.candidates.crowded_articles`).
    """
    if n_keys_new == 0:
        return []
    order = np.lexsort((owners, keys))
    ordered_keys, ordered_owners = keys[order], owners[order]
    first = np.ones(len(order), dtype=bool)  # one entry per bucket and article
    first[1:] = (ordered_keys[1:] != ordered_keys[:-1]) | (ordered_owners[1:] != ordered_owners[:-1])
    distinct, sizes = counted(ordered_keys[first])
    mine, mine_owner = keys[:n_keys_new], owners[:n_keys_new].astype(np.int64)
    full = sizes[np.searchsorted(distinct, mine)] > max_bucket
    if len(banal):
        full |= members(mine, banal)
    per_article = np.bincount(mine_owner)
    return np.flatnonzero(crowded_out(np.bincount(mine_owner[full], minlength=len(per_article)), per_article)).tolist()


def _verified(
    conn: sqlite3.Connection, candidates: list[tuple[int, int]], rowids: np.ndarray, new: list[Features], config: ScanConfig
) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The candidates whose articles may share enough three-word runs: all those the scan keeps, and a few more.

    The stored articles' runs are read from the index cut to 24 bits
    (``codec.encode_runs``), their texts not yet: only the articles of the
    pairs kept are read, and their exact runs checked before aligning.
    Returns the pairs and stored rowids renumbered as :func:`_candidates` gives them.
    """
    need = config.candidates.min_shared_trigrams
    if need == 0:
        return _keep_used(candidates, rowids, len(new))
    stored = stored_runs(conn, rowids.tolist())
    runs = [cut_runs(f.runs) for f in new] + [stored[r] for r in rowids.tolist()]
    return _keep_used(verify_candidates(candidates, runs, config.candidates, shared_at_most), rowids, len(new))


def _keep_used(pairs: list[tuple[int, int]], rowids: np.ndarray, n_new: int) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Only the stored articles some pair involves, renumbered after the new ones."""
    used = sorted({j for _, j in pairs if j >= n_new})
    renumber = {old: n_new + k for k, old in enumerate(used)}
    pairs = [(i, renumber.get(j, j)) for i, j in pairs]
    return pairs, rowids[[j - n_new for j in used]] if used else np.zeros(0, dtype=np.int64)


def _new_pairs(keys: np.ndarray, owners: np.ndarray, n_new: int, max_bucket: int) -> np.ndarray:
    """Pairs ``i < j`` (as ``i * 2**32 + j``) sharing a bucket, once per bucket, ``i`` a new article.

    As the scan buckets them (:func:`reuse.candidates.band_hits`: a bucket of
    more than ``max_bucket`` articles makes no pair), without the pairs of
    stored articles: each (key, owner) is given once, and in a bucket sorted
    by owner the new articles come first, so each new member pairs with the
    members after it.
    """
    order = np.lexsort((owners, keys))
    keys, owners = keys[order], owners[order]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(keys)])))
    ok = np.repeat((sizes >= 2) & (sizes <= max_bucket), sizes)
    ends = np.repeat(starts + sizes, sizes)
    first = np.flatnonzero(ok & (owners < n_new))
    later = ends[first] - first - 1
    left = np.repeat(first, later)
    right = left + ranks(later) + 1
    return (owners[left].astype(np.uint64) << np.uint64(32)) | owners[right].astype(np.uint64)


def _statistics(conn, counts: Counts, involved: list[Features], n_docs: int, config: ScanConfig) -> tuple[DocumentFrequency, frozenset[int]]:
    """Document frequencies and learned boilerplate lines, for the articles to align only."""
    if not involved:
        return DocumentFrequency.from_sets([]), frozenset()
    stems = unique_sorted(np.concatenate([f.stems for f in involved]))
    stem_counts = counts.combined(conn, "stems", stems)
    as_unsigned = stems.view(np.uint64)
    order = np.argsort(as_unsigned)
    df = DocumentFrequency(as_unsigned[order], stem_counts[order], n_docs)
    lines = unique_sorted(np.concatenate([f.line_keys for f in involved]))
    line_counts = counts.combined(conn, "lines", lines)
    learned = lines[line_counts >= config.boilerplate.min_docs].view(np.uint64)
    return df, frozenset(learned.tolist())


def _align(involved: list[Features], candidates, df, learned, config: ScanConfig, progress) -> list[Pair]:
    """Align candidate pairs in article-id order, as the scan does.

    Each article's view is built on first use and dropped after its last pair.
    """
    last_use = {}
    for n, (i, j) in enumerate(candidates):
        last_use[i] = last_use[j] = n
    views = {}
    aligned = Aligner(config.align)

    def view(k: int):
        if k not in views:
            f = involved[k]
            usable = mask_lines(f.article.text, f.analysis, f.usable, learned, config.boilerplate, f.lines)
            views[k] = prepare(f.article, usable, f.analysis, df)
        return views[k]

    pairs = []
    for n, (i, j) in enumerate(candidates, 1):
        first, second = sorted((i, j), key=lambda k: involved[k].article.id)
        pair = aligned(view(first), view(second))
        if pair is not None:
            pairs.append(pair)
        for k in (i, j):
            if last_use[k] == n - 1:
                del views[k]
        _tick(progress, "align", n, len(candidates))
    return pairs
