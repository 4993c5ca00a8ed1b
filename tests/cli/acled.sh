#!/usr/bin/env bash
# acled.sh: `vigil import FILE.csv --tracker SLUG`, the bulk path: rows
# parsed on one thread and written in batches on another, first revisions
# in blocks hashed over the event rows, references checked by the importer, a
# rollback journal when no one else has the database open. Several
# batches and a partial one; a second import continuing the numbers and
# the chain; a bad row deep in the file refused whole; a retracted event
# from Vigil's own export; an import beside another open connection. On
# SQLite, the journal: WAL again after the load, and after a kill.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

export VIGIL_NOW=2020-01-01T12:00:00Z
db=$(empty_db acled)
"$VIGIL" --db "$db" tracker create bench --title Bench --started-on 2019-01-01 \
    --timezone Asia/Tehran --country IR >/dev/null
# 2,600 rows: two full batches of 1,024 and a partial one, whose tail is
# shorter than a multi-row statement.
/usr/bin/python3 bench/make_acled.py 2600 "$TMP/in.csv" >/dev/null

run --db "$db" import "$TMP/in.csv" --tracker bench
expect_ok "2,600 rows"
check "all counted" grep -q "imported 2600 events" <<<"$OUT"
check "numbered in file order" [ "$(sql "$db" \
    "SELECT min(number), max(number), count(DISTINCT number) FROM events")" \
    = "1|2600|2600" ]
check "first revisions in blocks, one a batch" [ "$(sql "$db" \
    "SELECT r.event_id || ':' || r.body FROM event_rev r ORDER BY r.seq" |
    paste -sd ' ')" = '1:{"events":1024} 1025:{"events":1024} 2049:{"events":552}' ]
check "row 1501 is the file's row 1501" [ "$(sql "$db" \
    "SELECT notes FROM events WHERE number = 1499")" = \
    "$(/usr/bin/python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1]))); print(r[1500][27] + " Source: " + r[1500][25])' "$TMP/in.csv")" ]
run --db "$db" check
expect_ok "the chain and the references check"
if backend_is sqlite; then
    check "back in WAL mode" [ "$(sqlite3 "$db" "PRAGMA journal_mode")" = wal ]
    check "no journal left" [ ! -e "$db-journal" ]
    check "foreign keys on again" [ "$(sqlite3 "$db" "PRAGMA foreign_key_check" | wc -l)" -eq 0 ]
fi
run --db "$db" audit
check "one audit row, with the file's SHA-256" grep -q \
    "\"events\":2600,\"sha256\":\"$(sha256sum "$TMP/in.csv" | cut -d' ' -f1)\"" <<<"$OUT"

# A second import continues the numbers and the chain.
run --db "$db" import "$TMP/in.csv" --tracker bench
expect_ok "the same file again"
check "numbers go on" [ "$(sql "$db" "SELECT max(number) FROM events")" = 5200 ]
run --db "$db" check
expect_ok "the chain goes on"

# An event row changed behind Vigil's back breaks its revision's hash.
tampered=$(db_copy "$db" tampered)
sql_admin "$tampered" "$(trigger_off "$db" events events_recorded_fixed)
    UPDATE events SET fatalities = 99 WHERE number = 1800"
run --db "$tampered" check
check "a changed imported event is found" grep -q \
    "event_rev row 2: hash does not match" <<<"$OUT$ERR"
silent=$(db_copy "$db" silent)
sql "$silent" "UPDATE events SET status = 'retracted' WHERE number = 1800"
run --db "$silent" check
check "a silent retraction inside a block is found" grep -q \
    "event [0-9]* differs from its latest revision" <<<"$OUT$ERR"

# A bad row in the second batch refuses the whole file: nothing written
# (the record compared, not the file's bytes: the journal mode's switch
# and back rewrites the header).
/usr/bin/python3 - "$TMP/in.csv" "$TMP/bad.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
rows[1500][1] = "2019-13-45"  # the file's row 1501 (the header is row 1)
csv.writer(open(sys.argv[2], "w", newline="")).writerows(rows)
EOF
"$VIGIL" --db "$db" init >/dev/null # the last import's search rows
before=$(db_content "$db")
run --db "$db" import "$TMP/bad.csv" --tracker bench
check "a bad date: refused" [ "$RC" -eq 1 ]
check "a bad date: its row and field named" grep -q "row 1501.*date\|date.*row 1501" <<<"$ERR"
check "a bad date: nothing written" [ "$(db_content "$db")" = "$before" ]
backend_is sqlite &&
    check "a bad date: WAL mode kept" [ "$(sqlite3 "$db" "PRAGMA journal_mode")" = wal ]

