/*
 * metrics.c: /metrics, in Prometheus' text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/).
 *
 * Every family is one row of `families`: its name, type, help, and the
 * field of a snapshot it reads, or a writer for the families with labels
 * or buckets. The snapshot is taken once per scrape, each part under its
 * own lock, so one scrape's values of one part agree with each other.
 * Names keep Prometheus' conventions: counters end in _total, times are
 * in seconds.
 */
#include "http/metrics.h"

#include <stddef.h>
#include <string.h>
#include <time.h>

#include "http/handlers.h"
#include "http/hashers.h"
#include "http/throttle.h"
#include "live/hub.h"

const int64_t metrics_write_bounds_us[WRITE_BUCKETS] = {
    1000,   2500,   5000,   10000,   25000,   50000,
    100000, 250000, 500000, 1000000, 2500000, 5000000};

void metrics_refused(struct counters *c, enum refusal why)
{
    atomic_fetch_add_explicit(&c->refused[why], 1, memory_order_relaxed);
}

void metrics_write_observe(struct counters *c, int64_t ns)
{
    int64_t us = ns / 1000;
    int i = 0;
    while (i < WRITE_BUCKETS && us > metrics_write_bounds_us[i])
        i++;
    atomic_fetch_add_explicit(&c->write_in[i], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&c->write_us, (uint_fast64_t)us,
                              memory_order_relaxed);
}

int64_t metrics_clock_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ==== One scrape's values ==== */

/* The causes of vigil_refusals_total, in the order of struct snap's
 * refused[]: this module's own (enum refusal), then those other parts
 * count. */
enum {
    CAUSE_RATE = REFUSED_KINDS,
    CAUSE_LIVE,
    CAUSE_HASHING,
    CAUSE_EVICTED,
    CAUSES
};
static const char *const cause_names[CAUSES] = {
    [REFUSED_CONNS] = "conns",   [REFUSED_CLIENT_CONNS] = "client_conns",
    [REFUSED_SIZE] = "size",     [REFUSED_SLOW] = "slow",
    [CAUSE_RATE] = "rate",       [CAUSE_LIVE] = "live",
    [CAUSE_HASHING] = "hashing", [CAUSE_EVICTED] = "evicted",
};

struct snap {
    uint64_t requests, front_answers, front_handovers, mhd_requests;
    uint64_t statements, cache_hits, cache_misses, cache_pages;
    uint64_t cache_invalidations, evicted, live_readers, live_events;
    uint64_t hashing, hashing_max, hash_queued, hashes, hash_refused;
    uint64_t sign_in_throttled, standby_behind;
    uint64_t refused[CAUSES];
    uint64_t write_in[WRITE_BUCKETS + 1], write_us;
};

static void snap_counters(const struct app *app, struct snap *s)
{
    const struct counters *c = &app->counters;
    for (int i = 0; i < REFUSED_KINDS; i++)
        s->refused[i] = atomic_load(&c->refused[i]);
    for (int i = 0; i <= WRITE_BUCKETS; i++)
        s->write_in[i] = atomic_load(&c->write_in[i]);
    s->write_us = atomic_load(&c->write_us);
}

static void snap_take(struct app *app, struct snap *s)
{
    struct cache_stats cs;
    struct throttle_stats ts;
    struct hashers_stats hs;
    struct hub_stats hub;
    cache_stats(app->cache, &cs);
    throttle_stats(app->throttle, &ts);
    hashers_stats(app->hashers, &hs);
    hub_stats(app->hub, &hub);
    *s =
        (struct snap){.requests = atomic_load(&app->requests),
                      .front_answers = atomic_load(&app->front_answers),
                      .front_handovers = atomic_load(&app->front_handed),
                      .statements = pool_statements(&app->pool),
                      .cache_hits = cs.hits,
                      .cache_misses = cs.misses,
                      .cache_pages = cs.pages,
                      .cache_invalidations = cs.invalidations,
                      .evicted = atomic_load(&app->evicted),
                      .live_readers = hub.subscribers,
                      .live_events = hub.events,
                      .hashing = hs.hashing,
                      .hashing_max = hs.hashing_max,
                      .hash_queued = hs.queued,
                      .hashes = hs.hashes,
                      .hash_refused = hs.refused,
                      .sign_in_throttled = ts.refused,
                      .standby_behind = atomic_load(&app->pool.behind) ? 1 : 0};
    s->mhd_requests = s->requests - s->front_answers;
    snap_counters(app, s);
    s->refused[CAUSE_RATE] = ts.refused;
    s->refused[CAUSE_LIVE] = hub.refused;
    s->refused[CAUSE_HASHING] = hs.refused;
    s->refused[CAUSE_EVICTED] = s->evicted;
}

/* ==== Families with labels or buckets ==== */

