/*
 * handed.h: the deadlines of the connections a front handed to its
 * libmicrohttpd daemon (http/front.h).
 *
 * libmicrohttpd's own timeout restarts on every byte, so a client
 * trickling a body, or the next head of a kept-alive connection, would
 * hold a connection for good. Each handed connection has one deadline
 * at a time: for reading the head the front handed over, then for the
 * body (HANDED_BODY_GRACE plus its length at HANDED_BODY_RATE), none
 * while the answer is made and sent, then for the next whole head
 * (HTTP_IDLE_TIMEOUT after the answer). Past it, the front's sweep shuts
 * the socket down, and the daemon, reading its end, closes it.
 *
 * Every call runs on the thread of the front and its daemon. Times are
 * monotonic milliseconds.
 */
#ifndef VIGIL_HTTP_HANDED_H
#define VIGIL_HTTP_HANDED_H

#include <microhttpd.h>
#include <stdbool.h>
#include <stdint.h>

enum {
    HANDED_BODY_GRACE = 15,  /* seconds for any body, plus: */
    HANDED_BODY_RATE = 4096, /* bytes per second of the body at least */
};

struct handed;

/* The daemon's connections of one front; embedded zeroed. */
struct handed_list {
    struct handed *first;
};

/* ==== From the daemon's connection notifications ==== */

/* Starts keeping connection c (just handed over): *ctx, its socket
 * context, becomes its entry, with HTTP_IDLE_TIMEOUT to read its head. */
void handed_track(struct handed_list *l, struct MHD_Connection *c, void **ctx,
                  int64_t now_ms);
/* Forgets the closed connection whose socket context is *ctx (NULL: one
 * never tracked), and clears *ctx. */
void handed_untrack(struct handed_list *l, void **ctx);

/* ==== From the front ==== */

/* Shuts down the sockets past their deadline; returns how many. */
unsigned handed_sweep(struct handed_list *l, int64_t now_ms);
/* Of the connections still reading a head or a body (one being answered
 * has no deadline), the one that has waited longest for its client:
 * false when there is none, else *since is when it began to wait (its
 * accept, or its last answer). */
bool handed_oldest(const struct handed_list *l, int64_t *since);
/* Shuts down that connection now (it makes room under the server's
 * limit, http/front.c); the daemon's close notification gives back its
 * place. False when there is none. */
bool handed_evict(struct handed_list *l);
/* Frees every entry (after the daemon stopped). */
void handed_release(struct handed_list *l);

/* ==== From the access handler (server.c) ==== */

/* A request of c with a body of at most `bytes`: the body must come
 * within HANDED_BODY_GRACE plus bytes at HANDED_BODY_RATE. 0 (no body, or
 * all of it read) lifts the deadline while the answer is made and sent.
 * No-op for a connection not tracked. */
void handed_request_body(struct MHD_Connection *c, uint64_t bytes);
/* After c's answer: its next head must come whole within
 * HTTP_IDLE_TIMEOUT, however slowly its bytes trickle in. */
void handed_request_answered(struct MHD_Connection *c);

#endif
