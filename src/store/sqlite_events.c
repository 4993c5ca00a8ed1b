/* sqlite_events.c: the SQLite store's queries for events and their
 * revisions. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/enums.h"
#include "store/search.h"
#include "store/sqlite_int.h"
#include "util/xmalloc.h"

#define EVENT_COLS                                                         \
    "e.id, e.tracker_id, e.number, e.rev_no, e.event_date, e.end_date, "   \
    "e.time_precision, e.event_type, e.sub_event_type, e.location, "       \
    "e.country, e.admin1, e.lat_e5, e.lon_e5, e.geo_precision, e.actor1, " \
    "e.actor2, e.size_qualifier, e.size_low, e.size_high, e.size_words, "  \
    "e.fatalities, e.source_id, e.url, e.notes, e.status, e.recorded_by, " \
    "e.recorded_at, s.slug, s.name, s.kind"

/* EVENTS_NOW for a scan in storage order: the table read in order, never
 * through the date index, whose order would cost a random seek a row. */
#define EVENTS_NOW_NOT_INDEXED                                        \
    "(SELECT " EVENT_NOW_COLS " FROM events e NOT INDEXED LEFT JOIN " \
    "event_edits x ON x.event_id = e.id) e"

static const char SQL_EVENT_NEXT[] =
    "SELECT coalesce(max(number), 0) + 1 FROM events WHERE tracker_id = ?1";
static const char SQL_EVENT_INSERT[] =
    "INSERT INTO events (" EVENT_RECORDED_COLS ", rev_no, status) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
    "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)";
static const char SQL_EVENT_SAVE[] =
    "UPDATE events SET rev_no = ?2, status = ?3 WHERE id = ?1";
static const char SQL_EVENT_GET[] =
    "SELECT " EVENT_COLS " FROM " EVENTS_NOW " LEFT JOIN sources s "
    "ON s.id = e.source_id WHERE "
    "e.tracker_id = ?1 AND e.number = ?2";
static const char SQL_EVENT_LIST[] =
    "SELECT " EVENT_COLS " FROM " EVENTS_NOW " LEFT JOIN sources s "
    "ON s.id = e.source_id WHERE e.tracker_id = ?1 "
    "AND (?2 IS NULL OR e.event_type = ?2) "
    "AND (?3 IS NULL OR e.location = ?3) "
    "AND (?4 IS NULL OR coalesce(e.end_date, e.event_date) >= "
    "?4) "
    "AND (?5 IS NULL OR e.event_date <= ?5) "
    "AND (?6 OR e.status = 'published') "
    "ORDER BY e.event_date, e.number";
/* In storage order: a scan of the table, never the date index, whose
 * order would cost a random seek a row. */
static const char SQL_EVENT_SCAN[] =
    "SELECT " EVENT_COLS " FROM " EVENTS_NOW_NOT_INDEXED " LEFT JOIN sources s "
    "ON s.id = e.source_id WHERE e.tracker_id = ?1 "
    "ORDER BY e.id";
static const char SQL_EVENT_SCAN_IDS[] =
    "SELECT " EVENT_COLS " FROM " EVENTS_NOW " LEFT JOIN sources s "
    "ON s.id = e.source_id WHERE e.tracker_id = ?1 AND e.id BETWEEN ?2 AND ?3 "
    "ORDER BY e.id DESC";
static const char SQL_EVENT_EDIT_DROP[] =
    "DELETE FROM event_edits WHERE event_id = ?1";
static const char SQL_EVENT_EDIT_PUT[] =
    "INSERT INTO event_edits VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
    "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)";
static const char SQL_EVENT_REV_HEAD[] =
    "SELECT seq, hash FROM event_rev ORDER BY seq DESC LIMIT 1";
static const char SQL_EVENT_REV_INSERT[] =
    "INSERT INTO event_rev VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

static int64_t column_or(sqlite3_stmt *s, int i, int64_t none)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL
               ? none
               : sqlite3_column_int64(s, i);
}

