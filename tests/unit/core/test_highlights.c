/*
 * test_highlights.c: core/highlights.h, the highlights box.
 *
 * One fixture, in memory: three metrics, four sources and their claims,
 * given in no particular order. Claim numbers are chosen so that "latest"
 * by as-of date and "latest" by claim number disagree where it matters.
 */
#include "core/highlights.h"

#include <stdio.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"

enum { KILLED = 1, ARRESTED = 2, INJURED = 3 };
enum { AMNESTY = 10, IHRM = 20, GOVT = 30, WITNESS = 40 };

static const struct metric metrics[] = {
    {KILLED, 1, "killed", "Killed", 1},
    {ARRESTED, 1, "arrested", "Arrested", 2},
    {INJURED, 1, "injured", "Injured", 3},
};

/* A claim with the fields highlights_build reads. */
#define CLAIM(num, metric, source, slug, qual, lo, hi, y, m, d, st)            \
    {                                                                          \
        .number = (num), .metric_id = (metric), .source_id = (source),         \
        .source_slug = (slug), .qualifier = (qual), .low = (lo), .high = (hi), \
        .as_of = {(y), (m), (d)}, .status = (st), .id = 100 + (num)            \
    }

static const struct claim claims[] = {
    /* Killed. Amnesty: the later as-of date wins over the higher number. */
    CLAIM(5, KILLED, AMNESTY, "amnesty", QUAL_AT_LEAST, 304, -1, 2019, 12, 16,
          CLAIM_VERIFIED),
    /* Iran HRM: same as-of date; #7 was recorded last, with a lower
     * figure than #3. */
    CLAIM(7, KILLED, IHRM, "iran-hrm", QUAL_RANGE, 150, 450, 2019, 12, 1,
          CLAIM_REPORTED),
    CLAIM(6, KILLED, AMNESTY, "amnesty", QUAL_EXACT, 106, -1, 2019, 11, 20,
          CLAIM_REPORTED),
    /* Government: its newest claim is retracted, so #2 stands. */
    CLAIM(8, KILLED, GOVT, "govt", QUAL_EXACT, 5000, -1, 2019, 12, 20,
          CLAIM_RETRACTED),
    CLAIM(3, KILLED, IHRM, "iran-hrm", QUAL_EXACT, 500, -1, 2019, 12, 1,
          CLAIM_REPORTED),
    CLAIM(2, KILLED, GOVT, "govt", QUAL_EXACT, 100, -1, 2019, 11, 18,
          CLAIM_DISPUTED),
    /* A witness whose only claim is retracted does not appear. */
    CLAIM(9, KILLED, WITNESS, "witness", QUAL_EXACT, 9999, -1, 2019, 12, 21,
          CLAIM_RETRACTED),
    /* Arrested: a range whose top is the highest figure and whose low end
     * is the lowest. */
    CLAIM(11, ARRESTED, AMNESTY, "amnesty", QUAL_ABOUT, 7000, -1, 2019, 12, 2,
          CLAIM_REPORTED),
    CLAIM(10, ARRESTED, IHRM, "iran-hrm", QUAL_RANGE, 2000, 9000, 2019, 12, 1,
          CLAIM_REPORTED),
    CLAIM(12, ARRESTED, GOVT, "govt", QUAL_MORE_THAN, 3000, -1, 2019, 12, 3,
          CLAIM_REPORTED),
};

enum {
    NM = sizeof metrics / sizeof *metrics,
    NC = sizeof claims / sizeof *claims
};

/* The claim numbers of a highlight's entries, as "5,7,2". */
static void numbers(const struct highlight *h, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < h->sources && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%lld",
                                 i ? "," : "", (long long)h->latest[i]->number);
}

static void box_holds_the_latest_claim_per_source(void **state)
{
    (void)state;
    struct claim before[NC];
    memcpy(before, claims, sizeof before);
    struct arena a = ARENA_INIT;
    const struct highlight *h = highlights_build(&a, metrics, NM, claims, NC);
    char killed[64], arrested[64];
    numbers(&h[0], killed, sizeof killed);
    numbers(&h[1], arrested, sizeof arrested);
    const struct metric *m0 = h[0].metric, *m1 = h[1].metric;
    arena_release(&a);
    CHECK_INT("metric order", m0 - metrics, 0);
    CHECK_INT("metric order", m1 - metrics, 1);
    /* Highest figure first: 450 (range top), 304, 100. Amnesty's #6 and
     * Iran HRM's #3 are replaced; Government's retracted #8 and the
     * witness's retracted #9 are ignored. */
    CHECK_STR("killed", killed, "7,5,2");
    /* 9000 (range top), 7000, 3000. */
    CHECK_STR("arrested", arrested, "10,11,12");
    /* Replaced claims stay in the input, untouched. */
    CHECK_INT("input unchanged", memcmp(before, claims, sizeof before), 0);
}

