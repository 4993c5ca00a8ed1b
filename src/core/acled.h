/*
 * acled.h: importing events from ACLED-style CSV (reference/acled-hxl.md):
 * a header row of ACLED's column names, optionally a row of HXL hashtags
 * (skipped), then one event per row. Columns are found by name, so
 * ACLED's own files and Vigil's export.csv both load; unknown columns are
 * ignored. Each row goes through the same checks as `vigil event add`;
 * the whole file is one transaction with one audit row, or nothing.
 */
#ifndef VIGIL_CORE_ACLED_H
#define VIGIL_CORE_ACLED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/op.h"

enum { ACLED_MAX_BYTES = 1 << 30 };

/* Imports the CSV in data into tracker `slug`; stores the number of
 * events in *count. Errors name the row and column ("row 12: fatalities:
 * ..."). */
int acled_import(struct op *op, const char *tracker_slug, const char *data,
                 size_t len, int64_t *count, struct vg_err *err);

/*
 * The ACLED columns the record has no field for, kept in an event's notes
 * by an import: each as a last paragraph "assoc_actor_1: VALUE" of the
 * notes, in this order, and given back to its column by the export.
 */
enum acled_kept { ACLED_ASSOC1, ACLED_ASSOC2, ACLED_TAGS, ACLED_KEPT };
extern const char *const acled_kept_names[ACLED_KEPT];

struct acled_span {
    const char *s; /* NULL: not kept */
    size_t len;
};

/* Splits notes (may be NULL) into its own text, whose length it returns,
 * and the kept columns, which point into notes. */
size_t acled_notes_split(const char *notes, struct acled_span kept[ACLED_KEPT]);

/* ACLED's inter code (1 State forces ... 8 External/Other forces) for an
 * actor named as ACLED names them ("Protesters (Iran)", "Police Forces
 * of Iran (1989-)"), or 0 when the name does not tell. */
int acled_inter(const char *actor);
/* ACLED's interaction code: the two inter codes, lowest first (13), or
 * the one code and 0 for an event without a second actor (60); 0 when
 * an actor's type is unknown. */
int acled_interaction(const char *actor1, const char *actor2);
/* ACLED's source_scale (how close the source is to the event) as far as
 * a source's kind (enum source_kind) tells it: a witness is local, a
 * government national, an intergovernmental body international; NULL
 * for the kinds that may be any. */
const char *acled_source_scale(int kind);

#endif
