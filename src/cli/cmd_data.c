/* cmd_data.c: creating, loading, exporting, backing up and checking the
 * database. */
#include "cli/cmd_data.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/bundle.h"
#include "core/demo.h"
#include "core/entity_json.h"
#include "store/store.h"

/* init */
int cmd_init(struct cli *c)
{
    int rc = cli_open(c, STORE_CREATE);
    if (rc != 0)
        return rc;
    printf("%s is ready (schema %d)\n", c->db, store_schema_version(c->st));
    return 0;
}

/* demo */
int cmd_demo(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    const char *slug;
    int rc = cli_op(c, &op);
    if (rc != 0)
        return rc;
    if (demo_load(&op, &slug, &err) != 0)
        return cli_fail(c, &err);
    printf("loaded the demo tracker %s (see: vigil tracker show %s)\n", slug,
           slug);
    return 0;
}

const struct cli_opt export_opts[] = {
    {"format", "FORMAT", "json (the whole tracker; the only format yet)"},
    {"output", "PATH", "write to PATH instead of standard output"},
    {NULL, NULL, NULL},
};

/* Writes all of b to a new file at path, synced before it is renamed
 * into place. */
static int write_file(struct cli *c, const char *path, const struct buf *b)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.part", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    bool ok = fd >= 0 && write(fd, buf_cstr(b), b->len) == (ssize_t)b->len &&
              fsync(fd) == 0;
    if (fd >= 0)
        ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) == 0)
        return 0;
    fprintf(stderr, "vigil %s: %s: %s\n", c->path, path, strerror(errno));
    unlink(tmp);
    return EXIT_REFUSED;
}

/* export TRACKER [--format json] [--output PATH] */
int cmd_export(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    const char *format = cli_opt(c, "format"), *output = cli_opt(c, "output");
    if (format && strcmp(format, "json") != 0)
        return cli_usage_error(c,
                               "--format: \"%.20s\" is not a format "
                               "(json)",
                               format);
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    struct buf out = BUF_INIT(BUNDLE_MAX_BYTES);
    if (bundle_export(c->st, &c->arena, cli_pos(c, 0), &out, &err) != 0)
        rc = cli_fail(c, &err);
    else
        rc = output ? write_file(c, output, &out) : cli_print(c, &out);
    buf_release(&out);
    return rc;
}

/* import FILE */
int cmd_import(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct buf data = BUF_INIT(BUNDLE_MAX_BYTES);
    const char *slug;
    int rc = cli_read_file(c, cli_pos(c, 0), BUNDLE_MAX_BYTES, &data);
    if (rc == 0)
        rc = cli_op(c, &op);
    if (rc == 0 && bundle_import(&op, data.p, data.len, &slug, &err) != 0)
        rc = cli_fail(c, &err);
    buf_release(&data);
    if (rc == 0)
        printf("imported tracker %s\n", slug);
    return rc;
}

/* backup FILE */
int cmd_backup(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (store_backup(c->st, cli_pos(c, 0), &err) != 0)
        return cli_fail(c, &err);
    printf("backed up %s to %s\n", c->db, cli_pos(c, 0));
    return 0;
}

/* check */
int cmd_check(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct buf report = BUF_INIT(1 << 20);
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    rc = store_check(c->st, &report, &err);
    if (rc == VG_ECORRUPT) {
        fprintf(stderr, "vigil check: %s FAILED:\n%s", c->db,
                buf_cstr(&report));
        rc = EXIT_REFUSED;
    } else if (rc != 0) {
        rc = cli_fail(c, &err);
    } else {
        char head[65];
        store_chain_head(c->st, "audit_log", head, NULL);
        printf("%s: ok (integrity, foreign keys, append-only triggers, "
               "hash chains; audit head %s)\n",
               c->db, head[0] ? head : "empty");
    }
    buf_release(&report);
    return rc;
}

const struct cli_opt audit_opts[] = {
    {"last", "N", "only the last N rows (default: all)"},
    {NULL, NULL, NULL},
};

/* audit [--last N]: one line per row, as JSON lines. */
int cmd_audit(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct audit_entry *e;
    size_t n;
    long long last = 0;
    const char *l = cli_opt(c, "last");
    if (l && (sscanf(l, "%lld", &last) != 1 || last < 1))
        return cli_usage_error(c, "--last takes a number from 1");
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (store_audit_list(c->st, &c->arena, (size_t)last, &e, &n, &err) != 0)
        return cli_fail(c, &err);
    struct buf out = BUF_INIT(1 << 28);
    for (size_t i = 0; i < n; i++) {
        json_t *j = audit_entry_json(&e[i]);
        char *line = json_dumps(j, JSON_COMPACT);
        buf_puts(&out, line);
        buf_putc(&out, '\n');
        free(line);
        json_decref(j);
    }
    rc = cli_print(c, &out);
    buf_release(&out);
    return rc;
}
