/*
 * sqlite_records.c: the SQLite store's queries, one section per record.
 *
 * Column lists are spelled out so that each read_*() matches its SELECT by
 * position; enumerations are stored by name (model/enums.c).
 */
#include <string.h>

#include "model/enums.h"
#include "store/search.h"
#include "store/sqlite_int.h"

/* ==== Trackers ==== */

#define TRACKER_COLS                                                     \
    "id, slug, title, summary, started_on, ended_on, timezone, status, " \
    "country, languages, created_at, archived_at, unlisted, bylines, "   \
    "frame_origins, gregorian_beside"

static const char SQL_TRACKER_INSERT[] =
    "INSERT INTO trackers (slug, title, summary, started_on, ended_on, "
    "timezone, status, country, languages, created_at, archived_at, "
    "unlisted, bylines, frame_origins, gregorian_beside) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?15, "
    "?16)";
static const char SQL_TRACKER_SAVE[] =
    "UPDATE trackers SET slug = ?1, title = ?2, summary = ?3, "
    "started_on = ?4, ended_on = ?5, timezone = ?6, status = ?7, "
    "country = ?8, languages = ?9, created_at = ?10, archived_at = ?11, "
    "unlisted = ?12, bylines = ?13, frame_origins = ?15, "
    "gregorian_beside = ?16 WHERE id = ?14";
static const char SQL_TRACKER_GET[] =
    "SELECT " TRACKER_COLS " FROM trackers WHERE slug = ?1";
static const char SQL_TRACKER_BY_ID[] =
    "SELECT " TRACKER_COLS " FROM trackers WHERE id = ?1";
static const char SQL_TRACKER_LIST[] =
    "SELECT " TRACKER_COLS " FROM trackers ORDER BY slug";

static void bind_tracker(sqlite3_stmt *s, const struct tracker *t)
{
    sq_bind_text(s, 1, t->slug);
    sq_bind_text(s, 2, t->title);
    sq_bind_text(s, 3, t->summary ? t->summary : "");
    sq_bind_date(s, 4, t->started_on);
    sq_bind_date(s, 5, t->ended_on);
    sq_bind_text(s, 6, t->timezone);
    sq_bind_text(s, 7, enum_name(&tracker_status_names, (int)t->status));
    sq_bind_text(s, 8, t->country);
    sq_bind_text(s, 9, t->languages);
    sq_bind_time(s, 10, t->created_at);
    sq_bind_time(s, 11, t->archived_at);
    sqlite3_bind_int(s, 12, t->unlisted);
    sqlite3_bind_int(s, 13, t->bylines);
    sq_bind_text(s, 15, t->frame_origins ? t->frame_origins : "");
    sqlite3_bind_int(s, 16, t->gregorian_beside);
}

static void read_tracker(struct arena *a, sqlite3_stmt *s, struct tracker *t)
{
    t->id = sqlite3_column_int64(s, 0);
    t->slug = sq_text(a, s, 1);
    t->title = sq_text(a, s, 2);
    t->summary = sq_text(a, s, 3);
    t->started_on = sq_date(s, 4);
    t->ended_on = sq_date(s, 5);
    t->timezone = sq_text(a, s, 6);
    t->status = (enum tracker_status)sq_enum(s, 7, &tracker_status_names);
    t->country = sq_text(a, s, 8);
    t->languages = sq_text(a, s, 9);
    t->created_at = sq_time(s, 10);
    t->archived_at = sq_time(s, 11);
    t->unlisted = sqlite3_column_int(s, 12) != 0;
    t->bylines = sqlite3_column_int(s, 13) != 0;
    t->frame_origins = sq_text(a, s, 14);
    t->gregorian_beside = sqlite3_column_int(s, 15) != 0;
}

int sqlite_tracker_insert(struct store *base, struct tracker *t,
                          struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_TRACKER_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    bind_tracker(s, t);
    int rc = sq_exec(st, s, err);
    if (rc == 0)
        t->id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int sqlite_tracker_save(struct store *base, const struct tracker *t,
                        struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_TRACKER_SAVE, err);
    if (s == NULL)
        return VG_EIO;
    bind_tracker(s, t);
    sqlite3_bind_int64(s, 14, t->id);
    return sq_exec(st, s, err);
}

int sqlite_tracker_get(struct store *base, struct arena *a, const char *slug,
                       struct tracker *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_TRACKER_GET, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, slug);
    READ_ONE(st, a, s, read_tracker, out, err);
}

int sqlite_tracker_by_id(struct store *base, struct arena *a, int64_t id,
                         struct tracker *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_TRACKER_BY_ID, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, id);
    READ_ONE(st, a, s, read_tracker, out, err);
}

int sqlite_tracker_list(struct store *base, struct arena *a,
                        struct tracker **out, size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_TRACKER_LIST, err);
    if (s == NULL)
        return VG_EIO;
    COLLECT(st, a, s, struct tracker, read_tracker, out, n, err);
}

/* ==== Sources ==== */

