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
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

enum { POOL_MAX = 8 };

struct pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    struct store *all[POOL_MAX];
    struct store *idle[POOL_MAX];
    size_t n, nidle;
};

/* Opens n (1..POOL_MAX) read-only connections to path. */
int pool_open(struct pool *p, const char *path, size_t n, struct vg_err *err);
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
