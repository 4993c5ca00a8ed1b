#!/usr/bin/env bash
# audit.sh: every write leaves exactly one audit row naming who, what,
# the entity, and the state before and after.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

DB=$(empty_db audit)
export USER=auditor
T=watch
echo "Body" >"$TMP/body"
echo "a-long-enough-password" >"$TMP/pw"

# Each write: the expected action, "new" (no before) or "changed", and the
# command.
writes=(
    "tracker.create|new|tracker create $T --title Watch --started-on 2019-11-15 --timezone Europe/Paris"
    "tracker.set|changed|tracker set $T --summary Watching"
    "source.add|new|source add amnesty --name Amnesty --kind ngo"
    "metric.add|new|metric add $T killed --label Killed"
    "claim.add|new|claim add $T --metric killed --source amnesty --low 5 --as-of 2019-12-01"
    "update.post|new|post $T --title First --file $TMP/body"
    "update.post|new|post $T --title Second --pin --file $TMP/body"
    "update.edit|changed|update edit $T 1 --rev 1 --title Edited"
    "update.key|changed|update key $T 1"
    "update.pin|changed|update pin $T 1"
    "update.retract|changed|update retract $T 2"
    "user.add|new|user add ed --roles editor --password-file $TMP/pw"
    "user.roles|changed|user roles ed editor,verifier"
    "user.passwd|changed|user passwd ed --password-file $TMP/pw"
    "user.disable|changed|user disable ed"
    "tracker.set|changed|tracker set $T --status ended"
)
for w in "${writes[@]}"; do
    IFS='|' read -r action kind cmd <<<"$w"
    before=$(audit_count "$DB")
    # shellcheck disable=SC2086
    run --db "$DB" $cmd
    after=$(audit_count "$DB")
    row=$("$VIGIL" --db "$DB" audit --last 1)
    if [ "$RC" -ne 0 ]; then
        fail "$cmd: exit $RC: $ERR"
    elif [ $((after - before)) -ne 1 ]; then
        fail "$cmd left $((after - before)) audit rows"
    elif ! jq -e --arg a "$action" --arg k "$kind" '
            .actor == "host:auditor" and .action == $a and
            (.entity | length > 0) and (.after | type == "object") and
            (if $k == "new" then .before == null
             else (.before | type == "object") and .before != .after end)' \
            <<<"$row" >/dev/null; then
        fail "$cmd: audit row is not who/what/before/after: $row"
    else
        pass
    fi
done

# Pinning update 1 unpinned update 2 in the same row.
"$VIGIL" --db "$DB" audit >"$TMP/log"
check "the pin row records what it unpinned" \
    jq -es 'map(select(.action == "update.pin")) |
        length == 1 and .[0].after.unpinned == 2' "$TMP/log" >/dev/null
# Passwords and hashes never reach the log.
check "no password or hash in the audit log" \
    bash -c '! grep -qE "argon2|a-long-enough-password" "$1"' _ "$TMP/log"
# A refused write leaves no row.
before=$(audit_count "$DB")
run --db "$DB" claim add $T --metric killed --source nobody --low 5 --as-of 2019-12-01
check "a refused write leaves no audit row" [ "$(audit_count "$DB")" -eq "$before" ]
run --db "$DB" check
expect_ok "the audit chain verifies"
finish
