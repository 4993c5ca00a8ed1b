/* manage.c: the admins' pages of the desk, and a one-time link's page
 * (see manage.h). */
#include "render/manage.h"

#include <string.h>

#include "model/enums.h"
#include "core/users.h"
#include "render/html.h"
#include "util/date.h"
#include "util/i18n.h"

/* ==== Pieces ==== */

/* The markup in scratch buffer s, as an argument of html_msg. */
static struct html_frag frag_of(const struct buf *s)
{
    return (struct html_frag){buf_cstr(s), s->len};
}

/* Role bits as people read them, "editor, verifier"; "none" for none. */
static void roles_text(struct buf *b, unsigned roles)
{
    bool first = true;
    for (int i = 0; i < role_names.count; i++) {
        if (!(roles & (1u << i)))
            continue;
        if (!first)
            /* TRANSLATORS: between the items of a list of roles. */
            html_text(b, _(", "));
        html_text(b, _(enum_label(&role_names, i)));
        first = false;
    }
    if (first)
        /* TRANSLATORS: no role held. */
        html_text(b, _("none"));
}

/* The roles g holds on single trackers, as "on a: editor; on b: ...". */
static void grants_text(struct buf *b, const struct people *p, int64_t user)
{
    bool first = true;
    struct buf slug = BUF_INIT(HTML_SCRATCH_MAX), roles = BUF_INIT(1024);
    for (size_t i = 0; i < p->ngrants; i++) {
        if (p->grants[i].user_id != user)
            continue;
        buf_reset(&roles);
        roles_text(&roles, p->grants[i].roles);
        if (!first)
            /* TRANSLATORS: between the roles held on two trackers. */
            html_text(b, _("; "));
        /* TRANSLATORS: the roles someone holds on one tracker: "on
         * tehran: editor, verifier". */
        html_msg(b, _("on %1$s: %2$s"),
                 (const struct html_frag[]){
                     html_frag_bdi(&slug, p->grants[i].tracker_slug),
                     frag_of(&roles)},
                 2);
        first = false;
    }
    if (first)
        html_text(b, _("none on single trackers"));
    buf_release(&slug);
    buf_release(&roles);
}

/* The roles user holds on tracker_id (their global ones excluded). */
static unsigned roles_on(const struct people *p, int64_t user,
                         int64_t tracker_id)
{
    for (size_t i = 0; i < p->ngrants; i++)
        if (p->grants[i].user_id == user &&
            p->grants[i].tracker_id == tracker_id)
            return p->grants[i].roles;
    return 0;
}

/* One checkbox per role in `which` (bits), named prefix.ROLE, ticked for
 * those in `held`. */
static void role_boxes(struct buf *b, const char *prefix, unsigned which,
                       unsigned held)
{
    struct buf name = BUF_INIT(HTML_SCRATCH_MAX);
    for (int i = 0; i < role_names.count; i++) {
        if (!(which & (1u << i)))
            continue;
        buf_reset(&name);
        buf_printf(&name, "%s.%s", prefix, role_names.names[i]);
        render_desk_checkbox(b, enum_label(&role_names, i), buf_cstr(&name),
                             held & (1u << i));
    }
    buf_release(&name);
}

/* A tag after a name: " <span class="tag">text</span>". */
static void tag(struct buf *b, const char *text)
{
    HTML_LIT(b, " <span class=\"tag\">");
    html_text(b, text);
    HTML_LIT(b, "</span>");
}

/* The state of an account, as the lists show it. */
static void user_state(struct buf *b, const struct user *u)
{
    if (u->disabled)
        /* TRANSLATORS: an account that cannot sign in. */
        tag(b, _("disabled"));
    if (u->pwhash == NULL || *u->pwhash == '\0')
        /* TRANSLATORS: an account whose person has not yet followed their
         * invitation link. */
        tag(b, _("invited"));
    else if (!u->has_totp)
        tag(b, _("no second factor"));
}

