# lib.sh: shared helpers for the CLI tests, which run the real `vigil`
# binary (the sanitizer build by default) on temporary databases.
# Source it, call the check helpers, and end with `finish`.

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
trap 'end_jobs; rm -rf "$TMP"' EXIT
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

# new_db NAME: a fresh database path with the demo loaded.
new_db() {
    local db=$TMP/$1.db
    "$VIGIL" --db "$db" init >/dev/null && "$VIGIL" --db "$db" demo >/dev/null
    echo "$db"
}

# db_state DB: a fingerprint of the database file and its WAL.
db_state() {
    { sha256sum "$1"; [ -e "$1-wal" ] && sha256sum "$1-wal"; } 2>/dev/null |
        cut -d' ' -f1 | tr '\n' ' '
}

# audit_count DB: the number of audit rows.
audit_count() {
    sqlite3 "$1" 'SELECT count(*) FROM audit_log'
}

finish() {
    echo "$NAME: $PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}
