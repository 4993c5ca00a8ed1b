#!/usr/bin/env bash
# people.sh: roles on one tracker, invitations, display names, and
# archived, unlisted and bylined trackers, from the command line. Each
# write leaves one audit row; a refusal changes nothing; a tracker's
# archive, listing and bylines survive export -> import -> export.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

DB=$(new_db people)
export USER=admin
T=iran-nov-2019
A=city-a
echo "a-long-enough-password" >"$TMP/pw"
"$VIGIL" --db "$DB" tracker create $A --title "City A" \
    --started-on 2019-12-20 --timezone Europe/Paris >/dev/null

# Each write: its audit action, and the command.
writes=(
    "user.add|user add ed --roles editor --tracker $A --password-file $TMP/pw"
    "user.roles|user roles ed contributor,verifier --tracker $T"
    "user.name|user name ed Ed-Itor"
    "user.invite|user invite nadia --roles contributor --tracker $A --name N."
    "tracker.set|tracker set $A --bylines on"
    "tracker.archive|tracker archive $A"
    "tracker.unarchive|tracker archive $A --off"
    "tracker.unlist|tracker unlist $T"
    "tracker.list|tracker unlist $T --off"
)
for w in "${writes[@]}"; do
    IFS='|' read -r action cmd <<<"$w"
    before=$(audit_count "$DB")
    # shellcheck disable=SC2086
    run --db "$DB" $cmd
    after=$(audit_count "$DB")
    row=$("$VIGIL" --db "$DB" audit --last 1)
    if [ "$RC" -ne 0 ]; then
        fail "$cmd: exit $RC: $ERR"
    elif [ $((after - before)) -ne 1 ]; then
        fail "$cmd left $((after - before)) audit rows"
    elif ! jq -e --arg a "$action" '.actor == "host:admin" and
            .action == $a' <<<"$row" >/dev/null; then
        fail "$cmd: audit row $row"
    else
        pass
    fi
done
run --db "$DB" user roles ed "" --tracker $A
check "no roles on a tracker takes them away" \
    [ "$RC $OUT" = "0 ed now holds no roles on $A" ]
"$VIGIL" --db "$DB" audit >"$TMP/log"
check "the roles row has the roles on each tracker, before and after" \
    jq -es --arg t "$T" --arg a "$A" '[.[] | select(.action == "user.roles")]
        | .[0].before.trackers == {($a): "editor"} and
          .[0].after.trackers == {($a): "editor", ($t): "contributor,verifier"}
          and .[1].after.trackers == {($t): "contributor,verifier"}' \
    "$TMP/log" >/dev/null
check "the invitation's row has no token" \
    jq -es 'map(select(.action == "user.invite")) | length == 1 and
        (.[0] | tostring | test("token") | not)' "$TMP/log" >/dev/null

run --db "$DB" user list
check "user list shows the roles on each tracker and the display name" \
    grep -qx "ed		on $T: contributor,verifier	named Ed-Itor" <<<"$OUT"
check "and the invited user" \
    grep -qx "nadia		on $A: contributor	named N." <<<"$OUT"

# Refused, and the record unchanged.
before=$(db_state "$DB")
refusals=(
    "roles|user roles ed admin --tracker $A"
    "tracker|user roles ed editor --tracker nosuch"
    "roles|user invite solo"
    "login|user invite nadia --roles editor"
    "display_name|user name ed $(printf 'x%.0s' $(seq 81))"
    "bylines|tracker set $A --bylines maybe"
    "tracker|tracker unlist $A --off"
)
for w in "${refusals[@]}"; do
    IFS='|' read -r field cmd <<<"$w"
    # shellcheck disable=SC2086
    run --db "$DB" $cmd
    if [ "$RC" -eq 1 ] && [[ $ERR == *"$field: "* ]]; then
        pass
    else
        fail "$cmd: exit $RC, want 1 naming $field: $ERR"
    fi
done
check "refusals change nothing" [ "$(db_state "$DB")" = "$before" ]

# An archived tracker refuses every write, and says why.
"$VIGIL" --db "$DB" tracker archive $A >/dev/null
before=$(db_state "$DB")
archived=(
    "post $A --file $TMP/pw"
    "metric add $A arrests --label Arrests"
    "tracker set $A --summary Changed"
)
for cmd in "${archived[@]}"; do
    # shellcheck disable=SC2086
    run --db "$DB" $cmd
    if [ "$RC" -eq 1 ] && [[ $ERR == *"is archived: it is read-only"* ]]; then
        pass
    else
        fail "$cmd on an archived tracker: exit $RC: $ERR"
    fi
done
check "an archived tracker does not change" [ "$(db_state "$DB")" = "$before" ]
run --db "$DB" tracker list
check "tracker list marks it archived" \
    grep -q "^$A	live	.*	City A	archived$" <<<"$OUT"
run --db "$DB" tracker archive $A
check "archiving twice is refused" [ "$RC" -eq 1 ]

# Export -> import -> export keeps the archive, the listing and bylines.
"$VIGIL" --db "$DB" tracker unlist $A >/dev/null
run --db "$DB" export $A --output "$TMP/a.json"
expect_ok "export"
check "the bundle says so" jq -e '.tracker.bylines == true and
    .tracker.unlisted == true and (.tracker.archived_at | type == "string")' \
    "$TMP/a.json" >/dev/null
run --db "$DB" export $T --output "$TMP/demo.json"
check "the demo's bundle is as shipped (no new fields when off)" \
    cmp -s "$TMP/demo.json" data/demo/iran-nov-2019.json
FRESH=$(empty_db fresh)
run --db "$FRESH" import "$TMP/a.json"
expect_ok "import"
run --db "$FRESH" export $A --output "$TMP/b.json"
check "export -> import -> export is byte-identical" \
    cmp -s "$TMP/a.json" "$TMP/b.json"
run --db "$FRESH" post $A --file "$TMP/pw"
check "the imported tracker is archived too" [ "$RC" -eq 1 ]

run --db "$DB" check
expect_ok "vigil check"
finish
