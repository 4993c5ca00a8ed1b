/* claims.c: validating and recording claims. */
#include "core/claims.h"

#include <string.h>

#include "core/audit.h"
#include "core/entity_json.h"
#include "core/enums.h"
#include "core/figure.h"
#include "core/sources.h"
#include "core/trackers.h"
#include "core/validate.h"

/* Vague words fix the range; an explicit figure must agree with them. */
static int apply_words(const struct claim_input *in, struct claim *c,
                       struct vg_err *err)
{
    const struct vague_amount *v = vague_lookup(in->words);
    if (v == NULL)
        return vg_err_set(err, VG_EINVAL, "words",
                          "\"%.40s\" is not a vague amount; use one of: %s",
                          in->words, vague_list());
    if (in->qualifier && c->qualifier != QUAL_RANGE)
        return vg_err_set(err, VG_EINVAL, "qualifier",
                          "a vague amount is a range");
    if ((in->low && c->low != v->low) || (in->high && c->high != v->high))
        return vg_err_set(err, VG_EINVAL, in->low ? "low" : "high",
                          "\"%s\" means %lld to %lld", v->words,
                          (long long)v->low, (long long)v->high);
    c->qualifier = QUAL_RANGE;
    c->words = v->words;
    c->low = v->low;
    c->high = v->high;
    return 0;
}

static int parse_figure(const struct claim_input *in, struct claim *c,
                        struct vg_err *err)
{
    int q = in->words ? QUAL_RANGE : QUAL_EXACT, rc = 0;
    c->high = -1;
    if (in->qualifier)
        rc = parse_enum("qualifier", in->qualifier, &qualifier_names, &q, err);
    c->qualifier = (enum qualifier)q;
    if (rc == 0 && in->low)
        rc = parse_count("low", in->low, &c->low, err);
    if (rc == 0 && in->high)
        rc = parse_count("high", in->high, &c->high, err);
    if (rc != 0 || in->words)
        return rc ? rc : apply_words(in, c, err);
    if (in->low == NULL)
        return vg_err_set(err, VG_EINVAL, "low",
                          "is required (the figure), unless words name a "
                          "vague amount");
    if (c->qualifier == QUAL_RANGE && in->high == NULL)
        return vg_err_set(err, VG_EINVAL, "high", "a range needs a high end");
    if (c->qualifier != QUAL_RANGE && in->high)
        return vg_err_set(err, VG_EINVAL, "high",
                          "only a range has a high end (qualifier range)");
    if (c->high >= 0 && c->high < c->low)
        return vg_err_set(err, VG_EINVAL, "high", "is below low (%lld < %lld)",
                          (long long)c->high, (long long)c->low);
    return 0;
}

/* The as-of date may not lie in the future (the UTC date plus one day
 * allows for zones ahead of UTC). */
static int parse_as_of(struct op *op, const char *s, struct vg_date *out,
                       struct vg_err *err)
{
    int rc = parse_date("as_of", s, out, err);
    if (rc != 0)
        return rc;
    int64_t latest = date_to_days(timestamp_utc_date(op->now)) + 1;
    if (date_to_days(*out) > latest)
        return vg_err_set(err, VG_EINVAL, "as_of", "is in the future");
    return 0;
}

static int check_texts(const struct claim_input *in, struct vg_err *err)
{
    int rc = 0;
    if (in->url)
        rc = check_url("url", in->url, err);
    if (rc == 0 && in->quote)
        rc = check_text("quote", in->quote, QUOTE_MAX, err);
    if (rc == 0 && in->note)
        rc = check_line("note", in->note, 1, NOTE_MAX, err);
    if (rc == 0 && in->scope)
        rc = check_line("scope", in->scope, 1, NAME_MAX_CHARS, err);
    return rc;
}

/* Validates the input and fills c's figure, metric and source. */
static int claim_build(struct op *op, const struct tracker *t,
                       const struct claim_input *in, struct claim *c,
                       struct vg_err *err)
{
    struct metric m;
    struct source s;
    int rc = parse_figure(in, c, err);
    if (rc == 0)
        rc = parse_as_of(op, in->as_of, &c->as_of, err);
    if (rc == 0)
        rc = check_texts(in, err);
    if (rc == 0 && in->metric == NULL)
        rc = vg_err_set(err, VG_EINVAL, "metric", "is required");
    if (rc == 0 && in->source == NULL && in->new_source == NULL)
        rc = vg_err_set(err, VG_EINVAL, "source",
                        "is required: every figure is someone's claim");
    if (rc == 0)
        rc = metric_find(op, "metric", t->id, in->metric, &m, err);
    if (rc == 0)
        rc = in->source ? source_find(op, "source", in->source, &s, err)
                        : source_add_named(op, t, in->new_source, &s, err);
    if (rc == 0)
        rc = source_use(op, t->id, s.id, err);
    if (rc != 0)
        return rc;
    c->tracker_id = t->id;
    c->metric_id = m.id;
    c->source_id = s.id;
    c->metric_key = m.key;
    c->source_slug = s.slug;
    c->source_name = s.name;
    c->url = in->url;
    c->quote = in->quote;
    c->note = in->note;
    c->scope = in->scope;
    return 0;
}

int claim_insert_checked(struct op *op, const struct tracker *t,
                         const struct claim_input *in, struct claim *c,
                         struct vg_err *err)
{
    int rc = claim_build(op, t, in, c, err);
    return rc ? rc : store_claim_insert(op->st, c, err);
}

struct add_ctx {
    const char *slug;
    const struct claim_input *in;
    int64_t number;
};

