/*
 * loop.c: one front and one libmicrohttpd daemon per thread, run from
 * our own loop (see loop.h for why).
 *
 * A thread waits in its front (front_wait) for at most the daemon's next
 * connection timeout; the front's epoll set holds the daemon's epoll
 * descriptor, and other threads wake it after they resume one of the
 * daemon's connections (external mode has no wake-up channel of its
 * own). MHD_run() then handles what is ready and returns without
 * waiting.
 */
#define _GNU_SOURCE
#include "http/loop.h"

#include <limits.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "http/front.h"
#include "util/xmalloc.h"

struct loop {
    struct front *f;
    struct MHD_Daemon *d;
    atomic_bool quiesce, stop;
    bool quiesced, started;
    pthread_t thread;
};

struct loops {
    unsigned n;
    struct loop loop[];
};

/* Milliseconds until the daemon's next connection timeout; -1: none. */
static int timeout_ms(struct MHD_Daemon *d)
{
    MHD_UNSIGNED_LONG_LONG ms;
    if (MHD_get_timeout(d, &ms) != MHD_YES)
        return -1;
    return ms > INT_MAX ? INT_MAX : (int)ms;
}

static void *run(void *arg)
{
    struct loop *l = arg;
    while (!atomic_load(&l->stop)) {
        bool due = front_wait(l->f, timeout_ms(l->d));
        if (atomic_load(&l->quiesce) && !l->quiesced) {
            front_quiesce(l->f);
            l->quiesced = true;
        }
        /* Also when a connection's timeout passed, or the daemon kept
         * ready connections for its next round. */
        if (due || timeout_ms(l->d) == 0)
            MHD_run(l->d);
    }
    return NULL;
}

struct loops *loops_start(unsigned n, loop_start_fn start, void *cls)
{
    struct loops *ls = xcalloc(1, sizeof *ls + n * sizeof ls->loop[0]);
    for (unsigned i = 0; i < n; i++) {
        struct loop *l = &ls->loop[i];
        ls->n = i + 1;
        if (start(cls, i, n, &l->f, &l->d) != 0 ||
            pthread_create(&l->thread, NULL, run, l) != 0) {
            loops_free(ls);
            return NULL;
        }
        l->started = true;
    }
    return ls;
}

void loops_resume(struct loops *ls, void *conn)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_DAEMON);
    struct MHD_Daemon *d = info ? info->daemon : NULL;
    /* Once resumed, its thread may end the connection at any moment: the
     * daemon is read before. */
    MHD_resume_connection(conn);
    for (unsigned i = 0; ls && d && i < ls->n; i++)
        if (ls->loop[i].d == d)
            front_wake(ls->loop[i].f);
}

void loops_quiesce(struct loops *ls)
{
    for (unsigned i = 0; i < ls->n; i++) {
        atomic_store(&ls->loop[i].quiesce, true);
        front_wake(ls->loop[i].f);
    }
}

void loops_free(struct loops *ls)
{
    if (ls == NULL)
        return;
    for (unsigned i = 0; i < ls->n; i++) {
        struct loop *l = &ls->loop[i];
        atomic_store(&l->stop, true);
        if (l->started) {
            front_wake(l->f);
            pthread_join(l->thread, NULL);
        }
        /* The daemon's close notifications still count in the front. */
        if (l->d)
            MHD_stop_daemon(l->d);
        front_free(l->f);
    }
    free(ls);
}
