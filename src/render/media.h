/*
 * media.h: how an image of the record is shown: a <picture> of its WebP
 * and JPEG renditions (srcset by width, sizes for the page's column),
 * lazy-loaded, its width and height given so that nothing moves when it
 * arrives; its caption and credit after it.
 */
#ifndef VIGIL_RENDER_MEDIA_H
#define VIGIL_RENDER_MEDIA_H

#include "model/model.h"
#include "util/buf.h"

/* The renditions' URL: "/media/SHA256.EXT". */
void render_media_url(struct buf *b, const struct media_file *f);
/* Appends base_url (NULL: none) and the URL of m's largest JPEG, the
 * rendition any reader of a feed or a link preview can show; nothing when
 * m has no JPEG. */
void render_media_jpeg_url(struct buf *b, const char *base_url,
                           const struct media_record *m);
/*
 * Appends the <picture> of m (loaded with its files) and, when m has
 * them, its caption and credit in a <small>: phrasing content only, so
 * that it may stand in a paragraph. alt replaces m's alt text when not
 * NULL or empty (the Markdown's own).
 */
void render_picture(struct buf *b, const struct media_record *m,
                    const char *alt);

/* Appends m's caption and credit in a <small>, when it has either; the
 * caption and the credit isolated from the label beside them. */
void render_media_credit(struct buf *b, const struct media_record *m);
/* For pages that load no image (the lite page): a link to m's largest
 * JPEG that says its alt text, then its caption and credit. */
void render_media_link(struct buf *b, const struct media_record *m);

#endif