#define SOURCE_COLS                                          \
    "s.id, s.slug, s.name, s.kind, s.url, s.note, s.grade, " \
    "s.created_at"

static const char SQL_SOURCE_INSERT[] =
    "INSERT INTO sources (slug, name, kind, url, note, grade, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_SOURCE_GET[] =
    "SELECT " SOURCE_COLS " FROM sources s WHERE s.slug = ?1";
static const char SQL_SOURCE_LIST[] =
    "SELECT " SOURCE_COLS " FROM sources s ORDER BY s.slug";
static const char SQL_SOURCE_LIST_LINKED[] =
    "SELECT " SOURCE_COLS " FROM sources s JOIN tracker_sources l "
    "ON l.source_id = s.id WHERE l.tracker_id = ?1 ORDER BY s.slug";
static const char SQL_SOURCE_LINK[] =
    "INSERT INTO tracker_sources (tracker_id, source_id, linked_at) "
    "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
static const char SQL_SOURCE_LINK_CITED[] =
    "INSERT INTO tracker_sources (tracker_id, source_id, linked_at) "
    "SELECT DISTINCT ?1, source_id, ?3 FROM (SELECT source_id FROM claims "
    "WHERE tracker_id = ?1 UNION SELECT source_id FROM claim_proposals "
    "WHERE tracker_id = ?1 UNION SELECT source_id FROM events "
    "WHERE tracker_id = ?1 AND source_id IS NOT NULL UNION "
    "SELECT x.source_id FROM event_edits x JOIN events e "
    "ON e.id = x.event_id WHERE e.tracker_id = ?1 "
    "AND x.source_id IS NOT NULL) "
    "WHERE ?2 = 0 ON CONFLICT DO NOTHING";
static const char SQL_ALIAS_INSERT[] =
    "INSERT INTO source_aliases (source_id, alias, created_at) "
    "VALUES (?1, ?2, ?3)";
#define ALIAS_COLS "a.id, a.source_id, a.alias, a.created_at, s.slug"
static const char SQL_ALIAS_LIST[] =
    "SELECT " ALIAS_COLS " FROM source_aliases a JOIN sources s "
    "ON s.id = a.source_id ORDER BY s.slug, a.alias";
static const char SQL_ALIAS_LIST_LINKED[] =
    "SELECT " ALIAS_COLS " FROM source_aliases a JOIN sources s "
    "ON s.id = a.source_id JOIN tracker_sources l ON l.source_id = s.id "
    "WHERE l.tracker_id = ?1 ORDER BY s.slug, a.alias";

static void read_source(struct arena *a, sqlite3_stmt *s, struct source *o)
{
    o->id = sqlite3_column_int64(s, 0);
    o->slug = sq_text(a, s, 1);
    o->name = sq_text(a, s, 2);
    o->kind = (enum source_kind)sq_enum(s, 3, &source_kind_names);
    o->url = sq_text(a, s, 4);
    o->note = sq_text(a, s, 5);
    o->grade = sq_text(a, s, 6);
    o->created_at = sq_time(s, 7);
}

int sqlite_source_insert(struct store *base, struct source *src,
                         struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_SOURCE_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, src->slug);
    sq_bind_text(s, 2, src->name);
    sq_bind_text(s, 3, enum_name(&source_kind_names, (int)src->kind));
    sq_bind_text(s, 4, src->url);
    sq_bind_text(s, 5, src->note);
    sq_bind_text(s, 6, src->grade);
    sq_bind_time(s, 7, src->created_at);
    int rc = sq_exec(st, s, err);
    if (rc == 0)
        src->id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int sqlite_source_get(struct store *base, struct arena *a, const char *slug,
                      struct source *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_SOURCE_GET, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_text(s, 1, slug);
    READ_ONE(st, a, s, read_source, out, err);
}

int sqlite_source_list(struct store *base, struct arena *a, int64_t tracker_id,
                       struct source **out, size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(
        st, tracker_id > 0 ? SQL_SOURCE_LIST_LINKED : SQL_SOURCE_LIST, err);
    if (s == NULL)
        return VG_EIO;
    if (tracker_id > 0)
        sqlite3_bind_int64(s, 1, tracker_id);
    COLLECT(st, a, s, struct source, read_source, out, n, err);
}

