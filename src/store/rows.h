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

#include "model/model.h"
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

/* An event's fields that an edit may change: EVENT_RECORDED_COLS but
 * its place in the tracker (the first two) and who recorded it when (the
 * last two). An edited event's current ones are in event_edits, whose
 * columns are event_id and these. */
enum { EVENT_FIELD_FIRST = 2, EVENT_FIELD_NCOLS = 21 };

/* An event as it stands now, FROM events e LEFT JOIN event_edits x: the
 * columns of events, each field its latest edit's if it was edited, and
 * edited_id (the event's id when it was edited, else NULL). */
#define EVENT_NOW_COLS                                                         \
    "e.id, e.tracker_id, e.number, e.rev_no, "                                 \
    "CASE WHEN x.event_id IS NULL THEN e.event_date ELSE x.event_date END AS " \
    "event_date, "                                                             \
    "CASE WHEN x.event_id IS NULL THEN e.end_date ELSE x.end_date END AS "     \
    "end_date, "                                                               \
    "CASE WHEN x.event_id IS NULL THEN e.time_precision ELSE "                 \
    "x.time_precision END AS time_precision, "                                 \
    "CASE WHEN x.event_id IS NULL THEN e.event_type ELSE x.event_type END AS " \
    "event_type, "                                                             \
    "CASE WHEN x.event_id IS NULL THEN e.sub_event_type ELSE "                 \
    "x.sub_event_type END AS sub_event_type, "                                 \
    "CASE WHEN x.event_id IS NULL THEN e.location ELSE x.location END AS "     \
    "location, "                                                               \
    "CASE WHEN x.event_id IS NULL THEN e.country ELSE x.country END AS "       \
    "country, "                                                                \
    "CASE WHEN x.event_id IS NULL THEN e.admin1 ELSE x.admin1 END AS admin1, " \
    "CASE WHEN x.event_id IS NULL THEN e.lat_e5 ELSE x.lat_e5 END AS lat_e5, " \
    "CASE WHEN x.event_id IS NULL THEN e.lon_e5 ELSE x.lon_e5 END AS lon_e5, " \
    "CASE WHEN x.event_id IS NULL THEN e.geo_precision ELSE x.geo_precision "  \
    "END AS geo_precision, "                                                   \
    "CASE WHEN x.event_id IS NULL THEN e.actor1 ELSE x.actor1 END AS actor1, " \
    "CASE WHEN x.event_id IS NULL THEN e.actor2 ELSE x.actor2 END AS actor2, " \
    "CASE WHEN x.event_id IS NULL THEN e.size_qualifier ELSE "                 \
    "x.size_qualifier END AS size_qualifier, "                                 \
    "CASE WHEN x.event_id IS NULL THEN e.size_low ELSE x.size_low END AS "     \
    "size_low, "                                                               \
    "CASE WHEN x.event_id IS NULL THEN e.size_high ELSE x.size_high END AS "   \
    "size_high, "                                                              \
    "CASE WHEN x.event_id IS NULL THEN e.size_words ELSE x.size_words END AS " \
    "size_words, "                                                             \
    "CASE WHEN x.event_id IS NULL THEN e.fatalities ELSE x.fatalities END AS " \
    "fatalities, "                                                             \
    "CASE WHEN x.event_id IS NULL THEN e.source_id ELSE x.source_id END AS "   \
    "source_id, "                                                              \
    "CASE WHEN x.event_id IS NULL THEN e.url ELSE x.url END AS url, "          \
    "CASE WHEN x.event_id IS NULL THEN e.notes ELSE x.notes END AS notes, "    \
    "e.status, e.recorded_by, e.recorded_at, x.event_id AS edited_id"
/* Events as they stand now, as a table "e": every read of events goes
 * through it (or, in SQLite's scan, the same with NOT INDEXED). */
#define EVENTS_NOW                                                      \
    "(SELECT " EVENT_NOW_COLS " FROM events e LEFT JOIN event_edits x " \
    "ON x.event_id = e.id) e"

/* A claim's recorded columns: fixed once inserted (a trigger refuses a
 * change; a correction is a new claim), only status moves. */
#define CLAIM_RECORDED_COLS                                            \
    "tracker_id, number, metric_id, source_id, qualifier, low, high, " \
    "words, as_of, url, quote, note, scope, recorded_by, recorded_at"

/* After an update's columns (FROM updates, not aliased): the number of
 * the update it corrects, and of the newest published update correcting
 * it (NULL: none). */
#define UPDATE_LINKS                                                        \
    "(SELECT t.number FROM update_corrections k JOIN updates t "            \
    "ON t.id = k.corrects_id WHERE k.update_id = updates.id) AS corrects, " \
    "(SELECT max(c.number) FROM update_corrections k JOIN updates c "       \
    "ON c.id = k.update_id WHERE k.corrects_id = updates.id "               \
    "AND c.status = 'published') AS corrected_by"

/* After a claim's columns (claims c): its retraction (reason, at,
 * the correcting claim's number, proposed_by, approved_by; NULLs when
 * it stands) and the number of the claim it corrects. Needs
 * CLAIM_RETRACTION_JOIN in the FROM clause. */
#define CLAIM_RETRACTION_COLS                                    \
    "r.reason, r.at, cb.number AS corrected_by, r.proposed_by, " \
    "r.approved_by, "                                            \
    "(SELECT o.number FROM claim_retractions k JOIN claims o "   \
    "ON o.id = k.claim_id WHERE k.corrected_by = c.id) AS corrects"
#define CLAIM_RETRACTION_JOIN                             \
    "LEFT JOIN claim_retractions r ON r.claim_id = c.id " \
    "LEFT JOIN claims cb ON cb.id = r.corrected_by "

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
