/* admin.c: what the desk's pages share: the frame, form pieces, roles. */
#include "render/admin.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "render/html.h"
#include "util/i18n.h"

/* ==== Form pieces ==== */

void render_desk_form(struct buf *b, const struct desk *d, const char *action)
{
    HTML_LIT(b, "<form method=\"post\"");
    html_attr(b, "action", action);
    HTML_LIT(b, "><input type=\"hidden\" name=\"csrf\"");
    html_attr(b, "value", d->csrf);
    HTML_LIT(b, ">\n");
}

void render_desk_input(struct buf *b, const char *label, const char *name,
                       const char *value, const char *type, bool required)
{
    HTML_LIT(b, "<label>");
    html_text(b, _(label));
    HTML_LIT(b, " <input");
    html_attr(b, "type", type);
    html_attr(b, "name", name);
    if (value)
        html_attr(b, "value", value);
    if (required)
        HTML_LIT(b, " required");
    HTML_LIT(b, " dir=\"auto\"></label>\n");
}

void render_desk_checkbox(struct buf *b, const char *label, const char *name,
                          bool on)
{
    HTML_LIT(b, "<label class=\"check\"><input type=\"checkbox\" value=\"1\"");
    html_attr(b, "name", name);
    if (on)
        HTML_LIT(b, " checked");
    HTML_LIT(b, "> ");
    html_text(b, _(label));
    HTML_LIT(b, "</label>\n");
}

/* A <select> of an enumeration's names, `selected` chosen. */
void render_desk_select(struct buf *b, const char *label, const char *name,
                        const struct enum_names *e, const char *selected)
{
    HTML_LIT(b, "<label>");
    html_text(b, _(label));
    HTML_LIT(b, " <select");
    html_attr(b, "name", name);
    HTML_LIT(b, ">");
    for (int i = 0; i < e->count; i++) {
        HTML_LIT(b, "<option");
        html_attr(b, "value", e->names[i]);
        if (selected && strcmp(selected, e->names[i]) == 0)
            HTML_LIT(b, " selected");
        HTML_LIT(b, ">");
        html_text(b, _(enum_label(e, i)));
        HTML_LIT(b, "</option>");
    }
    HTML_LIT(b, "</select></label>\n");
}

void render_desk_pick_source(struct buf *b, const struct source *s, size_t n,
                             const char *empty, bool required,
                             const char *selected)
{
    HTML_LIT(b, "<label>");
    html_text(b, _("Source"));
    HTML_LIT(b, " <select name=\"source\"");
    if (required)
        HTML_LIT(b, " required");
    HTML_LIT(b, "><option value=\"\">");
    html_text(b, empty);
    HTML_LIT(b, "</option>");
    for (size_t i = 0; i < n; i++) {
        HTML_LIT(b, "<option");
        html_attr(b, "value", s[i].slug);
        if (selected && strcmp(selected, s[i].slug) == 0)
            HTML_LIT(b, " selected");
        HTML_LIT(b, ">");
        html_text(b, s[i].name);
        HTML_LIT(b, "</option>");
    }
    HTML_LIT(b, "</select></label>\n");
}

void render_desk_select_source(struct buf *b, const struct source *s, size_t n,
                               bool required, const char *selected)
{
    render_desk_pick_source(b, s, n, required ? _("(choose)") : _("(none)"),
                            required, selected);
}

void render_desk_select_tracker(struct buf *b, const char *label,
                                const char *none, const struct tracker *t,
                                size_t n)
{
    HTML_LIT(b, "<label>");
    html_text(b, label);
    HTML_LIT(b, " <select name=\"tracker\"><option value=\"\">");
    html_text(b, none);
    HTML_LIT(b, "</option>");
    for (size_t i = 0; i < n; i++) {
        HTML_LIT(b, "<option");
        html_attr(b, "value", t[i].slug);
        HTML_LIT(b, ">");
        html_text(b, t[i].title);
        HTML_LIT(b, "</option>");
    }
    HTML_LIT(b, "</select></label>\n");
}

void render_desk_select_metric(struct buf *b, const struct metric *m, size_t n,
                               const char *selected, bool choose)
{
    HTML_LIT(b, "<label>");
    html_text(b, _("Metric"));
    /* Required only with the empty choice: a select without one always
     * sends a value, and HTML forbids `required` there. */
    HTML_LIT(b, " <select name=\"metric\"");
    if (choose)
        HTML_LIT(b, " required");
    HTML_LIT(b, ">");
    if (choose) {
        HTML_LIT(b, "<option value=\"\">");
        html_text(b, _("(choose)"));
        HTML_LIT(b, "</option>");
    }
    for (size_t i = 0; i < n; i++) {
        HTML_LIT(b, "<option");
        html_attr(b, "value", m[i].key);
        if (selected && strcmp(selected, m[i].key) == 0)
            HTML_LIT(b, " selected");
        HTML_LIT(b, ">");
        html_text(b, m[i].label);
        HTML_LIT(b, "</option>");
    }
    HTML_LIT(b, "</select></label>\n");
}

