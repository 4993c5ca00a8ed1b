/* gazetteer.c: loading the gazetteer files and finding places by name. */
#define _POSIX_C_SOURCE 200809L
#include "geo/gazetteer.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "geo/countries.h"
#include "util/fold.h"
#include "util/hash.h"
#include "util/xmalloc.h"

/* ==== Folding ==== */

static bool is_apostrophe(utf8proc_int32_t c)
{
    return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x02BB ||
           c == 0x02BC || c == 0x00B4;
}

static bool is_word(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* fold_ascii's answer for text that is not all ASCII (geo_fold's own
 * answers are a length, or -1). */
enum { NOT_ASCII = -2 };

/* geo_fold for ASCII text, without utf8proc's allocation: the same
 * result (ASCII folds to lower case, no marks to strip). Returns
 * NOT_ASCII when s is not all ASCII. */
static int fold_ascii(const char *s, size_t n, char *out, size_t size)
{
    size_t used = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            return NOT_ASCII;
        if (c == '\'' || c == '`')
            continue;
        bool lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z';
        if (!lower && !upper && !(c >= '0' && c <= '9')) {
            space = used > 0;
            continue;
        }
        if (space && used + 1 < size)
            out[used++] = ' ';
        space = false;
        if (used + 1 >= size)
            return -1;
        out[used++] = (char)(upper ? c | 0x20 : c);
    }
    if (size == 0)
        return -1;
    out[used] = '\0';
    return (int)used;
}

/* Appends letter c to out[0..*used), after a space when *space asks for
 * one; -1 when out[size] would not hold it and a NUL. */
static int put_letter(utf8proc_int32_t c, bool *space, char *out, size_t size,
                      size_t *used)
{
    utf8proc_uint8_t bytes[4];
    size_t k = (size_t)utf8proc_encode_char(c, bytes);
    if (*space && *used + 1 < size)
        out[(*used)++] = ' ';
    *space = false;
    if (*used + k >= size)
        return -1;
    memcpy(out + *used, bytes, k);
    *used += k;
    return 0;
}

/*
 * geo_fold one character at a time, for the characters below U+0800
 * (Latin, Greek, Cyrillic, Arabic and Persian letters): the extractor
 * folds every Persian or Arabic word it tries as a place's name, and
 * utf8proc_map's allocation and decomposition per word were a tenth of
 * its time (benchmark P5, bench/RESULTS.md). Without composition,
 * utf8proc_map's result is each character's own mapping in turn (marks,
 * the only characters it reorders, are stripped), so a table of each
 * character's folded pieces gives the same text.
 */
enum { TABLE_END = 0x800, PIECES = 4 };
struct pieces {
    uint8_t n;             /* pieces of the character: 0 when it folds away */
    bool slow;             /* more than PIECES: geo_fold asks utf8proc */
    int32_t piece[PIECES]; /* a letter or digit, or -1: a separator */
};
static struct pieces fold_table[TABLE_END];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

