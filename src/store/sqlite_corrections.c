/*
 * sqlite_corrections.c: the SQLite store's records of corrections: a
 * claim withdrawn (a claim_rev revision with status retracted, and a row
 * of the hash-chained claim_retractions), an update naming the update it
 * corrects (update_corrections), and the checks that these agree with
 * what they name.
 */
#include "store/sqlite_int.h"

static const char SQL_CLAIM_NEXT_REV[] =
    "SELECT coalesce(max(rev_no), 0) + 1 FROM claim_rev WHERE claim_id = ?1";
static const char SQL_CLAIM_SET_STATUS[] =
    "UPDATE claims SET status = ?2 WHERE id = ?1";
static const char SQL_RETRACTION_HEAD[] =
    "SELECT seq, hash FROM claim_retractions ORDER BY seq DESC LIMIT 1";
static const char SQL_RETRACTION_INSERT[] =
    "INSERT INTO claim_retractions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/* Marks claim c retracted with a new revision (see store_claim_retract);
 * stores the revision's number in *rev_no. */
static int retract_rev(struct sq_store *st, const struct claim *c,
                       const struct retraction *r, int64_t *rev_no,
                       struct vg_err *err)
{
    int rc = sq_scalar(st, SQL_CLAIM_NEXT_REV, c->id, rev_no, err);
    if (rc != 0 || c->status == CLAIM_RETRACTED) {
        --*rev_no; /* imported retracted: its latest revision says so */
        return rc;
    }
    struct claim now = *c;
    now.status = CLAIM_RETRACTED;
    sqlite3_stmt *s = sq_prepare(st, SQL_CLAIM_SET_STATUS, err);
    if (s == NULL)
        return VG_EIO;
    sqlite3_bind_int64(s, 1, c->id);
    sq_bind_text(s, 2, enum_name(&claim_status_names, CLAIM_RETRACTED));
    rc = sq_exec(st, s, err);
    return rc ? rc
              : sq_append_claim_rev(st, &now, *rev_no, r->approved_by, r->at,
                                    err);
}

int sqlite_claim_retract(struct store *base, const struct claim *c,
                         int64_t by_id, const struct retraction *r,
                         struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
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
    return sq_chain_append(st, SQL_RETRACTION_HEAD, SQL_RETRACTION_INSERT, cols,
                           sizeof cols / sizeof cols[0], &seq, err);
}

static const char SQL_UPDATE_CORRECTS_HEAD[] =
    "SELECT seq, hash FROM update_corrections ORDER BY seq DESC LIMIT 1";
static const char SQL_UPDATE_CORRECTS_INSERT[] =
    "INSERT INTO update_corrections VALUES (?, ?, ?, ?, ?, ?, ?)";

int sqlite_update_corrects(struct store *base, int64_t update_id,
                           int64_t corrects_id, const char *author, int64_t at,
                           struct vg_err *err)
{
    struct sq_store *st = sq_of(base);
    char when[TIMESTAMP_LEN + 1];
    struct col cols[] = {
        col_int(0),       col_int(update_id), col_int(corrects_id),
        col_text(author), col_time(at, when), col_int(0),
        col_int(0),
    };
    int64_t seq;
    return sq_chain_append(st, SQL_UPDATE_CORRECTS_HEAD,
                           SQL_UPDATE_CORRECTS_INSERT, cols,
                           sizeof cols / sizeof cols[0], &seq, err);
}

/* ==== Checks ==== */

/* Retractions that do not match their claim: it must be retracted, by the
 * revision named, and a correcting claim must be another of its
 * tracker's. */
const char sq_check_retractions[] =
    "SELECT 'claim retraction ' || r.seq || ' does not match claim '"
    " || r.claim_id FROM claim_retractions r"
    " LEFT JOIN claims c ON c.id = r.claim_id"
    " LEFT JOIN claim_rev v ON v.claim_id = r.claim_id AND v.rev_no = r.rev_no"
    " LEFT JOIN claims n ON n.id = r.corrected_by"
    " WHERE c.id IS NULL OR c.status <> 'retracted' OR v.seq IS NULL"
    " OR v.status <> 'retracted' OR (r.corrected_by IS NOT NULL AND"
    " (n.id IS NULL OR n.id = c.id OR n.tracker_id <> c.tracker_id))";

/* An update names the update it corrects: both of one tracker, and it is
 * a correction. */
const char sq_check_update_links[] =
    "SELECT 'update correction ' || k.seq || ' links update ' || k.update_id"
    " || ' to update ' || k.corrects_id || ' wrongly'"
    " FROM update_corrections k LEFT JOIN updates u ON u.id = k.update_id"
    " LEFT JOIN updates t ON t.id = k.corrects_id"
    " WHERE u.id IS NULL OR t.id IS NULL OR u.id = t.id"
    " OR u.tracker_id <> t.tracker_id OR u.kind <> 'correction'";
