/*
 * pg_search.c: the PostgreSQL store's search index (migration 14; store.h,
 * "Search"): rows of folded text whose tsvector PostgreSQL computes, under
 * a GIN index.
 *
 * A search is one tsquery of its terms, each quoted, joined by "&",
 * matched with @@, and a second with ":*" for a prefix (store.h). The
 * planner weighs a whole word by its statistics but a prefix by a fixed
 * guess, and a common word planned as rare is a read of every row: a
 * prefix is first looked for in the newest NEWEST_ROWS rows only.
 * ts_rank ranks the newest SEARCH_CANDIDATES matches (the title's words
 * weighted A, the body's B); the newest record (the lowest key) wins a
 * tie.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "store/search.h"
#include "util/utf8.h"

static const char SQL_SEARCH_PUT[] =
    "INSERT INTO search_index (id, tracker_id, kind, ref, public, title, "
    "body) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE "
    "SET tracker_id = $2, kind = $3, ref = $4, public = $5, title = $6, "
    "body = $7";
static const char SQL_SEARCH_DELETE[] =
    "DELETE FROM search_index WHERE id = $1";
/* The newest $6 matches, the lowest keys (store/search.h): for a word of
 * most rows, the primary key walked until they are found; for a rarer
 * one, the GIN index. Then those ranked. */
static const char SQL_SEARCH_FIND[] =
    "SELECT tracker_id, kind, ref, public, "
    "ts_rank(doc, to_tsquery('simple', $1)) AS r, count(*) OVER () FROM ("
    "SELECT id, tracker_id, kind, ref, public, doc FROM search_index "
    "WHERE doc @@ to_tsquery('simple', $1) "
    "AND ($2::bigint[] IS NULL OR tracker_id = ANY ($2::bigint[])) "
    "AND (public OR $3::boolean) ORDER BY id LIMIT $6) c "
    "ORDER BY r DESC, id LIMIT $4 OFFSET $5";
/* The same over the newest $7 rows only: the primary key walked that far
 * and no further, whatever the planner guesses of a prefix. */
static const char SQL_SEARCH_FIND_NEWEST[] =
    "SELECT tracker_id, kind, ref, public, "
    "ts_rank(doc, to_tsquery('simple', $1)) AS r, count(*) OVER () FROM ("
    "SELECT id, tracker_id, kind, ref, public, doc FROM ("
    "SELECT id, tracker_id, kind, ref, public, doc FROM search_index "
    "WHERE ($2::bigint[] IS NULL OR tracker_id = ANY ($2::bigint[])) "
    "AND (public OR $3::boolean) ORDER BY id LIMIT $7) w "
    "WHERE doc @@ to_tsquery('simple', $1) ORDER BY id LIMIT $6) c "
    "ORDER BY r DESC, id LIMIT $4 OFFSET $5";
/* The rows a prefix is first looked for in: when they hold the
 * candidates, a prefix of most words costs this many rows read, not one
 * per row that holds it (the GIN index's way). */
enum { NEWEST_ROWS = 10000 };
static const char SQL_SEARCH_STALE[] =
    "SELECT (NOT EXISTS (SELECT 1 FROM search_index) AND ("
    "EXISTS (SELECT 1 FROM updates) OR EXISTS (SELECT 1 FROM claims) OR "
    "EXISTS (SELECT 1 FROM events)))::int";

int pg_search_put(struct store *base, const struct search_doc *d,
                  struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, d->row_id);
    if (search_doc_empty(d))
        return pg_exec(st, SQL_SEARCH_DELETE, &p, err);
    pg_bind_int(&p, 2, d->tracker_id);
    pg_bind_text(&p, 3, search_kind_name(d->kind));
    pg_bind_int(&p, 4, d->ref);
    pg_bind_text(&p, 5, d->public ? "t" : "f");
    pg_bind_text(&p, 6, buf_cstr(&d->title));
    pg_bind_text(&p, 7, buf_cstr(&d->body));
    return pg_exec(st, SQL_SEARCH_PUT, &p, err);
}

/* Whether term t may match the start of a word (store.h). */
static bool may_prefix(const char *t)
{
    return utf8_length(t, strlen(t)) >= SEARCH_PREFIX_MIN;
}

/* The tsquery text of q's terms, whole words ('w1' & 'w2') or prefixes
 * ('w1':* & 'w2'): each quoted, a quote doubled (a folded word holds
 * none). */
static void tsquery(struct buf *out, const struct search_query *q, bool prefix)
{
    for (size_t i = 0; i < q->nterms; i++) {
        const char *t = q->terms[i];
        if (i > 0)
            BUF_LIT(out, " & ");
        buf_putc(out, '\'');
        for (const char *p = t; *p; p++) {
            if (*p == '\'')
                buf_putc(out, '\'');
            buf_putc(out, *p);
        }
        buf_putc(out, '\'');
        if (prefix && may_prefix(t))
            BUF_LIT(out, ":*");
    }
}

/* q's trackers as an array literal, {1,2}; empty without any. */
static void trackers(struct buf *out, const struct search_query *q)
{
    if (q->ntrackers == 0)
        return;
    buf_putc(out, '{');
    for (size_t i = 0; i < q->ntrackers; i++)
        buf_printf(out, "%s%lld", i ? "," : "", (long long)q->trackers[i]);
    buf_putc(out, '}');
}

