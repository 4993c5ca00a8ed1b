/*
 * throttle.c: sign-in rate limits, in two fixed tables of counters (one
 * for clients, one for accounts) probed linearly from a SipHash of the
 * key under a key drawn at start.
 *
 * Which slot a new key takes among the PROBE it may use: a free or
 * expired one, else the oldest counter not at its limit, else (clients
 * only) the oldest at its limit. A client's counter only shares the hash
 * slots among clients, and an attacker gains nothing by pushing out
 * their own; an account's lock is the guard against guessing, so it
 * stays until its window ends.
 */
#define _GNU_SOURCE
#include "http/throttle.h"

#include <assert.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

enum { CLIENT_SLOTS = 4096, ACCOUNT_SLOTS = 1024, PROBE = 16, KEY_MAX = 80 };

/* One counter: a client's attempts this minute, or an account's failures
 * this window. An empty key marks a free slot. */
struct counter {
    char key[KEY_MAX]; /* "ip:1.2.3.4", "net:2001:0db8:...", "user:alice" */
    int64_t since;     /* start of its window, seconds */
    unsigned count;
};

/* What a table counts: its window (seconds), the count that locks, and
 * whether a locked counter may give way to a new key. */
struct table {
    struct counter *slot;
    size_t n;
    int64_t window;
    unsigned limit;
    bool keep_locked;
};

struct throttle {
    pthread_mutex_t lock;
    uint8_t key[crypto_shorthash_KEYBYTES]; /* drawn at start */
    struct table clients, accounts;
    struct throttle_stats stats;
};

struct throttle *throttle_new(void)
{
    struct throttle *t = xcalloc(1, sizeof *t);
    if (sodium_init() < 0)
        abort(); /* no randomness: the tables could be aimed at */
    crypto_shorthash_keygen(t->key);
    pthread_mutex_init(&t->lock, NULL);
    t->clients = (struct table){xcalloc(CLIENT_SLOTS, sizeof(struct counter)),
                                CLIENT_SLOTS, 60, SIGN_IN_PER_MINUTE, false};
    t->accounts =
        (struct table){xcalloc(ACCOUNT_SLOTS, sizeof(struct counter)),
                       ACCOUNT_SLOTS, ACCOUNT_WINDOW, ACCOUNT_FAILURES, true};
    return t;
}

void throttle_free(struct throttle *t)
{
    if (t == NULL)
        return;
    pthread_mutex_destroy(&t->lock);
    free(t->clients.slot);
    free(t->accounts.slot);
    free(t);
}

static bool is_live(const struct table *tb, const struct counter *c,
                    int64_t now)
{
    return c->key[0] && now >= c->since && now - c->since < tb->window;
}

/* How readily a slot gives way to a new key: 0 free or expired, 1 live,
 * 2 at its limit; -1 never (an account's lock). */
static int rank(const struct table *tb, const struct counter *c, int64_t now)
{
    if (!is_live(tb, c, now))
        return 0;
    if (c->count < tb->limit)
        return 1;
    return tb->keep_locked ? -1 : 2;
}

static void restart(struct counter *c, const char *key, int64_t now)
{
    size_t len = strlen(key);
    assert(len < sizeof c->key); /* keys are made with bounded formats */
    *c = (struct counter){.since = now};
    memcpy(c->key, key, len + 1);
}

/* The counter of key, restarted if its window has passed; NULL when every
 * slot it may take holds a lock that must stay. Called with the lock. */
static struct counter *counter(struct throttle *t, struct table *tb,
                               const char *key, int64_t now)
{
    uint64_t h;
    crypto_shorthash((uint8_t *)&h, (const uint8_t *)key, strlen(key), t->key);
    struct counter *best = NULL;
    int best_rank = -1;
    for (size_t p = 0, i = h % tb->n; p < PROBE; p++, i = (i + 1) % tb->n) {
        struct counter *c = &tb->slot[i];
        if (strcmp(c->key, key) == 0) {
            if (!is_live(tb, c, now))
                restart(c, key, now);
            return c;
        }
        int k = rank(tb, c, now);
        if (k >= 0 && (best == NULL || k < best_rank ||
                       (k == best_rank && c->since < best->since))) {
            best = c;
            best_rank = k;
        }
    }
    if (best)
        restart(best, key, now);
    return best;
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

static void account_key(const char *login, char out[KEY_MAX])
{
    snprintf(out, KEY_MAX, "user:%.70s", login);
}

/* Seconds until c's window ends (at least 1). */
static int wait_for(const struct table *tb, const struct counter *c,
                    int64_t now)
{
    int64_t left = c->since + tb->window - now;
    return left > 0 ? (int)left : 1;
}

int throttle_sign_in(struct throttle *t, const struct sockaddr *addr,
                     const char *account, bool known_device, int64_t now)
{
    char key[KEY_MAX];
    int wait = 0;
    client_key(addr, key);
    pthread_mutex_lock(&t->lock);
    struct counter *c = counter(t, &t->clients, key, now);
    assert(c); /* a client's counter can always take a slot */
    if (c->count >= SIGN_IN_PER_MINUTE)
        wait = wait_for(&t->clients, c, now);
    else
        c->count++;
    if (wait == 0 && account && !known_device) {
        account_key(account, key);
        struct counter *a = counter(t, &t->accounts, key, now);
        if (a == NULL)
            wait = 60; /* no room to count it: refuse rather than forget */
        else if (a->count >= ACCOUNT_FAILURES)
            wait = wait_for(&t->accounts, a, now);
    }
    if (wait)
        t->stats.refused++;
    pthread_mutex_unlock(&t->lock);
    return wait;
}

void throttle_failed(struct throttle *t, const char *account, int64_t now)
{
    char key[KEY_MAX];
    if (account == NULL)
        return;
    account_key(account, key);
    pthread_mutex_lock(&t->lock);
    struct counter *a = counter(t, &t->accounts, key, now);
    if (a)
        a->count++;
    pthread_mutex_unlock(&t->lock);
}

void throttle_stats(struct throttle *t, struct throttle_stats *out)
{
    pthread_mutex_lock(&t->lock);
    *out = t->stats;
    pthread_mutex_unlock(&t->lock);
}
