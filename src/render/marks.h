/*
 * marks.h: a text with some of its spans highlighted as <mark> elements,
 * escaped by construction (the extraction page, DESIGN §7).
 *
 * Spans are byte offsets into UTF-8 text, as the extractor gives them. A
 * span that begins or ends inside a character is widened to the whole
 * character, so no character is ever split; one that reaches past the end
 * of the text is cut there; one that overlaps an earlier span keeps only
 * its part after it, so marks never nest or cross, and is dropped when
 * nothing is left. Earlier means by start offset, the longer span first.
 */
#ifndef VIGIL_RENDER_MARKS_H
#define VIGIL_RENDER_MARKS_H

#include <stddef.h>

#include "util/buf.h"

struct mark_span {
    size_t off, len;   /* bytes into the text */
    const char *cls;   /* the class of its <mark> */
    const char *title; /* what it is (the title attribute), or NULL */
};

/* Appends text[0..n) with the spans marked, in a text context. Sorts
 * spans in place. */
void html_marked(struct buf *b, const char *text, size_t n,
                 struct mark_span *spans, size_t nspans);

/* Appends the text of one span of text[0..n), widened and cut as above,
 * in a text context. */
void html_span(struct buf *b, const char *text, size_t n, size_t off,
               size_t len);

#endif
