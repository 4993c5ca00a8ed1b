/* routes.c: the route table, and matching paths against it. */
#include "http/routes.h"

#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "http/handlers.h"

#define PAGE  (R_PUBLIC | R_CACHED | R_HTML)
#define API   (R_PUBLIC | R_CACHED | R_API)
#define FEED  (R_PUBLIC | R_CACHED | R_FEED)
#define DESK  (R_HTML | R_PRIVATE) /* editors' pages: roles, session, CSRF */
#define WAPI  (R_API | R_PRIVATE)  /* the write API: session + CSRF, or token */
#define KEEPS (DESK | R_KEEPS)     /* a desk form whose text is kept */

/* Who may use an editor route (enum role); anyone signed in: ANY. */
enum {
    ANY = ROLE_ALL,
    CON = ROLE_CONTRIBUTOR,
    ED = ROLE_EDITOR,
    VER = ROLE_VERIFIER,
    CUS = ROLE_CUSTODIAN, /* the victims registry; admins are not */
    ADM = ROLE_ADMIN,
};

const struct route routes[] = {
    {"GET", "/", page_index, PAGE, 0},
    {"GET", "/sources", page_sources, PAGE, 0},
    {"GET", "/t/:slug", page_live, PAGE, 0},
    {"GET", "/t/:slug/u/:n", page_update, PAGE, 0},
    {"GET", "/t/:slug/day/:n", page_day, PAGE, 0},
    {"GET", "/t/:slug/days", page_days, PAGE, 0},
    {"GET", "/t/:slug/tallies", page_tallies, PAGE, 0},
    {"GET", "/t/:slug/tallies/:metric", page_tally, PAGE, 0},
    {"GET", "/t/:slug/lite", page_lite, PAGE, 0},
    {"GET", "/t/:slug/embed", page_embed, PAGE, 0},
    {"GET", "/t/:slug/events", page_events, R_PUBLIC | R_HTML, 0},
    {"GET", "/t/:slug/places/:id", page_place, PAGE, 0},
    {"GET", "/t/:slug/victims", page_victims, PAGE, 0},
    {"GET", "/t/:slug/search", page_search, R_PUBLIC | R_HTML, 0},
    {"GET", "/search", page_search_all, R_PUBLIC | R_HTML, 0},
    {"GET", "/t/:slug/export.csv", export_csv, FEED, 0},
    {"GET", "/t/:slug/export.geojson", export_geojson, FEED, 0},
    {"GET", "/t/:slug/live", live_subscribe, R_PUBLIC | R_STREAM, 0},
    {"GET", "/t/:slug/feed.atom", feed_atom, FEED, 0},
    {"GET", "/t/:slug/feed.json", feed_json, FEED, 0},
    {"GET", "/robots.txt", robots_txt, FEED, 0},
    {"GET", "/sitemap.xml", sitemap_index, FEED, 0},
    {"GET", "/t/:slug/sitemap.xml", sitemap_tracker, FEED, 0},
    {"GET", "/static/:file", static_file, R_PUBLIC | R_STATIC, 0},
    {"GET", "/favicon.ico", favicon, R_PUBLIC | R_CACHED, 0},
    {"GET", "/media/:file", media_file, R_PUBLIC | R_STATIC, 0},
    {"GET", "/embed.js", embed_script, R_PUBLIC | R_CACHED | R_SHARED, 0},
    {"GET", "/oembed", oembed, R_PUBLIC | R_API, 0},
    {"GET", "/api/v1/openapi.json", api_description, API, 0},
    {"GET", "/api/v1/trackers", api_trackers, API, 0},
    {"GET", "/api/v1/trackers/:slug", api_tracker, API, 0},
    {"GET", "/api/v1/trackers/:slug/updates", api_updates, API, 0},
    {"GET", "/api/v1/trackers/:slug/updates/:n", api_update, API, 0},
    {"GET", "/api/v1/trackers/:slug/claims", api_claims, API, 0},
    {"GET", "/api/v1/trackers/:slug/events", api_events, API, 0},
    {"GET", "/api/v1/sources", api_sources, API, 0},
    {"GET", "/metrics", metrics_text, R_PUBLIC | R_METRICS, 0},
    {"GET", "/healthz", healthz, R_PUBLIC | R_PRIVATE, 0},
    {"GET", "/readyz", readyz, R_PUBLIC | R_PRIVATE, 0},
    /* Signing in and out. */
    {"GET", "/login", page_login, R_PUBLIC | R_PRIVATE | R_HTML, 0},
    {"POST", "/login", signin_form, R_PUBLIC | R_PRIVATE | R_HTML | R_BODY, 0},
    /* A one-time link: the token is the proof (core/invites.h). */
    {"GET", "/invite", page_invite, R_PUBLIC | R_PRIVATE | R_HTML, 0},
    {"POST", "/invite", invite_form, R_PUBLIC | R_PRIVATE | R_HTML | R_BODY, 0},
    {"POST", "/logout", signout_form, DESK, ANY},
    {"POST", "/api/v1/login", api_login, R_PUBLIC | R_PRIVATE | R_API | R_BODY,
     0},
    {"POST", "/api/v1/logout", api_logout, WAPI, ANY},
    {"GET", "/api/v1/me", api_me, WAPI, ANY},
    /* The write API. */
    {"POST", "/api/v1/trackers", api_create_tracker, WAPI, ADM},
    {"POST", "/api/v1/trackers/:slug", api_set_tracker, WAPI, ED},
    {"POST", "/api/v1/trackers/:slug/metrics", api_add_metric, WAPI, ED},
    {"POST", "/api/v1/trackers/:slug/updates", api_post_update, WAPI, ED | CON},
    {"GET", "/api/v1/trackers/:slug/drafts", api_drafts, WAPI, ED | CON},
    {"POST", "/api/v1/trackers/:slug/updates/:n", api_edit_update, WAPI,
     ED | CON},
    {"POST", "/api/v1/trackers/:slug/updates/:n/publish", api_update_act, WAPI,
     ED},
    {"POST", "/api/v1/trackers/:slug/updates/:n/retract", api_update_act, WAPI,
     ED},
    {"POST", "/api/v1/trackers/:slug/updates/:n/pin", api_update_act, WAPI, ED},
    {"POST", "/api/v1/trackers/:slug/updates/:n/key", api_update_act, WAPI, ED},
    {"GET", "/api/v1/trackers/:slug/proposals", api_proposals, WAPI, ED | VER},
    {"POST", "/api/v1/trackers/:slug/proposals", api_propose, WAPI, ED | VER},
    {"POST", "/api/v1/trackers/:slug/proposals/:n/approve", api_approve, WAPI,
     VER},
    {"POST", "/api/v1/trackers/:slug/proposals/:n/reject", api_reject, WAPI,
     VER},
    {"POST", "/api/v1/trackers/:slug/claims/:n/retract", api_retract_claim,
     WAPI, ED | VER},
    {"POST", "/api/v1/trackers/:slug/claims/:n/correct", api_correct_claim,
     WAPI, ED | VER},
    {"POST", "/api/v1/trackers/:slug/events", api_add_event, WAPI, ED},
    {"POST", "/api/v1/trackers/:slug/events/:n", api_edit_event, WAPI, ED},
    {"POST", "/api/v1/trackers/:slug/events/:n/retract", api_retract_event,
     WAPI, ED},
    {"POST", "/api/v1/sources", api_add_source, WAPI, ED},
    {"POST", "/api/v1/trackers/:slug/media", api_add_media, WAPI | R_UPLOAD,
     ED},
    {"GET", "/api/v1/trackers/:slug/media/pending/:token/:file",
     desk_pending_file, WAPI, ED},
    {"POST", "/api/v1/trackers/:slug/media/pending/:token/redact",
     api_redact_media, WAPI, ED},
    {"POST", "/api/v1/trackers/:slug/media/pending/:token/keep", api_keep_media,
     WAPI, ED},
    {"POST", "/api/v1/trackers/:slug/media/pending/:token/discard",
     api_discard_media, WAPI, ED},
    {"POST", "/api/v1/trackers/:slug/victims", api_add_victim, WAPI, CUS},
    {"POST", "/api/v1/trackers/:slug/victims/:n", api_edit_victim, WAPI, CUS},
    {"GET", "/api/v1/trackers/:slug/victims/:n", api_victim, WAPI, CUS | ED},
    {"GET", "/api/v1/audit", api_audit, WAPI, ADM},
    {"POST", "/api/v1/extract", api_extract, WAPI, ED},
    /* The editors' pages. */
    {"GET", "/admin", desk_index, DESK, ANY},
    {"GET", "/admin/password", page_password, DESK, ANY},
    {"GET", "/admin/search", desk_search, DESK, ED | CON},
    {"POST", "/admin/password", password_form, DESK, ANY},
    {"GET", "/admin/t/:slug", desk_tracker, DESK, ED | CON},
    {"POST", "/admin/t/:slug/updates", desk_post, KEEPS, ED | CON},
    {"POST", "/admin/t/:slug/autosave", desk_autosave, DESK, ED | CON},
    {"GET", "/admin/t/:slug/u/:n", desk_update, DESK, ED | CON},
    {"POST", "/admin/t/:slug/u/:n", desk_edit, KEEPS, ED | CON},
    {"POST", "/admin/t/:slug/u/:n/autosave", desk_autosave, DESK, ED | CON},
    {"POST", "/admin/t/:slug/u/:n/publish", desk_update_act, DESK, ED},
    {"POST", "/admin/t/:slug/u/:n/retract", desk_update_act, DESK, ED},
    {"POST", "/admin/t/:slug/u/:n/pin", desk_update_act, DESK, ED},
    {"POST", "/admin/t/:slug/u/:n/unpin", desk_update_act, DESK, ED},
    {"POST", "/admin/t/:slug/u/:n/key", desk_update_act, DESK, ED},
    {"POST", "/admin/t/:slug/u/:n/unkey", desk_update_act, DESK, ED},
    {"GET", "/admin/t/:slug/claims", desk_claims, DESK, ED | VER},
    {"POST", "/admin/t/:slug/claims", desk_propose, DESK, ED | VER},
    {"POST", "/admin/t/:slug/claims/:n/approve", desk_approve, DESK, VER},
    {"POST", "/admin/t/:slug/claims/:n/reject", desk_reject, DESK, VER},
    {"POST", "/admin/t/:slug/claims/:n/retract", desk_retract_claim, DESK,
     ED | VER},
    {"GET", "/admin/t/:slug/claims/:n/correct", desk_correct, DESK, ED | VER},
    {"POST", "/admin/t/:slug/claims/:n/correct", desk_correct_claim, DESK,
     ED | VER},
    {"POST", "/admin/trackers", desk_create_tracker, DESK, ADM},
    {"GET", "/admin/t/:slug/events", desk_events, DESK, ED},
    {"POST", "/admin/t/:slug/events", desk_add_event, DESK, ED},
    {"GET", "/admin/t/:slug/events/:n", desk_event, DESK, ED},
    {"POST", "/admin/t/:slug/events/:n", desk_edit_event, DESK, ED},
    {"POST", "/admin/t/:slug/events/:n/retract", desk_retract_event, DESK, ED},
    {"GET", "/admin/t/:slug/extract", desk_extract, DESK, ED},
    {"POST", "/admin/t/:slug/extract", desk_extract_run, DESK, ED},
    {"GET", "/admin/t/:slug/settings", desk_settings, DESK, ED},
    {"POST", "/admin/t/:slug/settings", desk_save_settings, DESK, ED},
    {"POST", "/admin/t/:slug/metrics", desk_add_metric, DESK, ED},
    {"GET", "/admin/t/:slug/victims", desk_victims, DESK, ED | CUS},
    {"POST", "/admin/t/:slug/victims", desk_add_victim, DESK, CUS},
    {"GET", "/admin/t/:slug/victims/:n", desk_victim, DESK, ED | CUS},
    {"POST", "/admin/t/:slug/victims/:n", desk_edit_victim, DESK, CUS},
    {"GET", "/admin/sources", desk_sources, DESK, ED},
    {"POST", "/admin/sources", desk_add_source, DESK, ED},
    {"POST", "/admin/sources/:source/aliases", desk_add_alias, DESK, ED},
    {"GET", "/admin/t/:slug/sources", desk_tracker_sources, DESK, ED},
    {"POST", "/admin/t/:slug/sources", desk_link_source, DESK, ED},
    {"GET", "/admin/t/:slug/media", desk_media, DESK, ED},
    {"POST", "/admin/t/:slug/media", desk_add_media, DESK | R_UPLOAD, ED},
    {"GET", "/admin/t/:slug/media/:key", desk_media_item, DESK, ED},
    {"GET", "/admin/t/:slug/media/pending/:token", desk_pending_media, DESK,
     ED},
    {"GET", "/admin/t/:slug/media/pending/:token/:file", desk_pending_file,
     DESK, ED},
    {"POST", "/admin/t/:slug/media/pending/:token/keep", desk_keep_media, DESK,
     ED},
    {"POST", "/admin/t/:slug/media/pending/:token/redact", desk_redact_media,
     DESK, ED},
    {"POST", "/admin/t/:slug/media/pending/:token/discard", desk_discard_media,
     DESK, ED},
    {"GET", "/admin/audit", desk_audit, DESK, ADM},
    {"POST", "/admin/name", desk_own_name, DESK, ANY},
    {"POST", "/admin/lang", desk_own_lang, DESK, ANY},
    /* The admins' pages: people and trackers. */
    {"GET", "/admin/users", desk_users, DESK, ADM},
    {"POST", "/admin/users", desk_invite, DESK, ADM},
    {"GET", "/admin/users/:login", desk_user, DESK, ADM},
    {"POST", "/admin/users/:login/roles", desk_user_roles, DESK, ADM},
    {"POST", "/admin/users/:login/name", desk_user_name, DESK, ADM},
    {"POST", "/admin/users/:login/invite", desk_user_invite, DESK, ADM},
    {"POST", "/admin/users/:login/totp", desk_user_totp, DESK, ADM},
    {"POST", "/admin/users/:login/disable", desk_user_disable, DESK, ADM},
    {"POST", "/admin/users/:login/enable", desk_user_enable, DESK, ADM},
    {"GET", "/admin/trackers", desk_trackers, DESK, ADM},
    {"POST", "/admin/t/:slug/archive", desk_archive, DESK, ADM},
    {"POST", "/admin/t/:slug/unarchive", desk_unarchive, DESK, ADM},
    {"POST", "/admin/t/:slug/unlist", desk_unlist, DESK, ADM},
    {"POST", "/admin/t/:slug/list", desk_list, DESK, ADM},
    {"GET", "/admin/t/:slug/webhooks", desk_webhooks, DESK, ADM},
    {"POST", "/admin/t/:slug/webhooks", desk_add_webhook, DESK, ADM},
    {"POST", "/admin/t/:slug/webhooks/:n/remove", desk_remove_webhook, DESK,
     ADM},
    {NULL, NULL, NULL, 0, 0},
};

