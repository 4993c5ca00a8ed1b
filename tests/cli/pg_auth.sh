#!/usr/bin/env bash
# pg_auth.sh: users, sessions, API tokens and the install's secrets on
# PostgreSQL answer as on SQLite. The same script of CLI commands and
# server requests (sign-in with a second factor, sign-out, a session kept
# alive, then idle past its end, an API token, a password change and a
# disabled account) runs against a fresh SQLite file and a fresh
# PostgreSQL database of a throwaway cluster; every status, output, row,
# the audit log and its chain head must be the same, and `vigil check`
# must pass on both.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

PASSWORD="a long enough passphrase"
T0=1577534400 # 2019-12-28T12:00:00Z
SERVER_PID=

# A port nothing listens on (the kernel's pick, released at once).
free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

. tests/pg/cluster.sh
# The cluster's folder: the postgres user must reach it, and $TMP is
# root's alone. The server stops before the cluster.
PGD=$(mktemp -d /tmp/vigil-pg.XXXXXX)
trap 'stop_server; pg_destroy "$PGD" ${TEST_PG_OWN:+"$TEST_PG_OWN"}; end_jobs; rm -rf "$TMP"' EXIT
if ! pg_start "$PGD" >/dev/null; then
    fail "the PostgreSQL cluster did not start: $(tail -3 "$PGD/initdb.log" "$PGD/log" 2>/dev/null)"
    echo "$NAME: $PASSED passed, $FAILED failed"
    exit 1
fi
PGPORT=$PG_PORT

psql_as() {
    local user=$1
    shift
    timeout 60 "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PGPORT" -U "$user" "$@"
}
# Text collated linguistically (ICU, punctuation ignored): a list that
# relied on the database's collation, not bytes, would show.
psql_as postgres -c "CREATE DATABASE t OWNER vigil TEMPLATE template0 LOCALE 'C.UTF-8'
        LOCALE_PROVIDER icu ICU_LOCALE 'en-US-u-ka-shifted'"
check "the database collates 'ada' before 'a-z' (not by bytes)" \
    [ "$(psql_as vigil -d t -Atc "SELECT 'ada' < 'a-z'")" = t ]
PG=postgresql://vigil@127.0.0.1:$PGPORT/t

# at SECONDS: the timestamp SECONDS after T0, as VIGIL_NOW takes it.
at() { date -u -d "@$((T0 + $1))" +%Y-%m-%dT%H:%M:%SZ; }

# code SECRET SECONDS [STEP]: the TOTP code at T0+SECONDS (RFC 6238).
code() {
    /usr/bin/python3 - "$1" "$((T0 + $2))" "${3:-0}" <<'EOF'
import base64, hashlib, hmac, struct, sys
key = base64.b32decode(sys.argv[1])
counter = int(sys.argv[2]) // 30 + int(sys.argv[3])
mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
o = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000))
EOF
}

# ==== The server ====

# start_server DB SECONDS: serves DB with the clock at T0+SECONDS.
start_server() {
    SPORT=$(free_port)
    VIGIL_NOW=$(at "$2") "$VIGIL" --db "$1" serve \
        --listen "127.0.0.1:$SPORT" >/dev/null 2>"$TMP/serve.log" &
    SERVER_PID=$!

    for _ in $(seq 100); do
        curl -s -o /dev/null "http://127.0.0.1:$SPORT/login" && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    fail "the server on $1 did not start: $(cat "$TMP/serve.log")"
    return 1
}

stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    kill "$SERVER_PID" 2>/dev/null
    timeout 30 tail --pid="$SERVER_PID" -f /dev/null
    wait "$SERVER_PID" 2>/dev/null
    local rc=$?
    SERVER_PID=
    # A clean stop by SIGTERM, and never a sanitizer's report (86).
    [ "$rc" -ne 86 ] || fail "the server reported: $(cat "$TMP/serve.log")"
}

# http METHOD PATH [CURL ARGS...]: prints the status; the body goes to
# $TMP/body, the headers to $TMP/headers.
http() {
    local method=$1 path=$2
    shift 2
    curl -s -m 30 -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' \
        -X "$method" -H "Origin: http://127.0.0.1:$SPORT" "$@" \
        "http://127.0.0.1:$SPORT$path"
}

# login LOGIN CODE: signs in; sets SID and CSRF (empty on refusal).
login() {
    STATUS=$(http POST /api/v1/login -H 'Content-Type: application/json' \
        -d "{\"login\":\"$1\",\"password\":\"$PASSWORD\",\"code\":\"$2\"}")
    SID=$(sed -n 's/^Set-Cookie: vigil_sid=\([^;]*\);.*/\1/p' "$TMP/headers")
    CSRF=$(jq -r '.csrf // empty' "$TMP/body" 2>/dev/null)
}

# me SID: GET /api/v1/me by session; prints "STATUS LOGIN".
me() {
    local status
    status=$(http GET /api/v1/me -H "Cookie: vigil_sid=$1")
    echo "$status $(jq -r '.login // "-"' "$TMP/body" 2>/dev/null)"
}

