/*
 * hashers.c: the password-hash threads and their two bounded lanes.
 *
 * Each lane has its own thread: an editor's sign-in starts at once
 * however long the ordinary queue is. Both run at nice HASHER_NICE, so
 * that hashes yield the CPU to the request threads (readers), and an
 * unknown login still takes as long as a known one (reference/security.md
 * T24) whichever lane it waits in.
 * A lane counts its places from hashers_reserve until its job starts
 * running, so a reserved job always finds room when it is pushed.
 */
#define _GNU_SOURCE
#include "http/hashers.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "util/xmalloc.h"

enum { HASHER_NICE = 10 };

struct lane {
    struct hash_job *head, *tail;
    unsigned taken; /* reserved or queued */
    unsigned max;
};

struct hashers;

struct worker {
    struct hashers *h;
    int lane; /* the one it serves */
    pthread_t thread;
};

struct hashers {
    pthread_mutex_t lock;
    pthread_cond_t work;
    struct lane lane[2]; /* [1]: the priority lane */
    bool stop;
    struct worker worker[HASHERS];
    unsigned started;
    struct hashers_stats stats;
};

/* The next job of the lane; NULL when stopping. Called with the lock
 * held; counts the job as running. */
static struct hash_job *next_job(struct hashers *h, struct lane *l)
{
    while (!h->stop && l->head == NULL)
        pthread_cond_wait(&h->work, &h->lock);
    if (h->stop)
        return NULL;
    struct hash_job *j = l->head;
    l->head = j->next;
    if (l->head == NULL)
        l->tail = NULL;
    l->taken--;
    h->stats.hashing++;
    h->stats.hashes++;
    if (h->stats.hashing > h->stats.hashing_max)
        h->stats.hashing_max = h->stats.hashing;
    return j;
}

static void *on_thread(void *arg)
{
    struct worker *w = arg;
    struct hashers *h = w->h;
    /* Linux: a thread's own nice; lowering it needs no privilege. */
    setpriority(PRIO_PROCESS, (id_t)gettid(), HASHER_NICE);
    pthread_mutex_lock(&h->lock);
    struct hash_job *j;
    while ((j = next_job(h, &h->lane[w->lane])) != NULL) {
        pthread_mutex_unlock(&h->lock);
        j->run(j);
        j->done(j); /* j may be gone from here on */
        pthread_mutex_lock(&h->lock);
        h->stats.hashing--;
    }
    pthread_mutex_unlock(&h->lock);
    return NULL;
}

struct hashers *hashers_new(void)
{
    struct hashers *h = xcalloc(1, sizeof *h);
    pthread_mutex_init(&h->lock, NULL);
    pthread_cond_init(&h->work, NULL);
    h->lane[0].max = HASH_QUEUE_MAX;
    h->lane[1].max = HASH_PRIORITY_MAX;
    for (; h->started < HASHERS; h->started++) {
        struct worker *w = &h->worker[h->started];
        *w = (struct worker){h, (int)(h->started % 2), 0};
        if (pthread_create(&w->thread, NULL, on_thread, w) != 0)
            abort(); /* at start: no threads, no sign-in */
    }
    return h;
}

void hashers_stop(struct hashers *h)
{
    pthread_mutex_lock(&h->lock);
    bool was = h->stop;
    h->stop = true;
    struct hash_job *cancelled = NULL;
    for (int i = 0; i < 2; i++) {
        for (struct hash_job *j = h->lane[i].head, *next; j; j = next) {
            next = j->next;
            j->next = cancelled;
            cancelled = j;
        }
        h->lane[i] = (struct lane){0};
    }
    pthread_cond_broadcast(&h->work);
    pthread_mutex_unlock(&h->lock);
    for (struct hash_job *j = cancelled, *next; j; j = next) {
        next = j->next;
        j->cancelled = true;
        j->done(j);
    }
    for (unsigned i = 0; !was && i < h->started; i++)
        pthread_join(h->worker[i].thread, NULL);
}

void hashers_free(struct hashers *h)
{
    if (h == NULL)
        return;
    hashers_stop(h);
    pthread_cond_destroy(&h->work);
    pthread_mutex_destroy(&h->lock);
    free(h);
}

bool hashers_reserve(struct hashers *h, bool priority)
{
    pthread_mutex_lock(&h->lock);
    struct lane *l = &h->lane[priority];
    bool ok = !h->stop && l->taken < l->max;
    if (ok)
        l->taken++;
    else
        h->stats.refused++;
    pthread_mutex_unlock(&h->lock);
    return ok;
}

void hashers_push(struct hashers *h, struct hash_job *j)
{
    j->next = NULL;
    j->cancelled = false;
    pthread_mutex_lock(&h->lock);
    if (h->stop) { /* stopping: hand it back unrun */
        pthread_mutex_unlock(&h->lock);
        j->cancelled = true;
        j->done(j);
        return;
    }
    struct lane *l = &h->lane[j->priority];
    if (l->tail)
        l->tail->next = j;
    else
        l->head = j;
    l->tail = j;
    pthread_cond_broadcast(&h->work); /* the lane's own thread must wake */
    pthread_mutex_unlock(&h->lock);
}

void hashers_stats(struct hashers *h, struct hashers_stats *out)
{
    pthread_mutex_lock(&h->lock);
    *out = h->stats;
    out->queued = h->lane[0].taken + h->lane[1].taken;
    pthread_mutex_unlock(&h->lock);
}
