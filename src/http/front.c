/*
 * front.c: the front of each request thread: it accepts the connections,
 * reads request heads itself, answers GETs of cached pages and serves
 * live streams, and hands every other connection, its bytes unread, to
 * the thread's libmicrohttpd daemon, which then owns it for good.
 *
 * Why it exists: benchmarks P1 and P2 (DESIGN §6). libmicrohttpd zeroes
 * its 32 KiB connection pool for every request and builds each answer's
 * headers anew, which kept a cached page below nginx's requests per core;
 * and each of its connections keeps that pool, 31 KB per live reader
 * against Nchan's 10 KB. Here a cached page costs a peek, a recv and a
 * writev, and a live reader a struct conn and the hub's struct sub.
 *
 * What the front answers, and nothing else (the rest goes to
 * libmicrohttpd):
 * - GET or HEAD over HTTP/1.0 or 1.1, with no body, of a page in the
 *   cache under the key both transports build (route_cache_key):
 *   the headers of server.c's send_page (http/reply.h), 304 for a
 *   matching If-None-Match, keep-alive and pipelining as libmicrohttpd
 *   does them;
 * - GET of the route table's stream route (R_STREAM, /t/:slug/live) over
 *   HTTP/1.1: what live_subscribe and send_stream do, in chunked
 *   encoding;
 * - every head http/head.h refuses (400, 411, 414, 431, 417, 505), with
 *   the C3 headers, as one answer, then a close: libmicrohttpd only ever
 *   gets whole, well-formed heads, and never writes an error of its own
 *   for one (it once sent two glued answers without our headers).
 * A head is handed over unread when it has escapes in its path, a
 * repeated header of those the front reads, a body, Expect or Upgrade.
 *
 * Reading: heads are peeked (MSG_PEEK), so a connection handed over still
 * has all its bytes; a head is consumed only when the front answers it.
 * A connection has HTTP_IDLE_TIMEOUT from its accept or its last answer
 * to send a whole head of at most HEAD_MAX bytes (bytes trickled in do
 * not extend it: slowloris), and as long for each write that makes no
 * progress. The connections it handed over keep deadlines too
 * (http/handed.h): the front's sweep enforces them.
 *
 * Counting (clients.h, security.md C1): the fronts share one count of
 * the connections they accept, up to the server's limit; one handed over
 * is given back by the daemon's close notification, or at once if the
 * daemon refused it. At the server's limit a new connection takes the
 * place of one only waiting for its client (make_room); past the
 * client's limit, or with no such place, it gets a 503 with Retry-After
 * and is closed.
 */
#define _GNU_SOURCE
#include "http/front.h"

#include <assert.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "http/clients.h"
#include "http/handed.h"
#include "http/handlers.h"
#include "http/head.h"
#include "http/metrics.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/server.h"
#include "live/hub.h"
#include "render/lists.h"
#include "util/clock.h"
#include "util/decimal.h"
#include "util/xmalloc.h"

enum {
    FRONT_EVENTS = 128,   /* epoll events per round */
    FRONT_ACCEPTS = 64,   /* accepts per round, leaving some to others */
    STREAM_BLOCK = 16384, /* bytes of events per write */
    HEADER_MAX = 2048,    /* bytes of an answer's headers */
    SWEEP_MS = 1000,      /* how often deadlines are checked */
};

/* epoll tags; any other value is a struct conn. */
enum { TAG_LISTEN = 1, TAG_WAKE, TAG_DAEMON };

struct conn {
    struct front *f;
    int fd;
    bool stream;        /* a live stream (else: reading heads, or answering) */
    bool keep_alive;    /* after the answer being sent */
    bool more;          /* bytes followed the last head: look again */
    bool answering;     /* an answer is being sent */
    bool peer_done;     /* the client sends no more (EPOLLRDHUP) */
    bool dead;          /* closed: freed after the round, off the woken list */
    size_t scanned;     /* bytes of the next head seen without its end */
    atomic_bool queued; /* on the front's woken list */
    struct conn *woken_next; /* on that list */
    struct conn *prev, *next;
    int64_t deadline;  /* monotonic ms: the next head, or write progress */
    struct page *page; /* being sent (a reference), or NULL */
    const char *body;  /* what is left of it */
    size_t body_left;  /* bytes */
    int file;          /* or the page's memfd, sent with sendfile */
    off_t file_off;    /* the next byte of it to send */
    size_t file_left;  /* bytes */
    char *out;         /* other bytes not yet sent (owned), or NULL */
    size_t out_len, out_off;
    struct sub *sub; /* the live stream's subscriber */
    socklen_t addr_len;
    union {
        struct sockaddr sa;
        struct sockaddr_in in;
        struct sockaddr_in6 in6;
    } addr;
};

