/* pg_events.c: the PostgreSQL store's queries for events and their
 * revisions (the twin of sqlite_events.c). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/enums.h"
#include "store/pg_int.h"
#include "store/search.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define EVENT_COLS                                                         \
    "e.id, e.tracker_id, e.number, e.rev_no, e.event_date, e.end_date, "   \
    "e.time_precision, e.event_type, e.sub_event_type, e.location, "       \
    "e.country, e.admin1, e.lat_e5, e.lon_e5, e.geo_precision, e.actor1, " \
    "e.actor2, e.size_qualifier, e.size_low, e.size_high, e.size_words, "  \
    "e.fatalities, e.source_id, e.url, e.notes, e.status, e.recorded_by, " \
    "e.recorded_at, s.slug, s.name, s.kind"

static const char SQL_EVENT_NEXT[] =
    "SELECT coalesce(max(number), 0) + 1 FROM events WHERE tracker_id = $1";
/* The id SQLite gives an INTEGER PRIMARY KEY: the largest plus one (the
 * write lock keeps it from racing). */
static const char SQL_EVENT_INSERT[] =
    "INSERT INTO events (id, " EVENT_RECORDED_COLS ", rev_no, status) "
    "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM events), $1, $2, $3, $4, "
    "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
    "$20, $21, $22, $23, $24, $25, $26, $27) RETURNING id";
static const char SQL_EVENT_SAVE[] =
    "UPDATE events SET rev_no = $2, status = $3 WHERE id = $1";
static const char SQL_EVENT_GET[] =
    "SELECT " EVENT_COLS " FROM " EVENTS_NOW " LEFT JOIN sources s "
    "ON s.id = e.source_id WHERE "
    "e.tracker_id = $1 AND e.number = $2";
/* Dates are ISO text: their order is the bytes' order, as in SQLite. */
static const char SQL_EVENT_LIST[] =
    "SELECT " EVENT_COLS " FROM " EVENTS_NOW " LEFT JOIN sources s "
    "ON s.id = e.source_id WHERE e.tracker_id = $1 "
    "AND ($2::text IS NULL OR e.event_type = $2) "
    "AND ($3::text IS NULL OR e.location = $3) "
    "AND ($4::text IS NULL OR coalesce(e.end_date, "
    "e.event_date) >= $4) "
    "AND ($5::text IS NULL OR e.event_date <= $5) "
    "AND ($6::bigint <> 0 OR e.status = 'published') "
    "ORDER BY e.event_date COLLATE \"C\", e.number";
/* In storage order (ids only grow), a page at a time from the last id
 * read: memory stays bounded for a tracker of any size, and each page is
 * read whole before fn runs, so fn may use the connection too. */
static const char SQL_EVENT_SCAN[] =
    "SELECT " EVENT_COLS " FROM " EVENTS_NOW " LEFT JOIN sources s "
    "ON s.id = e.source_id WHERE "
    "e.tracker_id = $1 AND e.id > $2 "
    "ORDER BY e.id LIMIT $3";
enum { SCAN_PAGE = 4096 };
static const char SQL_EVENT_EDIT_DROP[] =
    "DELETE FROM event_edits WHERE event_id = $1";
static const char SQL_EVENT_EDIT_PUT[] =
    "INSERT INTO event_edits VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)";
static const char SQL_EVENT_REV_HEAD[] =
    "SELECT seq, hash FROM event_rev ORDER BY seq DESC LIMIT 1";
static const char SQL_EVENT_REV_INSERT[] =
    "INSERT INTO event_rev VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

static int64_t column_or(const PGresult *res, int r, int c, int64_t none)
{
    return pg_is_null(res, r, c) ? none : pg_int(res, r, c);
}

static void read_event(struct arena *a, const PGresult *res, int r,
                       struct event *e)
{
    *e = (struct event){0};
    e->id = pg_int(res, r, 0);
    e->tracker_id = pg_int(res, r, 1);
    e->number = pg_int(res, r, 2);
    e->rev_no = pg_int(res, r, 3);
    e->date = pg_date(res, r, 4);
    e->end_date = pg_date(res, r, 5);
    e->time_precision = (int)pg_int(res, r, 6);
    e->type = pg_text(a, res, r, 7);
    e->sub_type = pg_text(a, res, r, 8);
    e->location = pg_text(a, res, r, 9);
    e->country = pg_text(a, res, r, 10);
    e->admin1 = pg_text(a, res, r, 11);
    e->has_coords = !pg_is_null(res, r, 12);
    e->lat_e5 = pg_int(res, r, 12);
    e->lon_e5 = pg_int(res, r, 13);
    e->geo_precision = (int)pg_int(res, r, 14);
    e->actor1 = pg_text(a, res, r, 15);
    e->actor2 = pg_text(a, res, r, 16);
    e->has_size = !pg_is_null(res, r, 17);
    e->size_qualifier =
        e->has_size ? (enum qualifier)pg_enum(res, r, 17, &qualifier_names) : 0;
    e->size_low = pg_int(res, r, 18);
    e->size_high = column_or(res, r, 19, -1);
    e->size_words = pg_text(a, res, r, 20);
    e->fatalities = column_or(res, r, 21, -1);
    e->source_id = column_or(res, r, 22, 0);
    e->url = pg_text(a, res, r, 23);
    e->notes = pg_text(a, res, r, 24);
    e->status = (enum event_status)pg_enum(res, r, 25, &event_status_names);
    e->recorded_by = pg_text(a, res, r, 26);
    e->recorded_at = pg_time(res, r, 27);
    e->source_slug = pg_text(a, res, r, 28);
    e->source_name = pg_text(a, res, r, 29);
    e->source_kind = pg_enum(res, r, 30, &source_kind_names);
}

