/*
 * media.h: images as Vigil keeps them. An upload is checked, decoded,
 * oriented, redacted, resized and encoded again (libvips); what comes out
 * holds the picture and nothing else of the file.
 *
 * Contract of media_process():
 * - Only JPEG, PNG, WebP and (where libvips has libheif) HEIC are read, by
 *   libvips loaders on an allowlist; every other loader (SVG, PDF, TIFF,
 *   ...) is blocked at startup and refused by name too.
 * - The declared type (a MIME type from the upload, or one guessed from
 *   the file name with media_type_from_name) must match the file's magic
 *   bytes, and the file must end where its format says it ends: bytes
 *   after the image (an archive or a page appended, a polyglot) and a
 *   truncated file are refused.
 * - Limits, checked before any pixel is decoded: MEDIA_MAX_BYTES of
 *   input; MEDIA_MAX_PIXELS (width x height from the header) and
 *   MEDIA_MAX_SIDE on either side. A 50,000 x 50,000 PNG of a few hundred
 *   bytes is refused from its header.
 * - Renditions are made from the oriented image (EXIF orientation
 *   applied), in sRGB (an embedded profile is applied, then dropped),
 *   flattened on white, with every metadata block stripped: no EXIF, GPS,
 *   XMP, IPTC, ICC profile, thumbnail or maker note reaches them.
 * - Redaction regions are rectangles in the coordinates of the oriented
 *   full-size image (as an editor sees it). They are filled solid black
 *   once, on the full image, before any resizing: every rendition is
 *   uniform there, and nothing of the pixels under them survives.
 * - Widths: MEDIA_WIDTHS below the image's width, and the image's own
 *   width when under the largest; never upscaled. Each in WebP and JPEG.
 * The original bytes are never kept: the caller gets renditions only.
 */
#ifndef VIGIL_MEDIA_MEDIA_H
#define VIGIL_MEDIA_MEDIA_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* Why: a phone photo is 3-12 MB at 12-48 megapixels; decoding one takes
 * width x height x 3 bytes (120 MB at the pixel limit), so a larger one
 * would let one upload take the memory of many. */
enum {
    MEDIA_MAX_BYTES = 25 * 1024 * 1024, /* bytes of an upload */
    MEDIA_MAX_PIXELS = 40000000,        /* width x height */
    MEDIA_MAX_SIDE = 16384,             /* pixels, either side */
    MEDIA_MAX_REGIONS = 64,             /* redaction rectangles */
    MEDIA_MAX_RENDITIONS = 8,           /* widths x formats */
    MEDIA_HASH_HEX = 64,                /* SHA-256 in hex */
};

/* The widths renditions are made at (pixels), smallest first. */
extern const int media_widths[];
extern const size_t media_width_count;

enum media_format {
    MEDIA_WEBP = 1,
    MEDIA_JPEG = 2,
};

/* A rectangle to redact, in pixels of the oriented full-size image. */
struct media_region {
    int x, y, w, h;
};

/* One encoded rendition. bytes is the set's (freed by media_set_release). */
struct media_rendition {
    enum media_format format;
    int width, height; /* pixels */
    uint8_t *bytes;
    size_t len;
    char sha256[MEDIA_HASH_HEX + 1]; /* of bytes, lower-case hex */
};

/* What media_process gives: the oriented image's size and its renditions,
 * by width then format (WebP first). */
struct media_set {
    int width, height; /* the oriented full-size image, pixels */
    struct media_rendition r[MEDIA_MAX_RENDITIONS];
    size_t n;
};
#define MEDIA_SET_INIT                     \
    {                                      \
        0, 0, {{0, 0, 0, NULL, 0, {0}}}, 0 \
    }

/* ==== Processing ==== */

/* Starts libvips once for the process (later calls do nothing): a small
 * thread pool, no operation cache (a decoded upload must not outlive its
 * request), untrusted loaders and those not on the allowlist blocked.
 * VG_EIO when libvips cannot start. */
int media_init(struct vg_err *err);
/*
 * Processes the upload in[0..len) of declared MIME type `type` into out
 * (emptied first). Fails with VG_ELIMIT over MEDIA_MAX_BYTES or
 * MEDIA_MAX_REGIONS, VG_EINVAL for a file refused (wrong type, not an
 * image, over the pixel limits, truncated, bytes after the image, a
 * region outside the image), each with a message fit for the
 * editor and field "file" (or "regions"); out is then empty.
 */
int media_process(const void *in, size_t len, const char *type,
                  const struct media_region *regions, size_t nregions,
                  struct media_set *out, struct vg_err *err);
/* Frees the renditions' bytes and empties the set; NULL does nothing. */
void media_set_release(struct media_set *s);

/* Parses regions written "X,Y,W,H" (whole pixels), separated by ';' or
 * spaces, into out[0..max); sets *n. An empty text gives none. VG_EINVAL
 * (field "regions") for anything else, VG_ELIMIT for more than max. */
int media_regions_parse(const char *text, struct media_region *out, size_t max,
                        size_t *n, struct vg_err *err);

/* ==== Names ==== */

/* "image/jpeg" etc. for a file name's extension (case-insensitive), or
 * NULL when it names no type Vigil reads. */
const char *media_type_from_name(const char *name);
/* "webp", "jpg": the extension a rendition is served under. */
const char *media_format_ext(enum media_format f);
/* "image/webp", "image/jpeg". */
const char *media_format_mime(enum media_format f);
/* The format served under extension ext ("webp", "jpg"), or 0. */
enum media_format media_format_from_ext(const char *ext);

#endif
