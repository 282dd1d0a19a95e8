"""Loading: a folder (or one file) -> :class:`~reuse.model.Article` objects.

Reads ``.txt``, ``.md``, ``.html``/``.htm``, ``.json`` and ``.jsonl`` files in
sorted order, so results never depend on the file system. This module walks
the folder and gathers; :mod:`reuse.formats` reads each file (decoding,
cleaning, HTML extraction, metadata). HTML pages are read in chunks over the
scan's workers (:func:`reuse.parallel.map_chunks`; each worker is sent paths,
never bytes) while this process reads the cheaper formats, and everything is
gathered here in the walk's order, so any number of jobs gives the same
articles, ids, skipped entries and warnings. Making ids unique is a
whole-corpus step, done here after gathering. With a
:class:`~reuse.textstore.TextStore` (as :func:`reuse.scan` passes), each
text goes to disk as soon as its file is read.

Anything a folder can hold is met with a reason rather than an exception:
binary files, symbolic-link loops, pipes and devices, unreadable files and
folders, file names that are not UTF-8. In one process, 10,000 plain UTF-8
files take about 0.3 CPU seconds (``scripts/bench_load.py``); an HTML page
takes milliseconds (trafilatura; about 2 ms for a simple generated page, more
for a real one), which is what the workers are for.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import formats, parallel
from .config import LoadConfig
from .errors import InputError
from .fields import META_KEYS
from .formats import KINDS, SUPPORTED, FileRead, shown_name, suffix_of, read_file
from .model import Article, Skipped
from .progress import ProgressCallback
from .words import plural
from .textstore import TextStore

__all__ = ["ArticleFiles", "LoadResult", "find_article_files", "load_articles", "load_file", "read_article_files"]

#: At most this many files, and about this many bytes (each file counted up to ``max_bytes``), in one chunk of reading.
LOAD_CHUNK = 100
LOAD_CHUNK_BYTES = 8 << 20
#: The formats read in the workers. Extracting an HTML page's main text takes milliseconds, far more than
#: its result costs to send back. A plain file is decoded in about 30 microseconds, less than its text
#: costs this process to receive: 10,000 .txt files read here take about 0.3 CPU seconds, read in two
#: workers 0.35-0.45 CPU seconds of this process (stat, pipe, unpickling), so they are read here.
WORKER_KINDS = frozenset({"html"})


@dataclass(frozen=True)
class LoadResult:
    """What loading found.

    Attributes
    ----------
    articles : tuple of Article
        Sorted by id; ids are unique.
    skipped : tuple of Skipped
        Files and records not used, each with the reason, in reading order.
    warnings : tuple of str
        Non-fatal problems (truncated file, bad date, duplicate id), each naming the file (and the record, in JSON).
    """

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class ArticleFiles:
    """What the walk found, in reading order (sorted by relative path).

    Attributes
    ----------
    entries : tuple
        Each an article file to read as ``(relative path as shown, path)``,
        or a :class:`~reuse.model.Skipped` for a folder that cannot be read.
    ignored : tuple
        The relative paths of the folder's other files, of kinds not read
        (``.php``, ``.xml``, no extension): said in one warning.
    """

    entries: tuple[tuple[str, str] | Skipped, ...]
    ignored: tuple[str, ...] = ()


def load_articles(
    path: str | os.PathLike[str],
    config: LoadConfig | None = None,
    *,
    progress: ProgressCallback | None = None,
    jobs: int | Any = 1,
) -> LoadResult:
    """Read every article file under a folder (recursively), or one article file.

    Parameters
    ----------
    path : str or path-like
        A folder (hidden entries are ignored, symlinked folders not followed)
        or a single ``.txt``, ``.md``, ``.html``, ``.json`` or ``.jsonl`` file.
    config : LoadConfig, optional
        Reading limits; defaults to ``LoadConfig()``.
    progress : callable, optional
        Called as ``progress("load", done, total)`` as files are read.
    jobs : int or Dask client, optional
        Processes to read the files in, or what :func:`reuse.parallel.workers`
        gives; the result is the same for any. Default 1: this process.

    Returns
    -------
    LoadResult
        Articles sorted by id, what was skipped and why, and warnings. A
        folder whose every file was skipped is not an error.

    Raises
    ------
    InputError
        The path is missing or not an article file, or the folder holds none.
    """
    return read_article_files(find_article_files(path), config, progress=progress, jobs=jobs)


def find_article_files(path: str | os.PathLike[str]) -> ArticleFiles:
    """The article files that :func:`load_articles` reads under ``path`` (the walk alone, no file opened).

    Raises
    ------
    InputError
        As :func:`load_articles`.
    """
    ignored: list[str] = []
    entries = _inputs(Path(path), os.fspath(path), ignored)
    return ArticleFiles(tuple(entries), tuple(sorted(ignored)))


def read_article_files(
    files: ArticleFiles,
    config: LoadConfig | None = None,
    *,
    progress: ProgressCallback | None = None,
    jobs: int | Any = 1,
    store: TextStore | None = None,
) -> LoadResult:
    """Read the files :func:`find_article_files` found; see :func:`load_articles`.

    The formats in ``WORKER_KINDS`` (HTML) are read in chunks over ``jobs``
    while this process reads the others; everything is gathered in the
    walk's order. Dask workers that do not share this machine's disk cannot
    open the files: then all are read here. With a ``store``, each text goes
    to it as soon as its file is read, and the articles keep only where it
    is (:mod:`reuse.textstore`): loading holds no more than a few chunks of texts.
    """
    config = config or LoadConfig()
    entries = files.entries
    html = [e[0] for e in entries if isinstance(e, tuple) and KINDS.get(suffix_of(e[0])) == "html"]
    if not parallel.shares_disk(jobs):
        jobs = 1
    sent = [e for e in entries if isinstance(e, tuple) and KINDS.get(suffix_of(e[0])) in WORKER_KINDS]
    if html:
        formats.trafilatura_module()  # imported once here, before workers are forked: they start with it
    loaded: list[_Loaded] = []
    skipped: list[Skipped] = []
    warnings: list[str] = []
    if progress:
        progress("load", 0, len(entries))
    with closing(parallel.map_chunks(_read_chunk, _chunks(sent, config, jobs), jobs)) as chunks:
        read = itertools.chain.from_iterable(chunks)
        for done, entry in enumerate(entries, 1):
            if isinstance(entry, Skipped):
                found = FileRead((), (entry,), (), ())
            elif KINDS.get(suffix_of(entry[0])) in WORKER_KINDS:
                found = next(read)
            else:
                found = formats.read_file(entry[1], entry[0], config)
            for article, place in zip(found.articles, found.places):
                loaded.append(_Loaded(article.with_text(store.put(article.text)) if store is not None else article, done, place))
            skipped += found.skipped
            warnings += found.warnings
            if progress:
                progress("load", done, len(entries))
    if html and formats.trafilatura_module()[0] is None:
        others = f" and {len(html) - 1} other HTML files" if len(html) > 1 else ""
        warnings.append(
            f"{html[0]}{others}: main text taken by a simple built-in extractor because trafilatura "
            f"cannot be imported ({formats.trafilatura_module()[1]}); repair that install for better extraction"
        )
    if files.ignored:
        warnings.append(_ignored_warning(files.ignored))
    if store is not None:
        store.flush()
    articles = _unique_ids(loaded, warnings)
    return LoadResult(tuple(sorted(articles, key=lambda a: a.id)), tuple(skipped), tuple(warnings))


def load_file(
    path: str | os.PathLike[str], root: str | os.PathLike[str], config: LoadConfig | None = None
) -> tuple[list[Article], list[Skipped], list[str]]:
    """Read one file into articles, as :func:`load_articles` reads each of a folder's (which it does in chunks, over workers).

    Parameters
    ----------
    path, root : str or path-like
        The file, and the folder that ids and messages are relative to.
    config : LoadConfig, optional
        Reading limits; defaults to ``LoadConfig()``.

    Returns
    -------
    articles, skipped, warnings : list
        Never raises for a bad file. Ids are not made unique across files
        here; :func:`load_articles` does that.
    """
    found = read_file(os.fspath(path), _rel(Path(path), Path(root)), config or LoadConfig())
    articles, skipped, warnings = list(found.articles), list(found.skipped), list(found.warnings)
    return articles, skipped, warnings


def _read_chunk(task: tuple[LoadConfig, list[tuple[str, str]]]) -> list[FileRead]:
    """What :func:`reuse.formats.read_file` finds in each ``(relative path, path)`` of a chunk, in order."""
    config, files = task
    return [formats.read_file(path, rel, config) for rel, path in files]


def _chunks(paths: list[tuple[str, str]], config: LoadConfig, jobs: int | Any) -> Iterator[tuple[LoadConfig, list[tuple[str, str]]]]:
    """The files in chunks of at most ``LOAD_CHUNK`` files and about ``LOAD_CHUNK_BYTES``, for :func:`_read_chunk`.

    Sizes are looked up only when the chunks go to workers. Dask workers
    get absolute paths, since their working folder may not be this one.
    """
    if isinstance(jobs, int) and jobs <= 1:
        for first in range(0, len(paths), LOAD_CHUNK):
            yield config, paths[first : first + LOAD_CHUNK]
        return
    here = os.getcwd() if not isinstance(jobs, int) else ""
    chunk: list[tuple[str, str]] = []
    size = 0
    for rel, path in paths:
        try:
            weight = min(os.stat(path).st_size, config.max_bytes)
        except OSError:  # the reader reports it
            weight = 0
        if chunk and (len(chunk) == LOAD_CHUNK or size + weight > LOAD_CHUNK_BYTES):
            yield config, chunk
            chunk, size = [], 0
        chunk.append((rel, os.path.join(here, path)))
        size += weight
    if chunk:
        yield config, chunk


#: Files no one takes for articles (a saved page's images, styles, scripts, fonts, media): not counted as ignored.
_ASSETS = frozenset(".css .js .mjs .map .png .jpg .jpeg .gif .svg .webp .ico .bmp .tif .tiff .woff .woff2 .ttf .otf .eot "
                    ".mp3 .mp4 .webm .wav .ogg .mov".split())


def _ignored_warning(names: Sequence[str]) -> str:
    """One warning for the files a folder holds of kinds not read, by kind.

    >>> print(_ignored_warning(["a/rates.php", "b.php", "notes", "wire.ndjson"]))
    4 files not read, of kinds reuse does not read (.php: 2, .ndjson: 1, no extension: 1; e.g. a/rates.php): it reads .txt, .md, .html, .json or .jsonl files; convert or rename those that hold articles
    """
    kinds = Counter(suffix_of(name.rsplit("/", 1)[-1]) or "no extension" for name in names)
    counted = ", ".join(f"{kind}: {n}" for kind, n in sorted(kinds.items(), key=lambda item: (-item[1], item[0] == "no extension", item[0])))
    return (
        f"{plural(len(names), 'file')} not read, of kinds reuse does not read ({counted}; e.g. {names[0]}): "
        f"it reads {SUPPORTED} files; convert or rename those that hold articles"
    )


def _inputs(path: Path, shown: str, ignored: list[str]) -> list[tuple[str, str] | Skipped]:
    if path.is_dir():
        if entries := _walk(path, ignored):
            return entries
        raise InputError(f"No articles found in '{shown}': put {SUPPORTED} files there (sub-folders are read too).")
    if path.is_file():
        if path.suffix.lower() not in KINDS:
            raise InputError(f"'{shown}' is not an article file: give a {SUPPORTED} file, or a folder of them.")
        return [(shown_name(path.name), os.fspath(path))]
    problem = "is neither a folder nor a file" if path.exists() else "does not exist"
    raise InputError(f"'{shown}' {problem}: give a folder of articles or a single {SUPPORTED} file.")


def _walk(root: Path, ignored: list[str]) -> list[tuple[str, str] | Skipped]:
    """Article files under ``root`` as (relative path, path), sorted by relative path; unreadable folders as Skipped.

    The relative paths of other files (not hidden) go to ``ignored``.
    """
    found: list[tuple[str, str] | Skipped] = []
    links: list[tuple[str, str]] = []  # symbolic links to article files, as (relative path, path)
    stack = [(os.fspath(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = [e for e in scan if not e.name.startswith(".")]
        except OSError as err:
            found.append(Skipped(shown_name(prefix or "./"), f"cannot read the folder ({err.strerror or err})"))
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, prefix + entry.name + "/"))
            elif _links_to_folder(entry):  # not followed (a link back up would loop): said, not lost
                found.append(Skipped(shown_name(prefix + entry.name + "/"), "a symbolic link to a folder: not followed (scan the folder it leads to on its own)"))
            # read_file reports broken links, loops, pipes and devices.
            elif suffix_of(entry.name) in KINDS:
                (links if entry.is_symlink() else found).append((shown_name(prefix + entry.name), entry.path))
            elif suffix_of(entry.name) not in _ASSETS and not prefix.endswith("_files/"):  # a saved page's images and scripts
                ignored.append(shown_name(prefix + entry.name))
    found += _links_to_read(links, found)
    # Two names that differ only in bytes that are not UTF-8 show alike: their bytes break the tie, not the folder's order.
    return sorted(found, key=lambda e: (e.path, b"") if isinstance(e, Skipped) else (e[0], os.fsencode(e[1])))


def _links_to_read(links: list[tuple[str, str]], files: list) -> list[tuple[str, str] | Skipped]:
    """The symbolic links to article files to read: not those to a file read under its own name, said as skipped.

    Read twice, a file made a whole verbatim pair with itself and doubled its
    pairs with every copy of it. A link to a file outside the folder is read;
    broken links and loops are read too, and the reading says what is wrong.
    """
    if not links:
        return []
    own = {key: entry[0] for entry in files if not isinstance(entry, Skipped) and (key := _file_key(entry[1])) is not None}
    by_target: dict[tuple[int, int], str] = {}
    kept: list[tuple[str, str] | Skipped] = []
    for shown, path in sorted(links):
        target = _file_key(path)
        if target is None:
            kept.append((shown, path))  # broken or a loop: reading it says why
        elif target in own:
            kept.append(Skipped(shown, f"a symbolic link to {own[target]}, which is read: not read twice"))
        elif target in by_target:
            kept.append(Skipped(shown, f"a symbolic link to the file {by_target[target]} leads to, read as {by_target[target]}: not read twice"))
        else:
            by_target[target] = shown
            kept.append((shown, path))
    return kept


def _file_key(path: str) -> tuple[int, int] | None:
    """The file ``path`` names, links followed, as ``(device, inode)``; ``None`` when it cannot be reached.

    One ``stat`` a file, where resolving each path walked its every folder (a tenth of a second per 5,000 files).
    """
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def _links_to_folder(entry: os.DirEntry) -> bool:
    """Whether ``entry`` is a symbolic link to a folder (a loop or a broken link is not: reading it says why)."""
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:
        return False


def _rel(path: Path, root: Path) -> str:
    return shown_name(Path(os.path.relpath(path, root)).as_posix())


@dataclass(frozen=True)
class _Loaded:
    """An article read, its file (by its place in the walk: two names can show alike), and where in it it was read."""

    article: Article
    file: int
    #: As warnings name it: the file, or its record (``feed.jsonl:12``, ``list.json#3``).
    place: str


def _unique_ids(loaded: list[_Loaded], warnings: list[str]) -> list[Article]:
    """Keep the first of each id; later ones get ``#2``, ``#3``... and a warning naming both places.

    A later article that repeats an earlier one of its id exactly (text and
    metadata: a feed saved twice, a record repeated) is that article read
    again: it is dropped, and one warning counts such repeats. Kept under
    ids of their own, the copies were identical articles that each paired
    with all the others, and their directions turned to abstentions.
    """
    taken = {item.article.id for item in loaded}
    first: dict[str, tuple[Article, str, int]] = {}  # an id's first article, where it was read, its file
    # The content of every article kept under an id that more than one article has, and where it was read: the texts of
    # ids read once are never read again here (a scan keeps them on disk).
    contents: dict[str, dict[tuple, str]] = {}
    tried: dict[str, int] = {}  # the last number tried for an id: thousands of records of one id stay linear
    repeats: list[tuple[str, str]] = []  # (where a repeat was read, where the article it repeats was)
    unique = []
    for item in loaded:
        art, source, place = item.article, item.file, item.place
        if art.id in first:
            first_kept, where, file = first[art.id]
            if art.id not in contents:
                contents[art.id] = {_content(first_kept): where}
            seen = contents[art.id]
            if (content := _content(art)) in seen:
                repeats.append((place, seen[content]))
                continue
            seen[content] = place
            new_id = next(f"{art.id}#{n}" for n in itertools.count(tried.get(art.id, 1) + 1) if f"{art.id}#{n}" not in taken)
            tried[art.id] = int(new_id.rsplit("#", 1)[1])
            taken.add(new_id)
            if first_kept.path == art.path and file != source:  # two files whose names differ only in bytes that are not UTF-8, shown alike
                where = "another file whose name shows the same (its name holds bytes that are not UTF-8: rename one)"
            warnings.append(
                f"{place}: id '{art.id}' is already used by {where}; renamed '{new_id}' "
                "(give every article its own id)"
            )
            art = art.renamed(new_id)
        first.setdefault(art.id, (art, place, source))
        unique.append(art)
    if repeats:
        (place, where), more = repeats[0], len(repeats) - 1
        others = f", and {plural(more, 'other')}" if more else ""
        warnings.append(
            f"{plural(len(repeats), 'article')} {'repeats' if len(repeats) == 1 else 'repeat'} an earlier one exactly, its id, "
            f"text and metadata ({place} repeats {where}{others}): each is read once (remove the copies; if they are two "
            "outlets' articles, give each its outlet)"
        )
    return unique


def _content(article: Article) -> tuple:
    """What makes an article the same one read again: its text and metadata (not where it was read)."""
    return (*(getattr(article, f) for f in META_KEYS), hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).digest())
