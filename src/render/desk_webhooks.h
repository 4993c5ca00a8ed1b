/*
 * desk_webhooks.h: a tracker's webhooks on the desk (admins).
 */
#ifndef VIGIL_RENDER_DESK_WEBHOOKS_H
#define VIGIL_RENDER_DESK_WEBHOOKS_H

#include <stddef.h>

#include "render/admin.h"

/* What a page shows of a webhook just added: its id and its secret,
 * shown this once. */
struct webhook_added {
    int64_t id;
    const char *secret;
};

/* /admin/t/SLUG/webhooks: the tracker's webhooks (URL, kinds, what is
 * pending and delivered), each with a button that removes it, and a form
 * to add one (its URL, a checkbox per kind). With added, the new one's
 * secret on top. */
void render_desk_webhooks(struct buf *b, const struct desk *d,
                          const struct tracker *t, const struct webhook *w,
                          size_t n, const struct webhook_added *added);

#endif
