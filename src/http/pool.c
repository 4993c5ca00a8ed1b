/* pool.c: a fixed set of read-only connections behind a mutex. */
#include "http/pool.h"

int pool_open(struct pool *p, const char *path, size_t n, struct vg_err *err)
{
    *p = (struct pool){0};
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    if (n < 1 || n > POOL_MAX)
        n = n < 1 ? 1 : POOL_MAX;
    for (size_t i = 0; i < n; i++) {
        int rc = store_open(path, STORE_READ_ONLY, &p->all[i], err);
        if (rc != 0) {
            pool_close(p);
            return rc;
        }
        p->idle[p->nidle++] = p->all[i];
        p->n++;
    }
    return 0;
}

void pool_close(struct pool *p)
{
    for (size_t i = 0; i < p->n; i++)
        store_close(p->all[i]);
    p->n = p->nidle = 0;
    pthread_cond_destroy(&p->freed);
    pthread_mutex_destroy(&p->lock);
}

struct store *pool_take(struct pool *p)
{
    pthread_mutex_lock(&p->lock);
    while (p->nidle == 0)
        pthread_cond_wait(&p->freed, &p->lock);
    struct store *st = p->idle[--p->nidle];
    pthread_mutex_unlock(&p->lock);
    return st;
}

void pool_give(struct pool *p, struct store *st)
{
    pthread_mutex_lock(&p->lock);
    p->idle[p->nidle++] = st;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

uint64_t pool_statements(struct pool *p)
{
    uint64_t total = 0;
    for (size_t i = 0; i < p->n; i++)
        total += store_statement_count(p->all[i]);
    return total;
}
