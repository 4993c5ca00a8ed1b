/*
 * places.c: the place scanner: names in the text that the gazetteer
 * knows, and countries.
 *
 * A place's name is a run of up to four capitalised words (with "de",
 * "du", "al", "el", "la" inside: "Place de Trocadero"); the longest run
 * the gazetteer or the country table knows wins. Kept are the places of
 * events only, so these are dropped:
 *  - datelines: a name opening a paragraph and followed by "(Reuters)",
 *    a dash or ", COUNTRY (" ("TEHRAN (Reuters) -");
 *  - names inside other names: after "X of" ("Organization of Iran",
 *    "University of Tehran"), between capitalised words ("Iran Human
 *    Rights", "Senator Jean-Pierre Michel");
 *  - actors: a name before "condemned", "said" ... or before "'s
 *    government" ("France condemned", "Iran's foreign ministry").
 * Ambiguous names go to the tracker's country, then to a country the
 * text names, then to the gazetteer's ranking (alias, spelling,
 * population, order).
 * A country's point is the centroid of its largest outline ring
 * (gazetteer.c); a country without an outline is left out.
 */
#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "extract/scan.h"
#include "geo/countries.h"
#include "geo/gazetteer.h"
#include "util/hash.h"

enum { NAME_WORDS = 4, CANDIDATES = 16, COUNTRIES_NAMED = 8 };

/* ==== Names ==== */

static inline bool cap_word(const struct tokens *ts, size_t j)
{
    return j < ts->count && ts->t[j].kind == TK_WORD &&
           (ts->t[j].flags & TF_CAP) &&
           !tok_class(ts, j, LX_MONTH | LX_WEEKDAY);
}

static bool link_word(const struct tokens *ts, size_t j)
{
    return tok_class(ts, j, LX_LINK) && !(ts->t[j].flags & TF_CAP);
}

/* The country s[0..n) names, or NULL. */
static const struct country *country_named(const char *s, size_t n)
{
    return country_by_name_n(s, n);
}

/* ==== Matching ==== */

struct point {
    const char *cc;
    double lat, lon;
    bool ok;    /* the country has an outline: lat, lon are its centroid */
    bool small; /* under 1.5 degrees each way: a city-state */
};

struct ctx {
    const struct tokens *ts;
    const struct extract_opts *o;
    const char *named[COUNTRIES_NAMED]; /* countries the text names */
    size_t nnamed;
    struct point points[COUNTRIES_NAMED]; /* countries met, their points */
    size_t npoints;
};

/* A country's point and size, computed once per country in an
 * extraction. */
static struct point cached_point(struct ctx *c, const char *cc)
{
    for (size_t k = 0; k < c->npoints; k++)
        if (strcmp(c->points[k].cc, cc) == 0)
            return c->points[k];
    const struct outline *o =
        c->o->gaz ? gazetteer_outline(c->o->gaz, cc) : NULL;
    struct point p = {cc, o ? o->lat : 0, o ? o->lon : 0, o != NULL,
                      o && o->east - o->west < 1.5 &&
                          o->north - o->south < 1.5};
    if (c->npoints < COUNTRIES_NAMED)
        c->points[c->npoints++] = p;
    return p;
}

/* The best of a name's places for this text. */
static const struct place *choose(const struct ctx *c, const struct place **hit,
                                  size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (c->o->country && strcmp(hit[k]->country, c->o->country) == 0)
            return hit[k];
    for (size_t k = 0; k < n; k++)
        for (size_t m = 0; m < c->nnamed; m++)
            if (hit[k]->country[0] == c->named[m][0] &&
                strcmp(hit[k]->country, c->named[m]) == 0)
                return hit[k];
    return n ? hit[0] : NULL;
}

/* The bytes of a possessive "'s" ending token j ("Iran's"), or 0. */
static size_t possessive(const struct tokens *ts, size_t j)
{
    if (!(ts->t[j].flags & TF_POSS))
        return 0;
    const char *s = ts->text + ts->t[j].off + ts->t[j].len;
    return s[-2] == '\'' ? 2 : 4; /* ' or U+2019 (three bytes) */
}

/* Country k as a place, at its point; false when it has none (no
 * outline): such a country is left out. */
static bool place_country(struct ctx *c, const struct country *k,
                          struct ex_place *p)
{
    struct point pt = k ? cached_point(c, k->alpha2)
                        : (struct point){NULL, 0, 0, false, false};
    if (!pt.ok)
        return false;
    *p = (struct ex_place){
        {0, 0}, country_short_name(k), k->alpha2, "country", pt.lat, pt.lon};
    return true;
}

/* A name's folded key (geo_fold's), when the caller has it: its bytes
 * and length, or len -1 when it has not. */
struct key {
    const char *s;
    int len;
};

