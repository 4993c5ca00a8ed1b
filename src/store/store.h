/*
 * store.h: the record's storage, the only interface to SQL.
 *
 * One implementation today (sqlite.c, SQLite in WAL mode); the interface
 * names no SQLite type so that a PostgreSQL one can follow. Contracts:
 * - Writes happen only between store_begin() and store_commit(); a failed
 *   step is followed by store_rollback(), and nothing of it remains.
 *   store_commit() returns only once the commit is durable (synchronous=FULL).
 * - Revision tables and the audit log are append-only and hash-chained
 *   (util/chain.h); the store refuses to change them and store_check()
 *   verifies the chains.
 * - Loaded records keep their strings in the caller's arena.
 * - Lookups that find nothing return VG_ENOTFOUND and fill no error record:
 *   the caller knows which field named the thing.
 */
#ifndef VIGIL_STORE_STORE_H
#define VIGIL_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

struct store;

enum store_mode {
    STORE_READ_ONLY,  /* any number of these; never writes */
    STORE_READ_WRITE, /* the one writer; applies migrations on open */
    STORE_CREATE,     /* as READ_WRITE, and creates the file if absent */
};

/* ==== Opening ==== */

/* True when db names a file (the SQLite backend), false for a libpq
 * connection string or URI (PostgreSQL). */
bool store_db_is_file(const char *db);
/* Opens the database at path. On success *out is the caller's, released
 * with store_close(). Fails with VG_ENOTFOUND when the file is missing
 * (except STORE_CREATE), VG_EIO otherwise. */
int store_open(const char *path, enum store_mode mode, struct store **out,
               struct vg_err *err);
/* Closes the database; store_close(NULL) does nothing. */
void store_close(struct store *st);
/* The schema version the database is at (its last applied migration). */
int store_schema_version(struct store *st);
/*
 * Readies the connection for (on) or back from (off) a bulk load such as
 * an import of a million events, between transactions:
 * - a larger page cache, so hot index pages are not spilled to the WAL
 *   and read back (memory only: durability does not change);
 * - foreign keys not enforced by SQLite: a multi-row insert that checks
 *   them must keep a statement journal, a copy of every page it touches.
 *   A bulk loader gives only references it has read in its transaction
 *   (the tracker, the sources, the events it inserts), and `vigil check`
 *   still checks every reference;
 * - when no other connection has the database open, a rollback journal
 *   instead of WAL until off: new pages are written once, not twice.
 *   Connections opened meanwhile (a server, another command) wait the
 *   busy timeout, then fail with "database is locked".
 */
int store_bulk_load(struct store *st, bool on, struct vg_err *err);

/* ==== Transactions ==== */

/* Starts the write transaction (taking the write lock at once). */
int store_begin(struct store *st, struct vg_err *err);
/* Commits durably. On failure the transaction is rolled back. */
int store_commit(struct store *st, struct vg_err *err);
/* Abandons the write transaction; a no-op when none is open. */
void store_rollback(struct store *st);
/* Read transactions: one consistent snapshot across several loads. */
int store_read_begin(struct store *st, struct vg_err *err);
void store_read_end(struct store *st);

/* ==== Trackers ==== */

/* Inserts t and stores its new id in t->id; VG_ECONFLICT on a taken slug. */
int store_tracker_insert(struct store *st, struct tracker *t,
                         struct vg_err *err);
/* Saves every field of an existing tracker (by id). */
int store_tracker_save(struct store *st, const struct tracker *t,
                       struct vg_err *err);
int store_tracker_get(struct store *st, struct arena *a, const char *slug,
                      struct tracker *out, struct vg_err *err);
/* The tracker with store id `id`. */
int store_tracker_by_id(struct store *st, struct arena *a, int64_t id,
                        struct tracker *out, struct vg_err *err);
/* All trackers by slug. *out is an arena array of *n records. */
int store_tracker_list(struct store *st, struct arena *a, struct tracker **out,
                       size_t *n, struct vg_err *err);

/* ==== Sources (shared by all trackers) ==== */

int store_source_insert(struct store *st, struct source *s, struct vg_err *err);
int store_source_get(struct store *st, struct arena *a, const char *slug,
                     struct source *out, struct vg_err *err);
