/*
 * desk_updates.h: the desk's pages of updates: a tracker's post form with
 * its drafts and updates, and an update's edit form, actions and
 * revisions. The forms keep their text as it is typed (the desk's
 * script, core/editing.h); an edit that someone else's overtook shows
 * the editor's text beside the one saved meanwhile, with the choice.
 */
#ifndef VIGIL_RENDER_DESK_UPDATES_H
#define VIGIL_RENDER_DESK_UPDATES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/embeds.h"
#include "render/admin.h"

/* What the post form holds (again, after a preview or a refusal). */
struct post_form {
    const char *title, *body, *kind;
    const char *corrects;   /* the update a correction corrects, or NULL */
    const char *publish_at; /* a later publication time, or NULL */
    bool key_event, pinned, draft;
    const char *preview_html; /* rendered Markdown to show, or NULL */
    const char *rev;          /* an edit's: the revision it started from */
    /* A stale edit (someone else changed the text since f->rev): the
     * update as it is now, shown beside the editor's text with the
     * choice to keep theirs or their own or to merge; and the revision
     * that wrote its text. NULL otherwise. */
    const struct update *theirs, *theirs_by;
    bool kept;            /* the text is a kept copy, not saved: offer to
                             discard it */
    const char *autosave; /* where the desk's script keeps the text as it
                             is typed, or NULL */
    const struct presence *others; /* who else has the update open */
    size_t nothers;
    /* A post from elsewhere or a video (core/embeds.h), as typed: the
     * fields' values, or NULL. */
    struct embed_input embed;
    /* On a preview, the embed as the record would keep it (the link
     * recognised), shown as readers will see it; or NULL. */
    const struct embed *embed_preview;
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

#endif
