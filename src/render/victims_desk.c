/* victims_desk.c: the registry's pages on the desk (victims_desk.h). */
#include "render/victims_desk.h"

#include <string.h>

#include "render/html.h"
#include "util/i18n.h"

/* Each field's label on the desk, by enum victim_field. */
static const char *const labels[VF_COUNT] = {
    N_("Name (Latin script)"),
    N_("Name (native script)"),
    N_("Age"),
    N_("Gender"),
    N_("Date (of death, arrest or disappearance)"),
    N_("Place"),
    N_("Circumstance"),
    N_("Family contact"),
    N_("Witness"),
    N_("Notes"),
};

/* Who may read a field, for people: by enum visibility, as core's
 * victim_visibility_names. */
static const char *const visibility_labels[3] = {
    /* TRANSLATORS: who may read a victim's field: everyone. */
    N_("public"),
    /* TRANSLATORS: who may read a victim's field: the tracker's editors
     * (and custodians). */
    N_("editors"),
    /* TRANSLATORS: who may read a victim's field: the registry's
     * custodians only. */
    N_("custodians")};

/* The circumstances, for people: in the order of core's
 * victim_circumstances. */
static const char *const circumstance_labels[] = {
    /* TRANSLATORS: a victim's circumstance. */
    N_("killed"),
    /* TRANSLATORS: a victim's circumstance. */
    N_("detained"),
    /* TRANSLATORS: a victim's circumstance. */
    N_("disappeared"),
    /* TRANSLATORS: a victim's circumstance. */
    N_("injured"),
    /* TRANSLATORS: a victim's circumstance. */
    N_("executed"), NULL};

static const char *field(json_t *rec, int i)
{
    return json_string_value(json_object_get(rec, victim_field_names[i]));
}

/* Circumstance c for people: its label, or c itself when this file has
 * none for it. */
static const char *circumstance_label(const char *c)
{
    for (int i = 0; victim_circumstances[i] && circumstance_labels[i]; i++)
        if (strcmp(c, victim_circumstances[i]) == 0)
            return _(circumstance_labels[i]);
    return c;
}

/* Value v of field i for people: a circumstance's label, else v. */
static const char *field_value(int i, const char *v)
{
    return i == VF_CIRCUMSTANCE ? circumstance_label(v) : v;
}

/* Whether field i is sealed in rec (named in its "sealed" list). */
static bool sealed(json_t *rec, int i)
{
    json_t *list = json_object_get(rec, "sealed");
    for (size_t k = 0; k < json_array_size(list); k++) {
        const char *name = json_string_value(json_array_get(list, k));
        if (name && strcmp(name, victim_field_names[i]) == 0)
            return true;
    }
    return false;
}

/* ==== The registry ==== */

/* What a record's line says of it: sealed fields, invented, purged. */
static void record_marks(struct buf *b, json_t *rec)
{
    if (json_array_size(json_object_get(rec, "sealed"))) {
        HTML_LIT(b, " <span class=\"muted\">(");
        html_text(b, _("sealed fields: open the record"));
        HTML_LIT(b, ")</span>");
    }
    if (json_is_true(json_object_get(rec, "invented"))) {
        HTML_LIT(b, " <span class=\"tag\">");
        html_text(b, _("invented for the demo"));
        HTML_LIT(b, "</span>");
    }
    if (json_is_true(json_object_get(rec, "purged"))) {
        HTML_LIT(b, " <span class=\"tag\">");
        /* TRANSLATORS: a victim's record whose sealed fields were
         * destroyed for the person's safety. */
        html_text(b, _("purged"));
        HTML_LIT(b, "</span>");
    }
}

/* A record's line: its number (a link to its page) and public fields. */
static void record_line(struct buf *b, const struct tracker *t, json_t *rec)
{
    HTML_LIT(b, "<li><a");
    html_attrf(b, "href", "/admin/t/%s/victims/%lld", t->slug,
               (long long)json_integer_value(json_object_get(rec, "number")));
    HTML_LIT(b, ">#");
    html_number(b, json_integer_value(json_object_get(rec, "number")));
    HTML_LIT(b, "</a>");
    for (int i = 0; i < VF_COUNT; i++) {
        const char *v = field(rec, i);
        if (v == NULL)
            continue;
        HTML_LIT(b, " · <span dir=\"auto\">");
        html_text(b, field_value(i, v));
        HTML_LIT(b, "</span>");
    }
    record_marks(b, rec);
    HTML_LIT(b, "</li>\n");
}

/* The visibility <select> of field i, `chosen` (or the default) chosen;
 * with `keep` (an edit), a first choice "as it is" (empty), chosen. */
