#!/usr/bin/env bash
# events.sh: `vigil event`: events placed through the gazetteer or by
# hand, ACLED's types and precision codes, crowd sizes as qualified
# figures, refusals that name the field and change nothing, retraction as
# a new revision in the hash chain, one audit row each.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

export VIGIL_NOW=2019-12-28T12:00:00Z
export VIGIL_GAZETTEER=$PWD/data/gazetteer/test.tsv
db=$(new_db events)
T=day44 # a tracker of its own: the demo has events already
"$VIGIL" --db "$db" tracker create $T --title "Day 44" --started-on 2019-11-15 \
    --timezone Asia/Tehran --country IR >/dev/null

run --db "$db" event add $T --date 2019-12-26 --type Protests \
    --sub-type "Peaceful protest" --place "Place de Trocadero" \
    --actor1 "Protesters (France)" --size-words hundreds --source amnesty
expect_ok "a rally in Paris"
run --db "$db" event add $T --date 2019-12-24 --end-date 2019-12-26 \
    --type Protests --sub-type "Peaceful protest" --place "Miando’ab"
expect_ok "a range in Miando'ab"
run --db "$db" event add $T --date 2019-11-17 --type "Violence against civilians" \
    --sub-type Attack --place "A village near Shiraz" --country IR \
    --lat 29.7 --lon 52.4 --geo-precision 2 --fatalities 3
expect_ok "a place named freely, placed by hand"
run --db "$db" event list $T
check "three events, oldest first" \
    jq -e -s 'length == 3 and .[0].number == 3 and .[2].number == 1' <<<"$OUT" >/dev/null
check "Paris's square from the gazetteer" jq -e -s \
    '.[2] | .location == "Place du Trocadéro" and .country == "FR" and .latitude == 48.8625' <<<"$OUT" >/dev/null
check "hundreds as a range" jq -e -s \
    '.[2].size == {"qualifier": "range", "low": 200, "high": 999, "words": "hundreds"}' <<<"$OUT" >/dev/null
check "a range of days is time precision 2" jq -e -s \
    '.[1] | .location == "Mīāndoāb" and .end_date == "2019-12-26" and .time_precision == 2' <<<"$OUT" >/dev/null
check "by hand: the given coordinates" jq -e -s \
    '.[0] | .latitude == 29.7 and .longitude == 52.4 and .geo_precision == 2 and .fatalities == 3' <<<"$OUT" >/dev/null

before=$(db_state "$db")
refuse() { # refuse FIELD ARGS...: exit 1, the field named, nothing changed
    local field=$1
    shift
    run --db "$db" event add $T "$@"
    check "refused ($field): exit 1" [ "$RC" -eq 1 ]
    check "refused ($field): names it" grep -q -- "--$field" <<<"$ERR"
}
base=(--date 2019-12-20 --type Protests --sub-type "Peaceful protest" --place Tehran)
refuse type --date 2019-12-20 --type Picnic --sub-type x --place Tehran
refuse sub-type --date 2019-12-20 --type Protests --sub-type Attack --place Tehran
refuse date --date 2019-12-40 --type Protests --sub-type "Peaceful protest" --place Tehran
refuse date --date 2020-01-05 --type Protests --sub-type "Peaceful protest" --place Tehran
refuse end-date "${base[@]}" --end-date 2019-12-01
refuse country --date 2019-12-20 --type Protests --sub-type "Peaceful protest" --place Atlantis
refuse lat "${base[@]}" --lat 95 --lon 10
refuse geo-precision "${base[@]}" --geo-precision 4
refuse size-words "${base[@]}" --size-words loads
refuse source "${base[@]}" --source nobody
refuse url "${base[@]}" --url "javascript:alert(1)"
check "refusals changed nothing" [ "$(db_state "$db")" = "$before" ]

