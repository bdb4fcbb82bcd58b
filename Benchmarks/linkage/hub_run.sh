#!/usr/bin/env bash
# Hub on a synthetic extract: import + link on a fresh database, export the links, score them.
#
#   Benchmarks/linkage/hub_run.sh HUB_BINARY EXTRACT [OUT_DIR]
#
# HUB_BINARY  a hub binary; for timings a release build (swift build -c release: .build/release/hub)
# EXTRACT     the generator's extract (seed/synthetic/generate.py), with its EXTRACT.truth.csv (.csv replaced),
#             EXTRACT.patterns.csv and gazetteer.csv beside it
# OUT_DIR     default: .hub/linkage/hub/<the extract's folder name>; receives
#               cluster/        the embedded PostgreSQL cluster (kept, so a second run skips initdb)
#               bench.txt       what `hub bench tracker` printed (import + link time, phases, peak memory)
#               time.txt        /usr/bin/time -v of `hub bench tracker`
#               hub_links.csv   `hub tracker export-links`
#               score.txt, score.json   score_links.py against the truth, with the patterns
#
# Steps:
#   1. `hub bench tracker --extract EXTRACT --data-dir OUT_DIR/cluster` (niced): drops and recreates the database
#      hub_bench_tracker on that cluster, imports the gazetteer and the extract (which links it), then times
#      searches (HUB_RUN_SEARCHES per criterion, default 0: none). The bench starts and stops the cluster itself.
#   2. Starts the cluster again (pg_ctl, as the postgres user when run as root) and runs
#      `hub tracker export-links` against hub_bench_tracker as the cluster's superuser (DATABASE_URL over the
#      cluster's Unix socket), then stops it.
#   3. score_links.py hub_links.csv TRUTH --patterns PATTERNS, and prints the figures with the import time and
#      peak memory.
#
# Environment: HUB_HOME (the project folder whose migrations/ the binary uses; default: this checkout),
# HUB_PG_BIN (PostgreSQL's bin folder), HUB_RUN_SEARCHES (default 0), HUB_RUN_PORT (the bench's in-process server,
# default 18081), HUB_RUN_NICE (default 15).
set -euo pipefail

hub="${1:?usage: hub_run.sh HUB_BINARY EXTRACT [OUT_DIR]}"
extract="${2:?usage: hub_run.sh HUB_BINARY EXTRACT [OUT_DIR]}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
hub="$(cd "$(dirname "$hub")" && pwd)/$(basename "$hub")"
extract="$(cd "$(dirname "$extract")" && pwd)/$(basename "$extract")"
base="${extract%.csv}"
truth="$base.truth.csv"
patterns="$base.patterns.csv"
out="${3:-$root/.hub/linkage/hub/$(basename "$(dirname "$extract")")}"
searches="${HUB_RUN_SEARCHES:-0}"
port="${HUB_RUN_PORT:-18081}"
niceness="${HUB_RUN_NICE:-15}"
export HUB_HOME="${HUB_HOME:-$root}"

[ -x "$hub" ] || { echo "hub_run.sh: $hub is not an executable" >&2; exit 2; }
for f in "$extract" "$truth"; do
  [ -f "$f" ] || { echo "hub_run.sh: $f not found" >&2; exit 2; }
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cluster="$out/cluster"

# PostgreSQL's programs, found as Hub finds them: HUB_PG_BIN, else Debian's newest, else the PATH.
pg_bin="${HUB_PG_BIN:-}"
if [ -z "$pg_bin" ]; then
  newest="$(ls /usr/lib/postgresql 2>/dev/null | grep -E '^[0-9]+$' | sort -n | tail -1 || true)"
  if [ -n "$newest" ] && [ -x "/usr/lib/postgresql/$newest/bin/pg_ctl" ]; then
    pg_bin="/usr/lib/postgresql/$newest/bin"
  else
    pg_bin="$(dirname "$(command -v pg_ctl)")"
  fi
fi
as_postgres() {
  if [ "$(id -u)" = 0 ]; then /usr/sbin/runuser -u postgres -- "$@"; else "$@"; fi
}
# The cluster's socket folder, as EmbeddedCluster.socketDirectory works it out: cluster/run, unless that path is
# too long for a Unix socket, then /tmp/hub-pg-<FNV-1a hash of the cluster folder, base 36>.
socket_dir="$(python3 - "$cluster" <<'EOF'
import sys
root = sys.argv[1]
inside = root + "/run"
if len(inside.encode()) + 20 < 104:
    print(inside)
else:
    h = 1469598103934665603
    for b in root.encode():
        h = ((h ^ b) * 1099511628211) & (2 ** 64 - 1)
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while True:
        h, r = divmod(h, 36)
        s = digits[r] + s
        if h == 0:
            break
    print("/tmp/hub-pg-" + s)
EOF
)"

echo "hub_run.sh: $(basename "$hub") on $extract -> $out" >&2
cd "$HUB_HOME"

# 1. import + link (the bench starts the cluster with Hub's own settings, and stops it if it started it)
nice -n "$niceness" /usr/bin/time -v -o "$out/time.txt" \
  "$hub" bench tracker --extract "$extract" --data-dir "$cluster" --searches "$searches" --no-store-level --port "$port" \
  2>&1 | tee "$out/bench.txt"

# 2. export the links from the bench database
started=0
if ! as_postgres "$pg_bin/pg_ctl" status -D "$cluster/pgdata" >/dev/null 2>&1; then
  as_postgres "$pg_bin/pg_ctl" start -w -t 120 -D "$cluster/pgdata" -l "$cluster/postgres.log" \
    -o "-c listen_addresses='' -c unix_socket_directories='$socket_dir' -c port=5432 -c jit=off" >/dev/null
  started=1
fi
stop_cluster() {
  if [ "$started" = 1 ]; then as_postgres "$pg_bin/pg_ctl" stop -w -D "$cluster/pgdata" -m fast >/dev/null || true; fi
}
trap stop_cluster EXIT
DATABASE_URL="postgres://hub@/hub_bench_tracker?host=$socket_dir" \
  nice -n "$niceness" "$hub" tracker export-links --out "$out/hub_links.csv"
stop_cluster
started=0

# 3. score
score=(python3 "$root/Benchmarks/linkage/score_links.py" "$out/hub_links.csv" "$truth")
[ -f "$patterns" ] && score+=(--patterns "$patterns")
"${score[@]}" > "$out/score.txt"
"${score[@]}" --json > "$out/score.json"
echo
grep -E "^import \+ link|^  phases|^peak memory" "$out/bench.txt" || true
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$out/time.txt" | sed 's/^\s*/time -v: /'
echo
cat "$out/score.txt"
