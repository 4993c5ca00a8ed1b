#!/usr/bin/env bash
# run-all.sh: every test, under the sanitizer build: the cmocka unit
# suites, each CLI test script, the end-to-end tests against the real
# server on loopback (the threaded ones again under ThreadSanitizer), the
# headless Chromium test, and the layout check.
# Prints one summary line per suite and a total, "total: N passed, N
# failed"; exits non-zero if anything failed. No suite can hang it: each
# has a time limit and nothing it starts outlives it (tests/suite.sh).
cd "$(dirname "$0")/.." || exit 1
passed=0
failed=0
# The failing suites' names (tests/suite.sh's add): not exported, so a
# test of the runner itself (tests/cli/runner.sh) keeps its own.
SUITES_FAILED=$(mktemp /tmp/vigil-failed.XXXXXX)
# Each suite's seconds (tests/suite.sh), for the slowest at the end: CI
# has a time limit, and this says where the time goes.
SUITE_TIMES=$(mktemp /tmp/vigil-times.XXXXXX)
# suite, bounded and add: each program under a timeout (SUITE_TIMEOUT,
# default 600 s) in its own process group, nothing of it left running.
. tests/suite.sh
# The first pass is SQLite's whatever the caller's environment says; the
# PostgreSQL pass below sets these itself.
unset VIGIL_TEST_BACKEND VIGIL_TEST_PG_DIR

# Unit tests (cmocka).
units build/asan/unit-tests

# End to end: the real server on loopback. Debian's python3 has html5lib.
# test_dos.py measures the release build (its own default): the
# sanitizers would change the figures it compares.
#
# The CLI and end-to-end suites run on both backends. The PostgreSQL
# pass takes its databases from one throwaway cluster
# (tests/pg/cluster.sh), destroyed however the run ends; each of its
# lines says "pg: ". Left out there: the tests of the runner and the
# clusters themselves, the backends' comparisons (each starts its own
# cluster), test_dos.py (it measures the SQLite release build) and
# test_pg.py (its own clusters). The Debian package's test
# (tests/pkg/deb.sh) is run on demand, as root: it builds the whole tree
# again and installs the package on the machine.
#
# The two passes run side by side, one on each core; the suites that
# time a client against its own baseline, or a server's idle and slow
# limits, run after them, alone (ALONE), so that the other pass's load
# cannot move their figures.
ALONE=" test_dos.py test_slow.py test_signin.py test_signin_limits.py
 test_burst.py test_pg_faults.py test_front.py "
