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

/* "on"/"off" (and the forms' and JSON's "1"/"0", "true"/"false"). */
static int parse_switch(const char *field, const char *s, bool *out,
                        struct vg_err *err)
{
    static const char *const on[] = {"on", "1", "true", "yes"};
    static const char *const off[] = {"off", "0", "false", "no", ""};
    for (size_t i = 0; i < sizeof on / sizeof on[0]; i++) {
        if (strcmp(s, on[i]) == 0) {
            *out = true;
            return 0;
        }
    }
    for (size_t i = 0; i < sizeof off / sizeof off[0]; i++) {
        if (strcmp(s, off[i]) == 0) {
            *out = false;
            return 0;
        }
    }
    return vg_err_set(err, VG_EINVAL, field, "must be on or off");
}

/* One origin, "http(s)://host[:port]": a lowercase host of letters,
 * digits, dots and hyphens, a port of 1 to 5 digits, nothing after. */
static bool origin_valid(const char *o, size_t n)
{
    size_t s = n > 8 && strncmp(o, "https://", 8) == 0  ? 8
               : n > 7 && strncmp(o, "http://", 7) == 0 ? 7
                                                        : 0;
    if (s == 0)
        return false;
    size_t host = strspn(o + s, "abcdefghijklmnopqrstuvwxyz0123456789.-");
    if (host == 0 || host > n - s || o[s] == '.' || o[s] == '-')
        return false;
    size_t rest = n - s - host;
    const char *p = o + s + host;
    if (rest == 0)
        return true;
    size_t digits = strspn(p + 1, "0123456789");
    return *p == ':' && digits >= 1 && digits <= 5 && digits == rest - 1;
}

/* The embed page's allowlist: origins separated by single spaces, each
 * as origin_valid has it, at most FRAME_ORIGINS_MAX. They go into a CSP
 * header as they are, so nothing else may. */
static int check_frame_origins(const char *field, const char *list,
                               struct vg_err *err)
{
    size_t count = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, " ");
        if (n == 0 || !origin_valid(p, n))
            return vg_err_set(err, VG_EINVAL, field,
                              "must be origins such as https://news.example "
                              "separated by single spaces (\"%.*s\" is not "
                              "one)",
                              (int)(n < 80 ? n : 80), p);
        if (++count > FRAME_ORIGINS_MAX)
            return vg_err_set(err, VG_ELIMIT, field,
                              "lists more than %d origins", FRAME_ORIGINS_MAX);
        p += n;
        if (*p == ' ' && *++p == '\0')
            return vg_err_set(err, VG_EINVAL, field, "ends with a space");
    }
    return 0;
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
    if (rc == 0 && in->bylines)
        rc = parse_switch("bylines", in->bylines, &t->bylines, err);
    if (rc == 0 && in->gregorian)
        rc =
            parse_switch("gregorian", in->gregorian, &t->gregorian_beside, err);
    if (in->frame_origins)
        t->frame_origins = in->frame_origins;
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
    if (rc == 0 && t->frame_origins)
        rc = check_frame_origins("frame_origins", t->frame_origins, err);
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
    int rc = tracker_lookup(op->st, op->arena, field, slug, out, err);
    if (rc == 0 && out->archived_at)
        return vg_err_set(err, VG_ECONFLICT, field,
                          "tracker %s is archived: it is read-only (an admin "
                          "can unarchive it)",
                          out->slug);
    return rc;
}

/* The creator may open what they made: a user without the editor role
 * everywhere (an admin, say) becomes an editor of this tracker. The
 * host's CLI is no user and gets nothing. */
