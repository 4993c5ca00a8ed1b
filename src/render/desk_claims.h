/*
 * desk_claims.h: a tracker's figures on the desk: proposals and published
 * claims.
 */
#ifndef VIGIL_RENDER_DESK_CLAIMS_H
#define VIGIL_RENDER_DESK_CLAIMS_H

#include <stdbool.h>
#include <stddef.h>

#include "render/admin.h"

/* /admin/t/SLUG/claims: the proposal form, proposals (newest first,
 * each to add, retract or correct a figure) and the claims c[0..nc),
 * each standing one with the forms to withdraw it. */
void render_desk_claims(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct metric *m,
                        size_t nm, const struct source *s, size_t ns,
                        const struct proposal *p, size_t np,
                        const struct claim *c, size_t nc);

#endif
