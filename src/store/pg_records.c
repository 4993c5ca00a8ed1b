/*
 * pg_records.c: the PostgreSQL store's queries, one section per record:
 * the twin of sqlite_records.c, giving the same rows in the same order.
 *
 * Column lists are spelled out so that each read_*() matches its SELECT by
 * position; enumerations are stored by name (model/enums.c). Ids are the
 * largest plus one, assigned in the INSERT as SQLite assigns them (the
 * write lock makes that safe, pg_int.h). Text is ordered byte by byte
 * (COLLATE "C"), as SQLite's BINARY collation orders it, whatever the
 * database's own collation. LIMIT NULL is PostgreSQL's "no limit", as
 * -1 is SQLite's.
 */
#include <stdlib.h>

#include "model/enums.h"
#include "store/pg_int.h"
#include "store/search.h"

/* Binds a limit: 0 (none) as NULL, PostgreSQL's LIMIT ALL. */
static void bind_limit(struct pg_params *p, int i, size_t limit)
{
    if (limit)
        pg_bind_int(p, i, (int64_t)limit);
    else
        pg_bind_null(p, i);
}

/* ==== Trackers ==== */

#define TRACKER_COLS                                                     \
    "id, slug, title, summary, started_on, ended_on, timezone, status, " \
    "country, languages, created_at, archived_at, unlisted, bylines, "   \
    "frame_origins, gregorian_beside"

static const char SQL_TRACKER_INSERT[] =
    "INSERT INTO trackers (id, slug, title, summary, started_on, ended_on, "
    "timezone, status, country, languages, created_at, archived_at, "
    "unlisted, bylines, frame_origins, gregorian_beside) "
    "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM trackers), $1, $2, $3, "
    "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id";
static const char SQL_TRACKER_SAVE[] =
    "UPDATE trackers SET slug = $1, title = $2, summary = $3, "
    "started_on = $4, ended_on = $5, timezone = $6, status = $7, "
    "country = $8, languages = $9, created_at = $10, archived_at = $11, "
    "unlisted = $12, bylines = $13, frame_origins = $14, "
    "gregorian_beside = $15 WHERE id = $16";
static const char SQL_TRACKER_GET[] =
    "SELECT " TRACKER_COLS " FROM trackers WHERE slug = $1";
static const char SQL_TRACKER_BY_ID[] =
    "SELECT " TRACKER_COLS " FROM trackers WHERE id = $1";
static const char SQL_TRACKER_LIST[] =
    "SELECT " TRACKER_COLS " FROM trackers ORDER BY slug COLLATE \"C\"";

static void bind_tracker(struct pg_params *p, const struct tracker *t)
{
    pg_bind_text(p, 1, t->slug);
    pg_bind_text(p, 2, t->title);
    pg_bind_text(p, 3, t->summary ? t->summary : "");
    pg_bind_date(p, 4, t->started_on);
    pg_bind_date(p, 5, t->ended_on);
    pg_bind_text(p, 6, t->timezone);
    pg_bind_text(p, 7, enum_name(&tracker_status_names, (int)t->status));
    pg_bind_text(p, 8, t->country);
    pg_bind_text(p, 9, t->languages);
    pg_bind_time(p, 10, t->created_at);
    pg_bind_time(p, 11, t->archived_at);
    pg_bind_int(p, 12, t->unlisted);
    pg_bind_int(p, 13, t->bylines);
    pg_bind_text(p, 14, t->frame_origins ? t->frame_origins : "");
    pg_bind_int(p, 15, t->gregorian_beside);
}

static void read_tracker(struct arena *a, const PGresult *res, int r,
                         struct tracker *t)
{
    t->id = pg_int(res, r, 0);
    t->slug = pg_text(a, res, r, 1);
    t->title = pg_text(a, res, r, 2);
    t->summary = pg_text(a, res, r, 3);
    t->started_on = pg_date(res, r, 4);
    t->ended_on = pg_date(res, r, 5);
    t->timezone = pg_text(a, res, r, 6);
    t->status = (enum tracker_status)pg_enum(res, r, 7, &tracker_status_names);
    t->country = pg_text(a, res, r, 8);
    t->languages = pg_text(a, res, r, 9);
    t->created_at = pg_time(res, r, 10);
    t->archived_at = pg_time(res, r, 11);
    t->unlisted = pg_int(res, r, 12) != 0;
    t->bylines = pg_int(res, r, 13) != 0;
    t->frame_origins = pg_text(a, res, r, 14);
    t->gregorian_beside = pg_int(res, r, 15) != 0;
}

int pg_tracker_insert(struct store *base, struct tracker *t, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_tracker(&p, t);
    return pg_insert_id(st, SQL_TRACKER_INSERT, &p, &t->id, err);
}

int pg_tracker_save(struct store *base, const struct tracker *t,
                    struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_tracker(&p, t);
    pg_bind_int(&p, 16, t->id);
    return pg_exec(st, SQL_TRACKER_SAVE, &p, err);
}

