#!/usr/bin/env bash
# snapshot.sh: the signed single-file snapshot and signed exports (issue
# 6): under 200 KB for the demo, nothing to fetch, `vigil verify` accepts
# the file as written and refuses it with one byte changed or with
# another key.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

export VIGIL_NOW=2019-12-28T12:00:00Z
db=$(new_db snapshot)
S=$TMP/demo.html
run --db "$db" export iran-nov-2019 --format snapshot --output "$S"
expect_ok "snapshot"
size=$(wc -c <"$S")
check "under 200 KB ($size bytes)" [ "$size" -lt 200000 ]
# Beside a database file; where VIGIL_SIGNING_KEY says for PostgreSQL's.
sign=${VIGIL_SIGNING_KEY:-$db.sign}
check "the signing key is made 0600 ($sign)" [ "$(stat -c %a "$sign")" = 600 ]
check "no script, stylesheet link, image or frame" \
    bash -c "! grep -Eiq '<(script|link|img|iframe|object|embed)[ >]' '$S'"
check "the stylesheet inline" grep -q '<style>' "$S"
check "the updates, events and memorial" bash -c \
    "grep -q 'How to read the figures' '$S' && grep -q 'Trocad' '$S' && grep -q 'Sample Person One' '$S'"
run verify "$S"
expect_ok "verify accepts it"
key=$(sed -n 's/.*signed by \([^,]*\),.*/\1/p' <<<"$OUT")
run verify "$S" --key "$key"
expect_ok "verify with the expected key"
run verify "$S" --key "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
check "another key: refused" [ "$RC" -eq 1 ]
for offset in 100 5000 $((size - 200)); do
    /usr/bin/python3 -c 'import sys; d = bytearray(open(sys.argv[1], "rb").read()); d[int(sys.argv[3])] ^= 1; open(sys.argv[2], "wb").write(d)' \
        "$S" "$TMP/changed.html" $offset
    check "the copy differs" bash -c "! cmp -s '$S' '$TMP/changed.html'"
    run verify "$TMP/changed.html"
    check "one byte changed at $offset: refused" [ "$RC" -eq 1 ]
    check "... and says so" grep -q "does NOT match" <<<"$ERR"
done
run --db "$db" export iran-nov-2019 --output "$TMP/bundle.json"
expect_ok "a signed bundle"
run verify "$TMP/bundle.json"
expect_ok "its FILE.sig verifies"
printf ' ' >>"$TMP/bundle.json"
run verify "$TMP/bundle.json"
check "the bundle with a byte added: refused" [ "$RC" -eq 1 ]
run verify "$TMP/nothing.json"
check "a missing file: refused" [ "$RC" -ne 0 ]
finish
