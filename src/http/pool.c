/* pool.c: read-only connections behind a mutex: to the record's
 * database, or to its hot standby with the primary's beside them. */
#include "http/pool.h"

static int open_set(struct pool_set *set, const char *path, size_t n,
                    struct vg_err *err)
{
    for (size_t i = 0; i < n; i++) {
        int rc = store_open(path, STORE_READ_ONLY, &set->all[i], err);
        if (rc != 0)
            return rc;
        set->idle[set->nidle++] = set->all[i];
        set->n++;
    }
    return 0;
}

static void close_set(struct pool_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        store_close(set->all[i]);
    set->n = set->nidle = 0;
}

static size_t clamp(size_t n)
{
    return n < 1 ? 1 : n > POOL_MAX ? POOL_MAX : n;
}

int pool_open(struct pool *p, const char *path, size_t n, struct vg_err *err)
{
    return pool_open_standby(p, path, NULL, n, err);
}

int pool_open_standby(struct pool *p, const char *standby, const char *primary,
                      size_t n, struct vg_err *err)
{
    *p = (struct pool){0};
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    n = clamp(n);
    int rc = open_set(&p->reads, standby, n, err);
    if (rc == 0 && primary)
        rc = open_set(&p->primary, primary, n, err);
    p->n = p->reads.n;
    if (rc != 0)
        pool_close(p);
    return rc;
}

void pool_close(struct pool *p)
{
    close_set(&p->reads);
    close_set(&p->primary);
    p->n = 0;
    pthread_cond_destroy(&p->freed);
    pthread_mutex_destroy(&p->lock);
}

/* The set to take from now: the primary's while a standby lags. */
static struct pool_set *current(struct pool *p)
{
    if (p->primary.n && atomic_load(&p->behind))
        return &p->primary;
    return &p->reads;
}

struct store *pool_take(struct pool *p)
{
    pthread_mutex_lock(&p->lock);
    struct pool_set *set;
    while ((set = current(p))->nidle == 0)
        pthread_cond_wait(&p->freed, &p->lock);
    struct store *st = set->idle[--set->nidle];
    pthread_mutex_unlock(&p->lock);
    return st;
}

/* The set st belongs to. */
static struct pool_set *owner(struct pool *p, struct store *st)
{
    for (size_t i = 0; i < p->primary.n; i++)
        if (p->primary.all[i] == st)
            return &p->primary;
    return &p->reads;
}

void pool_give(struct pool *p, struct store *st)
{
    pthread_mutex_lock(&p->lock);
    struct pool_set *set = owner(p, st);
    set->idle[set->nidle++] = st;
    pthread_cond_broadcast(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

uint64_t pool_statements(struct pool *p)
{
    uint64_t total = 0;
    for (size_t i = 0; i < p->reads.n; i++)
        total += store_statement_count(p->reads.all[i]);
    for (size_t i = 0; i < p->primary.n; i++)
        total += store_statement_count(p->primary.all[i]);
    return total;
}
