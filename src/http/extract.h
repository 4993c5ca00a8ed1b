/*
 * extract.h: the extractor over HTTP (DESIGN §7), read the same way by
 * POST /api/v1/extract and by the desk's extraction page
 * (/admin/t/:slug/extract): the body's "text" (at most
 * EXTRACT_HTTP_MAX bytes of UTF-8) and "published" (YYYY-MM-DD, or empty).
 * Refusals name the field: 400 for a missing text, text that is not
 * UTF-8 or a bad date, 413 for a text over the limit.
 */
#ifndef VIGIL_HTTP_EXTRACT_H
#define VIGIL_HTTP_EXTRACT_H

#include <stddef.h>

#include "model/model.h"
#include "extract/extract.h"
#include "http/request.h"

/* Bytes of text one request may have read: a long article is 20-60 KB,
 * and the extractor's CPU time grows with it. */
enum { EXTRACT_HTTP_MAX = 128 * 1024 };

/* Reads "text" (lent until the request ends) and "published" into
 * o->published. Returns 0, or the status recorded (400, 413). */
int extract_req_input(struct req *r, const char **text, size_t *n,
                      struct extract_opts *o);
/* Readies o for an extraction into tracker t: places in its country rank
 * first, and attributions may name its sources (only its own: another
 * tracker's are never proposed). Returns 0, or the status recorded. */
int extract_req_tracker(struct req *r, const struct tracker *t,
                        struct extract_opts *o);
/* Runs the extractor on text[0..n) into *x (the caller frees it with
 * extraction_free). Returns 0, or the status recorded (400, 413, 500)
 * with *x already freed. */
int extract_req_run(struct req *r, const char *text, size_t n,
                    const struct extract_opts *o, struct extraction *x);

#endif
