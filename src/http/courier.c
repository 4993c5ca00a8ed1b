/* courier.c: delivering webhooks' notifications (courier.h). */
#include "http/courier.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/webhooks.h"
#include "http/request.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/xmalloc.h"

enum {
    TAKE_MAX = 16,                /* rows one round takes */
    ANSWER_MAX = 64 << 10,        /* bytes of an answer read, then cut */
    LEASE_SLACK_MS = 5000,        /* a lease outlasts its attempt by this */
    BACKOFF_CAP_MS = 3600 * 1000, /* the longest wait between attempts */
    POLL_MAX_MS = 1000,           /* the longest wait between rounds */
};

struct timing {
    long long retry_ms;   /* the first retry's delay */
    long long timeout_ms; /* an attempt's time limit */
};

struct courier {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    struct app *app;
    struct timing timing;
    CURL *curl; /* reused: connections to a receiver are kept */
};

/* The queue's clock: wall-clock Unix milliseconds (not VIGIL_NOW, which
 * fixes the record's "now" but must not stop retries from coming due). */
static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A positive number of milliseconds from the environment, or fallback. */
static long long env_ms(const char *name, long long fallback)
{
    const char *v = getenv(name);
    char *end;
    long long n = v ? strtoll(v, &end, 10) : 0;
    return v && *v && *end == '\0' && n > 0 && n <= BACKOFF_CAP_MS ? n
                                                                   : fallback;
}

/* The delay before attempt number `made` + 1, after `made` failed. */
static int64_t backoff_ms(const struct timing *t, int64_t made)
{
    int64_t d = t->retry_ms;
    for (int64_t i = 1; i < made && d < BACKOFF_CAP_MS; i++)
        d *= 2;
    return d < BACKOFF_CAP_MS ? d : BACKOFF_CAP_MS;
}

/* ==== One attempt ==== */

/* Reads the answer's body to ANSWER_MAX and drops it. */
static size_t on_answer(char *p, size_t size, size_t n, void *ctx)
{
    (void)p;
    size_t *seen = ctx;
    *seen += size * n;
    return *seen > ANSWER_MAX ? 0 : size * n;
}

/* Appends one header, formatted, to list. */
static struct curl_slist *header(struct curl_slist *list, struct buf *h,
                                 const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static struct curl_slist *header(struct curl_slist *list, struct buf *h,
                                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_reset(h);
    buf_vprintf(h, fmt, ap);
    va_end(ap);
    return curl_slist_append(list, buf_cstr(h));
}

/* The request's headers (core/webhooks.h), signed at time ts. */
static struct curl_slist *headers(const struct delivery *d, int64_t ts)
{
    char sig[65];
    webhook_sign(d->secret, ts, d->payload, strlen(d->payload), sig);
    struct buf h = BUF_INIT(4096);
    struct curl_slist *list = NULL;
    list = header(list, &h, "Content-Type: application/json");
    list = header(list, &h, "Expect:"); /* no 100-continue round trip */
    list = header(list, &h, "Vigil-Event: %s", d->kind);
    list = header(list, &h, "Vigil-Timestamp: %lld", (long long)ts);
    list = header(list, &h, "Vigil-Signature: sha256=%s", sig);
    list = header(list, &h, "Idempotency-Key: %s", d->key);
    buf_release(&h);
    return list;
}

/* POSTs d once. Returns 0 when the receiver answered 2xx, else -1 with
 * why in error. */
static int attempt(struct courier *c, const struct delivery *d,
                   struct buf *error)
{
    CURL *h = c->curl;
    size_t seen = 0;
    long status = 0;
    struct curl_slist *list = headers(d, (int64_t)time(NULL));
    curl_easy_reset(h);
    curl_easy_setopt(h, CURLOPT_URL, d->url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)c->timing.timeout_ms);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "Vigil-Webhooks");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, d->payload);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                     (curl_off_t)strlen(d->payload));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_answer);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &seen);
    CURLcode rc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(list);
    /* An answer cut at ANSWER_MAX still said its status. */
    if (status >= 200 && status <= 299)
        return 0;
    if (status)
        buf_printf(error, "the receiver answered %ld", status);
    else
        buf_printf(error, "%s", curl_easy_strerror(rc));
    return -1;
}

/* ==== Rounds ==== */

