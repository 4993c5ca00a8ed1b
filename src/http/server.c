/*
 * server.c: libmicrohttpd glue: limits, framing checks, headers, cached
 * pages, errors, the change watcher and shutdown.
 *
 * Request order: framing (400), URL length (414), cookie size (431), body
 * size (413), route (404, 405), CORS preflight (204), then the page from
 * the cache or from its handler. Malformed heads never get here: the front
 * answers them itself (http/head.h), with our headers, and refuses
 * chunked bodies (411), which libmicrohttpd would check and refuse by
 * itself without our headers.
 * A body must come within its deadline (http/handed.h).
 *
 * Every connection reaches libmicrohttpd through a request thread's front
 * (http/front.h), which answers cached pages and live streams itself and
 * hands the rest over unread; these callbacks see only what it handed
 * over.
 */
#define _GNU_SOURCE
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/auth.h"
#include "http/access.h"
#include "http/clients.h"
#include "http/form.h"
#include "http/front.h"
#include "http/handed.h"
#include "http/hashers.h"
#include "http/loop.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/scheduler.h"
#include "http/throttle.h"
#include "live/hub.h"
#include "live/watch.h"
#include "render/lists.h"
#include "util/clock.h"
#include "util/xmalloc.h"

/* ==== Headers (reference/security.md C3, http/reply.h) ==== */

static void add_list(struct MHD_Response *resp, const struct reply_header *h,
                     int n)
{
    for (int i = 0; i < n; i++)
        MHD_add_response_header(resp, h[i].name, h[i].value);
}

static void add_headers(struct MHD_Response *resp, unsigned flags,
                        const char *content_type)
{
    struct reply_header h[REPLY_HEADERS_MAX];
    add_list(resp, h, reply_headers(flags, content_type, h));
}

/* ==== Sending ==== */

/* Queues resp as r's answer, noting what the access log and the
 * refusal counters read (bytes: of its body, which HEAD does not send). */
static enum MHD_Result queue(struct req *r, int status,
                             struct MHD_Response *resp, size_t bytes)
{
    r->status = status;
    r->bytes_sent = strcmp(r->method, "HEAD") == 0 ? 0 : bytes;
    if (status == 413 || status == 414 || status == 431)
        metrics_refused(&r->app->counters, REFUSED_SIZE);
    return MHD_queue_response(r->conn, (unsigned)status, resp);
}

/* ==== Pages ==== */

enum { RESP_PLAIN, RESP_GZIP, RESP_PLAIN_304, RESP_GZIP_304 };

static struct MHD_Response *page_response(const struct page *p, int slot)
{
    bool gz = slot == RESP_GZIP || slot == RESP_GZIP_304;
    bool empty = slot >= RESP_PLAIN_304;
    const char *data = gz ? p->gz : p->body;
    size_t len = empty ? 0 : gz ? p->gz_len : p->len;
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        len, (void *)(empty ? "" : data), MHD_RESPMEM_MUST_COPY);
    struct reply_header h[REPLY_HEADERS_MAX];
    add_list(resp, h, reply_page_headers(p, gz, h));
    return resp;
}

/* Builds the page's four responses once; they are shared by every
 * connection that sends the page. */
static void attach_responses(struct page *p)
{
    for (int i = 0; i < PAGE_TRANSPORT_SLOTS; i++)
        p->transport[i] = p->gz || (i != RESP_GZIP && i != RESP_GZIP_304)
                              ? page_response(p, i)
                              : NULL;
}

static void drop_responses(struct page *p)
{
    for (int i = 0; i < PAGE_TRANSPORT_SLOTS; i++)
        if (p->transport[i])
            MHD_destroy_response(p->transport[i]);
}

