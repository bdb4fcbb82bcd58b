#!/usr/bin/env bash
# Referral creation through the API (audited) next to pgbench running the same database work, on one
# durable PostgreSQL cluster in the same session. Usage: Benchmarks/workflow/run.sh [CONCURRENCY] [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
CONCURRENCY=${1:-16}
REQUESTS=${2:-6000}
DATA_DIR=${HUB_BENCH_DIR:-/tmp/hub-bench-cluster}
[ -n "${HUB_BENCH_SKIP_BUILD:-}" ] || swift build -c release --product hub --scratch-path .build-release
# The API run creates a fresh hub_bench database, migrates and seeds it, and leaves the cluster running.
.build-release/release/hub bench referrals --data-dir "$DATA_DIR" --requests "$REQUESTS" --concurrency "$CONCURRENCY"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
SOCKET_DIR="$DATA_DIR/run"
START=(runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA_DIR/pgdata" -l "$DATA_DIR/postgres.log" -w
       -o "-c listen_addresses='' -c unix_socket_directories='$SOCKET_DIR' -c port=5432")
"${START[@]}" start >/dev/null 2>&1 || true
psql -h "$SOCKET_DIR" -U hub -d hub_bench -qc "DROP TABLE IF EXISTS bench_document; CREATE TABLE bench_document AS SELECT document FROM referrals LIMIT 1"
echo "pgbench, the same inserts plus audit per transaction, concurrency $CONCURRENCY, 20 s:"
"$PG_BIN/pgbench" -n -h "$SOCKET_DIR" -U hub -d hub_bench -M extended -c "$CONCURRENCY" -j 2 -T 20 \
  -f Benchmarks/workflow/referral-insert.pgbench.sql 2>&1 | grep -E "tps|latency average|number of transactions actually"
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA_DIR/pgdata" -m fast stop >/dev/null 2>&1 || true
