/*
 * copy.c: store_copy, a record moved between databases of either backend
 * (`vigil copy`), row by row through the backends' raw scan and insert.
 *
 * Both backends keep the same values in the same columns (store/rows.h),
 * so a row read from one is written to the other unchanged and its hash
 * still holds: the copy's chains verify and its exports are the same
 * bytes.
 */
#include "store/backend.h"
#include "store/migrations.h"

#include <string.h>

bool store_is_record_table(const char *table)
{
    for (size_t i = 0; record_tables[i]; i++)
        if (strcmp(record_tables[i], table) == 0)
            return true;
    return false;
}

/* Each database makes its own secrets when created; the record's move
 * with it (a known device's cookie stays valid across the move). */
static bool per_install(const char *table)
{
    return strcmp(table, "secrets") == 0;
}

static int found_one(const struct col *cols, size_t n, void *ctx)
{
    (void)cols, (void)n;
    *(const char **)ctx = "row";
    return 1;
}

/* VG_ECONFLICT when `to` holds any row of the record. */
static int check_empty(struct store *to, struct vg_err *err)
{
    for (size_t i = 0; record_tables[i]; i++) {
        if (per_install(record_tables[i]))
            continue;
        const char *seen = NULL;
        int rc = store_rows_scan(to, record_tables[i], found_one, &seen, err);
        if (rc < 0)
            return rc;
        if (seen)
            return vg_err_set(err, VG_ECONFLICT, "to",
                              "the target already holds a record (table %s "
                              "has rows); copy only into a new database",
                              record_tables[i]);
    }
    return 0;
}

struct copying {
    struct store *to;
    const char *table;
    struct vg_err *err;
    size_t rows;
};

static int copy_row(const struct col *cols, size_t n, void *ctx)
{
    struct copying *c = ctx;
    c->rows++;
    return store_rows_insert(c->to, c->table, cols, n, per_install(c->table),
                             c->err);
}

static int copy_rows(struct store *from, struct store *to, struct vg_err *err)
{
    int rc = store_read_begin(from, err);
    if (rc != 0)
        return rc;
    rc = store_begin(to, err);
    if (rc == 0)
        rc = check_empty(to, err);
    for (size_t i = 0; rc == 0 && record_tables[i]; i++) {
        struct copying c = {to, record_tables[i], err, 0};
        rc = store_rows_scan(from, record_tables[i], copy_row, &c, err);
    }
    if (rc == 0)
        rc = store_commit(to, err);
    else
        store_rollback(to);
    store_read_end(from);
    return rc;
}

/* The search index is no record: it is built anew from the rows copied,
 * once they are in (PostgreSQL's COPY of them holds the connection until
 * their commit). Should this fail, the next read-write open builds it. */
static int index_copy(struct store *to, struct vg_err *err)
{
    int rc = store_begin(to, err);
    if (rc == 0 && (rc = store_search_rebuild(to, err)) == 0)
        return store_commit(to, err);
    store_rollback(to);
    return rc;
}

int store_copy(struct store *from, struct store *to, struct buf *report,
               struct vg_err *err)
{
    if (store_schema_version(from) != store_schema_version(to))
        return vg_err_set(err, VG_EINVAL, "to",
                          "the databases' schemas differ (%d and %d): open "
                          "both with this Vigil first",
                          store_schema_version(from), store_schema_version(to));
    int rc = store_check(from, report, err);
    if (rc == VG_ECORRUPT)
        return vg_err_set(err, VG_ECORRUPT, "from",
                          "the source fails its check; nothing was copied");
    if (rc == 0)
        rc = copy_rows(from, to, err);
    if (rc == 0)
        rc = index_copy(to, err);
    if (rc == 0 && store_check(to, report, err) != 0)
        return vg_err_set(err, VG_ECORRUPT, "to", "the copy fails its check");
    return rc;
}
