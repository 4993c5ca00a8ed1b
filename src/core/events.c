/* events.c: validating and recording events. */
#include "core/events.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/entity_json.h"
#include "model/enums.h"
#include "core/figure.h"
#include "core/sources.h"
#include "core/trackers.h"
#include "core/validate.h"
#include "util/i18n.h"
#include "util/jsonw.h"

/* ACLED's event types and sub-types (the record keeps these English
 * names; people read them translated, as _(name)). */
const char *const event_types[][9] = {
    {N_("Battles"), N_("Government regains territory"),
     N_("Non-state actor overtakes territory"), N_("Armed clash"), ""},
    {N_("Protests"), N_("Excessive force against protesters"),
     N_("Protest with intervention"), N_("Peaceful protest"), ""},
    {N_("Riots"), N_("Violent demonstration"), N_("Mob violence"), ""},
    {N_("Explosions/Remote violence"), N_("Chemical weapon"),
     N_("Air/drone strike"), N_("Suicide bomb"),
     N_("Shelling/artillery/missile attack"),
     N_("Remote explosive/landmine/IED"), N_("Grenade"), ""},
    {N_("Violence against civilians"), N_("Sexual violence"), N_("Attack"),
     N_("Abduction/forced disappearance"), ""},
    {N_("Strategic developments"), N_("Agreement"), N_("Arrests"),
     N_("Change to group/activity"), N_("Disrupted weapons use"),
     N_("Headquarters or base established"), N_("Looting/property destruction"),
     N_("Non-violent transfer of territory"), N_("Other")},
    {N_("Internet shutdown"), N_("Internet shutdown"), ""},
    {N_("Statement"), N_("Statement"), ""},
    {NULL},
};

static int check_type(const struct event_input *in, struct event *e,
                      struct vg_err *err)
{
    for (size_t i = 0; event_types[i][0]; i++) {
        if (in->type == NULL || strcmp(in->type, event_types[i][0]) != 0)
            continue;
        for (size_t j = 1; j < 9 && event_types[i][j][0]; j++)
            if (in->sub_type && strcmp(in->sub_type, event_types[i][j]) == 0) {
                e->type = event_types[i][0];
                e->sub_type = event_types[i][j];
                return 0;
            }
        return vg_err_set(err, VG_EINVAL, "sub_type",
                          "is not a sub-type of %s (ACLED's list, e.g. %s)",
                          event_types[i][0], event_types[i][1]);
    }
    return vg_err_set(err, VG_EINVAL, "type",
                      "must be one of ACLED's event types (Protests, Riots, "
                      "Violence against civilians, ...), Internet shutdown "
                      "or Statement");
}

static int parse_precision(const char *field, const char *s, int dflt, int *out,
                           struct vg_err *err)
{
    if (s == NULL) {
        *out = dflt;
        return 0;
    }
    if (strlen(s) != 1 || s[0] < '1' || s[0] > '3')
        return vg_err_set(err, VG_EINVAL, field,
                          "must be 1, 2 or 3 (ACLED's precision codes)");
    *out = s[0] - '0';
    return 0;
}

static int check_dates(struct op *op, const struct event_input *in,
                       struct event *e, struct vg_err *err)
{
    int rc = parse_date("date", in->date, &e->date, err);
    if (rc == 0 && in->end_date && *in->end_date)
        rc = parse_date("end_date", in->end_date, &e->end_date, err);
    if (rc != 0)
        return rc;
    int64_t latest = date_to_days(timestamp_utc_date(op->now)) + 1;
    if (date_to_days(e->date) > latest)
        return vg_err_set(err, VG_EINVAL, "date", "is in the future");
    if (e->end_date.year && date_cmp(e->end_date, e->date) < 0)
        return vg_err_set(err, VG_EINVAL, "end_date", "is before date");
    if (e->end_date.year && date_cmp(e->end_date, e->date) == 0)
        e->end_date = (struct vg_date){0};
    return parse_precision("time_precision", in->time_precision,
                           e->end_date.year ? 2 : 1, &e->time_precision, err);
}

