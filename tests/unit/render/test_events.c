/*
 * test_events.c: render/events.h, the ACLED CSV rows.
 *
 * The row writer formats numbers without snprintf; its text must stay
 * what snprintf wrote ("%.4f" of the coordinate, "%lld" of the rest), so
 * exports keep their bytes. Coordinates are checked across the globe,
 * ties (a fifth decimal of 5) and negatives included.
 */
#include "render/events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"

static struct event event_at(int64_t number, int64_t lat, int64_t lon)
{
    return (struct event){
        .number = number,
        .date = {2019, 11, 16},
        .time_precision = 1,
        .type = "Protests",
        .sub_type = "Peaceful protest",
        .location = "Town",
        .country = "FR",
        .has_coords = true,
        .lat_e5 = lat,
        .lon_e5 = lon,
        .geo_precision = 2,
        .fatalities = 3,
        .size_high = -1,
        .status = EVENT_PUBLISHED,
        .recorded_at = 1577880000,
    };
}

/* The row snprintf would have written for e (no field needs quotes). */
static void expected_row(const struct event *e, char *out, size_t size)
{
    snprintf(
        out, size,
        "FRA%lld,2019-11-16,2019,1,Demonstrations,Protests,Peaceful "
        "protest,,,,,,,,,250,Europe,France,,,,Town,%.4f,%.4f,2,,,,3,,%lld\r\n",
        (long long)e->number, (double)e->lat_e5 / 1e5, (double)e->lon_e5 / 1e5,
        (long long)e->recorded_at);
}

static void check_row(int64_t number, int64_t lat, int64_t lon)
{
    struct event e = event_at(number, lat, lon);
    char want[512], label[64];
    expected_row(&e, want, sizeof want);
    snprintf(label, sizeof label, "lat %lld lon %lld", (long long)lat,
             (long long)lon);
    struct buf b = BUF_INIT(4096);
    render_events_csv_row(&b, &e);
    CHECK_STR(label, buf_cstr(&b), want);
    buf_release(&b);
}

static void rows_write_numbers_as_snprintf_did(void **state)
{
    (void)state;
    static const int64_t edges[] = {
        0,       1,        4,        5,        6,     9,       10,
        15,      25,       35,       99995,    99996, 3125,    9375,
        -1,      -5,       -6,       -15,      -3125, 2891125, -2891125,
        9000000, -9000000, 18000000, -17999995};
    for (size_t i = 0; i < sizeof edges / sizeof *edges; i++)
        check_row((int64_t)i + 1, edges[i], -edges[i]);
    for (int64_t v = -18000000; v <= 18000000; v += 97)
        check_row(INT64_C(1000000000000) + v, v / 2, v);
}

static void head_then_rows(void **state)
{
    (void)state;
    struct event e[2] = {event_at(1, 100, 200), event_at(2, 300, 400)};
    struct buf whole = BUF_INIT(1 << 16), parts = BUF_INIT(1 << 16);
    render_events_csv(&whole, e, 2);
    render_events_csv_head(&parts);
    render_events_csv_row(&parts, &e[0]);
    render_events_csv_row(&parts, &e[1]);
    CHECK_STR("pieces", buf_cstr(&parts), buf_cstr(&whole));
    CHECK_HAS("head", buf_cstr(&whole), "event_id_cnty,event_date,");
    CHECK_HAS("hxl", buf_cstr(&whole), "\r\n#event+code,#date+occurred,");
    buf_release(&whole);
    buf_release(&parts);
}

static void quotes_double_and_formulas_get_an_apostrophe(void **state)
{
    (void)state;
    struct event e = event_at(7, 100, 200);
    e.actor1 = "He said \"stop\", twice\"";
    e.location = "\"Q\"";
    e.notes = "=SUM(A1)";
    struct buf b = BUF_INIT(4096);
    render_events_csv_row(&b, &e);
    CHECK_HAS("actor1", buf_cstr(&b), ",\"He said \"\"stop\"\", twice\"\"\",");
    CHECK_HAS("location", buf_cstr(&b), ",\"\"\"Q\"\"\",");
    CHECK_HAS("notes", buf_cstr(&b), ",\"'=SUM(A1)\",");
    buf_release(&b);
}

/* OWASP's CSV injection triggers, after leading spaces too, and their
 * full-width forms get the apostrophe; numbers and harmless text do not. */
static void every_formula_lead_gets_an_apostrophe(void **state)
{
    (void)state;
    static const struct {
        const char *notes, *field;
    } cases[] = {
        {"=1+1", ",\"'=1+1\","},   {"+1", ",\"'+1\","},
        {"-1+1", ",\"'-1+1\","},   {"@SUM(A1)", ",\"'@SUM(A1)\","},
        {"|calc", ",\"'|calc\","}, {"\tx", ",\"'\tx\","},
        {"\rx", ",\"'\rx\","},     {"   =1+1", ",\"'   =1+1\","},
        {" \t@x", ",\"' \t@x\","}, {"＝1+1", ",\"'＝1+1\","},
        {"＋1", ",\"'＋1\","},     {" －1", ",\"' －1\","},
        {"＠x", ",\"'＠x\","},     {"a=1", ",a=1,"},
        {"  plain", ",  plain,"},  {"Ａx", ",Ａx,"}, /* not a formula */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct event e = event_at(7, -3456789, -5140000);
        e.notes = cases[i].notes;
        struct buf b = BUF_INIT(4096);
        render_events_csv_row(&b, &e);
        CHECK_HAS(cases[i].notes, buf_cstr(&b), cases[i].field);
        /* Negative numbers in numeric columns stay numbers. */
        CHECK_HAS(cases[i].notes, buf_cstr(&b), ",-34.5679,-51.4000,");
        buf_release(&b);
    }
}

int test_render_events(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_write_numbers_as_snprintf_did),
        cmocka_unit_test(head_then_rows),
        cmocka_unit_test(quotes_double_and_formulas_get_an_apostrophe),
        cmocka_unit_test(every_formula_lead_gets_an_apostrophe),
    };
    return cmocka_run_group_tests_name("render/events", tests, NULL, NULL);
}
