/* entity_json.c: records as JSON objects in a fixed key order. */
#include "core/entity_json.h"

#include <string.h>

#include "model/enums.h"

json_t *json_str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *json_date_or_null(struct vg_date d)
{
    if (d.year == 0)
        return json_null();
    char buf[DATE_LEN + 1];
    date_format(d, buf);
    return json_string(buf);
}

json_t *json_time_or_null(int64_t t)
{
    if (t == 0)
        return json_null();
    char buf[TIMESTAMP_LEN + 1];
    timestamp_format(t, buf);
    return json_string(buf);
}

json_t *tracker_json(const struct tracker *t)
{
    json_t *j = json_pack(
        "{s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:o, s:s, s:o}", "slug", t->slug,
        "title", t->title, "summary", t->summary ? t->summary : "",
        "started_on", json_date_or_null(t->started_on), "ended_on",
        json_date_or_null(t->ended_on), "timezone", t->timezone, "status",
        enum_name(&tracker_status_names, (int)t->status), "country",
        json_str_or_null(t->country), "languages", t->languages, "created_at",
        json_time_or_null(t->created_at));
    /* Only when not the default: a tracker's JSON (and every bundle) made
     * before these existed is unchanged. */
    if (t->bylines)
        json_object_set_new(j, "bylines", json_true());
    if (t->gregorian_beside)
        json_object_set_new(j, "gregorian_beside", json_true());
    if (t->unlisted)
        json_object_set_new(j, "unlisted", json_true());
    if (t->archived_at)
        json_object_set_new(j, "archived_at",
                            json_time_or_null(t->archived_at));
    if (t->frame_origins && *t->frame_origins)
        json_object_set_new(j, "frame_origins", json_string(t->frame_origins));
    return j;
}

json_t *source_json(const struct source *s)
{
    return json_pack(
        "{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "slug", s->slug, "name", s->name,
        "kind", enum_name(&source_kind_names, (int)s->kind), "url",
        json_str_or_null(s->url), "note", json_str_or_null(s->note), "grade",
        json_str_or_null(s->grade), "created_at",
        json_time_or_null(s->created_at));
}

json_t *metric_json(const struct metric *m)
{
    return json_pack("{s:s, s:s, s:I}", "key", m->key, "label", m->label,
                     "position", (json_int_t)m->position);
}

static json_t *retraction_json(const struct retraction *r)
{
    return json_pack(
        "{s:o, s:s, s:o, s:s, s:s}", "at", json_time_or_null(r->at), "reason",
        r->reason, "corrected_by",
        r->corrected_by ? json_integer(r->corrected_by) : json_null(),
        "proposed_by", r->proposed_by ? r->proposed_by : "", "approved_by",
        r->approved_by ? r->approved_by : "");
}

json_t *claim_json(const struct claim *c)
{
    json_t *high = c->high >= 0 ? json_integer(c->high) : json_null();
    json_t *j = json_pack(
        "{s:I, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, "
        "s:s, s:o}",
        "number", (json_int_t)c->number, "metric",
        c->metric_key ? c->metric_key : "", "source",
        c->source_slug ? c->source_slug : "", "qualifier",
        enum_name(&qualifier_names, (int)c->qualifier), "low",
        (json_int_t)c->low, "high", high, "words", json_str_or_null(c->words),
        "as_of", json_date_or_null(c->as_of), "url", json_str_or_null(c->url),
        "quote", json_str_or_null(c->quote), "note", json_str_or_null(c->note),
        "scope", json_str_or_null(c->scope), "status",
        enum_name(&claim_status_names, (int)c->status), "recorded_by",
        c->recorded_by ? c->recorded_by : "", "recorded_at",
        json_time_or_null(c->recorded_at));
    if (c->corrects)
        json_object_set_new(j, "corrects", json_integer(c->corrects));
    if (c->retraction.reason)
        json_object_set_new(j, "retraction", retraction_json(&c->retraction));
    return j;
}

json_t *proposal_json(const struct proposal *p)
{
    json_t *j = claim_json(&p->claim);
    json_object_set_new(j, "id", json_integer(p->id));
    json_object_set_new(
        j, "kind", json_string(enum_name(&proposal_kind_names, (int)p->kind)));
    json_object_set_new(j, "target",
                        p->target ? json_integer(p->target) : json_null());
    json_object_set_new(j, "reason", json_str_or_null(p->reason));
    json_object_set_new(
        j, "state",
        json_string(enum_name(&proposal_state_names, (int)p->state)));
    json_object_set_new(j, "proposed_by", json_string(p->claim.recorded_by));
    json_object_set_new(j, "decided_by", json_str_or_null(p->decided_by));
    json_object_del(j, "status");
    json_object_del(j, "recorded_by");
    if (p->claim_number == 0)
        json_object_del(j, "number");
    return j;
}

json_t *update_rev_json(const struct update *u)
{
    return json_pack(
        "{s:I, s:I, s:s, s:s, s:b, s:b, s:o, s:s, s:s, s:s, s:s, s:o, s:o, "
        "s:o}",
        "number", (json_int_t)u->number, "rev", (json_int_t)u->rev_no, "kind",
        enum_name(&update_kind_names, (int)u->kind), "status",
        enum_name(&update_status_names, (int)u->status), "pinned", u->pinned,
        "key_event", u->key_event, "lang", json_str_or_null(u->lang), "title",
        u->title ? u->title : "", "body", u->body_md ? u->body_md : "",
        "author", u->author ? u->author : "", "reason",
        u->reason ? u->reason : "", "created_at",
        json_time_or_null(u->created_at), "revised_at",
        json_time_or_null(u->revised_at), "published_at",
        json_time_or_null(u->published_at));
}

json_t *user_json(const struct user *u)
{
    char roles[128];
    roles_format(u->roles, roles, sizeof roles);
    json_t *j = json_pack("{s:s, s:s, s:b}", "login", u->login, "roles", roles,
                          "disabled", u->disabled);
    if (u->display_name)
        json_object_set_new(j, "display_name", json_string(u->display_name));
    if (u->lang)
        json_object_set_new(j, "lang", json_string(u->lang));
    return j;
}

/* Parses stored JSON text; null when absent. */
static json_t *stored_json(const char *text)
{
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    return j ? j : json_null();
}

json_t *audit_entry_json(const struct audit_entry *e)
{
    return json_pack("{s:I, s:o, s:s, s:s, s:s, s:o, s:o}", "seq",
                     (json_int_t)e->seq, "at", json_time_or_null(e->at),
                     "actor", e->actor, "action", e->action, "entity",
                     e->entity, "before", stored_json(e->before), "after",
                     stored_json(e->after));
}

int json_known_keys(json_t *o, const char *const *keys, struct vg_err *err)
{
    const char *key;
    json_t *v;
    if (!json_is_object(o))
        return vg_err_set(err, VG_EINVAL, NULL, "must be a JSON object");
    json_object_foreach(o, key, v)
    {
        size_t i = 0;
        while (keys[i] && strcmp(keys[i], key) != 0)
            i++;
        if (keys[i] == NULL)
            return vg_err_set(err, VG_EINVAL, NULL, "unknown field \"%.40s\"",
                              key);
    }
    return 0;
}