/* The pieces of character c, as geo_fold's loop below reads them. */
static struct pieces pieces_of(utf8proc_int32_t c)
{
    struct pieces p = {0, false, {0}};
    utf8proc_uint8_t in[4], *mapped = NULL;
    utf8proc_ssize_t k = utf8proc_encode_char(c, in);
    utf8proc_ssize_t len =
        utf8proc_map(in, k, &mapped,
                     UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                         UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    for (utf8proc_ssize_t i = 0; i < len;) {
        utf8proc_int32_t d;
        utf8proc_ssize_t m = utf8proc_iterate(mapped + i, len - i, &d);
        if (m <= 0)
            break;
        i += m;
        d = fold_letter(d);
        if (d == 0 || is_apostrophe(d))
            continue;
        if (p.n == PIECES) {
            p.slow = true;
            break;
        }
        p.piece[p.n++] = is_word(d) ? d : -1;
    }
    p.slow = p.slow || len < 0;
    free(mapped);
    return p;
}

static void build_fold_table(void)
{
    for (utf8proc_int32_t c = 0; c < TABLE_END; c++)
        fold_table[c] = pieces_of(c);
}

/* geo_fold by the table: NOT_ASCII when s holds a character beyond it
 * (then utf8proc folds the whole text, as before the table). */
static int fold_by_table(const char *s, size_t n, char *out, size_t size)
{
    const unsigned char *b = (const unsigned char *)s;
    size_t used = 0;
    bool space = false;
    int rc = size == 0 ? -1 : 0;
    pthread_once(&fold_once, build_fold_table);
    for (size_t i = 0; i < n && rc == 0;) {
        utf8proc_int32_t c = b[i];
        if (c >= 0x80 && c >= 0xC2 && c < 0xE0 && i + 1 < n &&
            (b[i + 1] & 0xC0) == 0x80) {
            c = ((c & 0x1F) << 6) | (b[i + 1] & 0x3F);
            i += 2;
        } else if (c < 0x80) {
            i++;
        } else if (c == 0xE2 && i + 2 < n && b[i + 1] == 0x80 &&
                   (b[i + 2] == 0x98 || b[i + 2] == 0x99)) {
            i += 3; /* U+2018, U+2019: apostrophes, dropped ("Iran’s") */
            continue;
        } else {
            return NOT_ASCII;
        }
        const struct pieces *p = &fold_table[c];
        if (p->slow)
            return NOT_ASCII;
        for (int k = 0; k < p->n && rc == 0; k++) {
            int32_t d = p->piece[k];
            if (d < 0) {
                space = used > 0;
            } else if (d < 0x80 && !space && used + 1 < size) {
                out[used++] = (char)d; /* put_letter's work, inline */
            } else if (d < 0x800 && !space && used + 2 < size) {
                out[used++] = (char)(0xC0 | (d >> 6));
                out[used++] = (char)(0x80 | (d & 0x3F));
            } else {
                rc = put_letter(d, &space, out, size, &used);
            }
        }
    }
    if (rc != 0)
        return -1;
    out[used] = '\0';
    return (int)used;
}

int geo_fold(const char *s, size_t n, char *out, size_t size)
{
    int fast = fold_ascii(s, n, out, size);
    if (fast != NOT_ASCII)
        return fast;
    fast = fold_by_table(s, n, out, size);
    if (fast != NOT_ASCII)
        return fast;
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t len =
        utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &mapped,
                     UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                         UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    if (len < 0)
        return -1;
    size_t used = 0;
    bool space = false;
    int rc = size == 0 ? -1 : 0;
    for (utf8proc_ssize_t i = 0; i < len && rc == 0;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(mapped + i, len - i, &c);
        if (k <= 0)
            break;
        i += k;
        c = fold_letter(c); /* the letters Persian and Arabic share */
        if (c == 0 || is_apostrophe(c))
            continue;
        if (!is_word(c))
            space = used > 0;
        else
            rc = put_letter(c, &space, out, size, &used);
    }
    free(mapped);
    if (rc != 0)
        return -1;
    out[used] = '\0';
    return (int)used;
}

/* ==== Loading ==== */

struct entry {
    struct place p;
    const char *key; /* folded name */
    size_t order;    /* position in the files: ties keep it */
    char *names;     /* other names, "|"-separated, or NULL: aliases */
};

struct alias {
    const char *key; /* folded alias */
    size_t target;   /* index into entries */
    bool curated;    /* from aliases.tsv: ranks first; else the data's */
};

/* A hash index's slot: where the entries (or aliases) of one key begin
 * in their sorted array. gazetteer_find asks the index rather than
 * bisecting 171,000 keys: each of a bisection's 18 steps read a key
 * elsewhere in memory, and those cache misses were a tenth of the
 * extractor's time (benchmark P5, bench/RESULTS.md). */
struct key_slot {
    const char *key; /* NULL: empty */
    uint32_t hash;   /* hash_bytes of key */
    uint32_t at;     /* the first index with this key */
};

struct gazetteer {
    char *text[4]; /* the files' bytes, split in place */
    struct outline *outlines;
    size_t noutlines;
    char *keys; /* folded names, back to back */
    size_t keys_used, keys_cap;
    struct entry *e;
    size_t n, cap;
    struct alias *a;
    size_t na, acap;
    uint32_t *first; /* hashes of every key's first word: a set */
    uint32_t *whole; /* hashes of every whole key: a set */
    uint64_t *first_filter, *whole_filter; /* a bit per hash of each set */
    size_t first_mask;
    struct key_slot *entry_index, *alias_index; /* keys to e[], a[] */
    /* Each alpha-2 code's first outline, + 1 (0: none): the extractor
     * asks for a country's outline for every country it places. */
    uint16_t outline_at[26 * 26];
    size_t entry_mask, alias_mask;
};

static char *slurp(const char *path, struct vg_err *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        vg_err_set(err, VG_ENOTFOUND, "gazetteer", "cannot open %s: %s", path,
                   strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len - 1 == 0)
            buf = xrealloc(buf, cap *= 2);
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
}

/* Splits line into at most max tab-separated fields; returns how many. */
static int split(char *line, char **field, int max)
{
    int n = 0;
    while (n < max) {
        field[n++] = line;
        char *tab = strchr(line, '\t');
        if (tab == NULL)
            break;
        *tab = '\0';
        line = tab + 1;
    }
    return n;
}

static const char *keep_key(struct gazetteer *g, const char *folded, size_t n)
{
    if (g->keys_used + n + 1 > g->keys_cap) {
        /* Keys are referred to by offset until the end of loading. */
        g->keys_cap = (g->keys_cap + n + 1) * 2;
        g->keys = xrealloc(g->keys, g->keys_cap);
    }
    size_t at = g->keys_used;
    memcpy(g->keys + at, folded, n + 1);
    g->keys_used += n + 1;
    return (const char *)(uintptr_t)at; /* made a pointer after loading */
}

/* Reads the places of one file (world.tsv, test.tsv or places.tsv). */
static int load_places(struct gazetteer *g, char *text, const char *path,
                       struct vg_err *err)
{
    size_t line_no = 0;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        line_no++;
        char *f[9];
        char folded[FOLD_MAX];
        if (*line != '#' && *line != '\0') {
            int fold_len, nf = split(line, f, 9);
            if (nf < 7 || (fold_len = geo_fold(f[0], strlen(f[0]), folded,
                                               sizeof folded)) <= 0)
                return vg_err_set(err, VG_ECORRUPT, "gazetteer",
                                  "%s line %zu: not a place (name, country, "
                                  "admin1, region, lat, lon, kind "
                                  "[, population [, other names]])",
                                  path, line_no);
            if (g->n == g->cap) {
                g->cap = g->cap ? g->cap * 2 : 1024;
                g->e = xrealloc(g->e, g->cap * sizeof *g->e);
            }
            g->e[g->n] = (struct entry){
                {f[0], f[1], f[2], f[3], strtod(f[4], NULL), strtod(f[5], NULL),
                 f[6], nf >= 8 ? strtol(f[7], NULL, 10) : 0},
                keep_key(g, folded, (size_t)fold_len),
                g->n,
                nf == 9 && *f[8] ? f[8] : NULL};
            g->n++;
        }
        line = nl ? nl + 1 : NULL;
    }
    return 0;
}

