/*
 * test_media.c: media/media.h on the photos in tests/media (EXIF GPS,
 * XMP, IPTC, thumbnails, an ICC profile, an orientation) and the hostile
 * files beside them. Each rendition is decoded again with libvips: it
 * carries no metadata item, none of the original's bytes or strings, the
 * orientation applied, and a redacted region uniform. Run from the
 * repository's root.
 */
#define _GNU_SOURCE /* memmem */
#include "media/media.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vips/vips.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../check.h"
#include "media/sniff.h"
#include "util/xmalloc.h"

struct file {
    uint8_t *p;
    size_t len;
};

static struct file slurp(const char *path)
{
    struct file f = {NULL, 0};
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot open %s (run from the repository's root)", path);
    fseek(fp, 0, SEEK_END);
    f.len = (size_t)ftell(fp);
    rewind(fp);
    f.p = xmalloc(f.len + 1);
    if (fread(f.p, 1, f.len, fp) != f.len)
        fail_msg("cannot read %s", path);
    fclose(fp);
    return f;
}

/* Fails when the rendition decodes with any metadata item, or holds a
 * string or a RUN-byte run of the original. A run is longer than the two
 * quantisation tables of a JPEG (138 bytes), which an encoder at the
 * same quality writes the same; an EXIF block, a thumbnail or XMP is
 * longer. */
enum { RUN = 160 };
static void check_clean(const char *label, const struct media_rendition *r,
                        const struct file *orig)
{
    static const char *const items[] = {
        VIPS_META_EXIF_NAME, VIPS_META_XMP_NAME,    VIPS_META_IPTC_NAME,
        VIPS_META_ICC_NAME,  VIPS_META_ORIENTATION,
    };
    static const char *const strings[] = {"SN-0042-SECRET",
                                          "Secret Photographer", "Exif",
                                          "ns.adobe.com", "VigilTestCam"};
    VipsImage *img = vips_image_new_from_buffer(r->bytes, r->len, "", NULL);
    if (!img)
        fail_msg("%s: a rendition does not decode", label);
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        if (vips_image_get_typeof(img, items[i]))
            fail_msg("%s: rendition %dpx carries %s", label, r->width,
                     items[i]);
    CHECK_INT(label, vips_image_get_width(img), r->width);
    g_object_unref(img);
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        if (memmem(r->bytes, r->len, strings[i], strlen(strings[i])))
            fail_msg("%s: rendition holds \"%s\"", label, strings[i]);
    for (size_t off = 0; off + RUN <= orig->len; off += RUN / 2)
        if (memmem(r->bytes, r->len, orig->p + off, RUN))
            fail_msg("%s: rendition holds the original's bytes at %zu", label,
                     off);
}

static void photos_lose_their_metadata(void **state)
{
    static const struct {
        const char *path, *type;
        int width, height, renditions;
    } cases[] = {
        {"tests/media/gps-oriented.jpg", "image/jpeg", 600, 800, 4},
        {"tests/media/gps-p3.jpg", "image/jpeg", 800, 600, 6},
        {"tests/media/gps.png", "image/png", 300, 225, 2},
        {"tests/media/gps.webp", "image/webp", 800, 600, 6},
        {"tests/media/gps.heic", "image/heic", 800, 600, 6},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct file f = slurp(cases[i].path);
        struct media_set s = MEDIA_SET_INIT;
        struct vg_err err = VG_ERR_INIT;
        int rc = media_process(f.p, f.len, cases[i].type, NULL, 0, &s, &err);
        CHECK_CODE(cases[i].path, rc, 0);
        CHECK_INT(cases[i].path, s.width, cases[i].width);
        CHECK_INT(cases[i].path, s.height, cases[i].height);
        CHECK_INT(cases[i].path, s.n, cases[i].renditions);
        for (size_t j = 0; j < s.n; j++) {
            check_clean(cases[i].path, &s.r[j], &f);
            CHECK_INT(cases[i].path, strlen(s.r[j].sha256), MEDIA_HASH_HEX);
            CHECK_INT(cases[i].path, s.r[j].format,
                      j % 2 ? MEDIA_JPEG : MEDIA_WEBP);
        }
        CHECK_INT(cases[i].path, s.r[s.n - 1].width, cases[i].width);
        media_set_release(&s);
        free(f.p);
    }
}

/* max - min of every band over the rectangle, in the rendition. */
static double spread(const struct media_rendition *r, int x, int y, int w,
                     int h)
{
    VipsImage *img = vips_image_new_from_buffer(r->bytes, r->len, "", NULL);
    VipsImage *area = NULL;
    double lo = 0, hi = 0;
    if (!img || vips_extract_area(img, &area, x, y, w, h, NULL) ||
        vips_min(area, &lo, NULL) || vips_max(area, &hi, NULL))
        fail_msg("cannot measure a %dpx rendition", r->width);
    g_object_unref(area);
    g_object_unref(img);
    return hi - lo;
}

/* The face drawn in the pictures, as an editor marks it on the oriented
 * image: its place in gps-p3.jpg, and in gps-oriented.jpg turned 90
 * degrees clockwise (x' = 599 - y, y' = x). */
static void a_redacted_face_is_uniform_in_every_rendition(void **state)
{
    static const struct {
        const char *path;
        struct media_region face;
    } cases[] = {
        {"tests/media/gps-p3.jpg", {310, 170, 180, 180}},
        {"tests/media/gps-oriented.jpg", {249, 310, 180, 180}},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct file f = slurp(cases[i].path);
        struct media_set plain = MEDIA_SET_INIT, red = MEDIA_SET_INIT;
        struct vg_err err = VG_ERR_INIT;
        const struct media_region *g = &cases[i].face;
        CHECK_CODE(
            cases[i].path,
            media_process(f.p, f.len, "image/jpeg", NULL, 0, &plain, &err), 0);
        CHECK_CODE(cases[i].path,
                   media_process(f.p, f.len, "image/jpeg", g, 1, &red, &err),
                   0);
        CHECK_INT(cases[i].path, red.n, plain.n);
        for (size_t j = 0; j < red.n; j++) {
            /* Inside the region, 8 pixels from its edges: resampling
             * and the encoders' blocks blur the border only. */
            double k = (double)red.r[j].width / red.width;
            int x = (int)(g->x * k) + 8, y = (int)(g->y * k) + 8;
            int w = (int)(g->w * k) - 16, h = (int)(g->h * k) - 16;
            if (spread(&plain.r[j], x, y, w, h) < 100)
                fail_msg("%s: the face is not there to redact", cases[i].path);
            if (spread(&red.r[j], x, y, w, h) > 12)
                fail_msg("%s: %dpx %s rendition not uniform where redacted",
                         cases[i].path, red.r[j].width,
                         media_format_ext(red.r[j].format));
            if (strcmp(red.r[j].sha256, plain.r[j].sha256) == 0)
                fail_msg("%s: redaction changed nothing", cases[i].path);
        }
        media_set_release(&plain);
        media_set_release(&red);
        free(f.p);
    }
}

static void hostile_files_are_refused(void **state)
{
    static const struct {
        const char *path, *type;
        int code;
        const char *msg;
    } cases[] = {
        {"tests/media/hostile/bomb.png", "image/png", VG_EINVAL,
         "50000 x 50000"},
        {"tests/media/hostile/truncated.jpg", "image/jpeg", VG_EINVAL,
         "truncated"},
        {"tests/media/hostile/truncated.png", "image/png", VG_EINVAL,
         "truncated"},
        {"tests/media/hostile/polyglot-zip.jpg", "image/jpeg", VG_EINVAL,
         "other data after the image"},
        {"tests/media/hostile/html-after.png", "image/png", VG_EINVAL,
         "other data after the image"},
        {"tests/media/hostile/image.svg", "image/svg+xml", VG_EINVAL,
         "not a JPEG, PNG, WebP or HEIC"},
        {"tests/media/hostile/image.svg", "image/png", VG_EINVAL,
         "not a JPEG, PNG, WebP or HEIC"},
        {"tests/media/gps.png", "image/jpeg", VG_EINVAL,
         "a PNG image, but was sent as image/jpeg"},
        {"tests/media/gps.webp", NULL, VG_EINVAL, "sent as no type"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct file f = slurp(cases[i].path);
        struct media_set s = MEDIA_SET_INIT;
        struct vg_err err = VG_ERR_INIT;
        int rc = media_process(f.p, f.len, cases[i].type, NULL, 0, &s, &err);
        CHECK_CODE(cases[i].path, rc, cases[i].code);
        CHECK_HAS(cases[i].path, err.msg, cases[i].msg);
        CHECK_STR(cases[i].path, err.field, "file");
        CHECK_INT(cases[i].path, s.n, 0);
        free(f.p);
    }
}

static void regions_outside_the_image_are_refused(void **state)
{
    static const struct media_region bad[] = {
        {-1, 0, 10, 10}, {0, 0, 0, 10}, {700, 0, 101, 10}, {0, 599, 10, 2}};
    struct file f = slurp("tests/media/gps-p3.jpg");
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct media_set s = MEDIA_SET_INIT;
        struct vg_err err = VG_ERR_INIT;
        int rc = media_process(f.p, f.len, "image/jpeg", &bad[i], 1, &s, &err);
        CHECK_CODE("region", rc, VG_EINVAL);
        CHECK_STR("region", err.field, "regions");
        CHECK_INT("region", s.n, 0);
    }
    free(f.p);
}

/* Phones append the other pictures of a multi-picture file, and some
 * pad: both still end where JPEG says. */
static void sniff_ends(void **state)
{
    struct file f = slurp("tests/media/gps-p3.jpg");
    uint8_t *two = xmalloc(2 * f.len + 4);
    (void)state;
    memcpy(two, f.p, f.len);
    memcpy(two + f.len, f.p, f.len);
    memset(two + 2 * f.len, 0, 4);
    CHECK_INT("mpf", sniff_end(MEDIA_KIND_JPEG, two, 2 * f.len + 4),
              SNIFF_WHOLE);
    two[2 * f.len + 3] = 'Z';
    CHECK_INT("tail", sniff_end(MEDIA_KIND_JPEG, two, 2 * f.len + 4),
              SNIFF_TRAILING);
    CHECK_INT("cut", sniff_end(MEDIA_KIND_JPEG, two, f.len - 1),
              SNIFF_TRUNCATED);
    CHECK_INT("kind", sniff_kind_of_type("IMAGE/JPEG; q=1"), MEDIA_KIND_JPEG);
    CHECK_STR("name", media_type_from_name("IMG_0001.HEIC"), "image/heic");
    CHECK_STR("name", media_type_from_name("x.svg"), NULL);
    free(two);
    free(f.p);
}

int test_media_media(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(photos_lose_their_metadata),
        cmocka_unit_test(a_redacted_face_is_uniform_in_every_rendition),
        cmocka_unit_test(hostile_files_are_refused),
        cmocka_unit_test(regions_outside_the_image_are_refused),
        cmocka_unit_test(sniff_ends),
    };
    return cmocka_run_group_tests_name("media_media", tests, NULL, NULL);
}
