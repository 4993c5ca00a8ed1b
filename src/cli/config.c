/* config.c: reading a command's configuration file (see config.h). */
#include "cli/config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/paths.h"

enum { CONFIG_MAX_BYTES = 64 * 1024 };

/* Where one file is being read, for its messages. */
struct conf {
    struct cli *c;
    const char *path;
    int line;                /* from 1 */
    bool argv[CLI_MAX_OPTS]; /* given on the command line */
    bool set[CLI_MAX_OPTS];  /* set by the file, by option index */
    bool db_set;             /* "db" set by the file */
};

/* Reports "FILE:LINE: " and the formatted message as a usage error. */
static int bad_line(struct conf *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int bad_line(struct conf *f, const char *fmt, ...)
{
    char msg[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cli_usage_error(f->c, "%s:%d: %s", f->path, f->line, msg);
}

/* The index of option key in the command's table, or -1. */
static int find_key(const struct cli *c, const char *key)
{
    for (int i = 0; c->cmd->opts && c->cmd->opts[i].name; i++)
        if (strcmp(c->cmd->opts[i].name, key) == 0)
            return i;
    return -1;
}

/* A flag's value: 1 true, 0 false, -1 neither. */
static int truth(const char *v)
{
    if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0)
        return 1;
    if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0)
        return 0;
    return -1;
}

/* Whether v suits option o: any text but an empty one, and for a
 * metavariable "N" a whole number (its bounds are the command's to
 * check). */
static bool value_ok(const struct cli_opt *o, const char *v)
{
    if (*v == '\0')
        return false;
    if (strcmp(o->arg, "N") != 0)
        return true;
    for (; *v; v++)
        if (*v < '0' || *v > '9')
            return false;
    return true;
}

/* An option whose metavariable ends in "..." may be set on many lines. */
static bool repeats(const struct cli_opt *o)
{
    size_t n = o->arg ? strlen(o->arg) : 0;
    return n > 3 && strcmp(o->arg + n - 3, "...") == 0;
}

/* "prev,value" (prev NULL: value) in the command's arena. */
static char *joined(struct arena *a, const char *prev, const char *value)
{
    size_t n = prev ? strlen(prev) + 1 : 0, m = strlen(value);
    char *v = arena_alloc(a, n + m + 1);
    if (prev) {
        memcpy(v, prev, n - 1);
        v[n - 1] = ',';
    }
    memcpy(v + n, value, m + 1);
    return v;
}

/* Applies option k = value, unless the command line gave it. */
static int set_opt(struct conf *f, int k, const char *value)
{
    struct cli *c = f->c;
    const struct cli_opt *o = &c->cmd->opts[k];
    bool again = f->set[k];
    if (again && !repeats(o))
        return bad_line(f, "\"%s\" is set twice", o->name);
    if (o->arg == NULL && truth(value) < 0)
        return bad_line(f, "%s is true or false", o->name);
    if (o->arg && !value_ok(o, value))
        return bad_line(f, "%s needs a value", o->name);
    f->set[k] = true;
    if (f->argv[k])
        return 0; /* the command line wins */
    if (o->arg == NULL) {
        c->given[k] = truth(value) == 1;
        return 0;
    }
    c->values[k] = joined(&c->arena, again ? c->values[k] : NULL, value);
    c->given[k] = true;
    return 0;
}

/* "db = PATH": the database, unless --db was given. */
static int set_db(struct conf *f, const char *value)
{
    if (f->db_set)
        return bad_line(f, "\"db\" is set twice");
    if (*value == '\0')
        return bad_line(f, "db needs a value (PATH)");
    f->db_set = true;
    if (!f->c->db_given)
        f->c->db = arena_strdup(&f->c->arena, value);
    return 0;
}

/* s without the blanks around it, cut in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* One line of the file, NUL-terminated; changed in place. */
static int read_line(struct conf *f, char *line)
{
    char *s = trim(line);
    if (*s == '\0' || *s == '#')
        return 0;
    char *eq = strchr(s, '=');
    if (eq == NULL)
        return bad_line(f, "expected KEY = VALUE, not \"%.60s\"", s);
    *eq = '\0';
    const char *key = trim(s), *value = trim(eq + 1);
    if (strcmp(key, "db") == 0)
        return set_db(f, value);
    int k = find_key(f->c, key);
    if (k < 0 || strcmp(key, "config") == 0)
        return bad_line(f, "unknown setting \"%.60s\"", key);
    return set_opt(f, k, value);
}

/* The lines of text (len bytes, NUL-terminated), changed in place. */
static int read_lines(struct conf *f, char *text, size_t len)
{
    if (memchr(text, '\0', len))
        return bad_line(f, "a NUL byte: not a text file");
    int rc = 0;
    for (char *p = text; rc == 0 && *p; f->line++) {
        char *end = strchr(p, '\n');
        if (end)
            *end = '\0';
        rc = read_line(f, p);
        p = end ? end + 1 : p + strlen(p);
    }
    return rc;
}

int cli_config(struct cli *c)
{
    const char *path = cli_opt(c, "config");
    if (path == NULL)
        path = getenv("VIGIL_CONFIG");
    if (path == NULL || *path == '\0') {
        path = paths_config();
        if (access(path, F_OK) != 0 && errno == ENOENT)
            return 0; /* no configuration: the defaults */
    }
    struct conf f = {.c = c, .path = path, .line = 1};
    memcpy(f.argv, c->given, sizeof f.argv);
    struct buf b = BUF_INIT(CONFIG_MAX_BYTES);
    int rc = cli_read_file(c, path, CONFIG_MAX_BYTES, &b);
    if (rc == 0)
        rc = read_lines(&f, b.p, b.len);
    buf_release(&b);
    return rc;
}