/* All sources by slug, or with tracker_id > 0 only those linked to that
 * tracker (its own list). */
int store_source_list(struct store *st, struct arena *a, int64_t tracker_id,
                      struct source **out, size_t *n, struct vg_err *err);
/* Links source_id into tracker_id's list (at: UTC seconds); with
 * source_id 0, every source the tracker's claims, proposals and events
 * cite. *added (may be NULL) counts the links made: 0 when all were
 * there already, which is no failure. */
int store_source_link(struct store *st, int64_t tracker_id, int64_t source_id,
                      int64_t at, int64_t *added, struct vg_err *err);
/* Adds an alias (sets a->id); VG_ECONFLICT when the source has it. */
int store_source_alias_insert(struct store *st, struct source_alias *a,
                              struct vg_err *err);
/* The aliases of every source, or with tracker_id > 0 of the sources
 * linked to that tracker, by source slug then alias. */
int store_source_alias_list(struct store *st, struct arena *a,
                            int64_t tracker_id, struct source_alias **out,
                            size_t *n, struct vg_err *err);

/* ==== Metrics ==== */

int store_metric_insert(struct store *st, struct metric *m, struct vg_err *err);
int store_metric_get(struct store *st, struct arena *a, int64_t tracker_id,
                     const char *key, struct metric *out, struct vg_err *err);
/* A tracker's metrics by position, then key. */
int store_metric_list(struct store *st, struct arena *a, int64_t tracker_id,
                      struct metric **out, size_t *n, struct vg_err *err);

/* ==== Updates and their revisions ==== */

/* The number the tracker's next update takes. */
int store_update_next_number(struct store *st, int64_t tracker_id, int64_t *out,
                             struct vg_err *err);
/*
 * Appends revision u (u->rev_no 1 creates the update, with u->number) and
 * makes it the update's current state. Sets u->id on creation. Fails with
 * VG_ECONFLICT if u->rev_no is not the update's next revision number.
 */
int store_update_save(struct store *st, struct update *u, struct vg_err *err);
/* The current revision of update `number` of a tracker. */
int store_update_get(struct store *st, struct arena *a, int64_t tracker_id,
                     int64_t number, struct update *out, struct vg_err *err);
/* Which updates a list holds. */
enum update_filter {
    UPDATES_ALL = 0,    /* drafts and scheduled ones too */
    UPDATES_PUBLIC = 1, /* published and retracted: what readers see */
    UPDATES_KEY = 3,    /* public key events only */
};

/* Current revisions, newest published (or created) first; limit 0 = all. */
int store_update_list(struct store *st, struct arena *a, int64_t tracker_id,
                      enum update_filter which, size_t limit,
                      struct update **out, size_t *n, struct vg_err *err);
/* Public updates published in [from, to) (UTC seconds), newest first. */
int store_update_between(struct store *st, struct arena *a, int64_t tracker_id,
                         int64_t from, int64_t to, struct update **out,
                         size_t *n, struct vg_err *err);
/* Scheduled updates (of any tracker) whose time has come, by that time,
 * at most limit. */
int store_update_due(struct store *st, struct arena *a, int64_t now,
                     size_t limit, struct update **out, size_t *n,
                     struct vg_err *err);
/* The tracker's pinned update (at most one is); VG_ENOTFOUND if none. */
int store_update_pinned(struct store *st, struct arena *a, int64_t tracker_id,
                        struct update *out, struct vg_err *err);
/* Every revision of one update, oldest first. */
int store_update_revisions(struct store *st, struct arena *a, int64_t update_id,
                           struct update **out, size_t *n, struct vg_err *err);
/* Records that update `update_id` (of kind correction) corrects update
 * `corrects_id`, by `author` at `at`: a row of the hash-chained
 * update_corrections. VG_ECONFLICT when the update names one already. */
int store_update_corrects(struct store *st, int64_t update_id,
                          int64_t corrects_id, const char *author, int64_t at,
                          struct vg_err *err);

/* Appends e (its update_id and rev_no set) to the hash-chained
 * update_embeds: the update's embed from now on; sets e->seq. */
