/*
 * pg_hooks.c: webhooks and their outbox in PostgreSQL, as sqlite_hooks.c
 * does them.
 *
 * Nodes sharing the record each run a delivery thread. A take and a
 * settle run in the caller's write transaction, whose advisory lock
 * (pg_int.h) every writer of every node queues on: one node's take sees
 * the leases another's set, so no two nodes hold a row at once. The lease
 * (not a row lock) is what survives the transaction, for as long as the
 * attempt may take.
 */
#include <stdlib.h>

#include "store/pg_int.h"

static const char SQL_HOOK_INSERT[] =
    "INSERT INTO webhooks (id, tracker_id, url, secret, kinds, created_by, "
    "created_at) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM webhooks), "
    "$1, $2, $3, $4, $5, $6) RETURNING id";
static const char SQL_HOOK_LIST[] =
    "SELECT w.id, w.tracker_id, w.url, w.secret, w.kinds, w.created_by, "
    "w.created_at, t.slug, (SELECT count(*) FROM outbox o WHERE "
    "o.webhook_id = w.id AND o.delivered_at IS NULL), (SELECT count(*) FROM "
    "outbox o WHERE o.webhook_id = w.id AND o.delivered_at IS NOT NULL) "
    "FROM webhooks w JOIN trackers t ON t.id = w.tracker_id "
    "WHERE $1::bigint = 0 OR w.tracker_id = $1::bigint ORDER BY w.id";
static const char SQL_HOOK_DROP_ROWS[] =
    "DELETE FROM outbox WHERE webhook_id = $1";
static const char SQL_HOOK_DELETE[] = "DELETE FROM webhooks WHERE id = $1";
/* Ids as SQLite assigns them: the largest plus one, in webhook order. */
static const char SQL_OUTBOX_ENQUEUE[] =
    "INSERT INTO outbox (id, webhook_id, kind, payload, idem_key, "
    "created_at, due_ms) SELECT (SELECT coalesce(max(id), 0) FROM outbox) + "
    "row_number() OVER (ORDER BY id), id, $1::text, $2, $3::text || '-' || "
    "id::text, $4, $5 FROM webhooks WHERE tracker_id = $6 AND "
    "(',' || kinds || ',') LIKE ('%,' || $1::text || ',%')";
static const char SQL_OUTBOX_DUE[] =
    "SELECT o.id, o.webhook_id, w.url, w.secret, o.kind, o.payload, "
    "o.idem_key, o.attempts FROM outbox o JOIN webhooks w ON "
    "w.id = o.webhook_id WHERE o.id IN (SELECT min(id) FROM outbox WHERE "
    "delivered_at IS NULL GROUP BY webhook_id) AND o.due_ms <= $1 AND "
    "o.lease_ms < $1 ORDER BY o.id LIMIT $2";
static const char SQL_OUTBOX_LEASE[] =
    "UPDATE outbox SET lease_ms = $2 WHERE id = $1";
static const char SQL_OUTBOX_SETTLE[] =
    "UPDATE outbox SET attempts = attempts + 1, lease_ms = 0, "
    "delivered_at = CASE WHEN $3::text IS NULL THEN $2::text END, "
    "last_error = $3::text, due_ms = $4 WHERE id = $1";

int pg_webhook_insert(struct store *base, struct webhook *w, struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, w->tracker_id);
    pg_bind_text(&p, 2, w->url);
    pg_bind_text(&p, 3, w->secret);
    pg_bind_text(&p, 4, w->kinds);
    pg_bind_text(&p, 5, w->created_by);
    pg_bind_time(&p, 6, w->created_at);
    return pg_insert_id(pg_of(base), SQL_HOOK_INSERT, &p, &w->id, err);
}

static void read_hook(struct arena *a, const PGresult *res, int r,
                      struct webhook *w)
{
    w->id = pg_int(res, r, 0);
    w->tracker_id = pg_int(res, r, 1);
    w->url = pg_text(a, res, r, 2);
    w->secret = pg_text(a, res, r, 3);
    w->kinds = pg_text(a, res, r, 4);
    w->created_by = pg_text(a, res, r, 5);
    w->created_at = pg_time(res, r, 6);
    w->tracker_slug = pg_text(a, res, r, 7);
    w->pending = pg_int(res, r, 8);
    w->delivered = pg_int(res, r, 9);
}

