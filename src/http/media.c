/*
 * media.c: images over HTTP: uploaded through the write API or the desk
 * (multipart/form-data, R_UPLOAD routes), served as content-addressed
 * files (R_STATIC: the front answers them from its cache, for a year).
 * An upload is processed before the write lock is taken: decoding a
 * photo takes longer than any write.
 */
#include "http/handlers.h"

#include <string.h>

#include "core/images.h"
#include "core/trackers.h"
#include "http/form.h"
#include "render/media.h"
#include "render/media_desk.h"
#include "store/store.h"

static const char HTML_TYPE[] = "text/html; charset=utf-8";

/* ==== Serving ==== */

/* GET /media/:file: "SHA256.webp" or "SHA256.jpg". */
int media_file(struct req *r)
{
    const char *name = req_param(r, 0);
    const char *dot = strrchr(name, '.');
    struct media_file f;
    struct vg_err err = VG_ERR_INIT;
    if (dot == NULL || dot - name != MEDIA_HASH_HEX ||
        media_format_from_ext(dot + 1) == 0)
        return req_error(r, 404, "No such file.");
    char sha[MEDIA_HASH_HEX + 1];
    memcpy(sha, name, MEDIA_HASH_HEX);
    sha[MEDIA_HASH_HEX] = '\0';
    int rc = store_media_file_get(req_store(r), &r->arena, sha, &f, &err);
    if (rc == VG_ENOTFOUND || (rc == 0 && strcmp(f.format, dot + 1) != 0))
        return req_error(r, 404, "No such file.");
    if (rc != 0)
        return req_read_failed(r);
    r->content_type = media_format_mime(media_format_from_ext(f.format));
    buf_append(&r->body, f.bytes, f.len);
    return 200;
}

/* ==== Uploading ==== */

/* The upload's fields; *regions holds the rectangles. 0, or a status
 * recorded. */
static int upload_of(struct req *r, struct image_input *in,
                     struct media_region *regions)
{
    const char *filename, *type;
    struct vg_err err = VG_ERR_INIT;
    *in = (struct image_input){.regions = regions};
    in->bytes = form_file(r, "file", &in->len, &filename, &type);
    if (in->bytes == NULL) {
        snprintf(r->error_field, sizeof r->error_field, "file");
        return req_error(r, 422,
                         "Send the image as the multipart field "
                         "\"file\".");
    }
    /* A client that names no type (curl -F, application/octet-stream)
     * gets the file name's; either must then match the bytes. */
    if (type && strncmp(type, "image/", 6) == 0)
        in->type = type;
    else
        in->type = media_type_from_name(filename);
    in->alt = form_field(r, "alt");
    in->caption = form_field(r, "caption");
    in->credit = form_field(r, "credit");
    in->credit_withheld = form_flag(r, "credit_withheld");
    if (media_regions_parse(form_field(r, "regions"), regions,
                            MEDIA_MAX_REGIONS, &in->nregions, &err) != 0)
        return req_fail(r, &err);
    return 0;
}

/* Processes the request's upload and keeps its renditions out of the
 * record, waiting for this user under a new token. 0, or a status
 * recorded (with r->error_field and r->error). */
static int pend_upload(struct req *r, char token[IMAGE_TOKEN_HEX + 1])
{
    struct media_region regions[MEDIA_MAX_REGIONS];
    struct image_input in;
    struct media_set set = MEDIA_SET_INIT;
    struct vg_err err = VG_ERR_INIT;
    struct op op;
    int status = upload_of(r, &in, regions);
    if (status != 0)
        return status;
    in.alt = "-"; /* asked when it is kept */
    int rc = images_prepare(&in, &set, &err);
    if (rc == 0) {
        req_write_begin(r, &op);
        rc = images_pend(&op, req_param(r, 0), r->who.user_id, &set, token,
                         &err);
        req_write_end(r);
    }
    media_set_release(&set);
    return rc ? req_fail(r, &err) : 0;
}

/* Stores the upload waiting under :token for this user on :slug with the
 * request's words (alt, caption, credit, credit_withheld) into *m. */
