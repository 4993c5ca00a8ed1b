/*
 * sqlite_int.h: what the SQLite store's files share, and nothing else uses.
 *
 * sqlite.c owns the connection (pragmas, migrations, transactions, the
 * statement cache, chains, checks, backups); sqlite_records.c holds the
 * queries of each kind of record.
 */
#ifndef VIGIL_STORE_SQLITE_INT_H
#define VIGIL_STORE_SQLITE_INT_H

#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>

#include "core/enums.h"
#include "store/store.h"
#include "util/chain.h"
#include "util/date.h"

enum { STMT_CACHE = 128, CHAIN_HEADS = 8, BUSY_TIMEOUT_MS = 5000 };

struct stmt_slot {
    const char *sql; /* a string literal: compared by address */
    sqlite3_stmt *stmt;
};

/* A chain's last row, remembered while this connection's write transaction
 * holds the lock: no other writer can append until it ends, so a bulk
 * insert need not read the head back once a row (bench P6). */
struct chain_head {
    const char *head_sql; /* the chain's head query, by address */
    int64_t seq;
    unsigned char hash[CHAIN_HASH_LEN];
};

struct store {
    sqlite3 *db;
    enum store_mode mode;
    struct stmt_slot cache[STMT_CACHE];
    size_t cached;
    struct chain_head heads[CHAIN_HEADS]; /* valid in a write transaction */
    size_t nheads;
    bool bulk_rollback; /* a bulk load switched WAL to a rollback journal */
    char path[4096];
    _Atomic uint64_t statements; /* counted by a trace hook */
};

/* One column value of a chained row (util/chain.h encoding). */
struct col {
    char type; /* 'N' null, 'I' integer, 'T' text, 'B' blob */
    int64_t i;
    const char *p; /* text or blob bytes */
    size_t n;
};

/* ==== Statements ==== */

/* Returns the prepared, reset statement for a literal SQL string, preparing
 * it on first use. Lent until store_close. NULL (and err set) on failure. */
sqlite3_stmt *sq_prepare(struct store *st, const char *sql, struct vg_err *err);
/* The same without clearing the bindings, for a caller that binds every
 * parameter each time (a bulk insert: clearing them costs per row). */
sqlite3_stmt *sq_prepare_rebind(struct store *st, const char *sql,
                                struct vg_err *err);
/* Runs a statement that returns no rows. */
int sq_exec(struct store *st, sqlite3_stmt *s, struct vg_err *err);
/* Fills err from the connection's last error; returns the VG_E* code
 * (VG_ECONFLICT for a UNIQUE violation, VG_EIO otherwise). */
int sq_fail(struct store *st, struct vg_err *err);

/* Steps a SELECT that returns at most one row. Returns 1 with a row, 0
 * with none (VG_ENOTFOUND is the caller's to return), or an error. */
int sq_step_one(struct store *st, sqlite3_stmt *s, struct vg_err *err);
/* Runs a one-parameter query whose single row holds one integer. */
int sq_scalar(struct store *st, const char *sql, int64_t arg, int64_t *out,
              struct vg_err *err);

/* Reads the one row a bound lookup finds: VG_ENOTFOUND when none. */
#define READ_ONE(st, a, s, read, out, err)        \
    do {                                          \
        int rc_ = sq_step_one(st, s, err);        \
        if (rc_ <= 0)                             \
            return rc_ == 0 ? VG_ENOTFOUND : rc_; \
        read(a, s, out);                          \
        sqlite3_reset(s);                         \
        return 0;                                 \
    } while (0)

/* Collects every row of s into an arena array with read(row) per row. */
#define COLLECT(st, a, s, type, read, out, n, err)                           \
    do {                                                                     \
        size_t cap_ = 0, count_ = 0;                                         \
        type *items_ = NULL;                                                 \
        int rc_;                                                             \
        while ((rc_ = sqlite3_step(s)) == SQLITE_ROW) {                      \
            if (count_ == cap_)                                              \
                items_ = arena_grow(a, items_, count_, &cap_, sizeof(type)); \
            read(a, s, &items_[count_++]);                                   \
        }                                                                    \
        sqlite3_reset(s);                                                    \
        if (rc_ != SQLITE_DONE)                                              \
            return sq_fail(st, err);                                         \
        *(out) = items_;                                                     \
        *(n) = count_;                                                       \
        return 0;                                                            \
    } while (0)

