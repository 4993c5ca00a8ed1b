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
