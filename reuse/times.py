"""Publication times as the tool reads them: an ISO 8601 date or date-time, and its precision.

The loader accepts exactly what :func:`parse_time` reads (anything else is
left unknown with a warning), so a time kept in a report is a time the
direction evidence uses.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

__all__ = ["parse_time"]


#: The forms read: an extended ISO 8601 date, or a date and a time to the
#: minute or finer, a decimal fraction of a second (any number of digits, cut
#: to microseconds), and a zone of Z, +HH, +HHMM or +HH:MM. Parsed here, not by
#: ``datetime.fromisoformat``, whose forms differ between Python 3.10 and 3.11.
_ISO_8601 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.ASCII,  # digits 0-9 only: "٢٠٢٥-٠٥-٢٧" is no ISO 8601 date
)


@lru_cache(maxsize=8192)
def parse_time(value: str | None) -> tuple[dt.datetime, str] | None:
    """A publication time and its precision: ``"datetime"``, ``"local"`` or ``"date"``.

    A time without a zone (``"local"``) is returned as if in UTC: the instant
    it names lies anywhere from 14 hours before that to 12 hours after, and
    the direction evidence reads it so (:func:`reuse.provenance._span`).

    >>> parse_time("2025-05-27")[1], parse_time("2025-05-27T10:00:00Z")[1], parse_time("2025-05-27T10:00:00")[1]
    ('date', 'datetime', 'local')
    >>> parse_time("2025-05-27T09:30:00.1234567+0200")[0].isoformat()
    '2025-05-27T09:30:00.123456+02:00'
    >>> parse_time("yesterday") is None, parse_time("20250527") is None, parse_time("2025-05-27T24:00") is None
    (True, True, True)
    """
    if not value:
        return None
    match = _ISO_8601.fullmatch(value.strip().upper())
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        if hour is None:
            return dt.datetime(int(year), int(month), int(day), tzinfo=dt.timezone.utc), "date"
        tz = dt.timezone.utc
        if zone not in (None, "Z"):
            digits = zone[1:].replace(":", "")
            offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
            tz = dt.timezone(-offset if zone[0] == "-" else offset)
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        stamp = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), micro, tzinfo=tz)
    except ValueError:  # a month 13, a 24th hour, an offset of a day or more
        return None
    return stamp, "datetime" if zone else "local"
