#!/usr/bin/env bash
# p2-sse.sh: benchmarks P2 and P3 (DESIGN §6) with the shared kit's
# compare-sse.sh: one update to N Server-Sent Events subscribers of
# `vigil serve` against Nchan (and refserver, the machine's ceiling),
# interleaved in one run. Vigil's subscribers read /t/SLUG/live; the
# kit's publisher POSTs each message as an update's Markdown body to the
# write API (/api/v1/trackers/SLUG/updates), so every message is a real
# update: authorised, validated, committed with fsync, rendered and sent.
#
# The kit is copied to $RUN and its sse-client patched there (the shared
# kit stays as it is): its POST carries Vigil's API token (Nchan ignores
# it); it reports when the FIRST subscriber had each message (P3: from
# the POST until the first subscriber has the update); and it reads the
# stamp from the first 1 KB of a data line rather than the first 72
# bytes, since Vigil's event data carries the update inside a JSON header.
# Appends the kit's tables to bench/RESULTS.md.
# Usage: [BACKEND=sqlite|postgresql] bench/p2-sse.sh [REPS] ["SUBSCRIBER COUNTS"]
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${1:-3}
SUBS=${2:-"1000 10000"}
RUN=${RUN:-/tmp/vigil-bench-p2}
KIT=$(cd ../shared/bench && pwd)
rm -rf "$RUN" && mkdir -p "$RUN"
make -s all

. bench/backend.sh
db=$(bench_db p2)
build/release/vigil --db "$db" init >/dev/null
build/release/vigil --db "$db" demo >/dev/null
echo "a long enough passphrase" |
    build/release/vigil --db "$db" user add bench --roles editor >/dev/null
token=$(build/release/vigil --db "$db" user token bench --label benchmark)
# The kit's nginx logs nothing ("access_log off"): Vigil neither.
cmd="$PWD/build/release/vigil --db $db serve --listen 127.0.0.1:18091 --threads 1 --trusted-proxy 127.0.0.0/8 --sse-max 20000 --sse-per-ip 20000 --access-log off"

cp -r "$KIT" "$RUN/kit"
# The publisher's request: Vigil's token, and the body as Markdown.
sed -i "s|Content-Type: text/plain\\\\r\\\\nContent-Length|Content-Type: text/plain\\\\r\\\\nAuthorization: Bearer $token\\\\r\\\\nContent-Length|" \
    "$RUN/kit/sse-client.c"
grep -q "Authorization: Bearer $token" "$RUN/kit/sse-client.c"
# P3: the RESULT line also gives first_ms (bench/patch-sse-client.py).
/usr/bin/python3 bench/patch-sse-client.py "$RUN/kit/sse-client.c"

RUN=$RUN/kit-run bash "$RUN/kit/compare-sse.sh" --reps "$REPS" --subs "$SUBS" \
    --own-port 18091 --own-cmd "$cmd" --own-sub /t/iran-nov-2019/live \
    --own-pub /api/v1/trackers/iran-nov-2019/updates 2>&1 | tee "$RUN/out.txt"

# P3: the first subscriber's latency in Vigil's and Nchan's runs.
p3() { grep -h "^fanout $1 $2 " "$RUN"/kit-run/sse-*.txt |
           sed -n 's/.* first_ms=\([^ ]*\).*/\1/p' | sort -n |
           awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]; else print "-"}'; }
{
    echo
    echo "## P2 and P3: live updates to SSE subscribers vs Nchan, $BACKEND record ($(date -u +%Y-%m-%d))"
    echo
    echo "Command: \`BACKEND=$BACKEND bench/p2-sse.sh $REPS \"$SUBS\"\` (the kit's compare-sse.sh,"
    echo "$REPS run(s) per case, interleaved, each server fresh and pinned to CPU 0,"
    echo "the client on CPU 1) on $(nproc) cores,"
    echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');"
    echo "$(nginx -v 2>&1 | sed 's/.*: //') with Nchan; Vigil's release build, one request"
    echo "thread. Each message is a 1,024-byte update POSTed to Vigil's write API"
    echo "with an API token (committed with fsync before the answer)."
    echo
    echo '```'
    sed -n '/^fan-out:/,/^raw results/p' "$RUN/out.txt" | grep -v '^raw results'
    echo '```'
    echo
    echo "P3, from the POST until the first subscriber has the update (median over"
    echo "runs and messages), 1,000 subscribers: Vigil $(p3 own 1000) ms, Nchan"
    echo "$(p3 nchan 1000) ms (target: Vigil under 5 ms)."
} >>bench/RESULTS.md
