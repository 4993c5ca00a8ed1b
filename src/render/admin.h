/*
 * admin.h: the editors' pages (DESIGN §5): sign-in, the desk of each
 * tracker (post, drafts, edit, retract, pin, key events, with a Markdown
 * preview), figures waiting for a second person, sources, the audit log.
 *
 * Server-rendered forms that work without JavaScript and on a phone;
 * every form that changes something carries the session's CSRF token.
 */
#ifndef VIGIL_RENDER_ADMIN_H
#define VIGIL_RENDER_ADMIN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/enums.h"
#include "core/model.h"
#include "render/layout.h"
#include "util/buf.h"

/* Who the page is for: their login, roles and CSRF token. */
struct desk {
    const struct site *site;
    const char *login;
    unsigned roles; /* on the page's tracker; on other pages, anywhere */
    const char *csrf;
    const char *notice;    /* a message to show on top (an error), or NULL */
    unsigned global_roles; /* held on every tracker */
    const struct grant *grants; /* and on single trackers */
    size_t ngrants;
};

/* The roles d's user holds on tracker t. */
unsigned desk_roles_on(const struct desk *d, const struct tracker *t);

/* ==== The frame the desk's pages share ==== */

/*
 * The desk speaks its editor's language (util/i18n.h): each piece below
 * translates the title or label it is given, so a caller passes the
 * English message as a literal (xgettext finds it: the Makefile's
 * DESK_KEYWORDS) or a text of the record, which has no translation and
 * is shown as it is.
 *
 * The page head: the desk's navigation, d->notice if any, and an <h1> of
 * title. render_desk_end closes the page.
 */
void render_desk_begin(struct buf *b, const struct desk *d, const char *title);
void render_desk_end(struct buf *b, const struct desk *d);
/* <form method="post" action="..."> with the session's CSRF token; the
 * caller closes it. */
void render_desk_form(struct buf *b, const struct desk *d, const char *action);
/* A labelled <input> of type (text, date, ...) holding value (or empty). */
void render_desk_input(struct buf *b, const char *label, const char *name,
                       const char *value, const char *type, bool required);
struct enum_names;
/* A labelled checkbox, checked when on. */
void render_desk_checkbox(struct buf *b, const char *label, const char *name,
                          bool on);
/* A labelled <select> of an enumeration's names, `selected` chosen. */
void render_desk_select(struct buf *b, const char *label, const char *name,
                        const struct enum_names *e, const char *selected);
/* The source picker: required (a figure's) or optional (an event's),
 * with the source `selected` (a slug, or NULL) chosen. */
void render_desk_select_source(struct buf *b, const struct source *s, size_t n,
                               bool required, const char *selected);
/* A tracker picker (field "tracker"), its empty choice reading `none`;
 * label and none are already in the editor's language. */
void render_desk_select_tracker(struct buf *b, const char *label,
                                const char *none, const struct tracker *t,
                                size_t n);
/* The metric picker, `selected` (a key, or NULL) chosen; with `choose`,
 * an empty first choice the editor must replace. */
void render_desk_select_metric(struct buf *b, const struct metric *m, size_t n,
                               const char *selected, bool choose);
/* Says that tracker t is read-only, when archived. */
void render_desk_archived(struct buf *b, const struct tracker *t);
/* A one-button form posting to action, with the CSRF token. */
void render_desk_button(struct buf *b, const struct desk *d, const char *action,
                        const char *label);
/* A UTC time to the minute, in a <time> element. */
void render_desk_time(struct buf *b, int64_t t);
/* render_desk_begin for a page that loads `script` (enum layout_script). */
void render_desk_begin_script(struct buf *b, const struct desk *d,
                              const char *title, int script);
/* Formats a value (a form's action, a page's title) into p, emptied
 * first, and lends it as a C string until p changes: nothing is cut. */
const char *render_desk_scratchf(struct buf *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ==== Pages ==== */

/* The text of a desk form sent after its session had ended, carried
 * through the sign-in form (as hidden fields named "keep_" and the
 * member's name) back to the form. Fields may be NULL. */
struct login_keep {
    const char *slug;   /* the form's tracker */
    const char *number; /* the update it edits; NULL: a new update */
    const char *title, *body, *kind, *rev;
};

/* The sign-in form; message (an earlier refusal) may be NULL. demo says
 * that the second factor is not required. keep (or NULL): the text the
 * form carries back to a desk form. */
void render_login_page(struct buf *b, const struct site *s, const char *csrf,
                       const char *message, bool demo,
                       const struct login_keep *keep);

/* /admin: the trackers to work on (those the user holds a role on;
 * every one for an admin) and what the user may do on each. */
void render_desk_index(struct buf *b, const struct desk *d,
                       const struct tracker *t, size_t n);

/* /admin/t/SLUG/claims: the proposal form, proposals (newest first,
 * each to add, retract or correct a figure) and the claims c[0..nc),
 * each standing one with the forms to withdraw it. */
void render_desk_claims(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct metric *m,
                        size_t nm, const struct source *s, size_t ns,
                        const struct proposal *p, size_t np,
                        const struct claim *c, size_t nc);

struct extraction;

/* What the extraction page's form holds, and what the extractor found in
 * it. */
struct extract_form {
    const char *text;               /* the pasted text (valid UTF-8), or NULL */
    size_t len;                     /* its bytes */
    const char *published;          /* YYYY-MM-DD as given, or NULL */
    const char *url;                /* the article's address, or NULL */
    const struct extraction *found; /* of text; NULL: the form alone */
};

/* /admin/t/SLUG/extract: the form to paste an article into; with
 * f->found, the text with each proposal marked and beside it the
 * proposals, each figure with an Accept form, prefilled and editable,
 * that proposes it to POST /admin/t/SLUG/claims (the two-person rule).
 * m and s are the tracker's metrics and the sources to choose from. */
void render_desk_extract(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct extract_form *f,
                         const struct metric *m, size_t nm,
                         const struct source *s, size_t ns);

/* /admin/t/SLUG/settings: the tracker's details, and its metrics with a
 * form to add one. With `mine` (a change refused because someone else
 * changed the settings meanwhile), the form holds mine's values and
 * beside each that differs the one saved now; saving it again keeps
 * mine. */
void render_desk_settings(struct buf *b, const struct desk *d,
                          const struct tracker *t, const struct tracker *mine,
                          const struct metric *m, size_t nm);

/* /admin/t/SLUG/events: the form to record an event (type and sub-type
 * as one choice, ACLED's), and every event with a link to its edit form
 * and a retract button. */
void render_desk_events(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct source *s,
                        size_t ns, const struct event *e, size_t ne);

/* /admin/audit: the last rows of the audit log, newest first. */
void render_desk_audit(struct buf *b, const struct desk *d,
                       const struct audit_entry *e, size_t n);

#endif
