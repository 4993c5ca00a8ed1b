/*
 * test_invites.c: core/invites.h on a real SQLite file, with the clock
 * passed in: a link is open for 48 hours, works once, is replaced by a
 * newer one; accepting it enrols the second factor (whose code then
 * counts as used) and, for an invitation, the password; a reset second
 * factor stops working at once; a wrong code changes nothing.
 */
#define _POSIX_C_SOURCE 200809L
#include "core/invites.h"

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
#include "core/trackers.h"
#include "util/xmalloc.h"

enum { T0 = 1577534400 }; /* 2019-12-28T12:00:00Z */

struct fixture {
    char dir[64];
    char db[128];
    struct store *st;
    struct arena arena;
};

static struct op op_at(struct fixture *f, int64_t now)
{
    return (struct op){f->st, &f->arena, "boss", now, ROLE_ALL};
}

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    struct vg_err err = VG_ERR_INIT;
    snprintf(f->dir, sizeof f->dir, "/tmp/vigil-unit-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->db, sizeof f->db, "%s/vigil.db", f->dir);
    if (store_open(f->db, STORE_CREATE, &f->st, &err) != 0)
        return -1;
    struct op op = op_at(f, T0);
    struct tracker_input t = {.slug = "city-a",
                              .title = "City A",
                              .started_on = "2019-12-20",
                              .timezone = "Europe/Paris"};
    if (tracker_create(&op, &t, NULL, &err) != 0)
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

/* Invites nadia as a contributor of city-a; her link's token in token. */
static void invite_nadia(struct fixture *f, char token[TOKEN_TEXT_LEN + 1])
{
    struct vg_err err = VG_ERR_INIT;
    struct op op = op_at(f, T0);
    struct tracker_roles there = {"city-a", "contributor"};
    struct invite_input in = {"nadia", "N. R.", "", &there, 1};
    CHECK_CODE(NULL, invite_user(&op, &in, token, &err), 0);
}

/* Accepts token's link at `at` with a new secret and its code then; the
 * secret into secret. */
static int accept_at(struct fixture *f, const char *token, int64_t at,
                     const char *pwhash, uint8_t secret[TOTP_SECRET_LEN],
                     struct vg_err *err)
{
    char code[7];
    struct op op = op_at(f, at);
    op.actor = "nadia";
    totp_secret_new(secret);
    totp_code(secret, at, code);
    struct invite_answer in = {token, pwhash, NULL, secret, code};
    return invite_accept(&op, &in, err);
}

/* Open from when it is made until 48 hours later, not a second more. */
static void a_link_is_open_for_48_hours(void **state)
{
    struct fixture *f = *state;
    char token[TOKEN_TEXT_LEN + 1];
    struct invite i;
    struct user u;
    invite_nadia(f, token);
    CHECK_CODE("made", invite_find(f->st, &f->arena, token, T0, &i, &u), 0);
    CHECK_STR(NULL, u.login, "nadia");
    CHECK_STR("no password yet", u.pwhash, "");
    CHECK_INT(NULL, u.has_totp, false);
    CHECK_INT(NULL, i.purpose, INVITE_ACCOUNT);
    CHECK_CODE("a second before 48 hours",
               invite_find(f->st, &f->arena, token, T0 + 48 * 3600 - 1, &i, &u),
               0);
    CHECK_CODE("48 hours",
               invite_find(f->st, &f->arena, token, T0 + 48 * 3600, &i, &u),
               VG_ENOTFOUND);
    CHECK_CODE("not a token", invite_find(f->st, &f->arena, "x", T0, &i, &u),
               VG_ENOTFOUND);
    uint8_t secret[TOTP_SECRET_LEN];
    struct vg_err err = VG_ERR_INIT;
    CHECK_CODE("accepted late",
               accept_at(f, token, T0 + 48 * 3600, "$x", secret, &err),
               VG_ENOTFOUND);
}

/* Accepted once: the password and second factor are hers, the code she
 * proved it with is used, the link is closed. */
static void a_link_works_once(void **state)
{
    struct fixture *f = *state;
    struct vg_err err = VG_ERR_INIT;
    char token[TOKEN_TEXT_LEN + 1], pwhash[PWHASH_MAX], code[7];
    uint8_t secret[TOTP_SECRET_LEN], other[TOTP_SECRET_LEN];
    struct invite i;
    struct user u;
    invite_nadia(f, token);
    CHECK_CODE(NULL, password_hash("a long enough passphrase", pwhash), 0);
    CHECK_CODE("accepted", accept_at(f, token, T0 + 60, pwhash, secret, &err),
               0);
    CHECK_CODE("closed", invite_find(f->st, &f->arena, token, T0, &i, &u),
               VG_ENOTFOUND);
    CHECK_CODE("twice", accept_at(f, token, T0 + 90, pwhash, other, &err),
               VG_ENOTFOUND);
    CHECK_CODE(NULL, store_user_get(f->st, &f->arena, "nadia", &u, &err), 0);
    CHECK_INT("her password",
              user_check_password(&u, "a long enough passphrase"), 0);
    CHECK_STR("the admin's name kept", u.display_name, "N. R.");
    const char *why = NULL;
    struct op op = op_at(f, T0 + 60);
    totp_code(secret, T0 + 60, code);
    CHECK_CODE("the code she enrolled with is used",
               auth_check_code(&op, &u, code, true, &why, &err), VG_EDENIED);
    totp_code(secret, T0 + 90, code);
    op.now = T0 + 90;
    CHECK_CODE("the next one signs in",
               auth_check_code(&op, &u, code, true, &why, &err), 0);
}

/* A wrong code is refused, naming the field, and changes nothing. */
static void a_wrong_code_changes_nothing(void **state)
{
    struct fixture *f = *state;
    struct vg_err err = VG_ERR_INIT;
    char token[TOKEN_TEXT_LEN + 1], code[7];
    uint8_t secret[TOTP_SECRET_LEN], other[TOTP_SECRET_LEN];
    struct invite i;
    struct user u;
    invite_nadia(f, token);
    totp_secret_new(secret);
    totp_secret_new(other);
    totp_code(other, T0, code);
    struct op op = op_at(f, T0);
    struct invite_answer in = {token, "$x", NULL, secret, code};
    CHECK_CODE(NULL, invite_accept(&op, &in, &err), VG_EINVAL);
    CHECK_STR(NULL, err.field, "code");
    CHECK_CODE("still open", invite_find(f->st, &f->arena, token, T0, &i, &u),
               0);
    CHECK_STR("no password", u.pwhash, "");
}

/* A new link replaces the old; none for someone who has signed up. */
static void a_new_link_closes_the_old(void **state)
{
    struct fixture *f = *state;
    struct vg_err err = VG_ERR_INIT;
    char first[TOKEN_TEXT_LEN + 1], second[TOKEN_TEXT_LEN + 1];
    uint8_t secret[TOTP_SECRET_LEN];
    struct invite i;
    struct user u;
    struct op op = op_at(f, T0 + 10);
    invite_nadia(f, first);
    CHECK_CODE(NULL, invite_renew(&op, "nadia", second, &err), 0);
    CHECK_CODE("the first", invite_find(f->st, &f->arena, first, T0, &i, &u),
               VG_ENOTFOUND);
    CHECK_CODE("the second",
               invite_find(f->st, &f->arena, second, T0 + 10, &i, &u), 0);
    CHECK_CODE(NULL, accept_at(f, second, T0 + 20, "$x", secret, &err), 0);
    CHECK_CODE("after signing up", invite_renew(&op, "nadia", first, &err),
               VG_ECONFLICT);
}

/* A reset second factor stops working at once; the link enrols a new
 * one and keeps the password. */
static void a_reset_second_factor(void **state)
{
    struct fixture *f = *state;
    struct vg_err err = VG_ERR_INIT;
    char token[TOKEN_TEXT_LEN + 1], reset[TOKEN_TEXT_LEN + 1];
    char pwhash[PWHASH_MAX], code[7];
    uint8_t secret[TOTP_SECRET_LEN], fresh[TOTP_SECRET_LEN];
    struct user u;
    struct invite i;
    const char *why = NULL;
    invite_nadia(f, token);
    CHECK_CODE(NULL, password_hash("a long enough passphrase", pwhash), 0);
    CHECK_CODE(NULL, accept_at(f, token, T0, pwhash, secret, &err), 0);
    struct op op = op_at(f, T0 + 300);
    CHECK_CODE(NULL, invite_reset_totp(&op, "nadia", reset, &err), 0);
    CHECK_CODE(NULL, store_user_get(f->st, &f->arena, "nadia", &u, &err), 0);
    totp_code(secret, T0 + 300, code);
    CHECK_CODE("the old factor",
               auth_check_code(&op, &u, code, true, &why, &err), VG_EDENIED);
    CHECK_STR(NULL, why, "no second factor enrolled");
    CHECK_CODE(NULL, invite_find(f->st, &f->arena, reset, T0 + 300, &i, &u), 0);
    CHECK_INT(NULL, i.purpose, INVITE_SECOND_FACTOR);
    CHECK_CODE("enrolled", accept_at(f, reset, T0 + 330, NULL, fresh, &err), 0);
    CHECK_CODE(NULL, store_user_get(f->st, &f->arena, "nadia", &u, &err), 0);
    CHECK_INT("the same password",
              user_check_password(&u, "a long enough passphrase"), 0);
    CHECK_INT("the new factor", memcmp(u.totp_secret, fresh, sizeof fresh), 0);
}

/* An invitation without any role, or a second link for an unknown login,
 * is refused. */
static void refusals(void **state)
{
    struct fixture *f = *state;
    struct vg_err err = VG_ERR_INIT;
    char token[TOKEN_TEXT_LEN + 1];
    struct op op = op_at(f, T0);
    struct invite_input none = {"solo", NULL, "", NULL, 0};
    CHECK_CODE("no role", invite_user(&op, &none, token, &err), VG_EINVAL);
    CHECK_STR(NULL, err.field, "roles");
    err = (struct vg_err)VG_ERR_INIT;
    struct tracker_roles admin = {"city-a", "admin"};
    struct invite_input there = {"solo", NULL, "", &admin, 1};
    CHECK_CODE("admin on one tracker", invite_user(&op, &there, token, &err),
               VG_EINVAL);
    err = (struct vg_err)VG_ERR_INIT;
    CHECK_CODE("nobody", invite_renew(&op, "nobody", token, &err),
               VG_ENOTFOUND);
}

int test_core_invites(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_link_is_open_for_48_hours, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_link_works_once, setup, teardown),
        cmocka_unit_test_setup_teardown(a_wrong_code_changes_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_new_link_closes_the_old, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_reset_second_factor, setup, teardown),
        cmocka_unit_test_setup_teardown(refusals, setup, teardown),
    };
    return cmocka_run_group_tests_name("core_invites", tests, NULL, NULL);
}
