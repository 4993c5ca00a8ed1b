/*
 * head.c: the request head scanner (see head.h).
 *
 * Accepted (RFC 9112 §2-3, §5, §6): a request line "METHOD SP TARGET SP
 * HTTP/1.x", TARGET in origin form ("/...") or "*", of visible ASCII;
 * header lines "name: value" with a token name, no space before the
 * colon, a value of visible bytes, spaces and tabs; CRLF line ends; an
 * empty line at the end. Refused with 400: bare LF or CR, folded lines,
 * control bytes, a HTTP/1.1 head without exactly one Host, a second Host,
 * Content-Length or Transfer-Encoding, both of these, a Content-Length
 * that is not digits; 411 for a Transfer-Encoding (a body comes with its
 * Content-Length: libmicrohttpd would answer a malformed chunked body by
 * itself, without our headers), 417 for an Expect other than
 * 100-continue, 505 for another HTTP version,
 * 414 or 431 for a request line or head that does not end within
 * HEAD_MAX bytes, 431 for more than HEAD_FIELDS_MAX header lines.
 * Everything is checked as soon as its bytes are there, so a bad head is
 * refused before it ends.
 */
#include "http/head.h"

#include <string.h>
#include <strings.h>

bool str_eq(struct str s, const char *lit)
{
    return s.p && strlen(lit) == s.len && memcmp(s.p, lit, s.len) == 0;
}

bool str_case_eq(struct str s, const char *lit)
{
    return s.p && strlen(lit) == s.len && strncasecmp(s.p, lit, s.len) == 0;
}

/* One scan: the head's first byte (offsets in errors count from it), the
 * head being filled, the first error, and the counts of single headers. */
struct scan {
    const char *base;
    struct head *h;
    struct head_error *e;
    int hosts, lengths, codings, connections;
};

/* Records the error found at p; returns HEAD_BAD. */
static enum head_rc refuse(struct scan *s, const char *p, int status,
                           const char *what)
{
    *s->e = (struct head_error){status, what, (size_t)(p - s->base)};
    return HEAD_BAD;
}

static bool is_tchar(unsigned char ch)
{
    return ch > 0x20 && ch < 0x7f && !strchr("\"(),/:;<=>?@[\\]{}", ch);
}

/* A byte of a header value (field-vchar, SP, HTAB, obs-text). */
static bool is_value(unsigned char ch)
{
    return ch == '\t' || (ch >= 0x20 && ch != 0x7f);
}

/* ==== Scanners: each moves *pos only when it returns HEAD_OK ==== */

/* One line ending in CRLF: line gets its bytes without the CRLF. */
static enum head_rc scan_line(struct scan *s, const char **pos, const char *end,
                              struct str *line)
{
    const char *lf = memchr(*pos, '\n', (size_t)(end - *pos));
    if (lf == NULL)
        return HEAD_PARTIAL;
    if (lf == *pos || lf[-1] != '\r')
        return refuse(s, lf, 400, "A line ends with a bare LF, not CRLF.");
    *line = (struct str){*pos, (size_t)(lf - 1 - *pos)};
    *pos = lf + 1;
    return HEAD_OK;
}

/* A token (RFC 9110 §5.6.2): one or more tchars. */
static enum head_rc scan_token(const char **pos, const char *end,
                               struct str *tok)
{
    const char *p = *pos;
    while (p < end && is_tchar((unsigned char)*p))
        p++;
    if (p == *pos)
        return HEAD_BAD;
    *tok = (struct str){*pos, (size_t)(p - *pos)};
    *pos = p;
    return HEAD_OK;
}

/* The exact bytes of lit. */
static enum head_rc scan_lit(const char **pos, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(end - *pos) < n || memcmp(*pos, lit, n) != 0)
        return HEAD_BAD;
    *pos += n;
    return HEAD_OK;
}

/* ==== The request line ==== */

/* The request target: visible ASCII, in origin form or "*". */
static enum head_rc scan_target(struct scan *s, const char **pos,
                                const char *end)
{
    const char *p = *pos;
    while (p<end && * p> 0x20 && *p < 0x7f)
        p++;
    if (p == *pos || (**pos != '/' && !(p - *pos == 1 && **pos == '*')))
        return refuse(s, *pos, 400, "The request target is not a path.");
    struct head *h = s->h;
    h->target = (struct str){*pos, (size_t)(p - *pos)};
    const char *q = memchr(*pos, '?', h->target.len);
    h->path = (struct str){*pos, q ? (size_t)(q - *pos) : h->target.len};
    if (q)
        h->query = (struct str){q + 1, (size_t)(p - q - 1)};
    *pos = p;
    return HEAD_OK;
}

