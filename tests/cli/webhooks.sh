#!/usr/bin/env bash
# webhooks.sh: managing webhooks, what each change queues in their
# outbox, and the refusals, which change nothing. (tests/e2e/
# test_webhooks.py delivers them to a receiver.)
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

DB=$(empty_db webhooks)
T=watch
v() { run --db "$DB" "$@"; }
pending() { sql "$DB" "SELECT count(*) FROM outbox WHERE delivered_at IS NULL"; }
v tracker create $T --title Watch --started-on 2019-11-15 --timezone UTC
v tracker create other --title Other --started-on 2019-11-15 --timezone UTC
echo "Body" >"$TMP/body"

# ==== The kinds: one table, the schema's check agrees ====

v webhook kinds
expect_ok "webhook kinds"
kinds=$(cut -f1 <<<"$OUT" | tr '\n' ' ')
check "seven kinds, updates then figures" [ "$kinds" = "update.published \
update.edited update.corrected update.retracted figure.published \
figure.corrected figure.retracted " ]

# ==== Adding ====

v webhook add $T https://news.example.org/hook --kinds update.published \
    --kinds figure.published
expect_ok "add"
check "the id and the secret are printed once" \
    grep -Eq '^added webhook 1 to watch
secret [0-9a-f]{64}$' <<<"$OUT"
secret=$(sed -n 's/^secret //p' <<<"$OUT")
row=$("$VIGIL" --db "$DB" audit --last 1)
check "audited as webhook.add" grep -q '"action":"webhook.add"' <<<"$row"
check "without the secret" eval '! grep -q "$secret" <<<"$row"'
v webhook add $T http://127.0.0.1:8080/all
expect_ok "add with every kind"
v webhook add other http://127.0.0.1:8080/other --kinds update.retracted
expect_ok "add to another tracker"
v webhook list
check "list: id, tracker, URL, kinds, counts" [ "$OUT" = "1	watch	\
https://news.example.org/hook	update.published,figure.published	pending 0	\
delivered 0
2	watch	http://127.0.0.1:8080/all	update.published,update.edited,\
update.corrected,update.retracted,figure.published,figure.corrected,\
figure.retracted	pending 0	delivered 0
3	other	http://127.0.0.1:8080/other	update.retracted	pending 0	\
delivered 0" ]
v webhook list --tracker other
check "list --tracker: that tracker's only" [ "$(cut -f1 <<<"$OUT")" = 3 ]

# ==== Refusals: a message, exit 1, nothing changed ====

refusal() {
    local desc=$1 want=$2
    shift 2
    local before
    before=$(db_state "$DB")
    v "$@"
    check "$desc: exit 1 ($RC)" [ "$RC" -eq 1 ]
    check "$desc: says why ($ERR)" grep -q -- "$want" <<<"$ERR"
    check "$desc: nothing changed" [ "$(db_state "$DB")" = "$before" ]
}
refusal "another scheme" "must start with http:// or https://" \
    webhook add $T ftp://example.org/hook
refusal "no URL" "must start with http" webhook add $T ""
refusal "no host" "names no host" webhook add $T http:///hook
refusal "credentials" "carries credentials" \
    webhook add $T https://user:pw@example.org/hook
refusal "a space" "a space or a control character" \
    webhook add $T "https://example.org/a hook"
refusal "unknown tracker" 'no tracker named "nosuch"' \
    webhook add nosuch https://example.org/hook
refusal "unknown kind" 'unknown kind "update.deleted"' \
    webhook add $T https://example.org/hook --kinds update.deleted
refusal "a URL the tracker has" "already sends to" \
    webhook add $T https://news.example.org/hook
refusal "removing what is not there" "there is no webhook 9" webhook remove 9
v webhook remove first
check "a webhook is named by its number: a usage error" [ "$RC" -eq 2 ]

# ==== What queues what ====

v post $T --title First --file "$TMP/body"
check "a published update: one row for each webhook that wants it" \
    [ "$(pending)" = 2 ]
v update pin $T 1
check "pinning tells nobody" [ "$(pending)" = 2 ]
v update edit $T 1 --rev 2 --title "First, edited"
check "an edit: the webhook of every kind" [ "$(pending)" = 3 ]
v update retract $T 1
check "a retraction: the webhook of every kind" [ "$(pending)" = 4 ]
check "the other tracker's webhook gets nothing of this one" \
    [ "$(sql "$DB" "SELECT count(*) FROM outbox WHERE webhook_id = 3")" = 0 ]
check "each row its own Idempotency-Key" [ "$(sql "$DB" \
    "SELECT count(DISTINCT idem_key) FROM outbox")" = 4 ]
check "and its kind" [ "$(sql "$DB" "SELECT kind FROM outbox WHERE \
webhook_id = 2 ORDER BY id" | tr '\n' ' ')" = "update.published \
update.edited update.retracted " ]

# A change whose notification cannot be written is not made: both are in
# one transaction.
if backend_is postgresql; then
    sql "$DB" "CREATE TRIGGER outbox_off BEFORE INSERT ON outbox FOR EACH ROW
        EXECUTE FUNCTION vigil_refuse('outbox refused')" >/dev/null
else
    sql "$DB" "CREATE TRIGGER outbox_off BEFORE INSERT ON outbox BEGIN
        SELECT RAISE(ABORT, 'outbox refused'); END" >/dev/null
fi
updates=$(sql "$DB" "SELECT count(*) FROM updates")
audits=$(audit_count "$DB")
v post $T --title Second --file "$TMP/body"
check "a post whose notification fails fails ($RC)" [ "$RC" -ne 0 ]
check "and leaves no update" \
    [ "$(sql "$DB" "SELECT count(*) FROM updates")" = "$updates" ]
check "and no audit row" [ "$(audit_count "$DB")" = "$audits" ]
if backend_is postgresql; then
    sql "$DB" "DROP TRIGGER outbox_off ON outbox" >/dev/null
else
    sql "$DB" "DROP TRIGGER outbox_off" >/dev/null
fi

# ==== Removing ====

v webhook remove 2
expect_ok "remove"
check "says so" [ "$OUT" = "removed webhook 2" ]
check "its undelivered rows go with it" [ "$(pending)" = 1 ]
check "audited as webhook.remove" grep -q '"action":"webhook.remove"' \
    <<<"$("$VIGIL" --db "$DB" audit --last 1)"
v webhook list --tracker $T
check "the list shows what is left" [ "$(cut -f1,5 <<<"$OUT")" = "1	pending 1" ]

v check
expect_ok "check"
finish