# me_token TOKEN: the same with an API token.
me_token() {
    local status
    status=$(http GET /api/v1/me -H "Authorization: Bearer $1")
    echo "$status $(jq -r '.login // "-"' "$TMP/body" 2>/dev/null)"
}

logout() {
    http POST /api/v1/logout -H "Cookie: vigil_sid=$1" -H "X-CSRF-Token: $2"
}

# ==== One run ====

# step LABEL EXPECTED ACTUAL: records a step of the run in its log and
# checks it gave what it must.
step() {
    echo "$1: $3" >>"$LOG"
    if [ "$2" = "$3" ]; then pass; else fail "$DB: $1: $3, not $2"; fi
}

# dump: the rows this file's operations wrote, without what is random
# (token hashes, secrets' values and CSRF tokens by their lengths only).
# The same SQL on either backend.
DUMP_SQL="
SELECT 'user', id, login, roles, disabled, created_at,
       length(totp_secret), totp_step FROM users ORDER BY id;
SELECT 'token', id, user_id, label, created_at, revoked_at,
       length(token_hash) FROM api_tokens ORDER BY id;
SELECT 'session', user_id, created_at, seen_at, length(csrf),
       length(token_hash) FROM sessions ORDER BY user_id, seen_at, created_at;
SELECT 'secret', name, length(value) FROM secrets ORDER BY name;"
dump() {
    case $DB in
    postgresql:*) psql_as vigil -At -d t -c "$DUMP_SQL" ;;
    *) sqlite3 "$DB" "$DUMP_SQL" ;;
    esac
}

# sessions: how many sessions the database holds.
sessions() {
    case $DB in
    postgresql:*) psql_as vigil -At -d t -c "SELECT count(*) FROM sessions" ;;
    *) sqlite3 "$DB" "SELECT count(*) FROM sessions" ;;
    esac
}

# add_user LOGIN ROLES: adds the user; sets SECRET, its TOTP secret.
add_user() {
    echo "$PASSWORD" >"$TMP/pw"
    run --db "$DB" user add "$1" --roles "$2" --password-file "$TMP/pw"
    step "user add $1" 0 "$RC"
    SECRET=$(sed -n 's/^  secret: \([A-Z2-7]*\)$/\1/p' <<<"$OUT")
}

