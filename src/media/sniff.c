/*
 * sniff.c: magic bytes and the end of a file, per format (sniff.h).
 * Formats: JPEG (ITU T.81 markers), PNG (RFC 2083 chunks), WebP (a RIFF
 * container whose size field covers the file), HEIF (ISO/IEC 14496-12
 * boxes with an "ftyp" first). Every read is bounds-checked against len.
 */
#include "media/sniff.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 |
           p[0];
}

/* The HEIF brands of still images libheif reads. */
static bool heif_brand(const uint8_t *b)
{
    static const char brands[][5] = {"heic", "heix", "heim", "heis", "mif1"};
    for (size_t i = 0; i < sizeof brands / sizeof brands[0]; i++)
        if (memcmp(b, brands[i], 4) == 0)
            return true;
    return false;
}

enum media_kind sniff_kind(const uint8_t *p, size_t len)
{
    static const uint8_t png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
        return MEDIA_KIND_JPEG;
    if (len >= 8 && memcmp(p, png, 8) == 0)
        return MEDIA_KIND_PNG;
    if (len >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
        return MEDIA_KIND_WEBP;
    if (len >= 12 && memcmp(p + 4, "ftyp", 4) == 0 && heif_brand(p + 8))
        return MEDIA_KIND_HEIC;
    return MEDIA_KIND_NONE;
}

enum media_kind sniff_kind_of_type(const char *type)
{
    static const struct {
        const char *type;
        enum media_kind kind;
    } types[] = {
        {"image/jpeg", MEDIA_KIND_JPEG},  {"image/jpg", MEDIA_KIND_JPEG},
        {"image/pjpeg", MEDIA_KIND_JPEG}, {"image/png", MEDIA_KIND_PNG},
        {"image/webp", MEDIA_KIND_WEBP},  {"image/heic", MEDIA_KIND_HEIC},
        {"image/heif", MEDIA_KIND_HEIC},
    };
    if (!type)
        return MEDIA_KIND_NONE;
    size_t n = strcspn(type, "; \t");
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strlen(types[i].type) == n &&
            strncasecmp(type, types[i].type, n) == 0)
            return types[i].kind;
    return MEDIA_KIND_NONE;
}

const char *sniff_kind_name(enum media_kind k)
{
    switch (k) {
    case MEDIA_KIND_JPEG: return "JPEG";
    case MEDIA_KIND_PNG: return "PNG";
    case MEDIA_KIND_WEBP: return "WebP";
    case MEDIA_KIND_HEIC: return "HEIC";
    case MEDIA_KIND_NONE: break;
    }
    return "unknown";
}

/* ==== JPEG ==== */

/* From the byte after an SOS segment's header, the offset of the next
 * marker that is not a restart (RSTn) or a stuffed 0xFF00; len when the
 * entropy-coded data runs off the end. */
static size_t jpeg_scan_data(const uint8_t *p, size_t pos, size_t len)
{
    for (; pos + 1 < len; pos++) {
        if (p[pos] != 0xff)
            continue;
        uint8_t m = p[pos + 1];
        if (m != 0x00 && m != 0xff && !(m >= 0xd0 && m <= 0xd7))
            return pos;
    }
    return len;
}

/* The offset just after the EOI of the JPEG at p[pos..len), or 0 when it
 * is truncated or malformed before one. */
static size_t jpeg_end(const uint8_t *p, size_t pos, size_t len)
{
    if (pos + 2 > len || p[pos] != 0xff || p[pos + 1] != 0xd8)
        return 0;
    pos += 2;
    for (;;) {
        if (pos + 2 > len || p[pos] != 0xff)
            return 0;
        while (pos + 1 < len && p[pos + 1] == 0xff) /* fill bytes */
            pos++;
        if (pos + 2 > len)
            return 0;
        uint8_t m = p[pos + 1];
        pos += 2;
        if (m == 0xd9)
            return pos;
        if (m == 0x01 || (m >= 0xd0 && m <= 0xd7))
            continue; /* no length */
        if (pos + 2 > len)
            return 0;
        size_t seg = (size_t)p[pos] << 8 | p[pos + 1];
        if (seg < 2 || pos + seg > len)
            return 0;
        pos += seg;
        if (m == 0xda) {
            pos = jpeg_scan_data(p, pos, len);
            if (pos >= len)
                return 0;
        }
    }
}

static enum sniff_end jpeg_whole(const uint8_t *p, size_t len)
{
    size_t pos = jpeg_end(p, 0, len);
    if (pos == 0)
        return SNIFF_TRUNCATED;
    while (pos + 1 < len && p[pos] == 0xff && p[pos + 1] == 0xd8) {
        size_t next = jpeg_end(p, pos, len); /* a multi-picture file */
        if (next == 0)
            return SNIFF_TRAILING;
        pos = next;
    }
    for (; pos < len; pos++)
        if (p[pos] != 0x00 && p[pos] != 0xff)
            return SNIFF_TRAILING;
    return SNIFF_WHOLE;
}

/* ==== PNG, WebP, HEIF ==== */

static enum sniff_end png_whole(const uint8_t *p, size_t len)
{
    size_t pos = 8;
    while (pos + 12 <= len) {
        uint32_t n = be32(p + pos);
        if (n > 0x7fffffffu || len - pos - 12 < n)
            return SNIFF_TRUNCATED;
        bool iend = memcmp(p + pos + 4, "IEND", 4) == 0;
        pos += 12 + (size_t)n;
        if (iend)
            return pos == len ? SNIFF_WHOLE : SNIFF_TRAILING;
    }
    return SNIFF_TRUNCATED;
}

static enum sniff_end webp_whole(const uint8_t *p, size_t len)
{
    size_t riff = (size_t)le32(p + 4) + 8;
    riff += riff & 1; /* a RIFF chunk is padded to an even size */
    if (riff > len)
        return SNIFF_TRUNCATED;
    return riff == len ? SNIFF_WHOLE : SNIFF_TRAILING;
}

static enum sniff_end heif_whole(const uint8_t *p, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        if (len - pos < 8)
            return SNIFF_TRUNCATED;
        uint64_t n = be32(p + pos);
        if (n == 0)
            return SNIFF_WHOLE; /* the last box runs to the end */
        if (n == 1) {
            if (len - pos < 16)
                return SNIFF_TRUNCATED;
            n = (uint64_t)be32(p + pos + 8) << 32 | be32(p + pos + 12);
        }
        if (n < 8 || n > len - pos)
            return SNIFF_TRUNCATED;
        pos += (size_t)n;
    }
    return SNIFF_WHOLE;
}

enum sniff_end sniff_end(enum media_kind k, const uint8_t *p, size_t len)
{
    switch (k) {
    case MEDIA_KIND_JPEG: return jpeg_whole(p, len);
    case MEDIA_KIND_PNG: return png_whole(p, len);
    case MEDIA_KIND_WEBP: return webp_whole(p, len);
    case MEDIA_KIND_HEIC: return heif_whole(p, len);
    case MEDIA_KIND_NONE: break;
    }
    return SNIFF_TRUNCATED;
}
