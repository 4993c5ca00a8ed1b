#!/usr/bin/env bash
# cluster.sh: throwaway PostgreSQL 15 clusters for the tests, each in a
# folder of its own, on a free loopback port, never the system's cluster.
#
# As a command:
#   cluster.sh start DIR         initdb into DIR (or start the stopped
#                                cluster already there); prints its URI
#                                postgresql://vigil@127.0.0.1:PORT/vigil
#                                and, on the next line, PORT
#   cluster.sh newdb DIR NAME    a new empty database owned by vigil; its URI
#   cluster.sh uri DIR [NAME]    the URI of database NAME (default vigil)
#   cluster.sh standby DIR SDIR  a streaming hot standby of DIR in SDIR, on
#                                a port of its own; its URI and port
#   cluster.sh promote SDIR      the standby becomes a primary; returns once
#                                it accepts writes
#   cluster.sh stop DIR          fast shutdown
#   cluster.sh kill DIR          immediate shutdown (crash recovery on the
#                                next start), for fault tests
#   cluster.sh restart DIR       fast shutdown, then start on the same port
#   cluster.sh pids DIR          the cluster's running processes, a pid a line
#   cluster.sh destroy DIR...    immediate shutdown, any process left killed,
#                                the folder removed
# Sourced (". tests/pg/cluster.sh"), the same as functions pg_start,
# pg_newdb, ..., pg_destroy; pg_start also exports PG_URI and PG_PORT,
# pg_standby PG_STANDBY_URI and PG_STANDBY_PORT; pg_cleanup_on_exit
# DIR... destroys those clusters when the sourcing shell exits, however
# it exits.
#
# Layout of DIR: data/ (PGDATA), log (the server's log), port, the unix
# socket, and instance.conf: the settings that differ between a primary
# and its standby (port, socket folder), included by data/postgresql.conf
# as ../instance.conf so a base backup does not carry them over.
#
# A server refuses to run as root: when the caller is root the server
# programs run as the postgres system user, and DIR is given to that
# user. setpriv rather than runuser: it execs the program itself, where
# runuser stays as its parent and, on SIGTERM, takes 2 s more to exit,
# which a test's cleanup after SIGTERM would wait for. Clients (psql, pg_isready) connect over TCP as whoever calls.
# Authentication is trust on loopback and the socket: test clusters only.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_WAIT=${PG_WAIT:-60} # seconds any wait (start, stop, promote) may take

pg__err() {
    printf 'cluster.sh: %s\n' "$*" >&2
    return 1
}

# pg__check: the binaries and, as root, the postgres user are there.
pg__check() {
    local b
    for b in initdb pg_ctl postgres pg_basebackup pg_isready psql; do
        [ -x "$PG_BIN/$b" ] || pg__err "$PG_BIN/$b not found: PostgreSQL 15" \
            "is not installed (run scripts/install-deps.sh as root)" || return
    done
    if [ "$(id -u)" -eq 0 ] && ! id -u postgres >/dev/null 2>&1; then
        pg__err "no postgres system user (run scripts/install-deps.sh as root)"
        return
    fi
}

# pg__as_server CMD...: runs a server program as the user the server runs
# as, from / (the caller's folder may be closed to that user).
pg__as_server() {
    local home
    if [ "$(id -u)" -eq 0 ]; then
        home=$(getent passwd postgres | cut -d: -f6)
        (cd / && HOME=${home:-/} exec setpriv --reuid=postgres --regid=postgres \
            --init-groups -- "$@")
    else
        (cd / && exec "$@")
    fi
}

# pg__dir DIR: prints DIR as an absolute path; fails if it does not exist.
pg__dir() {
    [ -n "${1:-}" ] || pg__err "a cluster folder is needed" || return
    [ -d "$1" ] || pg__err "$1: no such folder" || return
    (cd "$1" && pwd -P)
}

# pg__own DIR: creates DIR if needed and hands it to the server's user.
pg__own() {
    mkdir -p "$1" || pg__err "$1: cannot create the folder" || return
    [ "$(id -u)" -eq 0 ] || return 0
    chown postgres:postgres "$1" && chmod 0700 "$1" ||
        pg__err "$1: cannot hand the folder to the postgres user" || return
    pg__as_server test -w "$1" -a -x "$1" ||
        pg__err "$1: the postgres user cannot reach it (a parent folder is" \
            "closed to it: use a folder of its own, e.g. mktemp -d)"
}

