#!/usr/bin/env bash
# corrections.sh: corrections as records, from the host: `vigil claim
# retract` and `correct` (a reason required; a withdrawn claim is not
# withdrawn again; a correction must say something new), `vigil event
# edit`, `vigil victim edit` (sealed fields stay sealed), `vigil post
# --corrects`. Every one is new rows, never a change of what was
# recorded: the triggers refuse that, and `vigil check` finds a forged
# row in the new chains and heads. Export -> import -> export of a record
# with corrections is byte-identical.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

export VIGIL_NOW=2019-12-28T12:00:00Z
export VIGIL_GAZETTEER=$PWD/data/gazetteer/test.tsv
T=iran-nov-2019
db=$(new_db corrections)
v() { run --db "$db" "$@"; }
# refused_saying TEXT: the last run was refused (exit 1) saying TEXT.
refused_saying() { [ "$RC" -eq 1 ] && grep -q -- "$1" <<<"$ERR"; }
# lacks PATTERN TEXT: no line of TEXT matches the extended PATTERN.
lacks() { ! grep -qE -- "$1" <<<"$2"; }
claim_field() { # claim_field N: claim N's line of `claim list`
    "$VIGIL" --db "$db" claim list $T | awk -F'\t' -v n="$1" '$1 == n'
}

# ==== Claims: retract, correct ====

before=$(db_state "$db")
v claim retract $T 14
check "a retraction without a reason: exit 1" [ "$RC" -eq 1 ]
check "names --reason" grep -q -- "--reason: is required" <<<"$ERR"
v claim retract $T 999 --reason x
check "no claim 999: exit 1, named" refused_saying "no claim 999"
v claim correct $T 11 --reason "same"
check "a correction that changes nothing: exit 1" [ "$RC" -eq 1 ]
v claim correct $T 11 --reason x --low 10 --high 5 --qualifier range
check "a bad correcting figure names its field" grep -q -- "--high" <<<"$ERR"
check "refusals changed nothing" [ "$(db_state "$db")" = "$before" ]

audit=$(audit_count "$db")
v claim retract $T 14 --reason "Reuters withdrew it"
expect_ok "retract claim 14"
check "says so" grep -q "retracted claim 14 of $T" <<<"$OUT"
check "one audit row" [ "$(audit_count "$db")" -eq $((audit + 1)) ]
check "claim list: retracted, when and why" \
    grep -qP '^14\t.*\tretracted\tretracted on 2019-12-28: Reuters withdrew it$' \
    <<<"$(claim_field 14)"
v claim retract $T 14 --reason again
check "retracted twice: exit 1" refused_saying "already retracted"
v claim correct $T 11 --reason "Amnesty said 305" --low 305 --qualifier at_least
expect_ok "correct claim 11"
new=$(sed -n 's/.* with claim \([0-9]*\)$/\1/p' <<<"$OUT")
check "the correction is a new claim" [ -n "$new" ]
check "the old one names it" grep -qP "\tcorrected by $new on 2019-12-28: Amnesty said 305\$" <<<"$(claim_field 11)"
check "the new one keeps the rest: source, date" \
    grep -qP "^$new\tkilled\t2019-12-16\tamnesty\tat least 305\treported\$" <<<"$(claim_field "$new")"
check "the figure's revision is a new row" \
    [ "$(sql "$db" "SELECT count(*) FROM claim_rev r JOIN claims c ON c.id = r.claim_id
        WHERE c.number IN (11, 14) AND r.status = 'retracted'")" -eq 2 ]
check "one retraction row each" [ "$(sql "$db" "SELECT count(*) FROM claim_retractions")" -eq 2 ]
run --db "$db" tracker show $T
box=$(sed '/^Latest updates/q' <<<"$OUT")
check "the highlights drop both" lacks "about 1,500|at least 304" "$box"
check "and show the correction" grep -q "at least 305" <<<"$box"

# ==== Events ====

v event edit $T 4 --notes "Edited from the host" --fatalities 2 --actor2 "Police (Iran)"
expect_ok "edit event 4"
run --db "$db" event list $T
check "the edit reads back, the rest kept" jq -e -s \
    '.[] | select(.number == 4) | .notes == "Edited from the host" and .fatalities == 2
     and .actor2 == "Police (Iran)" and .location == "Tehran" and .latitude == 35.69439' \
    <<<"$OUT" >/dev/null
v event edit $T 4 --place Shiraz
expect_ok "move event 4 to Shiraz"
run --db "$db" event list $T
check "placed anew by the gazetteer" jq -e -s \
    '.[] | select(.number == 4) | .location == "Shiraz" and .admin1 == "Fars" and .latitude == 29.61031' \
    <<<"$OUT" >/dev/null
v event edit $T 4 --actor2 ""
expect_ok "clear actor2"
v event edit $T 4 --actor2 ""
check "nothing to change: exit 1" refused_saying "nothing to change"
v event edit $T 4 --date 2030-01-01
check "a date in the future: exit 1, named" refused_saying "--date"
check "the event row keeps what was first recorded" \
    [ "$(sql "$db" "SELECT location || '|' || coalesce(notes, '') FROM events e
        JOIN trackers t ON t.id = e.tracker_id WHERE t.slug = '$T' AND e.number = 4")" \
    = "Tehran|Unrest reaches the capital." ]
check "three revisions after the first" \
    [ "$(sql "$db" "SELECT count(*) FROM event_rev r JOIN events e ON e.id = r.event_id
        JOIN trackers t ON t.id = e.tracker_id WHERE t.slug = '$T' AND e.number = 4")" -eq 4 ]
v event retract $T 4
v event edit $T 4 --notes x
check "a retracted event takes no edit: exit 1" refused_saying "retracted"

