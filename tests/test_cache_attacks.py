"""The cache is no attack path: whoever can write .qunma-cache/ (a CI cache restored from another branch)
but has not the cache key can neither make a build publish their link nor run code, and a FIFO, a link to
/dev/zero or a huge file there only costs a rebuild. Each attack is made the way it was found."""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import GROUP_QR_SCALE
from generator.cli import main
from generator.common.cachefile import seal
from generator.common.cachekey import cache_secret
from generator.input import load as load_module
from generator.input import modelcache
from generator.input.load import load_project
from generator.qr import cache as qrcache
from generator.qr.cache import PACK, CodeRequest, cache_key, pack_limit, read_pack
from generator.qr.image import decode_png, qr_png

NOW = "2026-11-23T12:00+08:00"
SCAM = "https://weixin.qq.com/g/AQYAASCAMscamSCAMscamSCAMscamSCAM00"
QUNMA = str(Path(sys.executable).with_name("qunma"))
HANG = 300  # seconds: a hang, not a slow machine (the build of the example takes a few)


def build(example: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--campaigns", "campaigns.yml", "--now", NOW, "--site-dir", "site"]
    )
    assert result.exit_code == 0, result.output


def shown_link(example: Path) -> str:
    """The link in the QR image that the autumn landing page shows, decoded from the built site."""
    html = (example / "site" / "autumn" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<img id="group-qr" src="\.\./(qr/[0-9a-f]+\.png)" data-group="(\w+)"', html)
    assert found is not None
    (link,) = decode_png((example / "site" / found[1]).read_bytes())
    return link


def real_link(example: Path) -> str:
    project = load_project(example / "campaigns.yml", now=datetime.fromisoformat(NOW))
    html = (example / "site" / "autumn" / "index.html").read_text(encoding="utf-8")
    group = re.search(r'id="group-qr"[^>]* data-group="(\w+)"', html)
    assert group is not None
    return next(g.url for g in project.campaign("autumn").groups if g.id == group[1])


def counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[object]:
    """The arguments of every call of module.name from now on (a fresh render, a fresh load)."""
    calls: list[object] = []
    real = getattr(module, name)

    def counting(argument: object) -> object:
        calls.append(argument)
        return real(argument)

    monkeypatch.setattr(module, name, counting)
    return calls


@pytest.fixture
def built(example_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example, built once: its .qunma-cache holds a QR pack and a model entry."""
    monkeypatch.chdir(example_dir)
    build(example_dir)
    return example_dir


def forge_pack(pack: Path, link: str, png: bytes, make_seal: Callable[[bytes, bytes], bytes]) -> None:
    """Put png in the pack under the key of link's code, as an attacker who can write the cache does: the
    key is sha256 of public inputs; the seal is whatever make_seal(key, png) can compute."""
    data = pack.read_bytes()
    magic, at, entries = data[: data.index(b"\n") + 1], data.index(b"\n") + 1, []
    while at < len(data):  # the framing is public: key, length, seal, PNG
        size = int.from_bytes(data[at + 32 : at + 36], "big")
        entries.append((data[at : at + 32], data[at + 36 : at + 68], data[at + 68 : at + 68 + size]))
        at += 68 + size
    key = cache_key(CodeRequest(link, GROUP_QR_SCALE), None)
    assert key in [k for k, _, _ in entries], "the code the page shows is in the pack"
    forged = [(k, make_seal(k, png), png) if k == key else (k, s, p) for k, s, p in entries]
    pack.write_bytes(magic + b"".join(k + len(p).to_bytes(4, "big") + s + p for k, s, p in forged))


def attacker_seal(key: bytes, png: bytes) -> bytes:
    """A seal under a key the attacker holds (their own branch's secret), not the victim's."""
    theirs = hmac.digest(b"the attacker's own cache key", b"qunma cache qr", "sha256")
    return hmac.digest(theirs, key + png, "sha256")


@pytest.mark.parametrize(
    "make_seal",
    [lambda key, png: hashlib.sha256(key + png).digest(), attacker_seal],
    ids=["public-sha256", "another-key"],
)
def test_a_forged_qr_entry_never_publishes_its_link(
    built: Path, make_seal: Callable[[bytes, bytes], bytes]
) -> None:
    link, pack = real_link(built), built / ".qunma-cache" / "qr" / PACK
    assert shown_link(built) == link
    scam = qr_png(SCAM, scale=GROUP_QR_SCALE)
    # The control: sealed with the real key, that entry is the image the page shows.
    forge_pack(pack, link, scam, lambda key, png: seal(cache_secret(b"qr") or b"", key, png))
    build(built)
    assert shown_link(built) == SCAM
    # The attack: without the key, the entry does not pass; the code is rendered afresh.
    forge_pack(pack, link, scam, make_seal)
    build(built)
    assert shown_link(built) == link
    secret = cache_secret(b"qr")
    assert secret is not None
    assert scam not in read_pack(pack, secret, pack_limit(100)).values(), "the pack was rewritten"


def pickle_payload(marker: Path) -> bytes:
    """A pickle that, when unpickled, creates marker (any command could stand in its place)."""

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str, str]]:
            return open, (str(marker), "w")

    return pickle.dumps(Payload())


def test_a_forged_model_entry_runs_no_code(built: Path, tmp_path: Path) -> None:
    live, marker = tmp_path / "live", tmp_path / "marker"
    pickle.loads(pickle_payload(live)).close()
    assert live.exists(), "the payload is live: unpickling it creates its file"
    (entry,) = (built / ".qunma-cache" / "model").glob(f"*{modelcache.SUFFIX}")
    key = modelcache._key(built / "campaigns.yml", (built / "campaigns.yml").read_bytes())
    body = pickle_payload(marker)
    checksum = hashlib.sha256(key + body).digest()  # what the pickle entries were checked with
    entry.write_bytes(b"qunma-model 2\n" + checksum + body)
    entry.with_suffix(".pickle").write_bytes(b"qunma-model 1\n" + checksum + body)  # the old name too
    args = ["status", "--campaigns", "campaigns.yml", "--now", NOW, "--json"]
    warm = CliRunner().invoke(main, args)
    assert not marker.exists()
    entry.unlink()
    assert warm.exit_code == 0 and warm.output == CliRunner().invoke(main, args).output


def test_a_forged_model_is_not_used(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    link = real_link(built)
    (entry,) = (built / ".qunma-cache" / "model").glob(f"*{modelcache.SUFFIX}")
    campaigns = built / "campaigns.yml"
    key = modelcache._key(campaigns, campaigns.read_bytes())
    data = entry.read_bytes()
    body = data[14 + 32 :].replace(link.encode(), SCAM.encode())  # the entry is readable JSON
    assert body != data[14 + 32 :]
    secret = cache_secret(b"model")
    assert secret is not None
    # The control: sealed with the real key, the edited model is what a build uses.
    entry.write_bytes(data[:14] + seal(secret, data[:14], key, body) + body)
    urls = {g.url for c in load_project(campaigns, cache=entry.parent).campaigns for g in c.groups}
    assert SCAM in urls
    # The attack: sealed as before (public sha256) or under another key, it is not used.
    loads = counted(monkeypatch, load_module, "_load")
    for check in (
        hashlib.sha256(key + body).digest(),
        hmac.digest(b"theirs", data[:14] + key + body, "sha256"),
    ):
        entry.write_bytes(data[:14] + check + body)
        loads.clear()
        build(built)
        assert shown_link(built) == link and len(loads) == 1


def run_limited(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A qunma command in its own process, within HANG seconds and 3 GB of address space: reading /dev/zero
    would end in MemoryError at once instead of swapping the machine to a halt."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    return subprocess.run(
        [QUNMA, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=HANG,
        preexec_fn=limit_memory,  # the test process runs no other thread here
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def plant(path: Path, kind: str) -> None:
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)  # no writer ever: a blocking open waits for ever
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")  # endless zeros
    else:
        with open(path, "wb") as file:  # 64 GB, none of it on disk
            file.truncate(64 << 30)


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "huge-sparse-file"])
def test_a_hostile_file_in_the_cache_only_costs_a_rebuild(built: Path, kind: str) -> None:
    link = real_link(built)
    (entry,) = (built / ".qunma-cache" / "model").glob(f"*{modelcache.SUFFIX}")
    pack = built / ".qunma-cache" / "qr" / PACK
    plant(pack, kind)
    plant(entry, kind)
    for args in (["build", "--now", NOW, "--site-dir", "site"], ["status", "--now", NOW]):
        done = run_limited(args, built)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert shown_link(built) == link
    assert pack.is_file() and not pack.is_symlink() and pack.stat().st_size < 1 << 20  # rewritten whole


def test_a_cache_written_under_one_key_is_ignored_under_another(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example_dir)
    monkeypatch.setenv("QUNMA_CACHE_KEY", "the key of the branch that wrote the cache")
    build(example_dir)
    renders, loads = counted(monkeypatch, qrcache, "render"), counted(monkeypatch, load_module, "_load")
    build(example_dir)
    assert renders == [] and loads == []  # the same key: all from the cache
    monkeypatch.setenv("QUNMA_CACHE_KEY", "the key of this repository")
    build(example_dir)
    assert len(renders) > 5 and len(loads) == 1, "nothing from the cache written under the other key"


def test_a_cache_folder_that_is_a_link_is_neither_read_nor_written(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link planted in a restored cache must not make a build read, write or prune somewhere else."""
    elsewhere = tmp_path / "users-files"
    elsewhere.mkdir()
    cache = built / ".qunma-cache"
    for name in ("qr", "model"):
        (cache / name).rename(elsewhere / name)
        (cache / name).symlink_to(elsewhere / name)
    keep = [elsewhere / "model" / f"{i}{modelcache.SUFFIX}" for i in range(6)]
    keep += [elsewhere / "model" / "notes.pickle"]
    for path in keep:
        path.write_bytes(b"a file of the user's")
    before = {path: path.read_bytes() for path in elsewhere.rglob("*") if path.is_file()}
    renders = counted(monkeypatch, qrcache, "render")
    build(built)
    assert renders, "the linked pack was not read"
    assert {path: path.read_bytes() for path in elsewhere.rglob("*") if path.is_file()} == before
