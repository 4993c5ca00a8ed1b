/*
 * test_jsonw.c: util/jsonw.h, JSON values written without jansson.
 *
 * The contract is "the bytes jansson writes" (JSON_COMPACT |
 * JSON_ENSURE_ASCII | JSON_REAL_PRECISION(10)), so most cases are checked
 * against jansson itself, plus spelled-out expectations for the escapes
 * so a change in both would still show.
 */
#include "util/jsonw.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"

enum {
    DUMP_FLAGS = JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY |
                 JSON_REAL_PRECISION(10)
};

/* jansson's text for j (which it takes), for comparison. */
static char *jansson_text(json_t *j)
{
    char *s = json_dumps(j, DUMP_FLAGS);
    json_decref(j);
    return s;
}

/* ==== Strings ==== */

static const struct {
    const char *in, *want;
} string_cases[] = {
    {"", "\"\""},
    {"plain text", "\"plain text\""},
    {"say \"no\"", "\"say \\\"no\\\"\""},
    {"back\\slash", "\"back\\\\slash\""},
    {"a/b", "\"a/b\""},
    {"tab\there\nline\rcr", "\"tab\\there\\nline\\rcr\""},
    {"\b\f", "\"\\b\\f\""},
    {"\x01\x1f", "\"\\u0001\\u001F\""},
    {"del\x7f", "\"del\x7f\""},
    {"caf\xc3\xa9", "\"caf\\u00E9\""},
    {"\xd8\xaa\xd9\x87\xd8\xb1\xd8\xa7\xd9\x86",
     "\"\\u062A\\u0647\\u0631\\u0627\\u0646\""},
    {"\xe2\x80\xa8", "\"\\u2028\""},
    {"\xf0\x9f\x98\x80!", "\"\\uD83D\\uDE00!\""},
    {"<script>alert('x')</script>", "\"<script>alert('x')</script>\""},
};

static void strings_escape_as_jansson_does(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof string_cases / sizeof *string_cases; i++) {
        struct buf b = BUF_INIT(1024);
        jsonw_str(&b, string_cases[i].in);
        CHECK_STR(string_cases[i].want, buf_cstr(&b), string_cases[i].want);
        char *j = jansson_text(json_string(string_cases[i].in));
        CHECK_STR(string_cases[i].want, buf_cstr(&b), j);
        free(j);
        buf_release(&b);
    }
}

static void strings_read_back_unchanged(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof string_cases / sizeof *string_cases; i++) {
        struct buf b = BUF_INIT(1024);
        jsonw_str(&b, string_cases[i].in);
        json_t *j = json_loads(buf_cstr(&b), JSON_DECODE_ANY, NULL);
        CHECK_STR(string_cases[i].want, json_string_value(j),
                  string_cases[i].in);
        json_decref(j);
        buf_release(&b);
    }
}

static void null_and_bad_bytes(void **state)
{
    (void)state;
    struct buf b = BUF_INIT(64);
    jsonw_str(&b, NULL);
    CHECK_STR("NULL", buf_cstr(&b), "null");
    buf_reset(&b);
    jsonw_str(&b, "a\xff"
                  "b\xc3");
    CHECK_STR("invalid UTF-8", buf_cstr(&b), "\"a\\uFFFDb\\uFFFD\"");
    buf_release(&b);
}

/* ==== Numbers ==== */

static void integers_as_jansson_writes_them(void **state)
{
    (void)state;
    static const int64_t cases[] = {0,   1,       -1,        9,        10,
                                    -10, 1234567, INT64_MAX, INT64_MIN};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct buf b = BUF_INIT(64);
        jsonw_int(&b, cases[i]);
        char *j = jansson_text(json_integer(cases[i]));
        CHECK_STR(j, buf_cstr(&b), j);
        free(j);
        buf_release(&b);
    }
}

/* Checks jsonw_e5(v) and jsonw_real(v / 1e5) against jansson. */
static void check_e5(int64_t v)
{
    char label[32];
    snprintf(label, sizeof label, "%lld e-5", (long long)v);
    char *j = jansson_text(json_real((double)v / 1e5));
    struct buf b = BUF_INIT(64);
    jsonw_e5(&b, v);
    CHECK_STR(label, buf_cstr(&b), j);
    buf_reset(&b);
    jsonw_real(&b, (double)v / 1e5);
    CHECK_STR(label, buf_cstr(&b), j);
    buf_release(&b);
    free(j);
}

static void coordinates_as_jansson_writes_them(void **state)
{
    (void)state;
    static const int64_t edges[] = {
        0,          1,           9,           10,
        11,         99,          100,         12345,
        100000,     3500000,     3550000,     2891120,
        3725700,    9000000,     18000000,    -1,
        -9,         -10,         -3500000,    -18000000,
        9999999999, 10000000000, 12345678901, INT64_C(100000000000000)};
    for (size_t i = 0; i < sizeof edges / sizeof *edges; i++)
        check_e5(edges[i]);
    /* every 0.00037 degrees across the globe's longitudes */
    for (int64_t v = -18000000; v <= 18000000; v += 37)
        check_e5(v);
}

static void reals_keep_a_point_and_short_exponents(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        {35.0, "35.0"},
        {0.5, "0.5"},
        {1e-5, "1e-5"},
        {-2.5e-7, "-2.5e-7"},
        {1e10, "1e10"},
        {1.5e100, "1.5e100"},
        {123456789012.0, "1.23456789e11"},
        {1.0 / 3, "0.3333333333"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct buf b = BUF_INIT(64);
        jsonw_real(&b, cases[i].v);
        CHECK_STR(cases[i].want, buf_cstr(&b), cases[i].want);
        char *j = jansson_text(json_real(cases[i].v));
        CHECK_STR(cases[i].want, buf_cstr(&b), j);
        free(j);
        buf_release(&b);
    }
}

/* ==== Dates ==== */

static void dates_and_times_or_null(void **state)
{
    (void)state;
    struct buf b = BUF_INIT(64);
    jsonw_date(&b, (struct vg_date){2019, 11, 15});
    BUF_LIT(&b, ",");
    jsonw_date(&b, (struct vg_date){0});
    BUF_LIT(&b, ",");
    jsonw_time(&b, 1577534400);
    BUF_LIT(&b, ",");
    jsonw_time(&b, 0);
    CHECK_STR("dates", buf_cstr(&b),
              "\"2019-11-15\",null,\"2019-12-28T12:00:00Z\",null");
    buf_release(&b);
}

int test_util_jsonw(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strings_escape_as_jansson_does),
        cmocka_unit_test(strings_read_back_unchanged),
        cmocka_unit_test(null_and_bad_bytes),
        cmocka_unit_test(integers_as_jansson_writes_them),
        cmocka_unit_test(coordinates_as_jansson_writes_them),
        cmocka_unit_test(reals_keep_a_point_and_short_exponents),
        cmocka_unit_test(dates_and_times_or_null),
    };
    return cmocka_run_group_tests_name("util/jsonw", tests, NULL, NULL);
}
