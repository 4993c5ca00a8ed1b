/*
 * fuzz_head.c: libFuzzer target for the front's request head scanner
 * (src/http/head.c).
 *
 * Any bytes are scanned as a stream of pipelined heads, the way the front
 * reads a connection: the scanner must not crash or read outside the
 * bytes, must keep its contract (the position moves only on HEAD_OK, and
 * then by the head's length; a refusal names a status and a byte inside
 * the input; every field lies inside its head), and must call every
 * shorter prefix of an accepted head partial.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/head.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* s lies within [lo, hi) (or is absent). */
static void inside(struct str s, const char *lo, const char *hi)
{
    if (s.p && (s.p < lo || s.p + s.len > hi))
        abort();
}

static void check_head(const struct head *h, const char *lo, const char *hi)
{
    const struct str *all[] = {
        &h->method,        &h->target,        &h->path,
        &h->query,         &h->host,          &h->accept_encoding,
        &h->if_none_match, &h->last_event_id, &h->expect};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        inside(*all[i], lo, hi);
    if (h->len == 0 || h->len > HEAD_MAX || h->method.p == NULL)
        abort();
}

/* Every shorter prefix of a head the scan accepted is partial: bytes
 * still to come never change a verdict already given. Checks two. */
static void check_prefixes(const char *p, size_t len)
{
    size_t cut[2] = {len - 1, len / 2};
    for (int i = 0; i < 2; i++) {
        const char *pos = p;
        struct head h;
        struct head_error e;
        if (head_scan(&pos, p + cut[i], &h, &e) != HEAD_PARTIAL || pos != p)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly size bytes, so that ASan sees any read past it */
    char *buf = malloc(size ? size : 1);
    memcpy(buf, data, size);
    const char *pos = buf, *end = buf + size;
    for (int i = 0; i < 64 && pos < end; i++) {
        const char *start = pos;
        struct head h;
        struct head_error e = {0, NULL, 0};
        enum head_rc rc = head_scan(&pos, end, &h, &e);
        if (rc != HEAD_OK && pos != start)
            abort();
        if (rc == HEAD_BAD && (e.status < 400 || e.status > 505 ||
                               e.what == NULL || e.at > (size_t)(end - start)))
            abort();
        if (rc != HEAD_OK)
            break;
        if (pos != start + h.len)
            abort();
        check_head(&h, start, pos);
        check_prefixes(start, h.len);
    }
    free(buf);
    return 0;
}
