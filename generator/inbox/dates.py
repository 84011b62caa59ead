"""The printed last valid day → the time written in campaigns.yml, never later than the code really lasts.

WeChat prints "该二维码7天内(11月30日前)有效": a code made on 11-23 at any time of day lasts 7 days, so it
stops working on 11-30 at that same time of day, which the image does not show. The earliest moment the
printed day can mean is its start (00:00 in the site's time zone), and that is the expiry we write:
`expires: 11-30 00:00`, or, for a group written with `issued:`, `issued:` that many days earlier (the
days the loader adds back, `qr_valid_days`), so the loader computes the very same expiry. The page then
stops showing the code `expiry_margin` before that, and never shows a code that has expired.

The day has no year. It is the one nearest to the refresh time: on 12-29, "1月4日" is next January's; on
01-02, "12月30日" is the last December's (expired). A day already begun or past is refused (the code is
dead or dies today), and so is a day more than 8 days ahead (no code lasts that long: a misread date, or
a phone whose clock is wrong).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

# WeChat's group codes last 7 days; a day more, for a phone in a time zone ahead of the site's.
MAX_AHEAD = timedelta(days=8)


class BadDay(Exception):
    """The printed day cannot be used: a catalogue key and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def last_day(month: int, day: int, now: datetime) -> date:
    """The date of "month月day日" nearest to now (the year it is in, the last or the next); BadDay when no
    year has that date, or when it is today or past, or further ahead than a code lasts."""
    today = now.date()
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # 2月30日, or 2月29日 in a year without it
            continue
    if not candidates:
        raise BadDay("inbox_day_impossible", month=month, day=day)
    found = min(candidates, key=lambda when: abs(when - today))
    if found <= today:
        raise BadDay("inbox_day_past", month=month, day=day, date=found.isoformat())
    if found - today > MAX_AHEAD:
        raise BadDay("inbox_day_far", month=month, day=day, date=found.isoformat(), days=(found - today).days)
    return found


def expiry(last: date, zone: tzinfo) -> datetime:
    """The earliest moment the printed last day can mean: its start in the site's time zone."""
    return datetime.combine(last, time(0, 0), zone)


def issued_for(expires: datetime, valid_days: int) -> datetime:
    """The `issued:` that makes the loader's expiry (issued + qr_valid_days) exactly `expires`."""
    return expires - timedelta(days=valid_days)


def written(moment: datetime) -> str:
    """A time as campaigns.yml writes it: 2026-11-30 00:00 (site time, as the loader reads it)."""
    return moment.strftime("%Y-%m-%d %H:%M")
