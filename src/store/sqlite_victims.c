/* sqlite_victims.c: the SQLite store's queries for the victims registry
 * (sealed fields stay sealed here: the store never sees a key). */
#include <string.h>

#include "model/enums.h"
#include "store/search.h"
#include "store/sqlite_int.h"

#define VICTIM_COLS                                                         \
    "id, tracker_id, number, rev_no, public, sealed, wrapped_key, status, " \
    "recorded_by, recorded_at"

static const char SQL_VICTIM_NEXT[] =
    "SELECT coalesce(max(number), 0) + 1 FROM victims WHERE tracker_id = ?1";
static const char SQL_VICTIM_INSERT[] =
    "INSERT INTO victims (tracker_id, number, rev_no, public, sealed, "
    "wrapped_key, status, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, "
    "?5, ?6, ?7, ?8, ?9)";
static const char SQL_VICTIM_SAVE[] =
    "UPDATE victims SET rev_no = ?2, public = ?3, sealed = ?4, "
    "wrapped_key = ?5, status = ?6 WHERE id = ?1";
static const char SQL_VICTIM_GET[] =
    "SELECT " VICTIM_COLS " FROM victims WHERE tracker_id = ?1 "
    "AND number = ?2";
static const char SQL_VICTIM_LIST[] =
    "SELECT " VICTIM_COLS " FROM victims WHERE tracker_id = ?1 "
    "ORDER BY number";
static const char SQL_VICTIM_IDENTIFIED[] =
    "SELECT count(*) FROM victims WHERE tracker_id = ?1 AND "
    "json_extract(public, '$.circumstance') IN ('killed', 'executed')";
static const char SQL_VICTIM_REV_HEAD[] =
    "SELECT seq, hash FROM victim_rev ORDER BY seq DESC LIMIT 1";
static const char SQL_VICTIM_REV_INSERT[] =
    "INSERT INTO victim_rev VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const uint8_t *blob(struct arena *a, sqlite3_stmt *s, int i, size_t *len)
{
    *len = (size_t)sqlite3_column_bytes(s, i);
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return NULL;
    uint8_t *p = arena_alloc(a, *len ? *len : 1);
    memcpy(p, sqlite3_column_blob(s, i), *len);
    return p;
}

static void read_victim(struct arena *a, sqlite3_stmt *s, struct victim *v)
{
    v->id = sqlite3_column_int64(s, 0);
    v->tracker_id = sqlite3_column_int64(s, 1);
    v->number = sqlite3_column_int64(s, 2);
    v->rev_no = sqlite3_column_int64(s, 3);
    v->public_json = sq_text(a, s, 4);
    v->sealed = blob(a, s, 5, &v->sealed_len);
    v->wrapped_key = blob(a, s, 6, &v->wrapped_len);
    v->status = (enum victim_status)sq_enum(s, 7, &victim_status_names);
    v->recorded_by = sq_text(a, s, 8);
    v->recorded_at = sq_time(s, 9);
}

static void bind_blob(sqlite3_stmt *s, int i, const uint8_t *p, size_t n)
{
    if (p)
        sqlite3_bind_blob(s, i, p, (int)n, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static int append_rev(struct sq_store *st, const struct victim *v,
                      struct vg_err *err)
{
    char at[TIMESTAMP_LEN + 1];
    struct col sealed = {'N', 0, NULL, 0};
    if (v->sealed)
        sealed = (struct col){'B', 0, (const char *)v->sealed, v->sealed_len};
    struct col cols[] = {
        col_int(0),
        col_int(v->id),
        col_int(v->rev_no),
        col_text(v->public_json),
        sealed,
        col_text(v->recorded_by),
        col_time(v->recorded_at, at),
        col_int(0),
        col_int(0),
    };
    int64_t seq;
    return sq_chain_append(st, SQL_VICTIM_REV_HEAD, SQL_VICTIM_REV_INSERT, cols,
                           sizeof cols / sizeof cols[0], &seq, err);
}

int sqlite_victim_next_number(struct store *base, int64_t tracker_id,
                              int64_t *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    return sq_scalar(st, SQL_VICTIM_NEXT, tracker_id, out, err);
}

int sqlite_victim_insert(struct store *base, struct victim *v,
                         struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_VICTIM_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, v->tracker_id);
    sqlite3_bind_int64(s, 2, v->number);
    sqlite3_bind_int64(s, 3, v->rev_no);
    sq_bind_text(s, 4, v->public_json);
    bind_blob(s, 5, v->sealed, v->sealed_len);
    bind_blob(s, 6, v->wrapped_key, v->wrapped_len);
    sq_bind_text(s, 7, enum_name(&victim_status_names, (int)v->status));
    sq_bind_text(s, 8, v->recorded_by);
    sq_bind_time(s, 9, v->recorded_at);
    int rc = sq_exec(st, s, err);
    if (rc != 0)
        return rc;
    v->id = sqlite3_last_insert_rowid(st->db);
    rc = append_rev(st, v, err);
    return rc ? rc : search_index_victim(base, v, err);
}

int sqlite_victim_save(struct store *base, const struct victim *v,
                       struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_VICTIM_SAVE, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, v->id);
    sqlite3_bind_int64(s, 2, v->rev_no);
    sq_bind_text(s, 3, v->public_json);
    bind_blob(s, 4, v->sealed, v->sealed_len);
    bind_blob(s, 5, v->wrapped_key, v->wrapped_len);
    sq_bind_text(s, 6, enum_name(&victim_status_names, (int)v->status));
    int rc = sq_exec(st, s, err);
    if (rc == 0)
        rc = append_rev(st, v, err);
    return rc ? rc : search_index_victim(base, v, err);
}

int sqlite_victim_get(struct store *base, struct arena *a, int64_t tracker_id,
                      int64_t number, struct victim *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_VICTIM_GET, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sqlite3_bind_int64(s, 2, number);
    READ_ONE(st, a, s, read_victim, out, err);
}

int sqlite_victim_list(struct store *base, struct arena *a, int64_t tracker_id,
                       struct victim **out, size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_VICTIM_LIST, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    COLLECT(st, a, s, struct victim, read_victim, out, n, err);
}

int sqlite_victim_identified(struct store *base, int64_t tracker_id,
                             int64_t *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    return sq_scalar(st, SQL_VICTIM_IDENTIFIED, tracker_id, out, err);
}
