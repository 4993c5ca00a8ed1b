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

int store_open(const char *path, enum store_mode mode, struct store **out,
               struct vg_err *err)
{
    if (is_postgresql(path))
        return pg_open(path, mode, out, err);
    return sqlite_open(path, mode, out, err);
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
