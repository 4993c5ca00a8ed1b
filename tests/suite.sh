# suite.sh: how tests/run-all.sh runs one test program, for it and for
# its own test (tests/cli/runner.sh). Source it; it keeps the totals in
# $passed and $failed.
#
# Every suite runs under coreutils' timeout in a process group of its own,
# with its output in a file rather than a pipe: past SUITE_TIMEOUT
# seconds (default 600) it gets SIGTERM, 10 s later SIGKILL, and counts as
# failed; when it ends, whatever it left running in its group is killed,
# so a server a failed test forgot cannot hold the runner.

export ASAN_OPTIONS=exitcode=86:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=86
export LSAN_OPTIONS=exitcode=86

passed=${passed:-0}
failed=${failed:-0}
SUITE_TIMEOUT=${SUITE_TIMEOUT:-600}

add() { # add SUITE PASSED FAILED
    passed=$((passed + $2))
    failed=$((failed + $3))
    # The failing suites' names, for the run's last lines (a CI log is
    # often read from its end): in a file, so a pass run in a subshell
    # adds to it too.
    if [ "$3" -gt 0 ] && [ -n "${SUITES_FAILED:-}" ]; then
        echo "${SUITE_PREFIX:-}$1" >>"$SUITES_FAILED"
    fi
}

# bounded SECONDS COMMAND...: runs the command as above; leaves its output
# in $out and its exit status in $status (124 or 137: timed out).
bounded() {
    local limit=$1 log pid saved
    shift
    log=$(mktemp)
    # timeout makes itself the leader of a new process group (it is not
    # run with --foreground), so $! is also the group's id.
    timeout --kill-after=10 "$limit" "$@" >"$log" 2>&1 </dev/null &
    pid=$!
    # The group is not the terminal's: pass an interrupt on to it. The
    # caller's own traps for these come back after.
    saved=$(trap -p INT TERM HUP)
    trap "kill -TERM -- -$pid 2>/dev/null; rm -f '$log'; exit 130" INT TERM HUP
    wait "$pid"
    status=$?
    trap - INT TERM HUP
    eval "$saved"
    kill -KILL -- "-$pid" 2>/dev/null
    out=$(cat "$log")
    rm -f "$log"
    if [ $status -eq 124 ] || [ $status -eq 137 ]; then
        out+=$'\n'"timed out after $limit s: stopped"
    fi
}

# suite NAME COMMAND...: runs one test program and adds its closing
# "NAME: N passed, N failed" line to the totals, printed after
# SUITE_PREFIX if set ("pg: "); its limit is SUITE_TIMEOUT, or the NAME's
# own in SUITE_LIMITS ("NAME=SECONDS ...").
suite() {
    local name=$1 limit=$SUITE_TIMEOUT pair line p f
    shift
    for pair in ${SUITE_LIMITS:-}; do
        [ "${pair%=*}" = "$name" ] && limit=${pair##*=}
    done
    local started=$SECONDS
    bounded "$limit" "$@"
    # How long each suite took, for the run's closing list of the slowest
    # (a file, so that a pass run in a subshell adds to it too).
    if [ -n "${SUITE_TIMES:-}" ]; then
        echo "$((SECONDS - started)) ${SUITE_PREFIX:-}$name" >>"$SUITE_TIMES"
    fi
    printf '%s\n' "$out" | grep -v ': [0-9]* passed, [0-9]* failed$' | sed 's/^/  /'
    line=$(printf '%s\n' "$out" | grep -E ': [0-9]+ passed, [0-9]+ failed$' | tail -1)
    echo "${SUITE_PREFIX:-}${line:-$name: no result}"
    p=$(sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$line")
    f=$(sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$line")
    { [ -z "$line" ] || [ $status -ne 0 ]; } && [ "${f:-0}" -eq 0 ] && f=1
    # A sanitizer report anywhere, even from a command whose status the
    # test did not check, fails the suite.
    if grep -qE 'ERROR: (Address|Leak)Sanitizer|WARNING: ThreadSanitizer|runtime error:' <<<"$out"; then
        echo "  sanitizer report in $name"
        f=$((${f:-0} + 1))
    fi
    add "$name" "${p:-0}" "${f:-0}"
}

# units BINARY: the cmocka unit suites, which print "[  PASSED  ] N
# test(s)." and "[  FAILED  ] N test(s), listed below:" per group.
units() {
    local p f
    bounded "$SUITE_TIMEOUT" "$1"
    printf '%s\n' "$out" | grep -E '^\[(  PASSED  |  FAILED  |  ERROR   )\]|runtime error|Sanitizer' || true
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s += $1} END {print s + 0}')
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s += $1} END {print s + 0}')
    if [ $status -ne 0 ] && [ "$f" -eq 0 ]; then
        printf '%s\n' "$out" | tail -30
        f=1
    fi
    echo "unit: $p passed, $f failed"
    add unit "$p" "$f"
}
