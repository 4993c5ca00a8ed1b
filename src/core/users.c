/* users.c: accounts, roles and password hashing. */
#include "core/users.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "core/auth.h"
#include "core/entity_json.h"
#include "core/validate.h"
#include "util/utf8.h"

int user_password_acceptable(const char *pw, struct vg_err *err)
{
    if (pw == NULL)
        return vg_err_set(err, VG_EINVAL, "password", "is required");
    size_t n = strlen(pw), bad;
    const char *why;
    if (utf8_check(pw, n, UTF8_SINGLE_LINE, &bad, &why) != 0)
        return vg_err_set(err, VG_EINVAL, "password", "%s at byte %zu", why,
                          bad);
    size_t chars = utf8_length(pw, n);
    if (chars < PASSWORD_MIN || chars > PASSWORD_MAX)
        return vg_err_set(err, VG_EINVAL, "password",
                          "must be %d to %d characters (it has %zu)",
                          PASSWORD_MIN, PASSWORD_MAX, chars);
    if (password_is_common(pw))
        return vg_err_set(err, VG_EINVAL, "password",
                          "is on the list of common passwords; choose "
                          "another");
    return 0;
}

/* The list of common passwords (data/common-passwords.txt, from John the
 * Ripper's password.lst, public domain), embedded by passwords_data.S. */
extern const char common_passwords[];

bool password_is_common(const char *pw)
{
    size_t n = strlen(pw);
    for (const char *p = common_passwords; *p;) {
        size_t len = strcspn(p, "\n");
        if (*p != '#' && len == n && strncasecmp(p, pw, n) == 0)
            return true;
        p += len + (p[len] == '\n');
    }
    return false;
}

/* Hashes pw into the op's arena. */
static int hash_password(struct op *op, const char *pw, const char **out,
                         struct vg_err *err)
{
    char hash[PWHASH_MAX];
    if (password_hash(pw, hash) != 0)
        return vg_err_set(err, VG_EIO, "password",
                          "cannot hash the password (out of memory?)");
    *out = arena_strdup(op->arena, hash);
    return 0;
}

static int parse_roles(const char *roles, unsigned *out, struct vg_err *err)
{
    int r = roles_parse(roles);
    if (r < 0) {
        char list[128];
        enum_list(&role_names, list, sizeof list);
        return vg_err_set(err, VG_EINVAL, "roles",
                          "must be one or more of %s, separated by commas",
                          list);
    }
    *out = (unsigned)r;
    return 0;
}

static int find_user(struct op *op, const char *login, struct user *u,
                     struct vg_err *err)
{
    int rc = store_user_get(op->st, op->arena, login, u, err);
    if (rc == VG_ENOTFOUND)
        vg_err_set(err, rc, "login", "no user \"%.64s\"", login);
    return rc;
}

static int add_body(struct op *op, void *p, struct vg_err *err)
{
    struct user *u = p;
    int rc = store_user_insert(op->st, u, err);
    if (rc == VG_ECONFLICT) {
        vg_err_clear(err);
        return vg_err_set(err, rc, "login", "user \"%s\" exists", u->login);
    }
    if (rc != 0)
        return rc;
    return audit_record(op, "user.add", audit_entity(op, "user/%s", u->login),
                        NULL, user_json(u), err);
}

int user_add(struct op *op, const char *login, const char *roles,
             const char *password, uint8_t totp_secret[TOTP_SECRET_LEN],
             struct vg_err *err)
{
    struct user u = {.login = login, .created_at = op->now, .has_totp = true};
    totp_secret_new(u.totp_secret);
    int rc = check_key("login", login, LOGIN_MAX, err);
    if (rc == 0)
        rc = parse_roles(roles, &u.roles, err);
    if (rc == 0)
        rc = user_password_acceptable(password, err);
    if (rc == 0)
        rc = hash_password(op, password, &u.pwhash, err);
    if (rc != 0)
        return rc;
    rc = audit_transaction(op, add_body, &u, err);
    if (rc == 0 && totp_secret)
        memcpy(totp_secret, u.totp_secret, TOTP_SECRET_LEN);
    sodium_memzero(u.totp_secret, sizeof u.totp_secret);
    return rc;
}

enum user_change {
    CHANGE_PASSWORD,
    CHANGE_ROLES,
    CHANGE_DISABLED,
    CHANGE_TOTP,
    CHANGE_REHASH
};

struct change_ctx {
    const char *login;
    enum user_change what;
    const char *pwhash;                   /* CHANGE_PASSWORD: the new hash */
    unsigned roles;                       /* CHANGE_ROLES: the new roles */
    bool disabled;                        /* CHANGE_DISABLED: the new state */
    uint8_t totp_secret[TOTP_SECRET_LEN]; /* CHANGE_TOTP: the new one */
};

