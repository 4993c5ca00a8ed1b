/*
 * fuzz_media.c: libFuzzer target for the upload path's decoder
 * (media/media.c). The first byte picks the declared type, the second a
 * redaction region; the rest is the file. Refused input must leave no
 * rendition and give a reason; accepted input must give renditions no
 * wider than the image, each hashed, none holding an EXIF or XMP block.
 */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "media/media.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const types[] = {"image/jpeg", "image/png",     "image/webp",
                                    "image/heic", "image/svg+xml", NULL};

static void check_set(const struct media_set *s)
{
    if (s->n == 0 || s->n % 2 != 0)
        abort();
    for (size_t i = 0; i < s->n; i++) {
        const struct media_rendition *r = &s->r[i];
        if (r->width <= 0 || r->width > s->width || r->len == 0 ||
            strlen(r->sha256) != MEDIA_HASH_HEX)
            abort();
        if (memmem(r->bytes, r->len, "Exif\0\0", 6) ||
            memmem(r->bytes, r->len, "http://ns.adobe.com/xap", 23))
            abort(); /* a metadata block survived */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const char *type = types[data[0] % (sizeof types / sizeof types[0])];
    struct media_region region = {data[1] & 15, data[1] >> 4, 4, 4};
    struct media_set s = MEDIA_SET_INIT;
    struct vg_err err = VG_ERR_INIT;
    int rc = media_process(data + 2, size - 2, type, &region, data[1] ? 1 : 0,
                           &s, &err);
    if (rc != 0 && (s.n != 0 || err.code == 0 || err.msg[0] == '\0'))
        abort(); /* a refusal kept something, or gave no reason */
    if (rc == 0)
        check_set(&s);
    media_set_release(&s);
    return 0;
}
