#!/usr/bin/env bash
# pg_copy.sh: `vigil copy` between the backends and back. The demo, with
# history beyond it, and a large ACLED import (200,000 events; ROWS=1000000 for a million) each go SQLite ->
# PostgreSQL -> SQLite: every copy passes `vigil check`, and every export
# (the JSON bundle, the events as ACLED CSV, the audit log) is the same
# bytes as the original's. PostgreSQL is a throwaway cluster of this
# test's own.
#
# The big record runs on the release build: under the sanitizers the
# same steps take several times as long, and the sanitizers already run
# every copy path on the demo (here and in copy.sh). It has 200,000
# events by default, two hundred COPY batches, so that `make test` stays
# within its time; ROWS=1000000 is the size the scale-out work is held to
# (its runs are in bench/RESULTS.md).
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

ROWS=${ROWS:-200000}
RELEASE=$PWD/build/release/vigil
export VIGIL_NOW=2019-12-28T12:00:00Z
export VIGIL_GAZETTEER=$PWD/data/gazetteer/test.tsv
export PGCONNECT_TIMEOUT=10
own_cluster
# Keys: a PostgreSQL record has no files beside it; the runs' own.
export VIGIL_MASTER_KEY=$TMP/master.key VIGIL_SIGNING_KEY=$TMP/signing.key

# exports V DB SLUG OUT: the record's exports into files OUT.KIND, for
# each of KINDS: json (the bundle: a million events are more than it
# takes), csv (the events) and audit.
exports() {
    local kind
    for kind in $KINDS; do
        case $kind in
        json) "$1" --db "$2" export "$3" --output "$4.json" ;;
        csv) "$1" --db "$2" export "$3" --format csv --output "$4.csv" ;;
        audit) "$1" --db "$2" audit >"$4.audit" ;;
        esac >/dev/null
    done
}

# round_trip LABEL V SLUG SQLITE: copies SQLITE (a record file) to a new
# PostgreSQL database and from there to a new file, checking each.
round_trip() {
    local label=$1 v=$2 slug=$3 a=$4 p b kind
    p=$(pg_newdb "$PGDIR" "$label") || { fail "$label: no database"; return; }
    b=$TMP/$label-back.db
    exports "$v" "$a" "$slug" "$TMP/$label-a"
    for kind in $KINDS; do
        check "$label: the original exports $kind" [ -s "$TMP/$label-a.$kind" ]
    done
    run_with "$v" copy --from "$a" --to "$p"
    expect_ok "$label: SQLite -> PostgreSQL"
    run_with "$v" --db "$p" check
    expect_ok "$label: the PostgreSQL copy checks"
    exports "$v" "$p" "$slug" "$TMP/$label-p"
    run_with "$v" copy --from "$p" --to "$b"
    expect_ok "$label: PostgreSQL -> SQLite"
    run_with "$v" --db "$b" check
    expect_ok "$label: the copy back checks"
    exports "$v" "$b" "$slug" "$TMP/$label-b"
    for kind in $KINDS; do
        check "$label: the same $kind from PostgreSQL" \
            cmp -s "$TMP/$label-a.$kind" "$TMP/$label-p.$kind"
        check "$label: the same $kind back in SQLite" \
            cmp -s "$TMP/$label-a.$kind" "$TMP/$label-b.$kind"
    done
    check "$label: the same audit head" [ \
        "$("$v" --db "$a" check | sed 's/.*: ok (/ok (/')" = \
        "$("$v" --db "$b" check | sed 's/.*: ok (/ok (/')" ]
}

# run_with V ARGS...: run, with binary V.
run_with() {
    local saved=$VIGIL
    VIGIL=$1
    shift
    run "$@"
    VIGIL=$saved
}

# The demo, with an edit, a retraction, an event and a victim beyond it.
T=iran-nov-2019
DEMO=$TMP/demo.db
"$VIGIL" --db "$DEMO" init >/dev/null && "$VIGIL" --db "$DEMO" demo >/dev/null
printf 'second\n' | "$VIGIL" --db "$DEMO" post $T --pin >/dev/null
"$VIGIL" --db "$DEMO" update retract $T 10 >/dev/null
"$VIGIL" --db "$DEMO" event add $T --date 2019-12-26 --type Protests \
    --sub-type "Peaceful protest" --place Tehran --country IR >/dev/null
"$VIGIL" --db "$DEMO" victim add $T --name "A. Example" --age 23 \
    --circumstance killed --date 2019-11-16 --place Shiraz \
    --family-contact "+98 000" >/dev/null
KINDS="json csv audit" round_trip demo "$VIGIL" $T "$DEMO"

# ROWS events (a million: ROWS=1000000), imported with ACLED's columns.
BIG=$TMP/big.db
/usr/bin/python3 bench/make_acled.py "$ROWS" "$TMP/in.csv" >/dev/null
"$RELEASE" --db "$BIG" init >/dev/null
"$RELEASE" --db "$BIG" tracker create bench --title Bench \
    --started-on 2019-01-01 --timezone Asia/Tehran --country IR >/dev/null
run_with "$RELEASE" --db "$BIG" import "$TMP/in.csv" --tracker bench
expect_ok "$ROWS events imported"
KINDS="csv audit" round_trip big "$RELEASE" bench "$BIG"
check "every event came back" [ "$(($(wc -l <"$TMP/big-b.csv") - 2))" -eq "$ROWS" ]

finish
