/*
 * test_routes.c: http/routes.h's route_tracker_param, which decides whose
 * roles count on a route (access.h): the ":slug" parameter's index on a
 * route whose path names a tracker, -1 on any other; and every route of
 * the table under /t/, /admin/t/ or /api/v1/trackers/ has it first.
 */
#include "http/routes.h"

#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"

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

int test_http_routes(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_tracker_parameter),
        cmocka_unit_test(every_tracker_route_names_it),
    };
    return cmocka_run_group_tests_name("http_routes", tests, NULL, NULL);
}