static void write_refusals(struct buf *b, const char *name,
                           const struct snap *s)
{
    for (int i = 0; i < CAUSES; i++)
        buf_printf(b, "%s{cause=\"%s\"} %llu\n", name, cause_names[i],
                   (unsigned long long)s->refused[i]);
}

static void write_latency(struct buf *b, const char *name, const struct snap *s)
{
    uint64_t below = 0;
    for (int i = 0; i < WRITE_BUCKETS; i++) {
        below += s->write_in[i];
        buf_printf(b, "%s_bucket{le=\"%g\"} %llu\n", name,
                   (double)metrics_write_bounds_us[i] / 1e6,
                   (unsigned long long)below);
    }
    below += s->write_in[WRITE_BUCKETS];
    buf_printf(b, "%s_bucket{le=\"+Inf\"} %llu\n", name,
               (unsigned long long)below);
    buf_printf(b, "%s_sum %.6f\n%s_count %llu\n", name,
               (double)s->write_us / 1e6, name, (unsigned long long)below);
}

/* ==== The table ==== */

struct family {
    const char *name;
    const char *type; /* "counter", "gauge" or "histogram" */
    const char *help;
    size_t at; /* offsetof the uint64_t in struct snap, when no write */
    void (*write)(struct buf *b, const char *name, const struct snap *s);
};

#define AT(field) offsetof(struct snap, field), NULL

static const struct family families[] = {
    {"vigil_requests_total", "counter",
     "Requests answered, by the fronts and by libmicrohttpd.", AT(requests)},
    {"vigil_front_answers_total", "counter",
     "Requests the fronts answered themselves (cached pages, live streams, "
     "malformed heads).",
     AT(front_answers)},
    {"vigil_front_handovers_total", "counter",
     "Connections the fronts handed over to libmicrohttpd.",
     AT(front_handovers)},
    {"vigil_mhd_requests_total", "counter",
     "Requests libmicrohttpd answered (the rendered and the written).",
     AT(mhd_requests)},
    {"vigil_sql_statements_total", "counter",
     "SQL statements run by the read connections.", AT(statements)},
    {"vigil_cache_hits_total", "counter", "Pages served from the page cache.",
     AT(cache_hits)},
    {"vigil_cache_misses_total", "counter",
     "Cacheable pages not in the cache, rendered.", AT(cache_misses)},
    {"vigil_cache_pages", "gauge", "Pages in the page cache now.",
     AT(cache_pages)},
    {"vigil_cache_invalidations_total", "counter",
     "Times a change in the record emptied the page cache.",
     AT(cache_invalidations)},
    {"vigil_connections_evicted_total", "counter",
     "Connections waiting for their client cut to make room at the "
     "connection limit.",
     AT(evicted)},
    {"vigil_refusals_total", "counter",
     "Requests and connections refused, by cause: conns and client_conns "
     "(connection limits, 503), size (413, 414, 431), slow (cut at a time "
     "limit), rate (sign-in limits, 429), live (live readers' limits, 503), "
     "hashing (password-hash queue full, 503), evicted.",
     0, write_refusals},
    {"vigil_live_readers", "gauge", "Live readers connected now.",
     AT(live_readers)},
    {"vigil_live_events_total", "counter", "Events published to live readers.",
     AT(live_events)},
    {"vigil_sign_in_throttled_total", "counter",
     "Sign-in attempts refused by the sign-in limits (429).",
     AT(sign_in_throttled)},
    {"vigil_password_hashes_running", "gauge", "Password hashes running now.",
     AT(hashing)},
    {"vigil_password_hashes_running_max", "gauge",
     "The most password hashes ever running at once.", AT(hashing_max)},
    {"vigil_password_hashes_queued", "gauge",
     "Password hashes waiting for a hasher thread.", AT(hash_queued)},
    {"vigil_password_hashes_total", "counter", "Password hashes run.",
     AT(hashes)},
    {"vigil_password_hashes_refused_total", "counter",
     "Password hashes refused with the queue full (503).", AT(hash_refused)},
    {"vigil_write_seconds", "histogram",
     "Time each write transaction held the record's one writer.", 0,
     write_latency},
    {"vigil_standby_behind", "gauge",
     "1 while the hot standby read from lags behind a change, else 0.",
     AT(standby_behind)},
};

/* GET /metrics (with --metrics) */
int metrics_text(struct req *r)
{
    struct snap s;
    snap_take(r->app, &s);
    r->content_type = "text/plain; version=0.0.4; charset=utf-8";
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        const struct family *f = &families[i];
        buf_printf(&r->body, "# HELP %s %s\n# TYPE %s %s\n", f->name, f->help,
                   f->name, f->type);
        if (f->write) {
            f->write(&r->body, f->name, &s);
            continue;
        }
        uint64_t v;
        memcpy(&v, (const char *)&s + f->at, sizeof v);
        buf_printf(&r->body, "%s %llu\n", f->name, (unsigned long long)v);
    }
    return 200;
}
