/*
 * search.c: searching the record (search.h): the query folded into
 * terms, the store's ranked hits read back from the record, and the
 * texts shown with their matches found by the same folding.
 */
#include "core/search.h"

#include <cmark-gfm.h>
#include <jansson.h>
#include <string.h>

#include "model/enums.h"
#include "core/events.h"
#include "core/figure.h"
#include "core/markdown.h"
#include "util/fold.h"
#include "util/i18n.h"
#include "util/utf8.h"

enum {
    PASSAGE_BEFORE = 8, /* words of context before the first match */
    PASSAGE_WORDS = 40, /* words a passage shows at most */
};

/* ==== The query ==== */

struct collect {
    struct arena *a;
    const char **terms;
    size_t n;
    bool too_many;
};

static int add_term(size_t off, size_t len, const char *folded, size_t flen,
                    void *ctx)
{
    (void)off, (void)len;
    struct collect *c = ctx;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->terms[i], folded) == 0)
            return 0;
    if (c->n == SEARCH_TERMS_MAX) {
        c->too_many = true;
        return 1;
    }
    c->terms[c->n++] = arena_strndup(c->a, folded, flen);
    return 0;
}

int search_terms(struct arena *a, const char *q, const char ***terms, size_t *n,
                 struct vg_err *err)
{
    size_t len = q ? strlen(q) : 0, bad;
    const char *why;
    if (len > SEARCH_Q_MAX)
        return vg_err_set(err, VG_ELIMIT, "q",
                          "is %zu bytes; a search takes at most %d", len,
                          SEARCH_Q_MAX);
    if (utf8_check(q ? q : "", len, UTF8_SINGLE_LINE, &bad, &why) != 0)
        return vg_err_set(err, VG_EINVAL, "q", "%s at byte %zu", why, bad);
    struct collect c = {a, arena_alloc(a, SEARCH_TERMS_MAX * sizeof(char *)), 0,
                        false};
    fold_words(q ? q : "", len, 0, add_term, &c);
    if (c.too_many)
        return vg_err_set(err, VG_EINVAL, "q",
                          "has more than %d words: fewer, more telling ones "
                          "find more",
                          SEARCH_TERMS_MAX);
    if (c.n == 0)
        return vg_err_set(err, VG_EINVAL, "q", "has no word to search for");
    *terms = c.terms;
    *n = c.n;
    return 0;
}

/* ==== Matches in the texts shown ==== */

/* Whether folded word w matches a term: whole, or at its start for a
 * term long enough (the engines' rule, store.h). */
static bool matches(const char *w, size_t wlen, const char *const *terms,
                    size_t nterms)
{
    for (size_t i = 0; i < nterms; i++) {
        size_t tlen = strlen(terms[i]);
        bool prefix = utf8_length(terms[i], tlen) >= SEARCH_PREFIX_MIN;
        if ((wlen == tlen || (prefix && wlen > tlen)) &&
            memcmp(w, terms[i], tlen) == 0)
            return true;
    }
    return false;
}

struct word {
    size_t off, len;
    bool match;
};

struct words {
    const struct search_results *q;
    struct arena *a;
    struct word *w;
    size_t n, cap;
};

static int add_word(size_t off, size_t len, const char *folded, size_t flen,
                    void *ctx)
{
    struct words *ws = ctx;
    if (ws->n == ws->cap)
        ws->w = arena_grow(ws->a, ws->w, ws->n, &ws->cap, sizeof *ws->w);
    ws->w[ws->n++] = (struct word){
        off, len, matches(folded, flen, ws->q->terms, ws->q->nterms)};
    return 0;
}

/* Fills t with text[from, to) of the words ws->w[first, last) and the
 * matches among them. */
