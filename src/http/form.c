/* form.c: request bodies as fields. */
#include "http/form.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/routes.h"
#include "http/server.h"
#include "util/date.h"
#include "util/tz.h"

enum { FORM_MAX_FIELDS = 64 };

struct form {
    int n;
    const char *name[FORM_MAX_FIELDS];
    struct buf value[FORM_MAX_FIELDS];
    const char *filename[FORM_MAX_FIELDS]; /* a multipart file's, or NULL */
    const char *type[FORM_MAX_FIELDS];     /* its Content-Type, or NULL */
    bool duplicate, too_many;
    int nul_field; /* the first field holding %00 (which its C string
                      would end at), or -1 */
    size_t nul_at; /* the byte of that field's value where it stands */
};

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind,
                                const char *key, const char *filename,
                                const char *content_type,
                                const char *transfer_encoding, const char *data,
                                uint64_t off, size_t size)
{
    (void)kind, (void)transfer_encoding;
    struct req *r = cls;
    struct form *f = r->form;
    int i = f->n - 1;
    /* libmicrohttpd hands a long value over in pieces: off > 0 continues
     * the last field. */
    if (off == 0 || i < 0 || strcmp(f->name[i], key) != 0) {
        for (int j = 0; j < f->n; j++)
            if (strcmp(f->name[j], key) == 0)
                f->duplicate = true;
        if (f->n == FORM_MAX_FIELDS) {
            f->too_many = true;
            return MHD_NO;
        }
        i = f->n++;
        f->name[i] = arena_strdup(&r->arena, key);
        /* Only an upload route's body holds a file (form_parse). */
        f->value[i] =
            (struct buf)BUF_INIT(filename ? HTTP_UPLOAD_MAX : HTTP_BODY_MAX);
        f->filename[i] = filename ? arena_strdup(&r->arena, filename) : NULL;
        f->type[i] =
            content_type ? arena_strdup(&r->arena, content_type) : NULL;
    }
    /* A file is bytes; a field is text, where NUL would cut it short. */
    const char *nul = f->filename[i] ? NULL : memchr(data, '\0', size);
    if (nul && f->nul_field < 0) {
        f->nul_field = i;
        f->nul_at = f->value[i].len + (size_t)(nul - data);
    }
    buf_append(&f->value[i], data, size);
    return MHD_YES;
}

/* Either form encoding: libmicrohttpd's post processor reads both. */
static int parse_urlencoded(struct req *r)
{
    r->form = arena_alloc(&r->arena, sizeof *r->form);
    memset(r->form, 0, sizeof *r->form);
    r->form->nul_field = -1;
    struct MHD_PostProcessor *pp =
        MHD_create_post_processor(r->conn, 8192, on_field, r);
    if (pp == NULL)
        return req_error(r, 400, "The form could not be read.");
    enum MHD_Result ok =
        MHD_post_process(pp, r->upload.p ? r->upload.p : "", r->upload.len);
    if (MHD_destroy_post_processor(pp) != MHD_YES)
        ok = MHD_NO;
    if (r->form->too_many)
        return req_error(r, 400, "The form has more than %d fields.",
                         FORM_MAX_FIELDS);
    if (r->form->nul_field >= 0) {
        const char *name = r->form->name[r->form->nul_field];
        snprintf(r->error_field, sizeof r->error_field, "%s", name);
        return req_error(r, 400,
                         "The field %s holds a NUL byte (%%00) at byte %zu.",
                         name, r->form->nul_at);
    }
    if (r->form->duplicate)
        return req_error(r, 400, "A form field is given twice.");
    for (int i = 0; i < r->form->n; i++)
        if (r->form->value[i].failed)
            return req_error(r, 413, "The field %s is too large.",
                             r->form->name[i]);
    if (ok != MHD_YES)
        return req_error(r, 400, "The form could not be read.");
    return 0;
}

static int parse_json(struct req *r)
{
    json_error_t e;
    r->json = json_loadb(r->upload.p ? r->upload.p : "", r->upload.len,
                         JSON_REJECT_DUPLICATES, &e);
    if (r->json == NULL)
        return req_error(r, 400, "The JSON body is malformed at byte %d: %s.",
                         e.position, e.text);
    if (!json_is_object(r->json))
        return req_error(r, 400, "The JSON body must be an object.");
    return 0;
}

int form_parse(struct req *r)
{
    const char *type =
        MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
    if (r->upload.len == 0 && type == NULL) {
        r->json = json_object();
        return 0;
    }
    if (r->upload.failed)
        return req_error(r, 413, "The body is too large.");
    size_t n = type ? strcspn(type, "; ") : 0;
    if (type && n == 16 && strncasecmp(type, "application/json", n) == 0)
        return parse_json(r);
    if (type && n == 33 &&
        strncasecmp(type, "application/x-www-form-urlencoded", n) == 0)
        return parse_urlencoded(r);
    /* Files come only to the routes that take them. */
    if (type && n == 19 && strncasecmp(type, "multipart/form-data", n) == 0 &&
        (r->route->flags & R_UPLOAD))
        return parse_urlencoded(r);
    /* A bare Markdown text is an update's body (curl --data-binary). */
    if (type && ((n == 13 && strncasecmp(type, "text/markdown", n) == 0) ||
                 (n == 10 && strncasecmp(type, "text/plain", n) == 0))) {
        r->json = json_pack("{s:s%}", "body", r->upload.p ? r->upload.p : "",
                            r->upload.len);
        if (r->json == NULL)
            return req_error(r, 400, "The text is not UTF-8.");
        return 0;
    }
    return req_error(r, 415,
                     "Send the body as application/json, an HTML form, or "
                     "text/markdown.");
}

