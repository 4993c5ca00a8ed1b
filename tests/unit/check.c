/*
 * check.c: the shared assertions of check.h.
 *
 * Failure messages go through cmocka's print_error, so they appear in the
 * test's report; strings are shown escaped and cut at 160 bytes, since some
 * inputs are 64 KiB or hold control bytes on purpose.
 */
#include "check.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "util/err.h"

enum { SHOW_MAX = 160 };

/* Writes s as a quoted C string into out, escaping all but printable
 * ASCII and cutting it at SHOW_MAX bytes of input. */
static void show(const char *s, char *out, size_t size)
{
    if (s == NULL) {
        snprintf(out, size, "NULL");
        return;
    }
    size_t n = strlen(s), used = 0;
    out[used++] = '"';
    for (size_t i = 0; i < n && i < SHOW_MAX && used + 8 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            out[used++] = (char)c;
        else
            used += (size_t)snprintf(out + used, size - used, "\\x%02x", c);
    }
    snprintf(out + used, size - used, "\"%s", n > SHOW_MAX ? "..." : "");
}

static void report(const char *label, const char *file, int line,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report(const char *label, const char *file, int line,
                   const char *fmt, ...)
{
    char what[SHOW_MAX * 4 + 8], msg[2048];
    show(label, what, sizeof what);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    print_error("case %s: %s\n", label ? what : "-", msg);
    _fail(file, line);
}

void check_int(const char *label, const char *expr, int64_t actual,
               int64_t expected, const char *file, int line)
{
    if (actual != expected)
        report(label, file, line, "%s is %" PRId64 ", expected %" PRId64, expr,
               actual, expected);
}

void check_code(const char *label, const char *expr, int actual, int expected,
                const char *file, int line)
{
    if (actual != expected)
        report(label, file, line, "%s is %d (%s), expected %d (%s)", expr,
               actual, vg_code_name(actual), expected, vg_code_name(expected));
}

void check_str(const char *label, const char *expr, const char *actual,
               const char *expected, const char *file, int line)
{
    bool same =
        actual && expected ? strcmp(actual, expected) == 0 : actual == expected;
    if (same)
        return;
    char a[SHOW_MAX * 4 + 8], e[SHOW_MAX * 4 + 8];
    show(actual, a, sizeof a);
    show(expected, e, sizeof e);
    report(label, file, line, "%s is %s, expected %s", expr, a, e);
}

void check_has(const char *label, const char *expr, const char *haystack,
               const char *needle, bool want, const char *file, int line)
{
    bool has = haystack && strstr(haystack, needle) != NULL;
    if (has == want)
        return;
    char h[SHOW_MAX * 4 + 8], n[SHOW_MAX * 4 + 8];
    show(haystack, h, sizeof h);
    show(needle, n, sizeof n);
    report(label, file, line, "%s is %s, which %s %s", expr, h,
           want ? "lacks" : "contains", n);
}