/* The gazetteer's best place named s[0..len) for this text, or NULL. */
static const struct place *best_place(const struct ctx *c, const char *s,
                                      size_t len, struct key known)
{
    char name[FOLD_MAX], folded[FOLD_MAX];
    /* Folded once, for the quick test and the search both. */
    const char *key = known.s;
    int klen = known.len;
    if (c->o->gaz == NULL || len >= sizeof name)
        klen = 0;
    else if (klen < 0)
        klen = geo_fold(s, len, folded, sizeof folded), key = folded;
    if (klen <= 0 ||
        !gazetteer_may_name_hash(c->o->gaz, hash_bytes(key, (size_t)klen)))
        return NULL;
    memcpy(name, s, len);
    name[len] = '\0';
    const struct place *hit[CANDIDATES];
    size_t h = gazetteer_find_folded(c->o->gaz, key, name, c->o->country, hit,
                                     CANDIDATES);
    return choose(c, hit, h);
}

/* The country (when `country`: some country's name may begin so) or the
 * gazetteer's place (when `gaz`) named s[0..len), folded to `key` when
 * the caller knows it. */
static bool try_name(struct ctx *c, const char *s, size_t len, bool country,
                     bool gaz, struct key key, struct ex_place *p)
{
    const struct country *k = country ? country_named(s, len) : NULL;
    const struct place *city = NULL;
    struct point pt = k ? cached_point(c, k->alpha2)
                        : (struct point){NULL, 0, 0, false, false};
    if (k && pt.small && c->o->gaz && len < FOLD_MAX) {
        /* A city-state ("Hong Kong", "Singapore"): its city is the point. */
        char name[FOLD_MAX];
        memcpy(name, s, len);
        name[len] = '\0';
        if (gazetteer_find(c->o->gaz, name, k->alpha2, &city, 1) == 1 &&
            strcmp(city->country, k->alpha2) == 0) {
            *p = (struct ex_place){{0, 0},     city->name, city->country,
                                   city->kind, city->lat,  city->lon};
            return true;
        }
    }
    if (k && place_country(c, k, p))
        return true;
    const struct place *best = gaz ? best_place(c, s, len, key) : NULL;
    if (best == NULL)
        return false;
    /* A country the gazetteer names ("ایران") is placed as the country
     * table's are, and left out as they are. */
    if (strcmp(best->kind, "country") == 0)
        return place_country(c, country_find(best->country), p);
    *p = (struct ex_place){{0, 0},     best->name, best->country,
                           best->kind, best->lat,  best->lon};
    return true;
}

/* gazetteer_may_start for token t: a word of ASCII letters alone folds to
 * its lower-case form, whose hash the tokenizer already made ("Tehran's"
 * asks for "tehran": a place's name seldom ends in "'s"). */
static bool may_start_place(const struct gazetteer *g, const struct token *t,
                            const struct tokens *ts)
{
    if (t->low[0] && !(t->flags & (TF_APOS | TF_HYPHEN)))
        return gazetteer_may_start_hash(g, t->hash);
    return gazetteer_may_start(g, ts->text + t->off, t->len);
}

/* geo_fold's key of the name of tokens i..last, built from their
 * matching forms when each is ASCII letters alone and they are apart by
 * ASCII white space: the forms joined by spaces, with a possessive's "s"
 * ("Iran's" folds to "irans") unless `cut` leaves the last one's off.
 * The key's length, or -1 when geo_fold must fold the text (or would
 * find it too long). Most capitalised words are such names, and folding
 * their text again was a tenth of the place scan (benchmark P5). */
static int token_key(const struct tokens *ts, size_t i, size_t last, bool cut,
                     char key[FOLD_MAX])
{
    size_t used = 0;
    for (size_t j = i; j <= last; j++) {
        const struct token *t = &ts->t[j];
        if (t->kind != TK_WORD || (t->flags & (TF_UNCASED | TF_HYPHEN)))
            return -1;
        if (j > i) {
            const char *gap = ts->text + ts->t[j - 1].off + ts->t[j - 1].len;
            for (; gap < ts->text + t->off; gap++)
                if (*gap != ' ' && *gap != '\n' && *gap != '\t' && *gap != '\r')
                    return -1;
            key[used++] = ' ';
        }
        const char *w = t->low;
        if (*w == '\0')
            return -1;
        for (; *w; w++) {
            if (*w < 'a' || *w > 'z' || used + 2 >= FOLD_MAX)
                return -1;
            key[used++] = *w;
        }
        if ((t->flags & TF_POSS) && !(cut && j == last))
            key[used++] = 's';
    }
    key[used] = '\0';
    return (int)used;
}

/* The longest name at i the gazetteer or the country table knows: sets
 * *last and the place fields of *p; false when none. */
