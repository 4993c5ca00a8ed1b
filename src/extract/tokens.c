/*
 * tokens.c: the extractor's tokenizer.
 *
 * Words are runs of letters, with apostrophes and hyphens inside them
 * ("People's", "Miando'ab", "twenty-five"); a possessive "'s" is kept in
 * the word's span but not in its lower-case form. "Date24" is a word and
 * a number. Numbers begin with a digit: "1500", "12,000" and
 * "12.000" (groups of three), "1.5" and "1,5" (decimals), "44th"
 * (ordinal); "26million" is a number then a word. Everything else that is
 * not white space is one punctuation token per character; en dashes read
 * as "-", em dashes as "--", curly quotes as straight ones.
 *
 * Persian and Arabic: a ZWNJ between letters is inside the word
 * ("ده‌ها"); the matching form drops it, tashkeel and tatweel, and folds
 * the yeh, kaf, alef and heh variants (tok_fold). A word the lexicon does
 * not know is looked up again without an attached و ب ل ف or ال
 * ("والجرحى" as "جرحى"). Persian ۰–۹ and Arabic-Indic ٠–٩ digits, with
 * their separators ٬ and ٫, are numbers read as ASCII ones
 * (cal_ascii_digits); the Arabic comma, semicolon and question mark read
 * as , ; ?. Spans are always bytes of the original text.
 *
 * A sentence begins at the text's start, at each line and after . ! ? or
 * an ellipsis when the next token is capitalised (or of a script without
 * capitals), a number or a quote and the word before the stop is not an
 * abbreviation ("Mrs.", "Dec.") or an initial ("U.S.").
 *
 * Speed (benchmark P5, bench/RESULTS.md): the tokenizer sees every byte,
 * so what it asks of each character is a table: one byte's class for
 * ASCII, and for U+0080-U+07FF (Latin, Greek, Cyrillic, Arabic: every
 * letter of the corpus but the curly quotes) a class and tok_fold's form
 * computed once from utf8proc, whose per-character calls were a tenth
 * of the extractor's time. A word's matching form is written once, into
 * a pool of the arena that the token points into (a 48-byte token where
 * an inline 32-byte form made it 72). The commonest tokens (a word of
 * ASCII letters, ASCII punctuation, a word of the Arabic block's
 * letters) are read by read_simple without the general tries, and a
 * short word's form is hashed and looked up from registers, never read
 * back from the pool it was just stored to (util/hash.h).
 */
#include <assert.h>
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "extract/scan.h"
#include "util/buf.h"
#include "util/calendar.h"
#include "util/hash.h"

/* ==== Characters ==== */

static utf8proc_int32_t char_at(const char *s, size_t n, size_t i, size_t *len)
{
    if ((unsigned char)s[i] < 0x80) { /* most text: no decoding */
        *len = 1;
        return (unsigned char)s[i];
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &c);
    if (k <= 0) {
        *len = 1;
        return 0xFFFD;
    }
    *len = (size_t)k;
    return c;
}

static bool is_space(utf8proc_int32_t c)
{
    if (c < 0x80)
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    return c == 0xA0 || c == 0x2009 || c == 0x202F || c == 0x200B ||
           c == 0x2002 || c == 0x2003 || c == 0xFEFF;
}

/* ASCII character classes, without the locale's isalpha. */
enum { AC_LETTER = 1, AC_LOWER = 2 };
static const unsigned char ascii_class[128] = {
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
    ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
    ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 3, ['b'] = 3,
    ['c'] = 3, ['d'] = 3, ['e'] = 3, ['f'] = 3, ['g'] = 3, ['h'] = 3, ['i'] = 3,
    ['j'] = 3, ['k'] = 3, ['l'] = 3, ['m'] = 3, ['n'] = 3, ['o'] = 3, ['p'] = 3,
    ['q'] = 3, ['r'] = 3, ['s'] = 3, ['t'] = 3, ['u'] = 3, ['v'] = 3, ['w'] = 3,
    ['x'] = 3, ['y'] = 3, ['z'] = 3,
};

static bool is_letter(utf8proc_int32_t c)
{
    if (c < 0x80)
        return ascii_class[c] & AC_LETTER;
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC;
}

static bool is_apostrophe(utf8proc_int32_t c)
{
    return c == '\'' || c == 0x2019 || c == 0x02BC;
}

/* Persian and Arabic letters: the Arabic block and its presentation
 * forms are folded by tok_fold; other scripts' words have no low form. */
static bool is_arabic(utf8proc_int32_t c)
{
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F);
}

/* Persian (U+06F0) and Arabic-Indic (U+0660) digits. */
static bool is_native_digit(utf8proc_int32_t c)
{
    return (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9);
}

/* The letters folded for matching (tok_fold); 0 drops the character. */
static const struct {
    int32_t c, form;
} letter_forms[] = {
    {0x064A, 0x06CC}, /* ARABIC YEH: Persian yeh */
    {0x0649, 0x06CC}, /* ALEF MAKSURA */
    {0x0643, 0x06A9}, /* ARABIC KAF: keheh */
    {0x0623, 0x0627}, /* ALEF WITH HAMZA ABOVE: alef */
    {0x0625, 0x0627}, /* ALEF WITH HAMZA BELOW */
    {0x0622, 0x0627}, /* ALEF WITH MADDA */
    {0x0671, 0x0627}, /* ALEF WASLA */
    {0x06C0, 0x0647}, /* HEH WITH YEH ABOVE: heh */
    {0x0640, 0},      /* TATWEEL */
    {0x0670, 0},      /* SUPERSCRIPT ALEF */
    {0x200C, 0},      /* ZWNJ */
};

