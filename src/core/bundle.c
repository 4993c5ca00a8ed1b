/*
 * bundle.c: export and import of a tracker as JSON.
 *
 * Import validates every record with the same checks as the CLI and API
 * (trackers.c, sources.c, claims.c, updates.c), so a bundle can hold
 * nothing a person could not have entered.
 */
#include "core/embeds.h"
#include "core/bundle.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/bundle_media.h"
#include "core/claims.h"
#include "core/entity_json.h"
#include "core/events.h"
#include "model/enums.h"
#include "core/sources.h"
#include "core/trackers.h"
#include "core/updates.h"
#include "core/validate.h"
#include "util/sha256.h"

/* ==== Export ==== */

static json_t *updates_json(struct store *st, struct arena *a,
                            int64_t tracker_id, enum bundle_scope scope,
                            struct vg_err *err)
{
    struct update *list, *revs;
    size_t n, nrev;
    bool pub = scope == BUNDLE_PUBLIC;
    if (store_update_list(st, a, tracker_id, pub ? UPDATES_PUBLIC : UPDATES_ALL,
                          0, &list, &n, err) != 0 ||
        embeds_fill(st, a, list, n, err) != 0)
        return NULL;
    json_t *arr = json_array();
    for (size_t i = n; i-- > 0;) { /* oldest number first */
        if (store_update_revisions(st, a, list[i].id, &revs, &nrev, err)) {
            json_decref(arr);
            return NULL;
        }
        if (pub)
            nrev = update_public_revisions(revs, nrev);
        json_t *jr = json_array();
        for (size_t r = 0; r < nrev; r++) {
            if (pub)
                revs[r].rev_no = (int64_t)r + 1;
            json_t *rev = update_rev_json(&revs[r]);
            json_object_del(rev, "number");
            json_array_append_new(jr, rev);
        }
        json_t *ju = json_pack("{s:I, s:o}", "number",
                               (json_int_t)list[i].number, "revisions", jr);
        if (list[i].corrects) /* only what exists: older bundles read so */
            json_object_set_new(ju, "corrects", json_integer(list[i].corrects));
        if (list[i].embed)
            json_object_set_new(ju, "embed", embed_json(list[i].embed));
        json_array_append_new(arr, ju);
    }
    return arr;
}

static int cmp_number(const void *pa, const void *pb)
{
    const struct claim *a = pa, *b = pb;
    return (a->number > b->number) - (a->number < b->number);
}

/* A source as the bundle lists it: with its aliases when it has some
 * (as (source slug, alias) orders them). */
static json_t *source_with_aliases(const struct source *s,
                                   const struct source_alias *al, size_t na)
{
    json_t *j = source_json(s), *names = json_array();
    for (size_t i = 0; i < na; i++)
        if (al[i].source_id == s->id)
            json_array_append_new(names, json_string(al[i].alias));
    if (json_array_size(names))
        json_object_set_new(j, "aliases", names);
    else
        json_decref(names);
    return j;
}

static json_t *bundle_json(struct store *st, struct arena *a,
                           const struct tracker *t, enum bundle_scope scope,
                           struct vg_err *err)
{
    struct metric *m;
    struct source *s;
    struct source_alias *al;
    struct claim *c;
    size_t nm, ns, na, nc;
    if (store_metric_list(st, a, t->id, &m, &nm, err) ||
        store_source_list(st, a, t->id, &s, &ns, err) ||
        store_source_alias_list(st, a, t->id, &al, &na, err) ||
        store_claim_list(st, a, t->id, 0, &c, &nc, err))
        return NULL;
    struct event *e;
    size_t ne;
    struct event_filter all = {.with_retracted = true};
    if (store_event_list(st, a, t->id, &all, &e, &ne, err))
        return NULL;
    json_t *updates = updates_json(st, a, t->id, scope, err);
    if (updates == NULL)
        return NULL;
    json_t *je = json_array();
    for (size_t i = 0; i < ne; i++) {
        json_t *j = event_json(&e[i]);
        json_object_set_new(j, "recorded_by", json_string(e[i].recorded_by));
        json_object_set_new(j, "recorded_at",
                            json_time_or_null(e[i].recorded_at));
        json_array_append_new(je, j);
    }
    if (nc) /* none: c may be NULL, which qsort may not take */
        qsort(c, nc, sizeof *c, cmp_number);
    json_t *jm = json_array(), *js = json_array(), *jc = json_array();
    for (size_t i = 0; i < nm; i++)
        json_array_append_new(jm, metric_json(&m[i]));
    for (size_t i = 0; i < ns; i++)
        json_array_append_new(js, source_with_aliases(&s[i], al, na));
    for (size_t i = 0; i < nc; i++)
        json_array_append_new(jc, claim_json(&c[i]));
    json_t *media = bundle_media_json(
        st, a, t->id, scope == BUNDLE_PUBLIC ? updates : NULL, err);
    json_t *j = json_pack("{s:i, s:o, s:o, s:o, s:o, s:o, s:o}", "vigil_bundle",
                          BUNDLE_VERSION, "tracker", tracker_json(t), "metrics",
                          jm, "sources", js, "claims", jc, "updates", updates,
                          "events", je);
    /* Only what exists: a bundle without images reads as before. */
    if (media && json_array_size(media))
        json_object_set(j, "media", media);
    if (media == NULL)
        json_decref(j);
    json_decref(media);
    return media ? j : NULL;
}

