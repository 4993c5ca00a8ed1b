/*
 * jsonw.h: JSON values written straight into a struct buf, for records of
 * one fixed shape (an event's revision body) where building a jansson tree
 * only to print it cost more than the insert (bench P6).
 *
 * The caller writes the punctuation and keys as literals (BUF_LIT) and the
 * values with these. The text is byte for byte what jansson's json_dumps
 * writes with JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(10):
 * strings escape '"', '\\' and control characters (\b \f \n \r \t, else
 * \u00XX) and write every non-ASCII character as \uXXXX (a UTF-16
 * surrogate pair above U+FFFF), so the text is ASCII whatever it holds.
 * Input strings must be valid UTF-8 (Vigil checks text before it is
 * stored); a byte that is not is written as \uFFFD.
 */
#ifndef VIGIL_UTIL_JSONW_H
#define VIGIL_UTIL_JSONW_H

#include <stdint.h>

#include "util/buf.h"
#include "util/date.h"

/* Appends s as a JSON string, or null when s is NULL. */
void jsonw_str(struct buf *b, const char *s);
/* Appends v as a JSON integer. */
void jsonw_int(struct buf *b, int64_t v);
/* jsonw_int, or null for a negative v (Vigil's "none" for counts). */
void jsonw_int_or_null(struct buf *b, int64_t v);
/* Appends v as a JSON real with 10 significant digits ("35.5", "35.0",
 * "1e-5"). */
void jsonw_real(struct buf *b, double v);
/* Appends v / 100000 (a coordinate kept in 1e-5 degrees) as jsonw_real
 * would, without going through floating point for the usual values. */
void jsonw_e5(struct buf *b, int64_t v);
/* Appends "YYYY-MM-DD", or null when d has no year. */
void jsonw_date(struct buf *b, struct vg_date d);
/* Appends "YYYY-MM-DDTHH:MM:SSZ", or null when t is 0. */
void jsonw_time(struct buf *b, int64_t t);

#endif
