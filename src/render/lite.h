/*
 * lite.h: the text-first page for the worst connections (DESIGN §5): no
 * stylesheet, no images, no script, under 10 KB: Day N, the range of
 * each figure, and the latest updates as text.
 */
#ifndef VIGIL_RENDER_LITE_H
#define VIGIL_RENDER_LITE_H

#include "core/view.h"
#include "util/buf.h"

enum { LITE_PAGE_UPDATES = 20, LITE_EXCERPT_BYTES = 280 };

/* GET /t/:slug/lite */
void render_lite(struct buf *b, const struct tracker_view *v);

#endif