int sqlite_source_link(struct store *base, int64_t tracker_id,
                       int64_t source_id, int64_t at, int64_t *added,
                       struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(
        st, source_id > 0 ? SQL_SOURCE_LINK : SQL_SOURCE_LINK_CITED, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sqlite3_bind_int64(s, 2, source_id);
    sq_bind_time(s, 3, at);
    int rc = sq_exec(st, s, err);
    if (rc == 0 && added)
        *added = sqlite3_changes(st->db);
    return rc;
}

int sqlite_source_alias_insert(struct store *base, struct source_alias *a,
                               struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_ALIAS_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, a->source_id);
    sq_bind_text(s, 2, a->alias);
    sq_bind_time(s, 3, a->created_at);
    int rc = sq_exec(st, s, err);
    if (rc == 0)
        a->id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

static void read_alias(struct arena *a, sqlite3_stmt *s, struct source_alias *o)
{
    o->id = sqlite3_column_int64(s, 0);
    o->source_id = sqlite3_column_int64(s, 1);
    o->alias = sq_text(a, s, 2);
    o->created_at = sq_time(s, 3);
    o->source_slug = sq_text(a, s, 4);
}

int sqlite_source_alias_list(struct store *base, struct arena *a,
                             int64_t tracker_id, struct source_alias **out,
                             size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(
        st, tracker_id > 0 ? SQL_ALIAS_LIST_LINKED : SQL_ALIAS_LIST, err);
    if (s == NULL)
        return VG_EIO;
    if (tracker_id > 0)
        sqlite3_bind_int64(s, 1, tracker_id);
    COLLECT(st, a, s, struct source_alias, read_alias, out, n, err);
}

/* ==== Metrics ==== */

#define METRIC_COLS "id, tracker_id, key, label, position"

static const char SQL_METRIC_INSERT[] =
    "INSERT INTO metrics (tracker_id, key, label, position) "
    "VALUES (?1, ?2, ?3, ?4)";
static const char SQL_METRIC_GET[] =
    "SELECT " METRIC_COLS " FROM metrics WHERE tracker_id = ?1 AND key = ?2";
static const char SQL_METRIC_LIST[] =
    "SELECT " METRIC_COLS " FROM metrics WHERE tracker_id = ?1 "
    "ORDER BY position, key";

static void read_metric(struct arena *a, sqlite3_stmt *s, struct metric *m)
{
    m->id = sqlite3_column_int64(s, 0);
    m->tracker_id = sqlite3_column_int64(s, 1);
    m->key = sq_text(a, s, 2);
    m->label = sq_text(a, s, 3);
    m->position = sqlite3_column_int64(s, 4);
}

int sqlite_metric_insert(struct store *base, struct metric *m,
                         struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_METRIC_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, m->tracker_id);
    sq_bind_text(s, 2, m->key);
    sq_bind_text(s, 3, m->label);
    sqlite3_bind_int64(s, 4, m->position);
    int rc = sq_exec(st, s, err);
    if (rc == 0)
        m->id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int sqlite_metric_get(struct store *base, struct arena *a, int64_t tracker_id,
                      const char *key, struct metric *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_METRIC_GET, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sq_bind_text(s, 2, key);
    READ_ONE(st, a, s, read_metric, out, err);
}

int sqlite_metric_list(struct store *base, struct arena *a, int64_t tracker_id,
                       struct metric **out, size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_METRIC_LIST, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    COLLECT(st, a, s, struct metric, read_metric, out, n, err);
}

/* ==== Updates ==== */

#define UPDATE_FIELDS                                                    \
    "kind, status, pinned, key_event, lang, title, body_md, body_html, " \
    "author, reason, created_at, revised_at, published_at, edited_at"
#define UPDATE_COLS \
    "id, tracker_id, number, rev_no, " UPDATE_FIELDS ", " UPDATE_LINKS

static const char SQL_UPDATE_NEXT[] =
    "SELECT coalesce(max(number), 0) + 1 FROM updates WHERE tracker_id = ?1";
static const char SQL_UPDATE_HEAD_INSERT[] =
    "INSERT INTO updates (tracker_id, number, rev_no, " UPDATE_FIELDS ") "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15, ?16, ?17)";
static const char SQL_UPDATE_HEAD_SAVE[] =
    "UPDATE updates SET rev_no = ?3, kind = ?4, status = ?5, pinned = ?6, "
    "key_event = ?7, lang = ?8, title = ?9, body_md = ?10, body_html = ?11, "
    "author = ?12, reason = ?13, created_at = ?14, revised_at = ?15, "
    "published_at = ?16, edited_at = ?17 "
    "WHERE tracker_id = ?1 AND number = ?2 AND rev_no = ?3 - 1";
static const char SQL_UPDATE_ID[] =
    "SELECT id FROM updates WHERE tracker_id = ?1 AND number = ?2";
static const char SQL_UPDATE_REV_HEAD[] =
    "SELECT seq, hash FROM update_rev ORDER BY seq DESC LIMIT 1";
static const char SQL_UPDATE_REV_INSERT[] =
    "INSERT INTO update_rev VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?)";
static const char SQL_UPDATE_GET[] =
    "SELECT " UPDATE_COLS " FROM updates WHERE tracker_id = ?1 "
    "AND number = ?2";
/* Public lists walk the (tracker_id, published_at, number) index
 * backwards and stop at the limit, so a page costs the same however long
 * the history (benchmark P4); only editors' lists of every update sort. */
static const char SQL_UPDATE_LIST_PUBLIC[] =
    "SELECT " UPDATE_COLS " FROM updates WHERE tracker_id = ?1 "
    "AND published_at IS NOT NULL "
    "AND status IN ('published', 'retracted') "
    "AND (?2 & 2 = 0 OR key_event = 1) "
    "ORDER BY published_at DESC, number DESC LIMIT ?3";