int store_embed_append(struct store *st, struct embed *e, struct vg_err *err);
/* The embeds of a tracker's updates numbered from..to (inclusive), each
 * update's latest, by number; an update whose latest row took its embed
 * away has none. Strings in a. */
int store_embed_list(struct store *st, struct arena *a, int64_t tracker_id,
                     int64_t from, int64_t to, struct embed **out, size_t *n,
                     struct vg_err *err);

/* ==== Claims ==== */

int store_claim_next_number(struct store *st, int64_t tracker_id, int64_t *out,
                            struct vg_err *err);
/* Inserts claim c (with c->number) and its first revision; sets c->id. */
int store_claim_insert(struct store *st, struct claim *c, struct vg_err *err);
/* A tracker's claims, metric_id 0 for all metrics, ordered by metric
 * position, as-of date, then number. Joined fields are filled: metric,
 * source, the retraction and what the claim corrects. */
int store_claim_list(struct store *st, struct arena *a, int64_t tracker_id,
                     int64_t metric_id, struct claim **out, size_t *n,
                     struct vg_err *err);
/* Claim `number` of a tracker, joined as store_claim_list's. */
int store_claim_get(struct store *st, struct arena *a, int64_t tracker_id,
                    int64_t number, struct claim *out, struct vg_err *err);
/*
 * Withdraws claim c (loaded, not yet retracted): appends its revision
 * with status retracted, by r->approved_by at r->at, and sets its status;
 * then records r (why, who proposed and approved it, when) against that
 * revision, with by_id the id of the claim that corrects it (0: a plain
 * retraction), in the hash-chained claim_retractions. A claim already
 * stored retracted (an imported one) gets the record only, against its
 * latest revision. VG_ECONFLICT when c has a retraction already.
 */
int store_claim_retract(struct store *st, const struct claim *c, int64_t by_id,
                        const struct retraction *r, struct vg_err *err);

/* ==== Events ==== */

int store_event_next_number(struct store *st, int64_t tracker_id, int64_t *out,
                            struct vg_err *err);
/* Inserts event e (with e->number) and its first revision, whose body is
 * the JSON text `rev`, or empty (rev NULL) when the event row stands for
 * it: then the revision's hash covers the event's recorded columns, which
 * a trigger keeps from changing. Sets e->id. */
int store_event_insert(struct store *st, struct event *e, const char *rev,
                       struct vg_err *err);

/*
 * Many new published events at once (an import), in one write transaction
 * on the connection's thread. The work is split so that hashing can run on
 * another thread while the connection writes the batch before:
 * - store_event_bulk_begin reads where the events and their revision chain
 *   end; nothing else may write events until store_event_bulk_end.
 * - store_event_bulk_prepare gives each event of a batch its id and its
 *   first revision's place and hash. It does not touch the connection, so
 *   any one thread may run it, batch after batch, in order.
 * - store_event_bulk_insert writes a prepared batch (the connection's
 *   thread, in the same order).
 * The events and their strings must live until their batch is written.
 */
struct event_bulk;
struct event_batch;
int store_event_bulk_begin(struct store *st, struct event_bulk **out,
                           struct vg_err *err);
/* A batch of up to `cap` events, reusable after each insert. */
struct event_batch *store_event_batch_new(size_t cap);
void store_event_batch_free(struct event_batch *b);
/* Prepares events e[0..n), n <= the batch's cap; sets each e->id. An
 * event's first revision has the body bodies[i] (JSON text) when given;
 * the rest are published events whose rows stand for their revision, and
 * a run of them shares one: body {"events":N} for N events from the
 * revision's event_id on, its hash covering each event's recorded
 * columns in turn. An import of a million events writes a thousand
 * revision rows, not a million, and proves as much. */
void store_event_bulk_prepare(struct event_bulk *bulk, struct event_batch *b,
                              struct event *e, const char *const *bodies,
                              size_t n);
int store_event_bulk_insert(struct store *st, struct event_batch *b,
                            struct vg_err *err);
/* Ends the bulk insert and frees bulk; after it, single inserts may follow
 * in the transaction. With keep, whatever a backend still holds of the
 * batches is written (a failure: the transaction must roll back); without
 * it (the import failed), it is dropped. */