static bool match_at(struct ctx *c, size_t i, size_t *last, struct ex_place *p)
{
    const struct tokens *ts = c->ts;
    /* No place's name begins with this word: only a country can match. */
    bool gaz = c->o->gaz == NULL || may_start_place(c->o->gaz, &ts->t[i], ts);
    /* ...and when no country's begins with it either (an ASCII word's
     * form tells), nothing can: most capitalised words of a text, which
     * are turned away before the words after them are read. */
    const struct token *first = &ts->t[i];
    bool country = !first->low[0] || (first->flags & TF_UNCASED) ||
                   country_may_begin(first->hash);
    if (!gaz && !country)
        return false;
    size_t end[NAME_WORDS], n = 0;
    for (size_t j = i; j < ts->count && n < NAME_WORDS; j++) {
        if (j > i &&
            !(cap_word(ts, j) || (link_word(ts, j) && cap_word(ts, j + 1))))
            break;
        if (cap_word(ts, j))
            end[n++] = j;
    }
    /* The longest name in the hinted country wins ("Bago City" is in the
     * Philippines, "Bago" in Myanmar); else the longest name. */
    bool found = false;
    while (n-- > 0) {
        size_t len = ts->t[end[n]].off + ts->t[end[n]].len - ts->t[i].off;
        size_t cut = possessive(ts, end[n]);
        const char *s = ts->text + ts->t[i].off;
        struct ex_place q = {{0, 0}, NULL, NULL, NULL, 0, 0};
        char whole[FOLD_MAX], bare[FOLD_MAX];
        struct key k = {whole,
                        gaz ? token_key(ts, i, end[n], false, whole) : -1};
        if (!try_name(c, s, len, country, gaz, k, &q) &&
            !(cut &&
              try_name(c, s, len -= cut, country, gaz,
                       (struct key){bare, token_key(ts, i, end[n], true, bare)},
                       &q)))
            continue;
        q.at = (struct ex_span){ts->t[i].off, len};
        bool hinted = c->o->country && strcmp(q.country, c->o->country) == 0;
        if (!found || hinted) {
            *p = q, *last = end[n];
            found = true;
        }
        if (hinted || c->o->country == NULL)
            break;
    }
    return found;
}

/* ==== Which names are places of events ==== */

/* The token after a name and an optional ", Country" or ", DC". */
static size_t after_name(const struct tokens *ts, size_t last)
{
    size_t j = last + 1;
    if (tok_is(ts, j, ",") && cap_word(ts, j + 1))
        for (j++; cap_word(ts, j); j++)
            ;
    return j;
}

static bool dash(const struct tokens *ts, size_t j)
{
    return tok_is(ts, j, "-") || tok_is(ts, j, "--");
}

/* "TEHRAN (Reuters) -", "LONDON, UNITED KINGDOM:", "(KHARTOUM) -",
 * "(Washington, DC) -", "Colombo:" opening a paragraph. */
static bool dateline(const struct tokens *ts, size_t i, size_t last)
{
    size_t j = after_name(ts, last);
    if (i > 0 && tok_is(ts, i - 1, "(") && tok_is(ts, j, ")") &&
        dash(ts, j + 1))
        return true;
    if (!(ts->t[i].flags & TF_LINE))
        return false;
    bool upper = (ts->t[i].flags & TF_UPPER) != 0;
    return tok_is(ts, j, "(") || tok_is(ts, j, "--") || tok_is(ts, j, ":") ||
           (upper && (dash(ts, j) || tok_is(ts, j, ",")));
}

/* Words that follow a place's name and keep it a place ("Bago City",
 * "Kyi Myin Tine Townships"), and those that make it a region ("Yangon
 * region"): the gazetteer has no regions. */
static const char *const settlement_words[] = {"city", "town", "township",
                                               "townships", "village"};
static const char *const region_words[] = {
    "region",   "state",       "province",   "division", "county",
    "district", "governorate", "prefecture", "oblast",   "river",
    "lake",     "sea",         "mountains",  "valley"};

static bool word_in(const struct tokens *ts, size_t j, const char *const *w,
                    size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (tok_is(ts, j, w[k]))
            return true;
    return false;
}

static bool region(const struct tokens *ts, size_t last)
{
    return !(ts->t[last + 1 < ts->count ? last + 1 : last].flags & TF_CAP) &&
           word_in(ts, last + 1, region_words,
                   sizeof region_words / sizeof *region_words);
}

/* Capitalised words around it make the name part of another name. */
static bool inside_name(const struct tokens *ts, size_t i, size_t last)
{
    if (i >= 2 && tok_is(ts, i - 1, "of") && cap_word(ts, i - 2) &&
        !(ts->t[i - 2].flags & TF_SENT))
        return true;
    if (i >= 1 && cap_word(ts, i - 1) && !tok_class(ts, i - 1, LX_STOP) &&
        !(ts->t[i].flags & TF_SENT))
        return true;
    return cap_word(ts, last + 1) && !(ts->t[last + 1].flags & TF_SENT) &&
           ts->t[last + 1].off > ts->t[last].off + ts->t[last].len &&
           !word_in(ts, last + 1, settlement_words,
                    sizeof settlement_words / sizeof *settlement_words);
}

