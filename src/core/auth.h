/*
 * auth.h: proving who someone is: tokens, sessions, the second factor and
 * signing in (reference/security.md C4).
 *
 * Tokens are 32 random bytes, sent as 43 base64url characters; only their
 * SHA-256 is stored. A session ends after 15 idle minutes or 12 hours,
 * whichever comes first. TOTP codes (RFC 6238, liboath) are 6 digits,
 * 30-second steps, accepted one step either side, each step once.
 * Rate limits live in the transport (http/throttle.c); this file keeps
 * the answer the same for an unknown login and a wrong password, down to
 * the time it takes.
 */
#ifndef VIGIL_CORE_AUTH_H
#define VIGIL_CORE_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/op.h"

enum {
    TOKEN_TEXT_LEN = 43, /* base64url of 32 bytes, unpadded */
    SESSION_IDLE = 15 * 60,
    SESSION_LIFETIME = 12 * 3600,
    TOTP_STEP = 30,
    TOTP_URI_MAX = 256,
};

/* ==== Tokens ==== */

/* Makes a random token: its text (NUL-terminated) and its hash. */
void auth_token_new(char text[TOKEN_TEXT_LEN + 1],
                    uint8_t hash[TOKEN_HASH_LEN]);
/* Hashes a token's text; -1 when it is not a token (wrong length or
 * alphabet, or not 32 bytes once decoded). */
int auth_token_hash(const char *text, uint8_t hash[TOKEN_HASH_LEN]);

/* ==== Sessions ==== */

/* Starts a session for user_id (0: a sign-in form's) in its own
 * transaction: fills *out (csrf in the op's arena) and the cookie's
 * token text. */
int session_begin(struct op *op, int64_t user_id,
                  char token[TOKEN_TEXT_LEN + 1], struct session *out,
                  struct vg_err *err);
/* Finds the session of a cookie's token as of `now`: VG_ENOTFOUND when
 * there is none (or the text is no token), VG_EDENIED when it expired or
 * its user is disabled. Does not write. */
int session_find(struct store *st, struct arena *a, const char *token,
                 int64_t now, struct session *out);
/* Records activity (a write; skipped within the same minute). */
int session_touch(struct op *op, const struct session *s, struct vg_err *err);
/* Ends one session (sign-out), or with s NULL every expired one. */
int session_end(struct op *op, const struct session *s, struct vg_err *err);

/* ==== API tokens ==== */

/* Finds the user of a script's token: VG_ENOTFOUND, or VG_EDENIED when
 * revoked or the user is disabled. */
int api_token_find(struct store *st, struct arena *a, const char *token,
                   struct api_token *out);

/* ==== Second factor ==== */

/* A new random TOTP secret. */
void totp_secret_new(uint8_t secret[TOTP_SECRET_LEN]);
/* A secret as the base32 text an authenticator app takes (32 letters and
 * digits, no padding), and back: 0, or VG_EINVAL for text that is not
 * the base32 of a secret. */
enum { TOTP_SECRET_TEXT_LEN = 32 };
int totp_secret_text(const uint8_t secret[TOTP_SECRET_LEN],
                     char out[TOTP_SECRET_TEXT_LEN + 1]);
int totp_secret_parse(const char *text, uint8_t secret[TOTP_SECRET_LEN]);
/* The otpauth:// URI an authenticator app enrols from. */
int totp_uri(const char *issuer, const char *login,
             const uint8_t secret[TOTP_SECRET_LEN], char *out, size_t size);
/* The code for a secret at `now` (6 digits and a NUL); for tests and the
 * CLI's check. */
int totp_code(const uint8_t secret[TOTP_SECRET_LEN], int64_t now, char out[7]);
/* The 30-second step code is right for (one step of drift either side)
 * as of now, or -1 when it is not right. */
int64_t totp_step(const uint8_t secret[TOTP_SECRET_LEN], const char *code,
                  int64_t now);

/* ==== Signing in ==== */

/* Makes the dummy hash an unknown login is checked against (one argon2id
 * hash): call once at start, so that no request pays for it. Later calls
 * do nothing. */
void auth_prepare(void);

/*
 * Signing in is three steps, so that the slow one holds no store and no
 * write lock and can run on any thread. Every refusal is VG_EDENIED with
 * the same message; `why` (for the security log, never the client) says
 * which check failed.
 *
 * auth_password_target: looks the login up (read-only) and lends in
 * *pwhash the hash to check the password against: the account's, or a
 * dummy one for a login that names none, so that the check takes as
 * long. Returns 0 (found: *out filled), VG_ENOTFOUND (no such login),
 * VG_EDENIED (no password, or a longer one than any password: refused
 * now, nothing to hash), or the store's error.
 */
int auth_password_target(struct store *st, struct arena *a, const char *login,
                         const char *password, struct user *out,
                         const char **pwhash, const char **why,
                         struct vg_err *err);
/* Then password_matches(pwhash, password) (core/users.h), the slow step;
 * then auth_password_verdict: 0 when the login was found, is not
 * disabled and the password matched; VG_EDENIED otherwise. */
int auth_password_verdict(const struct user *u, bool found, bool matched,
                          const char **why, struct vg_err *err);
/* auth_check_code: the TOTP code of user u as of op->now (required when
 * require_totp; checked when given), recorded as used in its own
 * transaction so that it cannot be used twice. */
int auth_check_code(struct op *op, struct user *u, const char *code,
                    bool require_totp, const char **why, struct vg_err *err);

#endif
