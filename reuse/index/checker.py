"""Checking a batch of new articles against an index and against each other.

The stages of ``reuse.pipeline._scan``, with the index standing in for the
articles already seen:

    read the batch -> look up the buckets its band keys name -> candidates
    -> keep the pairs sharing three-word runs -> read the matched articles
    -> counts for their lines and stems -> align -> provenance

Only the postings of the batch's band keys, the stored articles they lead
to, and the counts of those articles' stems and boilerplate lines are read: memory
follows the batch and its matches, not the size of the index. Of each
article read, the check keeps its text, three-word runs, stems and line
keys (a few KB), and its band keys until matched (``matching.BatchKeys``,
matched a range of keys at a time); alignment analyses the texts again in
its workers, as the scan does for an article whose words it did not store
(``reuse.pipeline.align_all``). Everything
the scan learns corpus-wide is a stored count plus the batch's own, so the
pairs and passages equal those of ``reuse scan`` over the index and the
batch together (the direction is inferred from the pairs found here, which
leaves out pairs between stored articles).
"""

from __future__ import annotations

import shlex
import sqlite3
from itertools import combinations
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from os import PathLike

import numpy as np

from ..align import MAX_ALIGN_WORDS, alignable
from ..candidates import crowded_warning
from ..runs import verify_candidates
from ..config import ScanConfig
from ..model import Article, Pair, ScanResult, Skipped, ranked
from ..outlets import link_outlets
from ..pipeline import align_all, directions, sorted_unique
from ..progress import ProgressCallback, Timer, tick
from ..text import needs_fallback
from ..words import first_few, plural
from ..text import DocumentFrequency, unique_sorted
from .codec import cut_runs, shared_at_most_many
from .features import Features, LanguageCounts, merge_languages, read_article
from .matching import BatchKeys, match_batch, renumber_stored
from .readahead import read_ahead
from .reader import read_features
from .stats import Counts, learned_lines
from .failures import reported_damage
from .store import connect, current_languages, index_config, lock_free_warnings, meta_count, stored_runs, write_state
from .versions import other_articles, versions_of
from .writer import read_stored

__all__ = ["Snapshot", "check_again", "check_articles"]

@dataclass
class Snapshot:
    """The index's state as a check read it (:func:`~reuse.index.store.write_state`), set by :func:`check_articles`.

    An out-parameter, so not frozen: an add given ``since=snapshot.state``
    lists in its result's ``meanwhile`` what another run wrote after the check.
    """

    state: tuple[int, int] | None = None


