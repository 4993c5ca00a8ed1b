/*
 * test_routes.c: http/routes.h's route_tracker_param, which decides whose
 * roles count on a route (access.h): the ":slug" parameter's index on a
 * route whose path names a tracker, -1 on any other; and every route of
 * the table under /t/, /admin/t/ or /api/v1/trackers/ has it first.
 * The update changes' routes and core's table of them (update_acts)
 * agree: each such route names a row, each row has its desk route, and
 * each row that is no undo its write API route.
 * route_match finds what the front (front.c) and the dispatcher find,
 * with each segment's place; route_cache_key is the one key both
 * transports cache a page under, and refuses a key too long to keep.
 */
#include "http/routes.h"

#include <stdio.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "core/updates.h"
#include "http/handlers.h"

static void the_tracker_parameter(void **state)
{
    (void)state;
    static const struct {
        const char *pattern;
        int want;
    } cases[] = {
        {"/t/:slug", 0},
        {"/admin/t/:slug/u/:n/pin", 0},
        {"/api/v1/trackers/:slug/proposals/:n/approve", 0},
        {"/x/:n/:slug", 1},
        {"/admin/users/:login/roles", -1},
        {"/x/:slugs", -1},
        {"/x/:slug2/y", -1},
        {"/admin", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct route rt = {"GET", cases[i].pattern, NULL, 0, 0};
        CHECK_INT(cases[i].pattern, route_tracker_param(&rt), cases[i].want);
    }
}

/* A route about one tracker's contents names it: none is judged by the
 * roles held anywhere by mistake. */
static void every_tracker_route_names_it(void **state)
{
    (void)state;
    static const char *const prefixes[] = {"/t/", "/admin/t/",
                                           "/api/v1/trackers/"};
    for (const struct route *rt = routes; rt->pattern; rt++)
        for (size_t i = 0; i < 3; i++)
            if (strncmp(rt->pattern, prefixes[i], strlen(prefixes[i])) == 0)
                CHECK_INT(rt->pattern, route_tracker_param(rt), 0);
}

/* The route with this handler and pattern, or NULL. */
static const struct route *route_of(int (*handler)(struct req *),
                                    const char *pattern)
{
    for (const struct route *rt = routes; rt->pattern; rt++)
        if (rt->handler == handler && strcmp(rt->pattern, pattern) == 0)
            return rt;
    return NULL;
}

static void update_changes_agree(void **state)
{
    (void)state;
    char want[128];
    size_t desk = 0, api = 0;
    for (const struct route *rt = routes; rt->pattern; rt++) {
        if (rt->handler != desk_update_act && rt->handler != api_update_act)
            continue;
        const struct update_act_row *act =
            update_act_named(strrchr(rt->pattern, '/') + 1);
        CHECK_INT(rt->pattern, act != NULL, 1);
        if (rt->handler == desk_update_act)
            desk++;
        else
            api++;
    }
    size_t named = 0, undone = 0;
    for (int i = 0; i < UPDATE_ACT_COUNT; i++) {
        const struct update_act_row *act = &update_acts[i];
        CHECK_INT(act->name ? act->name : "edit", (int)act->act, i);
        if (act->name == NULL)
            continue;
        named++;
        snprintf(want, sizeof want, "/admin/t/:slug/u/:n/%s", act->name);
        CHECK_INT(want, route_of(desk_update_act, want) != NULL, 1);
        CHECK_INT(act->name, act->offered != NULL && act->label != NULL, 1);
        bool is_undo = false; /* another row's undo: no API route */
        for (int j = 0; j < UPDATE_ACT_COUNT; j++)
            is_undo |= j != i && update_acts[j].undo == act->act;
        if (is_undo) {
            undone++;
            continue;
        }
        snprintf(want, sizeof want, "/api/v1/trackers/:slug/updates/:n/%s",
                 act->name);
        CHECK_INT(want, route_of(api_update_act, want) != NULL, 1);
    }
    CHECK_INT("desk routes", (int)desk, (int)named);
    CHECK_INT("api routes", (int)api, (int)(named - undone));
}

/* route_match: the route, 404 and 405 with what is allowed, and where
 * the ":name" segments are; the stream route is the table's R_STREAM. */
static void matching(void **state)
{
    (void)state;
    struct route_match m;
    char allow[64];
    const char *path = "/admin/t/iran/u/12/pin";
    CHECK_INT(path, route_match("POST", path, &m, allow, sizeof allow), 0);
    CHECK_STR(path, m.route->pattern, "/admin/t/:slug/u/:n/pin");
    CHECK_INT(path, m.nparams, 2);
    CHECK_INT(path, (int)m.params[0].at, 9);
    CHECK_INT(path, (int)m.params[0].len, 4);
    CHECK_INT(path, (int)m.params[1].at, 16);
    CHECK_INT(path, (int)m.params[1].len, 2);
    CHECK_INT(path, route_match("GET", path, &m, allow, sizeof allow), 405);
    CHECK_STR(path, allow, "POST");
    CHECK_INT("no allow list", route_match("GET", path, &m, NULL, 0), 405);
    CHECK_INT("/t//live", route_match("GET", "/t//live", &m, NULL, 0), 404);
    CHECK_INT("/nowhere", route_match("GET", "/nowhere", &m, allow, 64), 404);
    CHECK_STR("/nowhere", allow, "");
    CHECK_INT("HEAD", route_match("HEAD", "/t/x/live", &m, NULL, 0), 0);
    CHECK_INT("/t/x/live", (int)(m.route->flags & R_STREAM), R_STREAM);
    CHECK_INT("/t/x", route_match("GET", "/t/x", &m, NULL, 0), 0);
    CHECK_INT("/t/x", (int)(m.route->flags & R_STREAM), 0);
}

/* One cache key for both transports: the path, with ?filter=key only;
 * none for a path too long to keep (never a shortened one that another
 * page could share). */
static void cache_keys(void **state)
{
    (void)state;
    char key[CACHE_KEY_MAX];
    CHECK_INT("plain", route_cache_key("/t/x", false, key), 1);
    CHECK_STR("plain", key, "/t/x");
    CHECK_INT("key only", route_cache_key("/t/x", true, key), 1);
    CHECK_STR("key only", key, "/t/x?filter=key");
    char path[CACHE_KEY_MAX + 1];
    memset(path, 'a', sizeof path - 1);
    path[0] = '/';
    path[CACHE_KEY_MAX - 1] = '\0'; /* CACHE_KEY_MAX - 1 bytes: the most */
    CHECK_INT("longest", route_cache_key(path, false, key), 1);
    CHECK_INT("longest", (int)strlen(key), CACHE_KEY_MAX - 1);
    CHECK_INT("longest, key only", route_cache_key(path, true, key), 0);
    path[CACHE_KEY_MAX - 1] = 'a';
    path[CACHE_KEY_MAX] = '\0';
    CHECK_INT("too long", route_cache_key(path, false, key), 0);
    bool key_only = true;
    CHECK_INT("no query", route_cache_query(NULL, &key_only), 1);
    CHECK_INT("no query", key_only, 0);
    CHECK_INT("filter=key", route_cache_query("filter=key", &key_only), 1);
    CHECK_INT("filter=key", key_only, 1);
    CHECK_INT("other", route_cache_query("filter=keys", &key_only), 0);
    CHECK_INT("other", route_cache_query("filter=key&x=1", &key_only), 0);
    CHECK_INT("empty", route_cache_query("", &key_only), 0);
}

int test_http_routes(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_tracker_parameter),
        cmocka_unit_test(every_tracker_route_names_it),
        cmocka_unit_test(update_changes_agree),
        cmocka_unit_test(matching),
        cmocka_unit_test(cache_keys),
    };
    return cmocka_run_group_tests_name("http_routes", tests, NULL, NULL);
}
