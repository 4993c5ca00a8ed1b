/*
 * bylines.h: who wrote each update, for a tracker that shows its authors'
 * display names (struct tracker's bylines).
 *
 * An update's byline is the display name of whoever saved its first
 * revision (a contributor's draft stays theirs when an editor publishes
 * it), as that person's account names them now: a reporter who takes a
 * pseudonym is renamed on every update at once. Updates posted from the
 * host's CLI, or by someone without a display name, have none.
 */
#ifndef VIGIL_CORE_BYLINES_H
#define VIGIL_CORE_BYLINES_H

#include "store/store.h"

/* Sets u[i].byline (a string in a) for the n updates of tracker t, in one
 * read of the range of their numbers; does nothing when t does not show
 * bylines. */
int bylines_fill(struct store *st, struct arena *a, const struct tracker *t,
                 struct update *u, size_t n, struct vg_err *err);

#endif
