/* jsonw.c: JSON values straight into a struct buf, written as jansson
 * writes them (see jsonw.h). */
#include "util/jsonw.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

#include "util/decimal.h"

/* True for the bytes a JSON string holds as they are (0x7F included, as
 * jansson leaves it). */
static bool plain(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* Appends \uXXXX for one UTF-16 code unit, in jansson's upper case. */
static void put_unit(struct buf *b, unsigned u)
{
    static const char hex[] = "0123456789ABCDEF";
    char s[6] = {
        '\\',       'u', hex[u >> 12 & 15], hex[u >> 8 & 15], hex[u >> 4 & 15],
        hex[u & 15]};
    buf_append(b, s, sizeof s);
}

/* Appends the escape of the character at s (n bytes left); returns the
 * number of bytes it took. */
static size_t put_escape(struct buf *b, const char *s, size_t n)
{
    switch (*s) {
    case '"': BUF_LIT(b, "\\\""); return 1;
    case '\\': BUF_LIT(b, "\\\\"); return 1;
    case '\b': BUF_LIT(b, "\\b"); return 1;
    case '\f': BUF_LIT(b, "\\f"); return 1;
    case '\n': BUF_LIT(b, "\\n"); return 1;
    case '\r': BUF_LIT(b, "\\r"); return 1;
    case '\t': BUF_LIT(b, "\\t"); return 1;
    default: break;
    }
    if ((unsigned char)*s < 0x20) {
        put_unit(b, (unsigned char)*s);
        return 1;
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t len =
        utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
    if (len < 1) {
        put_unit(b, 0xFFFD);
        return 1;
    }
    if (c < 0x10000) {
        put_unit(b, (unsigned)c);
    } else {
        c -= 0x10000;
        put_unit(b, 0xD800u | (unsigned)c >> 10);
        put_unit(b, 0xDC00u | ((unsigned)c & 0x3FFu));
    }
    return (size_t)len;
}

void jsonw_str(struct buf *b, const char *s)
{
    if (s == NULL) {
        BUF_LIT(b, "null");
        return;
    }
    size_t n = strlen(s), i = 0;
    buf_putc(b, '"');
    while (i < n) {
        size_t run = i;
        while (run < n && plain((unsigned char)s[run]))
            run++;
        buf_append(b, s + i, run - i);
        i = run < n ? run + put_escape(b, s + run, n - run) : run;
    }
    buf_putc(b, '"');
}

void jsonw_int(struct buf *b, int64_t v)
{
    char s[DECIMAL_MAX];
    buf_append(b, s, decimal_format(v, s));
}

void jsonw_real(struct buf *b, double v)
{
    char s[40];
    if (!isfinite(v) ||
        (size_t)snprintf(s, sizeof s - 2, "%.10g", v) >= sizeof s - 2) {
        BUF_LIT(b, "null"); /* JSON has no NaN or infinity */
        return;
    }
    /* jansson's touches: a real always reads as one ("35.0"), and the
     * exponent loses its '+' and leading zeros ("1e-5", "1e10"). */
    char *e = strchr(s, 'e');
    if (e == NULL && strchr(s, '.') == NULL)
        memcpy(s + strlen(s), ".0", 3);
    if (e) {
        char *digits = e + 1 + (e[1] == '-');
        char *from = e + 2;
        while (*from == '0')
            from++;
        memmove(digits, from, strlen(from) + 1);
    }
    buf_puts(b, s);
}

void jsonw_e5(struct buf *b, int64_t v)
{
    uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    /* Below 1e-4 %g turns to an exponent, and from 1e10 units on the
     * value has more than 10 significant digits to round. */
    if ((m != 0 && m < 10) || m >= 10000000000u) {
        jsonw_real(b, (double)v / 1e5);
        return;
    }
    if (v < 0)
        buf_putc(b, '-');
    jsonw_int(b, (int64_t)(m / 100000));
    char frac[6];
    unsigned f = (unsigned)(m % 100000);
    int n = 5;
    for (int i = 4; i >= 0; i--, f /= 10)
        frac[1 + i] = (char)('0' + f % 10);
    frac[0] = '.';
    while (n > 1 && frac[n] == '0')
        n--;
    buf_append(b, frac, (size_t)n + 1);
}

void jsonw_date(struct buf *b, struct vg_date d)
{
    if (d.year == 0) {
        BUF_LIT(b, "null");
        return;
    }
    char s[DATE_LEN + 3];
    s[0] = '"';
    date_format(d, s + 1);
    s[DATE_LEN + 1] = '"';
    buf_append(b, s, DATE_LEN + 2);
}

void jsonw_time(struct buf *b, int64_t t)
{
    if (t == 0) {
        BUF_LIT(b, "null");
        return;
    }
    char s[TIMESTAMP_LEN + 3];
    s[0] = '"';
    timestamp_format(t, s + 1);
    s[TIMESTAMP_LEN + 1] = '"';
    buf_append(b, s, TIMESTAMP_LEN + 2);
}

void jsonw_int_or_null(struct buf *b, int64_t v)
{
    if (v >= 0)
        jsonw_int(b, v);
    else
        BUF_LIT(b, "null");
}
