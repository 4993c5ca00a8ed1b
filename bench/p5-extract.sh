#!/usr/bin/env bash
# p5-extract.sh: benchmark P5 (DESIGN §6): megabytes of news text the
# extractor reads per second on one core, beside memchr's speed over the
# same bytes in the same run (a pass that only looks at each byte once:
# the ceiling). The text is the test corpus
# (tests/extract/cases/*.case, real articles and statements) joined
# until it is about 1 MB; bench/p5_extract.c runs the extractor over it in
# a loop with the full gazetteer (data/gazetteer/world.tsv, `make
# gazetteer`) loaded once, pinned to CPU 0, then memchr for a byte the
# text never holds. Rates are per second of the thread's CPU time (on a
# shared machine the waits for the core are not the extractor's), wall
# clock in parentheses. Release build. Appends the figures to
# bench/RESULTS.md.
# Usage: bench/p5-extract.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-10}
make -s all gazetteer build/release/p5-extract
text=$(mktemp)
trap 'rm -f "$text"' EXIT
while [ "$(stat -c %s "$text")" -lt 1000000 ]; do
    for c in tests/extract/cases/*.case; do
        sed -n '/^=== text$/,/^=== expected$/p' "$c" | sed '1d;$d' >>"$text"
    done
done
load=$(cut -d' ' -f1-3 /proc/loadavg)
out=$(taskset -c 0 build/release/p5-extract data/gazetteer/world.tsv "$text" "$SECONDS_RUN")
echo "$out"
line=$(echo "$out" | grep ' extract: ')
ceiling=$(echo "$out" | grep ' memchr: ')
mbs=${line%% MB/s*}
memchr_mbs=${ceiling%% MB/s*}
{
    echo
    echo "## P5: extraction throughput ($(date -u +%Y-%m-%d))"
    echo
    echo "Command: \`bench/p5-extract.sh $SECONDS_RUN\` on $(nproc) cores,"
    echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), release build,"
    echo "pinned to CPU 0; the full gazetteer loaded once. Input: the test"
    echo "corpus's texts joined to $(stat -c %s "$text") bytes. Load average before"
    echo "the run: $load."
    echo
    echo "| measure | value | target | |"
    echo "| --- | ---: | ---: | --- |"
    echo "| MB/s per core | $mbs | 100 | $(awk -v s="$mbs" 'BEGIN { print (s >= 100 ? "met" : "MISSED") }') |"
    echo "| memchr over the same bytes, MB/s (ceiling) | $memchr_mbs | | |"
    echo
    echo "\`$line\`"
    echo
    echo "\`$ceiling\`"
} >>bench/RESULTS.md
