/*
 * test_openapi.c: the OpenAPI description the binary serves at
 * /api/v1/openapi.json (web/openapi.json, embedded by http/static.h)
 * against the route table: every /api/v1 route of the table is an
 * operation of the description (":name" written "{name}"), and every
 * operation of the description is a route of the table. A route added
 * without its description, or a description of a route that is gone,
 * fails here by name. The dispatcher answers a CORS preflight (OPTIONS)
 * on every path with a GET route: the description has one there, and
 * nowhere else.
 */
#include "http/routes.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "http/static.h"

enum { PATH_MAX_LEN = 256 };

/* The description, parsed; the caller's. Fails the test when the
 * embedded file is not JSON. */
static json_t *description(void)
{
    struct statics s;
    json_error_t error;
    statics_init(&s);
    json_t *doc = json_loadb(s.openapi.data, s.openapi.len, 0, &error);
    if (doc == NULL)
        fail_msg("web/openapi.json:%d: %s", error.line, error.text);
    return doc;
}

/* A route's pattern as an OpenAPI path: ":slug" becomes "{slug}". */
static void openapi_path(const char *pattern, char *out, size_t size)
{
    size_t used = 0;
    for (const char *p = pattern; *p && used + 2 < size; p++) {
        if (*p != ':') {
            out[used++] = *p;
            continue;
        }
        out[used++] = '{';
        size_t len = strcspn(p + 1, "/");
        if (used + len + 2 >= size)
            break;
        memcpy(out + used, p + 1, len);
        used += len;
        out[used++] = '}';
        p += len;
    }
    out[used] = '\0';
}

static bool is_api(const struct route *rt)
{
    return strncmp(rt->pattern, "/api/v1/", 8) == 0;
}

/* The operation of the description for route rt, or with `preflight`
 * its path's OPTIONS; NULL when there is none. */
static json_t *operation_of(json_t *doc, const struct route *rt, bool preflight)
{
    char path[PATH_MAX_LEN], method[8];
    size_t i = 0;
    openapi_path(rt->pattern, path, sizeof path);
    for (; rt->method[i] && i + 1 < sizeof method; i++)
        method[i] = (char)tolower((unsigned char)rt->method[i]);
    method[i] = '\0';
    json_t *item = json_object_get(json_object_get(doc, "paths"), path);
    return json_object_get(item, preflight ? "options" : method);
}

/* The route of the table serving method on OpenAPI path `path`, or NULL;
 * for OPTIONS, the GET route whose preflight the dispatcher answers. */
static const struct route *route_of(const char *method, const char *path)
{
    char want[PATH_MAX_LEN];
    if (strcasecmp(method, "options") == 0)
        method = "get";
    for (const struct route *rt = routes; rt->pattern; rt++) {
        if (!is_api(rt) || strcasecmp(rt->method, method) != 0)
            continue;
        openapi_path(rt->pattern, want, sizeof want);
        if (strcmp(want, path) == 0)
            return rt;
    }
    return NULL;
}

static void every_api_route_is_described(void **state)
{
    (void)state;
    json_t *doc = description();
    size_t n = 0;
    for (const struct route *rt = routes; rt->pattern; rt++) {
        if (!is_api(rt))
            continue;
        n++;
        if (operation_of(doc, rt, false) == NULL)
            fail_msg("%s %s is a route of http/routes.c, but not an "
                     "operation of web/openapi.json",
                     rt->method, rt->pattern);
        if (strcmp(rt->method, "GET") == 0 &&
            operation_of(doc, rt, true) == NULL)
            fail_msg("the preflight of GET %s is not an operation of "
                     "web/openapi.json",
                     rt->pattern);
    }
    CHECK_INT("the /api/v1 routes", n > 30, 1);
    json_decref(doc);
}

/* The operations an OpenAPI path item may hold (its other keys, such as
 * "parameters", are not operations). */
static const char *const methods[] = {"get",     "put",  "post",  "delete",
                                      "options", "head", "patch", "trace"};

static void every_operation_is_a_route(void **state)
{
    (void)state;
    json_t *doc = description();
    json_t *paths = json_object_get(doc, "paths");
    const char *path;
    json_t *item;
    CHECK_INT("paths", json_object_size(paths) > 20, 1);
    json_object_foreach(paths, path, item)
    {
        for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
            if (json_object_get(item, methods[i]) &&
                route_of(methods[i], path) == NULL)
                fail_msg("%s %s is an operation of web/openapi.json, but no "
                         "route of http/routes.c",
                         methods[i], path);
    }
    json_decref(doc);
}

/* The check above cannot pass by finding nothing: a path the table does
 * not serve is found missing, one it serves is found. */
static void the_matching_tells_them_apart(void **state)
{
    (void)state;
    char path[PATH_MAX_LEN];
    openapi_path("/api/v1/trackers/:slug/updates/:n/pin", path, sizeof path);
    CHECK_STR("converted", path, "/api/v1/trackers/{slug}/updates/{n}/pin");
    CHECK_INT("served", route_of("post", path) != NULL, 1);
    CHECK_INT("other method", route_of("get", path) != NULL, 0);
    CHECK_INT("no preflight: no GET", route_of("options", path) != NULL, 0);
    CHECK_INT("a preflight", route_of("options", "/api/v1/sources") != NULL, 1);
    CHECK_INT("not served",
              route_of("post", "/api/v1/trackers/{slug}/x") != NULL, 0);
    json_t *doc = description();
    struct route made_up = {"POST", "/api/v1/trackers/:slug/nothing", NULL, 0,
                            0};
    CHECK_INT("an undescribed route",
              operation_of(doc, &made_up, false) != NULL, 0);
    json_decref(doc);
}

/* The description is OpenAPI 3.1 and says which JSON it describes. */
static void it_is_openapi_3_1(void **state)
{
    (void)state;
    json_t *doc = description();
    const char *v = json_string_value(json_object_get(doc, "openapi"));
    CHECK_INT("openapi is a string", v != NULL, 1);
    CHECK_INT("3.1.x", strncmp(v, "3.1.", 4), 0);
    json_decref(doc);
}

int test_http_openapi(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_api_route_is_described),
        cmocka_unit_test(every_operation_is_a_route),
        cmocka_unit_test(the_matching_tells_them_apart),
        cmocka_unit_test(it_is_openapi_3_1),
    };
    return cmocka_run_group_tests_name("http_openapi", tests, NULL, NULL);
}
