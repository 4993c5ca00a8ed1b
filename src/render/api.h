/*
 * api.h: the documents of the read API (/api/v1, DESIGN §5) as JSON, and
 * the JSON pieces the JSON Feed shares with it.
 *
 * Records are entity_json.h's objects, so that the API, the export bundle
 * and the audit log say the same thing the same way, with two changes for
 * the public: editors' logins ("author" of an update, "recorded_by" of a
 * claim) are removed, since enumerating editors is a known attack on
 * live-blog tools (reference/security.md A7); and links are absolute URLs
 * under the site's base_url. Documents are deterministic: one key order,
 * compact, ending with a newline.
 */
#ifndef VIGIL_RENDER_API_H
#define VIGIL_RENDER_API_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/day.h"
#include "core/view.h"
#include "render/layout.h"
#include "util/buf.h"

enum { API_UPDATES = 50 }; /* updates in one list, newest first */

/* ==== Documents ====
 * Each appends one JSON document to b and returns 0, or VG_EINVAL when a
 * record could not be encoded (text that is not UTF-8); b may then hold
 * nothing of it. Inputs are only read. */

/* {"trackers": [tracker + "day" (Day N) + "url"]}; d[i] is t[i]'s day. */
int render_api_trackers(struct buf *b, const struct site *s,
                        const struct tracker *t, const struct day_info *d,
                        size_t n);
/* {"tracker", "day": {"number", "date", "ended"}, "metrics", "highlights":
 * [{"metric": key, "range": {"low", "high"} or null, "sources": [each
 * source's latest claim]}], "pinned": update or null}. */
int render_api_tracker(struct buf *b, const struct site *s,
                       const struct tracker_view *v);
/* {"updates": [...]}, in the order given. */
int render_api_updates(struct buf *b, const struct site *s,
                       const struct tracker *t, const struct update *u,
                       size_t n);
/* {"update": u, "revisions": [...]}: revisions oldest first, each as an
 * update object; those made while the update was a draft or scheduled are
 * left out (readers never saw them). */
int render_api_update(struct buf *b, const struct site *s,
                      const struct tracker *t, const struct update *u,
                      const struct update *revs, size_t nrev);
/* {"claims": [...]}, in the order given. */
int render_api_claims(struct buf *b, const struct claim *c, size_t n);
/* {"sources": [...]}, in the order given. */
int render_api_sources(struct buf *b, const struct source *src, size_t n);

/* ==== Pieces (shared with render/feed.c) ==== */

/* Appends the absolute URL base_url + "/t/SLUG" + rest (rest is a literal
 * path such as "/feed.atom"; the slug is percent-encoded). */
void render_tracker_url(struct buf *b, const struct site *s,
                        const struct tracker *t, const char *rest);
/* Appends the absolute permalink of update `number`: .../t/SLUG/u/N. */
void render_update_url(struct buf *b, const struct site *s,
                       const struct tracker *t, int64_t number);
/* A public update: update_rev_json without "author", plus "corrects" and
 * "corrected_by" (update numbers, or null), "url" and "body_html". A new
 * reference, or NULL when it could not be encoded. */
json_t *render_api_update_json(const struct site *s, const struct tracker *t,
                               const struct update *u);
/* A public claim: claim_json without "recorded_by", with "retraction"
 * ({"at", "reason", "corrected_by"}: no logins) and "corrects" always
 * present (null when none), plus "figure" (its words: "at least 304").
 * A new reference, or NULL. */
json_t *render_api_claim_json(const struct claim *c);
/* Appends j as a JSON document (compact, keys in insertion order, a final
 * newline) and releases j: the call steals the reference. Returns 0, or
 * VG_EINVAL (appending nothing) when j is NULL. */
int render_json_doc(struct buf *b, json_t *j);

#endif