/* Takes the due rows into *out (in arena) under the server's writer. */
static int take(struct courier *c, struct arena *arena, struct delivery **out,
                size_t *n)
{
    struct app *app = c->app;
    struct vg_err err = VG_ERR_INIT;
    int64_t now = now_ms();
    int64_t lease = now + c->timing.timeout_ms + LEASE_SLACK_MS;
    pthread_mutex_lock(&app->write_lock);
    int rc = store_begin(app->writer, &err);
    if (rc == 0) {
        rc = store_outbox_take(app->writer, arena, now, lease, TAKE_MAX, out, n,
                               &err);
        if (rc == 0)
            rc = store_commit(app->writer, &err);
        else
            store_rollback(app->writer);
    }
    pthread_mutex_unlock(&app->write_lock);
    if (rc != 0)
        fprintf(stderr, "vigil: webhooks: %s\n", err.msg);
    return rc;
}

/* Records the attempt at d: delivered (error empty) or to retry. */
static void settle(struct courier *c, const struct delivery *d,
                   const struct buf *error)
{
    struct app *app = c->app;
    struct vg_err err = VG_ERR_INIT;
    int64_t at = 0;
    if (clock_now(&at, NULL) != 0)
        at = (int64_t)time(NULL);
    bool ok = error->len == 0;
    int64_t due = ok ? 0 : now_ms() + backoff_ms(&c->timing, d->attempts + 1);
    pthread_mutex_lock(&app->write_lock);
    int rc = store_begin(app->writer, &err);
    if (rc == 0) {
        rc = store_outbox_settle(app->writer, d->id, at,
                                 ok ? NULL : buf_cstr(error), due, &err);
        if (rc == 0)
            rc = store_commit(app->writer, &err);
        else
            store_rollback(app->writer);
    }
    pthread_mutex_unlock(&app->write_lock);
    if (rc != 0)
        fprintf(stderr, "vigil: webhooks: %s\n", err.msg);
}

/* One round: returns how many rows were delivered (another round may
 * find their webhooks' next rows due at once). */
static size_t deliver_due(struct courier *c)
{
    struct arena arena = {0};
    struct delivery *d = NULL;
    size_t n = 0, delivered = 0;
    if (take(c, &arena, &d, &n) == 0) {
        for (size_t i = 0; i < n; i++) {
            struct buf error = BUF_INIT(256);
            if (attempt(c, &d[i], &error) == 0)
                delivered++;
            settle(c, &d[i], &error);
            buf_release(&error);
        }
    }
    arena_release(&arena);
    return delivered;
}

static void *run(void *p)
{
    struct courier *c = p;
    long long poll =
        c->timing.retry_ms < POLL_MAX_MS ? c->timing.retry_ms : POLL_MAX_MS;
    pthread_mutex_lock(&c->lock);
    while (!c->stop) {
        pthread_mutex_unlock(&c->lock);
        size_t delivered = deliver_due(c);
        struct timespec next;
        clock_gettime(CLOCK_REALTIME, &next);
        long long ns = next.tv_nsec + (delivered ? 0 : poll * 1000000LL);
        next.tv_sec += ns / 1000000000LL;
        next.tv_nsec = ns % 1000000000LL;
        pthread_mutex_lock(&c->lock);
        while (!c->stop &&
               pthread_cond_timedwait(&c->wake, &c->lock, &next) != ETIMEDOUT)
            ;
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

struct courier *courier_start(struct app *app)
{
    /* serve's other threads run already: libcurl's global init is safe
     * beside them where libcurl is built thread-safe (7.84 and later,
     * CURL_VERSION_THREADSAFE; Debian 12's is), and nothing else here
     * uses libcurl. */
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fputs("vigil: webhooks: libcurl cannot start\n", stderr);
        return NULL;
    }
    struct courier *c = xcalloc(1, sizeof *c);
    c->app = app;
    c->timing.retry_ms = env_ms("VIGIL_WEBHOOK_RETRY_MS", 10000);
    c->timing.timeout_ms = env_ms("VIGIL_WEBHOOK_TIMEOUT_MS", 10000);
    c->curl = curl_easy_init();
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->wake, NULL);
    if (c->curl == NULL || pthread_create(&c->thread, NULL, run, c) != 0) {
        fputs("vigil: webhooks: the delivery thread cannot start\n", stderr);
        curl_easy_cleanup(c->curl);
        free(c);
        curl_global_cleanup();
        return NULL;
    }
    return c;
}

void courier_stop(struct courier *c)
{
    if (c == NULL)
        return;
    pthread_mutex_lock(&c->lock);
    c->stop = true;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
    pthread_join(c->thread, NULL);
    pthread_cond_destroy(&c->wake);
    pthread_mutex_destroy(&c->lock);
    curl_easy_cleanup(c->curl);
    free(c);
    curl_global_cleanup();
}
