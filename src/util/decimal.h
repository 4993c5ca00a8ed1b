/*
 * decimal.h: an integer in decimal without snprintf, whose cost showed in
 * the exports and the front's headers (bench P1, P6).
 */
#ifndef VIGIL_UTIL_DECIMAL_H
#define VIGIL_UTIL_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

enum { DECIMAL_MAX = 21 }; /* "-9223372036854775808" and a NUL */

/* Writes v and a NUL at out; returns the number of digits (and sign). */
size_t decimal_format(int64_t v, char out[DECIMAL_MAX]);

#endif
