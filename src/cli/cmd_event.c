/* cmd_event.c: events, recorded and listed from the host. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd_place.h"
#include "core/events.h"
#include "core/trackers.h"

static const struct cli_opt add_opts[] = {
    {"date", "DATE", "the day, or a range's first day (YYYY-MM-DD)"},
    {"end-date", "DATE", "a range's last day"},
    {"time-precision", "N", "1 day (default), 2 week, 3 month (ACLED)"},
    {"type", "TYPE", "ACLED's event type: Protests, Riots, ..."},
    {"sub-type", "SUB", "its sub-type: Peaceful protest, ..."},
    {"place", "NAME", "where: a name the gazetteer knows, or any name"},
    {"country", "CC", "the place's country (ISO code)"},
    {"lat", "DEG", "latitude, to place it by hand"},
    {"lon", "DEG", "longitude"},
    {"geo-precision", "N", "1 town (default), 2 near or part of, 3 region"},
    {"actor1", "NAME", "ACLED's first actor: Protesters (Iran), ..."},
    {"actor2", "NAME", "the second actor"},
    {"size-qualifier", "Q", "exact, at_least, more_than, about, up_to, range"},
    {"size-low", "N", "the crowd's size (a range's low end)"},
    {"size-high", "N", "a range's high end"},
    {"size-words", "TEXT", "a vague size: dozens, hundreds, thousands, ..."},
    {"fatalities", "N", "reported deaths"},
    {"source", "SLUG", "who reported it"},
    {"url", "URL", "where it was reported"},
    {"notes", "TEXT", "what happened, in a sentence or two"},
    {"gazetteer", "FILE",
     "the gazetteer (default $VIGIL_GAZETTEER, or "
     "gazetteer/world.tsv in the data folder)"},
    {NULL, NULL, NULL},
};

/* The event options given. */
static struct event_input event_input_from(struct cli *c)
{
    return (struct event_input){
        .date = cli_opt(c, "date"),
        .end_date = cli_opt(c, "end-date"),
        .time_precision = cli_opt(c, "time-precision"),
        .type = cli_opt(c, "type"),
        .sub_type = cli_opt(c, "sub-type"),
        .place = cli_opt(c, "place"),
        .country = cli_opt(c, "country"),
        .lat = cli_opt(c, "lat"),
        .lon = cli_opt(c, "lon"),
        .geo_precision = cli_opt(c, "geo-precision"),
        .actor1 = cli_opt(c, "actor1"),
        .actor2 = cli_opt(c, "actor2"),
        .size_qualifier = cli_opt(c, "size-qualifier"),
        .size_low = cli_opt(c, "size-low"),
        .size_high = cli_opt(c, "size-high"),
        .size_words = cli_opt(c, "size-words"),
        .fatalities = cli_opt(c, "fatalities"),
        .source = cli_opt(c, "source"),
        .url = cli_opt(c, "url"),
        .notes = cli_opt(c, "notes"),
    };
}

/* event add TRACKER --date DATE --type T --sub-type S --place NAME ... */
static int cmd_event_add(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct gazetteer *g;
    struct event_input in = event_input_from(c);
    int64_t number;
    if (cli_gazetteer(c, false, &g) != 0)
        return 1;
    int rc = cli_op(c, &op);
    if (rc == 0 && event_add(&op, g, cli_pos(c, 0), &in, &number, &err) != 0)
        rc = cli_fail(c, &err);
    gazetteer_free(g);
    if (rc == 0)
        printf("recorded event %lld in %s\n", (long long)number, cli_pos(c, 0));
    return rc;
}

/* event edit TRACKER N [--date DATE] [--place NAME] ...: the options
 * given replace the event's ("" clears an optional one). */
static int cmd_event_edit(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct gazetteer *g = NULL;
    struct event_input in = event_input_from(c);
    long long n = cli_pos_number(c, 1, "the event number");
    if (n < 0)
        return EXIT_USAGE;
    /* Only a new place without coordinates needs the gazetteer. */
    if (in.place && !in.lat && cli_gazetteer(c, false, &g) != 0)
        return 1;
    int rc = cli_op(c, &op);
    if (rc == 0 && event_edit(&op, g, cli_pos(c, 0), n, &in, &err) != 0)
        rc = cli_fail(c, &err);
    gazetteer_free(g);
    if (rc == 0)
        printf("edited event %lld of %s\n", n, cli_pos(c, 0));
    return rc;
}

/* event retract TRACKER N */
static int cmd_event_retract(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    long long n = cli_pos_number(c, 1, "the event number");
    if (n < 0)
        return EXIT_USAGE;
    int rc = cli_op(c, &op);
    if (rc == 0 && event_retract(&op, cli_pos(c, 0), n, &err) != 0)
        rc = cli_fail(c, &err);
    if (rc == 0)
        printf("retracted event %lld of %s\n", n, cli_pos(c, 0));
    return rc;
}

/* event list TRACKER: every event as JSON lines, oldest first. */
static int cmd_event_list(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct event *e;
    size_t n;
    struct event_filter f = {.with_retracted = true};
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (tracker_lookup(c->st, &c->arena, "tracker", cli_pos(c, 0), &t, &err) !=
            0 ||
        store_event_list(c->st, &c->arena, t.id, &f, &e, &n, &err) != 0)
        return cli_fail(c, &err);
    struct buf out = BUF_INIT(1 << 26);
    for (size_t i = 0; i < n; i++) {
        json_t *j = event_json(&e[i]);
        char *line = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                       JSON_REAL_PRECISION(10));
        buf_puts(&out, line);
        buf_putc(&out, '\n');
        free(line);
        json_decref(j);
    }
    rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}

const struct cli_cmd event_cmds[] = {
    {"add", cmd_event_add,
     "TRACKER --date DATE --type TYPE --sub-type SUB --place NAME [OPTIONS]",
     "record what happened, where (ACLED's fields)", add_opts, 1, 1, NULL},
    {"edit", cmd_event_edit, "TRACKER N [OPTIONS]",
     "change an event's fields (a new revision; earlier ones stay)", add_opts,
     2, 2, NULL},
    {"retract", cmd_event_retract, "TRACKER N",
     "mark an event retracted (it stays in the record)", NULL, 2, 2, NULL},
    {"list", cmd_event_list, "TRACKER", "a tracker's events as JSON lines",
     NULL, 1, 1, NULL},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