int pg_tracker_get(struct store *base, struct arena *a, const char *slug,
                   struct tracker *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    if (!pg_is_utf8(slug))
        return VG_ENOTFOUND;
    pg_bind_text(&p, 1, slug);
    PG_READ_ONE(st, a, SQL_TRACKER_GET, &p, read_tracker, out, err);
}

int pg_tracker_by_id(struct store *base, struct arena *a, int64_t id,
                     struct tracker *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, id);
    PG_READ_ONE(st, a, SQL_TRACKER_BY_ID, &p, read_tracker, out, err);
}

int pg_tracker_list(struct store *base, struct arena *a, struct tracker **out,
                    size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    PG_COLLECT(st, a, SQL_TRACKER_LIST, &p, struct tracker, read_tracker, out,
               n, err);
}

/* ==== Sources ==== */

#define SOURCE_COLS                                          \
    "s.id, s.slug, s.name, s.kind, s.url, s.note, s.grade, " \
    "s.created_at"

static const char SQL_SOURCE_INSERT[] =
    "INSERT INTO sources (id, slug, name, kind, url, note, grade, "
    "created_at) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM sources), "
    "$1, $2, $3, $4, $5, $6, $7) RETURNING id";
static const char SQL_SOURCE_GET[] =
    "SELECT " SOURCE_COLS " FROM sources s WHERE s.slug = $1";
static const char SQL_SOURCE_LIST[] =
    "SELECT " SOURCE_COLS " FROM sources s ORDER BY s.slug COLLATE \"C\"";
static const char SQL_SOURCE_LIST_LINKED[] =
    "SELECT " SOURCE_COLS " FROM sources s JOIN tracker_sources l "
    "ON l.source_id = s.id WHERE l.tracker_id = $1 "
    "ORDER BY s.slug COLLATE \"C\"";
static const char SQL_SOURCE_LINK[] =
    "INSERT INTO tracker_sources (tracker_id, source_id, linked_at) "
    "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
static const char SQL_SOURCE_LINK_CITED[] =
    "INSERT INTO tracker_sources (tracker_id, source_id, linked_at) "
    "SELECT DISTINCT $1::bigint, source_id, $3 FROM (SELECT source_id "
    "FROM claims WHERE tracker_id = $1 UNION SELECT source_id FROM "
    "claim_proposals WHERE tracker_id = $1 UNION SELECT source_id FROM "
    "events WHERE tracker_id = $1 AND source_id IS NOT NULL UNION "
    "SELECT x.source_id FROM event_edits x JOIN events e ON e.id = "
    "x.event_id WHERE e.tracker_id = $1 AND x.source_id IS NOT NULL) c "
    "WHERE $2::bigint = 0 ON CONFLICT DO NOTHING";
static const char SQL_ALIAS_INSERT[] =
    "INSERT INTO source_aliases (id, source_id, alias, created_at) "
    "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM source_aliases), "
    "$1, $2, $3) RETURNING id";
#define ALIAS_COLS "a.id, a.source_id, a.alias, a.created_at, s.slug"
static const char SQL_ALIAS_LIST[] =
    "SELECT " ALIAS_COLS " FROM source_aliases a JOIN sources s "
    "ON s.id = a.source_id ORDER BY s.slug COLLATE \"C\", "
    "a.alias COLLATE \"C\"";
static const char SQL_ALIAS_LIST_LINKED[] =
    "SELECT " ALIAS_COLS " FROM source_aliases a JOIN sources s "
    "ON s.id = a.source_id JOIN tracker_sources l ON l.source_id = s.id "
    "WHERE l.tracker_id = $1 ORDER BY s.slug COLLATE \"C\", "
    "a.alias COLLATE \"C\"";

static void read_source(struct arena *a, const PGresult *res, int r,
                        struct source *o)
{
    o->id = pg_int(res, r, 0);
    o->slug = pg_text(a, res, r, 1);
    o->name = pg_text(a, res, r, 2);
    o->kind = (enum source_kind)pg_enum(res, r, 3, &source_kind_names);
    o->url = pg_text(a, res, r, 4);
    o->note = pg_text(a, res, r, 5);
    o->grade = pg_text(a, res, r, 6);
    o->created_at = pg_time(res, r, 7);
}

int pg_source_insert(struct store *base, struct source *src, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_text(&p, 1, src->slug);
    pg_bind_text(&p, 2, src->name);
    pg_bind_text(&p, 3, enum_name(&source_kind_names, (int)src->kind));
    pg_bind_text(&p, 4, src->url);
    pg_bind_text(&p, 5, src->note);
    pg_bind_text(&p, 6, src->grade);
    pg_bind_time(&p, 7, src->created_at);
    return pg_insert_id(st, SQL_SOURCE_INSERT, &p, &src->id, err);
}

int pg_source_get(struct store *base, struct arena *a, const char *slug,
                  struct source *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    if (!pg_is_utf8(slug))
        return VG_ENOTFOUND;
    pg_bind_text(&p, 1, slug);
    PG_READ_ONE(st, a, SQL_SOURCE_GET, &p, read_source, out, err);
}

