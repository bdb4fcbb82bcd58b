#!/usr/bin/env bash
# Runs the whole test suite, browser tests included, against a throwaway PostgreSQL cluster the tests start
# themselves; installs what a fresh machine lacks first (PostgreSQL, Chromium, the Python WebDriver client).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
bash scripts/browser-prerequisites.sh
swift test --disable-xctest "$@"
# The database fault test (issue #16: kill -9 of PostgreSQL under load, recovery within bounds) runs on its own after
# the suite, as an operator would see it: its time bounds are the server's, which a process also running the whole
# suite on two cores cannot keep. Only for the whole suite (no arguments).
if [ "$#" -eq 0 ]; then
  HUB_FAULT_TEST=1 swift test --disable-xctest --skip-build --filter DatabaseOutageTests
fi
