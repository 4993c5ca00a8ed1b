#!/usr/bin/env bash
# copy.sh: `vigil copy` moves a whole record between databases: the copy
# exports the same bytes and passes `vigil check`; a target that holds a
# record is refused and left untouched; a source that fails its check is
# refused with nothing written; bad arguments are refused. The copy's
# search index is built from the rows copied.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

T=iran-nov-2019
DB=$(new_db copy)
# History beyond the demo: an edit, a retraction, an event.
printf 'second\n' | "$VIGIL" --db "$DB" post $T --pin >/dev/null
"$VIGIL" --db "$DB" update retract $T 10 >/dev/null
"$VIGIL" --db "$DB" export $T --output "$TMP/a.json" >/dev/null

B=$(blank_db b)
run copy --from "$DB" --to "$B"
expect_ok "copy into a new database"
run --db "$B" check
expect_ok "the copy passes its check"
run --db "$B" export $T --output "$TMP/b.json"
check "the copy exports the same bytes" cmp -s "$TMP/a.json" "$TMP/b.json"
check "the same audit log" [ "$("$VIGIL" --db "$DB" audit)" = "$("$VIGIL" --db "$B" audit)" ]
check "the same audit head" [ "$("$VIGIL" --db "$DB" check | sed 's/.*: ok (/ok (/')" = \
    "$("$VIGIL" --db "$B" check | sed 's/.*: ok (/ok (/')" ]
run --db "$B" search "internet shutdown"
check "the copy is searched: its index is built" grep -q '^update' <<<"$OUT"
check "as the original is" [ "$OUT" = "$("$VIGIL" --db "$DB" search "internet shutdown")" ]

# A copy of a copy writes on: the ids, numbers and chains carry on.
printf 'third\n' | "$VIGIL" --db "$B" post $T >/dev/null
run --db "$B" check
expect_ok "a post after the copy keeps the chains sound"

# A target with a record: refused, untouched.
before=$(db_content "$B")
run copy --from "$DB" --to "$B"
check "a target with a record is refused" [ "$RC" -eq 1 ]
check "it says why" grep -q "already holds a record" <<<"$ERR"
check "the target is untouched" [ "$(db_content "$B")" = "$before" ]

# A source that fails its check: refused, nothing written.
BAD=$(db_copy "$DB" bad)
C=$(blank_db c)
sql_admin "$BAD" "$(trigger_off "$BAD" audit_log audit_log_no_update)
    UPDATE audit_log SET actor = 'someone else' WHERE seq = 2"
run copy --from "$BAD" --to "$C"
check "a source that fails its check is refused" [ "$RC" -eq 1 ]
check "the report names the row" grep -q "audit_log row 2" <<<"$ERR"
check "nothing was copied" [ "$(audit_count "$C" 2>/dev/null || echo 0)" = 0 ]

run copy --from "$DB"
check "--to is required" [ "$RC" -eq 2 ]
run copy --from "$DB" --to "$DB"
check "the same database twice is refused" [ "$RC" -eq 2 ]
run copy --from "$(blank_db missing)" --to "$(blank_db d)"
check "a missing source is refused" [ "$RC" -eq 1 ]
check "it says how to make one" grep -q "vigil init" <<<"$ERR"
finish
