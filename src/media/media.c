/*
 * media.c: an upload made into renditions with libvips (media.h). The
 * file is checked (sniff.c) and its header read before any pixel is
 * decoded; the pixels are then decoded once into memory, oriented, made
 * sRGB, redacted, and resized from there for each width.
 */
#include "media/media.h"

#include <assert.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <vips/vips.h>

#include "media/sniff.h"
#include "util/sha256.h"
#include "util/xmalloc.h"

const int media_widths[] = {320, 640, 1280};
const size_t media_width_count = sizeof media_widths / sizeof media_widths[0];

/* The libvips loader each format must be read by (vips_foreign_find_
 * load_buffer's answer), and so the only ones left unblocked. */
static const struct loader {
    enum media_kind kind;
    const char *name;
} loaders[] = {
    {MEDIA_KIND_JPEG, "VipsForeignLoadJpegBuffer"},
    {MEDIA_KIND_PNG, "VipsForeignLoadPngBuffer"},
    {MEDIA_KIND_WEBP, "VipsForeignLoadWebpBuffer"},
    {MEDIA_KIND_HEIC, "VipsForeignLoadHeifBuffer"},
};

/* ==== Starting libvips ==== */

static pthread_once_t vips_once = PTHREAD_ONCE_INIT;
static int vips_started; /* written once, under vips_once */

static void start_vips(void)
{
    if (VIPS_INIT("vigil") != 0)
        return;
    /* Why: a request thread decodes one upload; libvips' own pool would
     * otherwise take every core of a machine that serves readers too. */
    vips_concurrency_set(2);
    /* Why: the operation cache keeps decoded images (of people one may
     * be about to redact) beyond their request. */
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    for (size_t i = 0; i < sizeof loaders / sizeof loaders[0]; i++)
        vips_operation_block_set(loaders[i].name, FALSE);
    vips_started = 1;
}

int media_init(struct vg_err *err)
{
    pthread_once(&vips_once, start_vips);
    if (!vips_started)
        return vg_err_set(err, VG_EIO, NULL, "libvips did not start");
    return 0;
}

/* ==== Checks before decoding ==== */

static int refuse(struct vg_err *err, int code, const char *msg)
{
    return vg_err_set(err, code, "file", "%s", msg);
}

/* The file's bytes: size, magic bytes against the declared type, where
 * it ends, and the loader libvips would pick. */
static int check_file(const uint8_t *p, size_t len, const char *type,
                      enum media_kind *kind, struct vg_err *err)
{
    if (len == 0)
        return refuse(err, VG_EINVAL, "the file is empty");
    if (len > MEDIA_MAX_BYTES)
        return vg_err_set(err, VG_ELIMIT, "file", "the file is over %d MB",
                          MEDIA_MAX_BYTES >> 20);
    *kind = sniff_kind(p, len);
    if (*kind == MEDIA_KIND_NONE)
        return refuse(err, VG_EINVAL,
                      "the file is not a JPEG, PNG, WebP or HEIC image");
    enum media_kind declared = sniff_kind_of_type(type);
    if (declared != *kind)
        return vg_err_set(err, VG_EINVAL, "file",
                          "the file is a %s image, but was sent as %s",
                          sniff_kind_name(*kind), type ? type : "no type");
    enum sniff_end end = sniff_end(*kind, p, len);
    if (end == SNIFF_TRUNCATED)
        return refuse(err, VG_EINVAL, "the file is truncated or malformed");
    if (end == SNIFF_TRAILING)
        return refuse(err, VG_EINVAL,
                      "the file holds other data after the image");
    return 0;
}

static int check_loader(const uint8_t *p, size_t len, enum media_kind kind,
                        struct vg_err *err)
{
    const char *name = vips_foreign_find_load_buffer(p, len);
    vips_error_clear();
    for (size_t i = 0; name && i < sizeof loaders / sizeof loaders[0]; i++)
        if (loaders[i].kind == kind && strcmp(loaders[i].name, name) == 0)
            return 0;
    return refuse(err, VG_EINVAL, "no image reader on the allowlist reads it");
}

