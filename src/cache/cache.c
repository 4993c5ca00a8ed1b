/*
 * cache.c: a hash table of reference-counted pages under one mutex.
 *
 * Lookups are short (hash, compare, take a reference), so one lock is not
 * a bottleneck at the request rates of one machine. Invalidation does not
 * walk the table: it bumps the generation, and a page of an older
 * generation is a miss and is replaced by the next render.
 */
#define _GNU_SOURCE /* memfd_create */
#include "cache/cache.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <pthread.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util/xmalloc.h"

struct cache {
    pthread_mutex_t lock;
    struct page **slots; /* open addressing, linear probing */
    size_t nslots, count, max;
    uint64_t generation;
    struct cache_stats stats;
    void (*drop)(struct page *);
};

struct cache *cache_new(size_t max_pages, void (*drop)(struct page *))
{
    struct cache *c = xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->lock, NULL);
    c->max = max_pages;
    c->nslots = 16;
    while (c->nslots < max_pages * 2)
        c->nslots *= 2;
    c->slots = xcalloc(c->nslots, sizeof *c->slots);
    c->generation = 1;
    c->drop = drop;
    return c;
}

void cache_free(struct cache *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->nslots; i++)
        if (c->slots[i])
            page_unref(c, c->slots[i]);
    free(c->slots);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* ==== Pages ==== */

/* (cache.h) */
char *cache_gzip(const char *body, size_t len, size_t *out_len)
{
    z_stream z = {0};
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    uLong cap = deflateBound(&z, (uLong)len);
    char *out = xmalloc(cap);
    z.next_in = (Bytef *)(uintptr_t)body;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    *out_len = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END || *out_len >= len) {
        free(out);
        return NULL;
    }
    return out;
}

/* A sealed memfd holding body[0..len), or -1 (then the page is sent from
 * memory: nothing is lost but a copy). */
static int page_file(const char *body, size_t len)
{
    int fd = memfd_create("vigil-page", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    for (size_t done = 0; fd >= 0 && done < len;) {
        ssize_t w = write(fd, body + done, len - done);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)w;
    }
    if (fd >= 0 &&
        fcntl(fd, F_ADD_SEALS,
              F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

struct page *page_new(const char *key, const char *body, size_t len,
                      const char *content_type, unsigned flags,
                      uint64_t generation, int64_t expires)
{
    struct page *p = xcalloc(1, sizeof *p);
    atomic_init(&p->refs, 1);
    snprintf(p->key, sizeof p->key, "%s", key);
    p->generation = generation;
    p->expires = expires;
    p->body = xmalloc(len + 1);
    memcpy(p->body, body, len);
    p->body[len] = '\0';
    p->len = len;
    p->gz = cache_gzip(body, len, &p->gz_len);
    p->fd = len >= PAGE_FILE_MIN ? page_file(body, len) : -1;
    p->content_type = content_type;
    p->flags = flags;
    unsigned char hash[16];
    char hex[33];
    crypto_generichash(hash, sizeof hash, (const unsigned char *)body, len,
                       NULL, 0);
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    snprintf(p->etag, sizeof p->etag, "\"%s\"", hex);
    snprintf(p->etag_gz, sizeof p->etag_gz, "\"%s-gz\"", hex);
    return p;
}

struct page *page_ref(struct page *p)
{
    atomic_fetch_add(&p->refs, 1);
    return p;
}

void page_unref(struct cache *c, struct page *p)
{
    if (p == NULL || atomic_fetch_sub(&p->refs, 1) != 1)
        return;
    if (c && c->drop)
        c->drop(p);
    free(p->body);
    free(p->gz);
    free(p->csp);
    if (p->fd >= 0)
        close(p->fd);
    free(p);
}

/* ==== Table ==== */

static size_t hash_key(const char *key)
{
    size_t h = 1469598103934665603ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t find_slot(struct cache *c, const char *key)
{
    size_t i = hash_key(key) & (c->nslots - 1);
    while (c->slots[i] && strcmp(c->slots[i]->key, key) != 0)
        i = (i + 1) & (c->nslots - 1);
    return i;
}

static bool fresh(const struct cache *c, const struct page *p, int64_t now)
{
    return p->generation == c->generation &&
           (p->expires == 0 || now < p->expires);
}

static struct page *get(struct cache *c, const char *key, int64_t now,
                        bool count_miss)
{
    pthread_mutex_lock(&c->lock);
    struct page *p = c->slots[find_slot(c, key)];
    if (p && fresh(c, p, now)) {
        page_ref(p);
        c->stats.hits++;
    } else {
        p = NULL;
        c->stats.misses += count_miss;
    }
    pthread_mutex_unlock(&c->lock);
    return p;
}

struct page *cache_get(struct cache *c, const char *key, int64_t now)
{
    return get(c, key, now, true);
}

struct page *cache_peek(struct cache *c, const char *key, int64_t now)
{
    return get(c, key, now, false);
}

void cache_put(struct cache *c, struct page *p)
{
    struct page *old = NULL;
    pthread_mutex_lock(&c->lock);
    size_t i = find_slot(c, p->key);
    if (p->generation == c->generation && (c->slots[i] || c->count < c->max)) {
        old = c->slots[i];
        c->slots[i] = page_ref(p);
        if (old == NULL)
            c->count++;
    }
    c->stats.pages = c->count;
    pthread_mutex_unlock(&c->lock);
    page_unref(c, old);
}

uint64_t cache_invalidate(struct cache *c)
{
    pthread_mutex_lock(&c->lock);
    uint64_t g = ++c->generation;
    c->stats.invalidations++;
    pthread_mutex_unlock(&c->lock);
    return g;
}

uint64_t cache_generation(struct cache *c)
{
    pthread_mutex_lock(&c->lock);
    uint64_t g = c->generation;
    pthread_mutex_unlock(&c->lock);
    return g;
}

void cache_stats(struct cache *c, struct cache_stats *out)
{
    pthread_mutex_lock(&c->lock);
    *out = c->stats;
    pthread_mutex_unlock(&c->lock);
}