struct front {
    struct app *app;
    struct MHD_Daemon *d;
    int ep, wake_fd, listen_fd;
    atomic_uint *held;      /* connections of every front: ours and handed
                               over (shared with the other fronts) */
    unsigned limit;         /* at most, for all the fronts */
    struct handed_list mhd; /* the connections the daemon holds */
    bool accepting;
    bool handed;  /* a connection went to the daemon this round */
    bool started; /* the daemon started the one being handed over */
    struct conn *conns;
    struct conn *graves; /* closed this round (events may still name them) */
    _Atomic(struct conn *) woken; /* streams the hub woke */
    atomic_bool signalled;        /* wake_fd written, not yet read */
    int64_t now_ms, next_sweep;   /* monotonic */
    int64_t now_s;                /* wall clock, for the cache and the hub */
    int64_t head_at;              /* monotonic ns: the head being answered
                                     was read (the access log) */
    time_t date_at;
    char date[48];                 /* "Date: ...\r\n" of date_at */
    char head[HEAD_MAX];           /* a peeked head */
    char sink[HEAD_MAX];           /* a consumed head */
    char strs[HEAD_MAX + 8];       /* NUL-terminated copies of its fields */
    char header[HEADER_MAX];       /* an answer's headers */
    char block[STREAM_BLOCK + 16]; /* a chunk of events */
};

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The wall clock (VIGIL_NOW in tests), read once per round. */
static int64_t wall_now(void)
{
    int64_t now;
    if (clock_now(&now, NULL) != 0)
        now = (int64_t)time(NULL);
    return now;
}

static void signal_loop(struct front *f)
{
    uint64_t one = 1;
    if (!atomic_exchange(&f->signalled, true) &&
        write(f->wake_fd, &one, sizeof one) < 0) {
        /* the counter cannot overflow in practice; nothing to do */
    }
}

/* ==== Connections ==== */

static void watch(struct front *f, int fd, uint32_t events, uint64_t tag)
{
    struct epoll_event ev = {.events = events, .data.u64 = tag};
    epoll_ctl(f->ep, EPOLL_CTL_ADD, fd, &ev);
}

/* Takes c off the front's list; it is freed after this round. */
static void bury(struct conn *c)
{
    struct front *f = c->f;
    if (c->prev)
        c->prev->next = c->next;
    else
        f->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->dead = true;
    c->next = f->graves;
    f->graves = c;
}

/* Frees the buried connections no woken list holds any more. */
static void free_graves(struct front *f)
{
    struct conn **p = &f->graves;
    while (*p) {
        struct conn *c = *p;
        if (atomic_load(&c->queued)) {
            p = &c->next;
        } else {
            *p = c->next;
            free(c);
        }
    }
}

/* Ends a connection the front holds, and gives back its client slot. */
static void close_conn(struct conn *c)
{
    struct front *f = c->f;
    if (c->sub) /* after this the hub cannot wake it any more */
        hub_unsubscribe(f->app->hub, c->sub);
    if (c->page)
        page_unref(f->app->cache, c->page);
    free(c->out);
    close(c->fd);
    clients_give(f->app->clients, &c->addr.sa);
    atomic_fetch_sub(f->held, 1);
    bury(c);
}

static void refuse_busy(struct front *f, int fd, const char *message);

/* Takes one connection's place under the limit for all the fronts. */
static bool take_place(struct front *f)
{
    if (atomic_fetch_add(f->held, 1) < f->limit)
        return true;
    atomic_fetch_sub(f->held, 1);
    return false;
}

/* ==== Under pressure ==== */

/* When c began to wait for its client: its accept or its last answer
 * (a head's deadline is a fixed time after that, however its bytes
 * trickle in). */
static int64_t waiting_since(const struct conn *c)
{
    return c->deadline - HTTP_IDLE_TIMEOUT * 1000;
}

/* At the server's limit, a new connection takes the place of one this
 * front holds that only waits for its client to send: a head (a new
 * connection, or a kept-alive one between requests) or, handed over, a
 * body; never a live stream or an answer being sent. Of those, the one
 * that has waited longest goes, so a flood of slow clients (security.md
 * T23) makes room out of its own connections, while a reader, answered
 * a moment ago, keeps its connection and gets a fresh one in (nginx
 * likewise reuses idle connections when it runs out). Each front frees
 * only its own, on its own thread; when it has none, the new connection
 * gets the 503. True when the new connection holds its place under the
 * limit.
 *
 * The walk over the front's connections runs only at the limit: a few
 * thousand entries, a few microseconds per new connection. */
static bool make_room(struct front *f)
{
    struct conn *best = NULL;
    for (struct conn *c = f->conns; c; c = c->next)
        if (!c->stream && !c->answering &&
            (best == NULL || c->deadline < best->deadline))
            best = c;
    int64_t handed;
    if (handed_oldest(&f->mhd, &handed) &&
        (best == NULL || handed < waiting_since(best))) {
        handed_evict(&f->mhd);
        f->handed = true; /* the daemon runs this round and reads the end */
        /* Its place comes back when the daemon closes it, this round:
         * the new connection takes it at once. */
        atomic_fetch_add(f->held, 1);
        atomic_fetch_add(&f->app->evicted, 1);
        return true;
    }
    if (best == NULL)
        return false;
    close_conn(best);
    atomic_fetch_add(&f->app->evicted, 1);
    return take_place(f);
}

