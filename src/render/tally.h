/*
 * tally.h: a tracker's figures pages (DESIGN §2 "tally page", §5): the
 * index of metrics with their range across sources, and one metric's
 * claims over time as an SVG step chart and a table.
 */
#ifndef VIGIL_RENDER_TALLY_H
#define VIGIL_RENDER_TALLY_H

#include <stddef.h>

#include "core/day.h"
#include "core/highlights.h"
#include "render/layout.h"

/* GET /t/:slug/tallies: every metric with its range and a link to its page.
 * h holds one highlight per metric (highlights_build), n of them. */
void render_tallies(struct buf *b, const struct site *s,
                    const struct tracker *t, const struct day_info *day,
                    const struct highlight *h, size_t n);

/* GET /t/:slug/tallies/:metric: one metric: an SVG step chart of each
 * source's claims over time, then a table of every claim (as-of date,
 * source, figure in words, quote, link to the citation, note, status),
 * oldest first. `claims` holds all the tracker's claims (any metric; those
 * with metric_id == m->id are used), in as-of order; claims of one date keep
 * their claim-number order. Retracted claims are listed but not plotted.
 * Nothing is kept after the call. */
void render_tally(struct buf *b, const struct site *s, const struct tracker *t,
                  const struct day_info *day, const struct metric *m,
                  const struct claim *claims, size_t nclaims);

#endif