static void shown(struct arena *a, const char *text, const struct words *ws,
                  size_t first, size_t last, struct search_text *t)
{
    size_t from = ws->w[first].off;
    size_t to = ws->w[last - 1].off + ws->w[last - 1].len;
    t->text = arena_strndup(a, text + from, to - from);
    t->marks = arena_alloc(a, (last - first) * sizeof *t->marks);
    t->nmarks = 0;
    for (size_t i = first; i < last; i++)
        if (ws->w[i].match)
            t->marks[t->nmarks++] =
                (struct search_span){ws->w[i].off - from, ws->w[i].len};
    t->cut_before = first > 0;
    t->cut_after = last < ws->n;
}

/* The text to show from `text` (NULL: none): all of it, or with
 * `passage` a run of its words around the first match. */
static void show(struct arena *a, const struct search_results *q,
                 const char *text, bool passage, struct search_text *t)
{
    struct words ws = {q, a, NULL, 0, 0};
    *t = (struct search_text){.text = ""};
    if (text)
        fold_words(text, strlen(text), 0, add_word, &ws);
    if (ws.n == 0)
        return;
    size_t first = 0, last = ws.n;
    if (passage) {
        size_t m = 0;
        while (m < ws.n && !ws.w[m].match)
            m++;
        first = m < ws.n && m > PASSAGE_BEFORE ? m - PASSAGE_BEFORE : 0;
        last = ws.n - first > PASSAGE_WORDS ? first + PASSAGE_WORDS : ws.n;
    }
    shown(a, text, &ws, first, last, t);
    if (!passage) { /* the whole text, punctuation around it included */
        t->text = arena_strdup(a, text);
        for (size_t i = 0; i < t->nmarks; i++)
            t->marks[i].off += ws.w[first].off;
        t->cut_before = t->cut_after = false;
    }
}

/* ==== Markdown as the words a reader sees ==== */

/* Appends the text of a Markdown body: its words and punctuation, blocks
 * and line breaks as spaces, no markup and no link targets. */
static const char *plain_text(struct arena *a, const char *md)
{
    struct buf out = BUF_INIT(1 << 20);
    cmark_node *doc = markdown_parse(md, strlen(md));
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(node);
        if (ev == CMARK_EVENT_ENTER &&
            (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE))
            buf_puts(&out, cmark_node_get_literal(node));
        else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK ||
                 (ev == CMARK_EVENT_EXIT &&
                  (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK))
            buf_putc(&out, ' ');
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    const char *s = arena_strndup(a, buf_cstr(&out), out.len);
    buf_release(&out);
    return s;
}

/* ==== Reading hits back from the record ==== */

/* What a search reads more than once: its trackers and their claims. */
struct reading {
    struct store *st;
    struct arena *a;
    const struct search_request *rq;
    struct search_results *out;
    struct tracker *trackers; /* those met so far */
    size_t ntrackers, cap;
    int64_t claims_of; /* the tracker whose claims are loaded, or 0 */
    struct claim *claims;
    size_t nclaims;
    struct vg_err *err;
};

/* The tracker of id, from the request's or loaded once. */
static int tracker_of(struct reading *r, int64_t id, const struct tracker **t)
{
    *t = NULL;
    for (size_t i = 0; i < r->rq->ntrackers && *t == NULL; i++)
        if (r->rq->trackers[i].id == id)
            *t = &r->rq->trackers[i];
    for (size_t i = 0; i < r->ntrackers && *t == NULL; i++)
        if (r->trackers[i].id == id)
            *t = &r->trackers[i];
    if (*t)
        return 0;
    if (r->ntrackers == r->cap)
        r->trackers = arena_grow(r->a, r->trackers, r->ntrackers, &r->cap,
                                 sizeof *r->trackers);
    int rc = store_tracker_by_id(r->st, r->a, id, &r->trackers[r->ntrackers],
                                 r->err);
    if (rc == 0)
        *t = &r->trackers[r->ntrackers++];
    return rc;
}