int32_t tok_fold(int32_t c)
{
    if (c >= 0x064B && c <= 0x065F) /* tashkeel */
        return 0;
    for (size_t i = 0; i < sizeof letter_forms / sizeof *letter_forms; i++)
        if (letter_forms[i].c == c)
            return letter_forms[i].form;
    return c;
}

static bool is_upper(utf8proc_int32_t c)
{
    return c < 0x80 ? (ascii_class[c] & (AC_LETTER | AC_LOWER)) == AC_LETTER
                    : utf8proc_tolower(c) != c;
}

/* What the tokenizer asks of a character, as bits. */
enum {
    CH_SPACE = 1 << 0,
    CH_LETTER = 1 << 1,
    CH_UPPER = 1 << 2,
    CH_ARABIC = 1 << 3,
    CH_NATIVE = 1 << 4, /* a Persian or Arabic-Indic digit */
    CH_APOS = 1 << 5,   /* is_apostrophe */
};

struct chinfo {
    uint16_t fold; /* tok_fold's form (below U+0800 for every c here) */
    uint8_t bits;  /* CH_* */
};

static struct chinfo char_info_slow(utf8proc_int32_t c)
{
    int32_t f = is_arabic(c) ? tok_fold(c) : 0;
    uint8_t bits = (uint8_t)((is_space(c) ? CH_SPACE : 0) |
                             (is_letter(c) ? CH_LETTER : 0) |
                             (is_upper(c) ? CH_UPPER : 0) |
                             (is_arabic(c) ? CH_ARABIC : 0) |
                             (is_native_digit(c) ? CH_NATIVE : 0) |
                             (is_apostrophe(c) ? CH_APOS : 0));
    return (struct chinfo){(uint16_t)f, bits};
}

/* Every character below TABLE_END, answered once (constant after). */
enum { TABLE_END = 0x800 };
static struct chinfo char_table[TABLE_END];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void build_table(void)
{
    for (utf8proc_int32_t c = 0; c < TABLE_END; c++)
        char_table[c] = char_info_slow(c);
}

static inline struct chinfo char_info(utf8proc_int32_t c)
{
    return c < TABLE_END ? char_table[c] : char_info_slow(c);
}

/* char_at, with two-byte characters (the Arabic block) decoded here. */
static inline utf8proc_int32_t decode(const char *s, size_t n, size_t i,
                                      size_t *len)
{
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
        *len = 1;
        return b;
    }
    if (b >= 0xC2 && b < 0xE0 && i + 1 < n &&
        ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
        *len = 2;
        return ((b & 0x1F) << 6) | ((unsigned char)s[i + 1] & 0x3F);
    }
    return char_at(s, n, i, len);
}

/* ==== Words ==== */

/* Sets token t's lexicon entry and the classes tok_class reads. */
static inline void set_lex(struct token *t, const struct lex_entry *e)
{
    t->lex = e;
    t->classes = e ? e->classes : 0;
}

/* The word being read: its matching form, written straight into the
 * pool at `low`, and that form's hash once its end is found. */
struct word {
    char *low;     /* the pool's next bytes: room for the word and a NUL */
    size_t len;    /* bytes in low; LOW_MAX when it did not fit */
    uint32_t hash; /* lexicon_hash of low, set by read_word */
    bool upper;    /* every letter a capital */
    bool hyphen;   /* a hyphen inside */
    bool arabic;   /* Persian or Arabic letters */
    bool geo;      /* only letters arabic_forms marks ARABIC_GEO */
    bool regs;     /* lo, hi hold low's first sixteen bytes (or fewer),
                      as hash_load16 would read them: only arabic_letters
                      has added to low */
    uint64_t lo, hi;
};

/* The words of w's form, as hash_load16 reads them (len <= 16): from
 * registers when arabic_letters kept them, else read back. */
static inline void word_words(const struct word *w, uint64_t *lo, uint64_t *hi)
{
    if (w->regs) {
        *lo = w->lo, *hi = w->hi;
        return;
    }
    hash_load16((const unsigned char *)w->low, w->len, lo, hi);
}

/* The lexicon entry of the form w->low[0..len) (len <= w->len): by its
 * words when it fits them. */
static const struct lex_entry *lookup_form(const char *low, size_t len,
                                           uint64_t lo, uint64_t hi,
                                           uint32_t hash)
{
    uint32_t classes;
    return len <= 16 ? lexicon_lookup_words(lo, hi, len, hash, &classes)
                     : lexicon_lookup_n(low, len, hash);
}

static inline void word_add(struct word *w, char c)
{
    w->regs = false;
    if (w->len + 1 < LOW_MAX) {
        w->low[w->len++] = c;
    } else {
        w->len = LOW_MAX;
    }
}

/* Adds a Persian or Arabic letter's folded form (f, from the table) to
 * w as UTF-8. */
static inline void word_add_folded(struct word *w, int32_t f)
{
    w->regs = false;
    if (f >= 0x80 && w->len + 2 < LOW_MAX) { /* both bytes fit */
        unsigned char b0 = (unsigned char)(0xC0 | (f >> 6));
        unsigned char b1 = (unsigned char)(0x80 | (f & 0x3F));
        w->low[w->len] = (char)b0;
        w->low[w->len + 1] = (char)b1;
        w->len += 2;
    } else if (f >= 0x80) { /* every form tok_fold gives is two bytes */
        word_add(w, (char)(0xC0 | (f >> 6)));
        word_add(w, (char)(0x80 | (f & 0x3F)));
    } else if (f) {
        word_add(w, (char)f);
    }
    w->arabic = true;
}