/* Degrees as 1e-5 units; -1 when s is not a number within limit. */
static int parse_degrees(const char *field, const char *s, double limit,
                         int64_t *out, struct vg_err *err)
{
    char *end = NULL;
    struct buf a = BUF_INIT(64); /* digits as an editor may type them */
    bool ok = s && (all_ascii(s) || ascii_digits(s, &a) == 0);
    const char *t = ok && a.len ? buf_cstr(&a) : s;
    double v = ok ? strtod(t, &end) : NAN;
    ok = ok && end != t && *end == '\0' && fabs(v) <= limit;
    buf_release(&a);
    if (!ok)
        return vg_err_set(err, VG_EINVAL, field,
                          "must be decimal degrees between -%g and %g", limit,
                          limit);
    *out = (int64_t)llround(v * 1e5);
    return 0;
}

/* The event's place as the gazetteer has it. A country is named but not
 * placed: an event across a country is no dot in its middle. */
static void locate(struct op *op, const struct place *p, struct event *e)
{
    e->location = arena_strdup(op->arena, p->name);
    e->country = arena_strdup(op->arena, p->country);
    if (strcmp(p->kind, "country") == 0)
        return;
    e->admin1 = *p->region ? arena_strdup(op->arena, p->region) : NULL;
    e->lat_e5 = (int64_t)llround(p->lat * 1e5);
    e->lon_e5 = (int64_t)llround(p->lon * 1e5);
    e->has_coords = true;
}

static int check_place(struct op *op, const struct gazetteer *g,
                       const struct tracker *t, const struct event_input *in,
                       struct event *e, struct vg_err *err)
{
    int rc = check_line("place", in->place, 1, NAME_MAX_CHARS, err);
    if (rc == 0 && in->country)
        rc = check_country("country", in->country, err);
    if (rc == 0)
        rc = parse_precision("geo_precision", in->geo_precision, 1,
                             &e->geo_precision, err);
    if (rc != 0)
        return rc;
    e->location = in->place;
    e->country = in->country;
    if (in->admin1)
        rc = check_line("admin1", in->admin1, 1, NAME_MAX_CHARS, err);
    e->admin1 = in->admin1;
    if (rc == 0 && (in->lat || in->lon)) { /* placed by hand */
        rc = parse_degrees("lat", in->lat, 90, &e->lat_e5, err);
        if (rc == 0)
            rc = parse_degrees("lon", in->lon, 180, &e->lon_e5, err);
        e->has_coords = rc == 0;
    } else if (g) {
        const struct place *p;
        const char *hint = in->country ? in->country : t->country;
        if (gazetteer_find(g, in->place, hint, &p, 1) == 1)
            locate(op, p, e);
    }
    /* ACLED's precision 1 and 2 name a town with coordinates: a place
     * without them is at best a region's (3). */
    if (rc == 0 && !e->has_coords)
        e->geo_precision = 3;
    if (rc == 0 && e->country == NULL)
        rc = vg_err_set(err, VG_EINVAL, "country",
                        "is required for a place the gazetteer does not "
                        "know (\"%.60s\")",
                        in->place);
    return rc;
}

static int check_size(const struct event_input *in, struct event *e,
                      struct vg_err *err)
{
    e->fatalities = -1;
    e->size_high = -1;
    int rc = 0;
    if (in->fatalities)
        rc = parse_count("fatalities", in->fatalities, &e->fatalities, err);
    if (rc != 0 || (!in->size_low && !in->size_words && !in->size_qualifier))
        return rc;
    /* A crowd size reads like a claimed figure (core/claims.c). */
    struct claim c = {0};
    int q = in->size_words ? QUAL_RANGE : QUAL_EXACT;
    if (in->size_qualifier)
        rc = parse_enum("size_qualifier", in->size_qualifier, &qualifier_names,
                        &q, err);
    if (rc == 0 && in->size_words) {
        const struct vague_amount *v = vague_lookup(in->size_words);
        if (v == NULL)
            return vg_err_set(err, VG_EINVAL, "size_words",
                              "\"%.40s\" is not a vague amount; use one of: "
                              "%s",
                              in->size_words, vague_list());
        c.words = v->words, c.low = v->low, c.high = v->high;
        q = QUAL_RANGE;
    } else if (rc == 0) {
        rc = parse_count("size_low", in->size_low, &c.low, err);
        c.high = -1;
        if (rc == 0 && q == QUAL_RANGE)
            rc = parse_count("size_high", in->size_high, &c.high, err);
        if (rc == 0 && c.high >= 0 && c.high < c.low)
            rc = vg_err_set(err, VG_EINVAL, "size_high", "is below size_low");
    }
    e->has_size = rc == 0;
    e->size_qualifier = (enum qualifier)q;
    e->size_low = c.low;
    e->size_high = c.high;
    e->size_words = c.words;
    return rc;
}

