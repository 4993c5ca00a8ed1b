/* admin.c: the editors' pages. */
#include "render/admin.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/enums.h"
#include "core/events.h"
#include "core/figure.h"
#include "core/trackers.h"
#include "extract/extract.h"
#include "render/corrections.h"
#include "render/html.h"
#include "render/marks.h"
#include "util/i18n.h"
#include "util/decimal.h"
#include "util/xmalloc.h"

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

/* The source picker over the tracker's list, with the source `selected`
 * (a slug, or NULL) chosen; its empty choice reads `empty` ("(choose)":
 * one must be chosen). */
static void source_picker(struct buf *b, const struct source *s, size_t n,
                          const char *empty, const char *selected)
{
    HTML_LIT(b, "<label>");
    html_text(b, _("Source"));
    HTML_LIT(b, " <select name=\"source\"");
    if (strcmp(empty, "(choose)") == 0)
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
    source_picker(b, s, n, required ? _("(choose)") : _("(none)"), selected);
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
    HTML_LIT(b, " <select name=\"metric\" required>");
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

/* ==== Sign-in ==== */

/* A hidden field keep_NAME holding value, when there is one. */
static void kept_field(struct buf *b, const char *name, const char *value)
{
    if (value == NULL)
        return;
    HTML_LIT(b, "<input type=\"hidden\"");
    html_attrf(b, "name", "keep_%s", name);
    html_attr(b, "value", value);
    HTML_LIT(b, ">\n");
}

/* The text a sign-in carries back to its desk form, shown and kept. */
static void kept_text(struct buf *b, const struct login_keep *k)
{
    kept_field(b, "slug", k->slug);
    kept_field(b, "number", k->number);
    kept_field(b, "title", k->title);
    kept_field(b, "body", k->body);
    kept_field(b, "kind", k->kind);
    kept_field(b, "rev", k->rev);
    HTML_LIT(b, "<details><summary>");
    html_text(b, _("The text you sent"));
    HTML_LIT(b, "</summary>\n");
    if (k->title && *k->title) {
        HTML_LIT(b, "<p dir=\"auto\"><strong>");
        html_text(b, k->title);
        HTML_LIT(b, "</strong></p>\n");
    }
    HTML_LIT(b, "<pre class=\"kept\" dir=\"auto\">");
    html_text(b, k->body ? k->body : "");
    HTML_LIT(b, "</pre></details>\n");
}

void render_login_page(struct buf *b, const struct site *s, const char *csrf,
                       const char *message, bool demo,
                       const struct login_keep *keep)
{
    struct layout l = {
        _("Sign in — Vigil"), i18n_current()->tag, NULL, NULL, NULL, 0};
    layout_begin(b, s, &l);
    HTML_LIT(b, "<h1>");
    html_text(b, _("Sign in"));
    HTML_LIT(b, "</h1>\n");
    if (demo) {
        HTML_LIT(b, "<p class=\"notice\">");
        html_msg(b,
                 _("This is a demonstration server: the second factor is not "
                   "required here. A real site must not run with %s."),
                 &HTML_FRAG_LIT("<code>--demo</code>"), 1);
        HTML_LIT(b, "</p>\n");
    }
    if (message) {
        HTML_LIT(b, "<p class=\"notice\" role=\"alert\">");
        html_text(b, message);
        HTML_LIT(b, "</p>\n");
    }
    struct desk d = {.site = s, .login = "", .csrf = csrf};
    render_desk_form(b, &d, "/login");
    HTML_LIT(b, "<label>");
    html_text(b, _("Login"));
    HTML_LIT(b, " <input name=\"login\" required autocomplete=\"username\" "
                "autocapitalize=\"none\"></label>\n<label>");
    html_text(b, _("Password"));
    HTML_LIT(b, " <input type=\"password\" name=\"password\" required "
                "autocomplete=\"current-password\"></label>\n<label>");
    html_text(b, _("Code from your authenticator app"));
    HTML_LIT(b, " <input name=\"code\" inputmode=\"numeric\" "
                "pattern=\"[0-9]{6}\" autocomplete=\"one-time-code\"");
    if (!demo)
        HTML_LIT(b, " required");
    HTML_LIT(b, "></label>\n");
    if (keep)
        kept_text(b, keep);
    HTML_LIT(b, "<button>");
    html_text(b, _("Sign in"));
    HTML_LIT(b, "</button>\n</form>\n");
    layout_end(b, s, &l);
}

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

unsigned desk_roles_on(const struct desk *d, const struct tracker *t)
{
    unsigned roles = d->global_roles;
    for (size_t i = 0; i < d->ngrants; i++)
        if (d->grants[i].tracker_id == t->id)
            roles |= d->grants[i].roles;
    return roles;
}

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
    if (d->roles & ROLE_ADMIN) {
        HTML_LIT(b, "<h2>");
        html_text(b, _("New tracker"));
        HTML_LIT(b, "</h2>\n");
        render_desk_form(b, d, "/admin/trackers");
        render_desk_input(b, "Short name for its address (a-z, 0-9, -)", "slug",
                          NULL, "text", true);
        render_desk_input(b, "Title", "title", NULL, "text", true);
        render_desk_input(b, "Day 1", "started_on", NULL, "date", true);
        render_desk_input(b, "Time zone (IANA, e.g. Asia/Tehran)", "timezone",
                          NULL, "text", true);
        render_desk_input(b, "Country (ISO code, e.g. IR)", "country", NULL,
                          "text", false);
        render_desk_input(b, "Languages (e.g. fa,en)", "languages", NULL,
                          "text", false);
        HTML_LIT(b, "<button>");
        html_text(b, _("Create"));
        HTML_LIT(b, "</button>\n</form>\n");
    }
    render_desk_end(b, d);
}