static enum head_rc scan_version(struct scan *s, const char **pos,
                                 const char *end)
{
    const char *p = *pos;
    if (scan_lit(&p, end, "HTTP/1.1") == HEAD_OK ||
        scan_lit(&p, end, "HTTP/1.0") == HEAD_OK) {
        s->h->http10 = p[-1] == '0';
        s->h->keep_alive = !s->h->http10;
        *pos = p;
        return HEAD_OK;
    }
    if (end - p == 8 && scan_lit(&p, end, "HTTP/") == HEAD_OK)
        return refuse(s, *pos, 505, "Only HTTP/1.0 and HTTP/1.1 are served.");
    return refuse(s, *pos, 400, "The request line has no HTTP version.");
}

/* "METHOD SP TARGET SP VERSION", the whole line. */
static enum head_rc scan_request_line(struct scan *s, struct str line)
{
    const char *p = line.p, *end = line.p + line.len;
    if (scan_token(&p, end, &s->h->method) != HEAD_OK ||
        scan_lit(&p, end, " ") != HEAD_OK)
        return refuse(s, p, 400, "The request line has no method.");
    if (scan_target(s, &p, end) != HEAD_OK)
        return HEAD_BAD;
    if (scan_lit(&p, end, " ") != HEAD_OK)
        return refuse(s, p, 400, "The request target has a byte not allowed.");
    if (scan_version(s, &p, end) != HEAD_OK)
        return HEAD_BAD;
    if (p != end)
        return refuse(s, p, 400, "The request line goes on after its version.");
    return HEAD_OK;
}

/* ==== Header lines ==== */

/* Applies a Connection value: "close" closes, HTTP/1.0 stays open only
 * with "keep-alive", "upgrade" asks for another protocol. */
static void take_connection(struct head *h, struct str v)
{
    const char *p = v.p, *end = v.p + v.len;
    while (p < end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        while (p < stop && (*p == ' ' || *p == '\t'))
            p++;
        const char *q = stop;
        while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
            q--;
        struct str tok = {p, (size_t)(q - p)};
        if (str_case_eq(tok, "close"))
            h->keep_alive = false;
        else if (str_case_eq(tok, "keep-alive") && h->http10)
            h->keep_alive = true;
        else if (str_case_eq(tok, "upgrade"))
            h->upgrade = true;
        p = stop + (comma != NULL);
    }
}

static bool all_digits(struct str v)
{
    for (size_t i = 0; i < v.len; i++)
        if (v.p[i] < '0' || v.p[i] > '9')
            return false;
    return v.len > 0 && v.len <= 18;
}

/* Stores v in *slot, or marks the head when the header came twice. */
static void take_once(struct head *h, struct str *slot, struct str v)
{
    if (slot->p)
        h->repeated = true;
    else
        *slot = v;
}

/* The framing headers: one Content-Length of digits; a Transfer-Encoding
 * is refused. */
static enum head_rc take_framing(struct scan *s, struct str name, struct str v)
{
    bool length = str_case_eq(name, "Content-Length");
    int n = length ? ++s->lengths : ++s->codings;
    s->h->has_body = true;
    if (n > 1 || (s->lengths && s->codings))
        return refuse(s, name.p, 400,
                      "Content-Length or Transfer-Encoding is repeated, "
                      "or both are given.");
    if (length && !all_digits(v))
        return refuse(s, v.p, 400, "Content-Length is not a number.");
    if (!length && s->h->http10)
        return refuse(s, name.p, 400, "HTTP/1.0 has no Transfer-Encoding.");
    if (!length)
        return refuse(s, name.p, 411,
                      "A body must come with its Content-Length, not "
                      "a Transfer-Encoding.");
    return HEAD_OK;
}