static const char SQL_UPDATE_LIST_ALL[] =
    "SELECT " UPDATE_COLS " FROM updates WHERE tracker_id = ?1 AND ?2 = ?2 "
    "ORDER BY coalesce(published_at, created_at) DESC, number DESC "
    "LIMIT ?3";
static const char SQL_UPDATE_BETWEEN[] =
    "SELECT " UPDATE_COLS " FROM updates WHERE tracker_id = ?1 "
    "AND status IN ('published', 'retracted') "
    "AND published_at >= ?2 AND published_at < ?3 "
    "ORDER BY published_at DESC, number DESC";
static void read_update(struct arena *a, sqlite3_stmt *s, struct update *u);
static const char SQL_UPDATE_DUE[] =
    "SELECT " UPDATE_COLS " FROM updates WHERE status = 'scheduled' "
    "AND published_at <= ?1 ORDER BY published_at, id LIMIT ?2";
static const char SQL_UPDATE_PINNED[] =
    "SELECT " UPDATE_COLS " FROM updates WHERE tracker_id = ?1 "
    "AND pinned = 1 ORDER BY number DESC LIMIT 1";
static const char SQL_UPDATE_REVISIONS[] =
    "SELECT u.id, u.tracker_id, u.number, r.rev_no, r.kind, r.status, "
    "r.pinned, r.key_event, r.lang, r.title, r.body_md, r.body_html, "
    "r.author, r.reason, r.created_at, r.revised_at, r.published_at, NULL, "
    "0, 0 "
    "FROM update_rev r JOIN updates u ON u.id = r.update_id "
    "WHERE r.update_id = ?1 ORDER BY r.rev_no";

int sqlite_update_due(struct store *base, struct arena *a, int64_t now,
                      size_t limit, struct update **out, size_t *n,
                      struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_UPDATE_DUE, err);
    if (s == NULL)
        return VG_EIO;
    sq_bind_time(s, 1, now);
    sqlite3_bind_int64(s, 2, (int64_t)limit);
    COLLECT(st, a, s, struct update, read_update, out, n, err);
}

static void read_update(struct arena *a, sqlite3_stmt *s, struct update *u)
{
    u->id = sqlite3_column_int64(s, 0);
    u->tracker_id = sqlite3_column_int64(s, 1);
    u->number = sqlite3_column_int64(s, 2);
    u->rev_no = sqlite3_column_int64(s, 3);
    u->kind = (enum update_kind)sq_enum(s, 4, &update_kind_names);
    u->status = (enum update_status)sq_enum(s, 5, &update_status_names);
    u->pinned = sqlite3_column_int(s, 6) != 0;
    u->key_event = sqlite3_column_int(s, 7) != 0;
    u->lang = sq_text(a, s, 8);
    u->title = sq_text(a, s, 9);
    u->body_md = sq_text(a, s, 10);
    u->body_html = sq_text(a, s, 11);
    u->author = sq_text(a, s, 12);
    u->reason = sq_text(a, s, 13);
    u->created_at = sq_time(s, 14);
    u->revised_at = sq_time(s, 15);
    u->published_at = sq_time(s, 16);
    u->edited_at = sq_time(s, 17);
    u->corrects = sqlite3_column_int64(s, 18);
    u->corrected_by = sqlite3_column_int64(s, 19);
    u->byline = NULL; /* core/bylines.c fills it where it is shown */
    u->embed = NULL;  /* and core/embeds.c this */
}

static int save_update_head(struct sq_store *st, const struct update *u,
                            struct vg_err *err)
{
    const char *sql =
        u->rev_no == 1 ? SQL_UPDATE_HEAD_INSERT : SQL_UPDATE_HEAD_SAVE;
    sqlite3_stmt *s = sq_prepare(st, sql, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, u->tracker_id);
    sqlite3_bind_int64(s, 2, u->number);
    sqlite3_bind_int64(s, 3, u->rev_no);
    sq_bind_text(s, 4, enum_name(&update_kind_names, (int)u->kind));
    sq_bind_text(s, 5, enum_name(&update_status_names, (int)u->status));
    sqlite3_bind_int(s, 6, u->pinned);
    sqlite3_bind_int(s, 7, u->key_event);
    sq_bind_text(s, 8, u->lang);
    sq_bind_text(s, 9, u->title);
    sq_bind_text(s, 10, u->body_md);
    sq_bind_text(s, 11, u->body_html);
    sq_bind_text(s, 12, u->author);
    sq_bind_text(s, 13, u->reason);
    sq_bind_time(s, 14, u->created_at);
    sq_bind_time(s, 15, u->revised_at);
    sq_bind_time(s, 16, u->published_at);
    sq_bind_time(s, 17, u->edited_at);
    int rc = sq_exec(st, s, err);
    if (rc == 0 && sqlite3_changes(st->db) != 1)
        rc = vg_err_set(err, VG_ECONFLICT, "update",
                        "update %lld changed meanwhile (revision %lld is "
                        "not its next)",
                        (long long)u->number, (long long)u->rev_no);
    return rc;
}

