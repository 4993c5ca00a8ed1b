#!/usr/bin/env bash
# p4-render-cost.sh: benchmark P4 (DESIGN §6): the instructions spent
# serving (rendering) the live page of a tracker of 100 updates and of
# 100,000, counted by callgrind inside the page_live handler, which loads
# the page's data and renders it. Appends the figures to RESULTS.md.
# Usage: bench/p4-render-cost.sh [SMALL] [LARGE]   (default 100 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
SMALL=${1:-100}
LARGE=${2:-100000}
RUN=${RUN:-/tmp/vigil-bench-p4}
rm -rf "$RUN" && mkdir -p "$RUN"
make -s all
command -v valgrind >/dev/null || apt-get install -y -qq valgrind >/dev/null
export VIGIL_NOW=2019-12-28T12:30:00Z

# count SIZE: instructions of one uncached render of /t/bN
count() {
    local n=$1 db=$RUN/b$1.db
    /usr/bin/python3 bench/make_bundle.py "b$n" "$n" "$RUN/b$n.json"
    build/release/vigil --db "$db" init >/dev/null
    /usr/bin/time -f "%e" -o "$RUN/import-$n.s" \
        build/release/vigil --db "$db" import "$RUN/b$n.json" >/dev/null
    valgrind --tool=callgrind --toggle-collect=page_live \
        --callgrind-out-file="$RUN/cg-$n.out" \
        build/release/vigil --db "$db" serve --listen 127.0.0.1:18197 \
        --threads 1 >"$RUN/serve-$n.log" 2>"$RUN/valgrind-$n.log" &
    local pid=$!
    for _ in $(seq 600); do
        grep -q serving "$RUN/serve-$n.log" 2>/dev/null && break
        sleep 0.1
    done
    curl -sf -o "$RUN/page-$n.html" "http://127.0.0.1:18197/t/b$n"
    kill -TERM $pid
    wait $pid || true
    callgrind_annotate "$RUN/cg-$n.out" 2>/dev/null |
        sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' | tr -d ,
}

small=$(count "$SMALL")
large=$(count "$LARGE")
ratio=$(awk -v a="$small" -v b="$large" 'BEGIN {printf "%.3f", b / a}')
verdict=$(awk -v r="$ratio" 'BEGIN {print (r <= 1.2 && r >= 0.8) ? "met" : "MISSED"}')
{
    echo
    echo "## P4: live-page render cost as history grows ($(date -u +%Y-%m-%d))"
    echo
    echo "Command: \`bench/p4-render-cost.sh $SMALL $LARGE\` on $(nproc) cores,"
    echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
    echo "$(valgrind --version), release build. Instructions counted by callgrind"
    echo "inside \`page_live\` (loading the page's data with SQL, and rendering it)"
    echo "for one uncached GET of the live page."
    echo
    echo "| updates | instructions | import time |"
    echo "| ---: | ---: | ---: |"
    echo "| $SMALL | $small | $(cat "$RUN/import-$SMALL.s") s |"
    echo "| $LARGE | $large | $(cat "$RUN/import-$LARGE.s") s |"
    echo
    echo "Ratio $ratio (target: within 20%): **$verdict**."
} | tee -a bench/RESULTS.md