int bundle_export(struct store *st, struct arena *a, const char *slug,
                  enum bundle_scope scope, struct buf *out, struct vg_err *err)
{
    struct tracker t;
    int rc = store_read_begin(st, err);
    if (rc != 0)
        return rc;
    rc = tracker_lookup(st, a, "tracker", slug, &t, err);
    json_t *j = rc == 0 ? bundle_json(st, a, &t, scope, err) : NULL;
    store_read_end(st);
    if (j == NULL)
        return rc ? rc : (err && err->code ? err->code : VG_EIO);
    char *text = json_dumps(j, JSON_INDENT(1) | JSON_REAL_PRECISION(10));
    json_decref(j);
    buf_puts(out, text);
    buf_putc(out, '\n');
    free(text);
    return out->failed ? vg_err_set(err, VG_ELIMIT, "tracker",
                                    "the bundle is too large to export")
                       : 0;
}

/* ==== Import: reading fields ==== */

/* Rewrites err->field as "<prefix>.<field>" (or "<prefix>"). */
static int at(struct op *op, struct vg_err *err, int rc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int at(struct op *op, struct vg_err *err, int rc, const char *fmt, ...)
{
    if (rc == 0 || err == NULL)
        return rc;
    char prefix[96], full[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    if (err->field)
        snprintf(full, sizeof full, "%s.%s", prefix, err->field);
    else
        snprintf(full, sizeof full, "%s", prefix);
    err->field = arena_strdup(op->arena, full);
    return rc;
}

static int need_object(json_t *o, const char *what, struct vg_err *err)
{
    return json_is_object(o)
               ? 0
               : vg_err_set(err, VG_EINVAL, what, "must be a JSON object");
}

/* A string field: absent or null reads NULL. */
static int get_str(json_t *o, const char *key, const char **out,
                   struct vg_err *err)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return vg_err_set(err, VG_EINVAL, key, "must be a string");
    *out = json_string_value(v);
    return 0;
}

/* An integer field as decimal text in the arena (absent or null: NULL). */
static int get_num(struct op *op, json_t *o, const char *key, const char **out,
                   struct vg_err *err)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return vg_err_set(err, VG_EINVAL, key,
                          "must be a whole number, not negative");
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
    *out = arena_strdup(op->arena, buf);
    return 0;
}

static int get_int(json_t *o, const char *key, int64_t *out, struct vg_err *err)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < 1)
        return vg_err_set(err, VG_EINVAL, key, "must be a whole number from 1");
    *out = json_integer_value(v);
    return 0;
}

/* A timestamp field; required unless optional is set (then null: 0). */
static int get_time(json_t *o, const char *key, bool optional, int64_t *out,
                    struct vg_err *err)
{
    const char *s;
    int rc = get_str(o, key, &s, err);
    *out = 0;
    if (rc != 0 || (s == NULL && optional))
        return rc;
    if (s == NULL || timestamp_parse(s, strlen(s), out) != 0)
        return vg_err_set(err, VG_EINVAL, key,
                          "must be a UTC time like 2019-12-28T12:00:00Z");
    return 0;
}

static int get_bool(json_t *o, const char *key, bool *out, struct vg_err *err)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_boolean(v))
        return vg_err_set(err, VG_EINVAL, key, "must be true or false");
    *out = json_is_true(v);
    return 0;
}

/* get_bool for a field that is absent when false. */
static int get_flag(json_t *o, const char *key, bool *out, struct vg_err *err)
{
    *out = false;
    return json_object_get(o, key) ? get_bool(o, key, out, err) : 0;
}

/* Reads the first n keys as strings into out[0..n); stops at the first
 * error. */
static int get_strs(json_t *o, const char *const *keys, const char **out[],
                    size_t n, struct vg_err *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = get_str(o, keys[i], out[i], err);
    return rc;
}