/* The ASCII letters s[0..run) of a word, with the word's first bytes:
 * upper-cased letters folded (a letter's 0x20 bit is its case). s has
 * sixteen bytes (read_word_part's test), and the pool has room for
 * sixteen past the form (tokenize): they are written at once, and the
 * bytes after the run are written over or cut by the NUL. */
static void word_add_run(struct word *w, const char *s, size_t run, bool lower)
{
    w->regs = false;
    if (lower)
        w->upper = false;
    if (w->len + run >= LOW_MAX) { /* too long: as word_add decides */
        for (size_t k = 0; k < run; k++)
            word_add(w, (char)(s[k] | 0x20));
        return;
    }
#ifdef __SSE2__
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    _mm_storeu_si128((__m128i *)(void *)(w->low + w->len),
                     _mm_or_si128(v, _mm_set1_epi8(0x20)));
    w->len += run;
#else
    for (size_t k = 0; k < run; k++)
        w->low[w->len++] = (char)(s[k] | 0x20);
#endif
}

/* How many ASCII letters s[0..16) begins with, sixteen bytes compared at
 * once (SSE2, every x86-64): most of a word's bytes. *lower tells
 * whether one of them is lower case. */
static inline size_t ascii_letters16(const char *s, bool *lower)
{
#ifdef __SSE2__
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i rel = _mm_sub_epi8(folded, _mm_set1_epi8('a'));
    __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(rel, _mm_set1_epi8(25)), rel);
    unsigned mask = (unsigned)_mm_movemask_epi8(letter);
    size_t run = (size_t)__builtin_ctz(~mask | 0x10000u);
    __m128i lowers = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(0x20)),
                                    _mm_set1_epi8(0x20));
    unsigned lm = (unsigned)_mm_movemask_epi8(lowers) & ((1u << run) - 1);
    *lower = lm != 0;
    return run;
#else
    size_t run = 0;
    *lower = false;
    while (run < 16 && (unsigned char)s[run] < 0x80 &&
           (ascii_class[(unsigned char)s[run]] & AC_LETTER)) {
        *lower = *lower || (ascii_class[(unsigned char)s[run]] & AC_LOWER);
        run++;
    }
    return run;
#endif
}

/* The letters of U+0600-U+06FF (UTF-8 D8 80 - DB BF), by their two
 * bytes read as a uint16_t (pair_at): tok_fold's form as its two UTF-8
 * bytes in memory order (the low sixteen bits) and, above them, whether
 * the pair is a letter, dropped (tashkeel), or one whose form geo_fold
 * keeps (geo_letter); 0 for every other pair. Most bytes of a Persian or
 * Arabic text are such letters: one load answers for each, where
 * decoding and checking its bytes first took three times the
 * instructions, and a branch on whether a letter is its own form missed
 * often in Arabic (benchmark P5). 256 KB, of which the letters' 64
 * cache lines are read. */
enum {
    ARABIC_LETTER = 1 << 16,
    ARABIC_DROPPED = 2 << 16, /* with ARABIC_GEO: leaves the form be */
    ARABIC_GEO = 4 << 16,
};
static uint32_t pair_letter[1 << 16];

/* The two bytes at s as pair_letter indexes them. */
static inline uint16_t pair_at(const char *s)
{
    uint16_t u;
    memcpy(&u, s, 2);
    return u;
}

static void build_arabic_forms(void)
{
    for (int32_t c = 0x0600; c < 0x0700; c++) {
        struct chinfo ci = char_table[c];
        if (!(ci.bits & CH_LETTER))
            continue;
        /* No letter of the block has case, and every form is two bytes. */
        assert(!(ci.bits & CH_UPPER) && (ci.fold == 0 || ci.fold >= 0x80));
        char bytes[2] = {(char)(0xC0 | (c >> 6)), (char)(0x80 | (c & 0x3F))};
        uint32_t e = ARABIC_LETTER;
        if (ci.fold == 0) {
            e |= ARABIC_DROPPED | ARABIC_GEO;
        } else {
            char form[2] = {(char)(0xC0 | (ci.fold >> 6)),
                            (char)(0x80 | (ci.fold & 0x3F))};
            e |= pair_at(form);
            if (geo_letter(ci.fold) == ci.fold)
                e |= ARABIC_GEO;
        }
        pair_letter[pair_at(bytes)] = e;
    }
}

/* Adds the letters of U+0600-U+06FF at s[i..] to w, as the loop of
 * read_word would one at a time; returns their bytes. */
static size_t arabic_letters(const char *s, size_t n, size_t i, struct word *w)
{
    /* In locals: stores through w->low (a char *) might change *w, and
     * the compiler would read w's fields again for every letter. */
    size_t start = i, len = w->len;
    char *low = w->low;
    /* The form's first sixteen bytes, kept while w->regs: a form begun
     * here has an even length, so no letter straddles the two words. */
    uint64_t lo = w->lo, hi = w->hi;
    uint32_t all = ARABIC_GEO; /* every letter's entry, and-ed */
    while (i + 1 < n) {
        uint32_t e = pair_letter[pair_at(s + i)];
        if (!(e & ARABIC_LETTER))
            break;
        i += 2;
        all &= e;
        if (e & ARABIC_DROPPED)
            continue;
        if (len + 2 >= LOW_MAX) {
            len = LOW_MAX; /* as word_add: it does not fit */
            continue;
        }
        uint16_t form = (uint16_t)e;
        memcpy(low + len, &form, 2);
        if (len < 8)
            lo |= (uint64_t)form << (8 * len);
        else if (len < 16)
            hi |= (uint64_t)form << (8 * (len - 8));
        len += 2;
    }
    w->lo = lo, w->hi = hi;
    w->geo = w->geo && (all & ARABIC_GEO);
    if (i > start)
        w->upper = false, w->arabic = true;
    w->len = len;
    return i - start;
}

