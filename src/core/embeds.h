/*
 * embeds.h: posts from elsewhere, and videos, that an update shows.
 *
 * The editor pastes a link (core/platforms.h tells its platform) and
 * types or confirms the post's author, date and text: Vigil fetches
 * nothing, so the record holds what the editor saw, captured at a time it
 * states, and keeps it if the post is deleted. Pages show it as a facade
 * (render/embed.h) that loads nothing from the platform until a reader
 * asks. Each change is a new row of update_embeds saved with a new
 * revision of its update, in the same transaction and under the same
 * audit row (core/updates.h).
 */
#ifndef VIGIL_CORE_EMBEDS_H
#define VIGIL_CORE_EMBEDS_H

#include <jansson.h>

#include "core/op.h"
#include "util/buf.h"

enum {
    EMBED_AUTHOR_MAX = 200,        /* characters of the author's name */
    EMBED_TEXT_MAX = 5000,         /* characters of the quote: a long thread */
    EMBED_SOURCE_MAX = 200,        /* characters of a video's source */
    EMBED_DURATION_MAX = 86400 * 7 /* seconds: a week-long live stream */
};

/* An embed as given (form, JSON, CLI): strings as typed, NULL when not
 * given. url "" takes an update's embed away (an edit). */
struct embed_input {
    const char *url;      /* required: the post's or video's link */
    const char *author;   /* required: who posted it */
    const char *text;     /* its text (required but for a video) */
    const char *date;     /* when it was posted, YYYY-MM-DD (optional) */
    const char *captured; /* when it was copied, YYYY-MM-DDTHH:MM:SSZ
                             (optional: now) */
    const char *still;    /* SHA-256 of a still in the media store, 64
                             hex digits (optional) */
    const char *duration; /* a video's length: seconds, M:SS or H:MM:SS
                             (optional) */
    const char *source;   /* a video's source (optional) */
};

/* Whether the input takes the embed away (url ""). */
int embed_input_removes(const struct embed_input *in);
/*
 * Checks an embed's input and fills *out (strings in op's arena; all but
 * update_id and rev_no, which the caller sets) stamped by op. Refuses
 * with VG_EINVAL (or VG_ELIMIT) naming the field: "embed" for the link,
 * "embed_author", "embed_text", "embed_date", "embed_captured",
 * "embed_still", "embed_duration", "embed_source".
 */
int embed_prepare(struct op *op, const struct embed_input *in,
                  struct embed *out, struct vg_err *err);
/* Refuses (VG_EINVAL, field "embed_still") an embed whose still is not
 * one of tracker_id's images: a page shows it from the media store. */
int embed_check_still(struct op *op, int64_t tracker_id, const struct embed *e,
                      struct vg_err *err);
/* The row that takes update's embed away, stamped by op. */
void embed_removal(struct op *op, struct embed *out);
/* Sets u[i].embed (in a) for the n updates of one tracker, in one read of
 * the range of their numbers. */
int embeds_fill(struct store *st, struct arena *a, struct update *u, size_t n,
                struct vg_err *err);
/* The embed as JSON (API, audit, feeds): a new reference. */
json_t *embed_json(const struct embed *e);
/* Appends "1:02:03" or "4:05" for a duration in seconds: digits and
 * colons only, so safe in any HTML context as it is. */
void embed_duration_append(struct buf *b, int64_t seconds);

#endif