int store_event_bulk_end(struct store *st, struct event_bulk *bulk, bool keep,
                         struct vg_err *err);

/* Saves e's status as its next revision (e->rev_no, body `rev`). */
int store_event_save(struct store *st, const struct event *e, const char *rev,
                     struct vg_err *err);
/* Saves e's fields and status as its next revision (e->rev_no, body
 * `rev`): the event row keeps the fields as first recorded, and the
 * edited ones (EVENT_FIELD_COLS) become its current ones, which every
 * read of events returns. */
int store_event_edit(struct store *st, const struct event *e, const char *rev,
                     struct vg_err *err);
int store_event_get(struct store *st, struct arena *a, int64_t tracker_id,
                    int64_t number, struct event *out, struct vg_err *err);
/* A tracker's events by date (then number), oldest first. */
int store_event_list(struct store *st, struct arena *a, int64_t tracker_id,
                     const struct event_filter *f, struct event **out,
                     size_t *n, struct vg_err *err);
/*
 * Calls fn for every event of the tracker, retracted ones included, in
 * the order they were stored rather than by date: a sequential read of
 * the table, for an export of any size that orders its rows itself. e and
 * its strings are lent for the call only. Stops at the first non-zero
 * return of fn and returns it; else 0, or a VG_E* code when the read
 * fails.
 */
int store_event_scan(struct store *st, int64_t tracker_id,
                     int (*fn)(const struct event *e, void *ctx), void *ctx,
                     struct vg_err *err);
struct search_backlog;
/* The events of range->tracker_id with ids range->first_id to
 * range->last_id, the highest id first (the search index's key order:
 * store/search.h), each as store_event_scan gives it. */
int store_event_scan_ids(struct store *st, const struct search_backlog *range,
                         int (*fn)(const struct event *e, void *ctx), void *ctx,
                         struct vg_err *err);

/* ==== Victims ==== */

int store_victim_next_number(struct store *st, int64_t tracker_id, int64_t *out,
                             struct vg_err *err);
/* Inserts v (with v->number, rev 1) and its first revision. */
int store_victim_insert(struct store *st, struct victim *v, struct vg_err *err);
/* Saves v's current state as its next revision (v->rev_no); a purge
 * saves a NULL wrapped key. */
int store_victim_save(struct store *st, const struct victim *v,
                      struct vg_err *err);
int store_victim_get(struct store *st, struct arena *a, int64_t tracker_id,
                     int64_t number, struct victim *out, struct vg_err *err);
/* How many people the registry names as killed or executed (from the
 * public circumstance). */
int store_victim_identified(struct store *st, int64_t tracker_id, int64_t *out,
                            struct vg_err *err);
/* A tracker's victims by number. */
int store_victim_list(struct store *st, struct arena *a, int64_t tracker_id,
                      struct victim **out, size_t *n, struct vg_err *err);

/* ==== Claim proposals (the two-person rule) ==== */

/* Inserts a pending proposal (p->claim holds the figure; p->kind,
 * target and reason what approval does); sets p->id. */
int store_proposal_insert(struct store *st, struct proposal *p,
                          struct vg_err *err);
/* The proposal `id` of a tracker, joined with metric and source. */
int store_proposal_get(struct store *st, struct arena *a, int64_t tracker_id,
                       int64_t id, struct proposal *out, struct vg_err *err);
/* Saves state, decided_by, decided_at and claim_number of a proposal. */
int store_proposal_decide(struct store *st, const struct proposal *p,
                          struct vg_err *err);
/* A tracker's proposals, pending ones only when pending_only, newest
 * first. */
int store_proposal_list(struct store *st, struct arena *a, int64_t tracker_id,
                        bool pending_only, struct proposal **out, size_t *n,
                        struct vg_err *err);

/* ==== Search (core/search.h) ====
 *
 * One index row per searchable record: an update, a claim, an event, a
 * victim whose name is public. Its words are folded in C (util/fold.h),
 * so both engines, SQLite's FTS5 and PostgreSQL's full-text search, index
 * and match the same words; each write that saves such a record rewrites
 * its row in the same transaction (store/search.c builds the row from the
 * record). A row readers may not find (a draft, a scheduled update, a
 * retracted event) is kept for the desk and marked so. A victim's sealed
 * fields never reach it: only the public record is read.
 */

