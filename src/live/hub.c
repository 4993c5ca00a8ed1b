/*
 * hub.c: channels, rings of shared frames, and subscribers' cursors.
 *
 * Positions: every frame a channel publishes gets the next position (pos,
 * from 1), whether or not it carries an id; a subscriber's cursor is the
 * position of the last frame it was given. The ring holds positions
 * (head - HUB_RING, head]. One mutex guards the hub: every operation is
 * short (no I/O), and publishing to N subscribers is N pointer updates
 * and N wake calls. Subscribers per client key are counted in a hash
 * table (keyed SipHash, a random key per hub, so no client picks its
 * bucket), so a subscribe checks the cap in constant time.
 */
#include "live/hub.h"

#include <assert.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

struct frame {
    atomic_int refs;
    int64_t id; /* the SSE id, 0 for none */
    size_t len;
    char data[];
};

struct channel {
    int64_t tracker_id;
    struct frame *ring[HUB_RING];
    int64_t head;     /* position of the newest frame, 0: none yet */
    int64_t dropped;  /* highest id that left the ring */
    struct sub *subs; /* doubly linked */
    struct channel *next;
};

enum { CLIENT_KEY_MAX = 48 }; /* bytes of a client key kept, with its NUL */

/* The subscribers of one client key, while it has any. */
struct client_count {
    char client[CLIENT_KEY_MAX];
    size_t n;
    struct client_count *next; /* in its bucket */
};

struct sub {
    struct channel *ch;
    struct client_count *count; /* its client's */
    struct sub *prev, *next;
    const struct hub_transport *t; /* how to park and wake conn */
    void *conn;
    int64_t pos;        /* last frame given */
    struct frame *part; /* a frame only partly given, and how much */
    size_t part_off;
    int64_t started, last_write;
    bool suspended, greeted, reload, ended;
};

struct hub {
    pthread_mutex_t lock;
    struct hub_limits limits;
    struct hub_transport t;
    struct channel *channels;
    size_t nsubs;
    struct client_count **counts; /* nbuckets chains */
    size_t nbuckets;              /* a power of two */
    uint8_t count_key[crypto_shorthash_KEYBYTES];
    int64_t floor; /* ids up to it were never held */
    uint64_t events, refused;
};

struct hub *hub_new(const struct hub_limits *limits,
                    const struct hub_transport *t)
{
    struct hub *h = xcalloc(1, sizeof *h);
    pthread_mutex_init(&h->lock, NULL);
    h->limits = *limits;
    h->t = *t;
    /* About one bucket per possible subscriber, within [64, 65536]. */
    h->nbuckets = 64;
    while (h->nbuckets < limits->max_subscribers && h->nbuckets < 65536)
        h->nbuckets *= 2;
    h->counts = xcalloc(h->nbuckets, sizeof *h->counts);
    randombytes_buf(h->count_key, sizeof h->count_key);
    return h;
}

static void frame_unref(struct frame *f)
{
    if (f && atomic_fetch_sub(&f->refs, 1) == 1)
        free(f);
}

void hub_free(struct hub *h)
{
    if (h == NULL)
        return;
    struct channel *c = h->channels;
    while (c) {
        struct channel *next = c->next;
        for (int i = 0; i < HUB_RING; i++)
            frame_unref(c->ring[i]);
        free(c);
        c = next;
    }
    for (size_t i = 0; i < h->nbuckets; i++)
        while (h->counts[i]) {
            struct client_count *next = h->counts[i]->next;
            free(h->counts[i]);
            h->counts[i] = next;
        }
    free(h->counts);
    pthread_mutex_destroy(&h->lock);
    free(h);
}

/* ==== Channels ==== */

static struct channel *channel_of(struct hub *h, int64_t tracker_id,
                                  bool create)
{
    for (struct channel *c = h->channels; c; c = c->next)
        if (c->tracker_id == tracker_id)
            return c;
    if (!create)
        return NULL;
    struct channel *c = xcalloc(1, sizeof *c);
    c->tracker_id = tracker_id;
    c->next = h->channels;
    h->channels = c;
    return c;
}

static struct frame *frame_at(const struct channel *c, int64_t pos)
{
    if (pos < 1 || pos > c->head || pos <= c->head - HUB_RING)
        return NULL;
    return c->ring[pos % HUB_RING];
}

/* The position to start a subscriber from after Last-Event-ID `after`. */
static int64_t start_pos(const struct channel *c, int64_t after, int64_t floor,
                         bool *reload)
{
    *reload = false;
    if (after < 0)
        return c->head;
    if (after < c->dropped || after < floor) {
        *reload = true; /* some of what it missed is gone */
        return c->head;
    }
    int64_t pos = c->head;
    while (pos > 0) {
        const struct frame *f = frame_at(c, pos);
        if (f == NULL || (f->id && f->id <= after))
            break;
        pos--;
    }
    return pos;
}

