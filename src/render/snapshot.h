/*
 * snapshot.h: a tracker as one self-contained HTML file (DESIGN §5), to
 * pass around when the site is blocked: the stylesheet inline, no script,
 * nothing to fetch; the highlights, every public update, the events and
 * the memorial list. Images are inlined as data: URIs within
 * SNAPSHOT_MAX_BYTES, or named where they stood
 * (core/snapshot_images.h). The CLI signs it (core/signing.h).
 */
#ifndef VIGIL_RENDER_SNAPSHOT_H
#define VIGIL_RENDER_SNAPSHOT_H

#include <jansson.h>
#include <stddef.h>

#include "core/view.h"
#include "render/layout.h"

/* Why: a file to pass on by messenger or USB stick on a poor
 * connection; the demo's text alone is about 100 KB. */
enum { SNAPSHOT_MAX_BYTES = 200000 };

struct snapshot {
    const struct tracker_view *view; /* with every public update */
    const struct event *events;
    size_t nevents;
    json_t *const *victims; /* public fields of each record */
    size_t nvictims;
    const char *css;
    size_t css_len;
    int64_t taken_at;
    size_t images_left_out; /* images the updates show that are not in it */
};

void render_snapshot(struct buf *b, const struct site *s,
                     const struct snapshot *snap);
/* An image of media m inlined: its file f, whose bytes data_uri holds,
 * with m's words (alt: the body's text, or m's when empty). */
void render_snapshot_image(struct buf *b, const struct media_record *m,
                           const struct media_file *f, const char *data_uri,
                           const char *alt);
/* The note standing for an image left out: its alt text and its address
 * on the site at base_url (its largest WebP, named by key). */
void render_snapshot_left_out(struct buf *b, const char *base_url,
                              const char *key, const char *alt);

#endif
