/*
 * loop.c: one libmicrohttpd daemon per thread, run from our own loop
 * (see loop.h for why).
 *
 * A thread waits with poll() on its daemon's epoll descriptor and on an
 * eventfd that other threads write to after they resume a connection
 * (external mode has no wake-up channel of its own), for at most the
 * daemon's next connection timeout, then calls MHD_run(), which handles
 * what is ready and returns without waiting.
 */
#define _GNU_SOURCE
#include "http/loop.h"

#include <limits.h>
#include <microhttpd.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "util/xmalloc.h"

struct loop {
    struct MHD_Daemon *d;
    int epoll_fd; /* the daemon's, not ours to close */
    int wake_fd;  /* eventfd */
    atomic_bool woken, quiesce, stop;
    bool quiesced, started;
    pthread_t thread;
};

struct loops {
    unsigned n;
    struct loop loop[];
};

static void wake(struct loop *l)
{
    uint64_t one = 1;
    /* One write per round of the loop is enough: it clears `woken`
     * before it runs the daemon. */
    if (!atomic_exchange(&l->woken, true) &&
        write(l->wake_fd, &one, sizeof one) < 0) {
        /* the counter cannot overflow in practice; nothing to do */
    }
}

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
    struct pollfd p[2] = {{l->epoll_fd, POLLIN, 0}, {l->wake_fd, POLLIN, 0}};
    while (!atomic_load(&l->stop)) {
        if (poll(p, 2, timeout_ms(l->d)) > 0 && (p[1].revents & POLLIN)) {
            uint64_t n;
            if (read(l->wake_fd, &n, sizeof n) < 0) {
                /* EAGAIN: another round already took it */
            }
        }
        atomic_store(&l->woken, false);
        if (atomic_load(&l->quiesce) && !l->quiesced) {
            MHD_quiesce_daemon(l->d);
            l->quiesced = true;
        }
        MHD_run(l->d);
    }
    return NULL;
}

static int loop_init(struct loop *l, struct MHD_Daemon *d)
{
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(d, MHD_DAEMON_INFO_EPOLL_FD);
    l->d = d;
    l->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (info == NULL || l->wake_fd < 0)
        return -1;
    l->epoll_fd = info->epoll_fd;
    if (pthread_create(&l->thread, NULL, run, l) != 0)
        return -1;
    l->started = true;
    return 0;
}

struct loops *loops_start(unsigned n, loop_daemon_fn start, void *cls)
{
    struct loops *ls = xcalloc(1, sizeof *ls + n * sizeof ls->loop[0]);
    for (unsigned i = 0; i < n; i++) {
        struct loop *l = &ls->loop[i];
        l->wake_fd = -1;
        struct MHD_Daemon *d = start(cls, i, n);
        ls->n = i + 1;
        if (d == NULL || loop_init(l, d) != 0) {
            l->d = d;
            loops_free(ls);
            return NULL;
        }
    }
    return ls;
}

void loops_wake(struct loops *ls, void *conn)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_DAEMON);
    for (unsigned i = 0; info && i < ls->n; i++)
        if (ls->loop[i].d == info->daemon)
            wake(&ls->loop[i]);
}

void loops_quiesce(struct loops *ls)
{
    for (unsigned i = 0; i < ls->n; i++) {
        atomic_store(&ls->loop[i].quiesce, true);
        wake(&ls->loop[i]);
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
            wake(l);
            pthread_join(l->thread, NULL);
        }
        if (l->d) {
            /* The listening socket is shared: no daemon may close it. */
            if (!l->quiesced)
                MHD_quiesce_daemon(l->d);
            MHD_stop_daemon(l->d);
        }
        if (l->wake_fd >= 0)
            close(l->wake_fd);
    }
    free(ls);
}
