/*
 * media_check.h: what `vigil check` verifies of the media store on
 * either backend: each file is named by the SHA-256 of its bytes.
 */
#ifndef VIGIL_STORE_MEDIA_CHECK_H
#define VIGIL_STORE_MEDIA_CHECK_H

#include "store/store.h"

/* Appends one line to report per media file whose bytes do not hash to
 * its name, adding them to *problems; reads every file once, in the open
 * read transaction if any. 0, or VG_EIO when the files cannot be read. */
int media_check_files(struct store *st, struct buf *report, int *problems,
                      struct vg_err *err);

#endif
