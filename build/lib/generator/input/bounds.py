"""The ranges of the numbers, times and durations in the input files: wide enough for any real campaign,
narrow enough that nothing computed from them can overflow (Python's datetime ends with the year 9999).

Times are written in the years FIRST_YEAR..LAST_YEAR and must also be a time in UTC and in the site's zone
(not so in the last hours of 9999 behind UTC); durations are at most MAX_DURATION. The only sums of the
model are a time plus a duration (`issued + qr_valid_days`, the end of a day) and go through `later`;
differences (`expires - expiry_margin`) stay after 1989. So the planner, the pages' script data, the status
table, the staff kit and the manifest can convert and format every time of the model without checks.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from generator.messages import t

FIRST_YEAR = 2000  # WeChat group codes came in 2012: an earlier year is a typo (0026 for 2026)
LAST_YEAR = 9999  # the last year datetime holds; 9999-12-31 is the usual "never" for an end
MAX_MEMBERS = 100_000  # capacity, switch_at, members, low_seats: the largest WeCom groups hold 2,000
MAX_VALID_DAYS = 3_650  # qr_valid_days: ten years; a code that never expires is `expires: never`
MAX_DURATION = timedelta(days=3_650)  # expiry_margin, low_within, status_max_age
MAX_DIGITS = 15  # a number longer than this is refused by its length (int() refuses 4,300 digits and more)
# --now is a moment of our own clock, not of a file: a day short of the end, so that every zone can hold it.
LATEST_NOW = datetime(LAST_YEAR, 12, 30)


def settle(moment: datetime, tz: tzinfo) -> datetime | None:
    """moment in tz; None when tz or UTC cannot hold it (past the end of the year 9999)."""
    try:
        local = moment.astimezone(tz)
        if local.year == LAST_YEAR:  # before it, a day's slack for any zone: no second conversion
            local.astimezone(UTC)
    except OverflowError:
        return None
    return local


def later(moment: datetime, span: timedelta) -> datetime | None:
    """moment + span; None when that is past what moment's zone or UTC can hold."""
    try:
        result = moment + span
        if result.year == LAST_YEAR:
            result.astimezone(UTC)
    except OverflowError:
        return None
    return result


def now_in_range(now: datetime) -> bool:
    """Whether a --now moment lies in the years FIRST_YEAR..LAST_YEAR, a day short of the very end."""
    return FIRST_YEAR <= now.year and now.replace(tzinfo=None) < LATEST_NOW


def now_range_message(value: str) -> str:
    """Why a --now moment is refused (Chinese: said before the site's language is known)."""
    last = (LATEST_NOW - timedelta(days=1)).date()
    return t("zh", "now_out_of_range", value=value[:60], first=f"{FIRST_YEAR}-01-01", last=last)