int pg_source_list(struct store *base, struct arena *a, int64_t tracker_id,
                   struct source **out, size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    if (tracker_id > 0)
        pg_bind_int(&p, 1, tracker_id);
    PG_COLLECT(st, a, tracker_id > 0 ? SQL_SOURCE_LIST_LINKED : SQL_SOURCE_LIST,
               &p, struct source, read_source, out, n, err);
}

int pg_source_link(struct store *base, int64_t tracker_id, int64_t source_id,
                   int64_t at, int64_t *added, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_int(&p, 2, source_id);
    pg_bind_time(&p, 3, at);
    PGresult *res = pg_query(
        st, source_id > 0 ? SQL_SOURCE_LINK : SQL_SOURCE_LINK_CITED, &p, err);
    if (res == NULL)
        return err && err->code ? err->code : VG_EIO;
    if (added)
        *added = strtoll(PQcmdTuples(res), NULL, 10);
    PQclear(res);
    return 0;
}

int pg_source_alias_insert(struct store *base, struct source_alias *a,
                           struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, a->source_id);
    pg_bind_text(&p, 2, a->alias);
    pg_bind_time(&p, 3, a->created_at);
    return pg_insert_id(st, SQL_ALIAS_INSERT, &p, &a->id, err);
}

static void read_alias(struct arena *a, const PGresult *res, int r,
                       struct source_alias *o)
{
    o->id = pg_int(res, r, 0);
    o->source_id = pg_int(res, r, 1);
    o->alias = pg_text(a, res, r, 2);
    o->created_at = pg_time(res, r, 3);
    o->source_slug = pg_text(a, res, r, 4);
}

int pg_source_alias_list(struct store *base, struct arena *a,
                         int64_t tracker_id, struct source_alias **out,
                         size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    if (tracker_id > 0)
        pg_bind_int(&p, 1, tracker_id);
    PG_COLLECT(st, a, tracker_id > 0 ? SQL_ALIAS_LIST_LINKED : SQL_ALIAS_LIST,
               &p, struct source_alias, read_alias, out, n, err);
}

/* ==== Metrics ==== */

#define METRIC_COLS "id, tracker_id, key, label, position"

static const char SQL_METRIC_INSERT[] =
    "INSERT INTO metrics (id, tracker_id, key, label, position) "
    "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM metrics), $1, $2, $3, "
    "$4) RETURNING id";
static const char SQL_METRIC_GET[] =
    "SELECT " METRIC_COLS " FROM metrics WHERE tracker_id = $1 AND key = $2";
static const char SQL_METRIC_LIST[] =
    "SELECT " METRIC_COLS " FROM metrics WHERE tracker_id = $1 "
    "ORDER BY position, key COLLATE \"C\"";

static void read_metric(struct arena *a, const PGresult *res, int r,
                        struct metric *m)
{
    m->id = pg_int(res, r, 0);
    m->tracker_id = pg_int(res, r, 1);
    m->key = pg_text(a, res, r, 2);
    m->label = pg_text(a, res, r, 3);
    m->position = pg_int(res, r, 4);
}

int pg_metric_insert(struct store *base, struct metric *m, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, m->tracker_id);
    pg_bind_text(&p, 2, m->key);
    pg_bind_text(&p, 3, m->label);
    pg_bind_int(&p, 4, m->position);
    return pg_insert_id(st, SQL_METRIC_INSERT, &p, &m->id, err);
}

int pg_metric_get(struct store *base, struct arena *a, int64_t tracker_id,
                  const char *key, struct metric *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    if (!pg_is_utf8(key))
        return VG_ENOTFOUND;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_text(&p, 2, key);
    PG_READ_ONE(st, a, SQL_METRIC_GET, &p, read_metric, out, err);
}

int pg_metric_list(struct store *base, struct arena *a, int64_t tracker_id,
                   struct metric **out, size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    PG_COLLECT(st, a, SQL_METRIC_LIST, &p, struct metric, read_metric, out, n,
               err);
}

/* ==== Updates ==== */

#define UPDATE_FIELDS                                                    \
    "kind, status, pinned, key_event, lang, title, body_md, body_html, " \
    "author, reason, created_at, revised_at, published_at, edited_at"
#define UPDATE_COLS \
    "id, tracker_id, number, rev_no, " UPDATE_FIELDS ", " UPDATE_LINKS

static const char SQL_UPDATE_NEXT[] =
    "SELECT coalesce(max(number), 0) + 1 FROM updates WHERE tracker_id = $1";
/* Both return the head's id, which the revision names; no row back from
 * the UPDATE means another writer moved the head first. */
static const char SQL_UPDATE_HEAD_INSERT[] =
    "INSERT INTO updates (id, tracker_id, number, rev_no, " UPDATE_FIELDS ") "
    "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM updates), $1, $2, $3, $4, "
    "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
    "RETURNING id";