static enum MHD_Result send_page(struct req *r, const struct page *p)
{
    struct MHD_Connection *c = r->conn;
    bool gz;
    bool fresh = reply_page_form(
        p, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding"),
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match"), &gz);
    int slot = (gz ? RESP_GZIP : RESP_PLAIN) + (fresh ? 2 : 0);
    size_t bytes = fresh ? 0 : gz ? p->gz_len : p->len;
    return queue(r, fresh ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK,
                 p->transport[slot], bytes);
}

/* ==== Errors and one-off answers ==== */

/* Sends body with the headers of `flags` and no caching. */
static enum MHD_Result send_body(struct req *r, int status, unsigned flags,
                                 const char *content_type,
                                 const struct buf *body, const char *allow)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        body->len, (void *)buf_cstr(body), MHD_RESPMEM_MUST_COPY);
    add_headers(resp, flags, content_type);
    MHD_add_response_header(resp, "Cache-Control",
                            reply_cache_control(flags, status));
    if (allow && *allow)
        MHD_add_response_header(resp, "Allow", allow);
    if (status == 503 || status == 429) {
        char after[16];
        snprintf(after, sizeof after, "%d",
                 r->retry_after ? r->retry_after : SSE_RETRY_AFTER);
        MHD_add_response_header(resp, "Retry-After", after);
    }
    if (status == 401 && (flags & (R_API | R_PRIVATE)))
        MHD_add_response_header(resp, "WWW-Authenticate",
                                "Bearer realm=\"vigil\"");
    for (int i = 0; i < r->ncookies; i++)
        MHD_add_response_header(resp, "Set-Cookie", r->cookies[i]);
    if (r->location)
        MHD_add_response_header(resp, "Location", r->location);
    enum MHD_Result rc = queue(r, status, resp, body->len);
    MHD_destroy_response(resp);
    return rc;
}

/* An error in the format of the route family: JSON for the API, a page
 * otherwise. */
static enum MHD_Result send_error(struct req *r, int status, unsigned flags,
                                  const char *message, const char *allow)
{
    struct buf body = BUF_INIT(PAGE_BODY_MAX);
    const char *type;
    if (flags & (R_API | R_FEED)) {
        reply_error_json(&body, status, message, r->error_field);
        type = "application/json; charset=utf-8";
        flags = (flags & ~R_FEED) | R_API;
    } else {
        render_error_page(&body, &r->app->site, status, reply_reason(status),
                          message && *message ? message : reply_reason(status));
        type = "text/html; charset=utf-8";
        flags |= R_HTML;
    }
    enum MHD_Result rc =
        send_body(r, status, flags & ~R_CACHED, type, &body, allow);
    buf_release(&body);
    return rc;
}

/* ==== Checks before routing ==== */

struct header_count {
    int content_length, transfer_encoding;
    size_t cookie_bytes;
};

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind,
                                    const char *key, const char *value)
{
    (void)kind;
    struct header_count *h = cls;
    if (strcasecmp(key, "Content-Length") == 0)
        h->content_length++;
    else if (strcasecmp(key, "Transfer-Encoding") == 0)
        h->transfer_encoding++;
    else if (strcasecmp(key, "Cookie") == 0 && value)
        h->cookie_bytes += strlen(value);
    return MHD_YES;
}

/* The body the request's route takes: files only where it says so. */
static size_t body_max(struct req *r)
{
    char allow[64];
    if (strcmp(r->method, "POST") == 0 &&
        route_find(r, r->method, r->path, allow, sizeof allow) == 0 &&
        (r->route->flags & R_UPLOAD))
        return HTTP_UPLOAD_MAX;
    return HTTP_BODY_MAX;
}

/* Returns 0 when the request may be routed, or the status to refuse it
 * with (reference/security.md C1). */
static int check_request(struct req *r)
{
    struct header_count h = {0, 0, 0};
    MHD_get_connection_values(r->conn, MHD_HEADER_KIND, count_header, &h);
    if (h.content_length > 1 || h.transfer_encoding > 1 ||
        (h.content_length && h.transfer_encoding))
        return req_error(r, 400,
                         "Conflicting Content-Length or "
                         "Transfer-Encoding headers.");
    if (r->uri_nul) /* "/%00x" would be served as "/" */
        return req_error(r, 400, "The address holds a NUL byte (%%00).");
    if (r->raw_uri_len > HTTP_URL_MAX)
        return req_error(r, 414, "The address is longer than %d bytes.",
                         HTTP_URL_MAX);
    if (h.cookie_bytes > HTTP_COOKIE_MAX)
        return req_error(r, 431, "The Cookie header is larger than %d bytes.",
                         HTTP_COOKIE_MAX);
    const char *cl =
        MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Length");
    r->body_max = body_max(r);
    r->upload.limit = r->body_max;
    if (cl && strtoull(cl, NULL, 10) > r->body_max)
        return req_error(r, 413, "The body is larger than %zu bytes.",
                         r->body_max);
    return 0;
}

