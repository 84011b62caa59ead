"""What a refresh would do, worked out without changing anything: every image read and decided, one per
group kept, the new text of campaigns.yml, the images' places under qr/.

An image is refused (and then the whole refresh is: see refresh.py) when its group or day is unclear;
skipped, and taken out of the inbox, when a newer image of its group came too (superseded), when
campaigns.yml holds that very code already (same_code), or a code that lasts longer (stale).
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from yaml.nodes import MappingNode

from generator.common.remotetext import shown
from generator.errors import QunmaError, display_path
from generator.inbox import ocr
from generator.inbox.dates import BadDay, expiry, issued_for, written
from generator.inbox.decide import Decision, decide
from generator.inbox.folder import MAX_IMAGES, waiting
from generator.inbox.matching import NoMatch
from generator.inbox.placing import new_group_id, stable_place, valid_days
from generator.inbox.reading import Refused, read_image
from generator.inbox.result import Applied, Skipped
from generator.inbox.result import Refused as RefusedImage
from generator.inbox.yamledit import CannotEdit, GroupEdit, edited, group_node, item, pair, value_of
from generator.input.yamlsrc import Source, compose
from generator.messages import t
from generator.model import Project


@dataclass(frozen=True)
class Plan:
    campaigns: Path
    project: Project
    moment: datetime  # the refresh time, in the site's time zone
    ocr: bool
    raw: bytes  # campaigns.yml as read: it must be the same when the new one replaces it
    before: str
    after: str  # the new text (same as before when nothing is applied)
    check_text: str  # the new text with each image still at its inbox path (to check before copying)
    applied: tuple[Applied, ...]
    skipped: tuple[Skipped, ...]
    refused: tuple[RefusedImage, ...]
    copies: tuple[tuple[Path, bytes], ...]  # images to write at their places under qr/
    removals: tuple[Path, ...]  # inbox files taken out once the refresh is done

    @property
    def lang(self) -> str:
        return self.project.site.language

    @property
    def bom(self) -> bytes:
        return codecs.BOM_UTF8 if self.raw.startswith(codecs.BOM_UTF8) else b""


def site_moment(now: datetime | None, timezone: str) -> datetime:
    """now (the clock when None) in the site's time zone; a time without offset is site time."""
    zone = ZoneInfo(timezone)
    if now is None:
        return datetime.now(UTC).astimezone(zone)
    return now.replace(tzinfo=zone) if now.tzinfo is None else now.astimezone(zone)


def plan_refresh(campaigns: Path, project: Project, now: datetime | None) -> Plan:
    """Everything a refresh of the inbox beside campaigns would do (nothing is changed)."""
    moment = site_moment(now, project.site.timezone)
    raw = project.source.read_bytes()
    use_ocr = ocr.available()
    decisions, refused = _decided(project, moment, use_ocr)
    kept, skipped = _choose(decisions, project, moment)
    text = raw.decode("utf-8-sig")
    root = compose(text, Source(display_path(campaigns), project.site.language))
    assert isinstance(root, MappingNode)  # the loader read this very file
    edits = [(_edit(d, gid, name, project, root, moment), d) for d, gid, name in _numbered(kept, project)]
    try:
        after = edited(text, root, [edit for edit, _ in edits])
        at_inbox = [replace(edit, qr=json.dumps(_rel(project, d.reading.path))) for edit, d in edits]
        check = edited(text, root, at_inbox)
    except CannotEdit as exc:
        (decision,) = [d for e, d in edits if e.group_id == str(exc)]
        refused.append(_refused(project, decision.reading.path, "inbox_cannot_edit", group=str(exc)))
        after = check = text
    places = [(project.root / edit.qr, d.reading.data) for edit, d in edits]
    return Plan(
        campaigns=campaigns,
        project=project,
        moment=moment,
        ocr=use_ocr,
        raw=raw,
        before=text,
        after=after,
        check_text=check,
        applied=tuple(_applied(project, edit, decision) for edit, decision in edits),
        skipped=tuple(skipped),
        refused=tuple(refused),
        copies=tuple((path, data) for path, data in places if not path.exists()),  # else the same bytes
        removals=tuple(d.reading.path for _, d in edits) + tuple(project.root / s.image for s in skipped),
    )


def _decided(project: Project, moment: datetime, use_ocr: bool) -> tuple[list[Decision], list[RefusedImage]]:
    """Every image in the inbox read and decided, or refused with the reason."""
    lang = project.site.language
    found = waiting(project.source)
    if found.count > MAX_IMAGES:
        raise QunmaError(t(lang, "inbox_too_many", count=found.count, limit=MAX_IMAGES))
    reader = ocr.Reader(lang) if use_ocr and found.images else None
    refused = [_refused(project, path, "inbox_format_name", suffix=path.suffix) for path in found.others]
    decisions = []
    for path in found.images:
        try:
            reading = read_image(path, reader, project.site.base_url)
            decisions.append(decide(reading, project, moment, ocr=use_ocr))
        except (Refused, NoMatch, BadDay) as exc:
            refused.append(_refused(project, path, exc.key, **exc.values))
    return decisions, refused


def _refused(project: Project, path: Path, key: str, **values: object) -> RefusedImage:
    """An image refused, its message made safe to print: a file name or a name read on an image is text
    from outside (a CI log would take "::error::" in it for a command)."""
    lang = project.site.language
    safe = {name: shown(value, 200) if isinstance(value, str) else value for name, value in values.items()}
    if key == "inbox_not_group":
        safe["kind"] = t(lang, f"link_kind_{values['kind']}", host=safe.get("host", ""))
    return RefusedImage(shown(_rel(project, path), 200), key, t(lang, key, **safe))


