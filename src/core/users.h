/*
 * users.h: editor accounts: logins, roles, argon2id password hashes.
 *
 * There are no default accounts; the first admin is made on the host with
 * the CLI. Passwords are 12 to 128 characters with no composition rules
 * (reference/security.md C4) and are hashed with libsodium's argon2id at
 * the interactive limits (t=2, 64 MiB). They never reach the audit log.
 */
#ifndef VIGIL_CORE_USERS_H
#define VIGIL_CORE_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/op.h"

enum { PASSWORD_MIN = 12, PASSWORD_MAX = 128 };

enum { DISPLAY_NAME_MAX = 80 }; /* characters */

/* Roles given on one tracker. */
struct tracker_roles {
    const char *tracker; /* the tracker's slug */
    const char *roles;   /* "editor,verifier"; "" for none */
};

/* Adds a user with roles ("editor,verifier"; "" for none) held on every
 * tracker, or with on->roles on one tracker besides (on NULL: none), a
 * password and a new TOTP secret, stored into totp_secret (NULL: none)
 * for the CLI to show once. */
int user_add(struct op *op, const char *login, const char *roles,
             const char *password, uint8_t totp_secret[TOTP_SECRET_LEN],
             struct vg_err *err);
int user_add_on(struct op *op, const char *login, const char *roles,
                const struct tracker_roles *on, const char *password,
                uint8_t totp_secret[TOTP_SECRET_LEN], struct vg_err *err);
/* 0 when roles (a list, or "" for none) may be held on one tracker (or,
 * global, on every tracker), with the bits in *out; VG_EINVAL naming
 * field otherwise. Admin is a global role only. */
int user_parse_roles(const char *field, const char *roles, bool global,
                     unsigned *out, struct vg_err *err);
/* 0 when name may be a display name (1 to DISPLAY_NAME_MAX characters on
 * one line); VG_EINVAL naming "display_name" otherwise. */
int user_name_acceptable(const char *name, struct vg_err *err);
/* The user's roles as audit rows and the desk show them: login, global
 * roles, state, and "trackers": {slug: roles} when there are any. A new
 * reference. */
json_t *user_roles_json(const struct user *u, const struct grant *g, size_t n);
/* Gives a user a new TOTP secret (the old one stops working). */
int user_totp_reset(struct op *op, const char *login,
                    uint8_t totp_secret[TOTP_SECRET_LEN], struct vg_err *err);
/* Issues an API token for a user; its text (43 characters and a NUL) is
 * shown once and only its hash is kept. */
int user_token_add(struct op *op, const char *login, const char *label,
                   char token[44], struct vg_err *err);
/* True when a password is on the list of common passwords (any case). */
bool password_is_common(const char *password);
/* 0 when password may be someone's new password (12 to 128 characters
 * of UTF-8 on one line, not a common one); VG_EINVAL naming "password"
 * otherwise. */
int user_password_acceptable(const char *password, struct vg_err *err);
/* Replaces a user's password, ends every session of theirs and revokes
 * every API token of theirs. */
int user_passwd(struct op *op, const char *login, const char *password,
                struct vg_err *err);
/* Replaces a user's global roles ("" none; ending their sessions: a new
 * sign-in gets a new session for the new privileges). */
int user_roles(struct op *op, const char *login, const char *roles,
               struct vg_err *err);
/*
 * Replaces a user's roles: `global` (NULL: kept as they are) held on every
 * tracker, and for each of per[0..n) the roles on that tracker ("" drops
 * them; an archived tracker too). Ends the user's sessions. One audit
 * row, user.roles, whose before and after are user_roles_json.
 */
int user_set_roles(struct op *op, const char *login, const char *global,
                   const struct tracker_roles *per, size_t n,
                   struct vg_err *err);
/* Within an open write transaction: gives user u the roles of per[0..n)
 * on their trackers (user_set_roles does it with its audit row). */
int user_grant(struct op *op, const struct user *u,
               const struct tracker_roles *per, size_t n, struct vg_err *err);
/* Sets the name a tracker showing bylines prints for what login wrote
 * (a pseudonym will do); "" or NULL removes it. Audited: user.name. */
int user_set_name(struct op *op, const char *login, const char *name,
                  struct vg_err *err);
/* Sets the language login's desk speaks: a tag of util/i18n.h's table
 * ("fa", "ar"; "en", "" or NULL: English). Audited: user.lang. */
int user_set_lang(struct op *op, const char *login, const char *lang,
                  struct vg_err *err);
/* Disables (on) or re-enables a user. A disabled user cannot sign in;
 * disabling ends their sessions and revokes their API tokens at once
 * (re-enabling brings neither back). */
int user_disable(struct op *op, const char *login, bool on, struct vg_err *err);
/* Returns 0 when password matches the user's hash, VG_EDENIED otherwise
 * (and for a disabled user). */
int user_check_password(const struct user *u, const char *password);

/* ==== Hashes (argon2id: slow and 64 MiB; no store, any thread) ==== */

enum { PWHASH_MAX = 128 }; /* crypto_pwhash_STRBYTES, its NUL included */

/* Hashes password into out; 0, or VG_EIO (out of memory). */
int password_hash(const char *password, char out[PWHASH_MAX]);
/* True when password matches hash. */
bool password_matches(const char *hash, const char *password);
/* True when hash was made with weaker settings than today's (a sign-in
 * with the right password then stores a new one: user_set_pwhash). */
bool password_hash_is_weak(const char *hash);
/* Stores pwhash, made by password_hash, as login's password, with an
 * audit row. A new password ends every session and revokes every API
 * token of theirs; `rehash` (the same password, hashed again) keeps
 * them. */
int user_set_pwhash(struct op *op, const char *login, const char *pwhash,
                    bool rehash, struct vg_err *err);

#endif
