"""The QR cache's encoder version comes from the encoder's own source: a change to the encoder, marked by
nobody, still makes every code anew instead of serving the old encoder's PNGs from a restored cache."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from generator.common.cachekey import cache_secret
from generator.qr import cache as qrcache
from generator.qr import image as qr
from generator.qr.cache import PACK, CodeRequest, QrImages, pack_limit, read_pack, render
from generator.qr.data import codewords
from generator.qr.matrix import encode

REPO = Path(__file__).resolve().parent.parent
WANTED = [CodeRequest(f"https://weixin.qq.com/g/AQYAA{i:024x}", 8) for i in range(4)]


def edited(module: ModuleType) -> object:
    """A source reader for which `module` has been edited (one comment added), the others not."""
    original = qr.module_source

    def read(candidate: ModuleType) -> bytes:
        return original(candidate) + (b"\n# an encoder fix\n" if candidate is module else b"")

    return read


def test_the_version_is_computed_from_the_modules_that_make_the_pngs() -> None:
    makers = {sys.modules[function.__module__] for function in (codewords, encode, qr.qr_png)}
    assert makers <= set(qr.ENCODER_MODULES)
    assert qr.encoder_version(qr.ENCODER_MODULES) == qr.ENCODER_VERSION
    for module in qr.ENCODER_MODULES:
        assert qr.module_source(module) == Path(str(module.__file__)).read_text(encoding="utf-8").encode()


@pytest.mark.parametrize("module", qr.ENCODER_MODULES, ids=lambda module: module.__name__)
def test_editing_any_encoder_module_changes_the_version(
    module: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qr, "module_source", edited(module))
    assert qr.encoder_version(qr.ENCODER_MODULES) != qr.ENCODER_VERSION


def test_a_pack_made_by_the_old_encoder_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    QrImages(tmp_path, workers=1).render_all(WANTED)
    secret = cache_secret(b"qr")
    assert secret is not None
    old_keys = set(read_pack(tmp_path / PACK, secret, pack_limit(len(WANTED))))
    monkeypatch.setattr(qr, "module_source", edited(qr.ENCODER_MODULES[1]))
    monkeypatch.setattr(qrcache, "ENCODER_VERSION", qr.encoder_version(qr.ENCODER_MODULES))
    renders: list[CodeRequest] = []
    monkeypatch.setattr(qrcache, "render", lambda request: renders.append(request) or render(request))
    images = QrImages(tmp_path, workers=1)
    images.render_all(WANTED)
    assert (images.hits, images.misses, renders) == (0, len(WANTED), WANTED)
    assert not old_keys & set(read_pack(tmp_path / PACK, secret, pack_limit(len(WANTED)))), (
        "the old encoder's entries are gone"
    )


RUN = """
import json, sys
from pathlib import Path
import generator
from generator.qr.cache import CodeRequest, QrImages
images = QrImages(Path(sys.argv[1]), workers=1)
images.render_all([CodeRequest(f"https://weixin.qq.com/g/AQYAA{i:024x}", 8) for i in range(4)])
print(json.dumps([generator.__file__, images.hits, images.misses]))
"""


def test_an_edited_encoder_in_a_new_process_renders_afresh(tmp_path: Path) -> None:
    """As CI meets it: a cache restored from an earlier run, then a run of a fixed encoder."""
    project, cache = tmp_path / "project", tmp_path / "cache"
    shutil.copytree(REPO / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))

    def build() -> tuple[int, int]:
        done = subprocess.run(
            [sys.executable, "-c", RUN, str(cache)], cwd=project, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        imported, hits, misses = json.loads(done.stdout)
        assert Path(imported).parent == project / "generator", "the copy is the code run"
        return hits, misses

    assert build() == (0, 4)
    assert build() == (4, 0)
    matrix = project / "generator" / "qr" / "matrix.py"
    matrix.write_text(matrix.read_text(encoding="utf-8") + "\n# an encoder fix\n", encoding="utf-8")
    assert build() == (0, 4)