/* The body bytes a request sends (check_request passed, and the front
 * let only Content-Length frame a body): 0 without one. */
static uint64_t body_limit(struct MHD_Connection *c)
{
    const char *cl =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    return cl ? strtoull(cl, NULL, 10) : 0;
}

/* ==== Live streams ==== */

static void on_suspend(void *cls, void *conn)
{
    (void)cls;
    MHD_suspend_connection(conn);
}

/* From any thread: the connection's loop must run to send the event. */
static void on_wake(void *cls, void *conn)
{
    struct app *app = cls;
    loops_resume(app->loops, conn); /* loops: NULL for a bare daemon */
}

struct stream {
    struct hub *hub;
    struct sub *sub;
};

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    struct stream *s = cls;
    int64_t now;
    if (clock_now(&now, NULL) != 0)
        now = (int64_t)time(NULL);
    ssize_t n = hub_read(s->hub, s->sub, buf, max, now);
    return n < 0 ? MHD_CONTENT_READER_END_OF_STREAM : n;
}

static void stream_free(void *cls)
{
    struct stream *s = cls;
    hub_unsubscribe(s->hub, s->sub);
    free(s);
}

/* Starts the event stream of a subscribed reader. */
static enum MHD_Result send_stream(struct req *r)
{
    struct stream *s = xmalloc(sizeof *s);
    *s = (struct stream){r->app->hub, r->stream};
    r->stream = NULL; /* the response owns it now */
    struct MHD_Response *resp = MHD_create_response_from_callback(
        MHD_SIZE_UNKNOWN, 4096, stream_read, s, stream_free);
    struct reply_header h[REPLY_HEADERS_MAX];
    add_list(resp, h, reply_stream_headers(h));
    enum MHD_Result rc = queue(r, MHD_HTTP_OK, resp, 0);
    MHD_destroy_response(resp);
    return rc;
}

/* ==== Password hashes (http/hashers.h) ==== */

/* On a hasher thread: the request's hash is done; its loop runs it on. */
static void on_hashed(struct hash_job *j)
{
    struct req *r = j->owner;
    loops_resume(r->app->loops, r->conn); /* r may be freed from here on */
}

/* Suspends the request until its hash is done (its place in the queue is
 * reserved), holding no database connection meanwhile. */
static enum MHD_Result wait_for_hash(struct req *r)
{
    req_release_store(r);
    r->hash_job->owner = r;
    r->hash_job->done = on_hashed;
    MHD_suspend_connection(r->conn);
    hashers_push(r->app->hashers, r->hash_job);
    return MHD_YES;
}

/* ==== Dispatch ==== */

static enum MHD_Result send_redirect(struct req *r, unsigned flags);

/* Runs the route's handler; caches a 200 answer of a cached route under
 * key (NULL: not cached). */
static enum MHD_Result render_and_send(struct req *r, const char *key)
{
    unsigned flags = r->route->flags;
    r->generation = cache_generation(r->app->cache);
    struct i18n_scope lang = req_lang_begin(r);
    int status = r->route->handler(r);
    i18n_end(lang);
    req_write_end(r); /* a handler that returned early may hold it */
    if (status == REQ_HASH)
        return wait_for_hash(r);
    if (status < 400 && r->body.failed)
        status = req_error(r, 500, "The page is too large to send.");
    if (status == 303)
        return send_redirect(r, flags);
    /* An editor's form refused comes back whole, with the reason. */
    bool own_page = status >= 400 && r->body.len && r->content_type;
    bool answered = status == 200 || status == 201 || status == 202;
    if (!answered && !own_page)
        return send_error(r, status, flags, r->error, NULL);
    if (!(flags & (R_CACHED | R_STATIC)) || status != 200 || key == NULL)
        return send_body(r, status, flags, r->content_type, &r->body, NULL);
    struct page *p =
        page_new(key, buf_cstr(&r->body), r->body.len, r->content_type, flags,
                 r->generation, r->expires);
    if (r->frame_origins)
        p->csp = reply_frame_csp(r->frame_origins);
    p->route = r->route->pattern;
    attach_responses(p);
    cache_put(r->app->cache, p);
    enum MHD_Result rc = send_page(r, p);
    page_unref(r->app->cache, p);
    return rc;
}

