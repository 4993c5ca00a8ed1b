/*
 * reqlog.h: the access log, one JSON object per line and per request.
 *
 * Both paths write it through reqlog_write: the fronts for what they
 * answer themselves (cached pages, live streams, refused heads), and
 * server.c for what libmicrohttpd answered, when the request completes.
 * A line, its keys always in this order:
 *
 *   {"time":"2026-12-06T21:30:00.123Z","client":"192.0.2.1",
 *    "method":"GET","path":"/t/x","status":200,"bytes":5120,
 *    "duration_ms":0.412,"route":"/t/:slug","node":"web1"}
 *
 * - time: UTC, when the line is written, to the millisecond;
 * - client: as every limit sees it, through --trusted-proxy (proxy.h);
 * - path: the path alone (a query may carry a one-time token), its first
 *   2 KB and "..." when longer (only a refused head has a longer one);
 * - status: 0 when the client left before any answer;
 * - bytes: of the answer's body (0 for HEAD and 304);
 * - duration_ms: from the whole head read to the answer queued (the
 *   fronts) or its last byte written (libmicrohttpd); a live stream's
 *   line is written when the front starts it;
 * - route: the pattern of the route table's row, null when none matched.
 *
 * Each line goes out in one write(2), with no lock: lines of up to
 * PIPE_BUF bytes are never interleaved on a pipe (journald's stderr), and
 * any line on a file opened O_APPEND.
 */
#ifndef VIGIL_HTTP_REQLOG_H
#define VIGIL_HTTP_REQLOG_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "util/err.h"

enum { REQLOG_NODE_MAX = 64 }; /* bytes of a node's name */

struct reqlog {
    int fd;    /* -1: off */
    bool owns; /* fd is a file reqlog_open opened */
    char node[REQLOG_NODE_MAX];
};

/* One request's line. */
struct reqlog_entry {
    const struct sockaddr *client; /* NULL: unknown */
    const char *method, *path;
    int status;
    uint64_t bytes;
    int64_t started;   /* metrics_clock_ns() when the head was read */
    const char *route; /* NULL: none */
};

/* Opens the log: where is "-" (stderr), "off" or NULL (none), or a file
 * to append to (created 0640). node names this server in each line (NULL
 * or "": the host's name). Returns 0, or VG_EIO or VG_EINVAL with err
 * filled. */
int reqlog_open(struct reqlog *l, const char *where, const char *node,
                struct vg_err *err);
/* Closes a file the log opened; the log is off after. */
void reqlog_close(struct reqlog *l);
/* True when lines are written: callers skip gathering them otherwise. */
bool reqlog_on(const struct reqlog *l);
/* Writes e's line (nothing when the log is off). Any thread. */
void reqlog_write(const struct reqlog *l, const struct reqlog_entry *e);

#endif
