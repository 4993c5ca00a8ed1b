#!/usr/bin/env bash
# p3-nodes.sh: P3 across nodes. One update is POSTed to node A's write API;
# we time how long until the first of N live readers on node B has it. Both
# nodes share one PostgreSQL record: the change log NOTIFYs at commit, and
# each node LISTENs.
# Beside it, in the same run, the same test on one node with the record in
# SQLite (POST and readers on one server).
# The client is the kit's sse-client, patched by bench/patch-sse-client.py;
# it runs on CPU 1, the Vigil servers on CPU 0 (PostgreSQL is not pinned).
# Figures are appended to bench/RESULTS.md. Target: the first reader has
# the update in under 10 ms (median), at 1,000 readers.
# Usage: bench/p3-nodes.sh [REPS] [READERS] [MESSAGES]
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${1:-3}
N=${2:-1000}
MSGS=${3:-20}
RUN=${RUN:-/tmp/vigil-bench-p3}
KIT=$(cd ../shared/bench && pwd)
rm -rf "$RUN" && mkdir -p "$RUN"
make -s all
BACKEND=postgresql
. bench/backend.sh
V=$PWD/build/release/vigil
SLUG=iran-nov-2019

# One record in PostgreSQL; the SQLite record is its copy, so the one API
# token opens both.
pg=$(bench_db p3)
$V --db "$pg" init >/dev/null
$V --db "$pg" demo >/dev/null
echo "a long enough passphrase" | $V --db "$pg" user add bench --roles editor >/dev/null
token=$($V --db "$pg" user token bench --label benchmark)
$V copy --from "$pg" --to "$RUN/p3.db" >/dev/null

cp -r "$KIT" "$RUN/kit"
sed -i "s|Content-Type: text/plain\\\\r\\\\nContent-Length|Content-Type: text/plain\\\\r\\\\nAuthorization: Bearer $token\\\\r\\\\nContent-Length|" \
    "$RUN/kit/sse-client.c"
grep -q "Authorization: Bearer $token" "$RUN/kit/sse-client.c"
/usr/bin/python3 bench/patch-sse-client.py "$RUN/kit/sse-client.c"
make -s -C "$RUN/kit" OUT="$RUN" "$RUN/sse-client" >/dev/null

pids=()
stop_all() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done; wait 2>/dev/null || true; }
trap 'stop_all; pg_destroy "$RUN/pg"' EXIT
# node DB PORT: a node on CPU 0, one request thread, room for the readers.
node() {
    taskset -c 0 "$V" --db "$1" serve --listen "127.0.0.1:$2" --threads 1 \
        --trusted-proxy 127.0.0.0/8 --sse-max 20000 --sse-per-ip 20000 \
        >"$RUN/node-$2.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do
        curl -sf -o /dev/null "http://127.0.0.1:$2/readyz" && return
        sleep 0.1
    done
    echo "node on $2 did not start" >&2
    exit 1
}
node "$pg" 18093 # A: the POSTs
node "$pg" 18094 # B: the readers
node "$RUN/p3.db" 18095

# run TAG SUBPORT PUBPORT: one fan-out, its RESULT line kept.
run() {
    local line
    line=$(timeout 170 taskset -c 1 "$RUN/sse-client" -p "$2" -q "$3" \
        -u "/t/$SLUG/live" -P "/api/v1/trackers/$SLUG/updates" -s 1024 \
        -n "$N" -m "$MSGS" -i 300 -T 160 | grep '^RESULT')
    echo "$1 $line" | tee -a "$RUN/results.txt"
}
for rep in $(seq "$REPS"); do
    run "nodes $rep" 18094 18093
    run "sqlite $rep" 18095 18095
done
med() { grep "^$1 " "$RUN/results.txt" | sed -n "s/.* $2=\([^ ]*\).*/\1/p" |
            sort -n | awk '{v[NR] = $1} END {print NR ? v[int((NR + 1) / 2)] : "-"}'; }
first=$(med nodes first_ms)
verdict=$(awk -v v="$first" 'BEGIN { print (v != "-" && v < 10 ? "met" : "MISSED") }')
{
    echo
    echo "## P3 across nodes: POST on node A, first reader on node B ($(date -u +%Y-%m-%d))"
    echo
    echo "Command: \`bench/p3-nodes.sh $REPS $N $MSGS\` on $(nproc) cores,"
    echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); release build,"
    echo "PostgreSQL $(psql --version | awk '{print $3}') (a cluster of the run's own,"
    echo "default settings). Two nodes on one PostgreSQL record, one request"
    echo "thread each, pinned to CPU 0 with the SQLite node; the kit's"
    echo "sse-client on CPU 1. $N readers on node B; $MSGS updates of 1,024"
    echo "bytes POSTed to node A's write API with an API token. Each update is"
    echo "committed, then NOTIFY reaches B's watch, B reads the change log and"
    echo "sends the update. The peer, in the same run, is one node on the"
    echo "record's SQLite copy (POST and readers on one server)."
    echo
    echo "| record | first reader p50 (ms) | all readers p50 (ms) | p99 (ms) |"
    echo "| --- | ---: | ---: | ---: |"
    echo "| PostgreSQL, A -> B | $first | $(med nodes p50_ms) | $(med nodes p99_ms) |"
    echo "| SQLite, one node | $(med sqlite first_ms) | $(med sqlite p50_ms) | $(med sqlite p99_ms) |"
    echo
    echo "Target: the first reader on B within 10 ms (median): $verdict."
} >>bench/RESULTS.md
