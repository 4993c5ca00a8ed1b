/* events.c: the events page, the ACLED CSV and GeoJSON. */
#include "render/events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/acled.h"
#include "model/enums.h"
#include "core/events.h"
#include "core/figure.h"
#include "geo/countries.h"
#include "geo/regions.h"
#include "render/html.h"
#include "util/csv.h"
#include "util/decimal.h"
#include "util/i18n.h"

/* ==== The page ==== */

static void event_size(struct buf *b, const struct event *e)
{
    if (!e->has_size)
        return;
    struct claim c = {.qualifier = e->size_qualifier,
                      .low = e->size_low,
                      .high = e->size_high,
                      .words = e->size_words};
    struct buf phrase = BUF_INIT(128);
    figure_phrase(&c, &phrase);
    html_text(b, buf_cstr(&phrase));
    buf_release(&phrase);
}

static void event_row(struct buf *b, const struct tracker *t,
                      const struct event *e)
{
    char date[DATE_LEN + 1];
    date_format(e->date, date);
    HTML_LIT(b, "<tr");
    if (e->status == EVENT_RETRACTED)
        HTML_LIT(b, " class=\"retracted\"");
    HTML_LIT(b, "><td><time");
    html_attr(b, "datetime", date);
    HTML_LIT(b, ">");
    html_date_long(b, e->date);
    HTML_LIT(b, "</time>");
    if (e->end_date.year) {
        HTML_LIT(b, " – ");
        html_date_long(b, e->end_date);
    }
    HTML_LIT(b, "</td><td>");
    html_text(b, _(e->sub_type));
    char id[17];
    event_place_id(e, id);
    HTML_LIT(b, "</td><td dir=\"auto\"><a");
    layout_href(b, t, "/places/%s", id);
    HTML_LIT(b, ">");
    html_text(b, e->location);
    HTML_LIT(b, "</a>");
    if (e->admin1) {
        HTML_LIT(b, ", ");
        html_text(b, e->admin1);
    }
    HTML_LIT(b, " <abbr class=\"muted\"");
    const struct country *c = country_find(e->country);
    if (c)
        html_attr(b, "title", i18n_country(c->name));
    HTML_LIT(b, " translate=\"no\">");
    html_text(b, e->country);
    HTML_LIT(b, "</abbr></td><td>");
    event_size(b, e);
    HTML_LIT(b, "</td><td>");
    if (e->fatalities >= 0)
        html_number(b, e->fatalities);
    HTML_LIT(b, "</td><td dir=\"auto\">");
    if (e->url) {
        HTML_LIT(b, "<a");
        html_url_attr(b, "href", e->url);
        HTML_LIT(b, " rel=\"nofollow noopener\">");
        html_text(b, e->source_name ? e->source_name : _("report"));
        HTML_LIT(b, "</a>");
    } else {
        html_text(b, e->source_name);
    }
    if (e->notes) {
        HTML_LIT(b, "<br><span class=\"muted\">");
        html_text(b, e->notes);
        HTML_LIT(b, "</span>");
    }
    if (e->status == EVENT_RETRACTED) {
        HTML_LIT(b, " <strong>");
        html_text(b, _("retracted"));
        HTML_LIT(b, "</strong>");
    }
    HTML_LIT(b, "</td></tr>\n");
}

static void event_table(struct buf *b, const struct events_page *p, bool home)
{
    const char *cc = p->tracker->country;
    size_t shown = 0;
    for (size_t i = 0; i < p->n; i++) {
        bool at_home = cc == NULL || strcmp(p->events[i].country, cc) == 0;
        if (at_home != home)
            continue;
        if (shown++ == 0) {
            HTML_LIT(b, "<table class=\"events\"><thead><tr><th>");
            html_text(b, _("Date"));
            HTML_LIT(b, "</th><th>");
            html_text(b, _("What"));
            HTML_LIT(b, "</th><th>");
            html_text(b, _("Where"));
            HTML_LIT(b, "</th><th>");
            html_text(b, _("Size"));
            HTML_LIT(b, "</th><th>");
            html_text(b, _("Killed"));
            HTML_LIT(b, "</th><th>");
            html_text(b, _("Source"));
            HTML_LIT(b, "</th></tr></thead><tbody>\n");
        }
        event_row(b, p->tracker, &p->events[i]);
    }
    if (shown)
        HTML_LIT(b, "</tbody></table>\n");
    else {
        HTML_LIT(b, "<p class=\"muted\">");
        html_text(b, _("None."));
        HTML_LIT(b, "</p>\n");
    }
}

