/* decimal.c: integers in decimal (see decimal.h). */
#include "util/decimal.h"

#include <string.h>

size_t decimal_format(int64_t v, char out[DECIMAL_MAX])
{
    char tmp[DECIMAL_MAX];
    char *p = tmp + sizeof tmp;
    uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    *--p = '\0';
    do {
        *--p = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (v < 0)
        *--p = '-';
    size_t n = (size_t)(tmp + sizeof tmp - p);
    memcpy(out, p, n);
    return n - 1;
}
