/* desk_settings.c: a tracker's settings and metrics on the desk. */
#include "render/desk_settings.h"

#include <string.h>

#include "core/trackers.h"
#include "render/html.h"
#include "util/i18n.h"

/* After a settings field refused as stale: the value saved now, when it
 * is not the editor's. */
static void saved_now(struct buf *b, const char *mine, const char *now)
{
    if (mine == NULL || now == NULL || strcmp(mine, now) == 0)
        return;
    HTML_LIT(b, "<p class=\"theirs muted\">");
    html_text(b, _("Saved now:"));
    HTML_LIT(b, " <span dir=\"auto\">");
    html_text(b, *now ? now : _("(empty)"));
    HTML_LIT(b, "</span></p>\n");
}

/* A setting that is on or off: a <select> of its two choices. */
struct switch_field {
    const char *label, *name, *off, *on; /* messages, but name */
};

/* The switch's <select>, `on` chosen or not; with now (the value saved
 * meanwhile, on a stale change), that value beside when it differs. */
static void switch_select(struct buf *b, const struct switch_field *s, bool on,
                          const bool *now)
{
    HTML_LIT(b, "<label>");
    html_text(b, _(s->label));
    HTML_LIT(b, " <select");
    html_attr(b, "name", s->name);
    HTML_LIT(b, "><option value=\"off\">");
    html_text(b, _(s->off));
    HTML_LIT(b, "</option><option value=\"on\"");
    if (on)
        HTML_LIT(b, " selected");
    HTML_LIT(b, ">");
    html_text(b, _(s->on));
    HTML_LIT(b, "</option></select></label>\n");
    if (now)
        saved_now(b, _(on ? s->on : s->off), _(*now ? s->on : s->off));
}

/* The settings form's fields, holding f's values; with now (a stale
 * change), each value saved now beside one that differs. */
static void settings_fields(struct buf *b, const struct tracker *f,
                            const struct tracker *now)
{
    char date[DATE_LEN + 1], saved[DATE_LEN + 1];
    const char *status = enum_name(&tracker_status_names, (int)f->status);
    render_desk_input(b, "Title", "title", f->title, "text", true);
    saved_now(b, f->title, now ? now->title : NULL);
    HTML_LIT(b, "<label>");
    html_text(b, _("Summary"));
    HTML_LIT(b, " <textarea name=\"summary\" rows=\"3\" dir=\"auto\">");
    html_text(b, f->summary);
    HTML_LIT(b, "</textarea></label>\n");
    saved_now(b, f->summary, now ? now->summary : NULL);
    render_desk_select(b, "Status", "status", &tracker_status_names, status);
    saved_now(b, status,
              now ? enum_name(&tracker_status_names, (int)now->status) : NULL);
    date_format(f->ended_on, date);
    render_desk_input(b, "Coverage ended on (once ended)", "ended_on",
                      f->ended_on.year ? date : "", "date", false);
    if (now)
        date_format(now->ended_on, saved);
    saved_now(b, f->ended_on.year ? date : "",
              now ? (now->ended_on.year ? saved : "") : NULL);
    render_desk_input(b, "Time zone", "timezone", f->timezone, "text", true);
    saved_now(b, f->timezone, now ? now->timezone : NULL);
    render_desk_input(b, "Country (ISO code)", "country", f->country, "text",
                      false);
    saved_now(b, f->country ? f->country : "",
              now ? (now->country ? now->country : "") : NULL);
    render_desk_input(b, "Languages", "languages", f->languages, "text", true);
    saved_now(b, f->languages, now ? now->languages : NULL);
    static const struct switch_field bylines = {
        N_("Bylines (each update's author, by their display name)"), "bylines",
        N_("not shown"), N_("shown on the pages, feeds and API")};
    switch_select(b, &bylines, f->bylines, now ? &now->bylines : NULL);
    static const struct switch_field gregorian = {
        N_("The Gregorian date beside each Solar Hijri one"), "gregorian",
        N_("not shown"), N_("shown")};
    switch_select(b, &gregorian, f->gregorian_beside,
                  now ? &now->gregorian_beside : NULL);
    render_desk_input(b,
                      "Sites that may embed this tracker (/t/SLUG/embed in "
                      "their pages): origins such as https://news.example, "
                      "separated by spaces; empty for none",
                      "frame_origins", f->frame_origins, "text", false);
    saved_now(b, f->frame_origins, now ? now->frame_origins : NULL);
}

void render_desk_settings(struct buf *b, const struct desk *d,
                          const struct tracker *t, const struct tracker *mine,
                          const struct metric *m, size_t nm)
{
    char version[TRACKER_VERSION_LEN + 1];
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_begin(
        b, d, render_desk_scratchf(&path, _("Settings — %s"), t->title));
    render_desk_archived(b, t);
    if (mine) {
        struct buf link = BUF_INIT(HTML_SCRATCH_MAX);
        HTML_LIT(&link, "<a");
        html_attrf(&link, "href", "/admin/t/%s/settings", t->slug);
        HTML_LIT(&link, ">");
        html_text(&link, _("open the settings again"));
        HTML_LIT(&link, "</a>");
        HTML_LIT(b, "<p>");
        html_msg(b,
                 _("Your values are in the form; under each that differs, "
                   "the one saved now. \u201cKeep mine\u201d saves yours; "
                   "to take theirs, %s."),
                 &(struct html_frag){buf_cstr(&link), link.len}, 1);
        HTML_LIT(b, "</p>\n");
        buf_release(&link);
    }
    render_desk_form(
        b, d, render_desk_scratchf(&path, "/admin/t/%s/settings", t->slug));
    tracker_version(t, version);
    HTML_LIT(b, "<input type=\"hidden\" name=\"version\"");
    html_attr(b, "value", version);
    HTML_LIT(b, ">\n");
    settings_fields(b, mine ? mine : t, mine ? t : NULL);
    if (mine) {
        HTML_LIT(b, "<button>");
        html_text(b, _("Keep mine"));
        HTML_LIT(b, "</button>\n</form>\n");
    } else {
        HTML_LIT(b, "<button>");
        html_text(b, _("Save"));
        HTML_LIT(b, "</button>\n</form>\n");
    }
    HTML_LIT(b, "<h2>");
    html_text(b, _("Metrics"));
    HTML_LIT(b, "</h2>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < nm; i++) {
        HTML_LIT(b, "<li>");
        html_text(b, m[i].label);
        HTML_LIT(b, " <span class=\"muted\">");
        html_text(b, m[i].key);
        HTML_LIT(b, "</span></li>\n");
    }
    HTML_LIT(b, "</ul>\n<h3>");
    html_text(b, _("Add a metric"));
    HTML_LIT(b, "</h3>\n");
    render_desk_form(
        b, d, render_desk_scratchf(&path, "/admin/t/%s/metrics", t->slug));
    render_desk_input(b, "Key (a-z, 0-9, _)", "key", NULL, "text", true);
    render_desk_input(b, "Label", "label", NULL, "text", true);
    HTML_LIT(b, "<button>");
    html_text(b, _("Add"));
    HTML_LIT(b, "</button>\n</form>\n");
    if (desk_roles_on(d, t) & ROLE_ADMIN) {
        HTML_LIT(b, "<p><a");
        html_attrf(b, "href", "/admin/t/%s/webhooks", t->slug);
        HTML_LIT(b, ">");
        html_text(b, _("Webhooks: where this tracker's changes are sent"));
        HTML_LIT(b, "</a></p>\n");
    }
    render_desk_end(b, d);
    buf_release(&path);
}
