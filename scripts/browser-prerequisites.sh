#!/usr/bin/env bash
# Installs what the browser tests need on a fresh machine: Debian's Chromium and its WebDriver, and a Python virtual
# environment (.build/browser-venv) with selenium and axe-selenium-python (which carries axe-core). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "Installing Chromium and chromedriver…"
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

# axe-core 4 (WCAG 2.2 rules) comes with axe-selenium-python 3, which needs Python 3.12 or later; on an older
# Python the NHS's fork of the same package (axe-core 4.9) installs under the same module name.
VENV=.build/browser-venv
AXE_CHECK='import selenium, axe_selenium_python, pathlib, re; text = (pathlib.Path(axe_selenium_python.__file__).parent / "node_modules/axe-core/axe.min.js").read_text(); assert int(re.search(r"axe v(\d+)", text).group(1)) >= 4'
if ! "$VENV/bin/python" -c "$AXE_CHECK" >/dev/null 2>&1; then
  echo "Making the browser tests' Python environment…"
  rm -rf "$VENV"
  mkdir -p .build
  PYTHON=""
  for candidate in python3.13 python3.12 /root/.pyenv/versions/3.13*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1; then
      PYTHON="$candidate"; break
    fi
  done
  if [ -n "$PYTHON" ]; then
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check selenium "axe-selenium-python>=3"
  else
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check selenium axe-selenium-python-nhsuk
  fi
  "$VENV/bin/python" -c "$AXE_CHECK"
fi
