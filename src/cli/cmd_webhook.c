/* cmd_webhook.c: adding, listing and removing webhooks (core/webhooks.h),
 * and the kinds of change they can be sent. */
#include "cli/cmd_webhook.h"

#include <stdio.h>

#include "core/trackers.h"
#include "core/webhooks.h"
#include "render/text.h"

static const struct cli_opt add_opts[] = {
    {"kinds", "KIND...",
     "the kinds of change to send (default: every kind; vigil webhook kinds)"},
    {NULL, NULL, NULL},
};

static const struct cli_opt list_opts[] = {
    {"tracker", "SLUG", "only this tracker's webhooks"},
    {NULL, NULL, NULL},
};

/* webhook add TRACKER URL [--kinds KIND...] */
static int cmd_webhook_add(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    char secret[WEBHOOK_SECRET_LEN + 1];
    int64_t id = 0;
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (webhook_add(&op, cli_pos(c, 0), cli_pos(c, 1), cli_opt(c, "kinds"),
                    secret, &id, &err) != 0)
        return cli_fail(c, &err);
    /* The secret is shown this once: the receiver keeps it to check
     * signatures. */
    printf("added webhook %lld to %s\nsecret %s\n", (long long)id,
           cli_pos(c, 0), secret);
    return 0;
}

/* webhook list [--tracker SLUG] */
static int cmd_webhook_list(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t = {0};
    struct webhook *w;
    size_t n;
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (cli_opt(c, "tracker"))
        rc = tracker_lookup(c->st, &c->arena, "tracker", cli_opt(c, "tracker"),
                            &t, &err);
    if (rc == 0)
        rc = store_webhook_list(c->st, &c->arena, t.id, &w, &n, &err);
    if (rc != 0)
        return cli_fail(c, &err);
    struct buf out = BUF_INIT(1 << 24);
    for (size_t i = 0; i < n; i++) {
        buf_printf(&out, "%lld\t%s\t", (long long)w[i].id, w[i].tracker_slug);
        text_clean(&out, w[i].url);
        buf_printf(&out, "\t%s\tpending %lld\tdelivered %lld\n", w[i].kinds,
                   (long long)w[i].pending, (long long)w[i].delivered);
    }
    rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}

/* webhook remove ID */
static int cmd_webhook_remove(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    long long id = cli_pos_number(c, 0, "webhook");
    if (id < 0)
        return EXIT_USAGE;
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (webhook_remove(&op, NULL, id, &err) != 0)
        return cli_fail(c, &err);
    printf("removed webhook %lld\n", id);
    return 0;
}

/* webhook kinds */
static int cmd_webhook_kinds(struct cli *c)
{
    struct buf out = BUF_INIT(1 << 16);
    for (int i = 0; i < HOOK_KIND_COUNT; i++)
        buf_printf(&out, "%s\t%s\n", webhook_kinds[i].name,
                   webhook_kinds[i].summary);
    int rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}

const struct cli_cmd webhook_cmds[] = {
    {"add", cmd_webhook_add, "TRACKER URL [--kinds KIND...]",
     "send a tracker's changes to URL, signed; prints the secret once",
     add_opts, 2, 2, NULL},
    {"list", cmd_webhook_list, "[--tracker SLUG]",
     "list webhooks and their notifications pending and delivered", list_opts,
     0, 0, NULL},
    {"remove", cmd_webhook_remove, "ID",
     "remove a webhook and the notifications it has not sent", NULL, 1, 1,
     NULL},
    {"kinds", cmd_webhook_kinds, "", "list the kinds of change a webhook sends",
     NULL, 0, 0, NULL},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