static void accept_some(struct front *f)
{
    for (int i = 0; i < FRONT_ACCEPTS && f->accepting; i++) {
        struct conn *c = xcalloc(1, sizeof *c);
        c->addr_len = sizeof c->addr;
        c->fd = accept4(f->listen_fd, &c->addr.sa, &c->addr_len,
                        SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (c->fd < 0) {
            free(c);
            return;
        }
        const char *busy = NULL;
        if (!take_place(f) && !make_room(f)) {
            busy = "The server holds as many connections as it can.";
            metrics_refused(&f->app->counters, REFUSED_CONNS);
        } else if (!clients_take(f->app->clients, &c->addr.sa)) {
            atomic_fetch_sub(f->held, 1);
            busy = "Your address holds as many connections as it may.";
            metrics_refused(&f->app->counters, REFUSED_CLIENT_CONNS);
        }
        if (busy) {
            refuse_busy(f, c->fd, busy);
            free(c);
            continue;
        }
        int one = 1; /* small event frames must not wait for ACKs */
        setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        c->f = f;
        c->deadline = f->now_ms + HTTP_IDLE_TIMEOUT * 1000;
        c->next = f->conns;
        if (c->next)
            c->next->prev = c;
        f->conns = c;
        watch(f, c->fd, EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET,
              (uint64_t)(uintptr_t)c);
    }
}

/* Gives connection c, its bytes unread, to the daemon. */
static void hand_over(struct conn *c)
{
    struct front *f = c->f;
    epoll_ctl(f->ep, EPOLL_CTL_DEL, c->fd, NULL);
    bury(c);
    f->started = false;
    f->handed = true;
    atomic_fetch_add(&f->app->front_handed, 1);
    /* The daemon closes the socket if it refuses it; the client's slot
     * is then ours to give back, unless the daemon had started it (its
     * close notification gives it back). */
    if (MHD_add_connection(f->d, c->fd, &c->addr.sa, c->addr_len) != MHD_YES &&
        !f->started) {
        clients_give(f->app->clients, &c->addr.sa);
        atomic_fetch_sub(f->held, 1);
    }
}

void front_on_connection(void *cls, struct MHD_Connection *c, void **socket,
                         enum MHD_ConnectionNotificationCode code)
{
    struct front *f = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        f->started = true;
        handed_track(&f->mhd, c, socket, monotonic_ms());
        return;
    }
    handed_untrack(&f->mhd, socket);
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    clients_give(f->app->clients, info ? info->client_addr : NULL);
    atomic_fetch_sub(f->held, 1);
}

/* ==== Writing ==== */

/* Where a connection stands after the front wrote to it or read a head
 * from it. */
enum sent {
    SENT_GONE = -1, /* not the front's to read from any more: closed,
                       handed to libmicrohttpd, or streaming; or the head
                       is not whole yet */
    SENT_WAITING,   /* the socket is full: the rest waits for EPOLLOUT */
    SENT_ALL,       /* all is sent: the next head may be read */
};

/* After a write or sendfile that returned w: SENT_ALL when it made
 * progress (the deadline moves on), SENT_WAITING when the socket is full,
 * SENT_GONE after closing c on an error. */
static enum sent wrote(struct conn *c, ssize_t w)
{
    if (w < 0 && (errno == EAGAIN || errno == EINTR))
        return SENT_WAITING;
    if (w <= 0) {
        close_conn(c);
        return SENT_GONE;
    }
    c->deadline = c->f->now_ms + HTTP_IDLE_TIMEOUT * 1000;
    return SENT_ALL;
}

/* Sends what is left of the page's memfd. Returns as flush(). */
static enum sent flush_file(struct conn *c)
{
    while (c->file_left) {
        ssize_t w = sendfile(c->fd, c->file, &c->file_off, c->file_left);
        enum sent rc = wrote(c, w);
        if (rc != SENT_ALL)
            return rc;
        c->file_left -= (size_t)w;
    }
    return SENT_ALL;
}

/* Writes what is pending: the rest of `out`, then of the body (from
 * memory or the memfd). Returns SENT_ALL when all is sent, SENT_WAITING
 * when the socket is full, SENT_GONE after closing c. */
static enum sent flush(struct conn *c)
{
    while (c->out || c->body_left) {
        struct iovec iov[2];
        int n = 0;
        if (c->out)
            iov[n++] =
                (struct iovec){c->out + c->out_off, c->out_len - c->out_off};
        if (c->body_left)
            iov[n++] = (struct iovec){(void *)c->body, c->body_left};
        ssize_t w = writev(c->fd, iov, n);
        enum sent rc = wrote(c, w);
        if (rc != SENT_ALL)
            return rc;
        size_t left = (size_t)w;
        if (c->out) {
            size_t k = c->out_len - c->out_off;
            k = k < left ? k : left;
            c->out_off += k;
            left -= k;
            if (c->out_off == c->out_len) {
                free(c->out);
                c->out = NULL;
            }
        }
        c->body += left;
        c->body_left -= left;
    }
    return flush_file(c);
}

/* Keeps head[done..hlen) for flush(). */
static void keep_rest(struct conn *c, const char *head, size_t hlen,
                      size_t done)
{
    c->out_len = hlen - done;
    c->out_off = 0;
    c->out = xmalloc(c->out_len);
    memcpy(c->out, head + done, c->out_len);
}

/* Sends head[0..hlen) then blen bytes of page p's memfd with sendfile:
 * the head goes with MSG_MORE so that it shares packets with the body.
 * p's reference is c's until the answer is sent. Returns as flush(). */
static enum sent send_file_now(struct conn *c, const char *head, size_t hlen,
                               struct page *p, size_t blen)
{
    ssize_t w = send(c->fd, head, hlen, MSG_MORE | MSG_NOSIGNAL);
    c->page = p;
    if (w < 0 && errno != EAGAIN && errno != EINTR) {
        close_conn(c);
        return SENT_GONE;
    }
    size_t done = w < 0 ? 0 : (size_t)w;
    if (done < hlen)
        keep_rest(c, head, hlen, done);
    c->file = p->fd;
    c->file_off = 0;
    c->file_left = blen;
    c->deadline = c->f->now_ms + HTTP_IDLE_TIMEOUT * 1000;
    return c->out ? SENT_WAITING : flush_file(c);
}

