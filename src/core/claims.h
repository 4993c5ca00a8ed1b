/*
 * claims.h: recording what a source claims a figure is.
 *
 * A claim is one source's figure for one metric as of one date (DESIGN
 * §2). It is never overwritten: a newer figure from the same source is a
 * new claim, and the highlights box shows each source's latest.
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
/* Approves (the claim's number in *number) or rejects proposal id:
 * VG_EDENIED for a non-verifier or the proposer, VG_ECONFLICT when it was
 * already decided. */
int claim_decide(struct op *op, const char *tracker_slug, int64_t id,
                 bool approve, int64_t *number, struct vg_err *err);

#endif
