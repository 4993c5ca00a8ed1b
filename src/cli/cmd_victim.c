/* cmd_victim.c: the victims registry from the host (the host's CLI holds
 * every role: its reads of sealed fields are audited as the host's). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd_place.h"
#include "core/trackers.h"
#include "core/victims.h"

/* The master key (cli_key_file; made at the first record when create
 * is set). */
static int open_vault(struct cli *c, bool create, struct vault *v)
{
    struct vg_err err = VG_ERR_INIT;
    char path[1100];
    const char *p = cli_key_file(c, &CLI_MASTER_KEY, path, sizeof path);
    if (p == NULL)
        return cli_usage_error(c, "a PostgreSQL record's victims need "
                                  "--master-key FILE (or VIGIL_MASTER_KEY)");
    if (vault_open(p, create, v, &err) != 0)
        return cli_fail(c, &err);
    return 0;
}

static const struct cli_opt add_opts[] = {
    {"name", "TEXT", "the name in Latin script"},
    {"name-native", "TEXT", "the name in the person's own script"},
    {"age", "N", "age in years"},
    {"gender", "TEXT", "as reported"},
    {"date", "DATE", "of death, arrest or disappearance (YYYY-MM-DD)"},
    {"place", "TEXT", "where"},
    {"circumstance", "C", "killed, detained, disappeared, injured, executed"},
    {"family-contact", "TEXT", "sealed; custodians only by default"},
    {"witness", "TEXT", "sealed; custodians only by default"},
    {"notes", "TEXT", "sealed; editors and custodians by default"},
    {"visibility", "LIST",
     "FIELD=public|editors|custodians,... (e.g. name=custodians)"},
    {"sources", "LIST", "source slugs, separated by commas"},
    {"invented", NULL, "a made-up record (for a demo): said on every page"},
    {"master-key", "FILE",
     "the master key (default $VIGIL_MASTER_KEY, or DB.key)"},
    {NULL, NULL, NULL},
};

/* The record's options given. */
static struct victim_input victim_input_from(struct cli *c)
{
    static const char *const opt[VF_COUNT] = {
        "name",         "name-native",    "age",     "gender", "date", "place",
        "circumstance", "family-contact", "witness", "notes"};
    struct victim_input in = {.visibility = cli_opt(c, "visibility"),
                              .sources = cli_opt(c, "sources"),
                              .invented = cli_flag(c, "invented")};
    for (int i = 0; i < VF_COUNT; i++)
        in.value[i] = cli_opt(c, opt[i]);
    return in;
}

/* victim add TRACKER --name TEXT --circumstance C [OPTIONS] */
static int cmd_victim_add(struct cli *c)
{
    struct victim_input in = victim_input_from(c);
    struct op op;
    struct vault v;
    struct vg_err err = VG_ERR_INIT;
    int64_t number;
    int rc = cli_op(c, &op);
    if (rc == 0)
        rc = open_vault(c, true, &v);
    if (rc == 0 && victim_add(&op, &v, cli_pos(c, 0), &in, &number, &err) != 0)
        rc = cli_fail(c, &err);
    if (rc == 0)
        printf("recorded victim %lld in %s\n", (long long)number,
               cli_pos(c, 0));
    return rc;
}

static const struct cli_opt edit_opts[] = {
    {"name", "TEXT", "the name in Latin script (\"\" drops a field)"},
    {"name-native", "TEXT", "the name in the person's own script"},
    {"age", "N", "age in years"},
    {"gender", "TEXT", "as reported"},
    {"date", "DATE", "of death, arrest or disappearance (YYYY-MM-DD)"},
    {"place", "TEXT", "where"},
    {"circumstance", "C", "killed, detained, disappeared, injured, executed"},
    {"family-contact", "TEXT", "sealed; custodians only by default"},
    {"witness", "TEXT", "sealed; custodians only by default"},
    {"notes", "TEXT", "sealed; editors and custodians by default"},
    {"visibility", "LIST",
     "FIELD=public|editors|custodians,... for the fields named"},
    {"sources", "LIST", "source slugs, separated by commas: the new list"},
    {"master-key", "FILE",
     "the master key (default $VIGIL_MASTER_KEY, or DB.key)"},
    {NULL, NULL, NULL},
};