static int by_key(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* The first entry whose key is not below key. */
static size_t lower_bound(const struct gazetteer *g, const char *key)
{
    size_t lo = 0, hi = g->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(g->e[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int alias_by_key(const void *a, const void *b)
{
    const struct alias *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->target > y->target) - (x->target < y->target);
}

static void add_alias(struct gazetteer *g, const char *key, size_t target,
                      bool curated)
{
    if (g->na == g->acap) {
        g->acap = g->acap ? g->acap * 2 : 64;
        g->a = xrealloc(g->a, g->acap * sizeof *g->a);
    }
    g->a[g->na++] = (struct alias){xstrdup(key), target, curated};
}

/* The aliases the places' own lines give: each other name of a place,
 * unless it folds to the place's name. A name that does not fold (too
 * long, not UTF-8) is skipped: it could not be asked for either. */
static void add_other_names(struct gazetteer *g)
{
    for (size_t i = 0; i < g->n; i++) {
        for (char *name = g->e[i].names; name;) {
            char *bar = strchr(name, '|'), key[FOLD_MAX];
            size_t len = bar ? (size_t)(bar - name) : strlen(name);
            if (geo_fold(name, len, key, sizeof key) > 0 &&
                strcmp(key, g->e[i].key) != 0)
                add_alias(g, key, i, false);
            name = bar ? bar + 1 : NULL;
        }
    }
}

/* Sorts the aliases by key and drops the repeats of a key for one place
 * ("دبي" and "دبى" fold alike). */
static void sort_aliases(struct gazetteer *g)
{
    qsort(g->a, g->na, sizeof *g->a, alias_by_key);
    size_t kept = 0;
    for (size_t i = 0; i < g->na; i++) {
        struct alias *prev = kept ? &g->a[kept - 1] : NULL;
        if (prev && prev->target == g->a[i].target &&
            strcmp(prev->key, g->a[i].key) == 0) {
            prev->curated = prev->curated || g->a[i].curated;
            free((char *)g->a[i].key);
        } else {
            g->a[kept++] = g->a[i];
        }
    }
    g->na = kept;
}

static int load_aliases(struct gazetteer *g, char *text, const char *path,
                        struct vg_err *err)
{
    size_t line_no = 0;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        line_no++;
        char *f[4], key[FOLD_MAX], name[FOLD_MAX];
        if (*line != '#' && *line != '\0') {
            size_t i, target = SIZE_MAX;
            if (split(line, f, 4) != 4 ||
                geo_fold(f[0], strlen(f[0]), key, sizeof key) <= 0 ||
                geo_fold(f[3], strlen(f[3]), name, sizeof name) <= 0)
                return vg_err_set(err, VG_ECORRUPT, "gazetteer",
                                  "%s line %zu: not an alias (alias, country, "
                                  "admin1, name)",
                                  path, line_no);
            for (i = lower_bound(g, name);
                 i < g->n && strcmp(g->e[i].key, name) == 0; i++)
                if (strcmp(g->e[i].p.country, f[1]) == 0 &&
                    strcmp(g->e[i].p.admin1, f[2]) == 0) {
                    target = i;
                    break;
                }
            if (target == SIZE_MAX)
                return vg_err_set(err, VG_ECORRUPT, "gazetteer",
                                  "%s line %zu: no place %s in %s.%s", path,
                                  line_no, f[3], f[1], f[2]);
            add_alias(g, key, target, true);
        }
        line = nl ? nl + 1 : NULL;
    }
    sort_aliases(g);
    return 0;
}

/* Parses "lon lat,lon lat,...;..." into rings. */
static int parse_rings(char *s, struct outline *o)
{
    size_t cap = 0;
    o->west = o->south = 1e9;
    o->east = o->north = -1e9;
    for (char *r = s; r && *r;) {
        char *next = strchr(r, ';');
        if (next)
            *next++ = '\0';
        if (o->nrings == cap) {
            cap = cap ? cap * 2 : 8;
            o->rings = xrealloc(o->rings, cap * sizeof *o->rings);
        }
        struct ring *ring = &o->rings[o->nrings++];
        size_t pts = 1;
        for (const char *p = r; *p; p++)
            pts += *p == ',';
        ring->lonlat = xmalloc(2 * pts * sizeof *ring->lonlat);
        ring->n = 0;
        for (char *p = r; *p;) {
            char *end;
            double lon = strtod(p, &end);
            if (end == p || *end != ' ')
                return -1;
            double lat = strtod(end + 1, &end);
            if (*end != ',' && *end != '\0')
                return -1;
            ring->lonlat[2 * ring->n] = lon;
            ring->lonlat[2 * ring->n + 1] = lat;
            ring->n++;
            o->west = lon < o->west ? lon : o->west;
            o->east = lon > o->east ? lon : o->east;
            o->south = lat < o->south ? lat : o->south;
            o->north = lat > o->north ? lat : o->north;
            p = *end ? end + 1 : end;
        }
        r = next;
    }
    return o->nrings ? 0 : -1;
}

/* The centroid of the outline's largest ring (planar, in degrees), into
 * o->lat, o->lon: where a country's dot goes. */
static void centroid(struct outline *o)
{
    double best = 0;
    for (size_t r = 0; r < o->nrings; r++) {
        const double *p = o->rings[r].lonlat;
        size_t n = o->rings[r].n;
        double a = 0, cx = 0, cy = 0;
        for (size_t i = 0; i < n; i++) {
            size_t j = i + 1 < n ? i + 1 : 0;
            double c = p[2 * i] * p[2 * j + 1] - p[2 * j] * p[2 * i + 1];
            a += c;
            cx += (p[2 * i] + p[2 * j]) * c;
            cy += (p[2 * i + 1] + p[2 * j + 1]) * c;
        }
        if (fabs(a) > best) {
            best = fabs(a);
            o->lon = cx / (3 * a);
            o->lat = cy / (3 * a);
            if (o->lon > 180) /* rings crossing the antimeridian */
                o->lon -= 360;
        }
    }
}

static int load_outlines(struct gazetteer *g, char *text, const char *path,
                         struct vg_err *err)
{
    size_t line_no = 0, cap = 0;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        line_no++;
        char *f[3];
        if (*line != '#' && *line != '\0') {
            if (g->noutlines == cap) {
                cap = cap ? cap * 2 : 64;
                g->outlines = xrealloc(g->outlines, cap * sizeof *g->outlines);
            }
            struct outline *o = &g->outlines[g->noutlines++];
            *o = (struct outline){0};
            if (split(line, f, 3) != 3 || parse_rings(f[2], o) != 0)
                return vg_err_set(err, VG_ECORRUPT, "gazetteer",
                                  "%s line %zu: not an outline (code, name, "
                                  "rings)",
                                  path, line_no);
            o->numeric = f[0];
            o->name = f[1];
            const struct country *c = country_by_numeric(o->numeric);
            o->alpha2 = c ? c->alpha2 : NULL;
            centroid(o);
        }
        line = nl ? nl + 1 : NULL;
    }
    return 0;
}

/* Fills outline_at: each code's first outline. */
static void index_outlines(struct gazetteer *g)
{
    for (size_t i = g->noutlines; i-- > 0;) {
        const char *cc = g->outlines[i].alpha2;
        if (cc && cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' &&
            cc[1] <= 'Z' && cc[2] == '\0')
            g->outline_at[(cc[0] - 'A') * 26 + (cc[1] - 'A')] =
                (uint16_t)(i + 1);
    }
}

const struct outline *gazetteer_outline(const struct gazetteer *g,
                                        const char *cc)
{
    if (cc && g && cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' &&
        cc[1] <= 'Z' && cc[2] == '\0') { /* every code the index holds */
        uint16_t at = g->outline_at[(cc[0] - 'A') * 26 + (cc[1] - 'A')];
        return at ? &g->outlines[at - 1] : NULL;
    }
    for (size_t i = 0; cc && g && i < g->noutlines; i++)
        if (g->outlines[i].alpha2 && g->outlines[i].alpha2[0] == cc[0] &&
            strcmp(g->outlines[i].alpha2, cc) == 0)
            return &g->outlines[i];
    return NULL;
}

/* ==== First words ==== */

/* hash_bytes of a folded word; never 0 (0 marks an empty slot). */
static uint32_t word_hash(const char *s, size_t n)
{
    uint32_t h = hash_bytes(s, n);
    return h ? h : 1;
}

static void set_add(uint32_t *set, size_t mask, uint32_t h)
{
    size_t i = h & mask;
    while (set[i] && set[i] != h)
        i = (i + 1) & mask;
    set[i] = h;
}

static bool set_has(const uint32_t *set, size_t mask, uint32_t h)
{
    for (size_t i = h & mask; set[i]; i = (i + 1) & mask)
        if (set[i] == h)
            return true;
    return false;
}

/* The filters in front of the sets: a bit per hash, 2^FILTER_BITS bits
 * (128 KB, which stays in a core's cache) for the world gazetteer's
 * 177,000 names and aliases, so that five words in six that begin no
 * name are told so without reading the 2 MB sets, whose probes missed
 * the cache (benchmark P5: the extractor asks for every Persian or
 * Arabic word of a text, and most begin no name). */
enum { FILTER_BITS = 20 };

static uint32_t filter_bit(uint32_t h)
{
    return (h * 0x9E3779B1u) >> (32 - FILTER_BITS);
}

static void filter_add(uint64_t *f, uint32_t h)
{
    f[filter_bit(h) / 64] |= UINT64_C(1) << (filter_bit(h) % 64);
}

static bool filter_has(const uint64_t *f, uint32_t h)
{
    return (f[filter_bit(h) / 64] >> (filter_bit(h) % 64)) & 1;
}

static void add_first_word(struct gazetteer *g, const char *key)
{
    const char *sp = strchr(key, ' ');
    uint32_t first = word_hash(key, sp ? (size_t)(sp - key) : strlen(key));
    uint32_t whole = word_hash(key, strlen(key));
    set_add(g->first, g->first_mask, first);
    set_add(g->whole, g->first_mask, whole);
    filter_add(g->first_filter, first);
    filter_add(g->whole_filter, whole);
}

/* Indexes the first of each run of equal keys, n keys at key(i). */
static struct key_slot *index_keys(size_t n,
                                   const char *(*key)(const void *, size_t),
                                   const void *arr, size_t *mask)
{
    size_t slots = 1024;
    while (slots < 2 * n)
        slots *= 2;
    struct key_slot *t = xcalloc(slots, sizeof *t);
    *mask = slots - 1;
    for (size_t i = 0; i < n; i++) {
        const char *k = key(arr, i);
        if (i > 0 && strcmp(key(arr, i - 1), k) == 0)
            continue;
        uint32_t h = hash_bytes(k, strlen(k));
        size_t j = h & *mask;
        while (t[j].key)
            j = (j + 1) & *mask;
        t[j] = (struct key_slot){k, h, (uint32_t)i};
    }
    return t;
}

static const char *entry_key(const void *arr, size_t i)
{
    return ((const struct entry *)arr)[i].key;
}

static const char *alias_key(const void *arr, size_t i)
{
    return ((const struct alias *)arr)[i].key;
}

/* The first index of key in an index, or none when it has no such key. */
static size_t index_find(const struct key_slot *t, size_t mask, const char *key,
                         size_t none)
{
    uint32_t h = hash_bytes(key, strlen(key));
    for (size_t j = h & mask; t[j].key; j = (j + 1) & mask)
        if (t[j].hash == h && strcmp(t[j].key, key) == 0)
            return t[j].at;
    return none;
}

/* The set gazetteer_may_start reads: sized to stay under half full. */
static void index_first_words(struct gazetteer *g)
{
    size_t slots = 1024;
    while (slots < 2 * (g->n + g->na))
        slots *= 2;
    g->first = xcalloc(slots, sizeof *g->first);
    g->whole = xcalloc(slots, sizeof *g->whole);
    g->first_filter = xcalloc((1u << FILTER_BITS) / 64, sizeof(uint64_t));
    g->whole_filter = xcalloc((1u << FILTER_BITS) / 64, sizeof(uint64_t));
    g->first_mask = slots - 1;
    for (size_t i = 0; i < g->n; i++)
        add_first_word(g, g->e[i].key);
    for (size_t i = 0; i < g->na; i++)
        add_first_word(g, g->a[i].key);
    assert(g->n < UINT32_MAX && g->na < UINT32_MAX);
    g->entry_index = index_keys(g->n, entry_key, g->e, &g->entry_mask);
    g->alias_index = index_keys(g->na, alias_key, g->a, &g->alias_mask);
}

bool gazetteer_may_start(const struct gazetteer *g, const char *word, size_t n)
{
    char key[FOLD_MAX];
    int len = geo_fold(word, n, key, sizeof key);
    if (len <= 0)
        return false;
    const char *sp = memchr(key, ' ', (size_t)len);
    return gazetteer_may_start_hash(
        g, word_hash(key, sp ? (size_t)(sp - key) : (size_t)len));
}

bool gazetteer_may_start_hash(const struct gazetteer *g, uint32_t hash)
{
    uint32_t h = hash ? hash : 1;
    return filter_has(g->first_filter, h) &&
           set_has(g->first, g->first_mask, h);
}

bool gazetteer_may_name(const struct gazetteer *g, const char *s, size_t n)
{
    char key[FOLD_MAX];
    int len = geo_fold(s, n, key, sizeof key);
    return len > 0 && gazetteer_may_name_hash(g, word_hash(key, (size_t)len));
}

bool gazetteer_may_name_hash(const struct gazetteer *g, uint32_t hash)
{
    uint32_t h = hash ? hash : 1;
    return filter_has(g->whole_filter, h) &&
           set_has(g->whole, g->first_mask, h);
}

int gazetteer_load(const char *dir, const char *file, struct gazetteer **out,
                   struct vg_err *err)
{
    static const char *const extra[] = {"places.tsv", "aliases.tsv"};
    struct gazetteer *g = xcalloc(1, sizeof *g);
    char path[3][1024];
    snprintf(path[0], sizeof path[0], "%s/%s", dir, file);
    for (int i = 0; i < 2; i++)
        snprintf(path[i + 1], sizeof path[i + 1], "%s/%s", dir, extra[i]);
    int rc = 0;
    for (int i = 0; i < 3 && rc == 0; i++)
        if ((g->text[i] = slurp(path[i], err)) == NULL)
            rc = err->code;
    for (int i = 0; i < 2 && rc == 0; i++)
        rc = load_places(g, g->text[i], path[i], err);
    /* The outlines beside FILE ("world.tsv": "world-outlines.tsv"), if
     * built. */
    char outlines[1024];
    snprintf(outlines, sizeof outlines, "%s/%.*s-outlines.tsv", dir,
             (int)(strlen(file) > 4 ? strlen(file) - 4 : strlen(file)), file);
    if (rc == 0) {
        struct vg_err none = VG_ERR_INIT;
        g->text[3] = slurp(outlines, &none);
        if (g->text[3])
            rc = load_outlines(g, g->text[3], outlines, err);
    }
    if (rc == 0) {
        /* Keys were kept as offsets while the buffer grew. */
        for (size_t i = 0; i < g->n; i++)
            g->e[i].key = g->keys + (uintptr_t)g->e[i].key;
        qsort(g->e, g->n, sizeof *g->e, by_key);
        add_other_names(g);
        rc = load_aliases(g, g->text[2], path[2], err);
    }
    if (rc != 0) {
        gazetteer_free(g);
        return rc;
    }
    index_first_words(g);
    assert(g->noutlines < UINT16_MAX);
    index_outlines(g);
    *out = g;
    return 0;
}

int gazetteer_open(const char *path, struct gazetteer **out, struct vg_err *err)
{
    char dir[1024], file[1024];
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        snprintf(dir, sizeof dir, ".");
        snprintf(file, sizeof file, "%s", path);
    } else {
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
        snprintf(file, sizeof file, "%s", slash + 1);
    }
    return gazetteer_load(dir, file, out, err);
}

