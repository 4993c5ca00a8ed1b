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
#include <math.h>
#include <string.h>

#include "extract/scan.h"
#include "geo/countries.h"
#include "geo/gazetteer.h"

enum { NAME_WORDS = 4, CANDIDATES = 16, COUNTRIES_NAMED = 8 };

/* ==== Names ==== */

static bool cap_word(const struct tokens *ts, size_t j)
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

/* The country or the gazetteer's place named s[0..len). */
static bool try_name(struct ctx *c, const char *s, size_t len, bool gaz,
                     struct ex_place *p)
{
    const struct country *k = country_named(s, len);
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
    char name[FOLD_MAX];
    if (!gaz || c->o->gaz == NULL || len >= sizeof name ||
        !gazetteer_may_name(c->o->gaz, s, len))
        return false;
    memcpy(name, s, len);
    name[len] = '\0';
    const struct place *hit[CANDIDATES];
    size_t h = gazetteer_find(c->o->gaz, name, c->o->country, hit, CANDIDATES);
    const struct place *best = choose(c, hit, h);
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
    if (t->low[0] && strpbrk(t->low, "'-") == NULL)
        return gazetteer_may_start_hash(g, t->hash);
    return gazetteer_may_start(g, ts->text + t->off, t->len);
}

/* The longest name at i the gazetteer or the country table knows: sets
 * *last and the place fields of *p; false when none. */
static bool match_at(struct ctx *c, size_t i, size_t *last, struct ex_place *p)
{
    const struct tokens *ts = c->ts;
    size_t end[NAME_WORDS], n = 0;
    for (size_t j = i; j < ts->count && n < NAME_WORDS; j++) {
        if (j > i &&
            !(cap_word(ts, j) || (link_word(ts, j) && cap_word(ts, j + 1))))
            break;
        if (cap_word(ts, j))
            end[n++] = j;
    }
    /* No place's name begins with this word: only a country can match. */
    bool gaz = c->o->gaz == NULL || may_start_place(c->o->gaz, &ts->t[i], ts);
    /* The longest name in the hinted country wins ("Bago City" is in the
     * Philippines, "Bago" in Myanmar); else the longest name. */
    bool found = false;
    while (n-- > 0) {
        size_t len = ts->t[end[n]].off + ts->t[end[n]].len - ts->t[i].off;
        size_t cut = possessive(ts, end[n]);
        const char *s = ts->text + ts->t[i].off;
        struct ex_place q = {{0, 0}, NULL, NULL, NULL, 0, 0};
        if (!try_name(c, s, len, gaz, &q) &&
            !(cut && try_name(c, s, len -= cut, gaz, &q)))
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

static bool may_start(const struct tokens *ts, size_t i)
{
    return cap_word(ts, i) && !tok_class(ts, i, LX_STOP | LX_NUMBER) &&
           !(ts->t[i].flags & TF_USED) && !acronym(ts, i);
}

/* The countries the text names, for ranking namesakes. */
static void countries_named(struct ctx *c)
{
    const struct tokens *ts = c->ts;
    for (size_t i = 0; i < ts->count && c->nnamed < COUNTRIES_NAMED; i++) {
        if (!may_start(ts, i))
            continue;
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
}

static void add_place(struct extraction *x, size_t *cap, struct ex_place p)
{
    for (size_t k = 0; k < x->nplaces; k++)
        if (x->places[k].lat == p.lat &&
            strcmp(x->places[k].name, p.name) == 0 &&
            strcmp(x->places[k].country, p.country) == 0)
            return;
    EX_PUSH(&x->arena, x->places, x->nplaces, *cap, p);
}

void scan_places(const struct tokens *ts, const struct extract_opts *o,
                 struct extraction *x)
{
    struct ctx c = {ts, o, {0}, 0, {{0}}, 0};
    size_t cap = 0;
    countries_named(&c);
    for (size_t i = 0; i < ts->count; i++) {
        size_t last;
        struct ex_place p = {{0, 0}, NULL, NULL, NULL, 0, 0};
        if (!may_start(ts, i) || !match_at(&c, i, &last, &p))
            continue;
        if (last == i && common_word(ts, i)) {
            i = last;
            continue;
        }
        bool keep = !dateline(ts, i, last) && !inside_name(ts, i, last) &&
                    !actor(ts, last) && !region(ts, last);
        if (keep)
            add_place(x, &cap, p);
        i = last;
    }
}