/* ==== Figures ==== */

/* The verifier's buttons on a pending proposal of someone else's. */
static void decide_buttons(struct buf *b, const struct desk *d,
                           const struct tracker *t, const struct proposal *p)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_button(b, d,
                       render_desk_scratchf(&path,
                                            "/admin/t/%s/claims/%lld/approve",
                                            t->slug, (long long)p->id),
                       "Approve and publish");
    render_desk_button(b, d,
                       render_desk_scratchf(&path,
                                            "/admin/t/%s/claims/%lld/reject",
                                            t->slug, (long long)p->id),
                       "Reject");
    buf_release(&path);
}

static void proposal_row(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct proposal *p)
{
    struct buf phrase = BUF_INIT(256);
    figure_phrase(&p->claim, &phrase);
    HTML_LIT(b, "<li>");
    render_desk_withdrawal_asked(b, p);
    HTML_LIT(b, "<strong><bdi>");
    html_text(b, p->claim.metric_key);
    HTML_LIT(b, "</bdi>: ");
    html_text(b, buf_cstr(&phrase));
    HTML_LIT(b, "</strong>, ");
    struct buf who = BUF_INIT(HTML_SCRATCH_MAX);
    struct buf when = BUF_INIT(HTML_SCRATCH_MAX);
    html_date_long(&when, p->claim.as_of);
    /* TRANSLATORS: a proposed figure's source and the date it is as of:
     * "Amnesty International, as of 20 November 2019". */
    html_msg(b, _("%1$s, as of %2$s"),
             (struct html_frag[]){html_frag_bdi(&who, p->claim.source_name),
                                  {buf_cstr(&when), when.len}},
             2);
    buf_release(&when);
    if (p->claim.quote) {
        HTML_LIT(b, " <q dir=\"auto\">");
        html_text(b, p->claim.quote);
        HTML_LIT(b, "</q>");
    }
    struct buf state = BUF_INIT(HTML_SCRATCH_MAX);
    const char *label = _(enum_label(&proposal_state_names, (int)p->state));
    struct html_frag f[2] = {html_frag_bdi(&who, p->claim.recorded_by)};
    HTML_LIT(b, " <span class=\"muted\">");
    html_msg(b, _("proposed by %s"), f, 1);
    HTML_LIT(b, "; ");
    if (p->decided_by) {
        f[0] = html_frag_text(&state, label);
        f[1] = html_frag_bdi(&who, p->decided_by);
        /* TRANSLATORS: a proposal's state and who decided it:
         * "approved by nadia". */
        html_msg(b, _("%1$s by %2$s"), f, 2);
    } else
        html_text(b, label);
    buf_release(&who);
    buf_release(&state);
    HTML_LIT(b, "</span>\n");
    buf_release(&phrase);
    if (p->state == PROPOSAL_PENDING && (d->roles & ROLE_VERIFIER) &&
        strcmp(p->claim.recorded_by, d->login) != 0)
        decide_buttons(b, d, t, p);
    HTML_LIT(b, "</li>\n");
}

