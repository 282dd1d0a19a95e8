"""Publication times as the tool reads them: an ISO 8601 date or date-time, and its precision.

The loader accepts exactly what :func:`parse_time` reads (anything else is
left unknown with a warning), so a time kept in a report is a time the
direction evidence uses.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

__all__ = ["parse_time"]


@lru_cache(maxsize=8192)
def parse_time(value: str | None) -> tuple[dt.datetime, str] | None:
    """A publication time and its precision (``"datetime"`` or ``"date"``).

    Naive times are taken as UTC.

    >>> parse_time("2025-05-27")[1], parse_time("2025-05-27T10:00:00Z")[1]
    ('date', 'datetime')
    >>> parse_time("yesterday") is None
    True
    """
    if not value:
        return None
    text = value.strip().upper()
    try:
        if "T" not in text and " " not in text:
            day = dt.date.fromisoformat(text)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc), "date"
        stamp = dt.datetime.fromisoformat(text.removesuffix("Z") + ("+00:00" if text.endswith("Z") else ""))
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.timezone.utc)
    return stamp, "datetime"
