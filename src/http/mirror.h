/*
 * mirror.h: the static export (`vigil export TRACKER --format static DIR`):
 * every public page of a tracker rendered by the site's own handlers, so
 * the files hold the very bytes `vigil serve` sends, written as files any
 * web server can serve (a page at PATH/index.html, with a .gz sibling
 * for text), for mirrors when the site is blocked.
 */
#ifndef VIGIL_HTTP_MIRROR_H
#define VIGIL_HTTP_MIRROR_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

struct gazetteer;

/* Writes tracker slug of database db into dir (made if missing). The
 * pages name base_url as the site's address (feeds, canonical links).
 * Stores the number of files in *files and appends to manifest one line
 * per file in sha256sum's format ("<hex>  <path>"), for SHA256SUMS. */
int mirror_tracker(const char *db, const char *slug, const char *dir,
                   const char *base_url, const struct gazetteer *g,
                   size_t *files, struct buf *manifest, struct vg_err *err);

#endif
