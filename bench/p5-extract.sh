#!/usr/bin/env bash
# p5-extract.sh: benchmark P5 (DESIGN §6): megabytes of news text the
# extractor reads per second on one core. The text is the test corpus
# (tests/extract/cases/*.case, real articles and statements) joined
# until it is about 1 MB; bench/p5_extract.c runs the extractor over it in
# a loop with the full gazetteer (data/gazetteer/world.tsv, `make
# gazetteer`) loaded once, pinned to CPU 0. Release build. Appends the
# figure to bench/RESULTS.md.
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
line=$(taskset -c 0 build/release/p5-extract data/gazetteer/world.tsv "$text" "$SECONDS_RUN")
echo "$line"
mbs=${line%% MB/s*}
{
    echo
    echo "## P5: extraction throughput ($(date -u +%Y-%m-%d))"
    echo
    echo "Command: \`bench/p5-extract.sh $SECONDS_RUN\` on $(nproc) cores,"
    echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), release build,"
    echo "pinned to CPU 0; the full gazetteer loaded once. Input: the test"
    echo "corpus's texts joined to $(stat -c %s "$text") bytes."
    echo
    echo "| measure | value | target | |"
    echo "| --- | ---: | ---: | --- |"
    echo "| MB/s per core | $mbs | 50 | $(awk -v s="$mbs" 'BEGIN { print (s >= 50 ? "met" : "MISSED") }') |"
    echo
    echo "\`$line\`"
} >>bench/RESULTS.md
