"""The cache key: from QUNMA_CACHE_KEY, else a private key file of the user's made on first use; never in
the cache, never printed; no usable key means no cache, never a failed build."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.common import cachekey
from generator.common.cachekey import cache_secret

NOW = "2026-11-23T12:00+08:00"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config folder of this test's own, with no key file yet."""
    folder = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    cachekey._master.cache_clear()
    return folder


def run(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--campaigns", "campaigns.yml", "--now", NOW])
    assert result.exit_code == 0, result.output
    return result.output


def entries(example: Path) -> list[Path]:
    return sorted(path for path in (example / ".qunma-cache").rglob("*") if path.is_file())


def test_the_first_build_makes_a_private_key_file_and_never_prints_it(
    config: Path, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example_dir)
    output = run("build", "--site-dir", "site")
    key_file = config / "qunma" / "cache.key"
    text = key_file.read_text(encoding="ascii").strip()
    assert len(bytes.fromhex(text)) == 32
    assert (
        stat.S_IMODE(key_file.stat().st_mode) == 0o600
        and stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    )
    output += run("status") + run("build", "--site-dir", "site")
    assert key_file.read_text(encoding="ascii").strip() == text, "the same key on every run"
    assert text not in output and text.upper() not in output
    assert not [
        path for path in example_dir.rglob("*") if path.is_file() and text.encode() in path.read_bytes()
    ]


def test_status_alone_makes_no_key_file(
    config: Path, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example_dir)
    run("status")
    assert not config.exists() and entries(example_dir) == []


def test_a_key_others_could_read_is_replaced(config: Path, example_dir: Path) -> None:
    first = cache_secret(b"qr")
    key_file = config / "qunma" / "cache.key"
    key_file.chmod(0o644)
    cachekey._master.cache_clear()
    assert cache_secret(b"qr") not in (first, None)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_a_key_file_that_is_a_link_is_not_followed(
    config: Path, example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key an attacker knows (a link to a file of theirs) is never used: no cache, the same site."""
    known = tmp_path / "known.key"
    known.write_text("00" * 32 + "\n", encoding="ascii")
    known.chmod(0o600)
    (config / "qunma").mkdir(parents=True)
    (config / "qunma" / "cache.key").symlink_to(known)
    assert cache_secret(b"qr") is None
    monkeypatch.chdir(example_dir)
    run("build", "--site-dir", "site")
    assert entries(example_dir) == [] and (example_dir / "site" / "autumn" / "index.html").is_file()
    assert (config / "qunma" / "cache.key").is_symlink(), "not the user's file to replace"


def test_the_variable_wins_and_makes_no_file(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cachekey.ENV, "a repository secret")
    one = cache_secret(b"qr")
    monkeypatch.setenv(cachekey.ENV, "another repository secret")
    assert one is not None and cache_secret(b"qr") not in (one, None)
    assert cache_secret(b"model") != cache_secret(b"qr"), "one key for each kind of entry"
    assert not config.exists()
    monkeypatch.setenv(cachekey.ENV, "")  # what CI passes when the secret is not set: the key file
    assert cache_secret(b"qr") is not None and (config / "qunma" / "cache.key").is_file()


def test_a_relative_config_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    cachekey._master.cache_clear()
    assert cache_secret(b"qr") is not None
    assert (tmp_path / "home" / ".config" / "qunma" / "cache.key").is_file()
    assert not (tmp_path / "relative").exists()


def test_no_folder_for_a_key_only_costs_the_cache(
    config: Path, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config.write_text("a file where the config folder should be", encoding="utf-8")  # fails for root too
    monkeypatch.chdir(example_dir)
    run("build", "--site-dir", "site")
    assert entries(example_dir) == [] and (example_dir / "site" / "autumn" / "index.html").is_file()
