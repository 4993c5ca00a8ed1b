/*
 * fuzz_request.c: libFuzzer target for the whole request path: a request
 * built from the input goes through libmicrohttpd's parser, Vigil's
 * checks, the route table, access checks, form and JSON parsing, the
 * handlers and the answer, against a real SQLite demo database (with an
 * admin holding every role and an API token) made at start.
 *
 * The peer, 127.0.0.1, is a trusted proxy (--trusted-proxy), so the
 * client is read from the input's X-Forwarded-For, or from its Forwarded
 * when bit 2 is set (http/proxy.h).
 *
 * Input: byte 0 holds flags (bit 0: send the admin's token; bit 1: send
 * the site's Origin; bit 2: the proxy writes Forwarded); then "METHOD TARGET",
 * a line feed, header lines up to an empty line, and the body. The harness adds
 * Host, Connection: close and Content-Length. The answer must come, be no 5xx
 * but 503, and have a UTF-8 body when it is HTML or JSON.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/users.h"
#include "fuzz_db.h"
#include "http/proxy.h"
#include "http/server.h"
#include "live/hub.h"
#include "util/buf.h"
#include "util/utf8.h"

enum { FUZZ_TOKEN = 1, FUZZ_ORIGIN = 2, FUZZ_FORWARDED = 4, RUNS_MAX = 20000 };

static struct app *app;
static struct MHD_Daemon *daemon_;
static char token[44];
static const char ORIGIN[] = "http://127.0.0.1:8080";

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The admin of the fuzzed site and its API token. */
static void add_admin(struct store *st)
{
    struct arena a = ARENA_INIT;
    struct vg_err err = VG_ERR_INIT;
    struct op op = {st, &a, "host:fuzz", 1577534400, ROLE_ALL};
    if (user_add(&op, "fuzz", "contributor,editor,verifier,custodian,admin",
                 "a long enough passphrase", NULL, &err) != 0 ||
        user_token_add(&op, "fuzz", "fuzz", token, &err) != 0) {
        fprintf(stderr, "fuzz: admin: %s\n", err.msg);
        abort();
    }
    arena_release(&a);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    static char path[64];
    struct store *st = fuzz_demo_db(path);
    add_admin(st);
    store_close(st);
    struct app_config cfg = {.db = path,
                             .listen = "127.0.0.1:0",
                             .base_url = ORIGIN,
                             .threads = 1,
                             .demo = true};
    if (proxy_add(&cfg.proxies, "127.0.0.1") != 0)
        abort();
    struct vg_err err = VG_ERR_INIT;
    app = server_app_new(&cfg, &err);
    daemon_ = app ? server_bare_daemon(app) : NULL;
    if (daemon_ == NULL) {
        fprintf(stderr, "fuzz: app: %s\n", err.msg);
        abort();
    }
    return 0;
}

/* Builds the request's bytes from the input (see the head comment). */
static void build(const uint8_t *data, size_t size, struct buf *req)
{
    unsigned flags = size ? data[0] : 0;
    const char *p = size ? (const char *)data + 1 : "";
    const char *end = p + (size ? size - 1 : 0);
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *line_end = nl ? nl : end;
    buf_append(req, p, (size_t)(line_end - p));
    buf_puts(req, " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nConnection: close\r\n");
    p = nl ? nl + 1 : end;
    while (p < end && *p != '\n') { /* header lines */
        nl = memchr(p, '\n', (size_t)(end - p));
        line_end = nl ? nl : end;
        buf_append(req, p, (size_t)(line_end - p));
        buf_puts(req, "\r\n");
        p = nl ? nl + 1 : end;
    }
    if (p < end)
        p++; /* the empty line */
    if (flags & FUZZ_TOKEN)
        buf_printf(req, "Authorization: Bearer %s\r\n", token);
    if (flags & FUZZ_ORIGIN)
        buf_printf(req, "Origin: %s\r\n", ORIGIN);
    buf_printf(req, "Content-Length: %zu\r\n\r\n", (size_t)(end - p));
    buf_append(req, p, (size_t)(end - p));
}

/* Runs the daemon until the answer is read whole (the server closes),
 * ending a live stream if one was opened. */
static void exchange(int fd, struct buf *answer)
{
    char chunk[65536];
    for (int i = 0; i < RUNS_MAX; i++) {
        MHD_run(daemon_);
        ssize_t n = recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n == 0)
            return;
        if (n > 0)
            buf_append(answer, chunk, (size_t)n);
        if (i == RUNS_MAX / 2)
            hub_close_all(app->hub); /* a live stream never ends */
    }
}

/* The answer's checks: a status, no 5xx but 503, UTF-8 text. */
static void check(const struct buf *answer)
{
    const char *a = buf_cstr(answer);
    const char *body = strstr(a, "\r\n\r\n");
    int status = 0;
    if (answer->len == 0)
        return; /* closed unanswered: a malformed head */
    if (sscanf(a, "HTTP/1.%*d %d", &status) != 1 ||
        (status >= 500 && status != 503)) {
        fprintf(stderr, "fuzz: answer: %.300s\n", a);
        abort();
    }
    bool text = strstr(a, "Content-Type: text/html") ||
                strstr(a, "Content-Type: application/json");
    size_t bad;
    const char *why;
    if (body && text && !strstr(a, "Content-Encoding: gzip") &&
        !strstr(a, "Transfer-Encoding: chunked") &&
        utf8_check(body + 4, answer->len - (size_t)(body + 4 - a),
                   UTF8_MULTI_LINE, &bad, &why) != 0) {
        fprintf(stderr, "fuzz: body not UTF-8 at %zu: %.300s\n", bad, a);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf req = BUF_INIT(1 << 20), answer = BUF_INIT(64 << 20);
    int sv[2];
    struct sockaddr_in peer = {.sin_family = AF_INET, .sin_port = htons(40000)};
    peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    build(data, size, &req);
    app->cfg.proxies.header = size && (data[0] & FUZZ_FORWARDED)
                                  ? PROXY_FORWARDED
                                  : PROXY_X_FORWARDED_FOR;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        abort();
    int buf_size = 1 << 21;
    setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &buf_size, sizeof buf_size);
    if (send(sv[0], req.p, req.len, MSG_DONTWAIT) != (ssize_t)req.len ||
        MHD_add_connection(daemon_, sv[1], (struct sockaddr *)&peer,
                           sizeof peer) != MHD_YES)
        abort();
    exchange(sv[0], &answer);
    close(sv[0]);
    for (int i = 0; i < 8; i++)
        MHD_run(daemon_); /* let it see the close and free the request */
    check(&answer);
    buf_release(&req);
    buf_release(&answer);
    return 0;
}