void render_desk_claims(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct metric *m,
                        size_t nm, const struct source *s, size_t ns,
                        const struct proposal *p, size_t np,
                        const struct claim *c, size_t nc)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_begin(b, d,
                      render_desk_scratchf(&path, _("Figures — %s"), t->title));
    HTML_LIT(b, "<p class=\"muted\">");
    html_text(b, _("A figure is published when a verifier other than the "
                   "person who proposed it approves it."));
    HTML_LIT(b, "</p>\n");
    if (d->roles & ROLE_EDITOR) {
        HTML_LIT(b, "<p><a");
        html_attrf(b, "href", "/admin/t/%s/extract", t->slug);
        HTML_LIT(b, ">");
        html_text(b, _("Find the figures in an article"));
        HTML_LIT(b, "</a></p>\n");
    }
    HTML_LIT(b, "<h2>");
    html_text(b, _("Propose a figure"));
    HTML_LIT(b, "</h2>\n");
    render_desk_form(
        b, d, render_desk_scratchf(&path, "/admin/t/%s/claims", t->slug));
    render_desk_select_metric(b, m, nm, NULL, false);
    render_desk_select_source(b, s, ns, true, NULL);
    render_desk_select(b, "Qualifier", "qualifier", &qualifier_names, "exact");
    render_desk_input(b, "Number (or a range's low end)", "low", NULL, "number",
                      false);
    render_desk_input(b, "Range's high end", "high", NULL, "number", false);
    render_desk_input(b, "Or vague words (hundreds, thousands, ...)", "words",
                      NULL, "text", false);
    render_desk_input(b, "As of", "as_of", NULL, "date", true);
    render_desk_input(b, "Quote (the sentence it came from)", "quote", NULL,
                      "text", false);
    render_desk_input(b, "Citation URL", "url", NULL, "url", false);
    HTML_LIT(b, "<button>");
    html_text(b, _("Propose"));
    HTML_LIT(b, "</button>\n</form>\n<h2>");
    html_text(b, _("Proposals"));
    HTML_LIT(b, "</h2>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < np; i++)
        proposal_row(b, d, t, &p[i]);
    HTML_LIT(b, "</ul>\n");
    render_desk_claim_list(b, d, t, c, nc);
    render_desk_end(b, d);
    buf_release(&path);
}

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
    render_desk_end(b, d);
    buf_release(&path);
}

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

void render_desk_audit(struct buf *b, const struct desk *d,
                       const struct audit_entry *e, size_t n)
{
    render_desk_begin(b, d, "Audit log");
    HTML_LIT(b, "<table class=\"audit\"><thead><tr><th>#</th><th>");
    html_text(b, _("When"));
    HTML_LIT(b, "</th><th>");
    html_text(b, _("Who"));
    HTML_LIT(b, "</th><th>");
    html_text(b, _("What"));
    HTML_LIT(b, "</th><th>");
    html_text(b, _("Entity"));
    HTML_LIT(b, "</th></tr></thead><tbody>\n");
    for (size_t i = n; i-- > 0;) {
        HTML_LIT(b, "<tr><td>");
        html_number(b, e[i].seq);
        HTML_LIT(b, "</td><td>");
        render_desk_time(b, e[i].at);
        /* Who, the action and what it touched are the record's own
         * identifiers (a login, "claim.add", "claim/12"): code. */
        HTML_LIT(b, "</td><td><bdi>");
        html_text(b, e[i].actor);
        HTML_LIT(b, "</bdi></td><td><code>");
        html_text(b, e[i].action);
        HTML_LIT(b, "</code></td><td><code>");
        html_text(b, e[i].entity);
        HTML_LIT(b, "</code></td></tr>\n");
    }
    HTML_LIT(b, "</tbody></table>\n");
    render_desk_end(b, d);
}

