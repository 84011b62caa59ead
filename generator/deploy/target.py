"""Where `qunma deploy` uploads to and how: read from the environment (CI secrets and variables), checked.

Nothing here talks to the network. The two keys are held apart from everything printable: `Target` shows
neither in its repr, and `secrets()` lists them for the scrubbing of any text that leaves the command.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from generator.common.remotetext import shown
from generator.errors import QunmaError
from generator.messages import t

ENDPOINT, BUCKET, REGION = "QUNMA_DEPLOY_ENDPOINT", "QUNMA_DEPLOY_BUCKET", "QUNMA_DEPLOY_REGION"
KEY_ID, SECRET, TOKEN = "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"
ADDRESSING = "QUNMA_DEPLOY_ADDRESSING"
HTML_MAX_AGE = "QUNMA_DEPLOY_HTML_MAX_AGE"
GRACE = "QUNMA_DEPLOY_GRACE"
DEADLINE = "QUNMA_DEPLOY_DEADLINE"
PURGE_COMMAND = "QUNMA_DEPLOY_PURGE_COMMAND"
PURGE_TIMEOUT = "QUNMA_DEPLOY_PURGE_TIMEOUT"
ATTEMPTS = "QUNMA_DEPLOY_ATTEMPTS"
TIMEOUT = "QUNMA_DEPLOY_TIMEOUT"

# Services that require (OSS, COS) or prefer (AWS) the bucket in the host name: bucket.endpoint-host.
# Everything else (MinIO, R2, a local test server, an IP address) gets path style: endpoint/bucket/key.
VIRTUAL_HOSTS = ("aliyuncs.com", "myqcloud.com", "amazonaws.com")
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")  # S3's rule, which COS and OSS share
_REGION = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
_SIGNATURE = re.compile(r"(Signature=|X-Amz-Signature=)[0-9a-fA-F]+")


@dataclass(frozen=True)
class Target:
    """One bucket behind an S3-compatible endpoint, and the deploy's own settings."""

    endpoint: str
    bucket: str
    region: str
    addressing: str  # "virtual" or "path"
    key_id: str = field(repr=False)
    secret: str = field(repr=False)
    token: str | None = field(default=None, repr=False)
    html_max_age: int = 60  # seconds: HTML and the manifests (a rotation must reach customers quickly)
    grace: int = 86_400  # seconds an unneeded file stays, so HTML still cached anywhere finds it
    deadline: float = 900.0  # seconds for the whole command
    attempts: int = 3  # tries of one request (botocore's standard retry mode)
    timeout: float = 30.0  # seconds for one connect or read
    purge_command: str | None = None
    purge_timeout: float = 120.0

    def secrets(self) -> tuple[str, ...]:
        """The values never to print (the key id too: it names the account)."""
        return tuple(s for s in (self.secret, self.key_id, self.token) if s)

    def describe(self) -> str:
        """Where the site goes, printable: endpoint host and bucket."""
        return f"{urlsplit(self.endpoint).netloc}/{self.bucket}"


def scrub(text: str, secrets: tuple[str, ...]) -> str:
    """text with every secret replaced by ***; a request signature goes too (it is no use to a reader)."""
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return _SIGNATURE.sub(r"\1***", text)


def default_addressing(endpoint: str) -> str:
    """Virtual-hosted style for the services that need it, path style for the rest (MinIO, R2, IPs)."""
    host = (urlsplit(endpoint).hostname or "").lower()
    try:
        ipaddress.ip_address(host)
        return "path"
    except ValueError:
        pass
    return "virtual" if any(host == h or host.endswith("." + h) for h in VIRTUAL_HOSTS) else "path"


def target_from_env(environ: Mapping[str, str], lang: str) -> Target:
    """The target the environment describes; QunmaError naming every variable that is missing or wrong."""
    values = {name: environ.get(name, "").strip() for name in (ENDPOINT, BUCKET, REGION, KEY_ID, SECRET)}
    missing = [name for name, value in values.items() if not value]
    if missing:
        raise QunmaError(t(lang, "deploy_missing_env", names=", ".join(missing)))
    endpoint = values[ENDPOINT].rstrip("/")
    parts = urlsplit(endpoint)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.path or parts.query:
        raise QunmaError(t(lang, "deploy_bad_endpoint", name=ENDPOINT, value=shown(endpoint, 80)))
    if not _BUCKET.fullmatch(values[BUCKET]):
        raise QunmaError(t(lang, "deploy_bad_bucket", name=BUCKET, value=shown(values[BUCKET], 80)))
    if not _REGION.fullmatch(values[REGION]):
        raise QunmaError(t(lang, "deploy_bad_region", name=REGION, value=shown(values[REGION], 80)))
    addressing = environ.get(ADDRESSING, "").strip().lower() or default_addressing(endpoint)
    if addressing not in ("virtual", "path"):
        raise QunmaError(t(lang, "deploy_bad_addressing", name=ADDRESSING, value=shown(addressing, 40)))
    html_max_age = _number(environ, HTML_MAX_AGE, 60, 0, 86_400, lang)
    grace = _number(environ, GRACE, max(86_400, 2 * html_max_age), 1, 90 * 86_400, lang)
    if grace <= html_max_age:
        raise QunmaError(t(lang, "deploy_grace_short", grace=GRACE, max_age=HTML_MAX_AGE))
    command = environ.get(PURGE_COMMAND, "").strip() or None
    return Target(
        endpoint=endpoint,
        bucket=values[BUCKET],
        region=values[REGION],
        addressing=addressing,
        key_id=values[KEY_ID],
        secret=values[SECRET],
        token=environ.get(TOKEN, "").strip() or None,
        html_max_age=int(html_max_age),
        grace=int(grace),
        deadline=_number(environ, DEADLINE, 900, 1, 6 * 3600, lang),
        attempts=int(_number(environ, ATTEMPTS, 3, 1, 10, lang)),
        timeout=_number(environ, TIMEOUT, 30, 0.1, 600, lang),
        purge_command=command,
        purge_timeout=_number(environ, PURGE_TIMEOUT, 120, 1, 3600, lang),
    )


def _number(
    environ: Mapping[str, str], name: str, default: float, low: float, high: float, lang: str
) -> float:
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:  # NaN fails too
        raise QunmaError(
            t(lang, "deploy_bad_number", name=name, value=shown(text, 40), low=f"{low:g}", high=f"{high:g}")
        )
    return value
