#!/usr/bin/env bash
# config.sh: `vigil serve`'s configuration file (vigil.conf(5)): --config
# FILE or $VIGIL_CONFIG names it (--config wins); "KEY = VALUE" lines set
# any serve option and the database, comments and blank lines ignored;
# the command line wins over the file; a named file that is missing is
# an error, and a bad line is refused naming the file and line, with
# nothing served. (A missing default file is shown by install.sh, whose
# installed binary has its own default.)
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

unset VIGIL_CONFIG

# serve_up ARGS...: `vigil serve ARGS` in the background; waits (at most
# 60 s) for its "serving" line and sets SERVE_PID, URL and SERVED (the
# database it names). Its stderr is in $TMP/serve.err.
serve_up() {
    timeout 300 "$VIGIL" serve "$@" >"$TMP/serve.out" 2>"$TMP/serve.err" &
    SERVE_PID=$!
    for _ in $(seq 600); do
        URL=$(sed -n 's|^vigil: serving .* at \(http://[^ ]*\)/ .*|\1|p' \
            "$TMP/serve.out")
        SERVED=$(sed -n 's|^vigil: serving \(.*\) at http://.*|\1|p' \
            "$TMP/serve.out")
        [ -n "$URL" ] && return 0
        kill -0 "$SERVE_PID" 2>/dev/null || break
        sleep 0.1
    done
    fail "the server did not start: $(cat "$TMP/serve.err")"
    return 1
}

# serve_down: stops it; true when it stopped cleanly (no sanitizer
# report).
serve_down() {
    kill -TERM "$SERVE_PID" 2>/dev/null
    timeout 30 tail --pid="$SERVE_PID" -f /dev/null
    wait "$SERVE_PID"
}

# base_url_of: the base URL the running server writes into its Atom feed.
base_url_of() {
    curl -s -m 30 "$URL/t/iran-nov-2019/feed.atom" |
        sed -n 's|.*<link rel="self"[^>]* href="\([a-z]*://[^/"]*\).*|\1|p' | head -1
}

# demo_mode: the running server's sign-in page is the demonstration's.
demo_mode() {
    curl -s -m 30 "$URL/login" | grep -q 'demonstration server'
}

DB=$(new_db config)
OTHER=$(empty_db other)
CONF=$TMP/vigil.conf
cat >"$CONF" <<EOF
# Vigil's settings
  # an indented comment

db = $DB
listen=127.0.0.1:0
base-url   =   https://news.example.org
	threads = 2
demo = true
trusted-proxy = 10.0.0.0/8
trusted-proxy = 192.0.2.1
proxy-header = Forwarded
sse-max = 100
EOF
printf 'sse-per-ip = 4\r\n' >>"$CONF"

if serve_up --config "$CONF"; then
    check "db from the file" [ "$SERVED" = "$DB" ]
    check "base-url from the file" [ "$(base_url_of)" = https://news.example.org ]
    check "demo = true from the file" demo_mode
    check "the server stops cleanly" serve_down
fi

# The command line wins, option by option.
if serve_up --config "$CONF" --base-url http://cli.example; then
    check "--base-url wins over the file's" [ "$(base_url_of)" = http://cli.example ]
    check "the file's other settings stay" demo_mode
    check "the server stops cleanly" serve_down
fi
if serve_up --config "$CONF" --db "$OTHER"; then
    check "--db wins over the file's db" [ "$SERVED" = "$OTHER" ]
    check "the server stops cleanly" serve_down
fi

# $VIGIL_CONFIG names the file; --config wins over it.
sed 's/^demo = true$/demo = false/' "$CONF" >"$TMP/nodemo.conf"
export VIGIL_CONFIG=$TMP/nodemo.conf
if serve_up; then
    check "\$VIGIL_CONFIG's file is read" [ "$SERVED" = "$DB" ]
    check "demo = false is no demo" refused demo_mode
    check "the server stops cleanly" serve_down
fi
if serve_up --config "$CONF"; then
    check "--config wins over \$VIGIL_CONFIG" demo_mode
    check "the server stops cleanly" serve_down
fi
unset VIGIL_CONFIG

# A named file that is missing is an error, whichever way it is named.
run serve --config "$TMP/none.conf" --db "$DB"
check "a missing --config file: exit 1" [ "$RC" -eq 1 ]
check "naming it" grep -qF "$TMP/none.conf" <<<"$ERR"
RC=0
OUT=$(VIGIL_CONFIG=$TMP/none.conf "$VIGIL" serve --db "$DB" 2>"$TMP/stderr") || RC=$?
ERR=$(cat "$TMP/stderr")
check "a missing \$VIGIL_CONFIG file: exit 1" [ "$RC" -eq 1 ]
check "naming it" grep -qF "$TMP/none.conf" <<<"$ERR"

# Bad lines: refused before anything is opened, naming file and line.
bad() {
    local desc=$1 line=$2 says=$3 at=${4:-4}
    printf '# settings\n\nlisten = 127.0.0.1:0\n%s\n' "$line" >"$TMP/bad.conf"
    run serve --config "$TMP/bad.conf" --db "$DB"
    if [ "$RC" -eq 2 ] && grep -qF "$TMP/bad.conf:$at: " <<<"$ERR" &&
        grep -qF -- "$says" <<<"$ERR" && [ -z "$OUT" ]; then
        pass
    else
        fail "$desc: exit $RC: $ERR"
    fi
}
bad "a line without =" "listen 127.0.0.1:8080" "expected KEY = VALUE"
bad "an unknown key" "colour = red" 'unknown setting "colour"'
bad "config inside the file" "config = /etc/other.conf" 'unknown setting "config"'
bad "help is no setting" "help = true" 'unknown setting "help"'
bad "an empty key" "= 1" 'unknown setting ""'
bad "an empty value" "base-url =" "base-url needs a value"
bad "a number that is not" "threads = many" "threads needs a value"
bad "a flag neither true nor false" "demo = maybe" "demo is true or false"
bad "a setting given twice" "listen = 127.0.0.1:1" '"listen" is set twice'
bad "db twice" "db = a.db
db = b.db" '"db" is set twice' 5
printf 'listen = 127.0.0.1:0\nthreads = 0\n' >"$TMP/range.conf"
run serve --config "$TMP/range.conf" --db "$DB"
check "a number out of range: exit 2" [ "$RC" -eq 2 ]
check "named as its option" grep -qF -- "--threads takes a number" <<<"$ERR"
printf 'listen = 127.0.0.1:0\0\n' >"$TMP/nul.conf"
run serve --config "$TMP/nul.conf" --db "$DB"
check "a NUL byte: exit 2" [ "$RC" -eq 2 ]
check "not a text file" grep -qF "not a text file" <<<"$ERR"
check "the record is as vigil check finds it" "$VIGIL" --db "$DB" check >/dev/null
finish
