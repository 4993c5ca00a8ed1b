#!/usr/bin/env bash
# usage.sh: every command has --help; usage errors exit 2, refused input
# 1, and messages go to stderr.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

commands=("init" "tracker create" "tracker list" "tracker show" "tracker set"
    "source add" "source list" "metric add" "metric list" "post"
    "update edit" "update retract" "update pin" "update key" "update show"
    "update history" "claim add" "claim list" "user add" "user passwd"
    "user roles" "user disable" "user list" "demo" "export" "import" "backup" "check" "audit"
    "webhook add" "webhook list" "webhook remove" "webhook kinds")
for cmd in "${commands[@]}"; do
    # shellcheck disable=SC2086
    run $cmd --help
    if [ "$RC" -eq 0 ] && [[ $OUT == "usage: vigil $cmd"* ]] &&
        [[ $OUT == *"--db PATH"* ]]; then
        pass
    else
        fail "vigil $cmd --help: exit $RC: $OUT"
    fi
done

run --help
check "vigil --help lists the commands" grep -q "^  tracker " <<<"$OUT"
run frobnicate
check "an unknown command exits 2" [ "$RC" -eq 2 ]
run tracker
check "a group without a command exits 2" [ "$RC" -eq 2 ]
run tracker list --colour
check "an unknown option exits 2" [ "$RC" -eq 2 ]
check "and says which" grep -q "unknown option --colour" <<<"$ERR"
run post
check "a missing argument exits 2" [ "$RC" -eq 2 ]
run tracker show a b
check "an extra argument exits 2" [ "$RC" -eq 2 ]
run tracker create x --title
check "an option without its value exits 2" [ "$RC" -eq 2 ]
run update edit t zero
check "a non-numeric update number exits 2" [ "$RC" -eq 2 ]
NONE=$(blank_db none)
run --db "$NONE" tracker list
check "a missing database exits 1" [ "$RC" -eq 1 ]
check "and says how to make one" grep -q "vigil init" <<<"$ERR"
if backend_is sqlite; then
    check "no database file was created" [ ! -e "$NONE" ]
else
    check "no table was created" [ "$(sql "$NONE" "SELECT count(*) FROM
        pg_tables WHERE schemaname = 'public'")" = 0 ]
fi
run --db "$NONE" init
expect_ok "init creates it"
run --db="$NONE" tracker list
expect_ok "--db=PATH works before the command"
run tracker list --db "$NONE"
expect_ok "--db PATH works after the command"
finish
