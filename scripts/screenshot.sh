#!/usr/bin/env bash
# Takes the README screenshot: the real app under Xvfb on a fresh demo database, in Indonesian.
# Usage: ./scripts/screenshot.sh [OUTPUT.png]   (default data/screenshots/main-window.png)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-data/screenshots/main-window.png}"
./scripts/build.sh >/dev/null

tmp=$(mktemp -d)
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

./_build/src/cli/loket-cli demo --db "$tmp/loket.db" --cases 3000 --seed 1 --agency kopnakertrans-ntt -q

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp &
xvfb_pid=$!
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done

# Signed in as the (fictional) Kepala Dinas, through a throwaway keyfile settings backend.
export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$tmp/config" GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
gsettings set io.github.loketapp.Loket current-person 'kopnakertrans-ntt/p-kadis'
DISPLAY="$display" LANG=id_ID.UTF-8 LANGUAGE=id LOKET_LOCALEDIR="$PWD/_build/po" \
  GTK_A11Y=none NO_AT_BRIDGE=1 \
  XDG_DATA_HOME="$tmp/data" ./_build/src/app/loket --database "$tmp/loket.db" &
app_pid=$!

# Wait for the window, maximise it to the screen, select the first case, let it draw.
for _ in $(seq 100); do
  DISPLAY="$display" xdotool search --onlyvisible --class loket >/dev/null 2>&1 && break
  sleep 0.1
done
wid=$(DISPLAY="$display" xdotool search --onlyvisible --class loket | head -1)
DISPLAY="$display" xdotool windowsize "$wid" 1280 800 windowmove "$wid" 0 0
sleep 1.5
DISPLAY="$display" xdotool mousemove 640 160 click 1
DISPLAY="$display" xdotool mousemove 1270 790   # no tooltip in the picture
sleep 1.5
mkdir -p "$(dirname "$out")"
DISPLAY="$display" import -window root "$out"
echo "Saved $out"
