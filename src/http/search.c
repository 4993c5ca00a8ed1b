/*
 * search.c: the search pages (core/search.h, render/search.h): the public
 * site's, across trackers (/search) or in one (/t/SLUG/search), and the
 * desk's (/admin/search), which finds drafts too in the trackers the
 * editor works on.
 *
 * The query comes in the URL (q, page; on the desk also tracker), so the
 * box is a GET form and a result page can be linked. A refused query is
 * a 4xx with the page, the box and the reason: 400 for a query that
 * cannot be read (not UTF-8, a NUL), 422 for one refused (no word, too
 * many, too long; a page out of range). Never cached: every query is its
 * own page.
 */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/search.h"
#include "core/trackers.h"
#include "http/handlers.h"
#include "render/search.h"
#include "util/utf8.h"

static const char HTML_TYPE[] = "text/html; charset=utf-8";

/* Argument `name` of the URL's query, or NULL when absent or empty;
 * *nul is set when its value holds a NUL (%00), which the page cannot
 * show. */
static const char *arg(struct req *r, const char *name, bool *nul)
{
    const char *v = NULL;
    size_t len = 0;
    if (r->conn == NULL ||
        MHD_lookup_connection_value_n(r->conn, MHD_GET_ARGUMENT_KIND, name,
                                      strlen(name), &v, &len) != MHD_YES)
        return NULL;
    if (v && strlen(v) != len)
        *nul = true;
    return v && *v ? v : NULL;
}

/* The page number of argument "page": 1 when absent, 0 when it is no
 * number. */
static int page_of(const char *s)
{
    if (s == NULL)
        return 1;
    char *end;
    long n = strtol(s, &end, 10);
    return *end == '\0' && n >= 1 && n <= SEARCH_PAGES_MAX ? (int)n : 0;
}

/* The status of a refused search: 400 when q cannot be read. */
static int refused(struct req *r, struct search_page *p, struct vg_err *err,
                   bool unreadable)
{
    size_t bad;
    const char *why;
    if (p->q && utf8_check(p->q, strlen(p->q), UTF8_SINGLE_LINE, &bad, &why))
        unreadable = true;
    if (unreadable)
        p->q = NULL; /* not shown again: the page must stay UTF-8 */
    char msg[sizeof err->msg + 48];
    snprintf(msg, sizeof msg, "%s%s%s", err->field ? err->field : "",
             err->field ? ": " : "", err->msg);
    p->notice = arena_strdup(&r->arena, msg);
    return unreadable ? 400 : 422;
}

/* Runs the search of the request's query (none: the empty box) and
 * renders the page; rq->trackers says where. */
static int search_page(struct req *r, struct search_request *rq,
                       struct search_page *p)
{
    struct vg_err err = VG_ERR_INIT;
    struct search_results found;
    bool nul = false;
    int status = 200;
    p->q = arg(r, "q", &nul);
    p->page = page_of(arg(r, "page", &nul));
    rq->q = p->q;
    rq->page = p->page;
    if (nul)
        status = refused(
            r, p, &(struct vg_err){VG_EINVAL, "q", "holds a NUL character"},
            true);
    else if (p->page == 0)
        status = refused(
            r, p,
            &(struct vg_err){VG_EINVAL, "page", "is a number from 1 to 50"},
            false);
    else if (p->q && search_run(req_store(r), &r->arena, rq, &found, &err))
        status = err.code == VG_EIO ? req_read_failed(r)
                                    : refused(r, p, &err, false);
    else if (p->q)
        p->found = &found;
    if (status >= 500)
        return status;
    buf_reset(&r->body);
    render_search_page(&r->body, &r->app->site, p);
    r->content_type = HTML_TYPE;
    return status;
}

/* GET /search?q=...&page=N: the trackers on the index (an unlisted one
 * is searched from its own pages only). */
int page_search_all(struct req *r)
{
    struct tracker *t;
    struct day_info *days;
    size_t n;
    int status = req_listed_trackers(r, &t, &days, &n);
    if (status != 0)
        return status;
    struct search_request rq = {.trackers = t, .ntrackers = n};
    struct search_page p = {0};
    return search_page(r, &rq, &p);
}

/* GET /t/:slug/search?q=...&page=N */
int page_search(struct req *r)
{
    struct tracker t;
    int status = req_tracker(r, &t, NULL);
    if (status != 0)
        return status;
    struct search_request rq = {.trackers = &t, .ntrackers = 1};
    struct search_page p = {.tracker = &t};
    return search_page(r, &rq, &p);
}

/* GET /admin/search?q=...&tracker=SLUG&page=N: drafts too, in the
 * trackers the user writes on (as a contributor or an editor, on every
 * tracker or on that one). */
int desk_search(struct req *r)
{
    struct tracker *all;
    struct day_info *days;
    size_t n;
    bool nul = false;
    int status = req_trackers(r, &all, &days, &n);
    if (status != 0)
        return status;
    struct desk d = desk_of(r);
    size_t own = 0;
    for (size_t i = 0; i < n; i++)
        if (desk_roles_on(&d, &all[i]) & (ROLE_CONTRIBUTOR | ROLE_EDITOR))
            all[own++] = all[i];
    n = own;
    struct search_request rq = {
        .trackers = all, .ntrackers = n, .drafts = true};
    struct search_page p = {.desk = &d, .choices = all, .nchoices = n};
    const char *slug = arg(r, "tracker", &nul);
    for (size_t i = 0; slug && i < n; i++)
        if (strcmp(all[i].slug, slug) == 0) {
            p.tracker = rq.trackers = &all[i];
            rq.ntrackers = 1;
        }
    if (slug && p.tracker == NULL)
        return req_error(r, 404, "No tracker is called that.");
    return search_page(r, &rq, &p);
}
