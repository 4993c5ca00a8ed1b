/*
 * request.h: one HTTP request as handlers see it, and the app it serves.
 *
 * A handler parses its parameters, calls core, renders into r->body and
 * returns the status (STYLE.md rule 20). It never sends anything itself:
 * the dispatcher (routes.c) caches, adds headers and sends.
 */
#ifndef VIGIL_HTTP_REQUEST_H
#define VIGIL_HTTP_REQUEST_H

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cache/cache.h"
#include "core/day.h"
#include "core/op.h"
#include "core/view.h"
#include "http/metrics.h"
#include "http/pool.h"
#include "http/proxy.h"
#include "http/reqlog.h"
#include "http/static.h"
#include "render/layout.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/i18n.h"

struct app_config {
    const char *db;       /* database path */
    const char *db_read;  /* --db-read: a hot standby for reads, or NULL */
    const char *listen;   /* "127.0.0.1:8080" */
    const char *base_url; /* absolute URL of the site (NULL: http://LISTEN) */
    bool metrics;         /* serve /metrics */
    unsigned sse_max;     /* live subscribers in all (0: default) */
    unsigned sse_per_ip;  /* per address or /64 (0: default) */
    unsigned threads;     /* request threads (default: one per core) */
    unsigned connections; /* connections in all (0: max_connections) */
    bool demo;            /* sign-in without the second factor (a demo) */
    const struct gazetteer *places; /* the gazetteer, or NULL (the CLI's) */
    const struct vault *vault;      /* the registry's master key, or NULL */
    struct proxies proxies; /* --trusted-proxy: who may name the client */
    const char *access_log; /* "-" stderr, a file, or NULL/"off": none */
    const char *node;       /* this node's name in the log (NULL: host) */
};

struct clients;
struct loops;
struct hub;
struct watch;
struct throttle;
struct hashers;
struct hash_job;
struct gazetteer;
struct vault;

struct app {
    struct app_config cfg;
    struct cache *cache;
    struct pool pool;
    struct site site;
    struct statics statics;
    char css_href[64];  /* "/static/style.<hash>.css" */
    char icon_href[64]; /* "/static/icon.<hash>.svg" */
    char live_src[64];  /* "/static/live.<hash>.js" */
    char desk_src[64];  /* "/static/desk.<hash>.js" */
    atomic_uint_fast64_t requests;
    atomic_uint_fast64_t front_answers; /* requests the fronts answered */
    atomic_uint_fast64_t front_handed;  /* connections handed to MHD */
    atomic_uint_fast64_t evicted; /* waiting connections cut at the limit */
    struct counters counters;     /* refusals, write latency (metrics.h) */
    struct reqlog log;            /* the access log (reqlog.h) */
    struct clients *clients;      /* connections per client (server.c) */
    struct loops *loops;          /* the request threads (loop.h) */
    struct hub *hub;              /* live subscribers (live/hub.c) */
    struct watch *watch;          /* commits to cache drops and events */
    struct store *writer; /* the one write connection, under write_lock */
    pthread_mutex_t write_lock;
    struct throttle *throttle;         /* sign-in rate limits (throttle.c) */
    struct hashers *hashers;           /* password-hash threads (hashers.h) */
    const struct gazetteer *gazetteer; /* places events by name, or NULL */
    bool tls;               /* the base URL is https: Secure cookies */
    uint8_t device_key[32]; /* MACs known-device cookies (secrets table) */
    uint8_t signin_key[32]; /* MACs sign-in forms (from device_key) */
    char base_url[160];     /* the site's address, for feeds and links */
    char origin[160];       /* "https://example.org": the site's origin */
};

enum { REQ_MAX_PARAMS = 4, PAGE_BODY_MAX = 8 << 20 };

/* A handler's answer that is no status: it set r->hash_job, and the
 * dispatcher suspends the request until the hash is done, then calls the
 * handler again (http/hashers.h). */
enum { REQ_HASH = 1 };

struct route;
struct sub;
struct form;

/* Who sent a request to an editor route: a signed-in browser (session)
 * or a script (API token). */
struct principal {
    int64_t user_id; /* 0: nobody */
    const char *login;
    unsigned roles; /* what they may do here: on a route naming a tracker,
                       their global roles and their roles on it; elsewhere
                       every role they hold anywhere (access.h) */
    unsigned global_roles;      /* held on every tracker */
    const struct grant *grants; /* roles on single trackers */
    size_t ngrants;
    bool by_token;          /* an API token: no cookie, no CSRF */
    struct session session; /* when signed in by cookie */
};

enum { REQ_MAX_COOKIES = 3 };

