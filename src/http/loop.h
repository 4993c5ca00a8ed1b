/*
 * loop.h: the request threads. Each thread runs its own libmicrohttpd
 * daemon in external epoll mode and does the waiting itself; the daemons
 * share one listening socket.
 *
 * Why not libmicrohttpd's own threads: in 0.9.75 (and up to 1.0.1) its
 * internal epoll loop drains events in rounds of 128 and calls epoll_wait
 * again, with the full timeout, whenever a round came back full. With
 * exactly 128 or 256 ready connections it consumes their (edge-triggered)
 * events, then sleeps until another event or the next connection timeout
 * (up to 15 s) before serving any of them: benchmark P1 stalled at 128
 * and 256 keep-alive connections. MHD_run() never waits, so from our own
 * loop the daemon cannot stall.
 */
#ifndef VIGIL_HTTP_LOOP_H
#define VIGIL_HTTP_LOOP_H

#include <stdbool.h>

struct MHD_Daemon;
struct loops;

/* Starts daemon i of n (external mode: no MHD_USE_INTERNAL_POLLING_THREAD)
 * or returns NULL. */
typedef struct MHD_Daemon *(*loop_daemon_fn)(void *cls, unsigned i, unsigned n);

/* Starts n daemons with start(cls, i, n), then one thread for each.
 * Returns NULL (nothing left running) when a daemon or thread fails. */
struct loops *loops_start(unsigned n, loop_daemon_fn start, void *cls);
/* Makes the thread of conn's daemon look at it again: call after
 * MHD_resume_connection(conn) from any thread. */
void loops_wake(struct loops *l, void *conn);
/* Every daemon stops accepting connections (and leaves the listening
 * socket open: it is the caller's); the threads keep serving. */
void loops_quiesce(struct loops *l);
/* Stops the threads, then the daemons (closing their connections).
 * loops_free(NULL) is a no-op. */
void loops_free(struct loops *l);

#endif
