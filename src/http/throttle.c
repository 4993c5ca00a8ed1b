/* throttle.c: sign-in rate limits and the password-hash gate. */
#define _GNU_SOURCE
#include "http/throttle.h"

#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "util/xmalloc.h"

enum { SLOTS = 4096, PROBE = 16, KEY_MAX = 80 };

/* One counter in a fixed table: a client's attempts this minute, or an
 * account's failures this window. */
struct counter {
    char key[KEY_MAX]; /* "ip:1.2.3.4", "net:2001:db8::/64", "user:alice" */
    int64_t since;     /* start of its window */
    unsigned count;
};

struct throttle {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    struct counter slot[SLOTS];
    struct throttle_stats stats;
};

struct throttle *throttle_new(void)
{
    struct throttle *t = xcalloc(1, sizeof *t);
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->freed, NULL);
    return t;
}

void throttle_free(struct throttle *t)
{
    if (t == NULL)
        return;
    pthread_cond_destroy(&t->freed);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

static uint64_t hash_key(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* The counter of key, restarted if its window (seconds) has passed. When
 * the probed slots are all taken by live counters, the oldest one gives
 * way. Called with the lock held. */
static struct counter *counter(struct throttle *t, const char *key,
                               int64_t window, int64_t now)
{
    size_t i = (size_t)(hash_key(key) % SLOTS);
    struct counter *oldest = NULL;
    for (int p = 0; p < PROBE; p++, i = (i + 1) % SLOTS) {
        struct counter *c = &t->slot[i];
        if (strcmp(c->key, key) == 0) {
            if (now - c->since >= window || now < c->since)
                *c = (struct counter){.since = now};
            strcpy(c->key, key);
            return c;
        }
        if (oldest == NULL || c->since < oldest->since)
            oldest = c;
    }
    *oldest = (struct counter){.since = now};
    snprintf(oldest->key, sizeof oldest->key, "%s", key);
    return oldest;
}

/* The client's key: its IPv4 address, or its IPv6 /64. */
static void client_key(const struct sockaddr *sa, char out[KEY_MAX])
{
    const uint8_t *b = NULL;
    if (sa && sa->sa_family == AF_INET) {
        b = (const uint8_t *)&((const struct sockaddr_in *)sa)->sin_addr;
        snprintf(out, KEY_MAX, "ip:%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    } else if (sa && sa->sa_family == AF_INET6) {
        b = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
        if (IN6_IS_ADDR_V4MAPPED((const struct in6_addr *)b))
            snprintf(out, KEY_MAX, "ip:%u.%u.%u.%u", b[12], b[13], b[14],
                     b[15]);
        else
            snprintf(out, KEY_MAX, "net:%02x%02x:%02x%02x:%02x%02x:%02x%02x",
                     b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
    } else {
        snprintf(out, KEY_MAX, "ip:unknown");
    }
}

int throttle_sign_in(struct throttle *t, const struct sockaddr *addr,
                     const char *login, bool known_device, int64_t now)
{
    char key[KEY_MAX];
    int wait = 0;
    client_key(addr, key);
    pthread_mutex_lock(&t->lock);
    struct counter *c = counter(t, key, 60, now);
    if (c->count >= SIGN_IN_PER_MINUTE)
        wait = (int)(c->since + 60 - now);
    else
        c->count++;
    if (wait == 0 && login && !known_device) {
        snprintf(key, sizeof key, "user:%.70s", login);
        struct counter *a = counter(t, key, ACCOUNT_WINDOW, now);
        if (a->count >= ACCOUNT_FAILURES)
            wait = (int)(a->since + ACCOUNT_WINDOW - now);
    }
    if (wait)
        t->stats.refused++;
    pthread_mutex_unlock(&t->lock);
    return wait > 0 ? wait : wait < 0 ? 1 : 0;
}

void throttle_failed(struct throttle *t, const char *login, int64_t now)
{
    char key[KEY_MAX];
    if (login == NULL)
        return;
    snprintf(key, sizeof key, "user:%.70s", login);
    pthread_mutex_lock(&t->lock);
    counter(t, key, ACCOUNT_WINDOW, now)->count++;
    pthread_mutex_unlock(&t->lock);
}

bool throttle_hash_enter(struct throttle *t)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 5;
    pthread_mutex_lock(&t->lock);
    int rc = 0;
    while (t->stats.hashing >= HASHES_AT_ONCE && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&t->freed, &t->lock, &until);
    bool ok = t->stats.hashing < HASHES_AT_ONCE;
    if (ok) {
        t->stats.hashing++;
        t->stats.hashes++;
        if (t->stats.hashing > t->stats.hashing_max)
            t->stats.hashing_max = t->stats.hashing;
    }
    pthread_mutex_unlock(&t->lock);
    return ok;
}

void throttle_hash_leave(struct throttle *t)
{
    pthread_mutex_lock(&t->lock);
    t->stats.hashing--;
    pthread_cond_signal(&t->freed);
    pthread_mutex_unlock(&t->lock);
}

void throttle_stats(struct throttle *t, struct throttle_stats *out)
{
    pthread_mutex_lock(&t->lock);
    *out = t->stats;
    pthread_mutex_unlock(&t->lock);
}
