/*
 * head.h: the HTTP/1.x request head scanner of the front (http/front.c).
 *
 * It reads a head from bytes the front peeked, without copying or
 * writing them: every field is a slice into those bytes. It accepts only
 * what RFC 9112 allows a client to send, so that what the front hands to
 * libmicrohttpd is always a whole, well-formed head, and every malformed
 * one gets the front's own answer (with the C3 headers of http/reply.h).
 */
#ifndef VIGIL_HTTP_HEAD_H
#define VIGIL_HTTP_HEAD_H

#include <stdbool.h>
#include <stddef.h>

/* ==== Slices ==== */

/* Bytes lent by their owner; not NUL-terminated. p is NULL when absent. */
struct str {
    const char *p;
    size_t len;
};

/* True when s is exactly the NUL-terminated lit, in ASCII case or not. */
bool str_eq(struct str s, const char *lit);
bool str_case_eq(struct str s, const char *lit);

/* ==== Heads ==== */

enum {
    HEAD_MAX = 16384,      /* bytes of a head, up to and with its empty line */
    HEAD_FIELDS_MAX = 100, /* header lines (libmicrohttpd's 32 KiB of
                              memory per connection fit a few hundred) */
};

enum head_rc {
    HEAD_OK = 0,       /* a whole, well-formed head */
    HEAD_PARTIAL = -1, /* well-formed so far: more bytes are needed */
    HEAD_BAD = -2,     /* refused: answer head_error's status */
};

/* Why a head was refused: the status to answer (400, 411, 414, 431, 417,
 * 505), what was wrong, and the byte offset in the head where. */
struct head_error {
    int status;
    const char *what; /* a sentence, static */
    size_t at;
};

/* The parts of a head the server needs; slices into the scanned bytes. */
struct head {
    size_t len; /* bytes, up to and with the empty line */
    struct str method, target, path, query; /* query: after '?', or absent */
    bool http10;                            /* HTTP/1.0 (else 1.1) */
    bool keep_alive; /* the connection stays open after the answer */
    bool upgrade;    /* an Upgrade header, or Connection: upgrade */
    bool repeated;   /* one of the single headers below came twice */
    bool has_body;   /* Content-Length or Transfer-Encoding */
    struct str host, accept_encoding, if_none_match, last_event_id, expect;
    struct str forwarded, x_forwarded_for; /* read from trusted proxies */
    size_t cookie_bytes;                   /* of every Cookie header's value */
};

/* Scans one request head at *pos (bytes up to end). HEAD_OK: fills h and
 * moves *pos past the head's empty line. HEAD_PARTIAL: the bytes so far
 * are a well-formed start, shorter than HEAD_MAX. HEAD_BAD: fills e.
 * *pos moves only on HEAD_OK. */
enum head_rc head_scan(const char **pos, const char *end, struct head *h,
                       struct head_error *e);

#endif
