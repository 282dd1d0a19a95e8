"""An article from its text and what its file says of it: outlet, title, times checked, and what a reader finds.

Shared by the readers of every format (:mod:`reuse.formats` for text,
Markdown and HTML, :mod:`reuse.records` for JSON records): the outlet falls
back to the URL's domain, then the file's name; a publication or change
time must be ISO 8601 and not in the future, else it is left unknown with
a warning naming where it was read.
"""

from __future__ import annotations

import datetime as dt
import re

from .model import Article, Skipped, file_outlet
from .timeforms import extended_time
from .times import parse_time
from .webpage import domain

__all__ = ["Found", "HAS_WORD", "ISO_EXAMPLE", "META_KEYS", "NO_WORDS", "iso_date", "make_article"]

#: What a reader finds: each article with where it was read (as :func:`reuse.formats.read_file` says), and what was skipped.
Found = tuple[list[tuple[Article, str]], list[Skipped]]
META_KEYS = ("title", "outlet", "url", "published", "canonical", "byline", "modified")
HAS_WORD = re.compile(r"[^\W_]")  # a letter or a digit: without one, nothing a scan could match
NO_WORDS = "no words: only spaces, punctuation or invisible characters"
ISO_EXAMPLE = "like 2025-05-27 or 2025-05-27T09:30:00Z"


def iso_date(value: str) -> str | None:
    """The stripped value when it is an ISO 8601 date or date-time, else None.

    >>> iso_date(" 2025-05-27T09:30:00Z "), iso_date("27 May 2025")
    ('2025-05-27T09:30:00Z', None)
    """
    value = value.strip()
    return value if parse_time(value) is not None else None  # what the direction evidence will read


def _in_future(value: str, now: dt.datetime | None = None) -> bool:
    """Whether an ISO 8601 date is more than a day after ``now`` (default: the clock), in any time zone.

    >>> now = dt.datetime(2025, 5, 27, 12, tzinfo=dt.timezone.utc)
    >>> _in_future("2025-05-28", now), _in_future("2025-05-29T01:00:00+00:00", now), _in_future("2999-01-01", now)
    (False, True, True)
    """
    parsed = parse_time(value)
    return parsed is not None and parsed[0] > (now or dt.datetime.now(dt.timezone.utc)) + dt.timedelta(days=1)


def make_article(art_id: str, text: str, rel: str, meta: dict[str, str], where: str, warnings: list[str]) -> Article:
    """Build an Article; the outlet falls back to the URL's domain, then the file name."""
    meta = {key: value.strip() for key, value in meta.items() if value and value.strip()}
    published = _time(meta, "published", where, warnings)
    named = meta.get("outlet") or domain(meta.get("url"))
    byline = meta.get("byline") or meta.get("author")  # front matter may say either
    modified = _time(meta, "modified", where, warnings)
    return Article(art_id, text, named or file_outlet(rel), meta.get("title"), meta.get("url"), published, rel, meta.get("canonical"),
                   byline, modified, outlet_from_file=not named)


def _time(meta: dict[str, str], key: str, where: str, warnings: list[str]) -> str | None:
    """``meta[key]`` when it is an ISO 8601 date or time not in the future (a basic-format time in the extended form), else ``None`` with a warning."""
    given = meta.get(key)
    value = extended_time(given) if given is not None else None
    if value is not None and iso_date(value) is None:
        warnings.append(f"{where}: {key} date {given!r} is not ISO 8601 ({ISO_EXAMPLE}); it is left unknown")
        return None
    if value is not None and _in_future(value):
        # A date still to come is a typo or a placeholder; as evidence of who was first it would mislead.
        warnings.append(f"{where}: {key} date {given!r} is in the future; it is left unknown (fix the date)")
        return None
    return value
