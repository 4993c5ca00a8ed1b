/*
 * sources.c: which of a tracker's sources a tally's attribution names.
 *
 * The candidates are the names and aliases of the tracker's own sources
 * (extract_opts), never another tracker's. A name matches when its words
 * are the attribution's, folded (util/fold.h: case, diacritics, word
 * order, possessives and joining words): "Georgia's Public Defender" is
 * "Public Defender of Georgia". Failing that, a name that holds every word
 * of the attribution matches when the attribution is an acronym
 * ("PMOI/MEK", "MEK") or covers a third of the name's words ("Amnesty"
 * for Amnesty International), so that a generic word ("officials") does
 * not pick a source that merely mentions it. No match leaves the slug
 * NULL: the attribution is then a new source to propose.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "extract/scan.h"
#include "util/fold.h"

static size_t count_words(const char *key)
{
    size_t n = *key ? 1 : 0;
    for (const char *p = key; *p; p++)
        n += *p == ' ';
    return n;
}

/* Whether the attribution is written as an acronym: letters, all capitals,
 * at least two of them. */
static bool is_acronym(const char *said)
{
    size_t letters = 0;
    for (const unsigned char *p = (const unsigned char *)said; *p; p++) {
        if (*p >= 'a' && *p <= 'z')
            return false;
        letters += *p >= 'A' && *p <= 'Z';
    }
    return letters >= 2;
}

/* How well name key `name` matches attribution key `said`: 0 not at all,
 * else higher is better (an equal key beats a partial one, and a partial
 * one with fewer words left over beats another). */
static size_t score(const char *said, size_t nsaid, bool acronym,
                    const char *name)
{
    if (strcmp(said, name) == 0)
        return 1000;
    size_t nname = count_words(name);
    if (!fold_key_within(said, name) || !(acronym || 3 * nsaid >= nname))
        return 0;
    return nname < 999 ? 999 - nname : 1;
}

/* The slug of the tracker's source attribution `said` names, or NULL. */
static const char *source_for(const char *said, const struct extract_opts *o)
{
    struct buf key = BUF_INIT(1 << 16), name = BUF_INIT(1 << 16);
    const char *best = NULL;
    size_t best_score = 0;
    fold_name_key(&key, said);
    size_t nsaid = count_words(buf_cstr(&key));
    bool acronym = is_acronym(said);
    for (size_t i = 0; nsaid > 0 && i < o->nsources; i++) {
        const struct ex_source_name *s = &o->sources[i];
        if (strcasecmp(s->slug, said) == 0) {
            best = s->slug;
            break;
        }
        buf_reset(&name);
        fold_name_key(&name, s->name);
        size_t sc = score(buf_cstr(&key), nsaid, acronym, buf_cstr(&name));
        if (sc > best_score) {
            best_score = sc;
            best = s->slug;
        }
    }
    buf_release(&key);
    buf_release(&name);
    return best;
}

void match_sources(const struct extract_opts *o, struct extraction *x)
{
    for (size_t i = 0; i < x->ntallies; i++)
        x->tallies[i].source_slug =
            x->tallies[i].source ? source_for(x->tallies[i].source, o) : NULL;
}
