/*
 * desk_extract.h: the extraction page: an article pasted, what was found in it,
 * each figure to accept.
 */
#ifndef VIGIL_RENDER_DESK_EXTRACT_H
#define VIGIL_RENDER_DESK_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "render/admin.h"

struct extraction;

/* What the extraction page's form holds, and what the extractor found in
 * it. */
struct extract_form {
    const char *text;               /* the pasted text (valid UTF-8), or NULL */
    size_t len;                     /* its bytes */
    const char *published;          /* YYYY-MM-DD as given, or NULL */
    const char *url;                /* the article's address, or NULL */
    const struct extraction *found; /* of text; NULL: the form alone */
};

/* /admin/t/SLUG/extract: the form to paste an article into; with
 * f->found, the text with each proposal marked and beside it the
 * proposals, each figure with an Accept form, prefilled and editable,
 * that proposes it to POST /admin/t/SLUG/claims (the two-person rule).
 * m and s are the tracker's metrics and the sources to choose from. */
void render_desk_extract(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct extract_form *f,
                         const struct metric *m, size_t nm,
                         const struct source *s, size_t ns);

#endif
