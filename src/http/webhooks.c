/* webhooks.c: a tracker's webhooks on the desk, for admins
 * (core/webhooks.h; render/desk_webhooks.h). */
#include <stdio.h>
#include <string.h>

#include "core/trackers.h"
#include "core/webhooks.h"
#include "http/form.h"
#include "http/handlers.h"
#include "render/desk_webhooks.h"
#include "store/store.h"

/* The page of tracker :slug's webhooks, with notice (a refusal) or the
 * secret of one just added on top; answers status. */
static int webhooks_page(struct req *r, const char *notice,
                         const struct webhook_added *added, int status)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct webhook *w;
    size_t n;
    int rc = tracker_lookup(req_store(r), &r->arena, "tracker", req_param(r, 0),
                            &t, &err);
    if (rc == 0)
        rc = store_webhook_list(req_store(r), &r->arena, t.id, &w, &n, &err);
    if (rc == VG_ENOTFOUND)
        return req_fail(r, &err);
    if (rc != 0)
        return req_read_failed(r);
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_webhooks(&r->body, &d, &t, w, n, added);
    r->content_type = "text/html; charset=utf-8";
    return status;
}

/* The message of a refused write, for the page shown again. */
static const char *refusal(struct req *r, const struct vg_err *err)
{
    struct buf m = BUF_INIT(512);
    buf_printf(&m, "%s%s%s", err->field ? err->field : "",
               err->field ? ": " : "", err->msg);
    const char *s = arena_strdup(&r->arena, buf_cstr(&m));
    buf_release(&m);
    return s;
}

/* GET /admin/t/:slug/webhooks */
int desk_webhooks(struct req *r)
{
    return webhooks_page(r, NULL, NULL, 200);
}

/* The kinds the form ticked, comma-separated in r's arena; "" for none
 * (which core refuses: a webhook sends something). */
static const char *ticked_kinds(struct req *r)
{
    struct buf b = BUF_INIT(512);
    for (int k = 0; k < HOOK_KIND_COUNT; k++) {
        const char *v =
            form_field(r, webhook_kind_field(&r->arena, (enum webhook_kind)k));
        if (v && *v)
            buf_printf(&b, "%s%s", b.len ? "," : "", webhook_kinds[k].name);
    }
    const char *s = arena_strdup(&r->arena, b.len ? buf_cstr(&b) : "");
    buf_release(&b);
    return s;
}

/* POST /admin/t/:slug/webhooks: shows the new webhook's secret once */
int desk_add_webhook(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    char secret[WEBHOOK_SECRET_LEN + 1];
    struct webhook_added added = {0, secret};
    const char *kinds = ticked_kinds(r);
    struct op op;
    int rc = *kinds ? 0
                    : vg_err_set(&err, VG_EINVAL, "kinds",
                                 "tick at least one kind of change to send");
    if (rc == 0) {
        req_write_begin(r, &op);
        rc = webhook_add(&op, req_param(r, 0), form_field(r, "url"), kinds,
                         secret, &added.id, &err);
        req_write_end(r);
    }
    if (rc != 0)
        return webhooks_page(r, refusal(r, &err), NULL, req_fail(r, &err));
    return webhooks_page(r, NULL, &added, 200);
}

/* POST /admin/t/:slug/webhooks/:n/remove */
int desk_remove_webhook(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct op op;
    int64_t id = req_param_number(r, 1);
    int rc = id > 0 ? 0
                    : vg_err_set(&err, VG_ENOTFOUND, "webhook",
                                 "no webhook numbered so");
    if (rc == 0) {
        req_write_begin(r, &op);
        rc = webhook_remove(&op, req_param(r, 0), id, &err);
        req_write_end(r);
    }
    if (rc != 0)
        return webhooks_page(r, refusal(r, &err), NULL, req_fail(r, &err));
    struct buf to = BUF_INIT(512);
    buf_printf(&to, "/admin/t/%s/webhooks", req_param(r, 0));
    rc = req_redirect(r, buf_cstr(&to));
    buf_release(&to);
    return rc;
}
