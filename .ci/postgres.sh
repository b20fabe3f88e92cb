# .ci/postgres.sh — a throwaway PostgreSQL cluster for the tests.
#
# Sourced by .ci/run (bash, set -euo pipefail). It installs the Debian
# postgresql package when no server binaries are found, creates a cluster
# in a temporary directory (trust authentication, listening on 127.0.0.1
# only, on the first free port from 55432), starts it, waits until it
# accepts connections and exports
#
#   DYAD_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable
#
# for store/postgres and the queue tests. The cluster is stopped and its
# directory removed when the shell exits; an EXIT trap set before is kept
# and runs after ours. initdb refuses to run as root, so as root the
# cluster belongs to the postgres user (runuser). Durability is off
# (fsync, synchronous_commit): the cluster lives for one CI run.
#
# It can be tried alone: bash -c 'source .ci/postgres.sh && psql "$DYAD_TEST_POSTGRES" -c "select 1"'

dyad_pg_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  return 1
}

if ! DYAD_PG_BIN=$(dyad_pg_bindir); then
  echo "postgres: initdb/pg_ctl not found: installing the postgresql package"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  DYAD_PG_BIN=$(dyad_pg_bindir) || { echo "postgres: no initdb/pg_ctl after installing postgresql" >&2; exit 1; }
fi

# dyad_pg_as runs a command as the cluster's owner: the postgres user when
# we are root, else ourselves.
dyad_pg_as() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# dyad_pg_port_free reports whether nothing listens on 127.0.0.1:$1.
dyad_pg_port_free() {
  if command -v ss >/dev/null 2>&1 && ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; then
    return 1
  fi
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

DYAD_PG_DIR=$(mktemp -d /tmp/dyad-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "postgres: running as root but there is no postgres user" >&2; exit 1; }
  chown postgres: "$DYAD_PG_DIR"
fi
chmod 700 "$DYAD_PG_DIR"

dyad_pg_cleanup() {
  if [ -n "${DYAD_PG_DIR:-}" ] && [ -d "$DYAD_PG_DIR" ]; then
    if [ -f "$DYAD_PG_DIR/data/postmaster.pid" ]; then
      dyad_pg_as "$DYAD_PG_BIN/pg_ctl" -D "$DYAD_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DYAD_PG_DIR"
  fi
}

# Keep an EXIT trap set before this file was sourced: ours runs first.
dyad_pg_trap() {
  local prev=""
  eval "set -- $(trap -p EXIT)"
  if [ $# -ge 3 ]; then prev=$3; fi
  if [ -n "$prev" ]; then
    trap "dyad_pg_cleanup; $prev" EXIT
  else
    trap dyad_pg_cleanup EXIT
  fi
}
dyad_pg_trap

dyad_pg_as "$DYAD_PG_BIN/initdb" -D "$DYAD_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
  >"$DYAD_PG_DIR/initdb.log" 2>&1 || { cat "$DYAD_PG_DIR/initdb.log" >&2; exit 1; }

# The first free port from 55432; another process may take it between the
# check and the start, so a failed start tries the next one.
DYAD_PG_PORT=""
for dyad_pg_p in $(seq 55432 55531); do
  dyad_pg_port_free "$dyad_pg_p" || continue
  if dyad_pg_as "$DYAD_PG_BIN/pg_ctl" -D "$DYAD_PG_DIR/data" -l "$DYAD_PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $dyad_pg_p -k $DYAD_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null 2>&1; then
    DYAD_PG_PORT=$dyad_pg_p
    break
  fi
done
if [ -z "$DYAD_PG_PORT" ]; then
  echo "postgres: the cluster did not start on any port from 55432 to 55531:" >&2
  tail -20 "$DYAD_PG_DIR/server.log" >&2 || true
  exit 1
fi

for _ in $(seq 1 60); do
  "$DYAD_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$DYAD_PG_PORT" -U postgres && break
  sleep 0.5
done
"$DYAD_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$DYAD_PG_PORT" -U postgres ||
  { echo "postgres: not ready on port $DYAD_PG_PORT" >&2; tail -20 "$DYAD_PG_DIR/server.log" >&2; exit 1; }

export DYAD_TEST_POSTGRES="postgres://postgres@127.0.0.1:$DYAD_PG_PORT/postgres?sslmode=disable"
echo "postgres: $("$DYAD_PG_BIN/postgres" --version) on 127.0.0.1:$DYAD_PG_PORT ($DYAD_PG_DIR); DYAD_TEST_POSTGRES=$DYAD_TEST_POSTGRES"
