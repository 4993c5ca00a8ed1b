/*
 * op.h: what every write operation of core needs to know.
 *
 * An operation validates its input, opens one write transaction, changes
 * the record, appends exactly one audit row, and commits; on any refusal
 * or failure it rolls back, so refused input changes nothing.
 */
#ifndef VIGIL_CORE_OP_H
#define VIGIL_CORE_OP_H

#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"

struct op {
    struct store *st;
    struct arena *arena; /* records loaded during the operation */
    const char *actor;   /* a user's login, or "host:NAME" for the CLI */
    int64_t now;         /* UTC seconds: the time the write is stamped */
};

#endif
