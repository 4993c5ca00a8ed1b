/*
 * op.h: what every write operation of core needs to know.
 *
 * An operation validates its input, opens one write transaction, changes
 * the record, appends exactly one audit row, and commits; on any refusal
 * or failure it rolls back, so refused input changes nothing.
 */
#ifndef VIGIL_CORE_OP_H
#define VIGIL_CORE_OP_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"

struct op {
    struct store *st;
    struct arena *arena; /* records loaded during the operation */
    const char *actor;   /* a user's login, or "host:NAME" for the CLI */
    int64_t now;         /* UTC seconds: the time the write is stamped */
    unsigned roles;      /* the actor's roles (enum role); ROLE_ALL on the
                            host */
};

/* True when the actor holds any of `roles`. */
static inline bool op_holds(const struct op *op, unsigned roles)
{
    return (op->roles & roles) != 0;
}

/* Refuses (VG_EDENIED) an actor holding none of `roles`; `what` names the
 * action for the message ("retract an update"). */
int op_require(const struct op *op, unsigned roles, const char *what,
               struct vg_err *err);

#endif
