/*
 * test_hub.c: live/hub.h's caps: per client key and in all, a slot given
 * back when a subscriber leaves, and a subscribe that costs the same with
 * 20,000 readers as with none (the cap is a count per key, not a walk of
 * every subscriber), compared with its own baseline in the same run.
 */
#define _POSIX_C_SOURCE 200809L
#include "live/hub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "util/xmalloc.h"

enum { T0 = 1577534400, MANY = 20000, ROUND = 1000 };

static void nop(void *cls, void *conn)
{
    (void)cls;
    (void)conn;
}

static const struct hub_transport quiet = {nop, nop, NULL};

static struct sub *join(struct hub *h, const char *client)
{
    return hub_subscribe(h, 1, client, -1, NULL, NULL, T0);
}

static void caps_hold_and_slots_come_back(void **state)
{
    (void)state;
    struct hub_limits limits = {.max_subscribers = 6, .per_client = 2};
    struct hub *h = hub_new(&limits, &quiet);
    struct sub *a1 = join(h, "192.0.2.1"), *a2 = join(h, "192.0.2.1");
    CHECK_INT("a's two", a1 != NULL && a2 != NULL, true);
    CHECK_INT("a's third", join(h, "192.0.2.1") == NULL, true);
    struct sub *b1 = join(h, "192.0.2.2");
    CHECK_INT("b's first", b1 != NULL, true);
    hub_unsubscribe(h, a1);
    struct sub *a3 = join(h, "192.0.2.1");
    CHECK_INT("a's slot back", a3 != NULL, true);
    CHECK_INT("a full again", join(h, "192.0.2.1") == NULL, true);
    /* Over the cap in all, even for a new key; keys left by all their
     * subscribers start again from 0. */
    struct sub *c1 = join(h, "2001:db8::"), *c2 = join(h, "2001:db8::");
    struct sub *d1 = join(h, "192.0.2.4");
    CHECK_INT("six in all", c1 && c2 && d1, true);
    CHECK_INT("a seventh", join(h, "192.0.2.5") == NULL, true);
    struct hub_stats st;
    hub_stats(h, &st);
    CHECK_INT("subscribers", st.subscribers, 6);
    CHECK_INT("refused", st.refused, 3);
    struct sub *all[] = {a2, a3, b1, c1, c2, d1};
    for (size_t i = 0; i < 6; i++)
        hub_unsubscribe(h, all[i]);
    struct sub *again[2] = {join(h, "2001:db8::"), join(h, "2001:db8::")};
    CHECK_INT("a key empty again", again[0] && again[1], true);
    hub_unsubscribe(h, again[0]);
    hub_unsubscribe(h, again[1]);
    hub_free(h);
}

/* Nanoseconds to subscribe ROUND readers of distinct keys from `from`. */
static int64_t round_ns(struct hub *h, struct sub **subs, size_t from)
{
    struct timespec a, b;
    char key[32];
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (size_t i = from; i < from + ROUND; i++) {
        snprintf(key, sizeof key, "10.%zu.%zu.%zu", i >> 16, (i >> 8) & 255,
                 i & 255);
        subs[i] = join(h, key);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
}

static void a_subscribe_does_not_walk_every_reader(void **state)
{
    (void)state;
    struct hub_limits limits = {.max_subscribers = MANY + ROUND,
                                .per_client = 32};
    struct hub *h = hub_new(&limits, &quiet);
    struct sub **subs = xcalloc(MANY + ROUND, sizeof *subs);
    /* The best of five rounds at the start and at the end: noise from
     * other processes only ever adds time. */
    int64_t first = INT64_MAX, last = INT64_MAX;
    for (int r = 0; r < 5; r++) {
        int64_t t = round_ns(h, subs, 0);
        first = t < first ? t : first;
        for (size_t i = 0; i < ROUND; i++)
            hub_unsubscribe(h, subs[i]);
    }
    round_ns(h, subs, 0);
    for (size_t i = ROUND; i < MANY; i += ROUND)
        round_ns(h, subs, i);
    for (int r = 0; r < 5; r++) {
        int64_t t = round_ns(h, subs, MANY);
        last = t < last ? t : last;
        for (size_t i = MANY; i < MANY + ROUND; i++)
            hub_unsubscribe(h, subs[i]);
    }
    char msg[96];
    snprintf(msg, sizeof msg,
             "1,000 subscribes: %lld ns with none, %lld ns "
             "with 20,000",
             (long long)first, (long long)last);
    CHECK_INT(msg, last < 8 * first, true); /* a walk: 30x and more */
    for (size_t i = 0; i < MANY; i++)
        CHECK_INT("each subscribed", subs[i] != NULL, true);
    for (size_t i = 0; i < MANY; i++)
        hub_unsubscribe(h, subs[i]);
    free(subs);
    hub_free(h);
}

int test_live_hub(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(caps_hold_and_slots_come_back),
        cmocka_unit_test(a_subscribe_does_not_walk_every_reader),
    };
    return cmocka_run_group_tests_name("live/hub", tests, NULL, NULL);
}