enum search_kind {
    SEARCH_UPDATE = 1,
    SEARCH_CLAIM = 2,
    SEARCH_EVENT = 3,
    SEARCH_VICTIM = 4,
};

/* A search: every term must match. The SEARCH_CANDIDATES newest rows
 * where every term is a whole word are ranked; when there are fewer, the
 * terms of SEARCH_PREFIX_MIN characters or more may also be the start of
 * a word ("protest" finds "protesters"). Ranking every match of a word
 * found in 100,000 updates, or expanding a prefix over all of them, takes
 * longer than a search may (bench/search.sh); a word that common finds a
 * thousand rows whole, and on a live tracker the newer of two equal
 * matches is the one a reader wants. */
enum { SEARCH_PREFIX_MIN = 3, SEARCH_CANDIDATES = 1000 };
struct search_query {
    const char *const *terms; /* folded words (util/fold.h) */
    size_t nterms;
    const int64_t *trackers; /* only these trackers, or NULL: all */
    size_t ntrackers;
    bool drafts; /* also what readers may not find (the desk) */
    size_t limit, offset;
};

struct search_hit {
    int64_t tracker_id;
    enum search_kind kind;
    int64_t ref;  /* the record's number in its tracker */
    bool public;  /* readers may find it */
    double score; /* higher is better (each engine's own ranking) */
};

struct search_doc;
/* Writes (or, for a record with no words to find, removes) one row of
 * the index, in the open write transaction. */
int store_search_put(struct store *st, const struct search_doc *d,
                     struct vg_err *err);
/* The best hits for q, best first, in the arena. */
int store_search_find(struct store *st, struct arena *a,
                      const struct search_query *q, struct search_hit **out,
                      size_t *n, struct vg_err *err);
/* Whether the index lacks the records it should hold (it is empty while
 * records exist: a record from before the index, or a copy). */
int store_search_stale(struct store *st, bool *stale, struct vg_err *err);
/* Rebuilds the index from every record, in the open write transaction;
 * the backlog is then empty. */
int store_search_rebuild(struct store *st, struct vg_err *err);

/* The backlog: events a bulk import stored (ids first_id..last_id of one
 * tracker) whose rows the index lacks. An import adds its range in its
 * own transaction rather than writing a row per event there (bench P6);
 * the rows are written after it, SEARCH_BACKLOG_CHUNK events a
 * transaction, by the next read-write open (store_open) and by the
 * server's background round (store_search_catch_up). */
enum { SEARCH_BACKLOG_CHUNK = 20000 };
struct search_backlog {
    int64_t tracker_id, first_id, last_id;
};
int store_search_backlog_add(struct store *st, const struct search_backlog *b,
                             struct vg_err *err);
/* In the open write transaction: takes the newest max ids or fewer of the
 * oldest range (out; found false when the backlog is empty) off it. */
int store_search_backlog_take(struct store *st, int64_t max,
                              struct search_backlog *out, bool *found,
                              struct vg_err *err);
/* The number of events the index lacks. */
int store_search_backlog_count(struct store *st, int64_t *out,
                               struct vg_err *err);
/* Writes the rows of up to SEARCH_BACKLOG_CHUNK events of the backlog in
 * a write transaction of its own; *left is what remains. */
int store_search_catch_up(struct store *st, int64_t *left, struct vg_err *err);
/* "update", "claim", "event", "victim". */
const char *search_kind_name(enum search_kind k);

/* ==== Users, sessions and tokens (sqlite_auth.c) ==== */

int store_user_insert(struct store *st, struct user *u, struct vg_err *err);
int store_user_get(struct store *st, struct arena *a, const char *login,
                   struct user *out, struct vg_err *err);
int store_user_by_id(struct store *st, struct arena *a, int64_t id,
                     struct user *out, struct vg_err *err);
/* Saves pwhash, roles, disabled, the second factor and the display name
 * of an existing user (by id). */
