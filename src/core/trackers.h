/*
 * trackers.h: creating and changing trackers.
 *
 * Input comes as strings from whichever door it used (CLI options, form
 * fields, JSON); NULL means "not given". A tracker's slug is permanent: it
 * is in every URL and every mirror.
 */
#ifndef VIGIL_CORE_TRACKERS_H
#define VIGIL_CORE_TRACKERS_H

#include "core/op.h"
#include "util/i18n.h"

struct tracker_input {
    const char *slug;
    const char *title;
    const char *summary;
    const char *started_on;    /* YYYY-MM-DD */
    const char *ended_on;      /* YYYY-MM-DD, or "" to clear */
    const char *timezone;      /* IANA name */
    const char *status;        /* live, paused, ended */
    const char *country;       /* ISO alpha-2, or "" to clear */
    const char *languages;     /* "fa,en" */
    const char *version;       /* set: the settings the change started from
                                  (tracker_version), or NULL */
    const char *bylines;       /* "on" or "off": updates show who wrote them */
    const char *gregorian;     /* "on" or "off": the Gregorian date beside */
    const char *frame_origins; /* "https://news.example https://b.example":
                                  who may frame the embed page; "" for none */
};

enum {
    TRACKER_VERSION_LEN = 16, /* hex digits */
    FRAME_ORIGINS_MAX = 16,   /* origins that may frame the embed page */
};

/* Creates a tracker. Requires slug, title, started_on and timezone; status
 * defaults to live, languages to "en". Fills *out (strings lent from in).
 * A creator who is a user without the editor role everywhere becomes an
 * editor of the new tracker, so that they may open what they made (the
 * audit row's "after" names them as "editor"). */
int tracker_create(struct op *op, const struct tracker_input *in,
                   struct tracker *out, struct vg_err *err);

/* Changes the given fields of tracker `slug` (in->slug must be NULL).
 * Ending a tracker without an end date ends it today, in its time zone;
 * making it live again clears the end date. With in->version, a change
 * that started from other settings than the tracker has now (someone
 * else changed them meanwhile) is refused with VG_ECONFLICT naming
 * "version", and nothing changes. */
int tracker_set(struct op *op, const char *slug, const struct tracker_input *in,
                struct vg_err *err);

/* A fingerprint of t's settings (every field a change may set), for a
 * form to say which settings it started from: 16 hex digits into out. */
void tracker_version(const struct tracker *t,
                     char out[TRACKER_VERSION_LEN + 1]);
/* Archives a tracker (on) or makes it writable again: an archived
 * tracker stays public and unchanged, and every write to it is refused
 * (tracker_find) until it is unarchived. Refused (VG_ECONFLICT) when it
 * is already so, or, to archive, while it holds scheduled updates (the
 * scheduler could not publish them). One audit row: tracker.archive or
 * tracker.unarchive. */
int tracker_archive(struct op *op, const char *slug, bool on,
                    struct vg_err *err);
/* Takes a tracker off the index of trackers and the API's list (on), or
 * puts it back; its own pages stay at their addresses. Refused
 * (VG_ECONFLICT) when it is already so. Audited: tracker.unlist or
 * tracker.list. Allowed on an archived tracker. */
int tracker_unlist(struct op *op, const char *slug, bool on,
                   struct vg_err *err);

/* Loads tracker `slug`, or fails with VG_ENOTFOUND naming `field`. */
int tracker_lookup(struct store *st, struct arena *a, const char *field,
                   const char *slug, struct tracker *out, struct vg_err *err);
/* tracker_lookup within an operation that changes the tracker or what it
 * holds: an archived tracker is refused (VG_ECONFLICT, the message says
 * it is read-only). */
int tracker_find(struct op *op, const char *field, const char *slug,
                 struct tracker *out, struct vg_err *err);

/* Validates t as a whole (for create, set and import). */
int tracker_check(const struct tracker *t, struct vg_err *err);

/* Applies the given input fields to t, parsing dates and names. */
int tracker_apply(struct tracker *t, const struct tracker_input *in,
                  struct vg_err *err);

/* The language of tracker t's pages for readers: the first of its
 * languages, when Vigil is translated into it; NULL (English) otherwise. */
const struct i18n_lang *tracker_lang(const struct tracker *t);
/* How its pages write dates and numbers: its language's own, or what its
 * main language tag asks for (util/i18n.h's i18n_style_of). */
void tracker_style(const struct tracker *t, struct cal_style *out);

#endif
