/*
 * feed.c: Atom and JSON Feed.
 *
 * Atom is written with literal markup (HTML_LIT) and xml_text for every
 * value, attributes included; an update's body, trusted HTML from cmark,
 * is carried as escaped text in <content type="html">. JSON Feed is built
 * with jansson, which escapes by construction. Both say the same things:
 * the helpers below (entry_title, entry_html, main_lang) feed both.
 */
#include "render/feed.h"

#include <string.h>

#include "core/enums.h"
#include "render/api.h"
#include "render/html.h"
#include "util/err.h"

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

/* Appends the entry's title as plain text: the update's title, or
 * "Update N", after "Retracted: " for a retracted one. */
static void entry_title(struct buf *b, const struct update *u)
{
    if (u->status == UPDATE_RETRACTED)
        BUF_LIT(b, "Retracted: ");
    if (u->title && *u->title)
        buf_puts(b, u->title);
    else
        buf_printf(b, "Update %lld", (long long)u->number);
}

/* Appends the entry's content as HTML: the body, after a notice for a
 * retracted update. */
static void entry_html(struct buf *b, const struct update *u)
{
    const char *body = u->body_html ? u->body_html : "";
    if (u->status == UPDATE_RETRACTED)
        HTML_LIT(b, "<p class=\"notice\">This update was retracted. Its "
                    "text is kept below for the record.</p>\n");
    html_frag(b, (struct html_frag){body, strlen(body)});
}

/* When the entry last changed: its revision's time. */
static int64_t entry_updated(const struct update *u)
{
    return u->revised_at ? u->revised_at : u->created_at;
}

/* When the feed last changed: its newest entry, or the tracker's birth. */
static int64_t feed_updated(const struct tracker *t, const struct update *u,
                            size_t n)
{
    int64_t latest = 0;
    for (size_t i = 0; i < n; i++)
        if (is_public(&u[i]) && entry_updated(&u[i]) > latest)
            latest = entry_updated(&u[i]);
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

static void atom_entry(struct buf *b, const struct site *s,
                       const struct tracker *t, const struct update *u)
{
    struct buf url = BUF_INIT(URL_MAX), title = BUF_INIT(TITLE_MAX);
    struct buf html = BUF_INIT(HTML_MAX);
    render_update_url(&url, s, t, u->number);
    HTML_LIT(b, "<entry");
    if (u->lang && *u->lang)
        xml_attr(b, "xml:lang", u->lang);
    HTML_LIT(b, ">\n");
    element(b, "id", buf_cstr(&url));
    entry_title(&title, u);
    built_element(b, "title", " type=\"text\"", &title);
    time_element(b, "updated", entry_updated(u));
    if (u->published_at)
        time_element(b, "published", u->published_at);
    link_element(b, "alternate", "text/html", &url);
    if (u->byline) { /* the tracker shows who wrote it */
        HTML_LIT(b, "<author>");
        element(b, "name", u->byline);
        HTML_LIT(b, "</author>\n");
    }
    if (u->key_event)
        HTML_LIT(b, "<category term=\"key-event\" label=\"Key event\"/>\n");
    element(b, "vigil:status", enum_name(&update_status_names, u->status));
    entry_html(&html, u);
    built_element(b, "content", " type=\"html\"", &html);
    HTML_LIT(b, "</entry>\n");
    buf_release(&url);
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
                 const struct update *u, size_t n, const char *chain_head)
{
    size_t nlang;
    const char *lang = main_lang(t, &nlang);
    if (n > FEED_UPDATES)
        n = FEED_UPDATES;
    HTML_LIT(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
                "xmlns:vigil=\"" FEED_NS "\"");
    xml_attrn(b, "xml:lang", lang, nlang);
    HTML_LIT(b, ">\n");
    atom_head(b, s, t, feed_updated(t, u, n), chain_head);
    for (size_t i = 0; i < n; i++)
        if (is_public(&u[i]))
            atom_entry(b, s, t, &u[i]);
    HTML_LIT(b, "</feed>\n");
}

/* ==== JSON Feed ==== */

/* One item; NULL when its text could not be encoded. */
static json_t *json_item(const struct site *s, const struct tracker *t,
                         const struct update *u)
{
    struct buf url = BUF_INIT(URL_MAX), title = BUF_INIT(TITLE_MAX);
    struct buf html = BUF_INIT(HTML_MAX);
    char published[TIMESTAMP_LEN + 1], modified[TIMESTAMP_LEN + 1];
    render_update_url(&url, s, t, u->number);
    entry_title(&title, u);
    entry_html(&html, u);
    timestamp_format(u->published_at, published);
    timestamp_format(entry_updated(u), modified);
    json_t *tags = u->key_event ? json_pack("[s]", "key-event") : NULL;
    json_t *j = NULL;
    if (!url.failed && !title.failed && !html.failed)
        j = json_pack(
            "{s:s, s:s, s:s, s:s, s:s*, s:s, s:s*, s:o*, s:{s:I, s:s}}", "id",
            buf_cstr(&url), "url", buf_cstr(&url), "title", buf_cstr(&title),
            "content_html", buf_cstr(&html), "date_published",
            u->published_at ? published : NULL, "date_modified", modified,
            "language", u->lang && *u->lang ? u->lang : NULL, "tags", tags,
            "_vigil", "number", (json_int_t)u->number, "status",
            enum_name(&update_status_names, u->status));
    else
        json_decref(tags);
    if (j && u->byline) /* the tracker shows who wrote it */
        json_object_set_new(j, "authors",
                            json_pack("[{s:s}]", "name", u->byline));
    buf_release(&url);
    buf_release(&title);
    buf_release(&html);
    return j;
}

/* The items array; NULL when any item could not be encoded. */
static json_t *json_items(const struct site *s, const struct tracker *t,
                          const struct update *u, size_t n)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < FEED_UPDATES; i++) {
        if (!is_public(&u[i]))
            continue;
        json_t *item = json_item(s, t, &u[i]);
        if (item == NULL || json_array_append_new(items, item) != 0) {
            json_decref(items);
            return NULL;
        }
    }
    return items;
}

int render_json_feed(struct buf *b, const struct site *s,
                     const struct tracker *t, const struct update *u, size_t n,
                     const char *chain_head)
{
    struct buf home = BUF_INIT(URL_MAX), self = BUF_INIT(URL_MAX);
    size_t nlang;
    const char *lang = main_lang(t, &nlang);
    render_tracker_url(&home, s, t, "");
    render_tracker_url(&self, s, t, "/feed.json");
    json_t *items = json_items(s, t, u, n);
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