static int keep_pending(struct req *r, struct media_record *m,
                        struct vg_err *err)
{
    struct image_input in = {
        .alt = form_field(r, "alt"),
        .caption = form_field(r, "caption"),
        .credit = form_field(r, "credit"),
        .credit_withheld = form_flag(r, "credit_withheld"),
    };
    struct op op;
    req_write_begin(r, &op);
    int rc = images_keep(&op, req_param(r, 0), r->who.user_id, req_param(r, 1),
                         &in, m, err);
    req_write_end(r);
    return rc;
}

/* Redacts the regions of the request in the upload waiting under
 * :token, which then waits under new_token. VG_* with *err. */
static int redact_pending(struct req *r, char new_token[IMAGE_TOKEN_HEX + 1],
                          struct vg_err *err)
{
    struct media_region regions[MEDIA_MAX_REGIONS];
    size_t n = 0;
    struct op op;
    int rc = media_regions_parse(form_field(r, "regions"), regions,
                                 MEDIA_MAX_REGIONS, &n, err);
    if (rc == 0 && n == 0)
        rc = vg_err_set(err, VG_EINVAL, "regions", "name a region to hide");
    if (rc != 0)
        return rc;
    req_write_begin(r, &op);
    rc = images_redact_pending(&op, req_param(r, 0), r->who.user_id,
                               req_param(r, 1), regions, n, new_token, err);
    req_write_end(r);
    return rc;
}

static json_t *media_json(const struct media_record *m)
{
    json_t *files = json_array();
    struct buf url = BUF_INIT(256);
    for (size_t i = 0; i < m->nfiles; i++) {
        buf_reset(&url);
        render_media_url(&url, &m->files[i]);
        json_array_append_new(
            files, json_pack("{s:s, s:s, s:s, s:I, s:I}", "url", buf_cstr(&url),
                             "sha256", m->files[i].sha256, "format",
                             m->files[i].format, "width",
                             (json_int_t)m->files[i].width, "height",
                             (json_int_t)m->files[i].height));
    }
    buf_reset(&url);
    buf_printf(&url, "/media/%s", m->key);
    json_t *j = json_pack(
        "{s:s, s:I, s:s, s:s?, s:s?, s:b, s:I, s:I, s:s, s:o}", "key", m->key,
        "rev", (json_int_t)m->rev_no, "alt", m->alt, "caption", m->caption,
        "credit", m->credit, "credit_withheld", m->credit_withheld, "width",
        (json_int_t)m->width, "height", (json_int_t)m->height, "markdown_url",
        buf_cstr(&url), "files", files);
    buf_release(&url);
    return j;
}

/* ==== The desk ==== */

static int media_page(struct req *r, const char *notice, int status)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct media_record *m;
    size_t n;
    if (tracker_lookup(req_store(r), &r->arena, "tracker", req_param(r, 0), &t,
                       &err) != 0)
        return err.code == VG_ENOTFOUND ? req_fail(r, &err)
                                        : req_read_failed(r);
    if (store_media_list(req_store(r), &r->arena, t.id, &m, &n, &err) != 0)
        return req_read_failed(r);
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_media(&r->body, &d, &t, m, n);
    r->content_type = HTML_TYPE;
    return status;
}

/* GET /admin/t/:slug/media */
int desk_media(struct req *r)
{
    return media_page(r, NULL, 200);
}

/* POST /admin/t/:slug/media: the upload processed and kept out of the
 * record, then to the page that shows it before it is kept; or back to
 * the form with the reason. */
int desk_add_media(struct req *r)
{
    char token[IMAGE_TOKEN_HEX + 1];
    int status = pend_upload(r, token);
    if (status != 0) {
        char notice[sizeof r->error + 64];
        snprintf(notice, sizeof notice, "%s%s%s", r->error_field,
                 r->error_field[0] ? ": " : "", r->error);
        return media_page(r, arena_strdup(&r->arena, notice), status);
    }
    char to[256];
    snprintf(to, sizeof to, "/admin/t/%s/media/pending/%s", req_param(r, 0),
             token);
    return req_redirect(r, to);
}

/* The upload waiting under :token for this editor on :slug, into *f. 0,
 * or a status recorded (404 when none waits). */
