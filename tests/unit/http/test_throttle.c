/*
 * test_throttle.c: http/throttle.h, the sign-in limits
 * (reference/security.md T31): an account's lock holds against any
 * number of other keys, a known-device browser passes it, and a client's
 * attempts are counted per minute.
 */
#include "http/throttle.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"

enum { T0 = 1577534400 }; /* 2019-12-28T12:00:00Z */

/* Client number i: 10.x.y.z, one address each. */
static struct sockaddr_in client(uint32_t i)
{
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_addr.s_addr = htonl(0x0A000000u + i);
    return a;
}

static int try_from(struct throttle *t, uint32_t i, const char *account,
                    bool known, int64_t now)
{
    struct sockaddr_in a = client(i);
    return throttle_sign_in(t, (const struct sockaddr *)&a, account, known,
                            now);
}

/* Fails ACCOUNT_FAILURES times for account, each from its own client. */
static void lock_account(struct throttle *t, const char *account, int64_t now)
{
    for (uint32_t i = 0; i < ACCOUNT_FAILURES; i++) {
        CHECK_INT("a try before the lock", try_from(t, i, account, false, now),
                  0);
        throttle_failed(t, account, now);
    }
}

/* The bug: 16 junk logins hashing to the locked account's slot pushed its
 * counter out, and guessing went on. Now no key, however many, moves it. */
static void many_keys_cannot_free_a_lock(void **state)
{
    (void)state;
    struct throttle *t = throttle_new();
    lock_account(t, "alice", T0);
    CHECK_INT("locked", try_from(t, 100, "alice", false, T0) > 0, 1);
    char key[32];
    for (uint32_t i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "junk%u", i);
        try_from(t, 1000 + i, key, false, T0 + 1);
        throttle_failed(t, key, T0 + 1);
    }
    int wait = try_from(t, 200000, "alice", false, T0 + 2);
    CHECK_INT("still locked after 100,000 other keys", wait > 0, 1);
    CHECK_INT("until its window ends", wait, ACCOUNT_WINDOW - 2);
    CHECK_INT("over once the window ends",
              try_from(t, 200001, "alice", false, T0 + ACCOUNT_WINDOW), 0);
    throttle_free(t);
}

static void known_device_passes_the_lock(void **state)
{
    (void)state;
    struct throttle *t = throttle_new();
    lock_account(t, "bob", T0);
    CHECK_INT("locked", try_from(t, 100, "bob", false, T0) > 0, 1);
    CHECK_INT("its owner's browser passes", try_from(t, 101, "bob", true, T0),
              0);
    CHECK_INT("an unknown login counts per client only",
              try_from(t, 102, NULL, false, T0), 0);
    throttle_free(t);
}

static void clients_have_ten_a_minute(void **state)
{
    (void)state;
    struct throttle *t = throttle_new();
    for (int i = 0; i < SIGN_IN_PER_MINUTE; i++)
        CHECK_INT("within the limit", try_from(t, 7, NULL, false, T0 + i), 0);
    CHECK_INT("the 11th waits for the minute's end",
              try_from(t, 7, NULL, false, T0 + 20), 40);
    CHECK_INT("another client goes ahead", try_from(t, 8, NULL, false, T0 + 20),
              0);
    CHECK_INT("a minute later, again", try_from(t, 7, NULL, false, T0 + 60), 0);
    throttle_free(t);
}

int test_http_throttle(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(many_keys_cannot_free_a_lock),
        cmocka_unit_test(known_device_passes_the_lock),
        cmocka_unit_test(clients_have_ten_a_minute),
    };
    return cmocka_run_group_tests_name("http_throttle", tests, NULL, NULL);
}
