"""What the index already holds of a batch's ids: the current versions, earlier versions, and other articles under them.

An article whose id the index holds is a new version of the stored one, or
the same content again, or an earlier version added again; a different
article under the same id (two days' folders laid out alike) is said in a
warning. Used by an add and by a check alike. Each add that stores
articles is timed (:func:`add_times`): its versions were published by then.
"""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..boilerplate import article_lines, line_keys, usable_words
from ..config import ScanConfig
from ..sites import outlet_key
from ..metadata_signals import page_address
from ..model import Article
from ..runs import shared_runs, trigram_set
from ..text import analyze, unique_sorted
from .features import article_from, content_digest, id_from_path, signed
from .stats import Counts, learned_lines
from .store import CurrentRow, current_rows, earlier_digests, stored_articles

__all__ = ["add_times", "other_articles", "seen_time", "versions_of"]


@dataclass(frozen=True)
class Versions:
    """What the index holds of a batch's ids (:func:`versions_of`).

    ``current`` maps ids to their current rows (:func:`~reuse.index.store.current_rows`),
    ``digests`` each article's :func:`content_digest`, ``differ`` lists the
    articles whose id the index holds with other content, and ``earlier``
    the ids among them whose content is that of an earlier version (an older
    folder added again): no update, so the current version stays, in an add
    and in a check alike.
    """

    current: dict[str, CurrentRow]
    digests: dict[str, bytes]
    differ: list[Article]
    earlier: set[str]

    def unchanged(self, article: Article) -> bool:
        """Whether the index holds ``article``'s id with this very content as its current version (re-adding it is a no-op)."""
        row = self.current.get(article.id)
        return row is not None and row.digest == self.digests[article.id]


def versions_of(conn: sqlite3.Connection, batch: Sequence[Article]) -> Versions:
    """What the index holds of the batch's ids (:class:`Versions`)."""
    current = current_rows(conn, [a.id for a in batch])
    digests = {a.id: content_digest(a) for a in batch}
    for a in batch:  # stored by an index whose digests held the file's path: the same content is its stored digest
        if a.id in current and current[a.id].digest != digests[a.id] and current[a.id].digest == content_digest(a, with_path=True):
            digests[a.id] = current[a.id].digest
    differ = [a for a in batch if a.id in current and current[a.id].digest != digests[a.id]]
    before = earlier_digests(conn, [a.id for a in differ])
    earlier = {a.id for a in differ if digests[a.id] in before.get(a.id, ()) or content_digest(a, with_path=True) in before.get(a.id, ())}
    return Versions(current, digests, differ, earlier)


_TAKEN_AS = "it is taken as its new version, which replaces it in matching"
#: Warnings of other articles under stored ids said one by one; past this, one warning counts them.
_SAID_ONE_BY_ONE = 3


def other_articles(
    conn: sqlite3.Connection, batch: Sequence[Article], current: dict, config: ScanConfig, taken_as: str = _TAKEN_AS
) -> list[str]:
    """Warnings for the articles of ``batch`` whose id the index holds for another article.

    Ids are paths relative to the folder added, so two days' folders laid out
    alike (``feeds/feed.jsonl#1``, ``story.txt``) give one id to two
    articles, and the later would silently replace the earlier as its new
    version. Another article is one of another outlet or page address
    (compared as the direction evidence compares them: ``www.``, a final
    ``/`` and tracking parameters aside), or one whose text shares little
    with the stored one's (a plain text file has
    only its file name for an outlet and no address; an update keeps most of
    the text), its site's template lines left out: a footer the index has
    seen in ``config.boilerplate.min_docs`` articles makes no two stories
    one. ``current`` maps ids to their current rows
    (:func:`~reuse.index.store.current_rows`); ``taken_as`` says what becomes
    of the stored one.
    """
    stored = {row[1]: article_from(row[1], row[4], row[5]) for row in stored_articles(conn, [current[a.id].rowid for a in batch])}
    found: list[tuple[str, str]] = []  # (id, how the two differ)
    alike = []  # (stored, new) of one outlet and address: their texts tell
    for article in batch:
        old = stored.get(article.id)
        if old is None:
            continue
        if outlet_key(old.outlet) != outlet_key(article.outlet) or _address(old.url) != _address(article.url):
            was = f"{old.outlet}" + (f", {old.url}" if old.url else "")
            now = f"{article.outlet}" + (f", {article.url}" if article.url else "")
            found.append((article.id, f"{was}; this one: {now}"))
        else:
            alike.append((old, article))
    words = _story_words(conn, [a for pair in alike for a in pair], config)
    found += [(new.id, "the two texts share little: no update of it") for n, (_, new) in enumerate(alike) if _unrelated(words[2 * n], words[2 * n + 1])]
    order = {a.id: n for n, a in enumerate(batch)}
    found.sort(key=lambda item: order[item[0]])
    given = {a.id for a in batch if not id_from_path(a, prefixed=True)}  # ids a record gave itself: a prefix leaves them
    fix = "give each batch's articles ids of their own (--id-prefix for ids from paths; records' own ids unique across batches)"
    if len(found) <= _SAID_ONE_BY_ONE:
        return [
            f"{article_id}: the index holds another article under this id ({how}); {taken_as}: "
            + ("give the records ids that stay unique across batches (a URL, a GUID): --id-prefix leaves a record's own id" if article_id in given
               else "give each batch's articles ids of their own (--id-prefix)")
            for article_id, how in found
        ]
    first = "; ".join(f"{article_id} ({how})" for article_id, how in found[:_SAID_ONE_BY_ONE])
    return [f"{len(found)} articles have an id the index holds for another article ({first}; ...); {taken_as}: {fix}"]


