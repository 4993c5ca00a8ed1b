/* cmd_record.c: sources, posting and changing updates, claims. */
#include "cli/cmd_record.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "core/claims.h"
#include "model/enums.h"
#include "core/figure.h"
#include "core/markdown.h"
#include "core/sources.h"
#include "core/trackers.h"
#include "core/updates.h"
#include "render/text.h"

/* Bodies larger than this are refused while reading, before core reports
 * the exact Markdown limit. */
enum { BODY_READ_MAX = 4 * MARKDOWN_MAX_BYTES };

/* ==== Sources ==== */

static const struct cli_opt source_opts[] = {
    {"name", "TEXT", "who they are, e.g. Amnesty International"},
    {"kind", "KIND",
     "ngo, intergovernmental, government, opposition, "
     "media, monitor, witness or other"},
    {"url", "URL", "their site"},
    {"note", "TEXT", "affiliation note, e.g. pro-opposition site"},
    {"grade", "A-F", "reliability grade"},
    {"tracker", "SLUG", "link it into this tracker's list"},
    {NULL, NULL, NULL},
};

/* source add SLUG --name TEXT [--kind KIND] [--url URL] ... */
static int cmd_source_add(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct source_input in = {cli_pos(c, 0),        cli_opt(c, "name"),
                              cli_opt(c, "kind"),   cli_opt(c, "url"),
                              cli_opt(c, "note"),   cli_opt(c, "grade"),
                              cli_opt(c, "tracker")};
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (source_add(&op, &in, &err) != 0)
        return cli_fail(c, &err);
    printf("added source %s\n", in.slug);
    return 0;
}

/* The id of tracker --tracker, or 0 without one. Returns 0 or an exit
 * status (reported). */
static int tracker_opt(struct cli *c, int64_t *id)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    const char *slug = cli_opt(c, "tracker");
    *id = 0;
    if (slug == NULL)
        return 0;
    if (tracker_lookup(c->st, &c->arena, "tracker", slug, &t, &err) != 0)
        return cli_fail(c, &err);
    *id = t.id;
    return 0;
}

/* Appends source s's line: slug, kind, name, then its aliases. */
static void source_line(struct buf *out, const struct source *s,
                        const struct source_alias *al, size_t na)
{
    buf_printf(out, "%s\t%s\t", s->slug,
               enum_name(&source_kind_names, (int)s->kind));
    text_clean(out, s->name);
    for (size_t i = 0; i < na; i++) {
        if (al[i].source_id != s->id)
            continue;
        BUF_LIT(out, "\t");
        text_clean(out, al[i].alias);
    }
    BUF_LIT(out, "\n");
}

/* source list [--tracker SLUG] */
static int cmd_source_list(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct source *s;
    struct source_alias *al;
    size_t n, na;
    int64_t tracker_id;
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc == 0)
        rc = tracker_opt(c, &tracker_id);
    if (rc != 0)
        return rc;
    if (store_source_list(c->st, &c->arena, tracker_id, &s, &n, &err) != 0 ||
        store_source_alias_list(c->st, &c->arena, tracker_id, &al, &na, &err) !=
            0)
        return cli_fail(c, &err);
    struct buf out = BUF_INIT(1 << 24);
    for (size_t i = 0; i < n; i++)
        source_line(&out, &s[i], al, na);
    rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}

/* source link SLUG TRACKER */
static int cmd_source_link(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (source_link(&op, cli_pos(c, 1), cli_pos(c, 0), &err) != 0)
        return cli_fail(c, &err);
    printf("tracker %s lists source %s\n", cli_pos(c, 1), cli_pos(c, 0));
    return 0;
}

/* source alias SLUG NAME */
static int cmd_source_alias(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (source_alias_add(&op, cli_pos(c, 0), cli_pos(c, 1), &err) != 0)
        return cli_fail(c, &err);
    printf("source %s also goes by \"%s\"\n", cli_pos(c, 0), cli_pos(c, 1));
    return 0;
}

static const struct cli_opt source_list_opts[] = {
    {"tracker", "SLUG", "only the sources this tracker lists"},
    {NULL, NULL, NULL},
};

