/*
 * test_calendar.c: util/calendar.h, dates and numbers in Persian and
 * Arabic.
 *
 * The Solar Hijri table holds days whose Gregorian dates are fixed by the
 * calendar's definition (Nowruz, the first of Farvardin, falls on the
 * March equinox as seen from Tehran): the Nowruz days of 1398 to 1405
 * (1399 and 1403 follow leap years), the last days of Esfand, and the
 * demo's dates. A walk over every day from 1390 to 1410 checks that the
 * two directions agree and that months have the lengths the calendar
 * gives them: 31 days for the first six, 30 for the next five, 29 or 30
 * for Esfand.
 */
#include "util/calendar.h"

#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"

/* ==== Gregorian <-> Solar Hijri ==== */

static const struct {
    int jy, jm, jd;      /* Solar Hijri */
    int gy, gm, gd;      /* Gregorian */
    const char *fa_long; /* as a Persian tracker writes it */
} persian_cases[] = {
    {1398, 1, 1, 2019, 3, 21, "۱ فروردین ۱۳۹۸"},
    {1398, 10, 7, 2019, 12, 28, "۷ دی ۱۳۹۸"},
    {1398, 8, 24, 2019, 11, 15, "۲۴ آبان ۱۳۹۸"},
    {1398, 12, 29, 2020, 3, 19, "۲۹ اسفند ۱۳۹۸"},
    {1399, 1, 1, 2020, 3, 20, "۱ فروردین ۱۳۹۹"},
    {1399, 12, 30, 2021, 3, 20, "۳۰ اسفند ۱۳۹۹"}, /* 1399 is leap */
    {1400, 1, 1, 2021, 3, 21, "۱ فروردین ۱۴۰۰"},
    {1401, 6, 25, 2022, 9, 16, "۲۵ شهریور ۱۴۰۱"},
    {1402, 12, 29, 2024, 3, 19, "۲۹ اسفند ۱۴۰۲"},
    {1403, 1, 1, 2024, 3, 20, "۱ فروردین ۱۴۰۳"},
    {1403, 12, 30, 2025, 3, 20, "۳۰ اسفند ۱۴۰۳"}, /* 1403 is leap */
    {1404, 1, 1, 2025, 3, 21, "۱ فروردین ۱۴۰۴"},
    {1405, 1, 1, 2026, 3, 21, "۱ فروردین ۱۴۰۵"},
};

static void persian_both_ways(void **state)
{
    (void)state;
    const struct cal_style fa = {"fa", CAL_PERSIAN, CAL_DIGITS_NATIVE, false};
    for (size_t i = 0; i < sizeof persian_cases / sizeof *persian_cases; i++) {
        const char *label = persian_cases[i].fa_long;
        struct vg_date g = {0, 0, 0};
        CHECK_CODE(label,
                   cal_from_persian(persian_cases[i].jy, persian_cases[i].jm,
                                    persian_cases[i].jd, &g),
                   0);
        CHECK_INT(label, g.year, persian_cases[i].gy);
        CHECK_INT(label, g.month, persian_cases[i].gm);
        CHECK_INT(label, g.day, persian_cases[i].gd);
        int y, m, d;
        cal_to_persian(g, &y, &m, &d);
        CHECK_INT(label, y, persian_cases[i].jy);
        CHECK_INT(label, m, persian_cases[i].jm);
        CHECK_INT(label, d, persian_cases[i].jd);
        struct buf b = BUF_INIT(256);
        CHECK_CODE(label, cal_date_long(&b, &fa, g), 0);
        CHECK_STR(label, buf_cstr(&b), persian_cases[i].fa_long);
        buf_release(&b);
    }
}

static void persian_days_that_are_not(void **state)
{
    (void)state;
    struct vg_date g = {0, 0, 0};
    CHECK_CODE("1402-12-30: 1402 is not leap",
               cal_from_persian(1402, 12, 30, &g), VG_EINVAL);
    CHECK_CODE("1398-07-31: Mehr has 30", cal_from_persian(1398, 7, 31, &g),
               VG_EINVAL);
    CHECK_CODE("month 13", cal_from_persian(1398, 13, 1, &g), VG_EINVAL);
    CHECK_CODE("day 0", cal_from_persian(1398, 1, 0, &g), VG_EINVAL);
    CHECK_INT("nothing written", g.year, 0);
}

