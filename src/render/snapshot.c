/* snapshot.c: the single-file snapshot. */
#include "render/snapshot.h"

#include <stdio.h>
#include <string.h>

#include "core/events.h"
#include "render/html.h"
#include "render/media.h"
#include "render/live.h"
#include "util/i18n.h"

static void events_list(struct buf *b, const struct snapshot *snap)
{
    HTML_LIT(b, "<h2>");
    html_text(b, _("Events"));
    HTML_LIT(b, "</h2>\n<ul>\n");
    for (size_t i = 0; i < snap->nevents; i++) {
        const struct event *e = &snap->events[i];
        char date[DATE_LEN + 1];
        if (e->status != EVENT_PUBLISHED)
            continue;
        date_format(e->date, date);
        HTML_LIT(b, "<li><time");
        html_attr(b, "datetime", date);
        HTML_LIT(b, ">");
        html_date_long(b, e->date);
        HTML_LIT(b, "</time> ");
        html_text(b, e->sub_type);
        HTML_LIT(b, ", <span dir=\"auto\">");
        html_text(b, e->location);
        HTML_LIT(b, "</span> (");
        html_text(b, e->country);
        HTML_LIT(b, ")");
        if (e->notes) {
            HTML_LIT(b, ": <span dir=\"auto\">");
            html_text(b, e->notes);
            HTML_LIT(b, "</span>");
        }
        HTML_LIT(b, "</li>\n");
    }
    HTML_LIT(b, "</ul>\n");
}

static void victims_list(struct buf *b, const struct snapshot *snap)
{
    if (snap->nvictims == 0)
        return;
    HTML_LIT(b, "<h2>");
    html_text(b, _("Victims identified by name"));
    HTML_LIT(b, "</h2>\n<ol>\n");
    for (size_t i = 0; i < snap->nvictims; i++) {
        json_t *r = snap->victims[i];
        const char *name = json_string_value(json_object_get(r, "name"));
        const char *c = json_string_value(json_object_get(r, "circumstance"));
        HTML_LIT(b, "<li><strong dir=\"auto\">");
        html_text(b, name ? name : _("Name withheld"));
        HTML_LIT(b, "</strong> <span dir=\"auto\">");
        html_text(b, c);
        HTML_LIT(b, "</span>");
        if (json_is_true(json_object_get(r, "invented"))) {
            HTML_LIT(b, " <span class=\"tag\">");
            html_text(b, _("invented for the demo"));
            HTML_LIT(b, "</span>");
        }
        HTML_LIT(b, "</li>\n");
    }
    HTML_LIT(b, "</ol>\n");
}

void render_snapshot_image(struct buf *b, const struct media_record *m,
                           const struct media_file *f, const char *data_uri,
                           const char *alt)
{
    HTML_LIT(b, "<img class=\"media\"");
    html_attr(b, "src", data_uri);
    html_attrf(b, "width", "%lld", (long long)f->width);
    html_attrf(b, "height", "%lld", (long long)f->height);
    html_attr(b, "alt", alt && *alt ? alt : m->alt);
    HTML_LIT(b, ">");
    render_media_credit(b, m);
}

void render_snapshot_left_out(struct buf *b, const char *base_url,
                              const char *key, const char *alt)
{
    struct buf url = BUF_INIT(4096);
    buf_printf(&url, "%s/media/%s.webp", base_url ? base_url : "", key);
    struct buf what = BUF_INIT(4096), at = BUF_INIT(8192);
    HTML_LIT(&what, "<bdi>");
    html_text(&what, alt && *alt ? alt : _("no description"));
    HTML_LIT(&what, "</bdi>");
    HTML_LIT(&at, "<a dir=\"ltr\"");
    html_attr(&at, "href", buf_cstr(&url));
    HTML_LIT(&at, ">");
    html_text(&at, buf_cstr(&url));
    HTML_LIT(&at, "</a>");
    HTML_LIT(b, "<span class=\"media-left-out\">");
    html_msg(b,
             _("[An image not in this snapshot: \xe2\x80\x9c%1$s\xe2\x80\x9d, "
               "at %2$s]"),
             (const struct html_frag[]){{buf_cstr(&what), what.len},
                                        {buf_cstr(&at), at.len}},
             2);
    HTML_LIT(b, "</span>");
    buf_release(&what);
    buf_release(&at);
    buf_release(&url);
}

