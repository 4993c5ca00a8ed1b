/*
 * feed.c: Atom and JSON Feed.
 *
 * Atom is written with literal markup (HTML_LIT) and xml_text for every
 * value, attributes included; an update's body, trusted HTML from cmark,
 * is carried as escaped text in <content type="html">. JSON Feed is built
 * with jansson, which escapes by construction. Both say the same things:
 * each entry is built once (struct entry), from an update or from a claim
 * withdrawn, and written by either.
 */
#include "render/feed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/enums.h"
#include "core/figure.h"
#include "render/api.h"
#include "render/embed.h"
#include "render/html.h"
#include "render/media.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Limits of one value; an update's Markdown is at most 64 KiB, so its HTML
 * stays well under HTML_MAX. */
enum { URL_MAX = 4096, TITLE_MAX = 4096, HTML_MAX = 1 << 20 };

static const char JSONFEED_VERSION[] = "https://jsonfeed.org/version/1.1";
static const char FEED_AUTHOR[] = "Vigil";

/* ==== What both feeds say ==== */

static bool is_public(const struct update *u)
{
    return u->status == UPDATE_PUBLISHED || u->status == UPDATE_RETRACTED;
}

/* The tracker's main language (the first of its tags; "en" if none):
 * lent, and *n set to its length. */
static const char *main_lang(const struct tracker *t, size_t *n)
{
    const char *l = t->languages && *t->languages ? t->languages : "en";
    *n = strcspn(l, ",");
    return l;
}

/* One entry of either feed: an update, or a claim withdrawn. Its
 * buffers are released by entry_release. */
struct entry {
    struct buf url, title, html;
    int64_t updated, published; /* published 0: none */
    const char *lang;           /* or NULL */
    const char *byline;         /* who wrote it, when the tracker says */
    bool key_event;
    const char *status; /* vigil:status */
    const char *what;   /* "update" or "claim", for JSON Feed's _vigil */
    int64_t number;
    struct buf image; /* the absolute URL of the update's image, or "" */
};

static void entry_init(struct entry *e)
{
    *e = (struct entry){.url = BUF_INIT(URL_MAX),
                        .title = BUF_INIT(TITLE_MAX),
                        .html = BUF_INIT(HTML_MAX),
                        .image = BUF_INIT(URL_MAX)};
}

static void entry_release(struct entry *e)
{
    buf_release(&e->url);
    buf_release(&e->title);
    buf_release(&e->html);
    buf_release(&e->image);
}

/* Appends <p class="notice">MSG</p>, msg's %s a link to update number
 * whose text is link: the live page's own notices. */
static void update_notice(struct buf *b, const struct site *s,
                          const struct tracker *t, const char *msg,
                          int64_t number, const char *link)
{
    struct buf url = BUF_INIT(URL_MAX);
    struct buf a = BUF_INIT(HTML_SCRATCH_MAX);
    render_update_url(&url, s, t, number);
    HTML_LIT(&a, "<a");
    html_attr(&a, "href", buf_cstr(&url));
    HTML_LIT(&a, ">");
    html_text(&a, link);
    HTML_LIT(&a, "</a>");
    HTML_LIT(b, "<p class=\"notice\">");
    html_msg(b, msg, &(struct html_frag){buf_cstr(&a), a.len}, 1);
    HTML_LIT(b, "</p>\n");
    b->failed = b->failed || url.failed || a.failed;
    buf_release(&url);
    buf_release(&a);
}

/* i18n_msg into b with one argument, a number in Latin digits. */
static void msg_number(struct buf *b, const char *msg, int64_t n)
{
    char num[24];
    snprintf(num, sizeof num, "%lld", (long long)n);
    i18n_msg(b, msg, (const char *const[]){num}, 1);
}

/* Update u as an entry: titled "Retracted: ..." when retracted, its body
 * after the notices the page shows (retracted, corrected, a
 * correction's). */
