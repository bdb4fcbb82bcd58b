#!/usr/bin/env bash
# Referral creation through the API (audited) next to pgbench running the same database work, on one durable
# PostgreSQL cluster in the same session, and the ratio of the two.
# Usage: Benchmarks/workflow/run.sh [CONCURRENCY] [SECONDS]
#
# The API is driven by wrk, a separate and cheap load generator (apt-get install wrk), so the figures are the
# server's and not an in-process client's. `hub bench referrals` without --serve-only still drives the API
# from its own process (HUB_BENCH_IN_PROCESS=REQUESTS runs that instead of wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
CONCURRENCY=${1:-16}
SECONDS_PER_RUN=${2:-20}
DATA_DIR=${HUB_BENCH_DIR:-/tmp/hub-bench-cluster}
PORT=${HUB_BENCH_PORT:-18080}
FILES="$DATA_DIR/load-generator"
HUB=.build-release/release/hub
[ -n "${HUB_BENCH_SKIP_BUILD:-}" ] || swift build -c release --product hub --scratch-path .build-release
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
SOCKET_DIR="$DATA_DIR/run"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

cpu_seconds() {  # user + system CPU of one process, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}

postgres_cpu_seconds() {  # CPU of the cluster: the postmaster, its live children, and the children it has reaped
  local hz postmaster total=0 v
  hz=$(getconf CLK_TCK)
  postmaster=$(head -1 "$DATA_DIR/pgdata/postmaster.pid")
  for p in "$postmaster" $(pgrep -P "$postmaster"); do
    v=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$p/stat" 2>/dev/null || echo 0)
    total=$((total + v))
  done
  awk -v t="$total" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }'
}

if [ -n "${HUB_BENCH_IN_PROCESS:-}" ]; then
  "$HUB" bench referrals --data-dir "$DATA_DIR" --requests "$HUB_BENCH_IN_PROCESS" --concurrency "$CONCURRENCY" --port "$PORT" \
    | tee /tmp/hub-bench-api.txt
