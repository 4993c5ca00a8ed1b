/*
 * pg_corrections.c: the PostgreSQL store's records of corrections (the
 * twin of sqlite_corrections.c): a claim withdrawn, an update naming the
 * update it corrects, and the checks that these agree with what they
 * name.
 */
#include "store/pg_int.h"

static const char SQL_CLAIM_NEXT_REV[] =
    "SELECT coalesce(max(rev_no), 0) + 1 FROM claim_rev WHERE claim_id = $1";
static const char SQL_CLAIM_SET_STATUS[] =
    "UPDATE claims SET status = $2 WHERE id = $1";
static const char SQL_RETRACTION_HEAD[] =
    "SELECT seq, hash FROM claim_retractions ORDER BY seq DESC LIMIT 1";
static const char SQL_RETRACTION_INSERT[] =
    "INSERT INTO claim_retractions VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
    "$9, $10)";

/* Marks claim c retracted with a new revision (see store_claim_retract);
 * stores the revision's number in *rev_no. */
static int retract_rev(struct pg_store *st, const struct claim *c,
                       const struct retraction *r, int64_t *rev_no,
                       struct vg_err *err)
{
    int rc = pg_scalar(st, SQL_CLAIM_NEXT_REV, c->id, rev_no, err);
    if (rc != 0 || c->status == CLAIM_RETRACTED) {
        --*rev_no; /* imported retracted: its latest revision says so */
        return rc;
    }
    struct claim now = *c;
    now.status = CLAIM_RETRACTED;
    struct pg_params p = PG_PARAMS_INIT;
    pg_bind_int(&p, 1, c->id);
    pg_bind_text(&p, 2, enum_name(&claim_status_names, CLAIM_RETRACTED));
    rc = pg_exec(st, SQL_CLAIM_SET_STATUS, &p, err);
    return rc ? rc
              : pg_append_claim_rev(st, &now, *rev_no, r->approved_by, r->at,
                                    err);
}

int pg_claim_retract(struct store *base, const struct claim *c, int64_t by_id,
                     const struct retraction *r, struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    int64_t rev_no = 0, seq;
    int rc = retract_rev(st, c, r, &rev_no, err);
    if (rc != 0)
        return rc;
    char at[TIMESTAMP_LEN + 1];
    struct col cols[] = {
        col_int(0),
        col_int(c->id),
        col_int(rev_no),
        col_int_or_null(by_id > 0, by_id),
        col_text(r->reason),
        col_text(r->proposed_by),
        col_text(r->approved_by),
        col_time(r->at, at),
        col_int(0),
        col_int(0),
    };
    return pg_chain_append(st, SQL_RETRACTION_HEAD, SQL_RETRACTION_INSERT, cols,
                           sizeof cols / sizeof cols[0], NULL, 0, &seq, err);
}

static const char SQL_UPDATE_CORRECTS_HEAD[] =
    "SELECT seq, hash FROM update_corrections ORDER BY seq DESC LIMIT 1";
static const char SQL_UPDATE_CORRECTS_INSERT[] =
    "INSERT INTO update_corrections VALUES ($1, $2, $3, $4, $5, $6, $7)";

int pg_update_corrects(struct store *base, int64_t update_id,
                       int64_t corrects_id, const char *author, int64_t at,
                       struct vg_err *err)
{
    struct pg_store *st = pg_of(base);
    char when[TIMESTAMP_LEN + 1];
    struct col cols[] = {
        col_int(0),       col_int(update_id), col_int(corrects_id),
        col_text(author), col_time(at, when), col_int(0),
        col_int(0),
    };
    int64_t seq;
    return pg_chain_append(st, SQL_UPDATE_CORRECTS_HEAD,
                           SQL_UPDATE_CORRECTS_INSERT, cols,
                           sizeof cols / sizeof cols[0], NULL, 0, &seq, err);
}

/* ==== Checks ==== */

/* As sqlite_corrections.c's. */
const char pg_check_retractions[] =
    "SELECT 'claim retraction ' || r.seq || ' does not match claim '"
    " || r.claim_id FROM claim_retractions r"
    " LEFT JOIN claims c ON c.id = r.claim_id"
    " LEFT JOIN claim_rev v ON v.claim_id = r.claim_id AND v.rev_no = r.rev_no"
    " LEFT JOIN claims n ON n.id = r.corrected_by"
    " WHERE c.id IS NULL OR c.status <> 'retracted' OR v.seq IS NULL"
    " OR v.status <> 'retracted' OR (r.corrected_by IS NOT NULL AND"
    " (n.id IS NULL OR n.id = c.id OR n.tracker_id <> c.tracker_id))";

const char pg_check_update_links[] =
    "SELECT 'update correction ' || k.seq || ' links update ' || k.update_id"
    " || ' to update ' || k.corrects_id || ' wrongly'"
    " FROM update_corrections k LEFT JOIN updates u ON u.id = k.update_id"
    " LEFT JOIN updates t ON t.id = k.corrects_id"
    " WHERE u.id IS NULL OR t.id IS NULL OR u.id = t.id"
    " OR u.tracker_id <> t.tracker_id OR u.kind <> 'correction'";