/* The header's size, before any pixel is decoded. */
static int check_size(VipsImage *img, struct vg_err *err)
{
    int64_t w = vips_image_get_width(img), h = vips_image_get_height(img);
    if (w > MEDIA_MAX_SIDE || h > MEDIA_MAX_SIDE || w * h > MEDIA_MAX_PIXELS)
        return vg_err_set(err, VG_EINVAL, "file",
                          "the image is %lld x %lld pixels: over the limit "
                          "of %d megapixels, %d on a side",
                          (long long)w, (long long)h,
                          MEDIA_MAX_PIXELS / 1000000, MEDIA_MAX_SIDE);
    return 0;
}

/* ==== Decoding ==== */

/* Drops every metadata item (EXIF, XMP, IPTC, ICC, orientation, a
 * loader's own) from an image this code owns; savers strip too, so
 * neither alone is relied on. */
static void drop_metadata(VipsImage *img)
{
    gchar **fields = vips_image_get_fields(img);
    for (size_t i = 0; fields && fields[i]; i++)
        vips_image_remove(img, fields[i]);
    g_strfreev(fields);
}

/* t[0..6) are the steps' images, unreffed with their owner. Gives in
 * *out the oriented sRGB 8-bit image without alpha or metadata, decoded
 * into memory. */
static int decode(VipsImage *in, VipsImage **t, VipsImage **out)
{
    if (vips_autorot(in, &t[0], NULL))
        return -1;
    VipsImage *x = t[0];
    if (vips_image_get_typeof(x, VIPS_META_ICC_NAME)) {
        if (vips_icc_transform(x, &t[1], "srgb", "embedded", TRUE, NULL))
            return -1;
        x = t[1];
    }
    if (vips_colourspace(x, &t[2], VIPS_INTERPRETATION_sRGB, NULL))
        return -1;
    x = t[2];
    if (vips_image_hasalpha(x)) {
        double white[3] = {255, 255, 255};
        VipsArrayDouble *bg = vips_array_double_new(white, 3);
        int rc = vips_flatten(x, &t[3], "background", bg, NULL);
        vips_area_unref(VIPS_AREA(bg));
        if (rc)
            return -1;
        x = t[3];
    }
    if (vips_cast_uchar(x, &t[4], NULL) || vips_copy(t[4], &t[5], NULL))
        return -1;
    drop_metadata(t[5]);
    *out = vips_image_copy_memory(t[5]);
    return *out ? 0 : -1;
}

/* Fills each region with black, in place, on the decoded image. */
static int redact(VipsImage *img, const struct media_region *r, size_t n,
                  struct vg_err *err)
{
    int w = vips_image_get_width(img), h = vips_image_get_height(img);
    double ink[3] = {0, 0, 0};
    if (n > MEDIA_MAX_REGIONS)
        return vg_err_set(err, VG_ELIMIT, "regions",
                          "at most %d regions may be redacted",
                          MEDIA_MAX_REGIONS);
    for (size_t i = 0; i < n; i++) {
        if (r[i].x < 0 || r[i].y < 0 || r[i].w <= 0 || r[i].h <= 0 ||
            r[i].x > w - r[i].w || r[i].y > h - r[i].h)
            return vg_err_set(err, VG_EINVAL, "regions",
                              "region %zu lies outside the %d x %d image",
                              i + 1, w, h);
        if (vips_draw_rect(img, ink, 3, r[i].x, r[i].y, r[i].w, r[i].h, "fill",
                           TRUE, NULL))
            return vg_err_set(err, VG_EIO, "regions", "redaction failed");
    }
    return 0;
}

/* ==== Encoding ==== */

static void hex_sha256(const uint8_t *p, size_t len,
                       char out[MEDIA_HASH_HEX + 1])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char d[SHA256_LEN];
    sha256(p, len, d);
    for (size_t i = 0; i < SHA256_LEN; i++) {
        out[2 * i] = digits[d[i] >> 4];
        out[2 * i + 1] = digits[d[i] & 15];
    }
    out[MEDIA_HASH_HEX] = '\0';
}

