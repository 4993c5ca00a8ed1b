/*
 * test_day.c: core/day.h, "Day N" in a tracker's time zone.
 *
 * Expected values were computed outside Vigil with GNU date and zdump
 * (tzdata 2025b on Debian 12):
 *   Asia/Tehran 2019: +03:30 until 2019-03-21T20:30:00Z, when local
 *   midnight of 22 March became 01:00 +04:30; +04:30 until
 *   2019-09-21T19:30:00Z, when local 24:00 of 21 September became 23:00
 *   +03:30 (so 23:00-23:59 of 21 September happened twice, and its local
 *   midnight came at 20:30Z).
 *   Europe/Paris 2019: +01:00, +02:00 from 2019-03-31T01:00:00Z to
 *   2019-10-27T01:00:00Z.
 */
#include "core/day.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "util/date.h"
#include "util/tz.h"

struct day_case {
    const char *label;
    const char *timezone;
    const char *started_on;
    const char *ended_on; /* "" while live */
    const char *now;      /* UTC */
    int64_t number;
    bool ended;
};

static const struct day_case cases[] = {
    /* The sample tracker. */
    {"sample", "Asia/Tehran", "2019-11-15", "", "2019-12-28T12:00:00Z", 44,
     false},
    {"day 1 at noon", "Asia/Tehran", "2019-11-15", "", "2019-11-15T12:00:00Z",
     1, false},
    {"day 1 at its first local second", "Asia/Tehran", "2019-11-15", "",
     "2019-11-14T20:30:00Z", 1, false},
    {"before the start", "Asia/Tehran", "2019-11-15", "",
     "2019-11-14T20:29:59Z", 0, false},
    {"a month before the start", "Asia/Tehran", "2019-11-15", "",
     "2019-10-01T00:00:00Z", 0, false},
    /* Ended trackers stop counting at ended_on. */
    {"ended, asked in 2026", "Asia/Tehran", "2019-11-15", "2019-12-28",
     "2026-03-01T09:00:00Z", 44, true},
    {"ended, asked the day before", "Asia/Tehran", "2019-11-15", "2019-12-28",
     "2019-12-27T12:00:00Z", 43, false},
    /* Local midnight in winter (+03:30). */
    {"Tehran 27 Dec 23:59:59", "Asia/Tehran", "2019-11-15", "",
     "2019-12-27T20:29:59Z", 43, false},
    {"Tehran 28 Dec 00:00:00", "Asia/Tehran", "2019-11-15", "",
     "2019-12-27T20:30:00Z", 44, false},
    /* Tehran, DST start: the last midnight at +03:30 ... */
    {"Tehran 20 Mar 23:59:59 +03:30", "Asia/Tehran", "2019-03-20", "",
     "2019-03-20T20:29:59Z", 1, false},
    {"Tehran 21 Mar 00:00:00 +03:30", "Asia/Tehran", "2019-03-20", "",
     "2019-03-20T20:30:00Z", 2, false},
    /* ... the skipped midnight (00:00 became 01:00 +04:30) ... */
    {"Tehran 21 Mar 23:59:59 +03:30", "Asia/Tehran", "2019-03-20", "",
     "2019-03-21T20:29:59Z", 2, false},
    {"Tehran 22 Mar 01:00:00 +04:30", "Asia/Tehran", "2019-03-20", "",
     "2019-03-21T20:30:00Z", 3, false},
    /* ... and the first midnight at +04:30. */
    {"Tehran 22 Mar 23:59:59 +04:30", "Asia/Tehran", "2019-03-20", "",
     "2019-03-22T19:29:59Z", 3, false},
    {"Tehran 23 Mar 00:00:00 +04:30", "Asia/Tehran", "2019-03-20", "",
     "2019-03-22T19:30:00Z", 4, false},
    /* Tehran, DST end: the last midnight at +04:30 ... */
    {"Tehran 20 Sep 23:59:59 +04:30", "Asia/Tehran", "2019-03-20", "",
     "2019-09-20T19:29:59Z", 185, false},
    {"Tehran 21 Sep 00:00:00 +04:30", "Asia/Tehran", "2019-03-20", "",
     "2019-09-20T19:30:00Z", 186, false},
    /* ... the fall back (24:00 +04:30 became 23:00 +03:30) ... */
    {"Tehran 21 Sep 23:59:59 +04:30", "Asia/Tehran", "2019-03-20", "",
     "2019-09-21T19:29:59Z", 186, false},
    {"Tehran 21 Sep 23:00:00 +03:30", "Asia/Tehran", "2019-03-20", "",
     "2019-09-21T19:30:00Z", 186, false},
    /* ... the midnight right after it, at +03:30 ... */
    {"Tehran 21 Sep 23:59:59 +03:30", "Asia/Tehran", "2019-03-20", "",
     "2019-09-21T20:29:59Z", 186, false},
    {"Tehran 22 Sep 00:00:00 +03:30", "Asia/Tehran", "2019-03-20", "",
     "2019-09-21T20:30:00Z", 187, false},
    /* ... and the next one. */
    {"Tehran 22 Sep 23:59:59 +03:30", "Asia/Tehran", "2019-03-20", "",
     "2019-09-22T20:29:59Z", 187, false},
    {"Tehran 23 Sep 00:00:00 +03:30", "Asia/Tehran", "2019-03-20", "",
     "2019-09-22T20:30:00Z", 188, false},
    /* Europe/Paris, spring: midnight at +01:00, then at +02:00. */
    {"Paris 30 Mar 23:59:59 +01:00", "Europe/Paris", "2019-03-30", "",
     "2019-03-30T22:59:59Z", 1, false},
    {"Paris 31 Mar 00:00:00 +01:00", "Europe/Paris", "2019-03-30", "",
     "2019-03-30T23:00:00Z", 2, false},
    {"Paris 31 Mar 23:59:59 +02:00", "Europe/Paris", "2019-03-30", "",
     "2019-03-31T21:59:59Z", 2, false},
    {"Paris 1 Apr 00:00:00 +02:00", "Europe/Paris", "2019-03-30", "",
     "2019-03-31T22:00:00Z", 3, false},
    /* Europe/Paris, autumn: midnight at +02:00, then at +01:00. */
    {"Paris 26 Oct 23:59:59 +02:00", "Europe/Paris", "2019-03-30", "",
     "2019-10-26T21:59:59Z", 211, false},
    {"Paris 27 Oct 00:00:00 +02:00", "Europe/Paris", "2019-03-30", "",
     "2019-10-26T22:00:00Z", 212, false},
    {"Paris 27 Oct 23:59:59 +01:00", "Europe/Paris", "2019-03-30", "",
     "2019-10-27T22:59:59Z", 212, false},
    {"Paris 28 Oct 00:00:00 +01:00", "Europe/Paris", "2019-03-30", "",
     "2019-10-27T23:00:00Z", 213, false},
};