static int check_texts(const struct event_input *in, struct event *e,
                       struct vg_err *err)
{
    int rc = 0;
    if (in->actor1)
        rc = check_line("actor1", in->actor1, 1, NAME_MAX_CHARS, err);
    if (rc == 0 && in->actor2)
        rc = check_line("actor2", in->actor2, 1, NAME_MAX_CHARS, err);
    if (rc == 0 && in->url)
        rc = check_url("url", in->url, err);
    if (rc == 0 && in->notes)
        rc = check_text("notes", in->notes, NOTE_MAX, err);
    e->actor1 = in->actor1;
    e->actor2 = in->actor2;
    e->url = in->url;
    e->notes = in->notes;
    return rc;
}

static bool is_locality(const char *country, const struct event *e)
{
    return e->status == EVENT_PUBLISHED && e->geo_precision <= 2 &&
           (country == NULL || strcmp(e->country, country) == 0);
}

size_t event_localities(const char *country, const struct event *e, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_locality(country, &e[i]))
            continue;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = is_locality(country, &e[j]) &&
                   strcmp(e[j].location, e[i].location) == 0 &&
                   strcmp(e[j].country, e[i].country) == 0;
        count += !seen;
    }
    return count;
}

void event_place_id(const struct event *e, char out[17])
{
    uint8_t h[8];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    crypto_generichash_update(&st, (const uint8_t *)e->country,
                              strlen(e->country) + 1);
    crypto_generichash_update(&st, (const uint8_t *)e->location,
                              strlen(e->location));
    crypto_generichash_final(&st, h, sizeof h);
    sodium_bin2hex(out, 17, h, sizeof h);
}

json_t *event_json(const struct event *e)
{
    json_t *size = json_null();
    if (e->has_size)
        size = json_pack("{s:s, s:I, s:o, s:o}", "qualifier",
                         enum_name(&qualifier_names, (int)e->size_qualifier),
                         "low", (json_int_t)e->size_low, "high",
                         e->size_high >= 0 ? json_integer(e->size_high)
                                           : json_null(),
                         "words", json_str_or_null(e->size_words));
    return json_pack(
        "{s:I, s:o, s:o, s:i, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:i, "
        "s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s}",
        "number", (json_int_t)e->number, "date", json_date_or_null(e->date),
        "end_date", json_date_or_null(e->end_date), "time_precision",
        e->time_precision, "type", e->type, "sub_type", e->sub_type, "location",
        e->location, "country", e->country, "admin1",
        json_str_or_null(e->admin1), "latitude",
        e->has_coords ? json_real((double)e->lat_e5 / 1e5) : json_null(),
        "longitude",
        e->has_coords ? json_real((double)e->lon_e5 / 1e5) : json_null(),
        "geo_precision", e->geo_precision, "actor1",
        json_str_or_null(e->actor1), "actor2", json_str_or_null(e->actor2),
        "size", size, "fatalities",
        e->fatalities >= 0 ? json_integer(e->fatalities) : json_null(),
        "source", json_str_or_null(e->source_slug), "url",
        json_str_or_null(e->url), "notes", json_str_or_null(e->notes), "status",
        enum_name(&event_status_names, (int)e->status));
}

/* ==== The revision body ==== */