/* Whether the character at i is a letter. */
static bool letter_at(const char *s, size_t n, size_t i)
{
    size_t k;
    return i < n && (char_info(decode(s, n, i, &k)).bits & CH_LETTER);
}

/* Reads the part of a word at i into w: a run of ASCII or Arabic-block
 * letters, or one other character of the word. Returns its bytes, 0 at
 * the word's end. */
static size_t read_word_part(const char *s, size_t n, size_t i, struct word *w)
{
    bool lower;
    size_t run = i + 16 <= n && (unsigned char)s[i] < 0x80
                     ? ascii_letters16(s + i, &lower)
                     : 0;
    if (run > 0) { /* most words */
        word_add_run(w, s + i, run, lower);
        w->geo = false;
        return run;
    }
    run = arabic_letters(s, n, i, w); /* most Persian and Arabic words */
    if (run > 0)
        return run;
    unsigned char b = (unsigned char)s[i];
    w->geo = w->geo && b >= 0x80; /* anything but a ZWNJ below clears it */
    if (b < 0x80 && (ascii_class[b] & AC_LETTER)) { /* near the end */
        if (ascii_class[b] & AC_LOWER)
            w->upper = false;
        word_add(w, (char)(b | 0x20));
        return 1;
    }
    size_t k;
    utf8proc_int32_t c = decode(s, n, i, &k);
    struct chinfo ci = char_info(c);
    if (ci.bits & CH_LETTER) {
        w->geo = false;
        if (!(ci.bits & CH_UPPER))
            w->upper = false;
        if (ci.bits & CH_ARABIC)
            word_add_folded(w, ci.fold);
        else
            w->len = LOW_MAX;
        return k;
    }
    if (c == 0x200C && letter_at(s, n, i + k))
        return k; /* ZWNJ: "ده‌ها" is one word */
    if (((ci.bits & CH_APOS) || c == '-') && letter_at(s, n, i + k)) {
        w->geo = false;
        word_add(w, c == '-' ? '-' : '\'');
        w->hyphen = w->hyphen || c == '-';
        return k;
    }
    return 0;
}

/* Reads the word starting at i: letters, and ' or - (or a ZWNJ) when a
 * letter follows. Returns its end. A word with other than ASCII, Persian
 * or Arabic letters has no lower-case form (len LOW_MAX), but for curly
 * apostrophes, read as '. */
static size_t read_word(const char *s, size_t n, size_t i, struct word *w)
{
    w->len = 0;
    w->upper = true, w->hyphen = false, w->arabic = false, w->geo = true;
    w->regs = true, w->lo = 0, w->hi = 0;
    for (size_t k; i < n; i += k) {
        /* Most words end at a space or a stop: an ASCII byte no word
         * goes on with, told here without read_word_part's tries. */
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80 && !(ascii_class[b] & AC_LETTER) && b != '\'' && b != '-')
            break;
        if ((k = read_word_part(s, n, i, w)) == 0)
            break;
    }
    if (w->len >= LOW_MAX)
        w->len = 0, w->regs = true, w->lo = w->hi = 0;
    w->low[w->len] = '\0';
    if (w->len <= 16) {
        word_words(w, &w->lo, &w->hi);
        w->regs = true;
        w->hash = hash_words(w->lo, w->hi, w->len);
    } else {
        w->hash = lexicon_hash_n(w->low, w->len);
    }
    return i;
}

/* ==== Numbers ==== */

static bool digit(const char *s, size_t n, size_t i)
{
    return i < n && isdigit((unsigned char)s[i]);
}

/* The end of the number at i, its value and flags (TF_GROUPED,
 * TF_ORDINAL). */
static size_t number_end(const char *s, size_t n, size_t i, double *value,
                         uint16_t *flags)
{
    double v = 0;
    size_t start = i;
    while (digit(s, n, i))
        v = v * 10 + (s[i++] - '0');
    /* Groups of exactly three digits after , or . are thousands, after a
     * lead of one to three digits that is not "0" ("0.333" is a decimal). */
    bool lead = i - start <= 3 && s[start] != '0';
    while (lead && i < n && (s[i] == ',' || s[i] == '.') &&
           digit(s, n, i + 1) && digit(s, n, i + 2) && digit(s, n, i + 3) &&
           !digit(s, n, i + 4)) {
        v = v * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
            (s[i + 3] - '0');
        *flags |= TF_GROUPED;
        i += 4;
    }
    if (!(*flags & TF_GROUPED) && i + 1 < n && (s[i] == '.' || s[i] == ',') &&
        digit(s, n, i + 1)) {
        double scale = 0.1;
        for (i++; digit(s, n, i); i++, scale /= 10)
            v += (s[i] - '0') * scale;
    }
    /* "st", "nd", "rd", "th", compared in place: every number asks. */
    char a = i + 2 <= n ? s[i] : '\0', b = i + 2 <= n ? s[i + 1] : '\0';
    bool suffix = (a == 's' && b == 't') || (a == 'n' && b == 'd') ||
                  (a == 'r' && b == 'd') || (a == 't' && b == 'h');
    if (suffix && !(i + 2 < n && isalpha((unsigned char)s[i + 2]))) {
        *flags |= TF_ORDINAL;
        i += 2;
    }
    *value = v;
    return i;
}

