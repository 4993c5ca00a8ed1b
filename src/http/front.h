/*
 * front.h: the front of a request thread: it accepts connections first,
 * answers GETs of cached pages and serves live streams itself, and hands
 * every other connection to the thread's libmicrohttpd daemon (front.c
 * says why and what exactly). One per request thread (loop.h); only
 * front_wake may be called from another thread.
 */
#ifndef VIGIL_HTTP_FRONT_H
#define VIGIL_HTTP_FRONT_H

#include <microhttpd.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct app;
struct front;

/* A front accepting from listen_fd (which stays the caller's). `held`
 * counts the connections of every front, their own and those handed
 * over, and is shared by all of them: past `limit`, a new connection is
 * answered 503 and closed. Returns NULL when it cannot make its epoll or
 * eventfd descriptors. */
struct front *front_new(struct app *app, int listen_fd, atomic_uint *held,
                        unsigned limit);
/* The daemon that takes the connections the front does not answer: one
 * started with MHD_USE_EPOLL, MHD_USE_NO_LISTEN_SOCKET and
 * MHD_OPTION_NOTIFY_CONNECTION front_on_connection with this front.
 * False when its epoll descriptor cannot be had. */
bool front_attach(struct front *f, struct MHD_Daemon *d);
/* That notification: counts the connections handed over until they end,
 * and keeps their deadlines (http/handed.h; the socket context is its). */
void front_on_connection(void *cls, struct MHD_Connection *c, void **socket,
                         enum MHD_ConnectionNotificationCode code);

/* One round of the thread's loop: waits at most timeout_ms (-1: no
 * limit) for the sockets, the daemon or a wake-up, and handles what is
 * ready. Returns true when the daemon has work to do (call MHD_run). */
bool front_wait(struct front *f, int timeout_ms);
/* From any thread: makes front_wait return true soon (after
 * MHD_resume_connection of one of the daemon's connections). */
void front_wake(struct front *f);
/* Stops accepting connections. */
void front_quiesce(struct front *f);
/* Closes every connection the front holds and frees it (after its
 * daemon stopped). front_free(NULL) is a no-op. */
void front_free(struct front *f);

#endif