/* A one-button form posting to action. */
void render_desk_button(struct buf *b, const struct desk *d, const char *action,
                        const char *label)
{
    HTML_LIT(b, "<form method=\"post\" class=\"inline\"");
    html_attr(b, "action", action);
    HTML_LIT(b, "><input type=\"hidden\" name=\"csrf\"");
    html_attr(b, "value", d->csrf);
    HTML_LIT(b, "><button>");
    html_text(b, _(label));
    HTML_LIT(b, "</button></form>\n");
}

void render_desk_time(struct buf *b, int64_t t)
{
    char s[TIMESTAMP_LEN + 1];
    timestamp_format(t, s);
    HTML_LIT(b, "<time");
    html_attr(b, "datetime", s);
    HTML_LIT(b, ">");
    struct vg_date day;
    char hhmm[6];
    if (date_parse(s, 10, &day) == 0) {
        memcpy(hhmm, s + 11, 5);
        hhmm[5] = '\0';
        html_date_long(b, day);
        HTML_LIT(b, " ");
        html_clock(b, hhmm);
        HTML_LIT(b, " UTC</time>");
    } else {
        html_textn(b, s, 16);
        HTML_LIT(b, "</time>");
    }
}

/* Formats a value (a form's action, a page's title) into p, emptied first,
 * and lends it as a C string until p changes: nothing is ever cut. */
const char *render_desk_scratchf(struct buf *p, const char *fmt, ...)
{
    buf_reset(p);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(p, fmt, ap);
    va_end(ap);
    return buf_cstr(p);
}

void render_desk_archived(struct buf *b, const struct tracker *t)
{
    if (t->archived_at) {
        HTML_LIT(b, "<p class=\"notice\">");
        html_text(
            b, _("This tracker is archived: it is read-only, and changes are "
                 "refused. An admin can unarchive it on the Trackers page."));
        HTML_LIT(b, "</p>\n");
    }
}

/* ==== The frame ==== */

/* One link of the desk's navigation, after sep. */
static void nav_link(struct buf *b, const char *sep, const char *href,
                     const char *text)
{
    buf_puts(b, sep);
    HTML_LIT(b, "<a");
    html_attr(b, "href", href);
    HTML_LIT(b, ">");
    html_text(b, text);
    HTML_LIT(b, "</a>");
}

/* render_desk_begin, loading `script` (enum layout_script): the desk's
 * on the pages whose forms keep their text as it is typed. */
void render_desk_begin_script(struct buf *b, const struct desk *d,
                              const char *title, int script)
{
    title = _(title);
    struct layout l = {title, i18n_current()->tag, NULL, NULL, NULL, script};
    layout_begin(b, d->site, &l);
    HTML_LIT(b, "<nav class=\"desk\">");
    nav_link(b, "", "/admin", _("Desk"));
    if (d->roles & (ROLE_EDITOR | ROLE_CONTRIBUTOR))
        nav_link(b, " · ", "/admin/search", _("Search"));
    if (d->roles & ROLE_EDITOR)
        nav_link(b, " · ", "/admin/sources", _("Sources"));
    if (d->roles & ROLE_ADMIN) {
        nav_link(b, " · ", "/admin/users", _("People"));
        nav_link(b, " · ", "/admin/trackers", _("Trackers"));
        nav_link(b, " · ", "/admin/audit", _("Audit log"));
    }
    HTML_LIT(b, " · <bdi>");
    html_text(b, d->login);
    HTML_LIT(b, "</bdi> (");
    nav_link(b, "", "/admin/password", _("account"));
    HTML_LIT(b, ") ");
    render_desk_button(b, d, "/logout", N_("Sign out"));
    HTML_LIT(b, "</nav>\n");
    if (d->notice) {
        HTML_LIT(b, "<p class=\"notice\" role=\"alert\">");
        html_text(b, d->notice);
        HTML_LIT(b, "</p>\n");
    }
    HTML_LIT(b, "<h1>");
    html_text(b, title);
    HTML_LIT(b, "</h1>\n");
}

void render_desk_begin(struct buf *b, const struct desk *d, const char *title)
{
    render_desk_begin_script(b, d, title, LAYOUT_NO_SCRIPT);
}

void render_desk_end(struct buf *b, const struct desk *d)
{
    struct layout l = {NULL, i18n_current()->tag, NULL, NULL, NULL, 0};
    layout_end(b, d->site, &l);
}

/* ==== Roles ==== */

unsigned desk_roles_on(const struct desk *d, const struct tracker *t)
{
    unsigned roles = d->global_roles;
    for (size_t i = 0; i < d->ngrants; i++)
        if (d->grants[i].tracker_id == t->id)
            roles |= d->grants[i].roles;
    return roles;
}
