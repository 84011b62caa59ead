"""The QR image cache: a hit gives the very bytes a fresh render gives; damaged, truncated or swapped
entries are detected and rendered afresh; the pack keeps exactly the last build's codes; parallel rendering
gives the same bytes in the same order; builds and the plugin use it."""

from __future__ import annotations

import shutil
import threading
from datetime import datetime
from pathlib import Path

import pytest

from generator.build import build_files, generate
from generator.common.cachekey import cache_secret
from generator.input.load import load_project
from generator.plan.rotation import plan
from generator.qr import cache as qrcache
from generator.qr.cache import (
    PACK,
    CodeRequest,
    QrImages,
    pack_limit,
    read_pack,
    render,
    render_many,
    write_pack,
)
from generator.qr.image import decode_png

LOGO = Path(__file__).resolve().parent.parent / "site_src" / "assets" / "logo.png"
NOW = datetime.fromisoformat("2026-11-23T12:00+08:00")


def requests(count: int, logo: Path | None = None) -> list[CodeRequest]:
    groups = [CodeRequest(f"https://weixin.qq.com/g/AQYAA{i:024x}", 8) for i in range(count)]
    # Long enough (version 6 at level H) for the logo to fit its budget (generator/qr/logo.py).
    entry = CodeRequest("https://qun.example.com/autumn/store-parcel-card/", 10, logo=logo)
    return groups + ([entry] if logo else [])


class Renders:
    """Counts fresh renders (in this process) to tell cache hits from misses."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        monkeypatch.setattr(qrcache, "render", self._render)

    def _render(self, request: CodeRequest) -> bytes:
        self.count += 1
        return render(request)


def stored(pack: Path) -> dict[bytes, bytes]:
    """The entries of a pack that pass under the tests' cache key."""
    secret = cache_secret(b"qr")
    assert secret is not None
    return read_pack(pack, secret, pack_limit(1000))


def make(folder: Path, wanted: list[CodeRequest]) -> QrImages:
    images = QrImages(folder, workers=1)
    images.render_all(wanted)
    return images


def test_a_hit_gives_the_bytes_of_a_fresh_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wanted = requests(5, logo=LOGO)
    make(tmp_path, wanted)
    renders = Renders(monkeypatch)
    again = make(tmp_path, wanted)
    assert renders.count == 0 and again.hits == len(wanted) and again.misses == 0
    for request in wanted:
        assert again.png(request) == render(request)
        assert decode_png(again.png(request)) == [request.link]


def test_a_corrupted_entry_is_rendered_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wanted = requests(4)
    make(tmp_path, wanted)
    pack = tmp_path / PACK
    data = bytearray(pack.read_bytes())
    data[-100] ^= 0x40  # one flipped bit inside the last PNG
    pack.write_bytes(bytes(data))
    renders = Renders(monkeypatch)
    again = make(tmp_path, wanted)
    assert renders.count == 1 and again.hits == 3
    assert [again.png(r) for r in wanted] == [render(r) for r in wanted]
    assert len(stored(pack)) == 4, "the pack was rewritten whole"


@pytest.mark.parametrize("keep", [0, 10, 16, 200, -1])
def test_a_truncated_pack_never_gives_a_partial_image(tmp_path: Path, keep: int) -> None:
    wanted = requests(3)
    make(tmp_path, wanted)
    pack = tmp_path / PACK
    pack.write_bytes(pack.read_bytes()[:keep])
    again = make(tmp_path, wanted)
    assert [again.png(r) for r in wanted] == [render(r) for r in wanted]


def test_an_entry_under_another_key_is_refused(tmp_path: Path) -> None:
    """Bytes that are intact but belong to another code (a hand-edited or merged cache) are not used."""
    first, second = requests(2)
    make(tmp_path, [first, second])
    data = (tmp_path / PACK).read_bytes()
    magic, entries = data[:16], stored(tmp_path / PACK)
    keys = sorted(entries)
    seals = {key: data[data.index(key) + 36 : data.index(key) + 68] for key in keys}  # each entry's own
    swapped = {keys[0]: entries[keys[1]], keys[1]: entries[keys[0]]}
    framed = b"".join(k + len(v).to_bytes(4, "big") + seals[k] + v for k, v in swapped.items())
    (tmp_path / PACK).write_bytes(magic + framed)
    assert stored(tmp_path / PACK) == {}
    again = make(tmp_path, [first, second])
    assert again.png(first) == render(first) and again.misses == 2


def test_a_pack_of_another_format_is_ignored(tmp_path: Path) -> None:
    (tmp_path / PACK).write_bytes(b"\x89PNG\r\n\x1a\nsomething else")
    assert stored(tmp_path / PACK) == {}
    assert make(tmp_path, requests(1)).misses == 1


