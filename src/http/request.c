/* request.c: what handlers share: parameters, lookups that answer 404,
 * errors, expiry. */
#include "http/request.h"

#include <microhttpd.h>
#include <stdarg.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embeds.h"
#include "core/bylines.h"
#include "core/trackers.h"
#include "cache/cache.h"
#include "http/routes.h"
#include "core/updates.h"
#include "live/watch.h"
#include "util/utf8.h"

struct store *req_store(struct req *r)
{
    if (r->st == NULL)
        r->st = pool_take(&r->app->pool);
    return r->st;
}

void req_release_store(struct req *r)
{
    if (r->st)
        pool_give(&r->app->pool, r->st);
    r->st = NULL;
}

int req_error(struct req *r, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
    /* Messages quote the path, fields and parser errors, in any bytes
     * (and the cut may fall inside a character); the error page and the
     * API's JSON take only UTF-8. */
    utf8_scrub(r->error, sizeof r->error);
    return status;
}

int req_tracker(struct req *r, struct tracker *t, struct day_info *d)
{
    struct vg_err err = VG_ERR_INIT;
    int rc = tracker_lookup(req_store(r), &r->arena, "tracker", req_param(r, 0),
                            t, &err);
    if (rc == VG_ENOTFOUND)
        return req_error(r, 404, "No tracker named \"%.64s\".",
                         req_param(r, 0));
    if (rc == 0 && d)
        rc = tracker_day(t, r->now, d, &err);
    if (rc != 0)
        return req_read_failed(r);
    if (d)
        req_expires_by(r, tracker_day_changes_at(t, d));
    return 0;
}

int req_view(struct req *r, enum update_filter which, size_t limit,
             struct tracker_view *v)
{
    struct vg_err err = VG_ERR_INIT;
    int rc = tracker_view_load(req_store(r), &r->arena, req_param(r, 0), r->now,
                               which, limit, v, &err);
    if (rc == VG_ENOTFOUND)
        return req_error(r, 404, "No tracker named \"%.64s\".",
                         req_param(r, 0));
    if (rc != 0)
        return req_read_failed(r);
    req_expires_by(r, tracker_day_changes_at(&v->tracker, &v->day));
    return 0;
}

int req_trackers(struct req *r, struct tracker **t, struct day_info **days,
                 size_t *n)
{
    struct vg_err err = VG_ERR_INIT;
    if (store_tracker_list(req_store(r), &r->arena, t, n, &err) != 0)
        return req_read_failed(r);
    *days = arena_alloc(&r->arena, (*n ? *n : 1) * sizeof **days);
    for (size_t i = 0; i < *n; i++) {
        /* A tracker whose zone is not installed reads Day 0 and gives no
         * expiry. */
        if (tracker_day(&(*t)[i], r->now, &(*days)[i], NULL) == 0)
            req_expires_by(r, tracker_day_changes_at(&(*t)[i], &(*days)[i]));
    }
    return 0;
}

int req_listed_trackers(struct req *r, struct tracker **t,
                        struct day_info **days, size_t *n)
{
    int rc = req_trackers(r, t, days, n);
    size_t kept = 0;
    for (size_t i = 0; rc == 0 && i < *n; i++) {
        if ((*t)[i].unlisted)
            continue;
        (*t)[kept] = (*t)[i];
        (*days)[kept++] = (*days)[i];
    }
    if (rc == 0)
        *n = kept;
    return rc;
}

void req_expires_by(struct req *r, int64_t at)
{
    if (at != 0 && (r->expires == 0 || at < r->expires))
        r->expires = at;
}

/* A read fails when the database cannot be reached (a restart, a
 * failover): the client, or the load balancer, tries again. */
int req_read_failed(struct req *r)
{
    r->retry_after = 5;
    return req_error(r, 503,
                     "The record could not be read just now; try "
                     "again.");
}

const char *req_param(const struct req *r, int i)
{
    return i < r->nparams ? r->params[i] : "";
}

