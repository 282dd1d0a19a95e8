"""What articles an index holds: ids, versions and metadata, without reading their texts.

``reuse index remove`` takes ids; a team asks first which ids a batch gave
(``--id-prefix``), whether an article was added, and which version is
current. Each stored body is one zlib stream whose first line is the
metadata (``codec.compress_body``): only that line is inflated, so listing
100,000 articles reads no text.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from os import PathLike

from ..errors import IndexDamaged
from .failures import reported_damage
from .store import connect, dictionary, lock_free_warnings

__all__ = ["IndexListing", "StoredArticle", "list_articles"]

#: Bytes inflated at a time while looking for the end of the metadata line.
_CHUNK = 512


@dataclass(frozen=True)
class StoredArticle:
    """One article of an index: its current version and how many are stored."""

    id: str
    version: int  # the current one, from 1
    versions: int  # stored, the current one included
    outlet: str | None
    title: str | None
    url: str | None
    published: str | None

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("id", "version", "versions", "outlet", "title", "url", "published")}


@dataclass(frozen=True)
class IndexListing:
    """The current articles of an index by id, as :func:`list_articles` found it, and what to say of the read.

    Iterating it (or its ``articles``) reads the articles afresh, one at a
    time, in one transaction: listing a large index holds one article at a
    time (``reuse index list | head`` prints at once), and each iteration
    sees an add committing meanwhile whole or not at all, but by a read
    without locks (an index this user cannot write, ``access.py``), which
    ``warnings`` say. The index is open only while an iteration runs.
    """

    index: str | PathLike
    #: Shell-style patterns an id must match one of (``*`` crossing ``/``); none: every article.
    patterns: tuple[str, ...] = ()
    #: The index read without locks, as this user cannot write it (``store.lock_free_warnings``), or nothing.
    warnings: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[StoredArticle]:
        return _read(self.index, self.patterns)

    @property
    def articles(self) -> Iterator[StoredArticle]:
        """The articles, read as they are iterated (each call reads them afresh)."""
        return iter(self)


def list_articles(index: str | PathLike, patterns: Sequence[str] = ()) -> IndexListing:
    """The current articles of the index at ``index``, by id; only those whose id matches one of
    ``patterns`` (shell-style, ``*`` crossing ``/``: ``2025-07-25/*``) when any are given.

    The index is opened and closed here, to say at once that it is none,
    and how it can be read (the listing's ``warnings``); the articles are
    read as the :class:`IndexListing` is iterated.

    Raises
    ------
    reuse.errors.IndexFileError
        When ``index`` is no reuse index (at the call), or, as the listing
        is iterated, when a stored article's metadata cannot be read back
        (the index is damaged).
    """
    if isinstance(patterns, (str, bytes)):  # its characters would be taken for patterns, and a '*' among them lists every article
        raise TypeError(f"list_articles takes a list of patterns, not one {type(patterns).__name__}: list_articles(index, [{patterns!r}]).")
    with reported_damage(index) as reading:
        conn = reading.opened(connect(index, None, create=False, read_only=True))
        try:
            warnings = tuple(lock_free_warnings(conn, index))
        finally:
            conn.close()
    return IndexListing(index, tuple(patterns), warnings)


def _read(index: str | PathLike, patterns: tuple[str, ...]) -> Iterator[StoredArticle]:
    """The current articles, one row at a time, in one transaction; the index is opened at the first article."""
    with reported_damage(index) as reading:
        conn = reading.opened(connect(index, None, create=False, read_only=True))
        try:
            conn.execute("BEGIN")
            words = dictionary(conn)
            rows = conn.execute(
                "SELECT a.id, a.version, (SELECT count(*) FROM articles v WHERE v.id = a.id), a.body "
                "FROM articles a WHERE a.current = 1 ORDER BY a.id"
            )
            for article_id, version, versions, body in rows:
                if patterns and not any(fnmatchcase(article_id, p) for p in patterns):
                    continue
                fields = _metadata(article_id, bytes(body), words)
                yield StoredArticle(
                    id=article_id, version=version, versions=versions, **{k: fields.get(k) for k in ("outlet", "title", "url", "published")}
                )
            conn.execute("ROLLBACK")
        finally:
            conn.close()


def _metadata(article_id: str, body: bytes, words: bytes) -> dict:
    """The metadata line of a stored body, inflating no more of it than that line takes."""
    unpacker = zlib.decompressobj(15, words) if words else zlib.decompressobj(15)
    try:
        head = unpacker.decompress(body, _CHUNK)
        while b"\n" not in head and unpacker.unconsumed_tail:
            head += unpacker.decompress(unpacker.unconsumed_tail, _CHUNK)
        line, newline, _ = head.partition(b"\n")
        if not newline:
            raise ValueError("no metadata line")
        fields = json.loads(line.decode("utf-8", "surrogatepass"))
        if not isinstance(fields, dict):
            raise ValueError("the metadata is not an object")
    except (zlib.error, ValueError) as exc:  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise IndexDamaged(f"the stored article {article_id!r} cannot be read back: {exc}") from exc
    return fields
