/*
 * embed.h: an update's post from elsewhere, or video, as a facade.
 *
 * A facade shows what the record holds (the author, the post's date, its
 * text as a quote, when it was captured, the platform's name) and one
 * link to the post, "Load from <platform>". The page asks nothing of the
 * platform: no script, frame, image, font or preconnect names its host,
 * which appears only in that link's href.
 */
#ifndef VIGIL_RENDER_EMBED_H
#define VIGIL_RENDER_EMBED_H

#include "model/model.h"
#include "util/buf.h"

/* Appends e's facade as a <figure class="embed"> (live and update pages,
 * feeds' HTML). */
void render_embed_facade(struct buf *b, const struct embed *e);
/* Appends e for the lite page: the quote, one line of who and when, and
 * the link. */
void render_embed_lite(struct buf *b, const struct embed *e);

#endif
