/* fold.c: text folded for matching (fold.h). */
#include "util/fold.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <utf8proc.h>

#include "util/xmalloc.h"

/* ==== Characters ==== */

static bool is_apostrophe(utf8proc_int32_t c)
{
    return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x02BB ||
           c == 0x02BC || c == 0x00B4;
}

/* Joiners and the soft hyphen: inside a word, never a word alone. */
static bool is_joiner(utf8proc_int32_t c)
{
    return c == 0x200C || c == 0x200D || c == 0x00AD;
}

static bool is_word_char(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

static bool is_letter_or_digit(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* The code point at s[i] (n bytes left) and its length; an invalid byte
 * reads as -1 of length 1. */
static utf8proc_int32_t char_at(const char *s, size_t n, size_t i, size_t *len)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &c);
    *len = k > 0 ? (size_t)k : 1;
    return k > 0 ? c : -1;
}

/* Letters that Persian and Arabic (and the keyboards that type them)
 * write differently in one word, mapped to one form, Persian's; 0 drops
 * the character (fold_letter). Unicode gives these letters no
 * decomposition (each is a letter of its own, not a letter and a mark),
 * so neither utf8proc nor ICU's normalisers fold them: a table does, as the
 * Arabic and Persian normalisers of Lucene (Elasticsearch, Solr) do. What
 * utf8proc folds is not here: harakat, shadda, the superscript alef (marks,
 * stripped) and the hamza and madda of أ إ آ ؤ ئ ۀ (a letter and a mark: ا, و,
 * ي, ە once stripped), and presentation forms (compatibility forms).
 *
 * Teh marbuta becomes heh, as those engines fold it: Persian writes with
 * heh the words Arabic ends with teh marbuta ("مدرسة", "مدرسه";
 * "البصرة", "بصره"), and Arabic text often drops its two dots. Arabic
 * words that differ only there (a pronoun's heh) then meet, a cost those
 * engines' readers already bear; a word Persian spells with teh instead
 * ("وزارة", "وزارت") stays another word. */
static const struct {
    utf8proc_int32_t from, to;
} letter_pairs[] = {
    {0x064A, 0x06CC}, /* Arabic yeh: Persian yeh */
    {0x0649, 0x06CC}, /* alef maksura: Persian yeh */
    {0x06D2, 0x06CC}, /* yeh barree: Persian yeh */
    {0x0643, 0x06A9}, /* Arabic kaf: keheh */
    {0x0629, 0x0647}, /* teh marbuta: heh (above) */
    {0x0671, 0x0627}, /* alef wasla: alef */
    {0x06D5, 0x0647}, /* ae, what is left of heh with yeh above (ۀ): heh */
    {0x06C1, 0x0647}, /* heh goal, some keyboards' heh: heh */
    {0x06BE, 0x0647}, /* heh doachashmee, likewise: heh */
    {0x0640, 0},      /* tatweel, a stretch of the line */
    {0x200C, 0},      /* zero-width non-joiner, inside Persian words */
    {0x200D, 0},      /* zero-width joiner, likewise */
};

int32_t fold_letter(int32_t c)
{
    if (c < 0x0629 || (c > 0x06D5 && c != 0x200C && c != 0x200D))
        return c;
    for (size_t i = 0; i < sizeof letter_pairs / sizeof *letter_pairs; i++)
        if (letter_pairs[i].from == c)
            return letter_pairs[i].to;
    return c;
}

/* What a folded character becomes: its pair (fold_letter), the ASCII
 * digit of any decimal digit (ICU: Persian ۰–۹, Arabic-Indic ٠–٩ and
 * every other script's); -1 drops it (tatweel, what is not a letter or
 * digit once decomposed: joiners, apostrophes). */
static utf8proc_int32_t fold_char(utf8proc_int32_t c)
{
    c = fold_letter(c);
    if (c == 0 || !is_letter_or_digit(c))
        return -1;
    int32_t digit = c >= 0x80 && utf8proc_category(c) == UTF8PROC_CATEGORY_ND
                        ? u_charDigitValue(c)
                        : -1;
    return digit >= 0 && digit <= 9 ? '0' + digit : c;
}

/* ==== Words ==== */

/* The folded form of an ASCII word into out (FOLD_WORD_MAX + 1 bytes). */
static size_t fold_ascii(const char *w, size_t n, char *out)
{
    size_t used = 0;
    for (size_t i = 0; i < n && used < FOLD_WORD_MAX; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z')
            out[used++] = (char)(c | 0x20);
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[used++] = (char)c;
    }
    out[used] = '\0';
    return used;
}

