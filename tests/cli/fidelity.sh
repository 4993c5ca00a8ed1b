#!/usr/bin/env bash
# fidelity.sh: the ACLED CSV and its HXL row as ACLED's codebook and
# HXL's validation read them: the hashtag row passes libhxl's default
# schema (tests/cli/hxl_check.py), an unknown fatality count is empty
# (null in GeoJSON) and reads back as unknown, a range keeps its range,
# a place without coordinates claims no geo precision, inter codes,
# interaction, region and source scale are filled where the actors,
# the country and the source's kind tell, imported tags and associated
# actors are kept, and export -> import -> export gives the same bytes,
# the record passing `vigil check`.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

export VIGIL_NOW=2019-12-28T12:00:00Z
export VIGIL_GAZETTEER=$PWD/data/gazetteer/test.tsv
db=$(new_db fidelity)
A=fid-a
B=fid-b
for t in $A $B; do
    "$VIGIL" --db "$db" tracker create $t --title "Fidelity $t" \
        --started-on 2019-11-15 --timezone Asia/Tehran --country IR >/dev/null
done
ev() { "$VIGIL" --db "$db" event add "$@" >/dev/null; }
# In date order: an import numbers events in the file's order.
ev $A --date 2019-11-15 --end-date 2019-12-24 --type Protests \
    --sub-type "Peaceful protest" --place "Alborz, Fars and Zanjan" \
    --country IR --geo-precision 1 --fatalities 0 \
    --notes "Weekly rallies; the dates are the campaign's."
check "a month-long range, unplaced" [ $? -eq 0 ]
ev $A --date 2019-11-16 --type "Violence against civilians" \
    --sub-type Attack --place "A village near Shiraz" --country IR \
    --lat 29.7 --lon 52.4 --geo-precision 2 --fatalities 3 \
    --actor1 "Police Forces of Iran (1989-)" --actor2 "Civilians (Iran)" \
    --source amnesty
ev $A --date 2019-12-24 --end-date 2019-12-26 --type Protests \
    --sub-type "Peaceful protest" --place "Miando’ab" \
    --actor1 "Protesters (Iran)" --size-words hundreds --source ohchr
ev $A --date 2019-12-27 --type "Internet shutdown" \
    --sub-type "Internet shutdown" --place Tehran
"$VIGIL" --db "$db" event retract $A 4 >/dev/null
# An ACLED file's row: associated actors, ACLED's own tags, no count.
cat >"$TMP/acled.csv" <<'CSV'
event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
IRN9,2019-12-28,2019,1,Demonstrations,Protests,Peaceful protest,Protesters (Iran),Women (Iran); Students (Iran),Protesters,,,,Protesters only,,364,Middle East,Iran,Tehran,,,Tehran,35.6944,51.4215,1,Amnesty International,International,A march.,,crowd size=no report; women targeted: activists,1577000000
CSV
run --db "$db" import "$TMP/acled.csv" --tracker $A
expect_ok "an ACLED row"
run --db "$db" event list $A
check "an empty fatalities column reads as unknown" jq -e -s \
    'map(select(.number == 5))[0].fatalities == null' <<<"$OUT" >/dev/null
check "a place without coordinates is stored at geo precision 3" jq -e -s \
    'map(select(.number == 1))[0] | .latitude == null and .geo_precision == 3' \
    <<<"$OUT" >/dev/null

run --db "$db" export $A --format csv --output "$TMP/a.csv"
expect_ok "export the CSV"
hxl=$(/usr/bin/python3 tests/cli/hxl_check.py "$TMP/a.csv")
check "the HXL row passes libhxl's default schema: $hxl" [ $? -eq 0 ]
row() { # row N: event N of the export as JSON, by ACLED's column names
    /usr/bin/python3 - "$TMP/a.csv" "$1" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
for r in rows[2:]:
    d = dict(zip(rows[0], r))
    if d["event_id_cnty"] == "IRN" + sys.argv[2]:
        print(json.dumps(d))
PY
}
r1=$(row 1) r2=$(row 2) r3=$(row 3) r4=$(row 4) r5=$(row 5)
check "the HXL row tags time_precision with no #date" [ "$(sed -n 2p "$TMP/a.csv" |
    cut -d, -f4)" = "#meta+date+precision" ]
