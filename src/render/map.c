/* map.c: drawing a country and its places in SVG. */
#include "render/map.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "geo/countries.h"
#include "render/html.h"
#include "util/i18n.h"

struct projection {
    double west, north, k, coslat;
};

static void project(const struct projection *p, double lon, double lat,
                    double *x, double *y)
{
    *x = (lon - p->west) * p->coslat * p->k + 8;
    *y = (p->north - lat) * p->k + 8;
}

/* "Mahshahr: 3 events", plain text for the dot's <title>. */
static void dot_title(struct buf *b, const struct map_dot *d)
{
    struct buf t = BUF_INIT(1024), num = BUF_INIT(64);
    i18n_number(&num, (int64_t)d->count);
    i18n_msg(&t, P_("%1$s: %2$s event", "%1$s: %2$s events", d->count),
             (const char *const[]){d->label, buf_cstr(&num)}, 2);
    html_text(b, buf_cstr(&t));
    buf_release(&t);
    buf_release(&num);
}

void render_map_svg(struct buf *b, const struct outline *c,
                    const struct map_dot *dots, size_t n, int width)
{
    const double pi = 3.14159265358979323846;
    struct projection p = {c->west, c->north, 1,
                           cos((c->north + c->south) / 2 * pi / 180)};
    double span = (c->east - c->west) * p.coslat;
    p.k = (width - 16) / (span > 0 ? span : 1);
    int height = (int)ceil((c->north - c->south) * p.k) + 16;
    /* An image holds no links: a map whose dots lead to their places is
     * a group of them, named by its country. */
    bool links = false;
    for (size_t i = 0; i < n; i++)
        links = links || dots[i].href != NULL;
    buf_printf(b,
               "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" "
               "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"%s\"",
               width, height, width, height, links ? "group" : "img");
    /* Named as the page names countries: ISO's name, translated. */
    const struct country *named = country_by_numeric(c->numeric);
    html_attr(b, "aria-label", named ? i18n_country(named->name) : c->name);
    HTML_LIT(b, "><path d=\"");
    for (size_t r = 0; r < c->nrings; r++) {
        const struct ring *ring = &c->rings[r];
        double lx = -1e9, ly = -1e9;
        for (size_t i = 0; i < ring->n; i++) {
            double x, y;
            project(&p, ring->lonlat[2 * i], ring->lonlat[2 * i + 1], &x, &y);
            /* Points closer than a pixel to the last one add nothing. */
            if (i && i + 1 < ring->n && fabs(x - lx) < 1 && fabs(y - ly) < 1)
                continue;
            buf_printf(b, "%c%.1f %.1f", i ? 'L' : 'M', x, y);
            lx = x, ly = y;
        }
        HTML_LIT(b, "Z");
    }
    HTML_LIT(b, "\"/>\n");
    for (size_t i = 0; i < n; i++) {
        const struct map_dot *d = &dots[i];
        if (d->lon < c->west || d->lon > c->east || d->lat < c->south ||
            d->lat > c->north)
            continue;
        double x, y;
        project(&p, d->lon, d->lat, &x, &y);
        if (d->href) {
            HTML_LIT(b, "<a");
            html_attr(b, "href", d->href);
            HTML_LIT(b, ">");
        }
        buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"><title>", x,
                   y, 3 + 3 * sqrt((double)d->count));
        dot_title(b, d);
        HTML_LIT(b, "</title></circle>");
        if (d->href)
            HTML_LIT(b, "</a>");
        HTML_LIT(b, "\n");
    }
    HTML_LIT(b, "</svg>\n");
}