/* A 303 to r->location (after a form, or to the sign-in page). */
static enum MHD_Result send_redirect(struct req *r, unsigned flags)
{
    struct buf body = BUF_INIT(256);
    buf_puts(&body, "See other.\n");
    enum MHD_Result rc = send_body(r, 303, flags & ~R_CACHED,
                                   "text/plain; charset=utf-8", &body, NULL);
    buf_release(&body);
    return rc;
}

/* Answers a CORS preflight for the public API. */
static enum MHD_Result send_preflight(struct req *r)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    add_headers(resp, R_API, "text/plain; charset=utf-8");
    MHD_add_response_header(resp, "Allow", "GET, HEAD, OPTIONS");
    MHD_add_response_header(resp, "Access-Control-Allow-Methods",
                            "GET, HEAD, OPTIONS");
    MHD_add_response_header(resp, "Access-Control-Max-Age", "86400");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    enum MHD_Result rc = queue(r, 204, resp, 0);
    MHD_destroy_response(resp);
    return rc;
}

static enum MHD_Result dispatch(struct req *r)
{
    char allow[64], key[CACHE_KEY_MAX];
    unsigned family = route_family(r->path);
    int status;
    bool preflight = strcmp(r->method, "OPTIONS") == 0 && family == R_API;
    status = route_find(r, preflight ? "GET" : r->method, r->path, allow,
                        sizeof allow);
    if (status == 0 && (r->route->flags & R_METRICS) && !r->app->cfg.metrics)
        status = 404;
    if (status != 0)
        return send_error(r, status, family, NULL, allow);
    if (preflight)
        return send_preflight(r);
    if (!(r->route->flags & R_PUBLIC)) { /* for editors (http/access.h) */
        status = access_check(r);
        if (status == 303)
            return send_redirect(r, r->route->flags);
        if (status != 0 && r->body.len && r->content_type) /* a page */
            return send_body(r, status, r->route->flags, r->content_type,
                             &r->body, NULL);
        if (status != 0)
            return send_error(r, status, r->route->flags, r->error, NULL);
        return render_and_send(r, NULL);
    }
    if (r->route->flags & R_STREAM) {
        status = r->route->handler(r);
        return status ? send_error(r, status, R_API, r->error, NULL)
                      : send_stream(r);
    }
    const char *filter =
        MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "filter");
    r->key_only = filter && strcmp(filter, "key") == 0;
    /* A key too long to keep: rendered each time, never cached. */
    bool keyed = route_cache_key(r->path, r->key_only, key);
    if (keyed && (r->route->flags & (R_CACHED | R_STATIC))) {
        struct page *p = cache_get(r->app->cache, key, r->now);
        if (p) {
            enum MHD_Result rc = send_page(r, p);
            page_unref(r->app->cache, p);
            return rc;
        }
    }
    return render_and_send(r, keyed ? key : NULL);
}

/* ==== libmicrohttpd callbacks ==== */

