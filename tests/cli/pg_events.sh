#!/usr/bin/env bash
# pg_events.sh: events and victims on PostgreSQL give what they give on
# SQLite: the same commands, with the clock fixed, on a fresh SQLite file
# and a fresh PostgreSQL database (a throwaway cluster of this test's own)
# list the same events and victims, store the same revision rows with
# byte-identical hashes, and check. An ACLED import (COPY on PostgreSQL)
# writes the same rows and revision blocks as SQLite's; a revision or an
# imported event changed behind Vigil's back fails the check.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

export VIGIL_NOW=2019-12-28T12:00:00Z
export VIGIL_GAZETTEER=$PWD/data/gazetteer/test.tsv
export PGCONNECT_TIMEOUT=10
own_cluster
# superuser ARGS...: psql as the superuser, for what Vigil's role may
# not do (tampering).
superuser() {
    PGOPTIONS="-c client_min_messages=warning" timeout 60 "$PG_BIN/psql" -X -q -At \
        -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres "$@"
}

# fresh NAME: a new PostgreSQL database, by its URL.
fresh() {
    superuser -c "DROP DATABASE IF EXISTS $1" \
        -c "CREATE DATABASE $1 OWNER vigil" &&
        echo "postgresql://vigil@127.0.0.1:$PORT/$1"
}
# q DB SQL: a query's rows, '|' between columns, from either backend.
q() {
    case $1 in
    postgresql:*) superuser -d "${1##*/}" -c "$2" ;;
    *) sqlite3 "$1" "$2" ;;
    esac
}

lite=$TMP/lite.db
pg=$(fresh events) || exit 1
KEY=$TMP/master.key

# The same story on each backend; every command must succeed.
story() {
    local V=("$VIGIL" --db "$1")
    "${V[@]}" init >/dev/null &&
        "${V[@]}" tracker create day44 --title "Day 44" \
            --started-on 2019-11-15 --timezone Asia/Tehran --country IR &&
        "${V[@]}" source add amnesty --name "Amnesty International" \
            --kind ngo &&
        "${V[@]}" event add day44 --date 2019-12-26 --type Protests \
            --sub-type "Peaceful protest" --place "Place de Trocadero" \
            --actor1 "Protesters (France)" --size-words hundreds \
            --source amnesty &&
        "${V[@]}" event add day44 --date 2019-12-24 --end-date 2019-12-26 \
            --type Protests --sub-type "Peaceful protest" --place "Miando’ab" &&
        "${V[@]}" event add day44 --date 2019-11-17 \
            --type "Violence against civilians" --sub-type Attack \
            --place "A village near Shiraz" --country IR --lat 29.7 \
            --lon 52.4 --geo-precision 2 --fatalities 3 \
            --notes $'a tab\there, a line\nthere, a back\\slash' &&
        "${V[@]}" event add day44 --date 2019-12-24 --type Protests \
            --sub-type "Peaceful protest" --place Tehran &&
        "${V[@]}" event retract day44 2 &&
        "${V[@]}" victim add day44 --name "A. Example" --age 23 \
            --circumstance killed --date 2019-11-16 --place Shiraz \
            --sources amnesty --family-contact "+98 000" --witness "seen" \
            --visibility name=custodians --master-key "$KEY" &&
        "${V[@]}" victim add day44 --name "B. Example" \
            --circumstance detained --master-key "$KEY" &&
        "${V[@]}" victim add day44 --name "C. Example" \
            --circumstance executed --master-key "$KEY" &&
        "${V[@]}" victim purge day44 3
}

out_lite=$(story "$lite" 2>&1)
check "the story on SQLite" [ $? -eq 0 ]
out_pg=$(story "$pg" 2>&1)
check "the story on PostgreSQL: $out_pg" [ $? -eq 0 ]
check "the same replies" [ "$out_lite" = "${out_pg//$pg/$lite}" ]

