/*
 * markdown.h: an update's Markdown body to safe HTML, once, when saved.
 *
 * Accepted input: CommonMark, valid UTF-8, at most MARKDOWN_MAX_BYTES and
 * MARKDOWN_MAX_DEPTH levels of block quotes and lists (Debian's cmark 0.30
 * has quadratic cases on deeper input: reference/security.md finding 4).
 * Output: cmark's safe mode (raw HTML and javascript:/data: links dropped);
 * links keep only http, https, mailto and relative targets; images become
 * links to the image, since pages load no third-party resources, except
 * those of Vigil's own media store (markdown_render_media).
 */
#ifndef VIGIL_CORE_MARKDOWN_H
#define VIGIL_CORE_MARKDOWN_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

enum {
    MARKDOWN_MAX_BYTES = 65536,
    MARKDOWN_MAX_DEPTH = 16,
};

/* Appends the HTML of md[0..len) to html. Refuses (VG_ELIMIT, VG_EINVAL)
 * with `field` named in err and html unchanged. */
int markdown_render(const char *field, const char *md, size_t len,
                    struct buf *html, struct vg_err *err);

/*
 * How a body shows Vigil's own images. An image whose address is
 * "/media/KEY" (KEY: 64 lower-case hex digits, a media record's key) is
 * replaced by what html() appends for it (alt: the image's text, "" when
 * none); every other image stays a link as in markdown_render. html()
 * returns 0, or a VG_E* code with err filled (an unknown key), which
 * refuses the body.
 */
struct markdown_media {
    int (*html)(void *ctx, const char *key, const char *alt, struct buf *out,
                struct vg_err *err);
    void *ctx;
};
/* markdown_render with images from the media store (media may be NULL:
 * markdown_render). */
int markdown_render_media(const char *field, const char *md, size_t len,
                          const struct markdown_media *media, struct buf *html,
                          struct vg_err *err);
/*
 * Appends md[0..len) to out as plain text, from cmark's tree: the words of
 * every block in order, blocks and line breaks as single spaces, a link's
 * text followed by its address in brackets ("Video (https://...)"; the
 * address alone for a link without text, nothing more for an autolink,
 * none for an address markdown_render would drop), code as its text, raw
 * HTML left out. No markup character is added. Refuses what
 * markdown_render refuses, with field "body".
 */
int markdown_plain(const char *md, size_t len, struct buf *out,
                   struct vg_err *err);

#endif