/* Whether c may be part of a number in Persian or Arabic digits. */
static bool native_number_char(utf8proc_int32_t c)
{
    return is_native_digit(c) || (c < 0x80 && isdigit(c)) || c == 0x066B ||
           c == 0x066C || c == ',' || c == '.';
}

/* The end of the number in Persian or Arabic-Indic digits at i, as
 * number_end reads its ASCII form (cal_ascii_digits). Each character of
 * the run becomes one ASCII byte, so the ASCII end counts characters of
 * the run: walked back to a byte offset into s. */
static size_t native_number_end(const char *s, size_t n, size_t i,
                                double *value, uint16_t *flags)
{
    size_t end = i, k, chars = 0;
    while (end < n && native_number_char(char_at(s, n, end, &k)))
        end += k, chars++;
    struct buf a = BUF_INIT(64);
    size_t used = 0;
    if (cal_ascii_digits(&a, s + i, end - i) == 0 && !a.failed) {
        assert(a.len == chars); /* one ASCII byte per character */
        used = number_end(buf_cstr(&a), a.len, 0, value, flags);
        *flags &= (uint16_t)~TF_ORDINAL; /* no "th" in these scripts */
    }
    buf_release(&a);
    size_t at = i;
    for (size_t c = 0; c < used; c++) {
        char_at(s, n, at, &k);
        at += k;
    }
    return at > i ? at : i + 1;
}

/* ==== Punctuation ==== */

/* Typographic punctuation folded to the ASCII the rules match. */
static const struct {
    utf8proc_int32_t c;
    const char *form;
} punct_forms[] = {
    {0x2010, "-"},   {0x2011, "-"},  {0x2013, "-"},  {0x2212, "-"},
    {0x2014, "--"},  {0x2015, "--"}, {0x201C, "\""}, {0x201D, "\""},
    {0x201E, "\""},  {0xAB, "\""},   {0xBB, "\""},   {0x2018, "'"},
    {0x2026, "..."}, {0x060C, ","},  {0x061B, ";"},  {0x061F, "?"},
    {0x066A, "%"},   {0x06D4, "."},
};

/* The matching form of punctuation character c (not ASCII); "" when it
 * has none. */
static const char *punct_form(utf8proc_int32_t c)
{
    for (size_t i = 0; i < sizeof punct_forms / sizeof *punct_forms; i++)
        if (punct_forms[i].c == c)
            return punct_forms[i].form;
    return is_apostrophe(c) ? "'" : "";
}

/* Each ASCII character as a string: its own matching form. */
static char ascii_forms[128][2];

/* ==== Sentences ==== */

static bool ends_sentence(const struct tokens *ts, size_t i)
{
    const struct token *t = &ts->t[i];
    char c = t->low[0];
    /* One test for most tokens, without a branch on their kind: a stop
     * is punctuation whose form begins with one of . ! ? (a word or a
     * number has other first bytes, or none). */
    if ((unsigned)((c == '.') | (c == '!') | (c == '?')) == 0 ||
        t->kind != TK_PUNCT ||
        (t->low[1] != '\0' && strcmp(t->low, "...") != 0))
        return false;
    if (i > 0 && strcmp(t->low, ".") == 0 && ts->t[i - 1].kind == TK_WORD) {
        const struct token *w = &ts->t[i - 1];
        if (w->len == 1 || (w->lex && (w->lex->classes & LX_ABBREV)))
            return false;
    }
    return true;
}

static bool opens_sentence(const struct token *t)
{
    return (t->flags & (TF_CAP | TF_UNCASED)) || t->kind == TK_NUM ||
           (t->kind == TK_PUNCT && (t->low[0] == '"' || t->low[0] == '\'') &&
            t->low[1] == '\0');
}

/*
 * TF_SENT, the sentence numbers and TF_TITLE, marked as each token is
 * read, while it is in the cache: as passes of their own, over the 7.5 MB
 * of tokens a megabyte of text makes, they were a tenth of the
 * tokenizer's time (benchmark P5).
 *
 * A line is in title case when it has four words or more and of those
 * not in the stop list ("in", "of") four in five are capitalised.
 */
struct marks {
    uint32_t sent; /* the sentence being read */
    bool pending;  /* a new sentence may open at the next token */
    size_t line;   /* the line's first token */
    size_t words;  /* its words not in the stop list */
    size_t caps;   /* and of those, the capitalised */
};

#define MARKS_INIT       \
    {                    \
        0, true, 0, 0, 0 \
    }

/* Marks TF_TITLE on the line ending before token end, if in title case. */
static void mark_title_line(struct tokens *ts, const struct marks *m,
                            size_t end)
{
    for (size_t i = m->line;
         m->words >= 4 && m->caps * 5 >= m->words * 4 && i < end; i++)
        ts->t[i].flags |= TF_TITLE;
}

