#!/usr/bin/env bash
# Builds and serves Hub. With no DATABASE_URL it runs a private PostgreSQL cluster under .hub/ (created,
# migrated and seeded with the fictional Piphire demo on first start). Extra arguments go to `hub serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
swift build --product hub
exec .build/debug/hub serve "$@"
