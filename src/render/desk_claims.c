/* desk_claims.c: a tracker's figures on the desk: proposals and published
 * claims. */
#include "render/desk_claims.h"

#include <string.h>

#include "core/figure.h"
#include "render/corrections.h"
#include "render/html.h"
#include "util/i18n.h"

/* ==== Figures ==== */

/* The verifier's buttons on a pending proposal of someone else's. */
static void decide_buttons(struct buf *b, const struct desk *d,
                           const struct tracker *t, const struct proposal *p)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_button(b, d,
                       render_desk_scratchf(&path,
                                            "/admin/t/%s/claims/%lld/approve",
                                            t->slug, (long long)p->id),
                       "Approve and publish");
    render_desk_button(b, d,
                       render_desk_scratchf(&path,
                                            "/admin/t/%s/claims/%lld/reject",
                                            t->slug, (long long)p->id),
                       "Reject");
    buf_release(&path);
}

static void proposal_row(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct proposal *p)
{
    struct buf phrase = BUF_INIT(256);
    figure_phrase(&p->claim, &phrase);
    HTML_LIT(b, "<li>");
    render_desk_withdrawal_asked(b, p);
    HTML_LIT(b, "<strong><bdi>");
    html_text(b, p->claim.metric_key);
    HTML_LIT(b, "</bdi>: ");
    html_text(b, buf_cstr(&phrase));
    HTML_LIT(b, "</strong>, ");
    struct buf who = BUF_INIT(HTML_SCRATCH_MAX);
    struct buf when = BUF_INIT(HTML_SCRATCH_MAX);
    html_date_long(&when, p->claim.as_of);
    /* TRANSLATORS: a proposed figure's source and the date it is as of:
     * "Amnesty International, as of 20 November 2019". */
    html_msg(b, _("%1$s, as of %2$s"),
             (struct html_frag[]){html_frag_bdi(&who, p->claim.source_name),
                                  {buf_cstr(&when), when.len}},
             2);
    buf_release(&when);
    if (p->claim.quote) {
        HTML_LIT(b, " <q dir=\"auto\">");
        html_text(b, p->claim.quote);
        HTML_LIT(b, "</q>");
    }
    struct buf state = BUF_INIT(HTML_SCRATCH_MAX);
    const char *label = _(enum_label(&proposal_state_names, (int)p->state));
    struct html_frag f[2] = {html_frag_bdi(&who, p->claim.recorded_by)};
    HTML_LIT(b, " <span class=\"muted\">");
    html_msg(b, _("proposed by %s"), f, 1);
    HTML_LIT(b, "; ");
    if (p->decided_by) {
        f[0] = html_frag_text(&state, label);
        f[1] = html_frag_bdi(&who, p->decided_by);
        /* TRANSLATORS: a proposal's state and who decided it:
         * "approved by nadia". */
        html_msg(b, _("%1$s by %2$s"), f, 2);
    } else
        html_text(b, label);
    buf_release(&who);
    buf_release(&state);
    HTML_LIT(b, "</span>\n");
    buf_release(&phrase);
    if (p->state == PROPOSAL_PENDING && (d->roles & ROLE_VERIFIER) &&
        strcmp(p->claim.recorded_by, d->login) != 0)
        decide_buttons(b, d, t, p);
    HTML_LIT(b, "</li>\n");
}

void render_desk_claims(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct metric *m,
                        size_t nm, const struct source *s, size_t ns,
                        const struct proposal *p, size_t np,
                        const struct claim *c, size_t nc)
{
    struct buf path = BUF_INIT(HTML_SCRATCH_MAX);
    render_desk_begin(b, d,
                      render_desk_scratchf(&path, _("Figures — %s"), t->title));
    HTML_LIT(b, "<p class=\"muted\">");
    html_text(b, _("A figure is published when a verifier other than the "
                   "person who proposed it approves it."));
    HTML_LIT(b, "</p>\n");
    if (d->roles & ROLE_EDITOR) {
        HTML_LIT(b, "<p><a");
        html_attrf(b, "href", "/admin/t/%s/extract", t->slug);
        HTML_LIT(b, ">");
        html_text(b, _("Find the figures in an article"));
        HTML_LIT(b, "</a></p>\n");
    }
    HTML_LIT(b, "<h2>");
    html_text(b, _("Propose a figure"));
    HTML_LIT(b, "</h2>\n");
    render_desk_form(
        b, d, render_desk_scratchf(&path, "/admin/t/%s/claims", t->slug));
    render_desk_select_metric(b, m, nm, NULL, false);
    render_desk_select_source(b, s, ns, true, NULL);
    render_desk_select(b, "Qualifier", "qualifier", &qualifier_names, "exact");
    render_desk_input(b, "Number (or a range's low end)", "low", NULL, "number",
                      false);
    render_desk_input(b, "Range's high end", "high", NULL, "number", false);
    render_desk_input(b, "Or vague words (hundreds, thousands, ...)", "words",
                      NULL, "text", false);
    render_desk_input(b, "As of", "as_of", NULL, "date", true);
    render_desk_input(b, "Quote (the sentence it came from)", "quote", NULL,
                      "text", false);
    render_desk_input(b, "Citation URL", "url", NULL, "url", false);
    HTML_LIT(b, "<button>");
    html_text(b, _("Propose"));
    HTML_LIT(b, "</button>\n</form>\n<h2>");
    html_text(b, _("Proposals"));
    HTML_LIT(b, "</h2>\n<ul class=\"desk-list\">\n");
    for (size_t i = 0; i < np; i++)
        proposal_row(b, d, t, &p[i]);
    HTML_LIT(b, "</ul>\n");
    render_desk_claim_list(b, d, t, c, nc);
    render_desk_end(b, d);
    buf_release(&path);
}
