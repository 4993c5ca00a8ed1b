/* lists.c: the index, the sources page and error pages. */
#include "render/lists.h"

#include "model/enums.h"
#include "render/html.h"
#include "util/i18n.h"

#include "render/live.h"

void render_index(struct buf *b, const struct site *s, const struct tracker *t,
                  const struct day_info *days, size_t n)
{
    struct layout l = {"Vigil", "en", NULL, NULL, "/", 0};
    layout_begin(b, s, &l);
    HTML_LIT(b, "<h1>");
    html_text(b, _("Trackers"));
    HTML_LIT(b, "</h1>\n");
    layout_search_box(b, NULL);
    if (n == 0) {
        HTML_LIT(b, "<p class=\"muted\">");
        html_text(b, _("No trackers yet."));
        HTML_LIT(b, "</p>\n");
    }
    for (size_t i = 0; i < n; i++) {
        HTML_LIT(b, "<section class=\"update\"");
        html_attr(b, "lang", t[i].languages);
        HTML_LIT(b, " dir=\"auto\">\n<h2><a");
        layout_href(b, &t[i], "%s", "");
        HTML_LIT(b, ">");
        html_text(b, t[i].title);
        HTML_LIT(b, "</a></h2>\n<p class=\"dayline\">");
        render_day_line(b, &days[i]);
        HTML_LIT(b, "</p>\n");
        if (t[i].summary && *t[i].summary) {
            HTML_LIT(b, "<p class=\"summary\">");
            html_text(b, t[i].summary);
            HTML_LIT(b, "</p>\n");
        }
        HTML_LIT(b, "</section>\n");
    }
    layout_end(b, s, &l);
}

static void source_row(struct buf *b, const struct source *src)
{
    HTML_LIT(b, "<tr><td dir=\"auto\">");
    if (src->url) {
        HTML_LIT(b, "<a");
        html_url_attr(b, "href", src->url);
        HTML_LIT(b, " rel=\"nofollow noopener\">");
        html_text(b, src->name);
        HTML_LIT(b, "</a>");
    } else {
        html_text(b, src->name);
    }
    HTML_LIT(b, "</td><td>");
    html_text(b, _(enum_label(&source_kind_names, (int)src->kind)));
    HTML_LIT(b, "</td><td dir=\"auto\">");
    html_text(b, src->note);
    HTML_LIT(b, "</td><td>");
    html_text(b, src->grade);
    HTML_LIT(b, "</td></tr>\n");
}

/* The sources table's columns. */
static const char *const HEADS[] = {N_("Source"), N_("Kind"), N_("Note"),
                                    N_("Grade")};

void render_sources(struct buf *b, const struct site *s,
                    const struct source *src, size_t n)
{
    struct layout l = {
        "Sources \xe2\x80\x94 Vigil", "en", NULL, NULL, "/sources", 0};
    layout_begin(b, s, &l);
    HTML_LIT(b, "<h1>");
    html_text(b, _("Sources"));
    HTML_LIT(b, "</h1>\n<p>");
    html_text(b, _("Who the figures come from. A figure is what its source "
                   "claimed on its date, not an established fact."));
    HTML_LIT(b, "</p>\n<table>\n<thead><tr>");
    for (size_t i = 0; i < sizeof HEADS / sizeof HEADS[0]; i++) {
        HTML_LIT(b, "<th>");
        html_text(b, _(HEADS[i]));
        HTML_LIT(b, "</th>");
    }
    HTML_LIT(b, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++)
        source_row(b, &src[i]);
    HTML_LIT(b, "</tbody>\n</table>\n");
    layout_end(b, s, &l);
}

void render_error_page(struct buf *b, const struct site *s, int status,
                       const char *reason, const char *message)
{
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    buf_printf(&title, "%d %s", status, reason);
    struct layout l = {buf_cstr(&title), "en", NULL, NULL, NULL, 0};
    layout_begin(b, s, &l);
    HTML_LIT(b, "<h1>");
    html_text(b, buf_cstr(&title));
    HTML_LIT(b, "</h1>\n<p>");
    html_text(b, message);
    HTML_LIT(b, "</p>\n<p><a href=\"/\">");
    html_text(b, _("All trackers"));
    HTML_LIT(b, "</a></p>\n");
    layout_end(b, s, &l);
    buf_release(&title);
}
