/* victims.c: the memorial list. */
#include "render/victims.h"

#include <string.h>

#include "render/html.h"

static const char *field(json_t *r, const char *key)
{
    return json_string_value(json_object_get(r, key));
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
        HTML_LIT(b, "Name withheld</strong>");
    }
    const char *age = field(r, "age"), *c = field(r, "circumstance"),
               *date = field(r, "date"), *place = field(r, "place");
    HTML_LIT(b, "<br><span class=\"muted\">");
    if (age)
        html_textf(b, "%s, ", age);
    html_text(b, c ? c : "");
    if (date) {
        HTML_LIT(b, " <time");
        html_attr(b, "datetime", date);
        HTML_LIT(b, ">");
        html_text(b, date);
        HTML_LIT(b, "</time>");
    }
    if (place) {
        HTML_LIT(b, " in <span dir=\"auto\">");
        html_text(b, place);
        HTML_LIT(b, "</span>");
    }
    json_t *sources = json_object_get(r, "sources");
    if (json_array_size(sources)) {
        HTML_LIT(b, "; source: ");
        for (size_t i = 0; i < json_array_size(sources); i++) {
            if (i)
                HTML_LIT(b, ", ");
            html_text(b, json_string_value(json_array_get(sources, i)));
        }
    }
    HTML_LIT(b, "</span>");
    if (json_is_true(json_object_get(r, "invented")))
        HTML_LIT(b, " <span class=\"tag\">invented for the demo</span>");
    HTML_LIT(b, "</li>\n");
}

void render_memorial(struct buf *b, const struct site *s,
                     const struct tracker *t, json_t *const *records, size_t n)
{
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    buf_printf(&title, "Victims — %s", t->title);
    struct layout l = {buf_cstr(&title), t->languages, t, NULL, NULL, 0};
    layout_begin(b, s, &l);
    HTML_LIT(b, "<h1>Victims identified by name</h1>\n<p class=\"muted\">"
                "The people this tracker's registry names, with what the "
                "sources say happened to them. Some details are withheld "
                "for the safety of families and witnesses.</p>\n");
    if (n == 0)
        HTML_LIT(b, "<p class=\"muted\">No one is recorded yet.</p>\n");
    else
        HTML_LIT(b, "<ol class=\"memorial\">\n");
    for (size_t i = 0; i < n; i++)
        if (records[i])
            person(b, records[i]);
    if (n)
        HTML_LIT(b, "</ol>\n");
    layout_end(b, s, &l);
    buf_release(&title);
}
