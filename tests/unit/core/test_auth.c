/*
 * test_auth.c: core/auth.h on a real SQLite file, with the clock passed
 * in (reference/security.md T23): tokens, session expiry at 15 idle
 * minutes and 12 hours, TOTP codes (RFC 6238's published vectors) and
 * their single use.
 */
#define _POSIX_C_SOURCE 200809L
#include "core/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "core/users.h"
#include "util/xmalloc.h"

enum { T0 = 1577534400 }; /* 2019-12-28T12:00:00Z */

struct fixture {
    char dir[64];
    char db[128];
    struct store *st;
    struct arena arena;
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/vigil-unit-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->db, sizeof f->db, "%s/vigil.db", f->dir);
    struct vg_err err = VG_ERR_INIT;
    if (store_open(f->db, STORE_CREATE, &f->st, &err) != 0)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->st);
    arena_release(&f->arena);
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char p[160];
        snprintf(p, sizeof p, "%s%s", f->db, suffix[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

static struct op op_at(struct fixture *f, int64_t now)
{
    return (struct op){f->st, &f->arena, "tester", now, ROLE_ALL};
}

/* 10,000 tokens: all different, each 43 base64url characters that decode
 * to 32 bytes, and each hashing to what auth_token_hash says. */
static void tokens_are_unique_and_32_bytes(void **state)
{
    (void)state;
    enum { N = 10000 };
    char(*text)[TOKEN_TEXT_LEN + 1] = xcalloc(N, sizeof *text);
    uint8_t hash[TOKEN_HASH_LEN], again[TOKEN_HASH_LEN], raw[40];
    for (int i = 0; i < N; i++) {
        auth_token_new(text[i], hash);
        size_t n = 0;
        CHECK_INT(text[i], strlen(text[i]), TOKEN_TEXT_LEN);
        CHECK_INT(text[i],
                  sodium_base642bin(raw, sizeof raw, text[i], TOKEN_TEXT_LEN,
                                    NULL, &n, NULL,
                                    sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  0);
        CHECK_INT(text[i], n, 32);
        CHECK_INT(text[i], auth_token_hash(text[i], again), 0);
        CHECK_INT(text[i], memcmp(hash, again, sizeof hash), 0);
    }
    qsort(text, N, sizeof *text, (int (*)(const void *, const void *))strcmp);
    for (int i = 1; i < N; i++)
        CHECK_INT(text[i], strcmp(text[i - 1], text[i]) != 0, 1);
    free(text);
    const char *bad[] = {"", "short",
                         "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
                         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK_INT(bad[i], auth_token_hash(bad[i], hash), -1);
}

/* A session holds while used at least every 15 minutes, and ends 12
 * hours after it began however busy it was. */
static void sessions_expire_idle_and_absolute(void **state)
{
    struct fixture *f = *state;
    struct vg_err err = VG_ERR_INIT;
    char token[TOKEN_TEXT_LEN + 1];
    struct session s, found;
    struct op op = op_at(f, T0);
    CHECK_CODE(NULL, session_begin(&op, 0, token, &s, &err), 0);
    CHECK_CODE("fresh", session_find(f->st, &f->arena, token, T0, &found), 0);
    CHECK_CODE("14:59 idle",
               session_find(f->st, &f->arena, token, T0 + 899, &found), 0);
    CHECK_CODE("15:00 idle",
               session_find(f->st, &f->arena, token, T0 + 900, &found),
               VG_EDENIED);
    /* Busy: a request every 10 minutes for 12 hours. */
    int64_t t = T0;
    for (; t < T0 + SESSION_LIFETIME; t += 600) {
        CHECK_CODE("busy", session_find(f->st, &f->arena, token, t, &found), 0);
        op = op_at(f, t);
        CHECK_CODE("touch", session_touch(&op, &found, &err), 0);
    }
    CHECK_CODE("11:59 busy",
               session_find(f->st, &f->arena, token, T0 + SESSION_LIFETIME - 1,
                            &found),
               0);
    CHECK_CODE(
        "12:00 busy",
        session_find(f->st, &f->arena, token, T0 + SESSION_LIFETIME, &found),
        VG_EDENIED);
    CHECK_CODE("a clock set back",
               session_find(f->st, &f->arena, token, T0 - 1, &found),
               VG_EDENIED);
    op = op_at(f, T0 + 60);
    CHECK_CODE(NULL, session_end(&op, &found, &err), 0);
    CHECK_CODE("ended", session_find(f->st, &f->arena, token, T0 + 60, &found),
               VG_ENOTFOUND);
    CHECK_CODE("no token", session_find(f->st, &f->arena, "x", T0 + 60, &found),
               VG_ENOTFOUND);
}

/* RFC 6238 appendix B, SHA-1, 8 digits truncated to our 6. */
static void totp_matches_rfc6238(void **state)
{
    (void)state;
    static const struct {
        int64_t t;
        const char *code;
    } vec[] = {
        {59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
        {1234567890, "005924"}, {2000000000, "279037"},
    };
    uint8_t secret[TOTP_SECRET_LEN];
    memcpy(secret, "12345678901234567890", TOTP_SECRET_LEN);
    for (size_t i = 0; i < sizeof vec / sizeof *vec; i++) {
        char code[7];
        CHECK_INT(vec[i].code, totp_code(secret, vec[i].t, code), 0);
        CHECK_STR(vec[i].code, code, vec[i].code);
    }
}

/* A code is good for its step and one either side, once. */
static void totp_codes_are_single_use(void **state)
{
    struct fixture *f = *state;
    struct vg_err err = VG_ERR_INIT;
    uint8_t secret[TOTP_SECRET_LEN];
    struct op op = op_at(f, T0);
    CHECK_CODE(
        NULL,
        user_add(&op, "ed", "editor", "a long enough passphrase", secret, &err),
        0);
    struct user u;
    const char *why = NULL;
    char now[7], before[7], later[7], stale[7];
    totp_code(secret, T0, now);
    totp_code(secret, T0 - 30, before);
    totp_code(secret, T0 + 30, later);
    totp_code(secret, T0 - 60, stale);
    CHECK_CODE(NULL, store_user_get(f->st, &f->arena, "ed", &u, &err), 0);
    CHECK_CODE("two steps old",
               auth_check_code(&op, &u, stale, true, &why, &err), VG_EDENIED);
    CHECK_CODE("a step early",
               auth_check_code(&op, &u, before, true, &why, &err), 0);
    CHECK_CODE("the same again",
               auth_check_code(&op, &u, before, true, &why, &err), VG_EDENIED);
    CHECK_STR(NULL, why, "code already used");
    CHECK_CODE("now", auth_check_code(&op, &u, now, true, &why, &err), 0);
    CHECK_CODE("now again", auth_check_code(&op, &u, now, true, &why, &err),
               VG_EDENIED);
    CHECK_CODE("a step later",
               auth_check_code(&op, &u, later, true, &why, &err), 0);
    CHECK_CODE("missing", auth_check_code(&op, &u, NULL, true, &why, &err),
               VG_EDENIED);
    CHECK_CODE("not required",
               auth_check_code(&op, &u, NULL, false, &why, &err), 0);
    CHECK_CODE("letters", auth_check_code(&op, &u, "12a456", false, &why, &err),
               VG_EDENIED);
}

/* A hash made with weaker settings is found weak, and the new one a
 * sign-in stores for it keeps the password; a current one is not weak. */
static void weak_hashes_are_rehashed(void **state)
{
    struct fixture *f = *state;
    struct vg_err err = VG_ERR_INIT;
    const char *pw = "a long enough passphrase";
    struct op op = op_at(f, T0);
    CHECK_CODE(NULL, user_add(&op, "old", "editor", pw, NULL, &err), 0);
    struct user u;
    CHECK_CODE(NULL, store_user_get(f->st, &f->arena, "old", &u, &err), 0);
    CHECK_INT("current", password_hash_is_weak(u.pwhash), false);
    char weak[crypto_pwhash_STRBYTES];
    CHECK_INT(NULL,
              crypto_pwhash_str_alg(weak, pw, strlen(pw),
                                    crypto_pwhash_OPSLIMIT_MIN, 8192 * 1024,
                                    crypto_pwhash_ALG_ARGON2ID13),
              0);
    u.pwhash = weak;
    CHECK_CODE(NULL, store_user_save(f->st, &u, &err), 0);
    CHECK_INT("weak", password_hash_is_weak(u.pwhash), true);
    char fresh[PWHASH_MAX];
    CHECK_CODE(NULL, password_hash(pw, fresh), 0);
    CHECK_CODE("stored", user_set_pwhash(&op, "old", fresh, true, &err), 0);
    CHECK_CODE(NULL, store_user_get(f->st, &f->arena, "old", &u, &err), 0);
    CHECK_HAS("rehashed", u.pwhash, "$argon2id$v=19$m=65536,t=2,p=1$");
    CHECK_INT("still the password", user_check_password(&u, pw), 0);
}

/* The token of a script, by its text: 0 or the code api_token_find gives. */
static int token_state(struct fixture *f, const char *text)
{
    struct api_token t;
    return api_token_find(f->st, &f->arena, text, &t);
}

/* A password change, by an admin or one's own, revokes every API token
 * of that user (and only theirs); tokens issued after it work. */
static void a_password_change_revokes_tokens(void **state)
{
    struct fixture *f = *state;
    struct vg_err err = VG_ERR_INIT;
    const char *pw = "a long enough passphrase";
    struct op op = op_at(f, T0);
    char ed1[44], ed2[44], other[44], after[44];
    CHECK_CODE(NULL, user_add(&op, "ed", "editor", pw, NULL, &err), 0);
    CHECK_CODE(NULL, user_add(&op, "amy", "editor", pw, NULL, &err), 0);
    CHECK_CODE(NULL, user_token_add(&op, "ed", "bot", ed1, &err), 0);
    CHECK_CODE(NULL, user_token_add(&op, "ed", "feed", ed2, &err), 0);
    CHECK_CODE(NULL, user_token_add(&op, "amy", "bot", other, &err), 0);
    CHECK_CODE("before", token_state(f, ed1), 0);
    CHECK_CODE(NULL, user_passwd(&op, "ed", "another long passphrase", &err),
               0);
    CHECK_CODE("ed's first token", token_state(f, ed1), VG_EDENIED);
    CHECK_CODE("ed's second token", token_state(f, ed2), VG_EDENIED);
    CHECK_CODE("amy's token", token_state(f, other), 0);
    CHECK_CODE(NULL, user_token_add(&op, "ed", "new", after, &err), 0);
    CHECK_CODE("issued after", token_state(f, after), 0);
    /* One's own change (the desk's): the hash made by a hashing thread,
     * then stored; a rehash of the same password keeps the tokens. */
    struct op own = op_at(f, T0 + 60);
    own.actor = "ed";
    char fresh[PWHASH_MAX];
    CHECK_CODE(NULL, password_hash("a third long passphrase", fresh), 0);
    CHECK_CODE(NULL, user_set_pwhash(&own, "ed", fresh, true, &err), 0);
    CHECK_CODE("after a rehash", token_state(f, after), 0);
    CHECK_CODE(NULL, user_set_pwhash(&own, "ed", fresh, false, &err), 0);
    CHECK_CODE("after one's own change", token_state(f, after), VG_EDENIED);
    CHECK_CODE("amy's token still", token_state(f, other), 0);
}

int test_core_auth(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokens_are_unique_and_32_bytes),
        cmocka_unit_test_setup_teardown(sessions_expire_idle_and_absolute,
                                        setup, teardown),
        cmocka_unit_test(totp_matches_rfc6238),
        cmocka_unit_test_setup_teardown(totp_codes_are_single_use, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(weak_hashes_are_rehashed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_password_change_revokes_tokens, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("core_auth", tests, NULL, NULL);
}
