# lib.sh: shared helpers for the CLI tests, which run the real `vigil`
# binary (the sanitizer build by default) on temporary databases, SQLite
# files or, with VIGIL_TEST_BACKEND=postgresql, PostgreSQL databases.
# Source it, make databases with new_db, empty_db or blank_db, reach them
# with sql, call the check helpers, and end with `finish`.

set -u
VIGIL=${VIGIL:-build/asan/vigil}
case $VIGIL in /*) ;; *) VIGIL=$PWD/$VIGIL ;; esac
# A sanitizer report must never pass for a refusal (exit 1): give it its
# own status, and make every report fatal.
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=86:detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:exitcode=86}
export LSAN_OPTIONS=${LSAN_OPTIONS:-exitcode=86}
export VIGIL_NOW=${VIGIL_NOW:-2019-12-28T12:00:00Z}
export USER=${USER:-tester}

TMP=$(mktemp -d /tmp/vigil-test.XXXXXX)
# Whatever a test started in the background ends with it, however it
# ends (a signal from the runner's timeout included): the jobs, and their
# own children.
end_jobs() {
    local pid
    for pid in $(jobs -p); do
        pkill -KILL -P "$pid" 2>/dev/null
        kill -KILL "$pid" 2>/dev/null
    done
}
# TEST_PG_OWN: the PostgreSQL cluster this test started for itself, if
# any (see "The backend" below).
TEST_PG_OWN=
trap 'end_jobs; [ -z "$TEST_PG_OWN" ] || pg_destroy "$TEST_PG_OWN"; rm -rf "$TMP"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
PASSED=0
FAILED=0
NAME=$(basename "$0" .sh)

pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL %s: %s\n' "$NAME" "$*" >&2; }

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
    local desc=$1
    shift
    if "$@"; then pass; else fail "$desc"; fi
}

# refused COMMAND...: the command fails (what it says is dropped).
refused() { ! "$@" >/dev/null 2>&1; }

# run ARGS...: runs vigil, keeping stdout in $OUT, stderr in $ERR and the
# exit status in $RC.
run() {
    OUT=$("$VIGIL" "$@" 2>"$TMP/stderr")
    RC=$?
    ERR=$(cat "$TMP/stderr")
}

# run_in FILE ARGS...: as run, with FILE as standard input.
run_in() {
    local input=$1
    shift
    OUT=$("$VIGIL" "$@" <"$input" 2>"$TMP/stderr")
    RC=$?
    ERR=$(cat "$TMP/stderr")
}

# expect_ok DESCRIPTION: the last run exited 0.
expect_ok() {
    if [ "$RC" -eq 0 ]; then pass; else fail "$1: exit $RC: $ERR"; fi
}

# ==== The backend ====
# VIGIL_TEST_BACKEND selects where the tests' databases live: sqlite
# (unset: a file in $TMP) or postgresql (a database of one throwaway
# cluster: VIGIL_TEST_PG_DIR's, which tests/run-all.sh starts for the
# whole run, or, for a test run on its own, one started here and
# destroyed when the test exits). A database is named by what --db takes,
# a path or a URI, and the helpers below take either.
VIGIL_TEST_BACKEND=${VIGIL_TEST_BACKEND:-sqlite}
case $VIGIL_TEST_BACKEND in
sqlite | postgresql) ;;
*)
    echo "VIGIL_TEST_BACKEND=$VIGIL_TEST_BACKEND: sqlite or postgresql" >&2
    echo "$NAME: 0 passed, 1 failed"
    exit 2
    ;;
esac

# backend_is NAME: the tests run on that backend (sqlite or postgresql).
backend_is() { [ "$VIGIL_TEST_BACKEND" = "$1" ]; }

# is_pg DB: DB is a PostgreSQL URI.
is_pg() { case $1 in postgresql:* | postgres:*) true ;; *) false ;; esac }

if backend_is postgresql; then
    . "$(dirname "${BASH_SOURCE[0]}")/../pg/cluster.sh"
    if [ -z "${VIGIL_TEST_PG_DIR:-}" ]; then
        TEST_PG_OWN=$(mktemp -d /tmp/vigil-pg.XXXXXX)
        VIGIL_TEST_PG_DIR=$TEST_PG_OWN
        if ! pg_start "$VIGIL_TEST_PG_DIR" >/dev/null; then
            fail "the PostgreSQL cluster did not start"
            echo "$NAME: $PASSED passed, $FAILED failed"
            exit 1
        fi
    fi
    export VIGIL_TEST_PG_DIR
    # A PostgreSQL record has no DB.key and DB.sign beside it.
    export VIGIL_MASTER_KEY=$TMP/master.key VIGIL_SIGNING_KEY=$TMP/signing.key
fi

# own_cluster: a PostgreSQL cluster of this test's own, for a test that
# compares the backends whatever VIGIL_TEST_BACKEND says: its folder in
# PGDIR (under /tmp: the postgres user must reach it, and $TMP is root's
# alone) and its port in PORT, destroyed however the test exits. A
# cluster that does not start ends the test with one failure.
own_cluster() {
    . "$(dirname "${BASH_SOURCE[0]}")/../pg/cluster.sh"
    PGDIR=$(mktemp -d /tmp/vigil-pg.XXXXXX)
    pg_cleanup_on_exit "$PGDIR"
    if ! pg_start "$PGDIR" >/dev/null; then
        fail "the PostgreSQL cluster did not start: $(tail -3 "$PGDIR/log" 2>/dev/null)"
        echo "$NAME: $PASSED passed, $FAILED failed"
        exit 1
    fi
    PORT=$PG_PORT
}

# pg_as_superuser URI: the same database, as the cluster's superuser.
pg_as_superuser() { echo "${1/:\/\/vigil@/://postgres@}"; }

# pg_psql URI ARGS...: psql on that database, rows unaligned, stopping at
# the first error (exit status 1 or 3), with no notices.
pg_psql() {
    local uri=$1
    shift
    PGOPTIONS="-c client_min_messages=warning" timeout 120 \
        "${PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -X -q -At -v ON_ERROR_STOP=1 \
        -d "$uri" "$@"
}

# sql DB QUERY: runs QUERY (or, for "-", the script on standard input) as
# Vigil does: sqlite3 on a file; psql as Vigil's role on PostgreSQL. Rows
# print unaligned, '|' between columns, on both.
sql() {
    if is_pg "$1"; then
        if [ "$2" = - ]; then pg_psql "$1" -f -; else pg_psql "$1" -c "$2"; fi
    elif [ "$2" = - ]; then
        sqlite3 -cmd ".timeout 5000" "$1"
    else
        sqlite3 -cmd ".timeout 5000" "$1" "$2"
    fi
}

# sql_admin DB QUERY: as sql, as PostgreSQL's superuser, who may do what
# Vigil's role may not (tamper with a record behind Vigil's back).
sql_admin() {
    if is_pg "$1"; then sql "$(pg_as_superuser "$1")" "$2"; else sql "$1" "$2"; fi
}

# trigger_off DB TABLE TRIGGER: the SQL that takes one of a table's
# triggers out of the way, for sql_admin: SQLite drops it, PostgreSQL
# disables it (`vigil check` reports either).
trigger_off() {
    if is_pg "$1"; then
        echo "ALTER TABLE $2 DISABLE TRIGGER $3;"
    else
        echo "DROP TRIGGER $3;"
    fi
}

# undo_migration_22 DB: takes out what migration 22 adds (trackers and
# sources kept for good; on PostgreSQL an event's references checked per
# statement instead of by foreign keys), for a test that rewinds the
# schema to an older version and upgrades it again.
undo_migration_22() {
    local t
    for t in trackers sources; do
        if is_pg "$1"; then
            sql "$1" "DROP TRIGGER ${t}_no_delete ON $t;
                DROP TRIGGER ${t}_id_fixed ON $t;
                DROP TRIGGER ${t}_no_truncate ON $t" >/dev/null
        else
            sql "$1" "DROP TRIGGER ${t}_no_delete;
                DROP TRIGGER ${t}_id_fixed" >/dev/null
        fi
    done
    if is_pg "$1"; then
        sql "$1" "DROP TRIGGER events_refs ON events;
            DROP FUNCTION vigil_events_refs();
            ALTER TABLE events ADD CONSTRAINT events_tracker_id_fkey
                FOREIGN KEY (tracker_id) REFERENCES trackers(id),
              ADD CONSTRAINT events_source_id_fkey
                FOREIGN KEY (source_id) REFERENCES sources(id)" >/dev/null
    fi
}

# undo_migration_23 DB: takes out what migration 23 adds (webhooks and
# their outbox), for a test that rewinds the schema to before it.
undo_migration_23() {
    sql "$1" "DROP TABLE outbox; DROP TABLE webhooks" >/dev/null
}

# json_text DB COLUMN KEY: the SQL expression for a JSON column's member.
json_text() {
    if is_pg "$1"; then
        echo "(NULLIF($2, '')::json->>'$3')"
    else
        echo "json_extract($2, '\$.$3')"
    fi
}

# pg_settle URI: waits (at most 30 s) until no other session is connected
# to the database: a killed client's server process has ended, and the
# database may serve as a template.
pg_settle() {
    local n
    for _ in $(seq 300); do
        n=$(sql_admin "$1" "SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()")
        [ "$n" = 0 ] && return 0
        sleep 0.1
    done
    return 1
}

# pg_dbname NAME: a database name no other call, in this test or another
# sharing the cluster, has used: the test's name, NAME, the test's pid
# and a count, in the letters a name may have.
pg_dbname() {
    local n name
    n=$(($(wc -l 2>/dev/null <"$TMP/pg-databases" || echo 0) + 1))
    name=$(printf 't_%s_%s_%s_%s' "$NAME" "$1" "$$" "$n" | tr '[:upper:]' '[:lower:]' |
        tr -c 'a-z0-9_' '_' | cut -c1-63)
    echo "$name" >>"$TMP/pg-databases"
    echo "$name"
}

# blank_db NAME: a database that holds nothing yet (SQLite: a path where
# no file is; PostgreSQL: a new database with no table).
blank_db() {
    if backend_is postgresql; then
        pg_newdb "$VIGIL_TEST_PG_DIR" "$(pg_dbname "$1")"
    else
        echo "$TMP/$1.db"
    fi
}

# empty_db NAME: a fresh database with the schema (vigil init) and nothing
# else.
empty_db() {
    local db
    db=$(blank_db "$1") && "$VIGIL" --db "$db" init >/dev/null
    echo "$db"
}

# new_db NAME: a fresh database with the demo loaded.
new_db() {
    local db
    db=$(empty_db "$1") && "$VIGIL" --db "$db" demo >/dev/null
    echo "$db"
}

# db_copy SRC NAME: a copy of database SRC, made while nothing writes it
# (PostgreSQL: a new database with SRC as its template).
db_copy() {
    local name
    if is_pg "$1"; then
        name=$(pg_dbname "$2")
        pg_settle "$1" &&
            sql_admin "${1%/*}/postgres" "CREATE DATABASE $name OWNER vigil
                TEMPLATE ${1##*/}" && echo "${1%/*}/$name"
    else
        cp "$1" "$TMP/$2.db" && echo "$TMP/$2.db"
    fi
}

# db_content DB: a fingerprint of all the database holds, whatever its
# files' bytes (SQLite: its dump; PostgreSQL: every table's rows, in the
# tables' order: a UNION ALL's branches may come back in any order).
db_content() {
    local q
    if is_pg "$1"; then
        q=$(sql "$1" "SELECT string_agg(format('SELECT %L, md5(coalesce(
            string_agg(x::text, chr(10) ORDER BY x::text), '''')) FROM %I x',
            tablename, tablename), ' UNION ALL ' ORDER BY tablename)
            || ' ORDER BY 1' FROM pg_tables WHERE schemaname = 'public'") &&
            sql "$1" "$q"
    else
        sqlite3 "$1" .dump
    fi | sha256sum | cut -d' ' -f1
}

# db_state DB: a fingerprint of the database: on SQLite its file and WAL,
# byte for byte (an empty WAL, which a reader leaves, is no WAL); on
# PostgreSQL its content.
db_state() {
    if is_pg "$1"; then
        db_content "$1"
    else
        { sha256sum "$1"; [ -s "$1-wal" ] && sha256sum "$1-wal"; } 2>/dev/null |
            cut -d' ' -f1 | tr '\n' ' '
    fi
}

# audit_count DB: the number of audit rows.
audit_count() {
    sql "$1" 'SELECT count(*) FROM audit_log'
}

finish() {
    echo "$NAME: $PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}
