/*
 * test_head.c: http/head.h, the front's request head scanner.
 *
 * Cases are data: a head, what the scan returns, and for a refusal the
 * status and the byte where it was found; then the fields of accepted
 * heads, the pointer contract (it moves only on success, to the byte
 * after the head), and a head fed one byte at a time.
 */
#include "http/head.h"

#include <stdio.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"

static const struct {
    const char *label, *in;
    enum head_rc rc;
    int status; /* of a refusal */
    long at;    /* its byte, or -1: not checked */
} cases[] = {
    {"plain GET", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", HEAD_OK, 0, -1},
    {"HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", HEAD_OK, 0, -1},
    {"POST with a length",
     "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n", HEAD_OK, 0,
     -1},
    {"chunked",
     "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n",
     HEAD_BAD, 411, 26},
    {"OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", HEAD_OK, 0, -1},
    {"obs-text value", "GET / HTTP/1.1\r\nHost: x\r\nX: caf\xc3\xa9\r\n\r\n",
     HEAD_OK, 0, -1},
    {"partial line", "GET / HTTP/1.1\r\nHo", HEAD_PARTIAL, 0, -1},
    {"partial CR", "GET / HTTP/1.1\r", HEAD_PARTIAL, 0, -1},
    {"partial no end", "GET / HTTP/1.1\r\nHost: x\r\n", HEAD_PARTIAL, 0, -1},
    {"no Host", "GET / HTTP/1.1\r\n\r\n", HEAD_BAD, 400, 18},
    {"two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", HEAD_BAD, 400,
     25},
    {"bare LF", "GET / HTTP/1.1\nHost: x\n\n", HEAD_BAD, 400, 14},
    {"folded", "GET / HTTP/1.1\r\nHost: x\r\n y\r\n\r\n", HEAD_BAD, 400, 25},
    {"space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", HEAD_BAD, 400,
     20},
    {"NUL in value", "GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n", HEAD_BAD, 400, 23},
    {"NUL before the end", "GET / HTTP/1.1\r\nHost: a\0", HEAD_BAD, 400, 23},
    {"CR inside a line", "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", HEAD_BAD, 400,
     23},
    {"no method", " / HTTP/1.1\r\nHost: x\r\n\r\n", HEAD_BAD, 400, 0},
    {"target not a path", "GET x HTTP/1.1\r\nHost: x\r\n\r\n", HEAD_BAD, 400,
     4},
    {"UTF-8 in the target", "GET /\xc3\xa9 HTTP/1.1\r\nHost: x\r\n\r\n",
     HEAD_BAD, 400, 5},
    {"HTTP/2.0", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", HEAD_BAD, 505, 6},
    {"no version", "GET / FTP\r\nHost: x\r\n\r\n", HEAD_BAD, 400, 6},
    {"two lengths",
     "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1"
     "\r\n\r\n",
     HEAD_BAD, 400, -1},
    {"length and chunked",
     "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
     "Transfer-Encoding: chunked\r\n\r\n",
     HEAD_BAD, 400, -1},
    {"length not digits",
     "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", HEAD_BAD, 400,
     -1},
    {"gzip coding",
     "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", HEAD_BAD,
     411, -1},
    {"chunked over 1.0",
     "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", HEAD_BAD, 400,
     -1},
    {"Expect other", "POST / HTTP/1.1\r\nHost: x\r\nExpect: magic\r\n\r\n",
     HEAD_BAD, 417, -1},
    /* found by fuzz_head: the version did not have to end the line */
    {"bytes after the version", "GET / HTTP/1.0\rGET /x HTTP/1.1\r\n\r\n",
     HEAD_BAD, 400, 14},
    {"empty first line", "\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n", HEAD_BAD, 400,
     0},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* the lengths count the NULs some cases hold */
        const char *in = cases[i].in;
        size_t n = strlen(in);
        if (strstr(cases[i].label, "NUL"))
            n += 1 + strlen(in + n + 1);
        const char *pos = in;
        struct head h;
        struct head_error e = {0, NULL, 0};
        enum head_rc rc = head_scan(&pos, in + n, &h, &e);
        CHECK_INT(cases[i].label, rc, cases[i].rc);
        CHECK_INT(cases[i].label, pos - in, rc == HEAD_OK ? (long)n : 0);
        if (rc == HEAD_OK)
            CHECK_INT(cases[i].label, h.len, n);
        if (rc != HEAD_BAD)
            continue;
        CHECK_INT(cases[i].label, e.status, cases[i].status);
        CHECK_INT(cases[i].label, e.what != NULL, 1);
        if (cases[i].at >= 0)
            CHECK_INT(cases[i].label, e.at, cases[i].at);
    }
}

static void test_fields(void **state)
{
    (void)state;
    const char in[] = "GET /t/x/live?after=3 HTTP/1.1\r\n"
                      "host:  example.org \r\n"
                      "Accept-Encoding: gzip\r\n"
                      "If-None-Match: \"abc\"\r\n"
                      "Last-Event-ID: 7\r\n"
                      "Cookie: a=1\r\nCookie: b=22\r\n"
                      "Connection: close\r\n\r\n"
                      "GET /next HTTP/1.1\r\n";
    const char *pos = in, *end = in + sizeof in - 1;
    struct head h;
    struct head_error e;
    CHECK_INT("fields", head_scan(&pos, end, &h, &e), HEAD_OK);
    CHECK_INT("stops at the next head", strncmp(pos, "GET /next", 9), 0);
    CHECK_INT("method", str_eq(h.method, "GET"), 1);
    CHECK_INT("path", str_eq(h.path, "/t/x/live"), 1);
    CHECK_INT("query", str_eq(h.query, "after=3"), 1);
    CHECK_INT("host trimmed", str_eq(h.host, "example.org"), 1);
    CHECK_INT("accept-encoding", str_eq(h.accept_encoding, "gzip"), 1);
    CHECK_INT("if-none-match", str_eq(h.if_none_match, "\"abc\""), 1);
    CHECK_INT("last-event-id", str_eq(h.last_event_id, "7"), 1);
    CHECK_INT("cookie bytes", h.cookie_bytes, 7);
    CHECK_INT("keep-alive", h.keep_alive, 0);
    CHECK_INT("no body", h.has_body, 0);
    CHECK_INT("no query", h.query.p == NULL, 0);

    const char ten[] = "GET /?a HTTP/1.0\r\nConnection: Keep-Alive, Upgrade\r\n"
                       "If-None-Match: 1\r\nIf-None-Match: 2\r\n\r\n";
    pos = ten;
    CHECK_INT("1.0", head_scan(&pos, ten + sizeof ten - 1, &h, &e), HEAD_OK);
    CHECK_INT("1.0 keep-alive", h.keep_alive, 1);
    CHECK_INT("upgrade", h.upgrade, 1);
    CHECK_INT("repeated", h.repeated, 1);
    CHECK_INT("http10", h.http10, 1);
}

/* A head fed a byte at a time is partial until its last byte. */
static void test_trickle(void **state)
{
    (void)state;
    const char in[] = "GET /a HTTP/1.1\r\nHost: x\r\nX-Long: abc\r\n\r\n";
    size_t n = sizeof in - 1;
    for (size_t k = 0; k < n; k++) {
        const char *pos = in;
        struct head h;
        struct head_error e;
        CHECK_INT("trickled", head_scan(&pos, in + k, &h, &e), HEAD_PARTIAL);
        CHECK_INT("not moved", pos == in, 1);
    }
}

/* A head that does not end within HEAD_MAX: 431, or 414 when its request
 * line does not. */
static void test_limits(void **state)
{
    (void)state;
    static char big[HEAD_MAX + 64];
    memset(big, 'a', sizeof big);
    memcpy(big, "GET /", 5);
    const char *pos = big;
    struct head h;
    struct head_error e;
    CHECK_INT("long line", head_scan(&pos, big + sizeof big, &h, &e), HEAD_BAD);
    CHECK_INT("414", e.status, 414);
    memcpy(big, "GET / HTTP/1.1\r\nX: ", 19);
    CHECK_INT("long head", head_scan(&pos, big + sizeof big, &h, &e), HEAD_BAD);
    CHECK_INT("431", e.status, 431);
    CHECK_INT("short of the limit", head_scan(&pos, big + HEAD_MAX - 1, &h, &e),
              HEAD_PARTIAL);

    /* libmicrohttpd answered a head of 1,000 short lines itself */
    size_t n = (size_t)sprintf(big, "GET / HTTP/1.1\r\nHost: x\r\n");
    for (int i = 1; i < HEAD_FIELDS_MAX; i++)
        n += (size_t)sprintf(big + n, "a:b\r\n");
    memcpy(big + n, "\r\n", 2);
    pos = big;
    CHECK_INT("fields at the limit", head_scan(&pos, big + n + 2, &h, &e),
              HEAD_OK);
    memcpy(big + n, "a:b\r\n\r\n", 7);
    pos = big;
    CHECK_INT("one field more", head_scan(&pos, big + n + 7, &h, &e), HEAD_BAD);
    CHECK_INT("431 for fields", e.status, 431);
}

int test_http_head(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_trickle),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests_name("http_head", tests, NULL, NULL);
}
