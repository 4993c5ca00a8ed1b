#!/usr/bin/env bash
# durability.sh: `vigil post` killed with SIGKILL at random moments, 50
# times (KILL_CYCLES): no post that exited 0 is lost, and `vigil check`
# passes after every kill.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

CYCLES=${KILL_CYCLES:-50}
DB=$(new_db durability)
T=iran-nov-2019
echo "A body long enough to need a few pages of work. $(seq 200)" >"$TMP/body"

# Time one post, so the kills spread over the whole of one.
start=$(date +%s%N)
"$VIGIL" --db "$DB" post $T --title warmup --file "$TMP/body" >/dev/null
span_us=$((($(date +%s%N) - start) / 1000 * 2))

acked=()
killed=0
for i in $(seq "$CYCLES"); do
    "$VIGIL" --db "$DB" post $T --title "kill-$i" --file "$TMP/body" \
        >"$TMP/out" 2>&1 &
    pid=$!
    sleep "$(printf '0.%06d' $((RANDOM * 32768 % span_us)))"
    kill -9 $pid 2>/dev/null
    { wait $pid; } 2>/dev/null
    status=$?
    if [ $status -eq 0 ] && grep -q "^posted update" "$TMP/out"; then
        acked+=("kill-$i")
    elif [ $status -eq 137 ]; then
        killed=$((killed + 1))
    else
        fail "cycle $i: post exited $status: $(cat "$TMP/out")"
    fi
    run --db "$DB" check
    [ "$RC" -eq 0 ] || fail "cycle $i: check failed after the kill: $ERR"
done

sql "$DB" "SELECT title FROM updates" >"$TMP/titles"
lost=0
for title in "${acked[@]}"; do
    grep -qxF "$title" "$TMP/titles" || { lost=$((lost + 1)); fail "lost $title"; }
done
check "no acknowledged post is lost (${#acked[@]} acknowledged)" [ $lost -eq 0 ]
check "every cycle checked clean" [ "$FAILED" -eq 0 ]
check "kills landed mid-post ($killed of $CYCLES)" [ $killed -ge 5 ]
check "posts completed between kills (${#acked[@]} of $CYCLES)" \
    [ ${#acked[@]} -ge 5 ]
finish
