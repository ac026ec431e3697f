#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, run the whole test suite
# (unit, integration, and UI under Xvfb) and print "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
./scripts/install-deps.sh || exit 1
./scripts/build.sh || exit 1

status=0
meson test -C _build --no-suite ui --print-errorlogs --num-processes 2 || status=1
dbus-run-session -- meson test -C _build --setup headless --suite ui --print-errorlogs \
  --num-processes 1 || status=1

python3 scripts/count-tests.py _build/meson-logs/testlog.json _build/meson-logs/testlog-headless.json
exit $status