/* Every day of 1390..1410: consecutive Gregorian days are consecutive
 * Solar Hijri days, months as long as the calendar says. */
static void persian_walk(void **state)
{
    (void)state;
    struct vg_date start;
    CHECK_CODE("1390-01-01", cal_from_persian(1390, 1, 1, &start), 0);
    int64_t day = date_to_days(start);
    int leap_years = 0;
    for (int y = 1390; y <= 1410; y++) {
        for (int m = 1; m <= 12; m++) {
            int len = m <= 6 ? 31 : m <= 11 ? 30 : 29;
            struct vg_date probe;
            if (m == 12 && cal_from_persian(y, 12, 30, &probe) == 0) {
                len = 30;
                leap_years++;
            }
            for (int d = 1; d <= len; d++, day++) {
                struct vg_date g;
                int jy, jm, jd;
                CHECK_CODE("a day of the walk", cal_from_persian(y, m, d, &g),
                           0);
                CHECK_INT("consecutive", date_to_days(g), day);
                cal_to_persian(g, &jy, &jm, &jd);
                CHECK_INT("back: year", jy, y);
                CHECK_INT("back: month", jm, m);
                CHECK_INT("back: day", jd, d);
            }
        }
    }
    /* 21 years hold five leap years (1391, 1395, 1399, 1403, 1408). */
    CHECK_INT("leap years in 1390..1410", leap_years, 5);
}

/* ==== Writing in a language ==== */

static void dates_and_numbers(void **state)
{
    (void)state;
    static const struct {
        struct cal_style style;
        const char *date_long, *date_short, *number;
    } cases[] = {
        {{"en", CAL_GREGORIAN, CAL_DIGITS_NATIVE, false},
         "28 December 2019",
         "28 December",
         "12,000"},
        {{"fa", CAL_PERSIAN, CAL_DIGITS_NATIVE, false},
         "۷ دی ۱۳۹۸",
         "۷ دی",
         "۱۲٬۰۰۰"},
        {{"fa", CAL_GREGORIAN, CAL_DIGITS_NATIVE, false},
         "۲۸ دسامبر ۲۰۱۹",
         "۲۸ دسامبر",
         "۱۲٬۰۰۰"},
        {{"ar", CAL_GREGORIAN, CAL_DIGITS_NATIVE, false},
         "٢٨ ديسمبر ٢٠١٩",
         "٢٨ ديسمبر",
         "١٢٬٠٠٠"},
        {{"ar", CAL_GREGORIAN, CAL_DIGITS_LATIN, false},
         "28 ديسمبر 2019",
         "28 ديسمبر",
         "12,000"},
    };
    const struct vg_date d = {2019, 12, 28};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *label = cases[i].date_long;
        struct buf b = BUF_INIT(256);
        CHECK_CODE(label, cal_date_long(&b, &cases[i].style, d), 0);
        CHECK_STR(label, buf_cstr(&b), cases[i].date_long);
        buf_reset(&b);
        CHECK_CODE(label, cal_date_short(&b, &cases[i].style, d), 0);
        CHECK_STR(label, buf_cstr(&b), cases[i].date_short);
        buf_reset(&b);
        CHECK_CODE(label, cal_number(&b, &cases[i].style, 12000), 0);
        CHECK_STR(label, buf_cstr(&b), cases[i].number);
        buf_release(&b);
    }
    /* "Day 44" in each language's digits. */
    struct buf b = BUF_INIT(64);
    const struct cal_style fa = {"fa", CAL_PERSIAN, CAL_DIGITS_NATIVE, false};
    const struct cal_style ar = {"ar", CAL_GREGORIAN, CAL_DIGITS_NATIVE, false};
    cal_number(&b, &fa, 44);
    buf_putc(&b, ' ');
    cal_number(&b, &ar, 44);
    CHECK_STR("Day 44", buf_cstr(&b), "۴۴ ٤٤");
    buf_reset(&b);
    const struct cal_style latin = {"ar", CAL_GREGORIAN, CAL_DIGITS_LATIN,
                                    false};
    cal_digits(&b, &fa, "14:05");
    buf_putc(&b, ' ');
    cal_digits(&b, &ar, "09:30");
    buf_putc(&b, ' ');
    cal_digits(&b, &latin, "09:30");
    CHECK_STR("clocks", buf_cstr(&b), "۱۴:۰۵ ٠٩:٣٠ 09:30");
    buf_release(&b);
}

