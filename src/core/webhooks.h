/*
 * webhooks.h: notifying a newsroom's systems of a tracker's changes.
 *
 * A webhook names a tracker, an http(s) URL and the kinds of change it
 * wants (the table below). Each change of those kinds queues one outbox
 * row per webhook in the same transaction as the change itself, so a
 * committed change always has its notifications and a rolled-back one
 * never does; the payload is built then, from the change as committed.
 * http/courier.h sends the rows: each webhook's in order, each at least
 * once, retried with backoff until its receiver answers 2xx.
 *
 * What a receiver gets: a POST of the JSON payload with the headers
 *   Vigil-Event: KIND
 *   Vigil-Timestamp: UNIX-SECONDS (the attempt's)
 *   Vigil-Signature: sha256=HEX, HMAC-SHA256 keyed with the webhook's
 *     secret (its 64 hex digits as text) over "TIMESTAMP.BODY"
 *   Idempotency-Key: the same on every attempt at one notification
 */
#ifndef VIGIL_CORE_WEBHOOKS_H
#define VIGIL_CORE_WEBHOOKS_H

#include <stddef.h>
#include <stdint.h>

#include "core/op.h"

/* ==== Kinds ==== */

enum webhook_kind {
    HOOK_UPDATE_PUBLISHED, /* an update became public */
    HOOK_UPDATE_EDITED,    /* a public update's title or text changed */
    HOOK_UPDATE_CORRECTED, /* a correction of an update was published */
    HOOK_UPDATE_RETRACTED, /* a public update was retracted */
    HOOK_FIGURE_PUBLISHED, /* a figure joined the highlights */
    HOOK_FIGURE_CORRECTED, /* a figure was replaced by its correction */
    HOOK_FIGURE_RETRACTED, /* a figure was withdrawn */
    HOOK_KIND_COUNT
};

struct webhook_kind_row {
    enum webhook_kind kind;
    const char *name;    /* "update.published": Vigil-Event, --kinds */
    const char *summary; /* for --help and the README */
};

/* One row per kind, indexed by enum webhook_kind. Migration 23 checks
 * an outbox row's kind against the same names. */
extern const struct webhook_kind_row webhook_kinds[HOOK_KIND_COUNT];

/* ==== Managing webhooks (admins; the host's CLI) ==== */

enum { WEBHOOK_SECRET_LEN = 64, WEBHOOK_URL_MAX = 2048 };

/* Adds a webhook to tracker `slug` for the comma-separated kinds (NULL:
 * every kind). Refuses a URL that is not http(s) with a host, or that
 * carries credentials, spaces or control characters; an unknown kind; an
 * unknown tracker; a URL the tracker already has. Generates the secret
 * into secret (shown once by the caller) and the id into *id. Audited:
 * webhook.add (without the secret). */
int webhook_add(struct op *op, const char *slug, const char *url,
                const char *kinds, char secret[WEBHOOK_SECRET_LEN + 1],
                int64_t *id, struct vg_err *err);
/* Removes webhook id and the notifications it has not sent; with slug
 * (not NULL), only one of that tracker's (else VG_ENOTFOUND). Audited:
 * webhook.remove. */
int webhook_remove(struct op *op, const char *slug, int64_t id,
                   struct vg_err *err);
/* The form's name of kind k ("kind-update.published"): one checkbox per
 * row of webhook_kinds. */
const char *webhook_kind_field(struct arena *a, enum webhook_kind k);

/* ==== Notifying (inside a write operation's transaction) ==== */

/* Queues what the change of an update from `before` (NULL: just posted)
 * to u means for the webhooks of tracker t: published, edited,
 * corrected or retracted; nothing for a change readers do not see. */
int webhook_on_update(struct op *op, const struct tracker *t,
                      const struct update *before, const struct update *u,
                      struct vg_err *err);
/* Queues figure c of tracker t: published (old NULL), or old withdrawn,
 * corrected by c (c not NULL) or retracted (c NULL), for `reason`. */
int webhook_on_figure(struct op *op, const struct tracker *t,
                      const struct claim *old, const struct claim *c,
                      const char *reason, struct vg_err *err);

/* ==== Signing ==== */

/* The HMAC-SHA256 of msg keyed with key, as 64 lowercase hex digits. */
void webhook_hmac_hex(const void *key, size_t keylen, const void *msg,
                      size_t len, char out[65]);
/* The signature a receiver checks: webhook_hmac_hex keyed with secret's
 * text over "TIMESTAMP.BODY" (timestamp in decimal Unix seconds). */
void webhook_sign(const char *secret, int64_t timestamp, const char *body,
                  size_t len, char out[65]);

#endif