# ==== Victims ====

CANARY=sealed-canary-41c9
v victim add $T --name "A. Example" --circumstance killed --witness "first"
expect_ok "record a person"
n=$(sed -n 's/recorded victim \([0-9]*\) .*/\1/p' <<<"$OUT")
v victim edit $T "$n" --witness "$CANARY" --age 30 --notes "a note"
expect_ok "edit the record"
run --db "$db" victim list $T
check "the public view has the age" grep -q '"age":"30"' <<<"$OUT"
check "and never the sealed witness" lacks "$CANARY" "$OUT"
check "no row of the registry holds it in the clear" [ "$(sql "$db" "SELECT
    (SELECT count(*) FROM victims WHERE public LIKE '%$CANARY%') +
    (SELECT count(*) FROM victim_rev WHERE public LIKE '%$CANARY%') +
    (SELECT count(*) FROM audit_log WHERE after LIKE '%$CANARY%')")" -eq 0 ]
if backend_is sqlite; then # the file itself, its WAL checkpointed first
    sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    check "the database file lacks it" refused grep -qaF "$CANARY" "$db"
fi
v victim show $T "$n"
check "the host opens it" grep -q "\"witness\":\"$CANARY\"" <<<"$OUT"
v victim edit $T "$n" --visibility witness=public
run --db "$db" victim list $T
check "made public on purpose: then it is public" grep -q "\"witness\":\"$CANARY\"" <<<"$OUT"
v victim edit $T "$n" --witness "" --visibility witness=custodians
expect_ok "drop the field"
v victim show $T "$n"
check "dropped" lacks witness "$OUT"
check "no audit row holds a sealed value" \
    [ "$(sql "$db" "SELECT count(*) FROM audit_log WHERE action = 'victim.edit'
        AND after LIKE '%first%'")" -eq 0 ]
v victim edit $T "$n" --name ""
check "a record keeps a name: exit 1" refused_saying "--name"
v victim purge $T "$n"
v victim edit $T "$n" --age 31
check "a purged record takes no edit: exit 1" refused_saying purged

# ==== Updates: a correction names the update it corrects ====

v post $T --title Correction --corrects 3 <<<"Update 3 misstated a date."
expect_ok "post a correction of update 3"
fix=$(sed -n 's/posted update \([0-9]*\) .*/\1/p' <<<"$OUT")
v post $T --kind statement --corrects 3 <<<"x"
check "only a correction names one" refused_saying "--corrects"
v post $T --corrects 999 <<<"x"
check "an update that does not exist" refused_saying "no update 999"
v update edit $T "$fix" --rev 1 --corrects 2
check "a correction names one update, once" refused_saying "names one update, once"
v update edit $T "$fix" --rev 1 --kind update
check "it stays a correction" refused_saying "stays a correction"
check "the link is a row of its chain" \
    [ "$(sql "$db" "SELECT count(*) FROM update_corrections")" -eq 1 ]

# ==== What was recorded does not change; check finds forgeries ====

v check
expect_ok "vigil check passes"
check "a claim's figure cannot be updated in place" refused sql "$db" "UPDATE claims SET low = 1 WHERE number = 14"
check "nor a claim deleted" refused sql "$db" "DELETE FROM claims WHERE number = 14"
check "nor a retraction changed" refused sql "$db" "UPDATE claim_retractions SET reason = 'forged'"
check "nor a correction's link removed" refused sql "$db" "DELETE FROM update_corrections"
forged() { # forged WHAT SQL EXPECTED: check fails on a copy, naming it
    local copy
    copy=$(db_copy "$db" "forged-$1")
    sql_admin "$copy" "$2" >/dev/null 2>&1
    run --db "$copy" check
    check "$1: check fails" [ "$RC" -ne 0 ]
    check "$1: and says where" grep -q "$3" <<<"$ERR$OUT"
}
forged reason "$(trigger_off "$db" claim_retractions claim_retractions_no_update)
    UPDATE claim_retractions SET reason = 'forged'" \
    "claim_retractions row 1: hash does not match"
forged status "UPDATE claims SET status = 'reported' WHERE number = 14" \
    "claim retraction 1 does not match"
forged edit "UPDATE event_edits SET notes = 'forged'" "differs from its latest revision"
forged trigger "$(trigger_off "$db" claims claims_recorded_fixed)" \
    "trigger claims_recorded_fixed is missing"

# ==== Bundles and copies ====

run --db "$db" export $T
one=$OUT
copy=$(empty_db imported)
"$VIGIL" --db "$copy" import - <<<"$one" >/dev/null
run --db "$copy" export $T
check "export -> import -> export is byte-identical" [ "$one" = "$OUT" ]
check "the bundle keeps the retraction" jq -e \
    '.claims[] | select(.number == 14) | .retraction.reason == "Reuters withdrew it"' \
    <<<"$one" >/dev/null
# shellcheck disable=SC2016 # $n is jq's
check "and the link" jq -e --argjson n "$fix" \
    '.updates[] | select(.number == $n) | .corrects == 3' <<<"$one" >/dev/null
run --db "$copy" check
expect_ok "the imported record checks"
bad=$(jq -c '(.claims[] | select(.number == 14) | .status) = "reported"' <<<"$one")
run --db "$(empty_db refused)" import - <<<"$bad"
check "a retraction of a claim not retracted is refused" [ "$RC" -eq 1 ]
moved=$(blank_db moved)
run copy --from "$db" --to "$moved"
expect_ok "vigil copy moves a record with corrections"
run --db "$moved" export $T
check "the copy exports the same bytes" [ "$one" = "$OUT" ]

finish
