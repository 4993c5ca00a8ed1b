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

#include "model/enums.h"
#include "model/model.h"
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
/* The same with its empty choice reading `empty` (in the editor's
 * language already). */
void render_desk_pick_source(struct buf *b, const struct source *s, size_t n,
                             const char *empty, bool required,
                             const char *selected);
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

/* The pages are one file each: signin, desk_index, desk_claims,
 * desk_settings, desk_events, desk_audit, desk_extract, desk_updates,
 * and the others named desk_* and *_desk. */

#endif
