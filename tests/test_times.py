"""Publication times: one reader for the loader and the directions, the same forms on every Python."""

from __future__ import annotations

import datetime as dt

import pytest

from reuse.times import parse_time

UTC = dt.timezone.utc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-27", (dt.datetime(2025, 5, 27, tzinfo=UTC), "date")),
        ("2025-05-27T09:30:00Z", (dt.datetime(2025, 5, 27, 9, 30, tzinfo=UTC), "datetime")),
        ("2025-05-27 09:30", (dt.datetime(2025, 5, 27, 9, 30, tzinfo=UTC), "local")),  # no zone: read as UTC, and known to be local
        ("2025-05-27T09:30:00+0200", (dt.datetime(2025, 5, 27, 7, 30, tzinfo=UTC), "datetime")),  # 3.10's fromisoformat refused
        ("2025-05-27T09:30:00-05", (dt.datetime(2025, 5, 27, 14, 30, tzinfo=UTC), "datetime")),
        ("2025-05-27T09:30:00.1Z", (dt.datetime(2025, 5, 27, 9, 30, 0, 100000, tzinfo=UTC), "datetime")),  # so did 3.10
        ("2025-05-27T09:30:00.123456789+02:00", (dt.datetime(2025, 5, 27, 7, 30, 0, 123456, tzinfo=UTC), "datetime")),
        ("20250527", None),  # basic forms: 3.11 read them, 3.10 did not; refused on both
        ("2025-05-20Z", None),  # a zone on a date alone is not ISO 8601
        ("2025-5-7", None),
        ("2025-05-27T24:00", None),
        ("2025-05-27T09:00+24:00", None),
        ("27 May 2025", None),
    ],
)
def test_the_forms_read(value, expected):
    got = parse_time(value)
    assert (None if got is None else (got[0].astimezone(UTC), got[1])) == expected


@pytest.mark.parametrize(
    ("first", "second", "other_outlet", "weight"),
    [
        ("2025-04-01", "2025-04-02", True, 1.5),  # a Sydney paper's date runs a day ahead of a New York one's
        ("2025-04-01", "2025-04-02", False, 2.5),  # one outlet: one zone
        ("2025-04-01", "2025-04-03", True, 2.5),
        ("2025-04-01T19:00:00", "2025-04-02T08:00:00", True, 1.5),  # 13 h apart, zones unknown
        ("2025-04-01T19:00:00", "2025-04-02T08:00:00", False, 3.5),  # one feed's clock
        ("2025-04-01T01:00:00", "2025-04-02T08:00:00", True, 3.5),  # 31 h: no two zones reverse it
        ("2025-04-01T19:00:00Z", "2025-04-02T08:00:00+02:00", True, 3.5),  # zoned: one clock
    ],
)
def test_an_order_two_outlets_time_zones_could_reverse_weighs_less(first, second, other_outlet, weight):
    from reuse.model import Article
    from reuse.times import time_signal

    a = Article("ny.txt", "text", "New York Post", published=first)
    b = Article("syd.txt", "text", "Sydney Herald" if other_outlet else "New York Post", published=second)
    signal = time_signal(a, b)
    assert (signal.favours, signal.weight) == ("ny.txt", weight)
    assert time_signal(b, a).weight == -weight


def test_an_article_in_the_index_before_the_other_was_published_came_first():
    """An index stores each article with the time of its add: the article was published by then. A stored article with no
    time of its own, or a date the other's time falls on, was left unordered, and a check could name it the copy of an
    article published hours after it was indexed (found running a week of daily checks)."""
    from reuse.model import Article
    from reuse.times import seen_signal

    stored = Article("old.txt", "x", "Gazette", seen="2025-07-21T09:00:00Z")
    later = Article("new.txt", "x", "Courier", published="2025-07-21T12:00:00Z")
    signal = seen_signal(stored, later)
    assert (signal.name, signal.favours, signal.value, signal.weight) == ("time", "old.txt", 3.0, 2.5)
    assert signal.note == "old.txt was in the index at 2025-07-21T09:00:00Z, at least 3.0 h before new.txt was published: old.txt was published first"
    swapped = seen_signal(later, stored)  # the same order, from the other side
    assert (swapped.favours, swapped.value, swapped.weight) == ("old.txt", -3.0, -2.5)
    # A date only may be any instant of its day in some time zone (from 10:00 UTC the day before): no order.
    assert seen_signal(stored, Article("new.txt", "x", "Courier", published="2025-07-21")) is None
    assert seen_signal(stored, Article("new.txt", "x", "Courier", published="2025-07-22")) is not None
    # Published before the add, or no time at all: the add says nothing of the order.
    assert seen_signal(stored, Article("new.txt", "x", "Courier", published="2025-07-21T08:00:00Z")) is None
    assert seen_signal(stored, Article("new.txt", "x", "Courier")) is None
    assert seen_signal(Article("a", "x", "A"), later) is None
    # Two clocks (the index's, the outlet's) order nothing within ten minutes, as two publication times do not (a review).
    assert seen_signal(stored, Article("new.txt", "x", "Courier", published="2025-07-21T09:09:00Z")) is None
    assert seen_signal(stored, Article("new.txt", "x", "Courier", published="2025-07-21T09:11:00Z")).favours == "old.txt"
