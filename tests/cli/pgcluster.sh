#!/usr/bin/env bash
# pgcluster.sh: the test clusters of tests/pg/cluster.sh. A cluster of its
# own on loopback with the settings the durability and failover tests
# rely on; a database per test, owned by the non-superuser vigil; a
# streaming standby that sees the primary's writes, refuses its own until
# promoted, then takes them; an immediate kill that leaves nothing of the
# primary running and loses nothing committed; and a script that started
# a cluster leaves nothing behind however it exits.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh
. tests/pg/cluster.sh

PSQL=$PG_BIN/psql
P=$(mktemp -d /tmp/vigil-pg.XXXXXX)
S=$(mktemp -d /tmp/vigil-pg.XXXXXX)
pg_cleanup_on_exit "$P" "$S"

# sql URI SQL: runs SQL, prints rows unaligned; the exit status is psql's.
sql() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2" 2>"$TMP/sql.err"; }

# within SECONDS COMMAND...: retries the command every 0.1 s until it
# succeeds, for at most that long.
within() {
    local tries=$(($1 * 10))
    shift
    while [ $tries -gt 0 ]; do
        "$@" && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}

not() { ! "$@"; }

# alive PID...: whether any of them still runs. A zombie does not: it
# has ended, and waits for whoever adopted it (PID 1) to reap it.
alive() {
    local p state
    for p in "$@"; do
        state=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null) || continue
        [ "${state%% *}" = Z ] || return 0
    done
    return 1
}

# The primary.
pg_start "$P" >"$TMP/start" 2>"$TMP/start.err"
check "start exits 0: $(cat "$TMP/start.err")" [ $? -eq 0 ]
port=$(cat "$P/port")
check "start prints the URI, then the port" \
    [ "$(cat "$TMP/start")" = "postgresql://vigil@127.0.0.1:$port/vigil"$'\n'"$port" ]
check "start exports PG_URI and PG_PORT" \
    [ "$PG_URI $PG_PORT" = "postgresql://vigil@127.0.0.1:$port/vigil $port" ]
