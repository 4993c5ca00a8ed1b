/*
 * extract.c: POST /api/v1/extract, and the reading of an extraction
 * request it shares with the desk's page (http/extract.h). The extractor
 * changes nothing: the route is for editors because it is their tool and
 * costs CPU.
 */
#include "http/extract.h"

#include <stdio.h>
#include <string.h>

#include "core/sources.h"
#include "core/trackers.h"
#include "http/form.h"
#include "http/handlers.h"
#include "util/date.h"

/* Records a refusal about input field `field` and returns status. */
static int refuse(struct req *r, int status, const char *field, const char *msg)
{
    snprintf(r->error_field, sizeof r->error_field, "%s", field);
    return req_error(r, status, "%s", msg);
}

int extract_req_input(struct req *r, const char **text, size_t *n,
                      struct extract_opts *o)
{
    const char *pub = form_field(r, "published");
    *text = form_text(r, "text", n);
    if (*text == NULL || *n == 0)
        return refuse(r, 422, "text", "is required: the article's text");
    if (*n > EXTRACT_HTTP_MAX) {
        snprintf(r->error_field, sizeof r->error_field, "text");
        return req_error(r, 413, "is %zu bytes, over the limit of %d", *n,
                         EXTRACT_HTTP_MAX);
    }
    if (pub && *pub && date_parse(pub, strlen(pub), &o->published) != 0)
        return refuse(r, 422, "published", "is not a date like 2019-12-28");
    return 0;
}

int extract_req_run(struct req *r, const char *text, size_t n,
                    const struct extract_opts *o, struct extraction *x)
{
    struct vg_err err = VG_ERR_INIT;
    int rc = extract_text(text, n, o, x, &err);
    if (rc == 0)
        return 0;
    extraction_free(x);
    if (rc == VG_EINVAL)
        return refuse(r, 400, "text", err.msg);
    if (rc == VG_ELIMIT)
        return refuse(r, 413, "text", err.msg);
    return req_error(r, 500, "The text could not be read.");
}

int extract_req_tracker(struct req *r, const struct tracker *t,
                        struct extract_opts *o)
{
    struct vg_err err = VG_ERR_INIT;
    o->country = NULL; /* the tracker's */
    return tracker_extract_opts(req_store(r), &r->arena, t, o, &err) == 0
               ? 0
               : req_read_failed(r);
}

/* What tracker `slug` brings to an extraction (extract_req_tracker).
 * Returns 0, or the status recorded (404 naming "tracker"). */
static int for_tracker(struct req *r, const char *slug, struct extract_opts *o)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    if (tracker_lookup(req_store(r), &r->arena, "tracker", slug, &t, &err) != 0)
        return err.code == VG_ENOTFOUND ? req_fail(r, &err)
                                        : req_read_failed(r);
    return extract_req_tracker(r, &t, o);
}

/* POST /api/v1/extract {"text", "published", "tracker"}: with a tracker,
 * places in its country rank first and attributions name its sources */
int api_extract(struct req *r)
{
    struct extract_opts o = {.gaz = r->app->gazetteer};
    struct extraction x;
    const char *text, *slug = form_field(r, "tracker");
    size_t n;
    int status = extract_req_input(r, &text, &n, &o);
    if (status == 0 && slug && *slug)
        status = for_tracker(r, slug, &o);
    if (status == 0)
        status = extract_req_run(r, text, n, &o, &x);
    if (status != 0)
        return status;
    status = req_json(r, 200, extraction_json(&x, text));
    extraction_free(&x);
    return status;
}