def test_a_changed_logo_is_a_different_code(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    shutil.copy2(LOGO, logo)
    request = requests(0, logo=logo)[0]
    before = make(tmp_path / "cache", [request]).png(request)
    from PIL import Image

    Image.new("RGB", (64, 64), (200, 30, 30)).save(logo)
    after = make(tmp_path / "cache", [request])
    assert after.misses == 1 and after.png(request) != before and after.png(request) == render(request)


def test_the_pack_keeps_exactly_the_last_builds_codes(tmp_path: Path) -> None:
    make(tmp_path, requests(6))
    make(tmp_path, requests(2))
    assert len(stored(tmp_path / PACK)) == 2
    mtime = (tmp_path / PACK).stat().st_mtime_ns
    make(tmp_path, requests(2))
    assert (tmp_path / PACK).stat().st_mtime_ns == mtime, "an unchanged pack is not rewritten"


def test_an_unwritable_cache_still_builds(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    images = make(blocker / "cache", requests(2))
    assert images.misses == 2 and decode_png(images.png(requests(2)[1])) == [requests(2)[1].link]
    assert write_pack(blocker / "cache" / PACK, {}, b"k" * 32) is False


def test_parallel_rendering_gives_the_same_bytes_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qrcache, "_PARALLEL_FROM", 4)
    wanted = requests(13, logo=LOGO)
    assert render_many(wanted, 2) == [render(r) for r in wanted]


def test_parallel_rendering_while_threads_run_spawns(monkeypatch: pytest.MonkeyPatch) -> None:
    """`qunma serve` runs a server thread: workers are then spawned, never forked."""
    monkeypatch.setattr(qrcache, "_PARALLEL_FROM", 2)
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        assert qrcache._start_method().get_start_method() == "spawn"
        wanted = requests(4)
        assert render_many(wanted, 2) == [render(r) for r in wanted]
    finally:
        stop.set()
        server.join()


def test_a_build_uses_the_cache_beside_campaigns_yml(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_files(example_dir / "campaigns.yml", now=NOW)
    assert (example_dir / ".qunma-cache" / "qr" / PACK).is_file()

    def no_render(request: CodeRequest) -> bytes:
        raise AssertionError(f"rendered {request.link} although it was cached")

    monkeypatch.setattr(qrcache, "render", no_render)
    second = build_files(example_dir / "campaigns.yml", now=NOW)
    assert second.files == first.files


def test_generate_without_a_cache_matches_a_cached_build(example_dir: Path, tmp_path: Path) -> None:
    project = load_project(example_dir / "campaigns.yml", now=NOW)
    rotation = plan(project, NOW)
    plain = generate(project, rotation)
    cached = generate(project, rotation, qr_cache=tmp_path / "qr")
    assert cached == plain == generate(project, rotation, qr_cache=tmp_path / "qr")


def test_the_plugins_cache_dir_option(example_dir: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(example_dir / "mkdocs.yml"), site_dir=str(example_dir / "site"))
    plugin = config.plugins["qunma"]
    errors, _ = plugin.load_config(
        {"cache_dir": "elsewhere", "now": NOW.isoformat()}, str(example_dir / "mkdocs.yml")
    )
    assert errors == []
    config.plugins.on_config(config)
    config.plugins.on_files(get_files(config), config=config)
    assert (example_dir / "elsewhere" / "qr" / PACK).is_file()
    assert not (example_dir / ".qunma-cache").exists()


def test_later_codes_render_in_the_background_and_end_up_in_the_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qrcache, "_PARALLEL_FROM", 4)  # a few codes stand for thousands
    first, later = (
        requests(3),
        [CodeRequest(f"https://qun.example.com/p{i}/", 10, logo=LOGO) for i in range(9)],
    )
    with QrImages(tmp_path, workers=2) as images:
        images.render_all(first, later=later)
        assert images._pending, "the later codes should still be with the workers"
        assert not (tmp_path / PACK).exists()  # written once every code is made
        assert [images.png(r) for r in first + later] == [render(r) for r in first + later]
    assert len(stored(tmp_path / PACK)) == 12
    renders = Renders(monkeypatch)
    make(tmp_path, first + later)
    assert renders.count == 0  # all from the pack


def test_a_failed_build_stops_the_background_rendering_and_keeps_the_old_pack(tmp_path: Path) -> None:
    make(tmp_path, requests(2))
    before = (tmp_path / PACK).read_bytes()
    with pytest.raises(RuntimeError), QrImages(tmp_path, workers=2) as images:
        images.render_all(requests(1), later=requests(500)[1:])
        raise RuntimeError("a page failed")
    assert images._pool is None and (tmp_path / PACK).read_bytes() == before
