/*
 * images.h: images in the record (DESIGN §2): an upload made into
 * renditions (media/media.h) and stored with its words as media of a
 * tracker, in one audited write. The upload itself is never stored.
 */
#ifndef VIGIL_CORE_IMAGES_H
#define VIGIL_CORE_IMAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/op.h"
#include "util/buf.h"
#include "media/media.h"

/* Why: alt text is read aloud in place of the image, a caption under
 * it; longer belongs in the update. */
enum {
    IMAGE_ALT_MAX = 500,      /* characters */
    IMAGE_CAPTION_MAX = 1000, /* characters */
    IMAGE_CREDIT_MAX = 200,   /* characters */
};

/* An upload and what an editor says of it. */
struct image_input {
    const void *bytes; /* the file as sent; lent for the call */
    size_t len;
    const char *type;                   /* its declared MIME type */
    const struct media_region *regions; /* to redact, oriented pixels */
    size_t nregions;
    const char *alt;      /* required */
    const char *caption;  /* NULL or "" when none */
    const char *credit;   /* NULL or "" when none */
    bool credit_withheld; /* then credit must be empty */
};

/* Checks in's words (alt, caption, credit; the file is not read):
 * VG_EINVAL or VG_ELIMIT with the field named. */
int images_check_words(const struct image_input *in, struct vg_err *err);
/*
 * Checks in's words and makes its file into renditions in *set (see
 * media_process), without the store: the costly part, run before a
 * write begins. VG_EINVAL or VG_ELIMIT (field "file", "regions", "alt",
 * "caption" or "credit") for input refused; *set is then empty.
 */
int images_prepare(const struct image_input *in, struct media_set *set,
                   struct vg_err *err);
/*
 * Stores set (from images_prepare of in) as media of tracker `slug`, with
 * one audit row ("media.add"). Needs the editor role. On success *out is
 * the stored record with its files (no bytes) in the op's arena; set is
 * left for the caller to release.
 */
int images_add(struct op *op, const char *slug, const struct image_input *in,
               const struct media_set *set, struct media_record *out,
               struct vg_err *err);

/* ==== Uploads seen before they are kept (the desk) ====
 *
 * Why: the record is append-only, so an image stored there stays. The
 * desk keeps an upload's renditions out of it, under a random token, for
 * its editor to look at (a face left unredacted?) before keeping it; one
 * not kept is dropped after IMAGE_PENDING_SECONDS. */
enum {
    IMAGE_TOKEN_HEX = 32,         /* a token's hex digits (128 bits) */
    IMAGE_PENDING_SECONDS = 3600, /* how long an upload waits */
};

/* Keeps set (from images_prepare) for user_id on tracker `slug`, under a
 * new token written into token. Needs the editor role. */
int images_pend(struct op *op, const char *slug, int64_t user_id,
                const struct media_set *set, char token[IMAGE_TOKEN_HEX + 1],
                struct vg_err *err);
/* Stores the upload kept under token for user_id as media of `slug`
 * with in's words (in's file is not read), as images_add, and drops it
 * from those waiting. VG_ENOTFOUND (field "token") when no upload waits
 * so: kept already, discarded, or expired. */
int images_keep(struct op *op, const char *slug, int64_t user_id,
                const char *token, const struct image_input *in,
                struct media_record *out, struct vg_err *err);
/* Hides regions[0..n) (pixels of its largest rendition, as the desk
 * shows it) in the upload waiting under token for user_id on `slug`:
 * its largest WebP is processed again as an upload with those regions
 * (media_process), and the result waits instead, under a new token
 * written into new_token. VG_ENOTFOUND (field "token") when no upload
 * waits so; media_process's refusals otherwise. */
int images_redact_pending(struct op *op, const char *slug, int64_t user_id,
                          const char *token, const struct media_region *regions,
                          size_t n, char new_token[IMAGE_TOKEN_HEX + 1],
                          struct vg_err *err);
/* Drops the upload kept under token (none: no error). */
int images_discard(struct op *op, const char *token, struct vg_err *err);

/* What shows the images of tracker_id in a body saved within op
 * (core/markdown.h's markdown_media: ctx is a struct images_body). */
struct images_body {
    struct op *op;
    int64_t tracker_id;
    bool refuse_unknown; /* else an unknown key gives a link to it */
};
/* Appends the <picture> of the media of that tracker whose key is `key`
 * (render/media.h). When it has none: VG_EINVAL (field "body") with
 * refuse_unknown, else a link to /media/KEY with the alt text. */
int images_markdown_html(void *ctx, const char *key, const char *alt,
                         struct buf *out, struct vg_err *err);

/* Sets u[i].image for each of the n updates of tracker t whose body
 * shows an image of its media (the first), loaded with its files into a;
 * an image no longer found leaves NULL. */
int images_fill(struct store *st, struct arena *a, const struct tracker *t,
                struct update *u, size_t n, struct vg_err *err);

#endif
