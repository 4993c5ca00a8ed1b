/* access.c: principals, roles, CSRF and origin checks, cookies, and the
 * security log. */
#include "http/access.h"

#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/auth.h"
#include "model/enums.h"
#include "http/form.h"
#include "http/handlers.h"
#include "http/routes.h"
#include "util/date.h"

/* ==== The security log ==== */

void access_log(struct req *r, const char *event, const char *login,
                const char *detail)
{
    char at[TIMESTAMP_LEN + 1], ip[64];
    union proxy_addr client;
    timestamp_format(r->now, at);
    proxy_format(req_client_addr(r, &client), ip, sizeof ip);
    /* jansson escapes control characters: a login cannot forge a line. */
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s}", "at", at, "event", event,
                          "ip", ip, "method", r->method ? r->method : "",
                          "path", r->path ? r->path : "");
    if (login)
        json_object_set_new(j, "login", json_string(login));
    if (detail)
        json_object_set_new(j, "detail", json_string(detail));
    char *line = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (line)
        fprintf(stderr, "%s\n", line);
    free(line);
    json_decref(j);
}

/* ==== Cookies ==== */

const char *access_session_cookie(const struct app *app)
{
    return app->tls ? "__Host-sid" : "vigil_sid";
}

static const char *device_cookie(const struct app *app)
{
    return app->tls ? "__Host-device" : "vigil_device";
}

static void set_cookie(struct req *r, const char *name, const char *value,
                       const char *max_age)
{
    char c[256];
    snprintf(c, sizeof c, "%s=%s; Path=/;%s%s HttpOnly; SameSite=Strict", name,
             value, max_age ? max_age : "", r->app->tls ? " Secure;" : "");
    req_set_cookie(r, c);
}

void access_set_session(struct req *r, const char *token)
{
    set_cookie(r, access_session_cookie(r->app), token, NULL);
}

void access_clear_session(struct req *r)
{
    set_cookie(r, access_session_cookie(r->app), "", " Max-Age=0;");
}