/* ==== Import: records ==== */

static int import_tracker(struct op *op, json_t *o, struct tracker *t,
                          struct vg_err *err)
{
    static const char *const keys[] = {
        "slug",      "title",         "summary",          "started_on",
        "ended_on",  "timezone",      "status",           "country",
        "languages", "created_at",    "archived_at",      "bylines",
        "unlisted",  "frame_origins", "gregorian_beside", NULL};
    struct tracker_input in = {0};
    const char **fields[] = {&in.slug,       &in.title,    &in.summary,
                             &in.started_on, &in.ended_on, &in.timezone,
                             &in.status,     &in.country,  &in.languages};
    int rc = need_object(o, NULL, err);
    if (rc == 0)
        rc = json_known_keys(o, keys, err);
    if (rc == 0)
        rc = get_strs(o, keys, fields, sizeof fields / sizeof *fields, err);
    *t =
        (struct tracker){.summary = "", .languages = "en", .frame_origins = ""};
    json_t *origins = json_object_get(o, "frame_origins");
    if (rc == 0 && origins && !json_is_string(origins))
        rc = vg_err_set(err, VG_EINVAL, "frame_origins", "must be a string");
    else if (origins)
        in.frame_origins = json_string_value(origins);
    if (rc == 0)
        rc = get_time(o, "created_at", false, &t->created_at, err);
    if (rc == 0)
        rc = get_time(o, "archived_at", true, &t->archived_at, err);
    if (rc == 0)
        rc = get_flag(o, "bylines", &t->bylines, err);
    if (rc == 0)
        rc = get_flag(o, "gregorian_beside", &t->gregorian_beside, err);
    if (rc == 0)
        rc = get_flag(o, "unlisted", &t->unlisted, err);
    if (rc == 0)
        rc = tracker_apply(t, &in, err);
    if (rc == 0)
        rc = tracker_check(t, err);
    if (rc == 0 &&
        (rc = store_tracker_insert(op->st, t, err)) == VG_ECONFLICT) {
        vg_err_clear(err);
        rc = vg_err_set(err, rc, "slug", "a tracker named \"%s\" exists",
                        t->slug);
    }
    return rc;
}

static bool same_source(const struct source *a, const struct source *b)
{
#define SAME(f)                          \
    ((a->f == NULL) == (b->f == NULL) && \
     (a->f == NULL || strcmp(a->f, b->f) == 0))
    return SAME(name) && SAME(url) && SAME(note) && SAME(grade) &&
           a->kind == b->kind;
#undef SAME
}

/* Gives a source the aliases a bundle lists for it that it lacks. */
static int import_aliases(struct op *op, const struct source *s, json_t *o,
                          struct vg_err *err)
{
    json_t *names = json_object_get(o, "aliases");
    if (names == NULL)
        return 0;
    if (!json_is_array(names))
        return vg_err_set(err, VG_EINVAL, "aliases", "must be an array");
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < json_array_size(names); i++) {
        struct source_alias al = {
            .source_id = s->id,
            .alias = json_string_value(json_array_get(names, i)),
            .created_at = s->created_at};
        if (al.alias == NULL)
            return vg_err_set(err, VG_EINVAL, "aliases", "must be strings");
        rc = check_line("aliases", al.alias, 1, NAME_MAX_CHARS, err);
        if (rc == 0 && (rc = store_source_alias_insert(op->st, &al, err)) ==
                           VG_ECONFLICT) {
            vg_err_clear(err);
            rc = 0; /* the source has it already */
        }
    }
    return rc;
}

/* Imports a source of the tracker's list: a new one, or the one of the
 * same slug here with the same details; either joins t's list. */
static int import_source(struct op *op, const struct tracker *t, json_t *o,
                         struct vg_err *err)
{
    static const char *const keys[] = {"slug",       "name",    "kind",
                                       "url",        "note",    "grade",
                                       "created_at", "aliases", NULL};
    struct source_input in = {0};
    const char **fields[] = {&in.slug, &in.name, &in.kind,
                             &in.url,  &in.note, &in.grade};
    struct source s, old;
    int rc = need_object(o, NULL, err);
    if (rc == 0)
        rc = json_known_keys(o, keys, err);
    if (rc == 0)
        rc = get_strs(o, keys, fields, sizeof fields / sizeof *fields, err);
    if (rc == 0)
        rc = source_from_input(&in, &s, err);
    if (rc == 0)
        rc = get_time(o, "created_at", false, &s.created_at, err);
    if (rc != 0)
        return rc;
    rc = store_source_get(op->st, op->arena, s.slug, &old, err);
    if (rc == VG_ENOTFOUND) {
        vg_err_clear(err);
        rc = store_source_insert(op->st, &s, err);
        old = s;
    } else if (rc == 0 && !same_source(&s, &old)) {
        rc = vg_err_set(err, VG_ECONFLICT, "slug",
                        "source \"%s\" exists here with other details", s.slug);
    }
    if (rc == 0)
        rc = source_use(op, t->id, old.id, err);
    return rc ? rc : import_aliases(op, &old, o, err);
}

