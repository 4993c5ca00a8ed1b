/*
 * audit.h: the one audit row each write leaves (DESIGN §2).
 *
 * The row names who (the op's actor), when (the op's time), what (an
 * action such as "update.edit" and the entity, "iran-nov-2019/update/3"),
 * and the state before and after as compact JSON.
 */
#ifndef VIGIL_CORE_AUDIT_H
#define VIGIL_CORE_AUDIT_H

#include <jansson.h>

#include "core/op.h"

/* Appends the audit row inside the op's open transaction. Takes ownership
 * of before and after (either may be NULL). */
int audit_record(struct op *op, const char *action, const char *entity,
                 json_t *before, json_t *after, struct vg_err *err);

/* Records, in the op's transaction, that readers of tracker_id will see
 * a change (struct change): the live hub sends it to them. */
int audit_change(struct op *op, int64_t tracker_id, enum change_kind kind,
                 int64_t number, struct vg_err *err);

/* Formats an entity name ("tracker/%s/update/%lld") into the op's arena. */
const char *audit_entity(struct op *op, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Runs the write `body` in one transaction with its audit row: begins,
 * calls body(op, ctx, err), commits; rolls back if any step fails. */
int audit_transaction(struct op *op,
                      int (*body)(struct op *op, void *ctx, struct vg_err *err),
                      void *ctx, struct vg_err *err);

#endif
