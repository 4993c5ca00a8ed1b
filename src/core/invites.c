/* invites.c: one-time links to the desk (see invites.h). */
#include "core/invites.h"

#include <sodium.h>
#include <string.h>

#include "core/audit.h"
#include "core/entity_json.h"
#include "model/enums.h"
#include "core/validate.h"
#include "util/date.h"

/* ==== Making links ==== */

/* Inserts a new link for u, closing the ones before; its token's text
 * into token. */
static int new_link(struct op *op, const struct user *u,
                    enum invite_purpose purpose, char token[TOKEN_TEXT_LEN + 1],
                    struct vg_err *err)
{
    struct invite i = {.user_id = u->id,
                       .purpose = purpose,
                       .created_by = op->actor,
                       .created_at = op->now,
                       .expires_at = op->now + INVITE_LIFETIME};
    auth_token_new(token, i.token_hash);
    int rc = store_invite_close_user(op->st, u->id, op->now, err);
    if (rc == 0)
        rc = store_invite_insert(op->st, &i, err);
    return rc;
}

/* The audit row of a link made for u: their roles and when it closes. */
static int link_audited(struct op *op, const char *action, const struct user *u,
                        json_t *before, struct vg_err *err)
{
    struct grant *g;
    size_t n;
    char until[TIMESTAMP_LEN + 1];
    int rc = store_grant_list(op->st, op->arena, u->id, &g, &n, err);
    if (rc != 0) {
        json_decref(before);
        return rc;
    }
    json_t *after = user_roles_json(u, g, n);
    timestamp_format(op->now + INVITE_LIFETIME, until);
    json_object_set_new(after, "link_open_until", json_string(until));
    return audit_record(op, action, audit_entity(op, "user/%s", u->login),
                        before, after, err);
}

struct make_ctx {
    const struct invite_input *in;
    struct user u;
    char *token;
};

static int invite_body(struct op *op, void *p, struct vg_err *err)
{
    struct make_ctx *c = p;
    int rc = store_user_insert(op->st, &c->u, err);
    if (rc == VG_ECONFLICT) {
        vg_err_clear(err);
        return vg_err_set(err, rc, "login", "user \"%s\" exists", c->u.login);
    }
    if (rc == 0)
        rc = user_grant(op, &c->u, c->in->per, c->in->n, err);
    if (rc == 0)
        rc = new_link(op, &c->u, INVITE_ACCOUNT, c->token, err);
    if (rc != 0)
        return rc;
    return link_audited(op, "user.invite", &c->u, NULL, err);
}

/* Whether in gives roles on some single tracker. */
static bool some_roles(const struct invite_input *in)
{
    for (size_t i = 0; i < in->n; i++)
        if (in->per[i].roles && *in->per[i].roles)
            return true;
    return false;
}

int invite_user(struct op *op, const struct invite_input *in,
                char token[TOKEN_TEXT_LEN + 1], struct vg_err *err)
{
    struct make_ctx c = {in,
                         {.login = in->login,
                          .pwhash = "",
                          .created_at = op->now,
                          .display_name = in->display_name},
                         token};
    int rc = check_key("login", in->login, LOGIN_MAX, err);
    if (rc == 0 && in->display_name)
        rc = user_name_acceptable(in->display_name, err);
    if (rc == 0)
        rc = user_parse_roles("roles", in->roles ? in->roles : "", true,
                              &c.u.roles, err);
    if (rc == 0 && c.u.roles == 0 && !some_roles(in))
        rc = vg_err_set(err, VG_EINVAL, "roles",
                        "give them at least one role, on every tracker or "
                        "on one");
    if (rc == 0)
        rc = audit_transaction(op, invite_body, &c, err);
    if (rc != 0)
        sodium_memzero(token, TOKEN_TEXT_LEN + 1);
    return rc;
}

struct again_ctx {
    const char *login;
    enum invite_purpose purpose;
    char *token;
};

static int again_body(struct op *op, void *p, struct vg_err *err)
{
    struct again_ctx *c = p;
    struct user u;
    int rc = store_user_get(op->st, op->arena, c->login, &u, err);
    if (rc == VG_ENOTFOUND)
        return vg_err_set(err, rc, "login", "no user \"%.64s\"", c->login);
    if (rc != 0)
        return rc;
    bool account = c->purpose == INVITE_ACCOUNT;
    if (account && *u.pwhash)
        return vg_err_set(err, VG_ECONFLICT, "login",
                          "%s has set a password: they sign in as usual",
                          u.login);
    if (!account && !*u.pwhash)
        return vg_err_set(err, VG_ECONFLICT, "login",
                          "%s has not signed up yet: send a new invitation",
                          u.login);
    json_t *before = user_json(&u);
    if (!account) { /* the old second factor stops working now */
        sodium_memzero(u.totp_secret, sizeof u.totp_secret);
        u.has_totp = false;
        u.totp_step = 0;
        rc = store_user_save(op->st, &u, err);
        if (rc == 0)
            rc = store_session_delete_user(op->st, u.id, NULL, err);
    }
    if (rc == 0)
        rc = new_link(op, &u, c->purpose, c->token, err);
    if (rc != 0) {
        json_decref(before);
        return rc;
    }
    return link_audited(op, account ? "user.invite" : "user.totp-reset", &u,
                        before, err);
}

