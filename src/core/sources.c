/* sources.c: adding sources and metrics. */
#include "core/sources.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/entity_json.h"
#include "core/trackers.h"
#include "core/validate.h"
#include "extract/extract.h"
#include "util/fold.h"

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

int source_use(struct op *op, int64_t tracker_id, int64_t source_id,
               struct vg_err *err)
{
    return store_source_link(op->st, tracker_id, source_id, op->now, NULL, err);
}

struct add_source_ctx {
    struct source s;
    const char *tracker; /* or NULL */
};

static int add_source_body(struct op *op, void *p, struct vg_err *err)
{
    struct add_source_ctx *x = p;
    struct source *s = &x->s;
    struct tracker t;
    int rc = x->tracker ? tracker_find(op, "tracker", x->tracker, &t, err) : 0;
    if (rc == 0 && (rc = store_source_insert(op->st, s, err)) == VG_ECONFLICT) {
        vg_err_clear(err);
        return vg_err_set(err, rc, "slug", "a source named \"%s\" exists",
                          s->slug);
    }
    if (rc == 0 && x->tracker)
        rc = source_use(op, t.id, s->id, err);
    if (rc != 0)
        return rc;
    json_t *after = source_json(s);
    if (x->tracker)
        json_object_set_new(after, "tracker", json_string(t.slug));
    return audit_record(op, "source.add",
                        audit_entity(op, "source/%s", s->slug), NULL, after,
                        err);
}

int source_add(struct op *op, const struct source_input *in, struct vg_err *err)
{
    struct add_source_ctx x = {.tracker = in->tracker};
    int rc = source_from_input(in, &x.s, err);
    if (rc != 0)
        return rc;
    x.s.created_at = op->now;
    return audit_transaction(op, add_source_body, &x, err);
}

/* A slug made of name's folded ASCII letters and digits, words joined
 * by '-', at most SLUG_MAX - 3 bytes (room for a "-99"); "source" for a
 * name with none. */
static void slug_of(const char *name, char out[SLUG_MAX + 1])
{
    struct buf words = BUF_INIT(1 << 16);
    size_t used = 0;
    fold_text(&words, name, strlen(name));
    for (const char *p = buf_cstr(&words); *p && used < SLUG_MAX - 3; p++) {
        bool alnum = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
        if (alnum)
            out[used++] = *p;
        else if (*p == ' ' && used > 0 && out[used - 1] != '-')
            out[used++] = '-';
    }
    while (used > 0 && out[used - 1] == '-')
        used--;
    out[used] = '\0';
    if (used == 0)
        snprintf(out, SLUG_MAX + 1, "source");
    buf_release(&words);
}

/* Makes slug unique among sources by a suffix ("-2", "-3", ...). */
static int free_slug(struct op *op, char slug[SLUG_MAX + 1], struct vg_err *err)
{
    char base[SLUG_MAX + 1];
    struct source s;
    snprintf(base, sizeof base, "%s", slug);
    for (int i = 2; i < 100; i++) {
        int rc = store_source_get(op->st, op->arena, slug, &s, err);
        if (rc == VG_ENOTFOUND)
            return 0;
        if (rc != 0)
            return rc;
        int len =
            snprintf(slug, SLUG_MAX + 1, "%.*s-%d", SLUG_MAX - 3, base, i);
        assert(len > 0 && len <= SLUG_MAX); /* base fits with "-99" */
    }
    return vg_err_set(err, VG_ECONFLICT, "new_source",
                      "too many sources are named like \"%s\"", base);
}

int source_add_named(struct op *op, const struct tracker *t, const char *name,
                     struct source *out, struct vg_err *err)
{
    char slug[SLUG_MAX + 1];
    int rc = check_line("new_source", name, 1, NAME_MAX_CHARS, err);
    if (rc != 0)
        return rc;
    slug_of(name, slug);
    rc = free_slug(op, slug, err);
    struct source s = {.slug = arena_strdup(op->arena, slug),
                       .name = name,
                       .kind = SOURCE_OTHER,
                       .created_at = op->now};
    if (rc == 0)
        rc = store_source_insert(op->st, &s, err);
    if (rc == 0)
        rc = source_use(op, t->id, s.id, err);
    if (rc != 0)
        return rc;
    json_t *after = source_json(&s);
    json_object_set_new(after, "tracker", json_string(t->slug));
    *out = s;
    return audit_record(op, "source.add", audit_entity(op, "source/%s", s.slug),
                        NULL, after, err);
}

/* ==== A tracker's list, and aliases ==== */

struct link_ctx {
    const char *tracker, *source;
};

