/* figure.c: figures as words, and vague amounts. */
#include "core/figure.h"

#include <string.h>

#include "util/i18n.h"

static const struct vague_amount vague_table[] = {
    /* The record keeps the English words; pages show them translated. */
    {N_("dozens"), 24, 99},
    {N_("hundreds"), 200, 999},
    {N_("thousands"), 2000, 9999},
    {N_("tens of thousands"), 20000, 99999},
    {N_("hundreds of thousands"), 200000, 999999},
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
    i18n_number(out, n);
}

/* How each qualifier writes a figure (%s): in the thread's language. */
static const char *const qualifier_formats[] = {
    [QUAL_EXACT] = "%s",
    [QUAL_AT_LEAST] = N_("at least %s"),
    [QUAL_MORE_THAN] = N_("more than %s"),
    [QUAL_ABOUT] = N_("about %s"),
    [QUAL_UP_TO] = N_("up to %s"),
    [QUAL_RANGE] = "%s",
};

void figure_phrase(const struct claim *c, struct buf *out)
{
    if (c->words) {
        buf_puts(out, _(c->words));
        return;
    }
    struct buf num = BUF_INIT(64);
    figure_number(c->low, &num);
    if (c->qualifier == QUAL_RANGE && c->high >= 0 && c->high != c->low) {
        buf_puts(&num, "\xe2\x80\x93"); /* en dash */
        figure_number(c->high, &num);
    }
    const char *fmt = (unsigned)c->qualifier <= QUAL_RANGE
                          ? qualifier_formats[c->qualifier]
                          : "%s";
    const char *arg = buf_cstr(&num);
    i18n_msg(out, strcmp(fmt, "%s") == 0 ? fmt : _(fmt), &arg, 1);
    buf_release(&num);
}

int64_t figure_top(const struct claim *c)
{
    return c->high >= 0 ? c->high : c->low;
}