static const char SQL_UPDATE_HEAD_SAVE[] =
    "UPDATE updates SET rev_no = $3::bigint, kind = $4, status = $5, "
    "pinned = $6, key_event = $7, lang = $8, title = $9, body_md = $10, "
    "body_html = $11, author = $12, reason = $13, created_at = $14, "
    "revised_at = $15, published_at = $16, edited_at = $17 "
    "WHERE tracker_id = $1 AND number = $2 AND rev_no = $3::bigint - 1 "
    "RETURNING id";
static const char SQL_UPDATE_REV_HEAD[] =
    "SELECT seq, hash FROM update_rev ORDER BY seq DESC LIMIT 1";
static const char SQL_UPDATE_REV_INSERT[] =
    "INSERT INTO update_rev VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11, $12, $13, $14, $15, $16, $17, $18)";
static const char SQL_UPDATE_GET[] =
    "SELECT " UPDATE_COLS " FROM updates WHERE tracker_id = $1 "
    "AND number = $2";
/* Public lists walk the (tracker_id, published_at, number) index
 * backwards and stop at the limit, so a page costs the same however long
 * the history (benchmark P4); only editors' lists of every update sort.
 * Timestamps have one fixed format, so any collation orders them as
 * their bytes. */
static const char SQL_UPDATE_LIST_PUBLIC[] =
    "SELECT " UPDATE_COLS " FROM updates WHERE tracker_id = $1 "
    "AND published_at IS NOT NULL "
    "AND status IN ('published', 'retracted') "
    "AND (($2::bigint & 2) = 0 OR key_event = 1) "
    "ORDER BY published_at DESC, number DESC LIMIT $3";
static const char SQL_UPDATE_LIST_ALL[] =
    "SELECT " UPDATE_COLS " FROM updates WHERE tracker_id = $1 "
    "ORDER BY coalesce(published_at, created_at) DESC, number DESC "
    "LIMIT $2";
static const char SQL_UPDATE_BETWEEN[] =
    "SELECT " UPDATE_COLS " FROM updates WHERE tracker_id = $1 "
    "AND status IN ('published', 'retracted') "
    "AND published_at >= $2 AND published_at < $3 "
    "ORDER BY published_at DESC, number DESC";
static const char SQL_UPDATE_DUE[] =
    "SELECT " UPDATE_COLS " FROM updates WHERE status = 'scheduled' "
    "AND published_at <= $1 ORDER BY published_at, id LIMIT $2";
static const char SQL_UPDATE_PINNED[] =
    "SELECT " UPDATE_COLS " FROM updates WHERE tracker_id = $1 "
    "AND pinned = 1 ORDER BY number DESC LIMIT 1";
static const char SQL_UPDATE_REVISIONS[] =
    "SELECT u.id, u.tracker_id, u.number, r.rev_no, r.kind, r.status, "
    "r.pinned, r.key_event, r.lang, r.title, r.body_md, r.body_html, "
    "r.author, r.reason, r.created_at, r.revised_at, r.published_at, NULL, "
    "0, 0 "
    "FROM update_rev r JOIN updates u ON u.id = r.update_id "
    "WHERE r.update_id = $1 ORDER BY r.rev_no";

static void read_update(struct arena *a, const PGresult *res, int r,
                        struct update *u)
{
    u->id = pg_int(res, r, 0);
    u->tracker_id = pg_int(res, r, 1);
    u->number = pg_int(res, r, 2);
    u->rev_no = pg_int(res, r, 3);
    u->kind = (enum update_kind)pg_enum(res, r, 4, &update_kind_names);
    u->status = (enum update_status)pg_enum(res, r, 5, &update_status_names);
    u->pinned = pg_int(res, r, 6) != 0;
    u->key_event = pg_int(res, r, 7) != 0;
    u->lang = pg_text(a, res, r, 8);
    u->title = pg_text(a, res, r, 9);
    u->body_md = pg_text(a, res, r, 10);
    u->body_html = pg_text(a, res, r, 11);
    u->author = pg_text(a, res, r, 12);
    u->reason = pg_text(a, res, r, 13);
    u->created_at = pg_time(res, r, 14);
    u->revised_at = pg_time(res, r, 15);
    u->published_at = pg_time(res, r, 16);
    u->edited_at = pg_time(res, r, 17);
    u->corrects = pg_int(res, r, 18);
    u->corrected_by = pg_int(res, r, 19);
    u->byline = NULL; /* core/bylines.c fills it where it is shown */
    u->embed = NULL;  /* and core/embeds.c this */
}

/* Writes the head row of revision u->rev_no (inserted for the first, else
 * moved on from the one before) and sets u->id. */