/* Called first for every request, with the raw URI: makes its state. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    struct req *r = xcalloc(1, sizeof *r);
    r->app = cls;
    r->conn = c;
    r->body = (struct buf)BUF_INIT(PAGE_BODY_MAX);
    r->upload = (struct buf)BUF_INIT(HTTP_BODY_MAX);
    r->raw_uri_len = strlen(uri);
    r->uri_nul = strstr(uri, "%00") != NULL;
    r->started = metrics_clock_ns();
    return r;
}

static enum MHD_Result handle(struct MHD_Connection *c, const char *url,
                              const char *method, const char *upload_data,
                              size_t *upload_data_size, void **state)
{
    struct req *r = *state;
    if (r->method == NULL) {
        /* First call, headers only. Refusing here closes the connection,
         * which suits a malformed or oversized request; answering here
         * would close it too, so good requests wait for the next call. */
        r->method = method;
        r->path = url;
        atomic_fetch_add(&r->app->requests, 1);
        int status = check_request(r);
        if (status)
            return send_error(r, status, route_family(url), r->error, NULL);
        handed_request_body(c, body_limit(c));
        return MHD_YES;
    }
    if (*upload_data_size) { /* kept for forms and the API, up to a limit */
        r->body_bytes += *upload_data_size;
        if (r->body_bytes <= r->body_max && strcmp(r->method, "POST") == 0)
            buf_append(&r->upload, upload_data, *upload_data_size);
        *upload_data_size = 0;
        if (r->body_bytes <= r->body_max)
            return MHD_YES;
        return send_error(r,
                          req_error(r, 413,
                                    "The body is larger than "
                                    "%zu bytes.",
                                    r->body_max),
                          route_family(url), r->error, NULL);
    }
    handed_request_body(c, 0); /* the body is whole: no deadline now */
    if (clock_now(&r->now, NULL) != 0)
        r->now = (int64_t)time(NULL);
    if (r->hash_job) /* resumed: its handler reads the hash's answer */
        return render_and_send(r, NULL);
    return dispatch(r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **state)
{
    (void)cls, (void)version;
    enum MHD_Result rc =
        handle(c, url, method, upload_data, upload_data_size, state);
    /* A database connection is held only while a call runs, never while
     * an answer waits to be sent or a body to come: the request threads
     * take them from a pool of one more than their number, and a thread
     * waiting in pool_take for one held by an answer that only it would
     * send never woke (a sign-in flood stalled the server so). */
    req_release_store(*state);
    return rc;
}

/* Writes the access log's line of a request libmicrohttpd answered. */
static void log_request(struct req *r)
{
    if (r->method == NULL || !reqlog_on(&r->app->log))
        return; /* the connection closed before a whole head */
    union proxy_addr client;
    struct reqlog_entry e = {.client = req_client_addr(r, &client),
                             .method = r->method,
                             .path = r->path,
                             .status = r->status,
                             .bytes = r->bytes_sent,
                             .started = r->started,
                             .route = r->route ? r->route->pattern : NULL};
    reqlog_write(&r->app->log, &e);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **state,
                         enum MHD_RequestTerminationCode why)
{
    (void)why;
    struct app *app = cls;
    struct req *r = *state;
    handed_request_answered(c);
    if (r == NULL)
        return;
    log_request(r);
    req_write_end(r);
    form_release(r);
    if (r->st)
        pool_give(&app->pool, r->st);
    arena_release(&r->arena);
    buf_release(&r->body);
    buf_release(&r->upload);
    free(r);
    *state = NULL;
}

/* ==== Starting and stopping ==== */

/* Parses "ADDR:PORT" or "[V6]:PORT" into a socket address. */
static int parse_listen(const char *s, struct sockaddr_storage *out, bool *v6,
                        struct vg_err *err)
{
    char host[64];
    const char *colon = strrchr(s, ':');
    size_t n = colon ? (size_t)(colon - s) : 0;
    char *end;
    long port = colon ? strtol(colon + 1, &end, 10) : -1;
    if (!colon || *end || port < 0 || port > 65535 || n >= sizeof host)
        return vg_err_set(err, VG_EINVAL, "listen",
                          "must be ADDRESS:PORT, e.g. 127.0.0.1:8080");
    memcpy(host, s, n);
    host[n] = '\0';
    memset(out, 0, sizeof *out);
    struct sockaddr_in *a4 = (struct sockaddr_in *)out;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)out;
    *v6 = n > 2 && host[0] == '[' && host[n - 1] == ']';
    if (*v6) {
        host[n - 1] = '\0';
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) == 1)
            return 0;
    } else {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        if (inet_pton(AF_INET, n ? host : "0.0.0.0", &a4->sin_addr) == 1)
            return 0;
    }
    return vg_err_set(err, VG_EINVAL, "listen",
                      "\"%.40s\" is not an IP "
                      "address",
                      host);
}

