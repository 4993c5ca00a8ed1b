/* cmd_tracker.c: creating, listing, showing and changing trackers, and
 * their metrics. */
#include "cli/cmd_tracker.h"

#include <stdio.h>

#include "core/day.h"
#include "model/enums.h"
#include "core/highlights.h"
#include "core/view.h"
#include "core/sources.h"
#include "core/trackers.h"
#include "render/text.h"
#include "util/clock.h"

static const struct cli_opt tracker_opts[] = {
    {"title", "TEXT", "the tracker's title"},
    {"started-on", "DATE", "day 1, YYYY-MM-DD"},
    {"timezone", "ZONE", "IANA time zone for Day N, e.g. Asia/Tehran"},
    {"summary", "TEXT", "a short summary"},
    {"country", "CC", "ISO 3166-1 alpha-2 country code"},
    {"languages", "LIST", "language tags, main first (default en)"},
    {"status", "STATUS", "live, paused or ended"},
    {"ended-on", "DATE", "last day of coverage (set: ended)"},
    {"bylines", "on|off", "show each update's author (display name)"},
    {"gregorian", "on|off",
     "show the Gregorian date beside each Solar Hijri one"},
    {"frame-origins", "LIST",
     "origins that may frame /t/SLUG/embed, space-separated (\"\": none)"},
    {NULL, NULL, NULL},
};

static struct tracker_input tracker_input_of(struct cli *c)
{
    return (struct tracker_input){
        .title = cli_opt(c, "title"),
        .summary = cli_opt(c, "summary"),
        .started_on = cli_opt(c, "started-on"),
        .ended_on = cli_opt(c, "ended-on"),
        .timezone = cli_opt(c, "timezone"),
        .status = cli_opt(c, "status"),
        .country = cli_opt(c, "country"),
        .languages = cli_opt(c, "languages"),
        .bylines = cli_opt(c, "bylines"),
        .gregorian = cli_opt(c, "gregorian"),
        .frame_origins = cli_opt(c, "frame-origins"),
    };
}

/* tracker create SLUG --title T --started-on DATE --timezone ZONE */
static int cmd_tracker_create(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct tracker_input in = tracker_input_of(c);
    in.slug = cli_pos(c, 0);
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (tracker_create(&op, &in, NULL, &err) != 0)
        return cli_fail(c, &err);
    printf("created tracker %s\n", in.slug);
    return 0;
}

/* tracker set SLUG [--title T] [--status S] ... */
static int cmd_tracker_set(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct tracker_input in = tracker_input_of(c);
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (tracker_set(&op, cli_pos(c, 0), &in, &err) != 0)
        return cli_fail(c, &err);
    printf("updated tracker %s\n", cli_pos(c, 0));
    return 0;
}

/* tracker archive SLUG [--off], tracker unlist SLUG [--off] */
static int switch_tracker(struct cli *c, bool archive)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    bool on = !cli_flag(c, "off");
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    rc = archive ? tracker_archive(&op, cli_pos(c, 0), on, &err)
                 : tracker_unlist(&op, cli_pos(c, 0), on, &err);
    if (rc != 0)
        return cli_fail(c, &err);
    printf("%s tracker %s\n",
           archive ? (on ? "archived" : "unarchived")
                   : (on ? "unlisted" : "listed"),
           cli_pos(c, 0));
    return 0;
}

static int cmd_tracker_archive(struct cli *c)
{
    return switch_tracker(c, true);
}

static int cmd_tracker_unlist(struct cli *c)
{
    return switch_tracker(c, false);
}

static const struct cli_opt archive_opts[] = {
    {"off", NULL, "undo: make it writable again"},
    {NULL, NULL, NULL},
};

static const struct cli_opt unlist_opts[] = {
    {"off", NULL, "undo: list it again"},
    {NULL, NULL, NULL},
};