/* Matches path against pattern, noting where its ":name" segments are. */
static bool match(struct route_match *m, const char *pattern, const char *path)
{
    int n = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == ':') {
            size_t len = strcspn(s, "/");
            if (len == 0 || n >= REQ_MAX_PARAMS)
                return false;
            m->params[n].at = (size_t)(s - path);
            m->params[n++].len = len;
            s += len;
            p += strcspn(p, "/");
        } else if (*p++ != *s++) {
            return false;
        }
    }
    if (*p || *s)
        return false;
    m->nparams = n;
    return true;
}

static bool method_allows(const char *route_method, const char *method)
{
    return strcmp(route_method, method) == 0 ||
           (strcmp(route_method, "GET") == 0 && strcmp(method, "HEAD") == 0);
}

int route_match(const char *method, const char *path, struct route_match *m,
                char *allow, size_t allow_size)
{
    size_t used = 0;
    bool other = false; /* a pattern matched, not the method */
    if (allow)
        allow[0] = '\0';
    for (const struct route *rt = routes; rt->pattern; rt++) {
        if (!match(m, rt->pattern, path))
            continue;
        if (method_allows(rt->method, method)) {
            m->route = rt;
            return 0;
        }
        other = true;
        if (allow == NULL)
            continue;
        int n = snprintf(allow + used, allow_size - used, "%s%s%s",
                         used ? ", " : "", rt->method,
                         strcmp(rt->method, "GET") == 0 ? ", HEAD" : "");
        if (n > 0 && (size_t)n < allow_size - used)
            used += (size_t)n;
    }
    return other ? 405 : 404;
}