/* libmicrohttpd's own messages, minus the routine ones: a reader who
 * closes a page or a live stream is not an error worth a line (and a
 * flood of them would block the request threads on stderr). */
static void on_log(void *cls, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
static void on_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    if (strstr(line, "closed by remote peer") ||
        strstr(line, "Failed to send") || strstr(line, "reset by peer"))
        return;
    fprintf(stderr, "vigil: http: %s%s", line,
            line[0] && line[strlen(line) - 1] == '\n' ? "" : "\n");
}

/* A listening socket like libmicrohttpd's own: non-blocking, address
 * reuse, IPv6 only on an IPv6 address. Returns the socket or -1. */
static int open_listener(const struct sockaddr_storage *addr, bool v6,
                         const char *listen_arg, struct vg_err *err)
{
    int one = 1;
    socklen_t len =
        v6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    int fd = socket(v6 ? AF_INET6 : AF_INET,
                    SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd >= 0 &&
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
        (!v6 ||
         setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) == 0) &&
        bind(fd, (const struct sockaddr *)addr, len) == 0 &&
        listen(fd, SOMAXCONN) == 0)
        return fd;
    vg_err_set(err, VG_EIO, "listen", "cannot listen on %s: %s", listen_arg,
               strerror(errno));
    if (fd >= 0)
        close(fd);
    return -1;
}

/* What starting the request threads needs. */
struct listener {
    struct app *app;
    int fd;
    bool v6;
    atomic_uint held; /* connections of every front (front.h) */
};

/* Connections in all (security.md C1), or more when the site lets more
 * live readers in: each of them holds one. */
static unsigned max_connections(const struct app_config *cfg)
{
    if (cfg->connections)
        return cfg->connections;
    return cfg->sse_max + 1024 > HTTP_CONNECTIONS ? cfg->sse_max + 1024
                                                  : HTTP_CONNECTIONS;
}

/* Request thread i of n (loop.h): its front accepts from the shared
 * socket under the one connection limit of all the fronts, and hands what
 * it does not answer to a daemon in external epoll mode with no listening
 * socket of its own. The limits are counted by the fronts: the daemon's
 * own is the whole, never reached. */
static int start_front(void *cls, unsigned i, unsigned n, struct front **f,
                       struct MHD_Daemon **d)
{
    struct listener *l = cls;
    struct app *app = l->app;
    unsigned all = max_connections(&app->cfg);
    (void)i, (void)n;
    unsigned flags = MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
                     MHD_USE_ERROR_LOG | MHD_USE_TURBO |
                     MHD_USE_NO_LISTEN_SOCKET | (l->v6 ? MHD_USE_IPv6 : 0);
    *f = front_new(app, l->fd, &l->held, all);
    if (*f == NULL)
        return -1;
    *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, app, MHD_OPTION_EXTERNAL_LOGGER,
        on_log, NULL, MHD_OPTION_NOTIFY_CONNECTION, front_on_connection, *f,
        MHD_OPTION_CONNECTION_LIMIT, all, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)HTTP_IDLE_TIMEOUT, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)HTTP_CONNECTION_MEMORY, MHD_OPTION_STRICT_FOR_CLIENT, 1,
        MHD_OPTION_SIGPIPE_HANDLED_BY_APP, 1, MHD_OPTION_URI_LOG_CALLBACK,
        on_uri, app, MHD_OPTION_NOTIFY_COMPLETED, on_completed, app,
        MHD_OPTION_END);
    if (*d == NULL || !front_attach(*f, *d)) {
        if (*d)
            MHD_stop_daemon(*d);
        front_free(*f);
        *f = NULL;
        *d = NULL;
        return -1;
    }
    return 0;
}

static unsigned thread_count(const struct app_config *cfg)
{
    return cfg->threads ? cfg->threads
                        : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
}

