/*
 * test_validate.c: core/validate.h, field checks shared by every way in.
 *
 * Every refusal must name the field it was given, so each case passes its
 * own field name and checks it comes back in err.field.
 */
#include "core/validate.h"

#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "util/xmalloc.h"

/* One check's case: input, expected code, and for refusals a word the
 * message must contain (or NULL). */
struct check_case {
    const char *in;
    int rc;
    const char *msg_has;
};

/* Asserts a check's outcome against a case; field is what was passed. */
static void expect(const struct check_case *c, const char *label, int rc,
                   const struct vg_err *err, const char *field)
{
    CHECK_CODE(label, rc, c->rc);
    CHECK_CODE(label, err->code, c->rc);
    if (c->rc == 0) {
        CHECK_STR(label, err->field, NULL);
        return;
    }
    CHECK_STR(label, err->field, field);
    CHECK_INT(label, strlen(err->msg) > 0, 1);
    if (c->msg_has)
        CHECK_HAS(label, err->msg, c->msg_has);
}

/* ==== parse_date ==== */

static void dates_as_editors_type_them(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int rc, y, m, d;
    } cases[] = {
        {"2019-12-28", 0, 2019, 12, 28},
        {"1398-10-07", 0, 2019, 12, 28}, /* Solar Hijri */
        {"۱۳۹۸/۱۰/۰۷", 0, 2019, 12, 28},
        {"١٤٠٣/١٢/٣٠", 0, 2025, 3, 20},
        {"۲۰۱۹-۱۲-۲۸", 0, 2019, 12, 28},
        {"1402-12-30", VG_EINVAL, 0, 0, 0}, /* not a leap year */
        {"2019-02-30", VG_EINVAL, 0, 0, 0},
        {"28/12/2019", VG_EINVAL, 0, 0, 0},
        {"", VG_EINVAL, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_date got = {0, 0, 0};
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(cases[i].in, parse_date("date", cases[i].in, &got, &err),
                   cases[i].rc);
        if (cases[i].rc != 0) {
            CHECK_STR(cases[i].in, err.field, "date");
            continue;
        }
        CHECK_INT(cases[i].in, got.year, cases[i].y);
        CHECK_INT(cases[i].in, got.month, cases[i].m);
        CHECK_INT(cases[i].in, got.day, cases[i].d);
    }
}

/* ==== parse_count ==== */

static void count_accepts_digits_and_grouping(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int64_t want;
    } ok[] = {
        {"0", 0},
        {"7", 7},
        {"1500", 1500},
        {"1,500", 1500},
        {"12,000", 12000},
        {"999,999", 999999},
        {"1,500,000", 1500000},
        {"100000000000", INT64_C(100000000000)},
        {"100,000,000,000", INT64_C(100000000000)},
        /* as a Persian or Arabic editor types them */
        {"۱۵۰۰", 1500},
        {"۱٬۵۰۰", 1500},
        {"١٢٬٠٠٠", 12000},
        {"۱,۵۰۰", 1500},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        int64_t v = -1;
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(ok[i].in, parse_count("claims[0].low", ok[i].in, &v, &err),
                   0);
        CHECK_INT(ok[i].in, v, ok[i].want);
        CHECK_INT(ok[i].in, err.code, 0);
    }
}

