/* search.c: the search page (search.h). */
#include "render/search.h"

#include <stdlib.h>
#include <string.h>

#include "render/html.h"
#include "render/marks.h"
#include "util/i18n.h"

static const char *const kind_labels[] = {
    [SEARCH_UPDATE] = N_("Update"),
    [SEARCH_CLAIM] = N_("Figure"),
    [SEARCH_EVENT] = N_("Event"),
    [SEARCH_VICTIM] = N_("Memorial"),
};

/* A result without a title: "Update 12", one sentence per kind. */
static const char *const untitled[] = {
    [SEARCH_UPDATE] = N_("Update %s"),
    [SEARCH_CLAIM] = N_("Figure %s"),
    [SEARCH_EVENT] = N_("Event %s"),
    [SEARCH_VICTIM] = N_("Memorial %s"),
};

/* What the statuses a result can carry (core/search.h) say to people. */
static const struct {
    const char *name, *label;
} status_labels[] = {
    {"draft", N_("draft")},         {"scheduled", N_("scheduled")},
    {"published", N_("published")}, {"retracted", N_("retracted")},
    {"reported", N_("reported")},   {"verified", N_("verified")},
    {"disputed", N_("disputed")},
};

/* The status's label in the thread's language; an unknown name as is. */
static const char *status_label(const char *name)
{
    for (size_t i = 0; i < sizeof status_labels / sizeof status_labels[0]; i++)
        if (strcmp(status_labels[i].name, name) == 0)
            return _(status_labels[i].label);
    return name;
}

/* The path the page's form sends to. */
static void action(struct buf *b, const struct search_page *p)
{
    if (p->desk)
        HTML_LIT(b, "/admin/search");
    else if (p->tracker)
        layout_tracker_path(b, p->tracker, "/search");
    else
        HTML_LIT(b, "/search");
}

/* The box: a GET form, the query shown again. */
static void box(struct buf *b, const struct search_page *p)
{
    struct buf to = BUF_INIT(HTML_SCRATCH_MAX);
    action(&to, p);
    HTML_LIT(b, "<form class=\"search-box\" role=\"search\" method=\"get\"");
    html_attr(b, "action", buf_cstr(&to));
    /* Named, unlike the header's search: a reader's list of landmarks
     * tells the two apart. */
    html_attr(b, "aria-label", _("Search"));
    buf_release(&to);
    HTML_LIT(b, "><label>");
    html_text(b, _("Search"));
    HTML_LIT(b, " <input type=\"search\" name=\"q\" required dir=\"auto\"");
    html_attrf(b, "maxlength", "%d", SEARCH_Q_MAX);
    if (p->q)
        html_attr(b, "value", p->q);
    HTML_LIT(b, "></label>\n");
    if (p->desk) {
        HTML_LIT(b, "<label>");
        html_text(b, _("In"));
        HTML_LIT(b, " <select name=\"tracker\"><option value=\"\">");
        html_text(b, _("every tracker"));
        HTML_LIT(b, "</option>");
        for (size_t i = 0; i < p->nchoices; i++) {
            HTML_LIT(b, "<option");
            html_attr(b, "value", p->choices[i].slug);
            if (p->tracker && p->tracker->id == p->choices[i].id)
                HTML_LIT(b, " selected");
            HTML_LIT(b, ">");
            html_text(b, p->choices[i].title);
            HTML_LIT(b, "</option>");
        }
        HTML_LIT(b, "</select></label>\n");
    }
    HTML_LIT(b, "<button>");
    html_text(b, _("Search"));
    HTML_LIT(b, "</button></form>\n");
}

/* A text with its matches marked. */
static void marked(struct buf *b, const struct search_text *t)
{
    struct mark_span *m = calloc(t->nmarks + 1, sizeof *m);
    for (size_t i = 0; m && i < t->nmarks; i++)
        m[i] =
            (struct mark_span){t->marks[i].off, t->marks[i].len, "hit", NULL};
    if (t->cut_before)
        HTML_LIT(b, "… ");
    html_marked(b, t->text, strlen(t->text), m, m ? t->nmarks : 0);
    if (t->cut_after)
        HTML_LIT(b, " …");
    free(m);
}

/* The href of result r: its public page, or on the desk its desk page. */
static void result_href(struct buf *b, const struct search_page *p,
                        const struct search_result *r)
{
    const struct tracker *t = r->tracker;
    long long n = (long long)r->ref;
    if (p->desk) {
        switch (r->kind) {
        case SEARCH_UPDATE:
            html_attrf(b, "href", "/admin/t/%s/u/%lld", t->slug, n);
            break;
        case SEARCH_CLAIM:
            html_attrf(b, "href", "/admin/t/%s/claims", t->slug);
            break;
        case SEARCH_EVENT:
            html_attrf(b, "href", "/admin/t/%s/events", t->slug);
            break;
        case SEARCH_VICTIM:
            html_attrf(b, "href", "/admin/t/%s/victims/%lld", t->slug, n);
            break;
        }
        return;
    }
    switch (r->kind) {
    case SEARCH_UPDATE: layout_href(b, t, "/u/%lld", n); break;
    case SEARCH_CLAIM: layout_href(b, t, "/tallies/%s", r->metric); break;
    case SEARCH_EVENT: layout_href(b, t, "/places/%s", r->place); break;
    case SEARCH_VICTIM: layout_href(b, t, "/victims"); break;
    }
}

