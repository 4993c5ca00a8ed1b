#!/usr/bin/env bash
# dos.sh: the DoS suite (tests/e2e/test_dos.py) at full size: 8,192 slow
# heads and 8,192 slow bodies from 140 addresses (one byte per 10 s), the
# sign-in flood from 40 addresses, a GET /login flood at 2,000 requests/s,
# 6,100 live streams from 200 addresses; each while a normal reader
# measures the cached live page against its own baseline of the same
# run, 10 s each. Loopback only. Release build. Appends the figures to
# bench/RESULTS.md, pass or fail.
# Usage: bench/dos.sh
set -euo pipefail
cd "$(dirname "$0")/.."
make -s all
figures=$(mktemp)
log=$(mktemp)
trap 'rm -f "$figures" "$log"' EXIT
status=0
DOS_SIZE=full VIGIL=build/release/vigil timeout --kill-after=10 1200 \
    /usr/bin/python3 tests/e2e/test_dos.py --json "$figures" 2>&1 | tee "$log" ||
    status=$?
{
    echo
    echo "## DoS: floods and slow clients, full size ($(date -u +%Y-%m-%d))"
    echo
    echo "Command: \`bench/dos.sh\` on $(nproc) cores,"
    echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), release build"
    echo "(\`--demo --sse-max 6400\`), everything on loopback. The peer is the"
    echo "normal reader's own baseline, the mean of its rates on the same server"
    echo "just before and just after each attack (target: at least 50 % of it"
    echo "during the attack)."
    echo
    [ -s "$figures" ] || echo "(no figures: the suite stopped early; its output is below)"
    [ -s "$figures" ] && /usr/bin/python3 - "$figures" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
print("| attack | before (req/s) | after (req/s) | during (req/s) | share | |")
print("| --- | ---: | ---: | ---: | ---: | --- |")
for name in ("slow heads", "slow bodies", "sign-in flood", "GET /login flood",
             "live streams"):
    r = f.get(name)
    if r:
        ok = "met" if r["share"] >= 0.5 else "MISSED"
        print(f"| {name} | {r['before']} | {r['after']} | {r['during']} | "
              f"{r['share']:.0%} | {ok} |")
s = f.get("known-device sign-in")
if s:
    ok = "met" if s["flood_ms"] <= 3 * s["quiet_ms"] else "MISSED"
    print(f"\nKnown-device sign-in: {s['quiet_ms']} ms quiet, {s['flood_ms']} ms "
          f"during the sign-in flood (target: at most 3x; T31: < 2 s): {ok}.")
g = f.get("GET /login flood")
if g and "db_after" in g:
    ok = "met" if g["db_after"] <= g["db_before"] else "MISSED"
    print(f"Database and WAL during the GET /login flood: {g['db_before']} -> "
          f"{g['db_after']} bytes (target: no growth): {ok}.")
PY
    echo
    echo '```'
    grep -E '^  |^FAIL|passed, [0-9]+ failed$' "$log" || true
    echo '```'
} >>bench/RESULTS.md
exit $status
