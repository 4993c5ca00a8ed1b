#!/usr/bin/env bash
# smoke.sh: what `make run` does, end to end and quickly, for `make check`
# and on both backends: a new database with the demo, a first editor,
# `vigil serve` on a free port; then the server is alive and ready, the
# demo's page and feed answer, the editor signs in through the API and
# posts an update, which a reader already on the live stream receives and
# the page then shows; and SIGTERM stops the server cleanly.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

T=iran-nov-2019
DB=$(new_db smoke)
run --db "$DB" user add smoke --roles editor <<<"a passphrase for the smoke test"
expect_ok "vigil user add"

timeout 300 "$VIGIL" --db "$DB" serve --listen 127.0.0.1:0 --demo \
    --access-log off >"$TMP/serve.out" 2>"$TMP/serve.err" &
PID=$!
URL=
for _ in $(seq 600); do
    URL=$(sed -n 's|^vigil: serving .* at \(http://[^ ]*\)/ .*|\1|p' \
        "$TMP/serve.out")
    [ -n "$URL" ] && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$URL" ]; then
    fail "the server did not start: $(cat "$TMP/serve.err")"
    finish
fi

# status PATH: the HTTP status of GET PATH.
status() { curl -s -o /dev/null -m 30 -w '%{http_code}' "$URL$1"; }

check "/healthz answers 200" test "$(status /healthz)" = 200
check "/readyz answers 200" test "$(status /readyz)" = 200
check "the demo's page answers 200" test "$(status /t/$T)" = 200
check "its Atom feed answers 200" test "$(status /t/$T/feed.atom)" = 200
check "an unknown tracker is 404" test "$(status /t/no-such-tracker)" = 404

# A reader on the live stream before the post.
curl -sN -m 60 "$URL/t/$T/live" >"$TMP/live.txt" 2>/dev/null &
LIVE=$!
for _ in $(seq 100); do
    grep -q . "$TMP/live.txt" 2>/dev/null && break
    sleep 0.1
done

JAR=$TMP/cookies
curl -s -m 60 -c "$JAR" -H 'Content-Type: application/json' \
    -d '{"login": "smoke", "password": "a passphrase for the smoke test"}' \
    "$URL/api/v1/login" >"$TMP/login.json"
CSRF=$(jq -r ".csrf // empty" "$TMP/login.json")
check "the editor signs in with the password alone (--demo)" test -n "$CSRF"

TITLE="Smoke test $$ reached the page"
code=$(curl -s -o "$TMP/post.json" -w '%{http_code}' -m 60 -b "$JAR" \
    -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" \
    -H "Origin: $URL" \
    -d "{\"title\": \"$TITLE\", \"body\": \"Posted through the API.\"}" \
    "$URL/api/v1/trackers/$T/updates")
check "the update is posted (201)" test "$code" = 201
check "the tracker's page shows it at once" \
    grep -q "$TITLE" <(curl -s -m 30 "$URL/t/$T")
for _ in $(seq 100); do
    grep -q "$TITLE" "$TMP/live.txt" && break
    sleep 0.1
done
check "the live reader received it" grep -q "$TITLE" "$TMP/live.txt"
kill "$LIVE" 2>/dev/null
wait "$LIVE" 2>/dev/null

kill -TERM "$PID"
wait "$PID"
rc=$?
check "SIGTERM stops the server cleanly (exit $rc)" test "$rc" -eq 0
check "with no sanitizer report" \
    bash -c "! grep -q 'Sanitizer' '$TMP/serve.err'"
finish
