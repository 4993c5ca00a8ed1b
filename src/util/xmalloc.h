/*
 * xmalloc.h: allocation that never returns NULL.
 *
 * Running out of memory is not an input error: these abort with a message.
 * Overload is refused earlier, by limits on input size and connection counts.
 */
#ifndef VIGIL_UTIL_XMALLOC_H
#define VIGIL_UTIL_XMALLOC_H

#include <stddef.h>

/* Each returns memory the caller owns and frees with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