static bool actor(const struct tokens *ts, size_t last)
{
    size_t j = last + 1;
    if (tok_is(ts, j, "has") || tok_is(ts, j, "have") || tok_is(ts, j, "had"))
        j++;
    size_t n = j < ts->count ? strlen(ts->t[j].low) : 0;
    if (n > 4 && strcmp(ts->t[j].low + n - 2, "ly") == 0) /* "officially" */
        j++;
    if (tok_class(ts, j, LX_ACTOR | LX_SAY))
        return true;
    if (!possessive(ts, last))
        return false;
    j = last + 1;
    return tok_class(ts, j, LX_ORGAN) ||
           (tok_is(ts, j, "state") && tok_class(ts, j + 1, LX_ORGAN));
}

/* A one-word name where capitals tell nothing (opening a sentence or a
 * line, or in a title) that is a common English word: "Date", "Post",
 * "Change". Countries are never dropped. */
static bool common_word(const struct tokens *ts, size_t i)
{
    const struct token *t = &ts->t[i];
    return (t->flags & (TF_SENT | TF_LINE | TF_TITLE)) && t->low[0] &&
           !country_named(ts->text + t->off, t->len) &&
           lexicon_common_word(t->low);
}

/* ==== Scanning ==== */

/* Acronyms ("UN", "EU", "SPA") name bodies, not places, unless they are
 * a country's ("US", "UK"). */
static bool acronym(const struct tokens *ts, size_t i)
{
    const struct token *t = &ts->t[i];
    return (t->flags & TF_UPPER) && t->len <= 3 &&
           country_named(ts->text + t->off, t->len) == NULL;
}

/* "US$5 million", "HK$", "NZ$": a currency, not the country. */
static bool currency(const struct tokens *ts, size_t i)
{
    return tok_is(ts, i + 1, "$") && !(ts->t[i + 1].flags & TF_SPACE);
}

/* cap_word, not a stop word or number, not taken by a date: what a
 * capitalised name may start with, as one test of the token's bits
 * (bitwise, without a branch to mispredict on each token of the text:
 * benchmark P5). */
static inline bool capitalised_start(const struct token *t)
{
    return (t->kind == TK_WORD) & ((t->flags & (TF_CAP | TF_USED)) == TF_CAP) &
           ((t->classes & (LX_MONTH | LX_WEEKDAY | LX_STOP | LX_NUMBER)) == 0);
}

static bool may_start(const struct tokens *ts, size_t i)
{
    return capitalised_start(&ts->t[i]) && !acronym(ts, i) && !currency(ts, i);
}

/* The country named by up to NAME_WORDS words at i, if any, added to
 * the countries the text names (for ranking namesakes). */
static void name_country(struct ctx *c, size_t i)
{
    const struct tokens *ts = c->ts;
    for (size_t j = i; j < i + NAME_WORDS && cap_word(ts, j); j++) {
        const struct country *k =
            country_named(ts->text + ts->t[i].off,
                          ts->t[j].off + ts->t[j].len - ts->t[i].off);
        if (k) {
            c->named[c->nnamed++] = k->alpha2;
            break;
        }
    }
}
/* The places found, for add_place. */
struct found {
    size_t cap;
    struct dedup seen; /* by name and country */
};

/* Adds p unless the same place is there: once each. */
static void add_place(struct extraction *x, struct found *f, struct ex_place p)
{
    uint32_t h = hash_bytes(p.name, strlen(p.name)) ^ lexicon_hash(p.country);
    size_t slot = (size_t)DEDUP_START, k;
    while ((k = dedup_find(&f->seen, h, &slot)) != 0) {
        const struct ex_place *o = &x->places[k - 1];
        if (o->lat == p.lat && strcmp(o->name, p.name) == 0 &&
            strcmp(o->country, p.country) == 0)
            return;
    }
    dedup_add(&f->seen, &x->arena, h, x->nplaces);
    EX_PUSH(&x->arena, x->places, x->nplaces, f->cap, p);
}

/* ==== Persian and Arabic ==== */

/*
 * These scripts have no capitals, so any run of one to three words may
 * be a name ("تهران", "شهر ری", "خرم آباد"). Each run is looked up in
 * the gazetteer as written, then, for Arabic's attached prefixes, without
 * "و" (and), "ب" (in), "ل" (for), "ف" (so) or "ك" (like) and without the
 * article ("بالخرطوم", "والخرطوم": الخرطوم, then خرطوم); the span stays
 * the whole words, as the tokenizer's spans do. Most words name nothing:
 * the gazetteer's sets of first words and of whole names turn them away
 * after a hash of their letters, folded here as geo_fold would fold them
 * (utf8proc only for a letter this file does not know). The scan runs
 * only when the tokenizer read a Persian or Arabic word: English text
 * pays nothing for it.
 *
 * Common words: every word is a candidate, and the gazetteer's other
 * names include words of the language (a city in the Levant called "نور"
 * (light), one in Iran called "امید" (hope)). So:
 *  - a word the lexicon knows (months, numbers, function and metric
 *    words: "کرد" is "did", "دی" the month) never starts a name;
 *  - common_names lists words the gazetteer knows as some place's name
 *    that prose uses as words; one of them, and any one-word name of two
 *    letters ("بم", "ری"), is a place only after a settlement word
 *    ("شهر بم", "مدينة صور"), the cue an editor also reads;
 *  - so is a one-word city outside the tracker's country: the other names
 *    of the region's cities are many, and a word of a Persian text about
 *    Iran that names a town in Kuwait ("بيان", statement) or Lebanon
 *    ("بشری", human) is that word.
 * Dropped as in English: names after a region word ("استان البرز",
 * "محافظة فارس": regions), names after a body's noun ("دانشگاه تهران",
 * "لجنة أطباء السودان": inside another name), names in parentheses after
 * an agency ("رويترز (دبي)") or before a colon opening a line
 * ("القاهرة:"): datelines; names before "news" ("زاد الاردن الاخباري":
 * an outlet's), and a name before a verb of saying ("ایران اعلام کرد":
 * an actor).
 */