static int update_id(struct sq_store *st, struct update *u, struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare(st, SQL_UPDATE_ID, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, u->tracker_id);
    sqlite3_bind_int64(s, 2, u->number);
    int rc = sq_step_one(st, s, err);
    if (rc <= 0)
        return rc == 0 ? VG_ENOTFOUND : rc;
    u->id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return 0;
}

static int append_update_rev(struct sq_store *st, const struct update *u,
                             struct vg_err *err)
{
    char created[TIMESTAMP_LEN + 1], revised[TIMESTAMP_LEN + 1],
        published[TIMESTAMP_LEN + 1];
    struct col cols[] = {
        col_int(0), /* seq: filled in */
        col_int(u->id),
        col_int(u->rev_no),
        col_text(enum_name(&update_kind_names, (int)u->kind)),
        col_text(enum_name(&update_status_names, (int)u->status)),
        col_int(u->pinned),
        col_int(u->key_event),
        col_text(u->lang),
        col_text(u->title),
        col_text(u->body_md),
        col_text(u->body_html),
        col_text(u->author),
        col_text(u->reason),
        col_time(u->created_at, created),
        col_time(u->revised_at, revised),
        col_time(u->published_at, published),
        col_int(0), /* prev_hash, hash: filled in */
        col_int(0),
    };
    int64_t seq;
    return sq_chain_append(st, SQL_UPDATE_REV_HEAD, SQL_UPDATE_REV_INSERT, cols,
                           sizeof cols / sizeof cols[0], &seq, err);
}

int sqlite_update_next_number(struct store *base, int64_t tracker_id,
                              int64_t *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    return sq_scalar(st, SQL_UPDATE_NEXT, tracker_id, out, err);
}

int sqlite_update_save(struct store *base, struct update *u, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    int rc = save_update_head(st, u, err);
    if (rc == 0)
        rc = update_id(st, u, err);
    if (rc == 0)
        rc = append_update_rev(st, u, err);
    if (rc == 0)
        rc = search_index_update(base, u, err);
    return rc;
}

int sqlite_update_get(struct store *base, struct arena *a, int64_t tracker_id,
                      int64_t number, struct update *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_UPDATE_GET, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sqlite3_bind_int64(s, 2, number);
    READ_ONE(st, a, s, read_update, out, err);
}

int sqlite_update_list(struct store *base, struct arena *a, int64_t tracker_id,
                       enum update_filter which, size_t limit,
                       struct update **out, size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st,
                                 which & UPDATES_PUBLIC ? SQL_UPDATE_LIST_PUBLIC
                                                        : SQL_UPDATE_LIST_ALL,
                                 err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sqlite3_bind_int(s, 2, (int)which);
    sqlite3_bind_int64(s, 3, limit ? (int64_t)limit : -1);
    COLLECT(st, a, s, struct update, read_update, out, n, err);
}

int sqlite_update_between(struct store *base, struct arena *a,
                          int64_t tracker_id, int64_t from, int64_t to,
                          struct update **out, size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_UPDATE_BETWEEN, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sq_bind_time(s, 2, from);
    sq_bind_time(s, 3, to);
    COLLECT(st, a, s, struct update, read_update, out, n, err);
}

int sqlite_update_pinned(struct store *base, struct arena *a,
                         int64_t tracker_id, struct update *out,
                         struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_UPDATE_PINNED, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    READ_ONE(st, a, s, read_update, out, err);
}

int sqlite_update_revisions(struct store *base, struct arena *a,
                            int64_t update_id, struct update **out, size_t *n,
                            struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_UPDATE_REVISIONS, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, update_id);
    COLLECT(st, a, s, struct update, read_update, out, n, err);
}

/* ==== Claims ==== */

static const char SQL_CLAIM_NEXT[] =
    "SELECT coalesce(max(number), 0) + 1 FROM claims WHERE tracker_id = ?1";
static const char SQL_CLAIM_INSERT[] =
    "INSERT INTO claims (tracker_id, number, metric_id, source_id, "
    "qualifier, low, high, words, as_of, url, quote, note, scope, status, "
    "recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
    "?10, ?11, ?12, ?13, ?14, ?15, ?16)";
static const char SQL_CLAIM_REV_HEAD[] =
    "SELECT seq, hash FROM claim_rev ORDER BY seq DESC LIMIT 1";
static const char SQL_CLAIM_REV_INSERT[] =
    "INSERT INTO claim_rev VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?, ?)";
#define CLAIM_SELECT                                                         \
    "SELECT c.id, c.tracker_id, c.number, c.metric_id, c.source_id, "        \
    "c.qualifier, c.low, c.high, c.words, c.as_of, c.url, c.quote, c.note, " \
    "c.scope, c.status, c.recorded_by, c.recorded_at, m.key, s.slug, "       \
    "s.name, " CLAIM_RETRACTION_COLS                                         \
    " FROM claims c JOIN metrics m ON m.id = c.metric_id "                   \
    "JOIN sources s ON s.id = c.source_id " CLAIM_RETRACTION_JOIN
