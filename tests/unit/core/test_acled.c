/*
 * test_acled.c: core/acled.h's reading of ACLED's conventions: the
 * columns an import keeps in the notes, read back; inter codes and
 * interactions from actor names; and geo/regions.h's regions.
 */
#include "core/acled.h"

#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "geo/regions.h"

/* The kept column k of notes as a string ("" when not kept), in out. */
static const char *kept_of(const char *notes, int k, size_t *own, char out[128])
{
    struct acled_span kept[ACLED_KEPT];
    *own = acled_notes_split(notes, kept);
    if (kept[k].s == NULL)
        return "";
    memcpy(out, kept[k].s, kept[k].len);
    out[kept[k].len] = '\0';
    return out;
}

static void notes_give_back_the_kept_columns(void **state)
{
    (void)state;
    char out[128];
    size_t own;
    const char *n = "A march.\n\nassoc_actor_1: Women (Iran); Students "
                    "(Iran)\n\ntags: women targeted: activists";
    CHECK_STR("assoc 1", kept_of(n, ACLED_ASSOC1, &own, out),
              "Women (Iran); Students (Iran)");
    CHECK_INT("own text", (long long)own, 8);
    CHECK_STR("no assoc 2", kept_of(n, ACLED_ASSOC2, &own, out), "");
    CHECK_STR("tags", kept_of(n, ACLED_TAGS, &own, out),
              "women targeted: activists");
    CHECK_STR("only kept", kept_of("tags: x", ACLED_TAGS, &own, out), "x");
    CHECK_INT("only kept: no own text", (long long)own, 0);
    CHECK_STR("none", kept_of(NULL, ACLED_TAGS, &own, out), "");
    CHECK_INT("none: empty", (long long)own, 0);
}

static void notes_keep_what_is_not_a_last_paragraph(void **state)
{
    (void)state;
    char out[128];
    size_t own;
    /* Not a paragraph of its own, out of order, or spanning lines. */
    const char *cases[] = {
        "See tags: x",
        "tags: x\n\nassoc_actor_1: y",
        "Notes.\n\ntags: x\nmore",
    };
    CHECK_STR("in a sentence", kept_of(cases[0], ACLED_TAGS, &own, out), "");
    CHECK_INT("in a sentence: all own", (long long)own, 11);
    CHECK_STR("out of order: the last read",
              kept_of(cases[1], ACLED_ASSOC1, &own, out), "y");
    CHECK_INT("out of order: the rest own", (long long)own, 7);
    CHECK_STR("two lines", kept_of(cases[2], ACLED_TAGS, &own, out), "");
    CHECK_INT("two lines: all own", (long long)own, strlen(cases[2]));
}

static void inter_codes_follow_the_actor_names(void **state)
{
    (void)state;
    CHECK_INT("police", acled_inter("Police Forces of Iran (1989-)"), 1);
    CHECK_INT("military", acled_inter("Military Forces of Iran (1989-)"), 1);
    CHECK_INT("protesters", acled_inter("Protesters (Iran)"), 6);
    CHECK_INT("rioters", acled_inter("Rioters (Iran)"), 5);
    CHECK_INT("civilians", acled_inter("Civilians (Iran)"), 7);
    CHECK_INT("a name", acled_inter("Basij"), 0);
    CHECK_INT("none", acled_inter(NULL), 0);
    CHECK_INT("lowest first",
              acled_interaction("Protesters (Iran)", "Police Forces of Iran"),
              16);
    CHECK_INT("alone", acled_interaction("Protesters (Iran)", NULL), 60);
    CHECK_INT("one unknown", acled_interaction("Protesters (Iran)", "Basij"),
              0);
    CHECK_INT("no first", acled_interaction(NULL, "Civilians (Iran)"), 0);
}

static void regions_name_each_country_once(void **state)
{
    (void)state;
    CHECK_STR("Iran", country_region("IR"), "Middle East");
    CHECK_STR("Ethiopia", country_region("ET"), "Eastern Africa");
    CHECK_STR("Mexico", country_region("MX"), "Central America");
    CHECK_STR("Georgia", country_region("GE"), "Caucasus and Central Asia");
    CHECK_STR("France", country_region("FR"), "Europe");
    assert_null(country_region("ZZ"));
    assert_null(country_region("IRN"));
    assert_null(country_region(NULL));
}

int test_core_acled(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(notes_give_back_the_kept_columns),
        cmocka_unit_test(notes_keep_what_is_not_a_last_paragraph),
        cmocka_unit_test(inter_codes_follow_the_actor_names),
        cmocka_unit_test(regions_name_each_country_once),
    };
    return cmocka_run_group_tests_name("core/acled", tests, NULL, NULL);
}