static int save_update_head(struct pg_store *st, struct update *u,
                            struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, u->tracker_id);
    pg_bind_int(&p, 2, u->number);
    pg_bind_int(&p, 3, u->rev_no);
    pg_bind_text(&p, 4, enum_name(&update_kind_names, (int)u->kind));
    pg_bind_text(&p, 5, enum_name(&update_status_names, (int)u->status));
    pg_bind_int(&p, 6, u->pinned);
    pg_bind_int(&p, 7, u->key_event);
    pg_bind_text(&p, 8, u->lang);
    pg_bind_text(&p, 9, u->title);
    pg_bind_text(&p, 10, u->body_md);
    pg_bind_text(&p, 11, u->body_html);
    pg_bind_text(&p, 12, u->author);
    pg_bind_text(&p, 13, u->reason);
    pg_bind_time(&p, 14, u->created_at);
    pg_bind_time(&p, 15, u->revised_at);
    pg_bind_time(&p, 16, u->published_at);
    pg_bind_time(&p, 17, u->edited_at);
    PGresult *res = pg_query(
        st, u->rev_no == 1 ? SQL_UPDATE_HEAD_INSERT : SQL_UPDATE_HEAD_SAVE, &p,
        err);
    if (res == NULL)
        return err && err->code ? err->code : VG_EIO;
    int rc = 0;
    if (PQntuples(res) == 1)
        u->id = pg_int(res, 0, 0);
    else
        rc = vg_err_set(err, VG_ECONFLICT, "update",
                        "update %lld changed meanwhile (revision %lld is "
                        "not its next)",
                        (long long)u->number, (long long)u->rev_no);
    PQclear(res);
    return rc;
}

static int append_update_rev(struct pg_store *st, const struct update *u,
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
    return pg_chain_append(st, SQL_UPDATE_REV_HEAD, SQL_UPDATE_REV_INSERT, cols,
                           sizeof cols / sizeof cols[0], NULL, 0, &seq, err);
}

int pg_update_next_number(struct store *base, int64_t tracker_id, int64_t *out,
                          struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    return pg_scalar(st, SQL_UPDATE_NEXT, tracker_id, out, err);
}

int pg_update_save(struct store *base, struct update *u, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    int rc = save_update_head(st, u, err);
    if (rc == 0)
        rc = append_update_rev(st, u, err);
    if (rc == 0)
        rc = search_index_update(base, u, err);
    return rc;
}

int pg_update_get(struct store *base, struct arena *a, int64_t tracker_id,
                  int64_t number, struct update *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_int(&p, 2, number);
    PG_READ_ONE(st, a, SQL_UPDATE_GET, &p, read_update, out, err);
}

int pg_update_list(struct store *base, struct arena *a, int64_t tracker_id,
                   enum update_filter which, size_t limit, struct update **out,
                   size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    /* Every parameter must appear in its statement (PostgreSQL infers
     * its type there): the filter only where it filters. */
    bool public = which & UPDATES_PUBLIC;
    if (public)
        pg_bind_int(&p, 2, (int64_t)which);
    bind_limit(&p, public ? 3 : 2, limit);
    PG_COLLECT(st, a, public ? SQL_UPDATE_LIST_PUBLIC : SQL_UPDATE_LIST_ALL, &p,
               struct update, read_update, out, n, err);
}

int pg_update_between(struct store *base, struct arena *a, int64_t tracker_id,
                      int64_t from, int64_t to, struct update **out, size_t *n,
                      struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_time(&p, 2, from);
    pg_bind_time(&p, 3, to);
    PG_COLLECT(st, a, SQL_UPDATE_BETWEEN, &p, struct update, read_update, out,
               n, err);
}

int pg_update_due(struct store *base, struct arena *a, int64_t now,
                  size_t limit, struct update **out, size_t *n,
                  struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_time(&p, 1, now);
    pg_bind_int(&p, 2, (int64_t)limit); /* 0 is none, as in SQLite */
    PG_COLLECT(st, a, SQL_UPDATE_DUE, &p, struct update, read_update, out, n,
               err);
}

int pg_update_pinned(struct store *base, struct arena *a, int64_t tracker_id,
                     struct update *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    PG_READ_ONE(st, a, SQL_UPDATE_PINNED, &p, read_update, out, err);
}

int pg_update_revisions(struct store *base, struct arena *a, int64_t update_id,
                        struct update **out, size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, update_id);
    PG_COLLECT(st, a, SQL_UPDATE_REVISIONS, &p, struct update, read_update, out,
               n, err);
}

/* ==== Claims ==== */

static const char SQL_CLAIM_NEXT[] =
    "SELECT coalesce(max(number), 0) + 1 FROM claims WHERE tracker_id = $1";
static const char SQL_CLAIM_INSERT[] =
    "INSERT INTO claims (id, tracker_id, number, metric_id, source_id, "
    "qualifier, low, high, words, as_of, url, quote, note, scope, status, "
    "recorded_by, recorded_at) VALUES ((SELECT coalesce(max(id), 0) + 1 "
    "FROM claims), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
    "$14, $15, $16) RETURNING id";
static const char SQL_CLAIM_REV_HEAD[] =
    "SELECT seq, hash FROM claim_rev ORDER BY seq DESC LIMIT 1";
static const char SQL_CLAIM_REV_INSERT[] =
    "INSERT INTO claim_rev VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11, $12, $13, $14, $15, $16, $17, $18, $19)";