/* Rewrites a lossy WebP in place as its "VP8 " chunk alone (the simple
 * format): libvips 8.14 writes an EXIF chunk even when told to strip.
 * The image has no alpha (flattened) nor frames, so that chunk is all of
 * it. Returns the new length, or 0 when the file is not so made. */
static size_t webp_bare(uint8_t *p, size_t len)
{
    for (size_t pos = 12; pos + 8 <= len;) {
        size_t n = (size_t)p[pos + 4] | (size_t)p[pos + 5] << 8 |
                   (size_t)p[pos + 6] << 16 | (size_t)p[pos + 7] << 24;
        if (n > len - pos - 8)
            return 0;
        if (memcmp(p + pos, "VP8 ", 4) == 0) {
            size_t whole = 8 + n + (n & 1);
            if (whole > len - pos)
                return 0;
            memmove(p + 12, p + pos, whole);
            size_t riff = 4 + whole;
            for (int i = 0; i < 4; i++)
                p[4 + i] = (uint8_t)(riff >> (8 * i));
            return 8 + riff;
        }
        pos += 8 + n + (n & 1);
    }
    return 0;
}

/* Encodes img as one rendition of the set. */
static int encode(VipsImage *img, enum media_format f, struct media_set *s)
{
    void *buf = NULL;
    size_t len = 0;
    int rc = f == MEDIA_WEBP
                 ? vips_webpsave_buffer(img, &buf, &len, "Q", 80, "strip", TRUE,
                                        NULL)
                 : vips_jpegsave_buffer(img, &buf, &len, "Q", 82, "strip", TRUE,
                                        "optimize_coding", TRUE, "interlace",
                                        TRUE, NULL);
    if (rc)
        return -1;
    assert(s->n < MEDIA_MAX_RENDITIONS);
    struct media_rendition *r = &s->r[s->n++];
    r->format = f;
    r->width = vips_image_get_width(img);
    r->height = vips_image_get_height(img);
    r->bytes = xmalloc(len);
    memcpy(r->bytes, buf, len);
    r->len = len;
    g_free(buf);
    if (f == MEDIA_WEBP)
        r->len = webp_bare(r->bytes, r->len);
    if (r->len == 0) {
        free(r->bytes);
        s->n--;
        return -1;
    }
    hex_sha256(r->bytes, r->len, r->sha256);
    return 0;
}

/* The widths to make for an image w pixels wide: media_widths under w,
 * then w itself unless it is over the largest. Returns how many. */
static size_t widths_for(int w, int out[MEDIA_MAX_RENDITIONS / 2])
{
    size_t n = 0;
    for (size_t i = 0; i < media_width_count; i++)
        if (media_widths[i] < w)
            out[n++] = media_widths[i];
    if (w <= media_widths[media_width_count - 1])
        out[n++] = w;
    return n;
}

/* Every width's renditions, from the full decoded image. */
static int renditions(VipsImage *full, struct media_set *s)
{
    int w = vips_image_get_width(full), widths[MEDIA_MAX_RENDITIONS / 2];
    size_t n = widths_for(w, widths);
    for (size_t i = 0; i < n; i++) {
        VipsImage *img = full;
        if (widths[i] != w &&
            vips_resize(full, &img, (double)widths[i] / w, NULL))
            return -1;
        int rc = encode(img, MEDIA_WEBP, s);
        rc = rc ? rc : encode(img, MEDIA_JPEG, s);
        if (img != full)
            g_object_unref(img);
        if (rc)
            return rc;
    }
    return 0;
}

/* ==== The whole ==== */

