#!/usr/bin/env bash
# roundtrip.sh: export -> import into a fresh database -> export gives the
# same bytes; a backup taken while posts are written passes `vigil check`
# and holds every post acknowledged before it began.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

DB=$(new_db roundtrip)
T=iran-nov-2019
run --db "$DB" export $T --output "$TMP/demo.json"
expect_ok "export"
check "the demo exports as shipped" cmp -s "$TMP/demo.json" data/demo/iran-nov-2019.json

# A tracker with history: edits, a retraction, pins, a vague claim,
# right-to-left text.
printf 'نخست\n' | "$VIGIL" --db "$DB" post $T --title "اول" --lang fa --key >/dev/null
printf 'second\n' | "$VIGIL" --db "$DB" post $T --pin >/dev/null
printf 'edited\n' | "$VIGIL" --db "$DB" update edit $T 10 --file - >/dev/null
"$VIGIL" --db "$DB" update retract $T 11 >/dev/null
"$VIGIL" --db "$DB" claim add $T --metric participants --source rferl \
    --words hundreds --as-of 2019-11-16 --quote "“hundreds” rallied" >/dev/null
run --db "$DB" export $T --output "$TMP/one.json"
expect_ok "export with history"

"$VIGIL" --db "$TMP/fresh.db" init >/dev/null
run --db "$TMP/fresh.db" import "$TMP/one.json"
expect_ok "import into a fresh database"
run --db "$TMP/fresh.db" export $T --output "$TMP/two.json"
expect_ok "export again"
check "export -> import -> export is byte-identical" cmp -s "$TMP/one.json" "$TMP/two.json"
check "the bundle keeps every revision" \
    jq -e '.updates[] | select(.number == 10) | .revisions | length == 2' "$TMP/two.json" >/dev/null
run --db "$TMP/fresh.db" update show $T 10 --rev 1
check "an imported revision reads back" [ "$OUT" = "نخست" ]
run --db "$TMP/fresh.db" check
expect_ok "the imported database checks"

# Backups while another process writes.
(for i in $(seq 40); do
    "$VIGIL" --db "$DB" post $T --title "during-$i" <<<"body $i" >/dev/null || exit 1
done) &
writer=$!
for b in 1 2 3; do
    sleep 0.3
    acked=$(sqlite3 -cmd ".timeout 5000" "$DB" "SELECT count(*) FROM updates WHERE title LIKE 'during-%'")
    run --db "$DB" backup "$TMP/backup-$b.db"
    expect_ok "backup $b during writes"
    run --db "$TMP/backup-$b.db" check
    expect_ok "backup $b passes check"
    got=$(sqlite3 -cmd ".timeout 5000" "$TMP/backup-$b.db" "SELECT count(*) FROM updates WHERE title LIKE 'during-%'")
    check "backup $b holds the $acked posts acknowledged before it" [ "$got" -ge "$acked" ]
done
wait $writer
check "the writer never failed" [ $? -eq 0 ]
run --db "$DB" backup "$TMP/backup-1.db"
check "backup refuses to overwrite a file" [ "$RC" -eq 1 ]
finish
