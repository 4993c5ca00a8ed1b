/*
 * victims.c: the victims registry over HTTP (core/victims.h): the write
 * API's POST /api/v1/trackers/:slug/victims, a record's audited read,
 * and the desk's registry pages (render/victims_desk.h).
 *
 * Who may: custodians record, edit and open every field; editors open the
 * fields marked editors; admins, unless also custodians, nothing (the
 * route table says so, and core checks again). Lists are built from
 * public fields only, so a list opens nothing: a record's sealed fields
 * are opened on its own page or API address, one audit row per opening.
 * Sealing and opening need the master key (vigil serve --master-key):
 * without it those routes answer 503 and change nothing. Input that
 * does not make a record is refused with 422 naming the field.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/trackers.h"
#include "core/victims.h"
#include "http/form.h"
#include "http/handlers.h"
#include "render/victims.h"
#include "render/victims_desk.h"
#include "store/store.h"

static const char HTML_TYPE[] = "text/html; charset=utf-8";

/* ==== Input ==== */

/* Records a refusal of input field `field` and returns 422 (a request
 * that could be read, with a value refused; 400 is for one that could
 * not, as in the write API). */
static int bad(struct req *r, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int bad(struct req *r, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
    snprintf(r->error_field, sizeof r->error_field, "%s", field);
    return 422;
}

/* The index of field `name` (enum victim_field), or -1. */
static int field_index(const char *name)
{
    for (int i = 0; i < VF_COUNT; i++)
        if (strcmp(name, victim_field_names[i]) == 0)
            return i;
    return -1;
}

static bool is_level(const char *s)
{
    for (int v = 0; s && v < 3; v++)
        if (strcmp(s, victim_visibility_names[v]) == 0)
            return true;
    return false;
}

/* Refuses a JSON body's member that is no field of a record (a typo
 * would drop a private field unseen) and a "visibility" that is not an
 * object of field names to levels. */
static int check_json_keys(struct req *r)
{
    const char *key;
    json_t *v;
    json_object_foreach(r->json, key, v)
    {
        if (field_index(key) < 0 && strcmp(key, "visibility") != 0 &&
            strcmp(key, "sources") != 0 && strcmp(key, "invented") != 0 &&
            strcmp(key, "tracker") != 0)
            return bad(r, key, "is not a field of a victim's record");
    }
    json_t *vis = json_object_get(r->json, "visibility");
    if (vis && !json_is_object(vis))
        return bad(r, "visibility",
                   "must be an object: {\"FIELD\": "
                   "\"public\", \"editors\" or "
                   "\"custodians\"}");
    json_object_foreach(vis, key, v)
    {
        if (field_index(key) < 0)
            return bad(r, "visibility", "names no field \"%.40s\"", key);
    }
    return 0;
}

/* Field i of the body, or NULL when absent (or, unless `edit`, a form's
 * empty field: an edit's "" drops the field); 422 when a JSON value is
 * not text. */
static int value_of(struct req *r, int i, bool edit, const char **out)
{
    const char *name = victim_field_names[i];
    *out = form_field(r, name);
    if (*out == NULL && form_has(r, name))
        return bad(r, name, "must be text");
    if (r->form && !edit && *out && **out == '\0')
        *out = NULL;
    return 0;
}

/* The visibility the body gives field i, or NULL: a member of the JSON
 * "visibility" object, or a form's "visibility_FIELD" select. Returns 0
 * or 422 for a value other than public, editors or custodians. */
static int level_of(struct req *r, int i, const char **out)
{
    const char *field = victim_field_names[i];
    char name[48];
    json_t *v = NULL;
    if (r->json) {
        v = json_object_get(json_object_get(r->json, "visibility"), field);
        *out = json_string_value(v);
    } else { /* a form's empty choice keeps the level */
        snprintf(name, sizeof name, "visibility_%s", field);
        *out = form_field(r, name);
        *out = *out && **out ? *out : NULL;
    }
    if ((v || *out) && !is_level(*out))
        return bad(r, "visibility",
                   "of %s must be public, editors or custodians", field);
    return 0;
}

/* The visibilities given, as core reads them ("name=custodians,...");
 * each is checked to be a level, so no value can add a clause. */
static int visibility_of(struct req *r, const char **out)
{
    char spec[512] = "";
    size_t used = 0;
    int status = 0;
    for (int i = 0; status == 0 && i < VF_COUNT; i++) {
        const char *level;
        status = level_of(r, i, &level);
        if (status == 0 && level)
            used +=
                (size_t)snprintf(spec + used, sizeof spec - used, "%s%s=%s",
                                 used ? "," : "", victim_field_names[i], level);
    }
    *out = used ? arena_strdup(&r->arena, spec) : NULL;
    return status;
}

/* The cited sources as core reads them ("amnesty,pmoi"): a JSON array
 * of slugs, or text; none given is NULL, or for an edit that says so ""
 * (the list emptied). */
static int sources_of(struct req *r, bool edit, const char **out)
{
    json_t *list = r->json ? json_object_get(r->json, "sources") : NULL;
    size_t k;
    json_t *v;
    *out = form_field(r, "sources");
    if (!json_is_array(list)) {
        if (*out == NULL && form_has(r, "sources"))
            return bad(r, "sources", "must be a list of source names");
        *out = *out && (**out || edit) ? *out : NULL;
        return 0;
    }
    struct buf b = BUF_INIT(8192);
    json_array_foreach(list, k, v)
    {
        const char *slug = json_string_value(v);
        if (slug == NULL || *slug == '\0' || strchr(slug, ',')) {
            buf_release(&b);
            return bad(r, "sources", "must be a list of source names");
        }
        if (k)
            buf_putc(&b, ',');
        buf_puts(&b, slug);
    }
    *out = (b.len || edit) && !b.failed ? arena_strdup(&r->arena, buf_cstr(&b))
                                        : NULL;
    bool failed = b.failed;
    buf_release(&b);
    return failed ? bad(r, "sources", "are too many") : 0;
}

/* Reads a record (or, with `edit`, the changes to one) from the body
 * (JSON or form). Returns 0 or the 422 recorded. */
static int input_of(struct req *r, bool edit, struct victim_input *in)
{
    int status = r->json ? check_json_keys(r) : 0;
    for (int i = 0; status == 0 && i < VF_COUNT; i++)
        status = value_of(r, i, edit, &in->value[i]);
    if (status == 0)
        status = visibility_of(r, &in->visibility);
    if (status == 0)
        status = sources_of(r, edit, &in->sources);
    in->invented = form_flag(r, "invented");
    return status;
}

/* A refusal from core: 422 naming the field for input that makes no
 * record (a source cited that does not exist among them), otherwise
 * req_fail's status. */
static int refused(struct req *r, const struct vg_err *err)
{
    bool no_source = err->code == VG_ENOTFOUND && err->field &&
                     strcmp(err->field, "sources") == 0;
    if (err->code != VG_EINVAL && !no_source)
        return req_fail(r, err);
    return bad(r, err->field ? err->field : "", "%s", err->msg);
}

static int no_master_key(struct req *r)
{
    return req_error(r, 503,
                     "This server has no master key for the registry: start "
                     "it with vigil serve --master-key FILE.");
}

/* Records the person for the request's principal; *number is theirs. */
static int add(struct req *r, const struct victim_input *in, int64_t *number)
{
    struct vg_err err = VG_ERR_INIT;
    struct op op;
    req_write_begin(r, &op);
    int rc =
        victim_add(&op, r->app->cfg.vault, req_param(r, 0), in, number, &err);
    req_write_end(r);
    return rc ? refused(r, &err) : 0;
}

/* ==== The API ==== */

/* POST /api/v1/trackers/:slug/victims: 201 with the record's number and
 * its public view */
int api_add_victim(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct victim_input in = {0};
    struct tracker t;
    struct victim v;
    int64_t number = 0;
    const char *named = form_field(r, "tracker");
    if (r->app->cfg.vault == NULL)
        return no_master_key(r);
    if (form_has(r, "tracker") &&
        (named == NULL || strcmp(named, req_param(r, 0)) != 0))
        return req_error(r, 403,
                         "The body's \"tracker\" is not the one in the "
                         "address.");
    int status = req_tracker(r, &t, NULL);
    if (status == 0)
        status = input_of(r, false, &in);
    if (status == 0)
        status = add(r, &in, &number);
    if (status != 0)
        return status;
    if (store_victim_get(req_store(r), &r->arena, t.id, number, &v, &err) != 0)
        return req_read_failed(r);
    char url[160];
    snprintf(url, sizeof url, "/api/v1/trackers/%s/victims/%lld", t.slug,
             (long long)number);
    r->location = arena_strdup(&r->arena, url);
    return req_json(r, 201,
                    json_pack("{s:I, s:o*}", "number", (json_int_t)number,
                              "public", victim_public(&v)));
}

/* Edits record :n for the request's principal with the body's changes
 * (victim_edit). Returns 0 or the status recorded. */
static int edit(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct victim_input in = {0};
    struct op op;
    int64_t n = req_param_number(r, 1);
    if (r->app->cfg.vault == NULL)
        return no_master_key(r);
    if (n < 1)
        return req_error(r, 404, "No such victim.");
    int status = input_of(r, true, &in);
    if (status != 0)
        return status;
    req_write_begin(r, &op);
    int rc = victim_edit(&op, r->app->cfg.vault, req_param(r, 0), n, &in, &err);
    req_write_end(r);
    return rc ? refused(r, &err) : 0;
}

/* POST /api/v1/trackers/:slug/victims/:n: the fields given replace the
 * record's ("" drops one), "visibility" changes the levels it names,
 * "sources" replaces the list; 200 with the public view */
int api_edit_victim(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct victim v;
    const char *named = form_field(r, "tracker");
    if (form_has(r, "tracker") &&
        (named == NULL || strcmp(named, req_param(r, 0)) != 0))
        return req_error(r, 403,
                         "The body's \"tracker\" is not the one in the "
                         "address.");
    int status = req_tracker(r, &t, NULL);
    if (status == 0)
        status = edit(r);
    if (status != 0)
        return status;
    if (store_victim_get(req_store(r), &r->arena, t.id, req_param_number(r, 1),
                         &v, &err) != 0)
        return req_read_failed(r);
    return req_json(r, 200,
                    json_pack("{s:I, s:o*}", "number", (json_int_t)v.number,
                              "public", victim_public(&v)));
}

/* Opens record :n of tracker :slug for the request's principal (an
 * audited read when a sealed field opens). *out is the caller's. */
static int open_record(struct req *r, json_t **out)
{
    struct vg_err err = VG_ERR_INIT;
    struct op op;
    if (r->app->cfg.vault == NULL)
        return no_master_key(r);
    int64_t n = req_param_number(r, 1);
    if (n < 1)
        return req_error(r, 404, "No such victim.");
    req_write_begin(r, &op);
    int rc = victim_open(&op, r->app->cfg.vault, req_param(r, 0), n, out, &err);
    req_write_end(r);
    return rc ? req_fail(r, &err) : 0;
}

/* GET /api/v1/trackers/:slug/victims/:n: a record with the sealed fields
 * the reader's role opens (custodians all, editors those marked
 * editors); each opening is audited. */
int api_victim(struct req *r)
{
    json_t *j;
    int status = open_record(r, &j);
    return status ? status : req_json(r, 200, j);
}

/* ==== The desk ==== */

/* The add form as posted, to show again after a refusal. */
static void form_of(struct req *r, struct victim_form *f)
{
    char name[48];
    for (int i = 0; i < VF_COUNT; i++) {
        snprintf(name, sizeof name, "visibility_%s", victim_field_names[i]);
        f->value[i] = form_field(r, victim_field_names[i]);
        f->visibility[i] = form_field(r, name);
    }
    f->sources = form_field(r, "sources");
    f->invented = form_flag(r, "invented");
}

/* The tracker of the request and its records' public fields, for the
 * memorial or (`desk`) the registry, which also says which were purged:
 * public outputs do not. Returns 0 or the status answered. */
static int public_records(struct req *r, bool desk, struct tracker *t,
                          json_t ***out, size_t *n)
{
    struct vg_err err = VG_ERR_INIT;
    struct victim *v;
    int rc = req_tracker(r, t, NULL);
    if (rc != 0)
        return rc;
    if (store_victim_list(req_store(r), &r->arena, t->id, &v, n, &err) != 0)
        return req_read_failed(r);
    json_t **records = arena_alloc(&r->arena, (*n ? *n : 1) * sizeof *records);
    for (size_t i = 0; i < *n; i++) {
        records[i] = victim_public(&v[i]);
        if (desk && v[i].status == VICTIM_PURGED)
            json_object_set_new(records[i], "purged", json_true());
    }
    *out = records;
    return 0;
}

static void records_free(json_t **records, size_t n)
{
    for (size_t i = 0; i < n; i++)
        json_decref(records[i]);
}

/* GET /t/:slug/victims: the memorial list (public fields only) */
int page_victims(struct req *r)
{
    struct tracker t;
    json_t **records;
    size_t n;
    int rc = public_records(r, false, &t, &records, &n);
    if (rc != 0)
        return rc;
    render_memorial(&r->body, &r->app->site, &t, records, n);
    records_free(records, n);
    r->content_type = HTML_TYPE;
    return 200;
}

static int registry_page(struct req *r, const struct victim_form *f,
                         const char *notice, int status)
{
    struct tracker t;
    json_t **records;
    size_t n;
    int rc = public_records(r, true, &t, &records, &n);
    if (rc != 0)
        return rc;
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_victims(&r->body, &d, &t, records, n, f,
                        r->app->cfg.vault != NULL);
    records_free(records, n);
    r->content_type = HTML_TYPE;
    return status;
}

/* GET /admin/t/:slug/victims: the registry by public fields (opens
 * nothing), and for custodians the form to add a record */
int desk_victims(struct req *r)
{
    struct victim_form f = {0};
    return registry_page(r, &f, NULL, 200);
}

/* A record's page, with `notice` on top, answering `status`. */
static int record_page(struct req *r, const char *notice, int status)
{
    struct tracker t;
    json_t *rec;
    int rc = req_tracker(r, &t, NULL);
    if (rc == 0)
        rc = open_record(r, &rec);
    if (rc != 0)
        return rc;
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_victim(&r->body, &d, &t, rec);
    json_decref(rec);
    r->content_type = HTML_TYPE;
    return status;
}

/* GET /admin/t/:slug/victims/:n: a record with the sealed fields the
 * reader's role opens (an audited read), and for custodians the form to
 * edit it */
int desk_victim(struct req *r)
{
    return record_page(r, NULL, 200);
}

/* POST /admin/t/:slug/victims/:n: the edit form (every field: "" drops
 * one; a level left empty stays), then back to the record */
int desk_edit_victim(struct req *r)
{
    char m[sizeof r->error + 48], to[160];
    int status = edit(r);
    if (status != 0) {
        snprintf(m, sizeof m, "%s%s%s", r->error_field,
                 r->error_field[0] ? ": " : "", r->error);
        return record_page(r, arena_strdup(&r->arena, m), status);
    }
    snprintf(to, sizeof to, "/admin/t/%s/victims/%s", req_param(r, 0),
             req_param(r, 1));
    return req_redirect(r, to);
}

/* POST /admin/t/:slug/victims: records a person, then back to the
 * registry; a refusal shows the form again with the reason */
int desk_add_victim(struct req *r)
{
    struct victim_form f = {0};
    struct victim_input in = {0};
    int64_t number;
    char m[sizeof r->error + 48], to[160];
    form_of(r, &f);
    int status =
        r->app->cfg.vault == NULL ? no_master_key(r) : input_of(r, false, &in);
    if (status == 0)
        status = add(r, &in, &number);
    if (status != 0) {
        snprintf(m, sizeof m, "%s%s%s", r->error_field,
                 r->error_field[0] ? ": " : "", r->error);
        return registry_page(r, &f, arena_strdup(&r->arena, m), status);
    }
    snprintf(to, sizeof to, "/admin/t/%s/victims", req_param(r, 0));
    return req_redirect(r, to);
}
