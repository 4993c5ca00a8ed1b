/*
 * loop.h: the request threads. Each thread runs its own loop: its front
 * (http/front.h) accepts from the shared listening socket and answers
 * what it can, and hands the rest to the thread's own libmicrohttpd
 * daemon, run in external epoll mode from the same loop.
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
struct front;
struct loops;

/* Starts thread i of n's front and its daemon (external mode, no
 * listening socket, attached with front_attach). Returns 0, or -1 with
 * nothing left running. */
typedef int (*loop_start_fn)(void *cls, unsigned i, unsigned n,
                             struct front **f, struct MHD_Daemon **d);

/* Starts n fronts and daemons with start(cls, i, n, ...), then one thread
 * for each. Returns NULL (nothing left running) when one fails. */
struct loops *loops_start(unsigned n, loop_start_fn start, void *cls);
/* Resumes conn (suspended) from any thread and wakes its thread (l NULL:
 * a daemon no loop drives, which the caller runs); conn may be gone when
 * this returns. */
void loops_resume(struct loops *l, void *conn);
/* Every thread stops accepting connections (the listening socket stays
 * open: it is the caller's); the threads keep serving. */
void loops_quiesce(struct loops *l);
/* Stops the threads, then the daemons (closing their connections), then
 * the fronts (closing theirs). loops_free(NULL) is a no-op. */
void loops_free(struct loops *l);

#endif