/* Fills the fields tracker_day reads. */
static struct tracker make_tracker(const struct day_case *c)
{
    struct tracker t;
    memset(&t, 0, sizeof t);
    t.timezone = c->timezone;
    assert_int_equal(
        date_parse(c->started_on, strlen(c->started_on), &t.started_on), 0);
    if (c->ended_on[0] != '\0')
        assert_int_equal(
            date_parse(c->ended_on, strlen(c->ended_on), &t.ended_on), 0);
    return t;
}

static void day_counts_in_the_tracker_zone(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const struct day_case *c = &cases[i];
        struct tracker t = make_tracker(c);
        int64_t now;
        assert_int_equal(timestamp_parse(c->now, strlen(c->now), &now), 0);
        struct day_info info = {-7, {0, 0, 0}, !c->ended};
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(c->label, tracker_day(&t, now, &info, &err), 0);
        CHECK_INT(c->label, info.number, c->number);
        CHECK_INT(c->label, info.ended, c->ended);
        CHECK_INT(c->label, err.code, 0);
        if (c->number > 0) {
            /* The date counted to is day N's date. */
            CHECK_INT(c->label, date_to_days(info.date),
                      date_to_days(t.started_on) + c->number - 1);
        }
    }
}

static void local_date_follows_the_zone(void **state)
{
    (void)state;
    struct tracker t;
    memset(&t, 0, sizeof t);
    t.timezone = "Asia/Tehran";
    char out[DATE_LEN + 1];
    date_format(tracker_local_date(&t, 1577478599), out); /* 20:29:59Z */
    CHECK_STR("Tehran before midnight", out, "2019-12-27");
    date_format(tracker_local_date(&t, 1577478600), out); /* 20:30:00Z */
    CHECK_STR("Tehran at midnight", out, "2019-12-28");
    t.timezone = "America/Los_Angeles";
    date_format(tracker_local_date(&t, 1577534400), out); /* 12:00Z */
    CHECK_STR("Los Angeles, 04:00 local", out, "2019-12-28");
    date_format(tracker_local_date(&t, 1577520000), out); /* 08:00Z */
    CHECK_STR("Los Angeles, 00:00 local", out, "2019-12-28");
    date_format(tracker_local_date(&t, 1577519999), out); /* 07:59:59Z */
    CHECK_STR("Los Angeles, 23:59:59 local", out, "2019-12-27");
}

