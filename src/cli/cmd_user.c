/* cmd_user.c: editor accounts, made and changed on the host. */
#include "cli/cmd_user.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/auth.h"
#include "model/enums.h"
#include "core/invites.h"
#include "core/users.h"

static const struct cli_opt password_opts[] = {
    {"roles", "LIST",
     "contributor, editor, verifier, custodian, admin (\"\" for none)"},
    {"tracker", "SLUG", "the roles hold on this tracker only"},
    {"password-file", "PATH",
     "read the password from PATH (default: the "
     "first line of standard input)"},
    {NULL, NULL, NULL},
};

/* Reads the password's first line from --password-file or stdin into pw
 * (wiped by the caller). */
static int read_password(struct cli *c, struct buf *pw)
{
    const char *file = cli_opt(c, "password-file");
    int rc = cli_read_file(c, file ? file : "-", 4096, pw);
    if (rc != 0)
        return rc;
    char *nl = memchr(pw->p, '\n', pw->len);
    if (nl) {
        pw->len = (size_t)(nl - pw->p);
        *nl = '\0';
    }
    if (pw->len && pw->p[pw->len - 1] == '\r')
        pw->p[--pw->len] = '\0';
    return 0;
}

static void wipe(struct buf *pw)
{
    if (pw->p)
        sodium_memzero(pw->p, pw->cap);
    buf_release(pw);
}

/* Prints a second-factor secret once, for an authenticator app. */
static int print_totp(struct cli *c, const char *login,
                      const uint8_t secret[TOTP_SECRET_LEN])
{
    char uri[TOTP_URI_MAX];
    if (totp_uri("Vigil", login, secret, uri, sizeof uri) != 0) {
        fprintf(stderr, "vigil %s: cannot encode the second-factor secret\n",
                c->path);
        return 1;
    }
    const char *b32 = strstr(uri, "secret=") + 7;
    printf("second factor (TOTP): add it to an authenticator app now; it is "
           "not shown again\n  secret: %.*s\n  uri: %s\n",
           (int)strcspn(b32, "&"), b32, uri);
    return 0;
}

/* user add LOGIN --roles LIST [--password-file PATH] */
static int cmd_user_add(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct buf pw = BUF_INIT(4096);
    uint8_t secret[TOTP_SECRET_LEN];
    const char *tracker = cli_opt(c, "tracker");
    struct tracker_roles on = {tracker, cli_opt(c, "roles")};
    int rc = read_password(c, &pw);
    if (rc == 0)
        rc = cli_op(c, &op);
    if (rc == 0 &&
        user_add_on(&op, cli_pos(c, 0), tracker ? "" : on.roles,
                    tracker ? &on : NULL, buf_cstr(&pw), secret, &err) != 0)
        rc = cli_fail(c, &err);
    wipe(&pw);
    if (rc == 0) {
        printf("added user %s\n", cli_pos(c, 0));
        rc = print_totp(c, cli_pos(c, 0), secret);
    }
    sodium_memzero(secret, sizeof secret);
    return rc;
}

/* user totp LOGIN */
static int cmd_user_totp(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    uint8_t secret[TOTP_SECRET_LEN];
    int rc = cli_op(c, &op);
    if (rc == 0 && user_totp_reset(&op, cli_pos(c, 0), secret, &err) != 0)
        rc = cli_fail(c, &err);
    if (rc == 0)
        rc = print_totp(c, cli_pos(c, 0), secret);
    sodium_memzero(secret, sizeof secret);
    return rc;
}

/* user token LOGIN [--label TEXT] */
static int cmd_user_token(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    char token[TOKEN_TEXT_LEN + 1];
    int rc = cli_op(c, &op);
    if (rc == 0 && user_token_add(&op, cli_pos(c, 0), cli_opt(c, "label"),
                                  token, &err) != 0)
        rc = cli_fail(c, &err);
    if (rc == 0)
        printf("%s\n", token);
    sodium_memzero(token, sizeof token);
    return rc;
}

static const struct cli_opt token_opts[] = {
    {"label", "TEXT", "what the token is for (default: script)"},
    {NULL, NULL, NULL},
};

/* user passwd LOGIN [--password-file PATH] */
static int cmd_user_passwd(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct buf pw = BUF_INIT(4096);
    int rc = read_password(c, &pw);
    if (rc == 0)
        rc = cli_op(c, &op);
    if (rc == 0 && user_passwd(&op, cli_pos(c, 0), buf_cstr(&pw), &err) != 0)
        rc = cli_fail(c, &err);
    wipe(&pw);
    if (rc == 0)
        printf("changed the password of %s\n", cli_pos(c, 0));
    return rc;
}

/* user roles LOGIN LIST [--tracker SLUG] */
static int cmd_user_roles(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    const char *tracker = cli_opt(c, "tracker");
    struct tracker_roles on = {tracker, cli_pos(c, 1)};
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (user_set_roles(&op, cli_pos(c, 0), tracker ? NULL : on.roles, &on,
                       tracker ? 1 : 0, &err) != 0)
        return cli_fail(c, &err);
    printf("%s now holds %s%s%s\n", cli_pos(c, 0),
           *on.roles ? on.roles : "no roles", tracker ? " on " : "",
           tracker ? tracker : "");
    return 0;
}

