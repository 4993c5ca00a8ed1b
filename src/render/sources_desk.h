/*
 * sources_desk.h: the desk's pages of sources: every source, and a
 * tracker's own list (the sources linked to it, which its figures, events
 * and extraction offer), each source with the other names it goes by.
 */
#ifndef VIGIL_RENDER_SOURCES_DESK_H
#define VIGIL_RENDER_SOURCES_DESK_H

#include <stddef.h>

#include "model/model.h"
#include "render/admin.h"
#include "util/buf.h"

/* What a sources page shows: the sources (all, or a tracker's), their
 * aliases (source_alias_list's order), and for the forms the trackers an
 * added source may join (/admin/sources) or the sources the tracker does
 * not list yet (a tracker's page). */
struct sources_page {
    const struct tracker *tracker; /* a tracker's list, or NULL: all */
    const struct source *s;
    size_t n;
    const struct source_alias *aliases;
    size_t naliases;
    const struct tracker *trackers; /* /admin/sources: to link one to */
    size_t ntrackers;
    const struct source *others; /* a tracker's page: sources to link */
    size_t nothers;
};

/* /admin/sources and /admin/t/SLUG/sources. */
void render_desk_sources(struct buf *b, const struct desk *d,
                         const struct sources_page *p);

#endif
