/* marks.c: highlighted spans of a text (render/marks.h). */
#include "render/marks.h"

#include <stdbool.h>
#include <stdlib.h>

#include "render/html.h"

static bool continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* The start of the character holding byte `at` (n at or past the end). */
static size_t char_start(const char *t, size_t n, size_t at)
{
    if (at >= n)
        return n;
    while (at > 0 && continuation((unsigned char)t[at]))
        at--;
    return at;
}

/* The first character boundary at or after byte `at`. */
static size_t char_end(const char *t, size_t n, size_t at)
{
    while (at < n && continuation((unsigned char)t[at]))
        at++;
    return at < n ? at : n;
}

/* The bytes [*from, *to) of a span, widened to whole characters and cut
 * at the end of the text. */
static void bounds(const char *t, size_t n, const struct mark_span *s,
                   size_t *from, size_t *to)
{
    size_t off = s->off < n ? s->off : n;
    size_t end = s->len > n - off ? n : off + s->len;
    *from = char_start(t, n, off);
    *to = char_end(t, n, end);
}

void html_span(struct buf *b, const char *text, size_t n, size_t off,
               size_t len)
{
    struct mark_span s = {off, len, NULL, NULL};
    size_t from, to;
    bounds(text, n, &s, &from, &to);
    html_textn(b, text + from, to - from);
}

static int by_start(const void *a, const void *b)
{
    const struct mark_span *x = a, *y = b;
    if (x->off != y->off)
        return x->off < y->off ? -1 : 1;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    return 0;
}

static void mark(struct buf *b, const struct mark_span *s, const char *text,
                 size_t len)
{
    HTML_LIT(b, "<mark");
    html_attr(b, "class", s->cls);
    if (s->title)
        html_attr(b, "title", s->title);
    HTML_LIT(b, ">");
    html_textn(b, text, len);
    HTML_LIT(b, "</mark>");
}

void html_marked(struct buf *b, const char *text, size_t n,
                 struct mark_span *spans, size_t nspans)
{
    size_t pos = 0; /* bytes written so far; always a boundary */
    if (nspans > 1)
        qsort(spans, nspans, sizeof *spans, by_start);
    for (size_t i = 0; i < nspans; i++) {
        size_t from, to;
        bounds(text, n, &spans[i], &from, &to);
        if (from < pos)
            from = pos;
        if (to <= from)
            continue;
        html_textn(b, text + pos, from - pos);
        mark(b, &spans[i], text + from, to - from);
        pos = to;
    }
    html_textn(b, text + pos, n - pos);
}