static void read_event(struct arena *a, sqlite3_stmt *s, struct event *e)
{
    *e = (struct event){0};
    e->id = sqlite3_column_int64(s, 0);
    e->tracker_id = sqlite3_column_int64(s, 1);
    e->number = sqlite3_column_int64(s, 2);
    e->rev_no = sqlite3_column_int64(s, 3);
    e->date = sq_date(s, 4);
    e->end_date = sq_date(s, 5);
    e->time_precision = sqlite3_column_int(s, 6);
    e->type = sq_text(a, s, 7);
    e->sub_type = sq_text(a, s, 8);
    e->location = sq_text(a, s, 9);
    e->country = sq_text(a, s, 10);
    e->admin1 = sq_text(a, s, 11);
    e->has_coords = sqlite3_column_type(s, 12) != SQLITE_NULL;
    e->lat_e5 = sqlite3_column_int64(s, 12);
    e->lon_e5 = sqlite3_column_int64(s, 13);
    e->geo_precision = sqlite3_column_int(s, 14);
    e->actor1 = sq_text(a, s, 15);
    e->actor2 = sq_text(a, s, 16);
    e->has_size = sqlite3_column_type(s, 17) != SQLITE_NULL;
    e->size_qualifier =
        e->has_size ? (enum qualifier)sq_enum(s, 17, &qualifier_names) : 0;
    e->size_low = sqlite3_column_int64(s, 18);
    e->size_high = column_or(s, 19, -1);
    e->size_words = sq_text(a, s, 20);
    e->fatalities = column_or(s, 21, -1);
    e->source_id = column_or(s, 22, 0);
    e->url = sq_text(a, s, 23);
    e->notes = sq_text(a, s, 24);
    e->status = (enum event_status)sq_enum(s, 25, &event_status_names);
    e->recorded_by = sq_text(a, s, 26);
    e->recorded_at = sq_time(s, 27);
    e->source_slug = sq_text(a, s, 28);
    e->source_name = sq_text(a, s, 29);
    e->source_kind = sq_enum(s, 30, &source_kind_names);
}

/* Appends e's revision e->rev_no: with body `rev`, or with an empty body
 * when `recorded` (the event's recorded columns) stand for it. */
static int append_rev(struct sq_store *st, const struct event *e,
                      const char *rev, const struct col *recorded,
                      struct vg_err *err)
{
    char at[TIMESTAMP_LEN + 1];
    struct col cols[] = {
        col_int(0),
        col_int(e->id),
        col_int(e->rev_no),
        col_text(rev ? rev : ""),
        col_text(e->recorded_by),
        col_time(e->recorded_at, at),
        col_int(0),
        col_int(0),
    };
    int64_t seq;
    return sq_chain_append_with(st, SQL_EVENT_REV_HEAD, SQL_EVENT_REV_INSERT,
                                cols, sizeof cols / sizeof cols[0], recorded,
                                recorded ? EVENT_RECORDED_NCOLS : 0, &seq, err);
}

static const char SQL_EVENT_RECORDED_RANGE[] =
    "SELECT " EVENT_RECORDED_COLS " FROM events WHERE id BETWEEN ?1 AND ?2 "
    "ORDER BY id";

/* How many events a first revision's body says it stands for: 1 for an
 * empty body, N for {"events":N}, 0 for a body of its own. */
static int64_t stood_for_count(const char *body)
{
    static const char block[] = "{\"events\":";
    if (body == NULL || *body == '\0')
        return body ? 1 : 0;
    if (strncmp(body, block, sizeof block - 1) != 0)
        return 0;
    char *end;
    long long n = strtoll(body + sizeof block - 1, &end, 10);
    return strcmp(end, "}") == 0 && n > 1 ? n : 0;
}