# same DESCRIPTION ARGS...: vigil ARGS gives the same output and status on
# both (the database's name aside).
same() {
    local desc=$1
    shift
    run --db "$lite" "$@"
    local a=$OUT rc=$RC
    run --db "$pg" "$@"
    check "$desc: exit 0" [ "$rc" -eq 0 ] && check "$desc: exit 0 (pg)" \
        [ "$RC" -eq 0 ]
    check "$desc: the same" [ "$a" = "${OUT//$pg/$lite}" ]
}

same "event list" event list day44
check "four events, retracted included" [ "$(wc -l <<<"$OUT")" -eq 4 ]
check "oldest first, then by number" [ "$(jq -r .number <<<"$OUT" |
    tr '\n' ' ')" = "3 2 4 1 " ]
check "the source joined" jq -e -s '.[3].source == "amnesty" or
    (.[3] | tostring | test("Amnesty"))' <<<"$OUT" >/dev/null
check "the notes' tab, line and backslash kept" jq -e -s \
    '.[0].notes == "a tab\there, a line\nthere, a back\\slash"' \
    <<<"$OUT" >/dev/null
check "the retraction kept" jq -e -s '.[1].status == "retracted"' \
    <<<"$OUT" >/dev/null
same "victim list" victim list day44
check "three victims" [ "$(wc -l <<<"$OUT")" -eq 3 ]
same "victim show" victim show day44 1 --master-key "$KEY"
check "a sealed field opened" grep -q "+98 000" <<<"$OUT"
same "a purged victim" victim show day44 3 --master-key "$KEY"
same "the audit log" audit
# Exports read every kind of record; signed with one key, they are the
# same files. The snapshot's highlights count the people named as killed
# or executed (the purged record's public fields included).
SK=$TMP/sign.key
same "a JSON bundle" export day44 --signing-key "$SK"
check "the bundle holds the events" jq -e '.events | length == 4' \
    <<<"$OUT" >/dev/null
run --db "$lite" export day44 --format snapshot --signing-key "$SK" \
    --output "$TMP/lite.html"
expect_ok "a snapshot from SQLite"
run --db "$pg" export day44 --format snapshot --signing-key "$SK" \
    --output "$TMP/pg.html"
expect_ok "a snapshot from PostgreSQL"
check "the same snapshot" cmp -s "$TMP/lite.html" "$TMP/pg.html"
check "two identified by name" grep -q \
    'Identified by name: <a href="/t/day44/victims">2</a>' "$TMP/pg.html"

# equal A B: A and B are the same, and not empty.
equal() { [ -n "$1" ] && [ "$1" = "$2" ]; }

# The events page's filters (type, place, dates; retracted events left
# out) select the same events from either backend.
# serve DB NAME: starts a server on DB; its address in $URL.
serve() {
    "$VIGIL" --db "$1" serve --listen 127.0.0.1:0 --base-url http://vigil.test \
        >"$TMP/$2.out" 2>&1 &
    URL=
    for _ in $(seq 1 300); do
        URL=$(grep -o 'at http://127\.0\.0\.1:[0-9]*' "$TMP/$2.out" | cut -c4-)
        [ -n "$URL" ] && return 0
        sleep 0.1
    done
    return 1
}
serve "$lite" lite-serve && lite_url=$URL && lite_pid=$!
check "a server on SQLite" [ -n "$lite_url" ]
serve "$pg" pg-serve && pg_url=$URL && pg_pid=$!
check "a server on PostgreSQL" [ -n "$pg_url" ]
declare -A page
for filter in "" "type=Protests" "place=Tehran" "from=2019-12-25" \
    "to=2019-12-01" "type=Protests&from=2019-12-20&to=2019-12-24"; do
    a=$(curl -s -m 30 "$lite_url/t/day44/events?$filter")
    b=$(curl -s -m 30 "$pg_url/t/day44/events?$filter")
    check "events page ?$filter: the same" equal "$a" "$b"
    page[?$filter]=$b
