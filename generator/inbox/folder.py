"""What waits in qr/inbox/: a look at the folder's names only, so that a build with an empty or missing
inbox costs one failed directory listing (no image library is imported here)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

INBOX = Path("qr") / "inbox"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})
# Images WeChat does not save but a phone or an editor might: refused with a hint to save PNG or JPEG.
OTHER_IMAGE_SUFFIXES = frozenset({".webp", ".heic", ".heif", ".gif", ".bmp", ".tif", ".tiff", ".avif"})
# Reading one image takes about a second: a bound on one run, far above a week's regenerated codes.
MAX_IMAGES = 200


def inbox_folder(campaigns: Path) -> Path:
    """qr/inbox/ beside campaigns.yml."""
    return campaigns.parent / INBOX


@dataclass(frozen=True)
class Waiting:
    """The files in the inbox that concern `qunma refresh`, sorted by name."""

    images: tuple[Path, ...] = ()  # PNG and JPEG by their names (what they hold is checked on reading)
    others: tuple[Path, ...] = ()  # images in another format

    def __bool__(self) -> bool:
        return bool(self.images or self.others)

    @property
    def count(self) -> int:
        return len(self.images) + len(self.others)


def waiting(campaigns: Path) -> Waiting:
    """What waits in the inbox beside campaigns; nothing when there is no inbox. Hidden files (.gitkeep),
    folders and notes (README.md) are left alone; OSError when the folder cannot be listed."""
    try:
        with os.scandir(inbox_folder(campaigns)) as entries:
            found = [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries]
    except (FileNotFoundError, NotADirectoryError):
        return Waiting()
    images, others = [], []
    folder = inbox_folder(campaigns)
    for name, is_folder in sorted(found):
        if name.startswith(".") or is_folder:
            continue
        suffix = os.path.splitext(name)[1].lower()
        if suffix in IMAGE_SUFFIXES:
            images.append(folder / name)
        elif suffix in OTHER_IMAGE_SUFFIXES:
            others.append(folder / name)
    return Waiting(tuple(images), tuple(others))
