/* trackers.c: tracker validation, creation and changes. */
#include "core/trackers.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/day.h"
#include "core/entity_json.h"
#include "core/validate.h"

static const char *empty_to_null(const char *s)
{
    return s && *s ? s : NULL;
}

int tracker_apply(struct tracker *t, const struct tracker_input *in,
                  struct vg_err *err)
{
    int rc = 0, v;
    if (in->slug)
        t->slug = in->slug;
    if (in->title)
        t->title = in->title;
    if (in->summary)
        t->summary = in->summary;
    if (in->timezone)
        t->timezone = in->timezone;
    if (in->languages)
        t->languages = in->languages;
    if (in->country)
        t->country = empty_to_null(in->country);
    if (rc == 0 && in->started_on)
        rc = parse_date("started_on", in->started_on, &t->started_on, err);
    if (rc == 0 && in->ended_on && *in->ended_on)
        rc = parse_date("ended_on", in->ended_on, &t->ended_on, err);
    else if (rc == 0 && in->ended_on)
        t->ended_on = (struct vg_date){0, 0, 0};
    if (rc == 0 && in->status &&
        (rc = parse_enum("status", in->status, &tracker_status_names, &v,
                         err)) == 0)
        t->status = (enum tracker_status)v;
    return rc;
}

int tracker_check(const struct tracker *t, struct vg_err *err)
{
    int rc = check_slug("slug", t->slug, err);
    if (rc == 0)
        rc = check_line("title", t->title, 1, TITLE_MAX, err);
    if (rc == 0)
        rc = check_text("summary", t->summary, SUMMARY_MAX, err);
    if (rc == 0 && !date_valid(t->started_on))
        rc = vg_err_set(err, VG_EINVAL, "started_on", "is required");
    if (rc == 0)
        rc = check_timezone("timezone", t->timezone, err);
    if (rc == 0 && t->country)
        rc = check_country("country", t->country, err);
    if (rc == 0)
        rc = check_lang_list("languages", t->languages, err);
    if (rc == 0 && t->ended_on.year && t->status != TRACKER_ENDED)
        rc = vg_err_set(err, VG_EINVAL, "ended_on",
                        "only an ended tracker has an end date (set "
                        "status to ended)");
    if (rc == 0 && t->status == TRACKER_ENDED && t->ended_on.year == 0)
        rc = vg_err_set(err, VG_EINVAL, "ended_on",
                        "an ended tracker needs an end date");
    if (rc == 0 && t->ended_on.year && date_cmp(t->ended_on, t->started_on) < 0)
        rc = vg_err_set(err, VG_EINVAL, "ended_on", "is before started_on");
    return rc;
}

int tracker_lookup(struct store *st, struct arena *a, const char *field,
                   const char *slug, struct tracker *out, struct vg_err *err)
{
    int rc = store_tracker_get(st, a, slug, out, err);
    if (rc == VG_ENOTFOUND)
        vg_err_set(err, rc, field, "no tracker named \"%.64s\"", slug);
    return rc;
}

int tracker_find(struct op *op, const char *field, const char *slug,
                 struct tracker *out, struct vg_err *err)
{
    return tracker_lookup(op->st, op->arena, field, slug, out, err);
}

struct create_ctx {
    const struct tracker_input *in;
    struct tracker *t;
};

static int create_body(struct op *op, void *p, struct vg_err *err)
{
    struct create_ctx *c = p;
    int rc = store_tracker_insert(op->st, c->t, err);
    if (rc == VG_ECONFLICT) {
        vg_err_clear(err);
        return vg_err_set(err, rc, "slug", "a tracker named \"%s\" exists",
                          c->t->slug);
    }
    if (rc == 0)
        rc = audit_change(op, c->t->id, CHANGE_TRACKER, 0, err);
    if (rc != 0)
        return rc;
    return audit_record(op, "tracker.create",
                        audit_entity(op, "tracker/%s", c->t->slug), NULL,
                        tracker_json(c->t), err);
}