static void count_refuses_malformed_numbers(void **state)
{
    (void)state;
    static const struct check_case bad[] = {
        {"-5", VG_EINVAL, "negative"},
        {"-0", VG_EINVAL, "negative"},
        {"1,50", VG_EINVAL, NULL},
        {"1234,567", VG_EINVAL, NULL},
        {",500", VG_EINVAL, NULL},
        {"1,500,", VG_EINVAL, NULL},
        {"1,,500", VG_EINVAL, NULL},
        {"1,5000", VG_EINVAL, NULL},
        {"1,500000", VG_EINVAL, NULL},
        {"12a", VG_EINVAL, NULL},
        {"", VG_EINVAL, NULL},
        {"1e3", VG_EINVAL, NULL},
        {" 12", VG_EINVAL, NULL},
        {"12 ", VG_EINVAL, NULL},
        {"+12", VG_EINVAL, NULL},
        {"1.5", VG_EINVAL, NULL},
        {"100000000001", VG_ELIMIT, "100000000000"},
        {"100,000,000,001", VG_ELIMIT, NULL},
        {"999999999999", VG_ELIMIT, NULL},
        {"۱٬۵۰", VG_EINVAL, "۱٬۵۰"}, /* the message quotes what was typed */
        {"۱۲الف", VG_EINVAL, NULL},
        {"\xff"
         "12",
         VG_EINVAL, NULL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int64_t v = -1;
        struct vg_err err = VG_ERR_INIT;
        int rc = parse_count("claims[0].low", bad[i].in, &v, &err);
        expect(&bad[i], bad[i].in, rc, &err, "claims[0].low");
        CHECK_INT(bad[i].in, v, -1);
    }
    struct vg_err err = VG_ERR_INIT;
    int64_t v = -1;
    CHECK_CODE("NULL", parse_count("low", NULL, &v, &err), VG_EINVAL);
    CHECK_STR("NULL", err.field, "low");
}

/* ==== check_slug ==== */

static void slug_is_lowercase_ascii(void **state)
{
    (void)state;
    static const struct check_case cases[] = {
        {"iran-nov-2019", 0, NULL},    {"a", 0, NULL},
        {"2019-iran", 0, NULL},        {"a-", 0, NULL},
        {"", VG_EINVAL, "required"},   {"-iran", VG_EINVAL, NULL},
        {"Iran", VG_EINVAL, NULL},     {"iran_nov", VG_EINVAL, NULL},
        {"iran nov", VG_EINVAL, NULL}, {"iran/nov", VG_EINVAL, NULL},
        {"iran.nov", VG_EINVAL, NULL}, {"ir\xc3\xa1n", VG_EINVAL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        int rc = check_slug("tracker.slug", cases[i].in, &err);
        expect(&cases[i], cases[i].in, rc, &err, "tracker.slug");
    }
}

static void slug_is_at_most_64_bytes(void **state)
{
    (void)state;
    char s[SLUG_MAX + 2];
    memset(s, 'a', sizeof s - 1);
    s[SLUG_MAX + 1] = '\0';
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE("65 bytes", check_slug("slug", s, &err), VG_EINVAL);
    CHECK_STR("65 bytes", err.field, "slug");
    s[SLUG_MAX] = '\0';
    err = (struct vg_err)VG_ERR_INIT;
    CHECK_CODE("64 bytes", check_slug("slug", s, &err), 0);
    err = (struct vg_err)VG_ERR_INIT;
    CHECK_CODE("NULL", check_slug("slug", NULL, &err), VG_EINVAL);
    CHECK_STR("NULL", err.field, "slug");
}

/* ==== check_url ==== */

static void url_is_http_or_https(void **state)
{
    (void)state;
    static const struct check_case cases[] = {
        {"http://e.com", 0, NULL},
        {"https://e.com/a?b=c&d=%20#f", 0, NULL},
        {"HTTPS://E.COM/", 0, NULL},
        {"https://fa.wikipedia.org/wiki/\xd8\xa7", 0, NULL},
        {"javascript:alert(1)", VG_EINVAL, "http"},
        {"JavaScript://e.com/%0aalert(1)", VG_EINVAL, NULL},
        {"ftp://x", VG_EINVAL, NULL},
        {"data:text/html,x", VG_EINVAL, NULL},
        {"//e.com/a", VG_EINVAL, NULL},
        {"e.com", VG_EINVAL, NULL},
        {"http://", VG_EINVAL, NULL},
        {"https://", VG_EINVAL, NULL},
        {"http:/e.com", VG_EINVAL, NULL},
        {"http://e.com/a b", VG_EINVAL, "space"},
        {"http://e.com/a\tb", VG_EINVAL, NULL},
        {"http://e.com/\"onmouseover=\"x", VG_EINVAL, NULL},
        {"http://e.com/<script>", VG_EINVAL, NULL},
        {"http://e.com/\xff", VG_EINVAL, NULL},
        {"", VG_EINVAL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        int rc = check_url("source.url", cases[i].in, &err);
        expect(&cases[i], cases[i].in, rc, &err, "source.url");
    }
}

static void url_is_at_most_2048_bytes(void **state)
{
    (void)state;
    char *u = xmalloc(URL_MAX + 2);
    memcpy(u, "https://e.com/", 14);
    memset(u + 14, 'a', URL_MAX + 1 - 14);
    u[URL_MAX + 1] = '\0';
    struct vg_err over = VG_ERR_INIT, at = VG_ERR_INIT;
    int rc_over = check_url("claim.url", u, &over);
    u[URL_MAX] = '\0';
    int rc_at = check_url("claim.url", u, &at);
    free(u);
    CHECK_CODE("2049 bytes", rc_over, VG_ELIMIT);
    CHECK_STR("2049 bytes", over.field, "claim.url");
    CHECK_HAS("2049 bytes", over.msg, "2048");
    CHECK_CODE("2048 bytes", rc_at, 0);
}

/* ==== check_line ==== */

static void line_refuses_controls_and_bad_utf8(void **state)
{
    (void)state;
    static const struct check_case cases[] = {
        {"Day 44: protests end", 0, NULL},
        {"\xd8\xb1\xd9\x88\xd8\xb2 \xdb\xb4\xdb\xb4", 0, NULL},
        {"a\nb", VG_EINVAL, "control"},
        {"a\rb", VG_EINVAL, "control"},
        {"a\tb", VG_EINVAL, "control"},
        {"\x1b[31mred", VG_EINVAL, "control"},
        {"a\x7f", VG_EINVAL, "control"},
        {"a\xc2\x85", VG_EINVAL, "control"},
        {"a\xe2\x80\xa8"
         "b",
         VG_EINVAL, "control"},
        {"a\xff", VG_EINVAL, "UTF-8"},
        {"a\xc3", VG_EINVAL, "UTF-8"},
        {"\xc0\xaf", VG_EINVAL, "UTF-8"},
        {"\xed\xa0\x80", VG_EINVAL, "UTF-8"},
        {"", VG_EINVAL, "required"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        int rc = check_line("update.title", cases[i].in, 1, TITLE_MAX, &err);
        expect(&cases[i], cases[i].in, rc, &err, "update.title");
    }
}

/* Fills s with n copies of the 2-byte letter "\xd8\xb1" (Persian re). */
static char *persian(size_t n)
{
    char *s = xmalloc(2 * n + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + 2 * i, "\xd8\xb1", 2);
    s[2 * n] = '\0';
    return s;
}

static void line_counts_characters_not_bytes(void **state)
{
    (void)state;
    char *at = persian(TITLE_MAX), *over = persian(TITLE_MAX + 1);
    struct vg_err err_at = VG_ERR_INIT, err_over = VG_ERR_INIT;
    int rc_at = check_line("title", at, 1, TITLE_MAX, &err_at);
    int rc_over = check_line("title", over, 1, TITLE_MAX, &err_over);
    free(at);
    free(over);
    /* 200 characters in 400 bytes pass; 201 do not. */
    CHECK_CODE("200 Persian characters", rc_at, 0);
    CHECK_CODE("201 Persian characters", rc_over, VG_ELIMIT);
    CHECK_STR("201 Persian characters", err_over.field, "title");
    CHECK_HAS("201 Persian characters", err_over.msg, "201");
    /* ASCII counts one character per byte. */
    char ascii[TITLE_MAX + 2];
    memset(ascii, 'a', TITLE_MAX + 1);
    ascii[TITLE_MAX + 1] = '\0';
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE("201 ASCII characters",
               check_line("title", ascii, 1, TITLE_MAX, &err), VG_ELIMIT);
    ascii[TITLE_MAX] = '\0';
    err = (struct vg_err)VG_ERR_INIT;
    CHECK_CODE("200 ASCII characters",
               check_line("title", ascii, 1, TITLE_MAX, &err), 0);
    err = (struct vg_err)VG_ERR_INIT;
    CHECK_CODE("short of min", check_line("title", "ab", 3, 10, &err),
               VG_EINVAL);
    CHECK_STR("short of min", err.field, "title");
}

/* ==== check_timezone ==== */

static void timezone_is_an_installed_zone(void **state)
{
    (void)state;
    static const struct check_case cases[] = {
        {"Asia/Tehran", 0, NULL},
        {"Europe/Paris", 0, NULL},
        {"UTC", 0, NULL},
        {"America/Argentina/Buenos_Aires", 0, NULL},
        {"Etc/GMT+3", 0, NULL},
        {"Mars/Olympus", VG_EINVAL, NULL},
        {"../etc/passwd", VG_EINVAL, NULL},
        {"../../../etc/passwd", VG_EINVAL, NULL},
        {"Asia/../../../../etc/passwd", VG_EINVAL, NULL},
        {"Asia/../Asia/Tehran", VG_EINVAL, NULL},
        {"./UTC", VG_EINVAL, NULL},
        {"/etc/passwd", VG_EINVAL, NULL},
        {"Asia/Tehran/", VG_EINVAL, NULL},
        {"Asia//Tehran", VG_EINVAL, NULL},
        {"Asia", VG_EINVAL, NULL},
        {"asia/tehran", VG_EINVAL, NULL},
        {"Asia/Tehran ", VG_EINVAL, NULL},
        {"zone.tab", VG_EINVAL, NULL},
        {"", VG_EINVAL, "required"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        int rc = check_timezone("tracker.timezone", cases[i].in, &err);
        expect(&cases[i], cases[i].in, rc, &err, "tracker.timezone");
    }
}

/* /usr/share/zoneinfo also holds regular files that are not zones, such
 * as "leapseconds". Both glibc and ICU read an unknown name as UTC without
 * a word (tz.h: the reason names are checked at all), so a tracker in
 * "leapseconds" would count its days in UTC: it is refused. */
static void timezone_refuses_files_that_are_not_zones(void **state)
{
    (void)state;
    static const struct check_case cases[] = {
        {"leapseconds", VG_EINVAL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        int rc = check_timezone("tracker.timezone", cases[i].in, &err);
        expect(&cases[i], cases[i].in, rc, &err, "tracker.timezone");
    }
}

/* ==== check_lang_list ==== */

static void lang_list_is_comma_separated_tags(void **state)
{
    (void)state;
    static const struct check_case cases[] = {
        {"fa,en", 0, NULL},
        {"fa", 0, NULL},
        {"en-GB,fa,ckb", 0, NULL},
        {"english", VG_EINVAL, NULL},
        {"fa,english", VG_EINVAL, NULL},
        {"fa,,en", VG_EINVAL, NULL},
        {"fa,", VG_EINVAL, NULL},
        {",fa", VG_EINVAL, NULL},
        {"fa, en", VG_EINVAL, NULL},
        {"FA", VG_EINVAL, NULL},
        {"e", VG_EINVAL, NULL},
        {"en-", VG_EINVAL, NULL},
        {"", VG_EINVAL, "required"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_err err = VG_ERR_INIT;
        int rc = check_lang_list("tracker.languages", cases[i].in, &err);
        expect(&cases[i], cases[i].in, rc, &err, "tracker.languages");
    }
}

/* ==== The first error wins ==== */

static void first_error_wins(void **state)
{
    (void)state;
    struct vg_err err = VG_ERR_INIT;
    int64_t v;
    CHECK_CODE("slug", check_slug("slug", "Bad Slug", &err), VG_EINVAL);
    CHECK_CODE("low", parse_count("low", "100000000001", &v, &err), VG_ELIMIT);
    CHECK_CODE("kept", err.code, VG_EINVAL);
    CHECK_STR("kept", err.field, "slug");
}

int test_core_validate(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates_as_editors_type_them),
        cmocka_unit_test(count_accepts_digits_and_grouping),
        cmocka_unit_test(count_refuses_malformed_numbers),
        cmocka_unit_test(slug_is_lowercase_ascii),
        cmocka_unit_test(slug_is_at_most_64_bytes),
        cmocka_unit_test(url_is_http_or_https),
        cmocka_unit_test(url_is_at_most_2048_bytes),
        cmocka_unit_test(line_refuses_controls_and_bad_utf8),
        cmocka_unit_test(line_counts_characters_not_bytes),
        cmocka_unit_test(timezone_is_an_installed_zone),
        cmocka_unit_test(timezone_refuses_files_that_are_not_zones),
        cmocka_unit_test(lang_list_is_comma_separated_tags),
        cmocka_unit_test(first_error_wins),
    };
    return cmocka_run_group_tests_name("core/validate", tests, NULL, NULL);
}
