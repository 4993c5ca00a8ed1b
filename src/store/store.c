/*
 * store.c: store.h's functions, each a call through the connection's
 * table of operations (store/backend.h), and the choice of backend by the
 * --db argument.
 */
#include "store/backend.h"

#include <string.h>

/* A libpq connection string: a URI, or keywords ("host=a,b dbname=x"). */
static bool is_postgresql(const char *db)
{
    return strncmp(db, "postgresql://", 13) == 0 ||
           strncmp(db, "postgres://", 11) == 0 || strchr(db, '=') != NULL;
}

bool store_db_is_file(const char *db)
{
    return !is_postgresql(db);
}

/* Builds the search index when it lacks the records (the first open
 * after the migration that made it), and writes the rows a bulk import
 * left to the backlog (store.h). */
static int search_catch_up(struct store *st, struct vg_err *err)
{
    bool stale = false;
    int rc = store_search_stale(st, &stale, err);
    if (rc != 0)
        return rc;
    if (stale) {
        rc = store_begin(st, err);
        if (rc == 0 && (rc = store_search_rebuild(st, err)) == 0)
            return store_commit(st, err);
        store_rollback(st);
        return rc;
    }
    int64_t left;
    rc = store_search_backlog_count(st, &left, err);
    while (rc == 0 && left > 0)
        rc = store_search_catch_up(st, &left, err);
    return rc;
}

int store_open(const char *path, enum store_mode mode, struct store **out,
               struct vg_err *err)
{
    int rc = is_postgresql(path) ? pg_open(path, mode, out, err)
                                 : sqlite_open(path, mode, out, err);
    if (rc == 0 && mode != STORE_READ_ONLY &&
        (rc = search_catch_up(*out, err)) != 0) {
        store_close(*out);
        *out = NULL;
    }
    return rc;
}

void store_close(struct store *st)
{
    if (st)
        st->ops->close(st);
}

#define CALL(ret, name, params, args) \
    ret store_##name params           \
    {                                 \
        return st->ops->name args;    \
    }
#define VCALL(name, params, args) \
    void store_##name params      \
    {                             \
        st->ops->name args;       \
    }
STORE_OPS(CALL, VCALL)