/* Far above any valid event (its texts are limited in characters; an
 * escape takes at most 6 bytes a byte): a cap, not a rule. */
enum { REV_MAX_BYTES = 1 << 20 };

/* The body's first keys: what happened and where. */
static void rev_what(struct buf *b, const struct event *e)
{
    BUF_LIT(b, "{\"number\":");
    jsonw_int(b, e->number);
    BUF_LIT(b, ",\"date\":");
    jsonw_date(b, e->date);
    BUF_LIT(b, ",\"end_date\":");
    jsonw_date(b, e->end_date);
    BUF_LIT(b, ",\"time_precision\":");
    jsonw_int(b, e->time_precision);
    BUF_LIT(b, ",\"type\":");
    jsonw_str(b, e->type);
    BUF_LIT(b, ",\"sub_type\":");
    jsonw_str(b, e->sub_type);
    BUF_LIT(b, ",\"location\":");
    jsonw_str(b, e->location);
    BUF_LIT(b, ",\"country\":");
    jsonw_str(b, e->country);
    BUF_LIT(b, ",\"admin1\":");
    jsonw_str(b, e->admin1);
    BUF_LIT(b, ",\"latitude\":");
    if (e->has_coords)
        jsonw_e5(b, e->lat_e5);
    else
        BUF_LIT(b, "null");
    BUF_LIT(b, ",\"longitude\":");
    if (e->has_coords)
        jsonw_e5(b, e->lon_e5);
    else
        BUF_LIT(b, "null");
    BUF_LIT(b, ",\"geo_precision\":");
    jsonw_int(b, e->geo_precision);
}

/* The crowd size, as event_json's "size" object. */
static void rev_size(struct buf *b, const struct event *e)
{
    if (!e->has_size) {
        BUF_LIT(b, "null");
        return;
    }
    BUF_LIT(b, "{\"qualifier\":");
    jsonw_str(b, enum_name(&qualifier_names, (int)e->size_qualifier));
    BUF_LIT(b, ",\"low\":");
    jsonw_int(b, e->size_low);
    BUF_LIT(b, ",\"high\":");
    jsonw_int_or_null(b, e->size_high);
    BUF_LIT(b, ",\"words\":");
    jsonw_str(b, e->size_words);
    buf_putc(b, '}');
}

void event_rev_json(const struct event *e, struct buf *b)
{
    rev_what(b, e);
    BUF_LIT(b, ",\"actor1\":");
    jsonw_str(b, e->actor1);
    BUF_LIT(b, ",\"actor2\":");
    jsonw_str(b, e->actor2);
    BUF_LIT(b, ",\"size\":");
    rev_size(b, e);
    BUF_LIT(b, ",\"fatalities\":");
    jsonw_int_or_null(b, e->fatalities);
    BUF_LIT(b, ",\"source\":");
    jsonw_str(b, e->source_slug);
    BUF_LIT(b, ",\"url\":");
    jsonw_str(b, e->url);
    BUF_LIT(b, ",\"notes\":");
    jsonw_str(b, e->notes);
    BUF_LIT(b, ",\"status\":");
    jsonw_str(b, enum_name(&event_status_names, (int)e->status));
    BUF_LIT(b, ",\"recorded_by\":");
    jsonw_str(b, e->recorded_by);
    BUF_LIT(b, ",\"recorded_at\":");
    jsonw_time(b, e->recorded_at);
    buf_putc(b, '}');
}

const char *event_rev_body(const struct event *e, struct arena *a)
{
    struct buf rev = BUF_INIT(REV_MAX_BYTES);
    event_rev_json(e, &rev);
    const char *body = rev.failed ? NULL : arena_strdup(a, buf_cstr(&rev));
    buf_release(&rev);
    return body;
}

/* Stores e's revision e->rev_no with its body; `insert` for a new event,
 * else the update of an existing one. A published event's first revision
 * has no body: the event row, whose recorded fields never change, is its
 * body, and the revision's hash covers it (store.h). */