/* The folded form of word w[0..n) into out (FOLD_WORD_MAX + 1 bytes). */
static size_t fold_word(const char *w, size_t n, char *out)
{
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)w[i] < 0x80;
    if (ascii)
        return fold_ascii(w, n, out);
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t len =
        utf8proc_map((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &mapped,
                     UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                         UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    size_t used = 0;
    for (utf8proc_ssize_t i = 0; len > 0 && i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(mapped + i, len - i, &c);
        if (k <= 0)
            break;
        i += k;
        utf8proc_int32_t f = fold_char(c);
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t e = f < 0 ? 0 : utf8proc_encode_char(f, enc);
        if (used + (size_t)e > FOLD_WORD_MAX)
            break;
        memcpy(out + used, enc, (size_t)e);
        used += (size_t)e;
    }
    free(mapped);
    out[used] = '\0';
    return used;
}

/* How the character at s[i] continues a word begun before it: 0 it ends
 * the word, 1 it belongs to it, 2 it ends it as a possessive ("'s",
 * whose bytes the walk skips: *skip). */
static int continues(const char *s, size_t n, size_t i, unsigned flags,
                     size_t *skip)
{
    size_t len, next;
    utf8proc_int32_t c = char_at(s, n, i, &len);
    if (c >= 0 && (is_word_char(c) || is_joiner(c)))
        return 1;
    if (c < 0 || !is_apostrophe(c) || i + len >= n)
        return 0;
    utf8proc_int32_t d = char_at(s, n, i + len, &next);
    if (d < 0 || !is_word_char(d))
        return 0;
    if ((flags & FOLD_POSSESSIVE) && (d == 's' || d == 'S')) {
        size_t after = i + len + next, alen;
        utf8proc_int32_t e = after < n ? char_at(s, n, after, &alen) : -1;
        if (e < 0 || !is_word_char(e)) {
            *skip = len + next;
            return 2;
        }
    }
    return 1;
}

int fold_words(const char *s, size_t n, unsigned flags, fold_word_fn *fn,
               void *ctx)
{
    char folded[FOLD_WORD_MAX + 1];
    size_t i = 0;
    while (i < n) {
        size_t len, skip = 0;
        utf8proc_int32_t c = char_at(s, n, i, &len);
        if (c < 0 || !is_word_char(c)) {
            i += len;
            continue;
        }
        size_t start = i, end;
        for (i += len; i < n && continues(s, n, i, flags, &skip) == 1;) {
            char_at(s, n, i, &len);
            i += len;
        }
        end = i;
        i += skip;
        size_t flen = fold_word(s + start, end - start, folded);
        int rc = flen ? fn(start, end - start, folded, flen, ctx) : 0;
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int append_word(size_t off, size_t len, const char *folded, size_t flen,
                       void *ctx)
{
    (void)off, (void)len;
    struct buf *out = ctx;
    if (out->len > 0)
        buf_putc(out, ' ');
    buf_append(out, folded, flen);
    return 0;
}

void fold_text(struct buf *out, const char *s, size_t n)
{
    fold_words(s, n, 0, append_word, out);
}

/* ==== Names ==== */

/* Words that only join a name's others, folded: "Public Defender of
 * Georgia" and "Georgia's Public Defender" name the same office. */
static const char *const joining_words[] = {
    "a",   "an", "and", "at", "de",  "del", "des", "du",  "el", "et",
    "for", "in", "la",  "le", "les", "of",  "on",  "the", "to", "y",
};

static bool is_joining(const char *w)
{
    for (size_t i = 0; i < sizeof joining_words / sizeof *joining_words; i++)
        if (strcmp(joining_words[i], w) == 0)
            return true;
    return false;
}

static int cmp_words(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int keep_word(size_t off, size_t len, const char *folded, size_t flen,
                     void *ctx)
{
    (void)off, (void)len;
    struct buf *words = ctx;
    if (!is_joining(folded))
        buf_append(words, folded, flen + 1); /* with its NUL */
    return 0;
}

void fold_name_key(struct buf *out, const char *name)
{
    struct buf words = BUF_INIT(1 << 20);
    fold_words(name, strlen(name), FOLD_POSSESSIVE, keep_word, &words);
    size_t n = 0;
    for (size_t i = 0; i < words.len; i++)
        n += words.p[i] == '\0';
    char **list = xcalloc(n ? n : 1, sizeof *list);
    for (size_t i = 0, k = 0; k < n; k++) {
        list[k] = words.p + i;
        i += strlen(list[k]) + 1;
    }
    qsort(list, n, sizeof *list, cmp_words);
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && strcmp(list[k], list[k - 1]) == 0)
            continue;
        if (k > 0)
            buf_putc(out, ' ');
        buf_puts(out, list[k]);
    }
    free(list);
    buf_release(&words);
}

bool fold_key_within(const char *part, const char *whole)
{
    size_t wl = strlen(whole);
    for (const char *p = part; *p;) {
        size_t len = strcspn(p, " ");
        bool found = false;
        for (const char *q = whole; !found && q < whole + wl;) {
            size_t ql = strcspn(q, " ");
            found = ql == len && memcmp(p, q, len) == 0;
            q += ql + (q[ql] == ' ');
        }
        if (!found)
            return false;
        p += len + (p[len] == ' ');
    }
    return true;
}
