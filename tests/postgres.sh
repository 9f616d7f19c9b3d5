#!/usr/bin/env bash
# A throwaway PostgreSQL server for running the integration and browser suites on PostgreSQL:
#
#   export PUBLISHER_TEST_POSTGRES=$(bash tests/postgres.sh start)   # prints only the connection string
#   dotnet test ...
#   bash tests/postgres.sh stop
#
#   start [PORT]   initialise a cluster in a new temporary folder and start it (PORT defaults to
#                  $PUBLISHER_PG_PORT, else 55432); refuses if the port is taken or a server is recorded there
#   stop [PORT]    stop it and delete its folder
#   status [PORT]  say whether it runs (exit 0) or not (exit 3, like pg_ctl status)
#
# It holds nothing worth keeping and has no password: trust authentication, listening on 127.0.0.1 only,
# durability switched off for speed (fsync, synchronous_commit, full_page_writes). Never point it at real data.
# The locale is C.UTF-8 so that text sorts by code point, as SQLite's BINARY collation does.
# Run as root, the server runs as the postgres user (initdb refuses root); otherwise as the current user.
set -euo pipefail

usage() {
    echo "usage: $0 start|stop|status [PORT]" >&2
    exit 2
}

fail() {
    echo "postgres.sh: $*" >&2
    exit 1
}

command=${1:-}
port=${2:-${PUBLISHER_PG_PORT:-55432}}
[ -n "$command" ] || usage
[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || fail "not a port: $port"

tmp=${TMPDIR:-/tmp}
state="$tmp/publisher-postgres-$port.dir"

# The server's programs: initdb on PATH (its real folder, so that pg_ctl and pg_isready are the same
# version), else the installed postgresql-15 package, else the newest /usr/lib/postgresql/*/bin.
find_bin() {
    local initdb folder
    if initdb=$(command -v initdb 2>/dev/null); then
        dirname "$(readlink -f "$initdb")"
        return
    fi
    if command -v dpkg >/dev/null 2>&1; then
        initdb=$(dpkg -L postgresql-15 2>/dev/null | grep '/bin/initdb$' | head -n 1 || true)
        if [ -n "$initdb" ] && [ -x "$initdb" ]; then
            dirname "$initdb"
            return
        fi
    fi
    for folder in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$folder/initdb" ]; then
            echo "$folder"
            return
        fi
    done
    fail "initdb not found (install postgresql-15, or put its bin folder on PATH)"
}

bin=$(find_bin)
[ -x "$bin/pg_ctl" ] || fail "pg_ctl not found beside $bin/initdb"
pg_isready=$bin/pg_isready
[ -x "$pg_isready" ] || pg_isready=$(command -v pg_isready) || fail "pg_isready not found"

# Runs a server program as the server's owner, from its folder (the postgres user may not read the
# caller's current folder).
as_owner() {
    local folder=$1
    shift
    if [ "$(id -u)" -eq 0 ]; then
        (cd "$folder" && runuser -u postgres -- "$@")
    else
        (cd "$folder" && "$@")
    fi
}

# pg_ctl status: 0 running, 3 not running, 4 no data folder.
server_status() {
    local folder=$1 code=0
    as_owner "$folder" "$bin/pg_ctl" -D "$folder/data" status >/dev/null 2>&1 || code=$?
    return "$code"
}

port_in_use() {
    # Bash connects to the port itself, so this needs no ss or netstat.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

start() {
    [ ! -e "$state" ] || fail "a server is already recorded for port $port in $state (run: $0 stop $port)"
    ! port_in_use || fail "something already listens on 127.0.0.1:$port; pick another port"
    if [ "$(id -u)" -eq 0 ]; then
        getent passwd postgres >/dev/null || fail "running as root needs a postgres user to run the server"
    fi

    local folder
    folder=$(mktemp -d "$tmp/publisher-postgres.XXXXXXXX")
    case "$folder" in
        *[[:space:]]*)
            rm -rf "$folder"
            fail "the temporary folder's path has a space ($folder); set TMPDIR to a folder without one"
            ;;
    esac
    echo "$folder" >"$state"

    # Whatever fails from here on leaves neither a running server nor a folder behind.
    local started=no
    cleanup() {
        if [ "$started" = yes ]; then
            as_owner "$folder" "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        if [ -f "$folder/log" ]; then
            echo "--- server log ($folder/log):" >&2
            tail -n 20 "$folder/log" >&2 || true
        fi
        rm -rf "$folder" "$state"
    }
    trap 'cleanup' EXIT

    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$folder"
        runuser -u postgres -- test -w "$folder" ||
            fail "the postgres user cannot write to $folder; set TMPDIR to a folder it can reach"
    fi

    if ! as_owner "$folder" "$bin/initdb" -D "$folder/data" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$folder/initdb.log" 2>&1; then
        cat "$folder/initdb.log" >&2
        fail "initdb failed"
    fi

    started=yes
    as_owner "$folder" "$bin/pg_ctl" -D "$folder/data" -l "$folder/log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >&2 || fail "the server did not start"

    local tries=0
    until "$pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; do
        tries=$((tries + 1))
        [ "$tries" -lt 60 ] || fail "the server does not accept connections on port $port"
        sleep 0.5
    done

    trap - EXIT
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

stop() {
    [ -f "$state" ] || fail "no server recorded for port $port ($state is missing)"
    local folder
    folder=$(cat "$state")
    [ -n "$folder" ] && [ -d "$folder" ] || fail "$state names no folder: '$folder'; delete it by hand"

    if [ -d "$folder/data" ]; then
        as_owner "$folder" "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >&2 ||
            echo "postgres.sh: pg_ctl stop failed; checking whether the server still runs" >&2
        local code=0
        server_status "$folder" || code=$?
        # The server's own word, not kill -0: process 1 here does not reap orphans, so a stopped
        # postmaster may linger as a zombie that kill -0 still finds.
        [ "$code" -ne 0 ] || fail "the server in $folder still runs; left in place"
    fi
    rm -rf "$folder" "$state"
}

status() {
    if [ ! -f "$state" ]; then
        echo "stopped (no server recorded for port $port)"
        return 3
    fi
    local folder code=0
    folder=$(cat "$state")
    server_status "$folder" || code=$?
    if [ "$code" -eq 0 ]; then
        echo "running on 127.0.0.1:$port, folder $folder"
        echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
        return 0
    fi
    echo "stopped (recorded folder $folder; run: $0 stop $port to remove it)"
    return 3
}

case "$command" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) usage ;;
esac
