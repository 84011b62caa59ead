"""How fast a pool fills, from pool-history.json: joins an hour, when its seats run out, seats over the days.

Pure: (page, history, now) → numbers; no I/O, no clock. The rate is the net growth of the page's groups over
the last day of samples (at least 3 hours of them, the newest at most 6 hours old: older counts say nothing
about now); seats left are the page's own (its open groups', as `qunma status` counts them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from generator.model import CountSample, Group, PoolHistory, PoolStatus
from generator.plan.pool import members_and_closure, served
from generator.plan.rotation import Health, PagePlan

WINDOW = timedelta(hours=24)  # the stretch the rate is measured over
MIN_SPAN = timedelta(hours=3)  # less than this says little about a rate
FRESH = timedelta(hours=6)  # the newest sample must be this recent for a forecast
FORECAST_WITHIN = timedelta(days=3)  # a forecast becomes a to-do item when the seats run out within this
CHART_DAYS = 7
CHART_STEP = timedelta(hours=6)
# The last moment anything here counts up to: a day short of what datetime holds, so that it can still be
# shown in any time zone (a site built at --now 9999-12-29 has a week ahead that ends there).
LAST = datetime(9999, 12, 31, tzinfo=UTC)


def ahead(moment: datetime, span: timedelta) -> datetime:
    """moment + span, but no later than LAST."""
    try:
        return min(moment + span, LAST)
    except OverflowError:
        return LAST


@dataclass(frozen=True)
class Forecast:
    """The page's recent rate of joins and, at that rate, when its seats are used up."""

    per_hour: float  # net joins an hour over `span` (0: nobody joined)
    span: timedelta  # how long the measured stretch was
    seats: int  # seats left now
    runs_out: datetime | None  # None: nobody is joining, or there are no seats to run out of


def page_groups(page: PagePlan) -> list[Group]:
    """The groups the page may show (its campaign's groups served on its channel), paused ones left out."""
    return [g for g in page.campaign.groups if served(g, page.channel) and not g.paused]


def forecast(page: PagePlan, history: PoolHistory, now: datetime) -> Forecast | None:
    """The page's rate and run-out time; None without enough recent samples (or for a closed campaign)."""
    if page.health.level is Health.EMPTY or page.campaign.archived or not history.groups:
        return None
    series = [s for g in page_groups(page) if (s := history.samples(page.campaign.id, g.id))]
    if not series:
        return None
    end = max(samples[-1].at for samples in series)
    start = max(end - WINDOW, min(samples[0].at for samples in series))
    if now - end > FRESH or end - start < MIN_SPAN:
        return None
    joined = sum(max(0, _at(samples, end) - _at(samples, start)) for samples in series)
    hours = (end - start).total_seconds() / 3600
    per_hour = joined / hours
    seats = page.health.seats_left
    if per_hour <= 0 or seats <= 0:
        return Forecast(per_hour, end - start, seats, None)
    return Forecast(per_hour, end - start, seats, ahead(now, timedelta(hours=seats / per_hour)))


def _at(samples: tuple[CountSample, ...], moment: datetime) -> int:
    """The count at `moment`: the last sample at or before it (the first one when there is none yet)."""
    value = samples[0].members
    for sample in samples:
        if sample.at > moment:
            break
        value = sample.members
    return value


def seats_over_time(
    page: PagePlan, status: PoolStatus, history: PoolHistory, now: datetime
) -> list[tuple[datetime, int]] | None:
    """Seats left on the page every 6 hours of the last 7 days (from the first sample on), then now; None
    when no group has samples.

    A past moment counts the groups whose code was shown then (issued, not yet at show_until) with their
    count from the history (or the known count, for a group without samples); now is the page's own figure.
    """
    groups = page_groups(page)
    firsts = [s[0].at for g in groups if (s := history.samples(page.campaign.id, g.id))]
    if not firsts:
        return None
    points = []
    moment = now - timedelta(days=CHART_DAYS)
    while moment < min(firsts):  # nothing was recorded before: no point says "0 seats" for lack of data
        moment += CHART_STEP
    while moment < now:
        points.append((moment, sum(_seats(page, g, status, history, moment) for g in groups)))
        moment += CHART_STEP
    points.append((now, page.health.seats_left))
    return points


def _seats(page: PagePlan, group: Group, status: PoolStatus, history: PoolHistory, moment: datetime) -> int:
    if group.issued is not None and group.issued > moment:
        return 0
    if group.show_until is not None and group.show_until <= moment:
        return 0
    samples = history.samples(page.campaign.id, group.id)
    if samples:
        members = _at(samples, moment)  # before its first sample (synced later), the first count
    else:
        members = members_and_closure(page.campaign, group, status)[0] or 0
    return max(0, group.switch_at - members)