static int link_body(struct op *op, void *p, struct vg_err *err)
{
    struct link_ctx *x = p;
    struct tracker t;
    struct source s;
    int64_t added = 0;
    int rc = tracker_find(op, "tracker", x->tracker, &t, err);
    if (rc == 0)
        rc = source_find(op, "source", x->source, &s, err);
    if (rc == 0)
        rc = store_source_link(op->st, t.id, s.id, op->now, &added, err);
    if (rc == 0 && added == 0)
        rc = vg_err_set(err, VG_ECONFLICT, "source",
                        "tracker %s already lists source \"%s\"", t.slug,
                        s.slug);
    if (rc != 0)
        return rc;
    return audit_record(
        op, "source.link",
        audit_entity(op, "tracker/%s/source/%s", t.slug, s.slug), NULL,
        json_pack("{s:s, s:s}", "tracker", t.slug, "source", s.slug), err);
}

int source_link(struct op *op, const char *tracker_slug,
                const char *source_slug, struct vg_err *err)
{
    struct link_ctx x = {tracker_slug, source_slug};
    int rc = op_require(op, ROLE_EDITOR, "link a source to a tracker", err);
    if (rc == 0 && source_slug == NULL)
        rc = vg_err_set(err, VG_EINVAL, "source", "is required");
    return rc ? rc : audit_transaction(op, link_body, &x, err);
}

/* Refuses an alias that is no name: too long, or without a word to match
 * by. */
static int check_alias(const char *alias, struct vg_err *err)
{
    int rc = check_line("alias", alias, 1, NAME_MAX_CHARS, err);
    if (rc != 0)
        return rc;
    struct buf key = BUF_INIT(1 << 16);
    fold_name_key(&key, alias);
    if (key.len == 0)
        rc = vg_err_set(err, VG_EINVAL, "alias",
                        "has no word to match a name by");
    buf_release(&key);
    return rc;
}

struct alias_ctx {
    const char *source;
    struct source_alias a;
};

static int alias_body(struct op *op, void *p, struct vg_err *err)
{
    struct alias_ctx *x = p;
    struct source s;
    int rc = source_find(op, "source", x->source, &s, err);
    if (rc != 0)
        return rc;
    x->a.source_id = s.id;
    rc = store_source_alias_insert(op->st, &x->a, err);
    if (rc == VG_ECONFLICT) {
        vg_err_clear(err);
        return vg_err_set(err, rc, "alias",
                          "source \"%s\" already goes by \"%s\"", s.slug,
                          x->a.alias);
    }
    if (rc != 0)
        return rc;
    return audit_record(
        op, "source.alias", audit_entity(op, "source/%s", s.slug), NULL,
        json_pack("{s:s, s:s}", "source", s.slug, "alias", x->a.alias), err);
}

int source_alias_add(struct op *op, const char *source_slug, const char *alias,
                     struct vg_err *err)
{
    struct alias_ctx x = {source_slug, {.alias = alias, .created_at = op->now}};
    int rc = op_require(op, ROLE_EDITOR, "name a source's alias", err);
    if (rc == 0 && source_slug == NULL)
        rc = vg_err_set(err, VG_EINVAL, "source", "is required");
    if (rc == 0)
        rc = check_alias(alias, err);
    return rc ? rc : audit_transaction(op, alias_body, &x, err);
}

int source_names(struct store *st, struct arena *a, int64_t tracker_id,
                 struct ex_source_name **out, size_t *n, struct vg_err *err)
{
    struct source *s;
    struct source_alias *al;
    size_t ns, na;
    int rc = store_source_list(st, a, tracker_id, &s, &ns, err);
    if (rc == 0)
        rc = store_source_alias_list(st, a, tracker_id, &al, &na, err);
    if (rc != 0)
        return rc;
    *out = arena_alloc(a, (ns + na + 1) * sizeof **out);
    *n = 0;
    for (size_t i = 0; i < ns; i++)
        (*out)[(*n)++] = (struct ex_source_name){s[i].slug, s[i].name};
    for (size_t i = 0; i < na; i++)
        (*out)[(*n)++] =
            (struct ex_source_name){al[i].source_slug, al[i].alias};
    return 0;
}

int tracker_extract_opts(struct store *st, struct arena *a,
                         const struct tracker *t, struct extract_opts *o,
                         struct vg_err *err)
{
    struct ex_source_name *names;
    struct metric *m;
    size_t nm;
    int rc = source_names(st, a, t->id, &names, &o->nsources, err);
    if (rc == 0)
        rc = store_metric_list(st, a, t->id, &m, &nm, err);
    if (rc != 0)
        return rc;
    const char **keys = arena_alloc(a, (nm + 1) * sizeof *keys);
    for (size_t i = 0; i < nm; i++)
        keys[i] = m[i].key;
    o->sources = names;
    o->metric_keys = keys;
    o->nmetric_keys = nm;
    if (o->country == NULL)
        o->country = t->country;
    return 0;
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
