/* layout.c: the page frame. */
#include "render/layout.h"

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#include "render/html.h"
#include "util/i18n.h"

void layout_tracker_path(struct buf *b, const struct tracker *t,
                         const char *rest)
{
    HTML_LIT(b, "/t/");
    html_url_path(b, t->slug);
    buf_puts(b, rest);
}

void layout_href(struct buf *b, const struct tracker *t, const char *fmt, ...)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    layout_tracker_path(&path, t, "");
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&path, fmt, ap);
    va_end(ap);
    html_attr(b, "href", buf_cstr(&path));
    b->failed = b->failed || path.failed;
    buf_release(&path);
}

/* oEmbed discovery (oembed.com §4): where a CMS given the tracker's
 * address asks for the markup that embeds it. */
static void oembed_link(struct buf *b, const struct site *s,
                        const struct tracker *t)
{
    struct buf page = BUF_INIT(HTML_SCRATCH_MAX);
    buf_puts(&page, s->base_url);
    layout_tracker_path(&page, t, "");
    struct buf href = BUF_INIT(HTML_SCRATCH_MAX);
    buf_puts(&href, s->base_url);
    BUF_LIT(&href, "/oembed?url=");
    html_url_path(&href, buf_cstr(&page));
    BUF_LIT(&href, "&format=json");
    HTML_LIT(b, "<link rel=\"alternate\" type=\"application/json+oembed\"");
    html_url_attr(b, "href", buf_cstr(&href));
    html_attr(b, "title", t->title);
    HTML_LIT(b, ">\n");
    buf_release(&href);
    buf_release(&page);
}

/* <meta ATTR="NAME" content="CONTENT">, CONTENT escaped; nothing for
 * NULL or empty content. attr is "name" or "property". */
static void meta(struct buf *b, bool property, const char *name,
                 const char *content)
{
    if (content == NULL || *content == '\0')
        return;
    HTML_LIT(b, "<meta");
    if (property)
        html_attr(b, "property", name);
    else
        html_attr(b, "name", name);
    html_attr(b, "content", content);
    HTML_LIT(b, ">\n");
}

/* What search engines show under a result and what a shared link shows
 * (ogp.me, Twitter's cards), for public pages only: those of a tracker or
 * with a canonical URL. The description is the tracker's summary; the
 * image the one the page's schema.org data names, so that both say the
 * same. og:locale is the page's main language tag, its subtags joined by
 * '_' ("pt_BR"). */
static void previews(struct buf *b, const struct site *s,
                     const struct layout *l)
{
    if (l->tracker == NULL && l->canonical == NULL)
        return;
    const char *d = l->tracker ? l->tracker->summary : NULL;
    const char *image = json_string_value(json_object_get(l->jsonld, "image"));
    struct buf v = BUF_INIT(HTML_SCRATCH_MAX);
    const char *lang = l->lang ? l->lang : "en";
    buf_append(&v, lang, strcspn(lang, ","));
    for (size_t i = 0; i < v.len; i++)
        if (v.p[i] == '-')
            v.p[i] = '_';
    meta(b, false, "description", d);
    meta(b, true, "og:title", l->title);
    meta(b, true, "og:description", d);
    meta(b, true, "og:type", l->tracker ? "article" : "website");
    meta(b, true, "og:locale", buf_cstr(&v));
    if (l->canonical) {
        buf_reset(&v);
        buf_puts(&v, s->base_url);
        buf_puts(&v, l->canonical);
        meta(b, true, "og:url", buf_cstr(&v));
    }
    meta(b, true, "og:image", image);
    meta(b, false, "twitter:card", image ? "summary_large_image" : "summary");
    buf_release(&v);
}

static void head(struct buf *b, const struct site *s, const struct layout *l)
{
    HTML_LIT(b, "<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, "
                "initial-scale=1\">\n<title>");
    html_text(b, l->title);
    HTML_LIT(b, "</title>\n<link rel=\"stylesheet\"");
    html_attr(b, "href", s->css_href);
    HTML_LIT(b, ">\n<link rel=\"icon\" type=\"image/svg+xml\"");
    html_attr(b, "href", s->icon_href);
    HTML_LIT(b, ">\n");
    if (l->canonical) {
        HTML_LIT(b, "<link rel=\"canonical\"");
        struct buf url = BUF_INIT(HTML_SCRATCH_MAX);
        buf_puts(&url, s->base_url);
        buf_puts(&url, l->canonical);
        html_url_attr(b, "href", buf_cstr(&url));
        buf_release(&url);
        HTML_LIT(b, ">\n");
    }
    previews(b, s, l);
    if (l->tracker) {
        oembed_link(b, s, l->tracker);
        HTML_LIT(b, "<link rel=\"alternate\" type=\"application/atom+xml\"");
        layout_href(b, l->tracker, "/feed.atom");
        HTML_LIT(b, ">\n<link rel=\"alternate\" "
                    "type=\"application/feed+json\"");
        layout_href(b, l->tracker, "/feed.json");
        HTML_LIT(b, ">\n");
    }
    if ((l->script == LAYOUT_LIVE || l->script == LAYOUT_EMBED) &&
        s->live_src) {
        HTML_LIT(b, "<script defer");
        html_attr(b, "src", s->live_src);
        HTML_LIT(b, "></script>\n");
    }
    if (l->script == LAYOUT_DESK && s->desk_src) {
        HTML_LIT(b, "<script defer");
        html_attr(b, "src", s->desk_src);
        HTML_LIT(b, "></script>\n");
    }
    if (l->jsonld) {
        HTML_LIT(b, "<script type=\"application/ld+json\">");
        html_json(b, l->jsonld);
        HTML_LIT(b, "</script>\n");
    }
    HTML_LIT(b, "</head>\n");
}

