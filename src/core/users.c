/* users.c: accounts, roles and password hashing. */
#include "core/users.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "core/auth.h"
#include "core/entity_json.h"
#include "core/trackers.h"
#include "core/validate.h"
#include "util/i18n.h"
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

int user_parse_roles(const char *field, const char *roles, bool global,
                     unsigned *out, struct vg_err *err)
{
    if (roles == NULL)
        return vg_err_set(err, VG_EINVAL, field, "is required");
    int r = *roles ? roles_parse(roles) : 0;
    if (r < 0) {
        char list[128];
        enum_list(&role_names, list, sizeof list);
        return vg_err_set(err, VG_EINVAL, field,
                          "must be one or more of %s, separated by commas "
                          "(or empty for none)",
                          list);
    }
    if (!global && (r & ROLE_ADMIN))
        return vg_err_set(err, VG_EINVAL, field,
                          "admin is held on every tracker, never on one");
    *out = (unsigned)r;
    return 0;
}

int user_name_acceptable(const char *name, struct vg_err *err)
{
    return check_line("display_name", name, 1, DISPLAY_NAME_MAX, err);
}

json_t *user_roles_json(const struct user *u, const struct grant *g, size_t n)
{
    json_t *j = user_json(u);
    json_t *on = json_object();
    for (size_t i = 0; i < n; i++) {
        char roles[128];
        roles_format(g[i].roles, roles, sizeof roles);
        json_object_set_new(on, g[i].tracker_slug, json_string(roles));
    }
    if (n)
        json_object_set_new(j, "trackers", on);
    else
        json_decref(on);
    return j;
}

static int find_user(struct op *op, const char *login, struct user *u,
                     struct vg_err *err)
{
    int rc = store_user_get(op->st, op->arena, login, u, err);
    if (rc == VG_ENOTFOUND)
        vg_err_set(err, rc, "login", "no user \"%.64s\"", login);
    return rc;
}

struct add_ctx {
    struct user u;
    const struct tracker_roles *on; /* or NULL */
    unsigned on_roles;
};

/* Gives u the roles of `on` on its tracker, if any; the audit row's after
 * lists them. */
static int add_grant(struct op *op, struct add_ctx *c, json_t *after,
                     struct vg_err *err)
{
    struct tracker t;
    if (c->on == NULL || c->on_roles == 0)
        return 0;
    int rc =
        tracker_lookup(op->st, op->arena, "tracker", c->on->tracker, &t, err);
    if (rc != 0)
        return rc;
    struct grant g = {c->u.id, t.id, c->on_roles, c->u.login, t.slug};
    rc = store_grant_set(op->st, &g, err);
    if (rc == 0) {
        json_t *full = user_roles_json(&c->u, &g, 1);
        json_object_update(after, full);
        json_decref(full);
    }
    return rc;
}

static int add_body(struct op *op, void *p, struct vg_err *err)
{
    struct add_ctx *c = p;
    int rc = store_user_insert(op->st, &c->u, err);
    if (rc == VG_ECONFLICT) {
        vg_err_clear(err);
        return vg_err_set(err, rc, "login", "user \"%s\" exists", c->u.login);
    }
    if (rc != 0)
        return rc;
    json_t *after = user_json(&c->u);
    rc = add_grant(op, c, after, err);
    if (rc != 0) {
        json_decref(after);
        return rc;
    }
    return audit_record(op, "user.add", audit_entity(op, "user/%s", c->u.login),
                        NULL, after, err);
}

int user_add(struct op *op, const char *login, const char *roles,
             const char *password, uint8_t totp_secret[TOTP_SECRET_LEN],
             struct vg_err *err)
{
    return user_add_on(op, login, roles, NULL, password, totp_secret, err);
}