int store_user_save(struct store *st, const struct user *u, struct vg_err *err);
int store_user_list(struct store *st, struct arena *a, struct user **out,
                    size_t *n, struct vg_err *err);

int store_session_insert(struct store *st, const struct session *s,
                         struct vg_err *err);
/* The session with this token hash, joined with its user (if any). */
int store_session_get(struct store *st, struct arena *a,
                      const uint8_t hash[TOKEN_HASH_LEN], struct session *out,
                      struct vg_err *err);
int store_session_touch(struct store *st, const uint8_t hash[TOKEN_HASH_LEN],
                        int64_t seen_at, struct vg_err *err);
int store_session_delete(struct store *st, const uint8_t hash[TOKEN_HASH_LEN],
                         struct vg_err *err);
/* Ends every session of a user except `keep` (NULL: all of them). */
int store_session_delete_user(struct store *st, int64_t user_id,
                              const uint8_t *keep, struct vg_err *err);
/* Drops sessions last seen before `idle_before` or made before
 * `made_before`. */
int store_session_expire(struct store *st, int64_t idle_before,
                         int64_t made_before, struct vg_err *err);

int store_token_insert(struct store *st, struct api_token *t,
                       struct vg_err *err);
/* Revokes, as of `at`, every token of a user not yet revoked. */
int store_token_revoke_user(struct store *st, int64_t user_id, int64_t at,
                            struct vg_err *err);
/* The token with this hash, joined with its user. */
int store_token_get(struct store *st, struct arena *a,
                    const uint8_t hash[TOKEN_HASH_LEN], struct api_token *out,
                    struct vg_err *err);

/* ==== Desk forms being written (core/editing.h) ==== */

/* Keeps as->title, body, kind and base_rev for its user, tracker and
 * number, replacing what was kept before. */
int store_autosave_put(struct store *st, const struct autosave *as,
                       struct vg_err *err);
/* The text kept for that user, tracker and number; VG_ENOTFOUND when
 * none is. */
int store_autosave_get(struct store *st, struct arena *a, int64_t user_id,
                       int64_t tracker_id, int64_t number, struct autosave *out,
                       struct vg_err *err);
/* Drops it (no error when there is none). */
int store_autosave_delete(struct store *st, int64_t user_id, int64_t tracker_id,
                          int64_t number, struct vg_err *err);
/* Notes that user_id has update `number` (0: the new-update form) of the
 * tracker open at time `at`. */
int store_presence_touch(struct store *st, int64_t user_id, int64_t tracker_id,
                         int64_t number, int64_t at, struct vg_err *err);
/* Who has it open, seen at or after `since`, most recently seen first. */
int store_presence_list(struct store *st, struct arena *a, int64_t tracker_id,
                        int64_t number, int64_t since, struct presence **out,
                        size_t *n, struct vg_err *err);
/* ==== Roles on one tracker, one-time links, bylines (sqlite_auth.c) ==== */

/* Roles held on single trackers: a user's (user_id > 0) or everyone's
 * (0), by login then tracker slug, joined with both. */
int store_grant_list(struct store *st, struct arena *a, int64_t user_id,
                     struct grant **out, size_t *n, struct vg_err *err);
/* Sets g->user_id's roles on g->tracker_id to g->roles; 0 drops them. */
int store_grant_set(struct store *st, const struct grant *g,
                    struct vg_err *err);

/* Inserts a link (closed_at is ignored: a new link is open); sets i->id. */
int store_invite_insert(struct store *st, struct invite *i, struct vg_err *err);
/* The link with this token hash, open or not. */
int store_invite_get(struct store *st, struct arena *a,
                     const uint8_t hash[TOKEN_HASH_LEN], struct invite *out,
                     struct vg_err *err);
/* Closes, as of `at`, every open link of a user. */
int store_invite_close_user(struct store *st, int64_t user_id, int64_t at,
                            struct vg_err *err);

/* An update's byline: its number and its writer's display name. */
struct byline {
    int64_t number;
    const char *name;
};
/* The bylines of a tracker's updates numbered from..to (inclusive), by
 * number; updates whose first revision's author has no display name
 * (or is no user: the host's CLI) have none. */
