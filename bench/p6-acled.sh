#!/usr/bin/env bash
# p6-acled.sh: benchmark P6 (DESIGN §6): ROWS ACLED-style rows imported
# (vigil import FILE.csv --tracker SLUG: every row validated, one
# transaction, fsync at commit, first revisions hash-chained, one per
# batch of 1,024 events) and
# exported again as ACLED CSV (vigil export --format csv). Release build;
# wall-clock seconds of each, appended to bench/RESULTS.md.
# Usage: [BACKEND=sqlite|postgresql] bench/p6-acled.sh [ROWS]
# On PostgreSQL the run's cluster is set as README.md advises for a
# server that takes such imports (PG_SETTINGS, tests/pg/cluster.sh):
# shared buffers a quarter of this machine's memory or less, rather than
# the 128 MB default, so that the events' indexes stay in memory while a
# million rows go into them in date order rather than file order; and
# max_wal_size large enough that no checkpoint comes mid-load. PG_SETTINGS
# set by the caller (even empty) overrides this.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
RUN=${RUN:-/tmp/vigil-bench-p6}
export PG_SETTINGS=${PG_SETTINGS-$'shared_buffers = 2GB\nmax_wal_size = 4GB'}
rm -rf "$RUN" && mkdir -p "$RUN"
make -s all
export VIGIL_NOW=2020-01-01T12:00:00Z
V=build/release/vigil
. bench/backend.sh
db=$(bench_db p6)
/usr/bin/python3 bench/make_acled.py "$ROWS" "$RUN/in.csv"
$V --db "$db" init >/dev/null
$V --db "$db" tracker create bench --title Bench --started-on 2019-01-01 \
    --timezone Asia/Tehran --country IR >/dev/null
sync # the input's and the last run's writeback is not the import's
t0=$(date +%s.%N)
$V --db "$db" import "$RUN/in.csv" --tracker bench
t1=$(date +%s.%N)
$V --db "$db" export bench --format csv --output "$RUN/out.csv"
t2=$(date +%s.%N)
import=$(echo "$t1 - $t0" | bc)
export=$(echo "$t2 - $t1" | bc)
rows=$(($(wc -l <"$RUN/out.csv") - 2))
size=$(du -m "$RUN/in.csv" | cut -f1)
echo "import ${import}s, export ${export}s, $rows rows"
# Targets: 10 s into SQLite (P6), 15 s into PostgreSQL (with COPY).
target=$([ "$BACKEND" = postgresql ] && echo 15 || echo 10)
verdict() { awk -v s="$1" -v t="$2" 'BEGIN { print (s < t ? "met" : "MISSED") }'; }
{
    echo
    echo "## P6: ACLED-style CSV import and export, $BACKEND record ($(date -u +%Y-%m-%d))"
    echo
    echo "Command: \`BACKEND=$BACKEND bench/p6-acled.sh $ROWS\` on $(nproc) cores,"
    echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), release build."
    echo "Input: $ROWS rows, ${size} MB (bench/make_acled.py). Each row is"
    echo "validated like \`vigil event add\` and stored with its first revision"
    echo "in the hash chain (one revision row per batch of 1,024 events, its"
    echo "hash over each event's columns), all in one transaction committed"
    echo "with fsync."
    if [ "$BACKEND" = postgresql ]; then
        echo "The cluster's settings beyond its defaults: $(echo "$PG_SETTINGS" | paste -sd';' - | sed 's/;/; /g')."
    fi
    echo
    echo "| step | seconds | target | |"
    echo "| --- | ---: | ---: | --- |"
    echo "| import | $import | $target | $(verdict "$import" "$target") |"
    echo "| export | $export | 5 | $(verdict "$export" 5) |"
    echo
    echo "$rows rows came out."
} >>bench/RESULTS.md
