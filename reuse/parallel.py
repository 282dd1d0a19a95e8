"""The scan's per-article and per-pair work, in chunks that can run in any process.

Reading (analyse, mask, sketch) needs one article; aligning needs the two
articles of a pair and what was learned from the whole corpus (boilerplate
lines, stem document frequencies). Both are pure functions of their inputs,
so a chunk gives the same answer in this process, in a worker of a
``multiprocessing`` pool or on a Dask worker, and the scan's result does not
depend on how the work was split.

Memory: a chunk's reading returns only each article's short-line keys
and distinct stems; the worker writes its band keys, word arrays
(:mod:`reuse.stored`) and three-word runs (:class:`reuse.runs.RunTable`)
to the scan's temporary folder (Dask workers on other machines send the
keys and runs back, and analyse their articles again to align them), and
alignment reads back the articles of its pairs and drops them with the
chunk. The texts are on disk too (:mod:`reuse.textstore`):
a chunk brings where its articles' texts are, and the worker reads each
once for the length of the chunk (Dask workers on other machines are sent
the texts).
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import multiprocessing
import os
import signal
import socket
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import numpy as np

from .align import Aligner
from .boilerplate import article_lines, line_keys, mask_lines, usable_words_many
from .candidates import write_batch
from .runs import trigram_sets, write_runs
from .config import ScanConfig
from .errors import ConfigError, WorkerError
from .linux import die_with_parent
from .model import Article, Pair
from .prepared import prepare_many
from .provenance import infer_directions
from .stored import Place, WordArrays, load_word_arrays, write_word_arrays
from .sketch import Sketch, permutations, sketch_articles
from .text import DocumentFrequency, analyze, analyze_many, needs_fallback, unique_sorted

__all__ = ["AlignTask", "ArticleSketch", "ReadTask", "align_chunk", "default_jobs", "map_chunks", "masks", "provenance_chunk", "read_and_store", "read_chunk", "settings", "shares_disk", "workers"]

#: Articles per reading chunk, candidate pairs per alignment chunk, pairs per provenance chunk.
READ_CHUNK = 250
ALIGN_CHUNK = 400
#: Articles of an alignment chunk prepared together (:func:`reuse.prepared.prepare_many`): their arrays a few MB.
_PREPARED_AT_ONCE = 64
PROVENANCE_CHUNK = 400
#: Pairs from which directions are decided over the workers rather than in the scan's own process.
PROVENANCE_POOL = 20_000

#: Seconds to wait for a Dask scheduler to answer.
CONNECT_TIMEOUT = 30


def default_jobs() -> int:
    """All the cores this process may use (its CPU affinity where the system has one)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True, eq=False)
class ArticleSketch:
    """What reading keeps of one article: about the size of its sketch, not of its text."""

    language: str  # the language it was read in ("" for none)
    short_unknown: bool  # too short for a guess and none found: takes the corpus's language
    sketch: Sketch | None  # None once its band keys are written to the scan's band table
    line_keys: np.ndarray  # its candidate boilerplate lines' keys (uint64, distinct), to learn boilerplate
    stem_set: np.ndarray  # its distinct usable stems, for document frequencies
    trigrams: np.ndarray | None  # its three-word runs, to verify candidates (None once written to the scan's folder)


# What every task shares: the config, and for alignment the learned boilerplate
# and frequencies. Set by a pool worker's initialiser, by each Dask task, or by
# a map run in the caller's own process, per thread: two scans in two threads
# of one process each see their own.
class _Local(threading.local):
    def __init__(self) -> None:  # run in each thread on its first use
        self.shared: dict[str, Any] = {}


_LOCAL = _Local()


def _shared() -> dict[str, Any]:
    """This thread's shared settings (empty until :func:`settings`)."""
    return _LOCAL.shared


def settings(config: ScanConfig, learned: frozenset[int] = frozenset(), df: DocumentFrequency | None = None) -> None:
    """Set what this thread's chunks share (the initialiser of a pool)."""
    _shared().update(config=config, learned=learned, df=df)