/* Records one header the server reads. */
static enum head_rc take_header(struct scan *s, struct str name, struct str v)
{
    struct head *h = s->h;
    if (str_case_eq(name, "Host")) {
        if (++s->hosts > 1)
            return refuse(s, name.p, 400, "The Host header is repeated.");
        h->host = v;
    } else if (str_case_eq(name, "Content-Length") ||
               str_case_eq(name, "Transfer-Encoding")) {
        return take_framing(s, name, v);
    } else if (str_case_eq(name, "Expect")) {
        if (!str_case_eq(v, "100-continue") || h->http10 || h->expect.p)
            return refuse(s, v.p, 417,
                          "Only Expect: 100-continue is "
                          "supported, once, over HTTP/1.1.");
        h->expect = v;
    } else if (str_case_eq(name, "Connection")) {
        h->repeated |= ++s->connections > 1;
        take_connection(h, v);
    } else if (str_case_eq(name, "Upgrade")) {
        h->upgrade = true;
    } else if (str_case_eq(name, "Cookie")) {
        h->cookie_bytes += v.len;
    } else if (str_case_eq(name, "Accept-Encoding")) {
        take_once(h, &h->accept_encoding, v);
    } else if (str_case_eq(name, "If-None-Match")) {
        take_once(h, &h->if_none_match, v);
    } else if (str_case_eq(name, "Last-Event-ID")) {
        take_once(h, &h->last_event_id, v);
    } else if (str_case_eq(name, "Forwarded")) {
        take_once(h, &h->forwarded, v);
    } else if (str_case_eq(name, "X-Forwarded-For")) {
        take_once(h, &h->x_forwarded_for, v);
    }
    return HEAD_OK;
}

/* "name: value" (OWS around the value), the whole line. */
static enum head_rc scan_header(struct scan *s, struct str line)
{
    const char *p = line.p, *end = line.p + line.len;
    struct str name;
    if (p < end && (*p == ' ' || *p == '\t'))
        return refuse(s, p, 400, "A header line is folded.");
    if (scan_token(&p, end, &name) != HEAD_OK ||
        scan_lit(&p, end, ":") != HEAD_OK)
        return refuse(s, p, 400, "A header line has no name and colon.");
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    const char *v = p;
    for (; p < end; p++)
        if (!is_value((unsigned char)*p))
            return refuse(s, p, 400, "A header value has a control byte.");
    while (p > v && (p[-1] == ' ' || p[-1] == '\t'))
        p--;
    return take_header(s, name, (struct str){v, (size_t)(p - v)});
}

/* ==== The head ==== */

/* Checks the bytes of a line not ended yet, so that a bad head is
 * refused before it ends, or is too long. */
static enum head_rc check_partial(struct scan *s, const char *p,
                                  const char *end, bool first)
{
    for (const char *q = p; q < end; q++) {
        unsigned char ch = (unsigned char)*q;
        bool ok =
            ch == '\r' || (first ? ch >= 0x20 && ch < 0x7f : is_value(ch));
        if (!ok || (ch == '\r' && q + 1 < end))
            return refuse(s, q, 400, "The head has a control byte.");
    }
    if ((size_t)(end - s->base) < HEAD_MAX)
        return HEAD_PARTIAL;
    if (first)
        return refuse(s, end, 414,
                      "The request line is longer than the "
                      "head's limit.");
    return refuse(s, end, 431, "The request head is longer than its limit.");
}

/* The end of the head: what HTTP/1.1 requires of a whole head. */
static enum head_rc check_whole(struct scan *s, const char *at)
{
    if (!s->h->http10 && s->hosts == 0)
        return refuse(s, at, 400, "An HTTP/1.1 request has no Host header.");
    return HEAD_OK;
}

enum head_rc head_scan(const char **pos, const char *end, struct head *h,
                       struct head_error *e)
{
    struct scan s = {.base = *pos, .h = h, .e = e};
    const char *p = *pos;
    *h = (struct head){0};
    if (end - p > HEAD_MAX)
        end = p + HEAD_MAX;
    for (int i = 0;; i++) {
        struct str line;
        enum head_rc rc = scan_line(&s, &p, end, &line);
        if (rc == HEAD_PARTIAL)
            return check_partial(&s, p, end, i == 0);
        if (rc == HEAD_OK && i > 0 && line.len == 0)
            break;
        if (rc == HEAD_OK && i > HEAD_FIELDS_MAX)
            return refuse(&s, line.p, 431,
                          "The request head has too many header lines.");
        if (rc == HEAD_OK)
            rc = i == 0 ? scan_request_line(&s, line) : scan_header(&s, line);
        if (rc != HEAD_OK)
            return rc;
    }
    if (check_whole(&s, p) != HEAD_OK)
        return HEAD_BAD;
    h->len = (size_t)(p - *pos);
    *pos = p;
    return HEAD_OK;
}
