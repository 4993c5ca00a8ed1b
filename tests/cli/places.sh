#!/usr/bin/env bash
# places.sh: `vigil place find` on the checked-in gazetteer subset: the
# best place first as JSON, namesakes ranked by the country given, clear
# refusals for an unknown name and a missing or damaged gazetteer.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

G=data/gazetteer/test.tsv
run place find "Miando’ab" --gazetteer $G
expect_ok "finds Miando’ab"
check "as Mīāndoāb with its coordinates" \
    jq -e 'select(.name == "Mīāndoāb" and .country == "IR" and .lat == 36.96667)' <<<"$OUT" >/dev/null
run place find Paris --country US --gazetteer $G
check "a hinted country first" jq -e -s '.[0].country == "US"' <<<"$OUT" >/dev/null
check "every namesake listed" jq -e -s 'length >= 8' <<<"$OUT" >/dev/null
# Persian and Arabic names, as a text may spell them: the place, its
# country and kind, and a point within 0.05 degrees of where it is.
while IFS='|' read -r text name cc kind lat lon; do
    run place find "$text" --gazetteer $G
    check "$text is $name ($kind)" jq -e -s --arg n "$name" --arg c "$cc" \
        --arg k "$kind" --argjson la "$lat" --argjson lo "$lon" \
        '.[0] | .name == $n and .country == $c and .kind == $k and
         (.lat - $la | fabs) < 0.05 and (.lon - $lo | fabs) < 0.05' \
        <<<"$OUT" >/dev/null
done <<'EOF'
تهران|Tehran|IR|city|35.69|51.42
طهران|Tehran|IR|city|35.69|51.42
كرمانشاه|Kermanshah|IR|city|34.31|47.07
کرمان‌شاه|Kermanshah|IR|city|34.31|47.07
البصره|Basrah|IQ|city|30.51|47.78
الخرطوم|Khartoum|SD|city|15.55|32.53
دبى|Dubai|AE|city|25.08|55.31
خوزستان|Khuzestan|IR|province|31.56|49.01
ایران|Iran|IR|country|32.58|54.27
سوريا|Syria|SY|country|35.03|38.51
Meshed|Mashhad|IR|city|36.30|59.61
EOF
run place find تهران --gazetteer $G
check "تهران: the city, then the province" \
    jq -e -s '[.[].kind] == ["city", "province"]' <<<"$OUT" >/dev/null
run place find Atlantis --gazetteer $G
check "an unknown place: exit 1" [ "$RC" -eq 1 ]
check "... and says so" grep -q 'no place named "Atlantis"' <<<"$ERR"
run place find Paris --gazetteer "$TMP/none.tsv"
check "a missing gazetteer: exit 1" [ "$RC" -eq 1 ]
check "... names the file" grep -q "cannot open $TMP/none.tsv" <<<"$ERR"
mkdir -p "$TMP/bad"
cp data/gazetteer/places.tsv "$TMP/bad/"
printf 'Nowhere\tXX\t01\tNothing\n' >"$TMP/bad/aliases.tsv"
cp $G "$TMP/bad/test.tsv"
run place find Paris --gazetteer "$TMP/bad/test.tsv"
check "an alias to no place: exit 1" [ "$RC" -eq 1 ]
check "... names the file and line" grep -q "aliases.tsv line 1: no place Nothing in XX.01" <<<"$ERR"
finish
