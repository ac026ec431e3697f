#!/usr/bin/env bash
# Fails unless po/id.po is valid and complete for the current sources: regenerates the template
# from POTFILES.in into a temporary directory, merges id.po into it and counts what is missing.
set -u
src="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
files=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
# Same keywords as meson's glib preset.
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format --keyword=ngettext:1,2 \
  -o "$tmp/loket.pot" $files 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; exit 1; }
# A format macro (G_GINT64_FORMAT…) inside _() cuts the msgid short: never translatable.
if grep -q 'not a valid C format string' "$tmp/xgettext.log"; then
  echo "A translatable string is cut short by a format macro (use %lld/%lu with a cast):"
  grep -B1 'not a valid C format string' "$tmp/xgettext.log"
  exit 1
fi
msgmerge --quiet --no-fuzzy-matching -o "$tmp/id.po" po/id.po "$tmp/loket.pot" || exit 1
msgfmt --check -o /dev/null po/id.po || exit 1
stats=$(msgfmt --statistics -o /dev/null "$tmp/id.po" 2>&1)
echo "id.po: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    msgattrib --untranslated --no-obsolete "$tmp/id.po" | grep -A1 '^msgid' | head -40
    exit 1;;
esac
exit 0