const struct cli_cmd source_cmds[] = {
    {"add", cmd_source_add, "SLUG --name TEXT [OPTIONS]",
     "add a source (one record, linked into any number of trackers)",
     source_opts, 1, 1, NULL},
    {"list", cmd_source_list, "[--tracker SLUG]",
     "list sources: slug, kind, name, aliases", source_list_opts, 0, 0, NULL},
    {"link", cmd_source_link, "SLUG TRACKER",
     "list a source in a tracker's own list", NULL, 2, 2, NULL},
    {"alias", cmd_source_alias, "SLUG NAME",
     "another name the source goes by (extraction matches it)", NULL, 2, 2,
     NULL},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};

/* ==== Posting and changing updates ==== */

/* The options of an update's embed (core/embeds.h), shared by post and
 * update edit; more: what the --embed line adds. */
#define EMBED_OPTS(more)                                                      \
    {"embed", "URL",                                                          \
     "show a post from elsewhere or a video (X, Telegram, Instagram, "        \
     "YouTube, Facebook, TikTok, Mastodon, Bluesky, or a video's https "      \
     "link); nothing is fetched from it" more},                               \
        {"embed-author", "NAME", "who posted it, as the post shows"},         \
        {"embed-text", "TEXT",                                                \
         "its text, as read (required but for a video)"},                     \
        {"embed-date", "DATE", "when it was posted (YYYY-MM-DD)"},            \
        {"embed-captured", "TIME",                                            \
         "when its text was copied (YYYY-MM-DDTHH:MM:SSZ; default now)"},     \
        {"embed-still", "SHA256", "a still image from the media store"},      \
        {"embed-duration", "LENGTH", "a video's length (95, 1:35, 1:02:03)"}, \
    {                                                                         \
        "embed-source", "TEXT", "a video's source"                            \
    }

const struct cli_opt post_opts[] = {
    {"title", "TEXT", "a one-line title"},
    {"kind", "KIND", "update, statement, news-brief or correction"},
    {"lang", "TAG", "language of this update, if not the tracker's"},
    {"file", "PATH", "read the Markdown body from PATH (- for stdin)"},
    {"key", NULL, "mark as a key event"},
    {"pin", NULL, "pin on top of the page"},
    {"corrects", "N", "the public update this correction corrects"},
    EMBED_OPTS(""),
    {NULL, NULL, NULL},
};

/* Reads --embed and its details into *e; returns e, or NULL when --embed
 * is not given. */
static const struct embed_input *embed_opts(const struct cli *c,
                                            struct embed_input *e)
{
    *e = (struct embed_input){
        .url = cli_opt(c, "embed"),
        .author = cli_opt(c, "embed-author"),
        .text = cli_opt(c, "embed-text"),
        .date = cli_opt(c, "embed-date"),
        .captured = cli_opt(c, "embed-captured"),
        .still = cli_opt(c, "embed-still"),
        .duration = cli_opt(c, "embed-duration"),
        .source = cli_opt(c, "embed-source"),
    };
    return e->url ? e : NULL;
}

/* Reads the body from --file, or stdin when `stdin_default`. */
static int read_body(struct cli *c, bool stdin_default, struct buf *body,
                     struct update_input *in)
{
    const char *file = cli_opt(c, "file");
    if (file == NULL && !stdin_default)
        return 0;
    int rc = cli_read_file(c, file ? file : "-", BODY_READ_MAX, body);
    if (rc == 0) {
        in->body = buf_cstr(body);
        in->body_len = body->len;
    }
    return rc;
}

/* Reads --corrects N into in->corrects. Returns 0 or EXIT_USAGE. */
static int corrects_opt(struct cli *c, struct update_input *in)
{
    unsigned n = 0;
    int rc = cli_opt_uint(c, "corrects", 1, UINT32_MAX, &n);
    in->corrects = n;
    return rc;
}

/* post TRACKER [--title T] [--file F] [--corrects N] < body.md */
int cmd_post(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct buf body = BUF_INIT(BODY_READ_MAX);
    struct update_input in = {.title = cli_opt(c, "title"),
                              .kind = cli_opt(c, "kind"),
                              .lang = cli_opt(c, "lang"),
                              .pinned = cli_flag(c, "pin"),
                              .key_event = cli_flag(c, "key")};
    struct embed_input embed;
    in.embed = embed_opts(c, &embed);
    int64_t number = 0;
    int rc = corrects_opt(c, &in);
    if (rc == 0)
        rc = read_body(c, true, &body, &in);
    if (rc == 0)
        rc = cli_op(c, &op);
    if (rc == 0 && update_post(&op, cli_pos(c, 0), &in, &number, &err) != 0)
        rc = cli_fail(c, &err);
    buf_release(&body);
    if (rc == 0)
        printf("posted update %lld to %s\n", (long long)number, cli_pos(c, 0));
    return rc;
}