static void refuses_bad_styles(void **state)
{
    (void)state;
    const struct vg_date d = {2019, 12, 28};
    const char *bad[] = {"",
                         "f@a",
                         "fa;x",
                         "1fa",
                         "fa_IR@calendar=x",
                         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct buf b = BUF_INIT(64);
        const struct cal_style s = {bad[i], CAL_GREGORIAN, CAL_DIGITS_NATIVE,
                                    false};
        CHECK_CODE(bad[i], cal_date_long(&b, &s, d), VG_EINVAL);
        CHECK_INT(bad[i], b.len, 0);
        buf_release(&b);
    }
    struct buf b = BUF_INIT(64);
    const struct cal_style en = {"en", CAL_GREGORIAN, CAL_DIGITS_NATIVE, false};
    CHECK_CODE("not a date",
               cal_date_long(&b, &en, (struct vg_date){2019, 2, 30}),
               VG_EINVAL);
    buf_release(&b);
}

/* ==== Reading what an editor types ==== */

static void ascii_digits(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"۱۲۳۴۵۶۷۸۹۰", "1234567890"},
        {"١٢٣٤٥٦٧٨٩٠", "1234567890"},
        {"۱٬۵۰۰ کشته", "1,500 کشته"},
        {"٣٫٥", "3.5"},
        {"no digits", "no digits"},
        {"mixed ۱2٣", "mixed 123"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct buf b = BUF_INIT(64);
        CHECK_CODE(cases[i].in,
                   cal_ascii_digits(&b, cases[i].in, strlen(cases[i].in)), 0);
        CHECK_STR(cases[i].in, buf_cstr(&b), cases[i].out);
        buf_release(&b);
    }
    struct buf b = BUF_INIT(64);
    buf_puts(&b, "kept");
    CHECK_CODE("not UTF-8", cal_ascii_digits(&b, "۱\xff", 3), VG_EINVAL);
    CHECK_STR("nothing appended", buf_cstr(&b), "kept");
    buf_release(&b);
}

static void parse_dates(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int rc, y, m, d;
    } cases[] = {
        {"2019-12-28", 0, 2019, 12, 28},    {"۲۰۱۹-۱۲-۲۸", 0, 2019, 12, 28},
        {"1398-10-07", 0, 2019, 12, 28},    {"۱۳۹۸/۱۰/۰۷", 0, 2019, 12, 28},
        {"١٣٩٨/١٠/٧", 0, 2019, 12, 28},     {"1399/1/1", 0, 2020, 3, 20},
        {"1403-12-30", 0, 2025, 3, 20},     {"1402-12-30", VG_EINVAL, 0, 0, 0},
        {"2019-02-30", VG_EINVAL, 0, 0, 0}, {"1398-10/07", VG_EINVAL, 0, 0, 0},
        {"98-10-07", VG_EINVAL, 0, 0, 0},   {"1398-10-07x", VG_EINVAL, 0, 0, 0},
        {"1398-100-7", VG_EINVAL, 0, 0, 0}, {"", VG_EINVAL, 0, 0, 0},
        {"\xff", VG_EINVAL, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct vg_date got = {0, 0, 0};
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(cases[i].in, cal_parse_date(cases[i].in, &got, "date", &err),
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

int test_util_calendar(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(persian_both_ways),
        cmocka_unit_test(persian_days_that_are_not),
        cmocka_unit_test(persian_walk),
        cmocka_unit_test(dates_and_numbers),
        cmocka_unit_test(refuses_bad_styles),
        cmocka_unit_test(ascii_digits),
        cmocka_unit_test(parse_dates),
    };
    return cmocka_run_group_tests_name("util_calendar", tests, NULL, NULL);
}
