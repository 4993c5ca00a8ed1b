/*
 * sqlite_search.c: the SQLite store's search index, an FTS5 table
 * (migration 14; store.h, "Search").
 *
 * A search is one MATCH: the tracker and visibility filters are words of
 * the scope column, the terms are phrases of one word each, quoted, and
 * in a second MATCH (store.h) with "*" for a prefix: FTS5 expands a prefix
 * over every row that holds it, a whole word it walks and leaves. FTS5
 * gives the SEARCH_CANDIDATES newest matches (the
 * lowest row keys: store/search.h), walking its doclists in order and
 * stopping there; they are ranked here, from their folded text, as BM25
 * ranks (each term's count in the title, weighing four times the body,
 * saturating, against the text's length) but without weighing terms by
 * how many rows hold them: FTS5's bm25() counts every row of each term
 * for that, and a word in 100,000 updates made a search take longer than
 * it may (bench/search.sh). The newest record wins a tie.
 */
#include <assert.h>
#include <stdlib.h>
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
    "SELECT rowid, tracker_id, kind, ref, scope, title, body "
    "FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid LIMIT ?2";
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

/* Whether term t may match the start of a word (store.h). */
static bool may_prefix(const char *t)
{
    return utf8_length(t, strlen(t)) >= SEARCH_PREFIX_MIN;
}

/* Appends one term as an FTS5 phrase: quoted (a quote doubled, though a
 * folded word holds none), "*" when it matches as a prefix. */
static void match_term(struct buf *m, const char *term, bool prefix)
{
    buf_putc(m, '"');
    for (const char *p = term; *p; p++) {
        if (*p == '"')
            buf_putc(m, '"');
        buf_putc(m, *p);
    }
    buf_putc(m, '"');
    if (prefix && may_prefix(term))
        buf_putc(m, '*');
}

/* The MATCH expression of q, its terms whole words or prefixes. */
static void match_expr(struct buf *m, const struct search_query *q, bool prefix)
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
        match_term(m, q->terms[i], prefix);
    }
    BUF_LIT(m, ")");
}

/* ==== Ranking ==== */

enum { TITLE_WEIGHT = 4 };
#define BM25_K1 1.2
#define BM25_B  0.75

/* One candidate: its hit, and its folded text's length in words. */
struct candidate {
    struct search_hit h;
    int64_t key;
    double title_words, body_words;
    double *tf; /* per term: title then body counts, 2 * nterms */
};

/* Whether folded word w[0..n) matches term t, whole or as its start. */
static bool term_matches(const char *w, size_t n, const char *t)
{
    size_t tn = strlen(t);
    return (n == tn || (n > tn && may_prefix(t))) && memcmp(w, t, tn) == 0;
}

/* Counts the words of folded text and, into tf[k * 2], each term's. */
static double count(const char *text, const struct search_query *q, double *tf)
{
    double words = 0;
    for (const char *p = text; p && *p;) {
        size_t n = strcspn(p, " ");
        for (size_t k = 0; k < q->nterms; k++)
            tf[k * 2] += term_matches(p, n, q->terms[k]);
        words++;
        p += n + (p[n] == ' ');
    }
    return words;
}

static double saturate(double tf, double words, double avg)
{
    double norm = 1 - BM25_B + BM25_B * (avg > 0 ? words / avg : 1);
    return tf * (BM25_K1 + 1) / (tf + BM25_K1 * norm);
}

/* Scores each candidate against the candidates' average lengths. */
static void rank(struct candidate *c, size_t n, size_t nterms)
{
    double title = 0, body = 0;
    for (size_t i = 0; i < n; i++)
        title += c[i].title_words, body += c[i].body_words;
    title = n ? title / (double)n : 0;
    body = n ? body / (double)n : 0;
    for (size_t i = 0; i < n; i++) {
        double score = 0;
        for (size_t k = 0; k < nterms; k++)
            score += TITLE_WEIGHT *
                         saturate(c[i].tf[2 * k], c[i].title_words, title) +
                     saturate(c[i].tf[2 * k + 1], c[i].body_words, body);
        c[i].h.score = score;
    }
}

static int by_score(const void *pa, const void *pb)
{
    const struct candidate *a = pa, *b = pb;
    if (a->h.score != b->h.score)
        return a->h.score > b->h.score ? -1 : 1;
    return (a->key > b->key) - (a->key < b->key); /* the newer first */
}

/* ==== Finding ==== */

static void read_candidate(struct arena *a, sqlite3_stmt *s,
                           const struct search_query *q, struct candidate *c)
{
    const char *kind = (const char *)sqlite3_column_text(s, 2);
    const char *scope = (const char *)sqlite3_column_text(s, 4);
    size_t n = scope ? strlen(scope) : 0;
    c->key = sqlite3_column_int64(s, 0);
    c->h.tracker_id = sqlite3_column_int64(s, 1);
    c->h.kind = 0;
    for (int k = SEARCH_UPDATE; kind && k <= SEARCH_VICTIM; k++)
        if (strcmp(kind, search_kind_name((enum search_kind)k)) == 0)
            c->h.kind = (enum search_kind)k;
    c->h.ref = sqlite3_column_int64(s, 3);
    c->h.public = n >= 2 && strcmp(scope + n - 2, " p") == 0;
    c->tf = arena_alloc(a, 2 * q->nterms * sizeof *c->tf);
    memset(c->tf, 0, 2 * q->nterms * sizeof *c->tf);
    c->title_words = count((const char *)sqlite3_column_text(s, 5), q, c->tf);
    c->body_words =
        count((const char *)sqlite3_column_text(s, 6), q, c->tf + 1);
}

