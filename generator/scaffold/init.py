"""The files of a new site, and writing them all or none."""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata, resources
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.common.oserrors import os_problem
from generator.errors import QunmaError, display_path
from generator.messages import t

LANGUAGES = ("zh", "en")
TIMEZONE = "Asia/Shanghai"
WORKFLOW = ".github/workflows/deploy.yml"
TITLES = {"zh": "我的品牌 · 福利群", "en": "My Brand · Member groups"}
# The repository's set-up step (./dev.sh, uv.lock) becomes an install of what requirements.txt names.
_SETUP_STEP = re.compile(
    r"(?:^      #[^\n]*\n)*^      - name: Set up the Python packages[^\n]*\n^        run: [^\n]*\n", re.M
)
_INSTALL_STEP = (
    "      # qunma as requirements.txt names it (a release, or a commit of its repository).\n"
    "      - name: Install qunma\n"
    "        run: python -m venv .venv && .venv/bin/pip install --quiet -r requirements.txt\n"
)
_CACHE_FILES = re.compile(r"hashFiles\([^)]*\)")


@dataclass(frozen=True)
class NewSite:
    folder: Path
    files: tuple[str, ...]  # relative to folder, in the order written


def init_site(folder: Path, lang: str, now: datetime) -> NewSite:
    """Write a new site into folder (made if missing); QunmaError, writing nothing, if a file is there."""
    files = site_files(lang, now)
    taken = sorted(name for name in files if (folder / name).exists() or (folder / name).is_symlink())
    if taken:
        listed = "\n".join(f"  {display_path(folder / name)}" for name in taken)
        raise QunmaError(t(lang, "init_taken", folder=folder.resolve(), files=listed))
    written: list[Path] = []
    try:
        for name, data in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as handle:  # never over a file that appeared meanwhile
                written.append(path)
                handle.write(data)
    except OSError as exc:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise QunmaError(t(lang, "init_failed", detail=os_problem(exc, lang, fallback=folder))) from None
    return NewSite(folder, tuple(files))


def site_files(lang: str, now: datetime) -> dict[str, bytes]:
    """Every file of a new site in lang ("zh" or "en"), its groups issued at now (to the minute)."""
    stamp = now.astimezone(ZoneInfo(TIMEZONE)).strftime("%Y-%m-%d %H:%M")  # the templates' site.timezone
    fill = {"@NOW@": stamp, "@TITLE@": TITLES[lang], "@REQUIREMENT@": requirement()}
    texts = {
        "campaigns.yml": _template(f"{lang}/campaigns.yml"),
        "pool-status.yml": _template(f"{lang}/pool-status.yml"),
        "mkdocs.yml": _template(f"{lang}/mkdocs.yml"),
        ".gitignore": _template("gitignore"),
        "requirements.txt": _template(f"{lang}/requirements.txt"),
        WORKFLOW: site_workflow(_template("deploy.yml")),
        "site_src/.gitkeep": "",
    }
    files = {name: _filled(text, fill).encode("utf-8") for name, text in texts.items()}
    files["campaigns.schema.json"] = (resources.files("generator") / "campaigns.schema.json").read_bytes()
    return files


def site_workflow(repository_workflow: str) -> str:
    """The repository's CI workflow for a site of its own: qunma installed from requirements.txt."""
    text, steps = _SETUP_STEP.subn(_INSTALL_STEP, repository_workflow)
    text, keys = _CACHE_FILES.subn("hashFiles('campaigns.yml', 'requirements.txt')", text)
    if steps < 1 or keys != 1:  # each job that sets up installs qunma the same way
        raise AssertionError("the workflow template no longer has its set-up steps and cache key")
    return text


def requirement() -> str:
    """How CI can install the qunma that runs: the repository and commit it came from, else its version."""
    try:
        dist = metadata.distribution("qunma")
    except metadata.PackageNotFoundError:
        return "qunma"
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    vcs = direct.get("vcs_info") if isinstance(direct, dict) else None
    if isinstance(vcs, dict) and vcs.get("commit_id") and str(direct.get("url", "")).startswith("https://"):
        return f"qunma @ {vcs.get('vcs', 'git')}+{direct['url']}@{vcs['commit_id']}"
    return f"qunma=={dist.version}"


def _template(name: str) -> str:
    return (resources.files(__package__) / "templates" / name).read_text(encoding="utf-8")


def _filled(text: str, fill: dict[str, str]) -> str:
    for marker, value in fill.items():
        text = text.replace(marker, value)
    return text
