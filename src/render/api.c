/*
 * api.c: the read API's JSON documents.
 *
 * Every object is built from entity_json.c's, then trimmed of editors'
 * logins and given absolute URLs. Failures (a string jansson refuses) travel
 * up as NULL through push() and put(), so a document is either whole or
 * not written at all.
 */
#include "render/api.h"

#include "core/embeds.h"
#include "core/entity_json.h"
#include "core/figure.h"
#include "util/decimal.h"
#include "util/err.h"

enum { URL_MAX = 4096, FIGURE_MAX = 256 };

/* ==== Building blocks ==== */

/* Appends item to arr (stealing item). On any NULL, or a failed append,
 * releases both and returns NULL, so that a failure reaches the top. */
static json_t *push(json_t *arr, json_t *item)
{
    if (arr == NULL || item == NULL) {
        json_decref(arr);
        json_decref(item);
        return NULL;
    }
    if (json_array_append_new(arr, item) != 0) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

/* Sets obj[key] = value (stealing value), with push()'s failure rule. */
static json_t *put(json_t *obj, const char *key, json_t *value)
{
    if (obj == NULL || value == NULL) {
        json_decref(obj);
        json_decref(value);
        return NULL;
    }
    if (json_object_set_new(obj, key, value) != 0) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* Removes a key that must not leave the building. */
static json_t *drop(json_t *obj, const char *key)
{
    if (obj)
        json_object_del(obj, key);
    return obj;
}

/* The buffer's text as a JSON string; NULL when it overflowed. */
static json_t *buf_json(struct buf *b)
{
    json_t *j = b->failed ? NULL : json_string(buf_cstr(b));
    buf_release(b);
    return j;
}

static int on_dump(const char *p, size_t n, void *data)
{
    buf_append(data, p, n);
    return 0;
}

int render_json_doc(struct buf *b, json_t *j)
{
    if (j == NULL)
        return VG_EINVAL;
    json_dump_callback(j, on_dump, b, JSON_COMPACT);
    buf_putc(b, '\n');
    json_decref(j);
    return 0;
}

/* ==== URLs ==== */

void render_tracker_url(struct buf *b, const struct site *s,
                        const struct tracker *t, const char *rest)
{
    if (s->base_url)
        buf_puts(b, s->base_url);
    layout_tracker_path(b, t, rest);
}

void render_update_url(struct buf *b, const struct site *s,
                       const struct tracker *t, int64_t number)
{
    render_tracker_url(b, s, t, "/u/");
    char n[DECIMAL_MAX];
    decimal_format(number, n);
    buf_puts(b, n);
}

static json_t *tracker_url_json(const struct site *s, const struct tracker *t)
{
    struct buf url = BUF_INIT(URL_MAX);
    render_tracker_url(&url, s, t, "");
    return buf_json(&url);
}

/* ==== Records ==== */

/* A number, or null for 0 (none). */
static json_t *number_or_null(int64_t n)
{
    return n ? json_integer(n) : json_null();
}

json_t *render_api_update_json(const struct site *s, const struct tracker *t,
                               const struct update *u)
{
    struct buf url = BUF_INIT(URL_MAX);
    render_update_url(&url, s, t, u->number);
    json_t *j = drop(update_rev_json(u), "author");
    j = put(j, "corrects", number_or_null(u->corrects));
    j = put(j, "corrected_by", number_or_null(u->corrected_by));
    j = put(j, "url", buf_json(&url));
    if (u->byline) /* the tracker shows who wrote it */
        j = put(j, "byline", json_string(u->byline));
    if (u->embed)
        j = put(j, "embed", embed_json(u->embed));
    return put(j, "body_html", json_string(u->body_html ? u->body_html : ""));
}

json_t *render_api_claim_json(const struct claim *c)
{
    struct buf words = BUF_INIT(FIGURE_MAX);
    figure_phrase(c, &words);
    json_t *j = drop(claim_json(c), "recorded_by");
    json_t *r = json_object_get(j, "retraction");
    drop(r, "proposed_by");
    drop(r, "approved_by");
    if (r == NULL)
        j = put(j, "retraction", json_null());
    j = put(j, "corrects", number_or_null(c->corrects));
    return put(j, "figure", buf_json(&words));
}

static json_t *tracker_item(const struct site *s, const struct tracker *t)
{
    return put(tracker_json(t), "url", tracker_url_json(s, t));
}

static json_t *day_json(const struct day_info *d)
{
    return json_pack("{s:I, s:o, s:b}", "number", (json_int_t)d->number, "date",
                     json_date_or_null(d->date), "ended", d->ended);
}

/* One metric of the highlights box: its range across sources and each
 * source's latest claim. */
static json_t *highlight_json(const struct highlight *h)
{
    json_t *range = json_null();
    if (h->sources > 0)
        range = put(put(json_object(), "low", render_api_claim_json(h->lowest)),
                    "high", render_api_claim_json(h->highest));
    json_t *sources = json_array();
    for (size_t i = 0; i < h->sources; i++)
        sources = push(sources, render_api_claim_json(h->latest[i]));
    json_t *j = put(json_object(), "metric", json_string(h->metric->key));
    return put(put(j, "range", range), "sources", sources);
}

/* ==== Documents ==== */

int render_api_trackers(struct buf *b, const struct site *s,
                        const struct tracker *t, const struct day_info *d,
                        size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *item =
            put(tracker_json(&t[i]), "day", json_integer(d[i].number));
        list = push(list, put(item, "url", tracker_url_json(s, &t[i])));
    }
    return render_json_doc(b, put(json_object(), "trackers", list));
}

int render_api_tracker(struct buf *b, const struct site *s,
                       const struct tracker_view *v)
{
    json_t *metrics = json_array();
    json_t *highlights = json_array();
    for (size_t i = 0; i < v->figures.nmetrics; i++) {
        metrics = push(metrics, metric_json(&v->figures.metrics[i]));
        highlights =
            push(highlights, highlight_json(&v->figures.highlights[i]));
    }
    json_t *pinned = v->pinned
                         ? render_api_update_json(s, &v->tracker, v->pinned)
                         : json_null();
    json_t *doc = put(json_object(), "tracker", tracker_item(s, &v->tracker));
    doc = put(doc, "day", day_json(&v->day));
    doc = put(doc, "metrics", metrics);
    doc = put(doc, "highlights", highlights);
    return render_json_doc(b, put(doc, "pinned", pinned));
}

int render_api_updates(struct buf *b, const struct site *s,
                       const struct tracker *t, const struct update *u,
                       size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        list = push(list, render_api_update_json(s, t, &u[i]));
    return render_json_doc(b, put(json_object(), "updates", list));
}

static bool was_public(const struct update *u)
{
    return u->status == UPDATE_PUBLISHED || u->status == UPDATE_RETRACTED;
}

int render_api_update(struct buf *b, const struct site *s,
                      const struct tracker *t, const struct update *u,
                      const struct update *revs, size_t nrev)
{
    json_t *list = json_array();
    for (size_t i = 0; i < nrev; i++)
        if (was_public(&revs[i]))
            list = push(list, render_api_update_json(s, t, &revs[i]));
    json_t *doc = put(json_object(), "update", render_api_update_json(s, t, u));
    return render_json_doc(b, put(doc, "revisions", list));
}

int render_api_claims(struct buf *b, const struct claim *c, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        list = push(list, render_api_claim_json(&c[i]));
    return render_json_doc(b, put(json_object(), "claims", list));
}

int render_api_sources(struct buf *b, const struct source *src, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        list = push(list, source_json(&src[i]));
    return render_json_doc(b, put(json_object(), "sources", list));
}
