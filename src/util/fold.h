/*
 * fold.h: text folded for matching, so that the words a reader types find
 * the words a record holds however either was written: search (its index
 * and its queries, on both stores) and the names of sources.
 *
 * A word is a run of letters, digits and marks (Unicode L*, N*, M*); an
 * apostrophe between two letters, a zero-width (non-)joiner and the
 * Arabic tatweel stay inside a word ("Miando'ab", "می‌روم"). Everything
 * else separates words. A word folds to NFKD, case folded (utf8proc),
 * with its marks (diacritics, Arabic and Persian tashkeel, the hamza and
 * madda on alef, waw and yeh), apostrophes, joiners and tatweel dropped;
 * the letters Persian and Arabic spell one word with become one, the
 * Persian (ي ى ے → ی, ك → ک, ة ۀ ە ہ ھ → ه, ٱ → ا), and every decimal
 * digit (Persian ۰–۹, Arabic-Indic ٠–٩) an ASCII one. A folded word
 * holds only letters and digits and is at most FOLD_WORD_MAX bytes (a
 * longer one is cut at a character), so any full-text engine splits
 * folded text at its spaces and nowhere else. A change to the folding
 * is a change to the index's text: a migration empties the index, and
 * the stores rebuild it (store.h, "Search").
 */
#ifndef VIGIL_UTIL_FOLD_H
#define VIGIL_UTIL_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

enum {
    FOLD_WORD_MAX = 96, /* bytes of a folded word: engines cap lexemes */
};

enum fold_flags {
    FOLD_POSSESSIVE = 1 << 0, /* "Georgia's" is the word "georgia" */
};

/* Called with each word of a text: its bytes in the text (off, len) and
 * its folded form (lent for the call, NUL-terminated). Non-zero stops the
 * walk, which returns it. */
typedef int fold_word_fn(size_t off, size_t len, const char *folded,
                         size_t flen, void *ctx);

/* The letter c (a code point, after NFKD and the marks stripped) folds
 * to when Persian and Arabic spell one word with it and another: the
 * Persian one (ي → ی, ة → ه, ...); 0 when a folded word drops it
 * (tatweel, the zero-width joiners); c itself otherwise. Search and the
 * gazetteer's names (geo/gazetteer.h) fold by this one table. */
int32_t fold_letter(int32_t c);

/* Calls fn with each word of s[0..n) (UTF-8; an invalid byte separates
 * words), in order. Returns 0 or fn's first non-zero return. */
int fold_words(const char *s, size_t n, unsigned flags, fold_word_fn *fn,
               void *ctx);

/* Appends the folded words of s[0..n) to out, with one space before each
 * word when out is not empty (so fields appended one after the other stay
 * apart); appends nothing for text without words. */
void fold_text(struct buf *out, const char *s, size_t n);

/*
 * Appends the key a name matches by: its folded words, possessives and
 * the words that only join others ("of", "the", "and", ...) left out,
 * sorted and without repeats, one space between two. "Georgia's Public
 * Defender" and "Public Defender of Georgia" have the key "defender
 * georgia public".
 */
void fold_name_key(struct buf *out, const char *name);

/* True when the key `part` (fold_name_key) names some of the words of
 * key `whole`: each word of part is one of whole's. */
bool fold_key_within(const char *part, const char *whole);

#endif
