/*
 * seo.c: what search engines read first: /robots.txt and the sitemaps.
 * They are public and cached as the pages are, dropped with them on any
 * write (the cache's generation), so a published update is announced by
 * the next request and a retracted one is withdrawn.
 */
#include "http/handlers.h"

#include "core/sitemap.h"
#include "render/sitemap.h"

static const char TEXT_TYPE[] = "text/plain; charset=utf-8";
static const char XML_TYPE[] = "application/xml; charset=utf-8";

/* GET /robots.txt */
int robots_txt(struct req *r)
{
    r->content_type = TEXT_TYPE;
    render_robots(&r->body, &r->app->site);
    return 200;
}

/* GET /sitemap.xml */
int sitemap_index(struct req *r)
{
    struct tracker *t;
    struct day_info *days;
    size_t n;
    int rc = req_listed_trackers(r, &t, &days, &n);
    if (rc != 0)
        return rc;
    r->content_type = XML_TYPE;
    render_sitemap_index(&r->body, &r->app->site, t, n);
    return 200;
}

/* GET /t/:slug/sitemap.xml */
int sitemap_tracker(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct sitemap_url *u;
    size_t n;
    int rc = req_tracker(r, &t, NULL);
    if (rc != 0)
        return rc;
    if (t.unlisted) /* reached by its address, never announced */
        return req_error(r, 404, "No tracker named \"%.64s\".",
                         req_param(r, 0));
    if (sitemap_load(req_store(r), &r->arena, &t, &u, &n, &err) != 0)
        return req_read_failed(r);
    r->content_type = XML_TYPE;
    render_sitemap(&r->body, &r->app->site, &t, u, n);
    return 200;
}
