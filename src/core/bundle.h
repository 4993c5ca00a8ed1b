/*
 * bundle.h: a whole tracker as one JSON document (export and import).
 *
 * Format (version 1), keys in this order:
 *   {"vigil_bundle": 1,
 *    "tracker": {...}, "metrics": [...], "sources": [...],
 *    "claims": [...],
 *    "updates": [{"number": N, "revisions": [{...}, ...]}, ...],
 *    "events": [...], "media": [...]}
 * "media" (core/bundle_media.h: each image with its files' bytes) is
 * there only when the tracker has images.
 * Records are as in core/entity_json.h. Sources are those the tracker's
 * claims cite. Every revision of every update is kept, with its author and
 * times: drafts and scheduled updates too, for the editors' backup. A
 * public bundle (BUNDLE_PUBLIC, for anything published) holds only what
 * readers can see: published and retracted updates, each with the
 * revisions saved while it was public, numbered again from 1 (an import
 * needs them from 1). Export is deterministic: the same record gives the
 * same bytes, so export -> import into a fresh database -> export
 * reproduces the file.
 */
#ifndef VIGIL_CORE_BUNDLE_H
#define VIGIL_CORE_BUNDLE_H

#include <stddef.h>

#include "core/op.h"
#include "util/buf.h"

enum { BUNDLE_VERSION = 1, BUNDLE_MAX_BYTES = 256 << 20 };

/* What a bundle holds. */
enum bundle_scope {
    BUNDLE_ALL,   /* every update and revision: the editors' backup */
    BUNDLE_PUBLIC /* what readers see: no drafts, no scheduled updates */
};

/* Appends the bundle of tracker `slug` to out. */
int bundle_export(struct store *st, struct arena *a, const char *slug,
                  enum bundle_scope scope, struct buf *out, struct vg_err *err);

/*
 * Imports a bundle as a new tracker, in one transaction with one audit row
 * (action "tracker.import"). Sources already present must match the
 * bundle's. On refusal err names the place: "claims[3].low". Stores the
 * tracker's slug (in the op's arena) in *slug.
 */
int bundle_import(struct op *op, const char *data, size_t len,
                  const char **slug, struct vg_err *err);

#endif
