/*
 * text.h: plain-text views for the terminal (`vigil tracker show`, lists).
 *
 * User text is cleaned on the way out: any control character that could
 * move the cursor or recolour the terminal is shown as U+FFFD.
 */
#ifndef VIGIL_RENDER_TEXT_H
#define VIGIL_RENDER_TEXT_H

#include <stddef.h>

#include "core/day.h"
#include "core/highlights.h"
#include "model/model.h"
#include "core/view.h"
#include "util/buf.h"

/* Appends s with control characters replaced and line breaks as spaces. */
void text_clean(struct buf *out, const char *s);

/* "Day 44 — coverage ended 28 December 2019" */
void text_day(struct buf *out, const struct day_info *day);

/* The highlights box: per metric the range, then each source's figure. */
void text_highlights(struct buf *out, const struct highlight *h, size_t n);

/* One line per update, newest first, with its first words. */
void text_updates(struct buf *out, const struct tracker *t,
                  const struct update *u, size_t n);

/* The whole `tracker show` view: title, Day N, highlights, and the
 * updates with the pinned one on top. */
void text_tracker(struct buf *out, const struct tracker_view *v);

#endif
