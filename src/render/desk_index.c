/* desk_index.c: /admin: the trackers to work on and the pages of each. */
#include "render/desk_index.h"

#include <string.h>

#include "render/html.h"
#include "render/manage.h"
#include "util/i18n.h"

/* ==== The desk ==== */

/* A tracker's pages on the desk, and who is offered each. */
static const struct {
    const char *suffix, *label;
    unsigned roles;
} desk_pages[] = {
    {"", N_("Updates"), ROLE_EDITOR | ROLE_CONTRIBUTOR},
    {"/claims", N_("Figures"), ROLE_EDITOR | ROLE_VERIFIER},
    {"/events", N_("Events"), ROLE_EDITOR},
    {"/extract", N_("Extract from an article"), ROLE_EDITOR},
    {"/sources", N_("Sources"), ROLE_EDITOR},
    {"/media", N_("Images"), ROLE_EDITOR},
    {"/settings", N_("Settings"), ROLE_EDITOR},
    {"/victims", N_("Victims registry"), ROLE_EDITOR | ROLE_CUSTODIAN},
};

/* A tracker's line on the desk: the pages the user may open. */
static void tracker_links(struct buf *b, const struct desk *d,
                          const struct tracker *t)
{
    unsigned roles = desk_roles_on(d, t);
    HTML_LIT(b, "<li><strong dir=\"auto\">");
    html_text(b, t->title);
    HTML_LIT(b, "</strong>");
    if (t->archived_at) {
        HTML_LIT(b, " <span class=\"tag\">");
        html_text(b, _("archived"));
        HTML_LIT(b, "</span>");
    }
    if (t->unlisted) {
        HTML_LIT(b, " <span class=\"tag\">");
        html_text(b, _("unlisted"));
        HTML_LIT(b, "</span>");
    }
    for (size_t i = 0; i < sizeof desk_pages / sizeof desk_pages[0]; i++) {
        if (!(roles & desk_pages[i].roles))
            continue;
        HTML_LIT(b, " · <a");
        html_attrf(b, "href", "/admin/t/%s%s", t->slug, desk_pages[i].suffix);
        HTML_LIT(b, ">");
        html_text(b, _(desk_pages[i].label));
        HTML_LIT(b, "</a>");
    }
    HTML_LIT(b, " · <a");
    html_attrf(b, "href", "/t/%s", t->slug);
    HTML_LIT(b, ">");
    html_text(b, _("Live page"));
    HTML_LIT(b, "</a></li>\n");
}

/* Role bits as people read them: "editor, verifier", in the thread's
 * language; "none" when there are none. */
static void roles_text(struct buf *b, unsigned roles)
{
    bool any = false;
    for (int i = 0; i < role_names.count; i++)
        if (roles & (1u << i)) {
            if (any)
                html_text(b, _(", "));
            html_text(b, _(enum_label(&role_names, i)));
            any = true;
        }
    if (!any)
        html_text(b, _("none"));
}

void render_desk_index(struct buf *b, const struct desk *d,
                       const struct tracker *t, size_t n)
{
    render_desk_begin(b, d, "Desk");
    HTML_LIT(b, "<p class=\"muted\">");
    html_text(b, _("Your roles on every tracker:"));
    HTML_LIT(b, " ");
    roles_text(b, d->global_roles);
    for (size_t i = 0; i < d->ngrants; i++) {
        HTML_LIT(b, "; <bdi>");
        html_text(b, d->grants[i].tracker_slug);
        HTML_LIT(b, "</bdi>: ");
        roles_text(b, d->grants[i].roles);
    }
    HTML_LIT(b, "</p>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < n; i++)
        if (desk_roles_on(d, &t[i]) || (d->global_roles & ROLE_ADMIN))
            tracker_links(b, d, &t[i]);
    HTML_LIT(b, "</ul>\n");
    if (d->roles & ROLE_ADMIN)
        render_new_tracker_form(b, d);
    render_desk_end(b, d);
}
