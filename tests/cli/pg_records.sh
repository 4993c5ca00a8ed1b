#!/usr/bin/env bash
# pg_records.sh: the PostgreSQL store keeps trackers, sources, metrics,
# updates and their revisions, claims, the audit log and the change log as
# the SQLite store does. The same commands, at the same VIGIL_NOW, run on
# a fresh SQLite file and on a fresh database of a PostgreSQL 15 cluster
# this test starts (and stops on any exit): every output, every stored
# row (hashes included) and `vigil check` must agree. The database
# collates text linguistically (ICU, punctuation ignored), so an order
# that relied on its collation instead of bytes would show. A change also
# notifies 'vigil_changes' with its seq, and writers at once keep every
# write, numbered without gaps or repeats.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

own_cluster

psql_as() {
    local user=$1
    shift
    timeout 60 "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U "$user" "$@"
}
psql_as postgres -c "CREATE DATABASE t OWNER vigil TEMPLATE template0 LOCALE 'C.UTF-8'
        LOCALE_PROVIDER icu ICU_LOCALE 'en-US-u-ka-shifted'"
check "the database collates 'ab' before 'a-c' (not by bytes)" \
    [ "$(psql_as vigil -d t -Atc "SELECT 'ab' < 'a-c'")" = t ]

SQ=$TMP/records.db
PG=postgresql://vigil@127.0.0.1:$PORT/t

# both DESCRIPTION [!] ARGS...: runs vigil with ARGS on each backend (the
# standard input, if any, in $TMP/in); their outputs, with the database's
# name taken out, and exit statuses must agree, and the status must be 0
# (or not 0, after "!").
both() {
    local desc=$1 want=0 db rc_sq
    shift
    if [ "$1" = "!" ]; then
        want=1
        shift
    fi
    [ -e "$TMP/in" ] || : >"$TMP/in"
    for db in "$SQ" "$PG"; do
        "$VIGIL" --db "$db" "$@" <"$TMP/in" >"$TMP/out" 2>&1
        printf '\nexit %d\n' $? >>"$TMP/out"
        sed "s|$db|DB|g" "$TMP/out" >"$TMP/out.$([ "$db" = "$SQ" ] && echo sq || echo pg)"
    done
    rm -f "$TMP/in"
    rc_sq=$(tail -1 "$TMP/out.sq")
    if ! cmp -s "$TMP/out.sq" "$TMP/out.pg"; then
        fail "$desc: the backends differ: $(diff "$TMP/out.sq" "$TMP/out.pg" | head -6)"
    elif [ "$want" = 0 ] && [ "$rc_sq" != "exit 0" ]; then
        fail "$desc: $rc_sq: $(head -3 "$TMP/out.sq")"
    elif [ "$want" = 1 ] && [ "$rc_sq" = "exit 0" ]; then
        fail "$desc: was not refused"
    else
        pass
    fi
}

# post_both DESCRIPTION BODY ARGS...: `vigil post` with BODY on stdin.
post_both() {
    local desc=$1
    printf '%s' "$2" >"$TMP/in"
    shift 2
    both "$desc" post "$@"
}

both "init" init

# ==== Trackers, sources, metrics: ids and byte order ====
both "tracker create" tracker create zeta --title "Zeta crisis" \
    --started-on 2019-11-15 --timezone Asia/Tehran --summary "A summary" \
    --country IR --languages en,fa
both "a second tracker" tracker create ab --title AB --started-on 2019-11-16 \
    --timezone UTC
both "a third, whose slug sorts between by bytes only" \
    tracker create a-c --title "A-C" --started-on 2019-11-16 --timezone UTC \
    --status ended --ended-on 2019-12-01
both "a tracker slug taken" ! tracker create ab --title X \
    --started-on 2019-11-16 --timezone UTC
both "tracker list, in byte order" tracker list
# shellcheck disable=SC2016 # awk's own variables
check "tracker list puts a-c before ab" \
    awk '$1 == "a-c" {c = NR} $1 == "ab" {b = NR} END {exit !(c && c < b)}' \
    "$TMP/out.pg"