static int import_metric(struct op *op, const struct tracker *t, json_t *o,
                         struct vg_err *err)
{
    static const char *const keys[] = {"key", "label", "position", NULL};
    struct metric_input in = {0};
    struct metric m;
    int rc = need_object(o, NULL, err);
    if (rc == 0)
        rc = json_known_keys(o, keys, err);
    if (rc == 0)
        rc = get_str(o, "key", &in.key, err);
    if (rc == 0)
        rc = get_str(o, "label", &in.label, err);
    if (rc == 0)
        rc = get_num(op, o, "position", &in.position, err);
    if (rc == 0)
        rc = metric_from_input(&in, 0, &m, err);
    if (rc != 0)
        return rc;
    m.tracker_id = t->id;
    if ((rc = store_metric_insert(op->st, &m, err)) == VG_ECONFLICT) {
        vg_err_clear(err);
        rc = vg_err_set(err, rc, "key", "metric \"%s\" is listed twice", m.key);
    }
    return rc;
}

static int claim_meta(json_t *o, struct claim *c, struct vg_err *err)
{
    const char *status = NULL, *by = NULL;
    int v;
    int rc = get_int(o, "number", &c->number, err);
    if (rc == 0)
        rc = get_str(o, "status", &status, err);
    if (rc == 0 && (v = enum_parse(&claim_status_names, status)) < 0)
        rc = vg_err_set(err, VG_EINVAL, "status", "is not a claim status");
    if (rc == 0)
        c->status = (enum claim_status)v;
    if (rc == 0)
        rc = get_str(o, "recorded_by", &by, err);
    if (rc == 0 && (by == NULL || *by == '\0'))
        rc = vg_err_set(err, VG_EINVAL, "recorded_by", "is required");
    c->recorded_by = by;
    if (rc == 0)
        rc = get_time(o, "recorded_at", false, &c->recorded_at, err);
    return rc;
}

static int import_claim(struct op *op, const struct tracker *t, json_t *o,
                        struct vg_err *err)
{
    static const char *const keys[] = {
        "metric",   "source",     "qualifier", "words",       "as_of",
        "url",      "quote",      "note",      "scope",       "number",
        "low",      "high",       "status",    "recorded_by", "recorded_at",
        "corrects", "retraction", NULL};
    struct claim_input in = {0};
    const char **fields[] = {&in.metric, &in.source, &in.qualifier,
                             &in.words,  &in.as_of,  &in.url,
                             &in.quote,  &in.note,   &in.scope};
    struct claim c = {0};
    int rc = need_object(o, NULL, err);
    if (rc == 0)
        rc = json_known_keys(o, keys, err);
    if (rc == 0)
        rc = get_strs(o, keys, fields, sizeof fields / sizeof *fields, err);
    if (rc == 0)
        rc = get_num(op, o, "low", &in.low, err);
    if (rc == 0)
        rc = get_num(op, o, "high", &in.high, err);
    /* Words fix low and high; the bundle repeats them for readers. */
    if (rc == 0 && in.words)
        in.low = in.high = NULL;
    if (rc == 0)
        rc = claim_meta(o, &c, err);
    if (rc == 0 &&
        (rc = claim_insert_checked(op, t, &in, &c, err)) == VG_ECONFLICT) {
        vg_err_clear(err);
        rc = vg_err_set(err, rc, "number", "claim %lld is listed twice",
                        (long long)c.number);
    }
    return rc;
}

/* A claim's "retraction": the claim must be stored retracted, and the
 * claim correcting it one of the bundle's. */