static void filter_form(struct buf *b, const struct events_page *p)
{
    const struct event_filter *f = p->filter;
    char date[DATE_LEN + 1];
    HTML_LIT(b, "<form method=\"get\" class=\"filters\"><label>");
    html_text(b, _("Type"));
    HTML_LIT(b, " <select name=\"type\"><option value=\"\">");
    html_text(b, _("all"));
    HTML_LIT(b, "</option>");
    for (size_t i = 0; event_types[i][0]; i++) {
        HTML_LIT(b, "<option");
        html_attr(b, "value", event_types[i][0]);
        if (f->type && strcmp(f->type, event_types[i][0]) == 0)
            HTML_LIT(b, " selected");
        HTML_LIT(b, ">");
        html_text(b, _(event_types[i][0]));
        HTML_LIT(b, "</option>");
    }
    HTML_LIT(b, "</select></label> <label>");
    html_text(b, _("Place"));
    HTML_LIT(b, " <input name=\"place\"");
    if (f->location)
        html_attr(b, "value", f->location);
    HTML_LIT(b, "></label> <label>");
    html_text(b, _("From"));
    HTML_LIT(b, " <input type=\"date\" name=\"from\"");
    if (f->from.year) {
        date_format(f->from, date);
        html_attr(b, "value", date);
    }
    HTML_LIT(b, "></label> <label>");
    html_text(b, _("To"));
    HTML_LIT(b, " <input type=\"date\" name=\"to\"");
    if (f->to.year) {
        date_format(f->to, date);
        html_attr(b, "value", date);
    }
    HTML_LIT(b, "></label> <button>");
    html_text(b, _("Filter"));
    HTML_LIT(b, "</button></form>\n");
}

static void localities(struct buf *b, const struct events_page *p)
{
    HTML_LIT(b, "<p class=\"localities\">");
    html_text(b, _("Localities with events:"));
    HTML_LIT(b, " <strong>");
    html_number(b, (int64_t)p->localities);
    HTML_LIT(b, "</strong> <span class=\"muted\">");
    html_text(b, _("(counted from the events recorded here)"));
    HTML_LIT(b, "</span>");
    const struct highlight *h = p->claimed;
    for (size_t i = 0; h && i < h->sources; i++) {
        struct buf phrase = BUF_INIT(128);
        figure_phrase(h->latest[i], &phrase);
        if (i)
            HTML_LIT(b, "; ");
        else {
            HTML_LIT(b, " ");
            html_text(b, _("· claimed:"));
            HTML_LIT(b, " ");
        }
        html_text(b, buf_cstr(&phrase));
        HTML_LIT(b, " (<bdi>");
        html_text(b, h->latest[i]->source_name);
        HTML_LIT(b, "</bdi>)");
        buf_release(&phrase);
    }
    HTML_LIT(b, "</p>\n");
}

/* Where the data can be taken, and whose data sets the page draws on
 * (their names are theirs: not translated, marked as such). */
