/*
 * account.h: the signed-in person's own account on the desk: the form
 * that changes their password.
 */
#ifndef VIGIL_RENDER_ACCOUNT_H
#define VIGIL_RENDER_ACCOUNT_H

#include "render/admin.h"
#include "util/buf.h"

/* The password form; d->notice carries a refusal to show above it. */
void render_desk_password(struct buf *b, const struct desk *d);

#endif
