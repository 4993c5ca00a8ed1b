/*
 * utf8.h: checks on user text before it is stored.
 *
 * Text is valid UTF-8 (checked with utf8proc), carries no NUL, and no
 * control characters other than tab and line breaks (multi-line fields) or
 * none at all (single-line fields). Terminal escapes and framing characters
 * so never reach storage.
 */
#ifndef VIGIL_UTIL_UTF8_H
#define VIGIL_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

enum utf8_flags {
    UTF8_SINGLE_LINE = 0, /* no control characters at all */
    UTF8_MULTI_LINE = 1,  /* tab, LF and CR allowed */
};

/*
 * Returns 0 when s[0..n) is acceptable text; otherwise VG_EINVAL with the
 * byte offset of the first bad character in *bad and a short reason
 * ("invalid UTF-8", "control character") in *why.
 */
int utf8_check(const char *s, size_t n, enum utf8_flags flags, size_t *bad,
               const char **why);

/* Returns the number of code points in valid UTF-8 text. */
size_t utf8_length(const char *s, size_t n);

/*
 * Makes the NUL-terminated text in s (a buffer of size bytes) valid UTF-8
 * in place, for messages that quote input: each byte that does not start
 * a valid character (invalid, overlong, a surrogate, or a character cut
 * short by truncation) and each control character becomes U+FFFD, and
 * the text ends at a character
 * boundary when the replacements would not fit in size - 1 bytes.
 */
void utf8_scrub(char *s, size_t size);

#endif
