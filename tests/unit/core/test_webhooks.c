/*
 * test_webhooks.c: core/webhooks.h's signatures and kinds.
 *
 * The HMAC against RFC 4231's test vectors, and a webhook's signature
 * against one Python's hmac module computed for the same secret,
 * timestamp and body: what a receiver does to check it.
 */
#include "core/webhooks.h"

#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"

static void hmac_matches_rfc_4231(void **state)
{
    (void)state;
    char out[65];
    uint8_t key1[20];
    memset(key1, 0x0b, sizeof key1);
    webhook_hmac_hex(key1, sizeof key1, "Hi There", 8, out);
    CHECK_STR("case 1", out,
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff"
              "7");
    const char *msg = "what do ya want for nothing?";
    webhook_hmac_hex("Jefe", 4, msg, strlen(msg), out);
    CHECK_STR("case 2", out,
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec384"
              "3");
}

static void signs_timestamp_dot_body(void **state)
{
    (void)state;
    char out[65];
    const char *secret =
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    const char *body = "{\"kind\":\"update.published\"}";
    webhook_sign(secret, 1575000000, body, strlen(body), out);
    /* hmac.new(secret.encode(), b"1575000000." + body, sha256) */
    CHECK_STR("signature", out,
              "739633ecdebbb8a12c0a490de55737ea27d77d22932a60b275381cbe2a8cff8"
              "1");
    webhook_sign(secret, 1575000001, body, strlen(body), out);
    CHECK_INT("another time, another signature",
              strcmp(out, "739633ecdebbb8a12c0a490de55737ea27d77d22932a60b2"
                          "75381cbe2a8cff81") != 0,
              1);
}

static void kinds_table_is_indexed_by_kind(void **state)
{
    (void)state;
    for (int i = 0; i < HOOK_KIND_COUNT; i++)
        CHECK_INT(webhook_kinds[i].name, (int)webhook_kinds[i].kind, i);
}

int test_core_webhooks(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hmac_matches_rfc_4231),
        cmocka_unit_test(signs_timestamp_dot_body),
        cmocka_unit_test(kinds_table_is_indexed_by_kind),
    };
    return cmocka_run_group_tests_name("core/webhooks", tests, NULL, NULL);
}
