/*
 * unit.c: the one registry of unit-test suites (STYLE 27, after libuv's
 * test-list.h), and main().
 *
 * Each tests/unit/<subsystem>/test_<file>.c defines one public function
 * test_<subsystem>_<file>() that runs its cmocka group and returns the
 * number of tests that failed. Usage: unit-tests [SUITE...] runs the named
 * suites ("core_day"), or all of them; the exit status is 1 when any test
 * failed, 2 for an unknown suite name.
 */
#include <stdio.h>
#include <string.h>

int test_util_date(void);
int test_util_calendar(void);
int test_util_i18n(void);
int test_render_html(void);
int test_live_events(void);
int test_util_jsonw(void);
int test_util_utf8(void);
int test_util_fold(void);
int test_core_acled(void);
int test_core_auth(void);
int test_core_bundle(void);
int test_core_day(void);
int test_core_embeds(void);
int test_core_events(void);
int test_core_figure(void);
int test_core_highlights(void);
int test_core_invites(void);
int test_core_markdown(void);
int test_core_platforms(void);
int test_core_updates(void);
int test_core_validate(void);
int test_core_webhooks(void);
int test_extract_extract(void);
int test_geo_gazetteer(void);
int test_http_head(void);
int test_http_proxy(void);
int test_http_routes(void);
int test_http_openapi(void);
int test_live_hub(void);
int test_render_desk_extract(void);
int test_render_events(void);
int test_render_feed(void);
int test_render_marks(void);
int test_render_tally(void);
int test_store_sqlite(void);
int test_http_throttle(void);
int test_media_media(void);

static const struct suite {
    const char *name;
    int (*run)(void); /* returns the number of failed tests */
} suites[] = {
    {"util_date", test_util_date},
    {"util_calendar", test_util_calendar},
    {"util_i18n", test_util_i18n},
    {"util_jsonw", test_util_jsonw},
    {"util_utf8", test_util_utf8},
    {"util_fold", test_util_fold},
    {"core_acled", test_core_acled},
    {"core_auth", test_core_auth},
    {"core_bundle", test_core_bundle},
    {"core_day", test_core_day},
    {"core_embeds", test_core_embeds},
    {"core_events", test_core_events},
    {"core_figure", test_core_figure},
    {"core_highlights", test_core_highlights},
    {"core_invites", test_core_invites},
    {"core_markdown", test_core_markdown},
    {"core_platforms", test_core_platforms},
    {"core_updates", test_core_updates},
    {"core_validate", test_core_validate},
    {"core_webhooks", test_core_webhooks},
    {"extract_extract", test_extract_extract},
    {"geo_gazetteer", test_geo_gazetteer},
    {"http_head", test_http_head},
    {"http_proxy", test_http_proxy},
    {"http_routes", test_http_routes},
    {"http_openapi", test_http_openapi},
    {"live_hub", test_live_hub},
    {"live_events", test_live_events},
    {"render_desk_extract", test_render_desk_extract},
    {"render_events", test_render_events},
    {"render_feed", test_render_feed},
    {"render_html", test_render_html},
    {"render_marks", test_render_marks},
    {"render_tally", test_render_tally},
    {"store_sqlite", test_store_sqlite},
    {"http_throttle", test_http_throttle},
    {"media_media", test_media_media},
};

enum { SUITE_COUNT = sizeof suites / sizeof suites[0] };

/* True when the suite was named on the command line, or none was. */
static int wanted(const struct suite *s, int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], s->name) == 0)
            return 1;
    return argc < 2;
}

int main(int argc, char **argv)
{
    /* cmocka reports passes on stdout and failures on stderr: keep them in
     * order when both go to one pipe. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = 1; i < argc; i++) {
        int known = 0;
        for (size_t j = 0; j < SUITE_COUNT; j++)
            known = known || strcmp(argv[i], suites[j].name) == 0;
        if (!known) {
            fprintf(stderr, "unit-tests: no suite named %s\n", argv[i]);
            return 2;
        }
    }
    int failed = 0, ran = 0;
    for (size_t j = 0; j < SUITE_COUNT; j++) {
        if (!wanted(&suites[j], argc, argv))
            continue;
        printf("[ SUITE    ] %s\n", suites[j].name);
        failed += suites[j].run();
        ran++;
    }
    printf("unit-tests: %d suites, %d failed tests\n", ran, failed);
    return failed ? 1 : 0;
}
