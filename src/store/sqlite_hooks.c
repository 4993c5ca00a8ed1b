/*
 * sqlite_hooks.c: webhooks and their outbox in SQLite (store.h,
 * "Webhooks and their outbox"; migration 23 has the tables).
 *
 * A take and a settle run in the caller's write transaction: SQLite's
 * write lock makes a take exclusive, so the lease it sets is seen by every
 * other connection's next take.
 */
#include <stdio.h>

#include "store/sqlite_int.h"

static const char SQL_HOOK_INSERT[] =
    "INSERT INTO webhooks (tracker_id, url, secret, kinds, created_by, "
    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_HOOK_LIST[] =
    "SELECT w.id, w.tracker_id, w.url, w.secret, w.kinds, w.created_by, "
    "w.created_at, t.slug, (SELECT count(*) FROM outbox o WHERE "
    "o.webhook_id = w.id AND o.delivered_at IS NULL), (SELECT count(*) FROM "
    "outbox o WHERE o.webhook_id = w.id AND o.delivered_at IS NOT NULL) "
    "FROM webhooks w JOIN trackers t ON t.id = w.tracker_id "
    "WHERE ?1 = 0 OR w.tracker_id = ?1 ORDER BY w.id";
static const char SQL_HOOK_DROP_ROWS[] =
    "DELETE FROM outbox WHERE webhook_id = ?1";
static const char SQL_HOOK_DELETE[] = "DELETE FROM webhooks WHERE id = ?1";
static const char SQL_OUTBOX_ENQUEUE[] =
    "INSERT INTO outbox (webhook_id, kind, payload, idem_key, created_at, "
    "due_ms) SELECT id, ?1, ?2, ?3 || '-' || id, ?4, ?5 FROM webhooks "
    "WHERE tracker_id = ?6 AND (',' || kinds || ',') LIKE "
    "('%,' || ?1 || ',%') ORDER BY id";
static const char SQL_OUTBOX_DUE[] =
    "SELECT o.id, o.webhook_id, w.url, w.secret, o.kind, o.payload, "
    "o.idem_key, o.attempts FROM outbox o JOIN webhooks w ON "
    "w.id = o.webhook_id WHERE o.id IN (SELECT min(id) FROM outbox WHERE "
    "delivered_at IS NULL GROUP BY webhook_id) AND o.due_ms <= ?1 AND "
    "o.lease_ms < ?1 ORDER BY o.id LIMIT ?2";
static const char SQL_OUTBOX_LEASE[] =
    "UPDATE outbox SET lease_ms = ?2 WHERE id = ?1";
static const char SQL_OUTBOX_SETTLE[] =
    "UPDATE outbox SET attempts = attempts + 1, lease_ms = 0, "
    "delivered_at = CASE WHEN ?3 IS NULL THEN ?2 END, last_error = ?3, "
    "due_ms = ?4 WHERE id = ?1";

int sqlite_webhook_insert(struct store *base, struct webhook *w,
                          struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_HOOK_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, w->tracker_id);
    sq_bind_text(s, 2, w->url);
    sq_bind_text(s, 3, w->secret);
    sq_bind_text(s, 4, w->kinds);
    sq_bind_text(s, 5, w->created_by);
    sq_bind_time(s, 6, w->created_at);
    int rc = sq_exec(st, s, err);
    if (rc == 0)
        w->id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

static void read_hook(struct arena *a, sqlite3_stmt *s, struct webhook *w)
{
    w->id = sqlite3_column_int64(s, 0);
    w->tracker_id = sqlite3_column_int64(s, 1);
    w->url = sq_text(a, s, 2);
    w->secret = sq_text(a, s, 3);
    w->kinds = sq_text(a, s, 4);
    w->created_by = sq_text(a, s, 5);
    w->created_at = sq_time(s, 6);
    w->tracker_slug = sq_text(a, s, 7);
    w->pending = sqlite3_column_int64(s, 8);
    w->delivered = sqlite3_column_int64(s, 9);
}

int sqlite_webhook_list(struct store *base, struct arena *a, int64_t tracker_id,
                        struct webhook **out, size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_HOOK_LIST, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    COLLECT(st, a, s, struct webhook, read_hook, out, n, err);
}

int sqlite_webhook_delete(struct store *base, int64_t id, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_HOOK_DROP_ROWS, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, id);
    int rc = sq_exec(st, s, err);
    if (rc == 0 && (s = sq_prepare(st, SQL_HOOK_DELETE, err)) == NULL)
        rc = VG_EIO;
    if (rc != 0)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    rc = sq_exec(st, s, err);
    if (rc == 0 && sqlite3_changes(st->db) == 0)
        return vg_err_set(err, VG_ENOTFOUND, "webhook",
                          "there is no webhook %lld", (long long)id);
    return rc;
}

int sqlite_outbox_enqueue(struct store *base, int64_t tracker_id,
                          const char *kind, const char *payload,
                          const char *key_prefix, int64_t at, int64_t due_ms,
                          size_t *queued, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_OUTBOX_ENQUEUE, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, kind);
    sq_bind_text(s, 2, payload);
    sq_bind_text(s, 3, key_prefix);
    sq_bind_time(s, 4, at);
    sqlite3_bind_int64(s, 5, due_ms);
    sqlite3_bind_int64(s, 6, tracker_id);
    int rc = sq_exec(st, s, err);
    *queued = rc == 0 ? (size_t)sqlite3_changes(st->db) : 0;
    return rc;
}

static void read_delivery(struct arena *a, sqlite3_stmt *s, struct delivery *d)
{
    d->id = sqlite3_column_int64(s, 0);
    d->webhook_id = sqlite3_column_int64(s, 1);
    d->url = sq_text(a, s, 2);
    d->secret = sq_text(a, s, 3);
    d->kind = sq_text(a, s, 4);
    d->payload = sq_text(a, s, 5);
    d->key = sq_text(a, s, 6);
    d->attempts = sqlite3_column_int64(s, 7);
}

/* The due rows, read before any is held. */
static int due_rows(struct sq_store *st, struct arena *a, int64_t now_ms,
                    size_t limit, struct delivery **out, size_t *n,
                    struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare(st, SQL_OUTBOX_DUE, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, now_ms);
    sqlite3_bind_int64(s, 2, (int64_t)limit);
    COLLECT(st, a, s, struct delivery, read_delivery, out, n, err);
}

int sqlite_outbox_take(struct store *base, struct arena *a, int64_t now_ms,
                       int64_t lease_ms, size_t limit, struct delivery **out,
                       size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    int rc = due_rows(st, a, now_ms, limit, out, n, err);
    for (size_t i = 0; rc == 0 && i < *n; i++) {
        sqlite3_stmt *s = sq_prepare(st, SQL_OUTBOX_LEASE, err);
        if (s == NULL)
            return VG_EIO;
        sqlite3_bind_int64(s, 1, (*out)[i].id);
        sqlite3_bind_int64(s, 2, lease_ms);
        rc = sq_exec(st, s, err);
    }
    return rc;
}

int sqlite_outbox_settle(struct store *base, int64_t id, int64_t at,
                         const char *error, int64_t due_ms, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_OUTBOX_SETTLE, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, id);
    sq_bind_time(s, 2, at);
    sq_bind_text(s, 3, error);
    sqlite3_bind_int64(s, 4, due_ms);
    return sq_exec(st, s, err);
}
