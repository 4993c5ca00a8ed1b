/*
 * clients.c: connections per client address and IPv6 /64 (clients.h),
 * in an open-addressing table of counts.
 */
#include "http/clients.h"

#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/proxy.h"
#include "http/server.h"
#include "util/xmalloc.h"

struct client_key {
    uint64_t hi, lo; /* IPv4 as ::ffff:a.b.c.d; a /64 has lo = 0 */
    bool net;        /* the /64, not the address */
    unsigned limit;
};

struct client_slot {
    struct client_key key;
    unsigned count; /* open connections */
    bool used;      /* the slot belongs to key (count may be 0) */
};

struct clients {
    pthread_mutex_t lock;
    unsigned per_ip; /* 0: no limit per address */
    size_t nslots;   /* > 4/3 of 2 keys x the connections */
    size_t used;     /* slots ever taken since the last rebuild */
    struct client_slot *slot;
    /* Exempt from both limits, or NULL. */
    const struct proxies *trusted;
};

struct clients *clients_new(unsigned per_ip, size_t max_connections,
                            const struct proxies *trusted)
{
    struct clients *c = xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->lock, NULL);
    c->per_ip = per_ip;
    c->trusted = trusted;
    c->nslots = 4 * max_connections;
    c->slot = xcalloc(c->nslots, sizeof *c->slot);
    return c;
}

void clients_free(struct clients *c)
{
    if (c == NULL)
        return;
    pthread_mutex_destroy(&c->lock);
    free(c->slot);
    free(c);
}

static uint64_t load_be64(const uint8_t *b)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | b[i];
    return v;
}

/* The keys a connection from sa counts against (0 to 2). */
static int client_keys(const struct clients *c, const struct sockaddr *sa,
                       struct client_key keys[2])
{
    uint64_t hi, lo;
    bool v6 = false;
    if (sa == NULL || proxy_trusted(c->trusted, sa))
        return 0;
    if (sa->sa_family == AF_INET) {
        uint32_t a = ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr);
        hi = 0;
        lo = 0xffff00000000ULL | a;
    } else if (sa->sa_family == AF_INET6) {
        const uint8_t *a = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
        hi = load_be64(a);
        lo = load_be64(a + 8);
        v6 = !IN6_IS_ADDR_V4MAPPED(
            &((const struct sockaddr_in6 *)sa)->sin6_addr);
    } else {
        return 0;
    }
    int n = 0;
    if (c->per_ip)
        keys[n++] = (struct client_key){hi, lo, false, c->per_ip};
    if (v6)
        keys[n++] = (struct client_key){hi, 0, true, HTTP_PER_V6_NET};
    return n;
}

static bool key_equal(const struct client_key *a, const struct client_key *b)
{
    return a->hi == b->hi && a->lo == b->lo && a->net == b->net;
}

/* The slot of key k, or (add) a new one; NULL when absent. */
static struct client_slot *slot_find(struct clients *c,
                                     const struct client_key *k, bool add)
{
    uint64_t h = (k->hi ^ (k->lo * 0xC2B2AE3D27D4EB4FULL) ^ k->net) *
                 0x9E3779B97F4A7C15ULL;
    size_t i = (size_t)(h >> 40) % c->nslots;
    while (c->slot[i].used && !key_equal(&c->slot[i].key, k))
        i = (i + 1) % c->nslots;
    if (c->slot[i].used)
        return &c->slot[i];
    if (!add)
        return NULL;
    c->slot[i] = (struct client_slot){*k, 0, true};
    c->used++;
    return &c->slot[i];
}

/* Drops the slots of keys with no connection left, once too many slots
 * were ever taken (linear probing cannot simply free a slot). */
static void rebuild(struct clients *c)
{
    struct client_slot *live = xmalloc(c->nslots * sizeof *live);
    size_t k = 0;
    for (size_t i = 0; i < c->nslots; i++)
        if (c->slot[i].used && c->slot[i].count)
            live[k++] = c->slot[i];
    memset(c->slot, 0, c->nslots * sizeof *c->slot);
    c->used = 0;
    for (size_t i = 0; i < k; i++)
        slot_find(c, &live[i].key, true)->count = live[i].count;
    free(live);
}

/* Gives back one connection's slots; the caller holds the lock. */
static void release_keys(struct clients *c, const struct client_key *keys,
                         int n)
{
    for (int i = 0; i < n; i++) {
        struct client_slot *s = slot_find(c, &keys[i], false);
        if (s && s->count > 0)
            s->count--;
    }
}

bool clients_take(struct clients *c, const struct sockaddr *sa)
{
    struct client_key keys[2];
    int n = client_keys(c, sa, keys);
    pthread_mutex_lock(&c->lock);
    if (c->used > c->nslots * 3 / 4)
        rebuild(c);
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        struct client_slot *s = slot_find(c, &keys[i], false);
        ok = s == NULL || s->count < keys[i].limit;
    }
    for (int i = 0; i < n && ok; i++)
        slot_find(c, &keys[i], true)->count++;
    pthread_mutex_unlock(&c->lock);
    return ok;
}

void clients_give(struct clients *c, const struct sockaddr *sa)
{
    struct client_key keys[2];
    int n = client_keys(c, sa, keys);
    pthread_mutex_lock(&c->lock);
    release_keys(c, keys, n);
    pthread_mutex_unlock(&c->lock);
}