int sq_event_rev_stood_for(struct sq_store *st, sqlite3_stmt *row,
                           struct chain_hasher *h)
{
    int64_t first = sqlite3_column_int64(row, 1);
    int64_t count =
        sqlite3_column_int64(row, 2) == 1
            ? stood_for_count((const char *)sqlite3_column_text(row, 3))
            : 0;
    if (count == 0)
        return 0;
    sqlite3_stmt *s = sq_prepare(st, SQL_EVENT_RECORDED_RANGE, NULL);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, first);
    sqlite3_bind_int64(s, 2, first + count - 1);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        for (int i = 0; i < EVENT_RECORDED_NCOLS; i++) {
            struct col c = sq_read_col(s, i);
            row_hash_col(h, &c);
        }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : VG_EIO;
}

int sqlite_event_next_number(struct store *base, int64_t tracker_id,
                             int64_t *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    return sq_scalar(st, SQL_EVENT_NEXT, tracker_id, out, err);
}

int sqlite_event_insert(struct store *base, struct event *e, const char *rev,
                        struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    struct event_texts t;
    struct col cols[EVENT_INSERT_NCOLS];
    event_cols(e, &t, cols);
    sqlite3_stmt *s = sq_prepare(st, SQL_EVENT_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    for (size_t i = 0; i < EVENT_INSERT_NCOLS; i++)
        sq_bind_col(s, (int)i + 1, &cols[i]);
    int rc = sq_exec(st, s, err);
    if (rc != 0)
        return rc;
    e->id = sqlite3_last_insert_rowid(st->db);
    rc = append_rev(st, e, rev, rev ? NULL : cols, err);
    return rc ? rc : search_index_event(base, e, err);
}

/* ==== Many events at once ==== */

/* The last event id of all trackers (?1 = 0: ids start at 1). */
static const char SQL_EVENT_MAX_ID[] =
    "SELECT coalesce(max(id), 0) FROM events WHERE id > ?1";
static const char SQL_EVENT_INSERT_ID[] =
    "INSERT INTO events (id, " EVENT_RECORDED_COLS ", rev_no, status) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
    "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)";

int sqlite_event_bulk_begin(struct store *base, struct event_bulk **out,
                            struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    if (sqlite3_get_autocommit(st->db))
        return vg_err_set(err, VG_EIO, "db",
                          "a bulk insert needs a write transaction");
    struct chain_head scratch;
    struct chain_head *head =
        sq_chain_head(st, SQL_EVENT_REV_HEAD, &scratch, err);
    if (head == NULL)
        return VG_EIO;
    if (head == &scratch)
        return vg_err_set(err, VG_EIO, "db", "no room for the chain's head");
    int64_t max_id;
    int rc = sq_scalar(st, SQL_EVENT_MAX_ID, 0, &max_id, err);
    if (rc != 0)
        return rc;
    struct event_bulk *b = xcalloc(1, sizeof *b);
    b->next_id = max_id + 1;
    b->next_seq = head->seq + 1;
    memcpy(b->hash, head->hash, CHAIN_HASH_LEN);
    *out = b;
    return 0;
}

/* Statements that insert BULK_ROWS rows at once: one statement's start
 * and end (cursors, bindings' checks) shared by many rows (bench P6).
 * OR ROLLBACK: a conflict ends the whole transaction, so no row can fail
 * half-way through a statement and SQLite keeps no statement journal
 * (with store_bulk_load's foreign keys off). Built once, kept by address
 * in the statement cache like the literals. */
enum { BULK_ROWS = 64 };
static char sql_events_many[BULK_ROWS * 120 + 256];

static void build_many(char *out, size_t size, const char *head, int ncols)
{
    size_t n = (size_t)snprintf(out, size, "%s", head);
    for (int r = 0; r < BULK_ROWS; r++) {
        n += (size_t)snprintf(out + n, size - n, "%s(", r ? ", " : "");
        for (int c = 0; c < ncols; c++)
            n += (size_t)snprintf(out + n, size - n, "%s?", c ? "," : "");
        n += (size_t)snprintf(out + n, size - n, ")");
    }
}

static const char *events_many(void)
{
    if (!sql_events_many[0])
        build_many(sql_events_many, sizeof sql_events_many,
                   "INSERT OR ROLLBACK INTO events (id, " EVENT_RECORDED_COLS
                   ", rev_no, status) VALUES ",
                   1 + EVENT_INSERT_NCOLS);
    return sql_events_many;
}

/* Binds row r's event at parameter base + 1 onwards. */
static void bind_event(sqlite3_stmt *s, int base, const struct event_row *r)
{
    sqlite3_bind_int64(s, base + 1, r->id);
    for (int k = 0; k < EVENT_INSERT_NCOLS; k++)
        sq_bind_col(s, base + 2 + k, &r->cols[k]);
}

/* Binds first revision r, whose first event is e. */
static void bind_rev(sqlite3_stmt *s, const struct rev_row *r,
                     const struct event_row *e)
{
    sqlite3_bind_int64(s, 1, r->seq);
    sqlite3_bind_int64(s, 2, e->id);
    sq_bind_col(s, 3, &e->cols[EVENT_RECORDED_NCOLS]); /* rev_no */
    sqlite3_bind_text(s, 4, r->body, -1, SQLITE_STATIC);
    sq_bind_col(s, 5, &e->cols[EVENT_RECORDED_NCOLS - 2]);
    sq_bind_col(s, 6, &e->cols[EVENT_RECORDED_NCOLS - 1]);
    sqlite3_bind_blob(s, 7, r->prev, CHAIN_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_blob(s, 8, r->hash, CHAIN_HASH_LEN, SQLITE_STATIC);
}

int sqlite_event_bulk_insert(struct store *base, struct event_batch *b,
                             struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    struct chain_head scratch;
    struct chain_head *head =
        sq_chain_head(st, SQL_EVENT_REV_HEAD, &scratch, err);
    if (head == NULL)
        return VG_EIO;
    if (b->nrevs && b->revs[0].seq != head->seq + 1)
        return vg_err_set(err, VG_EIO, "db", "event revisions out of order");
    for (size_t i = 0; i < b->n;) {
        bool many = b->n - i >= BULK_ROWS;
        size_t rows = many ? BULK_ROWS : 1;
        sqlite3_stmt *ev = sq_prepare_rebind(
            st, many ? events_many() : SQL_EVENT_INSERT_ID, err);
        if (ev == NULL)
            return VG_EIO;
        for (size_t k = 0; k < rows; k++)
            bind_event(ev, (int)k * (1 + EVENT_INSERT_NCOLS), &b->rows[i + k]);
        int rc = sq_exec(st, ev, err);
        if (rc != 0)
            return rc;
        i += rows;
    }
    for (size_t i = 0; i < b->nrevs; i++) {
        sqlite3_stmt *rev = sq_prepare_rebind(st, SQL_EVENT_REV_INSERT, err);
        if (rev == NULL)
            return VG_EIO;
        bind_rev(rev, &b->revs[i], &b->rows[b->revs[i].first]);
        int rc = sq_exec(st, rev, err);
        if (rc != 0)
            return rc;
    }
    if (b->nrevs) {
        head->seq = b->revs[b->nrevs - 1].seq;
        memcpy(head->hash, b->revs[b->nrevs - 1].hash, CHAIN_HASH_LEN);
    }
    return 0;
}

/* Each batch was written whole: nothing is held back. */
int sqlite_event_bulk_end(struct store *base, struct event_bulk *bulk,
                          bool keep, struct vg_err *err)
{
    (void)base, (void)keep, (void)err;
    free(bulk);
    return 0;
}

int sqlite_event_save(struct store *base, const struct event *e,
                      const char *rev, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_EVENT_SAVE, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, e->id);
    sqlite3_bind_int64(s, 2, e->rev_no);
    sq_bind_text(s, 3, enum_name(&event_status_names, (int)e->status));
    int rc = sq_exec(st, s, err);
    if (rc == 0)
        rc = append_rev(st, e, rev, NULL, err);
    return rc ? rc : search_index_event(base, e, err);
}

int sqlite_event_get(struct store *base, struct arena *a, int64_t tracker_id,
                     int64_t number, struct event *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_EVENT_GET, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sqlite3_bind_int64(s, 2, number);
    READ_ONE(st, a, s, read_event, out, err);
}

/* The list query with f's filters bound (f NULL: every event). */
static sqlite3_stmt *prepare_list(struct sq_store *st, int64_t tracker_id,
                                  const struct event_filter *f,
                                  struct vg_err *err)
{
    static const struct event_filter all = {0};
    sqlite3_stmt *s = sq_prepare(st, SQL_EVENT_LIST, err);
    if (s == NULL)
        return NULL;
    if (f == NULL)
        f = &all;
    sqlite3_bind_int64(s, 1, tracker_id);
    sq_bind_text(s, 2, f->type);
    sq_bind_text(s, 3, f->location);
    sq_bind_date(s, 4, f->from);
    sq_bind_date(s, 5, f->to);
    sqlite3_bind_int(s, 6, f->with_retracted);
    return s;
}

int sqlite_event_list(struct store *base, struct arena *a, int64_t tracker_id,
                      const struct event_filter *f, struct event **out,
                      size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = prepare_list(st, tracker_id, f, err);
    if (s == NULL)
        return VG_EIO;
    COLLECT(st, a, s, struct event, read_event, out, n, err);
}

/* Steps s to the end, lending each row to fn (see store_event_scan). */
static int each_row(struct sq_store *st, sqlite3_stmt *s,
                    int (*fn)(const struct event *e, void *ctx), void *ctx,
                    struct vg_err *err)
{
    struct event e;
    int rc = 0, step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        read_event(NULL, s, &e); /* strings lent by SQLite until the step */
        rc = fn(&e, ctx);
        if (rc != 0)
            break;
    }
    sqlite3_reset(s);
    if (rc == 0 && step != SQLITE_DONE)
        rc = sq_fail(st, err);
    return rc;
}

