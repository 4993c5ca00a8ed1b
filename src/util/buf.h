/*
 * buf.h: the one growable byte buffer.
 *
 * Invariants: `p` is always NUL-terminated once anything was appended (an
 * untouched buffer has p == NULL and len == 0; use buf_cstr() to read it);
 * appends never return a new pointer; a buffer has a byte limit set at init,
 * and an append that would pass it sets the sticky `failed` flag and appends
 * nothing more, so callers check once at the end instead of after each call.
 */
#ifndef VIGIL_UTIL_BUF_H
#define VIGIL_UTIL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct buf {
    char *p;      /* owned, NUL-terminated, NULL until the first append */
    size_t len;   /* bytes used, without the terminating NUL */
    size_t cap;   /* bytes allocated */
    size_t limit; /* most bytes len may reach */
    bool failed;  /* an append passed the limit; content is truncated */
};

#define BUF_INIT(limit)            \
    {                              \
        NULL, 0, 0, (limit), false \
    }

/* ==== Building ==== */

/* Appends n bytes. */
void buf_append(struct buf *b, const void *data, size_t n);
/* Appends a NUL-terminated string. */
void buf_puts(struct buf *b, const char *s);
/* Appends one byte. */
void buf_putc(struct buf *b, char c);
/* Appends printf-formatted text (for trusted formats only: never markup). */
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same with a va_list (which it consumes). */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Appends a string literal without strlen. */
#define BUF_LIT(b, s) buf_append((b), "" s "", sizeof(s) - 1)

/* ==== Reading and releasing ==== */

/* Returns the content as a C string ("" when empty); lent until the next
 * append or buf_release. */
const char *buf_cstr(const struct buf *b);
/* Hands the content to the caller (free() it) and resets the buffer. */
char *buf_detach(struct buf *b);
/* Empties the buffer, keeping its memory and limit; clears `failed`. */
void buf_reset(struct buf *b);
/* Frees the memory; the buffer may be reused as empty. */
void buf_release(struct buf *b);

#endif