static void update_entry(const struct site *s, const struct tracker *t,
                         const struct update *u, struct entry *e)
{
    render_update_url(&e->url, s, t, u->number);
    struct buf name = BUF_INIT(HTML_SCRATCH_MAX);
    if (u->title && *u->title)
        buf_puts(&name, u->title);
    else
        msg_number(&name, _("Update %s"), u->number);
    if (u->status == UPDATE_RETRACTED)
        i18n_msg(&e->title, _("Retracted: %s"),
                 (const char *const[]){buf_cstr(&name)}, 1);
    else
        buf_puts(&e->title, buf_cstr(&name));
    buf_release(&name);
    if (u->status == UPDATE_RETRACTED) {
        HTML_LIT(&e->html, "<p class=\"notice\">");
        html_text(&e->html, _("This update was retracted. Its text is kept "
                              "below for the record."));
        HTML_LIT(&e->html, "</p>\n");
    }
    if (u->corrected_by)
        update_notice(&e->html, s, t, _("This update was corrected: %s."),
                      u->corrected_by, _("read the correction"));
    if (u->corrects) {
        struct buf link = BUF_INIT(64);
        msg_number(&link, _("update %s"), u->corrects);
        update_notice(&e->html, s, t, _("This corrects %s."), u->corrects,
                      buf_cstr(&link));
        buf_release(&link);
    }
    const char *body = u->body_html ? u->body_html : "";
    html_frag(&e->html, (struct html_frag){body, strlen(body)});
    if (u->embed)
        render_embed_facade(&e->html, u->embed);
    e->updated = u->revised_at ? u->revised_at : u->created_at;
    e->published = u->published_at;
    e->lang = u->lang && *u->lang ? u->lang : NULL;
    e->byline = u->byline;
    e->key_event = u->key_event;
    e->status = enum_name(&update_status_names, u->status);
    e->what = "update";
    e->number = u->number;
    if (u->image)
        render_media_jpeg_url(&e->image, s->base_url, u->image);
}

/* "killed: at least 208 (Amnesty International), as of 2019-12-02". */
static void claim_words(struct buf *b, const struct claim *c)
{
    char as_of[DATE_LEN + 1];
    date_format(c->as_of, as_of);
    struct buf figure = BUF_INIT(256);
    figure_phrase(c, &figure);
    /* TRANSLATORS: a figure in a feed: "killed: at least 208 (Amnesty
     * International), as of 2019-12-02" (the date stays ISO 8601). */
    i18n_msg(b, _("%1$s: %2$s (%3$s), as of %4$s"),
             (const char *const[]){c->metric_key ? c->metric_key : "",
                                   buf_cstr(&figure),
                                   c->source_name ? c->source_name : "", as_of},
             4);
    buf_release(&figure);
}

/* The claim numbered `number` of c[0..n), or NULL. */
static const struct claim *claim_numbered(const struct claim *c, size_t n,
                                          int64_t number)
{
    for (size_t i = 0; i < n; i++)
        if (c[i].number == number)
            return &c[i];
    return NULL;
}

/* Withdrawn claim c (of all[0..n)) as an entry: where its metric's page
 * lists it, what it said, when and why it was withdrawn, and what
 * corrects it. No login is shown. */
static void withdrawal_entry(const struct site *s, const struct tracker *t,
                             const struct claim *c, const struct claim *all,
                             size_t n, struct entry *e)
{
    const struct retraction *r = &c->retraction;
    const struct claim *fix = claim_numbered(all, n, r->corrected_by);
    struct buf text = BUF_INIT(HTML_SCRATCH_MAX);
    char at[TIMESTAMP_LEN + 1];
    timestamp_format(r->at, at);
    render_tracker_url(&e->url, s, t, "/tallies/");
    html_url_path(&e->url, c->metric_key ? c->metric_key : "");
    buf_printf(&e->url, "#claim-%lld", (long long)c->number);
    claim_words(&text, c);
    i18n_msg(&e->title,
             r->corrected_by ? _("Figure corrected: %s")
                             : _("Figure retracted: %s"),
             (const char *const[]){buf_cstr(&text)}, 1);
    at[10] = '\0'; /* the day */
    struct buf line = BUF_INIT(HTML_SCRATCH_MAX);
    i18n_msg(&line,
             r->corrected_by ? _("Corrected on %1$s: %2$s")
                             : _("Retracted on %1$s: %2$s"),
             (const char *const[]){at, r->reason}, 2);
    HTML_LIT(&e->html, "<p class=\"notice\">");
    html_text(&e->html, buf_cstr(&line));
    HTML_LIT(&e->html, "</p>\n<p>");
    char num[24];
    snprintf(num, sizeof num, "%lld", (long long)c->number);
    buf_reset(&line);
    i18n_msg(&line, _("Claim %1$s, %2$s."),
             (const char *const[]){num, buf_cstr(&text)}, 2);
    if (fix) {
        buf_reset(&text);
        claim_words(&text, fix);
        snprintf(num, sizeof num, "%lld", (long long)fix->number);
        BUF_LIT(&line, " ");
        i18n_msg(&line, _("Corrected by claim %1$s, %2$s."),
                 (const char *const[]){num, buf_cstr(&text)}, 2);
    }
    html_text(&e->html, buf_cstr(&line));
    HTML_LIT(&e->html, "</p>\n");
    e->html.failed = e->html.failed || line.failed;
    buf_release(&line);
    e->html.failed = e->html.failed || text.failed;
    buf_release(&text);
    e->updated = e->published = r->at;
    e->status = r->corrected_by ? "corrected" : "retracted";
    e->what = "claim";
    e->number = c->number;
}