else
  # The hub creates a fresh hub_bench database, migrates and seeds it, signs in, warms up, and serves.
  rm -rf "$FILES"
  "$HUB" bench referrals --data-dir "$DATA_DIR" --concurrency "$CONCURRENCY" --port "$PORT" --serve-only "$FILES" ${HUB_BENCH_SERVE_ARGS:-} &
  HUB_PID=$!
  trap 'kill -TERM $HUB_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do [ -e "$FILES/ready" ] && break; kill -0 $HUB_PID || exit 1; sleep 0.2; done
  [ -e "$FILES/ready" ] || { echo "the hub did not get ready" >&2; exit 1; }
  CPU_BEFORE=$(cpu_seconds $HUB_PID)
  PG_BEFORE=$(postgres_cpu_seconds)
  HUB_BENCH_FILES="$FILES" wrk -t1 -c"$CONCURRENCY" -d"${SECONDS_PER_RUN}s" --timeout 10s \
    -s Benchmarks/workflow/referral-post.lua "http://127.0.0.1:$PORT/api/v1/referrals" | tee /tmp/hub-bench-api.txt \
    | sed -n '/^API (wrk)/,$p'
  CPU_AFTER=$(cpu_seconds $HUB_PID)
  PG_AFTER=$(postgres_cpu_seconds)
  REQUESTS=$(awk '/^API \(wrk\)/ { print $3 }' /tmp/hub-bench-api.txt)
  awk -v a="$CPU_BEFORE" -v b="$CPU_AFTER" -v n="$REQUESTS" -v s="$SECONDS_PER_RUN" \
    'BEGIN { printf "  hub process CPU: %.2f cores, %.2f ms per referral\n", (b - a) / s, (b - a) * 1000 / n }'
  awk -v a="$PG_BEFORE" -v b="$PG_AFTER" -v n="$REQUESTS" -v s="$SECONDS_PER_RUN" \
    'BEGIN { printf "  PostgreSQL CPU: %.2f cores, %.2f ms per referral\n", (b - a) / s, (b - a) * 1000 / n }'
  psql -h "$SOCKET_DIR" -U hub -d hub_bench -Atc \
    "SELECT '  audit events for referral.create (50 of them from the warm-up): ' || count(*) FROM audit_events WHERE action = 'referral.create'"
  # pgbench gets the cluster as the hub ran it: the same memory settings.
  SERVER_SETTINGS=$(psql -h "$SOCKET_DIR" -U hub -d hub_bench -Atc \
    "SELECT string_agg(format('-c %s=%s', name, current_setting(name)), ' ') FROM pg_settings
     WHERE name IN ('shared_buffers', 'effective_cache_size', 'work_mem', 'max_connections', 'jit')")
  kill -TERM $HUB_PID
  wait $HUB_PID || true
  trap - EXIT
fi
echo "load average after the API run: $(cut -d' ' -f1-3 /proc/loadavg)"

START=(runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA_DIR/pgdata" -l "$DATA_DIR/postgres.log" -w
       -o "-c listen_addresses='' -c unix_socket_directories='$SOCKET_DIR' -c port=5432 ${SERVER_SETTINGS:-}")
echo "cluster settings for pgbench: ${SERVER_SETTINGS:-the defaults of PostgreSQL}"
"${START[@]}" start >/dev/null 2>&1 || true
psql -h "$SOCKET_DIR" -U hub -d hub_bench -qc "DROP TABLE IF EXISTS bench_document; CREATE TABLE bench_document AS SELECT document FROM referrals LIMIT 1"
run_pgbench() {  # script, label
  echo "pgbench, $2, concurrency $CONCURRENCY, ${SECONDS_PER_RUN} s:"
  local before after
  before=$(postgres_cpu_seconds)
  "$PG_BIN/pgbench" -n -h "$SOCKET_DIR" -U hub -d hub_bench -M extended -c "$CONCURRENCY" -j 2 -T "$SECONDS_PER_RUN" -f "$1" 2>&1 \
    | grep -E "tps|latency average|number of transactions actually" | tee -a /tmp/hub-bench-pgbench.txt
  after=$(postgres_cpu_seconds)
  awk -v a="$before" -v b="$after" -v n="$(awk '/number of transactions actually/ { print $NF }' /tmp/hub-bench-pgbench.txt | tail -1)" \
    -v s="$SECONDS_PER_RUN" 'BEGIN { printf "  PostgreSQL CPU: %.2f cores, %.2f ms per transaction\n", (b - a) / s, (b - a) * 1000 / n }'
}
rm -f /tmp/hub-bench-pgbench.txt /tmp/hub-bench-pgbench-one.txt
run_pgbench Benchmarks/workflow/referral-insert.pgbench.sql "the same inserts plus audit per transaction, one statement each"
cp /tmp/hub-bench-pgbench.txt /tmp/hub-bench-pgbench-many.txt
run_pgbench Benchmarks/workflow/referral-insert-one-statement.pgbench.sql "the same work as one statement, as the API sends it"
API=$(awk '/throughput/ { print $2; exit }' /tmp/hub-bench-api.txt)
MANY=$(awk '/^tps/ { print $3; exit }' /tmp/hub-bench-pgbench-many.txt)
ONE=$(awk '/^tps/ { print $3 }' /tmp/hub-bench-pgbench.txt | tail -1)
awk -v a="$API" -v p="$MANY" 'BEGIN { printf "ratio API / pgbench (transaction of single inserts): %.0f / %.0f = %.2f (goal: at least 0.50)\n", a, p, a / p }'
awk -v a="$API" -v p="$ONE" 'BEGIN { printf "ratio API / pgbench (one statement, as the API):      %.0f / %.0f = %.2f\n", a, p, a / p }'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA_DIR/pgdata" -m fast stop >/dev/null 2>&1 || true
