/*
 * bundle_media.h: a tracker's images in its JSON bundle (core/bundle.h).
 *
 * The bundle's "media" (present only when the tracker has some) lists
 * each media record once, in the order first stored:
 *   {"key": HEX, "width": N, "height": N,
 *    "files": [{"sha256": HEX, "format": "webp"|"jpg", "width": N,
 *               "height": N, "bytes": BASE64}, ...],
 *    "revisions": [{"rev": 1, "alt": ..., "caption": ..., "credit": ...,
 *                   "credit_withheld": false, "created_by": ...,
 *                   "created_at": TIME}, ...]}
 * Files are by width, WebP before JPEG, their bytes in standard base64;
 * revisions from 1, as stored. A public bundle lists only the media its
 * updates show (an address "/media/HEX" in a body, a post's still).
 */
#ifndef VIGIL_CORE_BUNDLE_MEDIA_H
#define VIGIL_CORE_BUNDLE_MEDIA_H

#include <jansson.h>
#include <stdbool.h>

#include "core/op.h"

/* The "media" array of tracker_id (a new reference; NULL with err set on
 * a read error). With `shown` (the bundle's "updates" array), only the
 * media those updates show. */
json_t *bundle_media_json(struct store *st, struct arena *a, int64_t tracker_id,
                          json_t *shown, struct vg_err *err);

/* Stores each media of the "media" array arr as tracker_id's, with its
 * files (a file stored already is kept) and its revisions, within op's
 * transaction. Refuses (VG_EINVAL, field "media[i].x") a record whose
 * files' bytes do not hash to their names or are not whole files of
 * their format, whose key is not its widest WebP, or whose words the
 * desk would refuse. */
int bundle_media_import(struct op *op, int64_t tracker_id, json_t *arr,
                        struct vg_err *err);

#endif