ADMIN="postgresql://postgres@127.0.0.1:$port/postgres"
check "the server accepts connections on 127.0.0.1:$port" \
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres
check "its unix socket is in its folder" [ -S "$P/.s.PGSQL.$port" ]
settings=$(sql "$ADMIN" "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name)
    FROM pg_settings WHERE name IN ('listen_addresses', 'fsync',
    'synchronous_commit', 'wal_level', 'hot_standby')")
check "listens on loopback only, fsync and synchronous commit on, WAL for standbys: $settings" \
    [ "$settings" = "fsync=on hot_standby=on listen_addresses=127.0.0.1 synchronous_commit=on wal_level=replica" ]
check "at least 4 WAL senders" [ "$(sql "$ADMIN" "SHOW max_wal_senders")" -ge 4 ]
postmaster=$(head -1 "$P/data/postmaster.pid")
expected_user=$(id -un)
[ "$(id -u)" -ne 0 ] || expected_user=postgres
check "the server runs as $expected_user" \
    [ "$(stat -c %U "/proc/$postmaster")" = "$expected_user" ]
check "the log is in the cluster's folder" grep -q 'ready to accept connections' "$P/log"
check "the system's own cluster is not used (its data folder is the test's)" \
    [ "$(sql "$ADMIN" "SHOW data_directory")" = "$(cd "$P/data" && pwd -P)" ]

# The role vigil: logs in, may create databases, is no superuser.
check "vigil is no superuser" [ "$(sql "$PG_URI" "SHOW is_superuser")" = off ]
check "vigil may create databases, not roles" \
    [ "$(sql "$ADMIN" "SELECT rolcreatedb, rolcreaterole, rolsuper FROM pg_roles WHERE rolname = 'vigil'")" = "t|f|f" ]
sql "$PG_URI" "CREATE ROLE intruder"
check "vigil cannot create a role" grep -q 'permission denied' "$TMP/sql.err"
check "the database vigil is vigil's" \
    [ "$(sql "$ADMIN" "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'vigil'")" = vigil ]

# A database per test.
A=$(pg_newdb "$P" alpha)
check "newdb prints the new database's URI" [ "$A" = "postgresql://vigil@127.0.0.1:$port/alpha" ]
B=$(pg_newdb "$P" beta)
check "a second database" [ "$B" = "postgresql://vigil@127.0.0.1:$port/beta" ]
check "both are vigil's" [ "$(sql "$ADMIN" "SELECT string_agg(datname || ':' || pg_get_userbyid(datdba), ' ' ORDER BY datname)
    FROM pg_database WHERE datname IN ('alpha', 'beta')")" = "alpha:vigil beta:vigil" ]
sql "$A" "CREATE TABLE note (id int PRIMARY KEY, body text);
    INSERT INTO note VALUES (1, 'written in alpha')"
check "vigil writes in its database: $(cat "$TMP/sql.err")" [ $? -eq 0 ]
check "and reads it back" [ "$(sql "$A" "SELECT body FROM note WHERE id = 1")" = "written in alpha" ]
check "the other database is empty" \
    [ "$(sql "$B" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ]
pg_newdb "$P" alpha >/dev/null 2>"$TMP/err"
check "a database that exists is refused" [ $? -ne 0 ]
check "with a message" grep -q 'cannot create database alpha' "$TMP/err"
pg_newdb "$P" 'Bad"name' >/dev/null 2>"$TMP/err"
check "a name that needs quoting is refused" [ $? -ne 0 ]
check "with a message" grep -q "database name 'Bad\"name'" "$TMP/err"

# The standby.
pg_standby "$P" "$S" >"$TMP/standby" 2>"$TMP/standby.err"
check "standby exits 0: $(cat "$TMP/standby.err")" [ $? -eq 0 ]
sport=$(cat "$S/port")
check "the standby has a port of its own ($sport)" [ "${sport:-$port}" != "$port" ]
check "standby prints its URI, then its port" \
    [ "$(cat "$TMP/standby")" = "postgresql://vigil@127.0.0.1:$sport/vigil"$'\n'"$sport" ]
check "standby exports PG_STANDBY_URI and PG_STANDBY_PORT" \
    [ "$PG_STANDBY_URI $PG_STANDBY_PORT" = "postgresql://vigil@127.0.0.1:$sport/vigil $sport" ]
check "and leaves PG_URI the primary's" [ "$PG_URI" = "postgresql://vigil@127.0.0.1:$port/vigil" ]
SA="postgresql://vigil@127.0.0.1:$sport/alpha"
check "the standby is in recovery" [ "$(sql "$SA" "SELECT pg_is_in_recovery()")" = t ]
check "it has what the primary had" [ "$(sql "$SA" "SELECT body FROM note WHERE id = 1")" = "written in alpha" ]
sql "$A" "INSERT INTO note VALUES (2, 'after the copy')"
seen() { [ "$(sql "$SA" "SELECT body FROM note WHERE id = 2")" = "after the copy" ]; }
check "a row written on the primary reaches the standby within 30 s" within 30 seen
sql "$SA" "INSERT INTO note VALUES (3, 'on the standby')"
check "the standby refuses writes" [ $? -ne 0 ]
check "as read-only" grep -q 'read-only transaction' "$TMP/sql.err"

# Promotion.
pg_promote "$S" 2>"$TMP/err"
check "promote exits 0: $(cat "$TMP/err")" [ $? -eq 0 ]
check "the promoted standby is out of recovery" [ "$(sql "$SA" "SELECT pg_is_in_recovery()")" = f ]
sql "$SA" "INSERT INTO note VALUES (3, 'on the new primary')"
check "the promoted standby takes writes: $(cat "$TMP/sql.err")" [ $? -eq 0 ]
check "and keeps them" [ "$(sql "$SA" "SELECT string_agg(body, ',' ORDER BY id) FROM note")" = \
    "written in alpha,after the copy,on the new primary" ]

# An immediate kill of the primary.
mapfile -t before < <(pg_pids "$P")
check "the primary runs several processes (${#before[@]})" [ ${#before[@]} -ge 3 ]
check "the postmaster is among them" grep -qx "$postmaster" < <(printf '%s\n' "${before[@]}")
pg_kill "$P" 2>"$TMP/err"
check "kill exits 0: $(cat "$TMP/err")" [ $? -eq 0 ]
check "none of the primary's processes is left" not alive "${before[@]}"
check "none runs in its data folder" [ -z "$(pg_pids "$P")" ]
check "nothing answers on its port" not "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 1
check "its folder is kept" [ -f "$P/data/PG_VERSION" ]
check "the promoted standby still runs" "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$sport" -U postgres
pg_restart "$P" 2>"$TMP/err"
check "restart after the kill exits 0: $(cat "$TMP/err")" [ $? -eq 0 ]
check "restart keeps the port" [ "$(cat "$P/port")" = "$port" ]
check "crash recovery kept every committed row" \
    [ "$(sql "$A" "SELECT string_agg(body, ',' ORDER BY id) FROM note")" = "written in alpha,after the copy" ]
check "crash recovery ran" grep -q 'not properly shut down' "$P/log"
pg_stop "$P" 2>"$TMP/err"
check "stop exits 0: $(cat "$TMP/err")" [ $? -eq 0 ]
check "nothing of the primary runs after stop" [ -z "$(pg_pids "$P")" ]
check "a clean shutdown" grep -q 'database system is shut down' "$P/log"
pg_start "$P" >/dev/null 2>"$TMP/err"
check "start brings a stopped cluster back: $(cat "$TMP/err")" \
    [ "$(sql "$A" "SELECT count(*) FROM note")" = 2 ]
check "on its port" [ "$(cat "$P/port")" = "$port" ]

# Failures are told.
PG_BIN=/nonexistent bash tests/pg/cluster.sh start "$TMP/none" >/dev/null 2>"$TMP/err"
check "without the binaries, start fails" [ $? -ne 0 ]
check "and says to run scripts/install-deps.sh" grep -q 'scripts/install-deps.sh' "$TMP/err"
bash tests/pg/cluster.sh frobnicate >/dev/null 2>"$TMP/err"
check "an unknown command fails" [ $? -eq 2 ]
check "with the usage" grep -q 'cluster.sh standby DIR SDIR' "$TMP/err"
bash tests/pg/cluster.sh newdb "$P" >/dev/null 2>"$TMP/err"
check "a missing argument fails" [ $? -eq 2 ]
check "and says so" grep -q 'wrong number of arguments' "$TMP/err"
bash tests/pg/cluster.sh stop "$TMP/nowhere" 2>"$TMP/err"
check "a folder that is no cluster is refused" [ $? -ne 0 ]
check "and named" grep -q "$TMP/nowhere: no such folder" "$TMP/err"

# A script that started a cluster leaves nothing behind: on exit with a
# failure status, and on SIGTERM, which a helper sends it while it waits.
# It keeps its own EXIT trap too. Each runs in the foreground, so a signal
# to this test lets it end by itself first.
cat >"$TMP/child.sh" <<'EOF'
. tests/pg/cluster.sh
trap 'echo own-trap-ran >"$STATE.trap"' EXIT
dir=$(mktemp -d /tmp/vigil-pg.XXXXXX)
pg_cleanup_on_exit "$dir"
pg_start "$dir" >/dev/null || exit 99
{ echo "$dir"; pg_pids "$dir"; } >"$STATE"
[ "$1" = fail ] && exit 3
(sleep 0.5; kill -TERM $$) &
while :; do sleep 0.1; done
EOF
# left_behind STATE: what the child recorded that still exists or runs.
left_behind() {
    local dir pids
    dir=$(head -1 "$1")
    mapfile -t pids < <(tail -n +2 "$1")
    [ ${#pids[@]} -ge 3 ] || { echo "too few processes recorded: ${#pids[@]}"; return; }
    alive "${pids[@]}" && echo "processes left: ${pids[*]}"
    [ -e "$dir" ] && echo "folder left: $dir"
}
STATE=$TMP/fail timeout 60 bash "$TMP/child.sh" fail
check "a failing script exits with its own status" [ $? -eq 3 ]
STATE=$TMP/term timeout 60 bash "$TMP/child.sh" wait
check "SIGTERM ends the waiting script through its trap (status 143)" [ $? -eq 143 ]
for how in fail term; do
    check "the script ($how) had started its cluster" [ -s "$TMP/$how" ]
    check "nothing of it is left ($how): $(left_behind "$TMP/$how")" \
        [ -z "$(left_behind "$TMP/$how")" ]
    check "the script's own EXIT trap still ran ($how)" [ -s "$TMP/$how.trap" ]
done
finish