/* Sends head[0..hlen) and body[0..blen) at once (body within page p, or
 * p NULL and blen 0). What the socket does not take now waits for
 * flush(): the rest of head copied, body through p, whose reference c
 * holds until the answer is sent. Returns as flush(). */
static enum sent send_now(struct conn *c, const char *head, size_t hlen,
                          struct page *p, const char *body, size_t blen)
{
    struct iovec iov[2] = {{(void *)head, hlen}, {(void *)body, blen}};
    ssize_t w = writev(c->fd, iov, blen ? 2 : 1);
    c->page = p;
    if (w < 0 && errno != EAGAIN && errno != EINTR) {
        close_conn(c);
        return SENT_GONE;
    }
    size_t done = w < 0 ? 0 : (size_t)w;
    if (done < hlen) {
        keep_rest(c, head, hlen, done);
        done = 0;
    } else {
        done -= hlen;
    }
    c->body = body + done;
    c->body_left = blen - done;
    if (c->out == NULL && c->body_left == 0)
        return SENT_ALL;
    c->deadline = c->f->now_ms + HTTP_IDLE_TIMEOUT * 1000;
    return SENT_WAITING;
}

/* ==== Answers ==== */

/* A head the front answers: what head_scan read, its fields as
 * NUL-terminated copies in f->strs (NULL: absent). */
struct ask {
    size_t len;         /* bytes, up to and with the empty line */
    bool head_only;     /* HEAD */
    bool http10;        /* HTTP/1.0 (else 1.1) */
    bool keep_alive;    /* the connection stays open after the answer */
    const char *method; /* "GET" or "HEAD" */
    char *path;
    char *query; /* after '?', or NULL */
    const char *accept_encoding, *if_none_match, *last_event_id;
    const char *forwarded, *x_forwarded_for; /* read from trusted proxies */
};

/* An answer's headers in f->header, built with copies (printf cost 8 %
 * of the CPU per cached page). */
struct out {
    char *p;
    size_t len, cap; /* len > cap: it did not fit */
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->len + n <= o->cap)
        memcpy(o->p + o->len, s, n);
    o->len += n;
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_number(struct out *o, size_t v)
{
    char digits[DECIMAL_MAX];
    put(o, digits, decimal_format((int64_t)v, digits));
}

/* The headers shared by every answer: status line, Date, Connection, then
 * the list and the framing (content_length < 0: chunked). Returns the
 * bytes written to f->header (0: too long). */
static size_t put_headers(struct front *f, int status, const struct ask *h,
                          const struct reply_header *list, int n,
                          long content_length)
{
    time_t t = time(NULL);
    if (t != f->date_at) {
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(f->date, sizeof f->date, "Date: %a, %d %b %Y %H:%M:%S GMT\r\n",
                 &tm);
        f->date_at = t;
    }
    struct out o = {f->header, 0, sizeof f->header};
    puts_(&o, "HTTP/1.1 ");
    put_number(&o, (size_t)status);
    put(&o, " ", 1);
    puts_(&o, MHD_get_reason_phrase_for((unsigned)status));
    put(&o, "\r\n", 2);
    puts_(&o, f->date);
    puts_(&o, !h->keep_alive ? "Connection: close\r\n"
              : h->http10    ? "Connection: Keep-Alive\r\n"
                             : "");
    for (int i = 0; i < n; i++) {
        puts_(&o, list[i].name);
        put(&o, ": ", 2);
        puts_(&o, list[i].value);
        put(&o, "\r\n", 2);
    }
    if (content_length < 0) {
        puts_(&o, "Transfer-Encoding: chunked\r\n");
    } else {
        puts_(&o, "Content-Length: ");
        put_number(&o, (size_t)content_length);
        put(&o, "\r\n", 2);
    }
    put(&o, "\r\n", 2);
    return o.len <= o.cap ? o.len : 0;
}

/* Writes into b a whole answer refusing a request for path: the status,
 * the C3 headers of the path's family (http/reply.h), Connection: close,
 * Retry-After with a 503, and the error page (JSON under /api/) with
 * message. */
static void put_refusal(struct front *f, struct buf *b, int status,
                        const char *message, const char *path)
{
    unsigned flags = route_family(path);
    struct buf body = BUF_INIT(PAGE_BODY_MAX);
    const char *type = "application/json; charset=utf-8";
    if (flags & R_API) {
        reply_error_json(&body, status, message, NULL);
    } else {
        render_error_page(&body, &f->app->site, status, reply_reason(status),
                          message);
        type = "text/html; charset=utf-8";
        flags |= R_HTML;
    }
    struct reply_header list[REPLY_HEADERS_MAX];
    int n = reply_headers(flags, type, list);
    list[n++] = (struct reply_header){"Cache-Control",
                                      reply_cache_control(flags, status)};
    char after[DECIMAL_MAX + 1];
    after[decimal_format(SSE_RETRY_AFTER, after)] = '\0';
    if (status == 503)
        list[n++] = (struct reply_header){"Retry-After", after};
    struct ask closing = {.keep_alive = false};
    size_t len = put_headers(f, status, &closing, list, n, (long)body.len);
    buf_append(b, f->header, len);
    buf_append(b, buf_cstr(&body), body.len);
    buf_release(&body);
}