def check_articles(
    index: str | PathLike,
    articles: Iterable[Article],
    config: ScanConfig | None = None,
    *,
    skipped: Sequence[Skipped] = (),
    warnings: Sequence[str] = (),
    jobs: int = 1,
    progress: ProgressCallback | None = None,
    state: Snapshot | None = None,
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
        Processes to read the batch, align and infer directions in; the result is the same for any number.
    progress
        Optional ``callback(stage, done, total)``.
    state
        When given, its ``state`` is set to the index's state as checked
        (:class:`Snapshot`): pass it to :func:`~reuse.index.add_articles` as
        ``since`` to learn what another run added between the check and the add.

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
    timer = Timer()
    # The postings rows from disk in one pass ahead of the check, not page by page.
    with reported_damage(index) as reading:
        with read_ahead(index):
            conn = reading.opened(connect(index, config, create=False, check=True, read_only=True))
            unlocked = lock_free_warnings(conn, index)
            try:
                config = config or index_config(conn)
                conn.execute("BEGIN")  # one snapshot for every read, whatever a writer commits meanwhile
                try:
                    if state is not None:
                        state.state = write_state(conn)  # the snapshot's first read
                    versions = versions_of(conn, batch)
                    current, differ, earlier = versions.current, versions.differ, versions.earlier
                    unchanged = sorted(a.id for a in batch if versions.unchanged(a))
                    # An earlier version's content is no news: the index keeps the current version (an add leaves it), so does the check.
                    batch = tuple(a for a in batch if a.id not in earlier)
                    others = other_articles(conn, [a for a in differ if a.id not in earlier], current, config, _STANDS_IN)
                    checked = _check(conn, batch, current, config, progress, timer, jobs, index=index) if batch else _Checked()
                finally:
                    conn.execute("ROLLBACK")
            finally:
                conn.close()
    found, crowded = checked.pairs, checked.crowded
    result_articles = tuple(sorted(batch + checked.matched, key=lambda a: a.id))
    return ScanResult(
        articles=result_articles,
        skipped=tuple(skipped),
        pairs=found,
        outlets=link_outlets(result_articles, found),
        config_fingerprint=config.fingerprint(),
        timings=tuple(timer.timings),
        warnings=(
            *warnings,
            *unlocked,
            *([_earlier_warning(sorted(earlier))] if earlier else []),
            *([_unchanged_warning(unchanged)] if unchanged else []),
            *others,
            *([crowded_warning(crowded, config.candidates.max_bucket, {p.a for p in found} | {p.b for p in found})] if crowded else []),
            *([checked.too_long] if checked.too_long else []),
        ),
        checked=tuple(a.id for a in batch),
        corpus=checked.corpus,
    )


def check_again(
    index: str | PathLike, articles: Iterable[Article], ids: Iterable[str], config: ScanConfig | None = None, *, jobs: int = 1
) -> tuple[ScanResult, ScanResult]:
    """The batch checked again (added meanwhile), whole, and that check cut to the pairs that join one of ``ids``.

    ``ids``: articles another run added to the index between a check of the
    batch and its add (``AddResult.meanwhile``). Neither run compared them
    with the batch, and no later check reports a pair of two stored
    articles: without this, their pairs would never be reported.
    """
    wanted = set(ids)
    again = check_articles(index, articles, config, jobs=jobs)
    pairs = tuple(p for p in again.pairs if p.a in wanted or p.b in wanted)
    used = {i for p in pairs for i in (p.a, p.b)}
    shown = tuple(a for a in again.articles if a.id in used)
    # The whole batch stays ``checked``: its summary's headline counts the batch checked again, not the articles paired.
    only = replace(again, articles=shown, pairs=pairs, skipped=(), warnings=(), outlets=link_outlets(shown, pairs))
    return again, only


#: What becomes, in a check, of a stored article whose id another article of the batch takes (:func:`other_articles`).
_STANDS_IN = "the new one stands in for it in this check, as its new version would (adding the batch makes it that), and the two are not compared"


def _earlier_warning(ids: Sequence[str]) -> str:
    """What to say of the batch's articles that hold an earlier version of their id (``ids`` not empty)."""
    many = len(ids) > 1
    return (
        f"{plural(len(ids), 'article')} ({first_few(list(ids))}) hold{'' if many else 's'} the text of an earlier version of "
        f"{'their' if many else 'its'} id: left out of the check, as the index keeps the current version (an add leaves it too)"
    )


def _unchanged_warning(ids: Sequence[str]) -> str:
    """What to say of the batch's articles that the index holds already, as they are (``ids`` not empty)."""
    many = len(ids) > 1
    return (
        f"{plural(len(ids), 'article')} ({first_few(list(ids))}) {'are' if many else 'is'} in the index already, unchanged: "
        f"checked again as if new (with --add {'they stay' if many else 'it stays'} as {'they are' if many else 'it is'})"
    )


@dataclass(frozen=True, eq=False)
class _Kept:
    """What the check keeps of an article it has read: alignment analyses the text again, in the workers.

    Holding every article's words (spans, hashes, stems) from reading to
    aligning was most of a large batch's memory (about 25 KB an article).
    """

    article: Article
    language: str  # the language it was read in ("" for none): read again in it, to the same values
    words: int
    runs: np.ndarray
    stems: np.ndarray
    line_keys: np.ndarray


def _kept(features: Features, article: Article | None = None) -> _Kept:
    """What the check keeps of ``features``; ``article``: the same article, held already (not the copy a worker sent back)."""
    article = article if article is not None else features.article
    return _Kept(article, features.language, len(features.analysis), features.runs, features.stems, features.line_keys)


@dataclass(frozen=True)
class _Checked:
    """What :func:`_check` finds for a batch (nothing, for an empty one)."""

    pairs: tuple[Pair, ...] = ()
    #: The stored articles the pairs match.
    matched: tuple[Article, ...] = ()
    #: Ids of the new articles crowded out of matching.
    crowded: tuple[str, ...] = ()
    #: The warning of the articles too long to align, if any.
    too_long: str | None = None
    #: The articles the word weights are learned from: the index's current ones and the batch.
    corpus: int | None = None


def _check(
    conn: sqlite3.Connection, batch: tuple[Article, ...], current: dict, config: ScanConfig, progress, timer: Timer, jobs: int = 1,
    *, index: str | PathLike,
) -> _Checked:
    """The pairs of ``batch`` (:class:`_Checked`).

    ``current``: the current rows of (at least) the batch's ids (:func:`~reuse.index.versions.versions_of`);
    ``index``: the index's path, for the command the warning gives.
    """
    counts = Counts()
    with timer.stage("sketch"):
        # Stored versions of the batch's ids leave the comparison, as in a scan of the union.
        replaced = {current[a.id].rowid for a in batch if a.id in current}
        for _, old in read_stored(conn, sorted(replaced), config, sketch=False):  # the check never writes the postings count
            counts.add(old, -1)
        new: list[_Kept | Features] = []
        batch_keys = BatchKeys()
        seen: LanguageCounts = {}  # the batch's detected languages
        fallback = []  # short articles without a language: read again below, in the most common of the whole
        for n, features in enumerate(read_features(batch, config, jobs), 1):
            if features.detected:
                seen = merge_languages(seen, {features.language: (1, features.article.id)})
            assert features.article.id == batch[n - 1].id  # read in order: batch[n - 1] is the one held
            new.append(features)
            if needs_fallback(features.analysis):
                fallback.append(n - 1)
            else:
                new[-1] = _gathered(features, batch[n - 1], n - 1, counts, batch_keys)
            tick(progress, "sketch", n, len(batch))
        languages = merge_languages(current_languages(conn, replaced), seen)
        for k in fallback:
            new[k] = _gathered(read_article(batch[k], config, lambda: languages), batch[k], k, counts, batch_keys)
    with timer.stage("candidates"):
        candidates, rowids, crowded = match_batch(conn, batch_keys, len(new), replaced, config.candidates)
        del batch_keys  # matched: let the keys go
        candidates, rowids = _verified(conn, candidates, rowids, new, config)
    with timer.stage("read matches"):
        stored = {rowid: _kept(f) for rowid, f in read_stored(conn, rowids.tolist(), config, sketch=False)}
        involved = new + [stored[r] for r in rowids.tolist()]
        # The index keeps cut runs, which can only share more: the exact count on the articles re-read.
        exact = verify_candidates(candidates, [f.runs for f in involved], config.candidates)
        kept_pairs, too_long = alignable(exact, [f.words for f in involved], lambda i: involved[i].article.id)
        if too_long is not None:
            too_long += _indexed_too_long(exact, kept_pairs, involved, len(new), index)
        exact = kept_pairs
        candidates, kept = _keep_used(exact, rowids, len(new))
        involved = new + [stored[r] for r in kept.tolist()]
        del stored
        context = _context_pairs(candidates, len(new), involved, config)
        n_docs = meta_count(conn, "n_docs") + counts.n_docs
        df, learned = _statistics(conn, counts, [involved[k] for k in sorted({k for c in candidates for k in c})], n_docs, config)
    with timer.stage("align"):
        everyone = tuple(f.article for f in involved)
        # Each pair in article-id order, as the scan aligns it.
        ordered = [(i, j) if everyone[i].id < everyone[j].id else (j, i) for i, j in candidates + context]
        pairs = align_all(everyone, [f.language for f in involved], None, ordered, learned, df, config, jobs, progress)
    with timer.stage("provenance"):
        pairs = directions(everyone, pairs, config, jobs)  # whole clusters at a time, as the scan decides them
        fresh = {f.article.id for f in new}
        pairs = [p if p.a in fresh else p.swapped() for p in pairs if p.a in fresh or p.b in fresh]  # the context's pairs go
    pairs = ranked(pairs)
    matched = {p.b for p in pairs} - fresh
    return _Checked(
        tuple(pairs), tuple(a for a in everyone[len(new):] if a.id in matched), tuple(new[k].article.id for k in crowded), too_long, n_docs
    )


def _indexed_too_long(pairs: list[tuple[int, int]], kept: list[tuple[int, int]], involved: list[_Kept], n_new: int, index: str | PathLike) -> str:
    """What to do with the indexed articles among those too long to align: they are left out of every check until removed."""
    left = set(pairs) - set(kept)
    indexed = sorted({involved[k].article.id for pair in left for k in pair if k >= n_new and involved[k].words > MAX_ALIGN_WORDS})
    if not indexed:
        return ""
    return (
        f" {first_few(indexed)} {'are' if len(indexed) > 1 else 'is'} in the index, not in this batch; to take "
        f"{'them' if len(indexed) > 1 else 'it'} out of every check: reuse index remove {' '.join(map(shlex.quote, indexed))} "
        f"--index {shlex.quote(str(index))}"  # a command to paste: every id, quoted, and the index it needs
    )


#: A new article matching more stored articles than this (a wire story carried everywhere) gives no
#: context pairs: their alignments would grow with its square.
CONTEXT_NEIGHBOURS = 12


def _context_pairs(candidates: list[tuple[int, int]], n_new: int, involved: list[_Kept], config: ScanConfig) -> list[tuple[int, int]]:
    """Pairs of stored articles that a new article matches both of, and that share enough runs to align.

    They are aligned for the directions only, and left out of the result: a
    wire story stored with a client's credited copy of it, and a new
    uncredited copy of the same text, make a cluster of three, and without
    the stored pair the tree cannot see that the client's copy descends from
    the wire (the new copy came out as a sibling of the wire, under the
    client). A scan of the index and the batch together holds that pair.
    """
    stored_of: dict[int, set[int]] = {}
    for i, j in candidates:
        for new, old in ((i, j), (j, i)):
            if new < n_new <= old:
                stored_of.setdefault(new, set()).add(old)
    pairs = sorted({pair for olds in stored_of.values() if 2 <= len(olds) <= CONTEXT_NEIGHBOURS for pair in combinations(sorted(olds), 2)})
    if not pairs:
        return []
    kept = verify_candidates(pairs, [f.runs for f in involved], config.candidates)
    return alignable(kept, [f.words for f in involved], lambda i: involved[i].article.id)[0]


def _gathered(features: Features, article: Article, k: int, counts: Counts, batch_keys: BatchKeys) -> _Kept:
    """Count new article ``k`` (``article``) in, give its band keys to ``batch_keys``, and keep what the check needs of it."""
    counts.add(features, 1)
    batch_keys.add(k, features.keys)
    return _kept(features, article)


def _verified(
    conn: sqlite3.Connection, candidates: list[tuple[int, int]], rowids: np.ndarray, new: list[_Kept], config: ScanConfig
) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The candidates whose articles may share enough three-word runs: all those the scan keeps, and a few more.

    The stored articles' runs are read from the index cut to 24 bits
    (``codec.encode_runs``), their texts not yet: only the articles of the
    pairs kept are read, and their exact runs checked before aligning.
    Returns the pairs and stored rowids renumbered as :func:`.matching.match_batch` gives them.
    """
    need = config.candidates.min_shared_trigrams
    if need == 0:
        return _keep_used(candidates, rowids, len(new))
    stored = stored_runs(conn, rowids.tolist())
    runs = [cut_runs(f.runs) for f in new] + [stored[r] for r in rowids.tolist()]
    return _keep_used(verify_candidates(candidates, runs, config.candidates, shared_at_most_many), rowids, len(new))


def _keep_used(pairs: list[tuple[int, int]], rowids: np.ndarray, n_new: int) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Only the stored articles some pair involves, renumbered after the new ones."""
    pairs, used = renumber_stored(pairs, n_new)
    return pairs, rowids[used]


def _statistics(conn, counts: Counts, involved: list[_Kept], n_docs: int, config: ScanConfig) -> tuple[DocumentFrequency, frozenset[int]]:
    """Document frequencies and learned boilerplate lines, for the articles to align only."""
    if not involved:
        return DocumentFrequency.from_sets([]), frozenset()
    stems = unique_sorted(np.concatenate([f.stems for f in involved]))
    stem_counts = counts.combined(conn, "stems", stems)
    as_unsigned = stems.view(np.uint64)
    order = np.argsort(as_unsigned)
    df = DocumentFrequency(as_unsigned[order], stem_counts[order], n_docs)
    lines = unique_sorted(np.concatenate([f.line_keys for f in involved]))
    return df, learned_lines(conn, counts, lines, config.boilerplate)
