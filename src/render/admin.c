/* admin.c: the editors' pages. */
#include "render/admin.h"

#include <stdio.h>
#include <string.h>

#include "core/enums.h"
#include "core/events.h"
#include "core/figure.h"
#include "render/html.h"

/* ==== Form pieces ==== */

/* <form method="post" action="..."> with the CSRF token. */
static void form_begin(struct buf *b, const struct desk *d, const char *action)
{
    HTML_LIT(b, "<form method=\"post\"");
    html_attr(b, "action", action);
    HTML_LIT(b, "><input type=\"hidden\" name=\"csrf\"");
    html_attr(b, "value", d->csrf);
    HTML_LIT(b, ">\n");
}

static void text_input(struct buf *b, const char *label, const char *name,
                       const char *value, const char *type, bool required)
{
    HTML_LIT(b, "<label>");
    html_text(b, label);
    HTML_LIT(b, " <input");
    html_attr(b, "type", type);
    html_attr(b, "name", name);
    if (value)
        html_attr(b, "value", value);
    if (required)
        HTML_LIT(b, " required");
    HTML_LIT(b, " dir=\"auto\"></label>\n");
}

static void checkbox(struct buf *b, const char *label, const char *name,
                     bool on)
{
    HTML_LIT(b, "<label class=\"check\"><input type=\"checkbox\" value=\"1\"");
    html_attr(b, "name", name);
    if (on)
        HTML_LIT(b, " checked");
    HTML_LIT(b, "> ");
    html_text(b, label);
    HTML_LIT(b, "</label>\n");
}

/* A <select> of an enumeration's names, `selected` chosen. */
static void enum_select(struct buf *b, const char *label, const char *name,
                        const struct enum_names *e, const char *selected)
{
    HTML_LIT(b, "<label>");
    html_text(b, label);
    HTML_LIT(b, " <select");
    html_attr(b, "name", name);
    HTML_LIT(b, ">");
    for (int i = 0; i < e->count; i++) {
        HTML_LIT(b, "<option");
        if (selected && strcmp(selected, e->names[i]) == 0)
            HTML_LIT(b, " selected");
        HTML_LIT(b, ">");
        html_text(b, e->names[i]);
        HTML_LIT(b, "</option>");
    }
    HTML_LIT(b, "</select></label>\n");
}

/* The source picker: required (a figure's) or optional (an event's). */
static void source_select(struct buf *b, const struct source *s, size_t n,
                          bool required)
{
    HTML_LIT(b, "<label>Source <select name=\"source\"");
    if (required)
        HTML_LIT(b, " required><option value=\"\">(choose)</option>");
    else
        HTML_LIT(b, "><option value=\"\">(none)</option>");
    for (size_t i = 0; i < n; i++) {
        HTML_LIT(b, "<option");
        html_attr(b, "value", s[i].slug);
        HTML_LIT(b, ">");
        html_text(b, s[i].name);
        HTML_LIT(b, "</option>");
    }
    HTML_LIT(b, "</select></label>\n");
}

/* A one-button form posting to action. */
static void button_form(struct buf *b, const struct desk *d, const char *action,
                        const char *label)
{
    HTML_LIT(b, "<form method=\"post\" class=\"inline\"");
    html_attr(b, "action", action);
    HTML_LIT(b, "><input type=\"hidden\" name=\"csrf\"");
    html_attr(b, "value", d->csrf);
    HTML_LIT(b, "><button>");
    html_text(b, label);
    HTML_LIT(b, "</button></form>\n");
}

static void time_text(struct buf *b, int64_t t)
{
    char s[TIMESTAMP_LEN + 1];
    timestamp_format(t, s);
    HTML_LIT(b, "<time");
    html_attr(b, "datetime", s);
    HTML_LIT(b, ">");
    html_textn(b, s, 16);
    HTML_LIT(b, "</time>");
}

/* ==== The frame ==== */

