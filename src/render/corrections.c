/* corrections.c: the desk's forms that set the record straight
 * (corrections.h). */
#include "render/corrections.h"

#include <string.h>

#include "model/enums.h"
#include "core/figure.h"
#include "render/html.h"
#include "util/i18n.h"

/* ==== Figures ==== */

/* The markup in scratch buffer s, as an argument of html_msg. */
static struct html_frag frag_of(const struct buf *s)
{
    return (struct html_frag){buf_cstr(s), s->len};
}

/* Appends "#12", a claim's number in the reader's digits. */
static void claim_number(struct buf *b, int64_t n)
{
    HTML_LIT(b, "#");
    html_number(b, n);
}

/* "killed: at least 208, Amnesty International, as of 2 December 2019",
 * the date in the reader's calendar. */
static void claim_line(struct buf *b, const struct claim *c)
{
    struct buf phrase = BUF_INIT(256);
    struct buf who = BUF_INIT(HTML_SCRATCH_MAX), when = BUF_INIT(256);
    figure_phrase(c, &phrase);
    HTML_LIT(b, "<strong><bdi>");
    html_text(b, c->metric_key);
    HTML_LIT(b, "</bdi>: ");
    html_text(b, buf_cstr(&phrase));
    HTML_LIT(b, "</strong>, ");
    html_date_long(&when, c->as_of);
    html_msg(b, _("%1$s, as of %2$s"),
             (struct html_frag[]){html_frag_bdi(&who, c->source_name),
                                  frag_of(&when)},
             2);
    buf_release(&phrase);
    buf_release(&who);
    buf_release(&when);
}

/* "retracted on DATE, proposed by A, approved by B:" of retraction r. */
static void withdrawn_by(struct buf *b, const struct retraction *r)
{
    struct buf num = BUF_INIT(64), on = BUF_INIT(256);
    struct buf who = BUF_INIT(HTML_SCRATCH_MAX);
    struct buf ok = BUF_INIT(HTML_SCRATCH_MAX);
    html_date_long(&on, timestamp_utc_date(r->at));
    claim_number(&num, r->corrected_by);
    const struct html_frag f[4] = {
        frag_of(&on), html_frag_bdi(&who, r->proposed_by),
        html_frag_bdi(&ok, r->approved_by), frag_of(&num)};
    if (r->corrected_by) {
        /* TRANSLATORS: a figure withdrawn for another, before the
         * reason: "corrected by #12 on 28 December 2019, proposed by
         * sara, approved by omar:". */
        html_msg(b,
                 _("corrected by %1$s on %2$s, proposed by %3$s, approved "
                   "by %4$s:"),
                 (const struct html_frag[]){f[3], f[0], f[1], f[2]}, 4);
    } else {
        /* TRANSLATORS: a retracted figure, before the reason:
         * "retracted on 28 December 2019, proposed by sara, approved by
         * omar:". */
        html_msg(b, _("retracted on %1$s, proposed by %2$s, approved by %3$s:"),
                 f, 3);
    }
    buf_release(&num);
    buf_release(&on);
    buf_release(&who);
    buf_release(&ok);
}

/* When and why claim c was withdrawn. */
static void withdrawn_line(struct buf *b, const struct claim *c)
{
    HTML_LIT(b, " <span class=\"muted\">");
    withdrawn_by(b, &c->retraction);
    HTML_LIT(b, " </span><span dir=\"auto\">");
    html_text(b, c->retraction.reason);
    HTML_LIT(b, "</span>");
}

/* The retract form and the correct link of standing claim c. */
static void withdraw_forms(struct buf *b, const struct desk *d,
                           const struct tracker *t, const struct claim *c)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    buf_printf(&path, "/admin/t/%s/claims/%lld/retract", t->slug,
               (long long)c->number);
    HTML_LIT(b, "<details><summary>");
    html_text(b, _("Retract or correct"));
    HTML_LIT(b, "</summary>\n");
    render_desk_form(b, d, buf_cstr(&path));
    render_desk_input(b, "Why it is retracted", "reason", NULL, "text", true);
    HTML_LIT(b, "<button>");
    html_text(b, _("Propose the retraction"));
    HTML_LIT(b, "</button>\n</form>\n<p><a");
    html_attrf(b, "href", "/admin/t/%s/claims/%lld/correct", t->slug,
               (long long)c->number);
    HTML_LIT(b, ">");
    html_text(b, _("Correct it with another figure"));
    HTML_LIT(b, "</a></p></details>\n");
    buf_release(&path);
}

/* The head of the list of figures: what withdrawing one does. */
static void claim_list_head(struct buf *b)
{
    HTML_LIT(b, "<h2>");
    html_text(b, _("Published figures"));
    HTML_LIT(b, "</h2>\n<p class=\"muted\">");
    html_text(b, _("A figure found wrong is retracted, or corrected by a new "
                   "claim; both wait for a second person, and the figure "
                   "stays in the record, struck through, with the reason."));
    HTML_LIT(b, "</p>\n<ul class=\"desk-list\">\n");
}

/* " (corrects #12)": the claim a correction replaced. */
static void corrects_note(struct buf *b, int64_t n)
{
    struct buf num = BUF_INIT(64);
    claim_number(&num, n);
    HTML_LIT(b, " (");
    html_msg(b, _("corrects %s"), (const struct html_frag[]){frag_of(&num)}, 1);
    HTML_LIT(b, ")");
    buf_release(&num);
}

