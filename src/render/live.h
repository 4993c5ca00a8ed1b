/*
 * live.h: a tracker's pages for readers: the live page, one update with
 * its revisions, and one day's archive.
 */
#ifndef VIGIL_RENDER_LIVE_H
#define VIGIL_RENDER_LIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/view.h"
#include "render/layout.h"

enum {
    LIVE_PAGE_UPDATES = 50, /* updates on the live page */
    EARLIER_DAYS = 14       /* links to earlier days on the live page */
};

/* The live page: title with Day N, highlights with the sources side by
 * side, the pinned update, updates grouped by day (newest first), and
 * plain links to earlier days. key_only shows key events only. */
void render_live(struct buf *b, const struct site *s,
                 const struct tracker_view *v, bool key_only);

/* The live page as other sites frame it (/t/SLUG/embed): the same
 * content and live script, without the site's header, search, filters,
 * earlier days or footer; a link opens the whole coverage. */
void render_embed(struct buf *b, const struct site *s,
                  const struct tracker_view *v);

/* One update: its current text, then every revision. */
void render_update_page(struct buf *b, const struct site *s,
                        const struct tracker *t, const struct day_info *day,
                        const struct update *u, const struct update *revs,
                        size_t nrev);

/* Day `number` of a tracker and its updates (newest first). */
void render_day_page(struct buf *b, const struct site *s,
                     const struct tracker *t, const struct day_info *today,
                     int64_t number, const struct update *u, size_t n);

/* One update as the live page shows it: an <article>, dated when it is
 * pinned (pinned updates stand above the days). For live events. */
void render_update_article(struct buf *b, const struct tracker *t,
                           const struct update *u);
/* An empty section for day `number`, with its heading (a live event
 * creates it when an update opens a new day). */
void render_day_section(struct buf *b, const struct tracker *t, int64_t number);
/* The day an update belongs to in its tracker. */
int64_t render_update_day(const struct tracker *t, const struct update *u);

/* GET /t/:slug/days: a link to every day so far. */
void render_days_page(struct buf *b, const struct site *s,
                      const struct tracker *t, const struct day_info *today);

/* The highlights box (also used by the lite page's plain version), with
 * "identified N of at least M reported killed" when the victims registry
 * names anyone (identified > 0). */
void render_highlights(struct buf *b, const struct tracker *t,
                       const struct highlight *h, size_t n, int64_t identified);

/* "Day 44 — coverage ended 28 December 2019", as plain text. */
void render_day_line(struct buf *b, const struct day_info *day);
/* The live page's <title> (plain text): "Day N — TITLE", or the title
 * before day 1. */
void render_live_title(struct buf *out, const struct tracker *t,
                       const struct day_info *day);

#endif
