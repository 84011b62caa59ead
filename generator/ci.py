"""CI glue behind the hidden `qunma ci …` commands: the deploy decision and the pool-health job summary.

The workflow (.github/workflows/deploy.yml) builds on every push and every few minutes, but deploys only
when the customer-visible fingerprint differs from the one the live site publishes in /qunma-manifest.json.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.i18n import t
from generator.manifest import MANIFEST_PATH, Published, parse_manifest


@dataclass(frozen=True)
class Decision:
    deploy: bool
    reason: str  # one line, in the site's language
    built: str  # the fingerprint just built
    published: str | None  # the live site's (None: nothing deployed yet)


def deploy_decision(site_dir: Path, published: Published | None, *, force: bool, lang: str = "zh") -> Decision:
    """Deploy when forced, when nothing is deployed yet, or when the built fingerprint differs from the live one."""
    manifest = site_dir / MANIFEST_PATH
    built = parse_manifest(manifest.read_bytes(), str(manifest), lang).fingerprint
    live = None if published is None else published.fingerprint
    if published is None:
        key = "ci_deploy_first"
    elif force:
        key = "ci_deploy_forced"
    elif live != built:
        key = "ci_deploy_changed"
    else:
        return Decision(False, t(lang, "ci_deploy_same", fingerprint=_short(built)), built, live)
    return Decision(True, t(lang, key, built=_short(built), live=_short(live or "")), built, live)


def append_to_env_file(variable: str, text: str, environ: Mapping[str, str]) -> bool:
    """Append text to the file named by a GitHub Actions variable (GITHUB_OUTPUT, …); False when unset."""
    target = environ.get(variable)
    if not target:
        return False
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")
    return True


def _short(fingerprint: str) -> str:
    return fingerprint[:12]