def _setup(*initargs: Any) -> None:
    """:func:`settings` when a map has settings to share."""
    if initargs:
        settings(*initargs)


def _analyses(articles: Sequence[Article], languages: Sequence[str | None], config: ScanConfig) -> list[tuple[Any, list, np.ndarray]]:
    """Each article's ``(analysis, lines, usable)``: its words, stems and masks; a language ``None`` guesses, ``""`` forces none.

    The same values as one article at a time, their numpy work shared (``analyze_many``, :func:`masks_many`).
    """
    analyses = analyze_many([article.text for article in articles], list(languages))
    return [(analysis, lines, usable) for analysis, (lines, usable) in zip(analyses, masks_many(articles, analyses, config))]


def masks(article: Article, analysis, config: ScanConfig):
    """``(lines, usable)``: the article's candidate boilerplate lines (found once) and the words matching may use."""
    return masks_many([article], [analysis], config)[0]


def masks_many(articles: Sequence[Article], analyses: Sequence, config: ScanConfig) -> list[tuple[list, np.ndarray]]:
    """:func:`masks` of each article, the repetitions found for all at once (:func:`reuse.boilerplate.usable_words_many`)."""
    lines = [article_lines(article, analysis, config.boilerplate) for article, analysis in zip(articles, analyses)]
    usable = usable_words_many([article.text for article in articles], analyses, config.boilerplate, lines=lines)
    return list(zip(lines, usable))


def read_chunk(chunk: Sequence[tuple[Article, str | None]]) -> tuple[list[ArticleSketch], list[WordArrays]]:
    """Read each ``(article, language)`` (``None`` guesses the language from the article): what the scan keeps, and what alignment needs."""
    config: ScanConfig = _shared()["config"]
    chunk = [(article.in_memory(), language) for article, language in chunk]  # a stored text is read once
    analyses = analyze_many([article.text for article, _ in chunk], [language for _, language in chunk])
    read = [(analysis, lines, usable) for analysis, (lines, usable) in zip(analyses, masks_many([a for a, _ in chunk], analyses, config))]
    sketches = sketch_articles([(analysis, usable) for analysis, _, usable in read], config.sketch, config.candidates)
    trigrams = trigram_sets([analysis.words[usable] for analysis, _, usable in read])
    records = [
        ArticleSketch(
            language=analysis.language or "",
            short_unknown=language is None and needs_fallback(analysis),
            sketch=sketch,
            line_keys=line_keys(article.text, analysis, config.boilerplate, lines),
            stem_set=unique_sorted(analysis.stems[usable]),
            trigrams=runs,
        )
        for (article, language), (analysis, lines, usable), sketch, runs in zip(chunk, read, sketches, trigrams)
    ]
    return records, [WordArrays(analysis, usable, lines) for analysis, lines, usable in read]


@dataclass(frozen=True)
class ReadTask:
    """A chunk of the reading pass (:func:`read_and_store`).

    ``name`` is unique in the scan (the files written are named after it);
    ``indices`` are the articles' indices in the scan and ``items`` what
    :func:`read_chunk` reads of them; ``folder`` is the scan's temporary
    folder (``None`` for workers that do not share the scan's disk: the keys
    come back instead and the readings are not kept) and ``bands`` its band count.
    """

    name: str
    indices: Sequence[int]
    items: Sequence[tuple[Article, str | None]]
    folder: str | None
    bands: int