alone() { [[ $ALONE == *[[:space:]]"$(basename "$1")"[[:space:]]* ]]; }
sqlite_pass() {
    local t
    for t in tests/cli/*.sh; do
        case $t in */lib.sh) continue ;; esac
        suite "$t" bash "$t"
    done
    for t in tests/e2e/test_*.py; do
        alone "$t" || suite "$t" /usr/bin/python3 "$t"
    done
}
pg_excluded() {
    case $1 in
    */lib.sh | */runner.sh | */pgcluster.sh | */pg_*.sh | */layers.sh) return 0 ;;
    */test_dos.py | */test_pg.py) return 0 ;;
    esac
    return 1
}
pg_pass() {
    local t
    for t in tests/cli/*.sh; do
        pg_excluded "$t" || suite "$t" bash "$t"
    done
    for t in tests/e2e/test_*.py; do
        pg_excluded "$t" || alone "$t" || suite "$t" /usr/bin/python3 "$t"
    done
}
. tests/pg/cluster.sh
pgdir=$(mktemp -d /tmp/vigil-pg.XXXXXX)
pglog=$(mktemp /tmp/vigil-pg-pass.XXXXXX)
pgbg=
# An interrupted run stops the PostgreSQL pass too (its suite passes the
# signal on to what it runs), before the cluster goes.
trap '[ -n "$pgbg" ] && kill -TERM "$pgbg" 2>/dev/null; rm -f "$pglog" "$SUITES_FAILED" "$SUITE_TIMES"' EXIT
pg_cleanup_on_exit "$pgdir"
pg_up=0
pg_start "$pgdir" >/dev/null && pg_up=1
if [ $pg_up = 1 ]; then
    (
        export VIGIL_TEST_BACKEND=postgresql VIGIL_TEST_PG_DIR=$pgdir
        # shellcheck disable=SC2034 # suite()'s (tests/suite.sh)
        SUITE_PREFIX="pg: "
        passed=0 failed=0
        pg_pass
        echo "pg-pass-counts $passed $failed"
    ) >"$pglog" 2>&1 &
    pgbg=$!
fi
sqlite_pass
if [ $pg_up = 1 ]; then
    wait "$pgbg"
    pgbg=
    grep -v '^pg-pass-counts ' "$pglog"
    # The pass's failing suites named themselves (the file); only a pass
    # that never reported its counts names itself.
    if read -r _ p f < <(grep '^pg-pass-counts ' "$pglog"); then
        passed=$((passed + p)) failed=$((failed + f))
    else
        add "pg: the pass (it did not report its counts)" 0 1
    fi
else
    echo "pg: the PostgreSQL cluster did not start: 0 passed, 1 failed"
    add pg 0 1
fi
# The suites that must run alone: SQLite, then PostgreSQL.
for t in tests/e2e/test_*.py; do
    alone "$t" && suite "$t" /usr/bin/python3 "$t"
done
if [ $pg_up = 1 ]; then
    export VIGIL_TEST_BACKEND=postgresql VIGIL_TEST_PG_DIR=$pgdir
    SUITE_PREFIX="pg: "
    for t in tests/e2e/test_*.py; do
        alone "$t" && ! pg_excluded "$t" && suite "$t" /usr/bin/python3 "$t"
    done
    SUITE_PREFIX=
    unset VIGIL_TEST_BACKEND VIGIL_TEST_PG_DIR
fi
pg_destroy "$pgdir"
# ThreadSanitizer: the threaded paths again — an import's parser and
# writer, the server's request threads and the live hub. A data race
# stops the binary with status 66 and fails the suite.
export TSAN_OPTIONS=exitcode=66:halt_on_error=1
suite "tsan: tests/cli/acled.sh" env VIGIL=build/tsan/vigil bash tests/cli/acled.sh
for t in tests/e2e/test_live.py tests/e2e/test_front.py; do
    suite "tsan: $t" env VIGIL=build/tsan/vigil /usr/bin/python3 "$t"
done
# Day N computed on eight threads at once (core_day), and messages in
# three languages on three threads (util_i18n), under TSan.
tsan_unit() {
    local out p f
    out=$(build/tsan/unit-tests "$@" 2>&1)
    local status=$?
    printf '%s\n' "$out" | grep -E 'FAILED|ThreadSanitizer' || true
    p=$(printf '%s\n' "$out" | grep -c '^\[       OK \]')
    f=$(printf '%s\n' "$out" | grep -c '^\[  FAILED  \] [a-z_]')
    [ $status -ne 0 ] && [ "$f" -eq 0 ] && f=1
    echo "tsan-unit $*: $p passed, $f failed"
}
export -f tsan_unit
suite "tsan: unit-tests core_day util_i18n" bash -c 'tsan_unit "$@"' _ core_day util_i18n
# The extractor: the corpus scored per category and language (F1 at least
# 0.9) and for agreement with the coder on source and as-of (0.85).
suite tests/extract/score /usr/bin/python3 tests/extract/score --check
# Each libFuzzer target (tests/fuzz/fuzz_NAME.c) for 20 s from its seed
# corpus, tests/fuzz/corpus/NAME, new inputs kept in a temporary folder
# (a crash, leak or sanitizer report fails it).
fuzz_one() {
    local name=$1 dir
    dir=$(mktemp -d)
    if build/fuzz/fuzz-"$name" -max_total_time=20 -max_len=65536 \
        -print_final_stats=1 "$dir" tests/fuzz/corpus/"$name" \
        >"$dir.log" 2>&1; then
        grep -E 'stat::number_of_executed_units' "$dir.log" | sed 's/^/  /'
        echo "fuzz-$name: 1 passed, 0 failed"
    else
        tail -30 "$dir.log"
        echo "fuzz-$name: 0 passed, 1 failed"
    fi
    rm -rf "$dir" "$dir.log"
}
export -f fuzz_one
# Two targets at once, one on each core (they assert no time): their
# lines, then one closing line with both counts.
fuzz_two() {
    local a=$1 b=${2:-} la lb p f want=1
    la=$(mktemp) lb=$(mktemp)
    fuzz_one "$a" >"$la" &
    if [ -n "$b" ]; then
        want=2
        fuzz_one "$b" >"$lb"
    fi
    wait
    cat "$la" "$lb"
    p=$(cat "$la" "$lb" | grep -c '^fuzz-.*: 1 passed, 0 failed$')
    rm -f "$la" "$lb"
    # A target that printed no closing line failed too.
    f=$((want - p))
    echo "fuzz-$a${b:++$b}: $p passed, $f failed"
}
export -f fuzz_two
names=()
for t in tests/fuzz/fuzz_*.c; do
    name=$(basename "$t" .c)
    names+=("${name#fuzz_}")
done
# The suite is named after both targets, so that a failing one is named.
for ((i = 0; i < ${#names[@]}; i += 2)); do
    pair=${names[i]}${names[i + 1]:++${names[i + 1]}}
    suite "fuzz-$pair" bash -c 'fuzz_two "$@"' _ "${names[@]:i:2}"
done
# The Persian and Arabic pages: four trackers, two sizes, axe-core on
# each page (about 5 minutes alone on the ASan build).
SUITE_LIMITS="tests/browser/i18n.test.mjs=1500"
for t in tests/browser/*.test.mjs; do
    suite "$t" node "$t"
done

# Layout: every C file as .clang-format (STYLE.md rule 26) has it.
p=0
f=0
for file in $(find src tests/unit -name '*.[ch]' | sort); do
    if clang-format --dry-run -Werror "$file" >/dev/null 2>&1; then
        p=$((p + 1))
    else
        f=$((f + 1))
        echo "  not formatted per .clang-format: $file (run clang-format -i)"
    fi
done
echo "format: $p passed, $f failed"
add format "$p" "$f"

echo "the slowest suites (seconds; the PostgreSQL pass ran beside the rest):"
sort -rn "$SUITE_TIMES" | head -15 | sed 's/^/  /'
if [ -s "$SUITES_FAILED" ]; then
    echo "failed suites: $(sort -u "$SUITES_FAILED" | paste -sd ' ')"
fi
echo "total: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