/* The site's origin ("https://example.org:8443") from its base URL. */
static void origin_of(const char *base_url, char *out, size_t size)
{
    const char *host = strstr(base_url, "://");
    size_t n = host ? (size_t)(host + 3 - base_url) + strcspn(host + 3, "/?#")
                    : strlen(base_url);
    snprintf(out, size, "%.*s", (int)n, base_url);
}

/* The one write connection, the sign-in limits and the install's device
 * key. */
static int open_writer(struct app *app, const struct app_config *cfg,
                       struct vg_err *err)
{
    size_t len = 0;
    pthread_mutex_init(&app->write_lock, NULL);
    app->throttle = throttle_new();
    int rc = store_open(cfg->db, STORE_READ_WRITE, &app->writer, err);
    if (rc == 0)
        rc = store_secret(app->writer, "device_key", app->device_key,
                          sizeof app->device_key, &len, err);
    if (rc == 0 && len != sizeof app->device_key)
        rc = vg_err_set(err, VG_ECORRUPT, "db", "the device key is damaged");
    if (rc == 0)
        crypto_kdf_derive_from_key(app->signin_key, sizeof app->signin_key, 1,
                                   "vgsignin", app->device_key);
    auth_prepare(); /* not on the first sign-in's request thread */
    app->hashers = hashers_new();
    return rc;
}

static int app_init(struct app *app, const struct app_config *cfg,
                    struct vg_err *err)
{
    memset(app, 0, sizeof *app);
    app->cfg = *cfg;
    app->gazetteer = cfg->places;
    app_site_init(app);
    /* Two descriptors per connection at most (C1: 16384 for 8192), and
     * one per cached page (its memfd, cache.h). */
    rlim_t files = 2 * (rlim_t)max_connections(cfg) + CACHE_PAGES + 64;
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < files) {
        rl.rlim_cur = rl.rlim_max < files ? rl.rlim_max : files;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    int rc = reqlog_open(&app->log, cfg->access_log, cfg->node, err);
    if (rc == 0)
        rc = cfg->db_read
                 ? pool_open_standby(&app->pool, cfg->db_read, cfg->db,
                                     thread_count(cfg) + 1, err)
                 : pool_open(&app->pool, cfg->db, thread_count(cfg) + 1, err);
    if (rc == 0)
        rc = open_writer(app, cfg, err);
    if (rc != 0)
        return rc;
    app->cache = cache_new(CACHE_PAGES, drop_responses);
    app->clients = clients_new((unsigned)HTTP_PER_IP, max_connections(cfg),
                               &app->cfg.proxies);
    struct hub_limits limits = {cfg->sse_max ? cfg->sse_max : SSE_MAX,
                                cfg->sse_per_ip ? cfg->sse_per_ip
                                                : SSE_PER_CLIENT};
    struct hub_transport t = {on_suspend, on_wake, app};
    app->hub = hub_new(&limits, &t);
    struct watch_reads reads = {cfg->db_read, &app->pool.behind};
    return watch_start(cfg->db, &reads, app->cache, app->hub, &app->watch, err);
}

/* Stops accepting, ends every live stream, waits (up to 5 s) for them to
 * finish, then stops: libmicrohttpd must not stop with a connection still
 * suspended. */
static void stop_serving(struct app *app)
{
    loops_quiesce(app->loops);
    for (int i = 0; i < 500 && hub_close_all(app->hub) > 0; i++) {
        struct timespec ten_ms = {0, 10 * 1000000L};
        nanosleep(&ten_ms, NULL);
    }
    hashers_stop(app->hashers); /* resumes every request waiting for one */
    loops_free(app->loops);
    app->loops = NULL;
}

/* Frees what app_init made, also when it stopped half way. */
static void app_release(struct app *app)
{
    reqlog_close(&app->log);
    watch_stop(app->watch);
    hub_free(app->hub);
    cache_free(app->cache);
    if (app->pool.n)
        pool_close(&app->pool);
    store_close(app->writer);
    throttle_free(app->throttle);
    hashers_free(app->hashers);
    if (app->throttle)
        pthread_mutex_destroy(&app->write_lock);
    clients_free(app->clients);
    free(app);
}

static void set_base_url(struct app *app, int fd, const struct app_config *cfg);