static int save_rev(struct op *op, struct event *e, bool insert,
                    struct vg_err *err)
{
    if (insert && e->status == EVENT_PUBLISHED)
        return store_event_insert(op->st, e, NULL, err);
    struct buf rev = BUF_INIT(REV_MAX_BYTES);
    event_rev_json(e, &rev);
    int rc;
    if (rev.failed)
        rc = vg_err_set(err, VG_ELIMIT, "notes", "the event is too large");
    else if (insert)
        rc = store_event_insert(op->st, e, buf_cstr(&rev), err);
    else if (e->status == EVENT_PUBLISHED) /* an edit: new fields */
        rc = store_event_edit(op->st, e, buf_cstr(&rev), err);
    else
        rc = store_event_save(op->st, e, buf_cstr(&rev), err);
    buf_release(&rev);
    return rc;
}

struct add_ctx {
    const struct gazetteer *g;
    const char *slug;
    const struct event_input *in;
    int64_t number;
};

int event_check(struct op *op, const struct gazetteer *g,
                const struct tracker *t, const struct event_input *in,
                struct event *e, struct vg_err *err)
{
    e->tracker_id = t->id;
    e->rev_no = 1;
    int rc = check_dates(op, in, e, err);
    if (rc == 0)
        rc = check_type(in, e, err);
    if (rc == 0)
        rc = check_place(op, g, t, in, e, err);
    if (rc == 0)
        rc = check_size(in, e, err);
    if (rc == 0)
        rc = check_texts(in, e, err);
    return rc;
}

int event_insert_checked(struct op *op, const struct gazetteer *g,
                         const struct tracker *t, const struct event_input *in,
                         struct event *e, struct vg_err *err)
{
    struct source s;
    int rc = event_check(op, g, t, in, e, err);
    if (rc == 0 && in->source &&
        (rc = source_find(op, "source", in->source, &s, err)) == 0) {
        e->source_id = s.id;
        e->source_slug = s.slug;
        e->source_name = s.name;
        e->source_kind = (int)s.kind;
        rc = source_use(op, t->id, s.id, err);
    }
    if (rc != 0)
        return rc;
    return save_rev(op, e, true, err);
}

static int add_body(struct op *op, void *p, struct vg_err *err)
{
    struct add_ctx *x = p;
    struct tracker t;
    struct event e = {.status = EVENT_PUBLISHED,
                      .recorded_by = op->actor,
                      .recorded_at = op->now};
    int rc = op_require(op, ROLE_EDITOR, "record an event", err);
    if (rc == 0)
        rc = tracker_find(op, "tracker", x->slug, &t, err);
    if (rc == 0)
        rc = store_event_next_number(op->st, t.id, &e.number, err);
    if (rc == 0)
        rc = event_insert_checked(op, x->g, &t, x->in, &e, err);
    if (rc == 0)
        rc = audit_change(op, t.id, CHANGE_FIGURES, 0, err);
    if (rc != 0)
        return rc;
    x->number = e.number;
    return audit_record(
        op, "event.add",
        audit_entity(op, "tracker/%s/event/%lld", t.slug, (long long)e.number),
        NULL, event_json(&e), err);
}

int event_add(struct op *op, const struct gazetteer *g,
              const char *tracker_slug, const struct event_input *in,
              int64_t *number, struct vg_err *err)
{
    struct add_ctx x = {g, tracker_slug, in, 0};
    int rc = audit_transaction(op, add_body, &x, err);
    if (rc == 0 && number)
        *number = x.number;
    return rc;
}

/* ==== Editing ==== */

/* A number as text in the arena; NULL when `present` is false. */
static const char *num_text(struct arena *a, bool present, int64_t v)
{
    char buf[32];
    if (!present)
        return NULL;
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    return arena_strdup(a, buf);
}

/* Degrees from 1e-5 units, as text in the arena. */
static const char *degrees_text(struct arena *a, int64_t e5)
{
    char buf[40];
    uint64_t m = e5 < 0 ? 0 - (uint64_t)e5 : (uint64_t)e5;
    snprintf(buf, sizeof buf, "%s%llu.%05llu", e5 < 0 ? "-" : "",
             (unsigned long long)(m / 100000),
             (unsigned long long)(m % 100000));
    return arena_strdup(a, buf);
}

