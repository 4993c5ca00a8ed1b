/* figure.c: figures as words, and vague amounts. */
#include "core/figure.h"

#include <string.h>

static const struct vague_amount vague_table[] = {
    {"dozens", 24, 99},
    {"hundreds", 200, 999},
    {"thousands", 2000, 9999},
    {"tens of thousands", 20000, 99999},
    {"hundreds of thousands", 200000, 999999},
};

const struct vague_amount *vague_lookup(const char *words)
{
    for (size_t i = 0; words && i < sizeof vague_table / sizeof *vague_table;
         i++)
        if (strcmp(vague_table[i].words, words) == 0)
            return &vague_table[i];
    return NULL;
}

const char *vague_list(void)
{
    return "dozens, hundreds, thousands, tens of thousands, "
           "hundreds of thousands";
}

void figure_number(int64_t n, struct buf *out)
{
    char digits[24];
    int len = 0;
    uint64_t v = n < 0 ? (uint64_t)(-(n + 1)) + 1 : (uint64_t)n;
    do {
        digits[len++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (n < 0)
        buf_putc(out, '-');
    for (int i = len - 1; i >= 0; i--) {
        buf_putc(out, digits[i]);
        if (i > 0 && i % 3 == 0)
            buf_putc(out, ',');
    }
}

static const char *const qualifier_words[] = {
    [QUAL_EXACT] = "",
    [QUAL_AT_LEAST] = "at least ",
    [QUAL_MORE_THAN] = "more than ",
    [QUAL_ABOUT] = "about ",
    [QUAL_UP_TO] = "up to ",
    [QUAL_RANGE] = "",
};

void figure_phrase(const struct claim *c, struct buf *out)
{
    if (c->words) {
        buf_puts(out, c->words);
        return;
    }
    if ((unsigned)c->qualifier <= QUAL_RANGE)
        buf_puts(out, qualifier_words[c->qualifier]);
    figure_number(c->low, out);
    if (c->qualifier == QUAL_RANGE && c->high >= 0 && c->high != c->low) {
        buf_puts(out, "\xe2\x80\x93"); /* en dash */
        figure_number(c->high, out);
    }
}

int64_t figure_top(const struct claim *c)
{
    return c->high >= 0 ? c->high : c->low;
}