static int grant_creator(struct op *op, const struct tracker *t, json_t *after,
                         struct vg_err *err)
{
    struct user u;
    int rc = store_user_get(op->st, op->arena, op->actor, &u, err);
    if (rc == VG_ENOTFOUND) {
        vg_err_clear(err);
        return 0;
    }
    if (rc != 0 || (u.roles & ROLE_EDITOR))
        return rc;
    struct grant g = {
        .user_id = u.id, .tracker_id = t->id, .roles = ROLE_EDITOR};
    rc = store_grant_set(op->st, &g, err);
    if (rc == 0)
        json_object_set_new(after, "editor", json_string(u.login));
    return rc;
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
    json_t *after = tracker_json(c->t);
    rc = grant_creator(op, c->t, after, err);
    if (rc != 0) {
        json_decref(after);
        return rc;
    }
    return audit_record(op, "tracker.create",
                        audit_entity(op, "tracker/%s", c->t->slug), NULL, after,
                        err);
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
                        .frame_origins = "",
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
        !in->timezone && !in->status && !in->country && !in->languages &&
        !in->bylines && !in->frame_origins && !in->gregorian)
        return vg_err_set(err, VG_EINVAL, "tracker", "nothing to change");
    struct set_ctx c = {slug, in};
    return audit_transaction(op, set_body, &c, err);
}

/* ==== Archiving and listing ==== */

enum tracker_flag { FLAG_ARCHIVED, FLAG_UNLISTED };

struct flag_ctx {
    const char *slug;
    enum tracker_flag which;
    bool on;
};

/* VG_ECONFLICT while tracker t holds a scheduled update. */
static int none_scheduled(struct op *op, const struct tracker *t,
                          struct vg_err *err)
{
    struct update *u;
    size_t n;
    int rc = store_update_list(op->st, op->arena, t->id, UPDATES_ALL, 0, &u, &n,
                               err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (u[i].status == UPDATE_SCHEDULED)
            rc = vg_err_set(err, VG_ECONFLICT, "tracker",
                            "update %lld is scheduled: publish it or make it "
                            "a draft before archiving",
                            (long long)u[i].number);
    return rc;
}

/* Applies the change to t, refusing one that changes nothing. */
static int set_flag(struct op *op, const struct flag_ctx *c, struct tracker *t,
                    struct vg_err *err)
{
    static const char *const state[][2] = {{"unarchived", "archived"},
                                           {"listed", "unlisted"}};
    bool now = c->which == FLAG_ARCHIVED ? t->archived_at != 0 : t->unlisted;
    if (now == c->on)
        return vg_err_set(err, VG_ECONFLICT, "tracker",
                          "tracker %s is already %s", t->slug,
                          state[c->which][c->on]);
    if (c->which == FLAG_UNLISTED)
        t->unlisted = c->on;
    else if (c->on)
        t->archived_at = op->now;
    else
        t->archived_at = 0;
    return c->which == FLAG_ARCHIVED && c->on ? none_scheduled(op, t, err) : 0;
}

static int flag_body(struct op *op, void *p, struct vg_err *err)
{
    static const char *const actions[][2] = {
        {"tracker.unarchive", "tracker.archive"},
        {"tracker.list", "tracker.unlist"}};
    struct flag_ctx *c = p;
    struct tracker t;
    int rc = tracker_lookup(op->st, op->arena, "tracker", c->slug, &t, err);
    if (rc != 0)
        return rc;
    json_t *before = tracker_json(&t);
    rc = set_flag(op, c, &t, err);
    if (rc == 0)
        rc = store_tracker_save(op->st, &t, err);
    if (rc == 0)
        rc = audit_change(op, t.id, CHANGE_TRACKER, 0, err);
    if (rc != 0) {
        json_decref(before);
        return rc;
    }
    return audit_record(op, actions[c->which][c->on],
                        audit_entity(op, "tracker/%s", t.slug), before,
                        tracker_json(&t), err);
}

int tracker_archive(struct op *op, const char *slug, bool on,
                    struct vg_err *err)
{
    struct flag_ctx c = {slug, FLAG_ARCHIVED, on};
    return audit_transaction(op, flag_body, &c, err);
}

int tracker_unlist(struct op *op, const char *slug, bool on, struct vg_err *err)
{
    struct flag_ctx c = {slug, FLAG_UNLISTED, on};
    return audit_transaction(op, flag_body, &c, err);
}

const struct i18n_lang *tracker_lang(const struct tracker *t)
{
    return t->languages ? i18n_lang_find(t->languages) : NULL;
}

void tracker_style(const struct tracker *t, struct cal_style *out)
{
    i18n_style_of(t->languages ? t->languages : "en", out);
    out->gregorian_beside = t->gregorian_beside;
}
