#!/usr/bin/env bash
# Fails when a file with translatable strings is missing from po/POTFILES.in, or POTFILES.in
# names a file that does not exist or is not sorted.
set -u
cd "${1:-$(dirname "$0")/..}"
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
if [ "$listed" != "$(echo "$listed" | LC_ALL=C sort)" ]; then
  echo "po/POTFILES.in is not sorted"; status=1
fi
for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES.in names a missing file: $f"; status=1; }
done
for f in $(grep -rlE '(\b(N_|_|C_|NC_) ?\(|\bngettext ?\()' src --include='*.c' | LC_ALL=C sort) \
         $(grep -rl 'translatable="yes"' ui --include='*.ui' 2>/dev/null | LC_ALL=C sort); do
  echo "$listed" | grep -qx "$f" || { echo "not in po/POTFILES.in: $f"; status=1; }
done
[ $status = 0 ] && echo "POTFILES.in: ok"
exit $status
