/*
 * sources.h: sources (who said it, shared by all trackers) and metrics (a
 * tracker's counted things).
 */
#ifndef VIGIL_CORE_SOURCES_H
#define VIGIL_CORE_SOURCES_H

#include "core/op.h"

struct source_input {
    const char *slug;
    const char *name;
    const char *kind;  /* ngo, intergovernmental, government, ... */
    const char *url;   /* optional */
    const char *note;  /* optional affiliation note */
    const char *grade; /* optional, A-F */
};

struct metric_input {
    const char *key;      /* killed, injured, ... */
    const char *label;    /* "Killed" */
    const char *position; /* optional; default: after the last */
};

/* Adds a source; VG_ECONFLICT when the slug is taken. */
int source_add(struct op *op, const struct source_input *in,
               struct vg_err *err);
/* Parses and validates a source from input (strings lent from in). */
int source_from_input(const struct source_input *in, struct source *out,
                      struct vg_err *err);
/* Loads source `slug`, or fails with VG_ENOTFOUND naming `field`. */
int source_find(struct op *op, const char *field, const char *slug,
                struct source *out, struct vg_err *err);

/* Adds a metric to tracker `slug`. */
int metric_add(struct op *op, const char *tracker_slug,
               const struct metric_input *in, struct vg_err *err);
/* Parses and validates a metric from input; position NULL takes
 * next_position. */
int metric_from_input(const struct metric_input *in, int64_t next_position,
                      struct metric *out, struct vg_err *err);
/* Loads metric `key` of a tracker, or fails with VG_ENOTFOUND. */
int metric_find(struct op *op, const char *field, int64_t tracker_id,
                const char *key, struct metric *out, struct vg_err *err);

#endif