# run_all DB LOG: the whole script on DB, its transcript in LOG.
run_all() {
    DB=$1 LOG=$2
    : >"$LOG"
    run --db "$DB" init
    step init 0 "$RC"
    local ada bob zed token s1 c1 s2 s3 c3 s4 c4 s5 s6 s7 s8
    add_user ada admin,editor
    ada=$SECRET
    add_user bob editor
    bob=$SECRET
    add_user zed verifier
    zed=$SECRET
    add_user a-z contributor
    run --db "$DB" user add ada --roles editor --password-file "$TMP/pw"
    step "a second ada" "1 vigil user add: login: user \"ada\" exists" \
        "$RC $ERR"
    run --db "$DB" user token bob --label ci
    step "user token" 0 "$RC"
    token=$OUT
    run --db "$DB" user token nobody
    step "a token for no one" 1 "$RC"
    echo "$ERR" >>"$LOG"
    run --db "$DB" user list
    step "user list" "a-z	contributor
ada	editor,admin
bob	editor
zed	verifier" "$OUT"

    # Sign-in, at T0: a code counts once; sign-out ends that session only.
    start_server "$DB" 0 || return
    step "me, nobody" "401 -" "$(me nobody-at-all)"
    step "me by token" "200 bob" "$(me_token "$token")"
    step "me by unknown token" "401 -" \
        "$(me_token AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA)"
    login ada "$(code "$ada" 0)"
    s1=$SID c1=$CSRF
    step "ada signs in" 200 "$STATUS"
    login ada "$(code "$ada" 0)"
    step "the same code again" 401 "$STATUS"
    login ada "$(code "$ada" 0 1)"
    s2=$SID
    step "ada signs in with the next code" 200 "$STATUS"
    login bob "$(code "$ada" 0)"
    step "bob with ada's code" 401 "$STATUS"
    login bob "$(code "$bob" 0)"
    s3=$SID c3=$CSRF
    step "bob signs in" 200 "$STATUS"
    step "me, ada 1" "200 ada" "$(me "$s1")"
    step "me, ada 2" "200 ada" "$(me "$s2")"
    step "me, bob" "200 bob" "$(me "$s3")"
    step "sessions at T0" 3 "$(sessions)"
    step "logout without CSRF" 403 "$(logout "$s1" wrong)"
    step "logout" 200 "$(logout "$s1" "$c1")"
    step "me after logout" "401 -" "$(me "$s1")"
    step "me, the other session" "200 ada" "$(me "$s2")"
    step "sessions after logout" 2 "$(sessions)"
    stop_server

    # Five minutes on: a request keeps a session alive (its seen_at).
    start_server "$DB" 300 || return
    step "me, ada 2 at +5 min" "200 ada" "$(me "$s2")"
    stop_server
    dump >>"$LOG"

    # Nineteen minutes on: bob's session, last seen at T0, is idle past
    # its end; ada's, seen at +5, is not. Signing in sweeps the idle.
    start_server "$DB" 1140 || return
    step "me, ada 2 at +19 min" "200 ada" "$(me "$s2")"
    step "sessions before the sweep" 2 "$(sessions)"
    login bob "$(code "$bob" 1140)"
    s4=$SID c4=$CSRF
    step "bob signs in again" 200 "$STATUS"
    step "sessions after the sweep" 2 "$(sessions)"
    step "bob logs out" 200 "$(logout "$s4" "$c4")"
    step "sessions after bob logs out" 1 "$(sessions)"
    step "me, bob idle" "401 -" "$(me "$s3")"
    step "logout idle" 401 "$(logout "$s3" "$c3")"
    stop_server

    # A password change revokes the user's tokens and ends their
    # sessions; a role change ends sessions; a disabled user is out.
    local login_at=1500
    start_server "$DB" "$login_at" || return
    login bob "$(code "$bob" "$login_at")"
    s5=$SID
    step "bob signs in at +25 min" 200 "$STATUS"
    VIGIL_NOW=$(at 1560) run --db "$DB" user passwd bob --password-file \
        "$TMP/pw"
    step "user passwd" 0 "$RC"
    step "me by revoked token" "401 -" "$(me_token "$token")"
    step "me after passwd" "401 -" "$(me "$s5")"
    step "sessions after passwd" 1 "$(sessions)"
    run --db "$DB" user roles ada editor
    step "user roles" 0 "$RC"
    step "me, ada 2 after roles" "401 -" "$(me "$s2")"
    # A new second factor replaces the old one.
    run --db "$DB" user totp zed
    step "user totp" 0 "$RC"
    login zed "$(code "$zed" "$login_at")"
    step "zed with the old secret" 401 "$STATUS"
    login zed "$(code "$(sed -n 's/^  secret: //p' <<<"$OUT")" "$login_at")"
    s6=$SID
    step "zed with the new secret" 200 "$STATUS"
    step "me, zed" "200 zed" "$(me "$s6")"
    run --db "$DB" user disable zed
    step "user disable" 0 "$RC"
    step "me, zed disabled" "401 -" "$(me "$s6")"
    # On the desk, a password change ends the user's sessions and starts
    # one for the browser that made it.
    login bob "$(code "$bob" "$login_at" 1)"
    s7=$SID
    step "bob signs in again at +25 min" 200 "$STATUS"
    step "bob changes his password" 303 "$(http POST /admin/password \
        -H "Cookie: vigil_sid=$s7" --data-urlencode "csrf=$CSRF" \
        --data-urlencode "current_password=$PASSWORD" \
        --data-urlencode "password=$PASSWORD, changed" \
        --data-urlencode "password_again=$PASSWORD, changed")"
    s8=$(sed -n 's/^Set-Cookie: vigil_sid=\([^;]*\);.*/\1/p' "$TMP/headers")
    step "me, the session that changed it" "401 -" "$(me "$s7")"
    step "me, its new session" "200 bob" "$(me "$s8")"
    step "sessions after the desk's change" 1 "$(sessions)"
    stop_server
    run --db "$DB" user disable nobody
    step "disable no one" 1 "$RC"
    run --db "$DB" user list
    step "user list at the end" "a-z	contributor
ada	editor
bob	editor
zed	verifier	disabled" "$OUT"
    dump >>"$LOG"
    run --db "$DB" check
    step check 0 "$RC"
    sed -n 's/.*audit head \([0-9a-f]*\).*/audit head \1/p' <<<"$OUT" >>"$LOG"
    run --db "$DB" audit
    step audit 0 "$RC"
    echo "$OUT" >>"$LOG"
}

run_all "$TMP/auth.db" "$TMP/sqlite.log"
run_all "$PG" "$TMP/pg.log"

if diff -u "$TMP/sqlite.log" "$TMP/pg.log" >"$TMP/diff"; then
    pass
else
    fail "PostgreSQL differs from SQLite:
$(cat "$TMP/diff")"
fi
# What the transcripts hold, beyond statuses: rows as written.
for row in 'session|1|2019-12-28T12:00:00Z|2019-12-28T12:05:00Z|43|32' \
    'token|1|2|ci|2019-12-28T12:00:00Z|2019-12-28T12:26:00Z|32' \
    'user|3|zed|verifier|1|2019-12-28T12:00:00Z|20|[1-9][0-9]*' \
    'secret|device_key|32'; do
    check "PostgreSQL holds $row" grep -qx "$row" "$TMP/pg.log"
done
check "the audit log has every write" \
    test "$(grep -c '^{"seq":' "$TMP/pg.log")" -eq 10

finish
