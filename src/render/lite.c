/* lite.c: the text-only edition of the live page. */
#include "render/lite.h"

#include <cmark-gfm.h>
#include <string.h>

#include "core/figure.h"
#include "core/markdown.h"
#include "render/embed.h"
#include "render/html.h"
#include "render/live.h"
#include "util/i18n.h"
#include "media/media.h"

/* Appends at most max bytes of an update's text, its Markdown read as
 * plain text (core/markdown.h), cut at a character boundary. */
static void excerpt(struct buf *b, const char *md, size_t max)
{
    struct buf flat = BUF_INIT(2 * MARKDOWN_MAX_BYTES);
    struct vg_err err = VG_ERR_INIT;
    /* A saved body passed these checks; should one not, its words are
     * still better than nothing. */
    if (markdown_plain(md, strlen(md), &flat, &err) != 0 || flat.failed) {
        buf_reset(&flat);
        buf_puts(&flat, md);
    }
    size_t n = flat.len;
    bool cut = n > max;
    if (cut) {
        n = max;
        while (n > 0 && ((unsigned char)flat.p[n] & 0xC0) == 0x80)
            n--;
    }
    html_textn(b, buf_cstr(&flat), n);
    buf_release(&flat);
    if (cut)
        HTML_LIT(b, "\xe2\x80\xa6");
}

/* Appends the text of every node below node (an image's alt text). */
static void node_text(struct buf *out, cmark_node *node)
{
    cmark_iter *it = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (ev == CMARK_EVENT_ENTER &&
            (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE))
            buf_puts(out, cmark_node_get_literal(n));
    }
    cmark_iter_free(it);
}

/* "[image: <a>alt</a>]", the alt text isolated; NULL alt: the image has
 * no description. */
static void image_link(struct buf *b, const char *url, const char *alt)
{
    struct buf a = BUF_INIT(4096);
    HTML_LIT(&a, "<a");
    html_attrf(&a, "href", "%s.webp", url);
    HTML_LIT(&a, "><bdi>");
    html_text(&a, alt ? alt : _("no description"));
    HTML_LIT(&a, "</bdi></a>");
    html_msg(b, _("[image: %s]"), &(struct html_frag){buf_cstr(&a), a.len}, 1);
    buf_release(&a);
}

/* A link to each image of the media store a body shows ("/media/KEY"),
 * named by its alt text: the page loads no image, a reader chooses. KEY
 * names the image's largest WebP. */
static void lite_images(struct buf *b, const char *md)
{
    cmark_node *doc = markdown_parse(md, strlen(md));
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    struct buf alt = BUF_INIT(4096);
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        const char *url = cmark_node_get_url(n);
        if (ev != CMARK_EVENT_ENTER ||
            cmark_node_get_type(n) != CMARK_NODE_IMAGE || url == NULL ||
            strncmp(url, "/media/", 7) != 0 ||
            strlen(url + 7) != MEDIA_HASH_HEX ||
            strspn(url + 7, "0123456789abcdef") != MEDIA_HASH_HEX)
            continue;
        buf_reset(&alt);
        node_text(&alt, n);
        HTML_LIT(b, " ");
        image_link(b, url, alt.len ? buf_cstr(&alt) : NULL);
    }
    buf_release(&alt);
    cmark_iter_free(it);
    cmark_node_free(doc);
}

static void lite_ranges(struct buf *b, const struct tracker_view *v)
{
    HTML_LIT(b, "<ul>\n");
    for (size_t i = 0; i < v->figures.nmetrics; i++) {
        const struct highlight *h = &v->figures.highlights[i];
        if (h->sources == 0)
            continue;
        struct buf f = BUF_INIT(256);
        figure_phrase(h->lowest, &f);
        if (h->highest != h->lowest &&
            figure_top(h->highest) != figure_top(h->lowest)) {
            buf_puts(&f, " \xe2\x80\x93 ");
            figure_phrase(h->highest, &f);
        }
        HTML_LIT(b, "<li><bdi>");
        html_text(b, h->metric->label);
        HTML_LIT(b, "</bdi>: ");
        html_text(b, buf_cstr(&f));
        HTML_LIT(b, " (");
        html_msg_num(b, P_("%s source", "%s sources", h->sources),
                     (int64_t)h->sources);
        HTML_LIT(b, ")</li>\n");
        buf_release(&f);
    }
    HTML_LIT(b, "</ul>\n");
}

static void lite_update(struct buf *b, const struct tracker *t,
                        const struct update *u)
{
    char hhmm[6];
    struct vg_date d = tracker_local_clock(
        t, u->published_at ? u->published_at : u->created_at, hhmm);
    HTML_LIT(b, "<p dir=\"auto\"><b>");
    html_date_long(b, d);
    HTML_LIT(b, " ");
    html_clock(b, hhmm);
    HTML_LIT(b, "</b> ");
    if (u->status == UPDATE_RETRACTED) {
        html_text(b, _("[retracted]"));
        HTML_LIT(b, " ");
    }
    if (u->title && *u->title) {
        html_text(b, u->title);
        HTML_LIT(b, ": ");
    }
    excerpt(b, u->body_md, LITE_EXCERPT_BYTES);
    lite_images(b, u->body_md);
    HTML_LIT(b, " <a");
    layout_href(b, t, "/u/%lld", (long long)u->number);
    HTML_LIT(b, ">");
    html_text(b, _("more"));
    HTML_LIT(b, "</a></p>\n");
    if (u->embed)
        render_embed_lite(b, u->embed);
}

void render_lite(struct buf *b, const struct tracker_view *v)
{
    const struct tracker *t = &v->tracker;
    /* The main language is the first of the tags. */
    const char *lang = t->languages;
    HTML_LIT(b, "<!DOCTYPE html>\n<html");
    html_attrn(b, "lang", lang, strcspn(lang, ","));
    if (html_lang_is_rtl(lang))
        HTML_LIT(b, " dir=\"rtl\"");
    HTML_LIT(b, ">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                "content=\"width=device-width\">\n<title>");
    html_text(b, t->title);
    HTML_LIT(b, "</title>\n</head>\n<body>\n<main>\n<h1 dir=\"auto\">");
    html_text(b, t->title);
    HTML_LIT(b, "</h1>\n<p>");
    render_day_line(b, &v->day);
    HTML_LIT(b, "</p>\n");
    lite_ranges(b, v);
    if (v->pinned)
        lite_update(b, t, v->pinned);
    for (size_t i = 0; i < v->nupdates; i++)
        if (!v->pinned || v->updates[i].number != v->pinned->number)
            lite_update(b, t, &v->updates[i]);
    HTML_LIT(b, "<p><a");
    layout_href(b, t, "%s", "");
    HTML_LIT(b, ">");
    html_text(b, _("Full page"));
    HTML_LIT(b, "</a></p>\n</main>\n</body>\n</html>\n");
}
