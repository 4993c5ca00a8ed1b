/*
 * sniff.h: what an upload's bytes say it is, read without libvips: its
 * magic bytes, and where its format says it ends. Whatever libvips then
 * decodes must be exactly this file, whole, and of one format.
 */
#ifndef VIGIL_MEDIA_SNIFF_H
#define VIGIL_MEDIA_SNIFF_H

#include <stddef.h>
#include <stdint.h>

enum media_kind {
    MEDIA_KIND_NONE = 0,
    MEDIA_KIND_JPEG,
    MEDIA_KIND_PNG,
    MEDIA_KIND_WEBP,
    MEDIA_KIND_HEIC,
};

/* How a file's structure ends, from sniff_end. */
enum sniff_end {
    SNIFF_WHOLE = 0,     /* ends where its format ends */
    SNIFF_TRUNCATED = 1, /* ends before its format says it does */
    SNIFF_TRAILING = 2,  /* holds bytes after its end (a polyglot) */
};

/* The format p[0..len) starts as, by its magic bytes. */
enum media_kind sniff_kind(const uint8_t *p, size_t len);
/* The format a declared MIME type names (parameters ignored), or NONE. */
enum media_kind sniff_kind_of_type(const char *type);
/* "JPEG", "PNG", "WebP", "HEIC", or "unknown". */
const char *sniff_kind_name(enum media_kind k);
/*
 * Walks the file's structure (JPEG markers and entropy-coded data to EOI,
 * PNG chunks to IEND, the RIFF size, HEIF boxes). A JPEG may be followed
 * by further whole JPEGs (the pictures of a multi-picture file, which
 * phones append) and by padding of 0x00 or 0xFF bytes; nothing else may
 * follow any format.
 */
enum sniff_end sniff_end(enum media_kind k, const uint8_t *p, size_t len);

#endif
