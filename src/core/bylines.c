/* bylines.c: who wrote each update (see bylines.h). */
#include "core/bylines.h"

/* The byline of update `number` among b[0..n), sorted by number. */
static const char *find(const struct byline *b, size_t n, int64_t number)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b[mid].number < number)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && b[lo].number == number ? b[lo].name : NULL;
}

int bylines_fill(struct store *st, struct arena *a, const struct tracker *t,
                 struct update *u, size_t n, struct vg_err *err)
{
    if (!t->bylines || n == 0)
        return 0;
    int64_t from = u[0].number, to = u[0].number;
    for (size_t i = 1; i < n; i++) {
        from = u[i].number < from ? u[i].number : from;
        to = u[i].number > to ? u[i].number : to;
    }
    struct byline *b;
    size_t nb;
    int rc = store_byline_list(st, a, t->id, from, to, &b, &nb, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        u[i].byline = find(b, nb, u[i].number);
    return rc;
}
