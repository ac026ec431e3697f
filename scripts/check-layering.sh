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
[ $status = 0 ] && echo "layering: ok"
exit $status