static void visibility_select(struct buf *b, int i, const char *chosen,
                              bool keep)
{
    if (chosen == NULL && !keep)
        chosen = victim_visibility_names[victim_field_default[i]];
    HTML_LIT(b, "<label>");
    html_text(b, _("Visible to"));
    HTML_LIT(b, " <select");
    html_attrf(b, "name", "visibility_%s", victim_field_names[i]);
    HTML_LIT(b, ">");
    if (keep) {
        HTML_LIT(b, "<option value=\"\" selected>");
        /* TRANSLATORS: an edit's choice that leaves who may read a field
         * unchanged. */
        html_text(b, _("as it is"));
        HTML_LIT(b, "</option>");
    }
    for (int v = 0; v < 3; v++) {
        HTML_LIT(b, "<option");
        html_attr(b, "value", victim_visibility_names[v]);
        if (chosen && strcmp(chosen, victim_visibility_names[v]) == 0)
            HTML_LIT(b, " selected");
        HTML_LIT(b, ">");
        html_text(b, _(visibility_labels[v]));
        HTML_LIT(b, "</option>");
    }
    HTML_LIT(b, "</select></label>\n");
}

static void circumstance_select(struct buf *b, const char *chosen)
{
    HTML_LIT(b, "<label>");
    html_text(b, _(labels[VF_CIRCUMSTANCE]));
    /* Not `required`: without an empty choice it always sends a value,
     * and HTML forbids `required` there. */
    HTML_LIT(b, " <select name=\"circumstance\">");
    for (int i = 0; victim_circumstances[i]; i++) {
        HTML_LIT(b, "<option");
        html_attr(b, "value", victim_circumstances[i]);
        if (chosen && strcmp(chosen, victim_circumstances[i]) == 0)
            HTML_LIT(b, " selected");
        HTML_LIT(b, ">");
        html_text(b, circumstance_label(victim_circumstances[i]));
        HTML_LIT(b, "</option>");
    }
    HTML_LIT(b, "</select></label>\n");
}

/* Field i of the add (or, with `keep`, edit) form and its visibility, in
 * a fieldset. */
static void add_field(struct buf *b, const struct victim_form *f, int i,
                      bool keep)
{
    HTML_LIT(b, "<fieldset>");
    if (i == VF_CIRCUMSTANCE) {
        circumstance_select(b, f->value[i]);
    } else if (i == VF_NOTES) {
        HTML_LIT(b, "<label>");
        html_text(b, _(labels[VF_NOTES]));
        HTML_LIT(b, " <textarea name=\"notes\" rows=\"4\" dir=\"auto\">");
        html_text(b, f->value[i]);
        HTML_LIT(b, "</textarea></label>\n");
    } else {
        render_desk_input(b, labels[i], victim_field_names[i], f->value[i],
                          i == VF_DATE ? "date" : "text", false);
    }
    visibility_select(b, i, f->visibility[i], keep);
    HTML_LIT(b, "</fieldset>\n");
}

static void add_form(struct buf *b, const struct desk *d,
                     const struct tracker *t, const struct victim_form *f)
{
    struct buf action = BUF_INIT(HTML_SCRATCH_MAX);
    buf_printf(&action, "/admin/t/%s/victims", t->slug);
    HTML_LIT(b, "<h2>");
    html_text(b, _("Record a person"));
    HTML_LIT(b, "</h2>\n<p class=\"muted\">");
    html_text(b, _("A field not public is sealed: custodians open it, and "
                   "editors too when it is marked editors; every opening is "
                   "audited."));
    HTML_LIT(b, "</p>\n");
    render_desk_form(b, d, buf_cstr(&action));
    buf_release(&action);
    for (int i = 0; i < VF_COUNT; i++)
        add_field(b, f, i, false);
    render_desk_input(b, "Sources (short names, separated by commas)",
                      "sources", f->sources, "text", false);
    HTML_LIT(b, "<label class=\"check\"><input type=\"checkbox\" "
                "name=\"invented\" value=\"1\"");
    if (f->invented)
        HTML_LIT(b, " checked");
    HTML_LIT(b, "> ");
    html_text(b, _("Invented (a demo record)"));
    HTML_LIT(b, "</label>\n<button>");
    /* TRANSLATORS: the button that records a person in the registry. */
    html_text(b, _("Record"));
    HTML_LIT(b, "</button>\n</form>\n");
}

/* Says that records cannot be added without the registry's key. */
static void no_key_notice(struct buf *b)
{
    static const char how[] = "<code>vigil serve --master-key FILE</code>";
    HTML_LIT(b, "<p class=\"notice\">");
    /* TRANSLATORS: %s is the command that gives the server its key. */
    html_msg(b,
             _("This server has no master key for the registry (%s): records "
               "cannot be added here."),
             &(struct html_frag){how, sizeof how - 1}, 1);
    HTML_LIT(b, "</p>\n");
}

void render_desk_victims(struct buf *b, const struct desk *d,
                         const struct tracker *t, json_t *const *records,
                         size_t n, const struct victim_form *f, bool has_key)
{
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    i18n_msg(&title, _("Victims registry — %s"), &t->title, 1);
    render_desk_begin(b, d, buf_cstr(&title));
    buf_release(&title);
    HTML_LIT(b, "<p class=\"muted\">");
    html_text(b, _("Public fields only; a record's own page shows the sealed "
                   "fields your role opens."));
    HTML_LIT(b, "</p>\n<ol class=\"desk-list\">\n");
    for (size_t i = 0; i < n; i++)
        if (records[i])
            record_line(b, t, records[i]);
    HTML_LIT(b, "</ol>\n");
    if ((d->roles & ROLE_CUSTODIAN) && has_key)
        add_form(b, d, t, f);
    else if (d->roles & ROLE_CUSTODIAN)
        no_key_notice(b);
    render_desk_end(b, d);
}

