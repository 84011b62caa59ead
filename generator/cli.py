"""The `qunma` command: the only module that parses argv. Exit 0 ok, 1 invalid input, 2 usage error."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.errors import InputError, QunmaError
from generator.input.bounds import now_in_range, now_range_message

F = TypeVar("F", bound=Callable[..., Any])


def _parse_now(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"“{value}”不是 ISO 8601 时间，例如 2026-11-23T10:00+08:00") from None
    if not now_in_range(parsed):  # every time computed from it must stay within what datetime holds
        raise click.BadParameter(now_range_message(value))
    return parsed


def campaigns_option(func: F) -> F:
    """--campaigns PATH: the campaigns.yml to read (default: ./campaigns.yml)."""
    return click.option(
        "--campaigns",
        "campaigns",
        type=click.Path(dir_okay=False, path_type=Path),
        default=Path("campaigns.yml"),
        show_default=True,
        help="campaigns.yml 的路径 / the campaigns file.",
    )(func)


def now_option(func: F) -> F:
    """--now ISO8601: build as if it were this moment (reproducible builds and tests)."""
    return click.option(
        "--now",
        callback=_parse_now,
        metavar="ISO8601",
        help="按这个时间生成（默认现在），如 2026-11-23T10:00+08:00 / build as of this time.",
    )(func)


def site_dir_option(func: F) -> F:
    """--site-dir DIR: where the built site goes."""
    return click.option(
        "--site-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="输出目录（默认 mkdocs.yml 的 site_dir）/ output folder.",
    )(func)


def config_file_option(func: F) -> F:
    """--config-file PATH: the mkdocs.yml to use (default: the one beside campaigns.yml)."""
    return click.option(
        "--config-file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="mkdocs.yml 的路径（默认 campaigns.yml 旁边的，没有则用内置配置）。",
    )(func)


def reports_errors(func: F) -> F:
    """Turn core errors into messages on stderr and exit 1; never a traceback for bad input, nor for an
    error of the operating system the core did not name itself (a full disk, a folder that is a file)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            sys.exit(1)
        except QunmaError as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)
        except OSError as exc:
            from generator.common.oserrors import os_problem
            from generator.messages import t

            click.echo(t("zh", "os_failed", what=os_problem(exc, "zh")), err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qunma")
def main() -> None:
    """群码 qunma: turn campaigns.yml into group-entry pages that rotate to the open group."""


@main.command()
@campaigns_option
@now_option
@click.option(
    "--published",
    metavar="URL|FILE",
    help="已发布的网站（或它的 qunma-manifest.json）：发布过的活动和渠道不许删除或改名 / "
    "the live site or its manifest: published campaigns and channels must stay.",
)
@reports_errors
def check(campaigns: Path, now: datetime | None, published: str | None) -> None:
    """Validate campaigns.yml (and pool-status.yml beside it); exit 1 with every problem found.

    Every problem is printed as FILE:LINE:COL: message, saying what to write instead; warnings too
    (they do not change the exit code).
    """
    from generator.input.load import load_project
    from generator.messages import t

    project = load_project(campaigns, now=now)
    lang = project.site.language
    for warning in project.warnings:
        label = t(lang, "warning_label")
        click.echo(f"{warning.file}:{warning.line}:{warning.column}: {label}{warning.message}", err=True)
    groups = sum(len(c.groups) for c in project.campaigns)
    key = "check_ok_warnings" if project.warnings else "check_ok"
    counts = {"campaigns": len(project.campaigns), "groups": groups, "warnings": len(project.warnings)}
    click.echo(t(lang, key, file=campaigns, **counts))
    _inbox_waiting(campaigns, project, now)
    if published is not None:
        import os

        from generator.deploy.published import verify_published

        click.echo(verify_published(project, published, os.environ))


# --- qunma status (issue 3) ---------------------------------------------------------------------------


@main.command()
@campaigns_option
@now_option
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（给 CI 用）/ print JSON, not the table.")
@click.option(
    "--fail-on",
    type=click.Choice(["low", "empty"]),
    default=None,
    help="有页面偏低或无群（low）/ 无群（empty）时退出码为 1 / exit 1 when a pool is low or worse / empty.",
)
@reports_errors
def status(campaigns: Path, now: datetime | None, as_json: bool, fail_on: str | None) -> None:
    """Pool health of every page: the group shown, seats left, next expiry, ok/low/empty and why.

    Also prints the fingerprint of what customers see, so CI can tell whether anything changed.
    """
    import gc
    from datetime import UTC
    from zoneinfo import ZoneInfo

    from generator.input.load import load_project
    from generator.input.modelcache import FOLDER, cache_dir
    from generator.plan.rotation import plan
    from generator.plan.status import as_of, fails, status_json, status_table

    # A short command that makes no garbage cycles: without the cyclic collector, which would rescan the
    # whole model again and again as the plan is made (measured: a fifth of plan + table at 10,000 groups).
    gc.disable()
    # The checked campaigns.yml that `qunma build` keeps (CI runs status right after the build).
    project = load_project(campaigns, now=now, cache=cache_dir(campaigns) / FOLDER, keep=False)
    moment = as_of(now or datetime.now(UTC), project.site.timezone)
    for warning in project.warnings:
        click.echo(str(warning), err=True)
    built = plan(project, moment)
    tz = ZoneInfo(project.site.timezone)
    if as_json:
        click.echo(status_json(built, tz), nl=False)
    else:
        click.echo(status_table(built, project.site.language, tz), nl=False)
    if fails(built, fail_on):
        sys.exit(1)


# --- qunma sync and the hidden `qunma ci` commands (issue 6) -------------------------------------------


@main.command()
@campaigns_option
@now_option
@reports_errors
def sync(campaigns: Path, now: datetime | None) -> None:
    """Read member counts of WeCom customer groups (groups with chat_id) into pool-status.yml.

    Needs WECOM_CORP_ID and WECOM_SECRET (the customer-contact secret) in the environment; WECOM_API_BASE
    overrides the API address. On any error pool-status.yml is left exactly as it was (exit 1).
    """
    import os
    from datetime import UTC

    from generator.input.load import load_project
    from generator.sync.run import report_lines, sync_from_env

    project = load_project(campaigns, now=now)
    result = sync_from_env(project, os.environ, now or datetime.now(UTC))
    for line in report_lines(result, project.site.language):
        click.echo(line)


@main.group(hidden=True)
def ci() -> None:
    """Helpers for .github/workflows/deploy.yml (job summary, deploy decision)."""


@ci.command("base-url")
@campaigns_option
@reports_errors
def ci_base_url(campaigns: Path) -> None:
    """Print site.base_url: where the live site (and its qunma-manifest.json) is."""
    from generator.input.load import load_project

    click.echo(load_project(campaigns).site.base_url)


@ci.command("summary")
@click.argument("status_json", type=click.Path(dir_okay=False, path_type=Path))
@campaigns_option
@click.option("--sync", "sync_outcome", default="", help="the sync step's outcome: success, failure, skipped")
@reports_errors
def ci_summary(status_json: Path, campaigns: Path, sync_outcome: str) -> None:
    """Pool health as a Markdown table in $GITHUB_STEP_SUMMARY, with ::warning::/::error:: annotations."""
    import os

    from generator.deploy.ci import pool_summary, read_status_json
    from generator.input.load import load_project

    lang = load_project(campaigns).site.language
    summary = pool_summary(read_status_json(status_json), sync_outcome, lang)
    for line in summary.annotations:
        click.echo(line)
    if not summary.write(os.environ):
        click.echo(summary.markdown, nl=False)


@ci.command("decide")
@campaigns_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"))
@click.option("--published", metavar="URL|FILE", required=True, help="the live site or its manifest")
@click.option("--force", type=bool, default=False, help="deploy even if the fingerprint is unchanged")
@reports_errors
def ci_decide(campaigns: Path, site_dir: Path, published: str, force: bool) -> None:
    """Deploy or not: compare the built fingerprint with the live site's; set the step output `deploy`."""
    import os

    from generator.deploy.ci import decide_and_record
    from generator.input.load import load_project

    lang = load_project(campaigns).site.language
    click.echo(decide_and_record(site_dir, published, force=force, environ=os.environ, lang=lang))


@main.command()
@click.argument("campaign", required=False)
@click.argument("channel", required=False)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("posters"),
    show_default=True,
    help="海报输出目录 / output folder.",
)
@click.option(
    "--size",
    type=click.Choice(["a6", "a4", "all"]),
    default="all",
    show_default=True,
    help="A6 包裹卡、A4 立牌或两者 / paper size.",
)
@click.option(
    "--font",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="中文字体文件（默认 $QUNMA_FONT 或系统字体）/ CJK font file.",
)
@campaigns_option
@now_option
@reports_errors
def poster(
    campaign: str | None,
    channel: str | None,
    out: Path,
    size: str,
    font: Path | None,
    campaigns: Path,
    now: datetime | None,
) -> None:
    """Printable posters (A6 parcel card, A4 standee, 300 dpi) with each page's permanent entry code."""
    from generator.build import aware
    from generator.input.load import load_project
    from generator.messages import t
    from generator.plan.rotation import plan
    from generator.render.poster import SIZES, poster_files
    from generator.render.typeset import find_font

    project = load_project(campaigns, now=now)
    font_path = find_font(font, project.site.language)
    sizes = tuple(SIZES.values()) if size == "all" else (SIZES[size],)
    built = plan(project, aware(now or datetime.now().astimezone(), project.site.timezone))
    files = poster_files(project, built, font_path, campaign, channel, sizes)
    for path, data in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    click.echo(t(project.site.language, "poster_written", count=len(files), folder=out))


