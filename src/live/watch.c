/* watch.c: commits to cache invalidations and live events. */
#define _POSIX_C_SOURCE 200809L
#include "live/watch.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "core/day.h"
#include "live/events.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/xmalloc.h"

enum { MAX_WATCHED = 64, CHANGES_PER_ROUND = 500 };

struct watch {
    struct store *st;
    struct store *standby; /* where the node reads, when not st */
    atomic_bool *behind;   /* set while the standby lags (reads: primary) */
    struct cache *cache;
    struct hub *hub;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop, poked;
    bool notices; /* the store tells of commits (store_changes_listen) */
    bool unread;  /* the last round could not read every change */
    atomic_bool read_ok, listen_ok; /* the last round's health */
    int64_t version;                /* data_version last seen */
    int64_t seq;                    /* last change published */
    int64_t last_tick;
    struct {
        int64_t tracker_id, day;
    } days[MAX_WATCHED]; /* Day N last announced per watched tracker */
    size_t ndays;
};

static int64_t now_utc(void)
{
    int64_t now;
    if (clock_now(&now, NULL) != 0)
        now = (int64_t)time(NULL);
    return now;
}

/* Publishes the changes after w->seq; returns how many were read. A
 * change that cannot be read (the database gone for a moment: a restart,
 * a failover) stops the round before it with w->unread set, so the next
 * round reads it again: moving w->seq past it would lose its event for
 * every reader of this node. */
static size_t publish_changes(struct watch *w)
{
    struct arena a = ARENA_INIT;
    struct change *c;
    size_t n = 0;
    if (store_change_list(w->st, &a, w->seq, CHANGES_PER_ROUND, &c, &n, NULL) !=
        0) {
        w->unread = true;
        n = 0;
    }
    for (size_t i = 0; i < n; i++) {
        struct live_event ev;
        int rc = live_event_render(w->st, &a, &c[i], &ev, NULL);
        if (rc == VG_EIO) {
            free(ev.data);
            w->unread = true;
            n = 0;
            break;
        }
        if (rc == 0 && ev.data)
            hub_publish(w->hub, ev.tracker_id, c[i].seq, ev.name, ev.data,
                        now_utc());
        free(ev.data);
        w->seq = c[i].seq;
    }
    arena_release(&a);
    return n;
}

/* Announces Day N to a watched tracker's readers when it moves on. */
static void check_day(struct watch *w, int64_t tracker_id, int64_t now)
{
    struct arena a = ARENA_INIT;
    struct tracker t;
    struct day_info d;
    if (store_tracker_by_id(w->st, &a, tracker_id, &t, NULL) == 0 &&
        tracker_day(&t, now, &d, NULL) == 0) {
        size_t i = 0;
        while (i < w->ndays && w->days[i].tracker_id != tracker_id)
            i++;
        if (i == w->ndays && w->ndays < MAX_WATCHED) {
            w->days[w->ndays].tracker_id = tracker_id;
            w->days[w->ndays++].day = d.number;
        } else if (i < w->ndays && w->days[i].day != d.number) {
            w->days[i].day = d.number;
            char *data = live_day_data(&t, &d);
            hub_publish(w->hub, tracker_id, 0, "day", data, now);
            free(data);
        }
    }
    arena_release(&a);
}

static void tick(struct watch *w, int64_t now)
{
    int64_t ids[MAX_WATCHED];
    hub_tick(w->hub, now);
    size_t n = hub_channels(w->hub, ids, MAX_WATCHED);
    for (size_t i = 0; i < n; i++)
        check_day(w, ids[i], now);
}

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* True once the standby has every change the primary has. */
static bool standby_has(struct watch *w, int64_t want)
{
    int64_t have = 0;
    return store_change_last(w->standby, &have, NULL) == 0 && have >= want;
}

/* Before a change is served (pages dropped, events sent): wait until the
 * standby the node reads from has it, so no reader sees a page older than
 * the event it was just sent; past WATCH_STANDBY_WAIT_MS the node reads
 * from the primary until the standby catches up (checked every round). */