/* base64url(HMAC of the login under the install's device key). */
static void device_mac(const struct app *app, const char *login, char out[64])
{
    uint8_t mac[crypto_auth_BYTES];
    crypto_auth(mac, (const uint8_t *)login, strlen(login), app->device_key);
    sodium_bin2base64(out, 64, mac, sizeof mac,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void access_set_device(struct req *r, const char *login)
{
    char mac[64], value[160];
    device_mac(r->app, login, mac);
    snprintf(value, sizeof value, "%s.%.64s", mac, login);
    set_cookie(r, device_cookie(r->app), value, " Max-Age=31536000;");
}

bool access_known_device(struct req *r, const char *login)
{
    char mac[64];
    const char *v = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND,
                                                device_cookie(r->app));
    const char *dot = v ? strchr(v, '.') : NULL;
    if (dot == NULL || login == NULL || strcmp(dot + 1, login) != 0)
        return false;
    device_mac(r->app, login, mac);
    size_t n = (size_t)(dot - v);
    return n == strlen(mac) && sodium_memcmp(v, mac, n) == 0;
}

/* ==== The sign-in form's token ==== */

static const char *prelogin_cookie(const struct app *app)
{
    return app->tls ? "__Host-pre" : "vigil_pre";
}

/* "WINDOW.base64url(HMAC of WINDOW.COOKIE)" into out. */
static void signin_mac(const struct app *app, int64_t window,
                       const char *cookie, char out[SIGNIN_TOKEN_MAX])
{
    char msg[32 + TOKEN_TEXT_LEN], mac64[64];
    uint8_t mac[crypto_auth_BYTES];
    int n = snprintf(msg, sizeof msg, "%lld.%s", (long long)window, cookie);
    crypto_auth(mac, (const uint8_t *)msg, (size_t)n, app->signin_key);
    sodium_bin2base64(mac64, sizeof mac64, mac, sizeof mac,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    snprintf(out, SIGNIN_TOKEN_MAX, "%lld.%s", (long long)window, mac64);
}

/* The browser's pre-login cookie when it is one of ours in form. */
static const char *sent_prelogin(struct req *r)
{
    uint8_t unused[TOKEN_HASH_LEN];
    const char *v = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND,
                                                prelogin_cookie(r->app));
    return v && auth_token_hash(v, unused) == 0 ? v : NULL;
}

const char *access_signin_token(struct req *r)
{
    char token[SIGNIN_TOKEN_MAX], fresh[TOKEN_TEXT_LEN + 1];
    uint8_t unused[TOKEN_HASH_LEN];
    const char *cookie = sent_prelogin(r);
    if (cookie == NULL) {
        auth_token_new(fresh, unused);
        set_cookie(r, prelogin_cookie(r->app), fresh, NULL);
        cookie = fresh;
    }
    signin_mac(r->app, r->now / SIGNIN_FORM_WINDOW, cookie, token);
    return arena_strdup(&r->arena, token);
}

bool access_signin_token_ok(struct req *r, const char *sent)
{
    char want[SIGNIN_TOKEN_MAX];
    const char *cookie = sent_prelogin(r);
    int64_t now = r->now / SIGNIN_FORM_WINDOW;
    if (cookie == NULL || sent == NULL)
        return false;
    size_t n = strlen(sent);
    for (int64_t w = now; w >= now - 1; w--) {
        signin_mac(r->app, w, cookie, want);
        if (n == strlen(want) && sodium_memcmp(sent, want, n) == 0)
            return true;
    }
    return false;
}

void access_clear_prelogin(struct req *r)
{
    if (sent_prelogin(r))
        set_cookie(r, prelogin_cookie(r->app), "", " Max-Age=0;");
}

/* ==== Principals ==== */

/* A lookup that could not read the record (VG_EIO: the database away,
 * say) tells nothing of the token: unlike "no such token" (VG_ENOTFOUND)
 * or "revoked" (VG_EDENIED), it must not be answered as a bad one. */
static int lookup_failed(int rc)
{
    return rc != 0 && rc != VG_ENOTFOUND && rc != VG_EDENIED ? VG_EIO : 0;
}

/* Loads the roles the principal holds on single trackers. */
static int load_grants(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct grant *g;
    size_t n;
    if (store_grant_list(req_store(r), &r->arena, r->who.user_id, &g, &n,
                         &err) != 0) {
        r->who = (struct principal){0};
        return VG_EIO;
    }
    r->who.grants = g;
    r->who.ngrants = n;
    return 0;
}

static int identify_token(struct req *r, const char *token)
{
    struct api_token t;
    int rc = api_token_find(req_store(r), &r->arena, token, &t);
    if (rc != 0)
        return lookup_failed(rc);
    r->who = (struct principal){.user_id = t.user_id,
                                .login = t.login,
                                .roles = t.roles,
                                .global_roles = t.roles,
                                .by_token = true};
    return load_grants(r);
}

static int identify_session(struct req *r)
{
    const char *token = MHD_lookup_connection_value(
        r->conn, MHD_COOKIE_KIND, access_session_cookie(r->app));
    struct session s;
    if (token == NULL)
        return 0;
    int rc = session_find(req_store(r), &r->arena, token, r->now, &s);
    if (rc != 0)
        return lookup_failed(rc);
    if (s.user_id == 0)
        return 0;
    r->who = (struct principal){.user_id = s.user_id,
                                .login = s.login,
                                .roles = s.roles,
                                .global_roles = s.roles,
                                .session = s};
    return load_grants(r);
}

/* Returns the bearer token of an Authorization header, "" for another
 * scheme, NULL without the header. */
static const char *bearer(struct req *r)
{
    const char *h =
        MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Authorization");
    if (h == NULL)
        return NULL;
    return strncasecmp(h, "Bearer ", 7) == 0 ? h + 7 : "";
}

int access_identify(struct req *r)
{
    const char *token = bearer(r);
    r->who = (struct principal){0};
    int rc = token ? identify_token(r, token) : identify_session(r);
    if (rc == 0)
        r->who.roles = access_roles_anywhere(&r->who);
    return rc;
}

unsigned access_roles_on(const struct principal *who, const char *slug)
{
    unsigned roles = who->global_roles;
    for (size_t i = 0; slug && i < who->ngrants; i++)
        if (strcmp(who->grants[i].tracker_slug, slug) == 0)
            roles |= who->grants[i].roles;
    return roles;
}

unsigned access_roles_anywhere(const struct principal *who)
{
    unsigned roles = who->global_roles;
    for (size_t i = 0; i < who->ngrants; i++)
        roles |= who->grants[i].roles;
    return roles;
}

/* The roles that count on r's route: on the tracker its path names, or
 * anywhere. */
static unsigned route_roles(const struct req *r)
{
    int i = route_tracker_param(r->route);
    if (i < 0)
        return access_roles_anywhere(&r->who);
    return access_roles_on(&r->who, req_param(r, i));
}

/* ==== Checks ==== */

int access_same_origin(struct req *r, bool required)
{
    struct MHD_Connection *c = r->conn;
    const char *origin =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    const char *site =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
    /* Under Referrer-Policy: no-referrer a browser's form post says
     * "Origin: null"; Sec-Fetch-Site then tells where it came from. */
    if (origin && strcmp(origin, "null") == 0) {
        origin = NULL;
        required = true;
    }
    if (origin && strcmp(origin, r->app->origin) != 0)
        return req_error(r, 403, "This request came from another site.");
    if (site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
        return req_error(r, 403, "This request came from another site.");
    if (required && origin == NULL &&
        (site == NULL || strcmp(site, "same-origin") != 0))
        return req_error(r, 403,
                         "A signed-in change must say where it comes from "
                         "(Origin or Sec-Fetch-Site).");
    return 0;
}

static bool is_safe_method(const char *m)
{
    return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
}

static int check_csrf(struct req *r)
{
    const char *sent =
        MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
    if (sent == NULL)
        sent = form_field(r, "csrf");
    const char *want = r->who.session.csrf;
    size_t n = want ? strlen(want) : 0;
    if (sent == NULL || n == 0 || strlen(sent) != n ||
        sodium_memcmp(sent, want, n) != 0)
        return req_error(r, 403,
                         "The form is out of date or was not sent from "
                         "this site (CSRF token missing or wrong); reload "
                         "it and try again.");
    return 0;
}

/* Step 2: the route's roles, where they count (r->who.roles is set to
 * those). 0, or 403 recorded. */
static int check_roles(struct req *r)
{
    char roles[128];
    r->who.roles = route_roles(r);
    if (r->who.roles & r->route->roles)
        return 0;
    roles_format(r->route->roles, roles, sizeof roles);
    access_log(r, "forbidden", r->who.login, "role");
    if (route_tracker_param(r->route) >= 0)
        return req_error(
            r, 403, "This needs one of the roles: %s, on this tracker.", roles);
    return req_error(r, 403, "This needs one of the roles: %s.", roles);
}

int access_check(struct req *r)
{
    unsigned family = r->route->flags & (R_API | R_HTML);
    int status = 0;
    const char *token = bearer(r);
    /* While the record cannot be read (PostgreSQL restarting, a failover),
     * a valid token or session is not turned away as invalid: a script
     * would drop its token, a browser its editor's session. */
    if (access_identify(r) != 0)
        return req_error(r, 503,
                         "The record cannot be read just now; try again.");
    if (r->who.user_id == 0) {
        access_log(r, "unauthenticated", NULL,
                   token ? "API token not valid" : NULL);
        if (family & R_API)
            return req_error(r, 401,
                             token ? "The API token is not valid."
                                   : "Sign in first, or send an API token.");
        if ((r->route->flags & R_KEEPS) && token == NULL)
            return signin_keeping(r); /* no text is lost */
        return req_redirect(r, "/login");
    }
    if ((status = check_roles(r)) != 0)
        return status;
    if (!is_safe_method(r->method)) {
        if ((status = form_parse(r)) != 0)
            return status;
        if (!r->who.by_token && ((status = access_same_origin(r, true)) != 0 ||
                                 (status = check_csrf(r)) != 0)) {
            access_log(r, "csrf", r->who.login, r->error);
            return status;
        }
    }
    if (!r->who.by_token) {
        struct op op;
        struct vg_err err = VG_ERR_INIT;
        req_write_begin(r, &op);
        int rc = session_touch(&op, &r->who.session, &err);
        req_write_end(r);
        if (rc != 0)
            return req_error(r, 500, "The session could not be kept.");
    }
    return 0;
}
