/*
 * victims.h: the public memorial list of a tracker's victims registry,
 * built from each record's public fields only (core/victims.h): a sealed
 * name reads "Name withheld".
 */
#ifndef VIGIL_RENDER_VICTIMS_H
#define VIGIL_RENDER_VICTIMS_H

#include <jansson.h>
#include <stddef.h>

#include "render/layout.h"

/* records: the public JSON of each record, by number. */
void render_memorial(struct buf *b, const struct site *s,
                     const struct tracker *t, json_t *const *records, size_t n);

#endif