done
# shows PAGE WANT UNWANTED: PAGE names WANT and not UNWANTED.
shows() { grep -q "$2" <<<"$1" && ! grep -q "$3" <<<"$1"; }
check "type=Protests leaves the attack out" shows "${page[?type=Protests]}" \
    Tehran "village near Shiraz"
check "to=2019-12-01 keeps only the attack" shows "${page[?to=2019-12-01]}" \
    "village near Shiraz" Tehran
check "from=2019-12-25 leaves the retracted one out" shows \
    "${page[?from=2019-12-25]}" Trocad "Mīāndoāb"
check "no filter: no retracted event" shows "${page[?]}" Tehran "Mīāndoāb"
kill "$lite_pid" "$pg_pid" 2>/dev/null
wait "$lite_pid" "$pg_pid" 2>/dev/null

# The revision chains hold the same rows, hashes included.
revs="SELECT seq, event_id, rev_no, body, author, revised_at,
    encode(prev_hash, 'hex'), encode(hash, 'hex') FROM event_rev ORDER BY seq"
lite_revs="SELECT seq, event_id, rev_no, body, author, revised_at,
    lower(hex(prev_hash)), lower(hex(hash)) FROM event_rev ORDER BY seq"
check "event_rev: the same rows and hashes" equal "$(q "$lite" "$lite_revs")" \
    "$(q "$pg" "$revs")"
vrevs="SELECT seq, victim_id, rev_no, public, length(sealed), author,
    revised_at, length(hash) FROM victim_rev ORDER BY seq"
# Sealed fields are random ciphertext: each backend's own, so the hashes
# differ; the rows' public columns do not.
check "victim_rev: the same public columns" equal "$(q "$lite" "$vrevs")" \
    "$(q "$pg" "$vrevs")"

run --db "$lite" check
expect_ok "check on SQLite"
run --db "$pg" check
expect_ok "check on PostgreSQL"

# ==== An ACLED import ====

export VIGIL_NOW=2020-01-01T12:00:00Z
/usr/bin/python3 bench/make_acled.py 2600 "$TMP/in.csv" >/dev/null
# Some rows carry what COPY's text format escapes: a backslash, a tab, a
# line feed, a carriage return, and text that reads like its NULL (\N).
/usr/bin/python3 - "$TMP/in.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
for i, r in enumerate(rows[2:]):
    if i % 97 == 5:
        r[27] += " a back\\slash, a\ttab,\na line,\r\na CRLF, \\N, \\x41."
        r[7] = "Protesters \\N (Iran)"
csv.writer(open(sys.argv[1], "w", newline="")).writerows(rows)
PY
import_twice() {
    local V=("$VIGIL" --db "$1")
    "${V[@]}" tracker create bench --title Bench --started-on 2019-01-01 \
        --timezone Asia/Tehran --country IR >/dev/null &&
        "${V[@]}" import "$TMP/in.csv" --tracker bench &&
        "${V[@]}" import "$TMP/in.csv" --tracker bench
}
out_lite=$(import_twice "$lite" 2>&1)
check "imported on SQLite: $out_lite" [ $? -eq 0 ]
out_pg=$(import_twice "$pg" 2>&1)
check "imported on PostgreSQL: $out_pg" [ $? -eq 0 ]
check "the same replies" [ "$out_lite" = "$out_pg" ]
check "5,200 events" grep -q "imported 2600 events" <<<"$out_pg"
same "the imported events" event list bench
check "all listed" [ "$(wc -l <<<"$OUT")" -eq 5200 ]
check "event_rev after the imports: the same rows and hashes" equal \
    "$(q "$lite" "$lite_revs")" "$(q "$pg" "$revs")"