/* The lists hold words as the tokenizer folds them (tok_fold): Persian
 * yeh and keheh, bare alef; teh marbuta stays. */

/* Words before a name that make it a settlement: the cue that lets a
 * common word or a two-letter name be a place. Folded (tok_fold). */
static const char *const rtl_settlement[] = {
    "شهر", "شهرستان", "روستای", "بندر", "مدینة", "بمدینة", "مدن", "بلدة", NULL};
/* Words before a name that make it a region's. */
static const char *const rtl_region[] = {
    "استان", "استانهای", "محافظة", "بمحافظة", "ولایة", "بولایة",
    "اقلیم", "منطقه",    "ایالت",  "ایالات",  NULL};
/* Nouns of bodies before a name that make it part of the body's name. */
static const char *const rtl_body[] = {
    "دانشگاه",  "خبرگزاری", "سازمان",   "مجلس",     "نماینده", "نمایندهی",
    "فرماندهی", "فرمانده",  "استاندار", "فرماندار", "دادستان", "جمهوری",
    "دولت",     "بشر",      "تلویزیون", "رادیو",    "جامعة",   "وکالة",
    "منظمة",    "حکومة",    "وزارة",    "اطباء",    "اطبا",    "لجنة",
    "رئیس",     "رییس",     "شرطة",     "سفارة",    "سفارت",   "مقر",
    NULL};
/* Words after a name that make it a news outlet's ("زاد الاردن
 * الاخباري", "ایران اینترنشنال"). */
static const char *const rtl_outlet[] = {"الاخباری", "الاخباریة", "نیوز",
                                         "اینترنشنال", NULL};
/* Words of prose that some place in the gazetteer is named: a place only
 * after a settlement word. Folded. */
static const char *const common_names[] = {
    "امید", "نور",  "سر",    "بار",     "دره",   "میدان", "شهر",  "شهرک",
    "کوه",  "باغ",  "خانه",  "عین",     "صور",   "مرکز",  "بلد",  "قلعه",
    "دار",  "سد",   "چشمه",  "صحنه",    "قدس",   "خبر",   "بشری", "کامل",
    "بیان", "الحی", "سلمیة", "الجدیدة", "جدیدة", "حی",    NULL};

