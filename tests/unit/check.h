/*
 * check.h: assertions shared by the unit tests (STYLE 30: asserts print
 * both values).
 *
 * cmocka's assert_int_equal prints integers in hex and names no case; these
 * print integers in decimal, error codes with their names, strings with
 * non-ASCII bytes escaped, and the label of the table case that failed.
 * Each fails the running test (cmocka's _fail) and does not return then.
 * A label may be NULL.
 */
#ifndef VIGIL_TESTS_UNIT_CHECK_H
#define VIGIL_TESTS_UNIT_CHECK_H

#include <stdbool.h>
#include <stdint.h>

/* actual == expected, as integers. */
#define CHECK_INT(label, actual, expected)                              \
    check_int((label), #actual, (int64_t)(actual), (int64_t)(expected), \
              __FILE__, __LINE__)
/* actual == expected, as VG_E* codes (printed with vg_code_name). */
#define CHECK_CODE(label, actual, expected) \
    check_code((label), #actual, (actual), (expected), __FILE__, __LINE__)
/* Equal C strings; NULL equals only NULL. */
#define CHECK_STR(label, actual, expected) \
    check_str((label), #actual, (actual), (expected), __FILE__, __LINE__)
/* haystack contains needle (want true) or does not (want false). */
#define CHECK_HAS(label, haystack, needle)                              \
    check_has((label), #haystack, (haystack), (needle), true, __FILE__, \
              __LINE__)
#define CHECK_LACKS(label, haystack, needle)                             \
    check_has((label), #haystack, (haystack), (needle), false, __FILE__, \
              __LINE__)

void check_int(const char *label, const char *expr, int64_t actual,
               int64_t expected, const char *file, int line);
void check_code(const char *label, const char *expr, int actual, int expected,
                const char *file, int line);
void check_str(const char *label, const char *expr, const char *actual,
               const char *expected, const char *file, int line);
void check_has(const char *label, const char *expr, const char *haystack,
               const char *needle, bool want, const char *file, int line);

#endif
