/*
 * sqlite_search.c: the SQLite store's search index, an FTS5 table
 * (migration 9; store.h, "Search").
 *
 * A search is one MATCH: the tracker and visibility filters are words of
 * the scope column, the terms are phrases of one word each, quoted, with
 * "*" for a prefix. FTS5's bm25() ranks the newest SEARCH_CANDIDATES
 * matches, the title weighing four times the body; the newest record (the
 * highest rowid) wins a tie.
 */
#include <string.h>

#include "store/search.h"
#include "store/sqlite_int.h"
#include "util/utf8.h"

static const char SQL_SEARCH_DELETE[] =
    "DELETE FROM search_index WHERE rowid = ?1";
static const char SQL_SEARCH_INSERT[] =
    "INSERT INTO search_index (rowid, scope, title, body, tracker_id, kind, "
    "ref) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
/* The newest ?4 matches (FTS5 walks its doclists by rowid and stops),
 * ranked; then the page's rows read. */
static const char SQL_SEARCH_FIND[] =
    "SELECT s.tracker_id, s.kind, s.ref, s.scope, c.r FROM ("
    "SELECT id, r FROM (SELECT rowid AS id, "
    "bm25(search_index, 0.0, 4.0, 1.0) AS r FROM search_index "
    "WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT ?4) "
    "ORDER BY r, id DESC LIMIT ?2 OFFSET ?3) c "
    "JOIN search_index s ON s.rowid = c.id ORDER BY c.r, c.id DESC";
/* Records exist that the index lacks: it is empty while they are not. */
static const char SQL_SEARCH_STALE[] =
    "SELECT NOT EXISTS (SELECT 1 FROM search_index) AND ("
    "EXISTS (SELECT 1 FROM updates) OR EXISTS (SELECT 1 FROM claims) OR "
    "EXISTS (SELECT 1 FROM events))";

int sqlite_search_insert(struct sq_store *st, const struct search_doc *d,
                         struct vg_err *err)
{
    if (search_doc_empty(d))
        return 0;
    sqlite3_stmt *s = sq_prepare(st, SQL_SEARCH_INSERT, err);
    if (s == NULL)
        return VG_EIO;
    struct buf scope = BUF_INIT(64);
    search_scope(&scope, d);
    sqlite3_bind_int64(s, 1, d->row_id);
    sq_bind_text(s, 2, buf_cstr(&scope));
    sq_bind_text(s, 3, buf_cstr(&d->title));
    sq_bind_text(s, 4, buf_cstr(&d->body));
    sqlite3_bind_int64(s, 5, d->tracker_id);
    sq_bind_text(s, 6, search_kind_name(d->kind));
    sqlite3_bind_int64(s, 7, d->ref);
    int rc = sq_exec(st, s, err);
    buf_release(&scope);
    return rc;
}

int sqlite_search_put(struct store *base, const struct search_doc *d,
                      struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_SEARCH_DELETE, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, d->row_id);
    int rc = sq_exec(st, s, err);
    return rc ? rc : sqlite_search_insert(st, d, err);
}

/* Appends one term as an FTS5 phrase: quoted (a quote doubled, though a
 * folded word holds none), "*" when it matches as a prefix. */
static void match_term(struct buf *m, const char *term)
{
    buf_putc(m, '"');
    for (const char *p = term; *p; p++) {
        if (*p == '"')
            buf_putc(m, '"');
        buf_putc(m, *p);
    }
    buf_putc(m, '"');
    if (utf8_length(term, strlen(term)) >= SEARCH_PREFIX_MIN)
        buf_putc(m, '*');
}

/* The MATCH expression of q. */
static void match_expr(struct buf *m, const struct search_query *q)
{
    if (q->ntrackers > 0) {
        BUF_LIT(m, "scope: (");
        for (size_t i = 0; i < q->ntrackers; i++)
            buf_printf(m, "%st%lld", i ? " OR " : "",
                       (long long)q->trackers[i]);
        BUF_LIT(m, ") AND ");
    }
    if (!q->drafts)
        BUF_LIT(m, "scope: p AND ");
    BUF_LIT(m, "{title body}: (");
    for (size_t i = 0; i < q->nterms; i++) {
        if (i > 0)
            BUF_LIT(m, " AND ");
        match_term(m, q->terms[i]);
    }
    BUF_LIT(m, ")");
}

static void read_hit(struct arena *a, sqlite3_stmt *s, struct search_hit *h)
{
    (void)a;
    const char *kind = (const char *)sqlite3_column_text(s, 1);
    const char *scope = (const char *)sqlite3_column_text(s, 3);
    size_t n = scope ? strlen(scope) : 0;
    h->tracker_id = sqlite3_column_int64(s, 0);
    h->kind = 0;
    for (int k = SEARCH_UPDATE; kind && k <= SEARCH_VICTIM; k++)
        if (strcmp(kind, search_kind_name((enum search_kind)k)) == 0)
            h->kind = (enum search_kind)k;
    h->ref = sqlite3_column_int64(s, 2);
    h->public = n >= 2 && strcmp(scope + n - 2, " p") == 0;
    h->score = -sqlite3_column_double(s, 4);
}

int sqlite_search_find(struct store *base, struct arena *a,
                       const struct search_query *q, struct search_hit **out,
                       size_t *n, struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    *out = NULL;
    *n = 0;
    if (q->nterms == 0)
        return 0;
    sqlite3_stmt *s = sq_prepare(st, SQL_SEARCH_FIND, err);
    if (s == NULL)
        return VG_EIO;
    struct buf m = BUF_INIT(1 << 16);
    match_expr(&m, q);
    sqlite3_bind_text(s, 1, buf_cstr(&m), (int)m.len, SQLITE_TRANSIENT);
    buf_release(&m);
    sqlite3_bind_int64(s, 2, (int64_t)q->limit);
    sqlite3_bind_int64(s, 3, (int64_t)q->offset);
    sqlite3_bind_int64(s, 4, SEARCH_CANDIDATES);
    COLLECT(st, a, s, struct search_hit, read_hit, out, n, err);
}

int sqlite_search_stale(struct store *base, bool *stale, struct vg_err *err)
{
    int64_t v = 0;
    int rc = sq_scalar(sq_of(base), SQL_SEARCH_STALE, 0, &v, err);
    *stale = rc == 0 && v != 0;
    return rc;
}