/* The desk's publication times: a wall-clock time on the tracker's
 * clock, across a clock change's gap and overlap. */
static void wall_time_reads_the_zone(void **state)
{
    (void)state;
    static const struct {
        const char *label, *zone;
        struct vg_date d;
        int minute;
        const char *utc;
    } cases[] = {
        {"Tehran 18:00",
         "Asia/Tehran",
         {2019, 12, 28},
         18 * 60,
         "2019-12-28T14:30:00Z"},
        {"Tehran midnight",
         "Asia/Tehran",
         {2019, 12, 28},
         0,
         "2019-12-27T20:30:00Z"},
        {"Paris summer",
         "Europe/Paris",
         {2026, 7, 1},
         9 * 60 + 5,
         "2026-07-01T07:05:00Z"},
        /* 02:30 does not exist in Paris on 29 March 2026: 03:00 CEST. */
        {"Paris gap",
         "Europe/Paris",
         {2026, 3, 29},
         2 * 60 + 30,
         "2026-03-29T01:00:00Z"},
        /* 02:30 happens twice on 25 October 2026: the first, CEST. */
        {"Paris overlap",
         "Europe/Paris",
         {2026, 10, 25},
         2 * 60 + 30,
         "2026-10-25T00:30:00Z"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t at = 0;
        char out[TIMESTAMP_LEN + 1];
        CHECK_CODE(
            cases[i].label,
            tz_wall_time(cases[i].zone, cases[i].d, cases[i].minute, &at), 0);
        timestamp_format(at, out);
        CHECK_STR(cases[i].label, out, cases[i].utc);
    }
    int64_t at = 0;
    CHECK_CODE("a minute past the day",
               tz_wall_time("UTC", (struct vg_date){2019, 1, 1}, 24 * 60, &at),
               VG_EINVAL);
    CHECK_CODE(
        "an unknown zone",
        tz_wall_time("Mars/Olympus", (struct vg_date){2019, 1, 1}, 0, &at),
        VG_EINVAL);
}

static void invalid_zone_fails(void **state)
{
    (void)state;
    static const char *const zones[] = {"Mars/Olympus", "", "../etc/passwd",
                                        "Asia"};
    for (size_t i = 0; i < sizeof zones / sizeof *zones; i++) {
        struct tracker t;
        memset(&t, 0, sizeof t);
        t.timezone = zones[i];
        t.started_on = (struct vg_date){2019, 11, 15};
        struct day_info info;
        struct vg_err err = VG_ERR_INIT;
        CHECK_CODE(zones[i], tracker_day(&t, 1577534400, &info, &err),
                   VG_EINVAL);
        CHECK_CODE(zones[i], err.code, VG_EINVAL);
        CHECK_STR(zones[i], err.field, "timezone");
    }
}

/* ==== Many threads at once ==== */

enum {
    THREADS = 8,
    ROUNDS = 10000, /* computations per thread */
};

/* What every thread computes, and the single-threaded answers. */
struct day_answer {
    struct tracker t;
    int64_t now;
    struct day_info day;
    int64_t starts; /* tracker_day_start of the day after */
    char hhmm[6];   /* tracker_local_clock */
};

struct day_run {
    const struct day_answer *want;
    size_t n;
    const char *tz_before; /* TZ when the run began (NULL: unset) */
    size_t wrong;          /* results unlike the single-threaded ones */
    size_t env_changed;    /* times TZ read otherwise than at the start */
};

static void compute(struct day_answer *a)
{
    struct vg_err err = VG_ERR_INIT;
    memset(&a->day, 0, sizeof a->day);
    if (tracker_day(&a->t, a->now, &a->day, &err) != 0)
        a->day.number = -1;
    a->starts = tracker_day_start(&a->t, a->day.number + 1);
    tracker_local_clock(&a->t, a->now, a->hhmm);
}

static bool same(const struct day_answer *a, const struct day_answer *b)
{
    return a->day.number == b->day.number && a->day.ended == b->day.ended &&
           date_cmp(a->day.date, b->day.date) == 0 && a->starts == b->starts &&
           strcmp(a->hhmm, b->hhmm) == 0;
}

/* One request thread's share: Day N over every case, and the environment
 * read as a request reads it, which must never change meanwhile. */
static void *run_days(void *p)
{
    struct day_run *r = p;
    for (size_t i = 0; i < ROUNDS; i++) {
        struct day_answer got = r->want[i % r->n];
        compute(&got);
        r->wrong += !same(&got, &r->want[i % r->n]);
        const char *tz = getenv("TZ");
        bool both_unset = tz == NULL && r->tz_before == NULL;
        r->env_changed += !both_unset && (tz == NULL || r->tz_before == NULL ||
                                          strcmp(tz, r->tz_before) != 0);
    }
    return NULL;
}

static void day_is_the_same_on_many_threads(void **state)
{
    (void)state;
    static const char *const zones[] = {"Asia/Tehran", "Europe/Paris",
                                        "America/Los_Angeles", "UTC",
                                        "Asia/Kathmandu"};
    enum { NZONES = sizeof zones / sizeof *zones };
    size_t n = sizeof cases / sizeof *cases;
    struct day_answer *want = calloc(n * NZONES, sizeof *want);
    assert_non_null(want);
    for (size_t i = 0; i < n * NZONES; i++) {
        want[i].t = make_tracker(&cases[i % n]);
        want[i].t.timezone = zones[i / n];
        assert_int_equal(timestamp_parse(cases[i % n].now,
                                         strlen(cases[i % n].now),
                                         &want[i].now),
                         0);
        compute(&want[i]);
    }
    pthread_t th[THREADS];
    struct day_run runs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        runs[i] = (struct day_run){want, n * NZONES, getenv("TZ"), 0, 0};
        assert_int_equal(pthread_create(&th[i], NULL, run_days, &runs[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        CHECK_INT("results unlike one thread's", runs[i].wrong, 0);
        CHECK_INT("TZ changed while threads ran", runs[i].env_changed, 0);
    }
    free(want);
}

int test_core_day(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(day_counts_in_the_tracker_zone),
        cmocka_unit_test(local_date_follows_the_zone),
        cmocka_unit_test(wall_time_reads_the_zone),
        cmocka_unit_test(invalid_zone_fails),
        cmocka_unit_test(day_is_the_same_on_many_threads),
    };
    return cmocka_run_group_tests_name("core/day", tests, NULL, NULL);
}
