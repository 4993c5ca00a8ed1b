/* sources.c: adding sources and metrics. */
#include "core/sources.h"

#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/entity_json.h"
#include "core/trackers.h"
#include "core/validate.h"

/* ==== Sources ==== */

int source_from_input(const struct source_input *in, struct source *out,
                      struct vg_err *err)
{
    struct source s = {0};
    int kind = SOURCE_OTHER;
    int rc = check_slug("slug", in->slug, err);
    if (rc == 0)
        rc = check_line("name", in->name, 1, NAME_MAX_CHARS, err);
    if (rc == 0 && in->kind)
        rc = parse_enum("kind", in->kind, &source_kind_names, &kind, err);
    if (rc == 0 && in->url)
        rc = check_url("url", in->url, err);
    if (rc == 0 && in->note)
        rc = check_line("note", in->note, 1, NOTE_MAX, err);
    if (rc == 0 && in->grade &&
        (strlen(in->grade) != 1 || in->grade[0] < 'A' || in->grade[0] > 'F'))
        rc = vg_err_set(err, VG_EINVAL, "grade",
                        "must be one letter from A (reliable) to F");
    if (rc != 0)
        return rc;
    s.slug = in->slug;
    s.name = in->name;
    s.kind = (enum source_kind)kind;
    s.url = in->url;
    s.note = in->note;
    s.grade = in->grade;
    *out = s;
    return 0;
}

int source_find(struct op *op, const char *field, const char *slug,
                struct source *out, struct vg_err *err)
{
    int rc = store_source_get(op->st, op->arena, slug, out, err);
    if (rc == VG_ENOTFOUND)
        vg_err_set(err, rc, field,
                   "no source named \"%.64s\" (see 'vigil source list')", slug);
    return rc;
}

static int add_source_body(struct op *op, void *p, struct vg_err *err)
{
    struct source *s = p;
    int rc = store_source_insert(op->st, s, err);
    if (rc == VG_ECONFLICT) {
        vg_err_clear(err);
        return vg_err_set(err, rc, "slug", "a source named \"%s\" exists",
                          s->slug);
    }
    if (rc != 0)
        return rc;
    return audit_record(op, "source.add",
                        audit_entity(op, "source/%s", s->slug), NULL,
                        source_json(s), err);
}

int source_add(struct op *op, const struct source_input *in, struct vg_err *err)
{
    struct source s;
    int rc = source_from_input(in, &s, err);
    if (rc != 0)
        return rc;
    s.created_at = op->now;
    return audit_transaction(op, add_source_body, &s, err);
}

/* ==== Metrics ==== */

int metric_from_input(const struct metric_input *in, int64_t next_position,
                      struct metric *out, struct vg_err *err)
{
    struct metric m = {0};
    int rc = check_key("key", in->key, SLUG_MAX, err);
    if (rc == 0)
        rc = check_line("label", in->label, 1, LABEL_MAX, err);
    m.position = next_position;
    if (rc == 0 && in->position)
        rc = parse_count("position", in->position, &m.position, err);
    if (rc != 0)
        return rc;
    m.key = in->key;
    m.label = in->label;
    *out = m;
    return 0;
}

int metric_find(struct op *op, const char *field, int64_t tracker_id,
                const char *key, struct metric *out, struct vg_err *err)
{
    int rc = store_metric_get(op->st, op->arena, tracker_id, key, out, err);
    if (rc == VG_ENOTFOUND)
        vg_err_set(err, rc, field,
                   "this tracker counts no metric \"%.64s\" (see 'vigil "
                   "metric list')",
                   key);
    return rc;
}

struct metric_ctx {
    const char *slug;
    const struct metric_input *in;
};

static int add_metric_body(struct op *op, void *p, struct vg_err *err)
{
    struct metric_ctx *c = p;
    struct tracker t;
    struct metric *all, m;
    size_t n;
    int rc = tracker_find(op, "tracker", c->slug, &t, err);
    if (rc == 0)
        rc = store_metric_list(op->st, op->arena, t.id, &all, &n, err);
    if (rc == 0)
        rc = metric_from_input(c->in, n ? all[n - 1].position + 1 : 1, &m, err);
    if (rc != 0)
        return rc;
    m.tracker_id = t.id;
    rc = store_metric_insert(op->st, &m, err);
    if (rc == VG_ECONFLICT) {
        vg_err_clear(err);
        return vg_err_set(err, rc, "key", "tracker %s already counts \"%s\"",
                          t.slug, m.key);
    }
    if (rc == 0)
        rc = audit_change(op, t.id, CHANGE_FIGURES, 0, err);
    if (rc != 0)
        return rc;
    return audit_record(op, "metric.add",
                        audit_entity(op, "tracker/%s/metric/%s", t.slug, m.key),
                        NULL, metric_json(&m), err);
}

int metric_add(struct op *op, const char *tracker_slug,
               const struct metric_input *in, struct vg_err *err)
{
    struct metric m;
    int rc = metric_from_input(in, 1, &m, err); /* refuse before locking */
    if (rc != 0)
        return rc;
    struct metric_ctx c = {tracker_slug, in};
    return audit_transaction(op, add_metric_body, &c, err);
}