/* Which entries a feed holds, newest first: its public updates and its
 * withdrawn claims, at most FEED_UPDATES of each, merged by time (an
 * update's publication, a claim's withdrawal). */
struct feed_order {
    const struct update *u;
    size_t nu;
    const struct claim **w; /* withdrawn claims, newest first */
    size_t nw;
    size_t iu, iw;
};

static int by_withdrawal(const void *pa, const void *pb)
{
    const struct claim *a = *(const struct claim *const *)pa;
    const struct claim *b = *(const struct claim *const *)pb;
    if (a->retraction.at != b->retraction.at)
        return a->retraction.at < b->retraction.at ? 1 : -1;
    return (a->number < b->number) - (a->number > b->number);
}

static void order_init(struct feed_order *o, const struct update *u, size_t n,
                       const struct claim *c, size_t nc)
{
    *o = (struct feed_order){.u = u, .nu = n < FEED_UPDATES ? n : FEED_UPDATES};
    o->w = xmalloc((nc ? nc : 1) * sizeof *o->w);
    for (size_t i = 0; i < nc; i++)
        if (c[i].retraction.reason)
            o->w[o->nw++] = &c[i];
    if (o->nw)
        qsort(o->w, o->nw, sizeof *o->w, by_withdrawal);
    if (o->nw > FEED_UPDATES)
        o->nw = FEED_UPDATES;
}

/* The next entry into e (entry_init'ed); false when there is none. */
static bool order_next(struct feed_order *o, const struct site *s,
                       const struct tracker *t, const struct claim *c,
                       size_t nc, struct entry *e)
{
    while (o->iu < o->nu && !is_public(&o->u[o->iu]))
        o->iu++;
    bool has_u = o->iu < o->nu, has_w = o->iw < o->nw;
    if (has_w &&
        (!has_u || o->w[o->iw]->retraction.at > o->u[o->iu].published_at))
        withdrawal_entry(s, t, o->w[o->iw++], c, nc, e);
    else if (has_u)
        update_entry(s, t, &o->u[o->iu++], e);
    return has_u || has_w;
}

/* When the feed last changed: its newest entry, or the tracker's birth. */
static int64_t feed_updated(const struct site *s, const struct tracker *t,
                            const struct update *u, size_t n,
                            const struct claim *c, size_t nc)
{
    struct feed_order o;
    struct entry e;
    int64_t latest = 0;
    order_init(&o, u, n, c, nc);
    for (entry_init(&e); order_next(&o, s, t, c, nc, &e); entry_init(&e)) {
        if (e.updated > latest)
            latest = e.updated;
        entry_release(&e);
    }
    entry_release(&e);
    free(o.w);
    return latest ? latest : t->created_at;
}

/* ==== Atom writers ==== */

/* Appends ` name="value"`, value escaped; name is a literal. */
static void xml_attr(struct buf *b, const char *name, const char *value)
{
    buf_putc(b, ' ');
    buf_puts(b, name);
    HTML_LIT(b, "=\"");
    xml_text(b, value);
    buf_putc(b, '"');
}