static const char SQL_CLAIM_LIST[] =
    CLAIM_SELECT "WHERE c.tracker_id = ?1 AND (?2 = 0 OR c.metric_id = ?2) "
                 "ORDER BY m.position, m.key, c.as_of, c.number";
static const char SQL_CLAIM_GET[] =
    CLAIM_SELECT "WHERE c.tracker_id = ?1 AND c.number = ?2";

static void read_claim(struct arena *a, sqlite3_stmt *s, struct claim *c)
{
    c->id = sqlite3_column_int64(s, 0);
    c->tracker_id = sqlite3_column_int64(s, 1);
    c->number = sqlite3_column_int64(s, 2);
    c->metric_id = sqlite3_column_int64(s, 3);
    c->source_id = sqlite3_column_int64(s, 4);
    c->qualifier = (enum qualifier)sq_enum(s, 5, &qualifier_names);
    c->low = sqlite3_column_int64(s, 6);
    c->high = sqlite3_column_type(s, 7) == SQLITE_NULL
                  ? -1
                  : sqlite3_column_int64(s, 7);
    c->words = sq_text(a, s, 8);
    c->as_of = sq_date(s, 9);
    c->url = sq_text(a, s, 10);
    c->quote = sq_text(a, s, 11);
    c->note = sq_text(a, s, 12);
    c->scope = sq_text(a, s, 13);
    c->status = (enum claim_status)sq_enum(s, 14, &claim_status_names);
    c->recorded_by = sq_text(a, s, 15);
    c->recorded_at = sq_time(s, 16);
    c->metric_key = sq_text(a, s, 17);
    c->source_slug = sq_text(a, s, 18);
    c->source_name = sq_text(a, s, 19);
    c->retraction = (struct retraction){
        .reason = sq_text(a, s, 20),
        .at = sq_time(s, 21),
        .corrected_by = sqlite3_column_int64(s, 22),
        .proposed_by = sq_text(a, s, 23),
        .approved_by = sq_text(a, s, 24),
    };
    c->corrects = sqlite3_column_int64(s, 25);
}

static void bind_high(sqlite3_stmt *s, int i, int64_t high)
{
    if (high < 0)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_int64(s, i, high);
}

int sq_append_claim_rev(struct sq_store *st, const struct claim *c,
                        int64_t rev_no, const char *author, int64_t at,
                        struct vg_err *err)
{
    char as_of[DATE_LEN + 1], when[TIMESTAMP_LEN + 1];
    struct col high = c->high < 0 ? col_text(NULL) : col_int(c->high);
    struct col cols[] = {
        col_int(0),
        col_int(c->id),
        col_int(rev_no),
        col_int(c->metric_id),
        col_int(c->source_id),
        col_text(enum_name(&qualifier_names, (int)c->qualifier)),
        col_int(c->low),
        high,
        col_text(c->words),
        col_date(c->as_of, as_of),
        col_text(c->url),
        col_text(c->quote),
        col_text(c->note),
        col_text(c->scope),
        col_text(enum_name(&claim_status_names, (int)c->status)),
        col_text(author),
        col_time(at, when),
        col_int(0),
        col_int(0),
    };
    int64_t seq;
    return sq_chain_append(st, SQL_CLAIM_REV_HEAD, SQL_CLAIM_REV_INSERT, cols,
                           sizeof cols / sizeof cols[0], &seq, err);
}

int sqlite_claim_next_number(struct store *base, int64_t tracker_id,
                             int64_t *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    return sq_scalar(st, SQL_CLAIM_NEXT, tracker_id, out, err);
}

int sqlite_claim_insert(struct store *base, struct claim *c, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_CLAIM_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, c->tracker_id);
    sqlite3_bind_int64(s, 2, c->number);
    sqlite3_bind_int64(s, 3, c->metric_id);
    sqlite3_bind_int64(s, 4, c->source_id);
    sq_bind_text(s, 5, enum_name(&qualifier_names, (int)c->qualifier));
    sqlite3_bind_int64(s, 6, c->low);
    bind_high(s, 7, c->high);
    sq_bind_text(s, 8, c->words);
    sq_bind_date(s, 9, c->as_of);
    sq_bind_text(s, 10, c->url);
    sq_bind_text(s, 11, c->quote);
    sq_bind_text(s, 12, c->note);
    sq_bind_text(s, 13, c->scope);
    sq_bind_text(s, 14, enum_name(&claim_status_names, (int)c->status));
    sq_bind_text(s, 15, c->recorded_by);
    sq_bind_time(s, 16, c->recorded_at);
    int rc = sq_exec(st, s, err);
    if (rc != 0)
        return rc;
    c->id = sqlite3_last_insert_rowid(st->db);
    rc = sq_append_claim_rev(st, c, 1, c->recorded_by, c->recorded_at, err);
    return rc ? rc : search_index_claim(base, c, err);
}