/* Appends e's revision e->rev_no: with body `rev`, or with an empty body
 * when `recorded` (the event's recorded columns) stand for it. */
static int append_rev(struct pg_store *st, const struct event *e,
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
    return pg_chain_append(st, SQL_EVENT_REV_HEAD, SQL_EVENT_REV_INSERT, cols,
                           sizeof cols / sizeof cols[0], recorded,
                           recorded ? EVENT_RECORDED_NCOLS : 0, &seq, err);
}

static const char SQL_EVENT_RECORDED_RANGE[] =
    "SELECT " EVENT_RECORDED_COLS " FROM events WHERE id BETWEEN $1 AND $2 "
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

int pg_event_rev_stood_for(struct pg_store *st, int64_t rev_no,
                           const char *body, int64_t event_id,
                           struct chain_hasher *h)
{
    /* Only a first revision stands for event rows (as in SQLite). */
    int64_t count = rev_no == 1 ? stood_for_count(body) : 0;
    if (count == 0)
        return 0;
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, event_id);
    pg_bind_int(&p, 2, event_id + count - 1);
    PGresult *res = pg_query(st, SQL_EVENT_RECORDED_RANGE, &p, NULL);
    if (res == NULL)
        return VG_EIO;
    struct arena a = ARENA_INIT;
    for (int r = 0; r < PQntuples(res); r++)
        for (int i = 0; i < EVENT_RECORDED_NCOLS; i++) {
            struct col c = pg_read_col(&a, res, r, i);
            row_hash_col(h, &c);
        }
    arena_release(&a);
    PQclear(res);
    return 0;
}

int pg_event_next_number(struct store *base, int64_t tracker_id, int64_t *out,
                         struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    return pg_scalar(st, SQL_EVENT_NEXT, tracker_id, out, err);
}

int pg_event_insert(struct store *base, struct event *e, const char *rev,
                    struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct event_texts t;
    struct col cols[EVENT_INSERT_NCOLS];
    event_cols(e, &t, cols);
    struct pg_params p = PG_PARAMS_INIT;
    for (size_t i = 0; i < EVENT_INSERT_NCOLS; i++)
        pg_bind_col(&p, (int)i + 1, &cols[i]);
    PGresult *res = pg_query(st, SQL_EVENT_INSERT, &p, err);
    if (res == NULL)
        return err && err->code ? err->code : VG_EIO;
    e->id = pg_int(res, 0, 0);
    PQclear(res);
    int rc = append_rev(st, e, rev, rev ? NULL : cols, err);
    return rc ? rc : search_index_event(base, e, err);
}

/* ==== Many events at once ==== */

/* The last event id of all trackers (ids start at 1). */
static const char SQL_EVENT_MAX_ID[] =
    "SELECT coalesce(max(id), 0) FROM events";

/*
 * An import's state on the connection. Its events go in as one COPY that
 * stays open from the first batch to the last: the server stores a batch
 * while the client parses and formats the next, with no round trip and
 * no wait between them (bench P6: a COPY a batch left each side idle
 * while the other worked, 18 s for a million events where the server's
 * own work is 13). The connection carries one COPY at a time, so the
 * batches' first revisions (a thousand lines for a million events) wait
 * in `revs` and go in with a COPY of their own at the end.
 */
struct pg_bulk {
    struct event_bulk head; /* first: store_event_bulk_prepare's part */
    struct buf lines;       /* a batch's events, reused batch after batch */
    struct buf revs;        /* every batch's first revisions */
    int64_t next_seq;       /* the revision the next batch must start with */
    bool copying;           /* the events' COPY is open */
};

