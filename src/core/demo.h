/*
 * demo.h: the demo tracker shipped inside the binary (DESIGN §9).
 *
 * The data is data/demo/iran-nov-2019.json, a bundle (core/bundle.h) built
 * from the sourced data set in the project's samples: the November 2019
 * protests in Iran, six metrics, claims from ten sources, and updates
 * written as short summaries with their links.
 */
#ifndef VIGIL_CORE_DEMO_H
#define VIGIL_CORE_DEMO_H

#include <stddef.h>

#include "core/op.h"

/* The embedded bundle's bytes (NUL-terminated) and length. */
const char *demo_data(size_t *len);

/* Imports the demo tracker; stores its slug in *slug. */
int demo_load(struct op *op, const char **slug, struct vg_err *err);

#endif
