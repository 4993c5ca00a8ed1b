/*
 * signin.c: signing in and out, for browsers (/login, a form) and for
 * scripts and the browser's own code (/api/v1/login, JSON).
 *
 * Order of checks for a sign-in: the request comes from this site
 * (Origin / Sec-Fetch-Site), the form's CSRF token (HTML), the rate
 * limits (429), a place in the password-hash queue (503), the password
 * (401), then the TOTP code (401). Showing the form writes nothing (its
 * token is a MAC: access_signin_token). Success starts a session and
 * replaces the browser's pre-login cookie and any session it had.
 *
 * A password check is two calls of the handler: the first checks and
 * queues the hash (REQ_HASH; the request is suspended, holding no
 * thread), the second, once a hashing thread is done, reads its answer.
 *
 * A one-time link (/invite?token=..., core/invites.h) works the same
 * way: its form sets a first password (hashed on a hashing thread) or
 * proves the current one, and enrols the second factor it offers, then
 * signs the person in.
 */
#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/auth.h"
#include "core/editing.h"
#include "model/enums.h"
#include "core/validate.h"
#include "core/invites.h"
#include "core/users.h"
#include "http/access.h"
#include "http/form.h"
#include "http/handlers.h"
#include "http/hashers.h"
#include "http/throttle.h"
#include "render/account.h"
#include "render/admin.h"
#include "render/signin.h"
#include "render/manage.h"
#include "util/utf8.h"

static const char HTML_TYPE[] = "text/html; charset=utf-8";

/* The session the browser sent a cookie for, of any kind. */
static bool cookie_session(struct req *r, struct session *s)
{
    const char *token = MHD_lookup_connection_value(
        r->conn, MHD_COOKIE_KIND, access_session_cookie(r->app));
    return token &&
           session_find(req_store(r), &r->arena, token, r->now, s) == 0;
}

/* Ends the request's old session, if any, and starts one for user_id,
 * setting the cookie (and clearing the pre-login one). */
static int begin_session(struct req *r, int64_t user_id, struct session *out)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    char token[TOKEN_TEXT_LEN + 1];
    struct session old;
    bool had = cookie_session(r, &old);
    req_write_begin(r, &op);
    int rc = had ? session_end(&op, &old, &err) : 0;
    if (rc == 0)
        rc = session_end(&op, NULL, &err); /* and the expired ones */
    if (rc == 0)
        rc = session_begin(&op, user_id, token, out, &err);
    req_write_end(r);
    if (rc != 0)
        return req_error(r, 500, "The session could not be started.");
    access_set_session(r, token);
    access_clear_prelogin(r);
    sodium_memzero(token, sizeof token);
    return 0;
}

/* ==== The password check, on a hashing thread ==== */

/* One password to check against a stored hash, and for the password form
 * a new one to hash when it matched. */
struct password_job {
    struct hash_job job;   /* first: the transport hands this back */
    struct user user;      /* the account, when found */
    bool found;            /* the login names an account */
    const char *pwhash;    /* to check against (auth_password_target) */
    const char *password;  /* lent by the request's form */
    const char *to_hash;   /* hashed when the password matched, or NULL */
    bool matched;          /* the answer */
    char made[PWHASH_MAX]; /* to_hash's new hash, "" when none was made */
};

static void run_check(struct hash_job *j)
{
    struct password_job *p = (struct password_job *)j;
    p->matched = password_matches(p->pwhash, p->password);
    if (p->matched && p->to_hash && password_hash(p->to_hash, p->made) != 0)
        p->made[0] = '\0';
}

/* The limits a try for login passes first: per address and, for a real
 * account (NULL: none), per account unless `known` (its known-device
 * cookie). 0, or 429 answered. */
static int password_limits(struct req *r, const char *login,
                           const char *account, bool known)
{
    union proxy_addr client;
    const struct sockaddr *addr = req_client_addr(r, &client);
    int wait = throttle_sign_in(r->app->throttle, addr, account, known, r->now);
    if (wait == 0)
        return 0;
    access_log(r, "sign-in.throttled", login, NULL);
    r->retry_after = wait;
    return req_error(
        r, 429, "Too many sign-in attempts; try again in %d seconds.", wait);
}