static void desk_begin(struct buf *b, const struct desk *d, const char *title)
{
    struct layout l = {title, "en", NULL, NULL, NULL, 0};
    layout_begin(b, d->site, &l);
    HTML_LIT(b, "<nav class=\"desk\"><a href=\"/admin\">Desk</a>");
    if (d->roles & ROLE_EDITOR)
        HTML_LIT(b, " · <a href=\"/admin/sources\">Sources</a>");
    if (d->roles & ROLE_ADMIN)
        HTML_LIT(b, " · <a href=\"/admin/audit\">Audit log</a>");
    HTML_LIT(b, " · <span>");
    html_text(b, d->login);
    HTML_LIT(b, "</span> ");
    button_form(b, d, "/logout", "Sign out");
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

static void desk_end(struct buf *b, const struct desk *d)
{
    struct layout l = {NULL, "en", NULL, NULL, NULL, 0};
    layout_end(b, d->site, &l);
}

/* ==== Sign-in ==== */

void render_login_page(struct buf *b, const struct site *s, const char *csrf,
                       const char *message, bool demo)
{
    struct layout l = {"Sign in — Vigil", "en", NULL, NULL, NULL, 0};
    layout_begin(b, s, &l);
    HTML_LIT(b, "<h1>Sign in</h1>\n");
    if (demo)
        HTML_LIT(b, "<p class=\"notice\">This is a demonstration server: the "
                    "second factor is not required here. A real site must "
                    "not run with <code>--demo</code>.</p>\n");
    if (message) {
        HTML_LIT(b, "<p class=\"notice\" role=\"alert\">");
        html_text(b, message);
        HTML_LIT(b, "</p>\n");
    }
    struct desk d = {s, "", 0, csrf, NULL};
    form_begin(b, &d, "/login");
    HTML_LIT(b, "<label>Login <input name=\"login\" required "
                "autocomplete=\"username\" autocapitalize=\"none\"></label>\n"
                "<label>Password <input type=\"password\" name=\"password\" "
                "required autocomplete=\"current-password\"></label>\n"
                "<label>Code from your authenticator app <input "
                "name=\"code\" inputmode=\"numeric\" pattern=\"[0-9]{6}\" "
                "autocomplete=\"one-time-code\"");
    if (!demo)
        HTML_LIT(b, " required");
    HTML_LIT(b, "></label>\n<button>Sign in</button>\n</form>\n");
    layout_end(b, s, &l);
}

/* ==== The desk ==== */

void render_desk_index(struct buf *b, const struct desk *d,
                       const struct tracker *t, size_t n)
{
    desk_begin(b, d, "Desk");
    char roles[128];
    roles_format(d->roles, roles, sizeof roles);
    HTML_LIT(b, "<p class=\"muted\">Your roles: ");
    html_text(b, roles);
    HTML_LIT(b, ".</p>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < n; i++) {
        char path[128];
        HTML_LIT(b, "<li><strong dir=\"auto\">");
        html_text(b, t[i].title);
        HTML_LIT(b, "</strong>");
        if (d->roles & (ROLE_EDITOR | ROLE_CONTRIBUTOR)) {
            snprintf(path, sizeof path, "/admin/t/%s", t[i].slug);
            HTML_LIT(b, " · <a");
            html_attr(b, "href", path);
            HTML_LIT(b, ">Updates</a>");
        }
        if (d->roles & (ROLE_EDITOR | ROLE_VERIFIER)) {
            snprintf(path, sizeof path, "/admin/t/%s/claims", t[i].slug);
            HTML_LIT(b, " · <a");
            html_attr(b, "href", path);
            HTML_LIT(b, ">Figures</a>");
        }
        if (d->roles & ROLE_EDITOR) {
            snprintf(path, sizeof path, "/admin/t/%s/events", t[i].slug);
            HTML_LIT(b, " · <a");
            html_attr(b, "href", path);
            HTML_LIT(b, ">Events</a>");
            snprintf(path, sizeof path, "/admin/t/%s/settings", t[i].slug);
            HTML_LIT(b, " · <a");
            html_attr(b, "href", path);
            HTML_LIT(b, ">Settings</a>");
        }
        snprintf(path, sizeof path, "/t/%s", t[i].slug);
        HTML_LIT(b, " · <a");
        html_attr(b, "href", path);
        HTML_LIT(b, ">Live page</a></li>\n");
    }
    HTML_LIT(b, "</ul>\n");
    if (d->roles & ROLE_ADMIN) {
        HTML_LIT(b, "<h2>New tracker</h2>\n");
        form_begin(b, d, "/admin/trackers");
        text_input(b, "Short name for its address (a-z, 0-9, -)", "slug", NULL,
                   "text", true);
        text_input(b, "Title", "title", NULL, "text", true);
        text_input(b, "Day 1", "started_on", NULL, "date", true);
        text_input(b, "Time zone (IANA, e.g. Asia/Tehran)", "timezone", NULL,
                   "text", true);
        text_input(b, "Country (ISO code, e.g. IR)", "country", NULL, "text",
                   false);
        text_input(b, "Languages (e.g. fa,en)", "languages", NULL, "text",
                   false);
        HTML_LIT(b, "<button>Create</button>\n</form>\n");
    }
    desk_end(b, d);
}

/* The fields of an update's form. */
static void update_fields(struct buf *b, const struct post_form *f,
                          bool new_post, bool editor)
{
    text_input(b, "Title (optional)", "title", f->title, "text", false);
    HTML_LIT(b, "<label>Text (Markdown) <textarea name=\"body\" rows=\"8\" "
                "required dir=\"auto\">");
    html_text(b, f->body);
    HTML_LIT(b, "</textarea></label>\n");
    enum_select(b, "Kind", "kind", &update_kind_names,
                f->kind ? f->kind : "update");
    if (new_post) {
        checkbox(b, "Key event", "key_event", f->key_event);
        if (editor) {
            checkbox(b, "Pin on top", "pinned", f->pinned);
            checkbox(b, "Save as a draft", "draft", f->draft);
            text_input(b, "Publish later, at (UTC; empty: now)", "publish_at",
                       f->publish_at, "datetime-local", false);
        }
    }
    if (f->preview_html) {
        HTML_LIT(b, "<section class=\"preview\"><h2>Preview</h2>\n"
                    "<div class=\"body\" dir=\"auto\">");
        html_frag(b,
                  (struct html_frag){f->preview_html, strlen(f->preview_html)});
        HTML_LIT(b, "</div></section>\n");
    }
    HTML_LIT(b, "<button name=\"preview\" value=\"1\">Preview</button> "
                "<button name=\"save\" value=\"1\">");
    if (!new_post)
        HTML_LIT(b, "Save the edit");
    else if (editor)
        HTML_LIT(b, "Publish");
    else
        HTML_LIT(b, "Save the draft for an editor");
    HTML_LIT(b, "</button>\n</form>\n");
}

static void update_row(struct buf *b, const struct tracker *t,
                       const struct update *u)
{
    char path[160];
    snprintf(path, sizeof path, "/admin/t/%s/u/%lld", t->slug,
             (long long)u->number);
    HTML_LIT(b, "<li><a");
    html_attr(b, "href", path);
    HTML_LIT(b, ">#");
    html_textf(b, "%lld", (long long)u->number);
    HTML_LIT(b, "</a> <span class=\"status\">");
    html_text(b, enum_name(&update_status_names, (int)u->status));
    if (u->status == UPDATE_SCHEDULED) {
        HTML_LIT(b, " for ");
        time_text(b, u->published_at);
    }
    if (u->pinned)
        HTML_LIT(b, ", pinned");
    if (u->key_event)
        HTML_LIT(b, ", key event");
    HTML_LIT(b, "</span> <span dir=\"auto\">");
    if (u->title && *u->title)
        html_text(b, u->title);
    else
        html_textn(b, u->body_md, strnlen(u->body_md, 80));
    HTML_LIT(b, "</span> <span class=\"muted\">");
    html_text(b, u->author);
    HTML_LIT(b, ", ");
    time_text(b, u->revised_at);
    HTML_LIT(b, "</span></li>\n");
}

void render_desk_tracker(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct post_form *f,
                         const struct update *u, size_t n)
{
    char action[160];
    desk_begin(b, d, t->title);
    bool editor = d->roles & ROLE_EDITOR;
    HTML_LIT(b, "<h2>New update</h2>\n");
    if (!editor)
        HTML_LIT(b, "<p class=\"muted\">Your posts are drafts until an "
                    "editor publishes them.</p>\n");
    snprintf(action, sizeof action, "/admin/t/%s/updates", t->slug);
    form_begin(b, d, action);
    update_fields(b, f, true, editor);
    HTML_LIT(b, "<h2>Drafts and scheduled</h2>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < n; i++)
        if (u[i].status == UPDATE_DRAFT || u[i].status == UPDATE_SCHEDULED)
            update_row(b, t, &u[i]);
    HTML_LIT(b, "</ul>\n<h2>Published</h2>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < n; i++)
        if (u[i].status == UPDATE_PUBLISHED || u[i].status == UPDATE_RETRACTED)
            update_row(b, t, &u[i]);
    HTML_LIT(b, "</ul>\n");
    desk_end(b, d);
}

void render_desk_update(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct update *u,
                        const struct post_form *f, const struct update *revs,
                        size_t nrev)
{
    char title[80], base[160], action[200];
    snprintf(title, sizeof title, "Update #%lld", (long long)u->number);
    desk_begin(b, d, title);
    snprintf(base, sizeof base, "/admin/t/%s/u/%lld", t->slug,
             (long long)u->number);
    HTML_LIT(b, "<p class=\"status\">");
    html_text(b, enum_name(&update_status_names, (int)u->status));
    if (u->pinned)
        HTML_LIT(b, ", pinned");
    if (u->key_event)
        HTML_LIT(b, ", key event");
    HTML_LIT(b, "</p>\n");
    if (d->roles & ROLE_EDITOR) {
        HTML_LIT(b, "<div class=\"actions\">\n");
        static const struct {
            const char *path, *label;
            int when; /* which state shows it: see `show` below */
        } acts[] = {
            {"/publish", "Publish", 0},
            {"/retract", "Retract", 1},
            {"/pin", "Pin", 2},
            {"/unpin", "Unpin", 3},
            {"/key", "Mark as key event", 4},
            {"/unkey", "Unmark key event", 5},
        };
        bool draft = u->status == UPDATE_DRAFT || u->status == UPDATE_SCHEDULED;
        bool live = u->status == UPDATE_PUBLISHED;
        for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
            bool show = (acts[i].when == 0 && draft) ||
                        (acts[i].when == 1 && live) ||
                        (acts[i].when == 2 && live && !u->pinned) ||
                        (acts[i].when == 3 && u->pinned) ||
                        (acts[i].when == 4 && !u->key_event && !draft) ||
                        (acts[i].when == 5 && u->key_event);
            if (!show)
                continue;
            snprintf(action, sizeof action, "%s%s", base, acts[i].path);
            button_form(b, d, action, acts[i].label);
        }
        HTML_LIT(b, "</div>\n");
    }
    if (u->status != UPDATE_RETRACTED) {
        HTML_LIT(b, "<h2>Edit</h2>\n");
        form_begin(b, d, base);
        update_fields(b, f, false, d->roles & ROLE_EDITOR);
    }
    HTML_LIT(b, "<h2>Revisions</h2>\n<ol class=\"revisions\">\n");
    for (size_t i = 0; i < nrev; i++) {
        HTML_LIT(b, "<li><span class=\"muted\">");
        html_text(b, revs[i].reason);
        HTML_LIT(b, " by ");
        html_text(b, revs[i].author);
        HTML_LIT(b, ", ");
        time_text(b, revs[i].revised_at);
        HTML_LIT(b, "</span><div class=\"body\" dir=\"auto\">");
        html_frag(b, (struct html_frag){revs[i].body_html,
                                        strlen(revs[i].body_html)});
        HTML_LIT(b, "</div></li>\n");
    }
    HTML_LIT(b, "</ol>\n");
    desk_end(b, d);
}

/* ==== Figures ==== */

static void proposal_row(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct proposal *p)
{
    struct buf phrase = BUF_INIT(256);
    figure_phrase(&p->claim, &phrase);
    HTML_LIT(b, "<li><strong>");
    html_text(b, p->claim.metric_key);
    HTML_LIT(b, ": ");
    html_text(b, buf_cstr(&phrase));
    HTML_LIT(b, "</strong>, ");
    html_text(b, p->claim.source_name);
    HTML_LIT(b, ", as of ");
    char date[DATE_LEN + 1];
    date_format(p->claim.as_of, date);
    html_text(b, date);
    if (p->claim.quote) {
        HTML_LIT(b, " <q dir=\"auto\">");
        html_text(b, p->claim.quote);
        HTML_LIT(b, "</q>");
    }
    HTML_LIT(b, " <span class=\"muted\">proposed by ");
    html_text(b, p->claim.recorded_by);
    HTML_LIT(b, "; ");
    html_text(b, enum_name(&proposal_state_names, (int)p->state));
    if (p->decided_by) {
        HTML_LIT(b, " by ");
        html_text(b, p->decided_by);
    }
    HTML_LIT(b, "</span>\n");
    buf_release(&phrase);
    if (p->state == PROPOSAL_PENDING && (d->roles & ROLE_VERIFIER) &&
        strcmp(p->claim.recorded_by, d->login) != 0) {
        char action[200];
        snprintf(action, sizeof action, "/admin/t/%s/claims/%lld/approve",
                 t->slug, (long long)p->id);
        button_form(b, d, action, "Approve and publish");
        snprintf(action, sizeof action, "/admin/t/%s/claims/%lld/reject",
                 t->slug, (long long)p->id);
        button_form(b, d, action, "Reject");
    }
    HTML_LIT(b, "</li>\n");
}

void render_desk_claims(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct metric *m,
                        size_t nm, const struct source *s, size_t ns,
                        const struct proposal *p, size_t np)
{
    char title[200], action[160];
    snprintf(title, sizeof title, "Figures — %s", t->title);
    desk_begin(b, d, title);
    HTML_LIT(b, "<p class=\"muted\">A figure is published when a verifier "
                "other than the person who proposed it approves it.</p>\n"
                "<h2>Propose a figure</h2>\n");
    snprintf(action, sizeof action, "/admin/t/%s/claims", t->slug);
    form_begin(b, d, action);
    HTML_LIT(b, "<label>Metric <select name=\"metric\" required>");
    for (size_t i = 0; i < nm; i++) {
        HTML_LIT(b, "<option");
        html_attr(b, "value", m[i].key);
        HTML_LIT(b, ">");
        html_text(b, m[i].label);
        HTML_LIT(b, "</option>");
    }
    HTML_LIT(b, "</select></label>\n");
    source_select(b, s, ns, true);
    enum_select(b, "Qualifier", "qualifier", &qualifier_names, "exact");
    text_input(b, "Number (or a range's low end)", "low", NULL, "number",
               false);
    text_input(b, "Range's high end", "high", NULL, "number", false);
    text_input(b, "Or vague words (hundreds, thousands, ...)", "words", NULL,
               "text", false);
    text_input(b, "As of", "as_of", NULL, "date", true);
    text_input(b, "Quote (the sentence it came from)", "quote", NULL, "text",
               false);
    text_input(b, "Citation URL", "url", NULL, "url", false);
    HTML_LIT(b, "<button>Propose</button>\n</form>\n<h2>Proposals</h2>\n"
                "<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < np; i++)
        proposal_row(b, d, t, &p[i]);
    HTML_LIT(b, "</ul>\n");
    desk_end(b, d);
}

void render_desk_settings(struct buf *b, const struct desk *d,
                          const struct tracker *t, const struct metric *m,
                          size_t nm)
{
    char title[200], action[160], date[DATE_LEN + 1];
    snprintf(title, sizeof title, "Settings — %s", t->title);
    desk_begin(b, d, title);
    snprintf(action, sizeof action, "/admin/t/%s/settings", t->slug);
    form_begin(b, d, action);
    text_input(b, "Title", "title", t->title, "text", true);
    HTML_LIT(b, "<label>Summary <textarea name=\"summary\" rows=\"3\" "
                "dir=\"auto\">");
    html_text(b, t->summary);
    HTML_LIT(b, "</textarea></label>\n");
    enum_select(b, "Status", "status", &tracker_status_names,
                enum_name(&tracker_status_names, (int)t->status));
    date_format(t->ended_on, date);
    text_input(b, "Coverage ended on (once ended)", "ended_on",
               t->ended_on.year ? date : "", "date", false);
    text_input(b, "Time zone", "timezone", t->timezone, "text", true);
    text_input(b, "Country (ISO code)", "country", t->country, "text", false);
    text_input(b, "Languages", "languages", t->languages, "text", true);
    HTML_LIT(b, "<button>Save</button>\n</form>\n<h2>Metrics</h2>\n"
                "<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < nm; i++) {
        HTML_LIT(b, "<li>");
        html_text(b, m[i].label);
        HTML_LIT(b, " <span class=\"muted\">");
        html_text(b, m[i].key);
        HTML_LIT(b, "</span></li>\n");
    }
    HTML_LIT(b, "</ul>\n<h3>Add a metric</h3>\n");
    snprintf(action, sizeof action, "/admin/t/%s/metrics", t->slug);
    form_begin(b, d, action);
    text_input(b, "Key (a-z, 0-9, _)", "key", NULL, "text", true);
    text_input(b, "Label", "label", NULL, "text", true);
    HTML_LIT(b, "<button>Add</button>\n</form>\n");
    desk_end(b, d);
}

void render_desk_events(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct source *s,
                        size_t ns, const struct event *e, size_t ne)
{
    char title[200], action[200];
    snprintf(title, sizeof title, "Events — %s", t->title);
    desk_begin(b, d, title);
    HTML_LIT(b, "<h2>Record an event</h2>\n");
    snprintf(action, sizeof action, "/admin/t/%s/events", t->slug);
    form_begin(b, d, action);
    text_input(b, "Date", "date", NULL, "date", true);
    text_input(b, "Last day, for a range", "end_date", NULL, "date", false);
    HTML_LIT(b, "<label>What <select name=\"kind\" required>");
    for (size_t i = 0; event_types[i][0]; i++)
        for (size_t j = 1; j < 9 && event_types[i][j][0]; j++) {
            char value[160];
            snprintf(value, sizeof value, "%s|%s", event_types[i][0],
                     event_types[i][j]);
            HTML_LIT(b, "<option");
            html_attr(b, "value", value);
            HTML_LIT(b, ">");
            html_text(b, event_types[i][0]);
            HTML_LIT(b, ": ");
            html_text(b, event_types[i][j]);
            HTML_LIT(b, "</option>");
        }
    HTML_LIT(b, "</select></label>\n");
    text_input(b, "Place (a town the gazetteer knows, or any name)", "place",
               NULL, "text", true);
    text_input(b, "Country (ISO code; needed for a place it does not know)",
               "country", NULL, "text", false);
    text_input(b, "First actor (e.g. Protesters (Iran))", "actor1", NULL,
               "text", false);
    text_input(b, "Crowd, in words (dozens, hundreds, thousands, ...)",
               "size_words", NULL, "text", false);
    text_input(b, "Fatalities reported", "fatalities", NULL, "number", false);
    source_select(b, s, ns, false);
    text_input(b, "Report URL", "url", NULL, "url", false);
    text_input(b, "What happened", "notes", NULL, "text", false);
    HTML_LIT(b, "<button>Record</button>\n</form>\n<h2>Events</h2>\n"
                "<ul class=\"desk-list\">\n");
    for (size_t i = ne; i-- > 0;) {
        char date[DATE_LEN + 1];
        date_format(e[i].date, date);
        HTML_LIT(b, "<li>");
        html_textf(b, "#%lld %s ", (long long)e[i].number, date);
        html_text(b, e[i].sub_type);
        HTML_LIT(b, ", <span dir=\"auto\">");
        html_text(b, e[i].location);
        HTML_LIT(b, "</span>");
        if (e[i].status == EVENT_RETRACTED) {
            HTML_LIT(b, " <span class=\"muted\">retracted</span>");
        } else if (d->roles & ROLE_EDITOR) {
            snprintf(action, sizeof action, "/admin/t/%s/events/%lld/retract",
                     t->slug, (long long)e[i].number);
            button_form(b, d, action, "Retract");
        }
        HTML_LIT(b, "</li>\n");
    }
    HTML_LIT(b, "</ul>\n");
    desk_end(b, d);
}

void render_desk_sources(struct buf *b, const struct desk *d,
                         const struct source *s, size_t n)
{
    desk_begin(b, d, "Sources");
    HTML_LIT(b, "<h2>Add a source</h2>\n");
    form_begin(b, d, "/admin/sources");
    text_input(b, "Short name (a-z, 0-9, -)", "slug", NULL, "text", true);
    text_input(b, "Name", "name", NULL, "text", true);
    enum_select(b, "Kind", "kind", &source_kind_names, "ngo");
    text_input(b, "Web site", "url", NULL, "url", false);
    text_input(b, "Affiliation note", "note", NULL, "text", false);
    text_input(b, "Reliability grade (A-F)", "grade", NULL, "text", false);
    HTML_LIT(b, "<button>Add</button>\n</form>\n<h2>All sources</h2>\n"
                "<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < n; i++) {
        HTML_LIT(b, "<li><strong dir=\"auto\">");
        html_text(b, s[i].name);
        HTML_LIT(b, "</strong> <span class=\"muted\">");
        html_text(b, s[i].slug);
        HTML_LIT(b, ", ");
        html_text(b, enum_name(&source_kind_names, (int)s[i].kind));
        HTML_LIT(b, "</span></li>\n");
    }
    HTML_LIT(b, "</ul>\n");
    desk_end(b, d);
}

void render_desk_audit(struct buf *b, const struct desk *d,
                       const struct audit_entry *e, size_t n)
{
    desk_begin(b, d, "Audit log");
    HTML_LIT(b, "<table class=\"audit\"><thead><tr><th>#</th><th>When</th>"
                "<th>Who</th><th>What</th><th>Entity</th></tr></thead>"
                "<tbody>\n");
    for (size_t i = n; i-- > 0;) {
        HTML_LIT(b, "<tr><td>");
        html_textf(b, "%lld", (long long)e[i].seq);
        HTML_LIT(b, "</td><td>");
        time_text(b, e[i].at);
        HTML_LIT(b, "</td><td>");
        html_text(b, e[i].actor);
        HTML_LIT(b, "</td><td>");
        html_text(b, e[i].action);
        HTML_LIT(b, "</td><td>");
        html_text(b, e[i].entity);
        HTML_LIT(b, "</td></tr>\n");
    }
    HTML_LIT(b, "</tbody></table>\n");
    desk_end(b, d);
}