#define CLAIM_SELECT                                                         \
    "SELECT c.id, c.tracker_id, c.number, c.metric_id, c.source_id, "        \
    "c.qualifier, c.low, c.high, c.words, c.as_of, c.url, c.quote, c.note, " \
    "c.scope, c.status, c.recorded_by, c.recorded_at, m.key, s.slug, "       \
    "s.name, " CLAIM_RETRACTION_COLS                                         \
    " FROM claims c JOIN metrics m ON m.id = c.metric_id "                   \
    "JOIN sources s ON s.id = c.source_id " CLAIM_RETRACTION_JOIN
static const char SQL_CLAIM_LIST[] =
    CLAIM_SELECT "WHERE c.tracker_id = $1 AND ($2::bigint = 0 OR "
                 "c.metric_id = $2) "
                 "ORDER BY m.position, m.key COLLATE \"C\", c.as_of, c.number";
static const char SQL_CLAIM_GET[] =
    CLAIM_SELECT "WHERE c.tracker_id = $1 AND c.number = $2";

static void read_claim(struct arena *a, const PGresult *res, int r,
                       struct claim *c)
{
    c->id = pg_int(res, r, 0);
    c->tracker_id = pg_int(res, r, 1);
    c->number = pg_int(res, r, 2);
    c->metric_id = pg_int(res, r, 3);
    c->source_id = pg_int(res, r, 4);
    c->qualifier = (enum qualifier)pg_enum(res, r, 5, &qualifier_names);
    c->low = pg_int(res, r, 6);
    c->high = pg_is_null(res, r, 7) ? -1 : pg_int(res, r, 7);
    c->words = pg_text(a, res, r, 8);
    c->as_of = pg_date(res, r, 9);
    c->url = pg_text(a, res, r, 10);
    c->quote = pg_text(a, res, r, 11);
    c->note = pg_text(a, res, r, 12);
    c->scope = pg_text(a, res, r, 13);
    c->status = (enum claim_status)pg_enum(res, r, 14, &claim_status_names);
    c->recorded_by = pg_text(a, res, r, 15);
    c->recorded_at = pg_time(res, r, 16);
    c->metric_key = pg_text(a, res, r, 17);
    c->source_slug = pg_text(a, res, r, 18);
    c->source_name = pg_text(a, res, r, 19);
    c->retraction = (struct retraction){
        .reason = pg_text(a, res, r, 20),
        .at = pg_time(res, r, 21),
        .corrected_by = pg_int(res, r, 22),
        .proposed_by = pg_text(a, res, r, 23),
        .approved_by = pg_text(a, res, r, 24),
    };
    c->corrects = pg_int(res, r, 25);
}

/* A claim's high end: negative for none (NULL). */
static void bind_high(struct pg_params *p, int i, int64_t high)
{
    if (high < 0)
        pg_bind_null(p, i);
    else
        pg_bind_int(p, i, high);
}

/* A claim's or a proposal's figure, source and wording, $first on:
 * metric, source, qualifier, low, high, words, as_of, url, quote, note,
 * scope. */
static void bind_figure(struct pg_params *p, int first, const struct claim *c)
{
    pg_bind_int(p, first, c->metric_id);
    pg_bind_int(p, first + 1, c->source_id);
    pg_bind_text(p, first + 2, enum_name(&qualifier_names, (int)c->qualifier));
    pg_bind_int(p, first + 3, c->low);
    bind_high(p, first + 4, c->high);
    pg_bind_text(p, first + 5, c->words);
    pg_bind_date(p, first + 6, c->as_of);
    pg_bind_text(p, first + 7, c->url);
    pg_bind_text(p, first + 8, c->quote);
    pg_bind_text(p, first + 9, c->note);
    pg_bind_text(p, first + 10, c->scope);
}

int pg_append_claim_rev(struct pg_store *st, const struct claim *c,
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
    return pg_chain_append(st, SQL_CLAIM_REV_HEAD, SQL_CLAIM_REV_INSERT, cols,
                           sizeof cols / sizeof cols[0], NULL, 0, &seq, err);
}

int pg_claim_next_number(struct store *base, int64_t tracker_id, int64_t *out,
                         struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    return pg_scalar(st, SQL_CLAIM_NEXT, tracker_id, out, err);
}

int pg_claim_insert(struct store *base, struct claim *c, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, c->tracker_id);
    pg_bind_int(&p, 2, c->number);
    bind_figure(&p, 3, c);
    pg_bind_text(&p, 14, enum_name(&claim_status_names, (int)c->status));
    pg_bind_text(&p, 15, c->recorded_by);
    pg_bind_time(&p, 16, c->recorded_at);
    int rc = pg_insert_id(st, SQL_CLAIM_INSERT, &p, &c->id, err);
    if (rc == 0)
        rc = pg_append_claim_rev(st, c, 1, c->recorded_by, c->recorded_at, err);
    return rc ? rc : search_index_claim(base, c, err);
}

int pg_claim_list(struct store *base, struct arena *a, int64_t tracker_id,
                  int64_t metric_id, struct claim **out, size_t *n,
                  struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_int(&p, 2, metric_id);
    PG_COLLECT(st, a, SQL_CLAIM_LIST, &p, struct claim, read_claim, out, n,
               err);
}

