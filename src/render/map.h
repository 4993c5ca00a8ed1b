/*
 * map.h: a country's map as inline SVG, with a dot per place sized by
 * its events (DESIGN §3 geo): no tiles, no script. Outlines from Natural
 * Earth (world-atlas), drawn in an equirectangular projection scaled at
 * the country's middle latitude.
 */
#ifndef VIGIL_RENDER_MAP_H
#define VIGIL_RENDER_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "geo/gazetteer.h"
#include "util/buf.h"

struct map_dot {
    const char *label; /* the place's name */
    double lon, lat;
    size_t count;     /* events there */
    const char *href; /* the place's page, or NULL */
};

/* Writes <svg class="map"> of width px. Dots outside the country's box
 * are left out. */
void render_map_svg(struct buf *b, const struct outline *country,
                    const struct map_dot *dots, size_t n, int width);

#endif
