"""Image paths in campaigns.yml: found relative to its folder; a QR image's link read out once per file.

A QR image saved from WeChat is decoded with a real decoder (zxing-cpp, through generator.qr), and what
it holds must be a single https link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import ScalarNode

from generator.errors import display_path
from generator.scalars import URL
from generator.shapes import INVALID, Ctx, Str, shorten, suggest


@dataclass(frozen=True)
class QrRef:
    """A QR image and the https link read out of it."""

    path: Path
    link: str


class ImagePath(Str):
    """A path to an image, relative to the folder of campaigns.yml; `decode` reads the QR link out of it."""

    strict = True

    def __init__(self, *, decode: bool = False) -> None:
        self.decode = decode

    def parse(self, text: str, node: ScalarNode, ctx: Ctx) -> Any:
        if super().parse(text, node, ctx) is INVALID:
            return INVALID
        try:
            path = (ctx.root / text).resolve()
            found = path.is_file()
        except (OSError, ValueError):  # a name the file system cannot represent
            return ctx.error(node, "image_missing", path=shorten(text), where=shorten(text))
        if not found:
            return self._missing(text, path, node, ctx)
        ctx.files.add(path)
        if not self.decode:
            return path if _is_image(path) else ctx.error(node, "image_unreadable", path=text)
        texts = ctx.images.get(path)
        if texts is None:
            texts = ctx.images[path] = _decode(path)
        if isinstance(texts, str):
            return ctx.error(node, texts, path=text)
        if len(set(texts)) > 1:
            return ctx.error(node, "qr_several", path=text, count=len(set(texts)))
        link = texts[0]
        if not re.fullmatch(URL, link):
            return ctx.error(node, "qr_not_https", path=text, value=shorten(link, 60))
        return QrRef(path, link)

    def _missing(self, text: str, path: Path, node: ScalarNode, ctx: Ctx) -> Any:
        if path.is_dir():
            return ctx.error(node, "image_is_folder", path=text)
        try:
            names = [entry.name for entry in path.parent.iterdir()]
        except OSError:
            names = []
        guess = suggest(path.name, names)
        if guess is not None:
            fixed = str(Path(text).parent / guess)
            return ctx.error(node, "image_missing_suggest", path=text, suggestion=fixed)
        return ctx.error(node, "image_missing", path=text, where=display_path(path))


def _is_image(path: Path) -> bool:
    from PIL import Image  # imported when an image is named: Pillow costs `qunma status` 0.05 s

    try:
        with Image.open(path):
            return True
    except (OSError, ValueError, Image.DecompressionBombError):
        return False


def _decode(path: Path) -> tuple[str, ...] | str:
    from PIL import Image  # imported here: with the decoder, a tenth of a second for `qunma status`

    from generator import qr

    try:
        texts = tuple(qr.decode_file(path))
    except (OSError, ValueError, Image.DecompressionBombError):
        return "image_unreadable"
    return texts if texts else "qr_none"
