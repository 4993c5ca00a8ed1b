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

#include "core/op.h"

enum { PASSWORD_MIN = 12, PASSWORD_MAX = 128 };

/* Adds a user with roles ("editor,verifier"), a password and a new TOTP
 * secret, stored into totp_secret (NULL: none) for the CLI to show once. */
int user_add(struct op *op, const char *login, const char *roles,
             const char *password, uint8_t totp_secret[TOTP_SECRET_LEN],
             struct vg_err *err);
/* Gives a user a new TOTP secret (the old one stops working). */
int user_totp_reset(struct op *op, const char *login,
                    uint8_t totp_secret[TOTP_SECRET_LEN], struct vg_err *err);
/* Issues an API token for a user; its text (43 characters and a NUL) is
 * shown once and only its hash is kept. */
int user_token_add(struct op *op, const char *login, const char *label,
                   char token[44], struct vg_err *err);
/* True when a password is on the list of common passwords (any case). */
bool password_is_common(const char *password);
/* The actor's own password change: `current` must be their password now
 * (VG_EDENIED naming current_password), `fresh` a good new one (VG_EINVAL
 * naming password). Ends every session and token of theirs, as
 * user_passwd. */
int user_change_own_password(struct op *op, const char *current,
                             const char *fresh, struct vg_err *err);
/* Replaces a user's password, ends every session of theirs and revokes
 * every API token of theirs. */
int user_passwd(struct op *op, const char *login, const char *password,
                struct vg_err *err);
/* Replaces a user's roles (ending their sessions: a new sign-in gets a
 * new session for the new privileges). */
int user_roles(struct op *op, const char *login, const char *roles,
               struct vg_err *err);
/* Disables (on) or re-enables a user; a disabled user cannot sign in. */
int user_disable(struct op *op, const char *login, bool on, struct vg_err *err);
/* After a sign-in: hashes the (correct) password again when its stored
 * hash was made with weaker settings than today's (crypto_pwhash's
 * needs_rehash), keeping the user's sessions. */
int user_rehash_if_needed(struct op *op, const struct user *u,
                          const char *password, struct vg_err *err);
/* Returns 0 when password matches the user's hash, VG_EDENIED otherwise. */
int user_check_password(const struct user *u, const char *password);

#endif
