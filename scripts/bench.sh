#!/usr/bin/env bash
# Builds Loket and runs every benchmark in tests/bench/, printing figures next to their targets.
# Figures, not pass/fail. LOKET_BENCH_CASES=N changes the database size (default 100000).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh

# review (tests/bench/bench-review.c): first page of a 100-page PDF on screen in a real window
# (re-runs itself under xvfb-run without a display) and a 150 dpi page render vs pdftoppm.
meson test -C _build --benchmark --verbose --num-processes 1
