"""Image paths in campaigns.yml: files inside its folder, relative to it; a QR image's link read out once.

A QR image saved from WeChat is decoded with a real decoder (zxing-cpp, through generator.qr.image), and what
it holds must be a single https link.
"""

from __future__ import annotations

import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import ScalarNode

from generator.common.regularfile import MAX_IMAGE_BYTES, read_regular
from generator.errors import display_path
from generator.input.shapes import INVALID, Ctx, Str, shorten, suggest
from generator.input.urls import URL


@dataclass(frozen=True)
class QrRef:
    """A QR image and the https link read out of it."""

    path: Path
    link: str


class ImagePath(Str):
    """A path to an image inside the project (the folder of campaigns.yml), relative to it; `decode` reads
    the QR link out of it. Only regular files of bounded size are read: no path leads outside the project,
    through "..", an absolute path or a symbolic link, and a FIFO or a device is never opened for reading."""

    strict = True

    def __init__(self, *, decode: bool = False) -> None:
        self.decode = decode

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if super().parse(text, node, ctx) is INVALID:
            return INVALID
        path = self._inside(text, node, ctx)
        if path is INVALID:
            return INVALID
        data = self._read(text, path, node, ctx)
        if data is INVALID:
            return INVALID
        ctx.files.add(path)
        if not self.decode:
            return path if _is_image(data) else ctx.error(node, "image_unreadable", path=text)
        texts = ctx.images.get(path)
        if texts is None:
            texts = ctx.images[path] = _decode(data)
        if isinstance(texts, str):
            return ctx.error(node, texts, path=text)
        if len(set(texts)) > 1:
            return ctx.error(node, "qr_several", path=text, count=len(set(texts)))
        link = texts[0]
        if not re.fullmatch(URL, link):
            return ctx.error(node, "qr_not_https", path=text, value=shorten(link, 60))
        return QrRef(path, link)

    def _inside(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        """The resolved path of text, or INVALID when it is not a name inside the project."""
        name, root = shorten(Path(text).name or "g1.png"), str(ctx.root)
        try:
            if Path(text).is_absolute():
                return ctx.error(node, "image_absolute", path=shorten(text, 120), root=root, name=name)
            path = (ctx.root / text).resolve()
            if path.is_relative_to(ctx.root):
                return path
            written = Path(os.path.normpath(ctx.root / text))
        except (OSError, ValueError, RuntimeError):  # a name the file system cannot represent; a link loop
            return ctx.error(node, "image_missing", path=shorten(text), where=shorten(text))
        key = "image_link_outside" if written.is_relative_to(ctx.root) else "image_outside"
        return ctx.error(node, key, path=shorten(text, 120), root=root, name=name)

    def _read(self, text: str, path: Path, node: ScalarNode, ctx: Ctx) -> Any:
        """The bytes of the image at path, or INVALID with the reason recorded."""
        try:
            info = path.stat()
        except (OSError, ValueError):
            return self._missing(text, path, node, ctx)
        if stat.S_ISDIR(info.st_mode):
            return ctx.error(node, "image_is_folder", path=text)
        if not stat.S_ISREG(info.st_mode):
            return ctx.error(node, "image_not_file", path=text)
        if info.st_size > MAX_IMAGE_BYTES:
            size = f"{info.st_size / 2**20:.0f}"
            return ctx.error(node, "image_too_large", path=text, size=size, limit=MAX_IMAGE_BYTES // 2**20)
        try:
            return read_regular(path)
        except OSError:  # replaced since, or not readable
            return ctx.error(node, "image_unreadable", path=text)

    def _missing(self, text: str, path: Path, node: ScalarNode, ctx: Ctx) -> Any:
        if "\\" in text:  # a path copied from Windows: qr\福利4群.png is one odd file name elsewhere
            return ctx.error(node, "image_backslash", path=shorten(text, 120), fixed=text.replace("\\", "/"))
        try:
            names = [entry.name for entry in path.parent.iterdir()]
        except OSError:
            names = []
        guess = _similar(path.name, names)
        if guess is not None:
            fixed = str(Path(text).parent / guess)
            return ctx.error(node, "image_missing_suggest", path=text, suggestion=fixed)
        # Both paths cut short: two echoes of a long path (the written one, resolved) made a message of 850
        # characters (found by test_load_fuzz once avatar: was a key).
        where = shorten(display_path(path), 120)
        return ctx.error(node, "image_missing", path=shorten(text, 120), where=where)


def _similar(name: str, names: list[str]) -> str | None:
    """A file name that name is clearly a slip of: never one with other numbers, which is another group's
    image (autumn-g4.png is not a typo of autumn-g2.png: it is a picture not saved yet)."""
    guess = suggest(name, names)
    if guess is None or re.findall(r"\d+", guess) != re.findall(r"\d+", name):
        return None
    return guess


def _is_image(data: bytes) -> bool:
    from PIL import Image  # imported when an image is named: Pillow costs `qunma status` 0.05 s

    try:
        with Image.open(io.BytesIO(data)):
            return True
    except (OSError, ValueError, Image.DecompressionBombError):
        return False


def _decode(data: bytes) -> tuple[str, ...] | str:
    from PIL import Image  # imported here: with the decoder, a tenth of a second for `qunma status`

    from generator.qr import image as qr

    try:
        texts = tuple(qr.decode_png(data))
    except (OSError, ValueError, Image.DecompressionBombError):
        return "image_unreadable"
    return texts if texts else "qr_none"
