/*
 * watch.h: the thread that turns commits into fresh pages and events.
 *
 * Every WATCH_INTERVAL_MS, or at once when poked by a write in this
 * process, or (PostgreSQL) at once on a change notice from any node, it
 * checks the store's data_version (which changes with every commit by
 * any connection, the CLI's and other nodes' included); on a change it
 * invalidates the page cache, then reads the new rows of the change log
 * and publishes one event per change to the hub. Once a second it sends
 * heartbeats and notices Day N moving on for watched trackers. It uses
 * its own read-only connection and holds no transaction between rounds.
 */
#ifndef VIGIL_LIVE_WATCH_H
#define VIGIL_LIVE_WATCH_H

#include "cache/cache.h"
#include "live/hub.h"
#include "util/err.h"

#include <stdatomic.h>

#include <stdbool.h>

enum { WATCH_INTERVAL_MS = 100, WATCH_REPLAY = HUB_RING };

struct watch;

/* Where the node reads: the record's database, or (--db-read) a hot
 * standby of it. With a standby the watch serves a change only once the
 * standby has it: it waits for the change there, up to
 * WATCH_STANDBY_WAIT_MS, then sets *behind (reads go to the primary,
 * http/pool.h) until the standby catches up. */
struct watch_reads {
    const char *standby; /* NULL: reads go to the record's database */
    atomic_bool *behind;
};

enum { WATCH_STANDBY_WAIT_MS = 1000 };

/* Opens db read-only, preloads the hub with the last WATCH_REPLAY
 * changes (so that readers resume across a restart), and starts the
 * thread. reads may be NULL. */
int watch_start(const char *db, const struct watch_reads *reads,
                struct cache *cache, struct hub *hub, struct watch **out,
                struct vg_err *err);
/* Whether the last round read the record and, with a store that tells of
 * commits, the thread still listens for them (its connection is up). */
bool watch_healthy(struct watch *w);
/* Makes the thread look now (a write in this process committed). */
void watch_poke(struct watch *w);
/* Stops the thread and frees everything; watch_stop(NULL) does nothing. */
void watch_stop(struct watch *w);

#endif