static void data_credits(struct buf *b, const struct tracker *t)
{
    struct buf links = BUF_INIT(HTML_SCRATCH_MAX);
    HTML_LIT(&links, "<a");
    layout_href(&links, t, "%s", "/export.csv");
    HTML_LIT(&links, " translate=\"no\" lang=\"en\">CSV (ACLED, HXL)</a> · <a");
    layout_href(&links, t, "%s", "/export.geojson");
    HTML_LIT(&links, " translate=\"no\" lang=\"en\">GeoJSON</a>");
    HTML_LIT(b, "<p class=\"muted\">");
    html_msg(b, _("Data: %s."),
             &(struct html_frag){buf_cstr(&links), links.len}, 1);
    HTML_LIT(b, " ");
    html_msg(b, _("Places: %1$s; Iran's provinces: %2$s; outlines: %3$s."),
             (struct html_frag[]){
                 HTML_FRAG_LIT("<a href=\"https://www.geonames.org/\" "
                               "lang=\"en\">GeoNames (CC BY 4.0)</a>"),
                 HTML_FRAG_LIT("<a href=\"https://github.com/dr5hn/"
                               "countries-states-cities-database\" "
                               "lang=\"en\">countries-states-cities (ODbL "
                               "1.0)</a>"),
                 HTML_FRAG_LIT("<a href=\"https://www.naturalearthdata.com/\" "
                               "lang=\"en\">Natural Earth</a>")},
             3);
    HTML_LIT(b, "</p>\n");
    buf_release(&links);
}

void render_events_page(struct buf *b, const struct site *s,
                        const struct events_page *p)
{
    const struct tracker *t = p->tracker;
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    i18n_msg(&title, _("Events — %s"), &t->title, 1);
    struct buf canonical = BUF_INIT(HTML_SCRATCH_MAX);
    layout_tracker_path(&canonical, t, "/events");
    /* A place's page is reached by its own path; a filtered list is not
     * a page of its own. */
    struct layout l = {buf_cstr(&title),
                       t->languages,
                       t,
                       NULL,
                       p->place ? NULL : buf_cstr(&canonical),
                       0};
    layout_begin(b, s, &l);
    if (p->place) {
        HTML_LIT(b, "<h1 dir=\"auto\">");
        html_text(b, p->place);
        HTML_LIT(b, "</h1>\n<p><a");
        layout_href(b, t, "%s", "/events");
        HTML_LIT(b, ">");
        html_text(b, _("All events"));
        HTML_LIT(b, "</a></p>\n");
    } else {
        HTML_LIT(b, "<h1>");
        html_text(b, _("Events"));
        HTML_LIT(b, "</h1>\n");
        filter_form(b, p);
        localities(b, p);
    }
    if (p->outline)
        render_map_svg(b, p->outline, p->dots, p->ndots, 640);
    const struct country *home = country_find(t->country);
    HTML_LIT(b, "<h2>");
    if (home) {
        struct buf name = BUF_INIT(HTML_SCRATCH_MAX);
        struct html_frag f = html_frag_bdi(&name, i18n_country(home->name));
        /* TRANSLATORS: the heading over the events in the tracker's own
         * country: "In Iran, Islamic Republic of". */
        html_msg(b, _("In %s"), &f, 1);
        buf_release(&name);
    } else {
        html_text(b, _("Where it happened"));
    }
    HTML_LIT(b, "</h2>\n");
    event_table(b, p, true);
    if (t->country && p->place == NULL) {
        HTML_LIT(b, "<h2>");
        html_text(b, _("Solidarity abroad"));
        HTML_LIT(b, "</h2>\n");
        event_table(b, p, false);
    }
    data_credits(b, t);
    layout_end(b, s, &l);
    buf_release(&canonical);
    buf_release(&title);
}

/* ==== CSV ==== */

