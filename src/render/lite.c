/* lite.c: the text-only edition of the live page. */
#include "render/lite.h"

#include <string.h>

#include "core/figure.h"
#include "core/markdown.h"
#include "render/embed.h"
#include "render/html.h"
#include "render/live.h"

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

static void lite_ranges(struct buf *b, const struct tracker_view *v)
{
    HTML_LIT(b, "<ul>\n");
    for (size_t i = 0; i < v->nmetrics; i++) {
        const struct highlight *h = &v->highlights[i];
        if (h->sources == 0)
            continue;
        struct buf f = BUF_INIT(256);
        figure_phrase(h->lowest, &f);
        if (h->highest != h->lowest &&
            figure_top(h->highest) != figure_top(h->lowest)) {
            buf_puts(&f, " \xe2\x80\x93 ");
            figure_phrase(h->highest, &f);
        }
        HTML_LIT(b, "<li>");
        html_text(b, h->metric->label);
        HTML_LIT(b, ": ");
        html_text(b, buf_cstr(&f));
        html_textf(b, " (%zu source%s)", h->sources,
                   h->sources == 1 ? "" : "s");
        HTML_LIT(b, "</li>\n");
        buf_release(&f);
    }
    HTML_LIT(b, "</ul>\n");
}

static void lite_update(struct buf *b, const struct tracker *t,
                        const struct update *u)
{
    char date[32], hhmm[6];
    struct vg_date d = tracker_local_clock(
        t, u->published_at ? u->published_at : u->created_at, hhmm);
    date_format_long(d, date, sizeof date);
    HTML_LIT(b, "<p dir=\"auto\"><b>");
    html_textf(b, "%s %s", date, hhmm);
    HTML_LIT(b, "</b> ");
    if (u->status == UPDATE_RETRACTED)
        HTML_LIT(b, "[retracted] ");
    if (u->title && *u->title) {
        html_text(b, u->title);
        HTML_LIT(b, ": ");
    }
    excerpt(b, u->body_md, LITE_EXCERPT_BYTES);
    HTML_LIT(b, " <a");
    layout_href(b, t, "/u/%lld", (long long)u->number);
    HTML_LIT(b, ">more</a></p>\n");
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
    HTML_LIT(b, "</title>\n</head>\n<body>\n<h1 dir=\"auto\">");
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
    HTML_LIT(b, ">Full page</a></p>\n</body>\n</html>\n");
}
