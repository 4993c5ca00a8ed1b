/*
 * media_desk.h: the desk's page of a tracker's images: a form to upload
 * one (a plain form that works without JavaScript, from a phone's camera
 * too), an upload as it will be shown before it is kept, the images
 * stored, and one image with the Markdown that puts it in an update.
 */
#ifndef VIGIL_RENDER_MEDIA_DESK_H
#define VIGIL_RENDER_MEDIA_DESK_H

#include <stddef.h>

#include "model/model.h"
#include "render/admin.h"
#include "util/buf.h"

/* /admin/t/SLUG/media: the upload form and the tracker's images. */
void render_desk_media(struct buf *b, const struct desk *d,
                       const struct tracker *t, const struct media_record *m,
                       size_t n);
/* /admin/t/SLUG/media/KEY: image m (loaded with its files) as readers
 * will see it, each rendition, and the Markdown to use it. */
void render_desk_media_item(struct buf *b, const struct desk *d,
                            const struct tracker *t,
                            const struct media_record *m);

/* /admin/t/SLUG/media/pending/TOKEN: an upload not yet kept (files,
 * by width, from the store), as it will be shown, with the form that
 * keeps it (its words) and the one that discards it. */
void render_desk_media_pending(struct buf *b, const struct desk *d,
                               const struct tracker *t, const char *token,
                               const struct media_file *f, size_t n);

#endif
