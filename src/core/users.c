/* users.c: accounts, roles and password hashing. */
#include "core/users.h"

#include <sodium.h>
#include <string.h>

#include "core/audit.h"
#include "core/entity_json.h"
#include "core/validate.h"
#include "util/utf8.h"

static int check_password(const char *pw, struct vg_err *err)
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
    return 0;
}

/* Hashes pw into the op's arena. */
static int hash_password(struct op *op, const char *pw, const char **out,
                         struct vg_err *err)
{
    char hash[crypto_pwhash_STRBYTES];
    if (sodium_init() < 0 ||
        crypto_pwhash_str_alg(hash, pw, strlen(pw),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
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
             const char *password, struct vg_err *err)
{
    struct user u = {.login = login, .created_at = op->now};
    int rc = check_key("login", login, LOGIN_MAX, err);
    if (rc == 0)
        rc = parse_roles(roles, &u.roles, err);
    if (rc == 0)
        rc = check_password(password, err);
    if (rc == 0)
        rc = hash_password(op, password, &u.pwhash, err);
    if (rc != 0)
        return rc;
    return audit_transaction(op, add_body, &u, err);
}

enum user_change { CHANGE_PASSWORD, CHANGE_ROLES, CHANGE_DISABLED };

struct change_ctx {
    const char *login;
    enum user_change what;
    const char *pwhash; /* CHANGE_PASSWORD: the new hash */
    unsigned roles;     /* CHANGE_ROLES: the new roles */
    bool disabled;      /* CHANGE_DISABLED: the new state */
};

static int change_body(struct op *op, void *p, struct vg_err *err)
{
    static const char *const actions[] = {"user.passwd", "user.roles",
                                          "user.disable"};
    struct change_ctx *c = p;
    struct user u;
    int rc = find_user(op, c->login, &u, err);
    if (rc != 0)
        return rc;
    json_t *before = user_json(&u);
    if (c->what == CHANGE_PASSWORD)
        u.pwhash = c->pwhash;
    else if (c->what == CHANGE_ROLES)
        u.roles = c->roles;
    else
        u.disabled = c->disabled;
    json_t *after = user_json(&u);
    if (c->what == CHANGE_PASSWORD)
        json_object_set_new(after, "password", json_string("changed"));
    rc = store_user_save(op->st, &u, err);
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
    int rc = check_password(password, err);
    if (rc == 0)
        rc = hash_password(op, password, &c.pwhash, err);
    if (rc != 0)
        return rc;
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

int user_check_password(const struct user *u, const char *password)
{
    if (u->pwhash == NULL || u->disabled ||
        crypto_pwhash_str_verify(u->pwhash, password, strlen(password)) != 0)
        return VG_EDENIED;
    return 0;
}
