/*
 * test_utf8.c: util/utf8.h, utf8_scrub: what a message that quotes input
 * becomes. Each case gives the text, the buffer's size and the result.
 */
#include "util/utf8.h"

#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#define FFFD "\xEF\xBF\xBD"

static const struct {
    const char *in;
    size_t size;
    const char *out;
} scrub_cases[] = {
    {"plain ASCII", 64, "plain ASCII"},
    {"\xD9\x86\xD8\xAE\xD8\xB3\xD8\xAA", 64,
     "\xD9\x86\xD8\xAE\xD8\xB3\xD8\xAA"},
    {"a\xFF"
     "b",
     64, "a" FFFD "b"},
    {"\xC3\x28", 64, FFFD "("},                    /* a lead without its tail */
    {"\xC0\xAF", 64, FFFD FFFD},                   /* an overlong "/" */
    {"\xED\xA0\x80", 64, FFFD FFFD FFFD},          /* a CESU surrogate */
    {"\xF4\x90\x80\x80", 64, FFFD FFFD FFFD FFFD}, /* past U+10FFFF */
    {"x\xD9", 64, "x" FFFD},                       /* cut by a %.64s */
    {"a\x11"
     "b\x7F",
     64, "a" FFFD "b" FFFD},        /* control characters */
    {"\xFF\xFF\xFF", 8, FFFD FFFD}, /* a third would not fit */
    {"ok\xFF", 5, "ok"},            /* nor would this one */
};

static void scrub_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof scrub_cases / sizeof *scrub_cases; i++) {
        char buf[64];
        memcpy(buf, scrub_cases[i].in, strlen(scrub_cases[i].in) + 1);
        utf8_scrub(buf, scrub_cases[i].size);
        if (strcmp(buf, scrub_cases[i].out) != 0)
            fail_msg("case %zu: got \"%s\"", i, buf);
        size_t bad;
        const char *why;
        assert_int_equal(
            utf8_check(buf, strlen(buf), UTF8_SINGLE_LINE, &bad, &why), 0);
    }
}

int test_util_utf8(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scrub_table),
    };
    return cmocka_run_group_tests_name("util/utf8", tests, NULL, NULL);
}
