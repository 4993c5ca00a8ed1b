#!/usr/bin/env bash
# search.sh: the search benchmark (issue "desk completeness": a search on
# a tracker of 100,000 updates answers in under 50 ms): the time of one
# GET /t/SLUG/search?q=... on the release server, warm, for a tracker of
# SMALL and of LARGE updates (bench/make_bundle.py: every update holds the
# same three sentences, its title "Update N"), on SQLite and on
# PostgreSQL in the same run. Four queries: a number found in one
# update's title ("rare"), a word of every update ("common"), two words
# of every update ("two words"), and the start of a word of every update
# ("prefix", a partial word).
# REQUESTS answers each, one at a time; median and 95th percentile of
# curl's total time. Appends the figures to bench/RESULTS.md.
# Usage: nice -n 10 bench/search.sh [SMALL] [LARGE] [REQUESTS]
#        (default 100 100000 50)
set -euo pipefail
cd "$(dirname "$0")/.."
SMALL=${1:-100}
LARGE=${2:-100000}
REQUESTS=${3:-50}
RUN=${RUN:-/tmp/vigil-bench-search}
PORT=${PORT:-18243}
rm -rf "$RUN" && mkdir -p "$RUN"
make -s all
export VIGIL_NOW=2019-12-28T12:30:00Z
V=build/release/vigil
. tests/pg/cluster.sh
pg_start "$RUN/pg" >/dev/null
SERVER=
# The server and the cluster end with the script, however it ends.
cleanup() {
    [ -z "$SERVER" ] || kill -TERM "$SERVER" 2>/dev/null || true
    pg_destroy "$RUN/pg"
}
trap cleanup EXIT
export VIGIL_MASTER_KEY=$RUN/master.key VIGIL_SIGNING_KEY=$RUN/signing.key

# db BACKEND SIZE: the --db of a new record for that run.
db() {
    if [ "$1" = postgresql ]; then
        pg_newdb "$RUN/pg" "b$2"
    else
        echo "$RUN/b$2.db"
    fi
}

# serve DB: starts the release server on $PORT and waits for it.
serve() {
    $V --db "$1" serve --listen "127.0.0.1:$PORT" --threads 1 \
        >"$RUN/serve.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 600); do
        grep -q serving "$RUN/serve.log" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "the server did not start" >&2
    return 1
}

stop() {
    kill -TERM "$SERVER"
    wait "$SERVER" || true
    SERVER=
}

# timings SLUG QUERY: REQUESTS times of the search, in ms, one a line,
# sorted; the first answer (warming the connection's statements) apart.
timings() {
    local url="http://127.0.0.1:$PORT/t/$1/search?q=$2"
    curl -sf -o "$RUN/page.html" "$url"
    for _ in $(seq "$REQUESTS"); do
        curl -sf -o /dev/null -w '%{time_total}\n' "$url"
    done | awk '{printf "%.2f\n", $1 * 1000}' | sort -n
}

# pct P: the P-th percentile of sorted numbers on stdin.
pct() { awk -v p="$1" '{v[NR] = $1} END {i = int((NR - 1) * p / 100) + 1; print v[i]}'; }

ROWS=$RUN/rows
: >"$ROWS"
# run BACKEND SIZE: times the three queries on a tracker of SIZE updates.
run() {
    local backend=$1 n=$2 d rare
    d=$(db "$backend" "$n")
    /usr/bin/python3 bench/make_bundle.py "b$n" "$n" "$RUN/b$n.json"
    $V --db "$d" init >/dev/null
    /usr/bin/time -f "%e" -o "$RUN/import.s" $V --db "$d" import "$RUN/b$n.json" >/dev/null
    rare=$((n * 73 / 100))
    serve "$d"
    for q in "rare:$rare" "common:protesters" "two words:central+square" \
        "prefix:protes"; do
        local name=${q%%:*} query=${q#*:} t found
        t=$(timings "b$n" "$query")
        found=$(grep -c 'class="hit"' "$RUN/page.html" || true)
        echo "| $backend | $n | $name (\`$query\`) | $found | $(pct 50 <<<"$t") | $(pct 95 <<<"$t") | $(cat "$RUN/import.s") s |" >>"$ROWS"
    done
    stop
}

for backend in sqlite postgresql; do
    run "$backend" "$SMALL"
    run "$backend" "$LARGE"
done

worst=$(awk -F'|' -v n="$LARGE" '$3 + 0 == n {if ($7 + 0 > w) w = $7 + 0} END {print w}' "$ROWS")
verdict=$(awk -v w="$worst" 'BEGIN {print (w < 50 ? "met" : "MISSED")}')
{
    echo
    echo "## Search: one query on a tracker of $SMALL and of $LARGE updates ($(date -u +%Y-%m-%d))"
    echo
    echo "Command: \`nice -n 10 bench/search.sh $SMALL $LARGE $REQUESTS\` on $(nproc) cores,"
    echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), release build, one request"
    echo "thread; SQLite $(sqlite3 --version | cut -d' ' -f1) (FTS5) and PostgreSQL"
    echo "$("$PG_BIN/postgres" --version | awk '{print $3}') (tsvector, GIN) in the same run. Each figure: $REQUESTS"
    echo "GETs of /t/SLUG/search?q=... one after the other (curl's total"
    echo "time, loopback), after one to warm up; a page holds the 20 best"
    echo "results, each read back from the record and marked. Every update of"
    echo "bench/make_bundle.py holds the same three sentences."
    echo
    echo "| backend | updates | query | results shown | median ms | p95 ms | import |"
    echo "| --- | ---: | --- | ---: | ---: | ---: | ---: |"
    cat "$ROWS"
    echo
    echo "Slowest p95 at $LARGE updates: $worst ms (target: under 50 ms): **$verdict**."
} | tee -a bench/RESULTS.md
