/* reqlog.c: the access log's lines (the format is in reqlog.h). */
#define _GNU_SOURCE
#include "http/reqlog.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http/metrics.h"
#include "http/proxy.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/decimal.h"
#include "util/jsonw.h"

enum {
    REQLOG_PATH_MAX = 2048,  /* bytes of a path written whole */
    REQLOG_LINE_MAX = 16384, /* bytes: a longer line is not written */
};

/* A node's name is text for a person: no control characters. */
static bool node_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= REQLOG_NODE_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    return true;
}

static int set_node(struct reqlog *l, const char *node, struct vg_err *err)
{
    if (node == NULL || *node == '\0') {
        if (gethostname(l->node, sizeof l->node) != 0)
            memcpy(l->node, "localhost", sizeof "localhost");
        l->node[sizeof l->node - 1] = '\0';
        return 0;
    }
    if (!node_ok(node))
        return vg_err_set(err, VG_EINVAL, "node",
                          "must be 1 to %d bytes of text, no control "
                          "characters",
                          REQLOG_NODE_MAX - 1);
    memcpy(l->node, node, strlen(node) + 1);
    return 0;
}

int reqlog_open(struct reqlog *l, const char *where, const char *node,
                struct vg_err *err)
{
    *l = (struct reqlog){.fd = -1};
    int rc = set_node(l, node, err);
    if (rc != 0 || where == NULL || strcmp(where, "off") == 0)
        return rc;
    if (strcmp(where, "-") == 0) {
        l->fd = STDERR_FILENO;
        return 0;
    }
    l->fd = open(where, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (l->fd < 0)
        return vg_err_set(err, VG_EIO, "access-log", "cannot open %s: %s",
                          where, strerror(errno));
    l->owns = true;
    return 0;
}

void reqlog_close(struct reqlog *l)
{
    if (l->owns)
        close(l->fd);
    l->fd = -1;
    l->owns = false;
}

bool reqlog_on(const struct reqlog *l)
{
    return l->fd >= 0;
}

/* Appends "YYYY-MM-DDTHH:MM:SS.mmmZ" of the wall clock now, quoted.
 * Built from digits: printf's share of a cached page's cost is not
 * small (front.c). */
static void put_time(struct buf *b)
{
    struct timespec ts;
    char at[TIMESTAMP_LEN + 1];
    clock_gettime(CLOCK_REALTIME, &ts);
    timestamp_format((int64_t)ts.tv_sec, at);
    long m = ts.tv_nsec / 1000000;
    char ms[4] = {(char)('0' + m / 100), (char)('0' + m / 10 % 10),
                  (char)('0' + m % 10), 'Z'};
    buf_putc(b, '"');
    buf_append(b, at, TIMESTAMP_LEN - 1); /* without its Z */
    buf_putc(b, '.');
    buf_append(b, ms, sizeof ms);
    buf_putc(b, '"');
}

/* Appends the number v. */
static void put_number(struct buf *b, int64_t v)
{
    char digits[DECIMAL_MAX];
    buf_append(b, digits, decimal_format(v, digits));
}

/* Appends ns as milliseconds with three decimals ("0.412"). */
static void put_ms(struct buf *b, int64_t ns)
{
    int64_t us = ns < 0 ? 0 : ns / 1000;
    char frac[4] = {'.', (char)('0' + us / 100 % 10),
                    (char)('0' + us / 10 % 10), (char)('0' + us % 10)};
    put_number(b, us / 1000);
    buf_append(b, frac, sizeof frac);
}

/* Appends path as a JSON string, its first REQLOG_PATH_MAX bytes and
 * "..." when longer: only a refused head carries a longer one, and a line
 * within PIPE_BUF is never interleaved with another on a pipe. */
static void put_path(struct buf *b, const char *path)
{
    size_t n = strlen(path);
    if (n <= REQLOG_PATH_MAX) {
        jsonw_str(b, path);
        return;
    }
    struct buf cut = BUF_INIT(REQLOG_PATH_MAX + 4);
    buf_append(&cut, path, REQLOG_PATH_MAX);
    BUF_LIT(&cut, "...");
    jsonw_str(b, buf_cstr(&cut));
    buf_release(&cut);
}

void reqlog_write(const struct reqlog *l, const struct reqlog_entry *e)
{
    if (l->fd < 0)
        return;
    char ip[INET6_ADDRSTRLEN + 8];
    proxy_format(e->client, ip, sizeof ip);
    struct buf b = BUF_INIT(REQLOG_LINE_MAX);
    BUF_LIT(&b, "{\"time\":");
    put_time(&b);
    BUF_LIT(&b, ",\"client\":");
    jsonw_str(&b, ip);
    BUF_LIT(&b, ",\"method\":");
    jsonw_str(&b, e->method ? e->method : "");
    BUF_LIT(&b, ",\"path\":");
    put_path(&b, e->path ? e->path : "");
    BUF_LIT(&b, ",\"status\":");
    put_number(&b, e->status);
    BUF_LIT(&b, ",\"bytes\":");
    put_number(&b, (int64_t)e->bytes);
    BUF_LIT(&b, ",\"duration_ms\":");
    put_ms(&b, metrics_clock_ns() - e->started);
    BUF_LIT(&b, ",\"route\":");
    jsonw_str(&b, e->route);
    BUF_LIT(&b, ",\"node\":");
    jsonw_str(&b, l->node);
    BUF_LIT(&b, "}\n");
    if (!b.failed && write(l->fd, buf_cstr(&b), b.len) < 0) {
        /* a log that cannot be written must not stop the answers */
    }
    buf_release(&b);
}