int user_add_on(struct op *op, const char *login, const char *roles,
                const struct tracker_roles *on, const char *password,
                uint8_t totp_secret[TOTP_SECRET_LEN], struct vg_err *err)
{
    struct add_ctx c = {
        {.login = login, .created_at = op->now, .has_totp = true}, on, 0};
    struct user *u = &c.u;
    totp_secret_new(u->totp_secret);
    int rc = check_key("login", login, LOGIN_MAX, err);
    if (rc == 0)
        rc = user_parse_roles("roles", roles, true, &u->roles, err);
    if (rc == 0 && on)
        rc = user_parse_roles("roles", on->roles, false, &c.on_roles, err);
    if (rc == 0)
        rc = user_password_acceptable(password, err);
    if (rc == 0)
        rc = hash_password(op, password, &u->pwhash, err);
    if (rc != 0)
        return rc;
    rc = audit_transaction(op, add_body, &c, err);
    if (rc == 0 && totp_secret)
        memcpy(totp_secret, u->totp_secret, TOTP_SECRET_LEN);
    sodium_memzero(u->totp_secret, sizeof u->totp_secret);
    return rc;
}

enum user_change {
    CHANGE_PASSWORD,
    CHANGE_DISABLED,
    CHANGE_TOTP,
    CHANGE_REHASH,
    CHANGE_NAME,
    CHANGE_LANG
};

struct change_ctx {
    const char *login;
    enum user_change what;
    const char *pwhash;                   /* CHANGE_PASSWORD: the new hash */
    bool disabled;                        /* CHANGE_DISABLED: the new state */
    uint8_t totp_secret[TOTP_SECRET_LEN]; /* CHANGE_TOTP: the new one */
    const char *name;                     /* CHANGE_NAME: the new one */
    const char *lang;                     /* CHANGE_LANG: the new one */
};

/* What a change ends: sessions for new credentials or privileges (not a
 * rehash of the same password, nor a new display name), and API tokens
 * too for a new password (whoever knew the old one may have issued
 * some) and for a disabled account. */
static int end_access(struct op *op, const struct change_ctx *c,
                      const struct user *u, struct vg_err *err)
{
    int rc = 0;
    if (c->what != CHANGE_REHASH && c->what != CHANGE_NAME &&
        c->what != CHANGE_LANG)
        rc = store_session_delete_user(op->st, u->id, NULL, err);
    if (rc == 0 && (c->what == CHANGE_PASSWORD ||
                    (c->what == CHANGE_DISABLED && c->disabled)))
        rc = store_token_revoke_user(op->st, u->id, op->now, err);
    return rc;
}

/* A new display name changes the pages of every tracker that shows
 * bylines: each gets a change, for its live readers to reload (cached
 * pages follow any write already). */