check "unknown fatalities: empty" jq -e '.fatalities == ""' <<<"$r3" >/dev/null
check "unknown fatalities of an import: empty" jq -e '.fatalities == ""' <<<"$r5" >/dev/null
check "none killed: 0" jq -e '.fatalities == "0"' <<<"$r1" >/dev/null
check "three killed: 3" jq -e '.fatalities == "3"' <<<"$r2" >/dev/null
check "a week's range: its middle, precision 2, the range in the tags" jq -e \
    '.event_date == "2019-12-25" and .time_precision == "2" and
     (.tags | contains("date range=2019-12-24/2019-12-26"))' <<<"$r3" >/dev/null
check "a range over a month: precision 3 and the range in the tags" jq -e \
    '.time_precision == "3" and
     (.tags | contains("date range=2019-11-15/2019-12-24"))' <<<"$r1" >/dev/null
check "a day: precision 1, no range" jq -e \
    '.time_precision == "1" and (.tags | contains("date range") | not)' \
    <<<"$r2" >/dev/null
check "no coordinates: no geo precision" jq -e \
    '.latitude == "" and .longitude == "" and .geo_precision == ""' \
    <<<"$r1" >/dev/null
check "coordinates: their precision" jq -e '.geo_precision == "2"' <<<"$r2" >/dev/null
check "inter codes and interaction from ACLED's actor names" jq -e \
    '.inter1 == "1" and .inter2 == "7" and .interaction == "17"' <<<"$r2" >/dev/null
check "one actor: its code alone" jq -e \
    '.inter1 == "6" and .inter2 == "" and .interaction == "60"' <<<"$r3" >/dev/null
check "an actor of no known type: no code" jq -e \
    '.inter1 == "" and .interaction == ""' <<<"$r1" >/dev/null
check "an intergovernmental source: international" jq -e \
    '.source_scale == "International"' <<<"$r3" >/dev/null
check "an NGO may be of any scale: none said" jq -e \
    '.source != "" and .source_scale == ""' <<<"$r2" >/dev/null
check "the region from the country" jq -e \
    '.region == "Middle East" and .iso == "364"' <<<"$r1" >/dev/null
check "imported associated actors and tags kept" jq -e \
    '.assoc_actor_1 == "Women (Iran); Students (Iran)" and .assoc_actor_2 == ""
     and .notes == "A march." and
     .tags == "crowd size=no report; women targeted: activists"' \
    <<<"$r5" >/dev/null
check "the notes as given" jq -e \
    '.notes == "Weekly rallies; the dates are the campaign'"'"'s."' <<<"$r1" >/dev/null

run --db "$db" export $A --format geojson --output "$TMP/a.geojson"
expect_ok "export GeoJSON"
check "GeoJSON: unknown fatalities null, none killed 0" jq -e \
    '[.features[] | {(.id | tostring): .properties.fatalities}] | add |
     .["3"] == null and .["5"] == null and .["1"] == 0 and .["2"] == 3' \
    "$TMP/a.geojson" >/dev/null

# Export -> import -> export: the same bytes.
run --db "$db" import "$TMP/a.csv" --tracker $B
expect_ok "import the export"
run --db "$db" export $B --format csv --output "$TMP/b.csv"
expect_ok "export again"
check "export -> import -> export is byte-identical" cmp "$TMP/a.csv" "$TMP/b.csv"
run --db "$db" event list $B
check "the range read back as a range" jq -e -s \
    'map(select(.number == 3))[0] | .date == "2019-12-24" and
     .end_date == "2019-12-26"' <<<"$OUT" >/dev/null
check "the retraction read back" jq -e -s \
    'map(select(.number == 4))[0].status == "retracted"' <<<"$OUT" >/dev/null
run --db "$db" check
expect_ok "the record checks"
finish
