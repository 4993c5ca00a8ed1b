/* pg_victims.c: the PostgreSQL store's queries for the victims registry
 * (the twin of sqlite_victims.c; sealed fields stay sealed here: the store
 * never sees a key). */
#include "model/enums.h"
#include "store/pg_int.h"
#include "store/search.h"

#define VICTIM_COLS                                                         \
    "id, tracker_id, number, rev_no, public, sealed, wrapped_key, status, " \
    "recorded_by, recorded_at"

static const char SQL_VICTIM_NEXT[] =
    "SELECT coalesce(max(number), 0) + 1 FROM victims WHERE tracker_id = $1";
/* The id SQLite gives an INTEGER PRIMARY KEY: the largest plus one (the
 * write lock keeps it from racing). */
static const char SQL_VICTIM_INSERT[] =
    "INSERT INTO victims (id, tracker_id, number, rev_no, public, sealed, "
    "wrapped_key, status, recorded_by, recorded_at) VALUES ((SELECT "
    "coalesce(max(id), 0) + 1 FROM victims), $1, $2, $3, $4, $5, $6, $7, $8, "
    "$9) RETURNING id";
static const char SQL_VICTIM_SAVE[] =
    "UPDATE victims SET rev_no = $2, public = $3, sealed = $4, "
    "wrapped_key = $5, status = $6 WHERE id = $1";
static const char SQL_VICTIM_GET[] =
    "SELECT " VICTIM_COLS " FROM victims WHERE tracker_id = $1 "
    "AND number = $2";
static const char SQL_VICTIM_LIST[] =
    "SELECT " VICTIM_COLS " FROM victims WHERE tracker_id = $1 "
    "ORDER BY number";
/* SQLite's json_extract gives NULL for a document without the key, or
 * one that is not an object; ->> does too. */
static const char SQL_VICTIM_IDENTIFIED[] =
    "SELECT count(*) FROM victims WHERE tracker_id = $1 AND "
    "public::json->>'circumstance' IN ('killed', 'executed')";
static const char SQL_VICTIM_REV_HEAD[] =
    "SELECT seq, hash FROM victim_rev ORDER BY seq DESC LIMIT 1";
static const char SQL_VICTIM_REV_INSERT[] =
    "INSERT INTO victim_rev VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

static void read_victim(struct arena *a, const PGresult *res, int r,
                        struct victim *v)
{
    v->id = pg_int(res, r, 0);
    v->tracker_id = pg_int(res, r, 1);
    v->number = pg_int(res, r, 2);
    v->rev_no = pg_int(res, r, 3);
    v->public_json = pg_text(a, res, r, 4);
    v->sealed = pg_blob(a, res, r, 5, &v->sealed_len);
    v->wrapped_key = pg_blob(a, res, r, 6, &v->wrapped_len);
    v->status = (enum victim_status)pg_enum(res, r, 7, &victim_status_names);
    v->recorded_by = pg_text(a, res, r, 8);
    v->recorded_at = pg_time(res, r, 9);
}

/* Binds a blob, or NULL when p is. */
static void bind_blob(struct pg_params *p, int i, const uint8_t *data, size_t n)
{
    if (data)
        pg_bind_blob(p, i, data, n);
    else
        pg_bind_null(p, i);
}

static int append_rev(struct pg_store *st, const struct victim *v,
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
    return pg_chain_append(st, SQL_VICTIM_REV_HEAD, SQL_VICTIM_REV_INSERT, cols,
                           sizeof cols / sizeof cols[0], NULL, 0, &seq, err);
}

int pg_victim_next_number(struct store *base, int64_t tracker_id, int64_t *out,
                          struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    return pg_scalar(st, SQL_VICTIM_NEXT, tracker_id, out, err);
}

int pg_victim_insert(struct store *base, struct victim *v, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, v->tracker_id);
    pg_bind_int(&p, 2, v->number);
    pg_bind_int(&p, 3, v->rev_no);
    pg_bind_text(&p, 4, v->public_json);
    bind_blob(&p, 5, v->sealed, v->sealed_len);
    bind_blob(&p, 6, v->wrapped_key, v->wrapped_len);
    pg_bind_text(&p, 7, enum_name(&victim_status_names, (int)v->status));
    pg_bind_text(&p, 8, v->recorded_by);
    pg_bind_time(&p, 9, v->recorded_at);
    PGresult *res = pg_query(st, SQL_VICTIM_INSERT, &p, err);
    if (res == NULL)
        return err && err->code ? err->code : VG_EIO;
    v->id = pg_int(res, 0, 0);
    PQclear(res);
    int rc = append_rev(st, v, err);
    return rc ? rc : search_index_victim(base, v, err);
}

int pg_victim_save(struct store *base, const struct victim *v,
                   struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, v->id);
    pg_bind_int(&p, 2, v->rev_no);
    pg_bind_text(&p, 3, v->public_json);
    bind_blob(&p, 4, v->sealed, v->sealed_len);
    bind_blob(&p, 5, v->wrapped_key, v->wrapped_len);
    pg_bind_text(&p, 6, enum_name(&victim_status_names, (int)v->status));
    int rc = pg_exec(st, SQL_VICTIM_SAVE, &p, err);
    if (rc == 0)
        rc = append_rev(st, v, err);
    return rc ? rc : search_index_victim(base, v, err);
}

int pg_victim_get(struct store *base, struct arena *a, int64_t tracker_id,
                  int64_t number, struct victim *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_int(&p, 2, number);
    PG_READ_ONE(st, a, SQL_VICTIM_GET, &p, read_victim, out, err);
}

int pg_victim_list(struct store *base, struct arena *a, int64_t tracker_id,
                   struct victim **out, size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    PG_COLLECT(st, a, SQL_VICTIM_LIST, &p, struct victim, read_victim, out, n,
               err);
}

int pg_victim_identified(struct store *base, int64_t tracker_id, int64_t *out,
                         struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    return pg_scalar(st, SQL_VICTIM_IDENTIFIED, tracker_id, out, err);
}