static int read_update(struct reading *r, struct search_result *res)
{
    struct update u;
    int rc =
        store_update_get(r->st, r->a, res->tracker->id, res->ref, &u, r->err);
    if (rc != 0)
        return rc;
    bool public = u.status == UPDATE_PUBLISHED || u.status == UPDATE_RETRACTED;
    if (!public && !r->rq->drafts)
        return VG_ENOTFOUND;
    if (u.status != UPDATE_PUBLISHED)
        res->status = enum_name(&update_status_names, (int)u.status);
    show(r->a, r->out, *u.title ? u.title : NULL, false, &res->title);
    show(r->a, r->out, plain_text(r->a, u.body_md), true, &res->passage);
    return 0;
}

static int read_claim(struct reading *r, struct search_result *res)
{
    if (r->claims_of != res->tracker->id) {
        int rc = store_claim_list(r->st, r->a, res->tracker->id, 0, &r->claims,
                                  &r->nclaims, r->err);
        if (rc != 0)
            return rc;
        r->claims_of = res->tracker->id;
    }
    const struct claim *c = NULL;
    for (size_t i = 0; i < r->nclaims && c == NULL; i++)
        if (r->claims[i].number == res->ref)
            c = &r->claims[i];
    if (c == NULL)
        return VG_ENOTFOUND;
    struct buf title = BUF_INIT(1 << 16);
    buf_printf(&title, "%s: ", c->source_name);
    figure_phrase(c, &title);
    buf_printf(&title, " %s", c->metric_key);
    show(r->a, r->out, buf_cstr(&title), false, &res->title);
    buf_release(&title);
    show(r->a, r->out, c->quote ? c->quote : c->note, true, &res->passage);
    if (c->status == CLAIM_RETRACTED || c->status == CLAIM_DISPUTED)
        res->status = enum_name(&claim_status_names, (int)c->status);
    res->metric = c->metric_key;
    return 0;
}

/* Adds the place of event result res when its name holds a term. */
static void add_place(struct reading *r, const struct search_result *res,
                      const char *location, const char *country)
{
    struct search_results *out = r->out;
    for (size_t i = 0; i < out->nplaces; i++)
        if (strcmp(out->places[i].id, res->place) == 0)
            return;
    struct search_text name;
    show(r->a, out, location, false, &name);
    if (name.nmarks == 0)
        return;
    struct search_place *p = &out->places[out->nplaces++];
    *p = (struct search_place){
        .tracker = res->tracker, .name = name, .country = country};
    memcpy(p->id, res->place, sizeof p->id);
}

static int read_event(struct reading *r, struct search_result *res)
{
    struct event e;
    int rc =
        store_event_get(r->st, r->a, res->tracker->id, res->ref, &e, r->err);
    if (rc != 0)
        return rc;
    if (e.status != EVENT_PUBLISHED && !r->rq->drafts)
        return VG_ENOTFOUND;
    if (e.status != EVENT_PUBLISHED)
        res->status = enum_name(&event_status_names, (int)e.status);
    /* The event's kind is ACLED's word (core/events.c marks each for
     * translation), in the reader's language like the events page's. */
    struct buf title = BUF_INIT(1 << 16);
    buf_printf(&title, "%s — %s", _(e.sub_type), e.location);
    if (e.admin1)
        buf_printf(&title, ", %s", e.admin1);
    show(r->a, r->out, buf_cstr(&title), false, &res->title);
    buf_release(&title);
    show(r->a, r->out, e.notes ? e.notes : e.actor1, true, &res->passage);
    event_place_id(&e, res->place);
    add_place(r, res, e.location, e.country);
    return 0;
}