static int names_shown(struct op *op, struct vg_err *err)
{
    struct tracker *t;
    size_t n;
    int rc = store_tracker_list(op->st, op->arena, &t, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (t[i].bylines)
            rc = audit_change(op, t[i].id, CHANGE_TRACKER, 0, err);
    return rc;
}

static int change_body(struct op *op, void *p, struct vg_err *err)
{
    static const char *const actions[] = {"user.passwd", "user.disable",
                                          "user.totp",   "user.rehash",
                                          "user.name",   "user.lang"};
    struct change_ctx *c = p;
    struct user u;
    int rc = find_user(op, c->login, &u, err);
    if (rc != 0)
        return rc;
    json_t *before = user_json(&u);
    if (c->what == CHANGE_PASSWORD || c->what == CHANGE_REHASH)
        u.pwhash = c->pwhash;
    else if (c->what == CHANGE_DISABLED)
        u.disabled = c->disabled;
    else if (c->what == CHANGE_NAME)
        u.display_name = c->name;
    else if (c->what == CHANGE_LANG)
        u.lang = c->lang;
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
    if (rc == 0)
        rc = end_access(op, c, &u, err);
    if (rc == 0 && c->what == CHANGE_NAME)
        rc = names_shown(op, err);
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
    return user_set_roles(op, login, roles, NULL, 0, err);
}

int user_set_name(struct op *op, const char *login, const char *name,
                  struct vg_err *err)
{
    struct change_ctx c = {.login = login, .what = CHANGE_NAME};
    c.name = name && *name ? name : NULL;
    int rc = c.name ? user_name_acceptable(c.name, err) : 0;
    if (rc != 0)
        return rc;
    return audit_transaction(op, change_body, &c, err);
}

int user_set_lang(struct op *op, const char *login, const char *lang,
                  struct vg_err *err)
{
    struct change_ctx c = {.login = login, .what = CHANGE_LANG};
    int rc;
    const struct i18n_lang *l = lang && *lang ? i18n_lang_find(lang) : NULL;
    if (lang && *lang && (l == NULL || strcmp(l->tag, lang) != 0)) {
        struct buf tags = BUF_INIT(256);
        for (size_t i = 0; i < i18n_lang_count; i++)
            buf_printf(&tags, "%s%s", i ? ", " : "", i18n_langs[i].tag);
        rc = vg_err_set(err, VG_EINVAL, "lang",
                        "is not a language the desk speaks (%s)",
                        tags.failed ? "" : buf_cstr(&tags));
        buf_release(&tags);
        return rc;
    }
    /* English is the desk's own: kept as NULL, so a person who never
     * chose one and one who chose English read the same. */
    c.lang = l && l != &i18n_langs[0] ? l->tag : NULL;
    return audit_transaction(op, change_body, &c, err);
}

/* ==== Roles on every tracker and on one ==== */

struct roles_ctx {
    const char *login;
    const char *global; /* or NULL */
    const struct tracker_roles *per;
    size_t n;
};

int user_grant(struct op *op, const struct user *u,
               const struct tracker_roles *per, size_t n, struct vg_err *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct tracker t;
        struct grant g = {.user_id = u->id};
        rc = user_parse_roles("roles", per[i].roles, false, &g.roles, err);
        if (rc == 0)
            rc = tracker_lookup(op->st, op->arena, "tracker", per[i].tracker,
                                &t, err);
        if (rc == 0) {
            g.tracker_id = t.id;
            rc = store_grant_set(op->st, &g, err);
        }
    }
    return rc;
}

/* The user's roles now, as user_roles_json. */
static json_t *roles_now(struct op *op, const struct user *u,
                         struct vg_err *err)
{
    struct grant *g;
    size_t n;
    if (store_grant_list(op->st, op->arena, u->id, &g, &n, err) != 0)
        return NULL;
    return user_roles_json(u, g, n);
}

static int roles_body(struct op *op, void *p, struct vg_err *err)
{
    struct roles_ctx *c = p;
    struct user u;
    int rc = find_user(op, c->login, &u, err);
    json_t *before = rc == 0 ? roles_now(op, &u, err) : NULL;
    if (rc == 0 && before == NULL)
        rc = VG_EIO;
    unsigned had = u.roles;
    if (rc == 0 && c->global)
        rc = user_parse_roles("roles", c->global, true, &u.roles, err);
    if (rc == 0 && (had & ~u.roles & ROLE_ADMIN) &&
        strcmp(u.login, op->actor) == 0)
        rc = vg_err_set(err, VG_EINVAL, "roles",
                        "you cannot take away your own admin role (another "
                        "admin can)");
    if (rc == 0 && c->global)
        rc = store_user_save(op->st, &u, err);
    if (rc == 0)
        rc = user_grant(op, &u, c->per, c->n, err);
    if (rc == 0)
        rc = store_session_delete_user(op->st, u.id, NULL, err);
    json_t *after = rc == 0 ? roles_now(op, &u, err) : NULL;
    if (after == NULL) {
        json_decref(before);
        return rc ? rc : VG_EIO;
    }
    return audit_record(op, "user.roles", audit_entity(op, "user/%s", u.login),
                        before, after, err);
}

int user_set_roles(struct op *op, const char *login, const char *global,
                   const struct tracker_roles *per, size_t n,
                   struct vg_err *err)
{
    struct roles_ctx c = {login, global, per, n};
    if (global == NULL && n == 0)
        return vg_err_set(err, VG_EINVAL, "roles", "nothing to change");
    return audit_transaction(op, roles_body, &c, err);
}

int user_disable(struct op *op, const char *login, bool on, struct vg_err *err)
{
    if (on && strcmp(login, op->actor) == 0)
        return vg_err_set(err, VG_EINVAL, "login",
                          "you cannot disable yourself (another admin can)");
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