/* Looks the login up, passes the limits and takes a place in the hash
 * queue (503 when it is full), then asks for the check of password (and
 * the hash of to_hash, when it matches): REQ_HASH, or the status
 * answered. `signed_in`: the password form, whose tries always count
 * against the account and which takes the priority lane. */
static int check_start(struct req *r, const char *login, const char *password,
                       const char *to_hash, bool signed_in)
{
    struct password_job *p = arena_alloc(&r->arena, sizeof *p);
    struct vg_err err = VG_ERR_INIT;
    const char *why = NULL;
    int rc = auth_password_target(req_store(r), &r->arena, login, password,
                                  &p->user, &p->pwhash, &why, &err);
    if (rc != 0 && rc != VG_ENOTFOUND && rc != VG_EDENIED)
        return req_error(r, 500, "The sign-in could not be checked.");
    p->found = rc == 0;
    bool known = !signed_in && access_known_device(r, login);
    int status =
        password_limits(r, login, p->found ? p->user.login : NULL, known);
    if (status != 0)
        return status;
    if (rc == VG_EDENIED) { /* nothing worth a hash */
        access_log(r, "sign-in.failed", login, why);
        return req_error(r, 401, "%s", err.msg);
    }
    p->job =
        (struct hash_job){.run = run_check, .priority = known || signed_in};
    if (!hashers_reserve(r->app->hashers, p->job.priority)) {
        r->retry_after = 5;
        return req_error(r, 503, "Too many sign-ins at once; try again.");
    }
    p->password = password;
    p->to_hash = to_hash;
    if (!signed_in && p->found && password_hash_is_weak(p->pwhash))
        p->to_hash = password; /* stored again, with today's settings */
    r->hash_job = &p->job;
    return REQ_HASH;
}

/* The check's answer, once the hashing thread is done: 0, 503 when the
 * server stopped before it ran, or 401 (refused; counted against a real
 * account, logged as `event`). */
static int check_end(struct req *r, const char *event,
                     struct password_job **out)
{
    struct password_job *p = (struct password_job *)r->hash_job;
    struct vg_err err = VG_ERR_INIT;
    const char *why = NULL;
    *out = p;
    if (p->job.cancelled) {
        r->retry_after = 5;
        return req_error(r, 503, "The server is stopping; try again.");
    }
    int rc = auth_password_verdict(&p->user, p->found, p->matched, &why, &err);
    if (rc == 0)
        return 0;
    throttle_failed(r->app->throttle, p->found ? p->user.login : NULL, r->now);
    access_log(r, event, p->found ? p->user.login : form_field(r, "login"),
               why);
    return req_error(r, 401, "%s", err.msg);
}

/* After the password: the TOTP code (401), and the new hash of a weak one
 * stored. 0 with *u the user, or the status answered. */
static int sign_in_end(struct req *r, const char *code, struct user *u)
{
    struct password_job *p;
    int status = check_end(r, "sign-in.failed", &p);
    if (status != 0)
        return status;
    *u = p->user;
    struct vg_err err = VG_ERR_INIT;
    const char *why = NULL;
    struct op op;
    req_write_begin(r, &op);
    op.actor = u->login;
    int rc = auth_check_code(&op, u, code, !r->app->cfg.demo, &why, &err);
    if (rc == 0 && p->made[0] &&
        user_set_pwhash(&op, u->login, p->made, true, &err) != 0)
        access_log(r, "rehash.failed", u->login, err.msg);
    req_write_end(r);
    sodium_memzero(p->made, sizeof p->made);
    if (rc == VG_EDENIED) {
        throttle_failed(r->app->throttle, u->login, r->now);
        access_log(r, "sign-in.failed", u->login, why);
        return req_error(r, 401, "%s", err.msg);
    }
    if (rc != 0)
        return req_error(r, 500, "The sign-in could not be checked.");
    access_log(r, "sign-in", u->login, NULL);
    return 0;
}

