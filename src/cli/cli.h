/*
 * cli.h: the command-line framework: command tables, option parsing,
 * and the helpers every command uses.
 *
 * Conventions (DESIGN §5): every command takes --db PATH (default
 * vigil.db) and --help; errors go to stderr as "vigil CMD: FIELD: message";
 * exit status 0 on success, 1 when input is refused or an operation fails,
 * 2 on a usage error.
 */
#ifndef VIGIL_CLI_CLI_H
#define VIGIL_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "core/op.h"
#include "util/buf.h"

enum { EXIT_OK = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2 };
enum { CLI_MAX_OPTS = 24, CLI_MAX_POS = 4 };

/* An option: "--name ARG" when arg is set, a flag "--name" otherwise. An
 * ARG ending in "..." may be given more than once; cli_opt then returns
 * the values joined by commas. */
struct cli_opt {
    const char *name; /* without the dashes: "started-on" */
    const char *arg;  /* metavariable ("DATE"), or NULL for a flag */
    const char *help;
};

struct cli;

struct cli_cmd {
    const char *name;
    int (*run)(struct cli *c);  /* NULL for a group */
    const char *usage;          /* arguments after the name */
    const char *summary;        /* one line */
    const struct cli_opt *opts; /* ends with {NULL}; may be NULL */
    int min_pos, max_pos;       /* positional arguments */
    const struct cli_cmd *sub;  /* a group's commands, ends with {NULL} */
};

/* What a running command knows. */
struct cli {
    const struct cli_cmd *cmd;
    char path[64];                    /* "tracker create" */
    const char *db;                   /* --db, default "vigil.db" */
    bool db_given;                    /* --db was on the command line */
    const char *values[CLI_MAX_OPTS]; /* by index into cmd->opts */
    bool given[CLI_MAX_OPTS];
    const char *pos[CLI_MAX_POS];
    int npos;
    struct arena arena; /* freed when the command ends */
    struct store *st;   /* open store, closed at the end */
};

/* ==== Dispatch ==== */

/* Finds the command in table for argv, parses its options and runs it.
 * Returns the exit status. */
int cli_main(const struct cli_cmd *table, int argc, char **argv);

/* ==== Arguments ==== */

/* The value of option `name`, or NULL when not given. */
const char *cli_opt(const struct cli *c, const char *name);
/* Whether flag `name` was given. */
bool cli_flag(const struct cli *c, const char *name);
/* Positional argument i, or NULL. */
const char *cli_pos(const struct cli *c, int i);
/* Reads option `name` as a whole number in [min, max] into *out (left as
 * it is when the option is absent). Returns 0, or reports a usage error
 * and returns EXIT_USAGE. */
int cli_opt_uint(struct cli *c, const char *name, unsigned min, unsigned max,
                 unsigned *out);
/* Parses positional argument i as a number from 1; on failure reports a
 * usage error and returns -1. */
long long cli_pos_number(struct cli *c, int i, const char *what);

/* ==== Helpers ==== */

/* Opens c->db in mode into c->st. Returns 0 or an exit status (reported). */
int cli_open(struct cli *c, enum store_mode mode);
/* Opens the store for writing and fills op (actor "host:USER", now from
 * the clock). Returns 0 or an exit status (reported). */
int cli_op(struct cli *c, struct op *op);
/* Reports err (naming the field as its option when there is one) and
 * returns EXIT_REFUSED. */
int cli_fail(struct cli *c, const struct vg_err *err);
/* Reports a usage error and returns EXIT_USAGE. */
int cli_usage_error(struct cli *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The install's keys, each a file outside the record. */
struct cli_key {
    const char *option; /* "master-key" */
    const char *env;    /* "VIGIL_MASTER_KEY" */
    const char *suffix; /* ".key": beside a database file */
};
extern const struct cli_key CLI_MASTER_KEY, CLI_SIGNING_KEY;

/* A key's file: its option, else its environment variable, else DB plus
 * its suffix beside a database file (into buf). NULL for a PostgreSQL
 * record with neither: its keys live with no file of its own. */
const char *cli_key_file(const struct cli *c, const struct cli_key *k,
                         char *buf, size_t size);
/* Reads a whole file ("-" is stdin) of at most max bytes into out.
 * Returns 0 or an exit status (reported). */
int cli_read_file(struct cli *c, const char *path, size_t max, struct buf *out);
/* A file read in place: a regular file is mapped (a 300 MB import need not
 * be copied before it is parsed), anything else read into buf. */
struct cli_file {
    const char *p;
    size_t len;
    void *map; /* when mapped */
    struct buf buf;
};
/* As cli_read_file, into f; release with cli_file_release. */
int cli_map_file(struct cli *c, const char *path, size_t max,
                 struct cli_file *f);
void cli_file_release(struct cli_file *f);
/* Writes b to stdout; returns 0 or EXIT_REFUSED on a write error. */
int cli_print(struct cli *c, const struct buf *b);

#endif