# pg__port DIR: the port the cluster in DIR was given.
pg__port() {
    local port
    port=$(cat "$1/port" 2>/dev/null) && [ -n "$port" ] ||
        pg__err "$1: not a cluster folder (no port file)" || return
    printf '%s\n' "$port"
}

# pg__psql DIR DB SQL: runs SQL as the superuser; prints unaligned rows.
pg__psql() {
    local port
    port=$(pg__port "$1") || return
    "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" \
        -U postgres -d "$2" -c "$3"
}

# pg__free_port: a loopback port nothing listens on, below the kernel's
# range for outgoing connections so none of those can take it.
pg__free_port() {
    local port
    for _ in $(seq 100); do
        port=$((10000 + (RANDOM * 32768 + RANDOM) % 22000))
        if ! (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    pg__err "no free port found"
}

# pg__set_port DIR PORT: gives the cluster in DIR that port and its socket.
pg__set_port() {
    printf "port = %s\nunix_socket_directories = '%s'\n" "$2" "$1" \
        >"$1/instance.conf" && printf '%s\n' "$2" >"$1/port" &&
        { [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$1/instance.conf" "$1/port"; }
}

# pg__wait_ready DIR: waits until the server accepts connections.
pg__wait_ready() {
    local port
    port=$(pg__port "$1") || return
    for _ in $(seq $((PG_WAIT * 10))); do
        "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -t 1 && return 0
        sleep 0.1
    done
    pg__err "$1: the server does not accept connections after $PG_WAIT s" \
        "(see $1/log)"
}

# pg__launch DIR [fixed]: starts the server in DIR/data; without "fixed",
# on another free port whenever the one it tried is taken.
pg__launch() {
    local dir=$1 fixed=${2:-} port from
    for _ in 1 2 3 4 5 6 7 8; do
        if [ -z "$fixed" ]; then
            port=$(pg__free_port) && pg__set_port "$dir" "$port" || return
        fi
        from=$(($(stat -c %s "$dir/log" 2>/dev/null || echo 0) + 1))
        if pg__as_server "$PG_BIN/pg_ctl" start -w -t "$PG_WAIT" -D "$dir/data" \
            -l "$dir/log" >/dev/null 2>&1; then
            pg__wait_ready "$dir"
            return
        fi
        if [ -n "$fixed" ] || ! tail -c +"$from" "$dir/log" 2>/dev/null |
            grep -q 'Address already in use'; then
            pg__err "$dir: the server did not start; its log says:"
            tail -c +"$from" "$dir/log" 2>/dev/null | tail -20 >&2
            return 1
        fi
    done
    pg__err "$dir: every port tried was taken"
}

# pg__configure DIR: the settings of every test cluster; what differs
# per instance is in ../instance.conf. PG_SETTINGS, if set, is appended:
# lines of postgresql.conf for a cluster set for one purpose (a
# benchmark's bulk load).
pg__configure() {
    cat >>"$1/data/postgresql.conf" <<'EOF' || return

# Vigil's test cluster (tests/pg/cluster.sh)
listen_addresses = '127.0.0.1'
fsync = on
synchronous_commit = on
full_page_writes = on
wal_level = replica
max_wal_senders = 10
wal_keep_size = '256MB'
hot_standby = on
# A start after a crash, or from a base backup, flushes the data folder
# first: one syncfs() rather than an fsync() per file takes seconds less.
recovery_init_sync_method = syncfs
max_connections = 200
include '../instance.conf'
EOF
    [ -z "${PG_SETTINGS:-}" ] ||
        printf '%s\n' "$PG_SETTINGS" >>"$1/data/postgresql.conf" || return
    cat >"$1/data/pg_hba.conf" <<'EOF'
# Test cluster: anyone on this machine, as any role, replication included.
local all         all                 trust
host  all         all   127.0.0.1/32  trust
local replication all                 trust
host  replication all   127.0.0.1/32  trust
EOF
}

# pg_uri DIR [NAME]: the URI of database NAME (default vigil) as vigil.
pg_uri() {
    local dir port
    dir=$(pg__dir "${1:-}") && port=$(pg__port "$dir") || return
    printf 'postgresql://vigil@127.0.0.1:%s/%s\n' "$port" "${2:-vigil}"
}

# pg__announce DIR PREFIX: prints URI and port, and exports them as
# PREFIX_URI and PREFIX_PORT (useful when sourced).
pg__announce() {
    local uri port
    uri=$(pg_uri "$1") && port=$(pg__port "$1") || return
    export "$2_URI=$uri" "$2_PORT=$port"
    printf '%s\n%s\n' "$uri" "$port"
}

# pg_start DIR: a new cluster in DIR, or the stopped one already there.
pg_start() {
    local dir
    [ -n "${1:-}" ] || pg__err "usage: start DIR" || return
    pg__check && pg__own "$1" && dir=$(pg__dir "$1") || return
    if [ -f "$dir/data/PG_VERSION" ]; then
        pg__launch "$dir" fixed && pg__announce "$dir" PG
        return
    fi
    [ ! -e "$dir/data" ] || pg__err "$dir/data exists but holds no cluster" || return
    if ! pg__as_server "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust \
        --encoding=UTF8 --locale=C.UTF-8 --no-sync --no-instructions \
        >"$dir/initdb.log" 2>&1; then
        pg__err "$dir: initdb failed:"
        tail -20 "$dir/initdb.log" >&2
        return 1
    fi
    pg__configure "$dir" && pg__launch "$dir" || return
    pg__psql "$dir" postgres "CREATE ROLE vigil LOGIN CREATEDB" &&
        pg__psql "$dir" postgres "CREATE DATABASE vigil OWNER vigil" ||
        pg__err "$dir: cannot create the role or the database vigil" || return
    pg__announce "$dir" PG
}

# pg_newdb DIR NAME: a new empty database NAME owned by vigil; its URI.
pg_newdb() {
    local dir name=${2:-}
    pg__check && dir=$(pg__dir "${1:-}") || return
    [[ $name =~ ^[a-z_][a-z0-9_]{0,62}$ ]] ||
        pg__err "database name '$name': use lower-case letters, digits and _" || return
    pg__psql "$dir" postgres "CREATE DATABASE $name OWNER vigil TEMPLATE template0" ||
        pg__err "$dir: cannot create database $name" || return
    pg_uri "$dir" "$name"
}

# pg_standby DIR SDIR: a streaming hot standby of DIR's cluster in SDIR.
pg_standby() {
    local dir sdir port
    [ -n "${2:-}" ] || pg__err "usage: standby DIR SDIR" || return
    pg__check && dir=$(pg__dir "$1") && port=$(pg__port "$dir") || return
    pg__own "$2" && sdir=$(pg__dir "$2") || return
    [ ! -e "$sdir/data" ] || pg__err "$sdir already holds a cluster" || return
    # -R: standby.signal and primary_conninfo; -X stream: the WAL of the
    # copy itself comes along, so the standby starts consistent.
    if ! pg__as_server "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$port" \
        -U postgres -D "$sdir/data" -R -X stream -c fast --no-sync \
        >"$sdir/basebackup.log" 2>&1; then
        pg__err "$sdir: pg_basebackup from $dir failed:"
        tail -20 "$sdir/basebackup.log" >&2
        return 1
    fi
    pg__launch "$sdir" && pg__announce "$sdir" PG_STANDBY
}

# pg_promote SDIR: ends recovery; returns once the server takes writes.
pg_promote() {
    local dir
    pg__check && dir=$(pg__dir "${1:-}") || return
    pg__as_server "$PG_BIN/pg_ctl" promote -w -t "$PG_WAIT" -D "$dir/data" \
        >/dev/null || pg__err "$dir: pg_ctl promote failed" || return
    for _ in $(seq $((PG_WAIT * 10))); do
        [ "$(pg__psql "$dir" postgres "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ] &&
            return 0
        sleep 0.1
    done
    pg__err "$dir: still read-only $PG_WAIT s after promotion (see $dir/log)"
}

# pg__running DIR: the server of DIR's cluster is up.
pg__running() {
    pg__as_server "$PG_BIN/pg_ctl" status -D "$1/data" >/dev/null 2>&1
}

# pg__shutdown DIR MODE: pg_ctl stop in that mode; a stopped cluster is
# left as it is.
pg__shutdown() {
    local dir
    pg__check && dir=$(pg__dir "${1:-}") || return
    [ -f "$dir/data/PG_VERSION" ] || pg__err "$dir: not a cluster folder" || return
    pg__running "$dir" || return 0
    pg__as_server "$PG_BIN/pg_ctl" stop -m "$2" -w -t "$PG_WAIT" -D "$dir/data" \
        >/dev/null || pg__err "$dir: the server did not stop ($2)"
}

pg_stop() { pg__shutdown "${1:-}" fast; }
pg_kill() { pg__shutdown "${1:-}" immediate; }

# pg_restart DIR: fast shutdown, then start again on the same port.
pg_restart() {
    local dir
    pg_stop "${1:-}" && dir=$(pg__dir "$1") && pg__launch "$dir" fixed
}

# pg_pids DIR: every process of DIR's cluster, one pid a line. A server
# process works in its data folder, so the postmaster and its children,
# orphans included, are found by their current folder.
pg_pids() {
    local dir data
    dir=$(pg__dir "${1:-}") || return
    data=$(cd "$dir/data" 2>/dev/null && pwd -P) || return 0
    # find fails on processes that end or are closed to the caller.
    { find /proc -mindepth 2 -maxdepth 2 -name cwd -printf '%l\t%h\n' 2>/dev/null || :; } |
        PG_DATA=$data awk -F'\t' '$1 == ENVIRON["PG_DATA"] { print substr($2, 7) }'
}

# pg__halt DIR: immediate shutdown, and any process of the cluster that
# is left killed.
pg__halt() {
    local pids
    if [ -f "$1/data/PG_VERSION" ] && [ -x "$PG_BIN/pg_ctl" ] && pg__running "$1"; then
        pg__as_server "$PG_BIN/pg_ctl" stop -m immediate -w -t 10 \
            -D "$1/data" >/dev/null 2>&1
    fi
    pids=$(pg_pids "$1")
    # shellcheck disable=SC2086 # one pid a word
    [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || :
}

# pg_destroy DIR...: every cluster halted first, then every folder
# removed, all at once: on a busy disk removing one takes seconds, and a
# test's runner may not wait that long after SIGTERM before it kills the
# test, so nothing may be left running by then. Fails if a folder could
# not be removed.
pg_destroy() {
    local d rc=0 removers=()
    for d in "$@"; do
        [ ! -d "$d" ] || pg__halt "$d"
    done
    for d in "$@"; do
        rm -rf "$d" 2>/dev/null &
        removers+=($!)
    done
    # Only these: the caller may have jobs of its own.
    [ ${#removers[@]} -eq 0 ] || wait "${removers[@]}"
    for d in "$@"; do
        [ ! -e "$d" ] || pg__err "$d: could not be removed" || rc=1
    done
    return $rc
}

# pg_cleanup_on_exit DIR...: destroys these clusters when the sourcing
# shell exits, by exit, failure or signal (HUP, INT, TERM). Runs before
# an EXIT trap the shell already had, which it keeps; call it after
# setting your own traps.
PG_CLEANUP_DIRS=()
pg_cleanup_on_exit() {
    local d old sig code
    for d in "$@"; do
        PG_CLEANUP_DIRS+=("$(cd "$d" 2>/dev/null && pwd -P || echo "$d")")
    done
    [ -z "${PG__TRAPPED:-}" ] || return 0
    PG__TRAPPED=1
    old=$(trap -p EXIT)
    if [ -n "$old" ]; then
        eval "set -- $old" # trap -- 'COMMAND' EXIT
        old=$3
    fi
    # shellcheck disable=SC2064 # the old command is fixed now
    trap "pg_destroy \"\${PG_CLEANUP_DIRS[@]}\"; $old" EXIT
    # A signal only runs the EXIT trap if it makes the shell exit.
    for sig in HUP:129 INT:130 TERM:143; do
        code=${sig#*:}
        sig=${sig%:*}
        # shellcheck disable=SC2064
        [ -n "$(trap -p "$sig")" ] || trap "exit $code" "$sig"
    done
}

pg__usage() {
    sed -n '/^# As a command:/,/^# Sourced/p' "${BASH_SOURCE[0]}" |
        sed '$d; s/^# \{0,1\}//' >&2
    return 2
}

# The commands: NAME:MIN:MAX arguments.
PG__COMMANDS="start:1:1 newdb:2:2 uri:1:2 standby:2:2 promote:1:1 stop:1:1
kill:1:1 restart:1:1 pids:1:1 destroy:1:99"

pg__main() {
    local cmd=${1:-} entry min max
    shift || true
    for entry in $PG__COMMANDS; do
        [ "${entry%%:*}" = "$cmd" ] || continue
        min=${entry#*:}
        max=${min#*:}
        min=${min%:*}
        if [ $# -lt "$min" ] || [ $# -gt "$max" ]; then
            pg__err "$cmd: wrong number of arguments"
            pg__usage
            return
        fi
        "pg_$cmd" "$@"
        return
    done
    pg__err "unknown command '$cmd'"
    pg__usage
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    pg__main "$@"
fi
