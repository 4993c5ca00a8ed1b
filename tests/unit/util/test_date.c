/*
 * test_date.c: util/date.h, dates and UTC timestamps.
 *
 * The day-number walk checks date_to_days/date_from_days against a
 * calendar kept here independently (month lengths and the Gregorian leap
 * rule spelled out), not against each other alone.
 */
#include "util/date.h"

#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "util/err.h"

/* ==== date_parse ==== */

static const struct {
    const char *text;
    int rc;               /* 0 or VG_EINVAL */
    int year, month, day; /* when rc is 0 */
} parse_cases[] = {
    {"2019-12-28", 0, 2019, 12, 28},
    {"1000-01-01", 0, 1000, 1, 1},
    {"9999-12-31", 0, 9999, 12, 31},
    {"2019-01-31", 0, 2019, 1, 31},
    {"2019-04-30", 0, 2019, 4, 30},
    {"2019-02-30", VG_EINVAL, 0, 0, 0},
    {"2019-04-31", VG_EINVAL, 0, 0, 0},
    {"2019-13-01", VG_EINVAL, 0, 0, 0},
    {"2019-00-10", VG_EINVAL, 0, 0, 0},
    {"2019-12-00", VG_EINVAL, 0, 0, 0},
    {"2019-12-32", VG_EINVAL, 0, 0, 0},
    {"2019-2-3", VG_EINVAL, 0, 0, 0},
    {"19-12-28", VG_EINVAL, 0, 0, 0},
    {"2019-12-28x", VG_EINVAL, 0, 0, 0},
    {"2019/12/28", VG_EINVAL, 0, 0, 0},
    {"0999-12-31", VG_EINVAL, 0, 0, 0},
    {"0000-01-01", VG_EINVAL, 0, 0, 0},
    {" 019-12-28", VG_EINVAL, 0, 0, 0},
    {"2019-1a-28", VG_EINVAL, 0, 0, 0},
    {"2019-+1-28", VG_EINVAL, 0, 0, 0},
    {"", VG_EINVAL, 0, 0, 0},
    /* leap years: every 4th, not every 100th, but every 400th */
    {"2020-02-29", 0, 2020, 2, 29},
    {"2000-02-29", 0, 2000, 2, 29},
    {"2019-02-29", VG_EINVAL, 0, 0, 0},
    {"1900-02-29", VG_EINVAL, 0, 0, 0},
    {"2100-02-29", VG_EINVAL, 0, 0, 0},
    {"2020-02-30", VG_EINVAL, 0, 0, 0},
};

static void parse_accepts_only_real_dates(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof parse_cases / sizeof *parse_cases; i++) {
        const char *text = parse_cases[i].text;
        struct vg_date d = {-1, -1, -1};
        int rc = date_parse(text, strlen(text), &d);
        CHECK_CODE(text, rc, parse_cases[i].rc);
        if (rc != 0) {
            /* a refusal leaves *out alone */
            CHECK_INT(text, d.year, -1);
            continue;
        }
        CHECK_INT(text, d.year, parse_cases[i].year);
        CHECK_INT(text, d.month, parse_cases[i].month);
        CHECK_INT(text, d.day, parse_cases[i].day);
    }
}

static void parse_reads_only_n_bytes(void **state)
{
    (void)state;
    struct vg_date d;
    /* the date is the first 10 bytes of a longer string */
    CHECK_CODE("prefix", date_parse("2019-12-28T12:00:00Z", 10, &d), 0);
    CHECK_INT("prefix", d.day, 28);
    CHECK_CODE("short n", date_parse("2019-12-28", 9, &d), VG_EINVAL);
}

static void format_writes_iso_dates(void **state)
{
    (void)state;
    char out[DATE_LEN + 1];
    date_format((struct vg_date){2019, 12, 28}, out);
    CHECK_STR(NULL, out, "2019-12-28");
    date_format((struct vg_date){1000, 1, 2}, out);
    CHECK_STR(NULL, out, "1000-01-02");
}

/* ==== Day numbers ==== */

static const struct {
    const char *date;
    int64_t days;
} known_days[] = {
    {"1970-01-01", 0},     {"1970-01-02", 1},       {"1969-12-31", -1},
    {"2019-11-15", 18215}, {"2000-03-01", 11017},   {"1900-01-01", -25567},
    {"2100-12-31", 47846}, {"1000-01-01", -354285},
};

static void day_numbers_match_known_values(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof known_days / sizeof *known_days; i++) {
        const char *text = known_days[i].date;
        struct vg_date d;
        CHECK_CODE(text, date_parse(text, strlen(text), &d), 0);
        CHECK_INT(text, date_to_days(d), known_days[i].days);
        char back[DATE_LEN + 1];
        date_format(date_from_days(known_days[i].days), back);
        CHECK_STR(text, back, text);
    }
}

