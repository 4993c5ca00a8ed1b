/*
 * jsonld.c: schema.org data of the live page and of an update's page.
 *
 * Every value is a jansson string, so the text of the record reaches the
 * page only through html_json's escaping. The live page lists the updates
 * it shows (at most ITEMS_MAX, the newest), so its size stays bounded.
 */
#include "render/jsonld.h"

#include <string.h>

#include "core/day.h"
#include "core/markdown.h"
#include "geo/countries.h"
#include "render/html.h"
#include "render/media.h"
#include "util/date.h"
#include "util/i18n.h"

enum { ITEMS_MAX = 10 }; /* liveBlogUpdate items on the live page */

/* ==== Values ==== */

/* A DateTime in UTC, or NULL (a JSON null) for t 0. */
static json_t *datetime(int64_t t)
{
    char s[TIMESTAMP_LEN + 1];
    if (t == 0)
        return json_null();
    timestamp_format(t, s);
    return json_string(s);
}

/* Sets key to a string unless s is NULL or empty. */
static void set_text(json_t *o, const char *key, const char *s)
{
    if (s && *s)
        json_object_set_new(o, key, json_string(s));
}

/* The site as an Organization: named by its host ("news.example"). */
static json_t *organization(const struct site *s)
{
    const char *base = s->base_url ? s->base_url : "";
    const char *host = strstr(base, "://");
    host = host ? host + 3 : base;
    if (*host == '\0') /* a mirror written without an address */
        return json_pack("{s:s, s:s}", "@type", "Organization", "name",
                         "Vigil");
    return json_pack("{s:s, s:s%, s:s}", "@type", "Organization", "name", host,
                     strcspn(host, ":/"), "url", base);
}

/* The Event the coverage is about: its days and, when the tracker has a
 * country, its Place (named in the page's language). */
static json_t *event(const struct tracker *t, int64_t start, int64_t end)
{
    json_t *e = json_pack("{s:s, s:s, s:o}", "@type", "Event", "name", t->title,
                          "startDate", datetime(start));
    if (end)
        json_object_set_new(e, "endDate", datetime(end));
    const struct country *home = country_find(t->country);
    if (home)
        json_object_set_new(e, "location",
                            json_pack("{s:s, s:s, s:{s:s, s:s}}", "@type",
                                      "Place", "name", i18n_country(home->name),
                                      "address", "@type", "PostalAddress",
                                      "addressCountry", t->country));
    return e;
}

/* When Day 1 begins, and (0 while live) when the last day ends. */
static void coverage(const struct tracker *t, int64_t *start, int64_t *end)
{
    *start = tracker_day_start(t, 1);
    *end = 0;
    if (t->ended_on.year) {
        int64_t days =
            date_to_days(t->ended_on) - date_to_days(t->started_on) + 1;
        *end = tracker_day_start(t, days + 1);
    }
}

/* ==== Updates ==== */

static void tracker_url(struct buf *b, const struct site *s,
                        const struct tracker *t)
{
    buf_puts(b, s->base_url ? s->base_url : "");
    BUF_LIT(b, "/t/");
    html_url_path(b, t->slug);
}

/* When readers last saw u change: its last edit, else its publication. */
static int64_t modified_at(const struct update *u)
{
    return u->edited_at > u->published_at ? u->edited_at : u->published_at;
}

/* u's words as plain text; its Markdown itself should a saved body ever
 * fail markdown_plain's checks. */
static json_t *plain_body(const struct update *u)
{
    const char *md = u->body_md ? u->body_md : "";
    struct buf flat = BUF_INIT(2 * MARKDOWN_MAX_BYTES);
    struct vg_err err = VG_ERR_INIT;
    if (markdown_plain(md, strlen(md), &flat, &err) != 0 || flat.failed) {
        buf_reset(&flat);
        buf_puts(&flat, md);
    }
    json_t *j = json_string(buf_cstr(&flat));
    buf_release(&flat);
    return j;
}

/* One update as a BlogPosting, without @context. */
static json_t *posting(const struct site *s, const struct tracker *t,
                       const struct update *u)
{
    struct buf url = BUF_INIT(HTML_SCRATCH_MAX);
    tracker_url(&url, s, t);
    buf_printf(&url, "/u/%lld", (long long)u->number);
    json_t *p =
        json_pack("{s:s, s:s}", "@type", "BlogPosting", "url", buf_cstr(&url));
    set_text(p, "headline", u->title);
    json_object_set_new(p, "articleBody", plain_body(u));
    json_object_set_new(p, "datePublished", datetime(u->published_at));
    json_object_set_new(p, "dateModified", datetime(modified_at(u)));
    if (u->byline && *u->byline)
        json_object_set_new(
            p, "author",
            json_pack("{s:s, s:s}", "@type", "Person", "name", u->byline));
    set_text(p, "inLanguage", u->lang);
    buf_reset(&url);
    jsonld_image_url(&url, s, u);
    set_text(p, "image", buf_cstr(&url));
    buf_release(&url);
    return p;
}

void jsonld_image_url(struct buf *b, const struct site *s,
                      const struct update *u)
{
    if (u->image)
        render_media_jpeg_url(b, s->base_url, u->image);
}

/* ==== Pages ==== */

json_t *jsonld_live(const struct site *s, const struct tracker_view *v,
                    const char *image)
{
    const struct tracker *t = &v->tracker;
    int64_t start, end, modified = t->created_at;
    coverage(t, &start, &end);
    json_t *items = json_array();
    for (size_t i = 0; i < v->nupdates && i < ITEMS_MAX; i++) {
        const struct update *u = &v->updates[i];
        json_array_append_new(items, posting(s, t, u));
        if (modified_at(u) > modified)
            modified = modified_at(u);
    }
    struct buf url = BUF_INIT(HTML_SCRATCH_MAX);
    tracker_url(&url, s, t);
    json_t *ld =
        json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "@context",
                  "https://schema.org", "@type", "LiveBlogPosting", "url",
                  buf_cstr(&url), "headline", t->title, "datePublished",
                  datetime(t->created_at), "dateModified", datetime(modified),
                  "coverageStartTime", datetime(start), "author",
                  organization(s), "publisher", organization(s));
    buf_release(&url);
    if (end)
        json_object_set_new(ld, "coverageEndTime", datetime(end));
    set_text(ld, "description", t->summary);
    json_object_set_new(
        ld, "inLanguage",
        json_stringn(t->languages ? t->languages : "en",
                     strcspn(t->languages ? t->languages : "en", ",")));
    set_text(ld, "image", image);
    json_object_set_new(ld, "about", event(t, start, end));
    json_object_set_new(ld, "liveBlogUpdate", items);
    return ld;
}

json_t *jsonld_update(const struct site *s, const struct tracker *t,
                      const struct update *u)
{
    json_t *ld = json_pack("{s:s}", "@context", "https://schema.org");
    json_object_update_new(ld, posting(s, t, u));
    struct buf url = BUF_INIT(HTML_SCRATCH_MAX);
    tracker_url(&url, s, t);
    json_object_set_new(ld, "publisher", organization(s));
    json_object_set_new(ld, "isPartOf",
                        json_pack("{s:s, s:s, s:s}", "@type", "LiveBlogPosting",
                                  "url", buf_cstr(&url), "headline", t->title));
    buf_release(&url);
    return ld;
}