int media_process(const void *in, size_t len, const char *type,
                  const struct media_region *regions, size_t nregions,
                  struct media_set *out, struct vg_err *err)
{
    const uint8_t *p = in;
    enum media_kind kind = MEDIA_KIND_NONE;
    media_set_release(out);
    int rc = check_file(p, len, type, &kind, err);
    rc = rc ? rc : media_init(err);
    rc = rc ? rc : check_loader(p, len, kind, err);
    if (rc)
        return rc;
    /* Reads the header only; pixels are decoded by decode(). A file that
     * ends early fails instead of being padded with grey. */
    VipsImage *img = vips_image_new_from_buffer(p, len, "", "fail_on",
                                                VIPS_FAIL_ON_TRUNCATED, NULL);
    if (!img) {
        vips_error_clear();
        return refuse(err, VG_EINVAL, "the image's header cannot be read");
    }
    VipsImage *owner = vips_image_new();
    VipsImage **t =
        (VipsImage **)vips_object_local_array(VIPS_OBJECT(owner), 6);
    VipsImage *full = NULL;
    rc = check_size(img, err);
    if (rc == 0 && decode(img, t, &full) != 0)
        rc = refuse(err, VG_EINVAL, "the image cannot be decoded");
    rc = rc ? rc : redact(full, regions, nregions, err);
    if (rc == 0) {
        out->width = vips_image_get_width(full);
        out->height = vips_image_get_height(full);
        if (renditions(full, out) != 0)
            rc = vg_err_set(err, VG_EIO, "file", "the image cannot be encoded");
    }
    if (full)
        g_object_unref(full);
    g_object_unref(owner);
    g_object_unref(img);
    vips_error_clear();
    if (rc)
        media_set_release(out);
    return rc;
}

void media_set_release(struct media_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free(s->r[i].bytes);
    memset(s, 0, sizeof *s);
}

/* ==== Regions as text ==== */

/* Reads a whole number of at most 5 digits at *p, then sep (if not 0). */
static bool read_int(const char **p, char sep, int *out)
{
    int v = 0, digits = 0;
    while (**p >= '0' && **p <= '9' && digits < 6) {
        v = v * 10 + (**p - '0');
        (*p)++;
        digits++;
    }
    if (digits == 0 || digits > 5)
        return false;
    if (sep && *(*p)++ != sep)
        return false;
    *out = v;
    return true;
}

int media_regions_parse(const char *text, struct media_region *out, size_t max,
                        size_t *n, struct vg_err *err)
{
    const char *p = text ? text : "";
    *n = 0;
    for (;;) {
        while (*p == ';' || *p == ' ')
            p++;
        if (*p == '\0')
            return 0;
        if (*n == max)
            return vg_err_set(err, VG_ELIMIT, "regions",
                              "at most %zu regions may be redacted", max);
        struct media_region *r = &out[*n];
        if (!read_int(&p, ',', &r->x) || !read_int(&p, ',', &r->y) ||
            !read_int(&p, ',', &r->w) || !read_int(&p, 0, &r->h) ||
            (*p != '\0' && *p != ';' && *p != ' '))
            return vg_err_set(err, VG_EINVAL, "regions",
                              "region %zu is not X,Y,WIDTH,HEIGHT in pixels",
                              *n + 1);
        (*n)++;
    }
}

/* ==== Names ==== */

const char *media_type_from_name(const char *name)
{
    static const struct {
        const char *ext, *type;
    } exts[] = {
        {"jpg", "image/jpeg"},  {"jpeg", "image/jpeg"}, {"jpe", "image/jpeg"},
        {"png", "image/png"},   {"webp", "image/webp"}, {"heic", "image/heic"},
        {"heif", "image/heif"},
    };
    const char *dot = name ? strrchr(name, '.') : NULL;
    for (size_t i = 0; dot && i < sizeof exts / sizeof exts[0]; i++)
        if (strcasecmp(dot + 1, exts[i].ext) == 0)
            return exts[i].type;
    return NULL;
}

const char *media_format_ext(enum media_format f)
{
    return f == MEDIA_WEBP ? "webp" : "jpg";
}

const char *media_format_mime(enum media_format f)
{
    return f == MEDIA_WEBP ? "image/webp" : "image/jpeg";
}

enum media_format media_format_from_ext(const char *ext)
{
    if (strcmp(ext, "webp") == 0)
        return MEDIA_WEBP;
    if (strcmp(ext, "jpg") == 0)
        return MEDIA_JPEG;
    return 0;
}