static int month_length(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* Walks every day from 1900-01-01 to 2100-12-31 with the calendar above. */
static void day_numbers_round_trip_1900_to_2100(void **state)
{
    (void)state;
    struct vg_date d = {1900, 1, 1};
    int64_t n = -25567; /* 1900-01-01 */
    char label[DATE_LEN + 1];
    while (d.year <= 2100) {
        date_format(d, label);
        CHECK_INT(label, date_valid(d), 1);
        CHECK_INT(label, date_to_days(d), n);
        struct vg_date back = date_from_days(n);
        CHECK_INT(label, date_cmp(back, d), 0);
        CHECK_INT(label, back.year * 10000 + back.month * 100 + back.day,
                  d.year * 10000 + d.month * 100 + d.day);
        if (++d.day > month_length(d.year, d.month)) {
            d.day = 1;
            if (++d.month > 12) {
                d.month = 1;
                d.year++;
            }
        }
        n++;
    }
    CHECK_INT("2101-01-01", n, 47847);
}

static void compare_orders_dates(void **state)
{
    (void)state;
    struct vg_date a = {2019, 12, 28}, b = {2019, 12, 29}, c = {2020, 1, 1},
                   e = {2019, 11, 30};
    CHECK_INT("a<b", date_cmp(a, b) < 0, 1);
    CHECK_INT("b>a", date_cmp(b, a) > 0, 1);
    CHECK_INT("a<c", date_cmp(a, c) < 0, 1);
    CHECK_INT("e<a", date_cmp(e, a) < 0, 1);
    CHECK_INT("a=a", date_cmp(a, a), 0);
}

static void valid_refuses_no_date(void **state)
{
    (void)state;
    CHECK_INT("year 0", date_valid((struct vg_date){0, 0, 0}), 0);
    CHECK_INT("year 0 with day", date_valid((struct vg_date){0, 1, 1}), 0);
    CHECK_INT("year 10000", date_valid((struct vg_date){10000, 1, 1}), 0);
}

static void format_long_spells_the_month(void **state)
{
    (void)state;
    static const struct {
        struct vg_date d;
        const char *want;
    } cases[] = {
        {{2019, 12, 28}, "28 December 2019"},
        {{2019, 11, 15}, "15 November 2019"},
        {{2020, 1, 1}, "1 January 2020"},
        {{2020, 9, 30}, "30 September 2020"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[24];
        date_format_long(cases[i].d, out, sizeof out);
        CHECK_STR(cases[i].want, out, cases[i].want);
    }
}

/* ==== Timestamps ==== */

static const struct {
    const char *text;
    int64_t t;
} timestamps[] = {
    {"1970-01-01T00:00:00Z", 0},
    {"1969-12-31T23:59:59Z", -1},
    {"2019-12-28T12:00:00Z", 1577534400},
    {"2019-12-27T20:30:00Z", 1577478600},
    {"2019-11-15T00:00:00Z", 18215 * INT64_C(86400)},
    {"2000-02-29T23:59:59Z", 951868799},
    {"1000-01-01T00:00:00Z", -354285 * INT64_C(86400)},
    {"9999-12-31T23:59:59Z", INT64_C(253402300799)},
};

static void timestamps_round_trip(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof timestamps / sizeof *timestamps; i++) {
        const char *text = timestamps[i].text;
        int64_t t = 42;
        CHECK_CODE(text, timestamp_parse(text, strlen(text), &t), 0);
        CHECK_INT(text, t, timestamps[i].t);
        char out[TIMESTAMP_LEN + 1];
        timestamp_format(timestamps[i].t, out);
        CHECK_STR(text, out, text);
    }
}

static void timestamp_parse_refuses_other_shapes(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "2019-12-28T24:00:00Z",
        "2019-12-28T23:60:00Z",
        "2019-12-28T23:59:60Z",
        "2019-12-28T12:00:00",
        "2019-12-28T12:00:00+03:30",
        "2019-12-28T12:00:00+00:00",
        "2019-12-28T12:00:00z",
        "2019-12-28 12:00:00Z",
        "2019-12-28T12:00Z",
        "2019-12-28T12:00:00.5Z",
        "2019-02-30T12:00:00Z",
        "2019-12-28T1a:00:00Z",
        "2019-12-28",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int64_t t = 42;
        CHECK_CODE(bad[i], timestamp_parse(bad[i], strlen(bad[i]), &t),
                   VG_EINVAL);
        CHECK_INT(bad[i], t, 42);
    }
}

static void utc_date_floors_negative_times(void **state)
{
    (void)state;
    char out[DATE_LEN + 1];
    date_format(timestamp_utc_date(-1), out);
    CHECK_STR("-1", out, "1969-12-31");
    date_format(timestamp_utc_date(-86400), out);
    CHECK_STR("-86400", out, "1969-12-31");
    date_format(timestamp_utc_date(-86401), out);
    CHECK_STR("-86401", out, "1969-12-30");
    date_format(timestamp_utc_date(1577534400), out);
    CHECK_STR("2019-12-28T12:00:00Z", out, "2019-12-28");
}

int test_util_date(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_accepts_only_real_dates),
        cmocka_unit_test(parse_reads_only_n_bytes),
        cmocka_unit_test(format_writes_iso_dates),
        cmocka_unit_test(day_numbers_match_known_values),
        cmocka_unit_test(day_numbers_round_trip_1900_to_2100),
        cmocka_unit_test(compare_orders_dates),
        cmocka_unit_test(valid_refuses_no_date),
        cmocka_unit_test(format_long_spells_the_month),
        cmocka_unit_test(timestamps_round_trip),
        cmocka_unit_test(timestamp_parse_refuses_other_shapes),
        cmocka_unit_test(utc_date_floors_negative_times),
    };
    return cmocka_run_group_tests_name("util/date", tests, NULL, NULL);
}
