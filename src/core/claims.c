/* claims.c: validating and recording claims. */
#include "core/claims.h"

#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/entity_json.h"
#include "model/enums.h"
#include "core/figure.h"
#include "core/sources.h"
#include "core/trackers.h"
#include "core/validate.h"
#include "core/webhooks.h"

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
    if (rc == 0)
        rc = webhook_on_figure(op, &t, NULL, &c, NULL, err);
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

/* ==== Withdrawing a claim ==== */

/* Claim `number` of tracker t, which must still stand. */
static int find_standing(struct op *op, const struct tracker *t, int64_t number,
                         struct claim *c, struct vg_err *err)
{
    int rc = store_claim_get(op->st, op->arena, t->id, number, c, err);
    if (rc == VG_ENOTFOUND)
        return vg_err_set(err, rc, "number", "tracker %s has no claim %lld",
                          t->slug, (long long)number);
    if (rc == 0 && c->status == CLAIM_RETRACTED)
        return vg_err_set(err, VG_ECONFLICT, "number",
                          "claim %lld is already %s", (long long)number,
                          c->retraction.corrected_by ? "corrected"
                                                     : "retracted");
    return rc;
}

/* A number as text in the arena, or NULL when negative (none). */
static const char *number_text(struct arena *a, int64_t v)
{
    char buf[32];
    if (v < 0)
        return NULL;
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    return arena_strdup(a, buf);
}

struct claim_input claim_input_of(struct arena *a, const struct claim *c)
{
    char as_of[DATE_LEN + 1];
    date_format(c->as_of, as_of);
    struct claim_input in = {
        .metric = c->metric_key,
        .source = c->source_slug,
        .as_of = arena_strdup(a, as_of),
        .url = c->url,
        .quote = c->quote,
        .note = c->note,
        .scope = c->scope,
        .words = c->words,
    };
    if (c->words == NULL) {
        in.qualifier = enum_name(&qualifier_names, (int)c->qualifier);
        in.low = number_text(a, c->low);
        in.high = number_text(a, c->high);
    }
    return in;
}

/* A text field of a correction: given ("" clears it) or the old one. */
static const char *kept(const char *given, const char *old)
{
    if (given == NULL)
        return old;
    return *given ? given : NULL;
}

/* The correcting figure's input: what is given, the old claim's for the
 * rest (see struct retraction_input). */
static struct claim_input merged(struct op *op, const struct claim *old,
                                 const struct claim_input *in)
{
    struct claim_input m = claim_input_of(op->arena, old);
    m.metric = in->metric ? in->metric : m.metric;
    m.source = in->source ? in->source : m.source;
    m.as_of = in->as_of ? in->as_of : m.as_of;
    m.url = kept(in->url, m.url);
    m.quote = kept(in->quote, m.quote);
    m.note = kept(in->note, m.note);
    m.scope = kept(in->scope, m.scope);
    if (in->qualifier || in->low || in->high || in->words) {
        m.qualifier = in->qualifier, m.low = in->low, m.high = in->high;
        m.words = in->words;
    }
    return m;
}

static bool same_text(const char *a, const char *b)
{
    return (a == NULL) == (b == NULL) && (a == NULL || strcmp(a, b) == 0);
}

/* Whether claim b says exactly what a says. */
static bool same_claim(const struct claim *a, const struct claim *b)
{
    return a->metric_id == b->metric_id && a->source_id == b->source_id &&
           a->qualifier == b->qualifier && a->low == b->low &&
           a->high == b->high && same_text(a->words, b->words) &&
           date_cmp(a->as_of, b->as_of) == 0 && same_text(a->url, b->url) &&
           same_text(a->quote, b->quote) && same_text(a->note, b->note) &&
           same_text(a->scope, b->scope);
}

/* Validates a withdrawal of claim old: the reason, and for a correction
 * the new figure into *fix (recorded by the op's actor, now). */
static int check_withdrawal(struct op *op, const struct tracker *t,
                            const struct claim *old,
                            const struct retraction_input *in,
                            struct claim *fix, struct vg_err *err)
{
    int rc = in->reason ? check_line("reason", in->reason, 1, NOTE_MAX, err)
                        : vg_err_set(err, VG_EINVAL, "reason",
                                     "is required: say why the figure is "
                                     "withdrawn");
    if (rc != 0 || in->correction == NULL)
        return rc;
    struct claim_input m = merged(op, old, in->correction);
    *fix = (struct claim){.status = CLAIM_REPORTED,
                          .recorded_by = op->actor,
                          .recorded_at = op->now};
    rc = claim_build(op, t, &m, fix, err);
    if (rc == 0 && same_claim(old, fix))
        rc = vg_err_set(err, VG_EINVAL, "correction",
                        "the correction says what claim %lld says",
                        (long long)old->number);
    return rc;
}

