/*
 * desk_audit.h: the audit log on the desk.
 */
#ifndef VIGIL_RENDER_DESK_AUDIT_H
#define VIGIL_RENDER_DESK_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "render/admin.h"

/* /admin/audit: the last rows of the audit log, newest first. */
void render_desk_audit(struct buf *b, const struct desk *d,
                       const struct audit_entry *e, size_t n);

#endif
