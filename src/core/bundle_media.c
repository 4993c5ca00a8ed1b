/*
 * bundle_media.c: the images of a bundle (bundle_media.h). A file's name
 * is the SHA-256 of its bytes, so an import checks each against its name
 * and against its format's structure (media/sniff.h) before storing it:
 * a bundle carries nothing the media store could not have made.
 */
#include "core/bundle_media.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/entity_json.h"
#include "core/images.h"
#include "media/media.h"
#include "media/sniff.h"
#include "store/store.h"
#include "util/date.h"
#include "util/sha256.h"
#include "util/xmalloc.h"

/* ==== Export ==== */

static json_t *file_json(const struct media_file *f)
{
    size_t size =
        sodium_base64_ENCODED_LEN(f->len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = xmalloc(size);
    sodium_bin2base64(b64, size, f->bytes, f->len,
                      sodium_base64_VARIANT_ORIGINAL);
    json_t *j = json_pack("{s:s, s:s, s:I, s:I, s:s}", "sha256", f->sha256,
                          "format", f->format, "width", (json_int_t)f->width,
                          "height", (json_int_t)f->height, "bytes", b64);
    free(b64);
    return j;
}

static json_t *revision_json(const struct media_record *m)
{
    return json_pack("{s:I, s:s, s:o, s:o, s:b, s:s, s:o}", "rev",
                     (json_int_t)m->rev_no, "alt", m->alt, "caption",
                     json_str_or_null(m->caption), "credit",
                     json_str_or_null(m->credit), "credit_withheld",
                     m->credit_withheld, "created_by", m->created_by,
                     "created_at", json_time_or_null(m->created_at));
}

/* A media's entry with its files (bytes read into a); its revisions
 * are added by the caller. */
static json_t *media_entry(struct store *st, struct arena *a,
                           int64_t tracker_id, const char *key,
                           struct vg_err *err)
{
    struct media_record m;
    if (store_media_get(st, a, tracker_id, key, &m, err) != 0)
        return NULL;
    json_t *files = json_array();
    for (size_t i = 0; i < m.nfiles; i++) {
        struct media_file f;
        if (store_media_file_get(st, a, m.files[i].sha256, &f, err) != 0) {
            json_decref(files);
            return NULL;
        }
        json_array_append_new(files, file_json(&f));
    }
    return json_pack("{s:s, s:I, s:I, s:o, s:[]}", "key", m.key, "width",
                     (json_int_t)m.width, "height", (json_int_t)m.height,
                     "files", files, "revisions");
}

/* True when text holds "/media/HEX" for a HEX of m: its key or one of
 * its files' names. */
static bool names(const char *text, const char *hex)
{
    for (const char *p = text; p && (p = strstr(p, "/media/")) != NULL; p += 7)
        if (strncmp(p + 7, hex, MEDIA_HASH_HEX) == 0)
            return true;
    return false;
}

/* True when one of the updates' revisions or posts shows key or one of
 * the files of entry (files read from the entry made). */
static bool shown_by(json_t *updates, const char *key, json_t *entry)
{
    size_t i, r, f;
    json_t *u, *rev, *file;
    json_array_foreach(updates, i, u)
    {
        const char *still = json_string_value(
            json_object_get(json_object_get(u, "embed"), "still"));
        if (still && strcmp(still, key) == 0)
            return true;
        json_array_foreach(json_object_get(u, "revisions"), r, rev)
        {
            const char *body = json_string_value(json_object_get(rev, "body"));
            if (body && names(body, key))
                return true;
            json_array_foreach(json_object_get(entry, "files"), f, file)
            {
                const char *sha =
                    json_string_value(json_object_get(file, "sha256"));
                if (body && sha && names(body, sha))
                    return true;
            }
        }
    }
    return false;
}

json_t *bundle_media_json(struct store *st, struct arena *a, int64_t tracker_id,
                          json_t *shown, struct vg_err *err)
{
    struct media_record *m;
    size_t n;
    if (store_media_history(st, a, tracker_id, &m, &n, err) != 0)
        return NULL;
    json_t *arr = json_array(), *skipped = json_object();
    for (size_t i = 0; i < n; i++) {
        json_t *entry = NULL;
        size_t k;
        json_t *e;
        json_array_foreach(arr, k, e) /* a later revision: its entry */
            if (strcmp(json_string_value(json_object_get(e, "key")),
                       m[i].key) == 0) entry = e;
        if (entry == NULL && json_object_get(skipped, m[i].key))
            continue;
        if (entry == NULL) {
            entry = media_entry(st, a, tracker_id, m[i].key, err);
            if (entry == NULL) {
                json_decref(arr);
                json_decref(skipped);
                return NULL;
            }
            if (shown && !shown_by(shown, m[i].key, entry)) {
                json_decref(entry);
                json_object_set_new(skipped, m[i].key, json_true());
                continue;
            }
            json_array_append_new(arr, entry);
        }
        json_array_append_new(json_object_get(entry, "revisions"),
                              revision_json(&m[i]));
    }
    json_decref(skipped);
    return arr;
}

/* ==== Import ==== */

/* Prefixes err->field with "name[i]." (or names it "name[i]"). */
static int at(struct op *op, struct vg_err *err, int rc, const char *name,
              size_t i)
{
    char full[160];
    if (rc == 0 || err == NULL)
        return rc;
    if (err->field)
        snprintf(full, sizeof full, "%s[%zu].%s", name, i, err->field);
    else
        snprintf(full, sizeof full, "%s[%zu]", name, i);
    err->field = arena_strdup(op->arena, full);
    return rc;
}

/* A field of 64 lower-case hex digits. */
static int get_hex(json_t *o, const char *key, const char **out,
                   struct vg_err *err)
{
    const char *s = json_string_value(json_object_get(o, key));
    *out = s;
    if (s == NULL || strlen(s) != MEDIA_HASH_HEX ||
        strspn(s, "0123456789abcdef") != MEDIA_HASH_HEX)
        return vg_err_set(err, VG_EINVAL, key,
                          "must be a SHA-256: 64 lower-case hex digits");
    return 0;
}

/* A size in pixels, 1 to MEDIA_MAX_SIDE. */
static int get_side(json_t *o, const char *key, int64_t *out,
                    struct vg_err *err)
{
    json_t *v = json_object_get(o, key);
    *out = json_integer_value(v);
    if (!json_is_integer(v) || *out < 1 || *out > MEDIA_MAX_SIDE)
        return vg_err_set(err, VG_EINVAL, key,
                          "must be a whole number of pixels, 1 to %d",
                          MEDIA_MAX_SIDE);
    return 0;
}

/* The bytes of a file entry, decoded into a, checked against its name
 * and its format. */
static int file_bytes(struct op *op, json_t *o, struct media_file *f,
                      struct vg_err *err)
{
    const char *b64 = json_string_value(json_object_get(o, "bytes"));
    size_t cap = b64 ? strlen(b64) / 4 * 3 + 3 : 0, len = 0;
    uint8_t *bytes = arena_alloc(op->arena, cap + 1);
    if (b64 == NULL ||
        sodium_base642bin(bytes, cap, b64, strlen(b64), NULL, &len, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return vg_err_set(err, VG_EINVAL, "bytes", "must be standard base64");
    unsigned char sum[SHA256_LEN];
    char hex[2 * SHA256_LEN + 1];
    sha256(bytes, len, sum);
    sodium_bin2hex(hex, sizeof hex, sum, sizeof sum);
    if (strcmp(hex, f->sha256) != 0)
        return vg_err_set(err, VG_EINVAL, "bytes",
                          "hash to %s, not to the file's sha256", hex);
    enum media_kind want =
        strcmp(f->format, "webp") == 0 ? MEDIA_KIND_WEBP : MEDIA_KIND_JPEG;
    if (sniff_kind(bytes, len) != want || sniff_end(want, bytes, len) != 0)
        return vg_err_set(err, VG_EINVAL, "bytes", "are not a whole %s file",
                          sniff_kind_name(want));
    f->bytes = bytes;
    f->len = len;
    return 0;
}

static int import_file(struct op *op, json_t *o, struct media_file *f,
                       struct vg_err *err)
{
    static const char *const keys[] = {"sha256", "format", "width",
                                       "height", "bytes",  NULL};
    *f = (struct media_file){0};
    int rc = json_known_keys(o, keys, err);
    rc = rc ? rc : get_hex(o, "sha256", &f->sha256, err);
    f->format = json_string_value(json_object_get(o, "format"));
    if (rc == 0 && (f->format == NULL || media_format_from_ext(f->format) == 0))
        rc = vg_err_set(err, VG_EINVAL, "format", "must be webp or jpg");
    rc = rc ? rc : get_side(o, "width", &f->width, err);
    rc = rc ? rc : get_side(o, "height", &f->height, err);
    return rc ? rc : file_bytes(op, o, f, err);
}

/* The files of entry o into m; the key must be the widest WebP's name,
 * and m's size its size. */
static int import_files(struct op *op, json_t *o, struct media_record *m,
                        struct vg_err *err)
{
    json_t *arr = json_object_get(o, "files");
    size_t n = json_array_size(arr);
    if (n == 0 || n > MEDIA_MAX_RENDITIONS)
        return vg_err_set(err, VG_EINVAL, "files",
                          "must be an array of 1 to %d files",
                          MEDIA_MAX_RENDITIONS);
    m->files = arena_alloc(op->arena, n * sizeof *m->files);
    m->nfiles = n;
    const struct media_file *widest = NULL;
    for (size_t i = 0; i < n; i++) {
        int rc = at(op, err,
                    import_file(op, json_array_get(arr, i), &m->files[i], err),
                    "files", i);
        if (rc != 0)
            return rc;
        if (strcmp(m->files[i].format, "webp") == 0 &&
            (widest == NULL || m->files[i].width > widest->width))
            widest = &m->files[i];
    }
    if (widest == NULL || strcmp(widest->sha256, m->key) != 0 ||
        widest->width != m->width || widest->height != m->height)
        return vg_err_set(err, VG_EINVAL, "key",
                          "must name the widest WebP file, of the media's "
                          "width and height");
    return 0;
}

/* Stores revision o (number rev) of m. */
static int import_revision(struct op *op, json_t *o, int64_t rev,
                           struct media_record *m, struct vg_err *err)
{
    static const char *const keys[] = {
        "rev",        "alt",        "caption", "credit", "credit_withheld",
        "created_by", "created_at", NULL};
    const char *at_text = json_string_value(json_object_get(o, "created_at"));
    int rc = json_known_keys(o, keys, err);
    if (rc == 0 && json_integer_value(json_object_get(o, "rev")) != rev)
        rc = vg_err_set(err, VG_EINVAL, "rev",
                        "must be %lld (revisions are listed in order from 1)",
                        (long long)rev);
    struct image_input in = {
        .alt = json_string_value(json_object_get(o, "alt")),
        .caption = json_string_value(json_object_get(o, "caption")),
        .credit = json_string_value(json_object_get(o, "credit")),
        .credit_withheld = json_is_true(json_object_get(o, "credit_withheld"))};
    rc = rc ? rc : images_check_words(&in, err);
    m->alt = in.alt;
    m->caption = in.caption && *in.caption ? in.caption : NULL;
    m->credit = in.credit && *in.credit ? in.credit : NULL;
    m->credit_withheld = in.credit_withheld;
    m->created_by = json_string_value(json_object_get(o, "created_by"));
    if (rc == 0 && (m->created_by == NULL || *m->created_by == '\0'))
        rc = vg_err_set(err, VG_EINVAL, "created_by", "is required");
    if (rc == 0 && (at_text == NULL || timestamp_parse(at_text, strlen(at_text),
                                                       &m->created_at) != 0))
        rc = vg_err_set(err, VG_EINVAL, "created_at",
                        "must be a UTC time like 2019-12-28T12:00:00Z");
    rc = rc ? rc : store_media_insert(op->st, m, err);
    if (rc == 0 && m->rev_no != rev)
        rc = vg_err_set(err, VG_EINVAL, "key", "is listed twice");
    return rc;
}

static int import_media(struct op *op, int64_t tracker_id, json_t *o,
                        struct vg_err *err)
{
    static const char *const keys[] = {"key",   "width",     "height",
                                       "files", "revisions", NULL};
    struct media_record m = {.tracker_id = tracker_id};
    int rc = json_known_keys(o, keys, err);
    rc = rc ? rc : get_hex(o, "key", &m.key, err);
    rc = rc ? rc : get_side(o, "width", &m.width, err);
    rc = rc ? rc : get_side(o, "height", &m.height, err);
    rc = rc ? rc : import_files(op, o, &m, err);
    json_t *revs = json_object_get(o, "revisions");
    if (rc == 0 && json_array_size(revs) == 0)
        rc = vg_err_set(err, VG_EINVAL, "revisions",
                        "must be a non-empty array");
    for (size_t i = 0; rc == 0 && i < json_array_size(revs); i++)
        rc = at(op, err,
                import_revision(op, json_array_get(revs, i), (int64_t)i + 1, &m,
                                err),
                "revisions", i);
    return rc;
}

int bundle_media_import(struct op *op, int64_t tracker_id, json_t *arr,
                        struct vg_err *err)
{
    if (!json_is_array(arr))
        return vg_err_set(err, VG_EINVAL, "media", "must be an array");
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < json_array_size(arr); i++)
        rc = at(op, err,
                import_media(op, tracker_id, json_array_get(arr, i), err),
                "media", i);
    return rc;
}