static void box_points_into_the_input(void **state)
{
    (void)state;
    struct arena a = ARENA_INIT;
    const struct highlight *h = highlights_build(&a, metrics, NM, claims, NC);
    size_t sources = h[0].sources;
    bool in_input = true;
    for (size_t i = 0; i < sources; i++)
        in_input = in_input && h[0].latest[i] >= claims &&
                   h[0].latest[i] < claims + NC;
    arena_release(&a);
    CHECK_INT("killed sources", sources, 3);
    CHECK_INT("entries point into claims[]", in_input, 1);
}

static void range_spans_sources(void **state)
{
    (void)state;
    struct arena a = ARENA_INIT;
    const struct highlight *h = highlights_build(&a, metrics, NM, claims, NC);
    int64_t killed_low = h[0].lowest ? h[0].lowest->number : -1;
    int64_t killed_high = h[0].highest ? h[0].highest->number : -1;
    int64_t arrested_low = h[1].lowest ? h[1].lowest->number : -1;
    int64_t arrested_high = h[1].highest ? h[1].highest->number : -1;
    arena_release(&a);
    /* Killed: lowest is Government's 100, highest Iran HRM's 150-450
     * (its top, 450, beats Amnesty's 304). */
    CHECK_INT("killed lowest", killed_low, 2);
    CHECK_INT("killed highest", killed_high, 7);
    /* Arrested: the range 2,000-9,000 is both. */
    CHECK_INT("arrested lowest", arrested_low, 10);
    CHECK_INT("arrested highest", arrested_high, 10);
}

static void metric_without_claims_is_empty(void **state)
{
    (void)state;
    struct arena a = ARENA_INIT;
    const struct highlight *h = highlights_build(&a, metrics, NM, claims, NC);
    size_t sources = h[2].sources;
    bool no_low = h[2].lowest == NULL, no_high = h[2].highest == NULL;
    const struct metric *m = h[2].metric;
    /* No claims at all: every metric is empty. */
    const struct highlight *e = highlights_build(&a, metrics, NM, NULL, 0);
    size_t empty_sources = e[0].sources + e[1].sources + e[2].sources;
    bool empty_null = e[0].lowest == NULL && e[0].highest == NULL &&
                      e[1].lowest == NULL && e[1].highest == NULL;
    arena_release(&a);
    CHECK_INT("injured sources", sources, 0);
    CHECK_INT("injured lowest is NULL", no_low, 1);
    CHECK_INT("injured highest is NULL", no_high, 1);
    CHECK_INT("injured metric", m - metrics, 2);
    CHECK_INT("no claims: sources", empty_sources, 0);
    CHECK_INT("no claims: NULL range", empty_null, 1);
}

static void newer_claim_replaces_older_in_any_order(void **state)
{
    (void)state;
    /* The same source's claims, older after newer and newer after older. */
    static const struct claim pairs[2][2] = {
        {CLAIM(1, KILLED, AMNESTY, "amnesty", QUAL_EXACT, 106, -1, 2019, 11, 20,
               CLAIM_REPORTED),
         CLAIM(2, KILLED, AMNESTY, "amnesty", QUAL_AT_LEAST, 208, -1, 2019, 11,
               25, CLAIM_REPORTED)},
        {CLAIM(2, KILLED, AMNESTY, "amnesty", QUAL_AT_LEAST, 208, -1, 2019, 11,
               25, CLAIM_REPORTED),
         CLAIM(1, KILLED, AMNESTY, "amnesty", QUAL_EXACT, 106, -1, 2019, 11, 20,
               CLAIM_REPORTED)},
    };
    for (size_t i = 0; i < 2; i++) {
        struct arena a = ARENA_INIT;
        const struct highlight *h =
            highlights_build(&a, metrics, 1, pairs[i], 2);
        size_t sources = h[0].sources;
        int64_t latest = sources ? h[0].latest[0]->number : -1;
        arena_release(&a);
        const char *label = i == 0 ? "older first" : "newer first";
        CHECK_INT(label, sources, 1);
        CHECK_INT(label, latest, 2);
    }
}

int test_core_highlights(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(box_holds_the_latest_claim_per_source),
        cmocka_unit_test(box_points_into_the_input),
        cmocka_unit_test(range_spans_sources),
        cmocka_unit_test(metric_without_claims_is_empty),
        cmocka_unit_test(newer_claim_replaces_older_in_any_order),
    };
    return cmocka_run_group_tests_name("core/highlights", tests, NULL, NULL);
}
