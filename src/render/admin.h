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

/* The page head: the desk's navigation, d->notice if any, and an <h1> of
 * title. render_desk_end closes the page. */
void render_desk_begin(struct buf *b, const struct desk *d, const char *title);
void render_desk_end(struct buf *b, const struct desk *d);
/* <form method="post" action="..."> with the session's CSRF token; the
 * caller closes it. */
void render_desk_form(struct buf *b, const struct desk *d, const char *action);
/* A labelled <input> of type (text, date, ...) holding value (or empty). */
void render_desk_input(struct buf *b, const char *label, const char *name,
                       const char *value, const char *type, bool required);
/* A labelled checkbox (value "1"), ticked when on. */
void render_desk_checkbox(struct buf *b, const char *label, const char *name,
                          bool on);
/* A one-button form posting to action. */
void render_desk_button(struct buf *b, const struct desk *d, const char *action,
                        const char *label);

/* ==== Pages ==== */

/* The sign-in form; message (an earlier refusal) may be NULL. demo says
 * that the second factor is not required. */
void render_login_page(struct buf *b, const struct site *s, const char *csrf,
                       const char *message, bool demo);

/* /admin: the trackers to work on (those the user holds a role on;
 * every one for an admin) and what the user may do on each. */
void render_desk_index(struct buf *b, const struct desk *d,
                       const struct tracker *t, size_t n);

/* What the post form holds (again, after a preview or a refusal). */
struct post_form {
    const char *title, *body, *kind;
    const char *publish_at; /* a later publication time, or NULL */
    bool key_event, pinned, draft;
    const char *preview_html; /* rendered Markdown to show, or NULL */
};

/* /admin/t/SLUG: the post form and every update, drafts first. */
void render_desk_tracker(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct post_form *f,
                         const struct update *u, size_t n);

/* /admin/t/SLUG/u/N: the edit form, actions and revisions (oldest
 * first). */
void render_desk_update(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct update *u,
                        const struct post_form *f, const struct update *revs,
                        size_t nrev);

/* /admin/t/SLUG/claims: the proposal form and proposals, newest first. */
void render_desk_claims(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct metric *m,
                        size_t nm, const struct source *s, size_t ns,
                        const struct proposal *p, size_t np);

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
 * form to add one. */
void render_desk_settings(struct buf *b, const struct desk *d,
                          const struct tracker *t, const struct metric *m,
                          size_t nm);

/* /admin/t/SLUG/events: the form to record an event (type and sub-type
 * as one choice, ACLED's), and every event with a retract button. */
void render_desk_events(struct buf *b, const struct desk *d,
                        const struct tracker *t, const struct source *s,
                        size_t ns, const struct event *e, size_t ne);

/* /admin/sources: the sources and a form to add one. */
void render_desk_sources(struct buf *b, const struct desk *d,
                         const struct source *s, size_t n);

/* /admin/audit: the last rows of the audit log, newest first. */
void render_desk_audit(struct buf *b, const struct desk *d,
                       const struct audit_entry *e, size_t n);

#endif