/* ==== Extraction ==== */

/* What the page's pieces are built from. */
struct extract_page {
    struct buf *b;
    const struct desk *d;
    const struct tracker *t;
    const struct extract_form *f;
    const struct extraction *x;
    const struct metric *m;
    const struct source *s;
    size_t nm, ns;
};

/* The words of span `at`, as the text has them. */
static void span_text(const struct extract_page *p, struct ex_span at)
{
    html_span(p->b, p->f->text, p->f->len, at.off, at.len);
}

static void date_text(struct buf *b, struct vg_date d)
{
    char s[DATE_LEN + 1];
    date_format(d, s);
    html_text(b, s);
}

/* The Accept form of tally x: a figure proposal, prefilled. */
static void accept_form(const struct extract_page *p, const struct ex_tally *x)
{
    struct buf *b = p->b;
    char low[DECIMAL_MAX], high[DECIMAL_MAX], as_of[DATE_LEN + 1] = "";
    struct vg_date when = x->as_of.year ? x->as_of : p->x->published;
    const char *key = x->metric_key;
    decimal_format(x->low, low);
    decimal_format(x->high, high);
    if (when.year)
        date_format(when, as_of);
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_form(
        b, p->d, render_desk_scratchf(&path, "/admin/t/%s/claims", p->t->slug));
    buf_release(&path);
    render_desk_select_metric(b, p->m, p->nm, key, key == NULL);
    /* The tracker's source the attribution names; an attribution that
     * names none of them is proposed as a new source. */
    bool new_source = x->source && x->source_slug == NULL;
    source_picker(b, p->s, p->ns,
                  new_source ? "(the new source below)" : "(choose)",
                  x->source_slug);
    if (new_source)
        render_desk_input(b, "New source (none of this tracker's is named)",
                          "new_source", x->source, "text", false);
    render_desk_select(b, "Qualifier", "qualifier", &qualifier_names,
                       ex_qualifier_name(x->qualifier));
    render_desk_input(b, "Number (or a range's low end)", "low", low, "number",
                      false);
    render_desk_input(b, "Range's high end", "high", x->high >= 0 ? high : NULL,
                      "number", false);
    render_desk_input(b, "As of", "as_of", as_of, "date", true);
    /* The parser drops a newline just after <textarea>: give it one. */
    HTML_LIT(b, "<label>");
    html_text(b, _("Quote (the words it came from)"));
    HTML_LIT(b, " <textarea name=\"quote\" rows=\"2\" dir=\"auto\">\n");
    span_text(p, x->at);
    HTML_LIT(b, "</textarea></label>\n");
    render_desk_input(b, "Citation URL", "url", p->f->url, "url", false);
    HTML_LIT(b, "<button>");
    html_text(b, _("Accept"));
    HTML_LIT(b, "</button>\n</form>\n");
}

static void tally_item(const struct extract_page *p, const struct ex_tally *x)
{
    struct buf *b = p->b;
    HTML_LIT(b, "<li class=\"proposal\"><q dir=\"auto\">");
    span_text(p, x->at);
    HTML_LIT(b, "</q> <span class=\"muted\">");
    html_text(b, ex_metric_name(x->metric));
    HTML_LIT(b, ", ");
    html_text(b, ex_qualifier_name(x->qualifier));
    html_textf(b, " %lld", x->low);
    if (x->high >= 0)
        html_textf(b, "–%lld", x->high);
    if (x->source) {
        struct buf who = BUF_INIT(HTML_SCRATCH_MAX);
        HTML_LIT(b, ", ");
        struct html_frag f = html_frag_bdi(&who, x->source);
        html_msg(b, _("according to %s"), &f, 1);
        buf_release(&who);
    }
    HTML_LIT(b, "</span>\n");
    accept_form(p, x);
    HTML_LIT(b, "</li>\n");
}

