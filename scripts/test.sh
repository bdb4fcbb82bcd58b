#!/usr/bin/env bash
# Runs the whole test suite against a throwaway PostgreSQL cluster that the tests start themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
exec swift test --disable-xctest "$@"
