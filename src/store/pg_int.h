/*
 * pg_int.h: what the PostgreSQL store's files share, and nothing else
 * uses.
 *
 * pg.c owns the connection (libpq), migrations, transactions, chains,
 * checks and the change log; pg_records.c, pg_auth.c, pg_events.c and
 * pg_victims.c hold the queries of each kind of record, as their sqlite_*
 * twins do.
 *
 * The schema has the same tables, columns and meaning as SQLite's, with
 * the same values: times and dates as TEXT (util/date.h), integers as
 * BIGINT, blobs as BYTEA, enumerations by name. A row's values are so the
 * same in both, and so are its chain hashes (store/rows.h). Ids are
 * assigned as SQLite assigns them (the largest plus one), inside the write
 * transaction, so the same writes give the same ids on either backend.
 *
 * Queries are sent with PQexecParams: parameters and results in libpq's
 * text format, except blobs, sent as binary parameters and read from
 * their hex text. Writes run between pg_begin and pg_commit, which take
 * one transaction-scoped advisory lock: every writer of every node queues
 * there, as SQLite's writers queue on its write lock, so numbering, chain
 * heads and the largest-plus-one ids are serialised inside PostgreSQL.
 */
#ifndef VIGIL_STORE_PG_INT_H
#define VIGIL_STORE_PG_INT_H

#include <assert.h>
#include <libpq-fe.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/enums.h"
#include "store/backend.h"
#include "store/rows.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/chain.h"
#include "util/date.h"

enum {
    PG_PARAMS_MAX = 40,        /* parameters of one statement */
    PG_WRITE_LOCK = 0x56696731 /* "Vig1": the advisory lock of writers */
};

struct pg_store {
    struct store base; /* first: the backend's operations */
    PGconn *conn;
    enum store_mode mode;
    bool in_write, in_read; /* a transaction is open */
    bool listening;         /* LISTEN vigil_changes */
    bool missed;            /* reconnected: notices may be lost */
    struct pg_bulk *bulk;   /* an events bulk insert (pg_events.c) */
    const char *raw_table;  /* rows_insert's open COPY (a record table) */
    struct buf raw_lines;   /* its rows not yet sent */
    _Atomic uint64_t statements;
};

/* The backend's operations (pg.c) and its functions, pg_NAME for each row
 * of STORE_OPS. */
extern const struct store_ops pg_ops;
#define PG_DECLARE(ret, name, params, args) ret pg_##name params;
#define PG_VDECLARE(name, params, args)     void pg_##name params;
STORE_OPS(PG_DECLARE, PG_VDECLARE)
void pg_close(struct store *st);

/* The PostgreSQL connection whose head is base. */
static inline struct pg_store *pg_of(struct store *base)
{
    assert(base->ops == &pg_ops);
    return (struct pg_store *)base;
}

static inline const struct pg_store *pg_const_of(const struct store *base)
{
    assert(base->ops == &pg_ops);
    return (const struct pg_store *)base;
}

/* ==== Parameters ==== */

/* A statement's parameters, $1 to $n, in libpq's text format (blobs in
 * binary). The values are lent: they must live until the query ran. */
struct pg_params {
    int n; /* the highest parameter set */
    const char *values[PG_PARAMS_MAX];
    int lengths[PG_PARAMS_MAX];
    int formats[PG_PARAMS_MAX];
    char ints[PG_PARAMS_MAX][24]; /* integers' and dates' text */
};

#define PG_PARAMS_INIT \
    {                  \
        0              \
    }

/* Parameter i (from 1, as $i): NULL text binds NULL. */
void pg_bind_text(struct pg_params *p, int i, const char *text);
void pg_bind_int(struct pg_params *p, int i, int64_t v);
void pg_bind_null(struct pg_params *p, int i);
void pg_bind_blob(struct pg_params *p, int i, const void *data, size_t n);
/* A date as "YYYY-MM-DD"; year 0 binds NULL. */
void pg_bind_date(struct pg_params *p, int i, struct vg_date d);
/* A timestamp as "YYYY-MM-DDTHH:MM:SSZ"; 0 binds NULL (for "never"). */
void pg_bind_time(struct pg_params *p, int i, int64_t t);
void pg_bind_col(struct pg_params *p, int i, const struct col *c);
/* Whether text is UTF-8, the database's encoding. PostgreSQL refuses a
 * statement with a text parameter that is not, where SQLite compares the
 * bytes and finds no row: a lookup by such a key (from a request's path)
 * answers VG_ENOTFOUND without asking, as SQLite's does. */
bool pg_is_utf8(const char *text);

/* ==== Running ==== */

/* Runs sql ($1... from p; NULL: no parameters, and then sql may hold
 * several statements) and returns its (last) result, the
 * caller's to PQclear; NULL (err filled: VG_ECONFLICT for a unique
 * violation, VG_EIO otherwise) when it failed. */
PGresult *pg_query(struct pg_store *st, const char *sql,
                   const struct pg_params *p, struct vg_err *err);
/* The same for a statement whose rows, if any, are not read. */
int pg_exec(struct pg_store *st, const char *sql, const struct pg_params *p,
            struct vg_err *err);
/* Runs an INSERT ... RETURNING id (or seq) and sets *id, as SQLite's
 * last_insert_rowid gives it; VG_ECONFLICT for a taken unique value. */
int pg_insert_id(struct pg_store *st, const char *sql,
                 const struct pg_params *p, int64_t *id, struct vg_err *err);
