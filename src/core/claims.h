/*
 * claims.h: recording what a source claims a figure is.
 *
 * A claim is one source's figure for one metric as of one date (DESIGN
 * §2). It is never overwritten: a newer figure from the same source is a
 * new claim, and the highlights box shows each source's latest. A
 * published claim found wrong is withdrawn, with a reason: retracted, or
 * corrected by a new claim that supersedes it. Both go through the
 * two-person rule like a new figure, and both are new rows (store.h).
 */
#ifndef VIGIL_CORE_CLAIMS_H
#define VIGIL_CORE_CLAIMS_H

#include <stdbool.h>

#include "core/op.h"

struct claim_input {
    const char *metric;    /* the tracker's metric key */
    const char *source;    /* source slug */
    const char *qualifier; /* exact, at_least, more_than, about, up_to,
                              range; default exact (range with words) */
    const char *low;       /* the figure, or a range's low end */
    const char *high;      /* a range's high end */
    const char *words;     /* a vague amount: "hundreds", ... */
    const char *as_of;     /* YYYY-MM-DD */
    const char *url;
    const char *quote;
    const char *note;
    const char *scope;
    const char *new_source; /* without a source: the name of one to add
                               (kind other, linked to the tracker) */
};

/* The input that records claim c again (its text in arena a). */
struct claim_input claim_input_of(struct arena *a, const struct claim *c);

/* Records a claim in tracker `slug` directly: the host's path (CLI,
 * imports). Stores its number in *number. */
int claim_add(struct op *op, const char *tracker_slug,
              const struct claim_input *in, int64_t *number,
              struct vg_err *err);

/*
 * Validates a claim for tracker t and inserts it, inside the op's open
 * transaction, without an audit row. c->number, status, recorded_by and
 * recorded_at must be set; the rest comes from in. For claim_add and
 * imports.
 */
int claim_insert_checked(struct op *op, const struct tracker *t,
                         const struct claim_input *in, struct claim *c,
                         struct vg_err *err);

/*
 * The two-person rule (DESIGN §2): an editor or verifier proposes a
 * figure; a verifier other than the proposer approves it, which records
 * the claim, or rejects it. Stores the proposal's id in *id.
 */
int claim_propose(struct op *op, const char *tracker_slug,
                  const struct claim_input *in, int64_t *id,
                  struct vg_err *err);
/* Approves (the claim's number in *number: the new claim, or the one
 * retracted) or rejects proposal id: VG_EDENIED for a non-verifier or the
 * proposer, VG_ECONFLICT when it was already decided or its claim was
 * withdrawn meanwhile. */
int claim_decide(struct op *op, const char *tracker_slug, int64_t id,
                 bool approve, int64_t *number, struct vg_err *err);

/* A published claim withdrawn: retracted, or (with `correction`)
 * corrected by a new claim. */
struct retraction_input {
    int64_t number;     /* the claim withdrawn */
    const char *reason; /* why, one line: required */
    /* The correcting figure, or NULL to retract. A field left NULL is the
     * old claim's (the figure itself, qualifier, low, high and words, only
     * as a whole); "" clears url, quote, note or scope. */
    const struct claim_input *correction;
};

/* Proposes withdrawing a claim (an editor or verifier); approval by a
 * verifier other than the proposer withdraws it (claim_decide). Stores
 * the proposal's id in *id. VG_ECONFLICT when the claim is withdrawn
 * already. */
int claim_retract_propose(struct op *op, const char *tracker_slug,
                          const struct retraction_input *in, int64_t *id,
                          struct vg_err *err);
/* Withdraws a claim at once: the host's path (the CLI), as claim_add.
 * Stores the correcting claim's number in *number (0 for a retraction). */
int claim_retract(struct op *op, const char *tracker_slug,
                  const struct retraction_input *in, int64_t *number,
                  struct vg_err *err);
#endif
