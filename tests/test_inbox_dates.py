"""The printed last valid day → the time written: the year from the refresh time, and never a moment later
than the code really works (the page must never show an expired code)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.inbox.dates import BadDay, expiry, issued_for, last_day, written
from generator.input.bounds import later

TZ = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


@pytest.mark.parametrize(
    ("now", "month", "day", "expected"),
    [
        ("2026-11-23 10:00", 11, 30, date(2026, 11, 30)),
        ("2026-12-29 18:00", 1, 4, date(2027, 1, 4)),  # December → next January
        ("2026-12-31 23:59", 1, 7, date(2027, 1, 7)),
        ("2027-01-02 09:00", 1, 9, date(2027, 1, 9)),
        ("2028-02-24 09:00", 2, 29, date(2028, 2, 29)),  # a leap year
    ],
)
def test_the_year_is_the_one_nearest_the_refresh(now: str, month: int, day: int, expected: date) -> None:
    assert last_day(month, day, at(now)) == expected


@pytest.mark.parametrize(
    ("now", "month", "day", "key"),
    [
        ("2027-01-02 09:00", 12, 30, "inbox_day_past"),  # last December's: expired three days ago
        ("2026-11-30 00:30", 11, 30, "inbox_day_past"),  # expires today: the earliest reading is over
        ("2026-11-23 10:00", 11, 20, "inbox_day_past"),
        ("2026-11-23 10:00", 12, 5, "inbox_day_far"),  # 12 days ahead: no code lasts that long
        ("2026-11-23 10:00", 2, 30, "inbox_day_impossible"),
        ("2027-02-20 10:00", 2, 29, "inbox_day_far"),  # no 29 February in 2026 or 2027: 2028's is far
    ],
)
def test_a_day_that_cannot_be_this_codes_is_refused(now: str, month: int, day: int, key: str) -> None:
    with pytest.raises(BadDay) as caught:
        last_day(month, day, at(now))
    assert caught.value.key == key


def test_the_expiry_is_the_start_of_the_printed_day_and_issued_gives_it_back() -> None:
    ends = expiry(date(2026, 11, 30), TZ)
    assert written(ends) == "2026-11-30 00:00"
    issued = issued_for(ends, 7)
    assert written(issued) == "2026-11-23 00:00"
    assert later(issued, timedelta(days=7)) == ends  # what the loader computes from issued:
    assert written(issued_for(ends, 3)) == "2026-11-27 00:00"  # a campaign with qr_valid_days: 3


# A WeChat group code made at any moment lasts exactly 7 days and shows the day it stops working.
made = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2030, 12, 31)).map(
    lambda d: d.replace(tzinfo=TZ)
)


@settings(max_examples=300, deadline=None)
@given(made=made, waited=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=7)))
def test_the_written_expiry_is_never_later_than_the_real_one(made: datetime, waited: timedelta) -> None:
    real_end = made + timedelta(days=7)
    printed = real_end.date()
    refreshed = made + waited  # any time the image can be applied, from when it is saved until it is dead
    try:
        last = last_day(printed.month, printed.day, refreshed)
    except BadDay as exc:  # only once the printed day has begun: the code dies that day
        assert exc.key == "inbox_day_past" and refreshed.date() >= printed
        return
    assert last == printed
    written_end = expiry(last, TZ)
    assert written_end <= real_end
    assert real_end - written_end < timedelta(days=1)  # and at most the hours of that one day earlier
