/* reply.c: headers, page forms and error bodies (see reply.h). */
#define _GNU_SOURCE /* strcasestr */
#include "http/reply.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/routes.h"

/* ==== Headers (reference/security.md C3) ==== */

#define CSP_PAGE                                                 \
    "default-src 'none'; script-src 'self'; style-src 'self'; "  \
    "img-src 'self'; connect-src 'self'; font-src 'self'; "      \
    "manifest-src 'self'; base-uri 'none'; form-action 'self'; " \
    "frame-ancestors "
static const char CSP_HTML[] = CSP_PAGE "'none'";
static const char CSP_DATA[] =
    "default-src 'none'; frame-ancestors 'none'; sandbox";

int reply_headers(unsigned flags, const char *content_type,
                  struct reply_header out[REPLY_HEADERS_MAX])
{
    bool shared = (flags & (R_API | R_FEED | R_SHARED)) && !(flags & R_PRIVATE);
    int n = 0;
    out[n++] = (struct reply_header){"Content-Type", content_type};
    out[n++] = (struct reply_header){
        "Content-Security-Policy",
        flags & (R_API | R_FEED | R_METRICS) ? CSP_DATA : CSP_HTML};
    out[n++] = (struct reply_header){"X-Content-Type-Options", "nosniff"};
    out[n++] = (struct reply_header){"Referrer-Policy", "no-referrer"};
    out[n++] = (struct reply_header){"X-Frame-Options", "DENY"};
    out[n++] =
        (struct reply_header){"Cross-Origin-Opener-Policy", "same-origin"};
    out[n++] = (struct reply_header){"Cross-Origin-Resource-Policy",
                                     shared ? "cross-origin" : "same-origin"};
    out[n++] = (struct reply_header){
        "Permissions-Policy", "camera=(), microphone=(), geolocation=()"};
    if (shared)
        out[n++] = (struct reply_header){"Access-Control-Allow-Origin", "*"};
    if (flags & R_API)
        out[n++] = (struct reply_header){"Content-Disposition",
                                         "attachment; filename=\"api.json\""};
    return n;
}

char *reply_frame_csp(const char *origins)
{
    struct buf b = BUF_INIT(sizeof CSP_PAGE + 4096);
    BUF_LIT(&b, CSP_PAGE);
    buf_puts(&b, *origins ? origins : "'none'");
    return buf_detach(&b);
}

/* Gives a page's own policy in place of its route's, and drops
 * X-Frame-Options, which knows no list of origins. */
static int own_policy(struct reply_header *out, int n, const char *csp)
{
    int kept = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(out[i].name, "X-Frame-Options") == 0)
            continue;
        out[kept] = out[i];
        if (strcmp(out[kept].name, "Content-Security-Policy") == 0)
            out[kept].value = csp;
        kept++;
    }
    return kept;
}

const char *reply_cache_control(unsigned flags, int status)
{
    if (status >= 400 || !(flags & (R_CACHED | R_STATIC)))
        return "no-store";
    if (flags & R_STATIC)
        return "public, max-age=31536000, immutable";
    return "public, max-age=5, stale-while-revalidate=60";
}

int reply_page_headers(const struct page *p, bool gz,
                       struct reply_header out[REPLY_HEADERS_MAX])
{
    int n = reply_headers(p->flags, p->content_type, out);
    if (p->csp)
        n = own_policy(out, n, p->csp);
    out[n++] = (struct reply_header){"ETag", gz ? p->etag_gz : p->etag};
    out[n++] = (struct reply_header){"Cache-Control",
                                     reply_cache_control(p->flags, 200)};
    if (p->gz)
        out[n++] = (struct reply_header){"Vary", "Accept-Encoding"};
    if (gz)
        out[n++] = (struct reply_header){"Content-Encoding", "gzip"};
    return n;
}

int reply_stream_headers(struct reply_header out[REPLY_HEADERS_MAX])
{
    /* The API's headers, but a stream is no attachment. */
    int n = reply_headers(R_API, "text/event-stream; charset=utf-8", out) - 1;
    out[n++] = (struct reply_header){"Cache-Control", "no-store"};
    out[n++] = (struct reply_header){"X-Accel-Buffering", "no"};
    return n;
}

/* ==== Choosing a page's form ==== */

/* True when an Accept-Encoding header accepts gzip (not with q=0). */
static bool accepts_gzip(const char *ae)
{
    for (const char *p = ae; p && (p = strcasestr(p, "gzip")) != NULL; p += 4) {
        const char *q = p + 4 + strspn(p + 4, " ");
        if (*q != ';')
            return true;
        q += 1 + strspn(q + 1, " ");
        if (strncmp(q, "q=", 2) != 0 || strtod(q + 2, NULL) > 0)
            return true;
    }
    return false;
}

/* True when If-None-Match lists etag (or is "*"). */
static bool etag_matches(const char *inm, const char *etag)
{
    size_t n = strlen(etag);
    for (const char *p = inm; p && *p;) {
        p += strspn(p, " ,\t");
        if (strncmp(p, "W/", 2) == 0)
            p += 2;
        if (*p == '*' || (strncmp(p, etag, n) == 0 &&
                          (p[n] == '\0' || p[n] == ',' || p[n] == ' ')))
            return true;
        p += strcspn(p, ",");
    }
    return false;
}

bool reply_page_form(const struct page *p, const char *ae, const char *inm,
                     bool *gz)
{
    *gz = p->gz && accepts_gzip(ae);
    return inm && etag_matches(inm, *gz ? p->etag_gz : p->etag);
}

/* ==== Errors ==== */

const char *reply_reason(int status)
{
    switch (status) {
    case 400: return "Bad request";
    case 401: return "Sign-in needed";
    case 403: return "Forbidden";
    case 404: return "Not found";
    case 405: return "Method not allowed";
    case 409: return "Conflict";
    case 413: return "Payload too large";
    case 415: return "Unsupported media type";
    case 422: return "Refused input";
    case 429: return "Too many requests";
    case 414: return "URI too long";
    case 431: return "Request header fields too large";
    case 501: return "Not implemented";
    case 503: return "Service unavailable";
    }
    return "Internal error";
}

static const char *error_code(int status)
{
    switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthenticated";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 409: return "conflict";
    case 413: return "payload_too_large";
    case 415: return "unsupported_media_type";
    case 422: return "invalid";
    case 429: return "too_many_requests";
    case 414: return "uri_too_long";
    case 431: return "header_fields_too_large";
    case 501: return "not_implemented";
    case 503: return "unavailable";
    }
    return "internal";
}

void reply_error_json(struct buf *body, int status, const char *message,
                      const char *field)
{
    const char *msg = message && *message ? message : reply_reason(status);
    json_t *j = json_pack("{s:{s:s, s:s, s:o}}", "error", "code",
                          error_code(status), "message", msg, "field",
                          field && *field ? json_string(field) : json_null());
    char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
    if (s == NULL) {
        /* Not UTF-8 (callers scrub what they quote; this is the last
         * line): the code and the reason phrase, which always encode. */
        json_decref(j);
        j = json_pack("{s:{s:s, s:s, s:n}}", "error", "code",
                      error_code(status), "message", reply_reason(status),
                      "field");
        s = json_dumps(j, JSON_COMPACT);
    }
    buf_puts(body, s ? s : "{}");
    buf_putc(body, '\n');
    free(s);
    json_decref(j);
}