static void dates_list(const struct extract_page *p)
{
    struct buf *b = p->b;
    const struct extraction *x = p->x;
    if (x->counter.day > 0) {
        HTML_LIT(b, "<h3>");
        html_text(b, _("Day counter"));
        HTML_LIT(b, "</h3>\n<p><q dir=\"auto\">");
        span_text(p, x->counter.at);
        HTML_LIT(b, "</q>: ");
        struct buf day = BUF_INIT(HTML_SCRATCH_MAX);
        struct buf start = BUF_INIT(HTML_SCRATCH_MAX);
        html_number(&day, x->counter.day);
        date_text(&start, x->counter.start);
        html_msg(b, _("day %1$s, so day 1 was %2$s"),
                 (struct html_frag[]){{buf_cstr(&day), day.len},
                                      {buf_cstr(&start), start.len}},
                 2);
        buf_release(&day);
        buf_release(&start);
        HTML_LIT(b, "</p>\n");
    }
    HTML_LIT(b, "<h3>");
    html_text(b, _("Dates"));
    HTML_LIT(b, "</h3>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < x->ndates; i++) {
        HTML_LIT(b, "<li><q dir=\"auto\">");
        span_text(p, x->dates[i].at);
        HTML_LIT(b, "</q>: ");
        date_text(b, x->dates[i].start);
        if (date_cmp(x->dates[i].start, x->dates[i].end) != 0) {
            HTML_LIT(b, " to ");
            date_text(b, x->dates[i].end);
        }
        HTML_LIT(b, "</li>\n");
    }
    HTML_LIT(b, "</ul>\n");
}

static void places_list(const struct extract_page *p)
{
    struct buf *b = p->b;
    HTML_LIT(b, "<h3>");
    html_text(b, _("Places"));
    HTML_LIT(b, "</h3>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < p->x->nplaces; i++) {
        const struct ex_place *pl = &p->x->places[i];
        HTML_LIT(b, "<li><q dir=\"auto\">");
        span_text(p, pl->at);
        HTML_LIT(b, "</q>: <bdi>");
        html_text(b, pl->name);
        HTML_LIT(b, "</bdi> <span class=\"muted\">");
        html_textf(b, "%s, %s, %.5f %.5f", pl->country ? pl->country : "?",
                   pl->kind ? pl->kind : "place", pl->lat, pl->lon);
        HTML_LIT(b, "</span></li>\n");
    }
    HTML_LIT(b, "</ul>\n");
}

/* Span *n of the marks: its place in the text, class and title (which
 * title[*n] keeps). */
static void add_mark(struct mark_span *m, struct buf *title, size_t *n,
                     struct ex_span at, const char *cls)
{
    m[*n] = (struct mark_span){at.off, at.len, cls, buf_cstr(&title[*n])};
    ++*n;
}