/* ==== Subscribers ==== */

/* The bucket of client key `client` (as a subscriber keeps it). */
static struct client_count **bucket(struct hub *h, const char *client)
{
    uint8_t out[crypto_shorthash_BYTES];
    uint64_t v = 0;
    crypto_shorthash(out, (const unsigned char *)client, strlen(client),
                     h->count_key);
    memcpy(&v, out, sizeof v);
    return &h->counts[v & (h->nbuckets - 1)];
}

/* The count of client key `client`, made at 0 when absent. */
static struct client_count *count_of(struct hub *h, const char *client)
{
    struct client_count **b = bucket(h, client);
    for (struct client_count *c = *b; c; c = c->next)
        if (strcmp(c->client, client) == 0)
            return c;
    struct client_count *c = xcalloc(1, sizeof *c);
    snprintf(c->client, sizeof c->client, "%s", client);
    c->next = *b;
    *b = c;
    return c;
}

/* Frees a count that has reached 0. */
static void count_forget(struct hub *h, struct client_count *c)
{
    assert(c->n == 0);
    struct client_count **p = bucket(h, c->client);
    while (*p != c)
        p = &(*p)->next;
    *p = c->next;
    free(c);
}

/* One subscriber of c's key fewer. */
static void count_drop(struct hub *h, struct client_count *c)
{
    assert(c->n > 0);
    if (--c->n == 0)
        count_forget(h, c);
}

struct sub *hub_subscribe(struct hub *h, int64_t tracker_id, const char *client,
                          int64_t after, const struct hub_transport *t,
                          void *conn, int64_t now)
{
    char key[CLIENT_KEY_MAX];
    snprintf(key, sizeof key, "%s", client); /* as the count keeps it */
    pthread_mutex_lock(&h->lock);
    struct client_count *count = count_of(h, key);
    bool full = h->nsubs >= h->limits.max_subscribers ||
                (h->limits.per_client && count->n >= h->limits.per_client);
    struct sub *s = NULL;
    if (full) {
        h->refused++;
        if (count->n == 0) /* just made */
            count_forget(h, count);
    } else {
        s = xcalloc(1, sizeof *s);
        s->ch = channel_of(h, tracker_id, true);
        s->t = t ? t : &h->t;
        s->conn = conn;
        s->count = count;
        count->n++;
        s->pos = start_pos(s->ch, after, h->floor, &s->reload);
        s->started = s->last_write = now;
        s->next = s->ch->subs;
        if (s->next)
            s->next->prev = s;
        s->ch->subs = s;
        h->nsubs++;
    }
    pthread_mutex_unlock(&h->lock);
    return s;
}

void hub_unsubscribe(struct hub *h, struct sub *s)
{
    if (s == NULL)
        return;
    pthread_mutex_lock(&h->lock);
    if (s->prev)
        s->prev->next = s->next;
    else
        s->ch->subs = s->next;
    if (s->next)
        s->next->prev = s->prev;
    count_drop(h, s->count);
    h->nsubs--;
    pthread_mutex_unlock(&h->lock);
    frame_unref(s->part);
    free(s);
}

/* ==== Reading ==== */

/* Copies what fits of the rest of a frame; returns bytes copied. */
static size_t copy_part(struct sub *s, char *buf, size_t max)
{
    size_t n = s->part->len - s->part_off;
    if (n > max)
        n = max;
    memcpy(buf, s->part->data + s->part_off, n);
    s->part_off += n;
    if (s->part_off == s->part->len) {
        frame_unref(s->part);
        s->part = NULL;
    }
    return n;
}

/* Appends a literal control frame if it fits whole. */
static size_t put(char *buf, size_t max, const char *text)
{
    size_t n = strlen(text);
    if (n > max)
        return 0;
    memcpy(buf, text, n);
    return n;
}

static const char RELOAD[] = "event: reload\ndata: {}\n\n";

/* Fills buf from the subscriber's pending frames. A subscriber too slow
 * to keep up with the ring is told to reload instead. */
static size_t fill(struct sub *s, char *buf, size_t max)
{
    size_t used = 0;
    if (s->part == NULL && s->pos < s->ch->head - HUB_RING) {
        used = put(buf, max, RELOAD);
        if (used)
            s->pos = s->ch->head;
    }
    while (used < max) {
        if (s->part == NULL) {
            struct frame *f = frame_at(s->ch, s->pos + 1);
            if (f == NULL)
                break;
            s->pos++;
            atomic_fetch_add(&f->refs, 1);
            s->part = f;
            s->part_off = 0;
        }
        used += copy_part(s, buf + used, max - used);
    }
    return used;
}