int pg_claim_get(struct store *base, struct arena *a, int64_t tracker_id,
                 int64_t number, struct claim *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_int(&p, 2, number);
    PG_READ_ONE(st, a, SQL_CLAIM_GET, &p, read_claim, out, err);
}

/* ==== Claim proposals ==== */

static const char SQL_PROPOSAL_INSERT[] =
    "INSERT INTO claim_proposals (id, tracker_id, metric_id, source_id, "
    "qualifier, low, high, words, as_of, url, quote, note, scope, "
    "proposed_by, proposed_at, state, kind, target, reason) VALUES "
    "((SELECT coalesce(max(id), 0) + 1 FROM claim_proposals), $1, $2, $3, "
    "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'pending', $15, $16, "
    "$17) RETURNING id";
#define PROPOSAL_SELECT                                                   \
    "SELECT p.id, p.tracker_id, p.metric_id, p.source_id, p.qualifier, "  \
    "p.low, p.high, p.words, p.as_of, p.url, p.quote, p.note, p.scope, "  \
    "p.proposed_by, p.proposed_at, p.state, p.decided_by, p.decided_at, " \
    "p.claim_number, m.key, s.slug, s.name, p.kind, p.target, p.reason "  \
    "FROM claim_proposals p "                                             \
    "JOIN metrics m ON m.id = p.metric_id JOIN sources s ON s.id = "      \
    "p.source_id "
static const char SQL_PROPOSAL_GET[] =
    PROPOSAL_SELECT "WHERE p.tracker_id = $1 AND p.id = $2";
static const char SQL_PROPOSAL_LIST[] =
    PROPOSAL_SELECT "WHERE p.tracker_id = $1 AND ($2::bigint = 0 OR "
                    "p.state = 'pending') ORDER BY p.id DESC";
static const char SQL_PROPOSAL_DECIDE[] =
    "UPDATE claim_proposals SET state = $2, decided_by = $3, decided_at = $4, "
    "claim_number = $5 WHERE id = $1";

static void read_proposal(struct arena *a, const PGresult *res, int r,
                          struct proposal *p)
{
    struct claim *c = &p->claim;
    *c = (struct claim){0};
    p->id = pg_int(res, r, 0);
    c->tracker_id = pg_int(res, r, 1);
    c->metric_id = pg_int(res, r, 2);
    c->source_id = pg_int(res, r, 3);
    c->qualifier = (enum qualifier)pg_enum(res, r, 4, &qualifier_names);
    c->low = pg_int(res, r, 5);
    c->high = pg_is_null(res, r, 6) ? -1 : pg_int(res, r, 6);
    c->words = pg_text(a, res, r, 7);
    c->as_of = pg_date(res, r, 8);
    c->url = pg_text(a, res, r, 9);
    c->quote = pg_text(a, res, r, 10);
    c->note = pg_text(a, res, r, 11);
    c->scope = pg_text(a, res, r, 12);
    c->recorded_by = pg_text(a, res, r, 13);
    c->recorded_at = pg_time(res, r, 14);
    p->state = (enum proposal_state)pg_enum(res, r, 15, &proposal_state_names);
    p->decided_by = pg_text(a, res, r, 16);
    p->decided_at = pg_time(res, r, 17);
    p->claim_number = pg_int(res, r, 18);
    c->number = p->claim_number;
    c->metric_key = pg_text(a, res, r, 19);
    c->source_slug = pg_text(a, res, r, 20);
    c->source_name = pg_text(a, res, r, 21);
    p->kind = (enum proposal_kind)pg_enum(res, r, 22, &proposal_kind_names);
    p->target = pg_int(res, r, 23);
    p->reason = pg_text(a, res, r, 24);
}

int pg_proposal_insert(struct store *base, struct proposal *p,
                       struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    const struct claim *c = &p->claim;
    struct pg_params q = PG_PARAMS_INIT;
    pg_bind_int(&q, 1, c->tracker_id);
    bind_figure(&q, 2, c);
    pg_bind_text(&q, 13, c->recorded_by);
    pg_bind_time(&q, 14, c->recorded_at);
    pg_bind_text(&q, 15, enum_name(&proposal_kind_names, (int)p->kind));
    if (p->target > 0)
        pg_bind_int(&q, 16, p->target);
    else
        pg_bind_null(&q, 16);
    pg_bind_text(&q, 17, p->reason);
    int rc = pg_insert_id(st, SQL_PROPOSAL_INSERT, &q, &p->id, err);
    if (rc == 0)
        p->state = PROPOSAL_PENDING;
    return rc;
}

int pg_proposal_get(struct store *base, struct arena *a, int64_t tracker_id,
                    int64_t id, struct proposal *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_int(&p, 2, id);
    PG_READ_ONE(st, a, SQL_PROPOSAL_GET, &p, read_proposal, out, err);
}

