/* audit.c: audit rows and the transaction that carries them. */
#include "core/audit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/enums.h"

static char *dump(json_t *j)
{
    return j ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
}

const char *audit_entity(struct op *op, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return arena_strdup(op->arena, buf);
}

int audit_record(struct op *op, const char *action, const char *entity,
                 json_t *before, json_t *after, struct vg_err *err)
{
    char *b = dump(before), *a = dump(after);
    struct audit_entry e = {0, op->now, op->actor, action, entity, b, a};
    int rc = store_audit_append(op->st, &e, err);
    free(b);
    free(a);
    json_decref(before);
    json_decref(after);
    return rc;
}

int audit_change(struct op *op, int64_t tracker_id, enum change_kind kind,
                 int64_t number, struct vg_err *err)
{
    struct change c = {0, tracker_id, kind, number, op->now};
    return store_change_append(op->st, &c, err);
}

int audit_transaction(struct op *op,
                      int (*body)(struct op *op, void *ctx, struct vg_err *err),
                      void *ctx, struct vg_err *err)
{
    int rc = store_begin(op->st, err);
    if (rc != 0)
        return rc;
    rc = body(op, ctx, err);
    if (rc == 0)
        rc = store_commit(op->st, err);
    else
        store_rollback(op->st);
    return rc;
}

int op_require(const struct op *op, unsigned roles, const char *what,
               struct vg_err *err)
{
    if (op_holds(op, roles))
        return 0;
    char names[128];
    roles_format(roles, names, sizeof names);
    return vg_err_set(err, VG_EDENIED, NULL, "to %s needs one of the roles: %s",
                      what, names);
}