/* Refuses a connection just accepted past a limit with a 503 and closes
 * it, holding nothing: a new socket's buffer takes the answer at once.
 * What the client sent already is read first, so that the close does not
 * reset the answer (a few reads: a client that keeps sending is cut). */
static void refuse_busy(struct front *f, int fd, const char *message)
{
    struct buf b = BUF_INIT(PAGE_BODY_MAX);
    put_refusal(f, &b, 503, message, "/");
    if (send(fd, buf_cstr(&b), b.len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
        /* a client gone already needs no answer */
    }
    shutdown(fd, SHUT_WR);
    for (int i = 0; i < 4; i++)
        if (recv(fd, f->sink, sizeof f->sink, MSG_DONTWAIT) <= 0)
            break;
    close(fd);
    buf_release(&b);
}

/* Consumes the head being answered (its bytes were only peeked). */
static bool consume(struct conn *c, const struct ask *h)
{
    return recv(c->fd, c->f->sink, h->len, 0) == (ssize_t)h->len;
}

/* Writes the access log's line of an answer the front made to h. */
static void log_answer(struct conn *c, const struct ask *h, int status,
                       uint64_t bytes, const char *route)
{
    struct front *f = c->f;
    if (!reqlog_on(&f->app->log))
        return;
    union proxy_addr client;
    const struct sockaddr *sa =
        proxy_client(&f->app->cfg.proxies, &c->addr.sa, h->forwarded,
                     h->x_forwarded_for, &client);
    struct reqlog_entry e = {.client = sa,
                             .method = h->method,
                             .path = h->path,
                             .status = status,
                             .bytes = bytes,
                             .started = f->head_at,
                             .route = route};
    reqlog_write(&f->app->log, &e);
}

/* Answers h from the cache into *sent; false (nothing done) on a miss. */
static bool answer_page(struct conn *c, const struct ask *h, bool key_only,
                        enum sent *sent)
{
    struct front *f = c->f;
    char key[CACHE_KEY_MAX];
    if (!route_cache_key(h->path, key_only, key))
        return false;
    struct page *p = cache_peek(f->app->cache, key, f->now_s);
    if (p == NULL)
        return false;
    bool gz;
    bool fresh = reply_page_form(p, h->accept_encoding, h->if_none_match, &gz);
    struct reply_header list[REPLY_HEADERS_MAX];
    size_t body_len = fresh ? 0 : gz ? p->gz_len : p->len;
    size_t len = put_headers(f, fresh ? 304 : 200, h, list,
                             reply_page_headers(p, gz, list), (long)body_len);
    if (len == 0 || !consume(c, h)) {
        page_unref(f->app->cache, p);
        return false;
    }
    atomic_fetch_add(&f->app->requests, 1);
    atomic_fetch_add(&f->app->front_answers, 1);
    log_answer(c, h, fresh ? 304 : 200, h->head_only ? 0 : body_len, p->route);
    c->keep_alive = h->keep_alive;
    if (!gz && p->fd >= 0 && !h->head_only && body_len > 0)
        *sent = send_file_now(c, f->header, len, p, body_len);
    else
        *sent = send_now(c, f->header, len, p, gz ? p->gz : p->body,
                         h->head_only ? 0 : body_len);
    return true;
}

/* ==== Live streams ==== */

static void on_stream_suspend(void *cls, void *conn)
{
    (void)cls, (void)conn; /* it waits until woken: nothing to do */
}

/* From the thread that published, with the hub's lock held. */
static void on_stream_wake(void *cls, void *conn)
{
    (void)cls;
    struct conn *c = conn;
    struct front *f = c->f;
    if (atomic_exchange(&c->queued, true))
        return;
    struct conn *head = atomic_load(&f->woken);
    do
        c->woken_next = head;
    while (!atomic_compare_exchange_weak(&f->woken, &head, c));
    signal_loop(f);
}

static const struct hub_transport STREAM_TRANSPORT = {on_stream_suspend,
                                                      on_stream_wake, NULL};

/* Sends the stream's events until the hub has none (it then waits to be
 * woken) or the socket is full (it waits to be writable); at the end of
 * the stream, sends the last chunk and closes. */
static void pump(struct conn *c)
{
    struct front *f = c->f;
    char *data = f->block + 8; /* room for the chunk size before it */
    for (;;) {
        if (flush(c) != SENT_ALL)
            return;
        ssize_t n = hub_read(f->app->hub, c->sub, data, STREAM_BLOCK, f->now_s);
        if (n == 0)
            return;
        if (n < 0) {
            if (write(c->fd, "0\r\n\r\n", 5) < 0) {
                /* a reader gone or stuck is closed all the same */
            }
            close_conn(c);
            return;
        }
        char size[12];
        int k = snprintf(size, sizeof size, "%zx\r\n", (size_t)n);
        memcpy(data - k, size, (size_t)k);
        memcpy(data + n, "\r\n", 2);
        if (send_now(c, data - k, (size_t)(k + n + 2), NULL, NULL, 0) !=
            SENT_ALL)
            return;
    }
}

/* The error answer of live_join (404, 500, 503), as server.c's send_error
 * sends it for the API. Returns as send_now(). */
static enum sent stream_error(struct conn *c, const struct ask *h, int status,
                              const char *message)
{
    struct front *f = c->f;
    struct reply_header list[REPLY_HEADERS_MAX];
    int n = reply_headers(R_API, "application/json; charset=utf-8", list);
    list[n++] = (struct reply_header){"Cache-Control",
                                      reply_cache_control(R_API, status)};
    char after[16];
    snprintf(after, sizeof after, "%d", SSE_RETRY_AFTER);
    if (status == 503)
        list[n++] = (struct reply_header){"Retry-After", after};
    struct buf body = BUF_INIT(1024);
    reply_error_json(&body, status, message, NULL);
    size_t len = put_headers(f, status, h, list, n, (long)body.len);
    enum sent rc = SENT_GONE;
    c->keep_alive = h->keep_alive;
    if (len && len + body.len <= sizeof f->header) {
        memcpy(f->header + len, buf_cstr(&body), body.len);
        rc = send_now(c, f->header, len + body.len, NULL, NULL, 0);
    } else {
        close_conn(c);
    }
    buf_release(&body);
    return rc;
}

/* The stream route (its tracker's slug at slug): subscribes c and starts
 * its stream, or answers the error. Returns as send_now(), and SENT_GONE
 * for a stream (c reads no more heads). */
static enum sent answer_stream(struct conn *c, const struct ask *h,
                               const struct route *route, char *slug)
{
    struct front *f = c->f;
    struct req r = {.app = f->app, .nparams = 1, .now = f->now_s};
    r.params[0] = slug;
    const char *after = h->query ? h->query + strlen("after=") : NULL;
    union proxy_addr client;
    const struct sockaddr *sa =
        proxy_client(&f->app->cfg.proxies, &c->addr.sa, h->forwarded,
                     h->x_forwarded_for, &client);
    int status =
        live_join(&r, sa, h->last_event_id, after, &STREAM_TRANSPORT, c);
    arena_release(&r.arena);
    /* The path whole again for the log (live_slug cut it at the slug). */
    slug[strlen(slug)] = '/';
    c->sub = r.stream;    /* from here on, close_conn unsubscribes */
    if (!consume(c, h)) { /* not expected: the bytes were there */
        close_conn(c);
        return SENT_GONE;
    }
    atomic_fetch_add(&f->app->requests, 1);
    atomic_fetch_add(&f->app->front_answers, 1);
    log_answer(c, h, status ? status : 200, 0, route->pattern);
    if (status != 0)
        return stream_error(c, h, status, r.error);
    struct reply_header list[REPLY_HEADERS_MAX];
    size_t len = put_headers(f, 200, h, list, reply_stream_headers(list), -1);
    c->stream = true;
    if (len == 0)
        close_conn(c);
    else if (send_now(c, f->header, len, NULL, NULL, 0) == SENT_ALL)
        pump(c);
    return SENT_GONE;
}

/* ==== Reading heads ==== */

/* Copies s into f->strs at *used, NUL-terminated; NULL when absent. The
 * copies of one head's fields fit: they are disjoint parts of it. */
static char *copy_str(struct front *f, struct str s, size_t *used)
{
    if (s.p == NULL)
        return NULL;
    char *z = f->strs + *used;
    assert(*used + s.len < sizeof f->strs);
    memcpy(z, s.p, s.len);
    z[s.len] = '\0';
    *used += s.len + 1;
    return z;
}

/* True when the front answers head h itself: GET or HEAD of a path
 * without escapes, no body, no upgrade, no repeated header, within the
 * limits server.c checks (which answer the rest with their own status). */
static bool is_ours(const struct head *h)
{
    if (!str_eq(h->method, "GET") && !str_eq(h->method, "HEAD"))
        return false;
    if (h->has_body || h->upgrade || h->repeated || h->expect.p)
        return false;
    if (h->target.len > HTTP_URL_MAX || h->cookie_bytes > HTTP_COOKIE_MAX ||
        h->path.p[0] != '/')
        return false;
    /* escapes are libmicrohttpd's to undo */
    return !memchr(h->target.p, '%', h->target.len) &&
           !memchr(h->target.p, '#', h->target.len);
}

/* The fields of h the front's answers read, as C strings in f->strs. */
static void to_ask(struct front *f, const struct head *h, struct ask *a)
{
    size_t used = 0;
    *a = (struct ask){.len = h->len,
                      .head_only = str_eq(h->method, "HEAD"),
                      .method = str_eq(h->method, "HEAD") ? "HEAD" : "GET",
                      .http10 = h->http10,
                      .keep_alive = h->keep_alive};
    a->path = copy_str(f, h->path, &used);
    a->query = copy_str(f, h->query, &used);
    a->accept_encoding = copy_str(f, h->accept_encoding, &used);
    a->if_none_match = copy_str(f, h->if_none_match, &used);
    a->last_event_id = copy_str(f, h->last_event_id, &used);
    a->forwarded = copy_str(f, h->forwarded, &used);
    a->x_forwarded_for = copy_str(f, h->x_forwarded_for, &used);
}

/* Answers a head the scanner refused, then closes c (keep_alive off).
 * The peeked bytes are consumed first: closing a socket with unread
 * bytes would reset the connection, and the answer with it. Returns as
 * send_now(). */
static enum sent refuse_head(struct conn *c, size_t peeked,
                             const struct head *h, const struct head_error *e)
{
    struct front *f = c->f;
    size_t used = 0;
    struct ask a = {.method = h->method.p ? copy_str(f, h->method, &used) : ""};
    a.path = h->path.p ? copy_str(f, h->path, &used) : "/";
    a.forwarded = copy_str(f, h->forwarded, &used);
    a.x_forwarded_for = copy_str(f, h->x_forwarded_for, &used);
    const char *path = a.path;
    if (recv(c->fd, f->sink, peeked, 0) < 0) {
        /* nothing to consume: the answer goes all the same */
    }
    struct buf msg = BUF_INIT(512);
    buf_printf(&msg, "%s (byte %zu of the request head)", e->what, e->at);
    struct buf b = BUF_INIT(PAGE_BODY_MAX);
    put_refusal(f, &b, e->status, buf_cstr(&msg), path);
    atomic_fetch_add(&f->app->requests, 1);
    atomic_fetch_add(&f->app->front_answers, 1);
    if (e->status == 414 || e->status == 431)
        metrics_refused(&f->app->counters, REFUSED_SIZE);
    log_answer(c, &a, e->status, 0, NULL);
    c->keep_alive = false;
    c->answering = true;
    c->more = false;
    enum sent rc = SENT_GONE;
    if (b.failed)
        close_conn(c);
    else
        rc = send_now(c, buf_cstr(&b), b.len, NULL, NULL, 0);
    buf_release(&msg);
    buf_release(&b);
    return rc;
}

/* True when the head in buf[0..n) may have ended: the bytes not seen
 * before hold an empty line, or the limit is reached. Scanning only then
 * keeps a head trickled in byte by byte from costing its length squared. */
static bool may_end(struct conn *c, const char *buf, size_t n)
{
    size_t from = c->scanned > 2 ? c->scanned - 2 : 0;
    if (n >= HEAD_MAX)
        return true;
    c->scanned = n;
    return memmem(buf + from, n - from, "\n\r\n", 3) ||
           memmem(buf + from, n - from, "\n\n", 2);
}

/* True when the route table streams path (R_STREAM): its tracker's slug
 * then ends at a NUL written into path, at *slug. */
static bool stream_route(char *path, const struct route **route, char **slug)
{
    struct route_match m;
    if (route_match("GET", path, &m, NULL, 0) != 0 ||
        !(m.route->flags & R_STREAM))
        return false;
    int i = route_tracker_param(m.route);
    assert(i >= 0 && i < m.nparams); /* a stream is a tracker's */
    *route = m.route;
    *slug = path + m.params[i].at;
    (*slug)[m.params[i].len] = '\0';
    return true;
}

/* Answers the head h of c, or hands c over. Returns as send_now(), and
 * SENT_GONE also when c is no longer the front's to read from. */
static enum sent answer(struct conn *c, struct ask *h)
{
    const char *q = h->query;
    const struct route *route;
    char *slug;
    /* Chunked encoding is HTTP/1.1's; a stream's only query is after=. */
    if (!h->head_only && !h->http10 && stream_route(h->path, &route, &slug)) {
        if (q == NULL ||
            (strncmp(q, "after=", 6) == 0 && !strpbrk(q + 6, "&=+")))
            return answer_stream(c, h, route, slug);
        slug[strlen(slug)] = '/'; /* the path whole again, handed over */
        hand_over(c);
        return SENT_GONE;
    }
    bool key_only;
    enum sent rc;
    if (route_cache_query(q, &key_only) && answer_page(c, h, key_only, &rc))
        return rc;
    hand_over(c);
    return SENT_GONE;
}

/* Reads the head peeked into f->head[0..n): answers it, refuses it, or
 * hands c over with it. Returns as send_now(), and SENT_GONE also when c
 * is no longer the front's to read from or the head is not whole yet. */
static enum sent read_head(struct conn *c, size_t n)
{
    struct front *f = c->f;
    struct head h;
    struct head_error e;
    const char *pos = f->head;
    enum head_rc rc = HEAD_PARTIAL;
    if (may_end(c, f->head, n))
        rc = head_scan(&pos, f->head + n, &h, &e);
    if (rc == HEAD_PARTIAL) {
        if (c->peer_done)
            close_conn(c); /* the rest of the head will never come */
        return SENT_GONE;
    }
    c->scanned = 0;
    f->head_at = metrics_clock_ns();
    if (rc == HEAD_BAD)
        return refuse_head(c, n, &h, &e);
    if (!is_ours(&h)) {
        hand_over(c); /* a whole, well-formed head */
        return SENT_GONE;
    }
    struct ask a;
    to_ask(f, &h, &a);
    c->more = n > h.len;
    c->answering = true;
    return answer(c, &a);
}

/* Moves c on as far as it can: finishes the answer being sent, then
 * reads and answers heads, until one is incomplete, an answer waits for
 * the socket, or c is closed or handed over. */
static void advance(struct conn *c)
{
    struct front *f = c->f;
    for (;;) {
        if (c->answering) {
            if (flush(c) != SENT_ALL)
                return;
            if (c->page)
                page_unref(f->app->cache, c->page);
            c->page = NULL;
            c->answering = false;
            if (!c->keep_alive) {
                close_conn(c);
                return;
            }
            c->deadline = f->now_ms + HTTP_IDLE_TIMEOUT * 1000;
            if (!c->more)
                return; /* the next head will announce itself */
        }
        ssize_t n = recv(c->fd, f->head, HEAD_MAX, MSG_PEEK);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        if (n <= 0) {
            close_conn(c);
            return;
        }
        if (read_head(c, (size_t)n) != SENT_ALL)
            return;
    }
}

static void on_io(struct conn *c, uint32_t events)
{
    if (c->dead)
        return;
    if (c->stream) {
        ssize_t n = 1;
        while (n > 0 && (events & EPOLLIN)) /* a reader sends nothing more */
            n = recv(c->fd, c->f->sink, sizeof c->f->sink, 0);
        if ((events & (EPOLLERR | EPOLLHUP | EPOLLRDHUP)) || n == 0)
            close_conn(c);
        else if (events & EPOLLOUT)
            pump(c);
        return;
    }
    if (events & (EPOLLERR | EPOLLHUP)) {
        close_conn(c);
        return;
    }
    /* A head that came while an answer was being sent will not announce
     * itself again (edge-triggered): look once the answer is out. */
    if (events & (EPOLLIN | EPOLLRDHUP))
        c->more = true;
    if (events & EPOLLRDHUP)
        c->peer_done = true;
    if (!c->answering || (events & EPOLLOUT))
        advance(c);
}

/* ==== The loop ==== */

/* Serves the streams the hub woke. */
static void run_woken(struct front *f)
{
    struct conn *c = atomic_exchange(&f->woken, NULL);
    while (c) {
        struct conn *next = c->woken_next;
        atomic_store(&c->queued, false);
        if (!c->dead)
            pump(c);
        c = next;
    }
}

/* True when c's client sent part of a head: cut at its deadline, it was
 * too slow (a connection that sent nothing was only idle). */
static bool has_bytes(struct conn *c)
{
    char one;
    return recv(c->fd, &one, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
}

/* Closes connections past their deadline: a head not sent in time, an
 * idle keep-alive connection, a reader that stopped reading. Those that
 * were not idle count as refused for being slow. */
static void sweep(struct front *f)
{
    struct conn *next;
    for (struct conn *c = f->conns; c; c = next) {
        next = c->next;
        bool waiting = c->stream ? c->out != NULL : true;
        if (!waiting || f->now_ms < c->deadline)
            continue;
        if (c->stream || c->answering || has_bytes(c))
            metrics_refused(&f->app->counters, REFUSED_SLOW);
        close_conn(c);
    }
    unsigned cut = handed_sweep(&f->mhd, f->now_ms);
    for (unsigned i = 0; i < cut; i++)
        metrics_refused(&f->app->counters, REFUSED_SLOW);
    f->next_sweep = f->now_ms + SWEEP_MS;
}

bool front_wait(struct front *f, int timeout_ms)
{
    struct epoll_event ev[FRONT_EVENTS];
    if (f->conns || f->mhd.first) {
        int64_t left = f->next_sweep - monotonic_ms();
        left = left < 0 ? 0 : left;
        if (timeout_ms < 0 || left < timeout_ms)
            timeout_ms = (int)left;
    }
    int n = epoll_wait(f->ep, ev, FRONT_EVENTS, timeout_ms);
    f->now_ms = monotonic_ms();
    f->now_s = wall_now();
    bool due = false;
    for (int i = 0; i < n; i++) {
        uint64_t tag = ev[i].data.u64;
        if (tag == TAG_LISTEN) {
            accept_some(f);
        } else if (tag == TAG_WAKE) {
            uint64_t count;
            if (read(f->wake_fd, &count, sizeof count) < 0) {
                /* EAGAIN: already read */
            }
            /* Only now: a wake that saw the flag still set has pushed
             * its stream already, and run_woken takes it. */
            atomic_store(&f->signalled, false);
            run_woken(f);
            due = true;
        } else if (tag == TAG_DAEMON) {
            due = true;
        } else {
            on_io((struct conn *)(uintptr_t)tag, ev[i].events);
        }
    }
    if (f->now_ms >= f->next_sweep)
        sweep(f);
    free_graves(f);
    due |= f->handed;
    f->handed = false;
    return due;
}

void front_wake(struct front *f)
{
    signal_loop(f);
}

void front_quiesce(struct front *f)
{
    if (f->accepting)
        epoll_ctl(f->ep, EPOLL_CTL_DEL, f->listen_fd, NULL);
    f->accepting = false;
}

struct front *front_new(struct app *app, int listen_fd, atomic_uint *held,
                        unsigned limit)
{
    struct front *f = xcalloc(1, sizeof *f);
    f->app = app;
    f->listen_fd = listen_fd;
    f->held = held;
    f->limit = limit;
    f->ep = epoll_create1(EPOLL_CLOEXEC);
    f->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (f->ep < 0 || f->wake_fd < 0) {
        front_free(f);
        return NULL;
    }
    /* Exclusive: one thread wakes per new connection, not all. */
    watch(f, listen_fd, EPOLLIN | EPOLLEXCLUSIVE, TAG_LISTEN);
    watch(f, f->wake_fd, EPOLLIN, TAG_WAKE);
    f->accepting = true;
    f->now_ms = monotonic_ms();
    f->now_s = wall_now();
    f->next_sweep = f->now_ms + SWEEP_MS;
    return f;
}

bool front_attach(struct front *f, struct MHD_Daemon *d)
{
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(d, MHD_DAEMON_INFO_EPOLL_FD);
    f->d = d;
    if (info == NULL)
        return false;
    watch(f, info->epoll_fd, EPOLLIN, TAG_DAEMON);
    return true;
}

void front_free(struct front *f)
{
    if (f == NULL)
        return;
    while (f->conns)
        close_conn(f->conns);
    handed_release(&f->mhd);
    run_woken(f); /* takes the closed ones off the woken list */
    free_graves(f);
    if (f->ep >= 0)
        close(f->ep);
    if (f->wake_fd >= 0)
        close(f->wake_fd);
    free(f);
}