int tracker_create(struct op *op, const struct tracker_input *in,
                   struct tracker *out, struct vg_err *err)
{
    if (in->slug == NULL || *in->slug == '\0')
        return vg_err_set(err, VG_EINVAL, "slug", "is required");
    if (in->started_on == NULL)
        return vg_err_set(err, VG_EINVAL, "started_on", "is required");
    struct tracker t = {.summary = "",
                        .languages = "en",
                        .status = TRACKER_LIVE,
                        .created_at = op->now};
    int rc = tracker_apply(&t, in, err);
    if (rc == 0)
        rc = tracker_check(&t, err);
    if (rc != 0)
        return rc;
    struct create_ctx c = {in, &t};
    rc = audit_transaction(op, create_body, &c, err);
    if (rc == 0 && out)
        *out = t;
    return rc;
}

struct set_ctx {
    const char *slug;
    const struct tracker_input *in;
};

/* Ending without a date ends today; going live again clears the end. */
static int apply_status_rules(struct op *op, struct tracker *t,
                              const struct tracker_input *in,
                              struct vg_err *err)
{
    if (t->status == TRACKER_ENDED && t->ended_on.year == 0) {
        struct day_info d;
        int rc = tracker_day(t, op->now, &d, err);
        if (rc != 0)
            return rc;
        t->ended_on = d.date;
    }
    if (t->status != TRACKER_ENDED && in->status && !in->ended_on)
        t->ended_on = (struct vg_date){0, 0, 0};
    return 0;
}

void tracker_version(const struct tracker *t, char out[TRACKER_VERSION_LEN + 1])
{
    uint8_t hash[TRACKER_VERSION_LEN / 2];
    json_t *j = tracker_json(t);
    char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    if (s == NULL)
        abort(); /* out of memory */
    crypto_generichash(hash, sizeof hash, (const uint8_t *)s, strlen(s), NULL,
                       0);
    free(s);
    sodium_bin2hex(out, TRACKER_VERSION_LEN + 1, hash, sizeof hash);
}

/* Refuses a change that started from other settings than t's. */
static int check_version(const struct tracker *t, const char *version,
                         struct vg_err *err)
{
    char now[TRACKER_VERSION_LEN + 1];
    if (version == NULL)
        return 0;
    tracker_version(t, now);
    if (strcmp(now, version) == 0)
        return 0;
    return vg_err_set(err, VG_ECONFLICT, "version",
                      "someone else changed the settings after you opened "
                      "them; compare, then save again");
}

static int set_body(struct op *op, void *p, struct vg_err *err)
{
    struct set_ctx *c = p;
    struct tracker t;
    int rc = tracker_find(op, "tracker", c->slug, &t, err);
    if (rc == 0)
        rc = check_version(&t, c->in->version, err);
    if (rc != 0)
        return rc;
    json_t *before = tracker_json(&t);
    rc = tracker_apply(&t, c->in, err);
    if (rc == 0)
        rc = apply_status_rules(op, &t, c->in, err);
    if (rc == 0)
        rc = tracker_check(&t, err);
    if (rc == 0)
        rc = store_tracker_save(op->st, &t, err);
    if (rc == 0)
        rc = audit_change(op, t.id, CHANGE_TRACKER, 0, err);
    if (rc != 0) {
        json_decref(before);
        return rc;
    }
    return audit_record(op, "tracker.set",
                        audit_entity(op, "tracker/%s", t.slug), before,
                        tracker_json(&t), err);
}

int tracker_set(struct op *op, const char *slug, const struct tracker_input *in,
                struct vg_err *err)
{
    if (in->slug)
        return vg_err_set(err, VG_EINVAL, "slug",
                          "cannot be changed: it is in every published URL");
    if (!in->title && !in->summary && !in->started_on && !in->ended_on &&
        !in->timezone && !in->status && !in->country && !in->languages)
        return vg_err_set(err, VG_EINVAL, "tracker", "nothing to change");
    struct set_ctx c = {slug, in};
    return audit_transaction(op, set_body, &c, err);
}
