/*
 * test_figure.c: core/figure.h, how figures read, and the vague amounts.
 */
#include "core/figure.h"

#include <stdio.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"

/* ==== Numbers ==== */

static void number_groups_thousands(void **state)
{
    (void)state;
    static const struct {
        int64_t n;
        const char *want;
    } cases[] = {
        {0, "0"},
        {5, "5"},
        {999, "999"},
        {1000, "1,000"},
        {12000, "12,000"},
        {100000, "100,000"},
        {1500000, "1,500,000"},
        {INT64_C(100000000000), "100,000,000,000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct buf b = BUF_INIT(64);
        figure_number(cases[i].n, &b);
        char got[64];
        snprintf(got, sizeof got, "%s", buf_cstr(&b));
        buf_release(&b);
        CHECK_STR(cases[i].want, got, cases[i].want);
    }
}

static void number_appends(void **state)
{
    (void)state;
    struct buf b = BUF_INIT(64);
    BUF_LIT(&b, "n=");
    figure_number(1500, &b);
    char got[64];
    snprintf(got, sizeof got, "%s", buf_cstr(&b));
    buf_release(&b);
    CHECK_STR(NULL, got, "n=1,500");
}

/* ==== Phrases ==== */

static void phrase_reads_each_qualifier(void **state)
{
    (void)state;
    static const struct {
        enum qualifier q;
        int64_t low, high; /* high -1: not a range */
        const char *words;
        const char *want;
    } cases[] = {
        {QUAL_EXACT, 5, -1, NULL, "5"},
        {QUAL_EXACT, 1500, -1, NULL, "1,500"},
        {QUAL_AT_LEAST, 304, -1, NULL, "at least 304"},
        {QUAL_MORE_THAN, 12000, -1, NULL, "more than 12,000"},
        {QUAL_ABOUT, 1500, -1, NULL, "about 1,500"},
        {QUAL_UP_TO, 10, -1, NULL, "up to 10"},
        {QUAL_RANGE, 120000, 200000, NULL,
         "120,000\xe2\x80\x93"
         "200,000"},
        {QUAL_RANGE, 200, 999, "hundreds", "hundreds"},
        {QUAL_AT_LEAST, 20000, 99999, "tens of thousands", "tens of thousands"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct claim c;
        memset(&c, 0, sizeof c);
        c.qualifier = cases[i].q;
        c.low = cases[i].low;
        c.high = cases[i].high;
        c.words = cases[i].words;
        struct buf b = BUF_INIT(128);
        figure_phrase(&c, &b);
        char got[128];
        snprintf(got, sizeof got, "%s", buf_cstr(&b));
        buf_release(&b);
        CHECK_STR(cases[i].want, got, cases[i].want);
    }
}

static void top_is_high_for_ranges(void **state)
{
    (void)state;
    struct claim c;
    memset(&c, 0, sizeof c);
    c.qualifier = QUAL_RANGE;
    c.low = 120000;
    c.high = 200000;
    CHECK_INT("range", figure_top(&c), 200000);
    c.qualifier = QUAL_AT_LEAST;
    c.low = 304;
    c.high = -1;
    CHECK_INT("at least", figure_top(&c), 304);
}

/* ==== Vague amounts ==== */

static void vague_table_holds_the_documented_ranges(void **state)
{
    (void)state;
    static const struct vague_amount want[] = {
        {"dozens", 24, 99},
        {"hundreds", 200, 999},
        {"thousands", 2000, 9999},
        {"tens of thousands", 20000, 99999},
        {"hundreds of thousands", 200000, 999999},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const struct vague_amount *v = vague_lookup(want[i].words);
        assert_non_null(v);
        CHECK_STR(want[i].words, v->words, want[i].words);
        CHECK_INT(want[i].words, v->low, want[i].low);
        CHECK_INT(want[i].words, v->high, want[i].high);
        CHECK_HAS(want[i].words, vague_list(), want[i].words);
    }
}

static void vague_lookup_refuses_other_words(void **state)
{
    (void)state;
    static const char *const words[] = {
        "several",   "a handful", "a number of", "Hundreds", "hundred",
        "hundreds ", "",          "millions",
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (vague_lookup(words[i]) != NULL)
            CHECK_STR(words[i], vague_lookup(words[i])->words, NULL);
    assert_null(vague_lookup(NULL));
}

int test_core_figure(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(number_groups_thousands),
        cmocka_unit_test(number_appends),
        cmocka_unit_test(phrase_reads_each_qualifier),
        cmocka_unit_test(top_is_high_for_ranges),
        cmocka_unit_test(vague_table_holds_the_documented_ranges),
        cmocka_unit_test(vague_lookup_refuses_other_words),
    };
    return cmocka_run_group_tests_name("core/figure", tests, NULL, NULL);
}
