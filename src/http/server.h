/*
 * server.h: `vigil serve`: the public site over HTTP (libmicrohttpd).
 *
 * Each request thread has a front (http/front.h) that accepts, answers
 * cached pages and live streams, and hands the rest to the thread's
 * libmicrohttpd daemon, in epoll mode, run from Vigil's own loop
 * (http/loop.h), with every limit of reference/security.md C1 set
 * explicitly; every response, errors included, carries the headers of C3. Pages
 * come from the page cache; a watcher notices commits by any other process (the
 * CLI) within 100 ms through SQLite's data_version and invalidates the cache.
 */
#ifndef VIGIL_HTTP_SERVER_H
#define VIGIL_HTTP_SERVER_H

#include "http/request.h"
#include "util/err.h"

enum {
    HTTP_URL_MAX = 2048,        /* 414 beyond */
    HTTP_COOKIE_MAX = 4096,     /* 431 beyond */
    HTTP_BODY_MAX = 256 * 1024, /* 413 beyond */
    /* An upload route's body (R_UPLOAD): an image of up to media.h's
     * MEDIA_MAX_BYTES, its fields and the multipart framing. */
    HTTP_UPLOAD_MAX = 26 * 1024 * 1024,
    HTTP_CONNECTIONS = 8192, /* more when --sse-max asks for more readers */
    HTTP_PER_IP = 64,
    HTTP_PER_V6_NET = 256,          /* connections per IPv6 /64 */
    HTTP_IDLE_TIMEOUT = 15,         /* seconds */
    HTTP_CONNECTION_MEMORY = 32768, /* bytes; headers beyond get 431 */
    CACHE_PAGES = 4096,
    SSE_MAX = 6000,      /* live subscribers in all */
    SSE_PER_CLIENT = 32, /* per address (IPv6: per /64) */
    SSE_RETRY_AFTER = 30 /* seconds, with a 503 over the caps */
};

/*
 * The request path without sockets, for the request-path fuzzer
 * (tests/fuzz/fuzz_request.c): server_app_new() makes what `serve` makes
 * for cfg (pool, writer, cache, hub, watcher) but listens nowhere;
 * server_bare_daemon() gives a libmicrohttpd daemon with no socket and no
 * thread running the same callbacks (limits, routes, handlers, errors):
 * the caller hands it connections with MHD_add_connection() and runs it
 * with MHD_run(). NULL on failure.
 */
struct MHD_Daemon;
struct app *server_app_new(const struct app_config *cfg, struct vg_err *err);
struct MHD_Daemon *server_bare_daemon(struct app *app);
void server_app_free(struct app *app);

/* Serves until SIGTERM or SIGINT, then shuts down cleanly. Prints the
 * address it listens on to stdout once ready. */
int server_run(const struct app_config *cfg, struct vg_err *err);

#endif
