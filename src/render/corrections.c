/* corrections.c: the desk's forms that set the record straight
 * (corrections.h). */
#include "render/corrections.h"

#include <string.h>

#include "core/enums.h"
#include "core/figure.h"
#include "render/html.h"

/* ==== Figures ==== */

/* "Killed: at least 208, Amnesty International, as of 2019-12-02". */
static void claim_line(struct buf *b, const struct claim *c)
{
    struct buf phrase = BUF_INIT(256);
    char as_of[DATE_LEN + 1];
    figure_phrase(c, &phrase);
    date_format(c->as_of, as_of);
    HTML_LIT(b, "<strong>");
    html_text(b, c->metric_key);
    HTML_LIT(b, ": ");
    html_text(b, buf_cstr(&phrase));
    HTML_LIT(b, "</strong>, <span dir=\"auto\">");
    html_text(b, c->source_name);
    HTML_LIT(b, "</span>, as of ");
    html_text(b, as_of);
    buf_release(&phrase);
}

/* When and why claim c was withdrawn. */
static void withdrawn_line(struct buf *b, const struct claim *c)
{
    const struct retraction *r = &c->retraction;
    char at[TIMESTAMP_LEN + 1];
    timestamp_format(r->at, at);
    HTML_LIT(b, " <span class=\"muted\">");
    if (r->corrected_by)
        html_textf(b, "corrected by #%lld", (long long)r->corrected_by);
    else
        HTML_LIT(b, "retracted");
    html_textf(b, " on %.10s, proposed by %s, approved by %s: ", at,
               r->proposed_by, r->approved_by);
    HTML_LIT(b, "</span><span dir=\"auto\">");
    html_text(b, r->reason);
    HTML_LIT(b, "</span>");
}

/* The retract form and the correct link of standing claim c. */
static void withdraw_forms(struct buf *b, const struct desk *d,
                           const struct tracker *t, const struct claim *c)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    buf_printf(&path, "/admin/t/%s/claims/%lld/retract", t->slug,
               (long long)c->number);
    HTML_LIT(b, "<details><summary>Retract or correct</summary>\n");
    render_desk_form(b, d, buf_cstr(&path));
    render_desk_input(b, "Why it is retracted", "reason", NULL, "text", true);
    HTML_LIT(b, "<button>Propose the retraction</button>\n</form>\n<p><a");
    html_attrf(b, "href", "/admin/t/%s/claims/%lld/correct", t->slug,
               (long long)c->number);
    HTML_LIT(b, ">Correct it with another figure</a></p></details>\n");
    buf_release(&path);
}

void render_desk_claim_list(struct buf *b, const struct desk *d,
                            const struct tracker *t, const struct claim *c,
                            size_t n)
{
    HTML_LIT(b, "<h2>Published figures</h2>\n<p class=\"muted\">A figure "
                "found wrong is retracted, or corrected by a new claim; "
                "both wait for a second person, and the figure stays in "
                "the record, struck through, with the reason.</p>\n"
                "<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < n; i++) {
        HTML_LIT(b, "<li");
        html_attrf(b, "id", "claim-%lld", (long long)c[i].number);
        if (c[i].status == CLAIM_RETRACTED)
            HTML_LIT(b, " class=\"retracted\"");
        HTML_LIT(b, ">");
        html_textf(b, "#%lld ", (long long)c[i].number);
        claim_line(b, &c[i]);
        if (c[i].corrects)
            html_textf(b, " (corrects #%lld)", (long long)c[i].corrects);
        if (c[i].retraction.reason)
            withdrawn_line(b, &c[i]);
        else if (c[i].status != CLAIM_RETRACTED)
            withdraw_forms(b, d, t, &c[i]);
        HTML_LIT(b, "</li>\n");
    }
    HTML_LIT(b, "</ul>\n");
}

void render_desk_withdrawal_asked(struct buf *b, const struct proposal *p)
{
    if (p->kind == PROPOSAL_ADD)
        return;
    HTML_LIT(b, "<em>");
    html_textf(b, "%s claim #%lld",
               p->kind == PROPOSAL_RETRACT ? "Retract" : "Correct",
               (long long)p->target);
    HTML_LIT(b, "</em> (<span dir=\"auto\">");
    html_text(b, p->reason);
    if (p->kind == PROPOSAL_RETRACT)
        HTML_LIT(b, "</span>): ");
    else
        HTML_LIT(b, "</span>) to ");
}