static int import_retraction(struct op *op, const struct tracker *t, json_t *o,
                             struct claim *c, struct vg_err *err)
{
    static const char *const keys[] = {
        "at", "reason", "corrected_by", "proposed_by", "approved_by", NULL};
    struct retraction r = {0};
    struct claim fix = {0};
    int rc = need_object(o, "retraction", err);
    if (rc == 0)
        rc = json_known_keys(o, keys, err);
    if (rc == 0)
        rc = get_time(o, "at", false, &r.at, err);
    if (rc == 0 && (rc = get_str(o, "reason", &r.reason, err)) == 0)
        rc = check_line("reason", r.reason, 1, NOTE_MAX, err);
    if (rc == 0 && (rc = get_str(o, "proposed_by", &r.proposed_by, err)) == 0)
        rc = check_line("proposed_by", r.proposed_by, 1, NAME_MAX_CHARS, err);
    if (rc == 0 && (rc = get_str(o, "approved_by", &r.approved_by, err)) == 0)
        rc = check_line("approved_by", r.approved_by, 1, NAME_MAX_CHARS, err);
    json_t *by = json_object_get(o, "corrected_by");
    if (rc == 0 && by && !json_is_null(by) &&
        (rc = get_int(o, "corrected_by", &r.corrected_by, err)) == 0 &&
        store_claim_get(op->st, op->arena, t->id, r.corrected_by, &fix, err) !=
            0)
        rc = vg_err_set(err, VG_EINVAL, "corrected_by",
                        "names no claim of the bundle");
    if (rc == 0 && (c->status != CLAIM_RETRACTED || fix.number == c->number))
        rc =
            vg_err_set(err, VG_EINVAL,
                       c->status != CLAIM_RETRACTED ? "status" : "corrected_by",
                       "does not fit a retraction");
    return rc ? rc : store_claim_retract(op->st, c, fix.id, &r, err);
}

/* Withdrawals, once every claim is in: a correction comes after the claim
 * it corrects. A claim's "corrects" must match. */
static int import_withdrawals(struct op *op, const struct tracker *t, json_t *o,
                              struct vg_err *err)
{
    struct claim c;
    json_t *r = json_object_get(o, "retraction");
    json_t *corrects = json_object_get(o, "corrects");
    int rc = store_claim_get(op->st, op->arena, t->id,
                             json_integer_value(json_object_get(o, "number")),
                             &c, err);
    if (rc == 0 && r)
        rc = import_retraction(op, t, r, &c, err);
    if (rc == 0 && corrects &&
        (rc = store_claim_get(op->st, op->arena, t->id,
                              json_integer_value(corrects), &c, err)) == 0 &&
        c.retraction.corrected_by !=
            json_integer_value(json_object_get(o, "number")))
        rc = vg_err_set(err, VG_EINVAL, "corrects",
                        "the claim named is not corrected by this one");
    if (rc == VG_ENOTFOUND)
        rc = vg_err_set(err, VG_EINVAL, "corrects", "names no claim");
    return rc;
}

static int revision_meta(json_t *o, struct update *u, struct vg_err *err)
{
    const char *kind, *status;
    int k, s;
    int rc = get_str(o, "kind", &kind, err);
    if (rc == 0 && (k = enum_parse(&update_kind_names, kind)) < 0)
        rc = vg_err_set(err, VG_EINVAL, "kind", "is not an update kind");
    if (rc == 0)
        rc = get_str(o, "status", &status, err);
    if (rc == 0 && (s = enum_parse(&update_status_names, status)) < 0)
        rc = vg_err_set(err, VG_EINVAL, "status", "is not an update status");
    if (rc != 0)
        return rc;
    u->kind = (enum update_kind)k;
    u->status = (enum update_status)s;
    rc = get_bool(o, "pinned", &u->pinned, err);
    if (rc == 0)
        rc = get_bool(o, "key_event", &u->key_event, err);
    if (rc == 0)
        rc = get_time(o, "created_at", false, &u->created_at, err);
    if (rc == 0)
        rc = get_time(o, "revised_at", false, &u->revised_at, err);
    if (rc == 0)
        rc = get_time(o, "published_at", true, &u->published_at, err);
    return rc;
}

static int import_revision(struct op *op, json_t *o, struct update *u,
                           int64_t rev_no, struct vg_err *err)
{
    static const char *const keys[] = {
        "rev",        "kind",       "status",       "pinned", "key_event",
        "lang",       "title",      "body",         "author", "reason",
        "created_at", "revised_at", "published_at", NULL};
    struct update prev = *u; /* the revision before, for update_note_edit */
    int rc = need_object(o, NULL, err);
    if (rc == 0)
        rc = json_known_keys(o, keys, err);
    if (rc == 0 && (rc = get_int(o, "rev", &u->rev_no, err)) == 0 &&
        u->rev_no != rev_no)
        rc = vg_err_set(err, VG_EINVAL, "rev",
                        "must be %lld (revisions "
                        "are listed in order from 1)",
                        (long long)rev_no);
    if (rc == 0)
        rc = revision_meta(o, u, err);
    if (rc == 0)
        rc = get_str(o, "lang", &u->lang, err);
    if (rc == 0)
        rc = get_str(o, "title", &u->title, err);
    if (rc == 0)
        rc = get_str(o, "body", &u->body_md, err);
    if (rc == 0)
        rc = get_str(o, "author", &u->author, err);
    if (rc == 0)
        rc = get_str(o, "reason", &u->reason, err);
    if (rc == 0 && (!u->title || !u->body_md || !u->author || !u->reason))
        rc = vg_err_set(err, VG_EINVAL,
                        !u->title     ? "title"
                        : !u->body_md ? "body"
                        : !u->author  ? "author"
                                      : "reason",
                        "is required");
    if (rc == 0 && rev_no > 1)
        update_note_edit(&prev, u);
    if (rc == 0)
        rc = update_save_checked(op, u, false, err);
    return rc;
}

