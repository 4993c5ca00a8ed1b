/*
 * metrics.h: the server's own counters, and the clock that times requests
 * and writes.
 *
 * /metrics (metrics.c) writes them, with the counters other parts keep
 * (the cache, the hub, the sign-in limits, the password hashers), in
 * Prometheus' text exposition format 0.0.4, from one table: each metric
 * has its name, type, help and where its value is read. Every counter
 * only grows from the start of the process.
 *
 * Refusals are counted where they happen, by cause; the causes other
 * parts count already (429 sign-in limits, live readers over the cap,
 * the password-hash queue full, evictions) are read from them.
 */
#ifndef VIGIL_HTTP_METRICS_H
#define VIGIL_HTTP_METRICS_H

#include <stdatomic.h>
#include <stdint.h>

/* The refusals this module counts itself. */
enum refusal {
    REFUSED_CONNS,        /* 503: the server holds all the connections */
    REFUSED_CLIENT_CONNS, /* 503: the client holds all it may */
    REFUSED_SIZE,         /* 413, 414, 431: a body, address or head */
    REFUSED_SLOW,         /* a head, body or reader cut at a time limit */
    REFUSED_KINDS
};

/* Upper bounds of the write-latency buckets (vigil_write_seconds), in
 * microseconds; a last bucket takes what exceeds them all. */
enum { WRITE_BUCKETS = 12 };
extern const int64_t metrics_write_bounds_us[WRITE_BUCKETS];

struct counters {
    atomic_uint_fast64_t refused[REFUSED_KINDS];
    atomic_uint_fast64_t write_in[WRITE_BUCKETS + 1]; /* per bucket, not
                                                         cumulative */
    atomic_uint_fast64_t write_us; /* the sum of the writes' times */
};

/* Counts one refusal. Lock-free, any thread. */
void metrics_refused(struct counters *c, enum refusal why);
/* Counts one write transaction that held the writer for ns. */
void metrics_write_observe(struct counters *c, int64_t ns);
/* The monotonic clock in nanoseconds, for durations. */
int64_t metrics_clock_ns(void);

#endif
