/*
 * demo.h: the demo tracker shipped inside the binary (DESIGN §9).
 *
 * The data is data/demo/iran-nov-2019.json, a bundle (core/bundle.h) built
 * from the sourced data set in the project's samples: the November 2019
 * protests in Iran, six metrics, claims from ten sources, and updates
 * written as short summaries with their links; and its Persian edition,
 * data/demo/iran-nov-2019-fa.json (language fa: the same figures and
 * sources, seven of the updates written in Persian, at the same
 * instants).
 */
#ifndef VIGIL_CORE_DEMO_H
#define VIGIL_CORE_DEMO_H

#include <stddef.h>

#include "core/op.h"

enum {
    DEMO_TRACKERS = 2, /* the English tracker and its Persian edition */
};

/* The embedded English bundle's bytes (NUL-terminated) and length. */
const char *demo_data(size_t *len);

/* Imports the demo's trackers, the English first, and the English one's
 * memorial; stores their slugs (in the op's arena) in slugs. Each
 * tracker is imported in its own transaction: on failure, those before
 * stay. */
int demo_load(struct op *op, const char *slugs[DEMO_TRACKERS],
              struct vg_err *err);

#endif
