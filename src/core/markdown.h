/*
 * markdown.h: an update's Markdown body to safe HTML, once, when saved.
 *
 * Accepted input: GitHub Flavored Markdown (CommonMark with bare URLs
 * linked, tables and ~~strikethrough~~), valid UTF-8, at most
 * MARKDOWN_MAX_BYTES and MARKDOWN_MAX_DEPTH levels of block quotes and
 * lists (cmark has quadratic cases on deeper input: reference/security.md
 * finding 4), at most MARKDOWN_MAX_CELLS '|' on a line, and no run of
 * more than MARKDOWN_MAX_WORD bytes without a space that holds "www.", '@'
 * or ')' (the table and autolink extensions' quadratic cases).
 * Output: cmark-gfm's safe mode (raw HTML and javascript:/data: links
 * dropped); links keep only http, https, mailto and relative targets. An
 * image from Vigil's own media store ("/media/<sha256 hex>[.ext]") is shown;
 * any other image becomes a link to it, since pages load no third-party
 * resources. With markdown_render_media, an image whose address is a
 * media record's key ("/media/KEY") is shown as the store's resolver
 * says (a <picture> of its renditions).
 */
#ifndef VIGIL_CORE_MARKDOWN_H
#define VIGIL_CORE_MARKDOWN_H

#include <stddef.h>

struct cmark_node;

#include "util/buf.h"
#include "util/err.h"

enum {
    MARKDOWN_MAX_BYTES = 65536,
    MARKDOWN_MAX_DEPTH = 16,
    /* A line's '|' (table cells) and a run without a space that holds an
     * address: cmark-gfm 0.29's extensions take quadratic time beyond. */
    MARKDOWN_MAX_CELLS = 128,
    MARKDOWN_MAX_WORD = 4096,
};

/* Parses md[0..len) with the extensions above and no check: for text
 * markdown_render accepted before. The caller frees the tree with
 * cmark_node_free. */
struct cmark_node *markdown_parse(const char *md, size_t len);
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