/* Marks token i, the last read. */
static void mark_token(struct tokens *ts, size_t i, struct marks *m)
{
    struct token *t = &ts->t[i];
    if (i > 0 && (t->flags & TF_LINE)) {
        mark_title_line(ts, m, i);
        m->line = i, m->words = 0, m->caps = 0;
        m->pending = true;
    }
    /* Counted without branching: whether a word is a stop word or
     * capitalised follows no pattern a branch predictor can learn. */
    unsigned counted = (t->kind == TK_WORD) & !(t->classes & LX_STOP);
    m->words += counted;
    m->caps += counted & ((t->flags & TF_CAP) != 0);
    if (m->pending && (i == 0 || (t->flags & TF_LINE) || opens_sentence(t))) {
        t->flags |= TF_SENT;
        m->sent += i > 0;
        m->pending = false;
    } else if (m->pending && t->kind == TK_WORD) {
        m->pending = false; /* "e.g. the": no new sentence */
    }
    t->sent = m->sent;
    if (ends_sentence(ts, i))
        m->pending = true;
}

/* Arabic prefixes attached to a word, folded, grouped by their first
 * letter and longest first within it: "and the", "and"; "with the",
 * "with"; "for the", "for"; "the"; "so". With their lengths, as most
 * Persian and Arabic words are tried against them. */
static const struct {
    const char *s;
    size_t n;     /* bytes */
    bool article; /* with the article: TF_ARTICLE */
} prefixes[] = {
#define PREFIX(s, article)       \
    {                            \
        s, sizeof s - 1, article \
    }
    PREFIX("وال", true), PREFIX("و", false), PREFIX("بال", true),
    PREFIX("ب", false),  PREFIX("لل", true), PREFIX("ل", false),
    PREFIX("ال", true),  PREFIX("ف", false),
#undef PREFIX
};

/* The prefixes a word whose first letter is `first` (its two UTF-8
 * bytes) may begin with: [from, to) of prefixes[]. */
static void prefixes_of(unsigned first, size_t *from, size_t *to)
{
    static const struct {
        unsigned first; /* و ب ل ا ف */
        size_t from, to;
    } groups[] = {
        {0xD988, 0, 2}, {0xD8A8, 2, 4}, {0xD984, 4, 6},
        {0xD8A7, 6, 7}, {0xD981, 7, 8},
    };
    *from = *to = 0;
    for (size_t g = 0; g < sizeof groups / sizeof *groups; g++)
        if (groups[g].first == first)
            *from = groups[g].from, *to = groups[g].to;
}

/* "والجرحى": when the word without an attached prefix is in the lexicon,
 * the token matches as that word (its span stays the whole word). Only
 * the prefixes of its first letter are tried: the first that leaves a
 * word of the lexicon wins, as when all were tried in turn. */
static void strip_prefix(struct token *t, uint64_t lo, uint64_t hi)
{
    size_t k, to;
    if (t->lowlen < 2) /* no prefix: and low[1] may not be there */
        return;
    prefixes_of(((unsigned)(unsigned char)t->low[0] << 8) |
                    (unsigned char)t->low[1],
                &k, &to);
    for (; k < to; k++) {
        size_t n = prefixes[k].n;
        assert(((unsigned char)prefixes[k].s[0] << 8 |
                (unsigned char)prefixes[k].s[1]) ==
               ((unsigned char)t->low[0] << 8 | (unsigned char)t->low[1]));
        if (t->lowlen <= n || memcmp(t->low, prefixes[k].s, n) != 0)
            continue;
        /* The rest's words: the form's shifted by the prefix (n < 8). */
        size_t rest = t->lowlen - n;
        uint64_t rlo = 0, rhi = 0;
        if (t->lowlen <= 16)
            rlo = (lo >> (8 * n)) | (hi << (64 - 8 * n)), rhi = hi >> (8 * n);
        else if (rest <= 16)
            hash_load16((const unsigned char *)t->low + n, rest, &rlo, &rhi);
        uint32_t h = rest <= 16 ? hash_words(rlo, rhi, rest)
                                : lexicon_hash_n(t->low + n, rest);
        const struct lex_entry *e = lookup_form(t->low + n, rest, rlo, rhi, h);
        if (e) {
            if (prefixes[k].article)
                t->flags |= TF_ARTICLE;
            t->low += n;
            t->lowlen = (uint8_t)(t->lowlen - n);
            set_lex(t, e), t->hash = h;
            return;
        }
    }
}

/* ==== Tokenizing ==== */

/* Reads the word at i into *t, its matching form into the pool at *pool
 * (advanced past it and its NUL); returns the offset after it. */
static size_t read_word_token(const char *s, size_t n, size_t i,
                              struct chinfo first, struct token *t, char **pool)
{
    struct word w;
    w.low = *pool;
    t->kind = TK_WORD;
    size_t end = read_word(s, n, i, &w);
    if (first.bits & CH_UPPER)
        t->flags |= TF_CAP;
    if (w.upper && end - i > 1)
        t->flags |= TF_UPPER;
    if (w.hyphen)
        t->flags |= TF_HYPHEN;
    if (w.len > 3 && w.low[w.len - 2] == '\'' && w.low[w.len - 1] == 's') {
        w.len -= 2; /* "Iran's": the word is "iran" */
        w.low[w.len] = '\0';
        w.hash = lexicon_hash_n(w.low, w.len);
        if (w.len <= 16)
            hash_load16((const unsigned char *)w.low, w.len, &w.lo, &w.hi);
        t->flags |= TF_POSS;
    }
    if (w.arabic)
        t->flags |= TF_UNCASED;
    if (w.arabic && w.geo && w.len)
        t->flags |= TF_GEO;
    if (w.len && memchr(w.low, '\'', w.len))
        t->flags |= TF_APOS;
    t->low = w.len ? w.low : "";
    t->lowlen = (uint8_t)w.len;
    *pool += w.len ? w.len + 1 : 0;
    set_lex(t, w.len ? lookup_form(w.low, w.len, w.lo, w.hi, w.hash) : NULL);
    t->hash = w.hash;
    if (w.arabic && t->lex == NULL)
        strip_prefix(t, w.lo, w.hi);
    return end;
}

