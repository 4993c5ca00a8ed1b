/*
 * search.c: the search index's rows, built from the records they stand
 * for (search.h), and the index rebuilt from every record (store.h).
 */
#include "store/search.h"

#include <assert.h>
#include <jansson.h>
#include <string.h>

#include "store/backend.h"
#include "util/fold.h"

/* The longest text folded into a row: an update's body is at most 64 KB
 * (core/markdown.h), the rest are lines. */
enum { SEARCH_TEXT_MAX = 1 << 20 };

static const char *const kind_names[] = {
    [SEARCH_UPDATE] = "update",
    [SEARCH_CLAIM] = "claim",
    [SEARCH_EVENT] = "event",
    [SEARCH_VICTIM] = "victim",
};

const char *search_kind_name(enum search_kind k)
{
    return k >= SEARCH_UPDATE && k <= SEARCH_VICTIM ? kind_names[k] : "?";
}

int64_t search_row_id(int64_t record_id, enum search_kind kind)
{
    assert(record_id > 0 && record_id < SEARCH_ROW_IDS);
    return (SEARCH_ROW_IDS - record_id) * 8 + (int64_t)kind;
}

void search_scope(struct buf *out, const struct search_doc *d)
{
    buf_printf(out, "t%lld%s", (long long)d->tracker_id, d->public ? " p" : "");
}

/* ==== Rows ==== */

void search_doc_init(struct search_doc *d)
{
    *d = (struct search_doc){.title = BUF_INIT(SEARCH_TEXT_MAX),
                             .body = BUF_INIT(SEARCH_TEXT_MAX)};
}

void search_doc_release(struct search_doc *d)
{
    buf_release(&d->title);
    buf_release(&d->body);
}

bool search_doc_empty(const struct search_doc *d)
{
    return d->title.len == 0 && d->body.len == 0;
}

/* Starts row d anew for record `id` of kind k. */
static void start(struct search_doc *d, int64_t id, enum search_kind k,
                  int64_t tracker_id, int64_t ref, bool public)
{
    buf_reset(&d->title);
    buf_reset(&d->body);
    d->row_id = search_row_id(id, k);
    d->kind = k;
    d->tracker_id = tracker_id;
    d->ref = ref;
    d->public = public;
}

/* Folds s (NULL: nothing) onto b. */
static void add(struct buf *b, const char *s)
{
    if (s)
        fold_text(b, s, strlen(s));
}

void search_doc_update(struct search_doc *d, const struct update *u)
{
    /* Readers see published updates, and retracted ones marked so. */
    bool public =
        u->status == UPDATE_PUBLISHED || u->status == UPDATE_RETRACTED;
    start(d, u->id, SEARCH_UPDATE, u->tracker_id, u->number, public);
    add(&d->title, u->title);
    add(&d->body, u->body_md);
}

void search_doc_claim(struct search_doc *d, const struct claim *c)
{
    start(d, c->id, SEARCH_CLAIM, c->tracker_id, c->number, true);
    add(&d->title, c->source_name);
    add(&d->title, c->metric_key);
    add(&d->body, c->quote);
    add(&d->body, c->words);
    add(&d->body, c->note);
    add(&d->body, c->scope);
}

void search_doc_event(struct search_doc *d, const struct event *e)
{
    start(d, e->id, SEARCH_EVENT, e->tracker_id, e->number,
          e->status == EVENT_PUBLISHED);
    add(&d->title, e->type);
    if (e->sub_type && e->type && strcmp(e->sub_type, e->type) != 0)
        add(&d->title, e->sub_type);
    add(&d->title, e->location);
    add(&d->title, e->admin1);
    add(&d->body, e->actor1);
    add(&d->body, e->actor2);
    add(&d->body, e->size_words);
    add(&d->body, e->notes);
}

void search_doc_victim(struct search_doc *d, const struct victim *v)
{
    start(d, v->id, SEARCH_VICTIM, v->tracker_id, v->number,
          v->status == VICTIM_RECORDED);
    json_t *pub = v->status == VICTIM_RECORDED && v->public_json
                      ? json_loads(v->public_json, 0, NULL)
                      : NULL;
    add(&d->title, json_string_value(json_object_get(pub, "name")));
    add(&d->title, json_string_value(json_object_get(pub, "name_native")));
    json_decref(pub);
}