int store_byline_list(struct store *st, struct arena *a, int64_t tracker_id,
                      int64_t from, int64_t to, struct byline **out, size_t *n,
                      struct vg_err *err);

/* A per-install secret made by the schema ("device_key"); copies up to
 * size bytes into out and stores the length in *len. */
int store_secret(struct store *st, const char *name, uint8_t *out, size_t size,
                 size_t *len, struct vg_err *err);

/* ==== Media (sqlite_media.c, pg_media.c) ==== */

/*
 * Stores media record m with its files m->files[0..nfiles) (bytes
 * given): each file once, by its sha256 (a file stored already is kept
 * as it is), the set's renditions under m->key, and m as the next
 * revision of that key in m->tracker_id. Sets m->id and m->rev_no. All
 * append-only: nothing stored is ever changed.
 */
int store_media_insert(struct store *st, struct media_record *m,
                       struct vg_err *err);
/*
 * The latest revision of the media whose key is `key` (a SHA-256 in
 * hex), in tracker_id (0: in any tracker, the newest), with its files
 * (without their bytes) in the arena. This is the lookup whatever shows
 * an image by its hash uses: an update's Markdown, a post's still.
 */
int store_media_get(struct store *st, struct arena *a, int64_t tracker_id,
                    const char *key, struct media_record *out,
                    struct vg_err *err);
/* A tracker's media, the latest revision of each, newest first, without
 * their files. */
int store_media_list(struct store *st, struct arena *a, int64_t tracker_id,
                     struct media_record **out, size_t *n, struct vg_err *err);
/* Every revision of a tracker's media, in the order stored, without
 * their files: a backup's list (core/bundle.h). */
int store_media_history(struct store *st, struct arena *a, int64_t tracker_id,
                        struct media_record **out, size_t *n,
                        struct vg_err *err);
/* The file whose bytes hash to sha256, bytes included (in the arena). */
int store_media_file_get(struct store *st, struct arena *a, const char *sha256,
                         struct media_file *out, struct vg_err *err);

/* Keeps files[0..n) (bytes given) of an upload under `token` for user_id
 * on tracker_id, out of the record, until taken or discarded; drops
 * whatever was kept before `expired` (UTC seconds) first. */
int store_media_pending_put(struct store *st, const char *token,
                            int64_t user_id, int64_t tracker_id,
                            const struct media_file *files, size_t n,
                            int64_t at, int64_t expired, struct vg_err *err);
/* The files kept under token for user_id on tracker_id, bytes included,
 * by width then format; none (*n 0) when nothing is kept so. */
int store_media_pending_get(struct store *st, struct arena *a,
                            const char *token, int64_t user_id,
                            int64_t tracker_id, struct media_file **out,
                            size_t *n, struct vg_err *err);
/* Drops the files kept under token (none: no error). */
int store_media_pending_drop(struct store *st, const char *token,
                             struct vg_err *err);

/* ==== Webhooks and their outbox (sqlite_hooks.c, pg_hooks.c) ==== */

/* Inserts w (id set); VG_ECONFLICT when the URL is already a webhook of
 * its tracker. */
int store_webhook_insert(struct store *st, struct webhook *w,
                         struct vg_err *err);
/* Every webhook of tracker_id (0: of every tracker), by id, with its
 * tracker's slug and its outbox's counts. */
int store_webhook_list(struct store *st, struct arena *a, int64_t tracker_id,
                       struct webhook **out, size_t *n, struct vg_err *err);
/* Deletes webhook id and its outbox rows; VG_ENOTFOUND when none. */
int store_webhook_delete(struct store *st, int64_t id, struct vg_err *err);
/* Queues, in the open write transaction, one outbox row for each webhook
 * of tracker_id whose kinds include `kind`: its payload, due at due_ms
 * (Unix milliseconds; 0: at once),
 * with the Idempotency-Key key_prefix "-" webhook id. Sets *queued. */
int store_outbox_enqueue(struct store *st, int64_t tracker_id, const char *kind,
                         const char *payload, const char *key_prefix,
                         int64_t at, int64_t due_ms, size_t *queued,
                         struct vg_err *err);
