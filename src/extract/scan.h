/*
 * scan.h: what the extractor's scanners share: the token stream and the
 * word classes of lexicon.c. Internal to src/extract.
 *
 * The tokenizer cuts UTF-8 text into words, numbers and punctuation, each
 * with its byte span, and marks where sentences and lines begin. Words
 * carry their matching form (`low`: lower-case ASCII, or Persian/Arabic
 * letters folded by tok_fold; empty for longer or mixed words) and the
 * lexicon entry it finds; numbers carry their value.
 */
#ifndef VIGIL_EXTRACT_SCAN_H
#define VIGIL_EXTRACT_SCAN_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "extract/extract.h"
#include "util/hash.h"

enum tok_kind { TK_WORD, TK_NUM, TK_PUNCT };

enum tok_flag {
    TF_CAP = 1 << 0,      /* a word whose first letter is upper case */
    TF_UPPER = 1 << 1,    /* a word in capitals ("DECEMBER", "NCRI") */
    TF_SENT = 1 << 2,     /* first token of a sentence */
    TF_LINE = 1 << 3,     /* first token of a line */
    TF_SPACE = 1 << 4,    /* white space before it */
    TF_ORDINAL = 1 << 5,  /* a number written "44th" */
    TF_GROUPED = 1 << 6,  /* a number written with separators "12,000" */
    TF_USED = 1 << 7,     /* taken by a date or counter: not a tally */
    TF_POSS = 1 << 8,     /* a word with "'s", dropped from `low` */
    TF_HYPHEN = 1 << 9,   /* a word with a hyphen: "mid-September" */
    TF_TITLE = 1 << 10,   /* on a line in title case: capitals tell nothing */
    TF_UNCASED = 1 << 11, /* a word of a script without capitals (Arabic) */
    TF_NATIVE = 1 << 12,  /* a number in Persian or Arabic-Indic digits */
    TF_ARTICLE = 1 << 13, /* an Arabic word read without its ال */
    TF_APOS = 1 << 15,    /* an apostrophe in the word's matching form */
    TF_GEO = 1 << 14,     /* a Persian or Arabic word whose matching form
                             geo_fold gives too (places.c) */
};

/* Word classes (lexicon.c); a word may have several. */
enum lex_class {
    LX_MONTH = 1 << 0,     /* value 1-12 */
    LX_WEEKDAY = 1 << 1,   /* value 0 (Monday) - 6 */
    LX_NUMBER = 1 << 2,    /* "twelve": value */
    LX_ORDINAL = 1 << 3,   /* "fourth": value */
    LX_SCALE = 1 << 4,     /* "million": value is the multiplier */
    LX_VAGUE = 1 << 5,     /* "dozens": value indexes vague_ranges */
    LX_METRIC = 1 << 6,    /* a metric word: metric, strength, role */
    LX_PERSON = 1 << 7,    /* a noun for people: "protesters", "people" */
    LX_THING = 1 << 8,     /* a noun for counted things: "banks" */
    LX_GATHER = 1 << 9,    /* "rallied", "marched": people taking part */
    LX_SAY = 1 << 10,      /* "said", "reported": attribution verbs */
    LX_UNIT = 1 << 11,     /* "years", "percent": the number is no tally */
    LX_FUTURE = 1 << 12,   /* "will", "next": a weekday ahead */
    LX_STOP = 1 << 13,     /* never the start of a place's name */
    LX_ABBREV = 1 << 14,   /* "mr", "dec": a following "." ends nothing */
    LX_ACTOR = 1 << 15,    /* "condemned": a country before it is an actor */
    LX_ORGAN = 1 << 16,    /* "government": "X's government" is an actor */
    LX_OF = 1 << 18,       /* "cases": "cases of X" counts X */
    LX_AMOUNT = 1 << 19,   /* "many", "tens": may open a vague amount */
    LX_LINK = 1 << 20,     /* "de", "al": inside a place's name */
    LX_FUNC = 1 << 21,     /* "the", "in": a function word, never a name */
    LX_ROLE = 1 << 22,     /* "spokesperson": who speaks for a body */
    LX_DATEWORD = 1 << 17, /* "yesterday", "last", "from": may open a date */
    LX_SOLAR = 1 << 23,    /* a Solar Hijri month ("دی"): value 1-12 */
    LX_PAIRED = 1 << 24, /* "كانون", "تشرين": a month with "الأول" or
                            "الثاني" after it; value its first month */
    LX_AMBIG = 1 << 25,     /* "may", "تیر": a month only beside a day or
                               a year, or after "in" */
    LX_RELDAY = 1 << 26,    /* "yesterday", "دیروز": value days from
                               publication */
    LX_PASTAFTER = 1 << 27, /* "گذشته", "الماضي": a weekday before it is
                               the previous one */
    LX_DAYNOUN = 1 << 28, /* "day", "روز", "يوم": "Day 44" */
    LX_AND = 1 << 29,     /* "and", "و": joins number words */
    LX_SOURCE = 1 << 30, /* "گزارش" of "به گزارش X", "بحسب": the
                            attribution's name follows */
};

