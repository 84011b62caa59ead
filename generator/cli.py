"""The `qunma` command: the only module that parses argv. Exit 0 ok, 1 invalid input, 2 usage error."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sys
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

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
        help="mkdocs.yml 的路径（默认 campaigns.yml 旁边的，没有则用内置配置）/ the mkdocs.yml to use "
        "(default: the one beside campaigns.yml, else built-in settings).",
    )(func)


def _pinned(campaigns: Path) -> datetime | None:
    """The `now:` the mkdocs.yml beside campaigns.yml pins for its builds (the example site), if any."""
    from generator.input.pinned import pinned_now

    return pinned_now(campaigns)


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


class _Command(click.Command):
    """A command whose --help says what it does in Chinese and English, like every other option."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_HELP
        return option


class _Group(_Command, click.Group):
    command_class = _Command
    group_class = type  # subgroups are _Group too

    def main(self, args: Any = None, *more: Any, **options: Any) -> Any:
        """As click's; run as the `qunma` program (arguments from the command line), the process then ends
        without freeing its objects one by one: that took a build of 1,000 campaigns 0.25 s of 3."""
        if args is not None or options.get("standalone_mode") is False:  # called from Python: return
            return super().main(args, *more, **options)
        try:
            super().main(args, *more, **options)
        except SystemExit as done:
            _leave(done.code)
        _leave(0)


HELP_HELP = "显示这段帮助 / show this help."


