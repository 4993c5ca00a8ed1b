#!/usr/bin/env bash
# refusals.sh: every case of refusals.txt is refused with exit status 1, a
# message naming the field, and the database file left byte-identical.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

DB=$(new_db refusals)
T=iran-nov-2019
"$VIGIL" --db "$DB" post $T --title "To retract" <<<"Body" >/dev/null
"$VIGIL" --db "$DB" update retract $T 1 >/dev/null
"$VIGIL" --db "$DB" user add alice --roles editor \
    <<<"a-long-enough-password" >/dev/null

# Generated inputs, by name.
gen() {
    case $1 in
    big) head -c 70000 /dev/zero | tr '\0' 'a' ;;
    deep) for i in $(seq 17); do printf '> '; done; echo deep ;;
    deeplist) for i in $(seq 0 17); do printf '%*s- item\n' $((i * 2)) ''; done ;;
    badutf8) printf 'good \xff bad\n' ;;
    nul) printf 'before\0after\n' ;;
    esac
}
# File arguments, by name.
file_arg() {
    case $1 in
    long-title) printf '%0201d' 0 ;;
    bad-json) printf '{"vigil_bundle": 1,' >"$TMP/bad.json"; echo "$TMP/bad.json" ;;
    negative-bundle)
        sed -e 's/"slug": "iran-nov-2019"/"slug": "copy"/' \
            -e '0,/"low": 6,/s//"low": -6,/' \
            data/demo/iran-nov-2019.json >"$TMP/neg.json"
        echo "$TMP/neg.json" ;;
    demo-bundle) echo "$PWD/data/demo/iran-nov-2019.json" ;;
    esac
}

cases=0
while IFS=$'\t' read -r name field args input; do
    case $name in '#'* | '') continue ;; esac
    cases=$((cases + 1))
    eval "set -- $args"
    argv=()
    for a in "$@"; do
        case $a in
        T) argv+=("$T") ;;
        @@*) argv+=("$(file_arg "${a#@@}")") ;;
        *) argv+=("$a") ;;
        esac
    done
    case $input in
    -) : >"$TMP/in" ;;
    text:*) printf '%b' "${input#text:}" >"$TMP/in" ;;
    @*) gen "${input#@}" >"$TMP/in" ;;
    esac
    before=$(db_state "$DB")
    run_in "$TMP/in" --db "$DB" "${argv[@]}"
    after=$(db_state "$DB")
    if [ "$RC" -ne 1 ]; then
        fail "$name: exit $RC, expected 1 ($ERR)"
    elif [[ $ERR != *"$field"* ]]; then
        fail "$name: message does not name $field: $ERR"
    elif [ "$before" != "$after" ]; then
        fail "$name: the database changed"
    else
        pass
    fi
done <tests/cli/refusals.txt

check "at least 30 cases ran" [ "$cases" -ge 30 ]
run --db "$DB" check
expect_ok "the database still checks"
finish