/* Withdraws claim old for `reason`, proposed by `proposer` and approved
 * by the op's actor: publishes fix (unless NULL, a retraction) as its
 * correction. */
static int withdraw(struct op *op, const struct tracker *t, struct claim *old,
                    struct claim *fix, const char *reason, const char *proposer,
                    struct vg_err *err)
{
    int64_t by_id = 0;
    int rc = 0;
    if (fix) {
        rc =
            store_claim_next_number(op->st, old->tracker_id, &fix->number, err);
        if (rc == 0)
            rc = store_claim_insert(op->st, fix, err);
        by_id = fix->id;
        fix->corrects = old->number;
    }
    struct retraction r = {reason, op->now, fix ? fix->number : 0, proposer,
                           op->actor};
    if (rc == 0)
        rc = store_claim_retract(op->st, old, by_id, &r, err);
    if (rc == 0)
        rc = audit_change(op, old->tracker_id, CHANGE_FIGURES, 0, err);
    if (rc == 0)
        rc = webhook_on_figure(op, t, old, fix, reason, err);
    old->status = CLAIM_RETRACTED;
    old->retraction = r;
    return rc;
}

/* The audit row's "after" of a withdrawal: the claim withdrawn, and its
 * correction. */
static json_t *withdrawal_json(const struct claim *old, const struct claim *fix)
{
    json_t *j = claim_json(old);
    if (fix)
        json_object_set_new(j, "correction", claim_json(fix));
    return j;
}

struct retract_ctx {
    const char *slug;
    const struct retraction_input *in;
    int64_t out; /* the proposal's id, or the correcting claim's number */
};

static int retract_propose_body(struct op *op, void *p, struct vg_err *err)
{
    struct retract_ctx *x = p;
    struct tracker t;
    struct proposal pr = {.kind = x->in->correction ? PROPOSAL_CORRECT
                                                    : PROPOSAL_RETRACT,
                          .target = x->in->number,
                          .reason = x->in->reason};
    int rc = op_require(op, ROLE_EDITOR | ROLE_VERIFIER,
                        "propose withdrawing a figure", err);
    if (rc == 0)
        rc = tracker_find(op, "tracker", x->slug, &t, err);
    if (rc == 0)
        rc = find_standing(op, &t, x->in->number, &pr.claim, err);
    struct claim old = pr.claim;
    if (rc == 0)
        rc = check_withdrawal(op, &t, &old, x->in, &pr.claim, err);
    if (rc != 0)
        return rc;
    /* A retraction's proposal holds the claim it withdraws. */
    pr.claim.recorded_by = op->actor;
    pr.claim.recorded_at = op->now;
    pr.claim.number = 0;
    if ((rc = store_proposal_insert(op->st, &pr, err)) != 0)
        return rc;
    x->out = pr.id;
    return audit_record(
        op, "claim.propose",
        audit_entity(op, "tracker/%s/proposal/%lld", t.slug, (long long)pr.id),
        NULL, proposal_json(&pr), err);
}

int claim_retract_propose(struct op *op, const char *tracker_slug,
                          const struct retraction_input *in, int64_t *id,
                          struct vg_err *err)
{
    struct retract_ctx x = {tracker_slug, in, 0};
    int rc = audit_transaction(op, retract_propose_body, &x, err);
    if (rc == 0 && id)
        *id = x.out;
    return rc;
}

static int retract_body(struct op *op, void *p, struct vg_err *err)
{
    struct retract_ctx *x = p;
    struct tracker t;
    struct claim old, fix;
    /* As claim_add: the host alone acts without a second person. */
    if (op->roles != ROLE_ALL)
        return vg_err_set(err, VG_EDENIED, NULL,
                          "a figure is withdrawn by a second person: "
                          "propose it");
    int rc = tracker_find(op, "tracker", x->slug, &t, err);
    if (rc == 0)
        rc = find_standing(op, &t, x->in->number, &old, err);
    if (rc == 0)
        rc = check_withdrawal(op, &t, &old, x->in, &fix, err);
    struct claim *f = x->in->correction ? &fix : NULL;
    json_t *before = rc ? NULL : claim_json(&old);
    if (rc == 0)
        rc = withdraw(op, &t, &old, f, x->in->reason, op->actor, err);
    if (rc != 0) {
        json_decref(before);
        return rc;
    }
    x->out = f ? f->number : 0;
    return audit_record(op, f ? "claim.correct" : "claim.retract",
                        audit_entity(op, "tracker/%s/claim/%lld", t.slug,
                                     (long long)old.number),
                        before, withdrawal_json(&old, f), err);
}