def _address(url: str | None) -> str | None:
    """A page's address as the direction evidence compares them, or as written when it is no URL with a scheme."""
    return page_address(url) or (url or None)


def _story_words(conn: sqlite3.Connection, articles: Sequence[Article], config: ScanConfig) -> list[np.ndarray]:
    """The words of each article that may match (as the scan keys them), the boilerplate lines the index has learned left out.

    The index's line counts are read in one query for them all.
    """
    analyses = [analyze(a.text) for a in articles]
    lines = [article_lines(a, analysis, config.boilerplate) for a, analysis in zip(articles, analyses)]
    keyed = [line_keys(a.text, analysis, config.boilerplate, found) for a, analysis, found in zip(articles, analyses, lines)]
    every = np.sort(signed(unique_sorted(np.concatenate(keyed)))) if keyed else np.zeros(0, dtype=np.int64)
    learned = learned_lines(conn, Counts(), every, config.boilerplate)
    return [
        analysis.words[usable_words(a.text, analysis, config.boilerplate, learned, found)]
        for a, analysis, found in zip(articles, analyses, lines)
    ]


def _unrelated(old: np.ndarray, new: np.ndarray) -> bool:
    """Whether two texts' words share under a fifth of the smaller one's word 3-grams: another story, not an update.

    >>> words = lambda text: analyze(text).words  # words as the scan keys them: a CJK character is a word of its own
    >>> _unrelated(words("The talks went on all night in the capital."), words("The talks went on all night in the capital, then ended."))
    False
    >>> _unrelated(words("The talks went on all night in the capital."), words("A storm closed every school in the north today."))
    True
    >>> _unrelated(words("東京で会談が夜通し続いた。"), words("東京で会談が夜通し続き、朝に終わった。")), _unrelated(words("東京で会談が夜通し続いた。"), words("北部の学校は嵐で休校した。"))
    (False, True)
    """
    a, b = trigram_set(old), trigram_set(new)
    smaller = min(len(a), len(b))
    return smaller >= 3 and shared_runs(a, b) < smaller * _UPDATE_KEEPS


#: An update keeps at least this share of the smaller text's word 3-grams (a rewritten lead, a paragraph added).
_UPDATE_KEEPS = 0.2


def add_times(conn: sqlite3.Connection) -> list[tuple[int, int, str]]:
    """``(first rowid, last rowid, time)`` of each timed add, in order; none for an index written before adds were timed."""
    try:
        return conn.execute("SELECT first, last, added FROM adds ORDER BY first").fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
        return []


def seen_time(times: Sequence[tuple[int, int, str]], rowid: int) -> str | None:
    """When the add that stored ``rowid`` ran (``times`` from :func:`add_times`), or ``None`` when no timed add stored it
    (an add before adds were timed, or by an older reuse since: the rowids between two timed adds).

    >>> times = [(1, 30, "2025-07-21T09:00:00Z"), (40, 45, "2025-07-22T09:00:00Z")]
    >>> seen_time(times, 30), seen_time(times, 35), seen_time(times, 41), seen_time(times, 46)
    ('2025-07-21T09:00:00Z', None, '2025-07-22T09:00:00Z', None)
    """
    k = bisect.bisect_right(times, (rowid, float("inf"), "")) - 1
    return times[k][2] if k >= 0 and rowid <= times[k][1] else None
