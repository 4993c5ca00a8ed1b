/* scheduler.c: publishing scheduled updates on time, writing the search
 * rows a bulk import left behind, and (in a thread of its own, courier.h)
 * delivering webhooks' notifications. */
#include "http/scheduler.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/updates.h"
#include "http/courier.h"
#include "http/request.h"
#include "live/watch.h"
#include "util/clock.h"
#include "util/xmalloc.h"

struct scheduler {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    struct app *app;
    struct courier *courier; /* webhooks' deliveries, its own thread */
};

/* One round: publishes what is due. */
static void publish_due(struct app *app)
{
    struct arena arena = {0};
    struct vg_err err = VG_ERR_INIT;
    int64_t now;
    size_t count = 0;
    if (clock_now(&now, NULL) != 0)
        now = (int64_t)time(NULL);
    pthread_mutex_lock(&app->write_lock);
    struct op op = {app->writer, &arena, "scheduler", now, ROLE_EDITOR};
    int rc = update_publish_due(&op, &count, &err);
    pthread_mutex_unlock(&app->write_lock);
    if (rc != 0)
        fprintf(stderr, "vigil: scheduler: %s\n", err.msg);
    if (count)
        watch_poke(app->watch);
    arena_release(&arena);
}

/* One round's share of the search backlog (store.h): the rows of one
 * chunk of imported events, so the writer is never held for long. */
static void index_backlog(struct app *app)
{
    struct vg_err err = VG_ERR_INIT;
    int64_t left = 0;
    pthread_mutex_lock(&app->write_lock);
    int rc = store_search_backlog_count(app->writer, &left, &err);
    if (rc == 0 && left > 0)
        rc = store_search_catch_up(app->writer, &left, &err);
    pthread_mutex_unlock(&app->write_lock);
    if (rc != 0)
        fprintf(stderr, "vigil: search index: %s\n", err.msg);
}

static void *run(void *p)
{
    struct scheduler *s = p;
    pthread_mutex_lock(&s->lock);
    while (!s->stop) {
        pthread_mutex_unlock(&s->lock);
        publish_due(s->app);
        index_backlog(s->app);
        struct timespec next;
        clock_gettime(CLOCK_REALTIME, &next);
        next.tv_sec += 1;
        pthread_mutex_lock(&s->lock);
        while (!s->stop &&
               pthread_cond_timedwait(&s->wake, &s->lock, &next) != ETIMEDOUT)
            ;
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

struct scheduler *scheduler_start(struct app *app)
{
    struct scheduler *s = xcalloc(1, sizeof *s);
    s->app = app;
    s->courier = courier_start(app);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    if (pthread_create(&s->thread, NULL, run, s) != 0) {
        courier_stop(s->courier);
        free(s);
        return NULL;
    }
    return s;
}

void scheduler_stop(struct scheduler *s)
{
    if (s == NULL)
        return;
    pthread_mutex_lock(&s->lock);
    s->stop = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    courier_stop(s->courier);
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