/* An update's "embed" (as embed_json writes it), shown from its latest
 * revision u on. */
static int import_embed(struct op *op, const struct update *u, json_t *o,
                        struct vg_err *err)
{
    static const char *const keys[] = {"platform",   "url",         "handle",
                                       "post_id",    "author",      "posted_on",
                                       "text",       "captured_at", "still",
                                       "duration_s", "source",      NULL};
    struct embed_input in = {0};
    const char *platform = NULL;
    char duration[24] = "";
    int64_t seconds = 0;
    int rc = need_object(o, "embed", err);
    if (rc == 0)
        rc = json_known_keys(o, keys, err);
    const char *const names[] = {"platform", "url",       "author",
                                 "text",     "posted_on", "captured_at",
                                 "still",    "source"};
    const char **fields[] = {&platform, &in.url,      &in.author, &in.text,
                             &in.date,  &in.captured, &in.still,  &in.source};
    for (size_t i = 0; rc == 0 && i < sizeof names / sizeof names[0]; i++)
        rc = get_str(o, names[i], fields[i], err);
    if (rc == 0 && platform == NULL)
        rc = vg_err_set(err, VG_EINVAL, "platform", "is required");
    if (rc == 0 && json_object_get(o, "duration_s") &&
        (rc = get_int(o, "duration_s", &seconds, err)) == 0)
        snprintf(duration, sizeof duration, "%lld", (long long)seconds);
    in.duration = duration;
    struct embed *e = arena_alloc(op->arena, sizeof *e);
    if (rc == 0)
        rc = embed_prepare(op, &in, e, err);
    if (rc == 0 && strcmp(e->platform, platform) != 0)
        rc = vg_err_set(err, VG_EINVAL, "platform",
                        "is %s, but the link is %s's", platform, e->platform);
    /* A still the bundle does not carry is not refused, as a body's image
     * is not: the page shows the post without it (a bundle may leave
     * its images out). */
    if (rc != 0)
        return rc;
    e->update_id = u->id;
    e->rev_no = u->rev_no;
    return store_embed_append(op->st, e, err);
}

static int import_update(struct op *op, const struct tracker *t, json_t *o,
                         struct vg_err *err)
{
    static const char *const keys[] = {"number", "revisions", "corrects",
                                       "embed", NULL};
    struct update u = {.tracker_id = t->id};
    int rc = need_object(o, NULL, err);
    if (rc == 0)
        rc = json_known_keys(o, keys, err);
    if (rc == 0)
        rc = get_int(o, "number", &u.number, err);
    json_t *revs = json_object_get(o, "revisions");
    if (rc == 0 && (!json_is_array(revs) || json_array_size(revs) == 0))
        rc = vg_err_set(err, VG_EINVAL, "revisions",
                        "must be a non-empty array");
    for (size_t i = 0; rc == 0 && i < json_array_size(revs); i++)
        rc = at(op, err,
                import_revision(op, json_array_get(revs, i), &u, (int64_t)i + 1,
                                err),
                "revisions[%zu]", i);
    if (rc == 0 && json_object_get(o, "embed"))
        rc = at(op, err, import_embed(op, &u, json_object_get(o, "embed"), err),
                "embed");
    if (rc == VG_ECONFLICT) {
        vg_err_clear(err);
        rc = vg_err_set(err, rc, "number", "update %lld is listed twice",
                        (long long)u.number);
    }
    return rc;
}

/* An update's "corrects", once every update is in: the update named is
 * one of the bundle's public ones. */