/* "police", "organisers": a body named by a common noun, a source of
 * figures though written in lower case ("according to organisers",
 * "police said"). Outside enum lex_class: an enum constant is an int,
 * and this is the 32nd bit. */
#define LX_BODY (UINT32_C(1) << 31)

/* How a metric word relates to the number it counts. */
enum lex_role {
    ROLE_NOUN,    /* "martyrs", "cities": the thing counted */
    ROLE_OUTCOME, /* "killed", "arrested": what happened to them */
};

struct lex_entry {
    const char *word; /* lower case */
    uint32_t classes; /* enum lex_class bits */
    int value;        /* month, weekday, number, multiplier, ... */
    enum ex_metric metric;
    uint8_t strength; /* 1 weak ("protesters") - 3 strong ("killed") */
    enum lex_role role;
};

enum {
    LOW_MAX = 32
}; /* longest matching form kept, with its NUL: the lexicon's longest
      word is 24 bytes (twelve Persian letters, "بازداشت‌شدگان")
    */

/* 48 bytes: the tokenizer writes one for every six or seven bytes of
 * news text, and the scanners walk them many times over. */
struct token {
    uint32_t off, len; /* bytes into the text */
    uint32_t sent;     /* sentence number, from 0 */
    uint16_t flags;    /* enum tok_flag */
    uint8_t kind;      /* enum tok_kind */
    uint8_t lowlen;    /* bytes of low */
    const char *low;   /* lower-case ASCII word or punctuation, or "" (never
                          NULL; under LOW_MAX bytes; lives as the tokens) */
    const struct lex_entry *lex; /* NULL when the word is not in lexicon.c */
    double value;                /* a number's value */
    uint32_t hash;               /* lexicon_hash of low, when low is set */
    uint32_t classes; /* lex's classes, or 0: tok_class reads them here, in
                         the token it has in the cache already */
};
_Static_assert(sizeof(struct token) == 48, "a token grew: see its comment");

/* A date as written, before duplicates are dropped: tokens first..last. */
struct mention {
    size_t first, last;
    struct vg_date start, end;
};

struct tokens {
    const char *text;
    size_t n;
    struct token *t;
    size_t count;
    struct mention *dates; /* every date written, in order (scan_dates) */
    size_t ndates, dates_cap;
    bool uncased; /* a Persian or Arabic word was read (TF_UNCASED) */
};

/* ==== tokens.c ==== */

/* Cuts text into tokens (array in arena). The text is valid UTF-8. */
void tokenize(const char *text, size_t n, struct arena *a, struct tokens *out);
/* Whether token i exists and is the word or punctuation `low` (inline:
 * the scanners ask this of most tokens; the first byte settles most, and
 * the rest are compared here, words being short, rather than by a call
 * to strcmp). */
static inline bool tok_is(const struct tokens *ts, size_t i, const char *low)
{
    /* A number's form is "", so the first byte turns numbers away too
     * (low is never ""): no test of the kind. */
    if (i >= ts->count || ts->t[i].low[0] != low[0])
        return false;
    const char *a = ts->t[i].low;
    while (*low && *a == *low)
        a++, low++;
    return *a == *low;
}
/* A fixed list of words (matching forms, NULL-ended), looked up by the
 * hash the tokenizer gave each word: the scanners ask whether a token is
 * one of a list for most tokens they read, and walking the lists with
 * tok_is was a twelfth of the extractor's time (benchmark P5). Declared
 * static with WORD_SET; its table is built on first use. */
