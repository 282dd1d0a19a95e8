"""The persistent index for batch checking: add articles once, check new batches against them.

    load_batch                     a folder -> its articles, ids prefixed
    add_articles / add_folder      articles -> the SQLite index (one transaction per batch)
    check_articles / check         a new batch -> ScanResult against the index and itself
    remove_articles                ids -> gone, every version
    ensure_writable                refuse an add or remove this user cannot write, before any work
    index_info                     counts, size on disk, settings
    list_articles                  the ids, versions and metadata it holds

The file is plain SQLite (``store.py`` describes the tables). ``check`` gives
the pairs and passages of ``reuse scan`` over the index and the batch
together: the scan's corpus-wide statistics (boilerplate lines, document
frequencies, banal buckets) are kept as counts (``stats.py``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path

from ..config import ScanConfig
from ..errors import ConfigError, IndexDamaged
from ..records import ID_CONTROL
from ..load import LoadResult, load_articles
from ..model import Article, ScanResult, Skipped
from ..progress import Timer
from .checker import Snapshot, check_again, check_articles
from .features import id_from_path
from .failures import ensure_writable, reported_damage
from .listing import IndexListing, StoredArticle, list_articles
from .store import as_built, connect, index_config, lock_free_warnings, meta
from .writer import AddResult, Commit, RemoveResult, add_articles, remove_articles

__all__ = [
    "AddResult",
    "FolderAdd",
    "Commit",
    "IndexInfo",
    "IndexListing",
    "RemoveResult",
    "Snapshot",
    "StoredArticle",
    "add_articles",
    "add_folder",
    "as_index",
    "built_with",
    "check",
    "check_again",
    "check_articles",
    "ensure_writable",
    "index_info",
    "list_articles",
    "load_batch",
    "prefixed",
    "remove_articles",
]


@dataclass(frozen=True)
class FolderAdd:
    """``add_folder``'s result: what was added, and the files that could not be read."""

    result: AddResult
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]
    #: Seconds per stage: loading the folder, then those of :attr:`AddResult.timings`.
    timings: tuple[tuple[str, float], ...] = ()


def load_batch(folder: str | PathLike, config: ScanConfig | None = None, *, jobs: int = 1, progress=None, id_prefix: str = "") -> LoadResult:
    """The articles under ``folder``, ids as ``reuse scan`` gives them, those from paths after ``id_prefix`` (:func:`prefixed`).

    What :func:`add_folder` and :func:`check` read; loaded once, a batch
    can be checked and then added. ``id_prefix`` is checked before any file
    is read. HTML pages are loaded in ``jobs`` processes.
    """
    check_id_prefix(id_prefix)
    loaded = load_articles(folder, (config or ScanConfig()).load, progress=progress, jobs=jobs)
    return replace(loaded, articles=prefixed(loaded.articles, id_prefix))


def add_folder(
    folder: str | PathLike, index: str | PathLike, config: ScanConfig | None = None, *, jobs: int = 1, progress=None, id_prefix: str = "",
    done: Commit | None = None,
) -> FolderAdd:
    """Load the articles under ``folder`` (:func:`load_batch`) and add them, reading in ``jobs`` processes (``done`` as :func:`add_articles` takes it)."""
    ensure_writable(index)  # before the folder is read (the add checks again as it begins)
    timer = Timer()
    with timer.stage("load"):
        loaded = load_batch(folder, config, jobs=jobs, progress=progress, id_prefix=id_prefix)
    if not loaded.articles:  # nothing could be read: no index is made for it, and an existing one is not touched
        return FolderAdd(AddResult((), (), ()), loaded.skipped, loaded.warnings, tuple(timer.timings))
    result = add_articles(index, loaded.articles, config, jobs=jobs, progress=progress, done=done)
    return FolderAdd(result, loaded.skipped, (*loaded.warnings, *result.warnings), (*timer.timings, *result.timings))


def check_id_prefix(id_prefix: str) -> None:
    """Raise :class:`~reuse.errors.ConfigError` when ``id_prefix`` cannot begin an id (it holds control characters)."""
    if ID_CONTROL.search(id_prefix):
        raise ConfigError(f"--id-prefix {id_prefix!r} holds control characters, which an id cannot: use letters, digits, '-' or '/'")


def prefixed(articles: Sequence[Article], id_prefix: str) -> tuple[Article, ...]:
    """``articles`` with ``id_prefix`` put before each id taken from a path (a batch's date, say, so that files
    named alike in two batches are two articles, not two versions of one).

    An id a JSON record gives itself names the article wherever it comes
    from (a feed's item repeated the next day is the same article), and is
    left as it is.

    >>> [a.id for a in prefixed([Article("a.txt", "x", "o", path="a.txt"), Article("f.jsonl#2", "x", "o", path="f.jsonl"),
    ...                         Article("https://ex.com/1", "x", "o", path="f.jsonl")], "day2/")]
    ['day2/a.txt', 'day2/f.jsonl#2', 'https://ex.com/1']
    """
    if not id_prefix:
        return tuple(articles)
    check_id_prefix(id_prefix)
    return tuple(replace(a, id=id_prefix + a.id) if id_from_path(a) else a for a in articles)