struct req {
    struct app *app;
    void *conn; /* struct MHD_Connection */
    const struct route *route;
    const char *method;
    const char *path;
    size_t raw_uri_len; /* the URI as sent, query included */
    bool uri_nul;       /* it holds %00, which decoding would cut at */
    size_t body_bytes;  /* body bytes received (and discarded) */
    size_t body_max;    /* the body it may send: HTTP_BODY_MAX, or
                           HTTP_UPLOAD_MAX on an R_UPLOAD route */
    const char *params[REQ_MAX_PARAMS]; /* the :name segments, in order */
    int nparams;
    bool key_only;       /* ?filter=key */
    struct arena arena;  /* freed when the request ends */
    struct store *st;    /* taken from the pool on first use */
    int64_t now;         /* the request's clock reading */
    uint64_t generation; /* the data generation rendered from */
    int64_t expires;     /* the page's expiry, set by the handler */
    const char *content_type;
    const char *frame_origins; /* set: the page may be framed by these
                                  (space-separated; "" for none) */
    struct buf body;
    char error[160];      /* the message of an error status */
    char error_field[40]; /* the input field an error is about, or "" */
    struct sub *stream;   /* a live subscriber, set by live_subscribe */
    /* Editor routes. */
    struct buf upload;    /* the request body (POST) */
    json_t *json;         /* the body parsed as a JSON object (form.c) */
    struct form *form;    /* or as an HTML form's fields (form.c) */
    struct principal who; /* set by the dispatcher before the handler */
    const char *cookies[REQ_MAX_COOKIES]; /* Set-Cookie values to send */
    int ncookies;
    const char *location; /* Location of a 201 or 303 answer */
    bool write_locked;    /* holds app->write_lock (req_write_begin) */
    int64_t write_since;  /* monotonic ns it took the lock at */
    int64_t started;      /* monotonic ns its head was read at */
    int status;           /* the status sent (0: none yet) */
    uint64_t bytes_sent;  /* body bytes of the answer */
    int retry_after;      /* seconds, sent with a 429 or 503 */
    /* A password hash asked for (REQ_HASH), the handler's until done. */
    struct hash_job *hash_job;
};

/* Fills the app's embedded files and what every page links to (the
 * hashed names of the stylesheet, icon and live script). */
void app_site_init(struct app *app);
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
/* req_trackers without the unlisted ones: the index and the API's list
 * (an unlisted tracker is reached by its address only). */
int req_listed_trackers(struct req *r, struct tracker **t,
                        struct day_info **days, size_t *n);
/* Makes the answer expire at `at` if that is sooner (0: never). */
void req_expires_by(struct req *r, int64_t at);
/* Records that the store failed and returns 503, try again. */
int req_read_failed(struct req *r);
/* Makes the calling thread speak the language of what r answers, until
 * i18n_end: a public route of a tracker (/t/SLUG...) speaks the
 * tracker's main language; every other route English. */
struct i18n_scope req_lang_begin(struct req *r);
/* Gives the request's database connection back before the request ends
 * (a live stream must not hold one while it waits). */
void req_release_store(struct req *r);
/* Records an error from core (err's message and field) and returns the
 * status it maps to: 422 refused input, 404, 409, 403, 413, or 500. */
int req_fail(struct req *r, const struct vg_err *err);
/*
 * Starts a write by the request's principal: takes the one writer
 * connection and fills op (actor, roles, time, the request's arena).
 * req_write_end() gives it back and tells the watcher (live readers see
 * the change at once). A request still holding it when it ends gives it
 * back then.
 */
void req_write_begin(struct req *r, struct op *op);
void req_write_end(struct req *r);
/* Adds a Set-Cookie header to the answer (the value is copied). */
void req_set_cookie(struct req *r, const char *value);
/* Answers with JSON j (taken) and returns status; 500 if it cannot be
 * encoded. */
int req_json(struct req *r, int status, json_t *j);
/* Makes the answer a redirect: returns 303 with Location `to`. */
int req_redirect(struct req *r, const char *to);
/* The request's client: the connection's peer, or the client a trusted
 * proxy names (proxy.h). Returns out or the connection's own address
 * (valid while the request lasts), NULL when unknown. Every limit, cap
 * and log line that is per client takes the address from here. */
const struct sockaddr *req_client_addr(const struct req *r,
                                       union proxy_addr *out);
/* Parameter i of the route pattern. */
const char *req_param(const struct req *r, int i);
/* Parses parameter i as a number from 1; -1 when it is not one. */
int64_t req_param_number(const struct req *r, int i);

#endif