static const struct cli_opt edit_opts[] = {
    {"rev", "N",
     "the revision the edit starts from (required; `update history` shows "
     "the latest): refused if someone changed the text since"},
    {"title", "TEXT", "a new title"},
    {"kind", "KIND", "update, statement, news-brief or correction"},
    {"lang", "TAG", "a new language tag"},
    {"file", "PATH", "read the new Markdown body from PATH (- for stdin)"},
    {"corrects", "N", "the public update this correction corrects"},
    EMBED_OPTS("; \"\" takes it away"),
    {NULL, NULL, NULL},
};

/* update edit TRACKER N --rev R [--title T] [--file F] */
static int cmd_update_edit(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct buf body = BUF_INIT(BODY_READ_MAX);
    struct update_input in = {.title = cli_opt(c, "title"),
                              .kind = cli_opt(c, "kind"),
                              .lang = cli_opt(c, "lang"),
                              .rev = cli_opt(c, "rev")};
    struct embed_input embed;
    in.embed = embed_opts(c, &embed);
    long long number = cli_pos_number(c, 1, "the update number");
    if (number < 0 || corrects_opt(c, &in) != 0)
        return EXIT_USAGE;
    int rc = read_body(c, false, &body, &in);
    if (rc == 0)
        rc = cli_op(c, &op);
    if (rc == 0 && update_edit(&op, cli_pos(c, 0), number, &in, &err) != 0)
        rc = cli_fail(c, &err);
    buf_release(&body);
    if (rc == 0)
        printf("edited update %lld of %s\n", number, cli_pos(c, 0));
    return rc;
}

/* update retract|pin|key TRACKER N [--off]: the command's name is the
 * change's (core's update_acts); --off takes its undo. */
static int cmd_update_change(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    const struct update_act_row *act = update_act_named(c->cmd->name);
    assert(act != NULL); /* the command table names only its rows */
    bool on = !cli_flag(c, "off");
    if (!on)
        act = &update_acts[act->undo];
    long long number = cli_pos_number(c, 1, "the update number");
    if (number < 0)
        return EXIT_USAGE;
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (update_act(&op, cli_pos(c, 0), number, act->act, &err) != 0)
        return cli_fail(c, &err);
    printf("%s%s update %lld of %s\n", on ? "" : "un", c->cmd->name, number,
           cli_pos(c, 0));
    return 0;
}

/* Loads update N of a tracker and, with revs, all its revisions. */
static int load_update(struct cli *c, long long number, struct update *u,
                       struct update **revs, size_t *nrev)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    rc = tracker_lookup(c->st, &c->arena, "tracker", cli_pos(c, 0), &t, &err);
    if (rc == 0 && (rc = store_update_get(c->st, &c->arena, t.id, number, u,
                                          &err)) == VG_ENOTFOUND)
        vg_err_set(&err, rc, "number", "tracker %s has no update %lld", t.slug,
                   number);
    if (rc == 0)
        rc = store_update_revisions(c->st, &c->arena, u->id, revs, nrev, &err);
    return rc ? cli_fail(c, &err) : 0;
}

static const struct cli_opt show_opts[] = {
    {"rev", "N", "print revision N instead of the latest"},
    {NULL, NULL, NULL},
};

/* update show TRACKER N [--rev R]: the Markdown body, byte for byte. */
static int cmd_update_show(struct cli *c)
{
    struct update u, *revs;
    size_t nrev;
    long long number = cli_pos_number(c, 1, "the update number"), rev = 0;
    if (number < 0)
        return EXIT_USAGE;
    const char *r = cli_opt(c, "rev");
    if (r && (sscanf(r, "%lld", &rev) != 1 || rev < 1))
        return cli_usage_error(c, "--rev takes a number from 1");
    int rc = load_update(c, number, &u, &revs, &nrev);
    if (rc != 0)
        return rc;
    if (rev > (long long)nrev) {
        fprintf(stderr, "vigil %s: --rev: update %lld has %zu revisions\n",
                c->path, number, nrev);
        return EXIT_REFUSED;
    }
    const struct update *show = rev ? &revs[rev - 1] : &u;
    struct buf out = BUF_INIT(1 << 24);
    buf_puts(&out, show->body_md);
    rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}

