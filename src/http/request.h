/*
 * request.h: one HTTP request as handlers see it, and the app it serves.
 *
 * A handler parses its parameters, calls core, renders into r->body and
 * returns the status (STYLE.md rule 20). It never sends anything itself:
 * the dispatcher (routes.c) caches, adds headers and sends.
 */
#ifndef VIGIL_HTTP_REQUEST_H
#define VIGIL_HTTP_REQUEST_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cache/cache.h"
#include "core/day.h"
#include "core/view.h"
#include "http/pool.h"
#include "http/static.h"
#include "render/layout.h"
#include "util/arena.h"
#include "util/buf.h"

struct app_config {
    const char *db;       /* database path */
    const char *listen;   /* "127.0.0.1:8080" */
    const char *base_url; /* absolute URL of the site, for feeds */
    bool metrics;         /* serve /metrics */
    bool behind_proxy;    /* no per-IP limit: the proxy enforces it */
    unsigned sse_max;     /* live subscribers in all (0: default) */
    unsigned sse_per_ip;  /* per address or /64 (0: default) */
    unsigned threads;     /* request threads (default: one per core) */
};

struct clients;
struct loops;
struct hub;
struct watch;

struct app {
    struct app_config cfg;
    struct cache *cache;
    struct pool pool;
    struct site site;
    struct statics statics;
    char css_href[64];  /* "/static/style.<hash>.css" */
    char icon_href[64]; /* "/static/icon.<hash>.svg" */
    char live_src[64];  /* "/static/live.<hash>.js" */
    atomic_uint_fast64_t requests;
    struct clients *clients; /* connections per client (server.c) */
    struct loops *loops;     /* the request threads (loop.h) */
    struct hub *hub;         /* live subscribers (live/hub.c) */
    struct watch *watch;     /* commits to cache drops and events */
};

enum { REQ_MAX_PARAMS = 4, PAGE_BODY_MAX = 8 << 20 };

struct route;
struct sub;

struct req {
    struct app *app;
    void *conn; /* struct MHD_Connection */
    const struct route *route;
    const char *method;
    const char *path;
    size_t raw_uri_len; /* the URI as sent, query included */
    size_t body_bytes;  /* body bytes received (and discarded) */
    const char *params[REQ_MAX_PARAMS]; /* the :name segments, in order */
    int nparams;
    bool key_only;       /* ?filter=key */
    struct arena arena;  /* freed when the request ends */
    struct store *st;    /* taken from the pool on first use */
    int64_t now;         /* the request's clock reading */
    uint64_t generation; /* the data generation rendered from */
    int64_t expires;     /* the page's expiry, set by the handler */
    const char *content_type;
    struct buf body;
    char error[160];    /* the message of an error status */
    struct sub *stream; /* a live subscriber, set by live_subscribe */
};

/* The request's database connection (taken from the pool once). */
struct store *req_store(struct req *r);
/* Records an error message and returns status, for `return
 * req_error(r, 404, "no tracker named %s", slug)`. */
int req_error(struct req *r, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Loads the tracker named by parameter 0 and (d not NULL) its day, and
 * makes the answer expire when that day changes. Returns 0, or the status
 * recorded: 404 for an unknown tracker, 500 when the store failed. */
int req_tracker(struct req *r, struct tracker *t, struct day_info *d);
/* Loads the public update named by parameter 1 of tracker t and (revs
 * not NULL) its public revisions, oldest first. Returns 0, or the status
 * recorded: 404 for a missing or unpublished update. */
int req_public_update(struct req *r, const struct tracker *t, struct update *u,
                      struct update **revs, size_t *nrev);
/* Loads the front page of the tracker named by parameter 0 (core/view.h)
 * with `which` updates, at most limit, and makes the answer expire when
 * its Day N changes. Returns 0, or the status recorded (404, 500). */
int req_view(struct req *r, enum update_filter which, size_t limit,
             struct tracker_view *v);
/* Loads every tracker and its day into arena arrays, and makes the answer
 * expire when the first of their Day N changes. Returns 0 or 500. */
int req_trackers(struct req *r, struct tracker **t, struct day_info **days,
                 size_t *n);
/* Makes the answer expire at `at` if that is sooner (0: never). */
void req_expires_by(struct req *r, int64_t at);
/* Records that the store failed and returns 500. */
int req_read_failed(struct req *r);
/* Gives the request's database connection back before the request ends
 * (a live stream must not hold one while it waits). */
void req_release_store(struct req *r);
/* Parameter i of the route pattern. */
const char *req_param(const struct req *r, int i);
/* Parses parameter i as a number from 1; -1 when it is not one. */
int64_t req_param_number(const struct req *r, int i);

#endif
