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
