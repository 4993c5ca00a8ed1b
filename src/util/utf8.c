/* utf8.c: UTF-8 validation and counting on top of utf8proc. */
#include "util/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/err.h"
#include "util/xmalloc.h"

static bool allowed_control(utf8proc_int32_t c, enum utf8_flags flags)
{
    return flags == UTF8_MULTI_LINE && (c == '\t' || c == '\n' || c == '\r');
}

/* Whether the eight bytes at p are all printable ASCII (0x20-0x7e). */
static bool printable8(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t v;
    memcpy(&v, p, 8);
    uint64_t below = (v - 0x20 * ones) & ~v & highs; /* a byte < 0x20 */
    uint64_t del = v ^ (0x7f * ones);                /* a byte == 0x7f */
    uint64_t is_del = (del - ones) & ~del & highs;
    return ((v & highs) | below | is_del) == 0;
}

/* Whether c is refused as a control character. */
static bool refused_control(utf8proc_int32_t c, enum utf8_flags flags)
{
    bool control =
        c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029;
    return control && !allowed_control(c, flags);
}

/* How many of the sixteen bytes at p are whole characters that
 * utf8_check accepts, of printable ASCII, the allowed controls
 * (multi_line: tab, line feed, carriage return) and U+00A0-U+07FF (two
 * bytes: Arabic, Persian, accented Latin): 16, or 15 when the last byte
 * begins a character, or 0. A block of a Persian article passes in about
 * twenty instructions where one character took ten. SSE2 (every x86-64);
 * without it, 0 (the bytes are checked one character at a time). */
static size_t plain16(const unsigned char *p, bool multi_line)
{
#ifdef __SSE2__
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* Compared as signed bytes: 0x80-0xFF are -128..-1. */
    __m128i ascii = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1f)),
                                  _mm_cmplt_epi8(v, _mm_set1_epi8(0x7f)));
    __m128i controls =
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
    if (multi_line)
        ascii = _mm_or_si128(ascii, controls);
    __m128i lead = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-63)),
                                 _mm_cmplt_epi8(v, _mm_set1_epi8(-32)));
    __m128i cont = _mm_cmplt_epi8(v, _mm_set1_epi8(-64)); /* 0x80-0xBF */
    unsigned am = (unsigned)_mm_movemask_epi8(ascii);
    unsigned lm = (unsigned)_mm_movemask_epi8(lead); /* 0xC2-0xDF */
    unsigned cm = (unsigned)_mm_movemask_epi8(cont);
    unsigned c2 = (unsigned)_mm_movemask_epi8(
        _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2)));
    unsigned c1 = (unsigned)_mm_movemask_epi8(
        _mm_cmplt_epi8(v, _mm_set1_epi8(-96))); /* 0x80-0x9F */
    if ((am | lm | cm) != 0xFFFF || cm != ((lm << 1) & 0xFFFF) ||
        ((c2 << 1) & c1)) /* U+0080-U+009F are controls */
        return 0;
    return lm & 0x8000 ? 15 : 16;
#else
    (void)p;
    (void)multi_line;
    return 0;
#endif
}

/* Checking is the first pass over every pasted article (benchmark P5),
 * so the common characters are decided here: sixteen bytes at a time
 * while they are plain16, printable ASCII eight at a time, and two-byte
 * characters (Arabic, Persian, accented Latin) decoded in place;
 * utf8proc decides the rest, and every error. */
/* The length of the character at p[i] (n bytes in all) when utf8_check
 * accepts it; else 0, with *bad and *why set. */
static size_t check_char(const unsigned char *p, size_t n, size_t i,
                         enum utf8_flags flags, size_t *bad, const char **why)
{
    unsigned char b = p[i];
    if (b >= 0x20 && b < 0x7f)
        return 1;
    if (b >= 0xC2 && b < 0xE0 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80 &&
        (b > 0xC2 || p[i + 1] >= 0xA0))
        return 2; /* U+00A0-U+07FF: valid, and no control */
    utf8proc_int32_t c;
    utf8proc_ssize_t len =
        b < 0x80 ? (c = b, 1)
                 : utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
    if (len < 0) {
        *bad = i;
        *why = "invalid UTF-8";
        return 0;
    }
    if (refused_control(c, flags)) {
        *bad = i;
        *why = c == 0 ? "NUL byte" : "control character";
        return 0;
    }
    return (size_t)len;
}

int utf8_check(const char *s, size_t n, enum utf8_flags flags, size_t *bad,
               const char **why)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        size_t plain;
        while (i + 16 <= n &&
               (plain = plain16(p + i, flags == UTF8_MULTI_LINE)) > 0)
            i += plain;
        while (i + 8 <= n && printable8(p + i))
            i += 8;
        /* Then a character at a time for sixteen bytes at least, before
         * blocks are tried again. */
        for (size_t stop = i + 16 < n ? i + 16 : n; i < stop;) {
            size_t len = check_char(p, n, i, flags, bad, why);
            if (len == 0)
                return VG_EINVAL;
            i += len;
        }
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

/* The length of the valid character at p (n bytes left), or 0 for an
 * invalid one or a control character (a message is one line of text). */
static size_t char_length(const char *p, size_t n)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t len =
        utf8proc_iterate((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, &c);
    bool control = c < 0x20 || (c >= 0x7f && c < 0xa0);
    return len > 0 && !control ? (size_t)len : 0;
}

void utf8_scrub(char *s, size_t size)
{
    static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
    size_t n = strlen(s), i = 0;
    while (i < n && char_length(s + i, n - i) > 0)
        i += char_length(s + i, n - i);
    if (i == n)
        return; /* already valid: the usual case */
    char *in = xstrdup(s);
    size_t out = i;
    while (i < n) {
        size_t len = char_length(in + i, n - i);
        const char *piece = len ? in + i : replacement;
        size_t piece_len = len ? len : sizeof replacement - 1;
        if (out + piece_len > size - 1)
            break;
        memcpy(s + out, piece, piece_len);
        out += piece_len;
        i += len ? len : 1;
    }
    s[out] = '\0';
    free(in);
}