void render_desk_correct(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct claim *c,
                         const struct correct_form *f, const struct metric *m,
                         size_t nm, const struct source *s, size_t ns)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    buf_printf(&path, "Correct claim #%lld", (long long)c->number);
    render_desk_begin(b, d, buf_cstr(&path));
    HTML_LIT(b, "<p>");
    claim_line(b, c);
    HTML_LIT(b, "</p>\n<p class=\"muted\">The correction is a new claim "
                "that supersedes this one once a verifier other than you "
                "approves it. This one stays in the record, struck "
                "through, with the reason.</p>\n");
    buf_reset(&path);
    buf_printf(&path, "/admin/t/%s/claims/%lld/correct", t->slug,
               (long long)c->number);
    render_desk_form(b, d, buf_cstr(&path));
    render_desk_input(b, "Why it is corrected", "reason", f->reason, "text",
                      true);
    render_desk_select_metric(b, m, nm, f->in.metric, false);
    render_desk_select_source(b, s, ns, true, f->in.source);
    render_desk_select(b, "Qualifier", "qualifier", &qualifier_names,
                       f->in.qualifier ? f->in.qualifier : "range");
    render_desk_input(b, "Number (or a range's low end)", "low", f->in.low,
                      "number", false);
    render_desk_input(b, "Range's high end", "high", f->in.high, "number",
                      false);
    render_desk_input(b, "Or vague words (hundreds, thousands, ...)", "words",
                      f->in.words, "text", false);
    render_desk_input(b, "As of", "as_of", f->in.as_of, "date", true);
    render_desk_input(b, "Quote (the sentence it came from)", "quote",
                      f->in.quote, "text", false);
    render_desk_input(b, "Citation URL", "url", f->in.url, "url", false);
    render_desk_input(b, "Note for readers", "note", f->in.note, "text", false);
    render_desk_input(b, "Scope (a place it is limited to)", "scope",
                      f->in.scope, "text", false);
    HTML_LIT(b, "<button>Propose the correction</button>\n</form>\n<p><a");
    html_attrf(b, "href", "/admin/t/%s/claims", t->slug);
    HTML_LIT(b, ">Back to the figures</a></p>\n");
    render_desk_end(b, d);
    buf_release(&path);
}

/* ==== Events ==== */

void render_desk_select_event_kind(struct buf *b, const char *type,
                                   const char *sub_type)
{
    HTML_LIT(b, "<label>What <select name=\"kind\" required>");
    for (size_t i = 0; event_types[i][0]; i++)
        for (size_t j = 1; j < 9 && event_types[i][j][0]; j++) {
            HTML_LIT(b, "<option");
            html_attrf(b, "value", "%s|%s", event_types[i][0],
                       event_types[i][j]);
            if (type && sub_type && strcmp(type, event_types[i][0]) == 0 &&
                strcmp(sub_type, event_types[i][j]) == 0)
                HTML_LIT(b, " selected");
            HTML_LIT(b, ">");
            html_text(b, event_types[i][0]);
            HTML_LIT(b, ": ");
            html_text(b, event_types[i][j]);
            HTML_LIT(b, "</option>");
        }
    HTML_LIT(b, "</select></label>\n");
}

void render_desk_event(struct buf *b, const struct desk *d,
                       const struct tracker *t, const struct event *e,
                       const struct event_input *f, const struct source *s,
                       size_t ns)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    buf_printf(&path, "Event #%lld", (long long)e->number);
    render_desk_begin(b, d, buf_cstr(&path));
    HTML_LIT(b, "<p class=\"muted\">An edit is a new revision: the event as "
                "first recorded, and every change, stay in the "
                "record.</p>\n");
    buf_reset(&path);
    buf_printf(&path, "/admin/t/%s/events/%lld", t->slug, (long long)e->number);
    render_desk_form(b, d, buf_cstr(&path));
    render_desk_input(b, "Date", "date", f->date, "date", true);
    render_desk_input(b, "Last day, for a range", "end_date", f->end_date,
                      "date", false);
    render_desk_select_event_kind(b, f->type, f->sub_type);
    render_desk_input(b, "Place (a new one is placed by the gazetteer)",
                      "place", f->place, "text", true);
    render_desk_input(b, "Country (ISO code)", "country", f->country, "text",
                      false);
    render_desk_input(b, "First actor", "actor1", f->actor1, "text", false);
    render_desk_input(b, "Second actor", "actor2", f->actor2, "text", false);
    render_desk_input(b, "Crowd, in words (dozens, hundreds, ...)",
                      "size_words", f->size_words, "text", false);
    render_desk_input(b, "Fatalities reported", "fatalities", f->fatalities,
                      "number", false);
    render_desk_select_source(b, s, ns, false, f->source);
    render_desk_input(b, "Report URL", "url", f->url, "url", false);
    render_desk_input(b, "What happened", "notes", f->notes, "text", false);
    HTML_LIT(b, "<button>Save the edit</button>\n</form>\n<p><a");
    html_attrf(b, "href", "/admin/t/%s/events", t->slug);
    HTML_LIT(b, ">Back to the events</a></p>\n");
    render_desk_end(b, d);
    buf_release(&path);
}
