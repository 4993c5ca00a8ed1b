#!/usr/bin/env bash
# roundtrip.sh: export -> import into a fresh database -> export gives the
# same bytes; a backup taken while posts are written (on PostgreSQL, a
# copy to a file) passes `vigil check` and holds every post acknowledged
# before it began.
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
printf 'edited\n' | "$VIGIL" --db "$DB" update edit $T 10 --rev 1 --file - >/dev/null
"$VIGIL" --db "$DB" update retract $T 11 >/dev/null
"$VIGIL" --db "$DB" claim add $T --metric participants --source rferl \
    --words hundreds --as-of 2019-11-16 --quote "“hundreds” rallied" >/dev/null
run --db "$DB" export $T --output "$TMP/one.json"
expect_ok "export with history"

FRESH=$(empty_db fresh)
run --db "$FRESH" import "$TMP/one.json"
expect_ok "import into a fresh database"
run --db "$FRESH" export $T --output "$TMP/two.json"
expect_ok "export again"
check "export -> import -> export is byte-identical" cmp -s "$TMP/one.json" "$TMP/two.json"
check "the bundle keeps every revision" \
    jq -e '.updates[] | select(.number == 10) | .revisions | length == 2' "$TMP/two.json" >/dev/null
run --db "$FRESH" update show $T 10 --rev 1
check "an imported revision reads back" [ "$OUT" = "نخست" ]
run --db "$FRESH" check
expect_ok "the imported database checks"

# Backups while another process writes.
(for i in $(seq 40); do
    "$VIGIL" --db "$DB" post $T --title "during-$i" <<<"body $i" >/dev/null || exit 1
done) &
writer=$!
for b in 1 2 3; do
    sleep 0.3
    acked=$(sql "$DB" "SELECT count(*) FROM updates WHERE title LIKE 'during-%'")
    if backend_is sqlite; then
        run --db "$DB" backup "$TMP/backup-$b.db"
    else
        run copy --from "$DB" --to "$TMP/backup-$b.db"
    fi
    expect_ok "backup $b during writes"
    run --db "$TMP/backup-$b.db" check
    expect_ok "backup $b passes check"
    got=$(sql "$TMP/backup-$b.db" "SELECT count(*) FROM updates WHERE title LIKE 'during-%'")
    check "backup $b holds the $acked posts acknowledged before it" [ "$got" -ge "$acked" ]
done
wait $writer
check "the writer never failed" [ $? -eq 0 ]
if backend_is sqlite; then
    run --db "$DB" backup "$TMP/backup-1.db"
    check "backup refuses to overwrite a file" [ "$RC" -eq 1 ]
else
    run copy --from "$DB" --to "$TMP/backup-1.db"
    check "a copy refuses to overwrite a record" [ "$RC" -eq 1 ]
    run --db "$DB" backup "$TMP/backup-4.db"
    check "vigil backup names PostgreSQL's tools" grep -q pg_dump <<<"$ERR"
fi
finish