/* A sign-in's two calls: REQ_HASH, then 0 with *u the user; or the status
 * answered. */
static int sign_in(struct req *r, struct user *u)
{
    if (r->hash_job == NULL)
        return check_start(r, form_field(r, "login"), form_field(r, "password"),
                           NULL, false);
    return sign_in_end(r, form_field(r, "code"), u);
}

/* ==== Browsers ==== */

/* ==== A desk form's text over a new sign-in ==== */

/* Whether s (NULL: absent) is text a form may carry back: UTF-8 without
 * control characters (but tab and line breaks where multi_line). The
 * sign-in page puts it in its fields as they came: escaped, but a
 * control character escapes nothing and is no HTML. */
static bool keepable(const char *s, enum utf8_flags flags)
{
    size_t bad;
    const char *why;
    return s == NULL || utf8_check(s, strlen(s), flags, &bad, &why) == 0;
}

/* Whether k is a desk form's own: a tracker's slug, an update's number,
 * text. Anything else is dropped rather than shown again. */
static bool keep_valid(const struct login_keep *k)
{
    struct vg_err err = VG_ERR_INIT;
    if (k->slug == NULL || check_slug("tracker", k->slug, &err) != 0)
        return false;
    if (k->number && (k->number[0] == '\0' ||
                      strspn(k->number, "0123456789") != strlen(k->number) ||
                      strlen(k->number) > 18))
        return false;
    return keepable(k->title, UTF8_SINGLE_LINE) &&
           keepable(k->body, UTF8_MULTI_LINE) &&
           keepable(k->kind, UTF8_SINGLE_LINE) &&
           keepable(k->rev, UTF8_SINGLE_LINE);
}

/* The text a sign-in form carries (its keep_* fields); false without. */
static bool kept_from(struct req *r, struct login_keep *k)
{
    *k = (struct login_keep){
        form_field(r, "keep_slug"),  form_field(r, "keep_number"),
        form_field(r, "keep_title"), form_field(r, "keep_body"),
        form_field(r, "keep_kind"),  form_field(r, "keep_rev")};
    return keep_valid(k);
}

/* The sign-in page with its token, and message (NULL: none); keep: the
 * text it carries back to a desk form, or NULL. */
static int login_page(struct req *r, const char *message, int status,
                      const struct login_keep *keep)
{
    buf_reset(&r->body);
    render_login_page(&r->body, &r->app->site, access_signin_token(r), message,
                      r->app->cfg.demo, keep);
    r->content_type = HTML_TYPE;
    return status;
}

int signin_keeping(struct req *r)
{
    const char *body, *title;
    bool post = strcmp(r->method, "POST") == 0;
    if (!post || form_parse(r) != 0 || access_same_origin(r, true) != 0)
        return req_redirect(r, "/login");
    body = form_field(r, "body");
    title = form_field(r, "title");
    if ((body == NULL || *body == '\0') && (title == NULL || *title == '\0'))
        return req_redirect(r, "/login");
    struct login_keep k = {req_param(r, 0),
                           r->nparams > 1 ? req_param(r, 1) : NULL,
                           title,
                           body,
                           form_field(r, "kind"),
                           form_field(r, "rev")};
    if (!keep_valid(&k))
        return req_redirect(r, "/login");
    access_log(r, "sign-in.keeping", NULL, NULL);
    return login_page(r,
                      "Your session had ended, so nothing was saved. Sign in "
                      "again: your text goes back into the form.",
                      401, &k);
}

/* Keeps the carried text for user u (core/editing.h) and answers with
 * the form it came from, where it is; 0 when it could not be kept. */
