"""What is live: the manifest a deployed site publishes, read back from its URL (or a file).

CI deploys only when the fingerprint differs from the live one, and `qunma check --published` refuses a
campaigns.yml that drops or renames a published campaign or channel: printed codes point at those URLs for
years. Everything read from the live site is bounded (time, size, JSON depth) and never echoed raw.
"""

from __future__ import annotations

import re
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.common.httpclient import HttpClient, Limits, NetError, parse_json
from generator.common.remotetext import excerpt, shown
from generator.errors import InputError, Problem, QunmaError, display_path
from generator.input.scalars import SLUG
from generator.input.yamlsrc import Source, compose
from generator.messages import t
from generator.model import Project
from generator.render.manifest import MANIFEST_PATH, VERSION, published_pages

# One read of the live manifest: 30 s in all. The manifest of 1,000 stores × 5 channels (bench/) is 0.2 MB
# and 12,000 JSON values: these limits leave room for ~16,000 such stores, and parsing the worst manifest
# they let through costs ~20 MB.
LIMITS = Limits(deadline=30.0, read_timeout=15.0, max_bytes=4 * 2**20, max_redirects=5, max_values=200_000)
_ID = re.compile(SLUG)
_FINGERPRINT = re.compile(r"[0-9a-f]{64}")  # Plan.fingerprint(): a sha256


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


def parse_manifest(raw: bytes, source: str, lang: str = "zh", limits: Limits = LIMITS) -> Published:
    """Published from the manifest's bytes; QunmaError naming `source` when it is not one.

    Every id must be an id campaigns.yml could hold and the fingerprint a sha256: they are printed later.
    """

    def invalid(detail: str) -> QunmaError:
        return QunmaError(t(lang, "published_invalid", source=source, detail=detail))

    try:
        document = parse_json(raw, limits)
    except NetError as exc:
        raise invalid(exc.describe(lang)) from None
    version = document.get("version") if isinstance(document, dict) else None
    if not isinstance(document, dict) or type(version) is not int or version != VERSION:
        raise invalid(f"version {excerpt(version, 40)}, expected {VERSION}")
    fingerprint, campaigns = document.get("fingerprint"), document.get("campaigns")
    if not isinstance(fingerprint, str) or not _FINGERPRINT.fullmatch(fingerprint):
        raise invalid(f"fingerprint {excerpt(fingerprint, 80)}")
    if not isinstance(campaigns, dict):
        raise invalid(f"campaigns {excerpt(campaigns, 40)}")
    for campaign, channels in campaigns.items():
        if not _ID.fullmatch(campaign):
            raise invalid(f"campaign id {excerpt(campaign, 80)}")
        if not isinstance(channels, list):
            raise invalid(f"campaigns.{campaign}: {excerpt(channels, 80)}")
        bad = [ch for ch in channels if not isinstance(ch, str) or not _ID.fullmatch(ch)]
        if bad:
            raise invalid(f"campaigns.{campaign}: channel id {excerpt(bad[0], 80)}")
    return Published(source, fingerprint, {c: tuple(chs) for c, chs in campaigns.items()})


def manifest_location(source: str) -> str:
    """Where the manifest is: a site address gets /qunma-manifest.json appended, a folder its file."""
    if source.startswith(("https://", "http://")):
        return source + MANIFEST_PATH if source.endswith("/") else source
    path = Path(source)
    return str(path / MANIFEST_PATH) if path.is_dir() else source


def read_published(
    source: str, lang: str = "zh", *, limits: Limits = LIMITS, tls: ssl.SSLContext | None = None
) -> Published | NotPublished:
    """The manifest at a URL or file; NotPublished only if no site is live there yet.

    Nothing is live only when the configured site answers a clean 404 or 410, or its host name does not
    exist. Anything else (5xx, a refused connection, a timeout, a failed DNS lookup, a redirect to another
    site, a broken manifest) is a QunmaError: a live site that is failing, or an address that points
    elsewhere, must never pass as "nothing published", which would switch the check off.
    """
    location = manifest_location(source)
    if not location.startswith(("https://", "http://")):
        return parse_manifest(_read_file(location, lang, limits.max_bytes), location, lang, limits)
    fetched = _fetch(location, lang, HttpClient(limits, tls=tls))
    return fetched if isinstance(fetched, NotPublished) else parse_manifest(fetched, location, lang, limits)


def _read_file(location: str, lang: str, max_bytes: int) -> bytes:
    try:
        with open(location, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        raise QunmaError(t(lang, "published_unreadable", source=location, detail=detail)) from None
    if len(raw) > max_bytes:
        detail = NetError("too_large", size=f"{max_bytes / 2**20:g} MB").describe(lang)
        raise QunmaError(t(lang, "published_unreadable", source=location, detail=detail))
    return raw


def _fetch(location: str, lang: str, client: HttpClient) -> bytes | NotPublished:
    host = urlsplit(location).hostname
    try:
        response = client.request("GET", location, headers={"Cache-Control": "no-cache"})
    except NetError as exc:
        if exc.kind == "no_host" and exc.host == host:  # the configured host, not one redirected to
            return NotPublished(location, t(lang, "published_why_no_host", host=shown(host or "")))
        raise QunmaError(
            t(lang, "published_unreadable", source=location, detail=exc.describe(lang))
        ) from None
    if response.status in (404, 410):
        return NotPublished(location, t(lang, "published_why_http", code=response.status))
    if response.status != 200:
        detail = f"HTTP {response.status}"
        raise QunmaError(t(lang, "published_unreadable", source=location, detail=detail))
    return response.body


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


def verify_published(project: Project, source: str, environ: Mapping[str, str] | None = None) -> str:
    """`check --published`: read the live manifest and refuse dropped URLs; returns the line to print."""
    lang = project.site.language
    published = read_published(source, lang, limits=LIMITS.with_env(environ or {}, lang))
    if isinstance(published, NotPublished):
        return t(lang, "published_nothing_live", source=published.source, why=published.why)
    return t(lang, "published_ok", count=check_published(project, published))
