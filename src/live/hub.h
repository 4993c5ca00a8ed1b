/*
 * hub.h: the live hub: one channel per tracker, fanning events out to
 * Server-Sent Events subscribers from memory (DESIGN §3, security.md C1).
 *
 * An event is rendered once into an SSE frame and shared, reference-
 * counted, by every subscriber (STYLE.md rule 10); each channel keeps the
 * last HUB_RING frames so that a reader who reconnects with Last-Event-ID
 * gets exactly what it missed. Subscribers wait suspended: the transport
 * gives the hub a suspend and a wake callback, and the hub wakes a
 * subscriber when its channel has something new, when a heartbeat is due,
 * and when its lifetime ends. The hub never touches the database.
 * Thread-safe.
 */
#ifndef VIGIL_LIVE_HUB_H
#define VIGIL_LIVE_HUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum {
    HUB_RING = 500,         /* events kept per channel for replay */
    HUB_HEARTBEAT = 20,     /* seconds of silence before a ":" comment */
    HUB_LIFETIME = 30 * 60, /* seconds before a stream ends with retry: */
    HUB_RETRY_MS = 5000,    /* the reconnection delay readers are told */
};

struct hub_limits {
    size_t max_subscribers; /* over it: refused (503) */
    size_t per_client;      /* per client key (address or /64); 0: none */
};

struct hub;
struct sub;

/* The transport's side: suspend(cls, conn) parks a connection until
 * wake(cls, conn) (both called with the hub's lock held; neither may call
 * the hub). Each subscriber has one: libmicrohttpd's connections and the
 * front's (http/front.c) are parked and woken differently. */
struct hub_transport {
    void (*suspend)(void *cls, void *conn);
    void (*wake)(void *cls, void *conn);
    void *cls;
};

/* t: the transport of subscribers that name none. */
struct hub *hub_new(const struct hub_limits *limits,
                    const struct hub_transport *t);
/* Frees the hub; every subscriber must have left. */
void hub_free(struct hub *h);

/* ==== Subscribers ==== */

/*
 * Adds a subscriber to tracker_id's channel for connection conn, from
 * client `client` (a key compared as a string). It first receives the
 * events after Last-Event-ID `after` that the channel still holds (or a
 * "reload" event when some were already dropped), then every new one.
 * after < 0: only new events. t (NULL: the hub's) parks and wakes conn,
 * and must outlive the subscriber. Returns NULL when a cap is reached.
 */
struct sub *hub_subscribe(struct hub *h, int64_t tracker_id, const char *client,
                          int64_t after, const struct hub_transport *t,
                          void *conn, int64_t now);
/* Removes a subscriber (its connection is gone). */
void hub_unsubscribe(struct hub *h, struct sub *s);

/*
 * Fills buf with what subscriber s should receive next: pending frames,
 * a heartbeat, or the closing retry. Returns the bytes written; 0 after
 * suspending s (nothing to send yet); -1 when the stream is over.
 */
ssize_t hub_read(struct hub *h, struct sub *s, char *buf, size_t max,
                 int64_t now);

/* ==== Publishing ==== */

/*
 * Sends an event to every subscriber of tracker_id: `id` (0: none, for
 * events that are not replayed, like the day changing), the event name and
 * its data, which must be one line (JSON). Frames with a CR or LF in name
 * or data are refused (returns -1), so user text can never break framing.
 */
int hub_publish(struct hub *h, int64_t tracker_id, int64_t id,
                const char *event, const char *data, int64_t now);

/* Events with ids up to `seq` are no longer held anywhere (the hub starts
 * after them): a reader resuming from before it is told to reload. */
void hub_set_floor(struct hub *h, int64_t seq);

/* Ends every stream (shutting down): each subscriber is woken and its
 * next read ends the stream. Returns how many subscribers are left; call
 * until 0 before stopping the transport. */
size_t hub_close_all(struct hub *h);

/* Wakes subscribers due a heartbeat or at the end of their lifetime. */
void hub_tick(struct hub *h, int64_t now);

/* The trackers that have subscribers now: writes up to max ids. */
size_t hub_channels(struct hub *h, int64_t *ids, size_t max);

struct hub_stats {
    size_t subscribers;
    uint64_t events, refused;
};
void hub_stats(struct hub *h, struct hub_stats *out);

#endif
