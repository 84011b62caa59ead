"""CI glue behind the hidden `qunma ci …` commands: the deploy decision and the pool-health job summary.

The workflow (.github/workflows/deploy.yml) builds on every push and every few minutes, but deploys only
when the customer-visible fingerprint differs from the one the live site publishes in /qunma-manifest.json.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.deploy.published import LIMITS, NotPublished, Published, parse_manifest, read_published
from generator.messages import t
from generator.render.manifest import MANIFEST_PATH


@dataclass(frozen=True)
class Decision:
    deploy: bool
    reason: str  # one line, in the site's language
    built: str  # the fingerprint just built
    published: str | None  # the live site's (None: nothing deployed yet)


def deploy_decision(
    site_dir: Path, published: Published | NotPublished, *, force: bool, lang: str = "zh"
) -> Decision:
    """Deploy when nothing is live yet, when forced, or when the built fingerprint differs from the live."""
    manifest = site_dir / MANIFEST_PATH
    built = parse_manifest(manifest.read_bytes(), str(manifest), lang).fingerprint
    if isinstance(published, NotPublished):
        why = {"source": published.source, "why": published.why}
        return Decision(True, t(lang, "ci_deploy_nothing_live", built=built[:12], **why), built, None)
    live = published.fingerprint
    if force:
        key = "ci_deploy_forced"
    elif live != built:
        key = "ci_deploy_changed"
    else:
        return Decision(False, t(lang, "ci_deploy_same", built=built[:12]), built, live)
    return Decision(True, t(lang, key, built=built[:12], live=live[:12]), built, live)


def decide_and_record(
    site_dir: Path, source: str, *, force: bool, environ: Mapping[str, str], lang: str = "zh"
) -> str:
    """`qunma ci decide`: the decision, recorded as the step output `deploy` and in the job summary."""
    published = read_published(source, lang, limits=LIMITS.with_env(environ, lang))
    decision = deploy_decision(site_dir, published, force=force, lang=lang)
    append_to_env_file("GITHUB_OUTPUT", f"deploy={'true' if decision.deploy else 'false'}", environ)
    append_to_env_file("GITHUB_STEP_SUMMARY", f"\n{decision.reason}\n", environ)
    return decision.reason


def append_to_env_file(variable: str, text: str, environ: Mapping[str, str]) -> bool:
    """Append a line to the file named by a GitHub Actions variable (GITHUB_OUTPUT, …); False when unset."""
    target = environ.get(variable)
    if not target:
        return False
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")
    return True


# --- the pool-health summary --------------------------------------------------------------------------

_LEVEL_ORDER = {"empty": 0, "low": 1, "ok": 2}
_ICONS = {"empty": "🔴", "low": "🟠", "ok": "🟢"}
_HEADER = (
    "status_col_health",
    "ci_col_page",
    "status_col_group",
    "status_col_seats",
    "ci_col_open",
    "status_col_expiry",
    "ci_col_reason",
)


@dataclass(frozen=True)
class Summary:
    markdown: str
    annotations: tuple[str, ...]  # ::error::/::warning:: workflow commands, for the log

    def write(self, environ: Mapping[str, str]) -> bool:
        """Append the Markdown to $GITHUB_STEP_SUMMARY; False outside GitHub Actions."""
        return append_to_env_file("GITHUB_STEP_SUMMARY", self.markdown, environ)


def read_status_json(path: Path) -> Any:
    """The `qunma status --json` document, or None when the file is missing, empty or not JSON."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None


def pool_summary(document: Any, sync_outcome: str, lang: str = "zh") -> Summary:
    """The status document as a job summary: a table with empty and low pools first, plus annotations."""
    annotations = [f"::warning::{_escape(t(lang, 'ci_sync_failure'))}"] if sync_outcome == "failure" else []
    pages = document.get("pages") if isinstance(document, dict) else None
    if not isinstance(pages, list):
        notice = t(lang, "ci_no_status")
        return Summary(f"{notice}\n", (*annotations, f"::warning::{_escape(notice)}"))
    pages = sorted((p for p in pages if isinstance(p, dict)), key=_severity)
    sync_key = f"ci_sync_{sync_outcome}" if sync_outcome in ("success", "failure") else "ci_sync_skipped"
    lines = [t(lang, "ci_summary_title", now=_when(document.get("now"))), "", t(lang, sync_key), ""]
    lines.append("| " + " | ".join(t(lang, key) for key in _HEADER) + " |")
    lines.append("| --- | --- | --- | ---: | ---: | --- | --- |")
    lines += [_table_row(page, lang) for page in pages]
    annotations += [a for page in pages if (a := _annotation(page, lang))]
    return Summary("\n".join(lines) + "\n", tuple(annotations))


def _severity(page: dict[str, Any]) -> int:
    return _LEVEL_ORDER.get(str(page.get("health")), len(_LEVEL_ORDER))


def _table_row(page: dict[str, Any], lang: str) -> str:
    level, shown = page.get("health"), page.get("shown")
    if isinstance(shown, dict):
        group = f"{shown.get('name')} ({shown.get('id')})"
    else:
        group = t(lang, f"status_state_{page.get('state')}") if page.get("state") != "open" else "—"
    health = f"{_ICONS[level]} {t(lang, f'status_health_{level}')}" if level in _ICONS else str(level)
    cells = (
        health,
        f"`/{page.get('path')}`",
        group,
        page.get("seats_left"),
        page.get("open_groups"),
        _when(page.get("next_expiry")) or "—",
        page.get("reason"),
    )
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _annotation(page: dict[str, Any], lang: str) -> str | None:
    level = page.get("health")
    if level not in ("empty", "low"):
        return None
    title = t(lang, f"ci_annotation_{level}", page=f"/{page.get('path')}")
    command = "error" if level == "empty" else "warning"
    return f"::{command} title={_escape(title, prop=True)}::{_escape(str(page.get('reason') or title))}"


def _when(value: object) -> str:
    """An ISO 8601 time from the status document as "2026-11-23 10:00" (its own zone: the site's)."""
    try:
        return datetime.fromisoformat(str(value)).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return "" if value is None else str(value)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _escape(text: str, *, prop: bool = False) -> str:
    """Workflow-command escaping (GitHub's rules), so a reason can neither end nor forge a command."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text