def read_and_store(task: ReadTask) -> tuple[list[ArticleSketch], list, tuple | None, tuple | None]:
    """:func:`read_chunk`, then the band keys of the final readings and every reading written here to the scan's folder.

    A reading is
    final unless the article was read without a language and is short with
    none of its own (the scan reads it again in the corpus's language).
    Returns the readings, without their three-word runs when written, and
    the final ones without their sketch; the band batches written
    (:meth:`reuse.candidates.BandTable.register` takes them); the readings'
    batch file for alignment (:meth:`reuse.stored.WordArrayTable.register`);
    and the runs' batch file (:meth:`reuse.runs.RunTable.register`);
    the last two ``None`` without a folder.
    """
    name, indices, folder, bands = task.name, task.indices, task.folder, task.bands
    records, arrays = read_chunk(task.items)
    if folder is None:
        return records, [], None, None
    stored = write_word_arrays(folder, name, arrays)
    runs = write_runs(folder, name, [r.trigrams for r in records])
    final = [k for k, r in enumerate(records) if not r.short_unknown]
    written = write_batch(folder, name, bands, [indices[k] for k in final], [records[k].sketch for k in final])
    for k, record in enumerate(records):
        records[k] = dataclasses.replace(record, trigrams=None, sketch=record.sketch if record.short_unknown else None)
    return records, written, stored, runs


@dataclass(frozen=True)
class AlignTask:
    """A chunk of alignment (:func:`align_chunk`): candidate pairs ``(i, j)`` and the articles they use.

    ``articles`` maps each index used to ``(article, language, place)``:
    ``place`` is where the reading pass stored the article's reading
    (:mod:`reuse.stored`); with ``None`` the article is analysed again, to
    the same values.
    """

    pairs: Sequence[tuple[int, int]]
    articles: dict[int, tuple[Article, str, Place | None]]


def align_chunk(task: AlignTask) -> list[Pair]:
    """Align the candidate pairs of ``task``; each article is prepared once for all its pairs."""
    pairs, articles = task.pairs, task.articles
    shared = _shared()
    config: ScanConfig = shared["config"]
    stored = [i for i, (_, _, place) in articles.items() if place is not None]
    try:
        arrays = dict(zip(stored, load_word_arrays([(articles[i][2], articles[i][1] or None) for i in stored])))
    except OSError:  # the scan's folder is gone or out of this worker's reach: analyse again, to the same values
        arrays = {}

    def readings(group: list[int]) -> list[tuple[Article, Any, Any]]:
        texts = {i: articles[i][0].in_memory() for i in group}
        read = {}
        for i in group:
            if i in arrays:
                stored_arrays = arrays.pop(i)
                read[i] = (stored_arrays.analysis, stored_arrays.lines, stored_arrays.usable)
        again = [i for i in group if i not in read]  # not stored: analysed again, together
        read.update(zip(again, _analyses([texts[i] for i in again], [articles[i][1] for i in again], config)))
        out = []
        for i in group:
            analysis, lines, usable = read[i]
            out.append((texts[i], mask_lines(texts[i].text, analysis, usable, shared["learned"], config.boilerplate, lines), analysis))
        return out

    # Every article of the chunk is in one of its pairs: all prepared at once (their numpy work together).
    views: dict[int, Any] = {}
    used = list(articles)
    for first in range(0, len(used), _PREPARED_AT_ONCE):
        group = used[first : first + _PREPARED_AT_ONCE]
        views.update(zip(group, prepare_many(readings(group), shared["df"])))

    found = []
    aligned = Aligner(config.align)
    for i, j in pairs:
        pair = aligned(views[i], views[j])
        if pair is not None:
            found.append(pair)
    return found


def provenance_chunk(chunk: tuple[Sequence[Article], list[Pair]]) -> list[Pair]:
    """The directions of the pairs of whole clusters, given the articles they join (see :func:`infer_directions`)."""
    articles, pairs = chunk
    return infer_directions([article.in_memory() for article in articles], pairs)


def _warm(config: ScanConfig) -> None:
    """Load here what every process loads on first use (datasketch's permutations, stopwords, stemmers).

    Workers forked afterwards start with it instead of each loading it
    again: about a second per worker and pool otherwise.
    """
    permutations(config.sketch.num_perm, config.sketch.seed)
    analyze("The minister said the plan was on track.")


