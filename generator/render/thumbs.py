"""Small copies of the brand logo and the campaigns' group avatars for the pages: a marketer's 2 MB logo
becomes a few KB PNG drawn sharp at 3x, at a content-hashed site path (hosts cache it for good, and every
page of the site shares one copy). Nothing is inlined: the same bytes serve every page from the cache."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from generator.common.regularfile import read_regular
from generator.errors import InputError, Problem, display_path
from generator.messages import t
from generator.model import Project

FOLDER = "assets/qunma"  # "assets" is a reserved campaign id: no page can live there
SCALE = 3  # device pixels per CSS pixel: sharp on the densest phones
LOGO_HEIGHT = 24  # CSS px, in the page header
LOGO_MAX_WIDTH = 96  # CSS px: a wide word mark is scaled down to this
AVATAR_SIDE = 44  # CSS px, beside the group's name


@dataclass(frozen=True)
class Thumb:
    """One small image: where it is in the site and the CSS size it is drawn at."""

    path: str  # "assets/qunma/<hash>.png"
    width: int
    height: int


def small_png(data: bytes, width: int, height: int) -> tuple[bytes, int, int]:
    """The image fitted into width × height CSS px: (PNG at SCALE, or the source when it is a small image
    and smaller still, its CSS width, its CSS height)."""
    from PIL import Image  # imported when a page has a logo: Pillow costs `qunma status` 0.05 s

    with Image.open(io.BytesIO(data)) as raw:
        kept = raw.format == "PNG" and max(raw.size) <= 2 * SCALE * max(width, height)
        raw.draft("RGB", (width * SCALE, height * SCALE))  # JPEG: decode at a fraction of the size
        image = raw.convert("RGBA" if _has_alpha(raw) else "RGB")
    # Drawn at the box's CSS size whatever the source's (a 30 px logo too), from at most SCALE times as many
    # pixels: larger sources are scaled down, smaller ones left as they are.
    ratio = min(width / image.width, height / image.height)
    css_width, css_height = max(1, round(image.width * ratio)), max(1, round(image.height * ratio))
    image.thumbnail((css_width * SCALE, css_height * SCALE), Image.Resampling.LANCZOS)
    # A palette of 256 colours is often a third of the size and looks the same at this size: the smaller.
    full, palette = io.BytesIO(), io.BytesIO()
    image.save(full, "PNG", optimize=True)
    image.quantize(256, method=Image.Quantize.FASTOCTREE).save(palette, "PNG", optimize=True)
    # A small logo is often smaller as it was drawn (the example's 128 px logo: 857 bytes, 2 KB resampled).
    candidates = [full.getvalue(), palette.getvalue(), *([data] if kept else [])]
    png = min(candidates, key=len)
    return png, css_width, css_height


def _has_alpha(image: object) -> bool:
    mode = getattr(image, "mode", "")
    return mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in getattr(image, "info", {}))


@dataclass(frozen=True)
class PageImages:
    """The small images the pages show: the brand logo and each campaign's group avatar (by campaign id)."""

    logo: Thumb | None = None
    avatars: dict[str, Thumb] = field(default_factory=dict)


def page_images(project: Project) -> tuple[PageImages, dict[str, bytes]]:
    """The logo's and every avatar's small copy, and their files (site path → PNG)."""
    files: dict[str, bytes] = {}
    made: dict[tuple[Path, int], Thumb] = {}  # one avatar image may serve several campaigns

    def thumb(source: Path, width: int, height: int, error: str) -> Thumb:
        if (source, height) not in made:
            png, css_width, css_height = _read(project, source, width, height, error)
            path = f"{FOLDER}/{hashlib.sha256(png).hexdigest()[:12]}.png"
            made[source, height] = Thumb(path, css_width, css_height)
            files[path] = png
        return made[source, height]

    logo = project.site.brand.logo
    images = PageImages(
        logo=None if logo is None else thumb(logo, LOGO_MAX_WIDTH, LOGO_HEIGHT, "poster_logo_unreadable"),
        avatars={
            c.id: thumb(c.avatar, AVATAR_SIDE, AVATAR_SIDE, "page_avatar_unreadable")
            for c in project.campaigns
            if c.avatar is not None
        },
    )
    return images, files


def _read(project: Project, source: Path, width: int, height: int, error: str) -> tuple[bytes, int, int]:
    from PIL import Image

    try:
        return small_png(read_regular(source), width, height)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:  # swapped since it was checked
        detail = getattr(exc, "strerror", None) or str(exc)
        message = t(project.site.language, error, path=source, detail=detail)
        raise InputError([Problem(display_path(project.source), 0, 0, message)]) from None