def check(
    folder: str | PathLike,
    index: str | PathLike,
    config: ScanConfig | None = None,
    *,
    add: bool = False,
    jobs: int = 1,
    progress=None,
    id_prefix: str = "",
) -> ScanResult:
    """Check the articles under ``folder`` against the index; with ``add``, add them afterwards.

    In each pair of the result ``a`` is an article of ``folder`` and ``b``
    the article it shares text with: a stored one or another of ``folder``.
    ``jobs``: processes to load (HTML pages), read the new articles, align and infer directions in (the result is the same).
    ``config``: the index's own settings when ``None`` (see :func:`check_articles`).
    ``id_prefix`` goes before the ids of ``folder`` taken from paths (:func:`prefixed`, as in :func:`add_folder`).

    With ``add``, as ``reuse check --add`` does: when another run added
    articles between the check and the add, the batch is checked again,
    whole, and that check is returned (:func:`check_again`): neither run
    compared them with the batch, and no later check pairs two stored
    articles. (The command runs these steps itself, to write its report
    before the add: a report that cannot be written leaves the index as it was.)
    """
    if add:
        ensure_writable(index, create=False)  # before the folder is read, as a check only reads the index (and needs one)
    loaded = load_batch(folder, config, jobs=jobs, progress=progress, id_prefix=id_prefix)
    snapshot = Snapshot()
    result = check_articles(
        index, loaded.articles, config, skipped=loaded.skipped, warnings=loaded.warnings, jobs=jobs, progress=progress, state=snapshot
    )
    if add:
        added = add_articles(index, loaded.articles, config and as_index(config, index), jobs=jobs, progress=progress, since=snapshot.state)
        if added.meanwhile:
            again, _ = check_again(index, loaded.articles, added.meanwhile, config, jobs=jobs)
            result = replace(again, skipped=result.skipped, warnings=result.warnings)  # this run added the batch: no "in the index already"
    return result


def built_with(index: str | PathLike) -> ScanConfig:
    """The settings the index at ``index`` was built with.

    Raises :class:`~reuse.errors.IndexFileError` when ``index`` is no reuse index (or one this version cannot read).
    """
    with reported_damage(index) as reading:
        conn = reading.opened(connect(index, None, create=False, read_only=True))
        try:
            return index_config(conn)
        finally:
            conn.close()


def as_index(config: ScanConfig, index: str | PathLike) -> ScanConfig:
    """``config`` with the index's own values of the settings only a check applies (``max_bucket``): what adding to it takes.

    Raises :class:`~reuse.errors.IndexFileError` when ``index`` is no reuse index.
    """
    with reported_damage(index) as reading:
        conn = reading.opened(connect(index, None, create=False, read_only=True))
        try:
            return as_built(config, json.loads(meta(conn)["settings"]))
        finally:
            conn.close()


@dataclass(frozen=True)
class IndexInfo:
    """What an index holds."""

    path: str
    articles: int  # current versions
    versions: int  # every version stored
    postings: int
    stems: int
    lines: int
    bytes: int  # the file and its write-ahead log
    fingerprint: str
    scheme: str
    num_perm: int
    seed: int
    settings: str  # JSON
    #: What to say of the read: the index read without locks (``store.lock_free_warnings``).
    warnings: tuple[str, ...] = ()

    @property
    def bytes_per_article(self) -> float:
        return self.bytes / self.articles if self.articles else 0.0


def index_info(index: str | PathLike, config: ScanConfig | None = None) -> IndexInfo:
    """Counts, size on disk and settings of the index at ``index`` (``config``: its own by default)."""
    with reported_damage(index) as reading:
        conn = reading.opened(connect(index, config, create=False, read_only=True))
        try:
            warnings = lock_free_warnings(conn, index)
            conn.execute("BEGIN")
            stored = meta(conn)
            (articles,), (versions,) = (conn.execute(q).fetchone() for q in (
                "SELECT count(*) FROM articles WHERE current = 1", "SELECT count(*) FROM articles"))
            stems, lines = (conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("stems", "lines"))
            conn.execute("ROLLBACK")
        finally:
            conn.close()
        path = Path(index)
        size = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
        try:
            return IndexInfo(
                path=str(path),
                articles=articles,
                versions=versions,
                postings=int(stored["postings"]),
                stems=stems,
                lines=lines,
                bytes=size,
                fingerprint=stored["fingerprint"],
                scheme=stored["scheme"],
                num_perm=int(stored["num_perm"]),
                seed=int(stored["seed"]),
                settings=stored["settings"],
                warnings=warnings,
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise IndexDamaged(f"its counts and settings cannot be read: {type(exc).__name__}: {exc}") from exc