static int import_link(struct op *op, const struct tracker *t, json_t *o,
                       struct vg_err *err)
{
    json_t *corrects = json_object_get(o, "corrects");
    struct update u, target;
    if (corrects == NULL)
        return 0;
    int64_t number = 0;
    int rc = get_int(o, "corrects", &number, err);
    if (rc == 0)
        rc = store_update_get(op->st, op->arena, t->id,
                              json_integer_value(json_object_get(o, "number")),
                              &u, err);
    if (rc == 0 && (rc = store_update_get(op->st, op->arena, t->id, number,
                                          &target, err)) == VG_ENOTFOUND)
        rc = vg_err_set(err, VG_EINVAL, "corrects", "names no update");
    if (rc == 0 && (u.kind != UPDATE_CORRECTION || u.number == number ||
                    (target.status != UPDATE_PUBLISHED &&
                     target.status != UPDATE_RETRACTED)))
        rc = vg_err_set(err, VG_EINVAL, "corrects",
                        "only a correction names a public update");
    if (rc == 0)
        rc = store_update_corrects(op->st, u.id, target.id, op->actor, op->now,
                                   err);
    return rc;
}

/* ==== Import: the whole bundle ==== */

struct import_ctx {
    json_t *root;
    const char *data;
    size_t len;
    struct tracker t;
};

/* A number field (integer or decimal) as text in the arena; NULL when
 * absent or null. */
static int get_decimal(struct op *op, json_t *o, const char *key,
                       const char **out, struct vg_err *err)
{
    json_t *v = json_object_get(o, key);
    char buf[40];
    *out = NULL;
    if (v == NULL || json_is_null(v))
        return 0;
    if (json_is_integer(v))
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(buf, sizeof buf, "%.5f", json_real_value(v));
    else
        return vg_err_set(err, VG_EINVAL, key, "must be a number");
    *out = arena_strdup(op->arena, buf);
    return 0;
}

static int import_event(struct op *op, const struct tracker *t, json_t *o,
                        struct vg_err *err)
{
    static const char *const keys[] = {
        "date",        "end_date",      "type",   "sub_type",       "location",
        "country",     "admin1",        "actor1", "actor2",         "source",
        "url",         "notes",         "number", "time_precision", "latitude",
        "longitude",   "geo_precision", "size",   "fatalities",     "status",
        "recorded_by", "recorded_at",   NULL};
    struct event_input in = {0};
    const char **fields[] = {&in.date,   &in.end_date, &in.type,   &in.sub_type,
                             &in.place,  &in.country,  &in.admin1, &in.actor1,
                             &in.actor2, &in.source,   &in.url,    &in.notes};
    struct event e = {0};
    const char *status;
    int v;
    int rc = need_object(o, NULL, err);
    if (rc == 0)
        rc = json_known_keys(o, keys, err);
    if (rc == 0)
        rc = get_strs(o, keys, fields, sizeof fields / sizeof *fields, err);
    if (rc == 0)
        rc = get_decimal(op, o, "time_precision", &in.time_precision, err);
    if (rc == 0)
        rc = get_decimal(op, o, "latitude", &in.lat, err);
    if (rc == 0)
        rc = get_decimal(op, o, "longitude", &in.lon, err);
    if (rc == 0)
        rc = get_decimal(op, o, "geo_precision", &in.geo_precision, err);
    if (rc == 0)
        rc = get_num(op, o, "fatalities", &in.fatalities, err);
    json_t *size = json_object_get(o, "size");
    if (rc == 0 && size && !json_is_null(size)) {
        rc = need_object(size, "size", err);
        if (rc == 0)
            rc = get_str(size, "words", &in.size_words, err);
        if (rc == 0 && in.size_words == NULL)
            rc = get_str(size, "qualifier", &in.size_qualifier, err);
        if (rc == 0 && in.size_words == NULL)
            rc = get_num(op, size, "low", &in.size_low, err);
        if (rc == 0 && in.size_words == NULL)
            rc = get_num(op, size, "high", &in.size_high, err);
    }
    if (rc == 0)
        rc = get_int(o, "number", &e.number, err);
    if (rc == 0)
        rc = get_str(o, "status", &status, err);
    if (rc == 0 && (v = enum_parse(&event_status_names, status)) < 0)
        rc = vg_err_set(err, VG_EINVAL, "status", "is not an event status");
    if (rc == 0)
        e.status = (enum event_status)v;
    if (rc == 0)
        rc = get_str(o, "recorded_by", &e.recorded_by, err);
    if (rc == 0 && (e.recorded_by == NULL || *e.recorded_by == '\0'))
        rc = vg_err_set(err, VG_EINVAL, "recorded_by", "is required");
    if (rc == 0)
        rc = get_time(o, "recorded_at", false, &e.recorded_at, err);
    /* Placed as exported: by the bundle's coordinates, no gazetteer. */
    if (rc == 0 && (rc = event_insert_checked(op, NULL, t, &in, &e, err)) ==
                       VG_ECONFLICT) {
        vg_err_clear(err);
        rc = vg_err_set(err, rc, "number", "event %lld is listed twice",
                        (long long)e.number);
    }
    return rc;
}

