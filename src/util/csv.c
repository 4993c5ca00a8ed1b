/* csv.c: the formula test of CSV fields (csv.h). */
#include "util/csv.h"

#include <string.h>

/* The full-width forms, UTF-8: ＝ ＋ － ＠. */
static const char *const wide[] = {"\xEF\xBC\x9D", "\xEF\xBC\x8B",
                                   "\xEF\xBC\x8D", "\xEF\xBC\xA0"};

bool csv_is_formula(const char *s)
{
    if (s == NULL)
        return false;
    s += strspn(s, " ");
    if (*s && strchr("=+-@|\t\r", *s))
        return true;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (strncmp(s, wide[i], 3) == 0)
            return true;
    return false;
}
