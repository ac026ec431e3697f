#!/usr/bin/env bash
# Builds Loket and runs every benchmark in tests/bench/, printing figures next to their targets.
# Figures, not pass/fail. Usage: ./scripts/bench.sh [--cases N]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
export LOKET_BENCH_ARGS="$*"
meson test -C _build --benchmark --verbose --num-processes 1