def map_chunks(func: Callable[[Any], Any], chunks: Iterable[Any], jobs: int | Any, initargs: tuple = ()) -> Iterator[Any]:
    """``func`` of each chunk, in order, over ``jobs`` processes (``settings(*initargs)`` in each).

    ``initargs`` starts with the scan's config (workers load what it names
    before the first chunk), then what :func:`settings` takes after it;
    empty for work that shares nothing (loading: each chunk brings its own).

    ``jobs`` is a number of processes or a Dask ``distributed.Client`` (see
    :func:`workers`). With one job (or one chunk) everything runs in this
    process. Only a few chunks per worker are in flight at once, so the
    chunks still to send are never all held: a generator of chunks streams
    through.
    """
    if not isinstance(jobs, int):
        yield from _dask_map(jobs, func, chunks, initargs)
        return
    chunks = iter(chunks)
    head = list(itertools.islice(chunks, 2))
    todo = itertools.chain(head, chunks)
    if jobs <= 1 or len(head) < 2:
        shared = _shared()
        before = dict(shared)
        _setup(*initargs)
        try:
            for chunk in todo:
                yield func(chunk)
        finally:  # as it was: a map in this thread may be running round this one
            shared.clear()
            shared.update(before)
        return
    if initargs:
        _warm(initargs[0])
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(), initializer=_worker_setup, initargs=initargs)
    finished = False
    try:
        pending: deque = deque()
        for chunk in todo:
            pending.append(pool.submit(func, chunk))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            result = pending.popleft().result()
            finished = not pending  # the last result in: a caller may stop here (zip with a shorter plan) and close the map
            yield result
    except BrokenProcessPool as exc:
        raise WorkerError(
            "a worker process of the scan ended before finishing its part (killed, out of memory, or it could not start): "
            "nothing was written; run again, with fewer --jobs if memory is short"
        ) from exc
    finally:
        if finished:
            pool.shutdown(wait=True)  # every worker alive and idle: each takes its stop from the queue and ends
        else:
            _stop(pool)


