"""What `qunma refresh` refuses, and what it does without the `ocr` extra: each image that cannot be used
gets its own sentence, nothing changes, and no file (a FIFO, a link, a pixel bomb, 20 MB of anything)
can hang it, lead it outside the project or fill its memory."""

from __future__ import annotations

import io
import os
import struct
import zlib
from datetime import datetime
from pathlib import Path

import pytest
from inboxcards import card, encoded, group_link, screenshot, validity_line
from inboxkit import NOW, drop, qunma, snapshot
from PIL import Image, ImageDraw

from generator.common.regularfile import MAX_IMAGE_BYTES
from generator.inbox import ocr
from generator.inbox.plan import plan_refresh
from generator.inbox.refresh import InboxRefused, _apply
from generator.input.load import load_project

G3_LINK = "https://weixin.qq.com/g/AQYAAB2cXv7nMkR4tP9sW3qZ6yE8uI1oL5jK"  # what the example's g3 has


@pytest.fixture
def plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """As without the `ocr` extra: groups and days come from file names only."""
    monkeypatch.setattr(ocr, "available", lambda: False)


def inbox(project: Path) -> Path:
    folder = project / "qr" / "inbox"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width × height pixels (a decompression bomb's first bytes)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def no_code() -> bytes:
    image = Image.new("RGB", (900, 1170), "white")
    ImageDraw.Draw(image).rectangle([100, 100, 300, 300], fill="green")
    return encoded(image)


def gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (64, 64)).save(buffer, format="GIF")
    return buffer.getvalue()


def coded(link: str) -> bytes:
    return encoded(screenshot(card("拾光咖啡福利3群", validity_line(11, 30), link)), jpeg=60)


