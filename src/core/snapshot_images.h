/*
 * snapshot_images.h: the images of a single-file snapshot
 * (render/snapshot.h). A snapshot fetches nothing, so an image is in it
 * as a data: URI of its smallest WebP rendition, or not at all: then the
 * snapshot says so where the image stood, with its alt text and its
 * address on the site. Which images go in is decided by a byte budget:
 * the snapshot's size with every image left out is measured first, and
 * images are inlined, in the order the updates show them, while what
 * they add stays within what the budget leaves.
 */
#ifndef VIGIL_CORE_SNAPSHOT_IMAGES_H
#define VIGIL_CORE_SNAPSHOT_IMAGES_H

#include <stddef.h>

#include "model/model.h"
#include "store/store.h"

/* What snapshot_images_render did. */
struct snapshot_images {
    size_t budget;   /* bytes the inlined images may add, in all */
    size_t used;     /* bytes they added */
    size_t inlined;  /* images shown from a data: URI */
    size_t left_out; /* images named but not included */
};

/*
 * Renders again the body of each of u[0..n) (updates of tracker t) for
 * the snapshot, setting u[i].body_html (in a): each image of the media
 * store inlined while x->budget allows, else a note naming it (its alt
 * text and base_url's address of it). A post's still is added to the
 * body so, and u[i].embed replaced by a copy that shows none. Fills x's counts
 * (used, inlined, left_out, from 0). Fails only on a read error.
 */
int snapshot_images_render(struct store *st, struct arena *a,
                           const struct tracker *t, const char *base_url,
                           struct update *u, size_t n,
                           struct snapshot_images *x, struct vg_err *err);

#endif