/* The same with the value's first n bytes (language tags: ASCII). */
static void xml_attrn(struct buf *b, const char *name, const char *value,
                      size_t n)
{
    struct buf v = BUF_INIT(HTML_SCRATCH_MAX);
    buf_append(&v, value, n);
    xml_attr(b, name, buf_cstr(&v));
    buf_release(&v);
}

/* Appends <name>text</name> and a newline; name is a literal. */
static void element(struct buf *b, const char *name, const char *text)
{
    buf_putc(b, '<');
    buf_puts(b, name);
    buf_putc(b, '>');
    xml_text(b, text);
    HTML_LIT(b, "</");
    buf_puts(b, name);
    HTML_LIT(b, ">\n");
}

/* Appends <name>YYYY-MM-DDTHH:MM:SSZ</name>. */
static void time_element(struct buf *b, const char *name, int64_t at)
{
    char iso[TIMESTAMP_LEN + 1];
    timestamp_format(at, iso);
    element(b, name, iso);
}

/* Appends <link rel type href/>; rel and type are literals. */
static void link_element(struct buf *b, const char *rel, const char *type,
                         const struct buf *href)
{
    HTML_LIT(b, "<link");
    xml_attr(b, "rel", rel);
    xml_attr(b, "type", type);
    xml_attr(b, "href", buf_cstr(href));
    HTML_LIT(b, "/>\n");
}

/* Appends an element whose text is built in a scratch buffer. */
static void built_element(struct buf *b, const char *name, const char *attrs,
                          struct buf *text)
{
    buf_putc(b, '<');
    buf_puts(b, name);
    buf_puts(b, attrs);
    buf_putc(b, '>');
    xml_text(b, buf_cstr(text));
    HTML_LIT(b, "</");
    buf_puts(b, name);
    HTML_LIT(b, ">\n");
    buf_release(text);
}

/* ==== Atom ==== */

static void atom_entry(struct buf *b, struct entry *e)
{
    HTML_LIT(b, "<entry");
    if (e->lang)
        xml_attr(b, "xml:lang", e->lang);
    HTML_LIT(b, ">\n");
    element(b, "id", buf_cstr(&e->url));
    built_element(b, "title", " type=\"text\"", &e->title);
    time_element(b, "updated", e->updated);
    if (e->published)
        time_element(b, "published", e->published);
    link_element(b, "alternate", "text/html", &e->url);
    if (e->byline) { /* the tracker shows who wrote it */
        HTML_LIT(b, "<author>");
        element(b, "name", e->byline);
        HTML_LIT(b, "</author>\n");
    }
    if (e->key_event) {
        HTML_LIT(b, "<category term=\"key-event\"");
        xml_attr(b, "label", _("Key event"));
        HTML_LIT(b, "/>\n");
    }
    if (e->image.len)
        link_element(b, "enclosure", "image/jpeg", &e->image);
    element(b, "vigil:status", e->status);
    built_element(b, "content", " type=\"html\"", &e->html);
}

/* The feed's own elements: id, title, dates, author, links, chain head. */
static void atom_head(struct buf *b, const struct site *s,
                      const struct tracker *t, int64_t updated,
                      const char *chain_head)
{
    struct buf home = BUF_INIT(URL_MAX), self = BUF_INIT(URL_MAX);
    render_tracker_url(&home, s, t, "");
    render_tracker_url(&self, s, t, "/feed.atom");
    element(b, "id", buf_cstr(&home));
    HTML_LIT(b, "<title type=\"text\">");
    xml_text(b, t->title);
    HTML_LIT(b, "</title>\n");
    if (t->summary && *t->summary)
        element(b, "subtitle", t->summary);
    time_element(b, "updated", updated);
    HTML_LIT(b, "<author>");
    element(b, "name", FEED_AUTHOR);
    if (s->base_url && *s->base_url)
        element(b, "uri", s->base_url);
    HTML_LIT(b, "</author>\n");
    link_element(b, "self", "application/atom+xml", &self);
    link_element(b, "alternate", "text/html", &home);
    element(b, "vigil:chain-head", chain_head ? chain_head : "");
    buf_release(&home);
    buf_release(&self);
}

