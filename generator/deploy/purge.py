"""CDN purge through a command the user configures (tccli, aliyun, a curl to any CDN's API …).

The command ($QUNMA_DEPLOY_PURGE_COMMAND) runs under /bin/sh with the URLs one per line on its standard
input and in the file named by $QUNMA_PURGE_URLS_FILE, at most BATCH URLs a run (a CDN's API takes a
limited number per call). All its runs together are bounded in time: at the bound it is killed with its
whole process group. A purge that fails is reported, never fatal: the pages are live, and the CDN serves
them anyway once their short cache time ends.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass

from generator.common.bounded import run_bounded
from generator.common.remotetext import shown
from generator.deploy.target import scrub
from generator.messages import t

ENV_FILE = "QUNMA_PURGE_URLS_FILE"
BATCH = 500  # URLs per run: under Tencent's and Aliyun's per-call limits (1,000)
MAX_URLS = 2_000  # more changed at once (a new design): purging one by one would eat the daily quota


@dataclass(frozen=True)
class PurgeResult:
    status: str  # "ok", "failed", "skipped" (too many URLs), "none" (nothing to purge or no command)
    urls: int
    reason: str = ""  # one line, in the site's language; the command's own last words, scrubbed


def purge(
    urls: tuple[str, ...], command: str | None, timeout: float, secrets: tuple[str, ...], lang: str
) -> PurgeResult:
    """Run the purge command over `urls` in batches, all within `timeout` seconds."""
    if not urls or not command:
        return PurgeResult("none", len(urls))
    if len(urls) > MAX_URLS:
        return PurgeResult("skipped", len(urls), t(lang, "deploy_purge_too_many", count=len(urls)))
    ends = time.monotonic() + timeout
    for start in range(0, len(urls), BATCH):
        failure = _run(command, urls[start : start + BATCH], ends, secrets, lang)
        if failure:
            return PurgeResult("failed", len(urls), failure)
    return PurgeResult("ok", len(urls))


def _run(command: str, urls: tuple[str, ...], ends: float, secrets: tuple[str, ...], lang: str) -> str | None:
    """None when the command succeeded; else why not, one line."""
    text = "".join(url + "\n" for url in urls)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", prefix="qunma-purge-") as listing:
        listing.write(text)
        listing.flush()
        env = {**os.environ, ENV_FILE: listing.name}
        try:
            ran = run_bounded(
                ["/bin/sh", "-c", command], timeout=ends - time.monotonic(), env=env, stdin=text.encode()
            )
        except OSError as exc:
            return t(lang, "deploy_purge_not_run", detail=exc.strerror or type(exc).__name__)
    if ran.code is None:
        return t(lang, "deploy_purge_timeout")
    if ran.code == 0:
        return None
    return t(lang, "deploy_purge_exit", code=ran.code, said=_last_line(ran.err or ran.out, secrets))


def _last_line(output: str, secrets: tuple[str, ...]) -> str:
    """The output's last line, secrets out before it is cut (a cut could keep half a secret)."""
    lines = [line for line in output.splitlines() if line.strip()]
    return shown(scrub(lines[-1].strip(), secrets), 160) if lines else "—"