def _rel(project: Project, path: Path) -> str:
    return path.relative_to(project.root).as_posix()


def _choose(
    decisions: list[Decision], project: Project, moment: datetime
) -> tuple[list[Decision], list[Skipped]]:
    """One image per group, the one that lasts longest; the others, and images that would change
    nothing or shorten a code, skipped."""
    lang = project.site.language
    by_group: dict[str, list[Decision]] = {}
    for decision in sorted(decisions, key=lambda d: (d.last or date.max, d.reading.path.name)):
        by_group.setdefault(decision.key, []).append(decision)
    kept, skipped = [], []
    for group in by_group.values():
        *older, best = group
        day = best.last.isoformat() if best.last else "—"
        kept_image = _rel(project, best.reading.path)
        for other in older:
            message = t(lang, "inbox_superseded", group=best.target.ref, kept=kept_image, day=day)
            skipped.append(_skip(project, other, "superseded", message))
        needless = _needless(best, project, moment)
        if needless is None:
            kept.append(best)
        else:
            skipped.append(needless)
    return kept, skipped


def _needless(best: Decision, project: Project, moment: datetime) -> Skipped | None:
    """Why applying best would be no use: the group has this very code, or one that lasts longer."""
    current, lang, ref = best.target.group, project.site.language, best.target.ref
    if current is None:
        return None
    if current.url == best.reading.link:
        return _skip(project, best, "same_code", t(lang, "inbox_same_code", group=ref))
    until = current.expires.astimezone(moment.tzinfo) if current.expires else None
    if until is None or best.last is None or best.last >= until.date():
        return None
    day, now_until = best.last.isoformat(), until.strftime("%Y-%m-%d %H:%M")
    return _skip(project, best, "stale", t(lang, "inbox_stale", group=ref, day=day, current=now_until))


def _skip(project: Project, decision: Decision, reason: str, message: str) -> Skipped:
    group = decision.target.group.id if decision.target.group else None
    return Skipped(_rel(project, decision.reading.path), reason, message, decision.target.campaign.id, group)


def _numbered(kept: list[Decision], project: Project) -> list[tuple[Decision, str, str]]:
    """Each kept decision with its group's id and name; a new group gets its id here, its name from the
    campaign's naming pattern (not as read: a reader may see an emoji as "·")."""
    taken = {(c.id, g.id) for c in project.campaigns for g in c.groups}
    numbered = []
    for decision in sorted(kept, key=lambda d: _in_file(d, project)):
        campaign, group = decision.target.campaign, decision.target.group
        if group is not None:
            numbered.append((decision, group.id, group.name))
            continue
        assert campaign.naming is not None and decision.target.number is not None
        ids = {gid for cid, gid in taken if cid == campaign.id}
        new_id = new_group_id(campaign, decision.target.number, ids)
        taken.add((campaign.id, new_id))
        numbered.append((decision, new_id, campaign.naming.replace("{n}", str(decision.target.number))))
    return numbered


def _edit(
    decision: Decision, group_id: str, name: str, project: Project, root: MappingNode, moment: datetime
) -> GroupEdit:
    campaign, last, reading = decision.target.campaign, decision.last, decision.reading
    place = stable_place(
        project.root, campaign.id, group_id, last or moment.date(), reading.suffix, reading.data
    )
    new = decision.target.group is None
    node = None if new else group_node(root, campaign.id, group_id)
    campaign_node = item(value_of(root, "campaigns"), "id", campaign.id)
    days = valid_days(root, campaign_node, node)
    edit = GroupEdit(
        campaign.id, group_id, place, reading.link, "expires", None, new_name=name if new else None
    )
    if last is None:  # a permanent WeCom code: only the image changes
        return edit
    ends = expiry(last, moment.tzinfo or UTC)
    if node is not None and pair(node, "expires") is not None:
        issued = written(issued_for(ends, days)) if pair(node, "issued") is not None else None
        return replace(edit, time_text=written(ends), issued_text=issued)
    return replace(edit, time_key="issued", time_text=written(issued_for(ends, days)))


def _applied(project: Project, edit: GroupEdit, decision: Decision) -> Applied:
    written_values = {"qr": edit.qr}
    if edit.time_text is not None:
        written_values[edit.time_key] = edit.time_text
    if edit.issued_text is not None:
        written_values["issued"] = edit.issued_text
    return Applied(
        image=_rel(project, decision.reading.path),
        campaign=edit.campaign_id,
        group=edit.group_id,
        name=edit.new_name or (decision.target.group.name if decision.target.group else ""),
        new_group=edit.new_name is not None,
        stored=edit.qr,
        valid_until=decision.last.isoformat() if decision.last else None,
        written=written_values,
        name_from=decision.name_from,
    )


def _in_file(decision: Decision, project: Project) -> tuple[int, int, int, str]:
    """Where the group is in campaigns.yml (a new one after its campaign's groups): the report's order."""
    campaign, group = decision.target.campaign, decision.target.group
    index = [c.id for c in project.campaigns].index(campaign.id)
    at = [g.id for g in campaign.groups].index(group.id) if group else len(campaign.groups)
    return index, at, decision.target.number or 0, decision.reading.path.name