static int add_body(struct op *op, void *p, struct vg_err *err)
{
    struct add_ctx *a = p;
    struct tracker t;
    struct claim c = {.status = CLAIM_REPORTED,
                      .recorded_by = op->actor,
                      .recorded_at = op->now};
    /* Publishing a figure alone is the host's (imports, the CLI); people
     * propose, and a verifier approves (claim_propose). */
    if (op->roles != ROLE_ALL)
        return vg_err_set(err, VG_EDENIED, NULL,
                          "a figure is published by a second person: "
                          "propose it");
    int rc = tracker_find(op, "tracker", a->slug, &t, err);
    if (rc == 0)
        rc = store_claim_next_number(op->st, t.id, &c.number, err);
    if (rc == 0)
        rc = claim_insert_checked(op, &t, a->in, &c, err);
    if (rc == 0)
        rc = audit_change(op, t.id, CHANGE_FIGURES, 0, err);
    if (rc != 0)
        return rc;
    a->number = c.number;
    return audit_record(
        op, "claim.add",
        audit_entity(op, "tracker/%s/claim/%lld", t.slug, (long long)c.number),
        NULL, claim_json(&c), err);
}

int claim_add(struct op *op, const char *tracker_slug,
              const struct claim_input *in, int64_t *number, struct vg_err *err)
{
    struct add_ctx a = {tracker_slug, in, 0};
    int rc = audit_transaction(op, add_body, &a, err);
    if (rc == 0 && number)
        *number = a.number;
    return rc;
}

/* ==== The two-person rule ==== */

struct propose_ctx {
    const char *slug;
    const struct claim_input *in;
    int64_t id;
};

static int propose_body(struct op *op, void *p, struct vg_err *err)
{
    struct propose_ctx *x = p;
    struct tracker t;
    struct proposal pr = {.claim = {.status = CLAIM_REPORTED,
                                    .recorded_by = op->actor,
                                    .recorded_at = op->now}};
    int rc =
        op_require(op, ROLE_EDITOR | ROLE_VERIFIER, "propose a figure", err);
    if (rc == 0)
        rc = tracker_find(op, "tracker", x->slug, &t, err);
    if (rc == 0)
        rc = claim_build(op, &t, x->in, &pr.claim, err);
    if (rc == 0)
        rc = store_proposal_insert(op->st, &pr, err);
    if (rc != 0)
        return rc;
    x->id = pr.id;
    return audit_record(
        op, "claim.propose",
        audit_entity(op, "tracker/%s/proposal/%lld", t.slug, (long long)pr.id),
        NULL, claim_json(&pr.claim), err);
}

int claim_propose(struct op *op, const char *tracker_slug,
                  const struct claim_input *in, int64_t *id, struct vg_err *err)
{
    struct propose_ctx x = {tracker_slug, in, 0};
    int rc = audit_transaction(op, propose_body, &x, err);
    if (rc == 0 && id)
        *id = x.id;
    return rc;
}

struct decide_ctx {
    const char *slug;
    int64_t id;
    bool approve;
    int64_t number;
};

static int decide_body(struct op *op, void *p, struct vg_err *err)
{
    struct decide_ctx *x = p;
    struct tracker t;
    struct proposal pr;
    int rc =
        op_require(op, ROLE_VERIFIER,
                   x->approve ? "approve a figure" : "reject a figure", err);
    if (rc == 0)
        rc = tracker_find(op, "tracker", x->slug, &t, err);
    if (rc == 0 && (rc = store_proposal_get(op->st, op->arena, t.id, x->id, &pr,
                                            err)) == VG_ENOTFOUND)
        vg_err_set(err, rc, "proposal", "tracker %s has no proposal %lld",
                   t.slug, (long long)x->id);
    if (rc != 0)
        return rc;
    if (pr.state != PROPOSAL_PENDING)
        return vg_err_set(err, VG_ECONFLICT, "proposal",
                          "proposal %lld was already %s", (long long)pr.id,
                          enum_name(&proposal_state_names, (int)pr.state));
    if (x->approve && strcmp(pr.claim.recorded_by, op->actor) == 0)
        return vg_err_set(err, VG_EDENIED, "proposal",
                          "a figure needs a second person: you proposed it, "
                          "another verifier must approve it");
    json_t *before = claim_json(&pr.claim);
    pr.state = x->approve ? PROPOSAL_APPROVED : PROPOSAL_REJECTED;
    pr.decided_by = op->actor;
    pr.decided_at = op->now;
    if (x->approve) {
        rc = store_claim_next_number(op->st, t.id, &pr.claim.number, err);
        if (rc == 0)
            rc = store_claim_insert(op->st, &pr.claim, err);
        if (rc == 0)
            rc = audit_change(op, t.id, CHANGE_FIGURES, 0, err);
        pr.claim_number = pr.claim.number;
    }
    if (rc == 0)
        rc = store_proposal_decide(op->st, &pr, err);
    if (rc != 0) {
        json_decref(before);
        return rc;
    }
    x->number = pr.claim_number;
    json_t *after = claim_json(&pr.claim);
    json_object_set_new(after, "approved_by",
                        x->approve ? json_string(op->actor) : json_null());
    return audit_record(
        op, x->approve ? "claim.approve" : "claim.reject",
        audit_entity(op, "tracker/%s/proposal/%lld", t.slug, (long long)pr.id),
        before, after, err);
}

int claim_decide(struct op *op, const char *tracker_slug, int64_t id,
                 bool approve, int64_t *number, struct vg_err *err)
{
    struct decide_ctx x = {tracker_slug, id, approve, 0};
    int rc = audit_transaction(op, decide_body, &x, err);
    if (rc == 0 && number)
        *number = x.number;
    return rc;
}