void gazetteer_free(struct gazetteer *g)
{
    if (g == NULL)
        return;
    for (int i = 0; i < 4; i++)
        free(g->text[i]);
    for (size_t i = 0; i < g->noutlines; i++) {
        for (size_t j = 0; j < g->outlines[i].nrings; j++)
            free(g->outlines[i].rings[j].lonlat);
        free(g->outlines[i].rings);
    }
    free(g->outlines);
    for (size_t i = 0; i < g->na; i++)
        free((char *)g->a[i].key);
    free(g->a);
    free(g->first);
    free(g->whole);
    free(g->first_filter);
    free(g->whole_filter);
    free(g->entry_index);
    free(g->alias_index);
    free(g->e);
    free(g->keys);
    free(g);
}

/* ==== Finding ==== */

struct hit {
    size_t entry;
    int rank;        /* lower is better: +1 the same spelling but for case, +2
                        only the same when folded, +4 another country */
    long population; /* then the bigger place */
};

static int by_rank(const void *a, const void *b)
{
    const struct hit *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank - y->rank;
    if (x->population != y->population)
        return x->population > y->population ? -1 : 1;
    return (x->entry > y->entry) - (x->entry < y->entry);
}

/* A curated alias ranks first; a name from the data ranks as the same
 * spelling would, so that population tells "Basra" (Basrah, 2.6 million)
 * from a village spelt Basra. */
