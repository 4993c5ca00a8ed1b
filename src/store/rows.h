/*
 * rows.h: rows as every store backend writes and hashes them.
 *
 * A chained row's hash covers its columns' values in the encoding of
 * util/chain.h, so the backends must agree on each column's value, not
 * only its meaning: dates and timestamps are hashed (and stored) as their
 * text (util/date.h), enumerations by name. The columns of an event row,
 * and the batches an import prepares, are built here once for both, which
 * is what makes a record's chains, and so its exports, byte-identical
 * whichever backend holds it.
 */
#ifndef VIGIL_STORE_ROWS_H
#define VIGIL_STORE_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "store/store.h"
#include "util/chain.h"
#include "util/date.h"

/* One column value of a chained row (util/chain.h encoding). */
struct col {
    char type; /* 'N' null, 'I' integer, 'T' text, 'B' blob */
    int64_t i;
    const char *p; /* text or blob bytes */
    size_t n;
};

struct col col_int(int64_t v);
struct col col_text(const char *s); /* NULL gives a null column */
/* A date column (year 0: null); buf keeps the text alive. */
struct col col_date(struct vg_date d, char buf[DATE_LEN + 1]);
/* A timestamp column (0: null); buf keeps the text alive. */
struct col col_time(int64_t t, char buf[TIMESTAMP_LEN + 1]);
/* An integer column, or a null one when !present. */
struct col col_int_or_null(bool present, int64_t v);
/* Adds a column to a row's hash (util/chain.h encoding). */
void row_hash_col(struct chain_hasher *h, const struct col *c);

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

/* Text an event's columns point into while they are bound or hashed. */
struct event_texts {
    char date[DATE_LEN + 1], end[DATE_LEN + 1], at[TIMESTAMP_LEN + 1];
};

/* EVENT_RECORDED_COLS, then rev_no and status. */
enum { EVENT_INSERT_NCOLS = EVENT_RECORDED_NCOLS + 2 };

/* Event e's columns, as inserted (t keeps their text alive). */
void event_cols(const struct event *e, struct event_texts *t,
                struct col cols[EVENT_INSERT_NCOLS]);

/* ==== Rows as they are (store_copy) ==== */

enum { ROW_COLS_MAX = 40 }; /* columns of the widest table, and room */

/* Called with each row of a table: its columns in table order, lent for
 * the call. Non-zero stops the scan, which returns it. */
typedef int store_row_fn(const struct col *cols, size_t n, void *ctx);

/* Calls fn with every row of `table` (one of record_tables), in the
 * order of its first column, in the open read transaction if any. */
int store_rows_scan(struct store *st, const char *table, store_row_fn *fn,
                    void *ctx, struct vg_err *err);
/* Inserts one row with exactly these values (ids, seqs and hashes kept)
 * in the open write transaction; `replace`: the row whose first column
 * (its key) has the same value is deleted first. A backend may hold rows
 * back and write a table's in one go (PostgreSQL: a COPY that ends at
 * the next replace, the first row of another table, or the commit): a
 * row's failure may then be reported by that later call. Between the
 * first insert and the commit, nothing else may use the connection. */
bool store_is_record_table(const char *table);
int store_rows_insert(struct store *st, const char *table,
                      const struct col *cols, size_t n, bool replace,
                      struct vg_err *err);

/* ==== Many events at once (store.h's bulk insert) ==== */

struct event_bulk {
    int64_t next_id, next_seq;
    unsigned char hash[CHAIN_HASH_LEN]; /* the chain's head as prepared */
};

/* One event, ready to bind. */
struct event_row {
    struct col cols[EVENT_INSERT_NCOLS];
    struct event_texts texts;
    int64_t id;
};

/* One first revision: of `count` published events from rows[first] on
 * (their rows stand for it: body "" for one, {"events":N} for a block),
 * or of one event with its own body. */
struct rev_row {
    int64_t seq;
    size_t first, count;
    const char *body;
    char block[32];
    unsigned char prev[CHAIN_HASH_LEN], hash[CHAIN_HASH_LEN];
};

struct event_batch {
    size_t cap, n, nrevs;
    struct event_row *rows;
    struct rev_row *revs;
};

#endif