/* The JSON value of a field, formatted as text. */
static const char *json_text(struct req *r, json_t *v)
{
    char num[32];
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
        return arena_strdup(&r->arena, num);
    }
    return NULL;
}

const char *form_field(struct req *r, const char *name)
{
    if (r->json)
        return json_text(r, json_object_get(r->json, name));
    if (r->form)
        for (int i = 0; i < r->form->n; i++)
            if (strcmp(r->form->name[i], name) == 0)
                return buf_cstr(&r->form->value[i]);
    return NULL;
}

const char *form_text(struct req *r, const char *name, size_t *len)
{
    json_t *v = r->json ? json_object_get(r->json, name) : NULL;
    *len = 0;
    if (v && json_is_string(v)) {
        *len = json_string_length(v);
        return json_string_value(v);
    }
    if (r->form)
        for (int i = 0; i < r->form->n; i++)
            if (strcmp(r->form->name[i], name) == 0) {
                *len = r->form->value[i].len;
                return buf_cstr(&r->form->value[i]);
            }
    const char *s = form_field(r, name);
    *len = s ? strlen(s) : 0;
    return s;
}

const char *form_file(struct req *r, const char *name, size_t *len,
                      const char **filename, const char **type)
{
    *len = 0;
    *filename = *type = NULL;
    for (int i = 0; r->form && i < r->form->n; i++)
        if (strcmp(r->form->name[i], name) == 0 && r->form->filename[i]) {
            *len = r->form->value[i].len;
            *filename = r->form->filename[i];
            *type = r->form->type[i];
            return r->form->value[i].p ? r->form->value[i].p : "";
        }
    return NULL;
}

bool form_flag(struct req *r, const char *name)
{
    if (r->json)
        return json_is_true(json_object_get(r->json, name));
    const char *v = form_field(r, name);
    return v && (strcmp(v, "1") == 0 || strcmp(v, "on") == 0 ||
                 strcmp(v, "true") == 0);
}

bool form_has(struct req *r, const char *name)
{
    if (r->json)
        return json_object_get(r->json, name) != NULL;
    return form_field(r, name) != NULL;
}

int publish_time(struct req *r, int64_t *out)
{
    const char *v = form_field(r, "publish_at");
    char full[32];
    *out = 0;
    if (v == NULL || *v == '\0')
        return 0;
    if (strlen(v) == 16) { /* <input type="datetime-local"> */
        snprintf(full, sizeof full, "%s:00Z", v);
        v = full;
    }
    if (timestamp_parse(v, strlen(v), out) != 0) {
        snprintf(r->error_field, sizeof r->error_field, "publish_at");
        return req_error(r, 422,
                         "is not a time like 2019-12-28T14:30:00Z (UTC)");
    }
    return 0;
}

/* "YYYY-MM-DDTHH:MM" (datetime-local) as a date and minutes; 0 or -1. */
static int wall_clock(const char *v, struct vg_date *d, int *minute)
{
    static const int digits[] = {11, 12, 14, 15};
    if (strlen(v) != 16 || v[10] != 'T' || v[13] != ':' ||
        date_parse(v, 10, d) != 0)
        return -1;
    for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++)
        if (v[digits[i]] < '0' || v[digits[i]] > '9')
            return -1;
    int h = (v[11] - '0') * 10 + (v[12] - '0');
    int m = (v[14] - '0') * 10 + (v[15] - '0');
    if (h > 23 || m > 59)
        return -1;
    *minute = h * 60 + m;
    return 0;
}

int publish_time_in(struct req *r, const char *zone, int64_t *out)
{
    const char *v = form_field(r, "publish_at");
    struct vg_date d;
    int minute;
    *out = 0;
    if (v == NULL || *v == '\0' || strlen(v) != 16)
        return publish_time(r, out);
    if (wall_clock(v, &d, &minute) != 0 ||
        tz_wall_time(zone, d, minute, out) != 0) {
        snprintf(r->error_field, sizeof r->error_field, "publish_at");
        return req_error(r, 422,
                         "is not a time like 2019-12-28T14:30 (%s time)", zone);
    }
    return 0;
}

int form_number(struct req *r, const char *name, int64_t *out)
{
    const char *v = form_field(r, name);
    char *end = NULL;
    *out = 0;
    if (v == NULL || *v == '\0')
        return 0;
    long long n = strtoll(v, &end, 10);
    if (v[0] >= '1' && v[0] <= '9' && *end == '\0' && n >= 1) {
        *out = n;
        return 0;
    }
    snprintf(r->error_field, sizeof r->error_field, "%s", name);
    return req_error(r, 422, "is not a number from 1");
}

int form_embed(struct req *r, struct embed_input *e,
               const struct embed_input **out)
{
    static const char *const names[] = {
        "embed",          "embed_author", "embed_text",     "embed_date",
        "embed_captured", "embed_still",  "embed_duration", "embed_source"};
    const char **fields[] = {&e->url,      &e->author,   &e->text,
                             &e->date,     &e->captured, &e->still,
                             &e->duration, &e->source};
    *out = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t len;
        *fields[i] = form_text(r, names[i], &len);
        if (*fields[i] && strlen(*fields[i]) != len) {
            snprintf(r->error_field, sizeof r->error_field, "%s", names[i]);
            return req_error(r, 422, "holds a NUL byte");
        }
    }
    *out = e->url ? e : NULL;
    return 0;
}

void form_release(struct req *r)
{
    if (r->form)
        for (int i = 0; i < r->form->n; i++)
            buf_release(&r->form->value[i]);
    r->form = NULL;
    json_decref(r->json);
    r->json = NULL;
}
