/* sources_desk.c: the desk's pages of sources (sources_desk.h). */
#include "render/sources_desk.h"

#include "model/enums.h"
#include "render/html.h"
#include "util/i18n.h"

/* The tracker whose list a new source joins, if any. */
static void tracker_picker(struct buf *b, const struct sources_page *p)
{
    /* TRANSLATORS: the label of the tracker a new source is listed in. */
    render_desk_select_tracker(b, _("List it in"), _("(no tracker yet)"),
                               p->trackers, p->ntrackers);
}

/* The form that adds a source: to a tracker's list (a hidden field) or,
 * on the page of all sources, to the tracker chosen if any. */
static void add_form(struct buf *b, const struct desk *d,
                     const struct sources_page *p)
{
    HTML_LIT(b, "<h2>");
    html_text(b, _("Add a source"));
    HTML_LIT(b, "</h2>\n");
    render_desk_form(b, d, "/admin/sources");
    if (p->tracker) {
        HTML_LIT(b, "<input type=\"hidden\" name=\"tracker\"");
        html_attr(b, "value", p->tracker->slug);
        HTML_LIT(b, ">\n");
    }
    render_desk_input(b, "Short name (a-z, 0-9, -)", "slug", NULL, "text",
                      true);
    render_desk_input(b, "Name", "name", NULL, "text", true);
    render_desk_select(b, "Kind", "kind", &source_kind_names, "ngo");
    render_desk_input(b, "Web site", "url", NULL, "url", false);
    render_desk_input(b, "Affiliation note", "note", NULL, "text", false);
    render_desk_input(b, "Reliability grade (A-F)", "grade", NULL, "text",
                      false);
    if (p->tracker == NULL && p->ntrackers > 0)
        tracker_picker(b, p);
    HTML_LIT(b, "<button>");
    /* TRANSLATORS: the button that adds a source. */
    html_text(b, _("Add"));
    HTML_LIT(b, "</button>\n</form>\n");
}

/* The form that links a source the tracker does not list yet. */
static void link_form(struct buf *b, const struct desk *d,
                      const struct sources_page *p)
{
    if (p->tracker == NULL || p->nothers == 0)
        return;
    struct buf action = BUF_INIT(HTML_SCRATCH_MAX);
    buf_printf(&action, "/admin/t/%s/sources", p->tracker->slug);
    HTML_LIT(b, "<h2>");
    html_text(b, _("List a source of another tracker"));
    HTML_LIT(b, "</h2>\n");
    render_desk_form(b, d, buf_cstr(&action));
    buf_release(&action);
    HTML_LIT(b, "<label>");
    html_text(b, _("Source"));
    HTML_LIT(b, " <select name=\"source\" required><option value=\"\">");
    html_text(b, _("(choose)"));
    HTML_LIT(b, "</option>");
    for (size_t i = 0; i < p->nothers; i++) {
        HTML_LIT(b, "<option");
        html_attr(b, "value", p->others[i].slug);
        HTML_LIT(b, ">");
        html_text(b, p->others[i].name);
        HTML_LIT(b, "</option>");
    }
    HTML_LIT(b, "</select></label>\n<button>");
    html_text(b, _("List it here"));
    HTML_LIT(b, "</button>\n</form>\n");
}

/* Source s's other names, and a form to add one. */
static void aliases_of(struct buf *b, const struct desk *d,
                       const struct sources_page *p, const struct source *s)
{
    bool any = false;
    for (size_t i = 0; i < p->naliases; i++) {
        if (p->aliases[i].source_id != s->id)
            continue;
        if (any)
            HTML_LIT(b, ", <bdi>");
        else {
            HTML_LIT(b, " <span class=\"muted\">");
            /* TRANSLATORS: before a source's other names. */
            html_text(b, _("also"));
            HTML_LIT(b, "</span> <bdi>");
        }
        html_text(b, p->aliases[i].alias);
        HTML_LIT(b, "</bdi>");
        any = true;
    }
    HTML_LIT(b, "<form method=\"post\" class=\"inline\"");
    html_attrf(b, "action", "/admin/sources/%s/aliases", s->slug);
    HTML_LIT(b, "><input type=\"hidden\" name=\"csrf\"");
    html_attr(b, "value", d->csrf);
    HTML_LIT(b, ">");
    if (p->tracker) {
        HTML_LIT(b, "<input type=\"hidden\" name=\"tracker\"");
        html_attr(b, "value", p->tracker->slug);
        HTML_LIT(b, ">");
    }
    HTML_LIT(b, "<label>");
    /* TRANSLATORS: the label of a field that adds a name a source also
     * goes by. */
    html_text(b, _("Another name"));
    HTML_LIT(b, " <input name=\"alias\" required dir=\"auto\"></label> "
                "<button>");
    /* TRANSLATORS: the button that adds a source's other name. */
    html_text(b, _("Add"));
    HTML_LIT(b, "</button></form>");
}

void render_desk_sources(struct buf *b, const struct desk *d,
                         const struct sources_page *p)
{
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    if (p->tracker)
        i18n_msg(&title, _("Sources — %s"), &p->tracker->title, 1);
    else
        buf_puts(&title, _("Sources"));
    render_desk_begin(b, d, buf_cstr(&title));
    buf_release(&title);
    if (p->tracker) {
        HTML_LIT(b, "<p class=\"muted\">");
        html_text(b, _("The sources this tracker draws on: its figures, "
                       "events and extraction offer these. A source cited "
                       "here joins the list by itself."));
        HTML_LIT(b, "</p>\n");
    }
    HTML_LIT(b, "<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < p->n; i++) {
        HTML_LIT(b, "<li><strong dir=\"auto\">");
        html_text(b, p->s[i].name);
        HTML_LIT(b, "</strong> <span class=\"muted\">");
        html_text(b, p->s[i].slug);
        HTML_LIT(b, ", ");
        html_text(b, _(enum_label(&source_kind_names, (int)p->s[i].kind)));
        HTML_LIT(b, "</span>");
        aliases_of(b, d, p, &p->s[i]);
        HTML_LIT(b, "</li>\n");
    }
    HTML_LIT(b, "</ul>\n");
    link_form(b, d, p);
    add_form(b, d, p);
    render_desk_end(b, d);
}