# Vigil's own export: a retracted event keeps its state in its first
# revision's body; export -> import -> export gives the same rows.
demo=$(new_db demo)
"$VIGIL" --db "$demo" event retract iran-nov-2019 3 >/dev/null
"$VIGIL" --db "$demo" export iran-nov-2019 --format csv --output "$TMP/demo.csv"
"$VIGIL" --db "$db" tracker create copy --title Copy --started-on 2019-11-15 \
    --timezone Asia/Tehran --country IR >/dev/null
run --db "$db" import "$TMP/demo.csv" --tracker copy
expect_ok "the demo's export"
check "a retracted event splits the blocks" [ "$(sql "$db" \
    "SELECT e.number || ':' || substr(r.body, 1, 12)
     FROM event_rev r JOIN events e ON e.id = r.event_id
     JOIN trackers t ON t.id = e.tracker_id WHERE t.slug = 'copy'
     ORDER BY r.seq" | paste -sd ' ')" \
    = '1:{"events":2} 3:{"number":3, 4:{"events":18' ]
check "the retracted event is retracted" [ "$(sql "$db" \
    "SELECT count(*) FROM events e JOIN trackers t ON t.id = e.tracker_id
     JOIN event_rev r ON r.event_id = e.id
     WHERE t.slug = 'copy' AND e.status = 'retracted'
     AND $(json_text "$db" r.body status) = 'retracted'")" -ge 1 ]
"$VIGIL" --db "$db" export copy --format csv --output "$TMP/copy.csv"
copy2=$(empty_db copy2)
"$VIGIL" --db "$copy2" tracker create copy --title Copy \
    --started-on 2019-11-15 --timezone Asia/Tehran --country IR >/dev/null
"$VIGIL" --db "$copy2" import "$TMP/copy.csv" --tracker copy >/dev/null
"$VIGIL" --db "$copy2" export copy --format csv --output "$TMP/copy2.csv"
check "export -> import -> export is identical" cmp -s "$TMP/copy.csv" "$TMP/copy2.csv"
run --db "$db" check
expect_ok "retracted and published first revisions check"

# Formula leads (OWASP): the export puts an apostrophe before each, the
# import takes it off again; a negative coordinate stays a number.
form=$(new_db form)
sql_admin "$form" "$(trigger_off "$form" events events_recorded_fixed)
    UPDATE events SET notes = CASE number
    WHEN 1 THEN '  =HYPERLINK(\"x\")' WHEN 2 THEN '＋1' WHEN 4 THEN '|calc'
    WHEN 5 THEN '$(printf '\t')@x' ELSE notes END, lon_e5 = -lon_e5"
"$VIGIL" --db "$form" export iran-nov-2019 --format csv --output "$TMP/form.csv"
check "formulas get an apostrophe" /usr/bin/python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
notes = [r[27] for r in rows[2:]]
for want in ("\x27  =HYPERLINK(\"x\")", "\x27＋1", "\x27|calc", "\x27\t@x"):
    assert any(n.startswith(want) for n in notes), (want, notes[:6])
assert all(float(r[23]) < 0 for r in rows[2:] if r[23]), "longitudes"
' "$TMP/form.csv"
"$VIGIL" --db "$form" tracker create back --title Back --started-on 2019-11-15 \
    --timezone Asia/Tehran --country IR >/dev/null
run --db "$form" import "$TMP/form.csv" --tracker back
expect_ok "the export with formulas imports"
check "the import takes the apostrophes off" [ "$(sql "$form" \
    "SELECT count(*) FROM events a JOIN events b ON a.number = b.number
     JOIN trackers ta ON ta.id = a.tracker_id
     JOIN trackers tb ON tb.id = b.tracker_id
     WHERE ta.slug = 'iran-nov-2019' AND tb.slug = 'back'
     AND a.number IN (1, 2, 4, 5) AND substr(b.notes, 1, length(a.notes)) = a.notes")" = 4 ]

