"""The built site folder as the deploy sees it: every file's content hash, and the headers it is served with.

Only read, never written (a build may hard-link files from the previous site): regular files only, a
symbolic link or anything else is refused, so nothing outside the site folder is ever uploaded. A folder
without qunma's manifest is refused too: `--site-dir ~` must not publish someone's home folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.common.regularfile import read_regular
from generator.errors import QunmaError, display_path
from generator.messages import t
from generator.render.manifest import MANIFEST_PATH

STATE_KEY = "qunma-deploy.json"  # what is live, kept in the bucket beside the site (written last)
MAX_FILE = 512 * 2**20  # one file of a static site; a bigger one is a mistake, not a page
IMMUTABLE = "public, max-age=31536000, immutable"
ASSET_MAX_AGE = (
    3600  # entry codes, the logo, unhashed theme files: their names stay, their bytes rarely change
)

# Names that change whenever the content does: a new version is a new name, so caching forever is safe.
_HASHED = re.compile(r"qr/[0-9a-f]{12,64}\.png|assets/.*\.[0-9a-f]{8}\.min\.(js|css)(\.map)?")
_UTF8 = "; charset=utf-8"
_TYPES = {
    ".html": "text/html" + _UTF8,
    ".htm": "text/html" + _UTF8,
    ".json": "application/json" + _UTF8,
    ".map": "application/json" + _UTF8,
    ".webmanifest": "application/manifest+json" + _UTF8,
    ".css": "text/css" + _UTF8,
    ".js": "text/javascript" + _UTF8,
    ".mjs": "text/javascript" + _UTF8,
    ".xml": "application/xml" + _UTF8,
    ".txt": "text/plain" + _UTF8,
    ".svg": "image/svg+xml" + _UTF8,
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".gz": "application/gzip",  # sitemap.xml.gz is a gzip file, not gzip-encoded XML: no Content-Encoding
    ".woff2": "font/woff2",
    ".woff": "font/woff",
}


@dataclass(frozen=True)
class SiteFile:
    path: str  # relative, with "/"
    sha256: str
    size: int


def is_html(path: str) -> bool:
    return path.endswith((".html", ".htm"))


def content_type(path: str) -> str:
    """The Content-Type a file is served with: text types carry charset=utf-8 (WeChat guesses otherwise)."""
    return _TYPES.get(os.path.splitext(path)[1].lower(), "application/octet-stream")


def cache_control(path: str, html_max_age: int) -> str:
    """HTML and the manifests short-lived; content-hashed names forever; other assets an hour."""
    if is_html(path) or path in (MANIFEST_PATH, STATE_KEY):
        return f"public, max-age={html_max_age}"
    if _HASHED.fullmatch(path):
        return IMMUTABLE
    return f"public, max-age={ASSET_MAX_AGE}"


def scan_site(site_dir: Path, lang: str) -> dict[str, SiteFile]:
    """Every file of the site folder with its hash; QunmaError for a folder qunma did not build."""
    if not (site_dir / MANIFEST_PATH).is_file():
        raise QunmaError(t(lang, "deploy_not_a_site", dir=display_path(site_dir), manifest=MANIFEST_PATH))
    files: dict[str, SiteFile] = {}
    for path in _walk(site_dir, site_dir, lang):
        data = read_file(site_dir, path)
        files[path] = SiteFile(path, hashlib.sha256(data).hexdigest(), len(data))
    if STATE_KEY in files:
        raise QunmaError(t(lang, "deploy_reserved_name", name=STATE_KEY))
    return files


def read_file(site_dir: Path, path: str) -> bytes:
    """The bytes of one site file (a regular file within the size bound; OSError otherwise)."""
    return read_regular(site_dir / path, MAX_FILE)


def _walk(folder: Path, root: Path, lang: str) -> list[str]:
    found: list[str] = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISDIR(mode):
                found += _walk(Path(entry.path), root, lang)
            elif stat.S_ISREG(mode):
                found.append(Path(entry.path).relative_to(root).as_posix())
            else:  # a link could point anywhere (~/.ssh): never follow it into a public bucket
                shown_path = display_path(Path(entry.path))
                raise QunmaError(t(lang, "deploy_not_regular", path=shown_path))
    return found
