/*
 * corrections.h: the desk's forms that set the record straight without
 * erasing it: a published figure withdrawn (retracted with a reason, or
 * corrected by a new claim that supersedes it, both for a second person
 * to approve) and an event edited (a new revision).
 *
 * Server-rendered forms, as admin.h's, each with the session's CSRF
 * token; text goes through the html.h writers.
 */
#ifndef VIGIL_RENDER_CORRECTIONS_H
#define VIGIL_RENDER_CORRECTIONS_H

#include <stddef.h>

#include "core/claims.h"
#include "core/events.h"
#include "render/admin.h"

/* The claims of tracker t (c[0..n), as the store lists them): each
 * standing one with a form to retract it (a reason) and a link to
 * correct it; each withdrawn one with when, why and what corrects it. */
void render_desk_claim_list(struct buf *b, const struct desk *d,
                            const struct tracker *t, const struct claim *c,
                            size_t n);

/* What a proposal to withdraw a claim asks, with its reason, before its
 * figure in a list of proposals (nothing for a new figure's). */
void render_desk_withdrawal_asked(struct buf *b, const struct proposal *p);

/* What the correction form holds: the figure and the reason. */
struct correct_form {
    struct claim_input in; /* fields as text; NULL: empty */
    const char *reason;
};

/* /admin/t/SLUG/claims/N/correct: claim c and the form proposing the
 * figure that corrects it (f, claim_input_of(c) at first), with the
 * tracker's metrics m[0..nm) and the sources s[0..ns) to choose from. */
void render_desk_correct(struct buf *b, const struct desk *d,
                         const struct tracker *t, const struct claim *c,
                         const struct correct_form *f, const struct metric *m,
                         size_t nm, const struct source *s, size_t ns);

/* The choice of an event's type and sub-type as one field, "kind"
 * ("Type|Sub-type"), the pair given (or none) chosen. */
void render_desk_select_event_kind(struct buf *b, const char *type,
                                   const char *sub_type);

/* /admin/t/SLUG/events/N: event e and the form to edit it, holding f
 * (event_input_of(e) at first), with the sources s[0..ns). */
void render_desk_event(struct buf *b, const struct desk *d,
                       const struct tracker *t, const struct event *e,
                       const struct event_input *f, const struct source *s,
                       size_t ns);

#endif
