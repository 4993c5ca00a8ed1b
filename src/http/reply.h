/*
 * reply.h: what every answer carries, shared by the two senders of
 * answers: the libmicrohttpd glue (server.c) and the front (front.c),
 * which must send the same headers for the same page.
 *
 * reply_headers() gives the headers of reference/security.md C3 for a
 * route's flags; the page and stream helpers add the rest, in the order
 * the answer sends them. Values are static strings or the page's own.
 */
#ifndef VIGIL_HTTP_REPLY_H
#define VIGIL_HTTP_REPLY_H

#include <stdbool.h>

#include "cache/cache.h"
#include "util/buf.h"

enum { REPLY_HEADERS_MAX = 16 };

struct reply_header {
    const char *name, *value;
};

/* ==== Headers ==== */

/* Writes the C3 headers of an answer of a route with `flags` into out;
 * returns how many. */
int reply_headers(unsigned flags, const char *content_type,
                  struct reply_header out[REPLY_HEADERS_MAX]);
/* The Content-Security-Policy of a page that origins (space-separated,
 * checked by core/trackers.c; "" for none) may frame: the pages' policy
 * with those frame-ancestors. The caller frees the result. */
char *reply_frame_csp(const char *origins);
/* The Cache-Control of an answer of a route with `flags`. */
const char *reply_cache_control(unsigned flags, int status);
/* Every header of page p in its plain or gzip form (ETag, caching, Vary,
 * Content-Encoding included); returns how many. A page with its own CSP
 * (p->csp) sends it, and no X-Frame-Options: its frame-ancestors decide. */
int reply_page_headers(const struct page *p, bool gz,
                       struct reply_header out[REPLY_HEADERS_MAX]);
/* Every header of a live stream's answer; returns how many. */
int reply_stream_headers(struct reply_header out[REPLY_HEADERS_MAX]);

/* ==== Choosing a page's form ==== */

/* Which form of p answers a request whose Accept-Encoding and
 * If-None-Match headers are ae and inm (NULL: absent): sets *gz, and
 * returns true when the reader's copy is fresh (a 304). */
bool reply_page_form(const struct page *p, const char *ae, const char *inm,
                     bool *gz);

/* ==== Errors ==== */

/* The reason phrase our error pages show for status. */
const char *reply_reason(int status);
/* Appends the JSON body of an API error: code, message (NULL or "": the
 * reason phrase) and field (NULL or "": null), and a newline. */
void reply_error_json(struct buf *body, int status, const char *message,
                      const char *field);

#endif