int pg_webhook_list(struct store *base, struct arena *a, int64_t tracker_id,
                    struct webhook **out, size_t *n, struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    PG_COLLECT(pg_of(base), a, SQL_HOOK_LIST, &p, struct webhook, read_hook,
               out, n, err);
}

/* Runs sql with id as $1 and sets *changed to the rows it changed. */
static int exec_counted(struct pg_store *st, const char *sql, int64_t id,
                        int64_t *changed, struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, id);
    PGresult *res = pg_query(st, sql, &p, err);
    if (res == NULL)
        return VG_EIO;
    *changed = strtoll(PQcmdTuples(res), NULL, 10);
    PQclear(res);
    return 0;
}

int pg_webhook_delete(struct store *base, int64_t id, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    int64_t changed = 0;
    int rc = exec_counted(st, SQL_HOOK_DROP_ROWS, id, &changed, err);
    if (rc == 0)
        rc = exec_counted(st, SQL_HOOK_DELETE, id, &changed, err);
    if (rc == 0 && changed == 0)
        return vg_err_set(err, VG_ENOTFOUND, "webhook",
                          "there is no webhook %lld", (long long)id);
    return rc;
}

int pg_outbox_enqueue(struct store *base, int64_t tracker_id, const char *kind,
                      const char *payload, const char *key_prefix, int64_t at,
                      int64_t due_ms, size_t *queued, struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_text(&p, 1, kind);
    pg_bind_text(&p, 2, payload);
    pg_bind_text(&p, 3, key_prefix);
    pg_bind_time(&p, 4, at);
    pg_bind_int(&p, 5, due_ms);
    pg_bind_int(&p, 6, tracker_id);
    *queued = 0;
    PGresult *res = pg_query(pg_of(base), SQL_OUTBOX_ENQUEUE, &p, err);
    if (res == NULL)
        return VG_EIO;
    *queued = (size_t)strtoll(PQcmdTuples(res), NULL, 10);
    PQclear(res);
    return 0;
}

static void read_delivery(struct arena *a, const PGresult *res, int r,
                          struct delivery *d)
{
    d->id = pg_int(res, r, 0);
    d->webhook_id = pg_int(res, r, 1);
    d->url = pg_text(a, res, r, 2);
    d->secret = pg_text(a, res, r, 3);
    d->kind = pg_text(a, res, r, 4);
    d->payload = pg_text(a, res, r, 5);
    d->key = pg_text(a, res, r, 6);
    d->attempts = pg_int(res, r, 7);
}

/* The due rows, read before any is held. */
static int due_rows(struct pg_store *st, struct arena *a, int64_t now_ms,
                    size_t limit, struct delivery **out, size_t *n,
                    struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, now_ms);
    pg_bind_int(&p, 2, (int64_t)limit);
    PG_COLLECT(st, a, SQL_OUTBOX_DUE, &p, struct delivery, read_delivery, out,
               n, err);
}

int pg_outbox_take(struct store *base, struct arena *a, int64_t now_ms,
                   int64_t lease_ms, size_t limit, struct delivery **out,
                   size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    int rc = due_rows(st, a, now_ms, limit, out, n, err);
    for (size_t i = 0; rc == 0 && i < *n; i++) {
        struct pg_params p = PG_PARAMS_INIT;
        pg_bind_int(&p, 1, (*out)[i].id);
        pg_bind_int(&p, 2, lease_ms);
        rc = pg_exec(st, SQL_OUTBOX_LEASE, &p, err);
    }
    return rc;
}

int pg_outbox_settle(struct store *base, int64_t id, int64_t at,
                     const char *error, int64_t due_ms, struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, id);
    pg_bind_time(&p, 2, at);
    pg_bind_text(&p, 3, error);
    pg_bind_int(&p, 4, due_ms);
    return pg_exec(pg_of(base), SQL_OUTBOX_SETTLE, &p, err);
}
