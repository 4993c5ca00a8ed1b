/* sqlite_events.c: the SQLite store's queries for events and their
 * revisions. */
#include <string.h>

#include "core/enums.h"
#include "store/sqlite_int.h"

#define EVENT_COLS                                                         \
    "e.id, e.tracker_id, e.number, e.rev_no, e.event_date, e.end_date, "   \
    "e.time_precision, e.event_type, e.sub_event_type, e.location, "       \
    "e.country, e.admin1, e.lat_e5, e.lon_e5, e.geo_precision, e.actor1, " \
    "e.actor2, e.size_qualifier, e.size_low, e.size_high, e.size_words, "  \
    "e.fatalities, e.source_id, e.url, e.notes, e.status, e.recorded_by, " \
    "e.recorded_at, s.slug, s.name"

static const char SQL_EVENT_NEXT[] =
    "SELECT coalesce(max(number), 0) + 1 FROM events WHERE tracker_id = ?1";
static const char SQL_EVENT_INSERT[] =
    "INSERT INTO events (" EVENT_RECORDED_COLS ", rev_no, status) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
    "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)";
static const char SQL_EVENT_SAVE[] =
    "UPDATE events SET rev_no = ?2, status = ?3 WHERE id = ?1";
static const char SQL_EVENT_GET[] =
    "SELECT " EVENT_COLS " FROM events e LEFT JOIN sources s "
    "ON s.id = e.source_id WHERE e.tracker_id = ?1 AND e.number = ?2";
static const char SQL_EVENT_LIST[] =
    "SELECT " EVENT_COLS " FROM events e LEFT JOIN sources s "
    "ON s.id = e.source_id WHERE e.tracker_id = ?1 "
    "AND (?2 IS NULL OR e.event_type = ?2) "
    "AND (?3 IS NULL OR e.location = ?3) "
    "AND (?4 IS NULL OR coalesce(e.end_date, e.event_date) >= ?4) "
    "AND (?5 IS NULL OR e.event_date <= ?5) "
    "AND (?6 OR e.status = 'published') "
    "ORDER BY e.event_date, e.number";
/* In storage order: a scan of the table, never the date index, whose
 * order would cost a random seek a row. */
static const char SQL_EVENT_SCAN[] =
    "SELECT " EVENT_COLS " FROM events e NOT INDEXED LEFT JOIN sources s "
    "ON s.id = e.source_id WHERE e.tracker_id = ?1 ORDER BY e.id";
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
}

/* Appends e's revision e->rev_no: with body `rev`, or with an empty body
 * when `recorded` (the event's recorded columns) stand for it. */
static int append_rev(struct store *st, const struct event *e, const char *rev,
                      const struct col *recorded, struct vg_err *err)
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

static struct col col_int_or_null(bool present, int64_t v)
{
    return present ? col_int(v) : col_text(NULL);
}

int store_event_next_number(struct store *st, int64_t tracker_id, int64_t *out,
                            struct vg_err *err)
{
    return sq_scalar(st, SQL_EVENT_NEXT, tracker_id, out, err);
}

int store_event_insert(struct store *st, struct event *e, const char *rev,
                       struct vg_err *err)
{
    char date[DATE_LEN + 1], end[DATE_LEN + 1], at[TIMESTAMP_LEN + 1];
    /* EVENT_RECORDED_COLS, then rev_no and status. */
    struct col cols[EVENT_RECORDED_NCOLS + 2] = {
        col_int(e->tracker_id),
        col_int(e->number),
        col_date(e->date, date),
        col_date(e->end_date, end),
        col_int(e->time_precision),
        col_text(e->type),
        col_text(e->sub_type),
        col_text(e->location),
        col_text(e->country),
        col_text(e->admin1),
        col_int_or_null(e->has_coords, e->lat_e5),
        col_int_or_null(e->has_coords, e->lon_e5),
        col_int(e->geo_precision),
        col_text(e->actor1),
        col_text(e->actor2),
        col_text(e->has_size
                     ? enum_name(&qualifier_names, (int)e->size_qualifier)
                     : NULL),
        col_int_or_null(e->has_size, e->size_low),
        col_int_or_null(e->has_size && e->size_high >= 0, e->size_high),
        col_text(e->size_words),
        col_int_or_null(e->fatalities >= 0, e->fatalities),
        col_int_or_null(e->source_id > 0, e->source_id),
        col_text(e->url),
        col_text(e->notes),
        col_text(e->recorded_by),
        col_time(e->recorded_at, at),
        col_int(e->rev_no),
        col_text(enum_name(&event_status_names, (int)e->status)),
    };
    sqlite3_stmt *s = sq_prepare(st, SQL_EVENT_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        sq_bind_col(s, (int)i + 1, &cols[i]);
    int rc = sq_exec(st, s, err);
    if (rc != 0)
        return rc;
    e->id = sqlite3_last_insert_rowid(st->db);
    return append_rev(st, e, rev, rev ? NULL : cols, err);
}

int store_event_save(struct store *st, const struct event *e, const char *rev,
                     struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare(st, SQL_EVENT_SAVE, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, e->id);
    sqlite3_bind_int64(s, 2, e->rev_no);
    sq_bind_text(s, 3, enum_name(&event_status_names, (int)e->status));
    int rc = sq_exec(st, s, err);
    return rc ? rc : append_rev(st, e, rev, NULL, err);
}

int store_event_get(struct store *st, struct arena *a, int64_t tracker_id,
                    int64_t number, struct event *out, struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare(st, SQL_EVENT_GET, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sqlite3_bind_int64(s, 2, number);
    READ_ONE(st, a, s, read_event, out, err);
}

/* The list query with f's filters bound (f NULL: every event). */
static sqlite3_stmt *prepare_list(struct store *st, int64_t tracker_id,
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

int store_event_list(struct store *st, struct arena *a, int64_t tracker_id,
                     const struct event_filter *f, struct event **out,
                     size_t *n, struct vg_err *err)
{
    sqlite3_stmt *s = prepare_list(st, tracker_id, f, err);
    if (s == NULL)
        return VG_EIO;
    COLLECT(st, a, s, struct event, read_event, out, n, err);
}

/* Steps s to the end, lending each row to fn (see store_event_scan). */
static int each_row(struct store *st, sqlite3_stmt *s,
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

int store_event_scan(struct store *st, int64_t tracker_id,
                     int (*fn)(const struct event *e, void *ctx), void *ctx,
                     struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare(st, SQL_EVENT_SCAN, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    return each_row(st, s, fn, ctx, err);
}
