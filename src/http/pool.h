/*
 * pool.h: read-only database connections shared by the request threads.
 *
 * Rendering a page takes a connection, reads in one short transaction and
 * gives it back; no connection is held while waiting for a client
 * (reference/security.md finding 7), so the WAL can always checkpoint.
 */
#ifndef VIGIL_HTTP_POOL_H
#define VIGIL_HTTP_POOL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

enum { POOL_MAX = 8 };

/* One database's connections. */
struct pool_set {
    struct store *all[POOL_MAX];
    struct store *idle[POOL_MAX];
    size_t n, nidle;
};

struct pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    struct pool_set reads;   /* the database reads go to */
    struct pool_set primary; /* with reads on a standby: the primary's, */
    atomic_bool behind;      /* taken while the standby lags (live/watch.h) */
    size_t n;                /* connections in reads */
};

/* Opens n (1..POOL_MAX) read-only connections to path. */
int pool_open(struct pool *p, const char *path, size_t n, struct vg_err *err);
/* The same on a hot standby (--db-read), with as many to the primary for
 * the moments the standby lags behind a change (pool.behind set). */
int pool_open_standby(struct pool *p, const char *standby, const char *primary,
                      size_t n, struct vg_err *err);
/* Closes every connection; none may be taken. */
void pool_close(struct pool *p);
/* Takes a connection, waiting for one if all are busy. */
struct store *pool_take(struct pool *p);
/* Gives a taken connection back. */
void pool_give(struct pool *p, struct store *st);
/* The statements run by all the pool's connections (for /metrics and the
 * test that a cached read runs none). */
uint64_t pool_statements(struct pool *p);

#endif
