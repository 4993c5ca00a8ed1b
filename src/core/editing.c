/* editing.c: autosaved text and presence, outside the record. */
#include "core/editing.h"

#include <string.h>

#include "model/enums.h"
#include "core/markdown.h"
#include "core/trackers.h"
#include "core/validate.h"

/* Runs one store call in its own write transaction. */
static int in_transaction(struct op *op, int rc, struct vg_err *err)
{
    if (rc == 0)
        return store_commit(op->st, err);
    store_rollback(op->st);
    return rc;
}

/* Checks the text as the form would take it; fills as. */
static int take_text(const struct autosave_input *in, struct autosave *as,
                     struct vg_err *err)
{
    int kind;
    as->title = in->title ? in->title : "";
    as->body = in->body ? in->body : "";
    as->kind = in->kind && *in->kind ? in->kind : NULL;
    int rc = check_line("title", as->title, 0, TITLE_MAX, err);
    if (rc == 0 && strlen(as->body) > MARKDOWN_MAX_BYTES)
        rc = vg_err_set(err, VG_ELIMIT, "body", "is over %d bytes",
                        MARKDOWN_MAX_BYTES);
    if (rc == 0)
        rc = check_text("body", as->body, MARKDOWN_MAX_BYTES, err);
    if (rc == 0 && as->kind)
        rc = parse_enum("kind", as->kind, &update_kind_names, &kind, err);
    if (rc == 0 && in->rev && *in->rev)
        rc = parse_count("rev", in->rev, &as->base_rev, err);
    return rc;
}

/* The tracker and, for an edit, the update must exist; *saved: the text
 * is the update's as saved (nothing to keep). */
static int find_form(struct op *op, const char *slug, int64_t number,
                     struct autosave *as, bool *saved, struct vg_err *err)
{
    struct tracker t;
    struct update u;
    int rc = tracker_find(op, "tracker", slug, &t, err);
    *saved = false;
    if (rc != 0)
        return rc;
    as->tracker_id = t.id;
    as->number = number;
    if (number == 0)
        return 0;
    rc = store_update_get(op->st, op->arena, t.id, number, &u, err);
    if (rc == VG_ENOTFOUND)
        vg_err_set(err, rc, "number", "tracker %s has no update %lld", t.slug,
                   (long long)number);
    *saved = rc == 0 && strcmp(u.title, as->title) == 0 &&
             strcmp(u.body_md, as->body) == 0;
    return rc;
}

int autosave_keep(struct op *op, const char *slug, int64_t number,
                  const struct autosave_input *in, int64_t *tracker_id,
                  struct vg_err *err)
{
    struct autosave as = {.user_id = in->user_id, .saved_at = op->now};
    int rc = op_require(op, ROLE_EDITOR | ROLE_CONTRIBUTOR,
                        "keep the text of an update", err);
    if (rc == 0)
        rc = take_text(in, &as, err);
    if (rc == 0)
        rc = store_begin(op->st, err);
    if (rc != 0)
        return rc;
    bool saved;
    rc = find_form(op, slug, number, &as, &saved, err);
    /* Text that is the update's already (a copy sent as the form was
     * saved, arriving after it) is no text to give back. */
    if (rc == 0 && saved)
        rc = store_autosave_delete(op->st, as.user_id, as.tracker_id, number,
                                   err);
    else if (rc == 0)
        rc = store_autosave_put(op->st, &as, err);
    if (rc == 0 && tracker_id)
        *tracker_id = as.tracker_id;
    return in_transaction(op, rc, err);
}

int autosave_drop(struct op *op, int64_t user_id, int64_t tracker_id,
                  int64_t number, struct vg_err *err)
{
    int rc = store_begin(op->st, err);
    if (rc != 0)
        return rc;
    rc = store_autosave_delete(op->st, user_id, tracker_id, number, err);
    return in_transaction(op, rc, err);
}

int presence_note(struct op *op, int64_t user_id, int64_t tracker_id,
                  int64_t number, struct vg_err *err)
{
    int rc = store_begin(op->st, err);
    if (rc != 0)
        return rc;
    rc =
        store_presence_touch(op->st, user_id, tracker_id, number, op->now, err);
    return in_transaction(op, rc, err);
}
