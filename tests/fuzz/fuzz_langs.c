/*
 * fuzz_langs.c: libFuzzer target for the readers' and editors' language
 * tags (src/util/i18n.c): an Accept-Language header (i18n_negotiate) and
 * a tracker's --languages tags (i18n_style_of), both from any bytes.
 *
 * Neither may crash or read past the string; negotiation names a row of
 * the language table or none, and a style is always one Vigil writes
 * (a language of the table, a calendar and digits it knows).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0'; /* a header or a column: text up to its first NUL */
    const struct i18n_lang *l = i18n_negotiate(s);
    if (l && (l < i18n_langs || l >= i18n_langs + i18n_lang_count))
        abort();
    struct cal_style style;
    i18n_style_of(s, &style);
    if (i18n_lang_find(style.lang) == NULL ||
        (style.calendar != CAL_GREGORIAN && style.calendar != CAL_PERSIAN) ||
        (style.digits != CAL_DIGITS_NATIVE && style.digits != CAL_DIGITS_LATIN))
        abort();
    free(s);
    return 0;
}
