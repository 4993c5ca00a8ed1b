#!/usr/bin/env bash
# search_fa.sh: `vigil search` in Persian and Arabic on the backend under
# test: a Persian update is found by a query typed with Arabic letters and
# an Arabic one by a query typed with Persian letters (ي/ی, ك/ک, ة/ه, the
# alef forms), with or without tashkeel, tatweel and the zero-width
# non-joiner, and by Persian, Arabic-Indic or ASCII digits; the matches
# are marked on the words as they are written; and a record indexed with
# the folding before this one is found after the upgrade (the index is
# rebuilt at the first read-write open).
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

DB=$(new_db search_fa)
FA=iran-nov-2019-fa
v() { run --db "$DB" "$@"; }
# hits: the kind and number of each result line, space-separated.
hits() { awk -F'\t' 'NF && $1 != "more:" && $1 != "place" {printf "%s%s:%s", sep, $1, $3; sep=" "}' <<<"$OUT"; }

# A Persian update: keheh and Persian yeh, a ZWNJ, Persian digits.
printf '%s\n' 'در ۲۵ آبان ۱۳۹۸ دست‌کم ۳۷۴ نفر در استان کرمانشاه بازداشت شدند.' \
    >"$TMP/fa.md"
v post $FA --title "معترضان به خیابان‌ها می‌روند" --file "$TMP/fa.md"
expect_ok "post in Persian"
p=$(sql "$DB" "SELECT max(u.number) FROM updates u JOIN trackers t ON t.id = u.tracker_id WHERE t.slug = '$FA'")
# An Arabic one: Arabic yeh and kaf, teh marbuta, hamza on alef and on
# waw, tashkeel, tatweel, Arabic-Indic digits.
printf '%s\n' 'قُتِلَ ٣٠ شخصاً على الأقل في مدينةِ البصرة وفقاً لمسؤولين محليين، وقطعت الكهربـــاء.' \
    >"$TMP/ar.md"
v post $FA --title "المحتجون في مدينة البصرة" --lang ar --file "$TMP/ar.md"
expect_ok "post in Arabic"
a=$((p + 1))

# want QUERY EXPECTED DESCRIPTION: searching the Persian tracker for
# QUERY finds exactly EXPECTED.
want() {
    v search "$1" --tracker $FA
    check "$3 (\"$1\": $(hits))" [ "$(hits)" = "$2" ]
}
want "می‌روند" "update:$p" "the Persian word as written, with its ZWNJ"
want "میروند" "update:$p" "without the ZWNJ"
want "ميروند" "update:$p" "typed with Arabic yeh"
want "مي‍روند" "update:$p" "with a zero-width joiner"
want "كرمانشاه" "update:$p" "typed with Arabic kaf"
want "دستكم كرمانشاه" "update:$p" "typed with Arabic kaf, no ZWNJ"
want "۳۷۴" "update:$p" "a number in Persian digits"
want "٣٧٤" "update:$p" "in Arabic-Indic digits"
want "374" "update:$p" "in ASCII digits"
want "البصره" "update:$a" "the Arabic word typed with Persian heh"
want "البصرة" "update:$a" "and with teh marbuta"
want "مدینه" "update:$a" "with Persian yeh, without the kasra"
want "قتل" "update:$a" "without the tashkeel"
want "قُتِلَ" "update:$a" "with it"
want "الاقل" "update:$a" "alef without its hamza"
want "الكهرباء" "update:$a" "without the tatweel"
want "۳۰" "update:$a" "Arabic-Indic digits found by Persian ones"
want "30" "update:$a" "and by ASCII"
want "محتجون" "" "a word is matched from its start, the article included"

# The marks fall on the words as written: the ZWNJ, the tashkeel and the
# Arabic letters stay inside them.
v search "ميروند" --tracker $FA
check "the Persian title's word is marked whole, with its ZWNJ" \
    grep -q $'\tمعترضان به خیابان‌ها \\[می‌روند\\]\t' <<<"$OUT"
v search "مدینه قتل" --tracker $FA
check "the Arabic words are marked whole, with their tashkeel" \
    grep -q '\[قُتِلَ\] ٣٠ شخصاً على الأقل في \[مدينةِ\] البصرة' <<<"$OUT"
check "the title's word too" grep -q $'\tالمحتجون في \\[مدينة\\] البصرة\t' <<<"$OUT"

# The demo's Persian tracker is searched in its own words.
v search "نتبلاکس" --tracker $FA
check "the demo's Persian update on the shutdown, by a name typed without its ZWNJ" \
    [ "$(hits)" = "update:2" ]
v search "بينالملل رساند" --tracker $FA
check "and Amnesty's raised count, typed with Arabic yeh" \
    [ "$(hits)" = "update:5" ]

# ==== An index written with the folding before ====

# What the index held before: teh marbuta and Arabic yeh kept as they
# were, digits as written. The upgrade's migration empties the index and
# the first read-write open rebuilds it.
OLD=$(db_copy "$DB" old)
run --db "$OLD" init
schema=$(sed -n 's/.*(schema \([0-9]*\)).*/\1/p' <<<"$OUT")
check "the schema's version is read (past 21)" [ "${schema:-0}" -ge 22 ]
sql "$OLD" "UPDATE search_index SET title = replace(title, 'البصره', 'البصرة'),
    body = replace(replace(body, 'البصره', 'البصرة'), '30', '٣٠')" >/dev/null
# Back to schema 20, before migration 21 (the folding), so the upgrade
# runs 21 and every one after it.
undo_migration_23 "$OLD"
undo_migration_22 "$OLD"
if backend_is postgresql; then
    sql "$OLD" "UPDATE vigil_schema SET version = 20" >/dev/null
else
    sql "$OLD" "PRAGMA user_version = 20" >/dev/null
fi
check "the old index is in place" \
    [ "$(sql "$OLD" "SELECT count(*) FROM search_index WHERE title LIKE '%البصرة%'")" = 1 ]
run --db "$OLD" search "البصره" --tracker $FA
check "a record indexed before is found after the upgrade" [ "$(hits)" = "update:$a" ]
run --db "$OLD" search "۳۰" --tracker $FA
check "by its digits too" [ "$(hits)" = "update:$a" ]
run --db "$OLD" search "internet shutdown" --tracker iran-nov-2019
check "and every other record is indexed again" grep -q "^update" <<<"$OUT"
run --db "$OLD" check
expect_ok "check after the upgrade"

v check
expect_ok "check"
finish