static int back_to_form(struct req *r, const struct user *u,
                        const struct login_keep *k)
{
    struct vg_err err = VG_ERR_INIT;
    struct autosave_input in = {u->id, k->title, k->body, k->kind, k->rev};
    int64_t number = 0;
    char to[160];
    if (k->number &&
        (parse_count("number", k->number, &number, &err) != 0 || number < 1))
        return 0;
    struct op op;
    req_write_begin(r, &op);
    op.actor = u->login;
    op.roles = u->roles;
    int rc = autosave_keep(&op, k->slug, number, &in, NULL, &err);
    req_write_end(r);
    if (rc != 0) {
        access_log(r, "sign-in.keep-failed", u->login, err.msg);
        return 0;
    }
    /* The slug named a tracker: [a-z0-9-] only. */
    if (number)
        snprintf(to, sizeof to, "/admin/t/%s/u/%lld", k->slug,
                 (long long)number);
    else
        snprintf(to, sizeof to, "/admin/t/%s", k->slug);
    return req_redirect(r, to);
}

/* GET /login */
int page_login(struct req *r)
{
    access_identify(r);
    if (r->who.user_id)
        return req_redirect(r, "/admin");
    return login_page(r, NULL, 200, NULL);
}

/* Answers a refused sign-in form with the form again and the reason
 * (and any text it carries). */
static int form_again(struct req *r, int status)
{
    struct login_keep k;
    return login_page(r, arena_strdup(&r->arena, r->error), status,
                      kept_from(r, &k) ? &k : NULL);
}

/* POST /login */
int signin_form(struct req *r)
{
    struct user u;
    int status = 0;
    if (r->hash_job == NULL) {
        status = access_same_origin(r, false);
        if (status == 0)
            status = form_parse(r);
        if (status != 0)
            return status;
        if (!access_signin_token_ok(r, form_field(r, "csrf"))) {
            access_log(r, "csrf", NULL, "sign-in form");
            req_error(r, 403,
                      "The sign-in form had expired; here is a new one.");
            return form_again(r, 403);
        }
    }
    status = sign_in(r, &u);
    if (status == REQ_HASH || status == 500)
        return status;
    if (status != 0)
        return form_again(r, status);
    struct session s;
    struct login_keep k;
    if ((status = begin_session(r, u.id, &s)) != 0)
        return status;
    access_set_device(r, u.login);
    if (kept_from(r, &k) && (status = back_to_form(r, &u, &k)) != 0)
        return status;
    return req_redirect(r, "/admin");
}

/* POST /logout */
int signout_form(struct req *r)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    req_write_begin(r, &op);
    int rc = session_end(&op, &r->who.session, &err);
    req_write_end(r);
    if (rc != 0)
        return req_error(r, 500, "The session could not be ended.");
    access_log(r, "sign-out", r->who.login, NULL);
    access_clear_session(r);
    return req_redirect(r, "/");
}

/* ==== One's own password ==== */

static int password_page(struct req *r, const char *notice, int status)
{
    struct desk d = desk_of(r);
    struct user u;
    struct vg_err err = VG_ERR_INIT;
    d.notice = notice;
    if (store_user_get(req_store(r), &r->arena, r->who.login, &u, &err) != 0)
        return req_read_failed(r);
    buf_reset(&r->body);
    render_desk_password(&r->body, &d, u.display_name, u.lang);
    r->content_type = HTML_TYPE;
    return status;
}

/* GET /admin/password */
int page_password(struct req *r)
{
    return password_page(r, NULL, 200);
}

/* "field: message" of a refusal from core, in the request's arena. */
static const char *refusal_text(struct req *r, const struct vg_err *err)
{
    char m[sizeof r->error + 48];
    snprintf(m, sizeof m, "%s%s%s", err->field ? err->field : "",
             err->field ? ": " : "", err->msg);
    return arena_strdup(&r->arena, m);
}

/* The page again with the refusal: 422 for a value refused (a wrong
 * current password too), else req_fail's status. */
static int password_refused(struct req *r, const struct vg_err *err)
{
    char m[sizeof r->error + 48];
    snprintf(m, sizeof m, "%s: %s", err->field ? err->field : "password",
             err->msg);
    int status = req_fail(r, err);
    if (err->code == VG_EDENIED)
        status = 422; /* signed in: the field is wrong, not the person */
    return password_page(r, arena_strdup(&r->arena, m), status);
}

