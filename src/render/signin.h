/*
 * signin.h: the sign-in page, which carries a desk form's text through a new
 * sign-in.
 */
#ifndef VIGIL_RENDER_SIGNIN_H
#define VIGIL_RENDER_SIGNIN_H

#include <stdbool.h>
#include <stddef.h>

#include "render/admin.h"

/* The text of a desk form sent after its session had ended, carried
 * through the sign-in form (as hidden fields named "keep_" and the
 * member's name) back to the form. Fields may be NULL. */
struct login_keep {
    const char *slug;   /* the form's tracker */
    const char *number; /* the update it edits; NULL: a new update */
    const char *title, *body, *kind, *rev;
};

/* The sign-in form; message (an earlier refusal) may be NULL. demo says
 * that the second factor is not required. keep (or NULL): the text the
 * form carries back to a desk form. */
void render_login_page(struct buf *b, const struct site *s, const char *csrf,
                       const char *message, bool demo,
                       const struct login_keep *keep);

#endif