int pg_event_bulk_begin(struct store *base, struct event_bulk **out,
                        struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    if (!st->in_write)
        return vg_err_set(err, VG_EIO, "db",
                          "a bulk insert needs a write transaction");
    assert(st->bulk == NULL);
    PGresult *res = pg_query(st, SQL_EVENT_REV_HEAD, NULL, err);
    if (res == NULL)
        return VG_EIO;
    struct pg_bulk *b = xcalloc(1, sizeof *b);
    b->head.next_seq = 1;
    if (PQntuples(res) > 0) {
        struct arena a = ARENA_INIT;
        size_t n;
        const uint8_t *h = pg_blob(&a, res, 0, 1, &n);
        b->head.next_seq = pg_int(res, 0, 0) + 1;
        if (h && n == CHAIN_HASH_LEN)
            memcpy(b->head.hash, h, CHAIN_HASH_LEN);
        arena_release(&a);
    }
    PQclear(res);
    int64_t max_id;
    int rc = pg_scalar(st, SQL_EVENT_MAX_ID, 0, &max_id, err);
    if (rc != 0) {
        free(b);
        return rc;
    }
    b->head.next_id = max_id + 1;
    b->next_seq = b->head.next_seq;
    b->lines = (struct buf)BUF_INIT(SIZE_MAX / 2);
    b->revs = (struct buf)BUF_INIT(SIZE_MAX / 2);
    st->bulk = b;
    *out = &b->head;
    return 0;
}

static const char SQL_EVENTS_COPY[] =
    "COPY events (id, " EVENT_RECORDED_COLS ", rev_no, status) FROM STDIN";
static const char SQL_EVENT_REVS_COPY[] =
    "COPY event_rev (seq, event_id, rev_no, body, author, revised_at, "
    "prev_hash, hash) FROM STDIN";

/* The batch's events as COPY lines: its id, then the columns. */
static void copy_events(struct buf *out, const struct event_batch *b)
{
    struct col line[1 + EVENT_INSERT_NCOLS];
    for (size_t i = 0; i < b->n; i++) {
        line[0] = col_int(b->rows[i].id);
        memcpy(&line[1], b->rows[i].cols, sizeof b->rows[i].cols);
        pg_copy_line(out, line, sizeof line / sizeof line[0]);
    }
}

/* The batch's first revisions as COPY lines: each row as bind_rev gives
 * it in sqlite_events.c, from its first event's columns. */
static void copy_revs(struct buf *out, const struct event_batch *b)
{
    for (size_t i = 0; i < b->nrevs; i++) {
        const struct rev_row *r = &b->revs[i];
        const struct col *e = b->rows[r->first].cols;
        struct col line[] = {
            col_int(r->seq),
            col_int(b->rows[r->first].id),
            e[EVENT_RECORDED_NCOLS], /* rev_no */
            col_text(r->body),
            e[EVENT_RECORDED_NCOLS - 2], /* recorded_by */
            e[EVENT_RECORDED_NCOLS - 1], /* recorded_at */
            {'B', 0, (const char *)r->prev, CHAIN_HASH_LEN},
            {'B', 0, (const char *)r->hash, CHAIN_HASH_LEN},
        };
        pg_copy_line(out, line, sizeof line / sizeof line[0]);
    }
}

int pg_event_bulk_insert(struct store *base, struct event_batch *b,
                         struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_bulk *bk = st->bulk;
    assert(bk != NULL);
    if (b->nrevs && b->revs[0].seq != bk->next_seq)
        return vg_err_set(err, VG_EIO, "db", "event revisions out of order");
    if (b->n == 0)
        return 0;
    int rc = 0;
    if (!bk->copying) {
        rc = pg_copy_start(st, SQL_EVENTS_COPY, err);
        bk->copying = rc == 0;
    }
    buf_reset(&bk->lines);
    copy_events(&bk->lines, b);
    if (rc == 0)
        rc = pg_copy_send(st, &bk->lines, err);
    if (rc == 0 && b->nrevs) {
        copy_revs(&bk->revs, b);
        bk->next_seq = b->revs[b->nrevs - 1].seq + 1;
    }
    return rc;
}

int pg_event_bulk_end(struct store *base, struct event_bulk *bulk, bool keep,
                      struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_bulk *bk = st->bulk;
    assert(bk != NULL && &bk->head == bulk);
    int rc = 0;
    if (!keep && bk->copying) /* dropped: the caller's err says why */
        pg_copy_end(st, "the import failed", NULL);
    else if (bk->copying)
        rc = pg_copy_end(st, NULL, err);
    if (rc == 0 && keep && bk->revs.len)
        rc = pg_copy_rows(st, SQL_EVENT_REVS_COPY, &bk->revs, err);
    buf_release(&bk->lines);
    buf_release(&bk->revs);
    free(bk);
    st->bulk = NULL;
    return keep ? rc : 0;
}

