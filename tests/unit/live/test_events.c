/*
 * test_events.c: live/events.h's "day" event, in its tracker's language:
 * the day line and the page's title a Persian tracker's readers get when
 * Day N moves on (the live script puts them in the page as they are).
 */
#include "live/events.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "util/i18n.h"

static void day_in_the_trackers_language(void **state)
{
    (void)state;
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE(err.msg, i18n_init(VIGIL_LOCALEDIR, &err), 0);
    static const struct {
        const char *languages, *dayline, *title;
    } cases[] = {
        {"fa,en", "روز ۴۴", "روز ۴۴ — Protests"},
        {"ar-u-nu-latn", "اليوم 44", "اليوم 44 — Protests"},
        {"en", "Day 44", "Day 44 — Protests"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct tracker t = {.slug = "x",
                            .title = "Protests",
                            .languages = cases[i].languages,
                            .started_on = {2019, 11, 15},
                            .timezone = "Asia/Tehran"};
        struct day_info d = {44, {2019, 12, 28}, false};
        char *data = live_day_data(&t, &d);
        json_t *j = json_loads(data, 0, NULL);
        CHECK_STR(cases[i].languages,
                  json_string_value(json_object_get(j, "dayline")),
                  cases[i].dayline);
        CHECK_STR(cases[i].languages,
                  json_string_value(json_object_get(j, "title")),
                  cases[i].title);
        CHECK_STR("outside the event: English", i18n_style()->lang, "en");
        json_decref(j);
        free(data);
    }
}

int test_live_events(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(day_in_the_trackers_language),
    };
    return cmocka_run_group_tests_name("live_events", tests, NULL, NULL);
}
