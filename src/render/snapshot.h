/*
 * snapshot.h: a tracker as one self-contained HTML file (DESIGN §5), to
 * pass around when the site is blocked: the stylesheet inline, no script,
 * no image, nothing to fetch; the highlights, every public update, the
 * events and the memorial list. The CLI signs it (core/signing.h).
 */
#ifndef VIGIL_RENDER_SNAPSHOT_H
#define VIGIL_RENDER_SNAPSHOT_H

#include <jansson.h>
#include <stddef.h>

#include "core/view.h"
#include "render/layout.h"

struct snapshot {
    const struct tracker_view *view; /* with every public update */
    const struct event *events;
    size_t nevents;
    json_t *const *victims; /* public fields of each record */
    size_t nvictims;
    const char *css;
    size_t css_len;
    int64_t taken_at;
};

void render_snapshot(struct buf *b, const struct site *s,
                     const struct snapshot *snap);

#endif