static void read_hit(struct arena *a, const PGresult *res, int r,
                     struct search_hit *h)
{
    (void)a;
    const char *kind = PQgetvalue(res, r, 1);
    h->tracker_id = pg_int(res, r, 0);
    h->kind = 0;
    for (int k = SEARCH_UPDATE; k <= SEARCH_VICTIM; k++)
        if (strcmp(kind, search_kind_name((enum search_kind)k)) == 0)
            h->kind = (enum search_kind)k;
    h->ref = pg_int(res, r, 2);
    h->public = strcmp(PQgetvalue(res, r, 3), "t") == 0;
    h->score = strtod(PQgetvalue(res, r, 4), NULL);
}

/* One search of q, whole words or prefixes, into *out; *candidates is
 * how many rows matched, up to SEARCH_CANDIDATES (0 when the page is
 * past them all). */
static int find(struct pg_store *st, struct arena *a,
                const struct search_query *q, bool prefix, bool newest,
                struct search_hit **out, size_t *n, int64_t *candidates,
                struct vg_err *err)
{
    struct buf query = BUF_INIT(1 << 16), ids = BUF_INIT(1 << 20);
    tsquery(&query, q, prefix);
    trackers(&ids, q);
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_text(&p, 1, buf_cstr(&query));
    pg_bind_text(&p, 2, q->ntrackers ? buf_cstr(&ids) : NULL);
    pg_bind_text(&p, 3, q->drafts ? "t" : "f");
    pg_bind_int(&p, 4, (int64_t)q->limit);
    pg_bind_int(&p, 5, (int64_t)q->offset);
    pg_bind_int(&p, 6, SEARCH_CANDIDATES);
    if (newest)
        pg_bind_int(&p, 7, NEWEST_ROWS);
    PGresult *res = pg_query(
        st, newest ? SQL_SEARCH_FIND_NEWEST : SQL_SEARCH_FIND, &p, err);
    buf_release(&query);
    buf_release(&ids);
    if (res == NULL)
        return err && err->code ? err->code : VG_EIO;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    *candidates = PQntuples(res) ? pg_int(res, 0, 5) : 0;
    for (int r = 0; r < PQntuples(res); r++) {
        if (*n == cap)
            *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        read_hit(a, res, r, &(*out)[(*n)++]);
    }
    PQclear(res);
    return 0;
}

int pg_search_find(struct store *base, struct arena *a,
                   const struct search_query *q, struct search_hit **out,
                   size_t *n, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    int64_t candidates = 0;
    bool prefixes = false;
    *out = NULL;
    *n = 0;
    if (q->nterms == 0)
        return 0;
    for (size_t k = 0; k < q->nterms; k++)
        prefixes = prefixes || may_prefix(q->terms[k]);
    int rc = find(st, a, q, false, false, out, n, &candidates, err);
    if (rc == 0 && candidates < SEARCH_CANDIDATES && prefixes)
        rc = find(st, a, q, true, true, out, n, &candidates, err);
    if (rc == 0 && candidates < SEARCH_CANDIDATES && prefixes)
        rc = find(st, a, q, true, false, out, n, &candidates, err);
    return rc;
}

/* ==== The backlog (store.h) ==== */

static const char SQL_BACKLOG_ADD[] =
    "INSERT INTO search_backlog (tracker_id, first_id, last_id) "
    "VALUES ($1, $2, $3)";
static const char SQL_BACKLOG_FIRST[] =
    "SELECT id, tracker_id, first_id, last_id FROM search_backlog "
    "ORDER BY id LIMIT 1";
static const char SQL_BACKLOG_SHRINK[] =
    "UPDATE search_backlog SET last_id = $2 WHERE id = $1";
static const char SQL_BACKLOG_DROP[] =
    "DELETE FROM search_backlog WHERE id = $1";
static const char SQL_BACKLOG_COUNT[] =
    "SELECT coalesce(sum(last_id - first_id + 1), 0) FROM search_backlog";

int pg_search_backlog_add(struct store *base, const struct search_backlog *b,
                          struct vg_err *err)
{
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, b->tracker_id);
    pg_bind_int(&p, 2, b->first_id);
    pg_bind_int(&p, 3, b->last_id);
    return pg_exec(pg_of(base), SQL_BACKLOG_ADD, &p, err);
}

/* Nodes taking the backlog at once each hold the write lock (pg_begin):
 * one takes a range at a time. */
int pg_search_backlog_take(struct store *base, int64_t max,
                           struct search_backlog *out, bool *found,
                           struct vg_err *err)
{
    assert(max > 0);
    struct pg_store *st = pg_of(base);
    *found = false;
    PGresult *res = pg_query(st, SQL_BACKLOG_FIRST, NULL, err);
    if (res == NULL)
        return VG_EIO;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return 0;
    }
    int64_t id = pg_int(res, 0, 0);
    out->tracker_id = pg_int(res, 0, 1);
    out->first_id = pg_int(res, 0, 2);
    out->last_id = pg_int(res, 0, 3);
    PQclear(res);
    *found = true;
    bool whole = out->last_id - out->first_id + 1 <= max;
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, id);
    if (!whole) {
        out->first_id = out->last_id - max + 1;
        pg_bind_int(&p, 2, out->first_id - 1);
    }
    return pg_exec(st, whole ? SQL_BACKLOG_DROP : SQL_BACKLOG_SHRINK, &p, err);
}

int pg_search_backlog_count(struct store *base, int64_t *out,
                            struct vg_err *err)
{
    return pg_scalar(pg_of(base), SQL_BACKLOG_COUNT, 0, out, err);
}

int pg_search_stale(struct store *base, bool *stale, struct vg_err *err)
{
    int64_t v = 0;
    int rc = pg_scalar(pg_of(base), SQL_SEARCH_STALE, 0, &v, err);
    *stale = rc == 0 && v != 0;
    return rc;
}