/* A word of letters of U+0600-U+06FF alone, ended by a byte no word
 * goes on with (ASCII but a letter, ' or -, or a character of the block
 * that is no letter): read_simple's Persian and Arabic word. */
static size_t read_simple_arabic(const char *s, size_t n, size_t i,
                                 struct token *t, char **pool)
{
    struct word w = {*pool, 0, 0, true, false, false, true, true, 0, 0};
    size_t end = i + arabic_letters(s, n, i, &w);
    if (end == i || w.len >= LOW_MAX)
        return 0;
    if (end < n) {
        unsigned char e = (unsigned char)s[end];
        if (e < 0x80 ? (ascii_class[e] & AC_LETTER) || e == '\'' || e == '-'
                     : (e & 0xFC) != 0xD8)
            return 0;
    }
    w.low[w.len] = '\0';
    t->kind = TK_WORD;
    t->flags |= TF_UNCASED | (w.geo && w.len ? TF_GEO : 0);
    t->low = w.len ? w.low : "";
    t->lowlen = (uint8_t)w.len;
    t->hash = w.len <= 16 ? hash_words(w.lo, w.hi, w.len)
                          : lexicon_hash_n(w.low, w.len);
    *pool += w.len ? w.len + 1 : 0;
    set_lex(t, w.len ? lookup_form(w.low, w.len, w.lo, w.hi, t->hash) : NULL);
    t->value = 0;
    t->off = (uint32_t)i;
    t->len = (uint32_t)(end - i);
    if (t->lex == NULL)
        strip_prefix(t, w.lo, w.hi);
    return end;
}

/* The commonest tokens, read without read_token's general tries: a word
 * of ASCII letters alone, under sixteen of them and ended by a byte no
 * word goes on with (not ' or -, not beyond ASCII); or one character of
 * ASCII punctuation. What they give is what read_token gives them
 * (bench/p5_same.py compares the output). Returns the offset after the
 * token, or 0 when it is none of these. */
static size_t read_simple(const char *s, size_t n, size_t i, struct token *t,
                          char **pool)
{
    unsigned char b = (unsigned char)s[i];
    if ((b & 0xFC) == 0xD8)
        return read_simple_arabic(s, n, i, t, pool);
    if (b >= 0x80)
        return 0;
    if (ascii_class[b] & AC_LETTER) {
#if defined(__SSE2__) && defined(__x86_64__)
        if (i + 16 > n)
            return 0;
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
        __m128i rel = _mm_sub_epi8(low, _mm_set1_epi8('a'));
        unsigned mask = (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_min_epu8(rel, _mm_set1_epi8(25)), rel));
        size_t run = (size_t)__builtin_ctz(~mask | 0x10000u);
        unsigned char end = run < 16 ? (unsigned char)s[i + run] : 0x80;
        if (end >= 0x80 || end == '\'' || end == '-')
            return 0;
        unsigned lowers =
            (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
                _mm_and_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(0x20))) &
            ((1u << run) - 1);
        /* The form with its NUL and zeros after it, stored at once and
         * hashed and looked up from the register (hash.h). */
        static const unsigned char keep[32] = {
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
        __m128i word = _mm_and_si128(
            low,
            _mm_loadu_si128((const __m128i *)(const void *)(keep + 16 - run)));
        char *form = *pool;
        _mm_storeu_si128((__m128i *)(void *)form, word);
        *pool += run + 1;
        uint64_t lo = (uint64_t)_mm_cvtsi128_si64(word),
                 hi = (uint64_t)_mm_cvtsi128_si64(
                     _mm_unpackhi_epi64(word, word));
        t->kind = TK_WORD;
        /* Capitals as flags without branches: whether a word is
         * capitalised follows no pattern a predictor learns. A letter's
         * 0x20 bit is clear in capitals. */
        _Static_assert(TF_CAP == 1 && TF_UPPER == 2, "the flags below");
        t->flags |= (uint16_t)(((b >> 5) & 1) ^ 1) |
                    (uint16_t)(((lowers == 0) & (run > 1)) << 1);
        t->low = form;
        t->lowlen = (uint8_t)run;
        t->hash = hash_words(lo, hi, run);
        /* The classes from the slot: no load that waits on the entry's
         * address, and no branch on whether there is one. */
        t->lex = lexicon_lookup_words(lo, hi, run, t->hash, &t->classes);
        t->value = 0;
        t->off = (uint32_t)i;
        t->len = (uint32_t)run;
        return i + run;
#else
        return 0;
#endif
    }
    if (isdigit(b))
        return 0;
    t->kind = TK_PUNCT;
    t->low = ascii_forms[b];
    t->lowlen = b != 0;
    set_lex(t, NULL);
    t->value = 0;
    t->hash = 0;
    t->off = (uint32_t)i;
    t->len = 1;
    return i + 1;
}

/* Reads the token starting at i, character c of k bytes, into *t;
 * returns the offset after it. */
