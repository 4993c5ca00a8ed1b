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
run --db "$DB" update edit $T "$N" --rev 1 --file "$TMP/r2"
expect_ok "first edit"
run --db "$DB" update edit $T "$N" --rev 2 --file "$TMP/r3" --title "Revised twice"
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

# Append-only, enforced by the database itself: its triggers refuse
# even PostgreSQL's superuser, and Vigil's own role there has no right to
# try.
for table in update_rev claim_rev audit_log; do
    for stmt in "UPDATE $table SET seq = seq" "DELETE FROM $table"; do
        before=$(db_state "$DB")
        out=$(sql_admin "$DB" "$stmt" 2>&1)
        rc=$?
        if [ $rc -ne 0 ] && [[ $out == *append-only* ]] &&
            [ "$before" = "$(db_state "$DB")" ]; then
            pass
        else
            fail "\"$stmt\" was not refused (rc $rc: $out)"
        fi
        if backend_is postgresql; then
            out=$(sql "$DB" "$stmt" 2>&1)
            rc=$?
            if [ $rc -ne 0 ] && [[ $out == *"permission denied"* ]] &&
                [ "$before" = "$(db_state "$DB")" ]; then
                pass
            else
                fail "\"$stmt\" was allowed to Vigil's role (rc $rc: $out)"
            fi
        fi
    done
done

run --db "$DB" check
expect_ok "check passes on the untouched database"

# A flipped byte in a revision row, with the trigger out of the way and
# put back: only the hash chain can tell.
TAMPERED=$(db_copy "$DB" tampered)
SEQ=$(sql "$TAMPERED" \
    "SELECT seq FROM update_rev WHERE body_md LIKE '%ZQXJ-revision-two%'")
if backend_is sqlite; then
    on="CREATE TRIGGER update_rev_no_update BEFORE UPDATE ON update_rev
        BEGIN SELECT RAISE(ABORT, 'update_rev is append-only'); END;"
else
    on="ALTER TABLE update_rev ENABLE TRIGGER update_rev_no_update;"
fi
sql_admin "$TAMPERED" "$(trigger_off "$DB" update_rev update_rev_no_update)
UPDATE update_rev SET body_md = replace(body_md, 'ZQXJ', 'ZQXK')
 WHERE seq = $SEQ;
$on"
run --db "$TAMPERED" check
check "check fails on one changed byte" [ "$RC" -eq 1 ]
check "check names the tampered row" \
    grep -q "update_rev row $SEQ: hash does not match" <<<"$ERR"
check "check names only that row" [ "$(grep -c 'row' <<<"$ERR")" -eq 1 ]

# The same with one byte flipped at every place the marker is stored
# (the revision and the audit rows that quote it): in
# the SQLite file itself; on PostgreSQL in each row, its table's triggers
# out of the way.
if backend_is sqlite; then
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
else
    places=$(sql "$DB" "SELECT 'updates|id|' || id FROM updates x
        WHERE x::text LIKE '%ZQXJ-revision-two%'
        UNION ALL SELECT 'update_rev|seq|' || seq FROM update_rev x
        WHERE x::text LIKE '%ZQXJ-revision-two%'
        UNION ALL SELECT 'audit_log|seq|' || seq FROM audit_log x
        WHERE x::text LIKE '%ZQXJ-revision-two%'")
    check "the marker is in the revision and the audit log: $places" \
        [ "$(cut -d'|' -f1 <<<"$places" | sort -u | paste -sd ' ')" = \
        "audit_log update_rev" ]
    n=0
    for place in $places; do
        IFS='|' read -r table key value <<<"$place"
        n=$((n + 1))
        flipped=$(db_copy "$DB" "flipped$n")
        sql_admin "$flipped" "ALTER TABLE $table DISABLE TRIGGER USER;
            UPDATE $table x SET $(sql "$DB" "SELECT string_agg(format(
                '%1\$I = replace(%1\$I, ''ZQXJ-revision-two'',
                ''ZQXK-revision-two'')', column_name), ', ')
                FROM information_schema.columns WHERE table_name = '$table'
                AND data_type = 'text'") WHERE $key = $value;
            ALTER TABLE $table ENABLE TRIGGER USER"
        run --db "$flipped" check
        if [ "$RC" -eq 1 ] && [[ $ERR == *FAILED* ]]; then
            pass
        else
            fail "the marker changed in $table row $value went unnoticed ($RC)"
        fi
    done
fi

# Dropping a trigger is itself reported.
NOTRIGGER=$(db_copy "$DB" notrigger)
sql_admin "$NOTRIGGER" "$(trigger_off "$DB" audit_log audit_log_no_delete)"
run --db "$NOTRIGGER" check
check "a missing trigger is reported" \
    grep -q "trigger audit_log_no_delete is missing" <<<"$ERR"
finish
