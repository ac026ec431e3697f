#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, create a demo database if there is
# none, and launch Loket in Indonesian.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-deps.sh
./scripts/build.sh

data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/loket"
db="$data_dir/loket.db"
if [ ! -f "$db" ]; then
  mkdir -p "$data_dir"
  echo "Creating a demo database (Dinas Kopnakertrans NTT, 3,000 fictional cases) in $db"
  ./_build/src/cli/loket-cli demo --db "$db" --cases 3000 --seed 1 --agency kopnakertrans-ntt -q
fi

export LANG=id_ID.UTF-8 LANGUAGE=id
export LOKET_LOCALEDIR="$PWD/_build/po"
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting Loket under Xvfb (screenshot: DISPLAY=:99 import -window root shot.png)."
  Xvfb :99 -screen 0 1280x800x24 -nolisten tcp &
  xvfb_pid=$!
  trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
  export DISPLAY=:99
  sleep 1
fi
exec_args=(./_build/src/app/loket --database "$db")
"${exec_args[@]}"
