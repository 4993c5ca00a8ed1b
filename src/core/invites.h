/*
 * invites.h: one-time links to the desk, made by an admin. An invited
 * person sets their first password and second factor at theirs; a person
 * whose second factor an admin reset enrols a new one at theirs, with
 * their password.
 *
 * A link's token is 32 random bytes (43 base64url characters), shown once
 * to the admin who made it; only its SHA-256 is kept. It is open for
 * INVITE_LIFETIME from when it was made, until it is used or a newer link
 * for the same person replaces it. An invited person's account exists
 * from the invitation on, roles and all, with no password: nobody can
 * sign in as them until they set one.
 */
#ifndef VIGIL_CORE_INVITES_H
#define VIGIL_CORE_INVITES_H

#include "core/auth.h"
#include "core/users.h"

enum { INVITE_LIFETIME = 48 * 3600 }; /* seconds */

/* Who is invited, and what they may do. */
struct invite_input {
    const char *login;
    const char *display_name;        /* or NULL */
    const char *roles;               /* held on every tracker; "" none */
    const struct tracker_roles *per; /* roles on single trackers */
    size_t n;
};

/* Makes the account of an invited person and its link, whose token's
 * text goes into token. Audited: user.invite (never the token). */
int invite_user(struct op *op, const struct invite_input *in,
                char token[TOKEN_TEXT_LEN + 1], struct vg_err *err);
/* A new link for an invited person who has not set a password yet; the
 * earlier ones close. VG_ECONFLICT when they have one. Audited:
 * user.invite. */
int invite_renew(struct op *op, const char *login,
                 char token[TOKEN_TEXT_LEN + 1], struct vg_err *err);
/* Resets login's second factor: the old one stops working at once, their
 * sessions end, and a link is made where they enrol a new one. Audited:
 * user.totp-reset. */
int invite_reset_totp(struct op *op, const char *login,
                      char token[TOKEN_TEXT_LEN + 1], struct vg_err *err);

/* Finds the link of token, open as of now, and its person (into a).
 * VG_ENOTFOUND for every link that is not open: unknown, used, replaced,
 * expired, or its person disabled. Writes nothing. */
int invite_find(struct store *st, struct arena *a, const char *token,
                int64_t now, struct invite *out, struct user *u);

/* What a person sends back to their link. */
struct invite_answer {
    const char *token;
    const char *pwhash;         /* an account link's new password's hash
                                   (password_hash); NULL for a second factor */
    const char *display_name;   /* an account link's: NULL keeps the one the
                                   admin gave */
    const uint8_t *totp_secret; /* TOTP_SECRET_LEN bytes they enrolled */
    const char *code;           /* its code now */
};

/* Completes a link as of op->now (for a second-factor link, the caller
 * has checked the person's password): the second factor (the code must
 * be right for the secret), and for an account link the password and
 * display name; the link and any other of the person's close, and their
 * sessions end. VG_ENOTFOUND for a link that is not open; VG_EINVAL
 * naming "code" or "display_name" for refused input. Audited as the
 * person: user.signup or user.enrol. */
int invite_accept(struct op *op, const struct invite_answer *in,
                  struct vg_err *err);

#endif