static const char *const csv_columns[][2] = {
    {"event_id_cnty", "#event+code"},
    {"event_date", "#date+occurred"},
    {"year", "#date+year"},
    {"time_precision", "#meta+date+precision"},
    {"disorder_type", "#event+type+disorder"},
    {"event_type", "#event+type"},
    {"sub_event_type", "#event+type+sub"},
    {"actor1", "#group+name+first"},
    {"assoc_actor_1", "#group+name+first+assoc"},
    {"inter1", "#group+type+first"},
    {"actor2", "#group+name+second"},
    {"assoc_actor_2", "#group+name+second+assoc"},
    {"inter2", "#group+type+second"},
    {"interaction", ""},
    {"civilian_targeting", ""},
    {"iso", "#country+code+num"},
    {"region", "#region+name"},
    {"country", "#country+name"},
    {"admin1", "#adm1+name"},
    {"admin2", "#adm2+name"},
    {"admin3", "#adm3+name"},
    {"location", "#loc+name"},
    {"latitude", "#geo+lat"},
    {"longitude", "#geo+lon"},
    {"geo_precision", "#geo+precision"},
    {"source", "#meta+source"},
    {"source_scale", "#meta+source+scale"},
    {"notes", "#description"},
    {"fatalities", "#affected+killed"},
    {"tags", "#meta+tags"},
    {"timestamp", "#date+reported"},
};
enum { CSV_COLUMNS = sizeof csv_columns / sizeof csv_columns[0] };

/* The columns that hold numbers: never taken for a formula. */
static const bool csv_numeric[CSV_COLUMNS] = {
    [2] = true,  [3] = true,  [9] = true,  [12] = true,
    [13] = true, [15] = true, [22] = true, [23] = true,
    [24] = true, [28] = true, [30] = true,
};

/* One field, quoted when it must be (RFC 4180). Text that a spreadsheet
 * would take for a formula (util/csv.h) gets a leading apostrophe. */
static void csv_field(struct buf *b, const char *s, bool text, bool last)
{
    if (s == NULL)
        s = "";
    bool formula = text && csv_is_formula(s);
    size_t n = strcspn(s, ",\"\r\n");
    if (formula || s[n]) {
        buf_putc(b, '"');
        if (formula)
            buf_putc(b, '\'');
        for (const char *p = s; *p;) { /* runs up to each '"', doubled */
            size_t run = strcspn(p, "\"");
            buf_append(b, p, run + (p[run] == '"'));
            if (p[run] == '"')
                buf_putc(b, '"');
            p += run + (p[run] == '"');
        }
        buf_putc(b, '"');
    } else {
        buf_append(b, s, n);
    }
    if (last)
        BUF_LIT(b, "\r\n");
    else
        buf_putc(b, ',');
}

/* Writes v in decimal and a NUL at out; returns out. */
static char *decimal(char out[DECIMAL_MAX], int64_t v)
{
    decimal_format(v, out);
    return out;
}

/* ACLED's event_id_cnty: the country's code and the event's number,
 * cut at 31 bytes as the snprintf it replaces did. */
static void csv_id(char out[32], const char *code, int64_t number)
{
    char num[24];
    size_t a = strlen(code), n = strlen(decimal(num, number));
    if (a > 31)
        a = 31;
    if (a + n > 31)
        n = 31 - a;
    memcpy(out, code, a);
    memcpy(out + a, num, n);
    out[a + n] = '\0';
}

/* Writes a coordinate kept in 1e-5 degrees with four decimals, as
 * snprintf("%.4f", v / 1e5) does. Only a last digit of 5 leaves the
 * rounding to the double's exact value; that case goes to snprintf. */
static void degrees4(char out[24], int64_t v)
{
    uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (m % 10 == 5 || m > UINT64_C(1000000000000)) {
        snprintf(out, 24, "%.4f", (double)v / 1e5);
        return;
    }
    uint64_t units = m / 10 + (m % 10 > 5); /* 1e-4 degrees */
    char *p = out;
    if (v < 0)
        *p++ = '-';
    p += strlen(decimal(p, (int64_t)(units / 10000)));
    *p++ = '.';
    unsigned frac = (unsigned)(units % 10000);
    for (int i = 3; i >= 0; i--, frac /= 10)
        p[i] = (char)('0' + frac % 10);
    p[4] = '\0';
}

/* ACLED's disorder type, and its type and sub-type for Vigil's own
 * types (filed under Strategic developments: Other). */
