/*
 * sqlite_desk.c: the SQLite store's queries for desk forms being written:
 * the text kept as an editor types (autosaves) and who has an update open
 * (presence). Neither is part of the record: rows are replaced in place.
 */
#include "store/sqlite_int.h"

/* ==== Autosaves ==== */

static const char SQL_AUTOSAVE_PUT[] =
    "INSERT INTO autosaves (user_id, tracker_id, number, base_rev, title, "
    "body, kind, saved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (user_id, tracker_id, number) DO UPDATE SET "
    "base_rev = excluded.base_rev, title = excluded.title, "
    "body = excluded.body, kind = excluded.kind, "
    "saved_at = excluded.saved_at";
static const char SQL_AUTOSAVE_GET[] =
    "SELECT user_id, tracker_id, number, base_rev, title, body, kind, "
    "saved_at FROM autosaves WHERE user_id = ?1 AND tracker_id = ?2 "
    "AND number = ?3";
static const char SQL_AUTOSAVE_DELETE[] =
    "DELETE FROM autosaves WHERE user_id = ?1 AND tracker_id = ?2 "
    "AND number = ?3";

static void read_autosave(struct arena *a, sqlite3_stmt *s, struct autosave *as)
{
    as->user_id = sqlite3_column_int64(s, 0);
    as->tracker_id = sqlite3_column_int64(s, 1);
    as->number = sqlite3_column_int64(s, 2);
    as->base_rev = sqlite3_column_int64(s, 3);
    as->title = sq_text(a, s, 4);
    as->body = sq_text(a, s, 5);
    as->kind = sq_text(a, s, 6);
    as->saved_at = sq_time(s, 7);
}

int sqlite_autosave_put(struct store *base, const struct autosave *as,
                        struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_AUTOSAVE_PUT, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, as->user_id);
    sqlite3_bind_int64(s, 2, as->tracker_id);
    sqlite3_bind_int64(s, 3, as->number);
    sqlite3_bind_int64(s, 4, as->base_rev);
    sq_bind_text(s, 5, as->title);
    sq_bind_text(s, 6, as->body);
    sq_bind_text(s, 7, as->kind);
    sq_bind_time(s, 8, as->saved_at);
    return sq_exec(st, s, err);
}

/* Binds the key every autosave statement starts with. */
static void bind_key(sqlite3_stmt *s, int64_t user_id, int64_t tracker_id,
                     int64_t number)
{
    sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_int64(s, 2, tracker_id);
    sqlite3_bind_int64(s, 3, number);
}

int sqlite_autosave_get(struct store *base, struct arena *a, int64_t user_id,
                        int64_t tracker_id, int64_t number,
                        struct autosave *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_AUTOSAVE_GET, err);
    if (s == NULL)
        return VG_EIO;
    bind_key(s, user_id, tracker_id, number);
    READ_ONE(st, a, s, read_autosave, out, err);
}

int sqlite_autosave_delete(struct store *base, int64_t user_id,
                           int64_t tracker_id, int64_t number,
                           struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_AUTOSAVE_DELETE, err);
    if (s == NULL)
        return VG_EIO;
    bind_key(s, user_id, tracker_id, number);
    return sq_exec(st, s, err);
}

/* ==== Presence ==== */

static const char SQL_PRESENCE_TOUCH[] =
    "INSERT INTO presence (tracker_id, number, user_id, seen_at) "
    "VALUES (?2, ?3, ?1, ?4) ON CONFLICT (tracker_id, number, user_id) "
    "DO UPDATE SET seen_at = excluded.seen_at";
static const char SQL_PRESENCE_LIST[] =
    "SELECT u.login, p.seen_at FROM presence p JOIN users u "
    "ON u.id = p.user_id WHERE p.tracker_id = ?1 AND p.number = ?2 "
    "AND p.seen_at >= ?3 AND u.disabled = 0 "
    "ORDER BY p.seen_at DESC, u.login";

static void read_presence(struct arena *a, sqlite3_stmt *s, struct presence *p)
{
    p->login = sq_text(a, s, 0);
    p->seen_at = sq_time(s, 1);
}

int sqlite_presence_touch(struct store *base, int64_t user_id,
                          int64_t tracker_id, int64_t number, int64_t at,
                          struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_PRESENCE_TOUCH, err);
    if (s == NULL)
        return VG_EIO;
    bind_key(s, user_id, tracker_id, number);
    sq_bind_time(s, 4, at);
    return sq_exec(st, s, err);
}

int sqlite_presence_list(struct store *base, struct arena *a,
                         int64_t tracker_id, int64_t number, int64_t since,
                         struct presence **out, size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_PRESENCE_LIST, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sqlite3_bind_int64(s, 2, number);
    sq_bind_time(s, 3, since);
    COLLECT(st, a, s, struct presence, read_presence, out, n, err);
}
