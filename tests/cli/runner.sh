#!/usr/bin/env bash
# runner.sh: no test can hang tests/run-all.sh. A suite that hangs is
# stopped at its time limit and counted failed; a suite that exits but
# leaves a process holding its output does not hold the runner, and the
# process is ended; a failed end-to-end test (an exception, SIGTERM) and
# a failed browser test leave no server behind; a CLI test's background
# jobs end with it.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

# gone PID: the process has ended (or is a zombie nobody waits for).
gone() {
    ! kill -0 "$1" 2>/dev/null ||
        [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" = Z ]
}

# A hanging suite, with a 2 s limit: stopped, counted failed, and its
# background process ended too.
(
    . tests/suite.sh
    passed=0 failed=0 SUITE_TIMEOUT=2
    start=$(date +%s)
    suite hang bash -c "sleep 300 & echo \$! >$TMP/hang.pid; sleep 300" >"$TMP/hang.out"
    echo "$passed $failed $(($(date +%s) - start))" >"$TMP/hang.result"
)
read -r p f secs <"$TMP/hang.result"
check "a hanging suite counts as failed ($p passed, $f failed)" [ "$p/$f" = 0/1 ]
check "it is stopped at its limit (${secs} s for 2 s)" [ "$secs" -le 15 ]
check "the runner says it timed out" grep -q "timed out after 2 s" "$TMP/hang.out"
check "its background process is ended" gone "$(cat "$TMP/hang.pid")"

# A suite that passes but leaves a process holding its output: the
# runner goes on, and the process is ended.
(
    . tests/suite.sh
    passed=0 failed=0 SUITE_TIMEOUT=60
    start=$(date +%s)
    suite stray bash -c "sleep 300 & echo \$! >$TMP/stray.pid; echo 'stray: 1 passed, 0 failed'" >/dev/null
    echo "$passed $failed $(($(date +%s) - start))" >"$TMP/stray.result"
)
read -r p f secs <"$TMP/stray.result"
check "a stray process does not hold the runner (${secs} s)" [ "$secs" -le 10 ]
check "the suite's own result counts ($p passed, $f failed)" [ "$p/$f" = 1/0 ]
check "the stray process is ended" gone "$(cat "$TMP/stray.pid")"

# End to end: a test that starts the server, then fails with an exception
# or is stopped by SIGTERM, leaves no server behind.
cat >"$TMP/e2e.py" <<PY
import os, sys, time
sys.path.insert(0, os.path.join("$PWD", "tests/e2e"))
from harness import Server, Suite, demo_db
s = Suite("e2e-dies")
srv = Server(demo_db(s))
open("$TMP/e2e.pid", "w").write(str(srv.proc.pid))
if sys.argv[1] == "raise":
    raise RuntimeError("a test that fails badly")
time.sleep(300)
PY
VIGIL=$VIGIL /usr/bin/python3 "$TMP/e2e.py" raise >/dev/null 2>&1
check "the failed test exits non-zero" [ $? -ne 0 ]
check "its server is stopped after an exception" gone "$(cat "$TMP/e2e.pid")"
rm -f "$TMP/e2e.pid"
VIGIL=$VIGIL /usr/bin/python3 "$TMP/e2e.py" sleep >/dev/null 2>&1 &
test_pid=$!
for _ in $(seq 300); do [ -s "$TMP/e2e.pid" ] && break; sleep 0.1; done
server=$(cat "$TMP/e2e.pid")
check "the server runs while the test does" kill -0 "$server"
kill -TERM "$test_pid"
wait "$test_pid"
check "SIGTERM ends the test" [ $? -eq 143 ]
check "and its server" gone "$server"

# A browser test that throws after starting the server and Chromium.
if [ -d tests/browser/node_modules/playwright-core ]; then
    cat >"$TMP/browser.test.mjs" <<JS
import { writeFileSync } from "node:fs";
import { setup, start } from "$PWD/tests/browser/lib.mjs";
const t = await setup("browser-dies");
await start(t);
writeFileSync("$TMP/browser.pid", String(t.server.pid));
throw new Error("a browser test that fails badly");
JS
    VIGIL=$VIGIL node "$TMP/browser.test.mjs" >/dev/null 2>&1
    check "the failed browser test exits non-zero" [ $? -ne 0 ]
    check "its server is stopped" gone "$(cat "$TMP/browser.pid" 2>/dev/null || echo 0)"
else
    fail "tests/browser/node_modules is missing (scripts/install-deps.sh installs it)"
fi
finish
