"""Only group-join links are published as a group's code, and only links a QR code can hold.

Found by pasting the wrong thing: a personal contact card, an article or the site's own entry code were
accepted as a group (the page then told customers to long-press it to join a group), and a link too long
for a QR code passed `qunma check` and crashed `qunma build` with a raw DataOverflowError. Reproduced here
through `qunma check` / `qunma build` on a copy of the example.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from loadkit import edit
from qrcode import util
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError

from generator.cli import main
from generator.input.joinlinks import LINK_BYTES, classify, fits
from generator.qr.image import decode_png, qr_image
from generator.qr.matrix import encode

NOW = "2026-11-23T10:00+08:00"
SITE = "https://qun.shiguang-coffee.example/"
G3 = "https://weixin.qq.com/g/AQYAAB2cXv7nMkR4tP9sW3qZ6yE8uI1oL5jK"  # group g3 of the example (autumn)
KEFU = "https://work.weixin.qq.com/kfid/kfc5e1b2a3c4d5e6f70"  # the example's site contact


def run(*args: str) -> tuple[int, str]:
    """A qunma command in this process: (exit code, everything printed); a traceback fails the test."""
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def check(folder: Path) -> tuple[int, str]:
    return run("check", "--campaigns", str(folder / "campaigns.yml"), "--now", NOW)




@pytest.fixture
def project(example_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example, as the working folder (messages then name campaigns.yml:LINE:COL)."""
    monkeypatch.chdir(example_dir)
    return example_dir


# --- what a link is ------------------------------------------------------------------------------

KINDS = [
    (
        "https://weixin.qq.com/g/AwYAAFaT9qeQLWEs8xq4cjHIvcr3q1ND10VAyMO0rHCWoO4PsgQ5spyABQSFdhpo",
        "wechat_group",
    ),
    ("https://work.weixin.qq.com/gm/1863c2a2ca4060151575c5c240e337fa", "wecom_group"),
    ("https://u.wechat.com/EA2rUlkjobqjS4EeOCKuKdY", "wechat_contact"),
    ("https://work.weixin.qq.com/u/vc3df33954d10ed707?v=4.0.8", "wecom_contact"),
    ("https://work.weixin.qq.com/ca/cawcde0b4391a2966f", "wecom_contact"),
    (KEFU, "customer_service"),
    ("https://mp.weixin.qq.com/s/3Qx9aTzR", "article"),
    ("https://mp.weixin.qq.com/s?__biz=MzA5&mid=1&idx=1", "article"),
    ("https://weixin.qq.com/r/moNieu7EoLPfraoZ99aI", "official_account"),
    ("https://wx.tenpay.com/f2f?t=AQ", "payment"),
    ("https://qm.qq.com/q/abc", "qq"),
    (SITE + "autumn/", "site_page"),
    (SITE + "autumn/store/", "site_page"),
    ("https://QUN.shiguang-coffee.example", "site_page"),
    ("https://example.cn/join", "web_page"),
    ("https://weixin.qq.com/g/", "group_broken"),  # the token cut off
    ("https://weixin.qq.com/g/AQYAAB2c/extra", "group_broken"),
    ("https://WEIXIN.QQ.COM/g/AQYAAB2c", "group_broken"),  # WeChat's scanner knows only the exact form
    ("https://weixin.qq.com@example.cn/g/AQYAAB2c", "web_page"),  # a host that only looks like WeChat's
    ("https://weixin.qq.com.example.cn/g/AQYAAB2c", "web_page"),
]


@pytest.mark.parametrize(("link", "kind"), KINDS, ids=[kind for _, kind in KINDS])
def test_links_are_told_apart(link: str, kind: str) -> None:
    assert classify(link, SITE) == kind


# --- a group's link: through qunma check ----------------------------------------------------------

WRONG_GROUP_LINKS = [
    (
        "https://u.wechat.com/EA2rUlkjobqjS4EeOCKuKdY",
        "是微信个人名片（扫码加好友），不能当作进群链接：顾客扫了只会加好友",
    ),
    ("https://mp.weixin.qq.com/s/3Qx9aTzR", "是公众号文章，不能当作进群链接：顾客扫了进不了群"),
    (
        SITE + "autumn/",
        "是这个网站自己的页面（永久码指向的地址），不能当作进群链接：顾客扫了只会回到这个网站",
    ),
    (KEFU, "是微信客服链接，不能当作进群链接：顾客扫了只会加好友"),
    ("https://example.cn/join", "是普通网页（example.cn），不能当作进群链接"),
]


@pytest.mark.parametrize(
    ("link", "says"), WRONG_GROUP_LINKS, ids=["card", "article", "own-site", "kefu", "web"]
)
def test_a_group_url_that_is_no_group_link_is_refused_where_it_is_written(
    project: Path, link: str, says: str
) -> None:
    line, column = edit(project, G3, link)
    code, output = check(project)
    assert code == 1
    (message,) = output.splitlines()
    assert message.startswith(f"campaigns.yml:{line}:{column}: 链接“{link[:59]}") and says in message


