/*
 * signin.c: signing in and out, for browsers (/login, a form) and for
 * scripts and the browser's own code (/api/v1/login, JSON).
 *
 * Order of checks for a sign-in: the request comes from this site
 * (Origin / Sec-Fetch-Site), the form's own session and CSRF token (HTML),
 * the rate limits (429), a password-hash slot (503), the password (401),
 * then the TOTP code (401). Success replaces any session the browser had
 * (the sign-in form's included) with a new one.
 */
#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/auth.h"
#include "core/enums.h"
#include "core/users.h"
#include "http/access.h"
#include "http/form.h"
#include "http/handlers.h"
#include "http/throttle.h"
#include "render/account.h"
#include "render/admin.h"

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
 * setting the cookie. */
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
    sodium_memzero(token, sizeof token);
    return 0;
}

/*
 * The checks every sign-in shares, up to a signed-in session. Returns 0
 * with *u the user, or the status to answer with (r->error says why, in
 * words fit for the client).
 */
/* The limits a password try passes first (per address and account, then a
 * hashing slot, which the caller leaves with throttle_hash_leave): 0, or
 * 429 or 503 answered. `known`: the browser signed in to login before. */
static int password_limits(struct req *r, const char *login, bool known)
{
    struct app *app = r->app;
    union proxy_addr client;
    const struct sockaddr *addr = req_client_addr(r, &client);
    int wait = throttle_sign_in(app->throttle, addr, login, known, r->now);
    if (wait > 0) {
        access_log(r, "sign-in.throttled", login, NULL);
        r->retry_after = wait;
        return req_error(r, 429,
                         "Too many sign-in attempts; try again in %d seconds.",
                         wait);
    }
    if (!throttle_hash_enter(app->throttle)) {
        r->retry_after = 5;
        return req_error(r, 503, "Too many sign-ins at once; try again.");
    }
    return 0;
}

static int sign_in(struct req *r, const char *login, const char *password,
                   const char *code, struct user *u)
{
    struct app *app = r->app;
    int status = password_limits(r, login, access_known_device(r, login));
    if (status != 0)
        return status;
    struct vg_err err = VG_ERR_INIT;
    const char *why = NULL;
    int rc = auth_check_password(req_store(r), &r->arena, login, password, u,
                                 &why, &err);
    throttle_hash_leave(app->throttle);
    if (rc == 0) {
        struct op op;
        req_write_begin(r, &op);
        op.actor = u->login;
        rc = auth_check_code(&op, u, code, !app->cfg.demo, &why, &err);
        if (rc == 0 && user_rehash_if_needed(&op, u, password, &err) != 0)
            access_log(r, "rehash.failed", u->login, err.msg);
        req_write_end(r);
    }
    if (rc == VG_EDENIED) {
        throttle_failed(app->throttle, login, r->now);
        access_log(r, "sign-in.failed", login, why);
        return req_error(r, 401, "%s", err.msg);
    }
    if (rc != 0)
        return req_error(r, 500, "The sign-in could not be checked.");
    access_log(r, "sign-in", u->login, NULL);
    return 0;
}

/* ==== Browsers ==== */

/* GET /login */
int page_login(struct req *r)
{
    struct session s;
    access_identify(r);
    if (r->who.user_id)
        return req_redirect(r, "/admin");
    /* The form carries the CSRF token of a session of its own, made now
     * (or kept, if the browser has a fresh one). */
    if (!cookie_session(r, &s) || s.user_id != 0) {
        int rc = begin_session(r, 0, &s);
        if (rc != 0)
            return rc;
    }
    render_login_page(&r->body, &r->app->site, s.csrf, NULL, r->app->cfg.demo);
    r->content_type = HTML_TYPE;
    return 200;
}

/* Answers a refused sign-in form with the form again and the reason. */
static int form_again(struct req *r, int status)
{
    struct session s;
    char message[sizeof r->error];
    memcpy(message, r->error, sizeof message);
    if (!cookie_session(r, &s) || s.user_id != 0) {
        if (begin_session(r, 0, &s) != 0)
            return 500;
    }
    buf_reset(&r->body);
    render_login_page(&r->body, &r->app->site, s.csrf, message,
                      r->app->cfg.demo);
    r->content_type = HTML_TYPE;
    return status;
}