/* How many letters token j's folded form has. */
static size_t letters(const struct tokens *ts, size_t j)
{
    size_t n = 0;
    for (const char *p = ts->t[j].low; *p; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    return n;
}

/* The lists above as word sets (scan.h): every Persian or Arabic word
 * of a text is looked up in several. */
static struct word_set settlement_list = WORD_SET(rtl_settlement),
                       region_list = WORD_SET(rtl_region),
                       body_list = WORD_SET(rtl_body),
                       outlet_list = WORD_SET(rtl_outlet),
                       common_list = WORD_SET(common_names);

/* Whether token j is a Persian or Arabic word of set l. */
static bool folded_in(const struct tokens *ts, size_t j, struct word_set *l)
{
    return j < ts->count && (ts->t[j].flags & TF_UNCASED) && tok_in(ts, j, l);
}
#define FOLDED_IN(ts, j, list) folded_in(ts, j, &list)

/* Token j is a Persian or Arabic word a name may go on with: no
 * punctuation, number or line break between it and token j - 1. */
static bool rtl_word(const struct tokens *ts, size_t j)
{
    return j < ts->count && ts->t[j].kind == TK_WORD &&
           (ts->t[j].flags & TF_UNCASED) && !(ts->t[j].flags & TF_USED);
}

/* The bytes of the attached prefixes on s[0..n) to try without: *k1
 * "و" or "ب" (two bytes each), *k2 "و", "ب", "ل", "ف", "ك" with "ال"
 * after them (four more); 0 when there is none or too little would be
 * left (three letters). Both at once: every Persian or Arabic word the
 * lexicon does not know asks. */
static void rtl_prefixes(const char *s, size_t n, size_t *k1, size_t *k2)
{
    /* The letters' UTF-8 bytes, first and second. */
    enum {
        WAW = 0xD988,
        BEH = 0xD8A8,
        LAM = 0xD984,
        FEH = 0xD981,
        KAF = 0xD983
    };
    unsigned first =
        n >= 2 ? ((unsigned)(unsigned char)s[0] << 8) | (unsigned char)s[1] : 0;
    bool one = first == WAW || first == BEH || first == LAM || first == FEH ||
               first == KAF;
    size_t k = one ? 2 : 0;
    bool article = n >= k + 4 && memcmp(s + k, "ال", 4) == 0;
    /* ل ف ك only before the article: "لاران" is a name. */
    bool bare = first == WAW || first == BEH;
    size_t without = one && !article && !bare ? 0 : k, with = k;
    if (article)
        with = k + 4;
    else if (first == LAM && n >= 4 && memcmp(s + 2, "ل", 2) == 0)
        with = 4; /* "للخرطوم": ل with the article's alef dropped */
    else if (one && !bare)
        with = 0;
    *k1 = n >= without + 6 ? without : 0;
    *k2 = n >= with + 6 ? with : 0;
}

/* The place named by words i..last as written or without a prefix. */
int32_t geo_letter(int32_t c)
{
    switch (c) {
    case 0x0629: /* teh marbuta */
    case 0x06D5: /* ae */
    case 0x06BE: /* heh doachashmee */ return 0x0647;
    case 0x0624: /* waw with hamza: geo_fold strips the hamza */ return 0x0648;
    case 0x0626: /* yeh with hamza */ return 0x06CC;
    default: break;
    }
    bool plain = (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x0648) ||
                 c == 0x067E || c == 0x0686 || c == 0x0698 || c == 0x06A9 ||
                 c == 0x06AF || c == 0x06CC;
    return plain ? c : 0;
}

/* geo_letter of U+0600-U+06FF, by the letter's second UTF-8 byte's
 * place in the block: fold_word reads every letter of every Persian and
 * Arabic word the lexicon does not know. */
static uint16_t geo_letters[256];
static pthread_once_t letters_once = PTHREAD_ONCE_INIT;

static void build_geo_letters(void)
{
    for (int32_t c = 0x0600; c < 0x0700; c++)
        geo_letters[c - 0x0600] = (uint16_t)geo_letter(c);
}

/* A token's matching form folded as geo_fold would fold the text,
 * without utf8proc: each two-byte letter of U+0600-U+06FF by
 * geo_letters. A letter that table does not know leaves the fold from
 * before it unknown (then the caller folds the text itself). */
struct geo_form {
    const char *s;  /* the fold: buf, or the matching form itself */
    size_t n;       /* bytes of the matching form */
    size_t ok_from; /* the fold from an even byte at or past this is known */
    bool own;       /* s is the matching form: its hash is the token's */
    uint32_t hash;  /* then, the token's */
    char buf[LOW_MAX];
};

/* Sets *f (not to be copied: s may point into it). */
static void fold_word(const struct token *t, struct geo_form *f)
{
    size_t n = t->lowlen;
    f->n = n, f->ok_from = 0;
    f->own = false;
    if (t->flags & TF_GEO) { /* most words: the tokenizer checked */
        f->s = t->low, f->own = true, f->hash = t->hash;
        return;
    }
    pthread_once(&letters_once, build_geo_letters);
    f->s = f->buf;
    for (size_t j = 0; j < n; j += 2) {
        const unsigned char *b = (const unsigned char *)t->low + j;
        int32_t c = b[0] >= 0xD8 && b[0] <= 0xDB && j + 1 < n
                        ? geo_letters[((b[0] & 0x03) << 6) | (b[1] & 0x3F)]
                        : 0;
        if (c == 0) {
            f->ok_from = j + 2;
            continue;
        }
        f->buf[j] = (char)(0xC0 | (c >> 6));
        f->buf[j + 1] = (char)(0x80 | (c & 0x3F));
    }
}

/* The hash of f's fold from byte k (even: prefixes are whole letters);
 * false when it is not known. */
static bool form_hash(const struct geo_form *f, size_t k, uint32_t *h)
{
    if (k >= f->n || k < f->ok_from)
        return false;
    *h = k == 0 && f->own ? f->hash : hash_bytes(f->s + k, f->n - k);
    return true;
}

/* Whether some place's name may begin with token i's bytes from k on
 * (f its fold; a prefix has as many bytes in the text as in the matching
 * form): most words of a text are passed over here. */
static bool may_begin(const struct ctx *c, size_t i, const struct geo_form *f,
                      size_t k)
{
    const struct token *t = &c->ts->t[i];
    uint32_t h;
    if (c->o->gaz == NULL)
        return true;
    if (form_hash(f, k, &h))
        return gazetteer_may_start_hash(c->o->gaz, h);
    return k < t->len &&
           gazetteer_may_start(c->o->gaz, c->ts->text + t->off + k, t->len - k);
}

/* Whether words i..last (at most three; f the fold of i) from byte k on
 * may be some place's whole name: true when the fold is not known
 * (try_name then looks). */
static bool may_be_name(const struct ctx *c, size_t i, size_t last,
                        const struct geo_form *f, size_t k)
{
    char name[3 * LOW_MAX];
    assert(last - i < 3);
    if (c->o->gaz == NULL || k >= f->n || k < f->ok_from)
        return true;
    size_t len = f->n - k;
    memcpy(name, f->s + k, len);
    for (size_t j = i + 1; j <= last; j++) {
        struct geo_form g;
        fold_word(&c->ts->t[j], &g);
        if (g.n == 0 || g.ok_from > 0)
            return true;
        name[len++] = ' ';
        memcpy(name + len, g.s, g.n);
        len += g.n;
    }
    return gazetteer_may_name_hash(c->o->gaz, hash_bytes(name, len));
}

/* The variants of a run to look up: as written, without the prefix k1
 * ("و", "ب") or k2 (with the article). */
struct variants {
    struct geo_form first; /* the first word's fold */
    size_t k1, k2;
    bool whole, strip1, strip2; /* some place's name may start so */
};

/* The place named by words i..last as written or without a prefix, of
 * the variants v allows. */
static bool rtl_try(struct ctx *c, size_t i, size_t last,
                    const struct variants *v, struct ex_place *p)
{
    const struct tokens *ts = c->ts;
    const char *s = ts->text + ts->t[i].off;
    size_t len = ts->t[last].off + ts->t[last].len - ts->t[i].off;
    if (v->whole && may_be_name(c, i, last, &v->first, 0) &&
        try_name(c, s, len, true, true, (struct key){NULL, -1}, p))
        return true;
    /* Three letters left at least, of the whole run: "بأم درمان" leaves
     * "أم درمان" (rtl_prefix). */
    if (v->strip1 && len >= v->k1 + 6 &&
        may_be_name(c, i, last, &v->first, v->k1) &&
        try_name(c, s + v->k1, len - v->k1, true, true, (struct key){NULL, -1},
                 p))
        return true;
    if (v->strip2 && len >= v->k2 + 6 &&
        may_be_name(c, i, last, &v->first, v->k2) &&
        try_name(c, s + v->k2, len - v->k2, true, true, (struct key){NULL, -1},
                 p))
        return true;
    return false;
}

/* The longest run of one to three words at i that names a place: sets
 * *last and *p. A word no place's name begins with, as written or
 * without its prefix, is passed over after one look at the gazetteer's
 * set of first words: most words of a text are. */
static bool rtl_match_at(struct ctx *c, size_t i, size_t *last,
                         struct ex_place *p)
{
    const struct tokens *ts = c->ts;
    const char *s = ts->text + ts->t[i].off;
    struct variants v;
    fold_word(&ts->t[i], &v.first);
    v.whole = may_begin(c, i, &v.first, 0);
    /* rtl_prefixes finds none unless the word begins with و ب ل ف ك or
     * ا: then no name can start here, and the words after are not read
     * (most words of a text). */
    unsigned first = ts->t[i].len >= 2 ? ((unsigned)(unsigned char)s[0] << 8) |
                                             (unsigned char)s[1]
                                       : 0;
    if (!v.whole && first != 0xD988 && first != 0xD8A8 && first != 0xD984 &&
        first != 0xD981 && first != 0xD983 && first != 0xD8A7)
        return false;
    size_t n = 1;
    while (n < 3 && rtl_word(ts, i + n) && !tok_class(ts, i + n, LX_FUNC) &&
           !(ts->t[i + n].flags & TF_LINE))
        n++;
    size_t full = ts->t[i + n - 1].off + ts->t[i + n - 1].len - ts->t[i].off;
    rtl_prefixes(s, full, &v.k1, &v.k2);
    v.strip1 = v.k1 && may_begin(c, i, &v.first, v.k1);
    v.strip2 = v.k2 && v.k2 != v.k1 && may_begin(c, i, &v.first, v.k2);
    if (!v.whole && !v.strip1 && !v.strip2)
        return false;
    /* A lone common word or two-letter word without its cue is no place
     * (rtl_drop): not worth a look at the gazetteer. */
    bool lone = (i > 0 && FOLDED_IN(ts, i - 1, settlement_list)) ||
                !(FOLDED_IN(ts, i, common_list) || letters(ts, i) <= 2);
    for (; n > (lone ? 0 : 1); n--)
        if (rtl_try(c, i, i + n - 1, &v, p)) {
            p->at = (struct ex_span){ts->t[i].off, ts->t[i + n - 1].off +
                                                       ts->t[i + n - 1].len -
                                                       ts->t[i].off};
            *last = i + n - 1;
            return true;
        }
    return false;
}

/* The first token of token i's line. */
static size_t line_start(const struct tokens *ts, size_t i)
{
    while (i > 0 && !(ts->t[i].flags & TF_LINE))
        i--;
    return i;
}

/* Whether the name at i..last is no place of an event, or a common word
 * without its cue. */
static bool rtl_drop(const struct tokens *ts, size_t i, size_t last,
                     bool foreign)
{
    bool cue = i > 0 && FOLDED_IN(ts, i - 1, settlement_list);
    if (i == last && !cue &&
        (FOLDED_IN(ts, i, common_list) || letters(ts, i) <= 2 || foreign))
        return true;
    if (i > 0 &&
        (FOLDED_IN(ts, i - 1, region_list) || FOLDED_IN(ts, i - 1, body_list)))
        return true;
    if (FOLDED_IN(ts, last + 1, outlet_list))
        return true;
    /* "نماینده مردم کرج": the people of a constituency, a body's too. */
    if (i > 1 && tok_is(ts, i - 1, "مردم") && FOLDED_IN(ts, i - 2, body_list))
        return true;
    /* "القاهرة:" near a line's start: a dateline ("المصدر / القاهرة:"). */
    if (tok_is(ts, last + 1, ":") && line_start(ts, i) + 3 >= i)
        return true;
    if (i > 0 && tok_is(ts, i - 1, "(") && tok_is(ts, last + 1, ")") &&
        i >= 2 && ts->t[i - 2].kind == TK_WORD)
        return true;
    return tok_class(ts, last + 1, LX_SAY) &&
           !tok_class(ts, last + 1, LX_SOURCE);
}

/* Where names may start, found in one pass over the tokens (each pass
 * reads 7.5 MB of tokens a megabyte of text, benchmark P5): the
 * capitalised words (may_start) and the Persian or Arabic words the
 * lexicon does not know, in text order. */
struct starts {
    size_t *latin, nlatin;
    size_t *rtl, nrtl;
};

/* Finds the starts and, at the first of them, the countries the text
 * names. Each list has room for every token (left unwritten past its
 * end): growing them by copies was a tenth of the Persian and Arabic
 * place scan (benchmark P5). */
static void find_starts(struct ctx *c, struct arena *a, struct starts *s)
{
    const struct tokens *ts = c->ts;
    s->latin = arena_alloc_raw(a, (ts->count + 1) * sizeof *s->latin);
    s->rtl = ts->uncased ? arena_alloc_raw(a, (ts->count + 1) * sizeof *s->rtl)
                         : NULL;
    for (size_t i = 0; i < ts->count; i++) {
        const struct token *t = &ts->t[i];
        if (capitalised_start(t) && may_start(ts, i)) {
            s->latin[s->nlatin++] = i;
            if (c->nnamed < COUNTRIES_NAMED)
                name_country(c, i);
        }
        if (ts->uncased) { /* rtl_word without a lexicon entry, stored
                              whatever it is and counted when it is one */
            s->rtl[s->nrtl] = i;
            s->nrtl += (t->kind == TK_WORD) &
                       ((t->flags & (TF_UNCASED | TF_USED)) == TF_UNCASED) &
                       (t->lex == NULL);
        }
    }
}

static void scan_rtl_places(struct ctx *c, const struct starts *s,
                            struct extraction *x, struct found *f)
{
    const struct tokens *ts = c->ts;
    size_t next = 0; /* the first token not inside a name found */
    for (size_t k = 0; k < s->nrtl; k++) {
        size_t i = s->rtl[k], last;
        struct ex_place p = {{0, 0}, NULL, NULL, NULL, 0, 0};
        if (i < next || !rtl_match_at(c, i, &last, &p))
            continue;
        /* A one-word city abroad ("بيان", a town in Kuwait, is also
         * "statement") needs the settlement cue too. */
        bool foreign = c->o->country && strcmp(p.kind, "country") != 0 &&
                       strcmp(p.country, c->o->country) != 0;
        if (!rtl_drop(ts, i, last, foreign))
            add_place(x, f, p);
        next = last + 1;
    }
}

/* Puts the places in text order when both scans found some (a Persian
 * text quoting an English name): insertion sort, the lists are short. */
static void sort_places(struct extraction *x)
{
    for (size_t k = 1; k < x->nplaces; k++) {
        struct ex_place p = x->places[k];
        size_t m = k;
        for (; m > 0 && x->places[m - 1].at.off > p.at.off; m--)
            x->places[m] = x->places[m - 1];
        x->places[m] = p;
    }
}

void scan_places(const struct tokens *ts, const struct extract_opts *o,
                 struct extraction *x)
{
    struct ctx c = {ts, o, {0}, 0, {{0}}, 0};
    struct starts s = {NULL, 0, NULL, 0};
    struct found f = {0, {NULL, NULL, 0, 0}};
    size_t next = 0; /* the first token not inside a name found */
    find_starts(&c, &x->arena, &s);
    for (size_t k = 0; k < s.nlatin; k++) {
        size_t i = s.latin[k], last;
        struct ex_place p = {{0, 0}, NULL, NULL, NULL, 0, 0};
        if (i < next || !match_at(&c, i, &last, &p))
            continue;
        next = last + 1;
        if (last == i && common_word(ts, i))
            continue;
        bool keep = !dateline(ts, i, last) && !inside_name(ts, i, last) &&
                    !actor(ts, last) && !region(ts, last);
        if (keep)
            add_place(x, &f, p);
    }
    if (ts->uncased) { /* the tokenizer read Persian or Arabic letters */
        size_t latin = x->nplaces;
        scan_rtl_places(&c, &s, x, &f);
        if (latin > 0 && x->nplaces > latin)
            sort_places(x);
    }
}
