/*
 * cli.c: command dispatch, option parsing and shared command helpers.
 *
 * Options are "--name VALUE", "--name=VALUE" or "--name" (flags), in any
 * order among the positional arguments; "--" ends the options.
 */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/version.h"
#include "render/text.h"
#include "util/clock.h"

static const struct cli_opt common_opts[] = {
    {"db", "PATH", "the database file (default vigil.db)"},
    {"help", NULL, "show this help"},
    {NULL, NULL, NULL},
};

/* What `vigil --help` lists besides --db and --help; cli_main answers
 * them before any command. */
static const struct cli_opt root_opts[] = {
    {"version", NULL, "print the version, \"vigil X.Y.Z\" (also -V)"},
    {NULL, NULL, NULL},
};

/* ==== Help ==== */

static void print_opts(FILE *f, const struct cli_opt *opts)
{
    for (size_t i = 0; opts && opts[i].name; i++) {
        char left[48];
        snprintf(left, sizeof left, "--%s%s%s", opts[i].name,
                 opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
        fprintf(f, "  %-26s %s\n", left, opts[i].help);
    }
}

static void print_help(FILE *f, const char *path, const struct cli_cmd *cmd)
{
    fprintf(f, "usage: vigil %s%s%s\n", path,
            *path && cmd->usage && *cmd->usage ? " " : "",
            cmd->usage ? cmd->usage : "");
    if (cmd->summary)
        fprintf(f, "\n%s\n", cmd->summary);
    if (cmd->sub) {
        fprintf(f, "\ncommands:\n");
        for (const struct cli_cmd *s = cmd->sub; s->name; s++)
            fprintf(f, "  %-10s %s\n", s->name, s->summary);
    }
    fprintf(f, "\noptions:\n");
    print_opts(f, cmd->opts);
    print_opts(f, common_opts);
}

/* ==== Parsing ==== */

/* What parsing the arguments came to, beside EXIT_USAGE (reported). */
enum { PARSED = 0, HELP_ASKED = -1 };

static int find_opt(const struct cli_opt *opts, const char *name, size_t n)
{
    for (int i = 0; opts && opts[i].name; i++)
        if (strlen(opts[i].name) == n && strncmp(opts[i].name, name, n) == 0)
            return i;
    return -1;
}

/* An option whose metavariable ends in "..." may be given more than once:
 * its values are joined with commas ("--trusted-proxy CIDR..."). */
static bool repeatable(const struct cli_opt *o)
{
    size_t n = o->arg ? strlen(o->arg) : 0;
    return n > 3 && strcmp(o->arg + n - 3, "...") == 0;
}

/* "a,b" in the arena. */
static const char *join(struct arena *a, const char *first, const char *next)
{
    size_t n = strlen(first), m = strlen(next);
    char *s = arena_alloc(a, n + m + 2);
    memcpy(s, first, n);
    s[n] = ',';
    memcpy(s + n + 1, next, m + 1);
    return s;
}

/* Handles one "--name[=value]" at argv[*i]: PARSED, HELP_ASKED, or
 * EXIT_USAGE. */
static int parse_opt(struct cli *c, int argc, char **argv, int *i)
{
    const char *name = argv[*i] + 2, *eq = strchr(name, '=');
    size_t n = eq ? (size_t)(eq - name) : strlen(name);
    int k = find_opt(c->cmd->opts, name, n);
    bool common = k < 0;
    const struct cli_opt *o = common ? NULL : &c->cmd->opts[k];
    if (common && (k = find_opt(common_opts, name, n)) >= 0)
        o = &common_opts[k];
    if (o == NULL)
        return cli_usage_error(c, "unknown option --%.*s", (int)n, name);
    const char *value = eq ? eq + 1 : NULL;
    if (o->arg && value == NULL) {
        if (*i + 1 >= argc)
            return cli_usage_error(c, "--%s needs a value (%s)", o->name,
                                   o->arg);
        value = argv[++*i];
    } else if (!o->arg && value) {
        return cli_usage_error(c, "--%s takes no value", o->name);
    }
    if (common && strcmp(o->name, "db") == 0) {
        c->db = value;
        c->db_given = true;
    } else if (common) {
        return HELP_ASKED;
    } else if (c->given[k] && value && repeatable(o)) {
        c->values[k] = join(&c->arena, c->values[k], value);
    } else {
        c->values[k] = value;
        c->given[k] = true;
    }
    return PARSED;
}

static int parse_args(struct cli *c, int argc, char **argv)
{
    bool options = true;
    for (int i = 0; i < argc; i++) {
        if (options && strcmp(argv[i], "--") == 0) {
            options = false;
        } else if (options && strncmp(argv[i], "--", 2) == 0) {
            int rc = parse_opt(c, argc, argv, &i);
            if (rc != PARSED)
                return rc;
        } else if (c->npos >= c->cmd->max_pos) {
            return cli_usage_error(c, "unexpected argument \"%.40s\"", argv[i]);
        } else {
            c->pos[c->npos++] = argv[i];
        }
    }
    if (c->npos < c->cmd->min_pos)
        return cli_usage_error(c, "missing arguments (usage: vigil %s %s)",
                               c->path, c->cmd->usage);
    return PARSED;
}

static const struct cli_cmd *find_cmd(const struct cli_cmd *table,
                                      const char *name)
{
    for (const struct cli_cmd *t = table; name && t->name; t++)
        if (strcmp(t->name, name) == 0)
            return t;
    return NULL;
}

static void append_path(char *path, size_t size, const char *name)
{
    size_t n = strlen(path);
    snprintf(path + n, size - n, "%s%s", n ? " " : "", name);
}

static int run(struct cli *c, int argc, char **argv)
{
    int rc = parse_args(c, argc, argv);
    if (rc == HELP_ASKED) {
        print_help(stdout, c->path, c->cmd);
        return EXIT_OK;
    }
    if (rc != PARSED)
        return rc;
    rc = c->cmd->run(c);
    store_close(c->st);
    arena_release(&c->arena);
    return rc;
}

/* Whether argv asks for the version alone: "vigil --version", "vigil -V". */
static bool wants_version(int argc, char **argv)
{
    return argc == 2 &&
           (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0);
}

int cli_main(const struct cli_cmd *table, int argc, char **argv)
{
    struct cli c = {.db = "vigil.db"};
    const struct cli_cmd root = {"",
                                 NULL,
                                 "COMMAND [ARGS]",
                                 "Vigil keeps a sourced, live record of an "
                                 "unfolding crisis.",
                                 root_opts,
                                 0,
                                 0,
                                 table};
    const struct cli_cmd *cmd = &root;
    int i = 1;
    if (wants_version(argc, argv)) {
        printf("vigil %s\n", VIGIL_VERSION);
        return EXIT_OK;
    }
    /* --db may also come before the command: vigil --db x.db tracker list */
    while (i < argc && strncmp(argv[i], "--db", 4) == 0) {
        if (argv[i][4] == '=') {
            c.db = argv[i] + 5;
        } else if (argv[i][4] == '\0' && i + 1 < argc) {
            c.db = argv[++i];
        } else {
            break;
        }
        c.db_given = true;
        i++;
    }
    while (cmd->sub) {
        const char *name = i < argc ? argv[i] : NULL;
        const struct cli_cmd *next = find_cmd(cmd->sub, name);
        if (next == NULL) {
            bool help = name && (strcmp(name, "--help") == 0 ||
                                 strcmp(name, "help") == 0);
            print_help(help ? stdout : stderr, c.path, cmd);
            if (!help && name)
                fprintf(stderr, "\nvigil: unknown command \"%.40s\"\n", name);
            return help ? EXIT_OK : EXIT_USAGE;
        }
        append_path(c.path, sizeof c.path, next->name);
        cmd = next;
        i++;
    }
    c.cmd = cmd;
    return run(&c, argc - i, argv + i);
}

/* ==== Arguments ==== */

const struct cli_key CLI_MASTER_KEY = {"master-key", "VIGIL_MASTER_KEY",
                                       ".key"};
const struct cli_key CLI_SIGNING_KEY = {"signing-key", "VIGIL_SIGNING_KEY",
                                        ".sign"};

const char *cli_key_file(const struct cli *c, const struct cli_key *k,
                         char *buf, size_t size)
{
    const char *p = cli_opt(c, k->option);
    if (p == NULL)
        p = getenv(k->env);
    if (p == NULL && store_db_is_file(c->db)) {
        snprintf(buf, size, "%s%s", c->db, k->suffix);
        p = buf;
    }
    return p;
}

const char *cli_opt(const struct cli *c, const char *name)
{
    int k = find_opt(c->cmd->opts, name, strlen(name));
    return k >= 0 ? c->values[k] : NULL;
}

bool cli_flag(const struct cli *c, const char *name)
{
    int k = find_opt(c->cmd->opts, name, strlen(name));
    return k >= 0 && c->given[k];
}

const char *cli_pos(const struct cli *c, int i)
{
    return i < c->npos ? c->pos[i] : NULL;
}

int cli_opt_uint(struct cli *c, const char *name, unsigned min, unsigned max,
                 unsigned *out)
{
    const char *s = cli_opt(c, name);
    if (s == NULL)
        return 0;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (*s < '0' || *s > '9' || *end || errno || v < min || v > max)
        return cli_usage_error(c, "--%s takes a number from %u to %u", name,
                               min, max);
    *out = (unsigned)v;
    return 0;
}

long long cli_pos_number(struct cli *c, int i, const char *what)
{
    const char *s = cli_pos(c, i);
    char *end;
    errno = 0;
    long long v = s ? strtoll(s, &end, 10) : 0;
    if (s == NULL || *s < '1' || *s > '9' || *end != '\0' || errno)
        return cli_usage_error(c, "%s must be a number from 1 (got \"%.20s\")",
                               what, s ? s : ""),
               -1;
    return v;
}

/* ==== Helpers ==== */

/* Writes s to stderr with control characters made harmless. */
static void put_clean(const char *s)
{
    struct buf b = BUF_INIT(4096);
    text_clean(&b, s);
    fputs(buf_cstr(&b), stderr);
    buf_release(&b);
}

int cli_fail(struct cli *c, const struct vg_err *err)
{
    fprintf(stderr, "vigil %s: ", c->path);
    if (err->field) {
        char opt[64];
        snprintf(opt, sizeof opt, "%s", err->field);
        for (char *p = opt; *p; p++)
            if (*p == '_')
                *p = '-';
        if (find_opt(c->cmd->opts, opt, strlen(opt)) >= 0)
            fprintf(stderr, "--%s: ", opt);
        else {
            put_clean(err->field);
            fputs(": ", stderr);
        }
    }
    put_clean(err->msg[0] ? err->msg : vg_code_name(err->code));
    fputc('\n', stderr);
    return EXIT_REFUSED;
}

int cli_usage_error(struct cli *c, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "vigil %s: ", c->path);
    put_clean(msg);
    fprintf(stderr, "\n(see 'vigil %s --help')\n", c->path);
    return EXIT_USAGE;
}

