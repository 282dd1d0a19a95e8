"""scan(): the stages in order, each timed.

    load -> analyse + sketch -> learn boilerplate -> candidates (LSH bands, then the
    three-word-run check and the length limit) -> align -> provenance -> outlets

Each stage is one module with one entry function; this module wires them,
plans how candidate pairs are cut into chunks for the workers
(:mod:`reuse.parallel` runs them), and reports progress through an optional
callback (it never prints).
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from os import PathLike
from typing import Any

import numpy as np

from . import parallel
from .boilerplate import learn_boilerplate
from .align import alignable
from .candidates import BandTable, band_task, candidate_pairs, crowded_articles, crowded_warning
from .runs import RunTable, verify_candidates
from .config import ScanConfig
from .load import find_article_files, read_article_files
from .errors import InputError, workspace_error
from .model import Article, Pair, ScanResult, Skipped, ranked
from .outlets import link_outlets
from .plans import align_plan, components, packed
from .parallel import AlignTask, ArticleSketch, ReadTask, align_chunk, map_chunks, provenance_chunk, read_and_store
from .progress import ProgressCallback, Timer, tick
from .stored import WordArrayTable
from .text import DocumentFrequency, most_common_language
from .textstore import TextStore, portable, temp_root

__all__ = ["ProgressCallback", "align_all", "directions", "scan", "scan_articles", "sorted_unique"]


_NO_KEYS = np.zeros(0, dtype=np.uint64)  # an article not read yet holds no boilerplate line keys


def scan(
    folder: str | PathLike,
    config: ScanConfig | None = None,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    progress: ProgressCallback | None = None,
) -> ScanResult:
    """Load every article under ``folder`` and find the reuse between them.

    Parameters
    ----------
    folder
        A folder (read recursively) or a single file.
    config
        Settings; the defaults suit news articles.
    jobs
        Processes to load, read and align in (``reuse.parallel.default_jobs()``
        for every core); the result is the same for any number.
    scheduler
        Run reading and alignment on a Dask cluster instead: the address of
        its scheduler, or ``"local"`` for a ``LocalCluster`` of ``jobs``
        workers (needs ``pip install 'reuse[dask]'``). The result is the same.
    progress
        Optional ``callback(stage, done, total)``.

    Returns
    -------
    ScanResult
        Articles, skipped files, and the pairs that share text, most shared first.

    Raises
    ------
    reuse.errors.InputError
        When ``folder`` does not exist or holds no article files.
    """
    config = scan_config(config)
    timer = Timer()
    with timer.stage("load"):  # the walk first: a missing folder is reported before any worker starts
        files = find_article_files(folder)
    with parallel.workers(jobs, scheduler) as engine:
        with timer.stage("load"):
            # Texts go to disk as they are read: the result's articles read them back when asked.
            loaded = read_article_files(files, config.load, progress=progress, jobs=engine, store=TextStore())
        return _scan(loaded.articles, loaded.skipped, loaded.warnings, config, progress, timer, engine)


def scan_articles(
    articles: Iterable[Article], config: ScanConfig | None = None, *, jobs: int = 1, progress: ProgressCallback | None = None
) -> ScanResult:
    """Find the reuse between already-loaded articles (ids must be unique); ``jobs`` as in :func:`scan`.

    Raises ``TypeError`` when an item is not an :class:`~reuse.model.Article` (a bare string, a dict).
    """
    config = scan_config(config)
    articles = tuple(articles)
    for item in articles:
        if not isinstance(item, Article):
            raise TypeError(
                f"scan_articles takes reuse.Article objects, not {type(item).__name__} ({item!r:.60}): "
                "wrap each text, e.g. reuse.Article(id='a1', text=text, outlet='Daily News')."
            )
    return _scan(articles, (), (), config, progress, Timer(), jobs)


def scan_config(config: ScanConfig | None) -> ScanConfig:
    """``config``, or the defaults for ``None``; a ``TypeError`` naming the fix for anything else (a dict of settings)."""
    if config is None:
        return ScanConfig()
    if not isinstance(config, ScanConfig):
        raise TypeError(
            f"config must be a reuse.ScanConfig, not {type(config).__name__}: build one, e.g. "
            "reuse.ScanConfig(sketch=reuse.SketchConfig(num_perm=64), candidates=reuse.CandidateConfig(bands=16))."
        )
    return config


def _scan(
    articles: tuple[Article, ...],
    skipped: tuple[Skipped, ...],
    warnings: tuple[str, ...],
    config: ScanConfig,
    progress: ProgressCallback | None,
    timer: Timer,
    engine: int | Any = 1,
) -> ScanResult:
    """The stages; ``engine`` is a number of processes or a Dask client (see :func:`reuse.parallel.workers`)."""
    articles = sorted_unique(articles)
    # The band keys, word arrays and three-word runs go to disk as articles are read: the largest things a scan makes.
    root = temp_root()
    try:
        workspace = tempfile.TemporaryDirectory(prefix="reuse-scan-", dir=root)
    except OSError as exc:
        raise workspace_error(root, exc) from exc
    with workspace as folder:
        table = BandTable(folder, config.candidates.bands)
        with timer.stage("sketch"):
            read = _read_all(articles, config, engine, progress, table)
        languages, stored = read.languages, read.stored
        with timer.stage("boilerplate"):
            learned = learn_boilerplate(read.line_keys, config.boilerplate)
            df = read.document_frequency()
        with timer.stage("candidates"):
            candidates, crowded = _candidates(table, config, engine, progress)
            try:
                candidates = verify_candidates(candidates, read.runs, config.candidates)
            finally:
                read.runs.close()
            del read
            candidates, too_long = alignable(candidates, stored.words, lambda i: articles[i].id)
        with timer.stage("align"):
            pairs = align_all(articles, languages, stored, candidates, learned, df, config, engine, progress)
    if crowded:
        # Said once the pairs are known: copies with lines of their own pair through them, and the warning says whether.
        paired = {p.a for p in pairs} | {p.b for p in pairs}
        warnings = (*warnings, crowded_warning([articles[i].id for i in crowded], config.candidates.max_bucket, paired))
    if too_long:
        warnings = (*warnings, too_long)
    with timer.stage("provenance"):
        pairs = directions(articles, pairs, config, engine)
    pairs = ranked(pairs)
    with timer.stage("outlets"):
        outlets = link_outlets(articles, pairs)
    return ScanResult(
        articles=articles,
        skipped=skipped,
        pairs=tuple(pairs),
        config_fingerprint=config.fingerprint(),
        timings=tuple(timer.timings),
        warnings=warnings,
        outlets=outlets,
    )


def sorted_unique(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Articles in id order; two with one id are refused (the scan's rule, which the index follows)."""
    ordered = tuple(sorted(articles, key=lambda a: a.id))
    for first, second in zip(ordered, ordered[1:]):
        if first.id == second.id:
            raise InputError(f"Two articles have the id {first.id!r}: give each article a unique id.")
    return ordered