static const char *date_text(struct arena *a, struct vg_date d)
{
    char buf[DATE_LEN + 1];
    if (d.year == 0)
        return NULL;
    date_format(d, buf);
    return arena_strdup(a, buf);
}

struct event_input event_input_of(struct arena *a, const struct event *e)
{
    bool sized = e->has_size && !e->size_words;
    return (struct event_input){
        .date = date_text(a, e->date),
        .end_date = date_text(a, e->end_date),
        .time_precision = num_text(a, true, e->time_precision),
        .type = e->type,
        .sub_type = e->sub_type,
        .place = e->location,
        .country = e->country,
        .admin1 = e->admin1,
        .lat = e->has_coords ? degrees_text(a, e->lat_e5) : NULL,
        .lon = e->has_coords ? degrees_text(a, e->lon_e5) : NULL,
        .geo_precision = num_text(a, true, e->geo_precision),
        .actor1 = e->actor1,
        .actor2 = e->actor2,
        .size_qualifier =
            sized ? enum_name(&qualifier_names, (int)e->size_qualifier) : NULL,
        .size_low = num_text(a, sized, e->size_low),
        .size_high = num_text(a, sized && e->size_high >= 0, e->size_high),
        .size_words = e->size_words,
        .fatalities = num_text(a, e->fatalities >= 0, e->fatalities),
        .source = e->source_slug,
        .url = e->url,
        .notes = e->notes,
    };
}

/* *field = given when given ("" clears it). */
static void take(const char **field, const char *given)
{
    if (given)
        *field = *given ? given : NULL;
}

/* The input of an edit: the event's fields, those given replaced. */
static struct event_input edited_input(struct op *op, const struct event *e,
                                       const struct event_input *in)
{
    struct event_input m = event_input_of(op->arena, e);
    if (in->place && !in->lat && !in->lon) /* placed anew */
        m.lat = m.lon = m.admin1 = NULL;
    if (in->end_date && !in->time_precision) /* its default again */
        m.time_precision = NULL;
    if (in->size_qualifier || in->size_low || in->size_high || in->size_words)
        m.size_qualifier = m.size_low = m.size_high = m.size_words = NULL;
    /* Required fields keep "" for the checks to refuse. */
    const char *const *given[] = {&in->date, &in->type, &in->sub_type,
                                  &in->place};
    const char **into[] = {&m.date, &m.type, &m.sub_type, &m.place};
    for (size_t i = 0; i < sizeof into / sizeof *into; i++)
        if (*given[i])
            *into[i] = *given[i];
    take(&m.end_date, in->end_date);
    take(&m.time_precision, in->time_precision);
    take(&m.country, in->country);
    take(&m.admin1, in->admin1);
    take(&m.lat, in->lat);
    take(&m.lon, in->lon);
    take(&m.geo_precision, in->geo_precision);
    take(&m.actor1, in->actor1);
    take(&m.actor2, in->actor2);
    take(&m.size_qualifier, in->size_qualifier);
    take(&m.size_low, in->size_low);
    take(&m.size_high, in->size_high);
    take(&m.size_words, in->size_words);
    take(&m.fatalities, in->fatalities);
    take(&m.source, in->source);
    take(&m.url, in->url);
    take(&m.notes, in->notes);
    return m;
}

struct edit_ctx {
    const struct gazetteer *g;
    const char *slug;
    int64_t number;
    const struct event_input *in;
};

/* Loads event `number` of tracker t, which must not be retracted (`why`
 * says so: "is already retracted"). */
static int find_event(struct op *op, const struct tracker *t, int64_t number,
                      const char *why, struct event *e, struct vg_err *err)
{
    int rc = store_event_get(op->st, op->arena, t->id, number, e, err);
    if (rc == VG_ENOTFOUND)
        return vg_err_set(err, rc, "number", "tracker %s has no event %lld",
                          t->slug, (long long)number);
    if (rc == 0 && e->status == EVENT_RETRACTED)
        return vg_err_set(err, VG_ECONFLICT, "number", "event %lld %s",
                          (long long)number, why);
    return rc;
}