/* POST /login */
int signin_form(struct req *r)
{
    struct session pre;
    struct user u;
    int status = access_same_origin(r, false);
    if (status == 0)
        status = form_parse(r);
    if (status != 0)
        return status;
    const char *csrf = form_field(r, "csrf");
    if (!cookie_session(r, &pre) || pre.user_id != 0 || csrf == NULL ||
        strlen(csrf) != strlen(pre.csrf) ||
        sodium_memcmp(csrf, pre.csrf, strlen(csrf)) != 0) {
        access_log(r, "csrf", NULL, "sign-in form");
        req_error(r, 403, "The sign-in form had expired; here is a new one.");
        return form_again(r, 403);
    }
    status = sign_in(r, form_field(r, "login"), form_field(r, "password"),
                     form_field(r, "code"), &u);
    if (status != 0)
        return status == 500 ? status : form_again(r, status);
    struct session s;
    if ((status = begin_session(r, u.id, &s)) != 0)
        return status;
    access_set_device(r, u.login);
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
    struct desk d = {&r->app->site, r->who.login, r->who.roles,
                     r->who.session.csrf, notice};
    buf_reset(&r->body);
    render_desk_password(&r->body, &d);
    r->content_type = HTML_TYPE;
    return status;
}

/* GET /admin/password */
int page_password(struct req *r)
{
    return password_page(r, NULL, 200);
}

/* The page again with the refusal: 422 for a value refused (a wrong
 * current password too: the person is signed in, the field is wrong),
 * else req_fail's status. */
static int password_refused(struct req *r, const struct vg_err *err)
{
    char m[sizeof r->error + 48];
    snprintf(m, sizeof m, "%s: %s", err->field ? err->field : "password",
             err->msg);
    int status = req_fail(r, err);
    if (err->code == VG_EDENIED)
        status = 422;
    return password_page(r, arena_strdup(&r->arena, m), status);
}

/*
 * POST /admin/password: the current password, then the new one twice.
 * Tries count against the sign-in limits (a stolen session must not be a
 * way to guess the password). Success ends every session of the user and
 * starts a new one for this browser.
 */
int password_form(struct req *r)
{
    struct app *app = r->app;
    struct vg_err err = VG_ERR_INIT;
    const char *fresh = form_field(r, "password");
    const char *again = form_field(r, "password_again");
    if (fresh && (again == NULL || strcmp(fresh, again) != 0)) {
        vg_err_set(&err, VG_EINVAL, "password_again",
                   "is not the same as the new password");
        return password_refused(r, &err);
    }
    int status = password_limits(r, r->who.login, true);
    if (status != 0)
        return status;
    struct op op;
    req_write_begin(r, &op);
    int64_t user_id = r->who.user_id;
    int rc = user_change_own_password(&op, form_field(r, "current_password"),
                                      fresh, &err);
    req_write_end(r);
    throttle_hash_leave(app->throttle);
    if (rc == VG_EDENIED) {
        throttle_failed(app->throttle, r->who.login, r->now);
        access_log(r, "password.failed", r->who.login, err.field);
    }
    if (rc != 0)
        return password_refused(r, &err);
    access_log(r, "password.changed", r->who.login, NULL);
    struct session s;
    if ((rc = begin_session(r, user_id, &s)) != 0)
        return rc;
    return req_redirect(r, "/admin");
}

/* ==== Scripts and the API ==== */

static json_t *me_json(const char *login, unsigned roles, const char *csrf)
{
    char names[128];
    roles_format(roles, names, sizeof names);
    json_t *j = json_pack("{s:s, s:s}", "login", login, "roles", names);
    if (csrf)
        json_object_set_new(j, "csrf", json_string(csrf));
    return j;
}

/* POST /api/v1/login {"login", "password", "code"} */
int api_login(struct req *r)
{
    struct user u;
    struct session s;
    int status = access_same_origin(r, false);
    if (status == 0)
        status = form_parse(r);
    if (status == 0)
        status = sign_in(r, form_field(r, "login"), form_field(r, "password"),
                         form_field(r, "code"), &u);
    if (status == 0)
        status = begin_session(r, u.id, &s);
    if (status != 0)
        return status;
    access_set_device(r, u.login);
    return req_json(r, 200, me_json(u.login, u.roles, s.csrf));
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
                    me_json(r->who.login, r->who.roles,
                            r->who.by_token ? NULL : r->who.session.csrf));
}