both "tracker set" tracker set zeta --status paused --title "Zeta (paused)"
both "tracker set on no tracker" ! tracker set nowhere --status live
both "source add" source add amnesty --name "Amnesty International" \
    --kind ngo --url https://amnesty.org --grade B
both "a second source" source add ab --name "AB News" --kind media \
    --note "pro-opposition"
both "a third source" source add a-c --name "A-C Watch" --kind monitor
both "a source slug taken" ! source add ab --name X
both "source list, in byte order" source list
both "metric add" metric add zeta killed --label Killed
both "metric add at position 0" metric add zeta arrested --label Arrested \
    --position 0
both "metric keys that sort differently by bytes" metric add zeta a.c \
    --label "A dot C"
both "and another" metric add zeta ab --label AB
both "a metric key taken" ! metric add zeta killed --label X
both "metric list" metric list zeta
both "metric list of another tracker" metric list ab

# ==== Updates and their revisions ====
post_both "post" $'First *body*  \r\nwith CRLF\tand tab\n' zeta --title First
post_both "post a key event" $'Second: \xd8\xa7\xd8\xb9\xd8\xaa\xd8\xb1\xd8\xa7\xd8\xb6\n' \
    zeta --title Second --key --lang fa
VIGIL_NOW=2019-12-28T13:00:00Z post_both "post a pinned statement later" \
    'Third' zeta --title Third --pin --kind statement
post_both "post to another tracker" 'Elsewhere' ab --title Elsewhere
printf 'Edited\n' >"$TMP/in"
both "update edit" update edit zeta 1 --rev 1 --title "First (edited)" --file -
both "update retract" update retract zeta 2
both "update pin (unpins the pinned one)" update pin zeta 1
both "update key" update key zeta 3
both "update key off" update key zeta 2 --off
both "update edit of no update" ! update edit zeta 9 --rev 1 --title X
for n in 1 2 3; do
    both "update history $n" update history zeta $n
done
both "update show" update show zeta 1
both "update show a first revision" update show zeta 1 --rev 1
both "update show another tracker's" update show ab 1

# ==== Claims ====
both "claim add" claim add zeta --metric killed --source amnesty --low 100 \
    --as-of 2019-11-20 --quote "at least 100" --url https://amnesty.org/x
both "claim add a range" claim add zeta --metric killed --source ab \
    --qualifier range --low 100 --high 200 --as-of 2019-11-19
both "claim add an amount in words" claim add zeta --metric arrested \
    --source a-c --qualifier range --low 2000 --high 9999 --words thousands \
    --as-of 2019-11-20 --scope Tehran --note "a note"
both "claim add to a metric sorting by bytes" claim add zeta --metric a.c \
    --source amnesty --low 3 --as-of 2019-11-21
both "claim add to the other" claim add zeta --metric ab --source amnesty \
    --low 4 --as-of 2019-11-21
both "claim add of an unknown metric" ! claim add zeta --metric nothing \
    --source amnesty --low 1 --as-of 2019-11-21
both "claim list" claim list zeta
both "claim list of one metric" claim list zeta --metric killed
both "source list after claims" source list

# ==== The audit log, the change log, checks ====
both "audit" audit
both "audit --last 3" audit --last 3
both "check" check