int sqlite_event_scan(struct store *base, int64_t tracker_id,
                      int (*fn)(const struct event *e, void *ctx), void *ctx,
                      struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_EVENT_SCAN, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    return each_row(st, s, fn, ctx, err);
}

int sqlite_event_scan_ids(struct store *base,
                          const struct search_backlog *range,
                          int (*fn)(const struct event *e, void *ctx),
                          void *ctx, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_EVENT_SCAN_IDS, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, range->tracker_id);
    sqlite3_bind_int64(s, 2, range->first_id);
    sqlite3_bind_int64(s, 3, range->last_id);
    return each_row(st, s, fn, ctx, err);
}

/* Makes e's fields the event's current ones (event_edits' row). */
static int put_fields(struct sq_store *st, const struct event *e,
                      struct vg_err *err)
{
    struct event_texts t;
    struct col cols[EVENT_INSERT_NCOLS];
    event_cols(e, &t, cols);
    sqlite3_stmt *s = sq_prepare(st, SQL_EVENT_EDIT_DROP, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, e->id);
    int rc = sq_exec(st, s, err);
    if (rc != 0 || (s = sq_prepare(st, SQL_EVENT_EDIT_PUT, err)) == NULL)
        return rc ? rc : VG_EIO;
    sqlite3_bind_int64(s, 1, e->id);
    for (int i = 0; i < EVENT_FIELD_NCOLS; i++)
        sq_bind_col(s, i + 2, &cols[EVENT_FIELD_FIRST + i]);
    return sq_exec(st, s, err);
}

int sqlite_event_edit(struct store *base, const struct event *e,
                      const char *rev, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    int rc = put_fields(st, e, err);
    return rc ? rc : sqlite_event_save(base, e, rev, err);
}
