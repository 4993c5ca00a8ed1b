/*
 * cache.h: rendered pages kept in memory with their gzip form and ETag.
 *
 * A page is rendered once and then served from here with no SQL and no
 * rendering until the data changes (cache_invalidate) or its own expiry
 * passes (a live page expires at the tracker's next local midnight, when
 * Day N changes). Pages are reference-counted (STYLE.md rule 10): a reader
 * holds its page until it has sent it, even if the page was replaced
 * meanwhile. Thread-safe.
 */
#ifndef VIGIL_CACHE_CACHE_H
#define VIGIL_CACHE_CACHE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

enum { PAGE_TRANSPORT_SLOTS = 4, CACHE_KEY_MAX = 256 };
/* From this size a page's body is also kept in a memfd: the front sends
 * it with sendfile, from the page cache to the socket with no copy. */
enum { PAGE_FILE_MIN = 8 << 10 };

struct page {
    atomic_int refs;
    char key[CACHE_KEY_MAX]; /* path and normalized query */
    uint64_t generation;     /* the data generation it was rendered from */
    int64_t expires;         /* UTC seconds; 0: only on invalidation */
    char *body;              /* owned */
    size_t len;
    char *gz; /* owned gzip form, or NULL if not smaller */
    size_t gz_len;
    int fd; /* a sealed memfd with body, for sendfile (PAGE_FILE_MIN bytes
               or more), or -1 */
    char etag[40];            /* "\"<32 hex>\"" of the plain body */
    char etag_gz[44];         /* "\"<32 hex>-gz\"" */
    const char *content_type; /* static string */
    unsigned flags;           /* the route's flags, for headers */
    const char *route;        /* the route's pattern (static), or NULL */
    char *csp; /* owned: the page's own Content-Security-Policy, which
                  lets its frame-ancestors frame it; NULL: the route's */
    /* Objects the transport builds once per page (MHD responses), released
     * with the page through the cache's drop hook. */
    void *transport[PAGE_TRANSPORT_SLOTS];
};

struct cache;

/* Creates a cache holding at most max_pages pages; drop (may be NULL) is
 * called on each page's transport objects when its last reference goes. */
struct cache *cache_new(size_t max_pages, void (*drop)(struct page *));
void cache_free(struct cache *c);

/*
 * Builds a page from body[0..len): copies it, compresses it, hashes it.
 * The result has one reference, the caller's.
 */
struct page *page_new(const char *key, const char *body, size_t len,
                      const char *content_type, unsigned flags,
                      uint64_t generation, int64_t expires);
/* Takes and releases a reference. */
struct page *page_ref(struct page *p);
void page_unref(struct cache *c, struct page *p);

/* Returns a new reference to the fresh page for key, or NULL (a miss):
 * absent, rendered from an older generation, or expired at `now`. */
struct page *cache_get(struct cache *c, const char *key, int64_t now);
/* The same, but a miss is not counted: for a first look whose misses go
 * on to cache_get (the front hands them to libmicrohttpd). */
struct page *cache_peek(struct cache *c, const char *key, int64_t now);
/* Stores p (taking a reference of its own) unless it is stale or the cache
 * is full; replaces an older page with the same key. */
void cache_put(struct cache *c, struct page *p);
/* Marks every page stale: the data changed. Returns the new generation. */
uint64_t cache_invalidate(struct cache *c);
/* The current data generation (render with it, then cache_put). */
uint64_t cache_generation(struct cache *c);

/* Counters for /metrics. */
struct cache_stats {
    uint64_t hits, misses, pages, invalidations;
};
void cache_stats(struct cache *c, struct cache_stats *out);

/* The gzip form of body (level 9, malloc'd), or NULL when it would not
 * be smaller. The static export writes the same bytes beside its files. */
char *cache_gzip(const char *body, size_t len, size_t *out_len);

#endif
