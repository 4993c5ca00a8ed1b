#!/usr/bin/env bash
# search.sh: `vigil search`, the record searched as the site's box
# searches it, on the backend under test (SQLite FTS5 or PostgreSQL's
# full-text search): updates, claims by their quotes, events, the places
# of the events found, the memorial's public names and never a sealed
# one; words folded for case, diacritics and, in Persian and Arabic, for
# ي/ی, ك/ک, ZWNJ and tashkeel; what readers may not see only with
# --drafts; the index in step with every write, rebuilt for a record that
# lacks it (an upgrade, a copy) and filled by a bulk import.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

DB=$(new_db search)
IR=iran-nov-2019
KEY=$TMP/master.key
v() { run --db "$DB" "$@"; }
# hits: the kind, number and status of each result line, space-separated
# ("update:2:- event:3:-").
hits() { awk -F'\t' 'NF && $1 != "more:" {printf "%s%s:%s:%s", sep, $1, $3, $4; sep=" "}' <<<"$OUT"; }

# ==== The demo ====

# The English tracker's (the Persian edition's update cites the same
# pages, whose addresses hold these words).
v search "internet shutdown" --tracker $IR
expect_ok "search"
check "the update and the events found" \
    [ "$(tr ' ' '\n' <<<"$(hits)" | sort | paste -sd' ')" = \
      "event:2:- event:3:- event:6:- update:2:-" ]
check "matches are marked" \
    grep -q $'^update\tiran-nov-2019\t2\t-\tNear-total \\[internet\\] \\[shutdown\\]' <<<"$OUT"
v search "AMNESTY"
check "a claim is found by its source" grep -q $'^claim\tiran-nov-2019\t11\t-\t\\[Amnesty\\] International: at least 304 killed' <<<"$OUT"
v search "figure amnesty gave"
check "a claim is found by its quote" \
    grep -q $'^claim\tiran-nov-2019\t4\t-\t.*\tthe \\[figure\\] \\[Amnesty\\] \\[gave\\]' <<<"$OUT"
v search tehran --tracker $IR
check "the place of the events found" \
    grep -q $'^place\tiran-nov-2019\t[0-9a-f]\\{16\\}\t-\t\\[Tehran\\]\tIR$' <<<"$OUT"
v search protes
check "a longer term matches the start of a word" grep -q "\\[Protests\\]" <<<"$OUT"
v search ir
# shellcheck disable=SC2016 # $1 is bash -c's own
check "a short term matches whole words only" \
    bash -c '! grep -q "\\[Ir" <<<"$1"' _ "$OUT"

# ==== Folding ====

printf '%s' 'كتابخانه‌ي مركزي دانشگاه تهران بسته شد. مُحَمَّد' >"$TMP/fa.md"
v post $IR --title "Persian text" --file "$TMP/fa.md"
expect_ok "post in Persian (Arabic letters, ZWNJ, tashkeel)"
n=$(sql "$DB" "SELECT max(number) FROM updates")
v search "کتابخانهی مرکزی"
check "ي/ی, ك/ک and ZWNJ folded" [ "$(hits)" = "update:$n:-" ]
v search "محمد"
check "tashkeel folded" [ "$(hits)" = "update:$n:-" ]
v post $IR --title "Rally in Ṭūlūkābād" --file - <<<"Crowds in ṬŪLŪKĀBĀD's square."
m=$(sql "$DB" "SELECT max(number) FROM updates")
v search tulukabad
check "diacritics and case folded" [ "$(hits)" = "update:$m:-" ]
check "the title's words are marked as written" \
    grep -q 'Rally in \[Ṭūlūkābād\]' <<<"$OUT"

# ==== Every write keeps the index in step ====

v update edit $IR "$m" --rev 1 --title "Rally in Qalandarabad"
v search tulukabad
check "an edit's old title is no longer found, its body is" [ "$(hits)" = "update:$m:-" ]
check "the title is the new one" grep -q $'\tRally in Qalandarabad\t' <<<"$OUT"
v search qalandarabad
check "its new title is" [ "$(hits)" = "update:$m:-" ]
v update retract $IR "$m"
v search qalandarabad
check "a retracted update is still found, marked" [ "$(hits)" = "update:$m:retracted" ]
v claim add $IR --metric killed --source amnesty --low 7 --as-of 2019-12-27 \
    --quote "seven more deaths were confirmed in Kuhdasht"
c=$(sql "$DB" "SELECT max(number) FROM claims")
v search "kuhdasht deaths"
check "a new claim is found by its quote" \
    [ "$(hits)" = "claim:$c:-" ]
v claim retract $IR "$c" --reason "counted twice"
expect_ok "claim retract"
v search "kuhdasht deaths"
check "a retracted claim is still found, marked" [ "$(hits)" = "claim:$c:retracted" ]
v claim add $IR --metric killed --source amnesty --low 9 --as-of 2019-12-28 \
    --quote "nine deaths in Khorramshahr"
k=$(sql "$DB" "SELECT max(number) FROM claims")
v claim correct $IR "$k" --reason "a typo" --low 8 \
    --quote "eight deaths in Khorramshahr, not nine"
expect_ok "claim correct"
v search khorramshahr
found=" $(hits) "
check "the corrected claim is found, marked" grep -q " claim:$k:retracted " <<<"$found"
check "and its correction" grep -q " claim:$((k + 1)):- " <<<"$found"
check "nothing else" [ "$(wc -w <<<"$found")" -eq 2 ]
v event add $IR --date 2019-12-20 --type Protests --sub-type "Peaceful protest" \
    --place "Sabzevar" --country IR --notes "Students gathered at the Vakilabad gate"
