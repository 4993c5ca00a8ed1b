/*
 * csv.h: what a spreadsheet would take for a formula in a CSV field
 * (OWASP's CSV injection guidance).
 *
 * A text field is a formula when, after any leading spaces, it starts
 * with `=`, `+`, `-`, `@`, `|` (DDE), a tab or a carriage return, or the
 * full-width forms U+FF1D, U+FF0B, U+FF0D, U+FF20 (＝＋－＠), which some
 * spreadsheets fold to ASCII. Vigil's export puts an apostrophe before
 * such a field; its import takes that apostrophe off again, by the same
 * test. Numeric columns are never tested: -51.4 stays a number.
 */
#ifndef VIGIL_UTIL_CSV_H
#define VIGIL_UTIL_CSV_H

#include <stdbool.h>

/* True when text field s (NUL-terminated; NULL is "") would be read as a
 * formula. */
bool csv_is_formula(const char *s);

#endif