int cli_open(struct cli *c, enum store_mode mode)
{
    struct vg_err err = VG_ERR_INIT;
    if (c->st)
        return 0;
    if (store_open(c->db, mode, &c->st, &err) != 0)
        return cli_fail(c, &err);
    return 0;
}

static const char *host_actor(struct arena *a)
{
    const char *user = getenv("USER");
    struct passwd *pw = NULL;
    if (user == NULL || *user == '\0')
        pw = getpwuid(geteuid());
    char buf[96];
    snprintf(buf, sizeof buf, "host:%s",
             pw     ? pw->pw_name
             : user ? user
                    : "unknown");
    return arena_strdup(a, buf);
}

int cli_op(struct cli *c, struct op *op)
{
    struct vg_err err = VG_ERR_INIT;
    int64_t now;
    if (clock_now(&now, &err) != 0)
        return cli_fail(c, &err);
    int rc = cli_open(c, STORE_READ_WRITE);
    if (rc != 0)
        return rc;
    *op = (struct op){c->st, &c->arena, host_actor(&c->arena), now, ROLE_ALL};
    return 0;
}

int cli_read_file(struct cli *c, const char *path, size_t max, struct buf *out)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "vigil %s: %s: %s\n", c->path, path, strerror(errno));
        return EXIT_REFUSED;
    }
    out->limit = max;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && !out->failed)
        buf_append(out, chunk, n);
    bool bad = ferror(f);
    if (!is_stdin)
        fclose(f);
    if (bad || out->failed) {
        fprintf(stderr, "vigil %s: %s: %s\n", c->path,
                is_stdin ? "standard input" : path,
                bad ? "read error" : "too large");
        return EXIT_REFUSED;
    }
    if (out->p == NULL)
        buf_append(out, "", 0);
    return 0;
}

int cli_map_file(struct cli *c, const char *path, size_t max,
                 struct cli_file *f)
{
    *f = (struct cli_file){0};
    struct stat sb;
    int fd = strcmp(path, "-") == 0 ? -1 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
        sb.st_size > 0 && (uint64_t)sb.st_size <= max) {
        void *m = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            close(fd);
            f->map = m;
            f->p = m;
            f->len = (size_t)sb.st_size;
            return 0;
        }
    }
    if (fd >= 0)
        close(fd);
    f->buf = (struct buf)BUF_INIT(max);
    int rc = cli_read_file(c, path, max, &f->buf);
    f->p = f->buf.p;
    f->len = f->buf.len;
    return rc;
}

void cli_file_release(struct cli_file *f)
{
    if (f->map)
        munmap(f->map, f->len);
    buf_release(&f->buf);
    *f = (struct cli_file){0};
}

int cli_print(struct cli *c, const struct buf *b)
{
    if (fwrite(buf_cstr(b), 1, b->len, stdout) != b->len ||
        fflush(stdout) != 0) {
        fprintf(stderr, "vigil %s: cannot write output: %s\n", c->path,
                strerror(errno));
        return EXIT_REFUSED;
    }
    return 0;
}
