"""campaigns.yml (+ pool-status.yml) → Project: read, check everything, then stop once with every problem.

The stages: file → text (yamlsrc.read_text) → node tree (yamlsrc.compose: syntax, duplicate keys, alias
bombs) → records (fileformat.DOCUMENT: keys, types, values, images) → model (assemble: inheritance and
cross-references) → pool status (poolstatus.read_status).
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import replace
from datetime import datetime, tzinfo
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from generator.common.nogc import no_cycle_collection
from generator.errors import InputError, display_path
from generator.input.assemble import build_project
from generator.input.fileformat import DOCUMENT
from generator.input.modelcache import Loaded, cached_load
from generator.input.shapes import Ctx, Record
from generator.input.timechecks import time_warnings
from generator.input.yamlsrc import Source, compose, read_text
from generator.messages import t
from generator.model import Project

STATUS_FILE = "pool-status.yml"
DEFAULT_TIMEZONE = "Asia/Shanghai"
# Before the YAML parses we cannot read site.language from the tree; this finds it in the text.
_LANGUAGE_LINE = re.compile(r"^[ \t]+language:[ \t]*[\"']?(zh|en)[\"']?[ \t]*(?:#.*)?$", re.MULTILINE)


def load_project(
    campaigns: Path,
    *,
    now: datetime | None = None,
    status_path: Path | None = None,
    cache: Path | None = None,
    keep: bool = True,
) -> Project:
    """Read and check campaigns.yml and the pool-status.yml beside it; InputError lists every problem.

    cache: a folder where the checked campaigns.yml is kept for the next load of the same file (modelcache);
    keep=False only reads it (`qunma status` leaves keeping to the build: writing costs a fifth of a load).
    """
    path = Path(campaigns)
    with no_cycle_collection():
        loaded = _load(path) if cache is None else cached_load(cache, path, lambda: _load(path), keep=keep)
        project = loaded.project
        moment = _aware(now, zoneinfo.ZoneInfo(project.site.timezone))
        lang = project.site.language
        timed = time_warnings(loaded.time_checks, moment, display_path(path), lang)
        project = replace(project, warnings=tuple(sorted(set(project.warnings) | set(timed))))
        return _with_status(project, status_path or path.parent / STATUS_FILE, moment)


def _load(path: Path) -> Loaded:
    root = _document(path)
    lang, zone = _language(root), _zone(root)
    ctx = Ctx(Source(display_path(path), lang), path.parent.resolve(), zone)
    doc = DOCUMENT.read(root, ctx)
    project = build_project(doc if isinstance(doc, Record) else Record(root), ctx, path.resolve())
    if ctx.problems:
        raise InputError(ctx.problems)
    project = replace(project, warnings=tuple(sorted(set(ctx.warnings))))
    return Loaded(project, tuple(ctx.time_checks), tuple(sorted(ctx.files)))


def _document(path: Path) -> MappingNode:
    """The root mapping of the file; a file that is unreadable, empty or no mapping raises InputError."""
    source = Source(display_path(path))
    text = read_text(path, source)
    match = _LANGUAGE_LINE.search(text)
    source = Source(source.name, match[1] if match else "zh")
    root = compose(text, source)
    if root is None:
        raise InputError([source.at(1, 1, "file_empty")])
    if not isinstance(root, MappingNode):
        raise InputError([source.problem(root, t(source.lang, "file_not_mapping"))])
    return root


def _site_value(root: MappingNode, key: str) -> str | None:
    """site.<key> as written, read before anything is checked (it decides how the rest is read)."""
    site = _child(root, "site")
    value = _child(site, key) if isinstance(site, MappingNode) else None
    return value.value if isinstance(value, ScalarNode) else None


def _child(node: MappingNode, key: str) -> Node | None:
    for key_node, value in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            found: Node = value
            return found
    return None


def _language(root: MappingNode) -> str:
    return "en" if _site_value(root, "language") == "en" else "zh"


def _zone(root: MappingNode) -> tzinfo:
    # A bad zone is reported by the Timezone shape; meanwhile times are read in the default one.
    try:
        return zoneinfo.ZoneInfo(_site_value(root, "timezone") or DEFAULT_TIMEZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return zoneinfo.ZoneInfo(DEFAULT_TIMEZONE)


def _aware(now: datetime | None, zone: tzinfo) -> datetime:
    """now in the site's time zone; a time without an offset is taken as site time."""
    if now is None:
        return datetime.now(zone)
    return now.replace(tzinfo=zone) if now.tzinfo is None else now.astimezone(zone)


def _with_status(project: Project, status_path: Path, now: datetime) -> Project:
    if not status_path.exists():
        return project
    if status_path.is_dir():
        raise InputError(
            [Source(display_path(status_path), project.site.language).at(0, 0, "status_is_folder")]
        )
    from generator.input.poolstatus import read_status

    status, warnings = read_status(status_path, project, now)
    return replace(project, status=status, warnings=project.warnings + tuple(warnings))