/* The newest matches of q into *out, unranked. */
static int candidates(struct sq_store *st, struct arena *a,
                      const struct search_query *q, bool prefix,
                      struct candidate **out, size_t *n, struct vg_err *err)
{
    sqlite3_stmt *s = sq_prepare(st, SQL_SEARCH_FIND, err);
    if (s == NULL)
        return VG_EIO;
    struct buf m = BUF_INIT(1 << 16);
    match_expr(&m, q, prefix);
    sqlite3_bind_text(s, 1, buf_cstr(&m), (int)m.len, SQLITE_TRANSIENT);
    buf_release(&m);
    sqlite3_bind_int64(s, 2, SEARCH_CANDIDATES);
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap)
            *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        read_candidate(a, s, q, &(*out)[(*n)++]);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : sq_fail(st, err);
}

int sqlite_search_find(struct store *base, struct arena *a,
                       const struct search_query *q, struct search_hit **out,
                       size_t *n, struct vg_err *err)
{
    struct candidate *c;
    size_t nc;
    *out = NULL;
    *n = 0;
    if (q->nterms == 0)
        return 0;
    bool prefixes = false;
    for (size_t k = 0; k < q->nterms; k++)
        prefixes = prefixes || may_prefix(q->terms[k]);
    int rc = candidates(sq_of(base), a, q, false, &c, &nc, err);
    if (rc == 0 && nc < SEARCH_CANDIDATES && prefixes)
        rc = candidates(sq_of(base), a, q, true, &c, &nc, err);
    if (rc != 0)
        return rc;
    rank(c, nc, q->nterms);
    if (nc > 1)
        qsort(c, nc, sizeof *c, by_score);
    size_t from = q->offset < nc ? q->offset : nc;
    size_t to = nc - from > q->limit ? from + q->limit : nc;
    *out = arena_alloc(a, (to - from + 1) * sizeof **out);
    for (size_t i = from; i < to; i++)
        (*out)[(*n)++] = c[i].h;
    return 0;
}

/* ==== The backlog (store.h) ==== */

static const char SQL_BACKLOG_ADD[] =
    "INSERT INTO search_backlog (tracker_id, first_id, last_id) "
    "VALUES (?1, ?2, ?3)";
static const char SQL_BACKLOG_FIRST[] =
    "SELECT id, tracker_id, first_id, last_id FROM search_backlog "
    "ORDER BY id LIMIT 1";
static const char SQL_BACKLOG_SHRINK[] =
    "UPDATE search_backlog SET last_id = ?2 WHERE id = ?1";
static const char SQL_BACKLOG_DROP[] =
    "DELETE FROM search_backlog WHERE id = ?1";
static const char SQL_BACKLOG_COUNT[] =
    "SELECT coalesce(sum(last_id - first_id + 1), 0) FROM search_backlog";

int sqlite_search_backlog_add(struct store *base,
                              const struct search_backlog *b,
                              struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    sqlite3_stmt *s = sq_prepare(st, SQL_BACKLOG_ADD, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, b->tracker_id);
    sqlite3_bind_int64(s, 2, b->first_id);
    sqlite3_bind_int64(s, 3, b->last_id);
    return sq_exec(st, s, err);
}

int sqlite_search_backlog_take(struct store *base, int64_t max,
                               struct search_backlog *out, bool *found,
                               struct vg_err *err)
{
    assert(max > 0);
    struct sq_store *st = sq_of(base);
    *found = false;
    sqlite3_stmt *s = sq_prepare(st, SQL_BACKLOG_FIRST, err);
    if (s == NULL)
        return VG_EIO;
    int step = sqlite3_step(s);
    if (step != SQLITE_ROW) {
        sqlite3_reset(s);
        return step == SQLITE_DONE ? 0 : sq_fail(st, err);
    }
    int64_t id = sqlite3_column_int64(s, 0);
    out->tracker_id = sqlite3_column_int64(s, 1);
    out->first_id = sqlite3_column_int64(s, 2);
    out->last_id = sqlite3_column_int64(s, 3);
    sqlite3_reset(s);
    *found = true;
    int64_t rest = out->last_id - out->first_id + 1;
    bool whole = rest <= max;
    s = sq_prepare(st, whole ? SQL_BACKLOG_DROP : SQL_BACKLOG_SHRINK, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, id);
    if (!whole) {
        out->first_id = out->last_id - max + 1;
        sqlite3_bind_int64(s, 2, out->first_id - 1);
    }
    return sq_exec(st, s, err);
}

int sqlite_search_backlog_count(struct store *base, int64_t *out,
                                struct vg_err *err)
{
    return sq_scalar(sq_of(base), SQL_BACKLOG_COUNT, 0, out, err);
}

int sqlite_search_stale(struct store *base, bool *stale, struct vg_err *err)
{
    int64_t v = 0;
    int rc = sq_scalar(sq_of(base), SQL_SEARCH_STALE, 0, &v, err);
    *stale = rc == 0 && v != 0;
    return rc;
}