# Another connection open (a running server): the import does not wait
# for it, and succeeds; on SQLite, it stays in WAL mode to do so.
if backend_is sqlite; then
    OUT=$(/usr/bin/python3 - "$VIGIL" "$db" "$TMP/in.csv" <<'EOF'
import sqlite3, subprocess, sys
vigil, db, csv_path = sys.argv[1:]
other = sqlite3.connect(db)
other.execute("SELECT count(*) FROM events").fetchall()
p = subprocess.run([vigil, "--db", db, "import", csv_path, "--tracker",
                    "bench"], capture_output=True, text=True)
mode = other.execute("PRAGMA journal_mode").fetchone()[0]
n = other.execute("SELECT count(*) FROM events").fetchone()[0]
print(p.returncode, mode, n)
EOF
    )
    check "beside another connection: imported in WAL mode" \
        [ "$OUT" = "0 wal 7821" ]
else
    # A session inside a transaction that has read the events, as a
    # node's reader is, runs the import (psql's \! waits for it); an
    # import that needed more than a reader lets it have would wait.
    OUT=$(sql "$db" - <<EOF
BEGIN;
SELECT count(*) FROM events;
\\! timeout 120 "$VIGIL" --db "$db" import "$TMP/in.csv" --tracker bench >/dev/null 2>&1; echo \$? >"$TMP/import.rc"
COMMIT;
SELECT count(*) FROM events;
EOF
    )
    check "beside a reader's open transaction: imported ($(cat "$TMP/import.rc"))" \
        [ "$(cat "$TMP/import.rc")" = 0 ]
    check "all of it ($OUT)" [ "$(tail -1 <<<"$OUT")" = 7821 ]
fi
run --db "$db" check
expect_ok "and checks"

# kill -9 in the middle of a load (on SQLite, in the rollback journal):
# the record is as before it (or holds all of it, if the kill came after
# the commit), and on SQLite the next open rolls the journal back and the
# next read-write open returns to WAL.
/usr/bin/python3 bench/make_acled.py 40000 "$TMP/big.csv" >/dev/null
"$VIGIL" --db "$db" init >/dev/null # the last import's search rows
before=$(db_content "$db")
for delay in 0.05 0.2 0.4; do
    "$VIGIL" --db "$db" import "$TMP/big.csv" --tracker bench >/dev/null 2>&1 &
    pid=$!
    sleep $delay
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    # PostgreSQL ends the killed client's transaction when it sees the
    # connection gone.
    ! is_pg "$db" || pg_settle "$db"
    run --db "$db" check
    expect_ok "killed after ${delay}s: checks"
    n=$(sql "$db" "SELECT count(*) FROM events")
    check "killed after ${delay}s: all or nothing ($n)" \
        bash -c "[ $n -eq 7821 ] || [ $n -eq 47821 ]"
    [ "$n" -eq 7821 ] && check "killed after ${delay}s: the record as before" \
        [ "$(db_content "$db")" = "$before" ]
    "$VIGIL" --db "$db" init >/dev/null # any read-write open
    backend_is sqlite && check "killed after ${delay}s: WAL again" \
        [ "$(sqlite3 "$db" "PRAGMA journal_mode")" = wal ]
done
# The sources an import's events cite join the tracker's list; others
# do not.
"$VIGIL" --db "$db" source add local-media --name "Local media" >/dev/null
"$VIGIL" --db "$db" source add uncited --name "Uncited" >/dev/null
"$VIGIL" --db "$db" tracker create cites --title Cites --started-on 2019-01-01 \
    --timezone Asia/Tehran --country IR >/dev/null
/usr/bin/python3 bench/make_acled.py 10 "$TMP/ten.csv" >/dev/null
run --db "$db" import "$TMP/ten.csv" --tracker cites
expect_ok "ten events citing a known source"
run --db "$db" source list --tracker cites
check "the cited source is linked to the tracker, the other not ($OUT)" \
    [ "$(cut -f1 <<<"$OUT" | paste -sd' ')" = "local-media" ]
finish
