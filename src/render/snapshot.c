/* snapshot.c: the single-file snapshot. */
#include "render/snapshot.h"

#include <stdio.h>
#include <string.h>

#include "core/events.h"
#include "render/html.h"
#include "render/live.h"

static void events_list(struct buf *b, const struct snapshot *snap)
{
    HTML_LIT(b, "<h2>Events</h2>\n<ul>\n");
    for (size_t i = 0; i < snap->nevents; i++) {
        const struct event *e = &snap->events[i];
        char date[DATE_LEN + 1];
        if (e->status != EVENT_PUBLISHED)
            continue;
        date_format(e->date, date);
        HTML_LIT(b, "<li><time");
        html_attr(b, "datetime", date);
        HTML_LIT(b, ">");
        html_text(b, date);
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
    HTML_LIT(b, "<h2>Victims identified by name</h2>\n<ol>\n");
    for (size_t i = 0; i < snap->nvictims; i++) {
        json_t *r = snap->victims[i];
        const char *name = json_string_value(json_object_get(r, "name"));
        const char *c = json_string_value(json_object_get(r, "circumstance"));
        HTML_LIT(b, "<li><strong dir=\"auto\">");
        html_text(b, name ? name : "Name withheld");
        HTML_LIT(b, "</strong> ");
        html_text(b, c);
        if (json_is_true(json_object_get(r, "invented")))
            HTML_LIT(b, " <span class=\"tag\">invented for the demo</span>");
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
    if (!m->caption && !m->credit && !m->credit_withheld)
        return;
    HTML_LIT(b, "<small class=\"media-credit\">");
    if (m->caption) {
        html_text(b, m->caption);
        HTML_LIT(b, " ");
    }
    if (m->credit)
        html_textf(b, "Photo: %s", m->credit);
    else if (m->credit_withheld)
        HTML_LIT(b, "Photo: credit withheld for safety");
    HTML_LIT(b, "</small>");
}

void render_snapshot_left_out(struct buf *b, const char *base_url,
                              const char *key, const char *alt)
{
    struct buf url = BUF_INIT(4096);
    buf_printf(&url, "%s/media/%s.webp", base_url ? base_url : "", key);
    HTML_LIT(b, "<span class=\"media-left-out\">[An image not in this "
                "snapshot: \xe2\x80\x9c");
    html_text(b, alt && *alt ? alt : "no description");
    HTML_LIT(b, "\xe2\x80\x9d, at <a");
    html_attr(b, "href", buf_cstr(&url));
    HTML_LIT(b, ">");
    html_text(b, buf_cstr(&url));
    HTML_LIT(b, "</a>]</span>");
    buf_release(&url);
}

void render_snapshot(struct buf *b, const struct site *s,
                     const struct snapshot *snap)
{
    const struct tracker_view *v = snap->view;
    const struct tracker *t = &v->tracker;
    char taken[TIMESTAMP_LEN + 1];
    timestamp_format(snap->taken_at, taken);
    HTML_LIT(b, "<!DOCTYPE html>\n<html");
    html_attr(b, "lang", t->languages);
    if (html_lang_is_rtl(t->languages))
        HTML_LIT(b, " dir=\"rtl\"");
    HTML_LIT(b, ">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                "content=\"width=device-width, initial-scale=1\">\n<title>");
    html_text(b, t->title);
    HTML_LIT(b, " — snapshot</title>\n<style>\n");
    /* Our own stylesheet, which holds no "</style": safe inline. */
    buf_append(b, snap->css, snap->css_len);
    HTML_LIT(b, "</style>\n</head>\n<body>\n<main>\n<p class=\"notice\">A "
                "snapshot of ");
    html_text(b, s->base_url);
    layout_tracker_path(b, t, "");
    HTML_LIT(b, ", taken ");
    html_text(b, taken);
    HTML_LIT(b, ". It needs no connection. It is signed: check that it is "
                "unchanged with <code>vigil verify FILE</code>.");
    if (snap->images_left_out)
        html_textf(b,
                   " %zu image%s did not fit in it: each is named, with "
                   "its address, where it stood.",
                   snap->images_left_out,
                   snap->images_left_out == 1 ? "" : "s");
    HTML_LIT(b, "</p>\n<h1>");
    html_text(b, t->title);
    HTML_LIT(b, "</h1>\n<p class=\"dayline\">");
    render_day_line(b, &v->day);
    HTML_LIT(b, "</p>\n");
    render_highlights(b, t, v->highlights, v->nmetrics, v->identified);
    HTML_LIT(b, "<h2>Updates</h2>\n");
    for (size_t i = 0; i < v->nupdates; i++)
        render_update_article(b, t, &v->updates[i]);
    events_list(b, snap);
    victims_list(b, snap);
    HTML_LIT(b, "</main>\n</body>\n</html>\n");
}
