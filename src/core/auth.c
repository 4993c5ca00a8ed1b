/* auth.c: tokens, sessions, TOTP and signing in. */
#include "core/auth.h"

#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/users.h"

/* ==== Tokens ==== */

void auth_token_new(char text[TOKEN_TEXT_LEN + 1], uint8_t hash[TOKEN_HASH_LEN])
{
    uint8_t raw[32];
    if (sodium_init() < 0)
        abort(); /* no randomness: nothing may be issued */
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(text, TOKEN_TEXT_LEN + 1, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    crypto_hash_sha256(hash, (const uint8_t *)text, TOKEN_TEXT_LEN);
    sodium_memzero(raw, sizeof raw);
}

int auth_token_hash(const char *text, uint8_t hash[TOKEN_HASH_LEN])
{
    uint8_t raw[32];
    size_t n = 0;
    if (text == NULL || strlen(text) != TOKEN_TEXT_LEN ||
        sodium_base642bin(raw, sizeof raw, text, TOKEN_TEXT_LEN, NULL, &n, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        n != sizeof raw)
        return -1;
    crypto_hash_sha256(hash, (const uint8_t *)text, TOKEN_TEXT_LEN);
    return 0;
}

/* ==== Sessions ==== */

int session_begin(struct op *op, int64_t user_id,
                  char token[TOKEN_TEXT_LEN + 1], struct session *out,
                  struct vg_err *err)
{
    char csrf[TOKEN_TEXT_LEN + 1];
    uint8_t unused[TOKEN_HASH_LEN];
    *out = (struct session){
        .user_id = user_id, .created_at = op->now, .seen_at = op->now};
    auth_token_new(token, out->token_hash);
    auth_token_new(csrf, unused);
    out->csrf = arena_strdup(op->arena, csrf);
    int rc = store_begin(op->st, err);
    if (rc == 0)
        rc = store_session_insert(op->st, out, err);
    if (rc == 0)
        return store_commit(op->st, err);
    store_rollback(op->st);
    return rc;
}

static bool session_expired(const struct session *s, int64_t now)
{
    return now - s->seen_at >= SESSION_IDLE ||
           now - s->created_at >= SESSION_LIFETIME || now < s->created_at;
}

int session_find(struct store *st, struct arena *a, const char *token,
                 int64_t now, struct session *out)
{
    uint8_t hash[TOKEN_HASH_LEN];
    struct vg_err err = VG_ERR_INIT;
    if (auth_token_hash(token, hash) != 0)
        return VG_ENOTFOUND;
    int rc = store_session_get(st, a, hash, out, &err);
    if (rc != 0)
        return rc;
    if (session_expired(out, now) || (out->user_id && out->disabled))
        return VG_EDENIED;
    return 0;
}

/* Runs one store call in its own write transaction. */
#define IN_TRANSACTION(op, err, call)           \
    do {                                        \
        int rc_ = store_begin((op)->st, err);   \
        if (rc_ == 0)                           \
            rc_ = (call);                       \
        if (rc_ == 0)                           \
            return store_commit((op)->st, err); \
        store_rollback((op)->st);               \
        return rc_;                             \
    } while (0)

int session_touch(struct op *op, const struct session *s, struct vg_err *err)
{
    if (op->now - s->seen_at < 60)
        return 0;
    IN_TRANSACTION(op, err,
                   store_session_touch(op->st, s->token_hash, op->now, err));
}

int session_end(struct op *op, const struct session *s, struct vg_err *err)
{
    if (s)
        IN_TRANSACTION(op, err,
                       store_session_delete(op->st, s->token_hash, err));
    IN_TRANSACTION(op, err,
                   store_session_expire(op->st, op->now - SESSION_IDLE,
                                        op->now - SESSION_LIFETIME, err));
}

/* ==== API tokens ==== */

int api_token_find(struct store *st, struct arena *a, const char *token,
                   struct api_token *out)
{
    uint8_t hash[TOKEN_HASH_LEN];
    struct vg_err err = VG_ERR_INIT;
    if (auth_token_hash(token, hash) != 0)
        return VG_ENOTFOUND;
    int rc = store_token_get(st, a, hash, out, &err);
    if (rc != 0)
        return rc;
    return out->revoked_at || out->disabled ? VG_EDENIED : 0;
}

/* ==== Second factor ==== */

void totp_secret_new(uint8_t secret[TOTP_SECRET_LEN])
{
    if (sodium_init() < 0)
        abort();
    randombytes_buf(secret, TOTP_SECRET_LEN);
}

int totp_uri(const char *issuer, const char *login,
             const uint8_t secret[TOTP_SECRET_LEN], char *out, size_t size)
{
    char *b32 = NULL;
    size_t len = 0;
    if (oath_init() != OATH_OK ||
        oath_base32_encode((const char *)secret, TOTP_SECRET_LEN, &b32, &len) !=
            OATH_OK)
        return VG_EIO;
    /* Logins are [a-z0-9._-] (validate.c), safe in a URI as they are. */
    int n = snprintf(out, size,
                     "otpauth://totp/%s:%s?secret=%.*s&issuer=%s&digits=6&"
                     "period=%d",
                     issuer, login, (int)len, b32, issuer, TOTP_STEP);
    free(b32);
    return n > 0 && (size_t)n < size ? 0 : VG_ELIMIT;
}

int totp_secret_text(const uint8_t secret[TOTP_SECRET_LEN],
                     char out[TOTP_SECRET_TEXT_LEN + 1])
{
    char *b32 = NULL;
    size_t len = 0;
    if (oath_init() != OATH_OK ||
        oath_base32_encode((const char *)secret, TOTP_SECRET_LEN, &b32, &len) !=
            OATH_OK)
        return VG_EIO;
    int rc = len == TOTP_SECRET_TEXT_LEN ? 0 : VG_EIO;
    if (rc == 0)
        memcpy(out, b32, len + 1);
    free(b32);
    return rc;
}

int totp_secret_parse(const char *text, uint8_t secret[TOTP_SECRET_LEN])
{
    char *bin = NULL;
    size_t len = 0;
    if (text == NULL || strlen(text) != TOTP_SECRET_TEXT_LEN ||
        oath_init() != OATH_OK ||
        oath_base32_decode(text, TOTP_SECRET_TEXT_LEN, &bin, &len) != OATH_OK)
        return VG_EINVAL;
    int rc = len == TOTP_SECRET_LEN ? 0 : VG_EINVAL;
    if (rc == 0)
        memcpy(secret, bin, TOTP_SECRET_LEN);
    sodium_memzero(bin, len);
    free(bin);
    return rc;
}

int totp_code(const uint8_t secret[TOTP_SECRET_LEN], int64_t now, char out[7])
{
    if (oath_init() != OATH_OK ||
        oath_totp_generate((const char *)secret, TOTP_SECRET_LEN, (time_t)now,
                           TOTP_STEP, 0, 6, out) != OATH_OK)
        return VG_EIO;
    return 0;
}

int64_t totp_step(const uint8_t secret[TOTP_SECRET_LEN], const char *code,
                  int64_t now)
{
    uint64_t counter = 0;
    int pos = 0;
    if (code == NULL || strlen(code) != 6 || strspn(code, "0123456789") != 6 ||
        oath_init() != OATH_OK)
        return -1;
    int rc =
        oath_totp_validate3((const char *)secret, TOTP_SECRET_LEN, (time_t)now,
                            TOTP_STEP, 0, 1, &pos, &counter, code);
    return rc >= 0 ? (int64_t)counter : -1;
}

static int64_t totp_step_of(const struct user *u, const char *code, int64_t now)
{
    return totp_step(u->totp_secret, code, now);
}

/* ==== Signing in ==== */

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

/* A hash of a random password, checked for unknown logins so that they
 * take as long as a wrong password. */
static void make_dummy_hash(void)
{
    char pw[TOKEN_TEXT_LEN + 1];
    uint8_t unused[TOKEN_HASH_LEN];
    auth_token_new(pw, unused);
    if (crypto_pwhash_str_alg(dummy_hash, pw, strlen(pw),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        dummy_hash[0] = '\0';
}

static int refuse(const char **why, const char *reason, struct vg_err *err)
{
    if (why)
        *why = reason;
    return vg_err_set(err, VG_EDENIED, "login",
                      "The login, password or code is not right.");
}

static int save_step(struct op *op, struct user *u, int64_t step,
                     struct vg_err *err)
{
    int rc = store_begin(op->st, err);
    struct user now;
    /* Re-read inside the transaction: two sign-ins with the same code
     * race for the step, and only the first may win. */
    if (rc == 0)
        rc = store_user_by_id(op->st, op->arena, u->id, &now, err);
    if (rc == 0 && now.totp_step >= step)
        rc = VG_EDENIED;
    if (rc == 0) {
        u->totp_step = step;
        rc = store_user_save(op->st, u, err);
    }
    if (rc == 0)
        return store_commit(op->st, err);
    store_rollback(op->st);
    return rc;
}

void auth_prepare(void)
{
    pthread_once(&dummy_once, make_dummy_hash);
}

int auth_password_target(struct store *st, struct arena *a, const char *login,
                         const char *password, struct user *out,
                         const char **pwhash, const char **why,
                         struct vg_err *err)
{
    pthread_once(&dummy_once, make_dummy_hash);
    *pwhash = NULL;
    if (password == NULL || strlen(password) > PASSWORD_MAX * 4)
        return refuse(why, "password missing or too long", err);
    int rc = login ? store_user_get(st, a, login, out, err) : VG_ENOTFOUND;
    if (rc == VG_ENOTFOUND) {
        vg_err_clear(err);
        *pwhash = dummy_hash; /* a random 43-character password: no match */
        return VG_ENOTFOUND;
    }
    /* An invited person who has not set a password yet has none: checked
     * against the dummy, as long as any other. */
    if (rc == 0)
        *pwhash = out->pwhash && *out->pwhash ? out->pwhash : dummy_hash;
    return rc;
}

int auth_password_verdict(const struct user *u, bool found, bool matched,
                          const char **why, struct vg_err *err)
{
    if (!found)
        return refuse(why, "unknown login", err);
    if (u->disabled)
        return refuse(why, "disabled", err);
    if (!matched || u->pwhash == NULL)
        return refuse(why, "wrong password", err);
    return 0;
}

int auth_check_code(struct op *op, struct user *u, const char *code,
                    bool require_totp, const char **why, struct vg_err *err)
{
    if (!require_totp && (code == NULL || *code == '\0'))
        return 0;
    if (!u->has_totp)
        return refuse(why, "no second factor enrolled", err);
    int64_t step = totp_step_of(u, code, op->now);
    if (step < 0)
        return refuse(why, "wrong code", err);
    if (step <= u->totp_step)
        return refuse(why, "code already used", err);
    int rc = save_step(op, u, step, err);
    if (rc == VG_EDENIED)
        return refuse(why, "code already used", err);
    return rc;
}
