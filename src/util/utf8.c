/* utf8.c: UTF-8 validation and counting on top of utf8proc. */
#include "util/utf8.h"

#include <sys/types.h>
#include <utf8proc.h>

#include "util/err.h"

static bool allowed_control(utf8proc_int32_t c, enum utf8_flags flags)
{
    return flags == UTF8_MULTI_LINE && (c == '\t' || c == '\n' || c == '\r');
}

int utf8_check(const char *s, size_t n, enum utf8_flags flags, size_t *bad,
               const char **why)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] >= 0x20 && p[i] < 0x7f) { /* printable ASCII: always fine */
            i++;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t len =
            utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
        if (len < 0) {
            *bad = i;
            *why = "invalid UTF-8";
            return VG_EINVAL;
        }
        bool control =
            c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029;
        if (control && !allowed_control(c, flags)) {
            *bad = i;
            *why = c == 0 ? "NUL byte" : "control character";
            return VG_EINVAL;
        }
        i += (size_t)len;
    }
    return 0;
}

size_t utf8_length(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}