static int read_victim(struct reading *r, struct search_result *res)
{
    struct victim v;
    int rc =
        store_victim_get(r->st, r->a, res->tracker->id, res->ref, &v, r->err);
    if (rc != 0)
        return rc;
    json_t *pub = v.status == VICTIM_RECORDED && v.public_json
                      ? json_loads(v.public_json, 0, NULL)
                      : NULL;
    const char *name = json_string_value(json_object_get(pub, "name"));
    const char *native = json_string_value(json_object_get(pub, "name_native"));
    struct buf title = BUF_INIT(1 << 16);
    buf_printf(&title, "%s%s%s", name ? name : "", name && native ? " · " : "",
               native ? native : "");
    json_decref(pub);
    show(r->a, r->out, title.len ? buf_cstr(&title) : NULL, false, &res->title);
    buf_release(&title);
    return res->title.nmarks ? 0 : VG_ENOTFOUND; /* only public names */
}

/* Fills res from hit h; VG_ENOTFOUND when the record is not to be shown
 * (gone from the index's view, or not for this reader). */
static int read_hit(struct reading *r, const struct search_hit *h,
                    struct search_result *res)
{
    *res = (struct search_result){.kind = h->kind,
                                  .ref = h->ref,
                                  .title = {.text = ""},
                                  .passage = {.text = ""}};
    if (!h->public && !r->rq->drafts)
        return VG_ENOTFOUND;
    int rc = tracker_of(r, h->tracker_id, &res->tracker);
    if (rc != 0)
        return rc;
    switch (h->kind) {
    case SEARCH_UPDATE: return read_update(r, res);
    case SEARCH_CLAIM: return read_claim(r, res);
    case SEARCH_EVENT: return read_event(r, res);
    case SEARCH_VICTIM: return read_victim(r, res);
    }
    return VG_ENOTFOUND;
}

/* ==== The search ==== */

static int hits(struct store *st, struct arena *a,
                const struct search_request *rq, struct search_results *out,
                struct search_hit **h, size_t *nh, struct vg_err *err)
{
    int64_t *ids = arena_alloc(a, (rq->ntrackers + 1) * sizeof *ids);
    for (size_t i = 0; i < rq->ntrackers; i++)
        ids[i] = rq->trackers[i].id;
    struct search_query q = {
        .terms = out->terms,
        .nterms = out->nterms,
        .trackers = rq->trackers ? ids : NULL,
        .ntrackers = rq->trackers ? rq->ntrackers : 0,
        .drafts = rq->drafts,
        .limit = SEARCH_PAGE + 1,
        .offset = (size_t)(rq->page - 1) * SEARCH_PAGE,
    };
    *nh = 0;
    if (rq->trackers && rq->ntrackers == 0) /* nowhere to search */
        return 0;
    return store_search_find(st, a, &q, h, nh, err);
}

int search_run(struct store *st, struct arena *a,
               const struct search_request *rq, struct search_results *out,
               struct vg_err *err)
{
    *out = (struct search_results){0};
    if (rq->page < 1 || rq->page > SEARCH_PAGES_MAX)
        return vg_err_set(err, VG_EINVAL, "page", "must be 1 to %d",
                          SEARCH_PAGES_MAX);
    int rc = search_terms(a, rq->q, &out->terms, &out->nterms, err);
    struct search_hit *h = NULL;
    size_t nh = 0;
    if (rc == 0)
        rc = hits(st, a, rq, out, &h, &nh, err);
    if (rc == 0)
        rc = store_search_backlog_count(st, &out->unindexed, err);
    if (rc != 0)
        return rc;
    out->more = nh > SEARCH_PAGE;
    nh = out->more ? SEARCH_PAGE : nh;
    out->r = arena_alloc(a, (nh + 1) * sizeof *out->r);
    out->places = arena_alloc(a, (nh + 1) * sizeof *out->places);
    struct reading r = {.st = st, .a = a, .rq = rq, .out = out, .err = err};
    for (size_t i = 0; i < nh; i++) {
        struct search_result *res = &out->r[out->n];
        rc = read_hit(&r, &h[i], res);
        if (rc == VG_ENOTFOUND) {
            vg_err_clear(err);
            continue;
        }
        if (rc != 0)
            return rc;
        out->n++;
    }
    return 0;
}