static int pending_of(struct req *r, struct tracker *t, struct media_file **f,
                      size_t *n)
{
    struct vg_err err = VG_ERR_INIT;
    if (tracker_lookup(req_store(r), &r->arena, "tracker", req_param(r, 0), t,
                       &err) != 0)
        return err.code == VG_ENOTFOUND ? req_fail(r, &err)
                                        : req_read_failed(r);
    if (store_media_pending_get(req_store(r), &r->arena, req_param(r, 1),
                                r->who.user_id, t->id, f, n, &err) != 0)
        return req_read_failed(r);
    if (*n == 0)
        return req_error(r, 404,
                         "This upload is no longer waiting (kept, discarded, "
                         "or an hour old).");
    return 0;
}

/* A keep or redact of the upload under :token refused for *err (rc):
 * its page again with the reason, or the error alone when it no longer
 * waits. */
static int pending_refused(struct req *r, int rc, struct vg_err *err)
{
    int status = req_fail(r, err);
    struct tracker t;
    struct media_file *f;
    size_t n;
    if (rc == VG_ENOTFOUND || pending_of(r, &t, &f, &n) != 0)
        return status;
    struct desk d = desk_of(r);
    d.notice = arena_strdup(&r->arena, r->error);
    render_desk_media_pending(&r->body, &d, &t, req_param(r, 1), f, n);
    r->content_type = HTML_TYPE;
    return status;
}

/* GET /admin/t/:slug/media/pending/:token */
int desk_pending_media(struct req *r)
{
    struct tracker t;
    struct media_file *f;
    size_t n;
    int status = pending_of(r, &t, &f, &n);
    if (status != 0)
        return status;
    struct desk d = desk_of(r);
    render_desk_media_pending(&r->body, &d, &t, req_param(r, 1), f, n);
    r->content_type = HTML_TYPE;
    return 200;
}

/* GET /admin/t/:slug/media/pending/:token/:file: its editor's only,
 * never cached. */
int desk_pending_file(struct req *r)
{
    struct tracker t;
    struct media_file *f;
    size_t n;
    int status = pending_of(r, &t, &f, &n);
    if (status != 0)
        return status;
    for (size_t i = 0; i < n; i++) {
        char name[MEDIA_HASH_HEX + 8];
        snprintf(name, sizeof name, "%s.%s", f[i].sha256, f[i].format);
        if (strcmp(name, req_param(r, 2)) != 0)
            continue;
        r->content_type = media_format_mime(media_format_from_ext(f[i].format));
        buf_append(&r->body, f[i].bytes, f[i].len);
        return 200;
    }
    return req_error(r, 404, "No such file.");
}

/* POST /admin/t/:slug/media/pending/:token/keep: alt, caption, credit,
 * credit_withheld; to the image kept */
int desk_keep_media(struct req *r)
{
    struct media_record m;
    struct vg_err err = VG_ERR_INIT;
    int rc = keep_pending(r, &m, &err);
    if (rc != 0)
        return pending_refused(r, rc, &err);
    char to[256];
    snprintf(to, sizeof to, "/admin/t/%s/media/%s", req_param(r, 0), m.key);
    return req_redirect(r, to);
}

/* POST /admin/t/:slug/media/pending/:token/redact: "regions"; to the
 * upload redacted, waiting under a new token */
int desk_redact_media(struct req *r)
{
    char token[IMAGE_TOKEN_HEX + 1];
    struct vg_err err = VG_ERR_INIT;
    int rc = redact_pending(r, token, &err);
    if (rc != 0)
        return pending_refused(r, rc, &err);
    char to[256];
    snprintf(to, sizeof to, "/admin/t/%s/media/pending/%s", req_param(r, 0),
             token);
    return req_redirect(r, to);
}

/* POST /admin/t/:slug/media/pending/:token/discard */
int desk_discard_media(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct op op;
    req_write_begin(r, &op);
    int rc = images_discard(&op, req_param(r, 1), &err);
    req_write_end(r);
    if (rc != 0)
        return req_fail(r, &err);
    char to[256];
    snprintf(to, sizeof to, "/admin/t/%s/media", req_param(r, 0));
    return req_redirect(r, to);
}

/* GET /admin/t/:slug/media/:key */
int desk_media_item(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct media_record m;
    if (tracker_lookup(req_store(r), &r->arena, "tracker", req_param(r, 0), &t,
                       &err) != 0)
        return err.code == VG_ENOTFOUND ? req_fail(r, &err)
                                        : req_read_failed(r);
    int rc = store_media_get(req_store(r), &r->arena, t.id, req_param(r, 1), &m,
                             &err);
    if (rc == VG_ENOTFOUND)
        return req_error(r, 404, "No such image.");
    if (rc != 0)
        return req_read_failed(r);
    struct desk d = desk_of(r);
    render_desk_media_item(&r->body, &d, &t, &m);
    r->content_type = HTML_TYPE;
    return 200;
}