/* What the file is, where from and when, and how to check it. The
 * address and the instant stay as machines write them, left to right. */
static void notice(struct buf *b, const struct site *s,
                   const struct snapshot *snap)
{
    char taken[TIMESTAMP_LEN + 1];
    struct buf from = BUF_INIT(HTML_SCRATCH_MAX), at = BUF_INIT(64);
    timestamp_format(snap->taken_at, taken);
    HTML_LIT(&from, "<bdi dir=\"ltr\">");
    html_text(&from, s->base_url);
    layout_tracker_path(&from, &snap->view->tracker, "");
    HTML_LIT(&from, "</bdi>");
    HTML_LIT(&at, "<bdi dir=\"ltr\">");
    html_text(&at, taken);
    HTML_LIT(&at, "</bdi>");
    html_msg(b,
             _("A snapshot of %1$s, taken %2$s. It needs no connection. It "
               "is signed: check that it is unchanged with %3$s."),
             (const struct html_frag[]){
                 {buf_cstr(&from), from.len},
                 {buf_cstr(&at), at.len},
                 {"<code>vigil verify FILE</code>",
                  sizeof "<code>vigil verify FILE</code>" - 1}},
             3);
    if (snap->images_left_out) {
        HTML_LIT(b, " ");
        html_msg_num(b,
                     P_("%s image did not fit in it: it is named, with its "
                        "address, where it stood.",
                        "%s images did not fit in it: each is named, with "
                        "its address, where it stood.",
                        snap->images_left_out),
                     (int64_t)snap->images_left_out);
    }
    buf_release(&from);
    buf_release(&at);
}

void render_snapshot(struct buf *b, const struct site *s,
                     const struct snapshot *snap)
{
    const struct tracker_view *v = snap->view;
    const struct tracker *t = &v->tracker;
    HTML_LIT(b, "<!DOCTYPE html>\n<html");
    html_attr(b, "lang", t->languages);
    if (html_lang_is_rtl(t->languages))
        HTML_LIT(b, " dir=\"rtl\"");
    HTML_LIT(b, ">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                "content=\"width=device-width, initial-scale=1\">\n<title>");
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    i18n_msg(&title, _("%s \xe2\x80\x94 snapshot"),
             (const char *const[]){t->title}, 1);
    html_text(b, buf_cstr(&title));
    buf_release(&title);
    HTML_LIT(b, "</title>\n<style>\n");
    /* Our own stylesheet, which holds no "</style": safe inline. */
    buf_append(b, snap->css, snap->css_len);
    HTML_LIT(b, "</style>\n</head>\n<body>\n<main>\n<p class=\"notice\">");
    notice(b, s, snap);
    HTML_LIT(b, "</p>\n<h1>");
    html_text(b, t->title);
    HTML_LIT(b, "</h1>\n<p class=\"dayline\">");
    render_day_line(b, &v->day);
    HTML_LIT(b, "</p>\n");
    render_highlights(b, t, v->figures.highlights, v->figures.nmetrics,
                      v->identified);
    HTML_LIT(b, "<h2>");
    html_text(b, _("Updates"));
    HTML_LIT(b, "</h2>\n");
    for (size_t i = 0; i < v->nupdates; i++)
        render_update_article(b, t, &v->updates[i]);
    events_list(b, snap);
    victims_list(b, snap);
    HTML_LIT(b, "</main>\n</body>\n</html>\n");
}