/* Runs a query whose first row's first column is an integer (with at
 * most one integer parameter, `arg` as $1 when the SQL names $1).
 * VG_ENOTFOUND without a row. */
int pg_scalar(struct pg_store *st, const char *sql, int64_t arg, int64_t *out,
              struct vg_err *err);

/* ==== Many rows at once: COPY FROM STDIN (pg_copy.c) ==== */

/* Appends a row's n columns to out as one line of COPY's text format. */
void pg_copy_line(struct buf *out, const struct col *cols, size_t n);
/* Starts COPY `sql` FROM STDIN: until pg_copy_end, the connection takes
 * only pg_copy_send. */
int pg_copy_start(struct pg_store *st, const char *sql, struct vg_err *err);
/* Sends the lines in data to the open COPY. */
int pg_copy_send(struct pg_store *st, const struct buf *data,
                 struct vg_err *err);
/* Ends the open COPY: its rows are stored (a failure, such as a taken
 * unique value, is VG_ECONFLICT or VG_EIO), or with `abort` (a reason,
 * err may be NULL) none are and the transaction has failed. */
int pg_copy_end(struct pg_store *st, const char *abort, struct vg_err *err);
/* Runs COPY `sql` with the lines in data, start to end. */
int pg_copy_rows(struct pg_store *st, const char *sql, const struct buf *data,
                 struct vg_err *err);

/* ==== Reading a result (row r, column c) ==== */

/* Copies a text column into the arena; NULL stays NULL. With a NULL arena
 * the text is lent instead, valid until the result is cleared. */
const char *pg_text(struct arena *a, const PGresult *res, int r, int c);
int64_t pg_int(const PGresult *res, int r, int c); /* NULL reads as 0 */
bool pg_is_null(const PGresult *res, int r, int c);
struct vg_date pg_date(const PGresult *res, int r, int c);
int64_t pg_time(const PGresult *res, int r, int c); /* NULL reads as 0 */
/* An enumeration stored by name; -1 if unknown. */
int pg_enum(const PGresult *res, int r, int c, const struct enum_names *e);
/* A BYTEA column, decoded into the arena (its length in *n); NULL for a
 * NULL column. */
const uint8_t *pg_blob(struct arena *a, const PGresult *res, int r, int c,
                       size_t *n);
/* Column c as a struct col ('I', 'T', 'B' or 'N' by its type), for
 * hashing; a blob is decoded into a. */
struct col pg_read_col(struct arena *a, const PGresult *res, int r, int c);

/* Reads the one row a lookup finds: VG_ENOTFOUND when none. */
#define PG_READ_ONE(st, a, sql, params, read, out, err)  \
    do {                                                 \
        PGresult *res_ = pg_query(st, sql, params, err); \
        if (res_ == NULL)                                \
            return VG_EIO;                               \
        int found_ = PQntuples(res_) > 0;                \
        if (found_)                                      \
            read(a, res_, 0, out);                       \
        PQclear(res_);                                   \
        return found_ ? 0 : VG_ENOTFOUND;                \
    } while (0)

/* Collects every row into an arena array with read(a, res, row, item). */
#define PG_COLLECT(st, a, sql, params, type, read, out, n, err)               \
    do {                                                                      \
        PGresult *res_ = pg_query(st, sql, params, err);                      \
        if (res_ == NULL)                                                     \
            return VG_EIO;                                                    \
        size_t count_ = (size_t)PQntuples(res_);                              \
        type *items_ = count_ ? arena_alloc(a, count_ * sizeof(type)) : NULL; \
        for (size_t i_ = 0; i_ < count_; i_++)                                \
            read(a, res_, (int)i_, &items_[i_]);                              \
        PQclear(res_);                                                        \
        *(out) = items_;                                                      \
        *(n) = count_;                                                        \
        return 0;                                                             \
    } while (0)

/* ==== Chained rows ==== */

/*
 * Appends a row to a chained table, as sq_chain_append does: cols[0] must
 * be the seq column and the last two prev_hash and hash; this fills all
 * three from the chain's head (read by head_sql, "SELECT seq, hash FROM t
 * ORDER BY seq DESC LIMIT 1"), hashes the row (and `extra`, columns it
 * stands for) and runs insert_sql with the ncols parameters. Sets *seq.
 * Only in a write transaction (its lock keeps the head).
 */
int pg_chain_append(struct pg_store *st, const char *head_sql,
                    const char *insert_sql, struct col *cols, size_t ncols,
                    const struct col *extra, size_t nextra, int64_t *seq,
                    struct vg_err *err);

/* Adds the event rows a first event revision stands for to its hash (as
 * sq_event_rev_stood_for): rev_no, body and event_id are the revision's.
 * Non-zero when they cannot be read. (pg_events.c) */
/* Appends revision rev_no of claim c (loaded), with c's status, by author
 * at `at` (pg_records.c). */
int pg_append_claim_rev(struct pg_store *st, const struct claim *c,
                        int64_t rev_no, const char *author, int64_t at,
                        struct vg_err *err);
/* vigil check's queries of the records of corrections (pg_corrections.c):
 * each row names a problem. */
extern const char pg_check_retractions[], pg_check_update_links[];

int pg_event_rev_stood_for(struct pg_store *st, int64_t rev_no,
                           const char *body, int64_t event_id,
                           struct chain_hasher *h);

#endif