int route_find(struct req *r, const char *method, const char *path, char *allow,
               size_t allow_size)
{
    struct route_match m;
    int status = route_match(method, path, &m, allow, allow_size);
    if (status != 0)
        return status;
    r->route = m.route;
    r->nparams = m.nparams;
    for (int i = 0; i < m.nparams; i++)
        r->params[i] =
            arena_strndup(&r->arena, path + m.params[i].at, m.params[i].len);
    return 0;
}

bool route_cache_key(const char *path, bool key_only, char key[CACHE_KEY_MAX])
{
    static const char query[] = "?filter=key";
    size_t n = strlen(path);
    size_t q = key_only ? sizeof query - 1 : 0;
    if (n + q >= CACHE_KEY_MAX)
        return false;
    memcpy(key, path, n);
    memcpy(key + n, query, q);
    key[n + q] = '\0';
    return true;
}

bool route_cache_query(const char *query, bool *key_only)
{
    *key_only = query != NULL && strcmp(query, "filter=key") == 0;
    return query == NULL || *key_only;
}

unsigned route_family(const char *path)
{
    return strncmp(path, "/api/", 5) == 0 ? R_API : R_HTML;
}

int route_tracker_param(const struct route *rt)
{
    int i = 0;
    for (const char *p = rt->pattern; (p = strchr(p, ':')) != NULL; p++, i++)
        if (strncmp(p, ":slug", 5) == 0 && (p[5] == '/' || p[5] == '\0'))
            return i;
    return -1;
}