static void acled_types(const struct event *e, const char **disorder,
                        const char **type, const char **sub)
{
    *type = e->type;
    *sub = e->sub_type;
    if (strcmp(e->type, "Protests") == 0)
        *disorder = strcmp(e->sub_type, "Excessive force against "
                                        "protesters") == 0
                        ? "Political violence; Demonstrations"
                        : "Demonstrations";
    else if (strcmp(e->type, "Riots") == 0)
        *disorder = strcmp(e->sub_type, "Mob violence") == 0
                        ? "Political violence"
                        : "Demonstrations";
    else if (strcmp(e->type, "Strategic developments") == 0)
        *disorder = "Strategic developments";
    else if (strcmp(e->type, "Internet shutdown") == 0 ||
             strcmp(e->type, "Statement") == 0) {
        *disorder = "Strategic developments";
        *type = "Strategic developments";
        *sub = "Other";
    } else
        *disorder = "Political violence";
}

/* Appends a tag to ACLED's semicolon-separated list. */
static void tag_add(struct buf *tags, const char *s, size_t n)
{
    if (tags->len)
        BUF_LIT(tags, "; ");
    buf_append(tags, s, n);
}

/* Vigil's own details that ACLED has no column for, in its tags, then
 * the tags an import kept. */
static void csv_tags(struct buf *tags, const struct event *e, const char *sub,
                     const struct acled_span *kept)
{
    if (strcmp(sub, e->sub_type) != 0)
        buf_printf(tags, "vigil type=%s", e->type);
    if (e->has_size) {
        struct claim cl = {.qualifier = e->size_qualifier,
                           .low = e->size_low,
                           .high = e->size_high,
                           .words = e->size_words};
        struct buf phrase = BUF_INIT(128);
        figure_phrase(&cl, &phrase);
        buf_printf(tags, "%scrowd size=%s", tags->len ? "; " : "",
                   buf_cstr(&phrase));
        buf_release(&phrase);
    }
    if (e->status == EVENT_RETRACTED)
        tag_add(tags, "retracted", 9);
    if (e->end_date.year) { /* the range itself (core/acled.c reads it) */
        char first[DATE_LEN + 1], last[DATE_LEN + 1];
        date_format(e->date, first);
        date_format(e->end_date, last);
        buf_printf(tags, "%sdate range=%s/%s", tags->len ? "; " : "", first,
                   last);
    }
    if (kept->s)
        tag_add(tags, kept->s, kept->len);
}

/* ACLED's date for the event, a range's middle as ACLED dates a week or
 * a month; and its time precision, no finer than the range: 2 up to a
 * week, 3 beyond. A range longer than a month fits no code of ACLED's:
 * its tags say it ("date range=FIRST/LAST"), as they do for any range. */
static int csv_date(const struct event *e, struct vg_date *d)
{
    *d = e->date;
    if (e->end_date.year == 0)
        return e->time_precision;
    int64_t first = date_to_days(e->date), last = date_to_days(e->end_date);
    *d = date_from_days((first + last) / 2);
    int fits = last - first < 7 ? 2 : 3;
    return e->time_precision > fits ? e->time_precision : fits;
}

/* A copy of a kept column's text, or NULL. */
static const char *kept_text(struct buf *b, const struct acled_span *k)
{
    if (k->s == NULL)
        return NULL;
    buf_append(b, k->s, k->len);
    return buf_cstr(b);
}

/* ACLED's inter code or interaction as text, or NULL when unknown. */
static const char *code_text(char out[DECIMAL_MAX], int code)
{
    return code ? decimal(out, code) : NULL;
}

/* ACLED's fatalities: the lowest figure; none reported is empty (ACLED
 * writes 0 for "no information", which a reader cannot tell from none
 * killed). A place without coordinates has no geo precision. */