static size_t read_token(const char *s, size_t n, size_t i, utf8proc_int32_t c,
                         size_t k, struct token *t, char **pool)
{
    struct chinfo ci = char_info(c);
    size_t end;
    set_lex(t, NULL);
    t->value = 0;
    t->hash = 0;
    t->low = "";
    t->lowlen = 0;
    if (c < 0x80 && isdigit(c)) {
        t->kind = TK_NUM;
        end = number_end(s, n, i, &t->value, &t->flags);
    } else if (ci.bits & CH_NATIVE) {
        t->kind = TK_NUM;
        end = native_number_end(s, n, i, &t->value, &t->flags);
        t->flags |= TF_NATIVE;
    } else if (ci.bits & CH_LETTER) {
        end = read_word_token(s, n, i, ci, t, pool);
    } else {
        t->kind = TK_PUNCT;
        end = i + k;
        t->low = c < 0x80 ? ascii_forms[c] : punct_form(c);
        t->lowlen = (uint8_t)strlen(t->low);
    }
    t->off = (uint32_t)i;
    t->len = (uint32_t)(end - i);
    return end;
}

static void build_tables(void)
{
    build_table();
    build_arabic_forms();
    for (int c = 1; c < 128; c++)
        ascii_forms[c][0] = (char)c;
}

void tokenize(const char *text, size_t n, struct arena *a, struct tokens *out)
{
    pthread_once(&table_once, build_tables);
    /* News text has a token every five to six bytes: one allocation for
     * most texts, grown past that. Every field of a token is written. */
    size_t cap = n / 5 + 16;
    memset(out, 0, sizeof *out);
    out->t = arena_alloc_raw(a, cap * sizeof *out->t);
    /* A word's form is at most its bytes and a NUL, and a word is
     * followed by a byte of no word: n + 1 in all, and room for the form
     * of the word being read before it is known to fit, written sixteen
     * bytes at a time. */
    char *pool = arena_alloc_raw(a, n + 2 * LOW_MAX + 1);
    out->text = text;
    out->n = n;
    uint16_t before = TF_LINE;
    struct marks m = MARKS_INIT;
    /* The count and the flag in locals: the forms' byte stores may alias
     * *out, and the compiler would read them again for every token. */
    size_t count = 0;
    bool uncased = false;
    for (size_t i = 0; i < n;) {
        unsigned char b = (unsigned char)text[i];
        if (b < 0x80 && (char_table[b].bits & CH_SPACE)) {
            before |= TF_SPACE | (b == '\n' ? TF_LINE : 0);
            i++;
            continue;
        }
        if (count == cap)
            out->t = arena_grow(a, out->t, count, &cap, sizeof *out->t);
        struct token *t = &out->t[count];
        t->flags = before;
        /* ASCII and the Arabic block hold no other white space: most
         * tokens are read without decoding their first character. */
        size_t end = read_simple(text, n, i, t, &pool);
        if (end == 0) {
            size_t k;
            utf8proc_int32_t c = decode(text, n, i, &k);
            if (char_info(c).bits & CH_SPACE) { /* U+00A0, U+2009 ... */
                before |= TF_SPACE;
                i += k;
                continue;
            }
            end = read_token(text, n, i, c, k, t, &pool);
        }
        i = end;
        mark_token(out, count++, &m);
        uncased |= (t->flags & TF_UNCASED) != 0;
        before = 0;
    }
    out->count = count, out->uncased = uncased;
    mark_title_line(out, &m, count);
}

/* ==== Queries ==== */

static pthread_mutex_t sets_lock = PTHREAD_MUTEX_INITIALIZER;

void word_set_build(struct word_set *s)
{
    pthread_mutex_lock(&sets_lock);
    if (!atomic_load_explicit(&s->ready, memory_order_relaxed)) {
        for (size_t i = 0; s->words[i]; i++) {
            assert(i + 1 < WORD_SET_SLOTS / 2 && "a word set over half full");
            uint32_t h = lexicon_hash(s->words[i]),
                     k = h & (WORD_SET_SLOTS - 1);
            while (s->word[k] && strcmp(s->words[s->word[k] - 1], s->words[i]))
                k = (k + 1) & (WORD_SET_SLOTS - 1);
            s->hash[k] = h;
            s->word[k] = (uint8_t)(i + 1);
        }
        atomic_store_explicit(&s->ready, true, memory_order_release);
    }
    pthread_mutex_unlock(&sets_lock);
}

bool tok_fold_word(const char *word, char out[LOW_MAX])
{
    size_t n = strlen(word), o = 0, k;
    for (size_t i = 0; i < n; i += k) {
        utf8proc_int32_t c = tok_fold(char_at(word, n, i, &k));
        utf8proc_uint8_t u[4];
        utf8proc_ssize_t m = c ? utf8proc_encode_char(c, u) : 0;
        if (o + (size_t)m >= LOW_MAX)
            return false;
        memcpy(out + o, u, (size_t)m);
        o += (size_t)m;
    }
    out[o] = '\0';
    return true;
}

bool tok_clause_end(const struct tokens *ts, size_t i)
{
    if (i >= ts->count)
        return true;
    const char *p = ts->t[i].low;
    if (ts->t[i].kind != TK_PUNCT)
        return false;
    /* ".", "!", "?", ";" or "...", compared in place: asked of most
     * tokens a figure's clause holds */
    return ((p[0] == '.' || p[0] == '!' || p[0] == '?' || p[0] == ';') &&
            p[1] == '\0') ||
           (p[0] == '.' && p[1] == '.' && p[2] == '.' && p[3] == '\0');
}