def _worker_setup(*initargs: Any) -> None:
    """A pool worker's start: Ctrl-C is the scan's process's to handle, then :func:`_setup`.

    A terminal sends SIGINT to every process of the scan: a worker that
    died of it could hold the pool's queues, and the scan would wait for it
    forever; the scan's process stops the workers instead.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()  # a scan killed outright leaves no worker waiting on its queue
    _setup(*initargs)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers and shut it down when the map did not finish (an error, Ctrl-C, a map left early).

    A map that got every result (the scan zips its plan with the map, so
    it never asks past the last one) shuts its pool down gracefully
    instead: there, terminating the idle workers made the pool's manager
    thread clean up a broken pool, and on Python 3.10 its feeder thread
    closed the call queue's pipe as this function did ("Bad file
    descriptor" in QueueFeederThread, about one run in ten of
    tests/test_parallel.py at the lower bounds; once, a shutdown that
    never returned).

    Here a graceful shutdown, which hands each worker a stop through the
    pool's queue, could wait forever: a worker killed while it held the
    queue's lock (found by a test that SIGKILLs one) would leave the
    others, and the scan, waiting. Once an error or Ctrl-C ends the map,
    nothing the workers do matters, so they are terminated. With no worker
    left to read it, the queue's feeder thread can be stuck writing a chunk
    larger than the pipe holds (a chunk of in-memory texts is about 1 MB),
    and Python 3.10 then waits for it forever at shutdown (3.11 closes the
    pipe itself, gh-94777): this process's end of that pipe is closed
    first, before the workers end, and this process's end of the results
    pipe after (below). ``ProcessPoolExecutor`` has no public call for
    either; its internals are used where this Python has them.
    """
    calls = getattr(pool, "_call_queue", None)
    if calls is not None and sys.version_info < (3, 11):  # 3.11 closes it itself (closing it twice raises in its thread)
        # Before the workers end: once they have, the pool's own clean-up has the feeder thread close this same
        # pipe end, and two threads closing it at once fail ("Bad file descriptor" in QueueFeederThread).
        with contextlib.suppress(OSError, ValueError, AttributeError):
            calls.cancel_join_thread()
            calls._reader.close()
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.terminate()
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            process.join(timeout=5)
    # A worker ended while it wrote a large result (a chunk of index rows) leaves half a message in
    # the results pipe, and the pool's manager thread waits for the rest forever: this process's
    # own copy of the pipe's writing end is the last one open, and closing it gives the manager the
    # end of the file, which it takes for a broken pool (seen on Python 3.11 after Ctrl-C in an add).
    results = getattr(pool, "_result_queue", None)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        results._writer.close()
    pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def workers(jobs: int = 1, scheduler: str | None = None) -> Iterator[int | Any]:
    """What :func:`map_chunks` runs on: ``jobs`` local processes, or a Dask cluster.

    ``scheduler`` is the address of a running Dask scheduler
    (``tcp://host:8786``), or ``"local"`` to start a ``LocalCluster`` of
    ``jobs`` single-threaded worker processes for the duration. Dask is an
    optional extra (``pip install 'reuse[dask]'``); every worker must have
    ``reuse`` installed, the same version.
    """
    if scheduler is None:
        yield jobs
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("running on Dask needs the distributed package: pip install 'reuse[dask]'") from exc
    if scheduler == "local":
        import dask

        # Dask sets MALLOC_TRIM_THRESHOLD_=65536 in its workers so that they give freed memory back at once.
        # Setting it at all turns off glibc's sliding mmap threshold (mallopt(3)), so the arrays of hundreds
        # of KB a scan's chunks allocate and free are mapped and unmapped every time: reading took 13.2-14.5 s
        # instead of 11.3-11.6 s at 30,000 articles. None unsets it in Dask's settings; the workers inherit
        # this process's environment too, where an earlier cluster's nanny may have left it.
        # (The workers may start after the cluster object is made: both are undone only when it closes.)
        inherited = os.environ.pop("MALLOC_TRIM_THRESHOLD_", None)
        try:
            with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
                with LocalCluster(n_workers=jobs, threads_per_worker=1, dashboard_address=None, silence_logs=50) as cluster:
                    with Client(cluster) as client:
                        yield client
        finally:
            if inherited is not None:
                os.environ["MALLOC_TRIM_THRESHOLD_"] = inherited
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}; start it with `dask scheduler`") from exc
    with client:
        yield client


def shares_disk(engine: int | Any) -> bool:
    """Whether ``engine``'s workers see this machine's files: local processes, or Dask workers all on this host.

    Such workers write and read the scan's temporary band files themselves;
    others are sent the band keys and send them back.
    """
    if isinstance(engine, int):
        return True
    hosts = {urlparse(address).hostname for address in engine.scheduler_info()["workers"]}
    return bool(hosts) and hosts <= _this_host()


def _this_host() -> set[str]:
    """The names and addresses this machine answers to, as far as it knows them without asking a network."""
    names = {"127.0.0.1", "::1", "localhost", socket.gethostname()}
    try:
        names |= set(socket.gethostbyname_ex(socket.gethostname())[2])
    except OSError:
        pass
    return names


def _with_settings(func: Callable[[Any], Any], initargs: tuple, chunk: Any) -> Any:
    # Every task sets the shared values in its own thread and drops them after: a
    # Dask worker outlives the scan, and need not keep its frequencies.
    _setup(*initargs)
    try:
        return func(chunk)
    finally:
        _shared().clear()


def _dask_map(client: Any, func: Callable[[Any], Any], chunks: Iterable[Any], initargs: tuple) -> Iterator[Any]:
    """:func:`map_chunks` on a Dask cluster: the shared settings go to every worker once."""
    [shared] = client.scatter([initargs], broadcast=True, hash=False)
    in_flight = 2 * max(1, sum(client.nthreads().values()))
    pending: deque = deque()
    try:
        for chunk in chunks:
            pending.append(client.submit(_with_settings, func, shared, chunk, pure=False))
            if len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.cancel(list(pending) + [shared])