enum { WORD_SET_SLOTS = 128 };
struct word_set {
    const char *const *words;
    atomic_bool ready;             /* the table is built */
    uint32_t hash[WORD_SET_SLOTS]; /* lexicon_hash of the slot's word */
    uint8_t word[WORD_SET_SLOTS];  /* 1 + its index in words; 0: empty */
};
#define WORD_SET(list) \
    {                  \
        .words = list  \
    }
void word_set_build(struct word_set *s);
/* Whether token j exists and is a word or punctuation of set s. */
static inline bool tok_in(const struct tokens *ts, size_t j, struct word_set *s)
{
    if (j >= ts->count || ts->t[j].kind == TK_NUM)
        return false;
    if (!atomic_load_explicit(&s->ready, memory_order_acquire))
        word_set_build(s);
    const struct token *t = &ts->t[j];
    if (t->kind == TK_PUNCT) { /* no hash: rare in a list */
        for (size_t k = 0; s->words[k]; k++)
            if (strcmp(t->low, s->words[k]) == 0)
                return true;
        return false;
    }
    for (uint32_t k = t->hash & (WORD_SET_SLOTS - 1); s->word[k];
         k = (k + 1) & (WORD_SET_SLOTS - 1))
        if (s->hash[k] == t->hash &&
            strcmp(t->low, s->words[s->word[k] - 1]) == 0)
            return true;
    return false;
}

/* Whether token i is a word of class c. */
static inline bool tok_class(const struct tokens *ts, size_t i, uint32_t c)
{
    return i < ts->count && (ts->t[i].classes & c) != 0;
}
/* Whether token i ends a clause: . ! ? ; or a new sentence after it. */
bool tok_clause_end(const struct tokens *ts, size_t i);
/* The matching form of a Persian or Arabic letter: tashkeel, tatweel and
 * ZWNJ give 0 (dropped); Arabic yeh and alef maksura the Persian yeh,
 * Arabic kaf the Persian kaf, alef with hamza or madda the bare alef,
 * heh with yeh above heh. Other characters are themselves. Matching only:
 * spans stay on the original bytes. */
int32_t tok_fold(int32_t c);
/* Folds a UTF-8 word (lexicon.c's entries) into out as the tokenizer
 * folds the text's words; false when it does not fit LOW_MAX. */
bool tok_fold_word(const char *word, char out[LOW_MAX]);

/* ==== lexicon.c ==== */

/* The entry for a lower-case ASCII word, or NULL. Thread-safe. */
const struct lex_entry *lexicon_find(const char *low);
/* lexicon_find with the word's hash already computed (the tokenizer
 * hashes each word once): hash_bytes (util/hash.h), as lexicon_hash. */
uint32_t lexicon_hash(const char *low);
/* lexicon_hash of the len bytes at low. */
static inline uint32_t lexicon_hash_n(const char *low, size_t len)
{
    return hash_bytes(low, len);
}
const struct lex_entry *lexicon_lookup(const char *low, uint32_t hash);
/* lexicon_lookup of the len bytes at low (the tokenizer knows them). */
const struct lex_entry *lexicon_lookup_n(const char *low, size_t len,
                                         uint32_t hash);
/* lexicon_lookup of a word of len <= 16 bytes given as hash_load16's
 * words (util/hash.h) and their hash_words: the tokenizer has them in
 * registers. Sets *classes to the entry's (0 for none). */
const struct lex_entry *lexicon_lookup_words(uint64_t lo, uint64_t hi,
                                             size_t len, uint32_t hash,
                                             uint32_t *classes);
/* Whether a lower-case word is a common English word ("date", "post"),
 * from Debian's word list: a capitalised one opening a sentence is
 * likelier that word than a place. Thread-safe. */
bool lexicon_common_word(const char *low);
/* The value of a hyphenated number word whose second half has class
 * `second`: "twenty-five" (LX_NUMBER) 25, "forty-fourth" (LX_ORDINAL) 44;
 * 0 when it is none. */
long lexicon_compound(const char *low, uint32_t second);
/* Low and high of vague amount v ("dozens": 24-99). */
void lexicon_vague(int v, long long *low, long long *high);
/* Matches a qualifier phrase ending just before token i ("at least",
 * "more than"); returns its first token and sets *q, or returns i. */
size_t lexicon_qualifier(const struct tokens *ts, size_t i,
                         enum ex_qualifier *q);