/* The text with every proposal marked. */
static void marked_text(const struct extract_page *p)
{
    const struct extraction *x = p->x;
    size_t max = x->ndates + x->ntallies + x->nplaces + 1, n = 0;
    struct mark_span *m = xcalloc(max, sizeof *m);
    struct buf *title = xcalloc(max, sizeof *title);
    for (size_t i = 0; i < max; i++)
        title[i] = (struct buf)BUF_INIT(HTML_SCRATCH_MAX);
    for (size_t i = 0; i < x->ntallies; i++) {
        const struct ex_tally *y = &x->tallies[i];
        buf_printf(&title[n], "figure: %s, %s %lld", ex_metric_name(y->metric),
                   ex_qualifier_name(y->qualifier), y->low);
        if (y->high >= 0)
            buf_printf(&title[n], "–%lld", y->high);
        add_mark(m, title, &n, y->at, "ex-tally");
    }
    if (x->counter.day > 0) {
        BUF_LIT(&title[n], "day counter");
        add_mark(m, title, &n, x->counter.at, "ex-day");
    }
    for (size_t i = 0; i < x->ndates; i++) {
        char date[DATE_LEN + 1];
        date_format(x->dates[i].start, date);
        buf_puts(&title[n], date);
        add_mark(m, title, &n, x->dates[i].at, "ex-date");
    }
    for (size_t i = 0; i < x->nplaces; i++) {
        buf_printf(&title[n], "%s, %s", x->places[i].name,
                   x->places[i].country ? x->places[i].country : "?");
        add_mark(m, title, &n, x->places[i].at, "ex-place");
    }
    HTML_LIT(p->b, "<div class=\"extracted\" dir=\"auto\">");
    html_marked(p->b, p->f->text, p->f->len, m, n);
    HTML_LIT(p->b, "</div>\n");
    for (size_t i = 0; i < max; i++)
        buf_release(&title[i]);
    free(title);
    free(m);
}

/* What the extractor found: the text marked, and the proposals. */
static void found(const struct extract_page *p)
{
    struct buf *b = p->b;
    HTML_LIT(b,
             "<div class=\"extract\">\n<section class=\"extract-text\"><h2>");
    html_text(b, _("The text"));
    HTML_LIT(b, "</h2>\n");
    marked_text(p);
    HTML_LIT(b, "</section>\n<section class=\"extract-found\"><h2>");
    html_text(b, _("Proposals"));
    HTML_LIT(b, "</h2>\n<p class=\"muted\">");
    html_text(
        b,
        _("Accept proposes a figure; a verifier other than you publishes it."));
    HTML_LIT(b, "</p>\n<h3>");
    html_text(b, _("Figures"));
    HTML_LIT(b, "</h3>\n<ol class=\"desk-list\">\n");
    for (size_t i = 0; i < p->x->ntallies; i++)
        tally_item(p, &p->x->tallies[i]);
    HTML_LIT(b, "</ol>\n");
    dates_list(p);
    places_list(p);
    HTML_LIT(b, "</section>\n</div>\n");
}

/* The form to paste an article into (again, with what it held). */
static void extract_fields(const struct extract_page *p)
{
    struct buf *b = p->b;
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_form(
        b, p->d,
        render_desk_scratchf(&path, "/admin/t/%s/extract", p->t->slug));
    buf_release(&path);
    HTML_LIT(b, "<label>");
    html_text(b, _("The article's text"));
    HTML_LIT(b,
             " <textarea name=\"text\" rows=\"12\" required dir=\"auto\">\n");
    if (p->f->text)
        html_textn(b, p->f->text, p->f->len);
    HTML_LIT(b, "</textarea></label>\n");
    render_desk_input(b, "Published on (relative dates count from it)",
                      "published", p->f->published, "date", false);
    render_desk_input(b, "Its address (the citation of accepted figures)",
                      "url", p->f->url, "url", false);
    HTML_LIT(b, "<button>");
    html_text(b, _("Find proposals"));
    HTML_LIT(b, "</button>\n</form>\n");
}

void render_desk_extract(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct extract_form *f,
                         const struct metric *m, size_t nm,
                         const struct source *s, size_t ns)
{
    struct extract_page p = {b, d, t, f, f->found, m, s, nm, ns};
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_begin(
        b, d, render_desk_scratchf(&title, _("Extract — %s"), t->title));
    buf_release(&title);
    HTML_LIT(b, "<p class=\"muted\">");
    html_text(b, _("Paste an article: dates, the day counter, figures and "
                   "places are proposed with the words they came from. Nothing "
                   "is saved until you accept a figure."));
    HTML_LIT(b, "</p>\n");
    if (p.x && f->text)
        found(&p);
    extract_fields(&p);
    render_desk_end(b, d);
}
