/*
 * entity_json.h: each record as a JSON object, one fixed key order.
 *
 * Used for the audit log's before/after and for bundles (core/bundle.c), so
 * that both say the same thing the same way. Store ids are left out (they
 * differ between databases); records refer to each other by slug, key and
 * per-tracker number. Password hashes are never included.
 */
#ifndef VIGIL_CORE_ENTITY_JSON_H
#define VIGIL_CORE_ENTITY_JSON_H

#include <jansson.h>

#include "model/model.h"
#include "util/err.h"

/* Each returns a new reference. */
json_t *tracker_json(const struct tracker *t);
json_t *source_json(const struct source *s);
json_t *metric_json(const struct metric *m);
/* A claim with its metric key and source slug (the joined fields), and,
 * only when they apply, "corrects" (the number of the claim it corrects)
 * and "retraction" (at, reason, corrected_by, proposed_by, approved_by):
 * a record without corrections reads as it did before they existed. */
json_t *claim_json(const struct claim *c);
/* A figure proposed for the two-person rule: the claim's keys (the
 * figure; "number" once approved), then "id", "kind", "target",
 * "reason", "state", "proposed_by" and "decided_by". */
json_t *proposal_json(const struct proposal *p);
/* One revision of an update. */
json_t *update_rev_json(const struct update *u);
/* A user's login, roles and state. */
json_t *user_json(const struct user *u);

/* One audit row, with before and after as JSON values. */
json_t *audit_entry_json(const struct audit_entry *e);

/* JSON helpers: a string or null; a date or null; a timestamp or null. */
/* Refuses (VG_EINVAL) a value that is not an object, or an object with a
 * key not in the NULL-terminated list keys: what an import reads. */
int json_known_keys(json_t *o, const char *const *keys, struct vg_err *err);
json_t *json_str_or_null(const char *s);
json_t *json_date_or_null(struct vg_date d);
json_t *json_time_or_null(int64_t t);

#endif
