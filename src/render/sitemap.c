/* sitemap.c: robots.txt and the sitemaps. */
#include "render/sitemap.h"

#include "render/html.h"
#include "util/date.h"

/* Why each line: readers' pages, feeds and the read API are public; the
 * desk, signing in and the write API (POSTs, which crawlers do not send,
 * and the editors' GETs among them) are editors' only. The live stream
 * never ends and search has no end of addresses: neither is a page to
 * index. '*' is RFC 9309's wildcard. The longest match wins (RFC 9309
 * §2.2.2), but crawlers that take the first one read the Disallow lines
 * first. */
void render_robots(struct buf *b, const struct site *s)
{
    BUF_LIT(b, "User-agent: *\n"
               "Disallow: /admin\n"
               "Disallow: /login\n"
               "Disallow: /invite\n"
               "Disallow: /api/v1/login\n"
               "Disallow: /api/v1/logout\n"
               "Disallow: /api/v1/me\n"
               "Disallow: /api/v1/audit\n"
               "Disallow: /api/v1/extract\n"
               "Disallow: /*/media/pending/\n"
               "Disallow: /*/drafts\n"
               "Disallow: /api/v1/trackers/*/victims/\n"
               "Disallow: /*/proposals\n"
               "Disallow: /*/live\n"
               "Disallow: /*/search\n"
               "Disallow: /search\n"
               "Allow: /\n"
               "\nSitemap: ");
    buf_puts(b, s->base_url);
    BUF_LIT(b, "/sitemap.xml\n");
}

/* Appends the absolute URL of tracker t's page `rest`, escaped. */
static void tracker_loc(struct buf *b, const struct site *s,
                        const struct tracker *t, const char *rest)
{
    struct buf url = BUF_INIT(HTML_SCRATCH_MAX);
    buf_puts(&url, s->base_url);
    layout_tracker_path(&url, t, rest);
    xml_text(b, buf_cstr(&url));
    b->failed = b->failed || url.failed;
    buf_release(&url);
}

void render_sitemap_index(struct buf *b, const struct site *s,
                          const struct tracker *t, size_t n)
{
    BUF_LIT(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex "
               "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (size_t i = 0; i < n; i++) {
        BUF_LIT(b, "<sitemap><loc>");
        tracker_loc(b, s, &t[i], "/sitemap.xml");
        BUF_LIT(b, "</loc></sitemap>\n");
    }
    BUF_LIT(b, "</sitemapindex>\n");
}

static void url_entry(struct buf *b, const struct site *s,
                      const struct tracker *t, const struct sitemap_url *u)
{
    struct buf rest = BUF_INIT(HTML_SCRATCH_MAX);
    if (u->kind == SITEMAP_PAGE)
        buf_puts(&rest, u->path);
    else
        buf_printf(&rest, u->kind == SITEMAP_DAY ? "/day/%lld" : "/u/%lld",
                   (long long)u->number);
    BUF_LIT(b, "<url><loc>");
    tracker_loc(b, s, t, buf_cstr(&rest));
    BUF_LIT(b, "</loc>");
    if (u->lastmod) {
        char at[TIMESTAMP_LEN + 1];
        timestamp_format(u->lastmod, at);
        BUF_LIT(b, "<lastmod>");
        buf_puts(b, at);
        BUF_LIT(b, "</lastmod>");
    }
    BUF_LIT(b, "</url>\n");
    buf_release(&rest);
}

void render_sitemap(struct buf *b, const struct site *s,
                    const struct tracker *t, const struct sitemap_url *u,
                    size_t n)
{
    BUF_LIT(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset "
               "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (size_t i = 0; i < n; i++)
        url_entry(b, s, t, &u[i]);
    BUF_LIT(b, "</urlset>\n");
}