class _Gathered:
    """What the later stages need of the reading, gathered as each article's reading becomes final.

    The band keys go to the :class:`BandTable` on disk, where each
    article's reading was stored for alignment to ``stored``, and where its
    three-word runs were to ``runs`` (a :class:`RunTable`; held here when no
    worker wrote them); the distinct stems are counted a chunk at a time
    (document frequencies need only the counts); the language and
    candidate boilerplate line keys are kept per article.
    """

    def __init__(self, n: int, table: BandTable) -> None:
        self.table = table
        self.stored = WordArrayTable(n)
        self.languages = [""] * n
        self.line_keys: list[np.ndarray] = [_NO_KEYS] * n
        self.runs = RunTable(n)
        self._stems: list[tuple[np.ndarray, np.ndarray]] = []

    def register(self, indices: Sequence[int], bands: list, arrays: tuple | None, runs: tuple | None) -> None:
        """Take what a worker wrote for the articles ``indices`` (:func:`reuse.parallel.read_and_store`); a re-read replaces."""
        self.table.register(bands)
        self.stored.register(indices, arrays)
        self.runs.register(indices, runs)

    def add(self, indices: list[int], records: list[ArticleSketch]) -> None:
        """Take the final reading of the articles ``indices`` (their band keys stored unless the sketch is still there)."""
        if not indices:
            return
        with_keys = [(k, r.sketch) for k, r in zip(indices, records) if r.sketch is not None]
        if with_keys:
            self.table.add([k for k, _ in with_keys], [sketch for _, sketch in with_keys])
        for k, r in zip(indices, records):
            self.languages[k], self.line_keys[k] = r.language, r.line_keys
            if r.trigrams is not None:  # not written by a worker that shares the disk: held here
                self.runs.hold(k, r.trigrams)
        self._stems.append(np.unique(np.concatenate([r.stem_set for r in records]), return_counts=True))

    def document_frequency(self) -> DocumentFrequency:
        """How many articles use each stem (the weights of :meth:`DocumentFrequency.from_sets` of every article).

        Stems of one article only are left out: :meth:`DocumentFrequency.idf`
        weighs a stem it does not hold as one of a single article, the same
        weight, and most distinct stems are such (names, numbers, the
        character pairs of Chinese and Thai), so the table the aligning
        processes look every article's stems up in is a fraction of the size.
        """
        if not self._stems:
            return DocumentFrequency.from_sets([])
        stems, where = np.unique(np.concatenate([s for s, _ in self._stems]), return_inverse=True)
        counts = np.bincount(where, weights=np.concatenate([c for _, c in self._stems]), minlength=len(stems)).astype(np.int64)
        shared = counts > 1
        if not shared.any():  # an empty table means no corpus at all to DocumentFrequency.idf (uniform weights)
            return DocumentFrequency(stems, counts, len(self.languages))
        return DocumentFrequency(stems[shared], counts[shared], len(self.languages))