static struct hit alias_hit(const struct gazetteer *g, const struct alias *a)
{
    if (a->curated)
        return (struct hit){a->target, 0, 0};
    return (struct hit){a->target, 1, g->e[a->target].p.population};
}

size_t gazetteer_find(const struct gazetteer *g, const char *name,
                      const char *country, const struct place **out, size_t max)
{
    char key[FOLD_MAX];
    if (name == NULL || geo_fold(name, strlen(name), key, sizeof key) <= 0)
        return 0;
    return gazetteer_find_folded(g, key, name, country, out, max);
}

size_t gazetteer_find_folded(const struct gazetteer *g, const char *key,
                             const char *name, const char *country,
                             const struct place **out, size_t max)
{
    enum { HITS = 64 };
    struct hit hit[HITS];
    size_t n = 0;
    /* Aliases first: a curated reading of the name. */
    size_t lo = index_find(g->alias_index, g->alias_mask, key, g->na);
    for (size_t i = lo; i < g->na && n < HITS && strcmp(g->a[i].key, key) == 0;
         i++)
        hit[n++] = alias_hit(g, &g->a[i]);
    for (size_t i = index_find(g->entry_index, g->entry_mask, key, g->n);
         i < g->n && n < HITS && strcmp(g->e[i].key, key) == 0; i++) {
        bool seen = false;
        for (size_t j = 0; j < n; j++)
            seen = seen || hit[j].entry == i;
        /* GeoNames spells big cities plainly ("Shiraz") and many villages
         * with their marks ("Shīrāz"): the spelling asked for wins. */
        if (!seen)
            hit[n++] =
                (struct hit){i, strcasecmp(g->e[i].p.name, name) == 0 ? 1 : 2,
                             g->e[i].p.population};
    }
    /* The hinted country outranks an alias elsewhere; ties go to the
     * more populous place, then to the data's order. */
    for (size_t i = 0; i < n; i++)
        if (country && strcmp(g->e[hit[i].entry].p.country, country) != 0)
            hit[i].rank += 4;
    /* Insertion sort: a name has a few places (at most HITS), and qsort's
     * merge sort with its allocation cost more than the search (P5). The
     * order is total, so any sort gives this one. */
    for (size_t i = 1; i < n; i++) {
        struct hit h = hit[i];
        size_t j = i;
        for (; j > 0 && by_rank(&hit[j - 1], &h) > 0; j--)
            hit[j] = hit[j - 1];
        hit[j] = h;
    }
    size_t k = n < max ? n : max;
    for (size_t i = 0; i < k; i++)
        out[i] = &g->e[hit[i].entry].p;
    return k;
}