/* A refusal of the form by field, as the page shows it. */
static int password_field(struct req *r, int code, const char *field,
                          const char *msg)
{
    struct vg_err err = VG_ERR_INIT;
    vg_err_set(&err, code, field, "%s", msg);
    return password_refused(r, &err);
}

/* The first call: the new password checked, then the current one queued
 * (with the new one to hash when it matches). */
static int password_start(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    const char *current = form_field(r, "current_password");
    const char *fresh = form_field(r, "password");
    const char *again = form_field(r, "password_again");
    if (fresh && (again == NULL || strcmp(fresh, again) != 0))
        return password_field(r, VG_EINVAL, "password_again",
                              "is not the same as the new password");
    if (user_password_acceptable(fresh, &err) != 0)
        return password_refused(r, &err);
    if (current == NULL)
        current = ""; /* checked all the same: a try like any other */
    int status = check_start(r, r->who.login, current,
                             strcmp(fresh, current) ? fresh : NULL, true);
    if (status == 401)
        return password_field(r, VG_EDENIED, "current_password",
                              "is not your current password");
    if (status != REQ_HASH)
        return password_page(r, r->error, status);
    return status;
}

/*
 * POST /admin/password: the current password, then the new one twice.
 * Tries count against the sign-in limits, the account's included (a
 * stolen session must not be a way to guess the password). Success ends
 * every session of the user and starts a new one for this browser.
 */
int password_form(struct req *r)
{
    if (r->hash_job == NULL)
        return password_start(r);
    struct password_job *p;
    int status = check_end(r, "password.failed", &p);
    if (status == 401)
        return password_field(r, VG_EDENIED, "current_password",
                              "is not your current password");
    if (status != 0)
        return password_page(r, r->error, status);
    if (strcmp(form_field(r, "password"), p->password) == 0)
        return password_field(r, VG_EINVAL, "password",
                              "is the password you have now");
    if (p->made[0] == '\0')
        return password_field(r, VG_EIO, "password",
                              "cannot hash the password (out of memory?)");
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    int64_t user_id = r->who.user_id;
    req_write_begin(r, &op);
    int rc = user_set_pwhash(&op, r->who.login, p->made, false, &err);
    req_write_end(r);
    sodium_memzero(p->made, sizeof p->made);
    if (rc != 0)
        return password_refused(r, &err);
    access_log(r, "password.changed", r->who.login, NULL);
    struct session s;
    if ((rc = begin_session(r, user_id, &s)) != 0)
        return rc;
    return req_redirect(r, "/admin");
}

/* POST /admin/name: one's own display name, for bylines */
int desk_own_name(struct req *r)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    req_write_begin(r, &op);
    int rc =
        user_set_name(&op, r->who.login, form_field(r, "display_name"), &err);
    req_write_end(r);
    if (rc != 0)
        return password_refused(r, &err);
    return req_redirect(r, "/admin/password");
}

/* POST /admin/lang: the language one's desk speaks */
int desk_own_lang(struct req *r)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    req_write_begin(r, &op);
    int rc = user_set_lang(&op, r->who.login, form_field(r, "lang"), &err);
    req_write_end(r);
    if (rc != 0)
        return password_refused(r, &err);
    return req_redirect(r, "/admin/password");
}

/* ==== One-time links ==== */

/* The page of a link that is not open. */
static int link_closed(struct req *r)
{
    buf_reset(&r->body);
    render_invite_closed(&r->body, &r->app->site);
    r->content_type = HTML_TYPE;
    return req_error(r, 404, "This link is not valid.");
}

/* The link's form, offering `secret` (NULL: a new one), with message. */
static int link_page(struct req *r, const struct invite *inv,
                     const struct user *u, const uint8_t *secret,
                     const char *message, int status)
{
    uint8_t fresh[TOTP_SECRET_LEN];
    char text[TOTP_SECRET_TEXT_LEN + 1], uri[TOTP_URI_MAX];
    if (secret == NULL) {
        totp_secret_new(fresh);
        secret = fresh;
    }
    int rc = totp_secret_text(secret, text);
    if (rc == 0)
        rc = totp_uri("Vigil", u->login, secret, uri, sizeof uri);
    sodium_memzero(fresh, sizeof fresh);
    if (rc != 0)
        return req_error(r, 500, "The second factor could not be made.");
    struct invite_page p = {form_field(r, "token"),
                            u->login,
                            inv->purpose == INVITE_ACCOUNT,
                            u->display_name,
                            arena_strdup(&r->arena, text),
                            arena_strdup(&r->arena, uri),
                            message};
    if (p.token == NULL)
        p.token = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
                                              "token");
    buf_reset(&r->body);
    render_invite_page(&r->body, &r->app->site, &p);
    r->content_type = HTML_TYPE;
    return status;
}