/* update history TRACKER N: one line per revision. */
static int cmd_update_history(struct cli *c)
{
    struct update u, *revs;
    size_t nrev;
    long long number = cli_pos_number(c, 1, "the update number");
    if (number < 0)
        return EXIT_USAGE;
    int rc = load_update(c, number, &u, &revs, &nrev);
    if (rc != 0)
        return rc;
    struct buf out = BUF_INIT(1 << 24);
    for (size_t i = 0; i < nrev; i++) {
        char at[TIMESTAMP_LEN + 1];
        timestamp_format(revs[i].revised_at, at);
        buf_printf(&out, "%lld\t%s\t%s\t%s\t", (long long)revs[i].rev_no, at,
                   revs[i].reason,
                   enum_name(&update_status_names, (int)revs[i].status));
        text_clean(&out, revs[i].author);
        BUF_LIT(&out, "\t");
        text_clean(&out, revs[i].title);
        BUF_LIT(&out, "\n");
    }
    rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}

static const struct cli_opt off_opts[] = {
    {"off", NULL, "undo: unpin, or unmark as key event"},
    {NULL, NULL, NULL},
};

const struct cli_cmd update_cmds[] = {
    {"edit", cmd_update_edit,
     "TRACKER N --rev R [--title T] [--file PATH] [--corrects N]",
     "edit an update (a new revision; earlier ones stay)", edit_opts, 2, 2,
     NULL},
    {"retract", cmd_update_change, "TRACKER N",
     "mark an update retracted (its text stays)", NULL, 2, 2, NULL},
    {"pin", cmd_update_change, "TRACKER N [--off]",
     "pin an update on top (unpins the pinned one)", off_opts, 2, 2, NULL},
    {"key", cmd_update_change, "TRACKER N [--off]",
     "mark an update as a key event", off_opts, 2, 2, NULL},
    {"show", cmd_update_show, "TRACKER N [--rev R]",
     "print an update's Markdown body exactly as stored", show_opts, 2, 2,
     NULL},
    {"history", cmd_update_history, "TRACKER N", "list an update's revisions",
     NULL, 2, 2, NULL},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};

/* ==== Claims ==== */

static const struct cli_opt claim_opts[] = {
    {"metric", "KEY", "what is counted, e.g. killed"},
    {"source", "SLUG", "who claims it"},
    {"qualifier", "Q", "exact, at_least, more_than, about, up_to or range"},
    {"low", "N", "the figure (a range's low end)"},
    {"high", "N", "a range's high end"},
    {"words", "TEXT", "a vague amount: dozens, hundreds, thousands, ..."},
    {"as-of", "DATE", "the date the figure is for, YYYY-MM-DD"},
    {"url", "URL", "where it was said"},
    {"quote", "TEXT", "the sentence it came from"},
    {"note", "TEXT", "a note for readers"},
    {"scope", "TEXT", "a place or region the figure is limited to"},
    {NULL, NULL, NULL},
};

/* The claim options given. */
static struct claim_input claim_input_from(struct cli *c)
{
    return (struct claim_input){
        cli_opt(c, "metric"), cli_opt(c, "source"), cli_opt(c, "qualifier"),
        cli_opt(c, "low"),    cli_opt(c, "high"),   cli_opt(c, "words"),
        cli_opt(c, "as-of"),  cli_opt(c, "url"),    cli_opt(c, "quote"),
        cli_opt(c, "note"),   cli_opt(c, "scope"),  NULL};
}

/* claim add TRACKER --metric KEY --source SLUG --low N --as-of DATE ... */
static int cmd_claim_add(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct claim_input in = claim_input_from(c);
    int64_t number;
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (claim_add(&op, cli_pos(c, 0), &in, &number, &err) != 0)
        return cli_fail(c, &err);
    printf("recorded claim %lld in %s\n", (long long)number, cli_pos(c, 0));
    return 0;
}

static const struct cli_opt retract_opts[] = {
    {"reason", "TEXT", "why the figure is withdrawn (required)"},
    {NULL, NULL, NULL},
};

