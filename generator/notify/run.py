"""`qunma notify`: this run's to-do items, compared with what each robot was told, sent as one batch a robot.

A robot hears of an item when it appears or gets worse, once more when it is over, and every day at
`defaults.digest_at` a digest of everything still open (or that all is well); a run with nothing new sends
nothing. Items of the pools and the last sync are worked out every run; a deploy's outcome and the inbox's
report only when given, their earlier items carried over otherwise. What a robot was told is remembered
only once its service accepted the message, so a failed run is told again by the next one. Nothing here
prints: the lines come back, with every webhook and secret blotted out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.common.httpclient import HttpClient, Limits, NetError, parse_json
from generator.common.oserrors import os_reason
from generator.common.remotetext import shown
from generator.input.poolhistory import HISTORY_FILE, observed, read_history, write_history
from generator.messages import t
from generator.model import PoolHistory, Project
from generator.notify.compose import Batch, Message, compose
from generator.notify.inputs import InboxReport, deploy_item, inbox_items
from generator.notify.robots import ENV, Answer, Kind, Reply, Robot, reply, request, robots_from_env
from generator.notify.state import (
    STATE_FILE,
    Changes,
    Memory,
    changes,
    current_items,
    next_state,
    read_state,
    remembered,
    write_state,
)
from generator.plan.rotation import Health, Plan, plan
from generator.plan.todo import DASHBOARD_PATH, Todo, todo_items

# All robots of a run share one deadline; an answer is a few dozen bytes; a webhook never redirects.
LIMITS = Limits(deadline=30.0, read_timeout=10.0, max_bytes=64 * 1024, max_redirects=0)
_HEADERS = {"Content-Type": "application/json; charset=utf-8"}
# Seconds between two messages to one robot: Feishu takes 5 a second (and 100 a minute); WeCom and DingTalk
# count 20 a minute, more than the 10 a run ever sends.
PACE = {Kind.WECOM: 0.0, Kind.FEISHU: 0.25, Kind.DINGTALK: 0.0}


@dataclass(frozen=True)
class Options:
    dry_run: bool = False  # print the messages instead of sending them; remember nothing
    inbox: InboxReport | None = None  # the QR inbox's report, when there is one
    deploy_failed: str | None = None  # a deploy failed, and why: this run reports only that
    deployed: bool = False  # a deploy worked: this run reports only that (an earlier failure is over)
    clock: Callable[[], float] = time.time  # for signatures: the services compare with their own clock
    sleep: Callable[[float], None] = time.sleep  # between two messages to a robot that counts per second


@dataclass(frozen=True)
class Outcome:
    lines: list[str]  # what the command prints, secrets blotted out
    failed: bool  # some robot could not be told (exit 1; in CI a warning, never a failed deploy)


def notify(
    project: Project,
    now: datetime,
    environ: Mapping[str, str],
    options: Options,
    state_path: Path | None = None,
) -> Outcome:
    """Tell every configured robot what is new since it was last told (or print it, with dry_run)."""
    lang = project.site.language
    robots = robots_from_env(environ, lang)
    scrub = _Scrubber([part for robot in robots for part in robot.secrets()])
    if not robots and not options.dry_run:
        return Outcome([t(lang, "notify_no_robot", names="、".join(url for url, _ in ENV.values()))], False)
    history, warnings = _history(project, now, options)
    state_path = state_path or project.root / STATE_FILE
    state, more = read_state(state_path, lang)
    warnings += more
    fresh, evaluated, built = _fresh(project, now, history, options)
    current = current_items(fresh, state.items, evaluated)
    run = _Run(project, now, built, current, state.records())
    if not robots:
        warnings.append(t(lang, "notify_dry_default"))
        robots = [Robot(Kind.WECOM, "https://qyapi.weixin.qq.com/")]
    client = HttpClient(LIMITS.with_env(environ, lang))
    lines, memories, failed = list(warnings), {}, False
    for robot in robots:
        memory = state.robots.get(robot.kind.value, Memory())
        said, memories[robot.kind.value], error = run.tell(robot, memory, client, options)
        lines += said
        failed = failed or error
    if not options.dry_run and not write_state(state_path, next_state(state, current, memories)):
        lines.append(t(lang, "notify_state_write_failed", file=state_path.name))
    return Outcome([scrub(line) for line in lines], failed)


def _fresh(
    project: Project, now: datetime, history: PoolHistory, options: Options
) -> tuple[list[Todo], set[str], Plan | None]:
    """The items of what this run evaluates, which sources those are, and the plan (None: not made)."""
    if options.deploy_failed is not None or options.deployed:
        failed = options.deploy_failed
        return ([] if failed is None else [deploy_item(project, failed)]), {"deploy"}, None
    built = plan(project, now)
    items, evaluated = todo_items(project, built, history), {"pool", "sync"}
    if options.inbox is not None:
        items += inbox_items(options.inbox, project, now)
        evaluated.add("inbox")
    return items, evaluated, built


@dataclass(frozen=True)
class _Run:
    project: Project
    now: datetime
    plan: Plan | None  # None: a run about a deploy only (no digest then)
    current: dict[str, Todo]
    records: dict[str, Todo]

    @property
    def lang(self) -> str:
        return self.project.site.language

    def tell(
        self, robot: Robot, memory: Memory, client: HttpClient, options: Options
    ) -> tuple[list[str], Memory, bool]:
        """(lines to print, the robot's memory after this run, whether it failed)."""
        name = t(self.lang, f"notify_robot_{robot.kind.value}", variable=robot.variable)
        day = self.now.astimezone(ZoneInfo(self.project.site.timezone)).date().isoformat()
        change = changes(self.current, self.records, memory, self._digest_due(memory, day))
        if not change.anything():
            quiet = self._remember(memory, set(), set(), None)  # what got milder is remembered milder
            return [t(self.lang, "notify_nothing", robot=name)], quiet, False
        messages = compose(robot.kind, self._batch(change))
        if options.dry_run:
            return _printed(self.lang, name, messages), memory, False
        told, resolved, failure = _send(client, robot, messages, options, self.lang)
        digest_day = day if change.digest and failure is None else None
        after = self._remember(memory, told, resolved, digest_day)
        if failure is not None:
            return [t(self.lang, "notify_failed", robot=name, reason=failure)], after, True
        counts = {"messages": len(messages), "new": len(change.new), "resolved": len(change.resolved)}
        key = "notify_sent_digest" if change.digest else "notify_sent"
        return [t(self.lang, key, robot=name, **counts)], after, False

    def _remember(self, memory: Memory, told: set[str], resolved: set[str], day: str | None) -> Memory:
        return remembered(memory, self.current, self.records, (told, resolved), day)

    def _digest_due(self, memory: Memory, day: str) -> bool:
        if self.plan is None:
            return False
        local = self.now.astimezone(ZoneInfo(self.project.site.timezone))
        return local.strftime("%H:%M") >= self.project.defaults.digest_at and memory.digest_day != day

    def _batch(self, change: Changes) -> Batch:
        site, lang = self.project.site, self.lang
        when = self.now.astimezone(ZoneInfo(site.timezone)).strftime("%m-%d %H:%M")
        if change.digest and self.plan is not None:
            levels = [page.health.level for page in self.plan.pages]
            counts = {level.value: levels.count(level) for level in Health}
            summary = t(
                lang, "notify_summary_digest", when=when, open=len(self.current), pages=len(levels), **counts
            )
            title = t(lang, "notify_title_digest", site=site.title)
        else:
            sizes = [("notify_count_new", len(change.new)), ("notify_count_resolved", len(change.resolved))]
            summary = " · ".join([when, *(t(lang, key, count=n) for key, n in sizes if n)])
            title = t(lang, "notify_title", site=site.title)
        return Batch(
            lang, title, summary, change.new, change.worse, change.still, change.resolved,
            dashboard=site.base_url + DASHBOARD_PATH,
        )  # fmt: skip


def _printed(lang: str, name: str, messages: list[Message]) -> list[str]:
    lines = [t(lang, "notify_dry_header", robot=name, count=len(messages))]
    for number, message in enumerate(messages, 1):
        lines += [f"--- {number}/{len(messages)} · {message.title} ---", message.content]
    return lines


def _send(
    client: HttpClient, robot: Robot, messages: list[Message], options: Options, lang: str
) -> tuple[set[str], set[str], str | None]:
    """Send in order, stopping at the first failure: (keys told, keys resolved, why it failed or None)."""
    told: set[str] = set()
    resolved: set[str] = set()
    for number, message in enumerate(messages):
        if number and PACE[robot.kind]:
            options.sleep(PACE[robot.kind])
        sent = request(robot, message.title, message.content, options.clock)
        try:
            response = client.request("POST", sent.url, body=sent.body, headers=_HEADERS)
            document = parse_json(response.body, client.limits) if response.body else None
        except NetError as exc:
            return told, resolved, t(lang, "notify_failed_net", detail=exc.describe(lang))
        answer = reply(robot.kind, response.status, document)
        if answer.answer is not Answer.OK:
            return told, resolved, _refusal(robot, answer, lang)
        told.update(message.told)
        resolved.update(message.resolved)
    return told, resolved, None


def _refusal(robot: Robot, answer: Reply, lang: str) -> str:
    code = "HTTP" if answer.code is None else str(answer.code)
    secret = ENV[robot.kind][1] or ENV[robot.kind][0]
    values = {"code": code, "msg": shown(answer.message, 160), "secret": secret, "variable": robot.variable}
    return t(lang, f"notify_failed_{answer.answer.value}", **values)


class _Scrubber:
    """Blots out every webhook, its key and every signing secret from a line before it is printed."""

    def __init__(self, secrets: list[str]) -> None:
        self.secrets = sorted(set(secrets), key=len, reverse=True)  # the longest first: a URL before its key

    def __call__(self, line: str) -> str:
        for secret in self.secrets:
            line = line.replace(secret, "***")
        return line


def _history(project: Project, now: datetime, options: Options) -> tuple[PoolHistory, list[str]]:
    """pool-history.json with pool-status.yml's counts recorded as of its `updated:` (kept unless a dry run):
    counts typed by a person, or pushed by `qunma sync --push` from a machine with WeCom's trusted IP, then
    feed the rate of joins in CI too, where no sync runs."""
    lang, path = project.site.language, project.root / HISTORY_FILE
    history, warnings = read_history(path, lang)
    seen = observed(history, project.status, now)
    if seen is not history and not options.dry_run:
        try:
            write_history(path, seen)
        except OSError as exc:
            warnings.append(t(lang, "history_write_failed", file=path.name, detail=os_reason(exc, lang)))
    return seen, warnings
