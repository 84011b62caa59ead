"""One image from the inbox → what it holds: the join link (decoded, as the loader decodes `qr:` images),
and, with the reader of the `ocr` extra, the group name and the last valid day printed on it.

Only a regular file (not a link, not a FIFO) of bounded size is read, only PNG and JPEG, and only up to
MAX_PIXELS: a 20 MB PNG can claim a billion pixels, which Pillow would otherwise try to unpack.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageOps

from generator.common.regularfile import MAX_IMAGE_BYTES, read_regular
from generator.inbox.cardtext import CardText, card_text
from generator.inbox.ocr import Reader
from generator.input.joinlinks import GROUP_KINDS, classify
from generator.input.urls import URL
from generator.qr.image import locate_image

# A phone screenshot is ~2.6 million pixels, a 4K screen 8 million: a bound far above, far below a bomb.
MAX_PIXELS = 40_000_000
FORMATS = {"PNG": ".png", "JPEG": ".jpg"}
# Below this the reader was unsure of the date line: a digit may be wrong, and a wrong later day would
# show a dead code; the file name can give the day instead.
DAY_MIN_SCORE = 0.8


class Refused(Exception):
    """The image cannot be used: a catalogue key and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Reading:
    """What one inbox image holds."""

    path: Path
    data: bytes  # the file's bytes: copied as they are to the image's place under qr/
    suffix: str  # ".png" or ".jpg", from what the bytes are
    link: str
    kind: str  # "wechat_group" or "wecom_group"
    text: CardText | None  # None: not read (no `ocr` extra)


def read_image(path: Path, reader: Reader | None, site_url: str) -> Reading:
    """Read the inbox image at path; Refused says why it cannot be used."""
    data = _bytes(path)
    image, suffix = _image(data)
    found = locate_image(image)
    links = sorted({text for text, _ in found})
    if not links:
        raise Refused("inbox_no_code")
    if len(links) > 1:
        raise Refused("inbox_several_codes", count=len(links))
    link = links[0]
    if not re.fullmatch(URL, link):
        raise Refused("inbox_not_link", value=_short(link))
    kind = classify(link, site_url)
    if kind not in GROUP_KINDS:
        raise Refused("inbox_not_group", kind=kind, value=_short(link), host=urlsplit(link).hostname or "")
    code = found[0][1]
    text = None
    if reader is not None:
        text = card_text(reader.lines(image, code), code)
        if text.name is None or text.day is None:  # another layout: look at the whole image once
            text = card_text(reader.lines(image, code, whole=True), code)
    return Reading(path, data, suffix, link, kind, text)


def _bytes(path: Path) -> bytes:
    try:
        info = path.lstat()
    except OSError:
        raise Refused("inbox_unreadable") from None
    if stat.S_ISLNK(info.st_mode):
        raise Refused("inbox_link")
    if not stat.S_ISREG(info.st_mode):
        raise Refused("inbox_not_file")
    if info.st_size > MAX_IMAGE_BYTES:
        raise Refused("inbox_too_large", size=info.st_size // 2**20, limit=MAX_IMAGE_BYTES // 2**20)
    try:
        return read_regular(path)
    except OSError as exc:  # replaced since by something else, or not readable
        if exc.errno == errno.EFBIG:
            raise Refused("inbox_too_large", size="?", limit=MAX_IMAGE_BYTES // 2**20) from None
        raise Refused("inbox_unreadable") from None


def _image(data: bytes) -> tuple[Image.Image, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as raw:
                if raw.format not in FORMATS:
                    raise Refused("inbox_format", format=raw.format or "?")
                if raw.width * raw.height > MAX_PIXELS:
                    raise Refused(
                        "inbox_too_many_pixels", pixels=f"{raw.width}×{raw.height}", limit=MAX_PIXELS
                    )
                suffix = FORMATS[raw.format]
                image = ImageOps.exif_transpose(raw).convert("RGB")
        except Refused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:  # Pillow's own bound
            claimed = re.search(r"\((\d+) pixels\)", str(exc))
            pixels = claimed[1] if claimed else "?"
            raise Refused("inbox_too_many_pixels", pixels=pixels, limit=MAX_PIXELS) from None
        except (OSError, ValueError, SyntaxError):
            raise Refused("inbox_not_image") from None
    return image, suffix


def _short(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= 60 else one_line[:59] + "…"


def stem_of(path: Path) -> str:
    """The file name without its suffix, as a marketer named it."""
    return os.path.splitext(path.name)[0]