def test_a_saved_image_of_a_contact_card_is_refused_and_named(project: Path) -> None:
    qr_image("https://u.wechat.com/EA2rUlkjobqjS4EeOCKuKdY").save(project / "qr" / "autumn-g2.png")
    line, column = edit(project, "qr: qr/autumn-g2.png", "qr: qr/autumn-g2.png")
    code, output = check(project)
    assert code == 1
    assert output == (
        f"campaigns.yml:{line}:{column + 4}: 图片 qr/autumn-g2.png 里的二维码"
        "（https://u.wechat.com/EA2rUlkjobqjS4EeOCKuKdY）是微信个人名片（扫码加好友），不能当作群二维码："
        "顾客扫了只会加好友，进不了群。"
        "请换成群二维码（微信群在群聊的“聊天信息 → 群二维码”里保存图片，企业微信客户群用“加入群聊”的二维码；"
        "群链接以 https://weixin.qq.com/g/ 或 https://work.weixin.qq.com/gm/ 开头）；"
        "要给顾客留客服，请写在 fallback 或 site.contact 里\n"
    )


def test_the_fix_the_message_gives_works(project: Path) -> None:
    """The contact card moved to the fallback, the group given its group link: check passes."""
    edit(project, G3, "https://u.wechat.com/EA2rUlkjobqjS4EeOCKuKdY")
    assert check(project)[0] == 1
    edit(
        project,
        "https://u.wechat.com/EA2rUlkjobqjS4EeOCKuKdY",
        "https://work.weixin.qq.com/gm/0123456789abcdef",
    )
    edit(
        project, "    fallback:\n", "    fallback:\n      url: https://u.wechat.com/EA2rUlkjobqjS4EeOCKuKdY\n"
    )
    code, output = check(project)
    assert code == 0, output


def test_messages_follow_the_site_language(project: Path) -> None:
    edit(project, "  language: zh\n", "  language: en\n")
    line, column = edit(project, G3, "https://mp.weixin.qq.com/s/3Qx9aTzR")
    code, output = check(project)
    assert code == 1
    assert output.startswith(
        f'campaigns.yml:{line}:{column}: the link "https://mp.weixin.qq.com/s/3Qx9aTzR" is an '
        "official-account article, which cannot serve as a group's join link: customers who scan it "
        "never reach a group."
    )


# --- the fallback contact --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "contact",
    [
        "https://u.wechat.com/EA2rUlkjobqjS4EeOCKuKdY",
        "https://work.weixin.qq.com/u/vc3df33954d10ed707",
        "https://work.weixin.qq.com/ca/cawcde0b4391a2966f",
        "https://work.weixin.qq.com/gm/0123456789abcdef",
        "https://kf.example.cn/chat",
    ],
)
def test_the_contact_keeps_accepting_contact_and_service_links(project: Path, contact: str) -> None:
    edit(project, KEFU, contact)
    code, output = check(project)
    assert code == 0, output


def test_the_contact_may_not_be_the_sites_own_entry_code(project: Path) -> None:
    line, column = edit(project, KEFU, SITE + "autumn/")
    code, output = check(project)
    assert code == 1
    assert output.startswith(
        f"campaigns.yml:{line}:{column}: 链接“{SITE}autumn/”是这个网站自己的页面（永久码指向的地址），"
        "不能当客服：没有群可加时顾客扫了只会回到这个页面"
    )


def test_a_campaign_fallback_image_of_an_article_is_refused(project: Path) -> None:
    qr_image("https://mp.weixin.qq.com/s/3Qx9aTzR").save(project / "qr" / "kefu.png")
    line, column = edit(project, "    fallback:\n", "    fallback:\n      qr: qr/kefu.png\n")
    code, output = check(project)
    assert code == 1
    assert output.startswith(
        f"campaigns.yml:{line + 1}:11: 图片 qr/kefu.png 里的二维码（https://mp.weixin.qq.com/s/3Qx9aTzR）是公众号文章"
    )
    assert "不能当客服" in output


# --- how long a link may be --------------------------------------------------------------------------


@pytest.mark.parametrize(("high", "level"), [(False, ERROR_CORRECT_M), (True, ERROR_CORRECT_H)])
def test_the_limit_is_what_the_encoder_holds_in_its_largest_symbol(high: bool, level: int) -> None:
    count_bits = util.length_in_bits(util.MODE_8BIT_BYTE, 40)
    assert LINK_BYTES[high] == (util.BIT_LIMIT_TABLE[level][40] - 4 - count_bits) // 8
    at_limit = "https://x.cn/" + "a" * (LINK_BYTES[high] - len("https://x.cn/"))
    assert fits(at_limit, high_correction=high) and encode(at_limit, high_correction=high).size == 177
    assert not fits(at_limit + "a", high_correction=high)
    with pytest.raises(DataOverflowError):
        encode(at_limit + "a", high_correction=high)