/* ==== Writing one record's row ==== */

#define INDEX_ONE(fill, st, rec, err)                 \
    do {                                              \
        struct search_doc d_;                         \
        search_doc_init(&d_);                         \
        fill(&d_, rec);                               \
        int rc_ = store_search_put((st), &d_, (err)); \
        search_doc_release(&d_);                      \
        return rc_;                                   \
    } while (0)

int search_index_update(struct store *st, const struct update *u,
                        struct vg_err *err)
{
    INDEX_ONE(search_doc_update, st, u, err);
}

int search_index_claim(struct store *st, const struct claim *c,
                       struct vg_err *err)
{
    INDEX_ONE(search_doc_claim, st, c, err);
}

int search_index_event(struct store *st, const struct event *e,
                       struct vg_err *err)
{
    INDEX_ONE(search_doc_event, st, e, err);
}

int search_index_victim(struct store *st, const struct victim *v,
                        struct vg_err *err)
{
    INDEX_ONE(search_doc_victim, st, v, err);
}

/* ==== Rebuilding ==== */

struct rebuild {
    struct store *st;
    struct search_doc d;
    struct vg_err *err;
};

static int put_event(const struct event *e, void *ctx)
{
    struct rebuild *r = ctx;
    search_doc_event(&r->d, e);
    return store_search_put(r->st, &r->d, r->err);
}

/* Puts the rows of one tracker's updates, claims and victims (loaded into
 * a), then streams its events. */
static int rebuild_tracker(struct rebuild *r, struct arena *a,
                           const struct tracker *t)
{
    struct update *u;
    struct claim *c;
    struct victim *v;
    size_t nu, nc, nv;
    int rc =
        store_update_list(r->st, a, t->id, UPDATES_ALL, 0, &u, &nu, r->err);
    for (size_t i = 0; rc == 0 && i < nu; i++) {
        search_doc_update(&r->d, &u[i]);
        rc = store_search_put(r->st, &r->d, r->err);
    }
    if (rc == 0)
        rc = store_claim_list(r->st, a, t->id, 0, &c, &nc, r->err);
    for (size_t i = 0; rc == 0 && i < nc; i++) {
        search_doc_claim(&r->d, &c[i]);
        rc = store_search_put(r->st, &r->d, r->err);
    }
    if (rc == 0)
        rc = store_victim_list(r->st, a, t->id, &v, &nv, r->err);
    for (size_t i = 0; rc == 0 && i < nv; i++) {
        search_doc_victim(&r->d, &v[i]);
        rc = store_search_put(r->st, &r->d, r->err);
    }
    return rc ? rc : store_event_scan(r->st, t->id, put_event, r, r->err);
}

int store_search_rebuild(struct store *st, struct vg_err *err)
{
    struct arena a = ARENA_INIT;
    struct tracker *t;
    size_t n;
    struct rebuild r = {st, {0}, err};
    search_doc_init(&r.d);
    int rc = store_tracker_list(st, &a, &t, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct arena per = ARENA_INIT;
        rc = rebuild_tracker(&r, &per, &t[i]);
        arena_release(&per);
    }
    search_doc_release(&r.d);
    arena_release(&a);
    /* Every event's row is written: the backlog is done. */
    struct search_backlog b;
    for (bool found = true; rc == 0 && found;)
        rc = store_search_backlog_take(st, INT64_MAX, &b, &found, err);
    return rc;
}

/* ==== Catching up with a bulk import ==== */

int store_search_catch_up(struct store *st, int64_t *left, struct vg_err *err)
{
    struct search_backlog b;
    bool found = false;
    struct rebuild r = {st, {0}, err};
    search_doc_init(&r.d);
    int rc = store_begin(st, err);
    if (rc == 0)
        rc = store_search_backlog_take(st, SEARCH_BACKLOG_CHUNK, &b, &found,
                                       err);
    if (rc == 0 && found) /* the highest id first: the index's key order */
        rc = store_event_scan_ids(st, &b, put_event, &r, err);
    if (rc == 0)
        rc = store_search_backlog_count(st, left, err);
    if (rc == 0)
        rc = store_commit(st, err);
    else
        store_rollback(st);
    search_doc_release(&r.d);
    return rc;
}