static const struct cli_opt correct_opts[] = {
    {"reason", "TEXT", "why the figure is corrected (required)"},
    {"metric", "KEY", "what is counted (default: the old claim's)"},
    {"source", "SLUG", "who claims it (default: the old claim's)"},
    {"qualifier", "Q", "exact, at_least, more_than, about, up_to or range"},
    {"low", "N", "the figure (a range's low end)"},
    {"high", "N", "a range's high end"},
    {"words", "TEXT", "a vague amount: dozens, hundreds, thousands, ..."},
    {"as-of", "DATE", "the date the figure is for, YYYY-MM-DD"},
    {"url", "URL", "where it was said (\"\" for none)"},
    {"quote", "TEXT", "the sentence it came from (\"\" for none)"},
    {"note", "TEXT", "a note for readers (\"\" for none)"},
    {"scope", "TEXT", "a place or region it is limited to (\"\" for none)"},
    {NULL, NULL, NULL},
};

/* claim retract TRACKER N --reason TEXT
 * claim correct TRACKER N --reason TEXT [--low N ...] */
static int cmd_claim_withdraw(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    bool correct = strcmp(c->cmd->name, "correct") == 0;
    struct claim_input fix = claim_input_from(c);
    struct retraction_input in = {.reason = cli_opt(c, "reason"),
                                  .correction = correct ? &fix : NULL};
    long long n = cli_pos_number(c, 1, "the claim number");
    if (n < 0)
        return EXIT_USAGE;
    in.number = n;
    int64_t number = 0;
    int rc = cli_op(c, &op);
    if (rc == 0 && claim_retract(&op, cli_pos(c, 0), &in, &number, &err) != 0)
        rc = cli_fail(c, &err);
    if (rc == 0 && correct)
        printf("corrected claim %lld of %s with claim %lld\n", n, cli_pos(c, 0),
               (long long)number);
    else if (rc == 0)
        printf("retracted claim %lld of %s\n", n, cli_pos(c, 0));
    return rc;
}

static const struct cli_opt list_opts[] = {
    {"metric", "KEY", "only this metric"},
    {NULL, NULL, NULL},
};

/* "\tcorrected by N on DATE: reason" (or "retracted on ..."). */
static void withdrawn_text(struct buf *out, const struct retraction *r)
{
    char at[TIMESTAMP_LEN + 1];
    timestamp_format(r->at, at);
    if (r->corrected_by)
        buf_printf(out, "\tcorrected by %lld", (long long)r->corrected_by);
    else
        BUF_LIT(out, "\tretracted");
    buf_printf(out, " on %.10s: ", at);
    text_clean(out, r->reason);
}

/* claim list TRACKER [--metric KEY]: every claim, oldest first. */
static int cmd_claim_list(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct metric m = {0};
    struct claim *cl;
    size_t n;
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    rc = tracker_lookup(c->st, &c->arena, "tracker", cli_pos(c, 0), &t, &err);
    const char *key = cli_opt(c, "metric");
    if (rc == 0 && key &&
        (rc = store_metric_get(c->st, &c->arena, t.id, key, &m, &err)) ==
            VG_ENOTFOUND)
        vg_err_set(&err, rc, "metric", "no metric \"%.64s\"", key);
    if (rc == 0)
        rc = store_claim_list(c->st, &c->arena, t.id, m.id, &cl, &n, &err);
    if (rc != 0)
        return cli_fail(c, &err);
    struct buf out = BUF_INIT(1 << 24);
    for (size_t i = 0; i < n; i++) {
        char as_of[DATE_LEN + 1];
        date_format(cl[i].as_of, as_of);
        buf_printf(&out, "%lld\t%s\t%s\t%s\t", (long long)cl[i].number,
                   cl[i].metric_key, as_of, cl[i].source_slug);
        figure_phrase(&cl[i], &out);
        buf_printf(&out, "\t%s",
                   enum_name(&claim_status_names, (int)cl[i].status));
        if (cl[i].retraction.reason)
            withdrawn_text(&out, &cl[i].retraction);
        BUF_LIT(&out, "\n");
    }
    rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}

const struct cli_cmd claim_cmds[] = {
    {"add", cmd_claim_add,
     "TRACKER --metric KEY --source SLUG --low N --as-of DATE [OPTIONS]",
     "record a source's figure", claim_opts, 1, 1, NULL},
    {"retract", cmd_claim_withdraw, "TRACKER N --reason TEXT",
     "withdraw a published figure (it stays in the record, struck through)",
     retract_opts, 2, 2, NULL},
    {"correct", cmd_claim_withdraw, "TRACKER N --reason TEXT [OPTIONS]",
     "correct a published figure: a new claim supersedes it", correct_opts, 2,
     2, NULL},
    {"list", cmd_claim_list, "TRACKER [--metric KEY]",
     "list a tracker's claims", list_opts, 1, 1, NULL},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