e=$(sql "$DB" "SELECT max(number) FROM events")
v search vakilabad
check "a new event is found" [ "$(hits)" = "event:$e:-" ]
v event edit $IR "$e" --notes "Students marched from the Vakilabad gate to Ferdowsi square"
expect_ok "event edit"
v search ferdowsi
check "an edited event is found by its new fields" [ "$(hits)" = "event:$e:-" ]
v search "gathered vakilabad"
check "not by the old ones" [ -z "$(hits)" ]
v event retract $IR "$e"
v search vakilabad
check "a retracted event is not found by readers" [ -z "$(hits)" ]
v search vakilabad --drafts
check "the desk finds it, marked" [ "$(hits)" = "event:$e:retracted" ]

# ==== The memorial: public names only ====

v victim add $IR --name "Farzad Qeshlaqi" --circumstance killed --master-key "$KEY"
w=$(sql "$DB" "SELECT max(number) FROM victims")
v victim add $IR --name "Secretname Hidden" --name-native "نامپنهان" \
    --circumstance detained --visibility name=custodians,name_native=editors \
    --master-key "$KEY"
v search qeshlaqi
check "a public name is found" [ "$(hits)" = "victim:$w:-" ]
v search secretname
check "a sealed name is never found" [ -z "$(hits)" ]
v search secretname --drafts
check "not by the desk either" [ -z "$(hits)" ]
v search "نامپنهان" --drafts
check "nor a sealed native name" [ -z "$(hits)" ]
v victim purge $IR "$w"
v search qeshlaqi
check "a purged record's name is gone" [ -z "$(hits)" ]

# ==== Refusals ====

v search "$(printf 'x%.0s' $(seq 201))"
check "a query over 200 bytes is refused" [ "$RC" -eq 1 ]
check "saying why" grep -q "at most 200" <<<"$ERR"
v search "..."
check "a query without a word is refused" [ "$RC" -eq 1 ]
v search "a b c d e f g h i"
check "a query of more than 8 words is refused" [ "$RC" -eq 1 ]
v search "$(printf 'a\tb')"
check "a control character is refused" [ "$RC" -eq 1 ]
v search tehran --page 51
check "a page past 50 is refused" [ "$RC" -ne 0 ]
v search tehran --tracker nosuch
check "an unknown tracker is refused" [ "$RC" -eq 1 ]

# ==== Pages ====

for i in $(seq 25); do
    echo "Checkpoint number $i reopened." |
        "$VIGIL" --db "$DB" post $IR --title "Checkpoint $i" >/dev/null
done
v search checkpoint
check "twenty results a page, and where the next begins" \
    [ "$(grep -c '^update' <<<"$OUT")" -eq 20 ]
check "the next page is named" grep -q "^more: --page 2$" <<<"$OUT"
v search checkpoint --page 2
check "the rest on page 2" [ "$(grep -c '^update' <<<"$OUT")" -eq 5 ]

# ==== A record without the index gets it ====

OLD=$(db_copy "$DB" old)
sql "$OLD" "DELETE FROM search_index" >/dev/null
run --db "$OLD" check
run --db "$OLD" source list --tracker $IR >/dev/null
check "a read-only open leaves it empty" \
    [ "$(sql "$OLD" "SELECT count(*) FROM search_index")" = 0 ]
run --db "$OLD" search qalandarabad # a search opens read-write where it may
check "the first read-write open rebuilds it" [ "$(hits)" = "update:$m:retracted" ]
run --db "$OLD" search vakilabad --drafts
check "events too" [ "$(hits)" = "event:$e:retracted" ]
run --db "$OLD" search qeshlaqi
check "not a purged name" [ -z "$(hits)" ]

COPY=$(empty_db copied)
rm -rf "$TMP/dummy"
if backend_is sqlite; then
    rm -f "$COPY"
    run copy --from "$DB" --to "$COPY"
    expect_ok "copy into a new file"
    run --db "$COPY" search "کتابخانهی مرکزی"
    check "the copy's index is built" [ "$(hits)" = "update:$n:-" ]
fi

# ==== A bulk import is indexed with its batches ====

# 30,000 events: their search rows are written after the import, a
# chunk of them a transaction (store.h, the search backlog); a search
# that may write writes them first.
"$VIGIL" --db "$DB" tracker create bulk --title Bulk --started-on 2019-01-01 \
    --timezone Asia/Tehran --country IR >/dev/null
/usr/bin/python3 bench/make_acled.py 30000 "$TMP/in.csv" >/dev/null
v import "$TMP/in.csv" --tracker bulk
expect_ok "import 30,000 events"
check "the import leaves their search rows to the backlog" \
    [ "$(sql "$DB" "SELECT sum(last_id - first_id + 1) FROM search_backlog")" = 30000 ]
word=$(/usr/bin/python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1]))); print(r[1500][21])' "$TMP/in.csv")
v search "$word" --tracker bulk
check "an imported event is found by its place" grep -q "^event" <<<"$OUT"
# Each event's notes end with its row's own number (bench/make_acled.py):
# the first chunk holds the newest 20,000, the second the 10,000 before:
# one in the second, one on each side of their border, and the last are
# found, each once (no number in the file starts with another of these).
for row in 9000 10000 10001 30000; do
    num=$(/usr/bin/python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1]))); print(r[int(sys.argv[2]) + 1][27].rstrip(".").split("; ")[-1])' "$TMP/in.csv" "$row")
    v search "$num" --tracker bulk
    check "imported row $row is found by its number ($num), once" \
        [ "$(grep -c "^event" <<<"$OUT")" = 1 ]
done
v check
expect_ok "check"
finish
