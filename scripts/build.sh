#!/usr/bin/env bash
# Configures (once) and builds Loket in _build/ with warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f _build/build.ninja ]; then
  meson setup _build --werror
fi
meson compile -C _build