/* tracker list */
static int cmd_tracker_list(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker *t;
    size_t n;
    int64_t now;
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (clock_now(&now, &err) != 0 ||
        store_tracker_list(c->st, &c->arena, &t, &n, &err) != 0)
        return cli_fail(c, &err);
    struct buf out = BUF_INIT(1 << 24);
    for (size_t i = 0; i < n; i++) {
        struct day_info day;
        buf_printf(&out, "%s\t%s\t", t[i].slug,
                   enum_name(&tracker_status_names, (int)t[i].status));
        if (tracker_day(&t[i], now, &day, NULL) == 0)
            text_day(&out, &day);
        BUF_LIT(&out, "\t");
        text_clean(&out, t[i].title);
        if (t[i].archived_at)
            BUF_LIT(&out, "\tarchived");
        if (t[i].unlisted)
            BUF_LIT(&out, "\tunlisted");
        BUF_LIT(&out, "\n");
    }
    rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}

/* tracker show SLUG [--updates N] */
static int cmd_tracker_show(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker_view v;
    int64_t now;
    long long limit = 5;
    const char *updates = cli_opt(c, "updates");
    if (updates && (sscanf(updates, "%lld", &limit) != 1 || limit < 0))
        return cli_usage_error(c, "--updates takes a number (0: all)");
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (clock_now(&now, &err) != 0 ||
        tracker_view_load(c->st, &c->arena, cli_pos(c, 0), now, UPDATES_PUBLIC,
                          (size_t)limit, &v, &err) != 0)
        return cli_fail(c, &err);
    struct buf out = BUF_INIT(1 << 24);
    text_tracker(&out, &v);
    rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}

static const struct cli_opt show_opts[] = {
    {"updates", "N", "how many latest updates to show (default 5)"},
    {NULL, NULL, NULL},
};

const struct cli_cmd tracker_cmds[] = {
    {"create", cmd_tracker_create,
     "SLUG --title TEXT --started-on DATE --timezone ZONE [OPTIONS]",
     "start a tracker", tracker_opts, 1, 1, NULL},
    {"list", cmd_tracker_list, "", "list trackers with their day", NULL, 0, 0,
     NULL},
    {"show", cmd_tracker_show, "SLUG [--updates N]",
     "print Day N, the highlights and the latest updates", show_opts, 1, 1,
     NULL},
    {"set", cmd_tracker_set, "SLUG [OPTIONS]",
     "change a tracker's details or status", tracker_opts, 1, 1, NULL},
    {"archive", cmd_tracker_archive, "SLUG [--off]",
     "make a tracker read-only, still public (or writable again)", archive_opts,
     1, 1, NULL},
    {"unlist", cmd_tracker_unlist, "SLUG [--off]",
     "take a tracker off the index, still at its address (or list it)",
     unlist_opts, 1, 1, NULL},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};

/* ==== Metrics ==== */

static const struct cli_opt metric_opts[] = {
    {"label", "TEXT", "the metric's label, e.g. Killed"},
    {"position", "N", "display order (default: last)"},
    {NULL, NULL, NULL},
};

/* metric add TRACKER KEY --label TEXT [--position N] */
static int cmd_metric_add(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct metric_input in = {cli_pos(c, 1), cli_opt(c, "label"),
                              cli_opt(c, "position")};
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (metric_add(&op, cli_pos(c, 0), &in, &err) != 0)
        return cli_fail(c, &err);
    printf("added metric %s to %s\n", in.key, cli_pos(c, 0));
    return 0;
}

/* metric list TRACKER */
static int cmd_metric_list(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct metric *m;
    size_t n;
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    rc = tracker_lookup(c->st, &c->arena, "tracker", cli_pos(c, 0), &t, &err);
    if (rc == 0)
        rc = store_metric_list(c->st, &c->arena, t.id, &m, &n, &err);
    if (rc != 0)
        return cli_fail(c, &err);
    struct buf out = BUF_INIT(1 << 24);
    for (size_t i = 0; i < n; i++) {
        buf_printf(&out, "%s\t%lld\t", m[i].key, (long long)m[i].position);
        text_clean(&out, m[i].label);
        BUF_LIT(&out, "\n");
    }
    rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}

const struct cli_cmd metric_cmds[] = {
    {"add", cmd_metric_add, "TRACKER KEY --label TEXT [--position N]",
     "add a counted thing to a tracker", metric_opts, 2, 2, NULL},
    {"list", cmd_metric_list, "TRACKER", "list a tracker's metrics", NULL, 1, 1,
     NULL},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