/* The first bytes of a stream: the reconnection delay, and a reload
 * request when the replay would be incomplete. */
static size_t greet(struct sub *s, char *buf, size_t max)
{
    char text[96];
    snprintf(text, sizeof text, ": vigil\nretry: %d\n\n%s", HUB_RETRY_MS,
             s->reload ? RELOAD : "");
    size_t n = put(buf, max, text);
    s->greeted = n > 0;
    return n;
}

ssize_t hub_read(struct hub *h, struct sub *s, char *buf, size_t max,
                 int64_t now)
{
    ssize_t n = 0;
    pthread_mutex_lock(&h->lock);
    if (s->ended) {
        n = -1;
    } else if (!s->greeted) {
        n = (ssize_t)greet(s, buf, max);
    } else if ((n = (ssize_t)fill(s, buf, max)) == 0) {
        if (now - s->started >= HUB_LIFETIME) {
            n = (ssize_t)put(buf, max, "retry: 5000\n\n");
            s->ended = true;
        } else if (now - s->last_write >= HUB_HEARTBEAT) {
            n = (ssize_t)put(buf, max, ":\n\n");
        }
    }
    if (n > 0)
        s->last_write = now;
    if (n == 0) {
        s->suspended = true;
        s->t->suspend(s->t->cls, s->conn);
    }
    pthread_mutex_unlock(&h->lock);
    return n;
}

/* ==== Publishing ==== */

static void wake(struct sub *s)
{
    if (!s->suspended)
        return;
    s->suspended = false;
    s->t->wake(s->t->cls, s->conn);
}

static struct frame *frame_new(int64_t id, const char *event, const char *data)
{
    size_t cap = strlen(event) + strlen(data) + 64;
    struct frame *f = xmalloc(sizeof *f + cap);
    atomic_init(&f->refs, 1);
    f->id = id;
    int n = id ? snprintf(f->data, cap, "id: %lld\nevent: %s\ndata: %s\n\n",
                          (long long)id, event, data)
               : snprintf(f->data, cap, "event: %s\ndata: %s\n\n", event, data);
    f->len = n > 0 ? (size_t)n : 0;
    return f;
}

int hub_publish(struct hub *h, int64_t tracker_id, int64_t id,
                const char *event, const char *data, int64_t now)
{
    (void)now;
    if (strpbrk(event, "\r\n") || strpbrk(data, "\r\n"))
        return -1;
    struct frame *f = frame_new(id, event, data);
    pthread_mutex_lock(&h->lock);
    struct channel *c = channel_of(h, tracker_id, true);
    c->head++;
    struct frame *old = c->ring[c->head % HUB_RING];
    if (old && old->id > c->dropped)
        c->dropped = old->id;
    c->ring[c->head % HUB_RING] = f;
    h->events++;
    for (struct sub *s = c->subs; s; s = s->next)
        wake(s);
    pthread_mutex_unlock(&h->lock);
    frame_unref(old);
    return 0;
}

void hub_set_floor(struct hub *h, int64_t seq)
{
    pthread_mutex_lock(&h->lock);
    h->floor = seq;
    pthread_mutex_unlock(&h->lock);
}

size_t hub_close_all(struct hub *h)
{
    pthread_mutex_lock(&h->lock);
    for (struct channel *c = h->channels; c; c = c->next)
        for (struct sub *s = c->subs; s; s = s->next) {
            s->ended = true;
            wake(s);
        }
    size_t n = h->nsubs;
    pthread_mutex_unlock(&h->lock);
    return n;
}

void hub_tick(struct hub *h, int64_t now)
{
    pthread_mutex_lock(&h->lock);
    for (struct channel *c = h->channels; c; c = c->next)
        for (struct sub *s = c->subs; s; s = s->next)
            if (now - s->last_write >= HUB_HEARTBEAT ||
                now - s->started >= HUB_LIFETIME)
                wake(s);
    pthread_mutex_unlock(&h->lock);
}

size_t hub_channels(struct hub *h, int64_t *ids, size_t max)
{
    size_t n = 0;
    pthread_mutex_lock(&h->lock);
    for (struct channel *c = h->channels; c && n < max; c = c->next)
        if (c->subs)
            ids[n++] = c->tracker_id;
    pthread_mutex_unlock(&h->lock);
    return n;
}

void hub_stats(struct hub *h, struct hub_stats *out)
{
    pthread_mutex_lock(&h->lock);
    out->subscribers = h->nsubs;
    out->events = h->events;
    out->refused = h->refused;
    pthread_mutex_unlock(&h->lock);
}