# --- qunma build / serve (issue 4) ---------------------------------------------------------------------


@main.command()
@campaigns_option
@now_option
@site_dir_option
@config_file_option
@click.option("--posters", is_flag=True, help="同时生成可打印海报（A6、A4）/ also render printable posters.")
@reports_errors
def build(
    campaigns: Path, now: datetime | None, site_dir: Path | None, config_file: Path | None, posters: bool
) -> None:
    """Build the whole site (MkDocs pages plus every group page, rules page and code) into --site-dir.

    Uses the mkdocs.yml beside campaigns.yml (or --config-file, or built-in defaults when there is none).
    The site is built beside the old one and swapped in only when the build succeeds.
    """
    from generator.errors import display_path
    from generator.messages import t
    from generator.plugin import Options, build_site

    built = build_site(Options(campaigns, now, site_dir, config_file, posters))
    click.echo(t(built.language, "build_done", dir=display_path(built.site_dir), pages=built.pages))
    from generator.inbox.folder import waiting

    with contextlib.suppress(OSError):  # an inbox that cannot be looked at is `qunma refresh`'s to report
        if waiting(campaigns):  # images wait in qr/inbox/: say what `qunma refresh` would do with them
            from generator.input.load import load_project

            _inbox_waiting(campaigns, load_project(campaigns, now=now), now)


