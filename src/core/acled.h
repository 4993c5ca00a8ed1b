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

#include <stddef.h>
#include <stdint.h>

#include "core/op.h"

enum { ACLED_MAX_BYTES = 1 << 30 };

/* Imports the CSV in data into tracker `slug`; stores the number of
 * events in *count. Errors name the row and column ("row 12: fatalities:
 * ..."). */
int acled_import(struct op *op, const char *tracker_slug, const char *data,
                 size_t len, int64_t *count, struct vg_err *err);

#endif