void render_events_csv_row(struct buf *b, const struct event *e)
{
    char id[32], date[DATE_LEN + 1], year[24], tp[24], ts[24];
    char lat[24] = "", lon[24] = "", gp[24] = "", fat[24] = "";
    char in1[DECIMAL_MAX], in2[DECIMAL_MAX], inx[DECIMAL_MAX];
    const struct country *c = country_find(e->country);
    const char *disorder, *type, *sub;
    acled_types(e, &disorder, &type, &sub);
    struct vg_date d;
    int precision = csv_date(e, &d);
    csv_id(id, c ? c->alpha3 : e->country, e->number);
    date_format(d, date);
    decimal(year, d.year);
    decimal(tp, precision);
    if (e->has_coords) {
        degrees4(lat, e->lat_e5);
        degrees4(lon, e->lon_e5);
        decimal(gp, e->geo_precision);
    }
    if (e->fatalities >= 0)
        decimal(fat, e->fatalities);
    decimal(ts, e->recorded_at);
    struct acled_span kept[ACLED_KEPT];
    struct buf notes = BUF_INIT(1 << 20), assoc1 = BUF_INIT(1 << 20),
               assoc2 = BUF_INIT(1 << 20), tags = BUF_INIT(1 << 20);
    size_t own = acled_notes_split(e->notes, kept);
    if (own)
        buf_append(&notes, e->notes, own);
    csv_tags(&tags, e, sub, &kept[ACLED_TAGS]);
    const char *values[CSV_COLUMNS] = {
        id,
        date,
        year,
        tp,
        disorder,
        type,
        sub,
        e->actor1,
        kept_text(&assoc1, &kept[ACLED_ASSOC1]),
        code_text(in1, acled_inter(e->actor1)),
        e->actor2,
        kept_text(&assoc2, &kept[ACLED_ASSOC2]),
        code_text(in2, acled_inter(e->actor2)),
        code_text(inx, acled_interaction(e->actor1, e->actor2)),
        NULL,
        c ? c->numeric : NULL,
        country_region(e->country),
        c ? c->name : e->country,
        e->admin1,
        NULL,
        NULL,
        e->location,
        lat,
        lon,
        gp,
        e->source_name,
        e->source_id ? acled_source_scale(e->source_kind) : NULL,
        own ? buf_cstr(&notes) : NULL,
        fat,
        buf_cstr(&tags),
        ts,
    };
    for (size_t i = 0; i < CSV_COLUMNS; i++)
        csv_field(b, values[i], !csv_numeric[i], i + 1 == CSV_COLUMNS);
    buf_release(&tags);
    buf_release(&assoc2);
    buf_release(&assoc1);
    buf_release(&notes);
}

void render_events_csv_head(struct buf *b)
{
    for (int row = 0; row < 2; row++)
        for (size_t i = 0; i < CSV_COLUMNS; i++)
            csv_field(b, csv_columns[i][row], false, i + 1 == CSV_COLUMNS);
}

void render_events_csv(struct buf *b, const struct event *e, size_t n)
{
    render_events_csv_head(b);
    for (size_t i = 0; i < n; i++)
        render_events_csv_row(b, &e[i]);
}

/* ==== GeoJSON ==== */

int render_events_geojson(struct buf *b, const struct event *e, size_t n)
{
    json_t *features = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *geometry = json_null();
        if (e[i].has_coords)
            geometry =
                json_pack("{s:s, s:[f, f]}", "type", "Point", "coordinates",
                          e[i].lon_e5 / 1e5, e[i].lat_e5 / 1e5);
        json_array_append_new(
            features, json_pack("{s:s, s:I, s:o, s:o}", "type", "Feature", "id",
                                (json_int_t)e[i].number, "geometry", geometry,
                                "properties", event_json(&e[i])));
    }
    json_t *doc = json_pack("{s:s, s:o}", "type", "FeatureCollection",
                            "features", features);
    char *s = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                  JSON_REAL_PRECISION(10));
    json_decref(doc);
    if (s == NULL)
        return -1;
    buf_puts(b, s);
    buf_putc(b, '\n');
    free(s);
    return 0;
}
