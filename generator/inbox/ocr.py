"""Text on a saved group code, read with RapidOCR (the optional `qunma[ocr]` extra).

RapidOCR's wheel carries the PP-OCR Chinese detection and recognition models (Apache-2.0). We hand it
their paths ourselves, so it never takes its download branch: a missing model is an error here, not a
download at run time. Only the card around the code is read, with the code itself painted over (its
modules would be read as dozens of junk "words"); detection runs on at most 640 px (a phone screenshot's
text is tall enough), recognition on the full-resolution crops. Imported only when the inbox holds an image.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from generator.errors import QunmaError
from generator.messages import t

Box = tuple[int, int, int, int]  # left, top, right, bottom

# The card around a code of side s: the name sits up to ~0.4 s above it (avatar row), the validity line
# ~0.1 s below it; the margins leave room for other layouts and long names.
ABOVE, BELOW, SIDES = 0.6, 0.4, 0.4
_PARAMS = {
    "Global.log_level": "critical",  # RapidOCR logs every step at info level on stderr
    "Global.use_cls": False,  # a saved card is never upside down: skip the angle classifier
    "Det.limit_type": "max",
    "Det.limit_side_len": 640,
}


def available() -> bool:
    """Whether the `ocr` extra is installed (looked up without importing it)."""
    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime"))


@dataclass(frozen=True)
class Line:
    """One line of text read on the image: what it says, how sure the reader is, where it is."""

    text: str
    score: float
    box: Box


class Reader:
    """RapidOCR, started on first use (building its sessions takes a while) and kept for the run."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._engine: Any = None

    def lines(self, image: Image.Image, code: Box, *, whole: bool = False) -> list[Line]:
        """The text lines on image around the QR code at `code` (whole: anywhere on the image)."""
        region, (dx, dy) = _around(image, code, whole=whole)
        try:
            output = self._started()(region)
        except QunmaError:
            raise
        except Exception as exc:  # a third-party engine: whatever it raises, say that reading failed
            raise QunmaError(t(self.lang, "inbox_ocr_failed", detail=type(exc).__name__)) from None
        texts = output.txts or ()
        return [
            Line(str(text), float(score), _box(points, dx, dy))
            for text, score, points in zip(texts, output.scores or (), output.boxes, strict=False)
        ]

    def _started(self) -> Any:
        if self._engine is None:
            self._engine = _engine(tuple(sorted(_model_paths(self.lang).items())))
        return self._engine


@functools.cache
def _engine(models: tuple[tuple[str, str], ...]) -> Any:
    """One engine per process: its sessions take a while to build and hold no state between images."""
    # ONNX Runtime otherwise writes a device id and a database under ~/.cache/Microsoft/DeveloperTools on
    # import (its telemetry): qunma writes nothing outside the project.
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    from rapidocr import RapidOCR  # ~1.5 s of imports (OpenCV, ONNX Runtime): only now

    return RapidOCR(params={**_PARAMS, **dict(models)})


def _model_paths(lang: str) -> dict[str, str]:
    """The models inside the installed rapidocr package, by task; QunmaError when one is missing."""
    folder = Path(str(resources.files("rapidocr") / "models"))
    paths = {}
    for task in ("det", "rec", "cls"):
        found = sorted(folder.glob(f"*{task}*.onnx"))
        if len(found) != 1:
            raise QunmaError(t(lang, "inbox_ocr_models", folder=folder))
        paths[f"{task.capitalize()}.model_path"] = str(found[0])
    return paths


def _around(image: Image.Image, code: Box, *, whole: bool) -> tuple[Image.Image, tuple[int, int]]:
    """The card around the code (whole: the image), the code painted in the colour beside it, and the
    crop's offset."""
    left, top, right, bottom = code
    side = max(right - left, bottom - top, 1)
    box = (
        max(0, int(left - SIDES * side)),
        max(0, int(top - ABOVE * side)),
        min(image.width, int(right + SIDES * side)),
        min(image.height, int(bottom + BELOW * side)),
    )
    if whole:
        box = (0, 0, image.width, image.height)
    region = image.crop(box)
    beside = image.getpixel((max(0, left - 2), max(0, top - 2)))
    rel = (left - box[0], top - box[1], right - box[0], bottom - box[1])
    ImageDraw.Draw(region).rectangle(rel, fill=beside)
    return region, (box[0], box[1])


def _box(points: Any, dx: int, dy: int) -> Box:
    xs = [float(point[0]) for point in points]
    ys = [float(point[1]) for point in points]
    return (int(min(xs)) + dx, int(min(ys)) + dy, int(max(xs)) + dx, int(max(ys)) + dy)