@main.command()
@campaigns_option
@now_option
@config_file_option
@click.option("--dev-addr", metavar="IP:PORT", help="预览地址（默认 127.0.0.1:8000）/ address to serve on.")
@reports_errors
def serve(campaigns: Path, now: datetime | None, config_file: Path | None, dev_addr: str | None) -> None:
    """Preview the site locally; it rebuilds and the browser reloads on every save of campaigns.yml."""
    from generator.plugin import Options, serve_site

    serve_site(Options(campaigns, now, None, config_file), dev_addr)


# --- qunma refresh and `qunma ci inbox` (issue 15) --------------------------------------------------------


def _inbox_waiting(campaigns: Path, project: Any, now: datetime | None) -> None:
    """What check and build say while images wait in qr/inbox/; an empty or missing inbox costs one look
    at the folder (no image library, no text recognition is loaded)."""
    from generator.inbox.folder import waiting

    try:
        empty = not waiting(campaigns)
    except OSError:
        empty = False  # the preview says why the folder cannot be looked at
    if empty:
        return
    from generator.inbox.report import preview_lines

    for line in preview_lines(campaigns, project, now):
        click.echo(line, err=True)


@main.command()
@campaigns_option
@now_option
@click.option(
    "--dry-run", is_flag=True, help="只显示会怎么改（diff），什么都不改 / print the diff, change nothing."
)
@reports_errors
def refresh(campaigns: Path, now: datetime | None, dry_run: bool) -> None:
    """Apply the group QR images saved from WeChat into qr/inbox/ to campaigns.yml.

    Each image gives the join link, the group name and the last valid day (names and days are read by
    the `ocr` extra, pip install 'qunma[ocr]'; without it the file name names the group and the day,
    e.g. g1-11月30日.png). Only that group's qr: and issued:/expires: lines change; the image moves to
    qr/<campaign>-<group>-<day>.png. When any image cannot be used, nothing changes (exit 1).
    """
    from generator.inbox.refresh import refresh as run
    from generator.inbox.report import refresh_lines
    from generator.input.load import load_project

    project = load_project(campaigns, now=now)
    done = run(campaigns, now=now, dry_run=dry_run, project=project)
    if dry_run:
        click.echo(done.diff, nl=False)
    for line in refresh_lines(done.result, project.site.language):
        click.echo(line)


@ci.command("inbox")
@campaigns_option
@now_option
@click.option("--remote", default="origin", show_default=True, help="the git remote to push to")
@click.option("--branch", default="main", show_default=True, help="the branch the bot commit goes to")
@reports_errors
def ci_inbox(campaigns: Path, now: datetime | None, remote: str, branch: str) -> None:
    """Apply qr/inbox/ and push it to --branch as one bot commit listing each group updated."""
    import os

    from generator.inbox.gitcommit import commit_inbox, error_lines
    from generator.inbox.refresh import InboxRefused
    from generator.inbox.report import refresh_lines
    from generator.messages import t

    try:
        done = commit_inbox(campaigns, now=now, remote=remote, branch=branch, environ=os.environ)
    except InboxRefused as exc:
        for line in error_lines(exc.result):
            click.echo(line)
        raise
    for line in refresh_lines(done.result, done.lang):
        click.echo(line)
    if done.sha:
        click.echo(t(done.lang, "inbox_committed", sha=done.sha[:12], branch=branch))