int claim_retract(struct op *op, const char *tracker_slug,
                  const struct retraction_input *in, int64_t *number,
                  struct vg_err *err)
{
    struct retract_ctx x = {tracker_slug, in, 0};
    int rc = audit_transaction(op, retract_body, &x, err);
    if (rc == 0 && number)
        *number = x.out;
    return rc;
}

/* ==== Deciding a proposal ==== */

struct decide_ctx {
    const char *slug;
    int64_t id;
    bool approve;
    int64_t number;
};

/* Does what approving proposal pr does; stores the claim it published
 * or withdrew in pr->claim_number, and the audit row's action and
 * "after" in *action and *after. */
static int approve(struct op *op, const struct tracker *t, struct proposal *pr,
                   const char **action, json_t **after, struct vg_err *err)
{
    struct claim old;
    int rc = 0;
    if (pr->kind == PROPOSAL_ADD) {
        rc = store_claim_next_number(op->st, t->id, &pr->claim.number, err);
        if (rc == 0)
            rc = store_claim_insert(op->st, &pr->claim, err);
        if (rc == 0)
            rc = audit_change(op, t->id, CHANGE_FIGURES, 0, err);
        if (rc == 0)
            rc = webhook_on_figure(op, t, NULL, &pr->claim, NULL, err);
        pr->claim_number = pr->claim.number;
        *action = "claim.approve";
        *after = rc ? NULL : claim_json(&pr->claim);
        return rc;
    }
    bool correct = pr->kind == PROPOSAL_CORRECT;
    rc = find_standing(op, t, pr->target, &old, err);
    if (rc == 0)
        rc = withdraw(op, t, &old, correct ? &pr->claim : NULL, pr->reason,
                      pr->claim.recorded_by, err);
    pr->claim_number = correct ? pr->claim.number : old.number;
    *action = correct ? "claim.correct" : "claim.retract";
    *after = rc ? NULL : withdrawal_json(&old, correct ? &pr->claim : NULL);
    return rc;
}

/* Loads the pending proposal x->id of tracker t for the actor to decide:
 * not one they proposed, to approve. */
static int find_pending(struct op *op, const struct decide_ctx *x,
                        const struct tracker *t, struct proposal *pr,
                        struct vg_err *err)
{
    int rc = store_proposal_get(op->st, op->arena, t->id, x->id, pr, err);
    if (rc == VG_ENOTFOUND)
        return vg_err_set(err, rc, "proposal",
                          "tracker %s has no proposal %lld", t->slug,
                          (long long)x->id);
    if (rc == 0 && pr->state != PROPOSAL_PENDING)
        return vg_err_set(err, VG_ECONFLICT, "proposal",
                          "proposal %lld was already %s", (long long)pr->id,
                          enum_name(&proposal_state_names, (int)pr->state));
    if (rc == 0 && x->approve && strcmp(pr->claim.recorded_by, op->actor) == 0)
        return vg_err_set(err, VG_EDENIED, "proposal",
                          "a figure needs a second person: you proposed it, "
                          "another verifier must approve it");
    return rc;
}

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
    if (rc == 0)
        rc = find_pending(op, x, &t, &pr, err);
    if (rc != 0)
        return rc;
    json_t *before = proposal_json(&pr), *after = NULL;
    const char *action = "claim.reject";
    pr.state = x->approve ? PROPOSAL_APPROVED : PROPOSAL_REJECTED;
    pr.decided_by = op->actor;
    pr.decided_at = op->now;
    if (x->approve)
        rc = approve(op, &t, &pr, &action, &after, err);
    else
        after = proposal_json(&pr);
    if (rc == 0)
        rc = store_proposal_decide(op->st, &pr, err);
    if (rc != 0) {
        json_decref(before);
        json_decref(after);
        return rc;
    }
    x->number = pr.claim_number;
    json_object_set_new(after, "approved_by",
                        x->approve ? json_string(op->actor) : json_null());
    return audit_record(
        op, action,
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
