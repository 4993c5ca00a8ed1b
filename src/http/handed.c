/* handed.c: the deadlines of connections handed to libmicrohttpd (see
 * handed.h). A doubly linked list: the sweep walks it once a second, and
 * a close takes its entry off in constant time. */
#define _GNU_SOURCE
#include "http/handed.h"

#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "http/server.h"
#include "util/xmalloc.h"

struct handed {
    int fd;
    int64_t deadline; /* monotonic ms; 0: none (an answer is being made) */
    int64_t since;    /* waiting for the client since: accept, last answer */
    struct handed *prev, *next;
};

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* c's entry, or NULL when it is not tracked. */
static struct handed *entry_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

void handed_track(struct handed_list *l, struct MHD_Connection *c, void **ctx,
                  int64_t now_ms)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    struct handed *h = xcalloc(1, sizeof *h);
    h->fd = info ? info->connect_fd : -1;
    h->deadline = now_ms + HTTP_IDLE_TIMEOUT * 1000;
    h->since = now_ms;
    h->next = l->first;
    if (h->next)
        h->next->prev = h;
    l->first = h;
    *ctx = h;
}

void handed_untrack(struct handed_list *l, void **ctx)
{
    struct handed *h = *ctx;
    *ctx = NULL;
    if (h == NULL)
        return;
    if (h->prev)
        h->prev->next = h->next;
    else
        l->first = h->next;
    if (h->next)
        h->next->prev = h->prev;
    free(h);
}

unsigned handed_sweep(struct handed_list *l, int64_t now_ms)
{
    unsigned cut = 0;
    for (struct handed *h = l->first; h; h = h->next) {
        if (h->deadline == 0 || now_ms < h->deadline || h->fd < 0)
            continue;
        cut++;
        /* The daemon owns the descriptor: only its reading end is
         * ended here, and the daemon closes it when it reads that. */
        shutdown(h->fd, SHUT_RDWR);
        h->deadline = 0;
    }
    return cut;
}

/* A walk of the whole list: it runs only at the server's limit, where
 * the list holds a few thousand entries (a few microseconds). */
static struct handed *oldest(const struct handed_list *l)
{
    struct handed *best = NULL;
    for (struct handed *h = l->first; h; h = h->next)
        if (h->deadline != 0 && h->fd >= 0 &&
            (best == NULL || h->since < best->since))
            best = h;
    return best;
}

bool handed_oldest(const struct handed_list *l, int64_t *since)
{
    const struct handed *h = oldest(l);
    if (h)
        *since = h->since;
    return h != NULL;
}

bool handed_evict(struct handed_list *l)
{
    struct handed *h = oldest(l);
    if (h == NULL)
        return false;
    shutdown(h->fd, SHUT_RDWR); /* as the sweep does, before its time */
    h->deadline = 0;
    return true;
}

void handed_release(struct handed_list *l)
{
    while (l->first) {
        struct handed *h = l->first;
        l->first = h->next;
        free(h);
    }
}

void handed_request_body(struct MHD_Connection *c, uint64_t bytes)
{
    struct handed *h = entry_of(c);
    if (h == NULL)
        return;
    h->deadline = 0;
    if (bytes)
        h->deadline = monotonic_ms() + HANDED_BODY_GRACE * 1000 +
                      (int64_t)(bytes * 1000 / HANDED_BODY_RATE);
}

void handed_request_answered(struct MHD_Connection *c)
{
    struct handed *h = entry_of(c);
    if (h == NULL)
        return;
    h->since = monotonic_ms();
    h->deadline = h->since + HTTP_IDLE_TIMEOUT * 1000;
}