_URL_CHARS = st.sampled_from("abcxyz0123456789ABCXYZ-._~/?=&%:群码")


@settings(max_examples=25, deadline=None)
@given(st.lists(_URL_CHARS, min_size=600, max_size=2400), st.booleans())
def test_every_link_within_the_limit_fits_and_fits_agrees_with_the_encoder(
    chars: list[str], high: bool
) -> None:
    link = "https://x.cn/" + "".join(chars)
    try:
        encode(link, high_correction=high)
        encoded = True
    except DataOverflowError:
        encoded = False
    assert fits(link, high_correction=high) == encoded
    if len(link.encode()) <= LINK_BYTES[high]:
        assert encoded


def test_a_link_too_long_for_a_qr_code_fails_check_and_build_with_its_place(project: Path) -> None:
    link = "https://weixin.qq.com/g/" + "".join(random.Random(7).choices("abcdefghijk", k=2400))
    line, column = edit(project, G3, link)
    expected = (
        f"campaigns.yml:{line}:{column}: 链接“{link[:59]}…”太长（2424 字节），二维码装不下：最多 2331 字节"
    )
    code, output = check(project)
    assert code == 1 and output.startswith(expected)
    code, output = run("build", "--campaigns", "campaigns.yml", "--now", NOW, "--site-dir", "site")
    assert code == 1 and output.startswith(expected) and "Traceback" not in output
    assert not (project / "site").exists()


def test_a_long_link_the_encoder_holds_is_built_and_scans(project: Path) -> None:
    """Capitals and digits pack tighter than bytes: longer than LINK_BYTES, and still one QR code."""
    link = "https://weixin.qq.com/g/" + "AQYA0B2C" * 300
    assert len(link) > LINK_BYTES[False]
    edit(project, G3, link)
    code, output = run("build", "--campaigns", "campaigns.yml", "--now", NOW, "--site-dir", "site")
    assert code == 0, output
    shown = [decode_png(path.read_bytes()) for path in (project / "site" / "qr").glob("*.png")]
    assert [link] in shown


def test_an_entry_code_too_long_for_a_qr_code_is_refused_at_the_id(project: Path) -> None:
    """Entry codes carry the logo, at level H: base_url + the longest page must fit 1273 bytes."""
    path = "p/" * 600  # 1200 bytes of base_url path
    edit(project, "base_url: https://qun.shiguang-coffee.example/", f"base_url: https://q.cn/{path}")
    line, column = edit(
        project,
        "      - id: parcel\n        name: 快递包裹卡\n      - id: live",
        "      - id: parcel-" + "x" * 50 + "\n        name: 快递包裹卡\n      - id: live",
    )
    code, output = check(project)
    assert code == 1
    (message,) = output.splitlines()
    assert message.startswith(f"campaigns.yml:{line}:{column + 12}: 永久码的网址 https://q.cn/p/p/")
    assert "带 logo 的二维码最多装 1273 字节：请把 base_url 或这个 id 改短" in message


def test_without_a_logo_entry_codes_are_level_m_and_a_base_url_nothing_fits_is_named(project: Path) -> None:
    base = "https://q.cn/" + "p/" * 640  # 1293 bytes: over level H's 1273, well within level M's 2331
    edit(project, "base_url: https://qun.shiguang-coffee.example/", f"base_url: {base}")
    edit(project, "    logo: site_src/assets/logo.png\n", "")
    code, output = check(project)
    assert code == 0, output
    line, column = edit(project, f"base_url: {base}", "base_url: https://q.cn/" + "p/" * 1200)
    code, output = check(project)
    assert code == 1
    (message,) = output.splitlines()
    assert message.startswith(f"campaigns.yml:{line}:{column + 10}: 永久码的网址 https://q.cn/p/p/")
    assert "，二维码最多装 2331 字节" in message


def test_an_image_holding_more_than_our_codes_can_hold_is_refused(project: Path) -> None:
    """A code saved from elsewhere at level L holds more than a level-M group code can."""
    import qrcode

    link = "https://weixin.qq.com/g/" + "".join(random.Random(3).choices("abcdefghijk", k=2500))
    maker = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_L, box_size=3)
    maker.add_data(link)
    maker.make_image().save(project / "qr" / "autumn-g2.png")
    line, column = edit(project, "qr: qr/autumn-g2.png", "qr: qr/autumn-g2.png")
    code, output = check(project)
    assert code == 1
    assert output.startswith(
        f"campaigns.yml:{line}:{column + 4}: 图片 qr/autumn-g2.png 里的链接太长（2524 字节），二维码装不下"
    )