/* ==== Binding and reading ==== */

void sq_bind_text(sqlite3_stmt *s, int i, const char *text);
void sq_bind_date(sqlite3_stmt *s, int i, struct vg_date d);
/* Binds a timestamp; 0 binds NULL (for "never"). */
void sq_bind_time(sqlite3_stmt *s, int i, int64_t t);
/* Copies a text column into the arena; NULL stays NULL. With a NULL
 * arena the text is lent instead, valid until s steps or is reset. */
const char *sq_text(struct arena *a, sqlite3_stmt *s, int i);
struct vg_date sq_date(sqlite3_stmt *s, int i);
/* Reads a timestamp column; NULL reads as 0. */
int64_t sq_time(sqlite3_stmt *s, int i);
/* Reads an enumeration stored by name; -1 if unknown. */
int sq_enum(sqlite3_stmt *s, int i, const struct enum_names *e);

/* ==== Chained rows ==== */

/* An event's recorded columns, in the order a first revision without a
 * body hashes them (it stands for them). Fixed once inserted: a trigger
 * refuses changes, and only rev_no and status move with revisions. */
#define EVENT_RECORDED_COLS                                                  \
    "tracker_id, number, event_date, end_date, time_precision, event_type, " \
    "sub_event_type, location, country, admin1, lat_e5, lon_e5, "            \
    "geo_precision, actor1, actor2, size_qualifier, size_low, size_high, "   \
    "size_words, fatalities, source_id, url, notes, recorded_by, "           \
    "recorded_at"
enum { EVENT_RECORDED_NCOLS = 25 };

void sq_bind_col(sqlite3_stmt *s, int i, const struct col *c);
/* Adds the event rows a first revision stands for (its empty body: its
 * own event; {"events":N}: N events from its own on) to the row's hash;
 * row is a `SELECT * FROM event_rev` row. Non-zero when they cannot be
 * read. */
int sq_event_rev_stood_for(struct store *st, sqlite3_stmt *row,
                           struct chain_hasher *h);
/* Column i of the current row as a struct col (lent until the next step). */
struct col sq_read_col(sqlite3_stmt *s, int i);
/* Adds a column to a row's hash (util/chain.h encoding). */
void sq_hash_col(struct chain_hasher *h, const struct col *c);
/* The chain's last row: remembered within a write transaction (and then
 * the caller may advance it after appending), else read into scratch.
 * NULL (err set) when the read fails. */
struct chain_head *sq_chain_head(struct store *st, const char *head_sql,
                                 struct chain_head *scratch,
                                 struct vg_err *err);

struct col col_int(int64_t v);
struct col col_text(const char *s); /* NULL gives a null column */
/* A date column (year 0: null); buf keeps the text alive. */
struct col col_date(struct vg_date d, char buf[DATE_LEN + 1]);
/* A timestamp column (0: null); buf keeps the text alive. */
struct col col_time(int64_t t, char buf[TIMESTAMP_LEN + 1]);

/*
 * Appends a row to a chained table. cols[0] must be the seq column and the
 * last two prev_hash and hash: this fills all three, hashes the row and
 * runs insert_sql (an "INSERT INTO table VALUES (?, ...)" literal with
 * ncols parameters). head_sql is the table's "SELECT seq, hash ... ORDER BY
 * seq DESC LIMIT 1" literal. Sets *seq to the row's seq.
 */
int sq_chain_append(struct store *st, const char *head_sql,
                    const char *insert_sql, struct col *cols, size_t ncols,
                    int64_t *seq, struct vg_err *err);
/* The same, with the hash also covering `extra` columns after the row's
 * own: values the row stands for but another table keeps (a first event
 * revision covers the event row it does not repeat). */
int sq_chain_append_with(struct store *st, const char *head_sql,
                         const char *insert_sql, struct col *cols, size_t ncols,
                         const struct col *extra, size_t nextra, int64_t *seq,
                         struct vg_err *err);

#endif