def _leave(code: object) -> NoReturn:
    """End the process with code as sys.exit would, once everything written is flushed; normally (running
    the interpreter's clean-up) if a child process is still running, so that it is waited for, or under a
    profiler or coverage, which write their results at exit."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say there
            stream.flush()
    if multiprocessing.active_children() or sys.getprofile() or sys.gettrace():  # a profiler writes at exit
        sys.exit(code)  # type: ignore[arg-type]
    if code is None or isinstance(code, int):
        os._exit(code or 0)
    with contextlib.suppress(OSError, ValueError):
        print(code, file=sys.stderr, flush=True)
    os._exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(
    package_name="qunma",
    prog_name="qunma",
    message="%(prog)s %(version)s（群码）: 把 campaigns.yml 变成自动换群的进群页 / "
    "group-entry pages from campaigns.yml",
    help="显示版本 / show the version.",
)
def main() -> None:
    """群码 qunma：把 campaigns.yml 变成自动换到可加入的群的进群页（活码）网站。

    Turn campaigns.yml into a site of group-entry pages that rotate to the group open now.

    每个命令的用法 / each command's usage: qunma COMMAND --help
    """


@main.command(short_help="检查 campaigns.yml / validate campaigns.yml")
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
    """检查 campaigns.yml（和旁边的 pool-status.yml）：每个问题写成“文件:行:列: 哪里不对，应该怎么写”；
    有错误时退出码为 1，警告不影响退出码。

    Validate campaigns.yml (and pool-status.yml beside it): every problem as FILE:LINE:COL: message, saying
    what to write instead; exit 1 on errors (warnings do not change the exit code).
    """
    from generator.input.load import load_project
    from generator.messages import t

    pinned = None if now is not None else _pinned(campaigns)
    project = load_project(campaigns, now=now or pinned)
    lang = project.site.language
    if pinned is not None:
        click.echo(t(lang, "check_pinned", now=pinned.isoformat(sep=" ", timespec="minutes")))
    for warning in project.warnings:
        label = t(lang, "warning_label")
        click.echo(f"{warning.file}:{warning.line}:{warning.column}: {label}{warning.message}", err=True)
    _inbox_waiting(campaigns, project, now or pinned)
    if published is not None:  # before the verdict, which is printed once, at the end
        import os

        from generator.deploy.published import verify_published

        click.echo(verify_published(project, published, os.environ))
    groups = sum(len(c.groups) for c in project.campaigns)
    key = "check_ok_warnings" if project.warnings else "check_ok"
    counts = {"campaigns": len(project.campaigns), "groups": groups, "warnings": len(project.warnings)}
    click.echo(t(lang, key, file=campaigns, **counts))


# --- qunma status (issue 3) ---------------------------------------------------------------------------


@main.command(short_help="群池状态表 / pool health table")
@campaigns_option
@now_option
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（给 CI 用）/ print JSON, not the table.")
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="也显示顾客可见状态指纹（CI 比较用）/ also show the customer-visible fingerprint CI compares.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["low", "empty"]),
    default=None,
    help="有页面偏低或无群（low）/ 无群（empty）时退出码为 1 / exit 1 when a pool is low or worse / empty.",
)
@reports_errors
def status(campaigns: Path, now: datetime | None, as_json: bool, verbose: bool, fail_on: str | None) -> None:
    """每个页面的群池状态：展示哪个群、还剩多少名额、码什么时候停止展示和过期、正常/偏低/无群及原因。

    Pool health of every page: the group shown, seats left, when its code stops being shown and expires,
    ok/low/empty and why. --verbose adds the fingerprint of what customers see, which CI compares.
    """
    import gc
    from datetime import UTC
    from zoneinfo import ZoneInfo

    from generator.input.load import load_project
    from generator.input.modelcache import FOLDER, cache_dir
    from generator.messages import t
    from generator.plan.rotation import plan
    from generator.plan.status import as_of, fails, status_json, status_table

    # A short command that makes no garbage cycles: without the cyclic collector, which would rescan the
    # whole model again and again as the plan is made (measured: a fifth of plan + table at 10,000 groups).
    gc.disable()
    now = now or _pinned(campaigns)  # the example site's fixed moment, as its build uses
    # The checked campaigns.yml that `qunma build` keeps (CI runs status right after the build).
    project = load_project(campaigns, now=now, cache=cache_dir(campaigns) / FOLDER, keep=False)
    moment = as_of(now or datetime.now(UTC), project.site.timezone)
    label = t(project.site.language, "warning_label")
    for warning in project.warnings:
        click.echo(f"{warning.file}:{warning.line}:{warning.column}: {label}{warning.message}", err=True)
    built = plan(project, moment)
    tz = ZoneInfo(project.site.timezone)
    if as_json:
        click.echo(status_json(built, tz), nl=False)
    else:
        click.echo(status_table(built, project.site.language, tz, verbose=verbose), nl=False)
    if fails(built, fail_on):
        sys.exit(1)


# --- qunma sync and the hidden `qunma ci` commands (issue 6) -------------------------------------------


@main.command(short_help="从企业微信同步群人数 / member counts from WeCom")
@campaigns_option
@now_option
@click.option(
    "--commit", is_flag=True, help="人数有变化时提交 pool-status.yml / commit it when a count changed."
)
@click.option("--push", is_flag=True, help="先拉取，提交后推送（含 --commit）/ pull first, commit and push.")
@reports_errors
def sync(campaigns: Path, now: datetime | None, commit: bool, push: bool) -> None:
    """把企业微信客户群（写了 chat_id 的群）的人数写进 pool-status.yml。需要环境变量 WECOM_CORP_ID 和
    WECOM_SECRET（“客户联系”的 Secret）；出错时 pool-status.yml 保持原样（退出码 1）。
    加 --commit（在干净的克隆里，例如有企业可信 IP 的机器上的定时任务）时只在人数变了才提交
    pool-status.yml；--push 还会先拉取再推送，远端同时有人改动时重试一次，不丢任何人的修改。

    Read member counts of WeCom customer groups (groups with chat_id) into pool-status.yml. Needs
    WECOM_CORP_ID and WECOM_SECRET (the customer-contact secret); WECOM_API_BASE overrides the API address.
    On any error pool-status.yml is left exactly as it was (exit 1). With --commit (in a clean clone, e.g.
    by cron on a machine with WeCom's trusted IP) pool-status.yml is committed only when a count changed;
    --push also pulls first and pushes, retrying once when the remote moved meanwhile, without losing
    anyone's edit.
    """
    import os
    from datetime import UTC

    if commit or push:
        from generator.sync.gitpush import sync_and_commit

        for line in sync_and_commit(campaigns, os.environ, now or datetime.now(UTC), push=push):
            click.echo(line)
        return

    from generator.input.load import load_project
    from generator.sync.run import report_lines, sync_from_env

    project = load_project(campaigns, now=now)
    result = sync_from_env(project, os.environ, now or datetime.now(UTC))
    for line in report_lines(result, project.site.language):
        click.echo(line)


# --- qunma notify (issue 16) ---------------------------------------------------------------------------


@main.command(short_help="把要做的事发到群机器人 / tell the chat robots")
@campaigns_option
@now_option
@click.option("--dry-run", is_flag=True, help="只打印消息，不发送 / print the messages, send nothing.")
@click.option(
    "--inbox-report",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="qunma refresh 写的收件箱报告（JSON）/ the QR inbox's report.",
)
@click.option("--deploy-failed", metavar="REASON", help="只报告部署失败 / report a failed deploy, only.")
@click.option("--deployed", is_flag=True, help="只报告部署成功 / report a deploy that worked, only.")
@click.option(
    "--deploy-result",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="qunma deploy --result 写的结果，只报告这次部署 / report the deploy whose result this is, only.",
)
@reports_errors
def notify(
    campaigns: Path,
    now: datetime | None,
    dry_run: bool,
    inbox_report: Path | None,
    deploy_failed: str | None,
    deployed: bool,
    deploy_result: Path | None,
) -> None:
    """把要做的事发到运营的群里（企业微信、飞书、钉钉的群机器人）：群池空了或偏低、码快停止展示又没有接替的群、
    按进群速度名额多久用完、同步失败；出现或变严重时说一次，解决了说一次，每天定时汇总一次。webhook 和密钥来自
    环境变量，永远不会打印。有机器人没收到时退出码 1。

    Tell the marketers' chat groups what needs doing: WeCom, Feishu and DingTalk robots.

    Webhooks from QUNMA_WECOM_WEBHOOK, QUNMA_FEISHU_WEBHOOK (+ QUNMA_FEISHU_SECRET) and
    QUNMA_DINGTALK_WEBHOOK (+ QUNMA_DINGTALK_SECRET); never printed. A robot hears of a low or empty pool,
    a code about to stop with no successor, seats running out at the current rate, a failed sync, once
    when it appears or gets worse and once when it is over, plus a daily digest at defaults.digest_at;
    what each robot was told is kept in notify-state.json. Exit 1 when a robot could not be told.
    """
    import os
    from datetime import UTC

    from generator.input.load import load_project
    from generator.input.modelcache import FOLDER, cache_dir
    from generator.messages import t
    from generator.notify.inputs import read_deploy_result, read_inbox_report
    from generator.notify.run import Options
    from generator.notify.run import notify as tell
    from generator.plan.status import as_of

    project = load_project(campaigns, now=now, cache=cache_dir(campaigns) / FOLDER, keep=False)
    lang = project.site.language
    if sum((deploy_failed is not None, deployed, deploy_result is not None)) > 1:
        raise click.UsageError(t(lang, "notify_both_deploy_flags"))
    if deploy_result is not None:
        deploy_failed = read_deploy_result(deploy_result, lang)
        deployed = deploy_failed is None
    report = None if inbox_report is None else read_inbox_report(inbox_report, lang, project.site.timezone)
    options = Options(dry_run=dry_run, inbox=report, deploy_failed=deploy_failed, deployed=deployed)
    outcome = tell(project, as_of(now or datetime.now(UTC), project.site.timezone), os.environ, options)
    for line in outcome.lines:
        click.echo(line)
    if outcome.failed:
        sys.exit(1)


# --- qunma deploy (issue 17) ---------------------------------------------------------------------------


@main.command(short_help="上传到对象存储 / upload to object storage")
@campaigns_option
@now_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="要上传的网站文件夹（默认 campaigns.yml 旁边的 site/）/ the built site (default: site/ beside it).",
)
@click.option(
    "--dry-run", is_flag=True, help="只列出会上传、删除、刷新什么，不做任何改动 / print the plan only."
)
@click.option(
    "--result",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="把结果写成 JSON（给 qunma notify 和 CI 用）/ write the outcome as JSON here.",
)
@reports_errors
def deploy(
    campaigns: Path, now: datetime | None, site_dir: Path | None, dry_run: bool, result: Path | None
) -> None:
    """把生成好的网站增量上传到兼容 S3 的对象存储（腾讯云 COS、阿里云 OSS、R2、S3、MinIO）：
    只传内容变了的文件，先传图片再传页面，最后传 qunma-manifest.json；不再需要的文件过了宽限期才删除。
    需要环境变量 QUNMA_DEPLOY_ENDPOINT、QUNMA_DEPLOY_BUCKET、QUNMA_DEPLOY_REGION、
    AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY；密钥永远不会打印。

    Upload the built site to S3-compatible object storage (Tencent COS, Aliyun OSS, R2, S3, MinIO).

    Incremental: only files whose content changed are uploaded, images before the pages that show them,
    pages before qunma-manifest.json; files no page needs any more are deleted after a grace period.
    Needs QUNMA_DEPLOY_ENDPOINT, QUNMA_DEPLOY_BUCKET, QUNMA_DEPLOY_REGION, AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY; QUNMA_DEPLOY_PURGE_COMMAND purges the changed pages from the CDN (see README).
    --now sets the clock the grace period is measured by (tests).
    """
    import os

    from generator.deploy.command import deploy_command

    lines = deploy_command(campaigns, site_dir, os.environ, dry_run=dry_run, result=result, now=now)
    for line in lines:
        click.echo(line)


@main.group(cls=_Group, hidden=True, short_help="CI 工作流的步骤 / steps of the CI workflow")
def ci() -> None:
    """给 .github/workflows/deploy.yml 用的步骤（任务摘要、是否部署）。

    Steps of .github/workflows/deploy.yml (job summary, deploy decision).
    """


@ci.command("base-url", short_help="线上网站的地址 / the live site's address")
@campaigns_option
@reports_errors
def ci_base_url(campaigns: Path) -> None:
    """打印 site.base_url：线上网站的地址。

    Print site.base_url: where the live site (and its qunma-manifest.json) is.
    """
    from generator.input.load import load_project

    click.echo(load_project(campaigns).site.base_url)


@ci.command("summary", short_help="任务摘要 / the job summary")
@click.argument("status_json", type=click.Path(dir_okay=False, path_type=Path))
@campaigns_option
@click.option(
    "--sync",
    "sync_outcome",
    default="",
    help="同步步骤的结果：success、failure、skipped / the sync step's outcome.",
)
@reports_errors
def ci_summary(status_json: Path, campaigns: Path, sync_outcome: str) -> None:
    """把 STATUS_JSON（qunma status --json 的输出）写成任务摘要里的群池表，并标出警告和错误。

    The pool health in STATUS_JSON (from qunma status --json) as the job summary, with annotations.
    """
    import os

    from generator.deploy.ci import pool_summary, read_status_json
    from generator.input.load import load_project

    lang = load_project(campaigns).site.language
    summary = pool_summary(read_status_json(status_json), sync_outcome, lang)
    for line in summary.annotations:
        click.echo(line)
    if not summary.write(os.environ):
        click.echo(summary.markdown, nl=False)


@ci.command("decide", short_help="是否部署 / deploy or not")
@campaigns_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    help="生成好的网站 / the built site.",
)
@click.option(
    "--published",
    metavar="URL|FILE",
    required=True,
    help="线上网站或它的清单 / the live site or its manifest.",
)
@click.option(
    "--force", type=bool, default=False, help="指纹没变也部署 / deploy even if the fingerprint is unchanged."
)
@reports_errors
def ci_decide(campaigns: Path, site_dir: Path, published: str, force: bool) -> None:
    """比较生成的和线上网站的指纹，决定是否部署（写入步骤输出 deploy）。

    Deploy or not: compare the built fingerprint with the live site's; set the step output `deploy`.
    """
    import os

    from generator.deploy.ci import decide_and_record
    from generator.input.load import load_project

    lang = load_project(campaigns).site.language
    click.echo(decide_and_record(site_dir, published, force=force, environ=os.environ, lang=lang))


@main.command(short_help="可打印的海报 / printable posters")
@click.argument("campaign", required=False)
@click.argument("channel", required=False)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="海报放在哪个文件夹（默认 campaigns.yml 旁边的 posters/）/ output folder (default: posters/ beside "
    "campaigns.yml).",
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
    out: Path | None,
    size: str,
    font: Path | None,
    campaigns: Path,
    now: datetime | None,
) -> None:
    """可打印的海报（A6 包裹卡、A4 立牌，300 dpi），印着每个页面的永久码；默认放在 campaigns.yml 旁边的
    posters/。只要某个活动或渠道的海报，写上 CAMPAIGN（和 CHANNEL）。

    Printable posters (A6 parcel card, A4 standee, 300 dpi) with each page's permanent entry code, in
    posters/ beside campaigns.yml unless --out says otherwise; CAMPAIGN (and CHANNEL) narrow them down.
    """
    from generator.build import aware
    from generator.errors import display_path
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
    out = out if out is not None else campaigns.parent / "posters"  # with the site, wherever one runs it
    for path, data in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    click.echo(t(project.site.language, "poster_written", count=len(files), folder=display_path(out)))


# --- qunma init (issue 13) -----------------------------------------------------------------------------


@main.command(short_help="新建一个网站 / start a new site")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="网站和注释的语言 / the language of the site and of the comments.",
)
@now_option
@reports_errors
def init(folder: Path, lang: str, now: datetime | None) -> None:
    """新建一个网站：在 FOLDER（默认当前文件夹）写好能直接 check 和 build 的起点；不覆盖任何已有文件。

    Start a new site in FOLDER (default: here): campaigns.yml, pool-status.yml, mkdocs.yml, .gitignore,
    the CI workflow and the JSON Schema, ready for qunma check and qunma build. Overwrites nothing.
    """
    from generator.errors import display_path
    from generator.messages import t
    from generator.scaffold.init import init_site

    made = init_site(folder, lang, now or datetime.now().astimezone())
    here = made.folder.resolve() == Path.cwd().resolve()
    cd = "" if here else f"  cd {display_path(made.folder)}\n"
    click.echo(t(lang, "init_done", folder=display_path(made.folder), count=len(made.files), cd=cd))


# --- qunma build / serve (issue 4) ---------------------------------------------------------------------


@main.command(short_help="生成网站 / build the site")
@campaigns_option
@now_option
@site_dir_option
@config_file_option
@click.option("--posters", is_flag=True, help="同时生成可打印海报（A6、A4）/ also render printable posters.")
@reports_errors
def build(
    campaigns: Path, now: datetime | None, site_dir: Path | None, config_file: Path | None, posters: bool
) -> None:
    """生成整个网站（进群页、群规页、二维码和 MkDocs 页面）到 --site-dir。先在旁边生成，成功了才换上，
    失败时旧网站保持原样。

    Build the whole site (every group page, rules page and code, and the MkDocs pages) into --site-dir,
    with the mkdocs.yml beside campaigns.yml (or --config-file, or built-in settings). It is built beside
    the old site and swapped in only when the build succeeds.
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


@main.command(short_help="本地预览，保存即刷新 / preview with live reload")
@campaigns_option
@now_option
@config_file_option
@click.option("--dev-addr", metavar="IP:PORT", help="预览地址（默认 127.0.0.1:8000）/ address to serve on.")
@reports_errors
def serve(campaigns: Path, now: datetime | None, config_file: Path | None, dev_addr: str | None) -> None:
    """在本地预览网站：每次保存 campaigns.yml 就重新生成、浏览器自动刷新；有错误时浏览器里直接显示。

    Preview the site locally: it rebuilds and the browser reloads on every save of campaigns.yml; problems
    are shown in the browser.
    """
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


@main.command(short_help="用上 qr/inbox/ 里的新群码 / apply the saved codes")
@campaigns_option
@now_option
@click.option(
    "--dry-run", is_flag=True, help="只显示会怎么改（diff），什么都不改 / print the diff, change nothing."
)
@reports_errors
def refresh(campaigns: Path, now: datetime | None, dry_run: bool) -> None:
    """把从微信保存、放进 qr/inbox/ 的群二维码用到 campaigns.yml 里：每张图读出群链接、群名和有效期，
    只改那个群的 qr: 和 issued:（或 expires:）两行，图片移到 qr/ 下。有任何一张用不上时什么都不改
    （退出码 1）。没装 ocr 扩展时按文件名认群和日期，例如 g1-11月30日.png。

    Apply the group QR images saved from WeChat into qr/inbox/ to campaigns.yml.

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


@ci.command("inbox", short_help="收件箱的机器人提交 / the inbox bot commit")
@campaigns_option
@now_option
@click.option("--remote", default="origin", show_default=True, help="推送到的远端 / the git remote")
@click.option("--branch", default="main", show_default=True, help="提交到的分支 / the bot commit's branch")
@reports_errors
def ci_inbox(campaigns: Path, now: datetime | None, remote: str, branch: str) -> None:
    """用上 qr/inbox/ 并作为一次机器人提交推送到 --branch，提交说明列出每个更新了的群。

    Apply qr/inbox/ and push it to --branch as one bot commit listing each group updated."""
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