/* Takes, in the open write transaction, at most `limit` rows to send: for
 * each webhook its oldest undelivered row, when that is due (due_ms <=
 * now_ms) and not held by an attempt (lease_ms < now_ms), and holds each
 * until lease_ms. A webhook whose oldest row is not due sends nothing, so
 * each webhook's rows go in order. */
int store_outbox_take(struct store *st, struct arena *a, int64_t now_ms,
                      int64_t lease_ms, size_t limit, struct delivery **out,
                      size_t *n, struct vg_err *err);
/* Records an attempt at row id: delivered at `at` (error NULL), or failed
 * with `error`, to be tried again at due_ms. Releases its hold. */
int store_outbox_settle(struct store *st, int64_t id, int64_t at,
                        const char *error, int64_t due_ms, struct vg_err *err);

/* ==== Audit log ==== */

/* Appends one audit row; sets e->seq. */
int store_audit_append(struct store *st, struct audit_entry *e,
                       struct vg_err *err);
/* The last `limit` rows (0 = all), oldest first. */
int store_audit_list(struct store *st, struct arena *a, size_t limit,
                     struct audit_entry **out, size_t *n, struct vg_err *err);

/* ==== The change log ==== */

/* Appends a change (c->seq is set) inside the open write transaction. */
int store_change_append(struct store *st, struct change *c, struct vg_err *err);
/* Changes after seq `after`, oldest first, at most limit (0: all). */
int store_change_list(struct store *st, struct arena *a, int64_t after,
                      size_t limit, struct change **out, size_t *n,
                      struct vg_err *err);
/* The last change's seq (0 when there is none). */
int store_change_last(struct store *st, int64_t *out, struct vg_err *err);

/* ==== Change detection and counters ==== */

/* Asks to be told of every commit that appends to the change log, from
 * any process or node (PostgreSQL: LISTEN, sent by store_change_append's
 * NOTIFY at commit). VG_EINVAL when the backend tells nothing (SQLite:
 * watch store_data_version instead). */
int store_changes_listen(struct store *st, struct vg_err *err);
/* Waits up to timeout_ms for such a notice: 1 when one came (or the
 * connection was lost and made again, so that notices may have been
 * missed: read the change log from where you were), 0 when none came,
 * VG_EIO when the database cannot be reached (after timeout_ms). */
int store_changes_wait(struct store *st, int timeout_ms, struct vg_err *err);

/* A number that changes whenever another connection (another process, the
 * CLI) commits to the database (SQLite's PRAGMA data_version). */
int store_data_version(struct store *st, int64_t *out, struct vg_err *err);
/* How many SQL statements this connection has run (all kinds). */
uint64_t store_statement_count(const struct store *st);

/* ==== Maintenance ==== */

/*
 * Copies the whole record of `from` into `to`, a database of the same
 * schema version with no record yet (its own per-install secrets are
 * replaced by the record's): every row as it is, ids, hashes and the
 * audit log included, in one write transaction, from one read snapshot.
 * The source's chains are verified first, the copy's after. VG_ECONFLICT
 * (nothing written) when `to` holds a record; VG_ECORRUPT with `report`
 * filled when a check fails.
 */
int store_copy(struct store *from, struct store *to, struct buf *report,
               struct vg_err *err);

/*
 * Verifies the database: SQLite's integrity and foreign-key checks, that
 * the append-only triggers are in place, every hash chain, and that each
 * update's, claim's and event's current state equals its latest revision,
 * and that the records of corrections agree with what they correct.
 * Appends one line per
 * problem to `report` ("update_rev row 3: hash does not match its
 * contents"). Returns 0 when sound, VG_ECORRUPT when a problem was found,
 * VG_EIO when the check could not run.
 */
int store_check(struct store *st, struct buf *report, struct vg_err *err);
/* The hash of a chain's last row in hex ("" for an empty chain); table is
 * one of "update_rev", "claim_rev", "audit_log". */
int store_chain_head(struct store *st, const char *table, char out[2 * 32 + 1],
                     struct vg_err *err);
/* Copies the database, consistent as of one moment, to a new file at path
 * (written beside it and renamed into place only once synced). */
int store_backup(struct store *st, const char *path, struct vg_err *err);

#endif