/* Validates the edited event into *ne (the next revision of e). */
static int edited_event(struct op *op, const struct edit_ctx *x,
                        const struct tracker *t, const struct event *e,
                        struct event *ne, struct vg_err *err)
{
    struct event_input m = edited_input(op, e, x->in);
    struct source s;
    *ne = (struct event){.number = e->number,
                         .status = e->status,
                         .recorded_by = op->actor,
                         .recorded_at = op->now};
    int rc = event_check(op, x->g, t, &m, ne, err);
    if (rc == 0 && m.source &&
        (rc = source_find(op, "source", m.source, &s, err)) == 0) {
        ne->source_id = s.id;
        ne->source_slug = s.slug;
        ne->source_name = s.name;
        ne->source_kind = (int)s.kind;
        rc = source_use(op, t->id, s.id, err);
    }
    ne->id = e->id;
    ne->rev_no = e->rev_no + 1;
    return rc;
}

static int edit_body(struct op *op, void *p, struct vg_err *err)
{
    struct edit_ctx *x = p;
    struct tracker t;
    struct event e, ne;
    int rc = op_require(op, ROLE_EDITOR, "edit an event", err);
    if (rc == 0)
        rc = tracker_find(op, "tracker", x->slug, &t, err);
    if (rc == 0)
        rc = find_event(op, &t, x->number, "is retracted; it takes no edits",
                        &e, err);
    if (rc == 0)
        rc = edited_event(op, x, &t, &e, &ne, err);
    if (rc != 0)
        return rc;
    json_t *before = event_json(&e), *after = event_json(&ne);
    if (json_equal(before, after))
        rc = vg_err_set(err, VG_EINVAL, "event", "nothing to change");
    if (rc == 0)
        rc = save_rev(op, &ne, false, err);
    if (rc == 0)
        rc = audit_change(op, t.id, CHANGE_FIGURES, 0, err);
    if (rc != 0) {
        json_decref(before);
        json_decref(after);
        return rc;
    }
    return audit_record(
        op, "event.edit",
        audit_entity(op, "tracker/%s/event/%lld", t.slug, (long long)e.number),
        before, after, err);
}

int event_edit(struct op *op, const struct gazetteer *g,
               const char *tracker_slug, int64_t number,
               const struct event_input *in, struct vg_err *err)
{
    struct edit_ctx x = {g, tracker_slug, number, in};
    return audit_transaction(op, edit_body, &x, err);
}

/* ==== Retracting ==== */

struct retract_ctx {
    const char *slug;
    int64_t number;
};

static int retract_body(struct op *op, void *p, struct vg_err *err)
{
    struct retract_ctx *x = p;
    struct tracker t;
    struct event e;
    int rc = op_require(op, ROLE_EDITOR, "retract an event", err);
    if (rc == 0)
        rc = tracker_find(op, "tracker", x->slug, &t, err);
    if (rc == 0)
        rc = find_event(op, &t, x->number, "is already retracted", &e, err);
    if (rc != 0)
        return rc;
    json_t *before = event_json(&e);
    e.status = EVENT_RETRACTED;
    e.rev_no++;
    e.recorded_by = op->actor;
    e.recorded_at = op->now;
    rc = save_rev(op, &e, false, err);
    if (rc == 0)
        rc = audit_change(op, t.id, CHANGE_FIGURES, 0, err);
    if (rc != 0) {
        json_decref(before);
        return rc;
    }
    return audit_record(
        op, "event.retract",
        audit_entity(op, "tracker/%s/event/%lld", t.slug, (long long)e.number),
        before, event_json(&e), err);
}

int event_retract(struct op *op, const char *tracker_slug, int64_t number,
                  struct vg_err *err)
{
    struct retract_ctx x = {tracker_slug, number};
    return audit_transaction(op, retract_body, &x, err);
}
