/*
 * routes.h: the one route table and its dispatcher (STYLE.md rule 19).
 *
 * Each route names its method, its path pattern (":name" matches one
 * segment), its handler and its flags; the dispatcher enforces the
 * flags, answers 404 and 405, and serves cached pages, before any handler
 * runs (server.c's dispatch(), which owns the transport).
 */
#ifndef VIGIL_HTTP_ROUTES_H
#define VIGIL_HTTP_ROUTES_H

#include <stdbool.h>

#include "cache/cache.h"
#include "http/request.h"

enum route_flags {
    R_PUBLIC = 1 << 0,  /* no session needed */
    R_CACHED = 1 << 1,  /* 200 answers go to the page cache */
    R_HTML = 1 << 2,    /* a page: HTML errors, the page CSP */
    R_API = 1 << 3,     /* /api/v1: JSON errors, CORS, attachment */
    R_FEED = 1 << 4,    /* Atom or JSON Feed: CORS, sandbox CSP */
    R_STATIC = 1 << 5,  /* content-addressed: cached for a year */
    R_METRICS = 1 << 6, /* only with --metrics */
    R_STREAM = 1 << 7,  /* Server-Sent Events: the dispatcher streams */
    R_BODY = 1 << 8,    /* a public route that reads a body (sign-in) */
    R_PRIVATE = 1 << 9, /* for editors: no CORS, never cached */
    R_KEEPS = 1 << 10,  /* a desk form with text: sent without a session,
                           the text goes through signing in again */
    R_SHARED = 1 << 11, /* loaded by other sites' pages (embed.js): CORS
                           and a cross-origin resource policy */
    R_UPLOAD = 1 << 12  /* takes a file (multipart/form-data), a body of
                           up to HTTP_UPLOAD_MAX bytes */
};

struct route {
    const char *method; /* "GET" also answers HEAD */
    const char *pattern;
    int (*handler)(struct req *r);
    unsigned flags;
    unsigned roles; /* who may (enum role bits); a route that is neither
                       R_PUBLIC nor given roles is refused to everyone */
};

/* The table, ending with a NULL pattern. */
extern const struct route routes[];

/* A route found for a path, and where its ":name" segments are in it. */
struct route_match {
    const struct route *route;
    int nparams;
    struct {
        size_t at, len; /* path[at..at+len) */
    } params[REQ_MAX_PARAMS];
};

/*
 * Finds the route for method and path, allocating nothing (the front
 * asks it on every head it reads). Returns 0 with m filled, or 404 (no
 * pattern matches) or 405 (patterns match, not the method), with the
 * allowed methods written into allow ("GET, HEAD") when allow is not
 * NULL.
 */
int route_match(const char *method, const char *path, struct route_match *m,
                char *allow, size_t allow_size);

/* route_match, then fills r->route and r->params (copies in r's arena). */
int route_find(struct req *r, const char *method, const char *path, char *allow,
               size_t allow_size);

/*
 * The page cache's key for path: the path, and "?filter=key" when
 * key_only, the only query that changes a cached page (GET /t/:slug).
 * Both transports key pages with it: the front (front.c) and
 * libmicrohttpd's dispatch (server.c). False when the key would not fit
 * in CACHE_KEY_MAX: such a page is neither cached nor looked up.
 */
bool route_cache_key(const char *path, bool key_only, char key[CACHE_KEY_MAX]);

/* True when query (what follows '?', or NULL) is exactly one a cached
 * page's key covers: none, or "filter=key" (*key_only then true). */
bool route_cache_query(const char *query, bool *key_only);

/* The flags of the route family a path belongs to (R_API under /api/,
 * R_HTML otherwise), for errors on paths that match no route. */
unsigned route_family(const char *path);

/* The index of rt's ":slug" parameter, the tracker its path names (whose
 * roles count: access.h), or -1 for a route about no one tracker. */
int route_tracker_param(const struct route *rt);

#endif