struct app *server_app_new(const struct app_config *cfg, struct vg_err *err)
{
    struct app *app = xmalloc(sizeof *app);
    if (app_init(app, cfg, err) != 0) {
        app_release(app);
        return NULL;
    }
    set_base_url(app, -1, cfg);
    return app;
}

void server_app_free(struct app *app)
{
    if (app)
        app_release(app);
}

/* No error log: its connections are socketpairs, and libmicrohttpd
 * would report every TCP option they lack. */
struct MHD_Daemon *server_bare_daemon(struct app *app)
{
    return MHD_start_daemon(
        MHD_USE_NO_LISTEN_SOCKET | MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL,
        on_request, app, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)HTTP_CONNECTION_MEMORY, MHD_OPTION_STRICT_FOR_CLIENT, 1,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, app, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, app, MHD_OPTION_END);
}

/* The port a listening socket is bound to. */
static unsigned bound_port(int fd)
{
    struct sockaddr_storage bound;
    socklen_t len = sizeof bound;
    if (getsockname(fd, (struct sockaddr *)&bound, &len) != 0)
        return 0;
    return ntohs(bound.ss_family == AF_INET6
                     ? ((struct sockaddr_in6 *)&bound)->sin6_port
                     : ((struct sockaddr_in *)&bound)->sin_port);
}

/* The site's address: --base-url, or http:// and the address listened on
 * (with the port the kernel picked for port 0). Its origin is what a
 * browser's signed-in requests must come from. */
static void set_base_url(struct app *app, int fd, const struct app_config *cfg)
{
    const char *colon = strrchr(cfg->listen, ':');
    int host_len = colon ? (int)(colon - cfg->listen) : 0;
    if (cfg->base_url)
        snprintf(app->base_url, sizeof app->base_url, "%s", cfg->base_url);
    else
        snprintf(app->base_url, sizeof app->base_url, "http://%.*s:%u",
                 host_len ? host_len : 9, host_len ? cfg->listen : "127.0.0.1",
                 bound_port(fd));
    size_t n = strlen(app->base_url);
    while (n && app->base_url[n - 1] == '/')
        app->base_url[--n] = '\0';
    app->tls = strncmp(app->base_url, "https://", 8) == 0;
    origin_of(app->base_url, app->origin, sizeof app->origin);
}

static void serve_until_signal(int fd, const struct app_config *cfg)
{
    unsigned port = bound_port(fd);
    const char *colon = strrchr(cfg->listen, ':');
    int host_len = colon ? (int)(colon - cfg->listen) : 0;
    printf("vigil: serving %s at http://%.*s:%u/ (stop with Ctrl-C)\n", cfg->db,
           host_len ? host_len : 9, host_len ? cfg->listen : "127.0.0.1", port);
    fflush(stdout);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    int sig;
    sigwait(&set, &sig);
}

int server_run(const struct app_config *cfg, struct vg_err *err)
{
    struct sockaddr_storage addr;
    bool v6 = false;
    int rc = parse_listen(cfg->listen, &addr, &v6, err);
    if (rc != 0)
        return rc;
    /* Block the stop signals in every thread; the main thread waits for
     * them. A closed reader socket must not kill the process. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct app *app = xmalloc(sizeof *app);
    unsigned n = thread_count(cfg);
    struct listener l = {app, -1, v6, 0};
    rc = app_init(app, cfg, err);
    if (rc == 0 && (l.fd = open_listener(&addr, v6, cfg->listen, err)) < 0)
        rc = VG_EIO; /* err says why */
    if (rc == 0)
        set_base_url(app, l.fd, cfg);
    if (rc == 0 && (app->loops = loops_start(n, start_front, &l)) == NULL)
        rc = vg_err_set(err, VG_EIO, "listen", "cannot serve on %s",
                        cfg->listen);
    if (rc == 0) {
        struct scheduler *sched = scheduler_start(app);
        serve_until_signal(l.fd, cfg);
        scheduler_stop(sched);
        stop_serving(app);
    }
    if (l.fd >= 0)
        close(l.fd);
    app_release(app);
    return rc;
}