int64_t req_param_number(const struct req *r, int i)
{
    const char *s = req_param(r, i);
    int64_t v = 0;
    if (*s < '1' || *s > '9' || strlen(s) > 12)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

int req_public_update(struct req *r, const struct tracker *t, struct update *u,
                      struct update **revs, size_t *nrev)
{
    struct vg_err err = VG_ERR_INIT;
    int64_t n = req_param_number(r, 1);
    int rc = n < 1
                 ? VG_ENOTFOUND
                 : store_update_get(req_store(r), &r->arena, t->id, n, u, &err);
    if (rc == 0 && u->status != UPDATE_PUBLISHED &&
        u->status != UPDATE_RETRACTED)
        rc = VG_ENOTFOUND; /* drafts do not exist for readers */
    if (rc == VG_ENOTFOUND)
        return req_error(r, 404, "This tracker has no update %.20s.",
                         req_param(r, 1));
    if (rc == 0)
        rc = bylines_fill(req_store(r), &r->arena, t, u, 1, &err);
    if (rc == 0)
        rc = embeds_fill(req_store(r), &r->arena, u, 1, &err);
    if (rc == 0 && revs)
        rc = store_update_revisions(req_store(r), &r->arena, u->id, revs, nrev,
                                    &err);
    if (rc != 0)
        return req_read_failed(r);
    if (revs)
        *nrev = update_public_revisions(*revs, *nrev);
    return 0;
}

int req_fail(struct req *r, const struct vg_err *err)
{
    int status;
    switch (err->code) {
    case VG_EINVAL: status = 422; break;
    case VG_ELIMIT: status = 413; break;
    case VG_ENOTFOUND: status = 404; break;
    case VG_ECONFLICT: status = 409; break;
    case VG_EDENIED: status = 403; break;
    case VG_EIO: /* the database away (a restart, a failover): try again */
        r->retry_after = 5;
        return req_error(r, 503,
                         "The record could not be written just "
                         "now; try again.");
    default: return req_error(r, 500, "The record could not be written.");
    }
    snprintf(r->error_field, sizeof r->error_field, "%s",
             err->field ? err->field : "");
    utf8_scrub(r->error_field, sizeof r->error_field);
    return req_error(r, status, "%s", err->msg);
}

void req_write_begin(struct req *r, struct op *op)
{
    pthread_mutex_lock(&r->app->write_lock);
    r->write_locked = true;
    r->write_since = metrics_clock_ns();
    *op = (struct op){r->app->writer, &r->arena, r->who.login, r->now,
                      r->who.roles};
}

void req_write_end(struct req *r)
{
    if (!r->write_locked)
        return;
    r->write_locked = false;
    /* Read your own writes: the pages this node cached go stale now,
     * before the answer leaves, not when the watch thread's round comes
     * (it still runs, for the live events and the other nodes); an editor
     * who reloads, or a client that reads back what it just wrote, would
     * otherwise be served the page from before the write. A page being
     * rendered from older data carries the older generation and is not
     * kept (cache_put). */
    cache_invalidate(r->app->cache);
    metrics_write_observe(&r->app->counters,
                          metrics_clock_ns() - r->write_since);
    pthread_mutex_unlock(&r->app->write_lock);
    watch_poke(r->app->watch);
}

void req_set_cookie(struct req *r, const char *value)
{
    if (r->ncookies < REQ_MAX_COOKIES)
        r->cookies[r->ncookies++] = arena_strdup(&r->arena, value);
}

int req_redirect(struct req *r, const char *to)
{
    r->location = arena_strdup(&r->arena, to);
    return 303;
}

void app_site_init(struct app *app)
{
    statics_init(&app->statics);
    snprintf(app->css_href, sizeof app->css_href, "/static/%s",
             app->statics.css.name);
    snprintf(app->icon_href, sizeof app->icon_href, "/static/%s",
             app->statics.icon.name);
    snprintf(app->live_src, sizeof app->live_src, "/static/%s",
             app->statics.live_js.name);
    snprintf(app->desk_src, sizeof app->desk_src, "/static/%s",
             app->statics.desk_js.name);
    app->site.base_url = app->base_url;
    app->site.css_href = app->css_href;
    app->site.icon_href = app->icon_href;
    app->site.live_src = app->live_src;
    app->site.desk_src = app->desk_src;
}

int req_json(struct req *r, int status, json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                JSON_ENSURE_ASCII | JSON_REAL_PRECISION(10));
    json_decref(j);
    if (s == NULL)
        return req_error(r, 500, "The answer could not be encoded.");
    buf_puts(&r->body, s);
    buf_putc(&r->body, '\n');
    free(s);
    r->content_type = "application/json; charset=utf-8";
    return status;
}

