/*
 * fuzz_platforms.c: libFuzzer target for the recogniser of pasted links
 * to posts and videos (src/core/platforms.c).
 *
 * Any bytes are a pasted link: the recogniser must not crash or read
 * outside them, must refuse with VG_EINVAL or VG_ELIMIT naming the field
 * given, and when it accepts, its canonical URL must be https, hold no
 * byte that could end an attribute or start markup, and be recognised
 * again as itself on the same platform, with the same handle and id.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/platforms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_safe(const char *url)
{
    if (strncmp(url, "https://", 8) != 0)
        abort();
    for (const char *p = url; *p; p++)
        if (*p <= ' ' || *p >= 0x7f || strchr("\"'<>\\`{}|^", *p))
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly size bytes, so that ASan sees any read past it */
    char *buf = malloc(size ? size : 1);
    memcpy(buf, data, size);
    struct post_ref r, again;
    struct vg_err err = VG_ERR_INIT;
    int rc = platform_recognise("embed", buf, size, &r, &err);
    if (rc != 0 && ((rc != VG_EINVAL && rc != VG_ELIMIT) || err.code != rc ||
                    err.field == NULL || strcmp(err.field, "embed") != 0))
        abort();
    if (rc == 0) {
        check_safe(r.url);
        struct vg_err err2 = VG_ERR_INIT;
        if (r.platform >= PLATFORM_COUNT ||
            platform_recognise("embed", r.url, strlen(r.url), &again, &err2) !=
                0 ||
            again.platform != r.platform || strcmp(again.url, r.url) != 0 ||
            strcmp(again.handle, r.handle) != 0 || strcmp(again.id, r.id) != 0)
            abort();
    }
    free(buf);
    return 0;
}