void layout_search_box(struct buf *b, const struct tracker *t)
{
    struct buf to = BUF_INIT(HTML_SCRATCH_MAX);
    if (t)
        layout_tracker_path(&to, t, "/search");
    else
        BUF_LIT(&to, "/search");
    HTML_LIT(b, "<form class=\"search\" role=\"search\" method=\"get\"");
    html_attr(b, "action", buf_cstr(&to));
    HTML_LIT(b, "><input type=\"search\" name=\"q\"");
    html_attr(b, "aria-label", _("Search"));
    HTML_LIT(b, " dir=\"auto\"><button>");
    html_text(b, _("Search"));
    HTML_LIT(b, "</button></form>");
    buf_release(&to);
}

void layout_begin(struct buf *b, const struct site *s, const struct layout *l)
{
    /* The main language is the first of the tags. */
    const char *lang = l->lang ? l->lang : "en";
    HTML_LIT(b, "<!DOCTYPE html>\n<html");
    html_attrn(b, "lang", lang, strcspn(lang, ","));
    if (html_lang_is_rtl(lang))
        HTML_LIT(b, " dir=\"rtl\"");
    HTML_LIT(b, ">\n");
    head(b, s, l);
    if (l->script == LAYOUT_EMBED) {
        HTML_LIT(b, "<body class=\"framed\">\n<main>\n");
        return;
    }
    HTML_LIT(b, "<body>\n<header class=\"site\"><a class=\"brand\" "
                "href=\"/\">Vigil</a>");
    if (l->tracker) {
        HTML_LIT(b, "<a");
        layout_href(b, l->tracker, "%s", "");
        HTML_LIT(b, " dir=\"auto\">");
        html_text(b, l->tracker->title);
        HTML_LIT(b, "</a><a");
        layout_href(b, l->tracker, "/tallies");
        HTML_LIT(b, ">");
        html_text(b, _("Figures"));
        HTML_LIT(b, "</a><a href=\"/sources\">");
        html_text(b, _("Sources"));
        HTML_LIT(b, "</a><a");
        layout_href(b, l->tracker, "/lite");
        HTML_LIT(b, ">");
        html_text(b, _("Text only"));
        HTML_LIT(b, "</a>");
    } else {
        HTML_LIT(b, "<a href=\"/sources\">");
        html_text(b, _("Sources"));
        HTML_LIT(b, "</a>");
    }
    if (l->tracker) /* a tracker's pages; not sign-in, nor the desk */
        layout_search_box(b, l->tracker);
    HTML_LIT(b, "</header>\n<main>\n");
}

void layout_end(struct buf *b, const struct site *s, const struct layout *l)
{
    (void)s;
    if (l->script == LAYOUT_EMBED) {
        HTML_LIT(b, "</main>\n</body>\n</html>\n");
        return;
    }
    HTML_LIT(b, "</main>\n<footer class=\"site\"><span>");
    html_text(b, _("Every figure is a claim: who said it, and when."));
    HTML_LIT(b, "</span>");
    if (l->tracker) {
        HTML_LIT(b, "<a");
        layout_href(b, l->tracker, "/feed.atom");
        HTML_LIT(b, ">Atom</a><a");
        layout_href(b, l->tracker, "/feed.json");
        HTML_LIT(b, ">JSON Feed</a><a");
        struct buf api = BUF_INIT(HTML_SCRATCH_MAX);
        HTML_LIT(&api, "/api/v1/trackers/");
        html_url_path(&api, l->tracker->slug);
        html_attr(b, "href", buf_cstr(&api));
        buf_release(&api);
        HTML_LIT(b, ">API</a>");
    }
    HTML_LIT(b, "</footer>\n</body>\n</html>\n");
}
