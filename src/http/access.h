/*
 * access.h: who is asking, and may they (reference/security.md C4, T19).
 *
 * Every route that is not public names the roles it is for (routes.c).
 * A user holds roles on every tracker (global) and may hold more on
 * single trackers; admin is global only. Before its handler runs, the
 * dispatcher:
 *  1. finds the principal: an API token (Authorization: Bearer) or the
 *     session cookie; nobody is 401 for the API, 303 to /login for pages;
 *  2. checks the route's roles: on a route whose path names a tracker
 *     (":slug"), against the principal's global roles and their roles on
 *     that tracker; on any other, against every role they hold anywhere
 *     (the desk's index, sources, extraction): 403. The roles that
 *     counted are r->who.roles, which the handlers and core check again;
 *  3. for a state-changing method of a session, checks the CSRF token
 *     (X-CSRF-Token header or the form's "csrf" field, compared in
 *     constant time) and that Origin is the site's own, or
 *     Sec-Fetch-Site is same-origin: 403.
 * Refusals change nothing and are written to the security log.
 */
#ifndef VIGIL_HTTP_ACCESS_H
#define VIGIL_HTTP_ACCESS_H

#include "http/request.h"

enum {
    SIGNIN_FORM_WINDOW = 15 * 60, /* seconds; a token holds 15 to 30 min */
    SIGNIN_TOKEN_MAX = 96,        /* "WINDOW.MAC", its NUL included */
};

/* Steps 1-3 for r->route; fills r->who. Returns 0, or the status to
 * answer with (401, 303 with r->location set, 403, 400 for a bad body). */
int access_check(struct req *r);

/* Finds the principal of a request on a public route (r->who stays
 * empty when none; its roles are every role held anywhere). Returns 0,
 * or VG_EIO when the record could not be read to tell (r->who is then
 * empty too). */
int access_identify(struct req *r);
/* The roles who holds on tracker slug: global ones and those on it. */
unsigned access_roles_on(const struct principal *who, const char *slug);
/* Every role who holds, on any tracker. */
unsigned access_roles_anywhere(const struct principal *who);

/* For sign-in: refuses (403) a request a browser sent from another site
 * (Origin not ours, or Sec-Fetch-Site cross-site). */
int access_same_origin(struct req *r, bool required);

/* The session cookie's name (__Host-sid over TLS), and the Set-Cookie
 * values that set and clear it. */
const char *access_session_cookie(const struct app *app);
void access_set_session(struct req *r, const char *token);
void access_clear_session(struct req *r);
/* The known-device cookie (a MAC of the login under the install's key):
 * set at sign-in; true when the request carries one for login. */
void access_set_device(struct req *r, const char *login);
bool access_known_device(struct req *r, const char *login);

/* The sign-in form's CSRF token (C4). Before sign-in there is no session,
 * and showing the form writes nothing: the token is a MAC, under a key
 * derived from the install's device key (app->signin_key), of the
 * browser's pre-login cookie (32 random bytes, set here when the browser
 * has none) and the SIGNIN_FORM_WINDOW it was made in; it holds in that
 * window and the next. Returns the token, in the request's arena. */
const char *access_signin_token(struct req *r);
/* True when sent is such a token for this browser's pre-login cookie, and
 * not expired (compared in constant time). */
bool access_signin_token_ok(struct req *r, const char *sent);
/* Clears the pre-login cookie: at sign-in the session replaces it. */
void access_clear_prelogin(struct req *r);

/* Writes one security event as a JSON line to stderr (C6): never a
 * password, token or code. detail may be NULL. */
void access_log(struct req *r, const char *event, const char *login,
                const char *detail);

#endif