/* Imports each element of array `key` with fn, naming "key[i]" in errors. */
static int import_list(struct op *op, struct import_ctx *c, const char *key,
                       int (*fn)(struct op *, const struct tracker *, json_t *,
                                 struct vg_err *),
                       struct vg_err *err)
{
    json_t *arr = json_object_get(c->root, key);
    if (!json_is_array(arr))
        return vg_err_set(err, VG_EINVAL, key, "must be an array");
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < json_array_size(arr); i++)
        rc = at(op, err, fn(op, &c->t, json_array_get(arr, i), err), "%s[%zu]",
                key, i);
    return rc;
}

static json_t *import_summary(struct import_ctx *c)
{
    unsigned char sum[SHA256_LEN];
    char hex[2 * sizeof sum + 1];
    sha256(c->data, c->len, sum);
    sodium_bin2hex(hex, sizeof hex, sum, sizeof sum);
    return json_pack(
        "{s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "tracker", c->t.slug, "sha256",
        hex, "media",
        (json_int_t)json_array_size(json_object_get(c->root, "media")),
        "metrics",
        (json_int_t)json_array_size(json_object_get(c->root, "metrics")),
        "sources",
        (json_int_t)json_array_size(json_object_get(c->root, "sources")),
        "claims",
        (json_int_t)json_array_size(json_object_get(c->root, "claims")),
        "updates",
        (json_int_t)json_array_size(json_object_get(c->root, "updates")));
}

static int import_body(struct op *op, void *p, struct vg_err *err)
{
    static const char *const keys[] = {"vigil_bundle", "tracker", "metrics",
                                       "sources",      "claims",  "updates",
                                       "events",       "media",   NULL};
    struct import_ctx *c = p;
    json_t *version = json_object_get(c->root, "vigil_bundle");
    int rc = json_known_keys(c->root, keys, err);
    if (rc == 0 && (!json_is_integer(version) ||
                    json_integer_value(version) != BUNDLE_VERSION))
        rc = vg_err_set(err, VG_EINVAL, "vigil_bundle",
                        "must be %d (this is not a Vigil bundle, or a newer "
                        "one)",
                        BUNDLE_VERSION);
    if (rc == 0)
        rc = at(
            op, err,
            import_tracker(op, json_object_get(c->root, "tracker"), &c->t, err),
            "tracker");
    if (rc == 0)
        rc = import_list(op, c, "metrics", import_metric, err);
    if (rc == 0)
        rc = import_list(op, c, "sources", import_source, err);
    if (rc == 0)
        rc = import_list(op, c, "claims", import_claim, err);
    if (rc == 0)
        rc = import_list(op, c, "claims", import_withdrawals, err);
    /* Images before the updates, whose bodies then show them. */
    if (rc == 0 && json_object_get(c->root, "media"))
        rc = bundle_media_import(op, c->t.id, json_object_get(c->root, "media"),
                                 err);
    if (rc == 0)
        rc = import_list(op, c, "updates", import_update, err);
    if (rc == 0)
        rc = import_list(op, c, "updates", import_link, err);
    /* Events came with issue 6: bundles made before have none. */
    if (rc == 0 && json_object_get(c->root, "events"))
        rc = import_list(op, c, "events", import_event, err);
    if (rc == 0)
        rc = audit_change(op, c->t.id, CHANGE_TRACKER, 0, err);
    if (rc != 0)
        return rc;
    return audit_record(op, "tracker.import",
                        audit_entity(op, "tracker/%s", c->t.slug), NULL,
                        import_summary(c), err);
}

int bundle_import(struct op *op, const char *data, size_t len,
                  const char **slug, struct vg_err *err)
{
    if (len > BUNDLE_MAX_BYTES)
        return vg_err_set(err, VG_ELIMIT, "bundle",
                          "is %zu bytes; at most %d are accepted", len,
                          BUNDLE_MAX_BYTES);
    json_error_t jerr;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL)
        return vg_err_set(err, VG_EINVAL, "bundle",
                          "not valid JSON at line %d, column %d: %s", jerr.line,
                          jerr.column, jerr.text);
    struct import_ctx c = {root, data, len, {0}};
    int rc = need_object(root, "bundle", err);
    if (rc == 0)
        rc = audit_transaction(op, import_body, &c, err);
    if (rc == 0) /* what a load leaves stale: the planner's statistics */
        store_bulk_load(op->st, false, NULL);
    if (rc == 0 && slug)
        *slug = arena_strdup(op->arena, c.t.slug);
    json_decref(root);
    return rc;
}
