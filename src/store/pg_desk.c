/*
 * pg_desk.c: the PostgreSQL store's queries for desk forms being written:
 * autosaved text and presence (the twin of sqlite_desk.c).
 */
#include "store/pg_int.h"

/* ==== Autosaves ==== */

static const char SQL_AUTOSAVE_PUT[] =
    "INSERT INTO autosaves (user_id, tracker_id, number, base_rev, title, "
    "body, kind, saved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (user_id, tracker_id, number) DO UPDATE SET "
    "base_rev = excluded.base_rev, title = excluded.title, "
    "body = excluded.body, kind = excluded.kind, "
    "saved_at = excluded.saved_at";
static const char SQL_AUTOSAVE_GET[] =
    "SELECT user_id, tracker_id, number, base_rev, title, body, kind, "
    "saved_at FROM autosaves WHERE user_id = $1 AND tracker_id = $2 "
    "AND number = $3";
static const char SQL_AUTOSAVE_DELETE[] =
    "DELETE FROM autosaves WHERE user_id = $1 AND tracker_id = $2 "
    "AND number = $3";

static void read_autosave(struct arena *a, const PGresult *res, int r,
                          struct autosave *as)
{
    as->user_id = pg_int(res, r, 0);
    as->tracker_id = pg_int(res, r, 1);
    as->number = pg_int(res, r, 2);
    as->base_rev = pg_int(res, r, 3);
    as->title = pg_text(a, res, r, 4);
    as->body = pg_text(a, res, r, 5);
    as->kind = pg_text(a, res, r, 6);
    as->saved_at = pg_time(res, r, 7);
}

/* Binds the key every autosave statement starts with. */
static void bind_key(struct pg_params *p, int64_t user_id, int64_t tracker_id,
                     int64_t number)
{
    pg_bind_int(p, 1, user_id);
    pg_bind_int(p, 2, tracker_id);
    pg_bind_int(p, 3, number);
}

int pg_autosave_put(struct store *base, const struct autosave *as,
                    struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_key(&p, as->user_id, as->tracker_id, as->number);
    pg_bind_int(&p, 4, as->base_rev);
    pg_bind_text(&p, 5, as->title);
    pg_bind_text(&p, 6, as->body);
    pg_bind_text(&p, 7, as->kind);
    pg_bind_time(&p, 8, as->saved_at);
    return pg_exec(st, SQL_AUTOSAVE_PUT, &p, err);
}

int pg_autosave_get(struct store *base, struct arena *a, int64_t user_id,
                    int64_t tracker_id, int64_t number, struct autosave *out,
                    struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_key(&p, user_id, tracker_id, number);
    PG_READ_ONE(st, a, SQL_AUTOSAVE_GET, &p, read_autosave, out, err);
}

int pg_autosave_delete(struct store *base, int64_t user_id, int64_t tracker_id,
                       int64_t number, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_key(&p, user_id, tracker_id, number);
    return pg_exec(st, SQL_AUTOSAVE_DELETE, &p, err);
}

/* ==== Presence ==== */

static const char SQL_PRESENCE_TOUCH[] =
    "INSERT INTO presence (tracker_id, number, user_id, seen_at) "
    "VALUES ($2, $3, $1, $4) ON CONFLICT (tracker_id, number, user_id) "
    "DO UPDATE SET seen_at = excluded.seen_at";
/* Timestamps have one fixed format: compared as their bytes. */
static const char SQL_PRESENCE_LIST[] =
    "SELECT u.login, p.seen_at FROM presence p JOIN users u "
    "ON u.id = p.user_id WHERE p.tracker_id = $1 AND p.number = $2 "
    "AND p.seen_at >= $3 COLLATE \"C\" AND u.disabled = 0 "
    "ORDER BY p.seen_at COLLATE \"C\" DESC, u.login COLLATE \"C\"";

static void read_presence(struct arena *a, const PGresult *res, int r,
                          struct presence *p)
{
    p->login = pg_text(a, res, r, 0);
    p->seen_at = pg_time(res, r, 1);
}

int pg_presence_touch(struct store *base, int64_t user_id, int64_t tracker_id,
                      int64_t number, int64_t at, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_key(&p, user_id, tracker_id, number);
    pg_bind_time(&p, 4, at);
    return pg_exec(st, SQL_PRESENCE_TOUCH, &p, err);
}

int pg_presence_list(struct store *base, struct arena *a, int64_t tracker_id,
                     int64_t number, int64_t since, struct presence **out,
                     size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_int(&p, 2, number);
    pg_bind_time(&p, 3, since);
    PG_COLLECT(st, a, SQL_PRESENCE_LIST, &p, struct presence, read_presence,
               out, n, err);
}