int sqlite_claim_list(struct store *base, struct arena *a, int64_t tracker_id,
                      int64_t metric_id, struct claim **out, size_t *n,
                      struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_CLAIM_LIST, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sqlite3_bind_int64(s, 2, metric_id);
    COLLECT(st, a, s, struct claim, read_claim, out, n, err);
}

int sqlite_claim_get(struct store *base, struct arena *a, int64_t tracker_id,
                     int64_t number, struct claim *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_CLAIM_GET, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sqlite3_bind_int64(s, 2, number);
    READ_ONE(st, a, s, read_claim, out, err);
}

/* ==== Claim proposals ==== */

static const char SQL_PROPOSAL_INSERT[] =
    "INSERT INTO claim_proposals (tracker_id, metric_id, source_id, "
    "qualifier, low, high, words, as_of, url, quote, note, scope, "
    "proposed_by, proposed_at, state, kind, target, reason) VALUES (?1, ?2, "
    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'pending', ?15, "
    "?16, ?17)";
#define PROPOSAL_SELECT                                                   \
    "SELECT p.id, p.tracker_id, p.metric_id, p.source_id, p.qualifier, "  \
    "p.low, p.high, p.words, p.as_of, p.url, p.quote, p.note, p.scope, "  \
    "p.proposed_by, p.proposed_at, p.state, p.decided_by, p.decided_at, " \
    "p.claim_number, m.key, s.slug, s.name, p.kind, p.target, p.reason "  \
    "FROM claim_proposals p "                                             \
    "JOIN metrics m ON m.id = p.metric_id JOIN sources s ON s.id = "      \
    "p.source_id "
static const char SQL_PROPOSAL_GET[] =
    PROPOSAL_SELECT "WHERE p.tracker_id = ?1 AND p.id = ?2";
static const char SQL_PROPOSAL_LIST[] =
    PROPOSAL_SELECT "WHERE p.tracker_id = ?1 AND (?2 = 0 OR "
                    "p.state = 'pending') ORDER BY p.id DESC";
static const char SQL_PROPOSAL_DECIDE[] =
    "UPDATE claim_proposals SET state = ?2, decided_by = ?3, decided_at = ?4, "
    "claim_number = ?5 WHERE id = ?1";

static void read_proposal(struct arena *a, sqlite3_stmt *s, struct proposal *p)
{
    struct claim *c = &p->claim;
    *c = (struct claim){0};
    p->id = sqlite3_column_int64(s, 0);
    c->tracker_id = sqlite3_column_int64(s, 1);
    c->metric_id = sqlite3_column_int64(s, 2);
    c->source_id = sqlite3_column_int64(s, 3);
    c->qualifier = (enum qualifier)sq_enum(s, 4, &qualifier_names);
    c->low = sqlite3_column_int64(s, 5);
    c->high = sqlite3_column_type(s, 6) == SQLITE_NULL
                  ? -1
                  : sqlite3_column_int64(s, 6);
    c->words = sq_text(a, s, 7);
    c->as_of = sq_date(s, 8);
    c->url = sq_text(a, s, 9);
    c->quote = sq_text(a, s, 10);
    c->note = sq_text(a, s, 11);
    c->scope = sq_text(a, s, 12);
    c->recorded_by = sq_text(a, s, 13);
    c->recorded_at = sq_time(s, 14);
    p->state = (enum proposal_state)sq_enum(s, 15, &proposal_state_names);
    p->decided_by = sq_text(a, s, 16);
    p->decided_at = sq_time(s, 17);
    p->claim_number = sqlite3_column_int64(s, 18);
    c->number = p->claim_number;
    c->metric_key = sq_text(a, s, 19);
    c->source_slug = sq_text(a, s, 20);
    c->source_name = sq_text(a, s, 21);
    p->kind = (enum proposal_kind)sq_enum(s, 22, &proposal_kind_names);
    p->target = sqlite3_column_int64(s, 23);
    p->reason = sq_text(a, s, 24);
}

int sqlite_proposal_insert(struct store *base, struct proposal *p,
                           struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    const struct claim *c = &p->claim;
    sqlite3_stmt *s = sq_prepare(st, SQL_PROPOSAL_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, c->tracker_id);
    sqlite3_bind_int64(s, 2, c->metric_id);
    sqlite3_bind_int64(s, 3, c->source_id);
    sq_bind_text(s, 4, enum_name(&qualifier_names, (int)c->qualifier));
    sqlite3_bind_int64(s, 5, c->low);
    bind_high(s, 6, c->high);
    sq_bind_text(s, 7, c->words);
    sq_bind_date(s, 8, c->as_of);
    sq_bind_text(s, 9, c->url);
    sq_bind_text(s, 10, c->quote);
    sq_bind_text(s, 11, c->note);
    sq_bind_text(s, 12, c->scope);
    sq_bind_text(s, 13, c->recorded_by);
    sq_bind_time(s, 14, c->recorded_at);
    sq_bind_text(s, 15, enum_name(&proposal_kind_names, (int)p->kind));
    if (p->target > 0)
        sqlite3_bind_int64(s, 16, p->target);
    sq_bind_text(s, 17, p->reason);
    int rc = sq_exec(st, s, err);
    if (rc == 0) {
        p->id = sqlite3_last_insert_rowid(st->db);
        p->state = PROPOSAL_PENDING;
    }
    return rc;
}

