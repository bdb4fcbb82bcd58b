#!/usr/bin/env bash
# Installs what a fresh machine lacks for Hub: PostgreSQL 15+ server programs and contrib (pg_trgm,
# fuzzystrmatch, unaccent), and Exim (exim4-daemon-light), the real MTA the feedback mail test sends to on loopback
# (FeedbackMailTests starts its own daemon on a free port; the system's is not used). Idempotent: does nothing when
# they are present.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi

have_postgres() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 &&
    ls /usr/share/postgresql/*/extension/pg_trgm.control >/dev/null 2>&1
}

if ! have_postgres; then
  echo "Installing PostgreSQL (server and contrib)…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql postgresql-contrib >/dev/null
fi

if ! [ -x /usr/sbin/exim4 ] && ! [ -x /usr/sbin/exim ]; then
  echo "Installing Exim (the local MTA the mail test sends to)…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq exim4-daemon-light >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "Swift 6 is required (swift not found on PATH)." >&2
  exit 1
fi
