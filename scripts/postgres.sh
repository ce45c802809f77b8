#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, the benchmark and CI.
#
#   scripts/postgres.sh start          start one; prints `export FUNDLEDGER_PG_URL=…` and
#                                      `export FUNDLEDGER_PG_DIR=…` (for eval) on stdout
#   scripts/postgres.sh stop [DIR]     shut the server of DIR (default $FUNDLEDGER_PG_DIR) down
#                                      and remove DIR
#   scripts/postgres.sh run CMD ARGS…  start one, run CMD with both variables set, stop it
#                                      (also when CMD fails), exit with CMD's status
#
# The server uses the machine's binaries (/usr/lib/postgresql/<newest>/bin, or initdb/pg_ctl on
# PATH); as root it installs Debian's `postgresql` package when there are none. Its cluster lives
# in a new temporary directory owned by a non-root user (PostgreSQL refuses to run as root): the
# `postgres` system user when it exists, else a system user `fundledger-pg` made for it. It
# listens on 127.0.0.1 only, on a free port, with password authentication (a random password in
# the URL) and the durable defaults spelled out: fsync, synchronous_commit and full_page_writes on. Its
# buffer cache is 1 GB, so that a store of a million events (about 450 MB with its indexes) stays in it, as
# on a server sized for its data.
# Diagnostics go to stderr; nothing but the two export lines goes to stdout.
set -euo pipefail
umask 077

readonly MARKER=".fundledger-postgres"
readonly DB_USER="fundledger"
readonly DB_NAME="fundledger"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# The directory of the newest PostgreSQL binaries, installing them as root if absent.
find_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then printf '%s\n' "$dir"; return 0; fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return 0
  fi
  [[ $(id -u) -eq 0 ]] || die "no PostgreSQL binaries found, and only root can install Debian's postgresql package"
  command -v apt-get >/dev/null 2>&1 || die "no PostgreSQL binaries found and no apt-get to install them"
  log "installing Debian's postgresql package"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n "$dir" && -x "$dir/initdb" ]] || die "the postgresql package installed no initdb under /usr/lib/postgresql"
  printf '%s\n' "$dir"
}

# The user the server runs as: ourselves unless we are root.
server_user() {
  if [[ $(id -u) -ne 0 ]]; then id -un; return 0; fi
  if id -u postgres >/dev/null 2>&1; then echo postgres; return 0; fi
  if ! id -u fundledger-pg >/dev/null 2>&1; then
    log "creating the system user fundledger-pg"
    useradd --system --no-create-home --shell /usr/sbin/nologin fundledger-pg >&2 \
      || adduser --system --no-create-home --group fundledger-pg >&2 \
      || die "cannot create a non-root user for the server"
  fi
  echo fundledger-pg
}

# Runs a command as the server's user.
as_user() {
  local user=$1; shift
  if [[ $(id -un) == "$user" ]]; then "$@"; return $?; fi
  if command -v runuser >/dev/null 2>&1; then runuser -u "$user" -- "$@"; return $?; fi
  setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups -- "$@"
}

# A TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

cmd_start() {
  local bin user base dir password port tries
  bin=$(find_bin)
  user=$(server_user)
  base=${FUNDLEDGER_PG_TMPDIR:-/tmp}
  dir=$(mktemp -d "$base/fundledger-pg.XXXXXX")
  touch "$dir/$MARKER"
  chown -R "$user" "$dir"
  chmod 700 "$dir"
  password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$password" >"$dir/pwfile"
  chown "$user" "$dir/pwfile"
  chmod 600 "$dir/pwfile"

  as_user "$user" "$bin/initdb" -D "$dir/data" -U "$DB_USER" --pwfile="$dir/pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || as_user "$user" "$bin/initdb" -D "$dir/data" -U "$DB_USER" --pwfile="$dir/pwfile" \
         --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
  rm -f "$dir/pwfile"

  for tries in 1 2 3 4 5; do
    port=$(free_port)
    cat >"$dir/data/postgresql.auto.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
fsync = on
synchronous_commit = on
full_page_writes = on
shared_buffers = '1GB'
EOF
    chown "$user" "$dir/data/postgresql.auto.conf"
    if as_user "$user" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then
      break
    fi
    log "the server did not start on port $port (try $tries):"
    tail -n 5 "$dir/server.log" >&2 || true
    port=""
  done
  [[ -n "$port" ]] || { rm -rf "$dir"; die "could not start a server"; }

  PGPASSWORD=$password "$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres \
    -c "CREATE DATABASE $DB_NAME" >&2 \
    || { cmd_stop "$dir"; die "could not create the database"; }

  local url="postgres://$DB_USER:$password@127.0.0.1:$port/$DB_NAME"
  printf 'export FUNDLEDGER_PG_URL=%s\nexport FUNDLEDGER_PG_DIR=%s\n' "$url" "$dir" | tee "$dir/env"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir"
}

cmd_stop() {
  local dir=${1:-${FUNDLEDGER_PG_DIR:-}}
  [[ -n "$dir" ]] || die "stop: no directory given and FUNDLEDGER_PG_DIR is not set"
  [[ -d "$dir" ]] || { log "stop: $dir is gone already"; return 0; }
  [[ -f "$dir/$MARKER" ]] || die "stop: $dir is not a directory this script made"
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    local bin owner
    bin=$(find_bin)
    owner=$(stat -c %U "$dir/data")
    as_user "$owner" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || as_user "$owner" "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null 2>&1 \
      || log "stop: pg_ctl could not stop the server of $dir"
  fi
  rm -rf "$dir"
}

cmd_run() {
  [[ $# -gt 0 ]] || die "run: no command given"
  local env status=0
  env=$(cmd_start)
  eval "$env"
  trap 'set +e; cmd_stop "$FUNDLEDGER_PG_DIR"' EXIT
  "$@" || status=$?
  exit "$status"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  run) shift; cmd_run "$@" ;;
  *) die "usage: $0 start | stop [DIR] | run CMD [ARGS…]" ;;
esac
