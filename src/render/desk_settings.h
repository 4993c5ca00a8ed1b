/*
 * desk_settings.h: a tracker's settings and metrics on the desk.
 */
#ifndef VIGIL_RENDER_DESK_SETTINGS_H
#define VIGIL_RENDER_DESK_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "render/admin.h"

/* /admin/t/SLUG/settings: the tracker's details, and its metrics with a
 * form to add one. With `mine` (a change refused because someone else
 * changed the settings meanwhile), the form holds mine's values and
 * beside each that differs the one saved now; saving it again keeps
 * mine. */
void render_desk_settings(struct buf *b, const struct desk *d,
                          const struct tracker *t, const struct tracker *mine,
                          const struct metric *m, size_t nm);

#endif