/* GET /invite?token=...: showing the form writes nothing */
int page_invite(struct req *r)
{
    struct invite inv;
    struct user u;
    const char *token =
        MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "token");
    int rc = invite_find(req_store(r), &r->arena, token, r->now, &inv, &u);
    if (rc == VG_ENOTFOUND)
        return link_closed(r);
    if (rc != 0)
        return req_read_failed(r);
    return link_page(r, &inv, &u, NULL, NULL, 200);
}

/* The open link a form was sent for, and the secret it enrols: 0, or the
 * status answered. */
static int link_of(struct req *r, struct invite *inv, struct user *u,
                   uint8_t secret[TOTP_SECRET_LEN])
{
    int rc = invite_find(req_store(r), &r->arena, form_field(r, "token"),
                         r->now, inv, u);
    if (rc == VG_ENOTFOUND)
        return link_closed(r);
    if (rc != 0)
        return req_read_failed(r);
    if (totp_secret_parse(form_field(r, "secret"), secret) != 0)
        return link_page(r, inv, u, NULL,
                         "The key of the form was damaged: here is a new "
                         "one.",
                         422);
    return 0;
}

static void run_hash(struct hash_job *j)
{
    struct password_job *p = (struct password_job *)j;
    if (password_hash(p->to_hash, p->made) != 0)
        p->made[0] = '\0';
}

/* An invitation's new password, checked and queued for its hash. */
static int link_password(struct req *r, const struct invite *inv,
                         const struct user *u, const uint8_t *secret)
{
    struct vg_err err = VG_ERR_INIT;
    const char *pw = form_field(r, "password");
    const char *again = form_field(r, "password_again");
    if (pw && (again == NULL || strcmp(pw, again) != 0))
        return link_page(r, inv, u, secret,
                         "password_again: is not the same as the password",
                         422);
    if (user_password_acceptable(pw, &err) != 0)
        return link_page(r, inv, u, secret, refusal_text(r, &err), 422);
    struct password_job *p = arena_alloc(&r->arena, sizeof *p);
    p->job = (struct hash_job){.run = run_hash};
    if (!hashers_reserve(r->app->hashers, false)) {
        r->retry_after = 5;
        return req_error(r, 503, "Too many sign-ins at once; try again.");
    }
    p->to_hash = pw;
    r->hash_job = &p->job;
    return REQ_HASH;
}

/* The first call: the form checked, then the password queued. */
static int link_start(struct req *r)
{
    struct invite inv;
    struct user u;
    uint8_t secret[TOTP_SECRET_LEN];
    int status = access_same_origin(r, false);
    if (status == 0)
        status = form_parse(r);
    if (status == 0)
        status = link_of(r, &inv, &u, secret);
    if (status != 0)
        return status;
    if (totp_step(secret, form_field(r, "code"), r->now) < 0)
        return link_page(r, &inv, &u, secret,
                         "code: is not the code your authenticator app "
                         "shows for this key now",
                         422);
    if (inv.purpose == INVITE_ACCOUNT)
        return link_password(r, &inv, &u, secret);
    const char *pw = form_field(r, "password");
    status = check_start(r, u.login, pw ? pw : "", NULL, true);
    if (status == 401)
        return link_page(r, &inv, &u, secret, "password: is not your password",
                         422);
    return status;
}

/* The second call: the hash's answer, then the link completed. 0 with
 * *u its person, or the status answered. */
