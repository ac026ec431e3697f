#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for tests, on 127.0.0.1 and a free port.
#   pg-cluster.sh start DIR   → initdb into DIR/data, start, create database "loket";
#                               prints the libpq conninfo on stdout
#   pg-cluster.sh stop DIR    → stop the server and remove DIR
#   pg-cluster.sh halt DIR    → stop the server only (a database outage)
#   pg-cluster.sh resume DIR  → start it again on the same port
# PostgreSQL refuses to run as root: as root, it runs as the "postgres" user (runuser).
# LOKET_PG_OWNER_PID=<pid>: stop and remove the cluster by itself once that process is gone.
set -euo pipefail

cmd=${1:?usage: pg-cluster.sh start|stop DIR}
dir=${2:?usage: pg-cluster.sh start|stop DIR}
bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for v in 17 16 15; do
    [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ] && { bindir=/usr/lib/postgresql/$v/bin; break; }
  done
fi
[ -n "$bindir" ] || { echo "pg-cluster.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 77; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    chmod 700 "$dir"
    as_pg "$bindir/initdb" -D "$dir/data" -U loket --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # A free port: ask the kernel, then retry on the rare race.
    for attempt in 1 2 3 4 5; do
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
      if as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
           -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
           start >/dev/null 2>&1; then
        echo "$port" >"$dir/port"
        break
      fi
      port=
    done
    [ -n "$port" ] || { cat "$dir/postgres.log" >&2; exit 1; }
    as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U loket loket
    # With LOKET_PG_OWNER_PID set, the cluster goes when that process does, even if it crashed.
    if [ -n "${LOKET_PG_OWNER_PID:-}" ]; then
      setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; "$2" stop "$3"' \
        guard "$LOKET_PG_OWNER_PID" "$0" "$dir" </dev/null >/dev/null 2>&1 &
    fi
    echo "host=127.0.0.1 port=$port user=loket dbname=loket"
    ;;
  halt)
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  resume)
    port=$(cat "$dir/port")
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-cluster.sh start|stop|halt|resume DIR" >&2; exit 2 ;;
esac