static int again(struct op *op, const char *login, enum invite_purpose purpose,
                 char token[TOKEN_TEXT_LEN + 1], struct vg_err *err)
{
    struct again_ctx c = {login, purpose, token};
    int rc = audit_transaction(op, again_body, &c, err);
    if (rc != 0)
        sodium_memzero(token, TOKEN_TEXT_LEN + 1);
    return rc;
}

int invite_renew(struct op *op, const char *login,
                 char token[TOKEN_TEXT_LEN + 1], struct vg_err *err)
{
    return again(op, login, INVITE_ACCOUNT, token, err);
}

int invite_reset_totp(struct op *op, const char *login,
                      char token[TOKEN_TEXT_LEN + 1], struct vg_err *err)
{
    return again(op, login, INVITE_SECOND_FACTOR, token, err);
}

/* ==== Following a link ==== */

int invite_find(struct store *st, struct arena *a, const char *token,
                int64_t now, struct invite *out, struct user *u)
{
    uint8_t hash[TOKEN_HASH_LEN];
    struct vg_err err = VG_ERR_INIT;
    if (token == NULL || auth_token_hash(token, hash) != 0)
        return VG_ENOTFOUND;
    int rc = store_invite_get(st, a, hash, out, &err);
    if (rc == 0)
        rc = store_user_by_id(st, a, out->user_id, u, &err);
    if (rc != 0)
        return rc;
    if (out->closed_at || now >= out->expires_at || u->disabled)
        return VG_ENOTFOUND;
    return 0;
}

/* Checks the answer's code against its secret and enrols it into u. */
static int enrol(struct op *op, const struct invite_answer *in, struct user *u,
                 struct vg_err *err)
{
    int64_t step = totp_step(in->totp_secret, in->code, op->now);
    if (step < 0)
        return vg_err_set(err, VG_EINVAL, "code",
                          "is not the code your authenticator app shows "
                          "for this secret now");
    memcpy(u->totp_secret, in->totp_secret, TOTP_SECRET_LEN);
    u->has_totp = true;
    u->totp_step = step; /* used: it cannot sign in a second time */
    return 0;
}

static int accept_body(struct op *op, void *p, struct vg_err *err)
{
    const struct invite_answer *in = p;
    struct invite i;
    struct user u;
    int rc = invite_find(op->st, op->arena, in->token, op->now, &i, &u);
    if (rc == VG_ENOTFOUND)
        return vg_err_set(err, rc, "token",
                          "this link is not open: it was used, replaced or "
                          "is older than 48 hours; ask an admin for a new "
                          "one");
    json_t *before = rc == 0 ? user_json(&u) : NULL;
    if (rc == 0)
        rc = enrol(op, in, &u, err);
    if (rc == 0 && i.purpose == INVITE_ACCOUNT &&
        (in->pwhash == NULL || *in->pwhash == '\0'))
        rc = vg_err_set(err, VG_EINVAL, "password", "is required");
    if (rc == 0 && i.purpose == INVITE_ACCOUNT) {
        u.pwhash = in->pwhash;
        if (in->display_name)
            u.display_name = *in->display_name ? in->display_name : NULL;
    }
    if (rc == 0)
        rc = store_user_save(op->st, &u, err);
    if (rc == 0)
        rc = store_invite_close_user(op->st, u.id, op->now, err);
    if (rc == 0)
        rc = store_session_delete_user(op->st, u.id, NULL, err);
    if (rc != 0) {
        json_decref(before);
        return rc;
    }
    json_t *after = user_json(&u);
    json_object_set_new(after, "totp", json_string("changed"));
    if (i.purpose == INVITE_ACCOUNT)
        json_object_set_new(after, "password", json_string("changed"));
    return audit_record(
        op, i.purpose == INVITE_ACCOUNT ? "user.signup" : "user.enrol",
        audit_entity(op, "user/%s", u.login), before, after, err);
}

int invite_accept(struct op *op, const struct invite_answer *in,
                  struct vg_err *err)
{
    if (in->display_name && *in->display_name &&
        user_name_acceptable(in->display_name, err) != 0)
        return err->code;
    return audit_transaction(op, accept_body, (void *)in, err);
}