/* ==== A record ==== */

static void sources_item(struct buf *b, json_t *rec)
{
    json_t *list = json_object_get(rec, "sources");
    if (json_array_size(list) == 0)
        return;
    HTML_LIT(b, "<dt>");
    html_text(b, _("Sources"));
    HTML_LIT(b, "</dt><dd>");
    for (size_t k = 0; k < json_array_size(list); k++) {
        if (k)
            HTML_LIT(b, ", ");
        html_text(b, json_string_value(json_array_get(list, k)));
    }
    HTML_LIT(b, "</dd>\n");
}

/* The custodians' form to edit record rec (every field as it reads). */
static void edit_form(struct buf *b, const struct desk *d,
                      const struct tracker *t, json_t *rec)
{
    struct victim_form f = {0};
    struct buf sources = BUF_INIT(8192), action = BUF_INIT(HTML_SCRATCH_MAX);
    json_t *list = json_object_get(rec, "sources");
    for (size_t k = 0; k < json_array_size(list); k++)
        buf_printf(&sources, "%s%s", k ? "," : "",
                   json_string_value(json_array_get(list, k)));
    for (int i = 0; i < VF_COUNT; i++)
        f.value[i] = field(rec, i);
    f.sources = buf_cstr(&sources);
    buf_printf(&action, "/admin/t/%s/victims/%lld", t->slug,
               (long long)json_integer_value(json_object_get(rec, "number")));
    HTML_LIT(b, "<h2>");
    /* TRANSLATORS: the heading of a victim's record's edit form. */
    html_text(b, _("Edit"));
    HTML_LIT(b, "</h2>\n<p class=\"muted\">");
    html_text(b, _("An edit is a new revision, sealed anew; an emptied field "
                   "is dropped. Earlier revisions stay in the record."));
    HTML_LIT(b, "</p>\n");
    render_desk_form(b, d, buf_cstr(&action));
    for (int i = 0; i < VF_COUNT; i++)
        add_field(b, &f, i, true);
    render_desk_input(b, "Sources (short names, separated by commas)",
                      "sources", f.sources, "text", false);
    HTML_LIT(b, "<button>");
    html_text(b, _("Save the edit"));
    HTML_LIT(b, "</button>\n</form>\n");
    buf_release(&sources);
    buf_release(&action);
}

void render_desk_victim(struct buf *b, const struct desk *d,
                        const struct tracker *t, json_t *rec)
{
    bool opened = false;
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    struct buf num = BUF_INIT(64);
    i18n_number(&num, json_integer_value(json_object_get(rec, "number")));
    const char *args[] = {buf_cstr(&num), t->title};
    /* TRANSLATORS: a page's title: a victim's record's number, and the
     * tracker's title. */
    i18n_msg(&title, _("Victim #%1$s — %2$s"), args, 2);
    buf_release(&num);
    render_desk_begin(b, d, buf_cstr(&title));
    buf_release(&title);
    bool purged = json_is_true(json_object_get(rec, "purged"));
    if (purged) {
        HTML_LIT(b, "<p class=\"notice\">");
        html_text(b, _("Purged: this record's key was destroyed for the "
                       "person's safety, so its sealed fields can no longer "
                       "be read by anyone. Its public fields and its history "
                       "remain."));
        HTML_LIT(b, "</p>\n");
    }
    HTML_LIT(b, "<dl class=\"record\">\n");
    for (int i = 0; i < VF_COUNT; i++) {
        const char *v = field(rec, i);
        bool is_sealed = sealed(rec, i);
        if (v == NULL && !is_sealed)
            continue;
        opened = opened || (v && is_sealed);
        HTML_LIT(b, "<dt>");
        html_text(b, _(labels[i]));
        if (is_sealed) {
            HTML_LIT(b, " <span class=\"tag\">");
            /* TRANSLATORS: a victim's field encrypted in the record. */
            html_text(b, _("sealed"));
            HTML_LIT(b, "</span>");
        }
        HTML_LIT(b, "</dt><dd dir=\"auto\">");
        html_text(b, v        ? field_value(i, v)
                     : purged ? _("(destroyed when the record was purged)")
                              : _("(not opened for your role)"));
        HTML_LIT(b, "</dd>\n");
    }
    sources_item(b, rec);
    HTML_LIT(b, "</dl>\n");
    if (opened) {
        HTML_LIT(b, "<p class=\"muted\">");
        html_text(b, _("This reading of sealed fields is recorded in the "
                       "audit log."));
        HTML_LIT(b, "</p>\n");
    }
    if ((d->roles & ROLE_CUSTODIAN) && !purged)
        edit_form(b, d, t, rec);
    render_desk_end(b, d);
}
