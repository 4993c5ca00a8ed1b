/*
 * updates.h: posting, editing, retracting, pinning and marking updates.
 *
 * Nothing is overwritten: every change appends a revision (store.h) and
 * the update shows its latest. A retraction keeps the text and marks it
 * retracted; a retracted update takes no further edits. At most one
 * update of a tracker is pinned: pinning one unpins the other, which gets
 * its own revision. An update of kind correction may name the public
 * update it corrects, once (a hash-chained row); that update then shows
 * a notice linking to it while the correction is published.
 */
#ifndef VIGIL_CORE_UPDATES_H
#define VIGIL_CORE_UPDATES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/embeds.h"
#include "core/op.h"

struct update_input {
    const char *title; /* optional one line */
    const char *body;  /* Markdown; may hold any bytes (checked) */
    size_t body_len;
    const char *kind;   /* update, statement, news-brief, correction */
    const char *lang;   /* optional BCP 47 tag */
    bool pinned;        /* post only */
    bool key_event;     /* post only */
    bool draft;         /* post only: save as a draft (contributors always) */
    int64_t publish_at; /* post only: a later time to publish at (0: now) */
    int64_t corrects;   /* the number of the public update this one
                           corrects (kind correction; 0: none) */
    const char *rev;    /* edit only, required: the revision the edit
                           started from (a number, as given) */
    /* A post from elsewhere or a video to show (core/embeds.h), saved
     * with the revision; NULL keeps the update's (an edit's url ""
     * takes it away). */
    const struct embed_input *embed;
};

/*
 * Who may do what: an editor posts, publishes drafts, edits, retracts,
 * pins and marks; a contributor's posts are drafts, and they may edit
 * only drafts they started. Anyone else is refused with VG_EDENIED.
 */

/* Posts an update, published (or a draft: in->draft, or a contributor;
 * or scheduled: in->publish_at later than now, an editor's only); stores
 * its per-tracker number in *number. */
int update_post(struct op *op, const char *tracker_slug,
                const struct update_input *in, int64_t *number,
                struct vg_err *err);
/*
 * Edits the given fields (title, body, kind, lang, corrects, embed; NULL
 * or 0 keeps; a correction keeps the update it names, and its kind). in->rev
 * names the revision the editor started from: when the title, body, kind
 * or language changed after it (someone else's edit; a pin or any other
 * change of state does not count), the edit is refused with VG_ECONFLICT
 * naming "rev", and nothing changes. Without in->rev, or with a revision
 * the update does not have: VG_EINVAL naming "rev".
 */
int update_edit(struct op *op, const char *tracker_slug, int64_t number,
                const struct update_input *in, struct vg_err *err);
/* True when a and b (revisions of one update) have the same title, body,
 * kind and language: what an edit changes. */
bool update_text_same(const struct update *a, const struct update *b);
/* The latest of revs[0..n) (oldest first) that changed the text (see
 * update_text_same) from the one before it, or revs[0]; NULL when n is
 * 0. For saying who wrote the text a stale edit would replace. */
const struct update *update_text_author(const struct update *revs, size_t n);
/* Publishes every scheduled update whose time has come, each in its own
 * transaction with its audit row; stores how many in *count. The op's
 * actor is recorded as their publisher ("scheduler"). */
int update_publish_due(struct op *op, size_t *count, struct vg_err *err);
/*
 * The changes an update takes, one row each, read by every layer: the
 * desk's buttons (label, offered) and routes (name: the path's last
 * segment), the write API's and the CLI's verbs (name, and undo for
 * {"on": false} and --off), the audit log (audit) and a refusal (deed).
 */
enum update_act {
    UPDATE_ACT_EDIT, /* the text: update_edit */
    UPDATE_ACT_PUBLISH,
    UPDATE_ACT_RETRACT, /* keeps its text, public as retracted */
    UPDATE_ACT_PIN,
    UPDATE_ACT_UNPIN,
    UPDATE_ACT_KEY, /* marks it a key event */
    UPDATE_ACT_UNKEY,
    UPDATE_ACT_COUNT
};
struct update_act_row {
    enum update_act act;
    const char *name;     /* NULL for the edit, which has its own forms */
    const char *label;    /* the desk's button, N_() (translate on use) */
    const char *audit;    /* the audit row's action */
    const char *deed;     /* what a refused role was not allowed to do */
    enum update_act undo; /* what undoes it (pin: unpin), or itself */
    bool (*offered)(const struct update *u); /* the desk offers it */
};
extern const struct update_act_row update_acts[UPDATE_ACT_COUNT];
/* The row whose name is `name`, or NULL. */
const struct update_act_row *update_act_named(const char *name);
/* Makes change `what` (any but the edit) to update `number`, in one
 * transaction with its audit row. Refused: VG_ECONFLICT (already
 * published, or retracted: only unkey still applies), VG_EDENIED. */
int update_act(struct op *op, const char *tracker_slug, int64_t number,
               enum update_act what, struct vg_err *err);

/* Marks next, the revision after prev, as an edit (edited_at: its
 * revised_at) when it changes the title or body readers saw in prev;
 * otherwise it keeps prev's mark. A pin, a key mark, a publication or a
 * schedule is a revision but no edit. */
void update_note_edit(const struct update *prev, struct update *next);
/* Keeps, in place, the revisions readers may see: those saved while the
 * update was public (a draft's text never was). Returns how many. */
size_t update_public_revisions(struct update *revs, size_t n);
/*
 * Validates revision u (title, lang, body_md), renders its body_html into
 * the op's arena and saves it. For callers that set every other field
 * themselves (posting, editing, importing). With own_images, an image of
 * the media store that the tracker lacks is refused (a writer's slip);
 * without (an import, whose images may not have come with it), it stays
 * a link, as any other image.
 */
int update_save_checked(struct op *op, struct update *u, bool own_images,
                        struct vg_err *err);

#endif
