"""What a link is, so that a group is only ever shown with a group-join link, and an error can say what a
pasted link or a saved image actually holds; and how long a link our QR codes can hold.

The forms are the ones WeChat's own scanner tells apart (its com.tencent.mm.plugin.scanner code: group
codes start with weixin.qq.com/g/, contact cards with u.wechat.com/, WeCom contact cards with
work.weixin.qq.com/u/ or /ct/, official accounts with weixin.qq.com/r/ or /q/, payment codes with
wx.tenpay.com/f2f or payapp.weixin.qq.com/qr/), and WeCom's customer-contact links: the "加入群聊" codes of
customer groups, made in the WeCom app or by the add_join_way API, are work.weixin.qq.com/gm/<id>;
"联系我" and acquisition links work.weixin.qq.com/u/, /ca/; WeChat customer service work.weixin.qq.com/kfid/.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from yaml.nodes import Node

from generator.input.shapes import Ctx, shorten
from generator.input.urls import GROUP_LINK

GROUP_KINDS = ("wechat_group", "wecom_group")
# What a fallback contact may be: a way to reach a person (or a group, or a web page such as a contact
# form), but not the page the customer is already on, an article, a payment code or a QQ link.
CONTACT_REFUSED = ("site_page", "article", "payment", "qq", "group_broken")
_CONTACT_KINDS = ("wechat_contact", "wecom_contact", "customer_service")

_GROUP = re.compile(GROUP_LINK)
_GROUP_KIND = {"weixin.qq.com/g": "wechat_group", "work.weixin.qq.com/gm": "wecom_group"}
# (host, first path segment; "" for any) → kind.
_FORMS: dict[tuple[str, str], str] = {
    ("weixin.qq.com", "g"): "group_broken",  # a group link that is not whole (the exact form is above)
    ("work.weixin.qq.com", "gm"): "group_broken",
    ("u.wechat.com", ""): "wechat_contact",
    ("work.weixin.qq.com", "u"): "wecom_contact",
    ("work.weixin.qq.com", "ct"): "wecom_contact",
    ("work.weixin.qq.com", "ca"): "wecom_contact",
    ("work.weixin.qq.com", "kfid"): "customer_service",
    ("weixin.qq.com", "r"): "official_account",
    ("weixin.qq.com", "q"): "official_account",
    ("mp.weixin.qq.com", "s"): "article",
    ("mp.weixin.qq.com", "a"): "mini_program",
    ("mp.weixin.qq.com", ""): "official_account",
    ("wx.tenpay.com", "f2f"): "payment",
    ("payapp.weixin.qq.com", "qr"): "payment",
    ("qm.qq.com", ""): "qq",
    ("jq.qq.com", ""): "qq",
    ("qun.qq.com", ""): "qq",
}

# The most bytes a link may have so that our encoder (generator.qr.data) always fits it into the largest
# symbol, version 40: 4 mode bits, a 16-bit count and 8 bits a byte within its data codewords (2334 at level
# M: group and contact codes; 1276 at level H: entry codes with the brand logo). Longer links are measured
# by the encoder itself (digits and capitals pack tighter); tests/test_joinlinks.py derives both numbers.
LINK_BYTES = {False: 2331, True: 1273}  # high_correction → bytes


def classify(link: str, site_url: str = "") -> str:
    """The kind of an https link: "wechat_group", "wecom_group", "wechat_contact", "wecom_contact",
    "customer_service", "official_account", "article", "mini_program", "payment", "qq", "group_broken",
    "site_page" (under site_url) or "web_page"."""
    match = _GROUP.fullmatch(link)
    if match is not None:
        return _GROUP_KIND[match[1]]
    if site_url and _under(link, site_url):
        return "site_page"
    try:
        parts = urlsplit(link)
    except ValueError:
        return "web_page"
    host = parts.netloc.lower()
    if host != parts.netloc:  # the same host, but WeChat's scanner knows group links only as written above
        kind = classify(link.replace(parts.netloc, host, 1), site_url)
        return "group_broken" if kind in GROUP_KINDS else kind
    segment = parts.path.split("/")[1] if parts.path.startswith("/") else ""
    return _FORMS.get((host, segment)) or _FORMS.get((host, "")) or "web_page"


def _under(link: str, site_url: str) -> bool:
    link, site = link.lower(), site_url.lower()
    return link.startswith(site) or link == site.rstrip("/")


def fits(link: str, *, high_correction: bool = False) -> bool:
    """Whether our encoder holds link in one QR symbol (level H with high_correction, else M)."""
    if len(link.encode("utf-8")) <= LINK_BYTES[high_correction]:
        return True
    from generator.qr.data import holds  # qrcode and Pillow load only for a link this long

    return holds(link, high_correction=high_correction)


def check_link(
    ctx: Ctx, node: Node, link: str, image: str | None, *, site_url: str, contact: bool = False
) -> None:
    """Record a problem at node when link is no group-join link (contact: no sane fallback contact) or is
    too long for a QR code; image: the path written in qr:, when the link was read out of that image."""
    if not fits(link):
        size = len(link.encode("utf-8"))
        if image:
            what = ctx.text("link_what_image", path=image)
        else:
            what = ctx.text("link_what_url", value=shorten(link, 60))
        ctx.error(node, "link_too_long", what=what, length=size, limit=LINK_BYTES[False])
        return
    kind = classify(link, site_url)
    if (kind in CONTACT_REFUSED) if contact else (kind not in GROUP_KINDS):
        _refuse(ctx, node, kind, image, contact, link)


def _refuse(ctx: Ctx, node: Node, kind: str, image: str | None, contact: bool, link: str) -> None:
    described = ctx.text(f"link_kind_{kind}", host=_host(link))
    if contact:
        fix = ctx.text("contact_fix_loop" if kind == "site_page" else "contact_fix")
    elif kind in _CONTACT_KINDS:
        fix = ctx.text("group_fix_contact")
    elif kind == "site_page":
        fix = ctx.text("group_fix_loop")
    elif kind == "group_broken":
        fix = ctx.text("group_fix_broken")
    else:
        fix = ctx.text("group_fix")
    values: dict[str, Any] = {"kind": described, "fix": fix, "value": shorten(link, 60)}
    role = "contact" if contact else "group"
    if image:
        ctx.error(node, f"{role}_qr_not_{role}", path=image, **values)
    else:
        ctx.error(node, f"{role}_url_not_{role}", **values)


def _host(link: str) -> str:
    try:
        return shorten(urlsplit(link).hostname or "", 40)
    except ValueError:
        return ""


Page = tuple[str, Node]  # a page's path under base_url ("autumn/", "autumn/store/") and the id it comes from


def check_entry_links(
    ctx: Ctx, base_url: str, base_node: Node, campaigns: list[tuple[Page, list[Page]]], *, logo: bool
) -> None:
    """Record a problem where an entry code (base_url + a page path) would not fit a QR code: at base_url
    when no page at all fits, else at the id of each campaign or channel whose page is too long."""
    if not base_url:
        return
    if not fits(base_url + "a/", high_correction=logo):
        _entry_error(ctx, base_node, base_url + "…", logo)
        return
    for (path, node), channels in campaigns:
        if not fits(base_url + path, high_correction=logo):
            _entry_error(ctx, node, base_url + path, logo)
            continue  # its channels' pages are longer still: the campaign id is the one to fix first
        for channel_path, channel_node in channels:
            if not fits(base_url + channel_path, high_correction=logo):
                _entry_error(ctx, channel_node, base_url + channel_path, logo)


def _entry_error(ctx: Ctx, node: Node, url: str, logo: bool) -> None:
    code = ctx.text("entry_code_logo" if logo else "entry_code_plain")
    length, limit = len(url.encode("utf-8")), LINK_BYTES[logo]
    ctx.error(node, "entry_link_too_long", url=shorten(url, 60), length=length, code=code, limit=limit)
