#!/usr/bin/env bash
# p1-static.sh: benchmark P1 (DESIGN §6): GET of the cached live page of
# a tracker of 50+ updates (about 47 KB; plain and gzip) from `vigil serve`
# against nginx serving the same bytes as a static file, and refserver
# (the machine's ceiling), interleaved in one run by the shared kit
# (../shared/bench/compare-static.sh). The kit is copied to $RUN so that
# its page is Vigil's own page. Appends the kit's table to RESULTS.md.
# Usage: [BACKEND=sqlite|postgresql] bench/p1-static.sh [pinned|shared] [REPS] [SECONDS]
# GZIPS="0" (or "1") measures only the plain (or gzip) page; default both.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-pinned}
REPS=${2:-3}
DUR=${3:-10}
RUN=${RUN:-/tmp/vigil-bench-p1}
KIT=$(cd ../shared/bench && pwd)
rm -rf "$RUN" && mkdir -p "$RUN"
make -s all
export VIGIL_NOW=2019-12-28T12:30:00Z

. bench/backend.sh
db=$(bench_db p1)
/usr/bin/python3 bench/make_bundle.py busy 60 "$RUN/busy.json"
build/release/vigil --db "$db" init >/dev/null
build/release/vigil --db "$db" import "$RUN/busy.json" >/dev/null
threads=$([ "$MODE" = shared ] && echo 2 || echo 1)
# The kit's nginx logs nothing ("access_log off"): Vigil neither.
cmd="$PWD/build/release/vigil --db $db serve --listen 127.0.0.1:18090 --threads $threads --trusted-proxy 127.0.0.0/8 --access-log off"

# The kit, with Vigil's page as the page every server sends.
cp -r "$KIT" "$RUN/kit"
build/release/vigil --db "$db" serve --listen 127.0.0.1:18090 >/dev/null &
pid=$!
for _ in $(seq 50); do curl -sf -o "$RUN/kit/page/live.html" \
    http://127.0.0.1:18090/t/busy && break; sleep 0.1; done
kill -TERM $pid; wait $pid || true
bytes=$(wc -c <"$RUN/kit/page/live.html")

RUN=$RUN/kit-run bash "$RUN/kit/compare-static.sh" --mode "$MODE" \
    --reps "$REPS" --duration "$DUR" --gzip "${GZIPS:-0 1}" \
    --own-url http://127.0.0.1:18090/t/busy \
    --own-cmd "$cmd" 2>&1 | tee "$RUN/out.txt"
{
    echo
    echo "## P1: cached live page vs nginx, $MODE mode${GZIPS:+, gzip=$GZIPS only}, $BACKEND record ($(date -u +%Y-%m-%d))"
    echo
    echo "Command: \`BACKEND=$BACKEND ${GZIPS:+GZIPS=\"$GZIPS\" }bench/p1-static.sh $MODE $REPS $DUR\` (the kit's"
    echo "compare-static.sh, $REPS run(s) of $DUR s per case, interleaved) on"
    echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');"
    echo "$(nginx -v 2>&1 | sed 's/.*: //'), wrk; Vigil's release build with"
    echo "$threads request thread(s). Every server sends the same $bytes-byte page"
    echo "(Vigil's live page of a tracker of 60 updates) and its gzip form."
    echo
    echo '```'
    # The kit's table of medians (its last lines, from "medians of").
    sed -n '/^medians of/,$p' "$RUN/out.txt"
    echo '```'
} >>bench/RESULTS.md
