/*
 * account.h: the signed-in person's own account on the desk: the forms
 * that change their display name and their password.
 */
#ifndef VIGIL_RENDER_ACCOUNT_H
#define VIGIL_RENDER_ACCOUNT_H

#include "render/admin.h"
#include "util/buf.h"

/* The display name's form (holding display_name, or empty) and the
 * password form; d->notice carries a refusal to show above them. */
void render_desk_password(struct buf *b, const struct desk *d,
                          const char *display_name, const char *lang);

#endif