/* A link just made, to hand to its person. */
static void link_box(struct buf *b, const char *link)
{
    if (link == NULL)
        return;
    HTML_LIT(b, "<section class=\"notice\" role=\"status\"><p>");
    html_text(b, _("Send this link to them by a channel you trust. It works "
                   "once, for 48 hours, and is not shown again:"));
    HTML_LIT(b, "</p>\n<p><a class=\"invite-link\"");
    html_attr(b, "href", link);
    HTML_LIT(b, ">");
    html_text(b, link);
    HTML_LIT(b, "</a></p></section>\n");
}

/* ==== People ==== */

static void user_row(struct buf *b, const struct people *p,
                     const struct user *u)
{
    struct buf roles = BUF_INIT(1024);
    roles_text(&roles, u->roles);
    HTML_LIT(b, "<li><a");
    html_attrf(b, "href", "/admin/users/%s", u->login);
    HTML_LIT(b, "><strong>");
    html_text(b, u->login);
    HTML_LIT(b, "</strong></a>");
    if (u->display_name) {
        HTML_LIT(b, " <span dir=\"auto\">(");
        html_text(b, u->display_name);
        HTML_LIT(b, ")</span>");
    }
    user_state(b, u);
    HTML_LIT(b, " <span class=\"muted\">");
    /* TRANSLATORS: the roles someone holds on every tracker. */
    html_msg(b, _("everywhere: %s"),
             (const struct html_frag[]){frag_of(&roles)}, 1);
    html_text(b, _("; "));
    grants_text(b, p, u->id);
    HTML_LIT(b, "</span></li>\n");
    buf_release(&roles);
}

/* The tracker an invitee's roles hold on, if one. */
static void tracker_picker(struct buf *b, const struct people *p)
{
    render_desk_select_tracker(b, _("Tracker"), _("(none)"), p->trackers,
                               p->ntrackers);
}

static void invite_form(struct buf *b, const struct desk *d,
                        const struct people *p)
{
    HTML_LIT(b, "<h2>");
    html_text(b, _("Invite someone"));
    HTML_LIT(b, "</h2>\n<p class=\"muted\">");
    html_text(b, _("They get a one-time link, valid for 48 hours, where they "
                   "choose their password and set up their second factor."));
    HTML_LIT(b, "</p>\n");
    render_desk_form(b, d, "/admin/users");
    render_desk_input(b, "Login (a-z, 0-9, . _ -)", "login", NULL, "text",
                      true);
    render_desk_input(b, "Display name for bylines (a pseudonym will do)",
                      "display_name", NULL, "text", false);
    HTML_LIT(b, "<fieldset><legend>");
    html_text(b, _("Roles on every tracker"));
    HTML_LIT(b, "</legend>\n");
    role_boxes(b, "all", ROLE_ALL, 0);
    HTML_LIT(b, "</fieldset>\n<fieldset><legend>");
    html_text(b, _("Or roles on one tracker"));
    HTML_LIT(b, "</legend>\n");
    tracker_picker(b, p);
    role_boxes(b, "there", ROLE_ALL & ~ROLE_ADMIN, 0);
    HTML_LIT(b, "</fieldset>\n<button>");
    /* TRANSLATORS: the button that sends an invitation. */
    html_text(b, _("Invite"));
    HTML_LIT(b, "</button>\n</form>\n");
}

