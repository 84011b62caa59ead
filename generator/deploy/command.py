"""`qunma deploy` as the command runs it: the site's language and address from campaigns.yml, the target
from the environment, the deploy, the lines to print and the result file (written whatever happened)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from generator.deploy.report import done_lines, plan_lines, result_document, write_result
from generator.deploy.run import Outcome, deploy
from generator.deploy.target import Target, target_from_env
from generator.errors import QunmaError
from generator.input.load import load_project
from generator.input.modelcache import FOLDER, cache_dir


def deploy_command(
    campaigns: Path,
    site_dir: Path | None,
    environ: Mapping[str, str],
    *,
    dry_run: bool = False,
    result: Path | None = None,
    now: datetime | None = None,
) -> list[str]:
    """Deploy and return the lines to print; QunmaError (after the result file is written) on failure."""
    target: Target | None = None
    outcome: Outcome | None = None
    try:
        project = load_project(campaigns, cache=cache_dir(campaigns) / FOLDER, keep=False)
        lang = project.site.language
        target = target_from_env(environ, lang)
        folder = site_dir if site_dir is not None else campaigns.parent / "site"
        moment = now or datetime.now(UTC)
        outcome = deploy(
            folder, target, base_url=project.site.base_url, lang=lang, now=moment, dry_run=dry_run
        )
    except QunmaError as exc:
        if result is not None:
            where = target.describe() if target else None
            write_result(result, result_document(None, exc, where, dry_run=dry_run))
        raise
    if result is not None:
        write_result(result, result_document(outcome, None, target.describe(), dry_run=dry_run))
    if dry_run:
        return plan_lines(outcome, lang)
    return done_lines(outcome, target.describe(), lang)
