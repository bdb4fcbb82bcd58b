#!/usr/bin/env bash
# Mixed load on a release build of Hub: 32 keep-alive clients (wrk) for 60 s of referral creation, referral reads
# (with a purpose, so the tracker panel runs), incident board pages, a partner's share requests, tracker searches and
# board reports, each as the role that does it, on a throwaway embedded cluster with the Piphire demo under /tmp,
# served on 127.0.0.1 only. Prints requests, errors (any non-2xx, socket errors, time-outs), throughput, latency
# percentiles and the hub process's peak resident memory (VmHWM, and the highest VmRSS sampled each second).
# Usage: Benchmarks/load/run.sh [CONNECTIONS] [SECONDS]   (defaults 32 and 60; HUB_BENCH_SKIP_BUILD=1 skips the build)
set -euo pipefail
cd "$(dirname "$0")/../.."
CONNECTIONS=${1:-32}
DURATION=${2:-60}
PORT=${HUB_LOAD_PORT:-18092}
BASE="http://127.0.0.1:$PORT"
HUB=.build-release/release/hub
# A fresh cluster under /tmp each run (its demo takes a few minutes to load); $HUB_LOAD_DATA_DIR names one to keep and reuse.
DATA_DIR=${HUB_LOAD_DATA_DIR:-$(mktemp -d /tmp/hub-load.XXXXXX)}; mkdir -p "$DATA_DIR"; chmod 755 "$DATA_DIR"  # the postgres user runs the cluster in it

bash scripts/prerequisites.sh
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
[ -n "${HUB_BENCH_SKIP_BUILD:-}" ] || swift build -c release --product hub --scratch-path .build-release

HUB_DATA_DIR="$DATA_DIR" "$HUB" serve --host 127.0.0.1 --port "$PORT" > "$DATA_DIR/hub.log" 2>&1 &
HUB_PID=$!
cleanup() {
  kill -TERM "$HUB_PID" 2>/dev/null && wait "$HUB_PID" 2>/dev/null || true
  [ -n "${HUB_LOAD_DATA_DIR:-}" ] || rm -rf "$DATA_DIR"
}
trap cleanup EXIT
for _ in $(seq 1 2400); do curl -sf "$BASE/ready" >/dev/null 2>&1 && break; kill -0 "$HUB_PID" || { cat "$DATA_DIR/hub.log"; exit 1; }; sleep 0.5; done
curl -sf "$BASE/ready" >/dev/null || { echo "Hub did not get ready" >&2; exit 1; }
python3 Benchmarks/load/setup.py "$BASE" "$DATA_DIR/data.lua"

# Warm-up (not counted): 5 s of the same mix with a few clients.
HUB_LOAD_DATA="$DATA_DIR/data.lua" wrk -t1 -c4 -d5s -s Benchmarks/load/mixed.lua "$BASE" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); hub RSS after warm-up: $(awk '/VmRSS/ { print $2 / 1024 " MiB" }' /proc/$HUB_PID/status)"

( peak=0
  while kill -0 "$HUB_PID" 2>/dev/null && [ ! -e "$DATA_DIR/done" ]; do
    rss=$(awk '/VmRSS/ { print $2 }' "/proc/$HUB_PID/status" 2>/dev/null || echo 0)
    [ "$rss" -gt "$peak" ] && peak=$rss && echo "$peak" > "$DATA_DIR/peak-rss"
    sleep 1
  done ) &
SAMPLER=$!
HUB_LOAD_DATA="$DATA_DIR/data.lua" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s Benchmarks/load/mixed.lua "$BASE" \
  | sed -n '/^load (wrk)/,$p'
touch "$DATA_DIR/done"; wait "$SAMPLER" || true
awk -v peak="$(cat "$DATA_DIR/peak-rss" 2>/dev/null || echo 0)" '/VmHWM/ {
  printf "  hub resident memory: peak %.0f MiB (VmHWM), highest sampled under load %.0f MiB\n", $2 / 1024, peak / 1024 }' "/proc/$HUB_PID/status"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -q '"level":"error"\|critical' "$DATA_DIR/hub.log"; then echo "the hub logged errors:"; grep '"level":"error"\|critical' "$DATA_DIR/hub.log" | head -5; fi
