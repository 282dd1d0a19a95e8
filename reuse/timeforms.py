"""Time stamps as pages and feeds write them, brought to the extended ISO 8601 form :mod:`reuse.times` reads.

ISO 8601's basic format ("20251117T090500Z") and RFC 2822's date-time (RSS's
``pubDate``): :func:`extended_time`. Any other form is left as it is, for the
loader to leave unknown with a warning.
"""

from __future__ import annotations

import datetime
import email.utils
import re

__all__ = ["extended_time"]

_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?([.,]\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?", re.ASCII)


#: The shape of RFC 2822's date-time, RSS's ``pubDate`` ("Thu, 12 Jun 2025 12:40:00 +0200 (CEST)"): a day name, then
#: day, month and year, a time (seconds and their fraction optional), a zone (an offset or a name) and a comment.
_RFC2822 = re.compile(
    r"(?:[A-Z]+(?:,\s*|\s+))?(\d{1,2}\s+[A-Z]{3,9}\s+\d{4}\s+\d{1,2}:\d{2})(?::(\d{2})([.,]\d+)?)?"
    r"(?:\s*([+-]\d{4}|[A-Z]{1,5}))?(?:\s*\([^()]*\))?", re.ASCII)
#: The zone names RFC 2822 gives fixed offsets (and UTC, Z); any other is left unread, as the ISO 8601 reading leaves
#: them: "IST" is three zones.
_RFC_ZONES = frozenset("UT UTC GMT Z EST EDT CST CDT MST MDT PST PDT".split())


def extended_time(value: str) -> str:
    """An ISO 8601 date-time in the basic format ("20251117T090500Z"), or an RFC 2822 one, in the extended ISO 8601 format
    the tool reads; any other as it is.

    Only a date-time, told by its ``T``: a bare "20251117" may as well be a
    number of another kind, and is left as it is (and not read as a time).
    RFC 2822's "-0000" (UTC, its source's zone unsaid) is ``Z``; a zone name
    outside the RFC's own, or a date that does not exist, is left as it is.

    >>> extended_time("20251117T090500Z"), extended_time("20251117T0905+0100"), extended_time("20251117t090500.25-05")
    ('2025-11-17T09:05:00Z', '2025-11-17T09:05:00+01:00', '2025-11-17T09:05:00.25-05:00')
    >>> extended_time(" 2025-11-17 "), extended_time("20251117")
    ('2025-11-17', '20251117')
    >>> extended_time("Mon, 17 Nov 2025 09:05:00 +0100"), extended_time("17 Nov 2025 09:05 GMT"), extended_time("Mon, 17 Nov 2025 9:05 EST")
    ('2025-11-17T09:05:00+01:00', '2025-11-17T09:05:00Z', '2025-11-17T09:05:00-05:00')
    >>> extended_time("Monday, 17 November 2025 09:05:00.5 +0100 (CET)"), extended_time("17 Nov 2025 09:05 -0000")
    ('2025-11-17T09:05:00.5+01:00', '2025-11-17T09:05:00Z')
    >>> extended_time("17 Nov 2025 09:05 IST"), extended_time("Sat, 31 Feb 2025 09:05 GMT")
    ('17 Nov 2025 09:05 IST', 'Sat, 31 Feb 2025 09:05 GMT')
    """
    if (rfc := _rfc2822_time(value.strip().upper())) is not None:
        return rfc
    match = _BASIC.fullmatch(value.strip().upper())
    if match is None:
        return value.strip()
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    if zone and zone != "Z":
        zone = f"{zone[:3]}:{zone[-2:] if len(zone) > 3 else '00'}"
    return f"{year}-{month}-{day}T{hour}:{minute}:{second or '00'}{fraction or ''}{zone or ''}"


def _rfc2822_time(value: str) -> str | None:
    """An upper-case RFC 2822 date-time in the extended ISO 8601 format; ``None`` when it is not one, or names another zone.

    >>> _rfc2822_time("THU, 5 JUN 2025 9:40:00 PDT"), _rfc2822_time("5 JUN 2025 09:40"), _rfc2822_time("5 JUN 2025 24:00 GMT")
    ('2025-06-05T09:40:00-07:00', '2025-06-05T09:40:00', None)
    """
    shape = _RFC2822.fullmatch(value)
    if shape is None:
        return None  # the cheap check: not a day, month and year with a time
    stamp, second, fraction, zone = shape.groups()
    if zone and not (zone[1:3] < "24" and zone[3:] < "60" if zone[0] in "+-" else zone in _RFC_ZONES):
        return None
    parsed = email.utils.parsedate_tz(f"{stamp}:{second or '00'} {zone or ''}")
    if parsed is None:
        return None
    year, month, day, hour, minute, second = parsed[:6]
    offset = parsed[9] or 0
    try:
        datetime.datetime(year, month, day, hour, minute, min(second, 59))  # a leap second's 60 is RFC 2822's
    except ValueError:
        return None
    if zone is None:
        suffix = ""
    elif offset == 0 and not zone.startswith("+"):
        suffix = "Z"  # GMT, UT, or "-0000": UTC, its source's own zone unsaid (RFC 2822 3.3)
    else:
        sign, minutes = "-" if offset < 0 else "+", abs(offset) // 60
        suffix = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{'.' + fraction[1:] if fraction else ''}{suffix}"
