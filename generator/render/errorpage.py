"""The preview's error banner: while campaigns.yml has problems, `qunma serve` shows them at the top of every
page (FILE:LINE:COL and the fix), above the site as it was last built, instead of keeping the browser waiting.

Only the preview uses it: a build with problems writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import escape

from generator.messages import t

_STYLE = (
    "position:relative;z-index:99999;margin:0;padding:16px 20px;background:#fff4f4;color:#5c0000;"
    "border-bottom:3px solid #b00020;font:15px/1.6 system-ui,sans-serif;text-align:left"
)
_LINE_STYLE = "margin:6px 0;padding:0;white-space:pre-wrap;word-break:break-word;font:14px/1.5 monospace"
# A page the preview cannot inject its live-reload script into (its 404 page) looks again by itself.
REFRESH = b'<meta http-equiv="refresh" content="2">'


def error_banner(messages: Sequence[str], lang: str) -> bytes:
    """The banner: a title, each message on its own line (escaped), and what to do."""
    lines = "".join(f'<p style="{_LINE_STYLE}">{escape(message)}</p>' for message in messages)
    title = escape(t(lang, "serve_errors_title", count=len(messages)))
    hint = escape(t(lang, "serve_errors_hint"))
    return (
        f'<div id="qunma-errors" role="alert" style="{_STYLE}"><strong>{title}</strong>{lines}'
        f'<p style="margin:8px 0 0">{hint}</p></div>'
    ).encode()


def with_banner(html: bytes, banner: bytes, *, refresh: bool = False) -> bytes:
    """html with banner right after its <body> tag (at the start when it has none)."""
    start = html.find(b"<body")
    end = html.find(b">", start) + 1 if start >= 0 else 0
    if refresh:
        head = html.find(b"</head>")
        if head >= 0 and head < end:
            html = html[:head] + REFRESH + html[head:]
            end += len(REFRESH)
        else:
            banner = REFRESH + banner
    return html[:end] + banner + html[end:]