static int change_body(struct op *op, void *p, struct vg_err *err)
{
    static const char *const actions[] = {"user.passwd", "user.roles",
                                          "user.disable", "user.totp",
                                          "user.rehash"};
    struct change_ctx *c = p;
    struct user u;
    int rc = find_user(op, c->login, &u, err);
    if (rc != 0)
        return rc;
    json_t *before = user_json(&u);
    if (c->what == CHANGE_PASSWORD || c->what == CHANGE_REHASH)
        u.pwhash = c->pwhash;
    else if (c->what == CHANGE_ROLES)
        u.roles = c->roles;
    else if (c->what == CHANGE_DISABLED)
        u.disabled = c->disabled;
    else {
        memcpy(u.totp_secret, c->totp_secret, TOTP_SECRET_LEN);
        u.has_totp = true;
        u.totp_step = 0;
    }
    json_t *after = user_json(&u);
    if (c->what == CHANGE_PASSWORD || c->what == CHANGE_TOTP)
        json_object_set_new(after,
                            c->what == CHANGE_PASSWORD ? "password" : "totp",
                            json_string("changed"));
    rc = store_user_save(op->st, &u, err);
    /* New credentials or privileges: every open session ends (a rehash
     * of the same password changes neither). */
    if (rc == 0 && c->what != CHANGE_REHASH)
        rc = store_session_delete_user(op->st, u.id, NULL, err);
    /* A new password also ends the scripts' tokens: whoever knew the old
     * one may have issued some. */
    if (rc == 0 && c->what == CHANGE_PASSWORD)
        rc = store_token_revoke_user(op->st, u.id, op->now, err);
    if (rc != 0) {
        json_decref(before);
        json_decref(after);
        return rc;
    }
    return audit_record(op, actions[c->what],
                        audit_entity(op, "user/%s", u.login), before, after,
                        err);
}

int user_passwd(struct op *op, const char *login, const char *password,
                struct vg_err *err)
{
    struct change_ctx c = {.login = login, .what = CHANGE_PASSWORD};
    int rc = user_password_acceptable(password, err);
    if (rc == 0)
        rc = hash_password(op, password, &c.pwhash, err);
    if (rc != 0)
        return rc;
    return audit_transaction(op, change_body, &c, err);
}

int user_set_pwhash(struct op *op, const char *login, const char *pwhash,
                    bool rehash, struct vg_err *err)
{
    struct change_ctx c = {.login = login,
                           .what = rehash ? CHANGE_REHASH : CHANGE_PASSWORD,
                           .pwhash = pwhash};
    return audit_transaction(op, change_body, &c, err);
}

int user_roles(struct op *op, const char *login, const char *roles,
               struct vg_err *err)
{
    struct change_ctx c = {.login = login, .what = CHANGE_ROLES};
    int rc = parse_roles(roles, &c.roles, err);
    if (rc != 0)
        return rc;
    return audit_transaction(op, change_body, &c, err);
}

int user_disable(struct op *op, const char *login, bool on, struct vg_err *err)
{
    struct change_ctx c = {
        .login = login, .what = CHANGE_DISABLED, .disabled = on};
    return audit_transaction(op, change_body, &c, err);
}

int user_totp_reset(struct op *op, const char *login,
                    uint8_t totp_secret[TOTP_SECRET_LEN], struct vg_err *err)
{
    struct change_ctx c = {.login = login, .what = CHANGE_TOTP};
    totp_secret_new(c.totp_secret);
    int rc = audit_transaction(op, change_body, &c, err);
    if (rc == 0)
        memcpy(totp_secret, c.totp_secret, TOTP_SECRET_LEN);
    sodium_memzero(c.totp_secret, sizeof c.totp_secret);
    return rc;
}

struct token_ctx {
    const char *login, *label;
    struct api_token t;
};

static int token_body(struct op *op, void *p, struct vg_err *err)
{
    struct token_ctx *c = p;
    struct user u;
    int rc = find_user(op, c->login, &u, err);
    if (rc != 0)
        return rc;
    c->t.user_id = u.id;
    rc = store_token_insert(op->st, &c->t, err);
    if (rc != 0)
        return rc;
    json_t *after = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)c->t.id,
                              "user", u.login, "label", c->t.label);
    return audit_record(
        op, "user.token",
        audit_entity(op, "user/%s/token/%lld", u.login, (long long)c->t.id),
        NULL, after, err);
}

int user_token_add(struct op *op, const char *login, const char *label,
                   char token[44], struct vg_err *err)
{
    struct token_ctx c = {
        login, label ? label : "script", {.created_at = op->now}};
    int rc = check_line("label", c.label, 1, 80, err);
    if (rc != 0)
        return rc;
    auth_token_new(token, c.t.token_hash);
    c.t.label = c.label;
    rc = audit_transaction(op, token_body, &c, err);
    if (rc != 0)
        sodium_memzero(token, TOKEN_TEXT_LEN + 1);
    return rc;
}

int user_check_password(const struct user *u, const char *password)
{
    if (u->pwhash == NULL || u->disabled ||
        crypto_pwhash_str_verify(u->pwhash, password, strlen(password)) != 0)
        return VG_EDENIED;
    return 0;
}

_Static_assert(PWHASH_MAX == crypto_pwhash_STRBYTES, "a hash's size");

int password_hash(const char *password, char out[PWHASH_MAX])
{
    if (sodium_init() < 0 ||
        crypto_pwhash_str_alg(out, password, strlen(password),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return VG_EIO;
    return 0;
}

bool password_matches(const char *hash, const char *password)
{
    return hash && password &&
           crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool password_hash_is_weak(const char *hash)
{
    return hash && crypto_pwhash_str_needs_rehash(
                       hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                       crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}