def _read_all(
    articles: tuple[Article, ...], config: ScanConfig, engine: int | Any, progress: ProgressCallback | None, table: BandTable
) -> _Gathered:
    """Analyse, mask and sketch every article, in chunks over ``engine``'s workers.

    Two passes: every article is read in its own language; then the short
    ones with no language of their own are read again in the corpus's most
    common language, so a short copy stems like the article it was copied
    from whatever the order of the articles or the split of the work. An
    article's reading is gathered once it is final.
    """
    gathered = _Gathered(len(articles), table)
    # Workers on this machine write the band keys and runs themselves; Dask workers on others send them back.
    folder = str(table.folder) if parallel.shares_disk(engine) else None

    def tasks(name: str, indices: list[int], language: str | None) -> Iterable[ReadTask]:
        for first in range(0, len(indices), parallel.READ_CHUNK):
            part = indices[first : first + parallel.READ_CHUNK]
            yield ReadTask(f"{name}{first}", part, [(portable(articles[k], folder is not None), language) for k in part], folder, table.bands)

    languages: Counter[str] = Counter()
    again: list[int] = []
    held: list[ArticleSketch] = []  # first readings of the short ones, until the fallback is known
    done = 0
    for records, written, arrays_written, runs_written in map_chunks(read_and_store, tasks("read", list(range(len(articles))), None), engine, (config,)):
        gathered.register(range(done, done + len(records)), written, arrays_written, runs_written)
        final = [k for k, r in enumerate(records, done) if not r.short_unknown]
        gathered.add(final, [records[k - done] for k in final])
        for k, r in enumerate(records, done):
            if r.language:
                languages[r.language] += 1
            if r.short_unknown:
                again.append(k)
                held.append(r)
        done += len(records)
        tick(progress, "sketch", done, len(articles), every=1)
    fallback = most_common_language(languages)
    if fallback and again:
        held = []
        for records, written, arrays_written, runs_written in map_chunks(read_and_store, tasks("again", again, fallback), engine, (config,)):
            gathered.register(again[len(held) : len(held) + len(records)], written, arrays_written, runs_written)
            held.extend(records)
    gathered.add(again, held)
    return gathered


