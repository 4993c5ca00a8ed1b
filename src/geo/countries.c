/* countries.c: the ISO 3166-1 table, parsed once from iso-codes' JSON,
 * with direct indexes by alpha-2 and numeric code: an export or import
 * looks a country up once a row (bench P6). */
#include "geo/countries.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/xmalloc.h"

extern const char iso_3166_1_json[];

static struct country *table;
static const char **common; /* common names ("Iran"), or NULL */
static size_t count;
/* Index of the first country with each code shape: "AA".."ZZ" and
 * "000".."999" (-1: none). Codes of any other shape are searched. */
static int by_alpha2[26 * 26];
static int by_numeric[1000];
/* Every name a country goes by (iso-codes' name and common name, and the
 * other names below), hashed: names are looked up once a row or word. */
enum { NAME_MASK = 2047 }; /* slots - 1: over four slots a name */
static struct name {
    const char *name;
    size_t len;
    const struct country *c;
} names[NAME_MASK + 1];

/* Names for countries beside iso-codes' own, as news and ACLED write
 * them. */
static const struct {
    const char *name, *cc;
} other_names[] = {
    {"Russia", "RU"},
    {"Britain", "GB"},
    {"Great Britain", "GB"},
    {"UK", "GB"},
    {"US", "US"},
    {"USA", "US"},
    {"America", "US"},
    {"United States of America", "US"},
    {"Turkey", "TR"},
    {"Czech Republic", "CZ"},
    {"Ivory Coast", "CI"},
    {"Palestine", "PS"},
    {"Burma", "MM"},
    {"DR Congo", "CD"},
    {"Democratic Republic of the Congo", "CD"},
};
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The slot of an alpha-2 code, or -1 when it is not two capitals. */
static int alpha2_slot(const char *cc)
{
    if (cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' || cc[2])
        return -1;
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

/* The slot of a numeric code, or -1 when it is not three digits. */
static int numeric_slot(const char *n)
{
    for (int i = 0; i < 3; i++)
        if (n[i] < '0' || n[i] > '9')
            return -1;
    if (n[3])
        return -1;
    return (n[0] - '0') * 100 + (n[1] - '0') * 10 + (n[2] - '0');
}

static void index_codes(void)
{
    memset(by_alpha2, -1, sizeof by_alpha2);
    memset(by_numeric, -1, sizeof by_numeric);
    for (size_t i = count; i-- > 0;) { /* backwards: the first one wins */
        int a = alpha2_slot(table[i].alpha2);
        int n = numeric_slot(table[i].numeric);
        if (a >= 0)
            by_alpha2[a] = (int)i;
        if (n >= 0)
            by_numeric[n] = (int)i;
    }
}

/* The first words of the names, lower-cased (ASCII), by hash: a bit
 * each, for country_may_begin. */
enum { FIRST_BITS = 1 << 13 };
static uint64_t first_words[FIRST_BITS / 64];

/* Marks the first word of name (up to its first space) in first_words,
 * when it is ASCII. */
static void add_first_word(const char *name)
{
    char low[64];
    size_t n = 0;
    for (; name[n] && name[n] != ' '; n++) {
        unsigned char c = (unsigned char)name[n];
        if (c >= 0x80 || n + 1 >= sizeof low)
            return; /* never the form of an ASCII word */
        low[n] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    uint32_t b = hash_bytes(low, n) % FIRST_BITS;
    first_words[b / 64] |= UINT64_C(1) << (b % 64);
}

static void add_name(const char *name, const struct country *c)
{
    add_first_word(name);
    size_t n = strlen(name);
    size_t i = hash_bytes(name, n) & NAME_MASK;
    while (names[i].name &&
           !(names[i].len == n && memcmp(names[i].name, name, n) == 0))
        i = (i + 1) & NAME_MASK;
    if (names[i].name == NULL) /* the first country to claim a name keeps it */
        names[i] = (struct name){name, n, c};
}

static void index_names(void)
{
    for (size_t i = 0; i < count; i++) {
        add_name(table[i].name, &table[i]);
        if (common[i])
            add_name(common[i], &table[i]);
    }
    for (size_t k = 0; k < sizeof other_names / sizeof *other_names; k++) {
        int a = alpha2_slot(other_names[k].cc);
        if (a >= 0 && by_alpha2[a] >= 0)
            add_name(other_names[k].name, &table[by_alpha2[a]]);
    }
}

/* Builds the table, copying the strings: it lives as long as the
 * process. */
static void load(void)
{
    json_t *list = NULL;
    json_t *doc = json_loads(iso_3166_1_json, 0, NULL);
    if (doc)
        list = json_object_get(doc, "3166-1");
    size_t n = json_array_size(list);
    table = xcalloc(n ? n : 1, sizeof *table);
    common = xcalloc(n ? n : 1, sizeof *common);
    for (size_t i = 0; i < n; i++) {
        json_t *c = json_array_get(list, i);
        struct country k = {json_string_value(json_object_get(c, "alpha_2")),
                            json_string_value(json_object_get(c, "alpha_3")),
                            json_string_value(json_object_get(c, "numeric")),
                            json_string_value(json_object_get(c, "name"))};
        const char *cn = json_string_value(json_object_get(c, "common_name"));
        if (k.alpha2 && k.alpha3 && k.numeric && k.name) {
            common[count] = cn ? xstrdup(cn) : NULL;
            table[count++] =
                (struct country){xstrdup(k.alpha2), xstrdup(k.alpha3),
                                 xstrdup(k.numeric), xstrdup(k.name)};
        }
    }
    json_decref(doc);
    index_codes();
    index_names();
}

const struct country *country_find(const char *cc)
{
    pthread_once(&once, load);
    int slot = cc ? alpha2_slot(cc) : -1;
    if (slot >= 0)
        return by_alpha2[slot] >= 0 ? &table[by_alpha2[slot]] : NULL;
    for (size_t i = 0; cc && i < count; i++)
        if (strcmp(table[i].alpha2, cc) == 0)
            return &table[i];
    return NULL;
}

const struct country *country_by_numeric(const char *numeric)
{
    pthread_once(&once, load);
    int slot = numeric ? numeric_slot(numeric) : -1;
    if (slot >= 0)
        return by_numeric[slot] >= 0 ? &table[by_numeric[slot]] : NULL;
    for (size_t i = 0; numeric && i < count; i++)
        if (strcmp(table[i].numeric, numeric) == 0)
            return &table[i];
    return NULL;
}

const struct country *country_by_name(const char *name)
{
    return name ? country_by_name_n(name, strlen(name)) : NULL;
}

const struct country *country_by_name_n(const char *s, size_t n)
{
    pthread_once(&once, load);
    for (size_t i = hash_bytes(s, n) & NAME_MASK; names[i].name;
         i = (i + 1) & NAME_MASK)
        if (names[i].len == n && memcmp(names[i].name, s, n) == 0)
            return names[i].c;
    return NULL;
}

bool country_may_begin(uint32_t hash)
{
    pthread_once(&once, load);
    uint32_t b = hash % FIRST_BITS;
    return (first_words[b / 64] >> (b % 64)) & 1;
}

const char *country_short_name(const struct country *c)
{
    pthread_once(&once, load);
    size_t i = (size_t)(c - table);
    return i < count && common[i] ? common[i] : c->name;
}
