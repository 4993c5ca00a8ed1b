/*
 * editing.h: what the desk keeps while an editor writes, so that no text
 * is lost: the text of an open form (autosaved as they type, and kept
 * over a sign-in when their session ended), and who else has an update
 * open (presence).
 *
 * Neither is part of the record: no revision, no audit row, no change
 * for readers. Text is kept per user and per update (number 0: the
 * new-update form of a tracker), one copy each, replaced as it changes
 * and dropped once the form is saved or the editor discards it.
 */
#ifndef VIGIL_CORE_EDITING_H
#define VIGIL_CORE_EDITING_H

#include "core/op.h"

/* Seconds a page counts as open after it last said so (the desk's script
 * says so every minute while the page is open). */
enum { PRESENCE_WINDOW = 150 };

/* A form's text as it came (NULL: not given). */
struct autosave_input {
    int64_t user_id;   /* whose text */
    const char *title; /* one line */
    const char *body;  /* Markdown, as typed */
    const char *kind;  /* an update kind's name */
    const char *rev;   /* an edit form's: the revision it started from */
};

/*
 * Keeps the text of the form for update `number` (0: a new update) of
 * tracker `slug` for in->user_id, replacing what was kept. For editors and
 * contributors (VG_EDENIED otherwise); the tracker and the update must
 * exist (VG_ENOTFOUND naming "tracker" or "number"); the text must be what
 * the form takes: UTF-8 without control characters, a title of at most
 * TITLE_MAX characters, a body of at most MARKDOWN_MAX_BYTES (VG_EINVAL,
 * VG_ELIMIT, naming the field). Text that is the update's as saved
 * drops what was kept instead (it is no longer unsaved). Stores the
 * tracker's id in *tracker_id when not NULL.
 */
int autosave_keep(struct op *op, const char *slug, int64_t number,
                  const struct autosave_input *in, int64_t *tracker_id,
                  struct vg_err *err);
/* Drops the text kept for that user and form (none: no error). */
int autosave_drop(struct op *op, int64_t user_id, int64_t tracker_id,
                  int64_t number, struct vg_err *err);
/* Notes that user_id has the form of update `number` (0: the new-update
 * form) of the tracker open now. */
int presence_note(struct op *op, int64_t user_id, int64_t tracker_id,
                  int64_t number, struct vg_err *err);

#endif