void render_desk_claim_list(struct buf *b, const struct desk *d,
                            const struct tracker *t, const struct claim *c,
                            size_t n)
{
    claim_list_head(b);
    for (size_t i = 0; i < n; i++) {
        HTML_LIT(b, "<li");
        html_attrf(b, "id", "claim-%lld", (long long)c[i].number);
        if (c[i].status == CLAIM_RETRACTED)
            HTML_LIT(b, " class=\"retracted\"");
        HTML_LIT(b, ">");
        claim_number(b, c[i].number);
        HTML_LIT(b, " ");
        claim_line(b, &c[i]);
        if (c[i].corrects)
            corrects_note(b, c[i].corrects);
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
    struct buf num = BUF_INIT(64);
    claim_number(&num, p->target);
    HTML_LIT(b, "<em>");
    html_msg(b,
             p->kind == PROPOSAL_RETRACT ? _("Retract claim %s")
                                         : _("Correct claim %s"),
             (const struct html_frag[]){frag_of(&num)}, 1);
    HTML_LIT(b, "</em> (<span dir=\"auto\">");
    html_text(b, p->reason);
    /* The figure proposed follows (proposal_row): "Correct claim #12
     * (why): killed: at least 305", in any language's order. */
    HTML_LIT(b, "</span>): ");
    buf_release(&num);
}

/* The fields of a correction: the new figure, as the add form's. */
static void correct_fields(struct buf *b, const struct correct_form *f,
                           const struct metric *m, size_t nm,
                           const struct source *s, size_t ns)
{
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
}

void render_desk_correct(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct claim *c,
                         const struct correct_form *f, const struct metric *m,
                         size_t nm, const struct source *s, size_t ns)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    struct buf num = BUF_INIT(64);
    BUF_LIT(&num, "#");
    i18n_number(&num, c->number);
    const char *arg = buf_cstr(&num);
    /* TRANSLATORS: %s is the claim's number: "#12". */
    i18n_msg(&path, _("Correct claim %s"), &arg, 1);
    render_desk_begin(b, d, buf_cstr(&path));
    HTML_LIT(b, "<p>");
    claim_line(b, c);
    HTML_LIT(b, "</p>\n<p class=\"muted\">");
    html_text(b, _("The correction is a new claim that supersedes this one "
                   "once a verifier other than you approves it. This one "
                   "stays in the record, struck through, with the reason."));
    HTML_LIT(b, "</p>\n");
    buf_reset(&path);
    buf_printf(&path, "/admin/t/%s/claims/%lld/correct", t->slug,
               (long long)c->number);
    render_desk_form(b, d, buf_cstr(&path));
    correct_fields(b, f, m, nm, s, ns);
    HTML_LIT(b, "<button>");
    html_text(b, _("Propose the correction"));
    HTML_LIT(b, "</button>\n</form>\n<p><a");
    html_attrf(b, "href", "/admin/t/%s/claims", t->slug);
    HTML_LIT(b, ">");
    html_text(b, _("Back to the figures"));
    HTML_LIT(b, "</a></p>\n");
    render_desk_end(b, d);
    buf_release(&path);
    buf_release(&num);
}

/* ==== Events ==== */

void render_desk_select_event_kind(struct buf *b, const char *type,
                                   const char *sub_type)
{
    HTML_LIT(b, "<label>");
    /* TRANSLATORS: the label of an event's type and sub-type. */
    html_text(b, _("What"));
    /* Not `required`: without an empty choice it always sends a value,
     * and HTML forbids `required` there. */
    HTML_LIT(b, " <select name=\"kind\">");
    for (size_t i = 0; event_types[i][0]; i++)
        for (size_t j = 1; j < 9 && event_types[i][j][0]; j++) {
            HTML_LIT(b, "<option");
            html_attrf(b, "value", "%s|%s", event_types[i][0],
                       event_types[i][j]);
            if (type && sub_type && strcmp(type, event_types[i][0]) == 0 &&
                strcmp(sub_type, event_types[i][j]) == 0)
                HTML_LIT(b, " selected");
            HTML_LIT(b, ">");
            html_text(b, _(event_types[i][0]));
            HTML_LIT(b, ": ");
            html_text(b, _(event_types[i][j]));
            HTML_LIT(b, "</option>");
        }
    HTML_LIT(b, "</select></label>\n");
}

/* The fields of an event's edit form. */
static void event_fields(struct buf *b, const struct event_input *f,
                         const struct source *s, size_t ns)
{
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
}

void render_desk_event(struct buf *b, const struct desk *d,
                       const struct tracker *t, const struct event *e,
                       const struct event_input *f, const struct source *s,
                       size_t ns)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    struct buf num = BUF_INIT(64);
    i18n_number(&num, e->number);
    const char *arg = buf_cstr(&num);
    /* TRANSLATORS: a page's title; %s is the event's number. */
    i18n_msg(&path, _("Event #%s"), &arg, 1);
    render_desk_begin(b, d, buf_cstr(&path));
    HTML_LIT(b, "<p class=\"muted\">");
    html_text(b, _("An edit is a new revision: the event as first recorded, "
                   "and every change, stay in the record."));
    HTML_LIT(b, "</p>\n");
    buf_reset(&path);
    buf_printf(&path, "/admin/t/%s/events/%lld", t->slug, (long long)e->number);
    render_desk_form(b, d, buf_cstr(&path));
    event_fields(b, f, s, ns);
    HTML_LIT(b, "<button>");
    html_text(b, _("Save the edit"));
    HTML_LIT(b, "</button>\n</form>\n<p><a");
    html_attrf(b, "href", "/admin/t/%s/events", t->slug);
    HTML_LIT(b, ">");
    html_text(b, _("Back to the events"));
    HTML_LIT(b, "</a></p>\n");
    render_desk_end(b, d);
    buf_release(&path);
    buf_release(&num);
}