BAD = {
    "no-code.png": (no_code, "图片里找不到二维码"),
    "contact.png": (
        lambda: coded("https://u.wechat.com/EJs8aK2nQpZx7Lm"),
        "是微信个人名片（扫码加好友），不是群二维码",
    ),
    "text.jpg": (lambda: coded("加群请找小王"), "不是 https 链接（“加群请找小王”）"),
    "bomb.png": (lambda: png_claiming(50_000, 50_000), "图片太大（2500000000 像素，最多 40000000 像素）"),
    "large.png": (lambda: png_claiming(8_000, 6_000), "图片太大（8000×6000 像素，最多 40000000 像素）"),
    "garbage.jpg": (lambda: b"\xff\xd8\xff" + os.urandom(2000), "不是能打开的 PNG 或 JPEG 图片"),
    "animated.png": (gif, "这是 GIF 图片：只收 PNG 或 JPEG"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_an_image_that_cannot_be_used_is_named_and_nothing_changes(example_dir: Path, name: str) -> None:
    make, said = BAD[name]
    (inbox(example_dir) / name).write_bytes(make())
    drop(example_dir, "fine.png", "拾光咖啡福利3群", (11, 30))
    kept = snapshot(example_dir)

    result = qunma(example_dir, "refresh", "--now", NOW)

    assert result.exit_code == 1, result.output
    assert f"qr/inbox/{name}: " in result.output and said in result.output, result.output
    assert "qr/inbox/fine.png" not in result.output  # only what is wrong is named
    assert "Traceback" not in result.output
    assert snapshot(example_dir) == kept


def test_hostile_files_are_refused_without_hanging_or_reading_them(example_dir: Path) -> None:
    folder = inbox(example_dir)
    os.mkfifo(folder / "fifo.png")  # opening it for reading would wait for a writer for ever
    (folder / "passwd.png").symlink_to("/etc/passwd")
    with open(folder / "huge.jpg", "wb") as file:  # sparse: 21 MB on paper, nothing on disk
        file.truncate(MAX_IMAGE_BYTES + 2**20)
    (folder / "photo.heic").write_bytes(b"\0\0\0\x18ftypheic")
    (folder / ".DS_Store").write_bytes(b"\0")  # hidden files and notes are left alone
    (folder / "README.md").write_text("把群二维码放在这里", encoding="utf-8")
    kept = snapshot(example_dir)

    result = qunma(example_dir, "refresh", "--now", NOW)

    assert result.exit_code == 1
    assert "qr/inbox/fifo.png: 这不是普通文件" in result.output
    assert "qr/inbox/passwd.png: 这是一个链接（symlink）" in result.output
    assert "qr/inbox/huge.jpg: 文件太大（21 MB，最多 20 MB）" in result.output
    assert "qr/inbox/photo.heic: .heic 格式不收" in result.output
    assert "4 张图片不能使用" in result.output and "README" not in result.output
    assert snapshot(example_dir) == kept


def test_without_ocr_the_file_name_names_the_group_and_the_day(example_dir: Path, plain: None) -> None:
    link = group_link("g3 by name")
    drop(example_dir, "autumn-g3 11月30日.jpg", "whatever is printed", (12, 25), link=link)
    drop(example_dir, "拾光咖啡福利2群 11月29号.png", "another", (12, 25), jpeg=None)

    result = qunma(example_dir, "refresh", "--now", NOW)

    assert result.exit_code == 0, result.output
    text = (example_dir / "campaigns.yml").read_text(encoding="utf-8")
    assert "        qr: qr/autumn-g3-2026-11-30.jpg\n        issued: 2026-11-23 00:00\n" in text
    assert "        qr: qr/autumn-g2-2026-11-29.png # 从微信" in text  # the comment kept, one space before it
    assert "（按文件名找到的群）" in result.output
    assert "pip install 'qunma[ocr]'" in result.output  # how to have names and days read by themselves


def test_without_ocr_a_file_name_without_group_or_day_says_how_to_fix_it(
    example_dir: Path, plain: None
) -> None:
    drop(example_dir, "mmexport1700000000000.jpg", "拾光咖啡福利3群", (11, 30))
    drop(example_dir, "g3.jpg", "拾光咖啡福利3群", (11, 30))
    kept = snapshot(example_dir)

    result = qunma(example_dir, "refresh", "--now", NOW)

    assert result.exit_code == 1
    assert (
        "qr/inbox/mmexport1700000000000.jpg: 没有安装文字识别（qunma[ocr]），只能按文件名找群"
        in result.output
    )
    assert "qr/inbox/g3.jpg: 没有安装文字识别（qunma[ocr]），读不出图片上的有效期" in result.output
    assert "g1-11月30日.png" in result.output
    assert snapshot(example_dir) == kept


def test_the_code_a_group_has_already_is_skipped_and_taken_out(example_dir: Path, plain: None) -> None:
    drop(example_dir, "g3-11月30日.jpg", "拾光咖啡福利3群", (11, 30), link=G3_LINK)
    before = (example_dir / "campaigns.yml").read_bytes()

    result = qunma(example_dir, "refresh", "--now", NOW)

    assert result.exit_code == 0, result.output
    assert "autumn/g3 在 campaigns.yml 里已经是这个码" in result.output
    assert (example_dir / "campaigns.yml").read_bytes() == before
    assert sorted(p.name for p in inbox(example_dir).iterdir()) == ["README.md"]  # the note stays


def test_an_edit_the_loader_refuses_changes_nothing(example_dir: Path, plain: None) -> None:
    # g3's own code, saved under g2's name: two groups with one link is refused by the real loader.
    drop(example_dir, "g2-11月30日.jpg", "拾光咖啡福利2群", (11, 30), link=G3_LINK)
    kept = snapshot(example_dir)

    result = qunma(example_dir, "refresh", "--now", NOW)

    assert result.exit_code == 1
    assert "campaigns.yml 通不过检查，所以什么都没有改" in result.output
    # The loader's own message: g3's url: line has the link of g2's new qr: image, on the line before.
    lines = (example_dir / "campaigns.yml").read_text(encoding="utf-8").splitlines()
    g2 = next(n for n, line in enumerate(lines, 1) if line.strip() == "- id: g2") + 2  # its qr: line
    g3 = next(n for n, line in enumerate(lines, 1) if line.strip() == "- id: g3") + 2  # its url: line
    assert f"campaigns.yml:{g3}:14: 这个链接和第 {g2} 行的群一样" in result.output
    assert snapshot(example_dir) == kept
    assert sorted(p.name for p in example_dir.glob(".campaigns.yml.*")) == []


def test_a_permanent_wecom_code_changes_only_its_image(example_dir: Path, plain: None) -> None:
    link = "https://work.weixin.qq.com/gm/0123456789abcdef0123456789abcdef"
    path = inbox(example_dir) / "wecom-a.png"
    path.write_bytes(encoded(card("黑金会员A群", "该二维码已长期有效", link)))

    result = qunma(example_dir, "refresh", "--now", NOW)

    assert result.exit_code == 0, result.output
    text = (example_dir / "campaigns.yml").read_text(encoding="utf-8")
    assert (
        "        qr: qr/vip-wecom-a-2026-11-23.png\n"
        "        expires: never                # 企业微信永久群活码\n" in text
    )
    assert "企业微信永久码" in result.output


def test_a_save_made_while_images_are_read_is_never_overwritten(example_dir: Path, plain: None) -> None:
    campaigns = example_dir / "campaigns.yml"
    drop(example_dir, "g3-11月30日.jpg", "拾光咖啡福利3群", (11, 30))
    project = load_project(campaigns, now=datetime.fromisoformat(NOW))
    plan = plan_refresh(campaigns, project, datetime.fromisoformat(NOW))
    edited = campaigns.read_text(encoding="utf-8").replace("members: 150", "members: 160")
    campaigns.write_text(edited, encoding="utf-8")  # the marketer saves meanwhile

    with pytest.raises(InboxRefused) as refused:
        _apply(plan)

    assert "被修改了" in str(refused.value)
    assert campaigns.read_text(encoding="utf-8") == edited
    assert not (example_dir / "qr" / "autumn-g3-2026-11-30.jpg").exists()  # the copy is taken back
    assert (inbox(example_dir) / "g3-11月30日.jpg").exists()


def test_a_file_saved_with_a_bom_and_crlf_keeps_both(example_dir: Path, plain: None) -> None:
    campaigns = example_dir / "campaigns.yml"
    original = campaigns.read_text(encoding="utf-8")
    campaigns.write_bytes(b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode("utf-8"))  # Windows Notepad
    drop(example_dir, "g3-11月30日.jpg", "拾光咖啡福利3群", (11, 30))

    result = qunma(example_dir, "refresh", "--now", NOW)

    assert result.exit_code == 0, result.output
    data = campaigns.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == original.count("\n")
    expected = original.replace(
        "        url: https://weixin.qq.com/g/AQYAAB2cXv7nMkR4tP9sW3qZ6yE8uI1oL5jK\n"
        "        issued: 2026-11-23 09:00",
        "        qr: qr/autumn-g3-2026-11-30.jpg\n        issued: 2026-11-23 00:00",
    )
    assert data[3:].decode("utf-8") == expected.replace("\n", "\r\n")


def test_an_english_site_hears_english(example_dir: Path, plain: None) -> None:
    campaigns = example_dir / "campaigns.yml"
    campaigns.write_text(
        campaigns.read_text(encoding="utf-8").replace("language: zh", "language: en"), "utf-8"
    )
    drop(example_dir, "mmexport1700000000000.jpg", "拾光咖啡福利3群", (11, 30))

    result = qunma(example_dir, "refresh", "--now", NOW)

    assert result.exit_code == 1
    assert "1 image(s) in qr/inbox/ cannot be used, so nothing was changed" in result.output
    assert (
        "qr/inbox/mmexport1700000000000.jpg: text recognition (qunma[ocr]) is not installed" in result.output
    )


def test_an_unsure_date_is_refused_and_the_earlier_of_two_dates_is_taken(example_dir: Path) -> None:
    from generator.inbox.cardtext import CardText
    from generator.inbox.decide import decide
    from generator.inbox.reading import Reading, Refused

    project = load_project(example_dir / "campaigns.yml", now=datetime.fromisoformat(NOW))
    moment = datetime.fromisoformat(NOW)

    def read(file_name: str, day: tuple[int, int], score: float) -> Reading:
        text = CardText("拾光咖啡福利3群", False, day, score)
        return Reading(
            example_dir / "qr" / "inbox" / file_name, b"", ".png", group_link("d"), "wechat_group", text
        )

    with pytest.raises(Refused) as unsure:  # a digit read wrong could make a later day: never guessed
        decide(read("a.png", (11, 30), 0.6), project, moment, ocr=True)
    assert unsure.value.key == "inbox_day_unsure"
    assert decide(read("a.png", (11, 30), 0.99), project, moment, ocr=True).last.isoformat() == "2026-11-30"
    earlier = decide(read("g3 11月28日.png", (11, 30), 0.99), project, moment, ocr=True)
    assert earlier.last is not None and earlier.last.isoformat() == "2026-11-28"  # the file name's, earlier
