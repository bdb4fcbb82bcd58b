#!/usr/bin/env bash
# Runs the whole test suite, browser tests included, against a throwaway PostgreSQL cluster the tests start
# themselves; installs what a fresh machine lacks first (PostgreSQL, Chromium, the Python WebDriver client).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
bash scripts/browser-prerequisites.sh
exec swift test --disable-xctest "$@"
