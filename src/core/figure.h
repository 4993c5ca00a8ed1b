/*
 * figure.h: how a claimed figure reads ("at least 304", "more than 12,000",
 * "120,000-200,000", "hundreds"), and the table of vague amounts.
 *
 * Vague amounts are stored as ranges from one documented table (DESIGN §2)
 * and always printed as their words, never as an invented number.
 */
#ifndef VIGIL_CORE_FIGURE_H
#define VIGIL_CORE_FIGURE_H

#include <stdint.h>

#include "model/model.h"
#include "util/buf.h"

struct vague_amount {
    const char *words; /* "tens of thousands" */
    int64_t low, high;
};

/* Returns the table entry for words (exact, lowercase), or NULL. */
const struct vague_amount *vague_lookup(const char *words);
/* Writes the table's words joined by ", " (for error messages). */
const char *vague_list(void);

/* Appends n with thousands separators: 12000 -> "12,000". */
void figure_number(int64_t n, struct buf *out);
/* Appends the claim's figure in words and digits. */
void figure_phrase(const struct claim *c, struct buf *out);
/* The largest number a claim allows: high for ranges, else low. */
int64_t figure_top(const struct claim *c);

#endif
