/*
 * test_events.c: core/events.h, the revision body of an event.
 *
 * event_rev_json writes the body without jansson; it must be the same
 * bytes that jansson wrote for event_json plus who and when (what the
 * revision rows held before), and read back as that object.
 */
#include "core/events.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "core/entity_json.h"

/* The body as it was written with jansson. */
static char *jansson_body(const struct event *e)
{
    json_t *j = event_json(e);
    json_object_set_new(j, "recorded_by", json_string(e->recorded_by));
    json_object_set_new(j, "recorded_at", json_time_or_null(e->recorded_at));
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                JSON_ENSURE_ASCII | JSON_REAL_PRECISION(10));
    json_decref(j);
    return s;
}

static const struct event plain = {
    .number = 1,
    .date = {2019, 11, 16},
    .time_precision = 1,
    .type = "Protests",
    .sub_type = "Peaceful protest",
    .location = "Town 43",
    .country = "IR",
    .geo_precision = 1,
    .fatalities = -1,
    .size_high = -1,
    .status = EVENT_PUBLISHED,
    .recorded_by = "host:root",
    .recorded_at = 1577880000,
};

/* Every field set, and text a hostile or right-to-left writer sends. */
static const struct event full = {
    .number = 123456,
    .date = {2019, 11, 15},
    .end_date = {2019, 11, 21},
    .time_precision = 2,
    .type = "Riots",
    .sub_type = "Violent demonstration",
    .location = "\xd8\xa7\xd8\xb1\xd9\x88\xd9\x85\xdb\x8c\xd9\x87 \"Urmia\"",
    .country = "IR",
    .admin1 = "West Azerbaijan \xf0\x9f\x98\x80",
    .has_coords = true,
    .lat_e5 = 3755000,
    .lon_e5 = -4504531,
    .geo_precision = 2,
    .actor1 = "Protesters <script>alert(1)</script>",
    .actor2 = "Police Forces of Iran (1989-)",
    .has_size = true,
    .size_qualifier = QUAL_RANGE,
    .size_low = 200,
    .size_high = 999,
    .size_words = "hundreds",
    .fatalities = 3,
    .source_slug = "amnesty",
    .url = "https://example.org/a?b=1&c=\\2",
    .notes = "Line one\nline two\ttabbed \\ back; quote \" end\r\n",
    .status = EVENT_RETRACTED,
    .recorded_by = "editor@example.org",
    .recorded_at = 1577534400,
};

static void body_is_what_jansson_wrote(void **state)
{
    (void)state;
    struct event exact = plain;
    exact.has_size = true;
    exact.size_qualifier = QUAL_AT_LEAST;
    exact.size_low = 300;
    exact.fatalities = 0;
    exact.has_coords = true;
    exact.lat_e5 = 0;
    exact.lon_e5 = 5; /* 0.00005: jansson writes 5e-5 */
    const struct {
        const char *label;
        const struct event *e;
    } cases[] = {{"plain", &plain}, {"full", &full}, {"exact", &exact}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct buf b = BUF_INIT(1 << 16);
        event_rev_json(cases[i].e, &b);
        char *want = jansson_body(cases[i].e);
        CHECK_STR(cases[i].label, buf_cstr(&b), want);
        free(want);
        buf_release(&b);
    }
}

static void body_reads_back(void **state)
{
    (void)state;
    struct buf b = BUF_INIT(1 << 16);
    event_rev_json(&full, &b);
    json_error_t jerr;
    json_t *j = json_loads(buf_cstr(&b), 0, &jerr);
    CHECK_STR("parses", j ? "ok" : jerr.text, "ok");
    CHECK_STR("location", json_string_value(json_object_get(j, "location")),
              full.location);
    CHECK_STR("notes", json_string_value(json_object_get(j, "notes")),
              full.notes);
    CHECK_STR("admin1", json_string_value(json_object_get(j, "admin1")),
              full.admin1);
    CHECK_STR(
        "words",
        json_string_value(json_object_get(json_object_get(j, "size"), "words")),
        "hundreds");
    double lon = json_real_value(json_object_get(j, "longitude"));
    CHECK_INT("lon", llround(lon * 1e5), -4504531);
    CHECK_STR("recorded_at",
              json_string_value(json_object_get(j, "recorded_at")),
              "2019-12-28T12:00:00Z");
    json_decref(j);
    buf_release(&b);
}

int test_core_events(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(body_is_what_jansson_wrote),
        cmocka_unit_test(body_reads_back),
    };
    return cmocka_run_group_tests_name("core/events", tests, NULL, NULL);
}
