#!/usr/bin/env bash
# Generate a synthetic extract and run the Splink baseline on it.
#   Benchmarks/linkage/run.sh PEOPLE [SEED]
# e.g. 75000 people -> ~100k source records; 407000 people -> ~1.0M rows.
# Everything lands in .hub/linkage/<PEOPLE>/ (git-ignored). Heavy: runs niced.
set -euo pipefail
people="${1:?usage: run.sh PEOPLE [SEED]}"
seed="${2:-1}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.hub/splink-venv"
dir="$root/.hub/linkage/$people-s$seed"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$root/Benchmarks/linkage/requirements.txt"
fi
mkdir -p "$dir"
nice -n 15 python3 "$root/seed/synthetic/generate.py" --people "$people" --seed "$seed" \
  --out "$dir/extract.csv" --stats
nice -n 15 /usr/bin/time -v "$venv/bin/python" "$root/Benchmarks/linkage/splink_run.py" \
  "$dir/extract.csv" --truth "$dir/extract.truth.csv" --patterns "$dir/extract.patterns.csv" --out-dir "$dir/splink" \
  2> >(grep -E "Elapsed|Maximum resident" >&2)
python3 "$root/Benchmarks/linkage/score_links.py" "$dir/splink/splink_links.csv" "$dir/extract.truth.csv" \
  --patterns "$dir/extract.patterns.csv"