void render_atom(struct buf *b, const struct site *s, const struct tracker *t,
                 const struct update *u, size_t n, const struct claim *c,
                 size_t nc, const char *chain_head)
{
    size_t nlang;
    const char *lang = main_lang(t, &nlang);
    HTML_LIT(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
                "xmlns:vigil=\"" FEED_NS "\"");
    xml_attrn(b, "xml:lang", lang, nlang);
    HTML_LIT(b, ">\n");
    atom_head(b, s, t, feed_updated(s, t, u, n, c, nc), chain_head);
    struct feed_order o;
    struct entry e;
    order_init(&o, u, n, c, nc);
    for (entry_init(&e); order_next(&o, s, t, c, nc, &e); entry_init(&e)) {
        atom_entry(b, &e);
        HTML_LIT(b, "</entry>\n");
        entry_release(&e);
    }
    entry_release(&e);
    free(o.w);
    HTML_LIT(b, "</feed>\n");
}

/* ==== JSON Feed ==== */

/* One item; NULL when its text could not be encoded. */
static json_t *json_item(const struct entry *e)
{
    char published[TIMESTAMP_LEN + 1], modified[TIMESTAMP_LEN + 1];
    timestamp_format(e->published, published);
    timestamp_format(e->updated, modified);
    if (e->url.failed || e->title.failed || e->html.failed)
        return NULL;
    json_t *tags = e->key_event ? json_pack("[s]", "key-event") : NULL;
    json_t *j = json_pack(
        "{s:s, s:s, s:s, s:s, s:s*, s:s, s:s*, s:o*, s:{s:I, s:s}}", "id",
        buf_cstr(&e->url), "url", buf_cstr(&e->url), "title",
        buf_cstr(&e->title), "content_html", buf_cstr(&e->html),
        "date_published", e->published ? published : NULL, "date_modified",
        modified, "language", e->lang, "tags", tags, "_vigil", e->what,
        (json_int_t)e->number, "status", e->status);
    if (j && e->image.len)
        json_object_update_new(j, json_pack("{s:s, s:[{s:s, s:s}]}", "image",
                                            buf_cstr(&e->image), "attachments",
                                            "url", buf_cstr(&e->image),
                                            "mime_type", "image/jpeg"));
    if (j && e->byline) /* the tracker shows who wrote it */
        json_object_set_new(j, "authors",
                            json_pack("[{s:s}]", "name", e->byline));
    return j;
}

/* The items array; NULL when any item could not be encoded. */
static json_t *json_items(const struct site *s, const struct tracker *t,
                          const struct update *u, size_t n,
                          const struct claim *c, size_t nc)
{
    json_t *items = json_array();
    struct feed_order o;
    struct entry e;
    order_init(&o, u, n, c, nc);
    for (entry_init(&e); items && order_next(&o, s, t, c, nc, &e);
         entry_init(&e)) {
        json_t *item = json_item(&e);
        if (item == NULL || json_array_append_new(items, item) != 0) {
            json_decref(items);
            items = NULL;
        }
        entry_release(&e);
    }
    entry_release(&e);
    free(o.w);
    return items;
}

int render_json_feed(struct buf *b, const struct site *s,
                     const struct tracker *t, const struct update *u, size_t n,
                     const struct claim *c, size_t nc, const char *chain_head)
{
    struct buf home = BUF_INIT(URL_MAX), self = BUF_INIT(URL_MAX);
    size_t nlang;
    const char *lang = main_lang(t, &nlang);
    render_tracker_url(&home, s, t, "");
    render_tracker_url(&self, s, t, "/feed.json");
    json_t *items = json_items(s, t, u, n, c, nc);
    json_t *feed = NULL;
    if (items && !home.failed && !self.failed)
        feed = json_pack(
            "{s:s, s:s, s:s, s:s, s:s*, s:s%, s:[{s:s, s:s*}], s:o, s:{s:s?}}",
            "version", JSONFEED_VERSION, "title", t->title, "home_page_url",
            buf_cstr(&home), "feed_url", buf_cstr(&self), "description",
            t->summary && *t->summary ? t->summary : NULL, "language", lang,
            nlang, "authors", "name", FEED_AUTHOR, "url",
            s->base_url && *s->base_url ? s->base_url : NULL, "items", items,
            "_vigil", "chain_head",
            chain_head && *chain_head ? chain_head : NULL);
    else
        json_decref(items);
    buf_release(&home);
    buf_release(&self);
    return feed ? render_json_doc(b, feed) : VG_EINVAL;
}
