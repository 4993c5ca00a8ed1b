#!/usr/bin/env bash
# revisions.sh: edits append revisions that read back byte for byte; a
# retraction keeps the text; the revision tables and the audit log refuse
# SQL UPDATE and DELETE; `vigil check` finds a single flipped byte.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

DB=$(new_db revisions)
T=iran-nov-2019
# Three bodies with the bytes that are easy to lose: trailing spaces,
# CRLF, tabs, right-to-left text, no final newline.
printf 'First *version*  \r\nwith CRLF\tand tab\n' >"$TMP/r1"
printf 'Second version: اعتراضات ۲۰۱۹ ZQXJ-revision-two\n\n- a\n- b' >"$TMP/r2"
printf 'Third version.\n' >"$TMP/r3"

run_in "$TMP/r1" --db "$DB" post $T --title "Revised"
expect_ok "post"
N=${OUT#posted update }
N=${N%% *}
run --db "$DB" update edit $T "$N" --file "$TMP/r2"
expect_ok "first edit"
run --db "$DB" update edit $T "$N" --file "$TMP/r3" --title "Revised twice"
expect_ok "second edit"

run --db "$DB" update history $T "$N"
check "two edits leave three revisions" [ "$(wc -l <<<"$OUT")" -eq 3 ]
for r in 1 2 3; do
    "$VIGIL" --db "$DB" update show $T "$N" --rev $r >"$TMP/out$r"
    check "revision $r reads back byte-identical" cmp -s "$TMP/r$r" "$TMP/out$r"
done

run --db "$DB" update retract $T "$N"
expect_ok "retract"
"$VIGIL" --db "$DB" update show $T "$N" >"$TMP/after-retract"
check "a retraction keeps the text" cmp -s "$TMP/r3" "$TMP/after-retract"
run --db "$DB" update history $T "$N"
check "the retraction is a fourth revision" \
    grep -q $'^4\t.*\tretract\tretracted' <<<"$OUT"
"$VIGIL" --db "$DB" update show $T "$N" --rev 1 >"$TMP/out1b"
check "earlier revisions survive the retraction" cmp -s "$TMP/r1" "$TMP/out1b"

# Append-only, enforced by the database itself.
for table in update_rev claim_rev audit_log; do
    for stmt in "UPDATE $table SET seq = seq" "DELETE FROM $table"; do
        before=$(db_state "$DB")
        out=$(sqlite3 "$DB" "$stmt" 2>&1)
        rc=$?
        if [ $rc -ne 0 ] && [[ $out == *append-only* ]] &&
            [ "$before" = "$(db_state "$DB")" ]; then
            pass
        else
            fail "\"$stmt\" was not refused (rc $rc: $out)"
        fi
    done
done

run --db "$DB" check
expect_ok "check passes on the untouched database"

# A flipped byte in a revision row, with the trigger out of the way and
# put back: only the hash chain can tell.
cp "$DB" "$TMP/tampered.db"
SEQ=$(sqlite3 "$TMP/tampered.db" \
    "SELECT seq FROM update_rev WHERE body_md LIKE '%ZQXJ-revision-two%'")
sqlite3 "$TMP/tampered.db" <<SQL
DROP TRIGGER update_rev_no_update;
UPDATE update_rev SET body_md = replace(body_md, 'ZQXJ', 'ZQXK')
 WHERE seq = $SEQ;
CREATE TRIGGER update_rev_no_update BEFORE UPDATE ON update_rev
 BEGIN SELECT RAISE(ABORT, 'update_rev is append-only'); END;
SQL
run --db "$TMP/tampered.db" check
check "check fails on one changed byte" [ "$RC" -eq 1 ]
check "check names the tampered row" \
    grep -q "update_rev row $SEQ: hash does not match" <<<"$ERR"
check "check names only that row" [ "$(grep -c 'row' <<<"$ERR")" -eq 1 ]

# The same with one byte flipped in the file itself, at every place the
# marker is stored (the revision and the audit rows that quote it).
offsets=$(grep -obUa 'ZQXJ-revision-two' "$DB" | cut -d: -f1)
check "the marker is in the file" [ -n "$offsets" ]
for off in $offsets; do
    cp "$DB" "$TMP/flipped.db"
    printf 'K' | dd of="$TMP/flipped.db" bs=1 seek=$((off + 3)) conv=notrunc \
        status=none
    run --db "$TMP/flipped.db" check
    if [ "$RC" -eq 1 ] && [[ $ERR == *FAILED* ]]; then
        pass
    else
        fail "a byte flipped at offset $((off + 3)) went unnoticed ($RC)"
    fi
done

# Dropping a trigger is itself reported.
cp "$DB" "$TMP/notrigger.db"
sqlite3 "$TMP/notrigger.db" "DROP TRIGGER audit_log_no_delete"
run --db "$TMP/notrigger.db" check
check "a missing trigger is reported" \
    grep -q "trigger audit_log_no_delete is missing" <<<"$ERR"
finish
