"""The `qunma` command: the only module that parses argv. Exit 0 ok, 1 invalid input, 2 usage error."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.errors import InputError, QunmaError

F = TypeVar("F", bound=Callable[..., Any])


def _parse_now(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"“{value}”不是 ISO 8601 时间，例如 2026-11-23T10:00+08:00") from None
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
    """Turn core errors into messages on stderr and exit 1; never a traceback for bad input."""

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

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qunma")
def main() -> None:
    """群码 qunma: turn campaigns.yml into group-entry pages that rotate to the open group."""


@main.command()
@campaigns_option
@now_option
@reports_errors
def check(campaigns: Path, now: datetime | None) -> None:
    """Validate campaigns.yml (and pool-status.yml beside it); exit 1 with every problem found."""
    from generator.load import load_project

    project = load_project(campaigns, now=now)
    groups = sum(len(c.groups) for c in project.campaigns)
    click.echo(f"✓ {campaigns}: {len(project.campaigns)} 个活动，{groups} 个群，没有发现问题")
