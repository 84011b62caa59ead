"""The published manifest: every public page URL the site serves, plus the customer-visible fingerprint.

The build writes it to /qunma-manifest.json. CI reads the live one back to deploy only when the fingerprint
changed, and `qunma check --published` refuses a campaigns.yml that drops or renames a published campaign or
channel: printed codes point at those URLs for years.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import InputError, Problem, QunmaError, display_path
from generator.i18n import t
from generator.model import Project
from generator.rotation import Plan
from generator.yamlsrc import Source, compose

MANIFEST_PATH = "qunma-manifest.json"
VERSION = 1


def published_pages(project: Project) -> dict[str, list[str]]:
    """Campaign id → its channel ids, for every campaign (archived ones too: their URLs keep answering)."""
    return {c.id: [ch.id for ch in c.channels] for c in project.campaigns}


def manifest_json(project: Project, plan: Plan) -> bytes:
    """The manifest file's bytes: {"version", "fingerprint", "urls", "campaigns"} (deterministic)."""
    pages = published_pages(project)
    urls = sorted([f"{c}/" for c in pages] + [f"{c}/{ch}/" for c, chs in pages.items() for ch in chs])
    document = {"version": VERSION, "fingerprint": plan.fingerprint(), "urls": urls, "campaigns": pages}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Published:
    """A manifest read back from a deployed site (or a file)."""

    source: str
    fingerprint: str
    campaigns: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class NotPublished:
    """Nothing is live at the address yet (a first deploy): there is no manifest to compare with."""

    source: str  # the manifest's address
    why: str  # in the site's language: "the site answers HTTP 404", "the host name … has no address", …


# getaddrinfo's answers for a name that does not exist (or has no address), as opposed to EAI_AGAIN: a
# resolver that failed this time, which may hide a live site.
_NO_SUCH_HOST = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}


def parse_manifest(raw: bytes, source: str, lang: str = "zh") -> Published:
    """Published from the manifest's bytes; QunmaError naming `source` when it is not one."""

    def invalid(detail: str) -> QunmaError:
        return QunmaError(t(lang, "published_invalid", source=source, detail=detail))

    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise invalid(f"JSON: {exc}") from None
    version = document.get("version") if isinstance(document, dict) else None
    if not isinstance(document, dict) or version != VERSION:
        raise invalid(f"version {version!r}, expected {VERSION}")
    fingerprint, campaigns = document.get("fingerprint"), document.get("campaigns")
    if not isinstance(fingerprint, str) or not isinstance(campaigns, dict):
        raise invalid("fingerprint/campaigns")
    if not all(isinstance(v, list) and all(isinstance(ch, str) for ch in v) for v in campaigns.values()):
        raise invalid("campaigns")
    return Published(source, fingerprint, {str(c): tuple(chs) for c, chs in campaigns.items()})


def manifest_location(source: str) -> str:
    """Where the manifest is: a site address gets /qunma-manifest.json appended, a folder its file."""
    if source.startswith(("https://", "http://")):
        return source + MANIFEST_PATH if source.endswith("/") else source
    path = Path(source)
    return str(path / MANIFEST_PATH) if path.is_dir() else source


def read_published(source: str, lang: str = "zh", *, timeout: float = 20.0) -> Published | NotPublished:
    """The manifest at a URL or file; NotPublished if no site is live there yet (404, no such host, refused).

    Anything else that keeps the manifest from being read (5xx, a timeout, a failed DNS lookup, a broken
    manifest) is a QunmaError: a live site that is failing must never pass as "nothing published".
    """
    location = manifest_location(source)
    if not location.startswith(("https://", "http://")):
        try:
            return parse_manifest(Path(location).read_bytes(), location, lang)
        except OSError as exc:
            raise QunmaError(t(lang, "published_unreadable", source=location, detail=exc.strerror)) from None
    fetched = _fetch(location, lang, timeout)
    return fetched if isinstance(fetched, NotPublished) else parse_manifest(fetched, location, lang)


def _fetch(location: str, lang: str, timeout: float) -> bytes | NotPublished:
    request = Request(location, headers={"User-Agent": "qunma", "Cache-Control": "no-cache"})
    try:
        with urlopen(request, timeout=timeout) as response:
            raw: bytes = response.read()
            return raw
    except HTTPError as exc:
        exc.close()
        if exc.code in (404, 410):
            return NotPublished(location, t(lang, "published_why_http", code=exc.code))
        detail = f"HTTP {exc.code}"
    except (URLError, OSError, HTTPException) as exc:
        reason = exc.reason if isinstance(exc, URLError) else exc
        why = _nothing_there(reason, urlsplit(location).hostname or location, lang)
        if why is not None:
            return NotPublished(location, why)
        detail = str(reason) or type(reason).__name__
    raise QunmaError(t(lang, "published_unreadable", source=location, detail=detail))


def _nothing_there(reason: object, host: str, lang: str) -> str | None:
    """Why no site can be live at `host` (it does not exist, or nothing listens); None if it may be."""
    if isinstance(reason, socket.gaierror) and reason.errno in _NO_SUCH_HOST:
        return t(lang, "published_why_no_host", host=host)
    if isinstance(reason, ConnectionRefusedError):
        return t(lang, "published_why_refused", host=host)
    return None


def missing_published(project: Project, published: Published) -> list[Problem]:
    """A problem for every published campaign or channel that campaigns.yml no longer has."""
    lang, base = project.site.language, project.site.base_url
    name = display_path(project.source)
    current = published_pages(project)
    positions = _campaign_positions(project.source)
    problems: list[Problem] = []
    for campaign, channels in sorted(published.campaigns.items()):
        if campaign not in current:
            message = t(lang, "published_campaign_missing", campaign=campaign, url=f"{base}{campaign}/")
            problems.append(Problem(name, 0, 0, message))
            continue
        line, column = positions.get(campaign, (0, 0))
        for channel in channels:
            if channel not in current[campaign]:
                url = f"{base}{campaign}/{channel}/"
                message = t(lang, "published_channel_missing", campaign=campaign, channel=channel, url=url)
                problems.append(Problem(name, line, column, message))
    return problems


def check_published(project: Project, published: Published) -> int:
    """Raise InputError when a published URL would stop answering; else the number of published URLs."""
    problems = missing_published(project, published)
    if problems:
        raise InputError(problems)
    return sum(1 + len(channels) for channels in published.campaigns.values())


def _campaign_positions(source: Path) -> dict[str, tuple[int, int]]:
    """Campaign id → (line, column) of its entry in campaigns.yml; empty when the file cannot be read."""
    try:
        root = compose(source.read_text(encoding="utf-8"), Source(str(source)))
    except (OSError, UnicodeDecodeError, InputError):
        return {}
    items = _value(root, "campaigns")
    if not isinstance(items, SequenceNode):
        return {}
    positions: dict[str, tuple[int, int]] = {}
    for item in items.value:
        ident = _value(item, "id")
        if isinstance(ident, ScalarNode):
            positions.setdefault(ident.value, (item.start_mark.line + 1, item.start_mark.column + 1))
    return positions


def _value(node: Node | None, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value == key:
            found: Node = v
            return found
    return None


def verify_published(project: Project, source: str) -> str:
    """`check --published`: read the live manifest and refuse dropped URLs; returns the line to print."""
    lang = project.site.language
    published = read_published(source, lang)
    if isinstance(published, NotPublished):
        return t(lang, "published_nothing_live", source=published.source, why=published.why)
    return t(lang, "published_ok", count=check_published(project, published))
