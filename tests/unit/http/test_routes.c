/*
 * test_routes.c: http/routes.h's route_tracker_param, which decides whose
 * roles count on a route (access.h): the ":slug" parameter's index on a
 * route whose path names a tracker, -1 on any other; and every route of
 * the table under /t/, /admin/t/ or /api/v1/trackers/ has it first.
 * The update changes' routes and core's table of them (update_acts)
 * agree: each such route names a row, each row has its desk route, and
 * each row that is no undo its write API route.
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

int test_http_routes(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_tracker_parameter),
        cmocka_unit_test(every_tracker_route_names_it),
        cmocka_unit_test(update_changes_agree),
    };
    return cmocka_run_group_tests_name("http_routes", tests, NULL, NULL);
}