static void await_standby(struct watch *w, bool changed)
{
    int64_t want;
    if (w->standby == NULL || store_change_last(w->st, &want, NULL) != 0)
        return;
    if (!changed) { /* a round without news: only see if it caught up */
        if (atomic_load(w->behind) && standby_has(w, want))
            atomic_store(w->behind, false);
        return;
    }
    int64_t until = monotonic_ms() + WATCH_STANDBY_WAIT_MS;
    while (!standby_has(w, want)) {
        if (monotonic_ms() >= until) {
            atomic_store(w->behind, true);
            return;
        }
        struct timespec pause = {0, 2 * 1000000L};
        nanosleep(&pause, NULL);
    }
    atomic_store(w->behind, false);
}

/* One round: invalidate and publish when the database changed. */
static void round_once(struct watch *w, bool poked)
{
    int64_t v;
    bool read = store_data_version(w->st, &v, NULL) == 0;
    atomic_store(&w->read_ok, read);
    bool changed = read && (v != w->version || poked || w->unread);
    await_standby(w, changed);
    if (changed) {
        w->version = v;
        w->unread = false;
        cache_invalidate(w->cache);
        while (publish_changes(w) == CHANGES_PER_ROUND)
            ;
    }
    int64_t now = now_utc();
    if (now != w->last_tick) {
        w->last_tick = now;
        tick(w, now);
    }
}

/* With a store that tells of commits (PostgreSQL): a notice, from any
 * node, starts a round at once; so does a lost connection, once made
 * again (the round reads the change log from the last change
 * published). Between notices, a round every WATCH_INTERVAL_MS still
 * sends heartbeats and checks data_version. */
static void *run_notified(struct watch *w)
{
    bool stop = false;
    while (!stop) {
        int rc = store_changes_wait(w->st, WATCH_INTERVAL_MS, NULL);
        atomic_store(&w->listen_ok, rc >= 0);
        pthread_mutex_lock(&w->lock);
        bool poked = w->poked || rc == 1;
        w->poked = false;
        stop = w->stop;
        pthread_mutex_unlock(&w->lock);
        if (!stop)
            round_once(w, poked);
    }
    return NULL;
}

static void *run(void *p)
{
    struct watch *w = p;
    if (w->notices)
        return run_notified(w);
    pthread_mutex_lock(&w->lock);
    while (!w->stop) {
        bool poked = w->poked;
        w->poked = false;
        pthread_mutex_unlock(&w->lock);
        round_once(w, poked);
        pthread_mutex_lock(&w->lock);
        if (w->stop || w->poked)
            continue;
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += WATCH_INTERVAL_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&w->wake, &w->lock, &until);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

/* Fills the hub with the last changes, so resuming readers find them. */
static void preload(struct watch *w)
{
    int64_t last = 0;
    store_change_last(w->st, &last, NULL);
    w->seq = last > WATCH_REPLAY ? last - WATCH_REPLAY : 0;
    hub_set_floor(w->hub, w->seq);
    while (publish_changes(w) == CHANGES_PER_ROUND)
        ;
    store_data_version(w->st, &w->version, NULL);
}

int watch_start(const char *db, const struct watch_reads *reads,
                struct cache *cache, struct hub *hub, struct watch **out,
                struct vg_err *err)
{
    struct watch *w = xcalloc(1, sizeof *w);
    int rc = store_open(db, STORE_READ_ONLY, &w->st, err);
    if (rc == 0 && reads && reads->standby) {
        rc = store_open(reads->standby, STORE_READ_ONLY, &w->standby, err);
        w->behind = reads->behind;
    }
    if (rc != 0) {
        store_close(w->st);
        free(w);
        return rc;
    }
    w->cache = cache;
    w->hub = hub;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    /* Before the preload: a commit after it is then noticed. */
    w->notices = store_changes_listen(w->st, NULL) == 0;
    preload(w);
    atomic_store(&w->listen_ok, true);
    atomic_store(&w->read_ok, true);
    pthread_create(&w->thread, NULL, run, w);
    *out = w;
    return 0;
}

bool watch_healthy(struct watch *w)
{
    return atomic_load(&w->read_ok) &&
           (!w->notices || atomic_load(&w->listen_ok));
}

void watch_poke(struct watch *w)
{
    pthread_mutex_lock(&w->lock);
    w->poked = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
}

void watch_stop(struct watch *w)
{
    if (w == NULL)
        return;
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    store_close(w->st);
    store_close(w->standby);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
}
