"""The model cache's format: what is read back is the very model that was written (zones, folds and shared
objects included); a type it does not know is refused; anything but its own output is a ValueError."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.input import modelcodec
from generator.input.load import _load
from generator.input.modelcache import Loaded
from generator.model import Group

REPO = Path(__file__).resolve().parent.parent
NEW_YORK = ZoneInfo("America/New_York")


def example() -> Loaded:
    return _load(REPO / "campaigns.yml")


def round_trip(value: object, kind: object) -> object:
    return modelcodec.loads(modelcodec.dumps(value, kind), kind)


def test_the_example_reads_back_as_the_same_model() -> None:
    loaded = example()
    again = round_trip(loaded, Loaded)
    assert again == loaded
    assert repr(again) == repr(loaded), "the same zones, folds and types, not only equal values"


def test_times_keep_their_zone_and_fold() -> None:
    """Adding a duration to a time in a zone with summer time depends on the zone, not only the offset."""
    group = example().project.campaigns[0].groups[0]
    times = [
        datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK),  # the first 01:30 of the night the clocks go back
        datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK),  # the second one, an hour later
        datetime(2026, 3, 8, 2, 30, tzinfo=NEW_YORK),  # a time the clocks skip
        datetime(2026, 11, 1, 12, 0, tzinfo=timezone(timedelta(hours=-4))),
        datetime(2026, 11, 1, 12, 0, tzinfo=UTC),
    ]
    groups = tuple(replace(group, issued=None, expires=moment) for moment in times)
    again = round_trip(groups, tuple[Group, ...])
    assert isinstance(again, tuple)
    for before, after in zip(groups, again, strict=True):
        assert repr(after) == repr(before)
        assert after.show_until.utcoffset() == before.show_until.utcoffset()  # type: ignore[union-attr]
        assert after.show_until.timestamp() == before.show_until.timestamp()  # type: ignore[union-attr]


def test_what_was_shared_stays_shared() -> None:
    project = example().project
    again = round_trip(project, type(project))
    ruled = [c for c in project.campaigns if c.rules is project.rule_sets.get(c.rules.id)]
    assert ruled, "the example shares a rule set"
    for campaign in ruled:
        assert again.campaign(campaign.id).rules is again.rule_sets[campaign.rules.id]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class WithFloat:
    ratio: float


@dataclass(frozen=True)
class WithHook:
    name: str

    def __post_init__(self) -> None:
        raise AssertionError("never built without its checks")


def test_a_type_the_schema_does_not_know_is_refused() -> None:
    for kind in (WithFloat, WithHook, dict[int, str], object):
        with pytest.raises(TypeError):
            modelcodec.dumps(None, kind)
    with pytest.raises(TypeError):
        modelcodec.dumps(datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=1), "CET")), datetime)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"null",
        b"[]",
        b"[1]",
        b"[2,[],[]]",
        b"[1,[],5]",
        b'[1,[["x"]],[]]',
        b"[1,[],[[[[[]]]]]]",
        b"\xff",
    ],
)
def test_anything_else_is_a_value_error(data: bytes) -> None:
    with pytest.raises(ValueError):
        modelcodec.loads(data, Loaded)


_GENUINE = modelcodec.dumps(example(), Loaded)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(_GENUINE) - 1), st.integers(0, len(_GENUINE)), st.binary(max_size=8))
def test_a_damaged_entry_is_a_value_error_or_a_model(start: int, end: int, insert: bytes) -> None:
    """No other exception, whatever the damage (an entry is sealed; this is the format's own safety)."""
    data = _GENUINE[:start] + insert + _GENUINE[max(start, end) :]
    try:
        value = modelcodec.loads(data, Loaded)
    except ValueError:
        return
    assert isinstance(value, Loaded)
