"""The moment a site pins in the mkdocs.yml beside campaigns.yml (`plugins: - qunma: {now: …}`).

The example site in qunma's repository is built, previewed and checked as of one fixed time, so that on any
date it shows live group codes instead of expired ones; a real site pins nothing and runs on the clock.
`qunma check` and `qunma status` read it here, without the site engine (MkDocs reads it for builds).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from generator.input.bounds import now_in_range

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold tags of its own (!ENV, !!python/name:…): read past them."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def pinned_now(campaigns: Path) -> datetime | None:
    """The `now` the qunma plugin of the mkdocs.yml beside campaigns sets for this campaigns file, if any.

    A file that cannot be read or a value that is no time pins nothing here (the build reports those)."""
    for name in CONFIG_NAMES:
        config = campaigns.parent / name
        if config.is_file():
            break
    else:
        return None
    try:
        document = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    options = _plugin_options(document)
    if options is None:
        return None
    named = config.parent / str(options.get("campaigns", "campaigns.yml"))
    return _moment(options.get("now")) if named.resolve() == campaigns.resolve() else None


def _plugin_options(document: Any) -> dict[str, Any] | None:
    plugins = document.get("plugins") if isinstance(document, dict) else None
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        entries = [next(iter(e.items())) if isinstance(e, dict) and e else (e, None) for e in plugins]
    else:
        return None
    for name, options in entries:
        if name == "qunma":
            return options if isinstance(options, dict) else {}
    return None


def _moment(value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if now_in_range(moment) else None