# Every stored row, hashes and all, reads the same from both databases
# (HEX() is SQLite's hex(), and PostgreSQL's upper-case hex encoding).
TABLES=(
    "trackers|SELECT * FROM trackers ORDER BY id"
    "sources|SELECT * FROM sources ORDER BY id"
    "metrics|SELECT * FROM metrics ORDER BY id"
    "updates|SELECT * FROM updates ORDER BY id"
    "update_rev|SELECT seq, update_id, rev_no, kind, status, pinned,
        key_event, lang, title, body_md, body_html, author, reason,
        created_at, revised_at, published_at, HEX(prev_hash), HEX(hash)
        FROM update_rev ORDER BY seq"
    "claims|SELECT * FROM claims ORDER BY id"
    "claim_rev|SELECT seq, claim_id, rev_no, metric_id, source_id,
        qualifier, low, high, words, as_of, url, quote, note, scope, status,
        author, revised_at, HEX(prev_hash), HEX(hash)
        FROM claim_rev ORDER BY seq"
    "audit_log|SELECT seq, at, actor, action, entity, before, after,
        HEX(prev_hash), HEX(hash) FROM audit_log ORDER BY seq"
    "changes|SELECT * FROM changes ORDER BY seq"
)
for entry in "${TABLES[@]}"; do
    table=${entry%%|*}
    sql=${entry#*|}
    sqlite3 -separator '|' "$SQ" "${sql//HEX(/hex(}" >"$TMP/rows.sq"
    psql_as vigil -d t -At -F '|' \
        -c "$(sed -E "s/HEX\(([a-z_]+)\)/upper(encode(\1, 'hex'))/g" <<<"$sql")" \
        >"$TMP/rows.pg" 2>&1
    if [ -s "$TMP/rows.sq" ] && cmp -s "$TMP/rows.sq" "$TMP/rows.pg"; then
        pass
    else
        fail "$table rows differ: $(diff "$TMP/rows.sq" "$TMP/rows.pg" | head -4)"
    fi
done

# ==== Notifications ====
# One session listens, runs a post in between (psql's \! waits for it)
# and then asks anything, which delivers what arrived: one notification,
# whose payload is the new change's seq.
printf 'Heard\n' >"$TMP/body"
psql_as vigil -d t >"$TMP/notify" 2>&1 <<EOF
LISTEN vigil_changes;
\! "$VIGIL" --db "$PG" post zeta --title Heard --file "$TMP/body" >/dev/null
SELECT 1;
EOF
last=$(psql_as vigil -d t -Atc "SELECT max(seq) FROM changes")
check "a post notifies its change's seq ($last): $(tr '\n' ' ' <"$TMP/notify")" \
    grep -q "notification \"vigil_changes\" with payload \"$last\" received" \
    "$TMP/notify"
check "one notification for one post" \
    [ "$(grep -c 'notification' "$TMP/notify")" -eq 1 ]
# A write that fails is rolled back and notifies nothing.
psql_as vigil -d t >"$TMP/notify" 2>&1 <<EOF
LISTEN vigil_changes;
\! "$VIGIL" --db "$PG" update edit zeta 99 --rev 1 --title X >/dev/null 2>&1
SELECT 1;
EOF
check "a refused write notifies nothing" \
    [ "$(grep -c 'notification' "$TMP/notify")" -eq 0 ]
run --db "$PG" check
expect_ok "check after the notified post"

# ==== Writers at once ====
# Three processes add claims to one metric at the same time: each write
# waits for the others' (the write lock), so numbers, ids and chain seqs,
# each the largest plus one, never collide, and every write is kept.
before=$(psql_as vigil -d t -Atc "SELECT count(*) FROM claims")
for w in 1 2 3; do
    (
        for i in 1 2 3 4 5 6; do
            "$VIGIL" --db "$PG" claim add zeta --metric killed --source ab \
                --low $((w * 100 + i)) --as-of 2019-11-22 >/dev/null 2>&1 ||
                echo "writer $w: claim $i refused"
        done
    ) >"$TMP/writer$w" &
done
wait
cat "$TMP"/writer? >"$TMP/refused"
check "every concurrent write was acknowledged: $(cat "$TMP/refused")" \
    [ ! -s "$TMP/refused" ]
check "18 more claims, numbered 1 to N without a gap or a repeat" \
    [ "$(psql_as vigil -d t -Atc "SELECT count(*) - $before,
        count(DISTINCT number) = max(number) AND min(number) = 1,
        count(DISTINCT id) = max(id) FROM claims")" = "18|t|t" ]
run --db "$PG" check
expect_ok "check after the concurrent writers"

finish
