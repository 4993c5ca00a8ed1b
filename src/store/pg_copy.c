/*
 * pg_copy.c: rows into PostgreSQL with COPY FROM STDIN, in its text
 * format: one line a row, columns split by tabs, \N for NULL, and a
 * backslash, tab, newline or carriage return inside a value escaped with
 * a backslash. A bytea value is its hex text (\x...), whose backslash is
 * escaped in turn. The server parses rows without planning a statement
 * for each, and a stream of them costs no round trip a row (bench P6; a
 * million events through `vigil copy`).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/buf.h"

static void copy_text(struct buf *out, const char *p, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        char esc = p[i] == '\\'   ? '\\'
                   : p[i] == '\t' ? 't'
                   : p[i] == '\n' ? 'n'
                   : p[i] == '\r' ? 'r'
                                  : 0;
        if (esc == 0)
            continue;
        buf_append(out, p + run, i - run);
        buf_putc(out, '\\');
        buf_putc(out, esc);
        run = i + 1;
    }
    buf_append(out, p + run, n - run);
}

static void copy_blob(struct buf *out, const void *data, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *b = data;
    buf_append(out, "\\\\x", 3);
    for (size_t i = 0; i < n; i++) {
        char pair[2] = {hex[b[i] >> 4], hex[b[i] & 15]};
        buf_append(out, pair, 2);
    }
}

static void copy_int(struct buf *out, int64_t v)
{
    char text[24];
    int n = snprintf(text, sizeof text, "%" PRId64, v);
    buf_append(out, text, (size_t)n);
}

/* Appends column c to a COPY line. */
static void copy_col(struct buf *out, const struct col *c)
{
    switch (c->type) {
    case 'I': copy_int(out, c->i); break;
    case 'T': copy_text(out, c->p, c->n); break;
    case 'B': copy_blob(out, c->p, c->n); break;
    default: buf_append(out, "\\N", 2); break;
    }
}

void pg_copy_line(struct buf *out, const struct col *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            buf_putc(out, '\t');
        copy_col(out, &cols[i]);
    }
    buf_putc(out, '\n');
}

/* Fills err from a failed COPY (its result, or the connection). */
static int copy_fail(struct pg_store *st, PGresult *res, struct vg_err *err)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg =
        res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    int code = state && strcmp(state, "23505") == 0 ? VG_ECONFLICT : VG_EIO;
    return vg_err_set(err, code, NULL, "database: %s",
                      msg ? msg : PQerrorMessage(st->conn));
}

/* Reads results until the connection is idle; the first failure wins. */
static int copy_finish(struct pg_store *st, struct vg_err *err)
{
    int rc = 0;
    PGresult *res;
    while ((res = PQgetResult(st->conn)) != NULL) {
        ExecStatusType s = PQresultStatus(res);
        if (rc == 0 && s != PGRES_COMMAND_OK)
            rc = copy_fail(st, res, err);
        PQclear(res);
        if (s == PGRES_COPY_IN) /* the end was never sent: it is lost */
            break;
    }
    return rc;
}

int pg_copy_start(struct pg_store *st, const char *sql, struct vg_err *err)
{
    atomic_fetch_add(&st->statements, 1);
    PGresult *res = PQexec(st->conn, sql);
    if (PQresultStatus(res) == PGRES_COPY_IN) {
        PQclear(res);
        return 0;
    }
    int rc = copy_fail(st, res, err);
    PQclear(res);
    copy_finish(st, NULL);
    return rc;
}

/* In chunks of at most 1 MB: PQputCopyData takes an int length. */
int pg_copy_send(struct pg_store *st, const struct buf *data,
                 struct vg_err *err)
{
    enum { CHUNK = 1 << 20 };
    if (data->failed)
        return vg_err_set(err, VG_EIO, "db", "a batch too large to copy");
    for (size_t off = 0; off < data->len; off += CHUNK) {
        size_t n = data->len - off < CHUNK ? data->len - off : CHUNK;
        if (PQputCopyData(st->conn, data->p + off, (int)n) != 1)
            return copy_fail(st, NULL, err);
    }
    return 0;
}

int pg_copy_end(struct pg_store *st, const char *abort, struct vg_err *err)
{
    int sent = PQputCopyEnd(st->conn, abort);
    int rc = copy_finish(st, err);
    if (rc == 0 && sent != 1)
        rc = copy_fail(st, NULL, err);
    return rc;
}

int pg_copy_rows(struct pg_store *st, const char *sql, const struct buf *data,
                 struct vg_err *err)
{
    int rc = pg_copy_start(st, sql, err);
    if (rc != 0)
        return rc;
    rc = pg_copy_send(st, data, err);
    int end = pg_copy_end(st, rc ? "the rows could not be sent" : NULL, err);
    return rc ? rc : end;
}
