"""Publication times as the tool reads them: an ISO 8601 date or date-time, and its precision.

The loader accepts exactly what :func:`parse_time` reads (anything else is
left unknown with a warning), so a time kept in a report is a time the
direction evidence uses; :func:`time_signal` is that evidence for a pair.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .sites import outlet_key
from .words import plural
from .model import Article, Signal

__all__ = ["modified_signal", "parse_time", "seen_signal", "time_signal"]


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
    the direction evidence reads it so (:func:`_span`).

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


#: A date's day in UTC when its time zone is unknown: from local midnight at
#: UTC+14 to the end of the day at UTC-12; a time without a zone, from 14 h
#: before it (read as UTC) to 12 h after.
_DAY_FROM, _DAY_TO = dt.timedelta(hours=-14), dt.timedelta(hours=36)
_LOCAL_FROM, _LOCAL_TO = dt.timedelta(hours=-14), dt.timedelta(hours=12)
_EARLIEST = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
_LATEST = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
_VAGUE = {"date": "one date without a time", "local": "a time without a time zone"}
_OVERLAP = {
    "date": "a date and a time that may fall on that day in some time zone: cannot order",
    "local": "a time without a time zone and a time that it may precede or follow, in some time zone: cannot order",
}


#: Log-odds of a time order (docs/direction.md's table of signals): two precise times, and dates only (or a
#: date against a time outside every instant it may stand for). Above every text signal (containment's cap is
#: 1.5), below a canonical link or an agency's credit (4.0), which name the source.
_PRECISE_ORDER = 3.5
_DATE_ORDER = 2.5
#: Hours within which two precise times order nothing (ten minutes): a wire story and its subscribers' copies go
#: out within minutes of each other, closer than two outlets' clocks and publishing systems can be trusted to order.
_SAME_MOMENT = 1 / 6
#: Hours between the furthest time zones (UTC-12 to UTC+14).
_ZONES_APART = 26
#: Log-odds of an order that the two outlets' time zones could reverse: a day between two dates, or under
#: ``_ZONES_APART`` hours between two times without a zone. Most outlets of a corpus keep near one zone.
_OTHER_CLOCKS = 1.5


def _span(when: dt.datetime, precision: str) -> tuple[dt.datetime, dt.datetime]:
    """The instants a time may stand for: itself; for a date its day, and for a time without a zone that time, in any time zone.

    Within datetime's range: 0001-01-01 is a date too.
    """
    if precision == "datetime":
        return when, when
    before, after = (_DAY_FROM, _DAY_TO) if precision == "date" else (_LOCAL_FROM, _LOCAL_TO)
    first = when + before if when > _EARLIEST - before else _EARLIEST
    last = when + after if when < _LATEST - after else _LATEST
    return first, last


def time_signal(a: Article, b: Article) -> Signal | None:
    """Which was published first, as far as the times and their precision tell.

    Two dates are two days (of one time zone): a day before is earlier. Two
    times without a zone are compared as given (of one clock, as a feed's
    are). Of two outlets, whose zones may differ, a day's difference or less
    than ``_ZONES_APART`` hours between times without a zone orders them
    less surely (``_OTHER_CLOCKS``): a Sydney paper's date is a day ahead of
    a New York one's for most of the day. Otherwise a date, or a time
    without a zone, stands for every instant it may be in some time zone
    (``_span``): the other time must fall outside them all, and the gap is
    the least it can be.
    """
    return _order(a, b, (a.published, b.published), "time", "published")


def seen_signal(a: Article, b: Article) -> Signal | None:
    """An order from when an index first held one of them (``seen``): stored before the other's earliest publication, it came first.

    An index's add stores each article with its time, so the article was
    published by then, however its own time reads (unknown, or a date that
    overlaps the other's). The other's publication time, with its precision
    (:func:`_span`), must begin more than ten minutes after that (as two
    precise times must, ``_SAME_MOMENT``: the index's clock and the outlet's
    publishing system are two clocks): ``None`` when it does not, or when
    either time is missing. Weighed as an order of dates: one bound is the
    index's own clock, the other a publication time as given.
    """
    for first, other, sign in ((a, b, 1), (b, a, -1)):
        seen, published = parse_time(first.seen), parse_time(other.published)
        if seen is None or published is None:
            continue
        gap = (_span(*published)[0] - seen[0]).total_seconds() / 3600
        if gap > _SAME_MOMENT:
            return Signal("time", round(gap * sign, 3), favours=first.id, weight=_DATE_ORDER * sign, note=(
                f"{first.id} was in the index at {first.seen}, at least {gap:.1f} h before {other.id} was published: "
                f"{first.id} was published first"
            ))
    return None


def modified_signal(a: Article, b: Article) -> Signal | None:
    """Which of two versions of one page was changed first: :func:`time_signal` of their times of modification.

    A version that gives none was last changed when it was published. For
    versions that one publication time leaves unordered (an update keeps
    its page's), never for two outlets' articles: a page changed after a
    copy of it was made is still that copy's source.
    """
    return _order(a, b, (a.modified or a.published, b.modified or b.published), "modified", "last modified")


def _order(a: Article, b: Article, times: tuple[str | None, str | None], name: str, verb: str) -> Signal:
    """The order of ``a`` and ``b`` by ``times`` (theirs), as signal ``name``; the notes say ``verb`` (published)."""
    ta, tb = parse_time(times[0]), parse_time(times[1])
    if ta is None or tb is None:
        return Signal(name, None, note=f"{'publication time' if name == 'time' else 'time of modification'} unknown for one or both")
    (when_a, prec_a), (when_b, prec_b) = ta, tb
    if prec_a == prec_b == "date":
        days = (when_b - when_a).days
        if days == 0:
            return Signal(name, 0.0, note="same day, dates only: cannot order")
        earlier = a.id if days > 0 else b.id
        near = abs(days) == 1 and outlet_key(a.outlet) != outlet_key(b.outlet)
        weight = _OTHER_CLOCKS if near else _DATE_ORDER
        why = "dates only, of two outlets whose time zones may differ by a day" if near else "dates only"
        return Signal(name, 24.0 * days, favours=earlier, weight=weight if days > 0 else -weight,
                      note=f"{earlier} was {verb} {plural(abs(days), 'day')} earlier ({why})")
    if prec_a != prec_b:
        vague = _VAGUE["date" if "date" in (prec_a, prec_b) else "local"]
        (first_a, last_a), (first_b, last_b) = _span(when_a, prec_a), _span(when_b, prec_b)
        if last_a < first_b:
            gap = (first_b - last_a).total_seconds() / 3600
        elif last_b < first_a:
            gap = -(first_a - last_b).total_seconds() / 3600
        else:
            return Signal(name, 0.0, note=_OVERLAP["date" if "date" in (prec_a, prec_b) else "local"])
        earlier = a.id if gap > 0 else b.id
        return Signal(name, round(gap, 3), favours=earlier, weight=_DATE_ORDER if gap > 0 else -_DATE_ORDER,
                      note=f"{earlier} was {verb} at least {abs(gap):.1f} h earlier ({vague})")
    gap_hours = (when_b - when_a).total_seconds() / 3600
    unzoned = " (times without a time zone, compared as given)" if prec_a == "local" else ""
    if abs(gap_hours) < _SAME_MOMENT:
        return Signal(name, round(gap_hours, 3), note=f"{verb} within ten minutes{unzoned}")
    earlier = a.id if gap_hours > 0 else b.id
    weight = _PRECISE_ORDER
    if unzoned and abs(gap_hours) < _ZONES_APART and outlet_key(a.outlet) != outlet_key(b.outlet):
        weight = _OTHER_CLOCKS
        unzoned = f" (times without a time zone, of two outlets whose clocks may differ by up to {_ZONES_APART} h)"
    return Signal(name, round(gap_hours, 3), favours=earlier, weight=weight if earlier == a.id else -weight,
                  note=f"{earlier} was {verb} {abs(gap_hours):.1f} h earlier{unzoned}")