int pg_proposal_decide(struct store *base, const struct proposal *p,
                       struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params q = PG_PARAMS_INIT;
    pg_bind_int(&q, 1, p->id);
    pg_bind_text(&q, 2, enum_name(&proposal_state_names, (int)p->state));
    pg_bind_text(&q, 3, p->decided_by);
    pg_bind_time(&q, 4, p->decided_at);
    /* A rejected proposal names no claim (NULL, not 0). */
    if (p->claim_number)
        pg_bind_int(&q, 5, p->claim_number);
    else
        pg_bind_null(&q, 5);
    return pg_exec(st, SQL_PROPOSAL_DECIDE, &q, err);
}

int pg_proposal_list(struct store *base, struct arena *a, int64_t tracker_id,
                     bool pending_only, struct proposal **out, size_t *n,
                     struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, tracker_id);
    pg_bind_int(&p, 2, pending_only);
    PG_COLLECT(st, a, SQL_PROPOSAL_LIST, &p, struct proposal, read_proposal,
               out, n, err);
}

/* ==== Audit log ==== */

static const char SQL_AUDIT_HEAD[] =
    "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
static const char SQL_AUDIT_INSERT[] =
    "INSERT INTO audit_log VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char SQL_AUDIT_LIST[] =
    "SELECT * FROM (SELECT seq, at, actor, action, entity, before, after "
    "FROM audit_log ORDER BY seq DESC LIMIT $1) last ORDER BY seq";

static void read_audit(struct arena *a, const PGresult *res, int r,
                       struct audit_entry *e)
{
    e->seq = pg_int(res, r, 0);
    e->at = pg_time(res, r, 1);
    e->actor = pg_text(a, res, r, 2);
    e->action = pg_text(a, res, r, 3);
    e->entity = pg_text(a, res, r, 4);
    e->before = pg_text(a, res, r, 5);
    e->after = pg_text(a, res, r, 6);
}

int pg_audit_append(struct store *base, struct audit_entry *e,
                    struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    char at[TIMESTAMP_LEN + 1];
    struct col cols[] = {
        col_int(0),          col_time(e->at, at), col_text(e->actor),
        col_text(e->action), col_text(e->entity), col_text(e->before),
        col_text(e->after),  col_int(0),          col_int(0),
    };
    return pg_chain_append(st, SQL_AUDIT_HEAD, SQL_AUDIT_INSERT, cols,
                           sizeof cols / sizeof cols[0], NULL, 0, &e->seq, err);
}

int pg_audit_list(struct store *base, struct arena *a, size_t limit,
                  struct audit_entry **out, size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    bind_limit(&p, 1, limit);
    PG_COLLECT(st, a, SQL_AUDIT_LIST, &p, struct audit_entry, read_audit, out,
               n, err);
}

/* ==== The change log ==== */

static const char SQL_CHANGE_INSERT[] =
    "INSERT INTO changes (seq, tracker_id, kind, number, at) "
    "VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM changes), $1, $2, $3, "
    "$4) RETURNING seq";
/* Every node LISTENs on this channel; the payload is the change's seq. */
static const char SQL_CHANGE_NOTIFY[] = "SELECT pg_notify('vigil_changes', $1)";
static const char SQL_CHANGE_LIST[] =
    "SELECT seq, tracker_id, kind, number, at FROM changes WHERE seq > $1 "
    "ORDER BY seq LIMIT $2";
static const char SQL_CHANGE_LAST[] =
    "SELECT coalesce(max(seq), 0) FROM changes";

static void read_change(struct arena *a, const PGresult *res, int r,
                        struct change *c)
{
    (void)a;
    c->seq = pg_int(res, r, 0);
    c->tracker_id = pg_int(res, r, 1);
    c->kind = (enum change_kind)pg_enum(res, r, 2, &change_kind_names);
    c->number = pg_int(res, r, 3);
    c->at = pg_time(res, r, 4);
}

int pg_change_append(struct store *base, struct change *c, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, c->tracker_id);
    pg_bind_text(&p, 2, enum_name(&change_kind_names, (int)c->kind));
    pg_bind_int(&p, 3, c->number);
    pg_bind_time(&p, 4, c->at);
    int rc = pg_insert_id(st, SQL_CHANGE_INSERT, &p, &c->seq, err);
    if (rc != 0)
        return rc;
    /* Sent in the write's own transaction: PostgreSQL delivers a
     * notification only when that commits, and never when it rolls back,
     * so a node that hears a seq can read its change (and every change
     * before it, the write lock having ordered them). */
    struct pg_params n = PG_PARAMS_INIT;
    pg_bind_int(&n, 1, c->seq);
    return pg_exec(st, SQL_CHANGE_NOTIFY, &n, err);
}

int pg_change_list(struct store *base, struct arena *a, int64_t after,
                   size_t limit, struct change **out, size_t *n,
                   struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, after);
    bind_limit(&p, 2, limit);
    PG_COLLECT(st, a, SQL_CHANGE_LIST, &p, struct change, read_change, out, n,
               err);
}

int pg_change_last(struct store *base, int64_t *out, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    return pg_scalar(st, SQL_CHANGE_LAST, 0, out, err);
}