int sqlite_proposal_get(struct store *base, struct arena *a, int64_t tracker_id,
                        int64_t id, struct proposal *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_PROPOSAL_GET, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sqlite3_bind_int64(s, 2, id);
    READ_ONE(st, a, s, read_proposal, out, err);
}

int sqlite_proposal_decide(struct store *base, const struct proposal *p,
                           struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_PROPOSAL_DECIDE, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, p->id);
    sq_bind_text(s, 2, enum_name(&proposal_state_names, (int)p->state));
    sq_bind_text(s, 3, p->decided_by);
    sq_bind_time(s, 4, p->decided_at);
    if (p->claim_number)
        sqlite3_bind_int64(s, 5, p->claim_number);
    return sq_exec(st, s, err);
}

int sqlite_proposal_list(struct store *base, struct arena *a,
                         int64_t tracker_id, bool pending_only,
                         struct proposal **out, size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_PROPOSAL_LIST, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, tracker_id);
    sqlite3_bind_int(s, 2, pending_only);
    COLLECT(st, a, s, struct proposal, read_proposal, out, n, err);
}

/* ==== Audit log ==== */

static const char SQL_AUDIT_HEAD[] =
    "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
static const char SQL_AUDIT_INSERT[] =
    "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_AUDIT_LIST[] =
    "SELECT * FROM (SELECT seq, at, actor, action, entity, before, after "
    "FROM audit_log ORDER BY seq DESC LIMIT ?1) ORDER BY seq";

static void read_audit(struct arena *a, sqlite3_stmt *s, struct audit_entry *e)
{
    e->seq = sqlite3_column_int64(s, 0);
    e->at = sq_time(s, 1);
    e->actor = sq_text(a, s, 2);
    e->action = sq_text(a, s, 3);
    e->entity = sq_text(a, s, 4);
    e->before = sq_text(a, s, 5);
    e->after = sq_text(a, s, 6);
}

int sqlite_audit_append(struct store *base, struct audit_entry *e,
                        struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    char at[TIMESTAMP_LEN + 1];
    struct col cols[] = {
        col_int(0),          col_time(e->at, at), col_text(e->actor),
        col_text(e->action), col_text(e->entity), col_text(e->before),
        col_text(e->after),  col_int(0),          col_int(0),
    };
    return sq_chain_append(st, SQL_AUDIT_HEAD, SQL_AUDIT_INSERT, cols,
                           sizeof cols / sizeof cols[0], &e->seq, err);
}

int sqlite_audit_list(struct store *base, struct arena *a, size_t limit,
                      struct audit_entry **out, size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_AUDIT_LIST, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, limit ? (int64_t)limit : -1);
    COLLECT(st, a, s, struct audit_entry, read_audit, out, n, err);
}

/* ==== The change log ==== */

static const char SQL_CHANGE_INSERT[] =
    "INSERT INTO changes (tracker_id, kind, number, at) "
    "VALUES (?1, ?2, ?3, ?4)";
static const char SQL_CHANGE_LIST[] =
    "SELECT seq, tracker_id, kind, number, at FROM changes WHERE seq > ?1 "
    "ORDER BY seq LIMIT ?2";
static const char SQL_CHANGE_LAST[] =
    "SELECT coalesce(max(seq), 0) FROM changes";

static void read_change(struct arena *a, sqlite3_stmt *s, struct change *c)
{
    (void)a;
    c->seq = sqlite3_column_int64(s, 0);
    c->tracker_id = sqlite3_column_int64(s, 1);
    c->kind = (enum change_kind)sq_enum(s, 2, &change_kind_names);
    c->number = sqlite3_column_int64(s, 3);
    c->at = sq_time(s, 4);
}

int sqlite_change_append(struct store *base, struct change *c,
                         struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_CHANGE_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, c->tracker_id);
    sq_bind_text(s, 2, enum_name(&change_kind_names, (int)c->kind));
    sqlite3_bind_int64(s, 3, c->number);
    sq_bind_time(s, 4, c->at);
    int rc = sq_exec(st, s, err);
    if (rc == 0)
        c->seq = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int sqlite_change_list(struct store *base, struct arena *a, int64_t after,
                       size_t limit, struct change **out, size_t *n,
                       struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_CHANGE_LIST, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, after);
    sqlite3_bind_int64(s, 2, limit ? (int64_t)limit : -1);
    COLLECT(st, a, s, struct change, read_change, out, n, err);
}

int sqlite_change_last(struct store *base, int64_t *out, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    return sq_scalar(st, SQL_CHANGE_LAST, 0, out, err);
}
