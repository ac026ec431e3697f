#!/usr/bin/env bash
# Builds Loket, makes one 100,000-case demo database (the store benchmark tops it up to
# 1,000,000 events), runs every benchmark in tests/bench/ on it, one after another, and prints
# every figure in one table next to its target. Figures, not pass/fail.
#   LOKET_BENCH_CASES=N   another database size (default 100000; no top-up then)
#   ./scripts/bench.sh store app   only these benchmarks (meson benchmark names)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/loket-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
# Every loket_bench_row() appends here (tests/bench/bench-row.c); bench-fixture and bench-app
# open this database instead of making their own.
export LOKET_BENCH_TABLE="$work/rows.tsv"
export LOKET_BENCH_DB="$work/bench.db"
cases="${LOKET_BENCH_CASES:-100000}"
start=$(date +%s)

echo "# Making the demo database: $cases cases"
demo_start=$(date +%s%N)
./_build/src/cli/loket-cli demo --db "$LOKET_BENCH_DB" --cases "$cases" --seed 1 -q
awk -v n="$cases" -v ns="$(($(date +%s%N) - demo_start))" 'BEGIN {
  printf "bench.sh\tdemo database: cases written per second\t%.3f\tcases/s\t(info)\n", n / (ns / 1e9) }' \
  >>"$LOKET_BENCH_TABLE"

status=0
# review (tests/bench/bench-review.c): first page of a 100-page PDF on screen in a real window
# (re-runs itself under xvfb-run without a display) and a 150 dpi page render vs pdftoppm.
meson test -C _build --benchmark --verbose --num-processes 1 "$@" || status=$?

awk -v s="$(($(date +%s) - start))" 'BEGIN {
  printf "bench.sh\twhole benchmark run (this command)\t%.3f\tmin\t<= 15 min\n", s / 60 }' \
  >>"$LOKET_BENCH_TABLE"
echo
echo "# Loket benchmarks: every figure (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
python3 scripts/bench-table.py "$LOKET_BENCH_TABLE"
exit "$status"
