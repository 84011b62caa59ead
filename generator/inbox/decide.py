"""For each image read: which group, which last valid day; then, per group, which image wins.

The name read on the image chooses the group; without one (no `ocr` extra, or none could be read) the
file name does. When both name a group and they differ, the image is refused rather than guessed. The
day is the one printed (if read with confidence) or written in the file name ("g1-11月30日.png"); with
both, the earlier, so that a misread digit can only shorten what is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from generator.inbox.cardtext import day_in_file_name
from generator.inbox.dates import BadDay, last_day
from generator.inbox.matching import NoMatch, Target, by_file_name, by_name, normal
from generator.inbox.reading import DAY_MIN_SCORE, Reading, Refused, stem_of
from generator.model import Project


@dataclass(frozen=True)
class Decision:
    reading: Reading
    target: Target
    last: date | None  # the last valid day; None: a permanent WeCom code (its expires: never stays)
    name_from: str  # "image" or "file"

    @property
    def key(self) -> str:
        """Which group: images with the same key are of the same group."""
        group = self.target.group.id if self.target.group else "+" + normal(self.target.name)
        return f"{self.target.campaign.id}/{group}"


def decide(reading: Reading, project: Project, now: datetime, *, ocr: bool) -> Decision:
    """The group and last day of one image; Refused (or NoMatch, BadDay) when either is unclear."""
    target, name_from = _target(reading, project, ocr=ocr)
    return Decision(reading, target, _last_day(reading, target, now, ocr=ocr), name_from)


def _target(reading: Reading, project: Project, *, ocr: bool) -> tuple[Target, str]:
    name = reading.text.name if reading.text else None
    read: Target | None = None
    problem: NoMatch | None = None
    if name is not None:
        try:
            read = by_name(project, name, reading.text.truncated if reading.text else False)
        except NoMatch as exc:
            problem = exc
    named = by_file_name(project, stem_of(reading.path))  # NoMatch when it names several groups
    if read is not None and named is not None and _ref(read) != _ref(named):
        raise Refused("inbox_conflict", name=name, read=_shown(read), named=_shown(named))
    if read is not None:
        return read, "image"
    if named is not None:
        return named, "file"
    if problem is not None:
        raise problem
    raise Refused("inbox_no_name" if ocr else "inbox_no_name_plain")


def _last_day(reading: Reading, target: Target, now: datetime, *, ocr: bool) -> date | None:
    days = []
    text = reading.text
    if text is not None and text.day is not None:
        if text.day_score < DAY_MIN_SCORE:
            raise Refused(
                "inbox_day_unsure", month=text.day[0], day=text.day[1], score=f"{text.day_score:.2f}"
            )
        days.append(last_day(*text.day, now))
    in_name = day_in_file_name(stem_of(reading.path))
    if in_name is not None:
        days.append(last_day(*in_name, now))
    if days:
        return min(days)
    if reading.kind == "wecom_group" and target.group is not None and target.group.expires is None:
        return None  # WeCom's join codes can be permanent: the group's `expires: never` says this one is
    raise Refused("inbox_no_day" if ocr else "inbox_no_day_plain")


def _ref(target: Target) -> tuple[str, str]:
    return target.campaign.id, target.group.id if target.group else "+" + target.name


def _shown(target: Target) -> str:
    return f"“{target.name}”（{target.ref}）"


__all__ = ["BadDay", "Decision", "NoMatch", "Refused", "decide"]
