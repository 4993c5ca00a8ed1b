/* victims.c: the memorial list. */
#include "render/victims.h"

#include <string.h>

#include "render/html.h"
#include "util/date.h"
#include "util/i18n.h"

static const char *field(json_t *r, const char *key)
{
    return json_string_value(json_object_get(r, key));
}

/* The record's date in the reader's calendar, as a <time>; a date that
 * does not parse is shown as it was recorded. */
static void when(struct buf *b, const char *date)
{
    struct vg_date d;
    HTML_LIT(b, "<time");
    html_attr(b, "datetime", date);
    HTML_LIT(b, ">");
    if (date_parse(date, strlen(date), &d) == 0)
        html_date_long(b, d);
    else
        html_text(b, date);
    HTML_LIT(b, "</time>");
}

/* User text in its own isolate, for a message's argument. */
static struct html_frag isolate(struct buf *b, const char *text)
{
    size_t at = b->len;
    HTML_LIT(b, "<span dir=\"auto\">");
    html_text(b, text ? text : "");
    HTML_LIT(b, "</span>");
    return (struct html_frag){buf_cstr(b) + at, b->len - at};
}

/* A circumstance core/victims.c knows, in the page's language; any
 * other as recorded. */
static const char *circumstance(const char *c)
{
    static const char *const words[] = {
        /* TRANSLATORS: what befell a person, after their age and before
           the date: "27, killed 16 November 2019 in Mahshahr". */
        N_("killed"), N_("detained"), N_("disappeared"), N_("injured"),
        N_("executed")};
    for (size_t i = 0; c && i < sizeof words / sizeof *words; i++)
        if (strcmp(c, words[i]) == 0)
            return _(words[i]);
    return c;
}

/* "27, shot 16 November 2019 in Mahshahr": age and circumstance as
 * recorded, then the date and the place, each a whole sentence. */
static void what_when_where(struct buf *b, json_t *r)
{
    const char *age = field(r, "age"),
               *c = circumstance(field(r, "circumstance")),
               *date = field(r, "date"), *place = field(r, "place");
    struct buf what = BUF_INIT(HTML_SCRATCH_MAX), at = BUF_INIT(256),
               in = BUF_INIT(HTML_SCRATCH_MAX);
    if (age) {
        html_msg(&what, _("%1$s, %2$s"),
                 (const struct html_frag[]){isolate(&at, age), isolate(&in, c)},
                 2);
        buf_reset(&at);
        buf_reset(&in);
    } else {
        html_frag(&what, isolate(&in, c));
        buf_reset(&in);
    }
    if (date)
        when(&at, date);
    const struct html_frag args[] = {{buf_cstr(&what), what.len},
                                     {buf_cstr(&at), at.len},
                                     isolate(&in, place)};
    if (date && place)
        html_msg(b, _("%1$s %2$s in %3$s"), args, 3);
    else if (date)
        html_msg(b, _("%1$s %2$s"), args, 2);
    else if (place)
        html_msg(b, _("%1$s in %2$s"),
                 (const struct html_frag[]){args[0], args[2]}, 2);
    else
        html_frag(b, args[0]);
    buf_release(&what);
    buf_release(&at);
    buf_release(&in);
}

/* "; source: Amnesty, HRANA", the names isolated each. */
static void sources_line(struct buf *b, json_t *sources)
{
    if (json_array_size(sources) == 0)
        return;
    struct buf names = BUF_INIT(HTML_SCRATCH_MAX), one = BUF_INIT(1024);
    for (size_t i = 0; i < json_array_size(sources); i++) {
        if (i)
            html_text(&names, _(", "));
        buf_reset(&one);
        html_frag(&names,
                  isolate(&one, json_string_value(json_array_get(sources, i))));
    }
    html_msg(b, P_("; source: %s", "; sources: %s", json_array_size(sources)),
             &(struct html_frag){buf_cstr(&names), names.len}, 1);
    buf_release(&names);
    buf_release(&one);
}

static void person(struct buf *b, json_t *r)
{
    const char *name = field(r, "name"), *native = field(r, "name_native");
    HTML_LIT(b, "<li class=\"person\"><strong dir=\"auto\">");
    if (name || native) {
        html_text(b, name ? name : native);
        if (name && native) {
            HTML_LIT(b, "</strong> <span dir=\"auto\">");
            html_text(b, native);
            HTML_LIT(b, "</span>");
        } else {
            HTML_LIT(b, "</strong>");
        }
    } else {
        html_text(b, _("Name withheld"));
        HTML_LIT(b, "</strong>");
    }
    HTML_LIT(b, "<br><span class=\"muted\">");
    what_when_where(b, r);
    sources_line(b, json_object_get(r, "sources"));
    HTML_LIT(b, "</span>");
    if (json_is_true(json_object_get(r, "invented"))) {
        HTML_LIT(b, " <span class=\"tag\">");
        html_text(b, _("invented for the demo"));
        HTML_LIT(b, "</span>");
    }
    HTML_LIT(b, "</li>\n");
}

void render_memorial(struct buf *b, const struct site *s,
                     const struct tracker *t, json_t *const *records, size_t n)
{
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    i18n_msg(&title, _("Victims \xe2\x80\x94 %s"),
             (const char *const[]){t->title}, 1);
    struct buf canonical = BUF_INIT(HTML_SCRATCH_MAX);
    layout_tracker_path(&canonical, t, "/victims");
    struct layout l = {
        buf_cstr(&title), t->languages, t, NULL, buf_cstr(&canonical), 0};
    layout_begin(b, s, &l);
    HTML_LIT(b, "<h1>");
    html_text(b, _("Victims identified by name"));
    HTML_LIT(b, "</h1>\n<p class=\"muted\">");
    html_text(b, _("The people this tracker's registry names, with what the "
                   "sources say happened to them. Some details are withheld "
                   "for the safety of families and witnesses."));
    HTML_LIT(b, "</p>\n");
    if (n == 0) {
        HTML_LIT(b, "<p class=\"muted\">");
        html_text(b, _("No one is recorded yet."));
        HTML_LIT(b, "</p>\n");
    } else {
        HTML_LIT(b, "<ol class=\"memorial\">\n");
    }
    for (size_t i = 0; i < n; i++)
        if (records[i])
            person(b, records[i]);
    if (n)
        HTML_LIT(b, "</ol>\n");
    layout_end(b, s, &l);
    buf_release(&canonical);
    buf_release(&title);
}
