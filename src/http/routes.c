/* routes.c: the route table, and matching paths against it. */
#include "http/routes.h"

#include <stdio.h>
#include <string.h>

#include "http/handlers.h"

#define PAGE (R_PUBLIC | R_CACHED | R_HTML)
#define API  (R_PUBLIC | R_CACHED | R_API)
#define FEED (R_PUBLIC | R_CACHED | R_FEED)

const struct route routes[] = {
    {"GET", "/", page_index, PAGE},
    {"GET", "/sources", page_sources, PAGE},
    {"GET", "/t/:slug", page_live, PAGE},
    {"GET", "/t/:slug/u/:n", page_update, PAGE},
    {"GET", "/t/:slug/day/:n", page_day, PAGE},
    {"GET", "/t/:slug/days", page_days, PAGE},
    {"GET", "/t/:slug/tallies", page_tallies, PAGE},
    {"GET", "/t/:slug/tallies/:metric", page_tally, PAGE},
    {"GET", "/t/:slug/lite", page_lite, PAGE},
    {"GET", "/t/:slug/live", live_subscribe, R_PUBLIC | R_STREAM},
    {"GET", "/t/:slug/feed.atom", feed_atom, FEED},
    {"GET", "/t/:slug/feed.json", feed_json, FEED},
    {"GET", "/static/:file", static_file, R_PUBLIC | R_STATIC},
    {"GET", "/favicon.ico", favicon, R_PUBLIC | R_CACHED},
    {"GET", "/api/v1/trackers", api_trackers, API},
    {"GET", "/api/v1/trackers/:slug", api_tracker, API},
    {"GET", "/api/v1/trackers/:slug/updates", api_updates, API},
    {"GET", "/api/v1/trackers/:slug/updates/:n", api_update, API},
    {"GET", "/api/v1/trackers/:slug/claims", api_claims, API},
    {"GET", "/api/v1/sources", api_sources, API},
    {"GET", "/metrics", metrics_text, R_METRICS},
    {NULL, NULL, NULL, 0},
};

/* Matches path against pattern, storing ":name" segments in r->params. */
static int match(struct req *r, const char *pattern, const char *path)
{
    int n = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == ':') {
            size_t len = strcspn(s, "/");
            if (len == 0 || n >= REQ_MAX_PARAMS)
                return 0;
            r->params[n++] = arena_strndup(&r->arena, s, len);
            s += len;
            p += strcspn(p, "/");
        } else if (*p++ != *s++) {
            return 0;
        }
    }
    if (*p || *s)
        return 0;
    r->nparams = n;
    return 1;
}

static int method_allows(const char *route_method, const char *method)
{
    return strcmp(route_method, method) == 0 ||
           (strcmp(route_method, "GET") == 0 && strcmp(method, "HEAD") == 0);
}

int route_find(struct req *r, const char *method, const char *path, char *allow,
               size_t allow_size)
{
    size_t used = 0;
    allow[0] = '\0';
    for (const struct route *rt = routes; rt->pattern; rt++) {
        if (!match(r, rt->pattern, path))
            continue;
        if (method_allows(rt->method, method)) {
            r->route = rt;
            return 0;
        }
        int n = snprintf(allow + used, allow_size - used, "%s%s%s",
                         used ? ", " : "", rt->method,
                         strcmp(rt->method, "GET") == 0 ? ", HEAD" : "");
        if (n > 0 && (size_t)n < allow_size - used)
            used += (size_t)n;
    }
    return used ? 405 : 404;
}

unsigned route_family(const char *path)
{
    return strncmp(path, "/api/", 5) == 0 ? R_API : R_HTML;
}
