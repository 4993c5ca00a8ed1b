/*
 * hashers.h: password hashes (argon2id, 64 MiB and tens of milliseconds
 * each) on their own threads, off the request threads that serve
 * readers (reference/security.md T31).
 *
 * A request that needs a hash takes a place in the queue
 * (hashers_reserve), is suspended by the transport, which then queues its
 * job (hashers_push), and is resumed when the job is done: it holds no
 * thread while it waits. The queue is bounded: past it, the request is
 * answered 503 with Retry-After at once. A priority lane (a browser known
 * to the account, or a signed-in editor) has a thread of its own, so that
 * a flood of strangers' sign-ins does not queue an editor behind it; the
 * hashing threads run at a lower CPU priority than the request threads.
 * At most HASHERS hashes run at once. Thread-safe.
 */
#ifndef VIGIL_HTTP_HASHERS_H
#define VIGIL_HTTP_HASHERS_H

#include <stdbool.h>
#include <stdint.h>

enum {
    HASHERS = 2,           /* threads (one a lane), so hashes at once
                              (64 MiB each) */
    HASH_QUEUE_MAX = 32,   /* jobs waiting in the ordinary lane */
    HASH_PRIORITY_MAX = 8, /* and in the priority lane */
};

/* One hash to run. The owner fills run and done and keeps the job alive
 * until done is called. */
struct hash_job {
    void (*run)(struct hash_job *j);  /* the hashing, on a hasher thread */
    void (*done)(struct hash_job *j); /* then, on that thread: hands the
                                         job back (not called under a lock) */
    void *owner;                      /* the done callback's */
    bool priority;                    /* the lane it was reserved in */
    bool cancelled;        /* the server stopped before it ran: not run */
    struct hash_job *next; /* the queue's */
};

struct hashers;

/* Starts the threads. */
struct hashers *hashers_new(void);
/* Calls done on every queued job with cancelled set, waits for the
 * running ones and stops the threads; later reservations are refused.
 * Calling it again does nothing. */
void hashers_stop(struct hashers *h);
/* Stops them if running, then frees. hashers_free(NULL) is a no-op. */
void hashers_free(struct hashers *h);
/* Takes a place in a lane; false when it is full (answer 503). */
bool hashers_reserve(struct hashers *h, bool priority);
/* Queues a job in the lane reserved for it (j->priority). */
void hashers_push(struct hashers *h, struct hash_job *j);

struct hashers_stats {
    unsigned hashing;     /* hashes running now */
    unsigned hashing_max; /* the most ever running at once */
    unsigned queued;      /* places taken in both lanes */
    uint64_t hashes;      /* hashes run */
    uint64_t refused;     /* reservations refused (503) */
};
void hashers_stats(struct hashers *h, struct hashers_stats *out);

#endif
