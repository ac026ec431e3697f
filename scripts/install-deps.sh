#!/usr/bin/env bash
# Installs the Debian 12 packages Loket needs to build, run and test. Idempotent: installs only
# what is missing, runs `apt-get update` once per call when something is.
set -euo pipefail

PACKAGES=(
  build-essential pkg-config meson ninja-build gettext python3
  libglib2.0-dev libglib2.0-dev-bin libjson-glib-dev libsqlite3-dev sqlite3
  libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  libcairo2-dev libpango1.0-dev libpoppler-glib-dev poppler-utils
  libqrencode-dev libxlsxwriter-dev python3-openpyxl zbar-tools libgnutls28-dev nettle-dev gnutls-bin openssl softhsm2 p11-kit
  qpdf
  libsoup-3.0-dev glib-networking
  postgresql libpq-dev libargon2-dev
  desktop-file-utils appstream appstream-util
  xvfb xauth x11-utils xdotool imagemagick dbus dbus-x11
  fonts-dejavu-core fonts-liberation2 fonts-cantarell adwaita-icon-theme
  locales
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing packages: ${missing[*]}" >&2
    echo "Run this script as root (or install them with apt-get)." >&2
    exit 1
  fi
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Indonesian locale, so `./run.sh` shows the app in Indonesian and tests can check translations.
if [ "$(id -u)" = 0 ] && ! locale -a 2>/dev/null | grep -qi '^id_ID\.utf-\?8$'; then
  sed -i 's/^# *\(id_ID.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^id_ID.UTF-8 UTF-8' /etc/locale.gen || echo 'id_ID.UTF-8 UTF-8' >> /etc/locale.gen
  locale-gen >/dev/null
fi
