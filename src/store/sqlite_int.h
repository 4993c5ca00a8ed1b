/*
 * sqlite_int.h: what the SQLite store's files share, and nothing else uses.
 *
 * sqlite.c owns the connection (pragmas, migrations, transactions, the
 * statement cache, chains, checks, backups); sqlite_records.c holds the
 * queries of each kind of record.
 */
#ifndef VIGIL_STORE_SQLITE_INT_H
#define VIGIL_STORE_SQLITE_INT_H

#include <assert.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>

#include "model/enums.h"
#include "store/backend.h"
#include "store/rows.h"
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

struct sq_store {
    struct store base; /* first: the backend's operations */
    sqlite3 *db;
    enum store_mode mode;
    struct stmt_slot cache[STMT_CACHE];
    size_t cached;
    struct chain_head heads[CHAIN_HEADS]; /* valid in a write transaction */
    size_t nheads;
    bool bulk_rollback;    /* a bulk load switched WAL to a rollback journal */
    const char *raw_table; /* store_rows_insert's table and statement, */
    sqlite3_stmt *raw_insert; /* kept while rows of one table come */
    char path[4096];
    _Atomic uint64_t statements; /* counted by a trace hook */
};

/* The backend's operations (sqlite.c) and its functions, sqlite_NAME for
 * each row of STORE_OPS. */
extern const struct store_ops sqlite_ops;
#define SQ_DECLARE(ret, name, params, args) ret sqlite_##name params;
#define SQ_VDECLARE(name, params, args)     void sqlite_##name params;
STORE_OPS(SQ_DECLARE, SQ_VDECLARE)
void sqlite_close(struct store *st);

/* The SQLite connection whose head is base. */
static inline struct sq_store *sq_of(struct store *base)
{
    assert(base->ops == &sqlite_ops);
    return (struct sq_store *)base;
}

static inline const struct sq_store *sq_const_of(const struct store *base)
{
    assert(base->ops == &sqlite_ops);
    return (const struct sq_store *)base;
}

/* ==== Statements ==== */

/* Returns the prepared, reset statement for a literal SQL string, preparing
 * it on first use. Lent until store_close. NULL (and err set) on failure. */
sqlite3_stmt *sq_prepare(struct sq_store *st, const char *sql,
                         struct vg_err *err);
/* The same without clearing the bindings, for a caller that binds every
 * parameter each time (a bulk insert: clearing them costs per row). */
sqlite3_stmt *sq_prepare_rebind(struct sq_store *st, const char *sql,
                                struct vg_err *err);
/* Runs a statement that returns no rows. */
int sq_exec(struct sq_store *st, sqlite3_stmt *s, struct vg_err *err);
/* Fills err from the connection's last error; returns the VG_E* code
 * (VG_ECONFLICT for a UNIQUE violation, VG_EIO otherwise). */
int sq_fail(struct sq_store *st, struct vg_err *err);

/* Steps a SELECT that returns at most one row. Returns 1 with a row, 0
 * with none (VG_ENOTFOUND is the caller's to return), or an error. */
int sq_step_one(struct sq_store *st, sqlite3_stmt *s, struct vg_err *err);
/* Runs a one-parameter query whose single row holds one integer. */
int sq_scalar(struct sq_store *st, const char *sql, int64_t arg, int64_t *out,
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

/* ==== The search index (sqlite_search.c) ==== */

struct search_doc;
/* Inserts a row for a record that has none (a new one); an empty row
 * inserts nothing. */
int sqlite_search_insert(struct sq_store *st, const struct search_doc *d,
                         struct vg_err *err);

/* ==== Chained rows ==== */

void sq_bind_col(sqlite3_stmt *s, int i, const struct col *c);
/* Adds the event rows a first revision stands for (its empty body: its
 * own event; {"events":N}: N events from its own on) to the row's hash;
 * row is a `SELECT * FROM event_rev` row. Non-zero when they cannot be
 * read. */
/* Appends revision rev_no of claim c (loaded), with c's status, by author
 * at `at` (sqlite_records.c). */
int sq_append_claim_rev(struct sq_store *st, const struct claim *c,
                        int64_t rev_no, const char *author, int64_t at,
                        struct vg_err *err);
/* vigil check's queries of the records of corrections
 * (sqlite_corrections.c): each row names a problem. */
extern const char sq_check_retractions[], sq_check_update_links[];

int sq_event_rev_stood_for(struct sq_store *st, sqlite3_stmt *row,
                           struct chain_hasher *h);
/* Column i of the current row as a struct col (lent until the next step). */
struct col sq_read_col(sqlite3_stmt *s, int i);
/* The chain's last row: remembered within a write transaction (and then
 * the caller may advance it after appending), else read into scratch.
 * NULL (err set) when the read fails. */
struct chain_head *sq_chain_head(struct sq_store *st, const char *head_sql,
                                 struct chain_head *scratch,
                                 struct vg_err *err);

/*
 * Appends a row to a chained table. cols[0] must be the seq column and the
 * last two prev_hash and hash: this fills all three, hashes the row and
 * runs insert_sql (an "INSERT INTO table VALUES (?, ...)" literal with
 * ncols parameters). head_sql is the table's "SELECT seq, hash ... ORDER BY
 * seq DESC LIMIT 1" literal. Sets *seq to the row's seq.
 */
int sq_chain_append(struct sq_store *st, const char *head_sql,
                    const char *insert_sql, struct col *cols, size_t ncols,
                    int64_t *seq, struct vg_err *err);
/* The same, with the hash also covering `extra` columns after the row's
 * own: values the row stands for but another table keeps (a first event
 * revision covers the event row it does not repeat). */
int sq_chain_append_with(struct sq_store *st, const char *head_sql,
                         const char *insert_sql, struct col *cols, size_t ncols,
                         const struct col *extra, size_t nextra, int64_t *seq,
                         struct vg_err *err);

#endif