def _candidates(table: BandTable, config: ScanConfig, engine: int | Any, progress: ProgressCallback | None) -> tuple[list[tuple[int, int]], list[int]]:
    """Band the table's keys a few bands per task over ``engine``'s workers; merge the hits.

    Returns the candidate pairs and the articles crowded out of matching
    (:func:`reuse.candidates.crowded_articles`).

    Workers on this machine read the band files themselves; Dask workers on
    other machines are sent the keys.
    """
    tasks = table.tasks(config.candidates, inline=not parallel.shares_disk(engine))
    parts = []
    for part in map_chunks(band_task, tasks, engine, (config,)):
        parts.append(part)
        tick(progress, "candidates", len(parts), table.n_tasks(), every=1)
    return candidate_pairs(parts, config.candidates), crowded_articles(parts, config.candidates.bands)


def align_all(
    articles: tuple[Article, ...],
    languages: list[str],
    stored: WordArrayTable | None,
    candidates: list[tuple[int, int]],
    learned: frozenset[int],
    df: DocumentFrequency,
    config: ScanConfig,
    engine: int | Any,
    progress: ProgressCallback | None,
) -> list[Pair]:
    """Align every candidate pair, in chunks of pairs over ``engine``'s workers; keep the pairs that share real passages.

    Each chunk carries its articles (where their texts are, for workers
    on this machine) and where their word arrays are stored (``stored``),
    which the worker loads (or, for one not
    stored, when the workers do not share this machine's disk now, or with
    ``stored`` ``None``, analyses again in the language given): nothing per article is held between reading and
    aligning but the language it was read in and that place. The chunks
    follow the articles' connected components (:func:`reuse.plans.align_plan`), so
    most articles are loaded once; the pairs come back in the order of
    ``candidates`` whatever the split.
    """
    shared = parallel.shares_disk(engine)  # asked again: Dask workers on other machines may have joined since reading
    plan = align_plan(candidates, parallel.ALIGN_CHUNK)
    todo = (
        AlignTask(chunk, {i: (portable(articles[i], shared), languages[i], stored.place(i) if shared and stored is not None else None) for pair in chunk for i in pair})
        for chunk in ([candidates[k] for k in ks] for ks in plan)
    )
    rank = {(articles[i].id, articles[j].id): k for k, (i, j) in enumerate(candidates)}
    pairs: list[Pair] = []
    done = 0
    for ks, found in zip(plan, map_chunks(align_chunk, todo, engine, (config, learned, df))):
        pairs.extend(found)
        done += len(ks)
        tick(progress, "align", done, len(candidates), every=1)
    pairs.sort(key=lambda p: rank[p.a, p.b])
    return pairs


def directions(articles: tuple[Article, ...], pairs: list[Pair], config: ScanConfig, engine: int | Any) -> list[Pair]:
    """The pairs with their directions, whole clusters at a time over ``engine``'s workers.

    The direction of a pair depends on the other articles of its cluster
    (witnesses, the stemma) and on nothing outside it, so clusters are
    decided apart; small ones are packed into chunks of about
    ``parallel.PROVENANCE_CHUNK`` pairs, a larger one goes whole. The pairs
    keep their order. Under ``parallel.PROVENANCE_POOL`` pairs it all runs
    here: starting workers and having them read the texts would cost more than
    it saves (about 0.5 s of work for 4,400 pairs).
    """
    if len(pairs) < parallel.PROVENANCE_POOL:
        engine = 1
    index = {a.id: k for k, a in enumerate(articles)}
    edges = [(index[p.a], index[p.b]) for p in pairs]
    plan = packed(components(edges), parallel.PROVENANCE_CHUNK)
    shared = parallel.shares_disk(engine)
    todo = (([portable(articles[i], shared) for i in sorted({i for k in ks for i in edges[k]})], [pairs[k] for k in ks]) for ks in plan)
    out = list(pairs)
    for ks, found in zip(plan, map_chunks(provenance_chunk, todo, engine, (config,))):
        for k, pair in zip(ks, found):
            out[k] = pair
    return out