check "first revisions in blocks" [ "$(q "$pg" "SELECT string_agg(
    event_id || ':' || body, ' ' ORDER BY seq) FROM event_rev
    WHERE body LIKE '{%events%'")" = '5:{"events":1024} 1029:{"events":1024}'\
' 2053:{"events":552} 2605:{"events":1024} 3629:{"events":1024}'\
' 4653:{"events":552}' ]
cols="SELECT id, tracker_id, number, rev_no, event_date, end_date,
    time_precision, event_type, sub_event_type, location, country, admin1,
    lat_e5, lon_e5, geo_precision, actor1, actor2, size_qualifier, size_low,
    size_high, size_words, fatalities, source_id, url, notes, status,
    recorded_by, recorded_at FROM events ORDER BY id"
check "the same event rows" equal "$(q "$lite" "$cols")" "$(q "$pg" "$cols")"
check "all of them" [ "$(q "$pg" "SELECT count(*) FROM events")" -eq 5204 ]
check "escaped text kept" [ "$(q "$pg" "SELECT count(*) FROM events
    WHERE actor1 = 'Protesters \\N (Iran)' AND notes LIKE
    '%a back\\\\slash, a' || chr(9) || 'tab,' || chr(10) || '%'")" -eq 54 ]
same "a CSV export" export bench --format csv
check "the export holds every event, read a page at a time" \
    [ "$(/usr/bin/python3 -c 'import csv, sys
print(sum(1 for _ in csv.reader(sys.stdin)))' <<<"$OUT")" -eq 5202 ]
run --db "$pg" check
expect_ok "check after the imports on PostgreSQL"
run --db "$lite" check
expect_ok "check after the imports on SQLite"

# ==== Tampering, as the superuser ====

# tamper DB SQL: runs SQL on table event_rev's or events' rows with
# Vigil's triggers off, then back on.
tamper() {
    superuser -d "${1##*/}" -c "ALTER TABLE event_rev DISABLE TRIGGER USER" \
        -c "ALTER TABLE events DISABLE TRIGGER USER" -c "$2" \
        -c "ALTER TABLE event_rev ENABLE TRIGGER USER" \
        -c "ALTER TABLE events ENABLE TRIGGER USER"
}
# copy NAME: a copy of the PostgreSQL database, by its URL.
copy() {
    superuser -c "CREATE DATABASE $1 TEMPLATE events OWNER vigil" &&
        echo "postgresql://vigil@127.0.0.1:$PORT/$1"
}
pg2=$(copy tampered) || exit 1
run --db "$pg2" check
expect_ok "a copy checks"
tamper "$pg2" "UPDATE event_rev SET body = '' WHERE seq = 5"
run --db "$pg2" check
check "a changed revision fails the check" [ "$RC" -ne 0 ]
check "and is named" grep -q "event_rev row 5: hash does not match" \
    <<<"$OUT$ERR"
pg3=$(copy tampered2) || exit 1
tamper "$pg3" "UPDATE events SET fatalities = 99 WHERE number = 1800
    AND tracker_id = 2"
run --db "$pg3" check
check "a changed imported event fails the check" [ "$RC" -ne 0 ]
check "its block's revision is named" grep -q \
    "event_rev row 7: hash does not match" <<<"$OUT$ERR"
# A COPY the server refuses (here, a constraint the superuser added) fails
# the import whole, and the connection rolls back cleanly.
pg4=$(copy refused) || exit 1
superuser -d refused -c "ALTER TABLE events ADD CONSTRAINT no_town_77
    CHECK (notes NOT LIKE '% Town 77 %') NOT VALID"
run --db "$pg4" import "$TMP/in.csv" --tracker bench
check "a refused COPY fails the import" [ "$RC" -ne 0 ]
check "and says why" grep -q "no_town_77" <<<"$ERR"
check "nothing of it stays" [ "$(q "$pg4" "SELECT count(*) FROM events")" \
    -eq 5204 ]
superuser -d refused -c "ALTER TABLE events DROP CONSTRAINT no_town_77"
run --db "$pg4" check
expect_ok "the record still checks"
run --db "$pg" check
expect_ok "the original still checks"

finish
