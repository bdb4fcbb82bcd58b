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

VENV=.build/browser-venv
if ! "$VENV/bin/python" -c "import selenium, axe_selenium_python" >/dev/null 2>&1; then
  echo "Making the browser tests' Python environment…"
  mkdir -p .build
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check selenium axe-selenium-python
fi