static void result(struct buf *b, const struct search_page *p,
                   const struct search_result *r)
{
    HTML_LIT(b, "<li class=\"hit\"><span class=\"muted\">");
    html_text(b, _(kind_labels[r->kind]));
    if (p->tracker == NULL) {
        HTML_LIT(b, " · <bdi>");
        html_text(b, r->tracker->title);
        HTML_LIT(b, "</bdi>");
    }
    if (r->status) {
        HTML_LIT(b, " · <strong>");
        html_text(b, status_label(r->status));
        HTML_LIT(b, "</strong>");
    }
    /* An event's title is its kind, then its place: the page's
     * direction, not its first letter's, sets the line. */
    HTML_LIT(b, "</span><br><a");
    if (r->kind != SEARCH_EVENT)
        HTML_LIT(b, " dir=\"auto\"");
    result_href(b, p, r);
    HTML_LIT(b, ">");
    if (*r->title.text)
        marked(b, &r->title);
    else
        html_msg_num(b, _(untitled[r->kind]), r->ref);
    HTML_LIT(b, "</a>");
    if (*r->passage.text) {
        HTML_LIT(b, "<p dir=\"auto\">");
        marked(b, &r->passage);
        HTML_LIT(b, "</p>");
    }
    HTML_LIT(b, "</li>\n");
}

static void places(struct buf *b, const struct search_results *f)
{
    if (f->nplaces == 0)
        return;
    HTML_LIT(b, "<h2>");
    html_text(b, _("Places"));
    HTML_LIT(b, "</h2>\n<ul class=\"places\">\n");
    for (size_t i = 0; i < f->nplaces; i++) {
        HTML_LIT(b, "<li><a dir=\"auto\"");
        layout_href(b, f->places[i].tracker, "/places/%s", f->places[i].id);
        HTML_LIT(b, ">");
        marked(b, &f->places[i].name);
        HTML_LIT(b, "</a> <span class=\"muted\">");
        html_text(b, f->places[i].country);
        HTML_LIT(b, "</span></li>\n");
    }
    HTML_LIT(b, "</ul>\n");
}

/* The link to the next page of results. */
static void next_page(struct buf *b, const struct search_page *p)
{
    struct buf to = BUF_INIT(HTML_SCRATCH_MAX);
    action(&to, p);
    BUF_LIT(&to, "?q=");
    html_url_path(&to, p->q);
    if (p->desk && p->tracker) {
        BUF_LIT(&to, "&tracker=");
        html_url_path(&to, p->tracker->slug);
    }
    buf_printf(&to, "&page=%d", p->page + 1);
    HTML_LIT(b, "<p><a rel=\"next\"");
    html_attr(b, "href", buf_cstr(&to));
    HTML_LIT(b, ">");
    html_text(b, _("More results"));
    HTML_LIT(b, "</a></p>\n");
    buf_release(&to);
}

static void results(struct buf *b, const struct search_page *p)
{
    const struct search_results *f = p->found;
    if (f->unindexed > 0) { /* the index is catching up with an import */
        HTML_LIT(b, "<p class=\"notice\">");
        html_msg_num(b,
                     P_("%s event imported in the last minutes is not "
                        "searchable yet.",
                        "%s events imported in the last minutes are not "
                        "searchable yet.",
                        (unsigned long)f->unindexed),
                     (int64_t)f->unindexed);
        HTML_LIT(b, "</p>\n");
    }
    if (f->n == 0 && f->nplaces == 0) {
        HTML_LIT(b, "<p>");
        html_text(b, _("Nothing found."));
        HTML_LIT(b, "</p>\n");
        return;
    }
    places(b, f);
    HTML_LIT(b, "<h2>");
    html_text(b, _("Results"));
    HTML_LIT(b, "</h2>\n<ol class=\"hits\">\n");
    for (size_t i = 0; i < f->n; i++)
        result(b, p, &f->r[i]);
    HTML_LIT(b, "</ol>\n");
    if (f->more)
        next_page(b, p);
}

/* The page's body: the box, a refusal, the results. */
static void body(struct buf *b, const struct search_page *p)
{
    box(b, p);
    if (p->notice) {
        HTML_LIT(b, "<p class=\"notice\" role=\"alert\">");
        html_text(b, p->notice);
        HTML_LIT(b, "</p>\n");
    }
    if (p->found)
        results(b, p);
}

void render_search_page(struct buf *b, const struct site *s,
                        const struct search_page *p)
{
    struct buf title = BUF_INIT(HTML_SCRATCH_MAX);
    if (p->tracker)
        i18n_msg(&title, _("Search \xe2\x80\x94 %s"),
                 (const char *const[]){p->tracker->title}, 1);
    else
        buf_puts(&title, _("Search"));
    if (p->desk) {
        render_desk_begin(b, p->desk, buf_cstr(&title));
        body(b, p);
        render_desk_end(b, p->desk);
    } else {
        struct layout l = {buf_cstr(&title),
                           p->tracker ? p->tracker->languages : "en",
                           p->tracker,
                           NULL,
                           NULL,
                           0};
        layout_begin(b, s, &l);
        HTML_LIT(b, "<h1>");
        html_text(b, _("Search"));
        HTML_LIT(b, "</h1>\n");
        body(b, p);
        layout_end(b, s, &l);
    }
    buf_release(&title);
}