/* ==== The write API ====
 *
 * As on the desk, an upload waits out of the record until it is kept:
 * the record is append-only, so a face left unredacted there would stay
 * in it (and in every export) for good. POST .../media answers 202 with
 * the renditions made, to be looked at under the API's own addresses;
 * .../pending/TOKEN/redact hides regions (a new token); .../keep stores
 * it with its words (201, the media record). */

/* The upload waiting under token for this user on :slug, as JSON; 0 or
 * a status recorded. */
static int pending_answer(struct req *r, int status, const char *token)
{
    struct tracker t;
    struct media_file *f;
    size_t n;
    struct vg_err err = VG_ERR_INIT;
    if (tracker_lookup(req_store(r), &r->arena, "tracker", req_param(r, 0), &t,
                       &err) != 0 ||
        store_media_pending_get(req_store(r), &r->arena, token, r->who.user_id,
                                t.id, &f, &n, &err) != 0 ||
        n == 0)
        return req_read_failed(r);
    struct buf base = BUF_INIT(256), url = BUF_INIT(256);
    buf_printf(&base, "/api/v1/trackers/%s/media/pending/%s", t.slug, token);
    json_t *files = json_array();
    int width = 0, height = 0;
    for (size_t i = 0; i < n; i++) {
        buf_reset(&url);
        buf_printf(&url, "%s/%s.%s", buf_cstr(&base), f[i].sha256, f[i].format);
        json_array_append_new(
            files, json_pack("{s:s, s:s, s:s, s:I, s:I}", "url", buf_cstr(&url),
                             "sha256", f[i].sha256, "format", f[i].format,
                             "width", (json_int_t)f[i].width, "height",
                             (json_int_t)f[i].height));
        if (f[i].width > width)
            width = f[i].width, height = f[i].height;
    }
    buf_reset(&url);
    buf_printf(&url, "%s/keep", buf_cstr(&base));
    json_t *j =
        json_pack("{s:s, s:I, s:I, s:I, s:s, s:o}", "token", token, "width",
                  (json_int_t)width, "height", (json_int_t)height, "expires_in",
                  (json_int_t)IMAGE_PENDING_SECONDS, "keep", buf_cstr(&url),
                  "files", files);
    buf_reset(&url);
    buf_printf(&url, "%s/redact", buf_cstr(&base));
    json_object_set_new(j, "redact", json_string(buf_cstr(&url)));
    buf_release(&base);
    buf_release(&url);
    return req_json(r, status, j);
}

/* POST /api/v1/trackers/:slug/media: multipart "file", "regions" */
int api_add_media(struct req *r)
{
    char token[IMAGE_TOKEN_HEX + 1];
    int status = pend_upload(r, token);
    return status ? status : pending_answer(r, 202, token);
}

/* POST /api/v1/trackers/:slug/media/pending/:token/redact: "regions" */
int api_redact_media(struct req *r)
{
    char token[IMAGE_TOKEN_HEX + 1];
    struct vg_err err = VG_ERR_INIT;
    if (redact_pending(r, token, &err) != 0)
        return req_fail(r, &err);
    return pending_answer(r, 202, token);
}

/* POST /api/v1/trackers/:slug/media/pending/:token/keep: "alt",
 * "caption", "credit", "credit_withheld" */
int api_keep_media(struct req *r)
{
    struct media_record m;
    struct vg_err err = VG_ERR_INIT;
    int rc = keep_pending(r, &m, &err);
    return rc ? req_fail(r, &err) : req_json(r, 201, media_json(&m));
}

/* POST /api/v1/trackers/:slug/media/pending/:token/discard */
int api_discard_media(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct op op;
    req_write_begin(r, &op);
    int rc = images_discard(&op, req_param(r, 1), &err);
    req_write_end(r);
    return rc ? req_fail(r, &err)
              : req_json(r, 200,
                         json_pack("{s:s}", "discarded", req_param(r, 1)));
}