int pg_event_save(struct store *base, const struct event *e, const char *rev,
                  struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, e->id);
    pg_bind_int(&p, 2, e->rev_no);
    pg_bind_text(&p, 3, enum_name(&event_status_names, (int)e->status));
    int rc = pg_exec(st, SQL_EVENT_SAVE, &p, err);
    if (rc == 0)
        rc = append_rev(st, e, rev, NULL, err);
    return rc ? rc : search_index_event(base, e, err);
}

int pg_event_get(struct store *base, struct arena *a, int64_t tracker_id,
                 int64_t number, struct event *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_int(&p, 2, number);
    PG_READ_ONE(st, a, SQL_EVENT_GET, &p, read_event, out, err);
}

int pg_event_list(struct store *base, struct arena *a, int64_t tracker_id,
                  const struct event_filter *f, struct event **out, size_t *n,
                  struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    static const struct event_filter all = {0};
    if (f == NULL)
        f = &all;
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_text(&p, 2, f->type);
    pg_bind_text(&p, 3, f->location);
    pg_bind_date(&p, 4, f->from);
    pg_bind_date(&p, 5, f->to);
    pg_bind_int(&p, 6, f->with_retracted);
    PG_COLLECT(st, a, SQL_EVENT_LIST, &p, struct event, read_event, out, n,
               err);
}

/* Lends each row of a page to fn (see store_event_scan), setting *last
 * to the last id read; returns fn's first non-zero return, else 0. */
static int each_row(const PGresult *res,
                    int (*fn)(const struct event *e, void *ctx), void *ctx,
                    int64_t *last)
{
    struct event e;
    for (int r = 0; r < PQntuples(res); r++) {
        read_event(NULL, res, r, &e); /* strings lent by the result */
        *last = e.id;
        int rc = fn(&e, ctx);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* The pages of one scan read one snapshot, as SQLite's one statement
 * does: in the caller's transaction, or else in a read transaction of
 * its own. */
int pg_event_scan(struct store *base, int64_t tracker_id,
                  int (*fn)(const struct event *e, void *ctx), void *ctx,
                  struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    bool own = !st->in_write && !st->in_read;
    int rc = own ? pg_read_begin(base, err) : 0;
    int64_t last = 0;
    for (int rows = SCAN_PAGE; rc == 0 && rows == SCAN_PAGE;) {
        struct pg_params p = PG_PARAMS_INIT;
        pg_bind_int(&p, 1, tracker_id);
        pg_bind_int(&p, 2, last);
        pg_bind_int(&p, 3, SCAN_PAGE);
        PGresult *res = pg_query(st, SQL_EVENT_SCAN, &p, err);
        if (res == NULL) {
            rc = VG_EIO;
            break;
        }
        rows = PQntuples(res);
        rc = each_row(res, fn, ctx, &last);
        PQclear(res);
    }
    if (own)
        pg_read_end(base);
    return rc;
}

static const char SQL_EVENT_SCAN_IDS[] =
    "SELECT " EVENT_COLS " FROM " EVENTS_NOW " LEFT JOIN sources s "
    "ON s.id = e.source_id WHERE e.tracker_id = $1 AND e.id BETWEEN $2 AND $3 "
    "ORDER BY e.id DESC";

/* One query: a range is at most a backlog's chunk (store.h). */
int pg_event_scan_ids(struct store *base, const struct search_backlog *range,
                      int (*fn)(const struct event *e, void *ctx), void *ctx,
                      struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, range->tracker_id);
    pg_bind_int(&p, 2, range->first_id);
    pg_bind_int(&p, 3, range->last_id);
    PGresult *res = pg_query(st, SQL_EVENT_SCAN_IDS, &p, err);
    if (res == NULL)
        return VG_EIO;
    int64_t last;
    int rc = each_row(res, fn, ctx, &last);
    PQclear(res);
    return rc;
}

/* Makes e's fields the event's current ones (event_edits' row). */
static int put_fields(struct pg_store *st, const struct event *e,
                      struct vg_err *err)
{
    struct event_texts t;
    struct col cols[EVENT_INSERT_NCOLS];
    event_cols(e, &t, cols);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, e->id);
    int rc = pg_exec(st, SQL_EVENT_EDIT_DROP, &p, err);
    if (rc != 0)
        return rc;
    for (int i = 0; i < EVENT_FIELD_NCOLS; i++)
        pg_bind_col(&p, i + 2, &cols[EVENT_FIELD_FIRST + i]);
    return pg_exec(st, SQL_EVENT_EDIT_PUT, &p, err);
}

int pg_event_edit(struct store *base, const struct event *e, const char *rev,
                  struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    int rc = put_fields(st, e, err);
    return rc ? rc : pg_event_save(base, e, rev, err);
}
