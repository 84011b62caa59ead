"""Shared test fixtures and the --update-goldens switch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "campaigns.yml"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def golden(update_goldens: bool):  # type: ignore[no-untyped-def]
    """golden(relative_path, actual_text): compare with tests/golden/<path>.

    With --update-goldens it rewrites the golden file instead.
    """

    def check(relative: str, actual: str) -> None:
        path = GOLDEN / relative
        if update_goldens or not path.exists():
            if not update_goldens:
                pytest.fail(f"golden file {path} is missing: run pytest --update-goldens and review the diff")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert actual == path.read_text(encoding="utf-8"), f"output differs from {path} (--update-goldens)"

    return check


@pytest.fixture(scope="session")
def cache_key_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tests' own config folder, where qunma makes its cache key (never the developer's ~/.config)."""
    return tmp_path_factory.mktemp("config")


@pytest.fixture(autouse=True)
def _own_cache_key(monkeypatch: pytest.MonkeyPatch, cache_key_home: Path) -> None:
    from generator.common import cachekey

    monkeypatch.setenv("XDG_CONFIG_HOME", str(cache_key_home))
    monkeypatch.delenv(cachekey.ENV, raising=False)
    cachekey._master.cache_clear()  # a test may have changed the key file


@pytest.fixture
def example_dir(tmp_path: Path) -> Path:
    """A copy of the example project (campaigns.yml, pool-status.yml, images, mkdocs.yml, site_src)."""
    target = tmp_path / "example"
    target.mkdir()
    for name in ("campaigns.yml", "pool-status.yml", "mkdocs.yml"):
        shutil.copy2(REPO / name, target / name)
    for folder in ("qr", "site_src"):
        shutil.copytree(REPO / folder, target / folder)
    return target
