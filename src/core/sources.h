/*
 * sources.h: sources (who said it) and metrics (a tracker's counted
 * things).
 *
 * A source is one record however many trackers draw on it; each tracker
 * lists its own (tracker_sources), and a write that cites a source for a
 * tracker (a claim, a proposal, an event, a victim's record) links it
 * there. A source may go by other names, its aliases, which extraction
 * matches as it matches names (extract/sources.c).
 */
#ifndef VIGIL_CORE_SOURCES_H
#define VIGIL_CORE_SOURCES_H

#include "core/op.h"

struct source_input {
    const char *slug;
    const char *name;
    const char *kind;    /* ngo, intergovernmental, government, ... */
    const char *url;     /* optional */
    const char *note;    /* optional affiliation note */
    const char *grade;   /* optional, A-F */
    const char *tracker; /* optional: link it into this tracker's list */
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
/* Adds a source of kind other called `name` to tracker t's list, inside
 * the op's open transaction, with its audit row: for a write that cites a
 * source new to the record (a figure accepted from an article). Its slug
 * comes from the name ("Georgia's Public Defender": georgias-public-
 * defender, then -2, -3, ... when taken). */
int source_add_named(struct op *op, const struct tracker *t, const char *name,
                     struct source *out, struct vg_err *err);
/* Links source_id into tracker_id's list, as a write that cites it does:
 * in the op's open transaction, with no audit row of its own; nothing
 * when it is listed already. */
int source_use(struct op *op, int64_t tracker_id, int64_t source_id,
               struct vg_err *err);
/* Links source `source_slug` into tracker `tracker_slug`'s list
 * (audited); VG_ECONFLICT when it is there. */
int source_link(struct op *op, const char *tracker_slug,
                const char *source_slug, struct vg_err *err);
/* Adds `alias` to source `source_slug` (audited); VG_EINVAL for a name
 * without words, VG_ECONFLICT when the source has it. */
int source_alias_add(struct op *op, const char *source_slug, const char *alias,
                     struct vg_err *err);

struct ex_source_name;
/* The names and aliases of tracker_id's sources, what extraction may
 * propose (extract/extract.h), in the arena. */
int source_names(struct store *st, struct arena *a, int64_t tracker_id,
                 struct ex_source_name **out, size_t *n, struct vg_err *err);
struct extract_opts;
/* What tracker t brings to an extraction: the names of its sources, its
 * metrics' keys (what tallies map to) and, unless o has one, its
 * country. In the arena. */
int tracker_extract_opts(struct store *st, struct arena *a,
                         const struct tracker *t, struct extract_opts *o,
                         struct vg_err *err);

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
