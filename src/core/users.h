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

#include "core/op.h"

enum { PASSWORD_MIN = 12, PASSWORD_MAX = 128 };

/* Adds a user with roles ("editor,verifier") and a password. */
int user_add(struct op *op, const char *login, const char *roles,
             const char *password, struct vg_err *err);
/* Replaces a user's password. */
int user_passwd(struct op *op, const char *login, const char *password,
                struct vg_err *err);
/* Replaces a user's roles. */
int user_roles(struct op *op, const char *login, const char *roles,
               struct vg_err *err);
/* Disables (on) or re-enables a user; a disabled user cannot sign in. */
int user_disable(struct op *op, const char *login, bool on, struct vg_err *err);
/* Returns 0 when password matches the user's hash, VG_EDENIED otherwise. */
int user_check_password(const struct user *u, const char *password);

#endif
