/* desk_events.c: a tracker's events on the desk. */
#include "render/desk_events.h"

#include <string.h>

#include "render/corrections.h"
#include "render/html.h"
#include "util/i18n.h"

void render_desk_events(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct source *s,
                        size_t ns, const struct event *e, size_t ne)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_begin(b, d,
                      render_desk_scratchf(&path, _("Events — %s"), t->title));
    HTML_LIT(b, "<h2>");
    html_text(b, _("Record an event"));
    HTML_LIT(b, "</h2>\n");
    render_desk_form(
        b, d, render_desk_scratchf(&path, "/admin/t/%s/events", t->slug));
    render_desk_input(b, "Date", "date", NULL, "date", true);
    render_desk_input(b, "Last day, for a range", "end_date", NULL, "date",
                      false);
    render_desk_select_event_kind(b, NULL, NULL);
    render_desk_input(b, "Place (a town the gazetteer knows, or any name)",
                      "place", NULL, "text", true);
    render_desk_input(b,
                      "Country (ISO code; needed for a place it does not know)",
                      "country", NULL, "text", false);
    render_desk_input(b, "First actor (e.g. Protesters (Iran))", "actor1", NULL,
                      "text", false);
    render_desk_input(b, "Crowd, in words (dozens, hundreds, thousands, ...)",
                      "size_words", NULL, "text", false);
    render_desk_input(b, "Fatalities reported", "fatalities", NULL, "number",
                      false);
    render_desk_select_source(b, s, ns, false, NULL);
    render_desk_input(b, "Report URL", "url", NULL, "url", false);
    render_desk_input(b, "What happened", "notes", NULL, "text", false);
    HTML_LIT(b, "<button>");
    html_text(b, _("Record"));
    HTML_LIT(b, "</button>\n</form>\n<h2>");
    html_text(b, _("Events"));
    HTML_LIT(b, "</h2>\n<ul class=\"desk-list\">\n");
    for (size_t i = ne; i-- > 0;) {
        HTML_LIT(b, "<li>#");
        html_number(b, e[i].number);
        HTML_LIT(b, " ");
        html_date_long(b, e[i].date);
        HTML_LIT(b, " ");
        html_text(b, _(e[i].sub_type));
        HTML_LIT(b, ", <span dir=\"auto\">");
        html_text(b, e[i].location);
        HTML_LIT(b, "</span>");
        if (e[i].status == EVENT_RETRACTED) {
            HTML_LIT(b, " <span class=\"muted\">");
            html_text(b, _("retracted"));
            HTML_LIT(b, "</span>");
        } else if (d->roles & ROLE_EDITOR) {
            HTML_LIT(b, " <a");
            html_attrf(b, "href", "/admin/t/%s/events/%lld", t->slug,
                       (long long)e[i].number);
            HTML_LIT(b, ">");
            html_text(b, _("Edit"));
            HTML_LIT(b, "</a>");
            render_desk_button(
                b, d,
                render_desk_scratchf(&path, "/admin/t/%s/events/%lld/retract",
                                     t->slug, (long long)e[i].number),
                "Retract");
        }
        HTML_LIT(b, "</li>\n");
    }
    HTML_LIT(b, "</ul>\n");
    render_desk_end(b, d);
    buf_release(&path);
}