run --db "$db" event retract $T 2
expect_ok "retract"
run --db "$db" event retract $T 2
check "twice: refused" [ "$RC" -eq 1 ]
run --db "$db" event list $T
check "the retraction is kept" jq -e -s '.[1].status == "retracted"' <<<"$OUT" >/dev/null
run --db "$db" audit
check "one audit row each" [ "$(grep -c '"action":"event\.' <<<"$OUT")" -eq 4 ]
run --db "$db" check
expect_ok "the event revisions' chain verifies"
check "event_rev is append-only" refused sql "$db" "DELETE FROM event_rev"

# A published event's first revision has an empty body: the event row
# stands for it, so the row's recorded fields are fixed and hashed.
check "a first revision repeats nothing" [ "$(sql "$db" \
    "SELECT count(*) FROM event_rev WHERE rev_no = 1 AND body = ''")" -ge 3 ]
check "a retraction's revision has its body" [ "$(sql "$db" \
    "SELECT $(json_text "$db" body status) FROM event_rev WHERE rev_no = 2")" \
    = retracted ]
check "recorded fields are fixed" \
    refused sql "$db" "UPDATE events SET location = 'Elsewhere' WHERE number = 1"
check "events are never deleted" refused sql "$db" "DELETE FROM events WHERE number = 1"
# An event names a tracker and a source the record holds: SQLite by its
# foreign keys (which its command-line shell turns on only when asked),
# PostgreSQL by one check per statement (migration 22); and neither a
# tracker nor a source ever goes or takes another id.
fk_on() { is_pg "$1" || echo "PRAGMA foreign_keys = ON;"; }
event_row() { # event_row TRACKER SOURCE: an INSERT of event 900
    echo "$(fk_on "$db") INSERT INTO events (id, tracker_id, number,
    rev_no, event_date, time_precision, event_type, sub_event_type,
    location, country, geo_precision, source_id, status, recorded_by,
    recorded_at) VALUES (900, $1, 900, 1, '2019-11-20', 1, 'Protests',
    'Peaceful protest', 'Tehran', 'IR', 1, $2, 'published', 'x',
    '2019-12-28T12:00:00Z')"
}
tracker_id=$(sql "$db" "SELECT id FROM trackers WHERE slug = '$T'")
check "an event in no tracker is refused" \
    refused sql_admin "$db" "$(event_row 999 NULL)"
check "an event citing no source is refused" \
    refused sql_admin "$db" "$(event_row "$tracker_id" 999)"
source_id=$(sql "$db" "SELECT min(id) FROM sources")
check "the same row naming both is taken (then rolled back)" \
    sql_admin "$db" "$(fk_on "$db") BEGIN; $(event_row "$tracker_id" \
    "$source_id" | sed 's/^PRAGMA[^;]*;//'); ROLLBACK;"
for table in trackers sources; do
    check "$table are never deleted" refused sql "$db" "DELETE FROM $table"
    check "$table keep their ids" refused sql "$db" \
        "UPDATE $table SET id = id + 100"
done
tampered() { # tampered NAME SQL: a copy of the database with SQL applied
    local copy
    copy=$(db_copy "$db" "$1") && sql_admin "$copy" "$2" && echo "$copy"
}
t1=$(tampered place "$(trigger_off "$db" events events_recorded_fixed)
    UPDATE events SET location = 'Elsewhere' WHERE number = 1")
run --db "$t1" check
check "a changed place: check fails" [ "$RC" -ne 0 ]
check "a changed place: the revision's hash" grep -q \
    "event_rev row [0-9]*: hash does not match" <<<"$ERR$OUT"
check "a changed place: the dropped trigger" grep -q \
    "trigger events_recorded_fixed is missing" <<<"$ERR$OUT"
t2=$(tampered status "UPDATE events SET status = 'retracted' WHERE number = 1")
run --db "$t2" check
check "a silent retraction: check fails" [ "$RC" -ne 0 ]
check "a silent retraction: named" grep -q \
    "event [0-9]* differs from its latest revision" <<<"$ERR$OUT"
t3=$(tampered unretract "UPDATE events SET status = 'published' WHERE number = 2")
run --db "$t3" check
check "an undone retraction: named" grep -q \
    "event [0-9]* differs from its latest revision" <<<"$ERR$OUT"

# Persian names through the gazetteer: a city is placed at its point, a
# country named but not placed (a country-wide event is no dot).
db2=$(new_db events-fa)
"$VIGIL" --db "$db2" tracker create $T --title "Day 44" \
    --started-on 2019-11-15 --timezone Asia/Tehran --country IR >/dev/null
run --db "$db2" event add $T --date 2019-11-16 --type Protests \
    --sub-type "Peaceful protest" --place "كرمانشاه"
expect_ok "an event in كرمانشاه"
run --db "$db2" event add $T --date 2019-11-16 --type "Internet shutdown" \
    --sub-type "Internet shutdown" --place "ایران" --geo-precision 3
expect_ok "an event across ایران"
run --db "$db2" event list $T
check "كرمانشاه is Kermanshah, at its point" jq -e -s \
    '.[] | select(.number == 1) | .location == "Kermanshah" and
     .country == "IR" and (.latitude - 34.31 | fabs) < 0.05' \
    <<<"$OUT" >/dev/null
check "ایران is Iran, with no point" jq -e -s \
    '.[] | select(.number == 2) | .location == "Iran" and
     .country == "IR" and .latitude == null' <<<"$OUT" >/dev/null
finish
