#!/usr/bin/env bash
# Fails when a module below src/app includes GTK/libadwaita or another module's private header
# (HOUSE-STYLE rules 2–3). The build already keeps GTK out of their include paths; this says why.
set -u
cd "${1:-$(dirname "$0")/..}"
status=0
for d in src/core src/store src/demo src/cli src/sync src/server src/letters src/signoff src/app/review/doc; do
  [ -d "$d" ] || continue
  hits=$(grep -rnE '#include[[:space:]]*[<"](gtk/gtk\.h|adwaita\.h|gdk/gdk\.h)' "$d" 2>/dev/null)
  if [ -n "$hits" ]; then
    echo "GTK included below the app layer:"; echo "$hits"; status=1
  fi
done
# The review pane's document layer (libloket-docview) is poppler + cairo (+ gdk-pixbuf, which is
# not GTK): no GTK/GDK/libadwaita header of any kind, and no GTK dependency in its meson.build.
doc=src/app/review/doc
if [ -d "$doc" ]; then
  hits=$(grep -rnE '#include[[:space:]]*[<"](gtk/|gdk/|adwaita|gsk/)' "$doc" 2>/dev/null)
  if [ -n "$hits" ]; then
    echo "GTK included in the GTK-free review document layer:"; echo "$hits"; status=1
  fi
  hits=$(grep -nE '\b(gtk_dep|adw_dep|app_dep)\b|gtk4|libadwaita' "$doc/meson.build" 2>/dev/null)
  if [ -n "$hits" ]; then
    echo "GTK dependency in $doc/meson.build:"; echo "$hits"; status=1
  fi
fi
# The sync engine talks to the store only through core's LoketSyncJournal (HOUSE-STYLE §4.1 ★1).
hits=$(grep -rnE '#include[[:space:]]*"loket-(store|db|event-store|projection-store)[^"]*\.h"' src/sync 2>/dev/null)
if [ -n "$hits" ]; then
  echo "src/sync includes the store (use LoketSyncJournal):"; echo "$hits"; status=1
fi
for d in src/*/; do
  mod=$(basename "$d")
  hits=$(grep -rnE '#include[[:space:]]*"[^"]*-private\.h"' "$d" 2>/dev/null | while IFS= read -r line; do
    hdr=$(echo "$line" | sed -E 's/.*"([^"]*-private\.h)".*/\1/')
    [ -f "$d/$hdr" ] || [ -n "$(find "$d" -name "$hdr" -print -quit)" ] || echo "$line"
  done)
  if [ -n "$hits" ]; then
    echo "Private header of another module included in $mod:"; echo "$hits"; status=1
  fi
done
# The server (HOUSE-STYLE §4.1): core and the sync protocol only — no store, no SQLite, no GTK,
# no client sync engine; and the built binary links none of them directly (libsoup itself
# pulls in libsqlite3 for its cookie/HSTS storage: that one is transitive, not ours).
if [ -d src/server ]; then
  hits=$(grep -rnE '#include[[:space:]]*[<"](sqlite3\.h|loket-store[^"]*\.h|loket-db[^"]*\.h|loket-sync-engine[^"]*\.h|gtk/|adwaita\.h)' src/server src/sync/protocol 2>/dev/null)
  if [ -n "$hits" ]; then
    echo "The server or the sync protocol includes the store, SQLite or GTK:"; echo "$hits"; status=1
  fi
fi
for bin in "${LOKET_BUILD_ROOT:-_build}/src/server/loket-server"; do
  [ -x "$bin" ] || continue
  needed=$(readelf -d "$bin" 2>/dev/null | grep NEEDED | grep -E 'libgtk|libadwaita|libsqlite3|libpoppler')
  if [ -n "$needed" ]; then
    echo "loket-server links what it must not:"; echo "$needed"; status=1
  fi
done
[ $status = 0 ] && echo "layering: ok"
exit $status