/* victim edit TRACKER N [--FIELD TEXT] [--visibility LIST] [--sources L] */
static int cmd_victim_edit(struct cli *c)
{
    struct victim_input in = victim_input_from(c);
    struct op op;
    struct vault v;
    struct vg_err err = VG_ERR_INIT;
    long long n = cli_pos_number(c, 1, "the victim's number");
    if (n < 0)
        return EXIT_USAGE;
    int rc = cli_op(c, &op);
    if (rc == 0)
        rc = open_vault(c, true, &v);
    if (rc == 0 && victim_edit(&op, &v, cli_pos(c, 0), n, &in, &err) != 0)
        rc = cli_fail(c, &err);
    if (rc == 0)
        printf("edited victim %lld of %s\n", n, cli_pos(c, 0));
    return rc;
}

static int print_json(json_t *j)
{
    char *line = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    printf("%s\n", line);
    free(line);
    json_decref(j);
    return 0;
}

/* victim list TRACKER: the public fields of every record */
static int cmd_victim_list(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct victim *v;
    size_t n;
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (tracker_lookup(c->st, &c->arena, "tracker", cli_pos(c, 0), &t, &err) !=
            0 ||
        store_victim_list(c->st, &c->arena, t.id, &v, &n, &err) != 0)
        return cli_fail(c, &err);
    for (size_t i = 0; i < n; i++)
        print_json(victim_public(&v[i]));
    return 0;
}

/* victim show TRACKER N: every field (an audited read) */
static int cmd_victim_show(struct cli *c)
{
    struct op op;
    struct vault v;
    struct vg_err err = VG_ERR_INIT;
    json_t *j;
    long long n = cli_pos_number(c, 1, "the victim's number");
    if (n < 0)
        return EXIT_USAGE;
    int rc = cli_op(c, &op);
    if (rc == 0)
        rc = open_vault(c, false, &v);
    if (rc == 0 && victim_open(&op, &v, cli_pos(c, 0), n, &j, &err) != 0)
        rc = cli_fail(c, &err);
    return rc ? rc : print_json(j);
}

/* victim purge TRACKER N */
static int cmd_victim_purge(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    long long n = cli_pos_number(c, 1, "the victim's number");
    if (n < 0)
        return EXIT_USAGE;
    int rc = cli_op(c, &op);
    if (rc == 0 && victim_purge(&op, cli_pos(c, 0), n, &err) != 0)
        rc = cli_fail(c, &err);
    if (rc == 0)
        printf("purged victim %lld of %s: its sealed fields can no longer "
               "be read\n",
               n, cli_pos(c, 0));
    return rc;
}

static const struct cli_opt key_opts[] = {
    {"master-key", "FILE",
     "the master key (default $VIGIL_MASTER_KEY, or DB.key)"},
    {NULL, NULL, NULL},
};

const struct cli_cmd victim_cmds[] = {
    {"add", cmd_victim_add, "TRACKER --name TEXT --circumstance C [OPTIONS]",
     "record a person (fields public or sealed)", add_opts, 1, 1, NULL},
    {"edit", cmd_victim_edit, "TRACKER N [OPTIONS]",
     "change a record's fields (a new revision, sealed anew)", edit_opts, 2, 2,
     NULL},
    {"list", cmd_victim_list, "TRACKER",
     "the public fields of every record (JSON lines)", NULL, 1, 1, NULL},
    {"show", cmd_victim_show, "TRACKER N",
     "every field of a record (the read is audited)", key_opts, 2, 2, NULL},
    {"purge", cmd_victim_purge, "TRACKER N",
     "destroy a record's key, for the person's safety", NULL, 2, 2, NULL},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