static const struct cli_opt roles_opts[] = {
    {"tracker", "SLUG",
     "set the roles on this tracker only (admin is never one of them)"},
    {NULL, NULL, NULL},
};

/* user name LOGIN NAME */
static int cmd_user_name(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (user_set_name(&op, cli_pos(c, 0), cli_pos(c, 1), &err) != 0)
        return cli_fail(c, &err);
    printf("%s is now named %s\n", cli_pos(c, 0),
           *cli_pos(c, 1) ? cli_pos(c, 1) : "nothing");
    return 0;
}

/* user invite LOGIN [--roles LIST] [--tracker SLUG] [--name NAME]
 * [--base-url URL] */
static int cmd_user_invite(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    char token[TOKEN_TEXT_LEN + 1];
    const char *tracker = cli_opt(c, "tracker");
    const char *roles = cli_opt(c, "roles") ? cli_opt(c, "roles") : "";
    struct tracker_roles on = {tracker, roles};
    struct invite_input in = {cli_pos(c, 0), cli_opt(c, "name"),
                              tracker ? "" : roles, &on, tracker ? 1 : 0};
    const char *base = cli_opt(c, "base-url");
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (invite_user(&op, &in, token, &err) != 0)
        return cli_fail(c, &err);
    printf("invited %s: send them this link (once, for 48 hours)\n"
           "%s/invite?token=%s\n",
           cli_pos(c, 0), base ? base : "", token);
    sodium_memzero(token, sizeof token);
    return 0;
}

static const struct cli_opt invite_opts[] = {
    {"roles", "LIST", "their roles (on every tracker unless --tracker)"},
    {"tracker", "SLUG", "the roles hold on this tracker only"},
    {"name", "TEXT", "their display name for bylines"},
    {"base-url", "URL", "the site's address, to print the whole link"},
    {NULL, NULL, NULL},
};

/* user disable LOGIN [--off] */
static int cmd_user_disable(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    bool on = !cli_flag(c, "off");
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (user_disable(&op, cli_pos(c, 0), on, &err) != 0)
        return cli_fail(c, &err);
    printf("%s user %s\n", on ? "disabled" : "re-enabled", cli_pos(c, 0));
    return 0;
}

static const struct cli_opt disable_opts[] = {
    {"off", NULL, "re-enable the user"},
    {NULL, NULL, NULL},
};

/* user list */
static int cmd_user_list(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct user *u;
    struct grant *g;
    size_t n, ng;
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (store_user_list(c->st, &c->arena, &u, &n, &err) != 0 ||
        store_grant_list(c->st, &c->arena, 0, &g, &ng, &err) != 0)
        return cli_fail(c, &err);
    struct buf out = BUF_INIT(1 << 24);
    for (size_t i = 0; i < n; i++) {
        char roles[128];
        roles_format(u[i].roles, roles, sizeof roles);
        buf_printf(&out, "%s\t%s%s", u[i].login, roles,
                   u[i].disabled ? "\tdisabled" : "");
        for (size_t j = 0; j < ng; j++) {
            if (g[j].user_id != u[i].id)
                continue;
            roles_format(g[j].roles, roles, sizeof roles);
            buf_printf(&out, "\ton %s: %s", g[j].tracker_slug, roles);
        }
        if (u[i].display_name)
            buf_printf(&out, "\tnamed %s", u[i].display_name);
        BUF_LIT(&out, "\n");
    }
    rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}

const struct cli_cmd user_cmds[] = {
    {"add", cmd_user_add,
     "LOGIN --roles LIST [--tracker SLUG] [--password-file PATH]",
     "add an editor account (password from stdin)", password_opts, 1, 1, NULL},
    {"invite", cmd_user_invite,
     "LOGIN [--roles LIST] [--tracker SLUG] [--name NAME]",
     "invite someone: a one-time link where they set a password and a "
     "second factor",
     invite_opts, 1, 1, NULL},
    {"passwd", cmd_user_passwd, "LOGIN [--password-file PATH]",
     "set a new password (from stdin)", password_opts + 2, 1, 1, NULL},
    {"roles", cmd_user_roles, "LOGIN LIST [--tracker SLUG]",
     "replace a user's roles, on every tracker or on one", roles_opts, 2, 2,
     NULL},
    {"name", cmd_user_name, "LOGIN NAME",
     "set the display name bylines show (a pseudonym will do; \"\": none)",
     NULL, 2, 2, NULL},
    {"disable", cmd_user_disable, "LOGIN [--off]",
     "stop a user from signing in (or allow again with --off)", disable_opts, 1,
     1, NULL},
    {"totp", cmd_user_totp, "LOGIN",
     "give a user a new second-factor (TOTP) secret", NULL, 1, 1, NULL},
    {"token", cmd_user_token, "LOGIN [--label TEXT]",
     "issue an API token for scripts (printed once)", token_opts, 1, 1, NULL},
    {"list", cmd_user_list, "", "list users and their roles", NULL, 0, 0, NULL},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