void render_desk_users(struct buf *b, const struct desk *d,
                       const struct people *p)
{
    render_desk_begin(b, d, "People");
    link_box(b, p->link);
    HTML_LIT(b, "<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < p->nusers; i++)
        user_row(b, p, &p->users[i]);
    HTML_LIT(b, "</ul>\n");
    invite_form(b, d, p);
    render_desk_end(b, d);
}

/* "On TITLE": the roles held on tracker t. */
static void tracker_legend(struct buf *b, const struct tracker *t)
{
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    struct html_frag f = html_frag_bdi(&title, t->title);
    /* TRANSLATORS: the heading of the roles held on one tracker. */
    html_msg(b, _("On %s"), &f, 1);
    buf_release(&title);
}

/* The form that sets every role of u: on every tracker, and on each. */
static void roles_form(struct buf *b, const struct desk *d,
                       const struct people *p, const struct user *u,
                       struct buf *path)
{
    HTML_LIT(b, "<h2>");
    html_text(b, _("Roles"));
    HTML_LIT(b, "</h2>\n");
    buf_reset(path);
    buf_printf(path, "/admin/users/%s/roles", u->login);
    render_desk_form(b, d, buf_cstr(path));
    HTML_LIT(b, "<fieldset><legend>");
    html_text(b, _("On every tracker"));
    HTML_LIT(b, "</legend>\n");
    role_boxes(b, "all", ROLE_ALL, u->roles);
    HTML_LIT(b, "</fieldset>\n");
    for (size_t i = 0; i < p->ntrackers; i++) {
        const struct tracker *t = &p->trackers[i];
        HTML_LIT(b, "<fieldset><legend dir=\"auto\">");
        tracker_legend(b, t);
        HTML_LIT(b, "</legend>\n");
        buf_reset(path);
        buf_printf(path, "on.%s", t->slug);
        role_boxes(b, buf_cstr(path), ROLE_ALL & ~ROLE_ADMIN,
                   roles_on(p, u->id, t->id));
        HTML_LIT(b, "</fieldset>\n");
    }
    HTML_LIT(b, "<button>");
    html_text(b, _("Save the roles"));
    HTML_LIT(b, "</button>\n</form>\n");
}

/* The account's buttons: a new link, a new second factor, disable. */
static void account_actions(struct buf *b, const struct desk *d,
                            const struct user *u, struct buf *path)
{
    HTML_LIT(b, "<h2>");
    /* TRANSLATORS: the heading of an account's sign-in actions (a new
     * link, a new second factor, disable). */
    html_text(b, _("Access"));
    HTML_LIT(b, "</h2>\n<div class=\"actions\">\n");
    bool invited = u->pwhash == NULL || *u->pwhash == '\0';
    buf_reset(path);
    buf_printf(path, "/admin/users/%s/%s", u->login,
               invited ? "invite" : "totp");
    render_desk_button(b, d, buf_cstr(path),
                       invited ? N_("Make a new invitation link")
                               : N_("Reset the second factor (they get a "
                                    "link to set up a new one)"));
    buf_reset(path);
    buf_printf(path, "/admin/users/%s/%s", u->login,
               u->disabled ? "enable" : "disable");
    render_desk_button(b, d, buf_cstr(path),
                       u->disabled ? N_("Enable again")
                                   : N_("Disable (ends their sessions and "
                                        "API tokens now)"));
    HTML_LIT(b, "</div>\n");
}

void render_desk_user(struct buf *b, const struct desk *d,
                      const struct people *p)
{
    const struct user *u = &p->users[0];
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_begin(b, d, u->login);
    link_box(b, p->link);
    HTML_LIT(b, "<p>");
    user_state(b, u);
    HTML_LIT(b, "</p>\n");
    buf_printf(&path, "/admin/users/%s/name", u->login);
    render_desk_form(b, d, buf_cstr(&path));
    render_desk_input(b, "Display name for bylines (empty: none)",
                      "display_name", u->display_name, "text", false);
    HTML_LIT(b, "<button>");
    html_text(b, _("Save the name"));
    HTML_LIT(b, "</button>\n</form>\n");
    roles_form(b, d, p, u, &path);
    account_actions(b, d, u, &path);
    render_desk_end(b, d);
    buf_release(&path);
}

/* ==== Trackers ==== */

static void tracker_row(struct buf *b, const struct desk *d,
                        const struct tracker *t, struct buf *path)
{
    HTML_LIT(b, "<li><strong dir=\"auto\">");
    html_text(b, t->title);
    HTML_LIT(b, "</strong> <a");
    html_attrf(b, "href", "/t/%s", t->slug);
    HTML_LIT(b, ">");
    html_text(b, t->slug);
    HTML_LIT(b, "</a>");
    if (t->archived_at)
        /* TRANSLATORS: a tracker that is read-only, still public. */
        tag(b, _("archived"));
    if (t->unlisted)
        /* TRANSLATORS: a tracker reachable by its address only. */
        tag(b, _("unlisted"));
    HTML_LIT(b, "\n");
    buf_reset(path);
    buf_printf(path, "/admin/t/%s/%s", t->slug,
               t->archived_at ? "unarchive" : "archive");
    render_desk_button(b, d, buf_cstr(path),
                       t->archived_at
                           ? N_("Unarchive")
                           : N_("Archive (read-only, still public)"));
    buf_reset(path);
    buf_printf(path, "/admin/t/%s/%s", t->slug,
               t->unlisted ? "list" : "unlist");
    render_desk_button(b, d, buf_cstr(path),
                       t->unlisted
                           ? N_("List again")
                           : N_("Unlist (reachable by its address only)"));
    HTML_LIT(b, "</li>\n");
}

void render_desk_trackers(struct buf *b, const struct desk *d,
                          const struct tracker *t, size_t n)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_begin(b, d, "Trackers");
    HTML_LIT(b, "<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < n; i++)
        tracker_row(b, d, &t[i], &path);
    HTML_LIT(b, "</ul>\n");
    render_new_tracker_form(b, d);
    render_desk_end(b, d);
    buf_release(&path);
}

void render_new_tracker_form(struct buf *b, const struct desk *d)
{
    HTML_LIT(b, "<h2>");
    html_text(b, _("New tracker"));
    HTML_LIT(b, "</h2>\n<p class=\"muted\">");
    html_text(b, _("You become an editor of the trackers you make."));
    HTML_LIT(b, "</p>\n");
    render_desk_form(b, d, "/admin/trackers");
    render_desk_input(b, "Short name for its address (a-z, 0-9, -)", "slug",
                      NULL, "text", true);
    render_desk_input(b, "Title", "title", NULL, "text", true);
    render_desk_input(b, "Day 1", "started_on", NULL, "date", true);
    render_desk_input(b, "Time zone (IANA, e.g. Asia/Tehran)", "timezone", NULL,
                      "text", true);
    render_desk_input(b, "Country (ISO code, e.g. IR)", "country", NULL, "text",
                      false);
    render_desk_input(b, "Languages (e.g. fa,en)", "languages", NULL, "text",
                      false);
    HTML_LIT(b, "<button>");
    /* TRANSLATORS: the button that creates a tracker. */
    html_text(b, _("Create"));
    HTML_LIT(b, "</button>\n</form>\n");
}

/* ==== A one-time link ==== */

static void password_fields(struct buf *b, bool account)
{
    if (!account) {
        HTML_LIT(b, "<label>");
        html_text(b, _("Your password"));
        HTML_LIT(b, " <input type=\"password\" name=\"password\" required "
                    "autocomplete=\"current-password\"></label>\n");
        return;
    }
    HTML_LIT(b, "<label>");
    html_text(b, _("Choose a password (12 to 128 characters)"));
    HTML_LIT(b, " <input type=\"password\" name=\"password\" required "
                "minlength=\"12\" maxlength=\"128\" "
                "autocomplete=\"new-password\"></label>\n<label>");
    html_text(b, _("The password again"));
    HTML_LIT(b, " <input type=\"password\" name=\"password_again\" "
                "required autocomplete=\"new-password\"></label>\n");
}

/* The key offered, and the field for its code. */
static void second_factor_fields(struct buf *b, const struct invite_page *p)
{
    struct buf link = BUF_INIT(HTML_SCRATCH_MAX);
    HTML_LIT(&link, "<a class=\"otpauth\"");
    html_attr(&link, "href", p->otpauth);
    HTML_LIT(&link, ">");
    /* TRANSLATORS: the link that opens the key in an authenticator app,
     * in "Add this key to your authenticator app (or open %s on your
     * phone):". */
    html_text(&link, _("this link"));
    HTML_LIT(&link, "</a>");
    HTML_LIT(b, "<p>");
    html_msg(b,
             _("Add this key to your authenticator app (or open %s on "
               "your phone):"),
             (const struct html_frag[]){frag_of(&link)}, 1);
    HTML_LIT(b, "</p>\n<p><code class=\"secret\">");
    html_text(b, p->secret);
    HTML_LIT(b, "</code></p>\n<label>");
    /* TRANSLATORS: the six-digit code the authenticator app shows. */
    html_text(b, _("The code it shows now"));
    HTML_LIT(b, " <input name=\"code\" required inputmode=\"numeric\" "
                "pattern=\"[0-9]{6}\" autocomplete=\"one-time-code\">"
                "</label>\n");
    buf_release(&link);
}

/* "Your login: nadia", the login in <strong class="login">. */
static void login_line(struct buf *b, const char *login)
{
    struct buf who = BUF_INIT(HTML_SCRATCH_MAX);
    HTML_LIT(&who, "<strong class=\"login\">");
    html_text(&who, login);
    HTML_LIT(&who, "</strong>");
    html_msg(b, _("Your login: %s"), (const struct html_frag[]){frag_of(&who)},
             1);
    buf_release(&who);
}

void render_invite_page(struct buf *b, const struct site *s,
                        const struct invite_page *p)
{
    struct layout l = {p->account ? _("Welcome — Vigil")
                                  : _("New second factor — Vigil"),
                       i18n_current()->tag,
                       NULL,
                       NULL,
                       NULL,
                       0};
    layout_begin(b, s, &l);
    HTML_LIT(b, "<h1>");
    html_text(b, p->account ? _("Set up your account")
                            : _("Set up a new second factor"));
    HTML_LIT(b, "</h1>\n");
    if (p->message) {
        HTML_LIT(b, "<p class=\"notice\" role=\"alert\">");
        html_text(b, p->message);
        HTML_LIT(b, "</p>\n");
    }
    /* The link's token is the form's proof of where it came from. */
    HTML_LIT(b, "<form method=\"post\" action=\"/invite\"><input "
                "type=\"hidden\" name=\"token\"");
    html_attr(b, "value", p->token);
    HTML_LIT(b, ">\n<p>");
    login_line(b, p->login);
    HTML_LIT(b, "</p>\n<input type=\"hidden\" name=\"login\" "
                "autocomplete=\"username\"");
    html_attr(b, "value", p->login);
    HTML_LIT(b, ">\n<input type=\"hidden\" name=\"secret\"");
    html_attr(b, "value", p->secret);
    HTML_LIT(b, ">\n");
    if (p->account)
        render_desk_input(b,
                          "Your name on what you write (a pseudonym will "
                          "do; empty: none)",
                          "display_name", p->display_name, "text", false);
    password_fields(b, p->account);
    second_factor_fields(b, p);
    HTML_LIT(b, "<button>");
    /* TRANSLATORS: the button that sets up an account or second factor. */
    html_text(b, _("Save"));
    HTML_LIT(b, "</button>\n</form>\n");
    layout_end(b, s, &l);
}

void render_invite_closed(struct buf *b, const struct site *s)
{
    struct layout l = {
        _("Link not valid — Vigil"), i18n_current()->tag, NULL, NULL, NULL, 0};
    layout_begin(b, s, &l);
    HTML_LIT(b, "<h1>");
    html_text(b, _("This link is not valid"));
    HTML_LIT(b, "</h1>\n<p>");
    html_text(b, _("It was used already, replaced by a newer one, or is older "
                   "than 48 hours. Ask an admin of this site for a new one."));
    HTML_LIT(b, "</p>\n");
    layout_end(b, s, &l);
}