/* Matches a qualifier phrase starting at token i, after the figure
 * ("على الأقل"); returns its tokens and sets *q, or returns 0. */
size_t lexicon_qualifier_after(const struct tokens *ts, size_t i,
                               enum ex_qualifier *q);

/* ==== The scanners ==== */

void scan_dates(struct tokens *ts, struct extraction *x);
void scan_counter(struct tokens *ts, struct extraction *x);
/* Sets x->dateline when the text has no publication date: the first
 * whole day that opens a line of its head. */
void scan_dateline(const struct tokens *ts, struct extraction *x);
/* The lines of a text's head, where a release writes its headline, date
 * and byline (scan_dateline, and the byline attribution.c reads). */
enum { HEAD_LINES = 4 };
void scan_tallies(struct tokens *ts, struct extraction *x);
void scan_places(const struct tokens *ts, const struct extract_opts *o,
                 struct extraction *x);
/* geo_fold's form of a letter of a token's matching form (tok_fold has
 * already made Arabic yeh, kaf and hamzated alefs Persian yeh, keheh and
 * alef), or 0 when places.c's table does not know it (then geo_fold
 * itself folds the word's text). The tokenizer marks TF_GEO by it. */
int32_t geo_letter(int32_t c);
/* Sets each tally's source_slug to the tracker's source its attribution
 * names (sources.c). */
void match_sources(const struct extract_opts *o, struct extraction *x);
/* Sets each tally's metric_key to the tracker's metric it is recorded
 * under (metrics.c). */
void match_metrics(const struct extract_opts *o, struct extraction *x);

/* ==== attribution.c ==== */

/* The first and last token of the sentence token i is in, as far as
 * SENTENCE_REACH tokens from i: a sentence is rarely longer, and a list
 * or a text without stops read as one sentence must not make each of
 * its figures walk all of it (the walks per figure stay bounded, so a
 * text of figures costs its length, not its square). */
enum { SENTENCE_REACH = 200 };
size_t sentence_start(const struct tokens *ts, size_t i);
size_t sentence_end(const struct tokens *ts, size_t i);

/* The text's own source ("(Reuters)", "X said today"): name NULL when it
 * gives none. */
struct doc_source {
    const char *name;
    struct ex_span words;
};
void document_source(const struct tokens *ts, struct arena *ar,
                     struct doc_source *out);
/* Sets t's source, source_why and source_words for the figure whose
 * words start at token q. */
void attribute(const struct tokens *ts, size_t q, const struct doc_source *doc,
               struct arena *ar, struct ex_tally *t);
/* Sets t's as_of, as_of_why and as_of_words for the figure whose amount
 * is tokens [i, end), in a text published on `published` (year 0:
 * unknown). */
void date_figure(const struct tokens *ts, size_t i, size_t end,
                 struct vg_date published, struct ex_tally *t);

/* ==== dedup.c ==== */

/* An index of the items of an array by a hash of what makes two the
 * same, so that adding an item finds its duplicate without walking the
 * array. Zero-initialised: empty. */
struct dedup {
    uint32_t *hash; /* each slot's item's hash */
    uint32_t *item; /* 1 + the item's index in the array; 0: empty slot */
    size_t mask;    /* slots - 1; 0 before the first item */
    size_t n;       /* items */
};
enum { DEDUP_START = -1 };
/* The items whose hash is h, one a call: 1 + an index, or 0 when there
 * are no more. *slot starts at DEDUP_START. */
static inline size_t dedup_find(const struct dedup *d, uint32_t h, size_t *slot)
{
    if (d->n == 0)
        return 0;
    size_t s =
        *slot == (size_t)DEDUP_START ? h & d->mask : (*slot + 1) & d->mask;
    for (; d->item[s]; s = (s + 1) & d->mask)
        if (d->hash[s] == h) {
            *slot = s;
            return d->item[s];
        }
    return 0;
}
/* Indexes the item at `index` under hash h. */
void dedup_add(struct dedup *d, struct arena *a, uint32_t h, size_t index);

/* Appends one element to an arena-grown array (see arena_grow). */
#define EX_PUSH(a, arr, n, cap, val)                                    \
    do {                                                                \
        if ((n) == (cap))                                               \
            (arr) = arena_grow((a), (arr), (n), &(cap), sizeof *(arr)); \
        (arr)[(n)++] = (val);                                           \
    } while (0)

#endif