/* ==== The client ==== */

/* The bytes a joined header may have: libmicrohttpd keeps no more than a
 * connection's memory anyway. */
enum { JOINED_MAX = 32768 };

/* Joins every line of one header, in order, with ", " (RFC 7230 3.2.2). */
struct joined {
    const char *name;
    struct buf b;
};

static enum MHD_Result on_header(void *cls, enum MHD_ValueKind kind,
                                 const char *key, const char *value)
{
    (void)kind;
    struct joined *j = cls;
    if (strcasecmp(key, j->name) != 0 || value == NULL)
        return MHD_YES;
    if (j->b.len)
        BUF_LIT(&j->b, ", ");
    buf_puts(&j->b, value);
    return MHD_YES;
}

const struct sockaddr *req_client_addr(const struct req *r,
                                       union proxy_addr *out)
{
    const struct proxies *p = &r->app->cfg.proxies;
    const union MHD_ConnectionInfo *ci =
        r->conn ? MHD_get_connection_info(r->conn,
                                          MHD_CONNECTION_INFO_CLIENT_ADDRESS)
                : NULL;
    const struct sockaddr *peer = ci ? ci->client_addr : NULL;
    if (!proxy_trusted(p, peer))
        return peer;
    struct joined j = {p->header == PROXY_FORWARDED ? "Forwarded"
                                                    : "X-Forwarded-For",
                       BUF_INIT(JOINED_MAX)};
    MHD_get_connection_values(r->conn, MHD_HEADER_KIND, on_header, &j);
    const char *value = j.b.len && !j.b.failed ? buf_cstr(&j.b) : NULL;
    const struct sockaddr *sa =
        j.b.failed ? peer : proxy_client(p, peer, value, value, out);
    buf_release(&j.b);
    return sa;
}

struct i18n_scope req_lang_begin(struct req *r)
{
    const struct i18n_lang *lang = NULL;
    struct cal_style *style = NULL;
    struct tracker t;
    struct vg_err err = VG_ERR_INIT;
    unsigned flags = r->route->flags;
    /* Readers' pages of a tracker speak its language. */
    if ((flags & R_PUBLIC) && strncmp(r->route->pattern, "/t/:slug", 8) == 0 &&
        tracker_lookup(req_store(r), &r->arena, "tracker", req_param(r, 0), &t,
                       &err) == 0) {
        lang = tracker_lang(&t);
        style = arena_alloc(&r->arena, sizeof *style);
        tracker_style(&t, style);
        if (flags & R_FEED) {
            /* Feeds speak the tracker's language, but their dates and
             * numbers are what machines read: Gregorian, Latin digits. */
            style->calendar = CAL_GREGORIAN;
            style->digits = CAL_DIGITS_LATIN;
            style->gregorian_beside = false;
        }
    } else if ((flags & R_HTML) && (flags & R_PRIVATE)) {
        /* The desk speaks its editor's chosen language; before sign-in
         * (never cached, so it may vary), the browser's. */
        lang = r->who.user_id ? i18n_lang_find(r->who.session.lang)
                              : i18n_negotiate(MHD_lookup_connection_value(
                                    r->conn, MHD_HEADER_KIND,
                                    MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
    }
    return i18n_begin(lang, style);
}