static int link_end(struct req *r, struct user *u)
{
    struct invite inv;
    struct vg_err err = VG_ERR_INIT;
    uint8_t secret[TOTP_SECRET_LEN];
    struct password_job *p = (struct password_job *)r->hash_job;
    int status = link_of(r, &inv, u, secret);
    if (status == 0 && inv.purpose == INVITE_SECOND_FACTOR)
        status = check_end(r, "invite.failed", &p);
    if (status == 401)
        return link_page(r, &inv, u, secret, "password: is not your password",
                         422);
    if (status == 0 && p->job.cancelled)
        status = req_error(r, 503, "The server is stopping; try again.");
    if (status != 0)
        return status;
    struct invite_answer in = {
        form_field(r, "token"), inv.purpose == INVITE_ACCOUNT ? p->made : NULL,
        form_field(r, "display_name"), secret, form_field(r, "code")};
    struct op op;
    req_write_begin(r, &op);
    op.actor = u->login;
    int rc = invite_accept(&op, &in, &err);
    req_write_end(r);
    sodium_memzero(p->made, sizeof p->made);
    sodium_memzero(secret, sizeof secret);
    if (rc == VG_ENOTFOUND)
        return link_closed(r);
    if (rc != 0)
        return link_page(r, &inv, u, NULL, refusal_text(r, &err),
                         req_fail(r, &err));
    return 0;
}

/* POST /invite: a one-time link's form; success signs the person in */
int invite_form(struct req *r)
{
    struct user u;
    struct session s;
    int status = r->hash_job == NULL ? link_start(r) : link_end(r, &u);
    if (status != 0)
        return status;
    if ((status = begin_session(r, u.id, &s)) != 0)
        return status;
    access_set_device(r, u.login);
    access_log(r, "invite.used", u.login, NULL);
    return req_redirect(r, "/admin");
}

/* ==== Scripts and the API ==== */

/* Who is signed in: login, roles on every tracker, those on single
 * trackers ({"slug": "editor"}), and the CSRF token of a session. */
static json_t *me_json(const char *login, unsigned roles, const struct grant *g,
                       size_t n, const char *csrf)
{
    char names[128];
    roles_format(roles, names, sizeof names);
    json_t *on = json_object();
    for (size_t i = 0; i < n; i++) {
        roles_format(g[i].roles, names, sizeof names);
        json_object_set_new(on, g[i].tracker_slug, json_string(names));
    }
    roles_format(roles, names, sizeof names);
    json_t *j = json_pack("{s:s, s:s, s:o}", "login", login, "roles", names,
                          "trackers", on);
    if (csrf)
        json_object_set_new(j, "csrf", json_string(csrf));
    return j;
}

/* POST /api/v1/login {"login", "password", "code"} */
int api_login(struct req *r)
{
    struct user u;
    struct session s;
    int status = 0;
    if (r->hash_job == NULL) {
        status = access_same_origin(r, false);
        if (status == 0)
            status = form_parse(r);
    }
    if (status == 0)
        status = sign_in(r, &u);
    if (status == 0)
        status = begin_session(r, u.id, &s);
    if (status != 0)
        return status;
    access_set_device(r, u.login);
    struct grant *g;
    size_t n;
    struct vg_err err = VG_ERR_INIT;
    if (store_grant_list(req_store(r), &r->arena, u.id, &g, &n, &err) != 0)
        return req_read_failed(r);
    return req_json(r, 200, me_json(u.login, u.roles, g, n, s.csrf));
}

/* POST /api/v1/logout */
int api_logout(struct req *r)
{
    if (r->who.by_token)
        return req_error(r, 400, "An API token has no session to end.");
    int status = signout_form(r);
    if (status != 303)
        return status;
    r->location = NULL;
    return req_json(r, 200, json_pack("{s:b}", "signed_out", 1));
}

/* GET /api/v1/me: who is signed in, and the CSRF token their page sends */
int api_me(struct req *r)
{
    return req_json(r, 200,
                    me_json(r->who.login, r->who.global_roles, r->who.grants,
                            r->who.ngrants,
                            r->who.by_token ? NULL : r->who.session.csrf));
}
