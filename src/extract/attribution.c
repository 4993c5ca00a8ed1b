/*
 * attribution.c: whose figure a tally is, and as of when, read as a human
 * coder reads them (tests/extract/README.md, "Attribution and as-of").
 *
 * The source, in order:
 *  1. reported speech in the figure's sentence, the nearest to it:
 *     "according to X", "citing X", "X said", "said X", "X told";
 *  2. when that speaker is described rather than named ("the group",
 *     "the London-based rights group", "the ministry", "it"), the last
 *     body of that kind named earlier in the text (coreference);
 *  3. a speaker who is no one in particular ("officials", "witnesses",
 *     "media reports") makes the figure's source uncertain: none is
 *     proposed, and the words are kept to say why;
 *  4. with no reported speech in the sentence, the document's own source:
 *     an agency tag ("LONDON (Reuters) -") or the body whose release the
 *     text is ("..., Human Rights Watch said today.").
 * A guess is worse than nothing here: a figure given the wrong source
 * puts words in someone's mouth, so every step that is unsure gives none.
 *
 * The as-of date, in order: a date the figure is given as of ("as of 14
 * March", "by Tuesday"); the single day its sentence dates ("said on
 * Tuesday", "yesterday"); the publication date; none.
 */
#include <string.h>

#include "extract/scan.h"
#include "util/buf.h"

size_t sentence_start(const struct tokens *ts, size_t i)
{
    size_t lo = i > SENTENCE_REACH ? i - SENTENCE_REACH : 0;
    while (i > lo && !(ts->t[i].flags & TF_SENT))
        i--;
    return i;
}

size_t sentence_end(const struct tokens *ts, size_t i)
{
    size_t hi = i + SENTENCE_REACH;
    while (i + 1 < ts->count && i < hi && !(ts->t[i + 1].flags & TF_SENT))
        i++;
    return i;
}

/* The span of tokens a..b. */
static struct ex_span span_of(const struct tokens *ts, size_t a, size_t b)
{
    return (struct ex_span){ts->t[a].off,
                            ts->t[b].off + ts->t[b].len - ts->t[a].off};
}

/* Nouns that describe a body instead of naming it: "the group said".
 * The source is then the last body of that kind named before. */
static const char *const describing_words[] = {
    "group",     "organisation", "organization", "ministry",   "commission",
    "committee", "agency",       "office",       "watchdog",   "monitor",
    "body",      "ngo",          "charity",      "network",    "coalition",
    "union",     "council",      "association",  "centre",     "center",
    "institute", "mission",      "department",   "government", "it",
    "they",      NULL,
};
static struct word_set describing = WORD_SET(describing_words);

/* Speakers who are no one in particular: a figure they give has an
 * uncertain source. */
static const char *const nobody_words[] = {
    "officials",   "authorities", "activists",    "witnesses", "sources",
    "source",      "residents",   "medics",       "doctors",   "lawyers",
    "observers",   "reports",     "media",        "relatives", "families",
    "journalists", "campaigners", "rescuers",     "people",    "someone",
    "spokesman",   "spokeswoman", "spokesperson", "official",  "he",
    "she",         "we",          NULL,
};
static struct word_set nobody = WORD_SET(nobody_words);

/* Words that make a capitalised name a body's ("Amnesty International",
 * "Ministry of Health"): the candidates for "the group said". */
static const char *const body_word_list[] = {
    "international", "watch",    "organisation", "organization", "commission",
    "committee",     "ministry", "council",      "office",       "agency",
    "network",       "group",    "union",        "association",  "federation",
    "centre",        "center",   "institute",    "foundation",   "amnesty",
    "rights",        "nations",  "coalition",    "front",        "movement",
    "police",        "bureau",   "department",   "court",        "government",
    "alliance",      "society",  "league",       "party",        "observatory",
    "monitor",       "mission",  "unicef",       "unhcr",        "ohchr",
    "red",           "crescent", "doctors",      "assistance",   "tribunal",
    "ombudsman",     "defender", "parliament",   "secretariat",  "agency",
    "news",          NULL,
};
static struct word_set body_words = WORD_SET(body_word_list);

/* News agencies whose tag in a dateline makes them the document's source:
 * "LONDON (Reuters) -", "(AP) —". */
static const char *const agencies_words[] = {
    "reuters", "ap",  "afp", "anadolu", "xinhua", "efe",
    "dpa",     "ani", "pti", "ians",    "upi",    NULL};
static struct word_set agencies = WORD_SET(agencies_words);

/* How far back, in tokens (a few paragraphs), "the group" looks for the
 * body it refers to: a coder reads it as one named recently, and a
 * longer walk over a long text costs each described speaker its length
 * (P5). */
enum { LOOKBACK = 1200 };

/* ==== Names ==== */

/* A name: its text and its tokens first..last. */
struct name {
    const char *text; /* in the extraction's arena; NULL: none */
    size_t first, last;
};

/* "(PMOI)" ... "(MEK)" in tokens [from, to): the abbreviations joined with
 * "/", or NULL; *last is the last ")" read. */
static const char *abbreviations(const struct tokens *ts, size_t from,
                                 size_t to, struct arena *ar, size_t *last)
{
    struct buf b = BUF_INIT(200);
    for (size_t j = from; j + 2 < to + 1 && j + 2 < ts->count; j++)
        if (tok_is(ts, j, "(") && (ts->t[j + 1].flags & TF_UPPER) &&
            tok_is(ts, j + 2, ")")) {
            if (b.len)
                buf_putc(&b, '/');
            buf_append(&b, ts->text + ts->t[j + 1].off, ts->t[j + 1].len);
            *last = j + 2;
        }
    const char *s = b.len && !b.failed ? arena_strdup(ar, buf_cstr(&b)) : NULL;
    buf_release(&b);
    return s;
}

/* A word of a source's name: capitalised, or a body's common noun
 * ("police", "organisers"). */
static bool name_word(const struct tokens *ts, size_t j)
{
    const struct token *t = &ts->t[j];
    return t->kind == TK_WORD &&
           ((t->flags & TF_CAP) || tok_class(ts, j, LX_BODY)) &&
           !tok_class(ts, j, LX_MONTH | LX_WEEKDAY);
}

/* The capitalised name ending at `at` (walking back, dir -1), or starting
 * at it (walking on, dir 1), within lo..hi: "Amnesty International", "the
 * UN High Commissioner for Human Rights" without its article. Sets its
 * tokens *first..*last (the last word, before any abbreviation); false
 * when there is none: a lone describing or nobody word is no name
 * ("Officials said", "It said"). */
static bool name_span(const struct tokens *ts, size_t at, int dir, size_t lo,
                      size_t hi, size_t *first, size_t *last)
{
    if (at < lo || at > hi || !name_word(ts, at))
        return false;
    size_t a = at, b = at;
    for (;;) {
        size_t n = dir < 0 ? a - 1 : b + 1;
        if ((dir < 0 && a == lo) || (dir > 0 && b == hi))
            break;
        /* "Kenya National Commission on Human Rights" */
        bool link = tok_is(ts, n, "of") || tok_is(ts, n, "for") ||
                    tok_is(ts, n, "on") || tok_is(ts, n, "-");
        /* the word beyond a link, within lo..hi: a link opening the text
         * has none before it */
        size_t m = n + (size_t)dir;
        if (!name_word(ts, n) &&
            !(link && n != lo && n != hi && name_word(ts, m)))
            break;
        if (dir < 0)
            a = n;
        else
            b = n;
    }
    if (tok_is(ts, a, "the") && a < b)
        a++;
    if (a == b && (tok_class(ts, a, LX_FUNC) || tok_in(ts, a, &describing) ||
                   tok_in(ts, a, &nobody)))
        return false;
    *first = a, *last = b;
    return true;
}

/* The ")" of an abbreviation written right after token b ("... (HRANA)"),
 * or 0: abbreviations() reads one there. */
static size_t abbreviation_end(const struct tokens *ts, size_t b)
{
    return b + 3 < ts->count && tok_is(ts, b + 1, "(") &&
                   (ts->t[b + 2].flags & TF_UPPER) && tok_is(ts, b + 3, ")")
               ? b + 3
               : 0;
}

/* name_span's name with its text. A name followed by its abbreviation
 * gives the abbreviation ("Human Rights Activists News Agency (HRANA)":
 * "HRANA"). */
static struct name name_at(const struct tokens *ts, size_t at, int dir,
                           size_t lo, size_t hi, struct arena *ar)
{
    struct name none = {NULL, 0, 0};
    size_t a, b;
    if (!name_span(ts, at, dir, lo, hi, &a, &b))
        return none;
    size_t last = b;
    if (tok_is(ts, b + 1, "(")) {
        const char *ab = abbreviations(ts, b + 1, b + 3, ar, &last);
        if (ab)
            return (struct name){ab, a, last};
    }
    return (struct name){
        arena_strndup(ar, ts->text + ts->t[a].off,
                      ts->t[b].off + ts->t[b].len - ts->t[a].off),
        a, b};
}

/* The body a describing word asks for ("the ministry", "the group"):
 * a specific noun must be in the body's name; a generic one ("group",
 * "it") takes any body. */
struct kind {
    const char *word;
    bool specific;   /* "ministry": a Ministry */
    bool government; /* "government": a ministry is one too */
};

static struct kind kind_of(const char *word)
{
    static const char *const specific[] = {
        "ministry", "commission", "committee",  "office",  "agency", "council",
        "union",    "department", "government", "mission", NULL};
    struct kind k = {word, false, strcmp(word, "government") == 0};
    for (const char *const *w = specific; *w; w++)
        k.specific |= strcmp(*w, word) == 0;
    return k;
}

/* Whether tokens first..last name a body: they hold a body word
 * ("Amnesty International", "Health Ministry") or an acronym of three
 * letters or more ("HRANA", "KNCHR"), and the specific noun k asks for. */
static bool body_of_kind(const struct tokens *ts, size_t first, size_t last,
                         const struct kind *k)
{
    bool body = false, has_kind = !k->specific;
    for (size_t j = first; j <= last && !(body && has_kind); j++) {
        body = body || tok_in(ts, j, &body_words) ||
               ((ts->t[j].flags & TF_UPPER) && ts->t[j].len >= 3);
        has_kind = has_kind || tok_is(ts, j, k->word) ||
                   (k->government && tok_is(ts, j, "ministry"));
    }
    return body && has_kind;
}

/* The last body of kind k named before token `before` ("the group":
 * Amnesty International, named two sentences earlier), or none. Walks
 * back name by name, at most LOOKBACK tokens; only the one it returns is
 * given its text. */
static struct name earlier_body(const struct tokens *ts, size_t before,
                                const struct kind *k, struct arena *ar)
{
    size_t stop = before > LOOKBACK ? before - LOOKBACK : 0;
    for (size_t j = before; j-- > stop;) {
        size_t first, last;
        if (!name_word(ts, j) || (ts->t[j].flags & TF_TITLE) ||
            !name_span(ts, j, -1, 0, j, &first, &last))
            continue;
        size_t ab = abbreviation_end(ts, last);
        if (body_of_kind(ts, first, ab ? ab : last, k)) {
            struct name n = name_at(ts, j, -1, 0, j, ar);
            /* the abbreviation written after it, when there is one */
            const char *abbr = tok_is(ts, j + 1, "(")
                                   ? abbreviations(ts, j + 1, j + 3, ar, &last)
                                   : NULL;
            return abbr ? (struct name){abbr, n.first, last} : n;
        }
        j = first;
    }
    return (struct name){NULL, 0, 0};
}

/* Dotted initials ending at token b, not before lo ("the U.N. has put
 * the death toll at 149"): their name, as written, or none. The
 * tokenizer reads them as letters and stops, written together. */
static struct name initials(const struct tokens *ts, size_t b, size_t lo,
                            struct arena *ar)
{
    size_t a = b + 1, pairs = 0;
    while (a >= lo + 2 && tok_is(ts, a - 1, ".") &&
           ts->t[a - 2].kind == TK_WORD && ts->t[a - 2].len == 1 &&
           (ts->t[a - 2].flags & TF_CAP) &&
           ts->t[a - 2].off + 1 == ts->t[a - 1].off &&
           (pairs == 0 || ts->t[a - 1].off + 1 == ts->t[a].off))
        a -= 2, pairs++;
    if (pairs < 2)
        return (struct name){NULL, 0, 0};
    return (struct name){arena_strndup(ar, ts->text + ts->t[a].off,
                                       ts->t[b].off + 1 - ts->t[a].off),
                         a, b};
}

/* ==== Reported speech ==== */

/* What the reported speech of a sentence says of a figure. */
struct said {
    enum ex_source_why why; /* NONE: no reported speech found */
    const char *name;
    size_t from, to; /* the words, tokens */
};

/* A speaker described or no one in particular, in tokens [a, b] (the
 * phrase before or after the verb): "the London-based rights group",
 * "officials", "it". Fills *out and returns true when it is one. */
static bool described(const struct tokens *ts, size_t a, size_t b, size_t from,
                      size_t to, struct arena *ar, struct said *out)
{
    if (a > b)
        return false;
    if (tok_in(ts, b, &nobody) && !tok_in(ts, b, &describing)) {
        *out = (struct said){EX_SOURCE_UNCERTAIN, NULL, from, to};
        return true;
    }
    if (!tok_in(ts, b, &describing))
        return false;
    /* "they" and "it" name no kind: any body. */
    struct kind kind = kind_of(
        tok_is(ts, b, "it") || tok_is(ts, b, "they") ? "group" : ts->t[b].low);
    struct name n = earlier_body(ts, a, &kind, ar);
    *out = (struct said){n.text ? EX_SOURCE_EARLIER : EX_SOURCE_UNCERTAIN,
                         n.text, from, to};
    return true;
}

/* The start of the describing phrase that ends at token b: back over
 * lower-case words and hyphens to its article ("the London-based rights
 * group"), at most six words, not before s. */
static size_t phrase_start(const struct tokens *ts, size_t s, size_t b)
{
    size_t a = b;
    for (int n = 0; n < 6 && a > s; n++) {
        const struct token *p = &ts->t[a - 1];
        bool lower = p->kind == TK_WORD &&
                     (!(p->flags & TF_CAP) || (p->flags & TF_HYPHEN));
        if (tok_is(ts, a - 1, "the") || tok_is(ts, a - 1, "a")) {
            a--;
            break;
        }
        if (!(lower || tok_is(ts, a - 1, "-")) || tok_class(ts, a - 1, LX_SAY))
            break;
        a--;
    }
    return a;
}

/* Name n with the lower-case body noun that follows it: "Serbia's
 * interior ministry", "Colombia's national police" (at most two words
 * on, up to `hi`); n itself when none follows. */
static struct name body_noun(const struct tokens *ts, struct name n, size_t hi,
                             struct arena *ar)
{
    for (size_t j = n.last + 1; n.text && j <= hi && j <= n.last + 3; j++) {
        if (ts->t[j].kind != TK_WORD || (ts->t[j].flags & TF_CAP))
            break;
        if (tok_in(ts, j, &describing) || tok_is(ts, j, "police")) {
            const struct token *a = &ts->t[n.first], *z = &ts->t[j];
            return (struct name){
                arena_strndup(ar, ts->text + a->off, z->off + z->len - a->off),
                n.first, j};
        }
    }
    return n;
}

/* "according to X", "citing X", "cited by X", "as per X", "a statement
 * released by X": the name after it, or the describing words; out->why
 * NONE when there is none. */
static void according_to(const struct tokens *ts, size_t s, size_t e, size_t q,
                         struct arena *ar, struct said *out)
{
    for (size_t j = s; j + 1 <= e; j++) {
        size_t skip = 0;
        if ((tok_is(ts, j, "according") && tok_is(ts, j + 1, "to")) ||
            (tok_is(ts, j, "as") && tok_is(ts, j + 1, "per")) ||
            ((tok_is(ts, j, "cited") || tok_is(ts, j, "released") ||
              tok_is(ts, j, "issued") || tok_is(ts, j, "published")) &&
             tok_is(ts, j + 1, "by")))
            skip = 2;
        else if (tok_is(ts, j, "citing") || tok_is(ts, j, "quoting"))
            skip = 1;
        if (skip == 0)
            continue;
        size_t to = q > j ? q : e + 1;
        size_t last = 0;
        const char *ab = abbreviations(ts, j + skip, to, ar, &last);
        if (ab) {
            *out = (struct said){EX_SOURCE_SENTENCE, ab, j, last};
            return;
        }
        size_t k = j + skip;
        for (; k < to && !tok_is(ts, k, ","); k++) {
            if (name_word(ts, k) && !tok_is(ts, k, "the")) {
                struct name n = name_at(ts, k, 1, k, to - 1, ar);
                n = body_noun(ts, n, to - 1, ar);
                if (n.text) {
                    *out = (struct said){EX_SOURCE_SENTENCE, n.text, j, n.last};
                    return;
                }
            }
            if (described(ts, k, k, j, k, ar, out))
                return;
        }
        return;
    }
}

static bool auxiliary(const struct tokens *ts, size_t j)
{
    static const char *const aux_words[] = {
        "has",  "have",  "had",        "so",       "far",
        "also", "now",   "previously", "earlier",  "was",
        "is",   "later", "officially", "publicly", "only",
        "just", "since", "reportedly", NULL};
    static struct word_set aux = WORD_SET(aux_words);
    return tok_in(ts, j, &aux);
}

/* Before ", head of the criminal prosecution service in the general
 * prosecutor's office," (a role set off by commas after a capitalised
 * name, "Serik Shalabayev"): the first comma, after which the name ends.
 * k otherwise. */
static size_t past_role(const struct tokens *ts, size_t s, size_t k)
{
    if (!(k > s + 3 && tok_is(ts, k - 1, ",")))
        return k;
    size_t c = k - 2;
    while (c > s + 1 && !tok_is(ts, c, ",") && ts->t[c].kind != TK_NUM)
        c--;
    if (!tok_is(ts, c, ",") || !(ts->t[c - 1].flags & TF_CAP) ||
        !name_word(ts, c - 1))
        return k;
    for (size_t r = c + 1; r < c + 4 && r < k - 1; r++)
        if (tok_class(ts, r, LX_ROLE))
            return c;
    return k;
}

/* Before a speaker, past ", Ravina Shamdasani," and the speaker's role
 * ("spokesperson", "official"): the token before the body's name. */
static size_t past_speaker(const struct tokens *ts, size_t s, size_t k)
{
    size_t named = past_role(ts, s, k);
    if (named != k)
        return named;
    if (k > s + 1 && tok_is(ts, k - 1, ",")) {
        size_t j = k - 1;
        while (j > s && name_word(ts, j - 1))
            j--;
        /* After a role the body speaks ("OHCHR spokesperson, Ravina
         * Shamdasani, said"); after anything else the name set off is
         * the speaker's own ("The head of Peru's National Police in Lima,
         * Victor Sanabria, told"), not the place before it. */
        if (j < k - 1 && j > s && tok_is(ts, j - 1, ","))
            k = j > s + 1 && tok_class(ts, j - 2, LX_ROLE) ? j - 1 : k - 1;
    }
    while (k > s && tok_class(ts, k - 1, LX_ROLE))
        k--;
    return k;
}

/* Whether "put" at k puts a figure ("has put the death toll at 149"),
 * the only sense in which it attributes one. */
static bool puts_toll(const struct tokens *ts, size_t k, size_t e)
{
    for (size_t j = k + 1; j <= e && j <= k + 5; j++)
        if (tok_is(ts, j, "toll") || tok_is(ts, j, "figure") ||
            tok_is(ts, j, "number"))
            return true;
    return false;
}

/* Whether token k, in a sentence ending at e, attributes a figure. */
static bool says(const struct tokens *ts, size_t k, size_t e)
{
    return tok_class(ts, k, LX_SAY) && !tok_is(ts, k, "according") &&
           (!(tok_is(ts, k, "put") || tok_is(ts, k, "puts")) ||
            puts_toll(ts, k, e));
}

static void speaker_of(const struct tokens *ts, size_t s, size_t e, size_t j,
                       bool follow, struct arena *ar, struct said *out);

/* The person who spoke in the sentence before s ("Serik Shalabayev, head
 * of ..., said"), whom "he said" or "she said" in s refers to: a name of
 * two words or more that is no body's. */
static struct name last_person(const struct tokens *ts, size_t s,
                               struct arena *ar)
{
    struct name none = {NULL, 0, 0};
    if (s == 0)
        return none;
    size_t p = sentence_start(ts, s - 1);
    struct kind any = kind_of("group");
    /* its first verbs only: each figure after "he said" asks again */
    size_t verbs = 0;
    for (size_t j = p; j < s && verbs < 4; j++) {
        struct said by = {EX_SOURCE_NONE, NULL, 0, 0};
        size_t first, last;
        if (!says(ts, j, s - 1))
            continue;
        verbs++;
        speaker_of(ts, p, s - 1, j, false, ar, &by);
        if (by.why == EX_SOURCE_SENTENCE && by.from < j &&
            name_span(ts, by.from, 1, by.from, j, &first, &last) &&
            last > first && !body_of_kind(ts, first, last, &any))
            return (struct name){by.name, first, last};
    }
    return none;
}

/* The subject of the attribution verb nearest to the figure at q in the
 * sentence s..e, before the verb ("The MEK has so far identified",
 * "U.N. Human Rights Office spokesperson, Ravina Shamdasani, said", "the
 * group said") or after it (", said Amnesty", "said the ministry"). */
static void said_by(const struct tokens *ts, size_t s, size_t e, size_t q,
                    struct arena *ar, struct said *out)
{
    size_t j = SIZE_MAX;
    for (size_t k = s; k <= e; k++)
        if (says(ts, k, e) && (j == SIZE_MAX || (k > q ? k - q : q - k) <
                                                    (j > q ? j - q : q - j)))
            j = k;
    if (j != SIZE_MAX)
        speaker_of(ts, s, e, j, true, ar, out);
}

/* The speaker of the verb at j in the sentence s..e; "he" or "she" the
 * person who spoke in the sentence before, when follow is set (once:
 * that sentence's own "he" is not followed further). */
static void speaker_of(const struct tokens *ts, size_t s, size_t e, size_t j,
                       bool follow, struct arena *ar, struct said *out)
{
    /* "The Hong Kong police has since provided a figure, saying there
     * were 338,000": a participle's speaker opens the sentence. */
    if ((tok_is(ts, j, "saying") || tok_is(ts, j, "adding")) && j > s &&
        tok_is(ts, j - 1, ",")) {
        size_t f = tok_is(ts, s, "the") ? s + 1 : s;
        struct name n = name_at(ts, f, 1, s, j, ar);
        if (n.text) {
            *out = (struct said){EX_SOURCE_SENTENCE, n.text, n.first, n.last};
            return;
        }
    }
    size_t k = j;
    while (k > s && auxiliary(ts, k - 1))
        k--;
    k = past_speaker(ts, s, k);
    if (k > s && tok_is(ts, k - 1, ")")) {
        size_t open = k - 1, last = 0;
        while (open > s && !tok_is(ts, open, "("))
            open--;
        const char *ab = abbreviations(ts, open, k, ar, &last);
        if (ab) {
            *out = (struct said){EX_SOURCE_SENTENCE, ab, open, j};
            return;
        }
    }
    struct name n =
        k > s ? name_at(ts, k - 1, -1, s, e, ar) : (struct name){NULL, 0, 0};
    if (n.text == NULL && k > s)
        n = initials(ts, k - 1, s, ar);
    /* "A top law-enforcement official in Kazakhstan said": the place of
     * an unnamed speaker, not the speaker. */
    if (n.text && n.first >= s + 2 &&
        (tok_is(ts, n.first - 1, "in") || tok_is(ts, n.first - 1, "from")) &&
        (tok_in(ts, n.first - 2, &nobody) ||
         tok_class(ts, n.first - 2, LX_ROLE))) {
        *out = (struct said){EX_SOURCE_UNCERTAIN, NULL, n.first - 2, j};
        return;
    }
    if (n.text) {
        *out = (struct said){EX_SOURCE_SENTENCE, n.text, n.first, j};
        return;
    }
    if (follow && k > s &&
        (tok_is(ts, k - 1, "he") || tok_is(ts, k - 1, "she"))) {
        struct name p = last_person(ts, s, ar);
        if (p.text) {
            *out = (struct said){EX_SOURCE_EARLIER, p.text, k - 1, j};
            return;
        }
    }
    if (k > s && described(ts, phrase_start(ts, s, k - 1), k - 1,
                           phrase_start(ts, s, k - 1), j, ar, out))
        return;
    if (j < e && (j == s || !name_word(ts, j - 1))) {
        n = name_at(ts, j + 1, 1, s, e, ar);
        if (n.text) {
            *out = (struct said){EX_SOURCE_SENTENCE, n.text, j, n.last};
            return;
        }
        /* "said the group", "said officials": the phrase ends the
         * clause, so that "said security forces killed people" is not
         * read as said by people. */
        size_t a = tok_is(ts, j + 1, "the") ? j + 2 : j + 1, b = a;
        while (b < e && b < a + 3 && ts->t[b + 1].kind == TK_WORD)
            b++;
        if (b == e || ts->t[b + 1].kind == TK_PUNCT)
            described(ts, a, b, j, b, ar, out);
    }
}

/* ==== Persian and Arabic ==== */

/* Whether token j may be part of a name in Persian or Arabic, which have
 * no capitals: a word the lexicon does not know as a number, date,
 * metric, verb of saying or function word. */
static bool plain_word(const struct tokens *ts, size_t j, size_t s, size_t e)
{
    enum {
        KNOWN = LX_NUMBER | LX_SCALE | LX_VAGUE | LX_METRIC | LX_SAY |
                LX_MONTH | LX_WEEKDAY | LX_DATEWORD | LX_DAYNOUN | LX_PERSON |
                LX_FUNC | LX_UNIT | LX_ORDINAL
    };
    return j >= s && j <= e && j < ts->count && ts->t[j].kind == TK_WORD &&
           (ts->t[j].flags & TF_UNCASED) && !tok_class(ts, j, KNOWN);
}

/* The name of up to six plain words from token j on (dir 1) or back from
 * it (dir -1), within s..e, without its first `skip` bytes. */
static struct name plain_name(const struct tokens *ts, size_t j, int dir,
                              size_t s, size_t e, size_t skip, struct arena *ar)
{
    size_t a = j, b = j, n = 0;
    while (n < 6 && plain_word(ts, dir > 0 ? b : a, s, e)) {
        n++;
        if (dir > 0)
            b++;
        else if (a-- == 0)
            break;
        /* "فعالان حقوق بشر در ایران اعلام کرد": در inside, backwards */
        if (dir < 0 && n < 6 && tok_is(ts, a, "در") && a > s &&
            plain_word(ts, a - 1, s, e))
            a--;
        /* "کمپین دفاع از زندانیان سیاسی و مدنی": از and و inside */
        if (dir > 0 && n < 6 && (tok_is(ts, b, "از") || tok_is(ts, b, "و")) &&
            plain_word(ts, b + 1, s, e))
            b++;
    }
    if (n == 0)
        return (struct name){NULL, 0, 0};
    size_t first = dir > 0 ? j : a + 1, last = dir > 0 ? b - 1 : j;
    const struct token *f = &ts->t[first], *l = &ts->t[last];
    return (struct name){arena_strndup(ar, ts->text + f->off + skip,
                                       l->off + l->len - f->off - skip),
                         first, last};
}

/* The attribution word of class c nearest token q in s..e, or SIZE_MAX. */
static size_t nearest_say(const struct tokens *ts, size_t s, size_t e, size_t q,
                          uint32_t c)
{
    size_t k = SIZE_MAX;
    for (size_t j = s; j <= e && j < ts->count; j++)
        if (tok_class(ts, j, c) && (ts->t[j].flags & TF_UNCASED) &&
            (ts->t[j].lex->value != 2 || (j > s && tok_is(ts, j - 1, "به"))) &&
            (k == SIZE_MAX ||
             (j > q ? j - q : q - j) < (k > q ? k - q : q - k)))
            k = j;
    return k;
}

/* Speakers who are no one in particular, in Persian and Arabic, by the
 * name's first word (matching forms): sources, networks, media, reports
 * ("گزارش های دریافتی", written apart), witnesses, activists. A
 * matching form drops the ZWNJ: the media, written with one, is
 * "رسانهها" here. */
static const char *const uncased_nobody_words[] = {
    "منابع", "منبع", "شبکه",   "رسانه", "رسانهها", "های",   "ها", "مصادر",
    "مصدر",  "شهود", "ناشطون", "نشطاء", "وسائل",   "مواقع", NULL};
static struct word_set uncased_nobody = WORD_SET(uncased_nobody_words);

/* The body named before whose first word is token `at` without its
 * article: "اللجنة" (the committee) after "لجنة أطباء السودان المركزية". */
static struct name uncased_earlier(const struct tokens *ts, size_t at,
                                   struct arena *ar)
{
    static const char al[] = "ال";
    const struct token *w = &ts->t[at];
    size_t n = sizeof al - 1;
    if (w->len <= n || memcmp(ts->text + w->off, al, n) != 0)
        return (struct name){NULL, 0, 0};
    size_t stop = at > LOOKBACK ? at - LOOKBACK : 0;
    for (size_t k = at; k-- > stop;)
        if (ts->t[k].kind == TK_WORD && ts->t[k].len == w->len - n &&
            memcmp(ts->text + ts->t[k].off, ts->text + w->off + n,
                   w->len - n) == 0) {
            struct name n = plain_name(ts, k, 1, k, sentence_end(ts, k), 0, ar);
            if (n.text && n.last > k)
                return n;
        }
    return (struct name){NULL, 0, 0};
}

/* What a Persian or Arabic speaker n, with words from..to, makes of a
 * figure: a name, a body described by its noun with the article (rule
 * 2), or no one in particular. */
static struct said uncased_said(const struct tokens *ts, struct name n,
                                size_t from, size_t to, struct arena *ar)
{
    if (tok_in(ts, n.first, &uncased_nobody))
        return (struct said){EX_SOURCE_UNCERTAIN, NULL, from, to};
    struct name e = n.first == n.last ? uncased_earlier(ts, n.first, ar)
                                      : (struct name){NULL, 0, 0};
    if (e.text) {
        return (struct said){EX_SOURCE_EARLIER, e.text, from, to};
    }
    return (struct said){EX_SOURCE_SENTENCE, n.text, from, to};
}

/* Persian and Arabic attributions in the sentence s..e: "به گزارش X",
 * "به گفته X", "وفقا لـ X", "بحسب X" (the name follows; these win over a
 * verb; value 2 in the lexicon: only after "به", for "گزارش خود" is
 * "its report"), "قال X", "أعلنت X" (an Arabic verb, value 1: the
 * name after it), "X اعلام کرد", "X گفت" (the name before the verb, else
 * the sentence's opening words). */
static void uncased_source(const struct tokens *ts, size_t s, size_t e,
                           size_t q, struct arena *ar, struct said *out)
{
    size_t k = nearest_say(ts, s, e, q, LX_SOURCE);
    if (k == SIZE_MAX)
        k = nearest_say(ts, s, e, q, LX_SAY);
    if (k == SIZE_MAX)
        return;
    size_t next = tok_is(ts, k + 1, "ل") ? k + 2 : k + 1;
    /* "وفقا لمنظمة العفو": the name without the attached ل */
    size_t skip = next == k + 1 && tok_is(ts, k, "وفقا") &&
                          strncmp(ts->t[next].low, "ل", 2) == 0
                      ? 2
                      : 0;
    size_t from = k > s && tok_is(ts, k - 1, "به") ? k - 1 : k;
    struct name n = {NULL, 0, 0};
    if (tok_class(ts, k, LX_SOURCE))
        n = plain_name(ts, next, 1, s, e, skip, ar);
    else if (ts->t[k].lex->value == 1) /* "قالت وزارة الصحة" */
        n = plain_name(ts, k + 1, 1, s, e, 0, ar);
    if (tok_class(ts, k, LX_SOURCE) || ts->t[k].lex->value == 1) {
        if (n.text)
            *out = uncased_said(ts, n, from, n.last, ar);
        else if (tok_class(ts, k, LX_SOURCE) && next <= e)
            /* "به گفته یک منبع آگاه" (according to an informed source):
             * reported speech that names no one */
            *out = (struct said){EX_SOURCE_UNCERTAIN, NULL, from, next};
        return;
    }
    n = k > s ? plain_name(ts, k - 1, -1, s, e, 0, ar)
              : (struct name){NULL, 0, 0};
    if (n.text == NULL)
        n = plain_name(ts, s, 1, s, e, 0, ar);
    if (n.text)
        *out = uncased_said(ts, n, n.first < k ? n.first : k,
                            n.last > k ? n.last : k, ar);
}

/* ==== The document's source ==== */

/* A Persian or Arabic text's tag: a line of its first three opening with
 * a name and a colon ("رادیو فردا :", "خبرنامه امیرکبیر:"), the outlet or
 * body the text is from, as an agency's tag in an English dateline. */
static bool uncased_tag(const struct tokens *ts, struct arena *ar,
                        struct doc_source *out)
{
    size_t lines = 0;
    for (size_t j = 0; j < ts->count && lines <= 3; j++) {
        if (!(ts->t[j].flags & TF_LINE))
            continue;
        lines++;
        struct name n = plain_name(
            ts, j, 1, j, j + 3 < ts->count ? j + 3 : ts->count - 1, 0, ar);
        if (n.text && tok_is(ts, n.last + 1, ":") &&
            !tok_in(ts, n.first, &uncased_nobody)) {
            out->name = n.text;
            out->words = span_of(ts, n.first, n.last + 1);
            return true;
        }
    }
    return false;
}

/* The abbreviation the text gives name n elsewhere ("Kenya National
 * Commission on Human Rights (KNCHR)"), or its text. A source is
 * recorded in its shortest form. */
static const char *abbreviated(const struct tokens *ts, struct name n,
                               struct arena *ar)
{
    size_t len = n.last - n.first + 1;
    for (size_t k = 0; k + len + 2 < ts->count; k++) {
        size_t m = 0;
        while (m < len && ts->t[k + m].len == ts->t[n.first + m].len &&
               memcmp(ts->text + ts->t[k + m].off,
                      ts->text + ts->t[n.first + m].off, ts->t[k + m].len) == 0)
            m++;
        size_t last;
        const char *ab =
            m == len && tok_is(ts, k + len, "(")
                ? abbreviations(ts, k + len, k + len + 2, ar, &last)
                : NULL;
        if (ab)
            return ab;
    }
    return n.text;
}

/* Whether token j opens a sentence of prose: one after a sentence that
 * ended with a stop. A release's headline, dateline and byline ("1 July
 * 2024", "Kenya National Commission on Human Rights (Nairobi)", "press
 * release") end with none, so they do not use up the opening sentences
 * in which a text names its own source. */
static bool opens_prose(const struct tokens *ts, size_t j)
{
    return (ts->t[j].flags & TF_SENT) && j > 0 &&
           (tok_is(ts, j - 1, ".") || tok_is(ts, j - 1, "!") ||
            tok_is(ts, j - 1, "?") || tok_is(ts, j - 1, "\u061F"));
}

/* Whether the name at k follows a photo's credit mark ("© REUTERS/Hugo
 * Courotto"): the agency that took the picture, not the text's source. */
static bool credit(const struct tokens *ts, size_t k)
{
    /* a sign with no ASCII form: its matching form is "", so its text */
    const struct token *t = k > 0 ? &ts->t[k - 1] : NULL;
    return t && t->len == 2 && memcmp(ts->text + t->off, "\u00A9", 2) == 0;
}

/* On a title-case line, where every word is capitalised, a body's name
 * is cut after its last body word or acronym ("Comment by UN Human
 * Rights Office Spokesperson Marta Hurtado on Peru": "UN Human Rights
 * Office"); false when only its first word is one, and others follow
 * ("Police Kill 40 Protesters" names no body). body_of_kind has found a
 * body's word in it. */
static bool title_body(const struct tokens *ts, struct name *n,
                       struct arena *ar)
{
    if (tok_is(ts, n->last, ")"))
        return true; /* abbreviated: "... (OHCHR)" gave "OHCHR" */
    size_t last = n->last;
    while (last > n->first && !tok_in(ts, last, &body_words) &&
           !((ts->t[last].flags & TF_UPPER) && ts->t[last].len >= 3))
        last--;
    if (last == n->first) /* "HRANA" alone is one; "Police Kill" none */
        return n->first == n->last;
    if (last != n->last) {
        n->last = last;
        n->text = arena_strndup(ar, ts->text + ts->t[n->first].off,
                                ts->t[last].off + ts->t[last].len -
                                    ts->t[n->first].off);
    }
    return true;
}

/* A body's statement speaking of itself in its opening sentences: "The
 * Kenya National Commission on Human Rights (KNCHR) has been monitoring
 * ... The Commission made the following observations", "... the fourth
 * report that we are issuing": the body named first is the document's
 * source. */
static void self_reference(const struct tokens *ts, struct arena *ar,
                           struct doc_source *out)
{
    size_t sentences = 0;
    for (size_t j = 1; j < ts->count && sentences <= 5; j++) {
        sentences += opens_prose(ts, j);
        bool named = tok_is(ts, j - 1, "the") && (ts->t[j].flags & TF_CAP) &&
                     tok_in(ts, j, &describing) && !name_word(ts, j + 1);
        if (!named && !tok_is(ts, j, "we") && !tok_is(ts, j, "our"))
            continue;
        struct kind kind = kind_of(named ? ts->t[j].low : "group");
        /* the first body of that kind the text names */
        for (size_t k = 0; k + 1 < j; k++) {
            if (!name_word(ts, k) ||
                (k > 0 && name_word(ts, k - 1) && !tok_is(ts, k - 1, "the")) ||
                tok_is(ts, k, "the") || credit(ts, k))
                continue;
            struct name n = name_at(ts, k, 1, k, j - 2, ar);
            if (n.text && body_of_kind(ts, n.first, n.last, &kind) &&
                (!(ts->t[k].flags & TF_TITLE) || title_body(ts, &n, ar))) {
                n.text = abbreviated(ts, n, ar);
                size_t a = named ? j - 1 : j;
                out->name = n.text;
                out->words = span_of(ts, a, j);
                return;
            }
        }
        return;
    }
}

/* A release's byline: a line of its head that is a body's name
 * alone, or with its city in brackets ("Amnesty International", "Kenya
 * National Commission on Human Rights (Nairobi)"), under the
 * abbreviation the text gives it. */
static bool byline(const struct tokens *ts, struct arena *ar,
                   struct doc_source *out)
{
    struct kind any = kind_of("group");
    size_t lines = 0;
    for (size_t j = 0; j < ts->count && lines < HEAD_LINES; j++) {
        if (!(ts->t[j].flags & TF_LINE))
            continue;
        lines++;
        size_t end = j + 1;
        while (end < ts->count && !(ts->t[end].flags & TF_LINE))
            end++;
        struct name n = name_at(ts, j, 1, j, end - 1, ar);
        if (n.text == NULL || n.first != j)
            continue;
        size_t after = n.last + 1;
        if (after + 2 < end && tok_is(ts, after, "(") &&
            tok_is(ts, after + 2, ")"))
            after += 3; /* "(Nairobi)" */
        if (after == end && body_of_kind(ts, n.first, n.last, &any)) {
            out->name = abbreviated(ts, n, ar);
            out->words = span_of(ts, n.first, n.last);
            return true;
        }
    }
    return false;
}

/* The text's own source, from its own signals: an agency's tag in the
 * first lines ("LONDON (Reuters) -"), or the body whose release it is:
 * named in the opening sentences with "said today" ("..., Human Rights
 * Watch said today."), in a byline, or speaking of itself. None
 * otherwise: a news story's unattributed
 * figure is the outlet's reporting, which names no source. */
void document_source(const struct tokens *ts, struct arena *ar,
                     struct doc_source *out)
{
    *out = (struct doc_source){NULL, {0, 0}};
    size_t lines = 0;
    for (size_t j = 0; j + 2 < ts->count && lines <= 3; j++) {
        lines += (ts->t[j].flags & TF_LINE) != 0;
        if (tok_is(ts, j, "(") && tok_in(ts, j + 1, &agencies) &&
            tok_is(ts, j + 2, ")")) {
            const struct token *a = &ts->t[j], *t = &ts->t[j + 1],
                               *z = &ts->t[j + 2];
            out->name = arena_strndup(ar, ts->text + t->off, t->len);
            out->words = (struct ex_span){a->off, z->off + z->len - a->off};
            return;
        }
    }
    if (uncased_tag(ts, ar, out))
        return;
    size_t sentences = 0;
    for (size_t j = 0; j + 1 < ts->count && sentences <= 5; j++) {
        sentences += opens_prose(ts, j);
        if (!tok_class(ts, j, LX_SAY) || !tok_is(ts, j + 1, "today"))
            continue;
        size_t s = sentence_start(ts, j), e = sentence_end(ts, j);
        struct said by = {EX_SOURCE_NONE, NULL, 0, 0};
        said_by(ts, s, e, j, ar, &by);
        if (by.why == EX_SOURCE_SENTENCE) {
            const struct token *a = &ts->t[by.from], *z = &ts->t[j + 1];
            out->name = by.name;
            out->words = (struct ex_span){a->off, z->off + z->len - a->off};
            return;
        }
    }
    if (!byline(ts, ar, out))
        self_reference(ts, ar, out);
}

/* ==== A figure's source and as-of ==== */

/* How far the words of s are from token q: 0 when they hold it. */
static size_t distance(struct said s, size_t q)
{
    if (q >= s.from && q <= s.to)
        return 0;
    return q < s.from ? s.from - q : q - s.to;
}

void attribute(const struct tokens *ts, size_t q, const struct doc_source *doc,
               struct arena *ar, struct ex_tally *t)
{
    size_t s = sentence_start(ts, q), e = sentence_end(ts, q);
    struct said by = {EX_SOURCE_NONE, NULL, 0, 0};
    bool uncased = false;
    for (size_t k = s; k <= e && k < ts->count && !uncased; k++)
        uncased = (ts->t[k].flags & TF_UNCASED) != 0;
    if (uncased) {
        uncased_source(ts, s, e, q, ar, &by);
    } else {
        /* the speaker nearest the figure: "..., Serbia's police director
         * Dragan Vailjevic said in a statement, published by the
         * Interior Ministry's press service" is the director's */
        struct said verb = {EX_SOURCE_NONE, NULL, 0, 0};
        according_to(ts, s, e, q, ar, &by);
        said_by(ts, s, e, q, ar, &verb);
        /* ...but "The agency counted 40 deaths, citing the KNCHR" is the
         * KNCHR's: one cited is nearer than a speaker not named */
        if (by.why == EX_SOURCE_NONE || (verb.why == EX_SOURCE_SENTENCE &&
                                         distance(verb, q) < distance(by, q)))
            by = verb;
    }
    if (by.why == EX_SOURCE_NONE && doc->name) {
        t->source = doc->name;
        t->source_why = EX_SOURCE_DOCUMENT;
        t->source_words = doc->words;
        return;
    }
    t->source = by.name;
    t->source_why = by.why;
    if (by.why != EX_SOURCE_NONE) {
        const struct token *a = &ts->t[by.from], *z = &ts->t[by.to];
        t->source_words = (struct ex_span){a->off, z->off + z->len - a->off};
    }
}

/* Whether date mention m opens a period rather than naming a day the
 * figure holds on: "since 17 September", "from", "between", "until". */
static bool opens_period(const struct tokens *ts, const struct mention *m)
{
    static const char *const before_words[] = {
        "since", "from", "between", "until", "till", "after", "before", NULL};
    static struct word_set before = WORD_SET(before_words);
    /* "which broke out on Friday", "began on 15 September" */
    static const char *const began_words[] = {"out", "began", "started",
                                              "erupted", NULL};
    static struct word_set began = WORD_SET(began_words);
    size_t f = m->first;
    if (f > 0 && tok_is(ts, f - 1, "the")) /* "since the Feb. 1 coup" */
        f--;
    if (f > 0 && tok_in(ts, f - 1, &before))
        return true;
    return f > 1 && tok_is(ts, f - 1, "on") && tok_in(ts, f - 2, &began);
}

/* Whether a "since" stands between the figure at i and a date after it,
 * f: "the toll rose to 117 since security forces broke up the sit-in
 * last Monday" counts from that day, not as of it. */
static bool since_between(const struct tokens *ts, size_t i, size_t f)
{
    for (size_t j = i + 1; j < f; j++)
        if (tok_is(ts, j, "since") || tok_is(ts, j, "منذ"))
            return true;
    return false;
}

/* Whether a number stands in tokens [a, b). */
static bool number_in(const struct tokens *ts, size_t a, size_t b)
{
    for (size_t j = a; j < b; j++)
        if (ts->t[j].kind == TK_NUM)
            return true;
    return false;
}

/* Whether "as of" (or "by") at token from, in the sentence from s, holds
 * for the figure ending before token end. After its figure it holds for the
 * figure it follows, with no other figure between ("at least 212 deaths, 1,337
 * persons wounded as of June 19": the 1,337 only). Before it, it holds
 * unless it trails a figure of its own clause (", and 507 persons ... as
 * of June 6" is not as of June 19); "As of Tuesday, 1,300 people" opens
 * the sentence for all its figures. */
static bool as_of_holds(const struct tokens *ts, size_t s, size_t from,
                        size_t end)
{
    if (from >= end)
        return !number_in(ts, end, from);
    size_t c = from;
    while (c > s && !tok_is(ts, c - 1, ",") && !tok_is(ts, c - 1, ";"))
        c--;
    return !number_in(ts, c, from);
}

void date_figure(const struct tokens *ts, size_t i, size_t end,
                 struct vg_date published, struct ex_tally *t)
{
    /* Mentions are in token order: a binary search finds the sentence's
     * first. */
    size_t lo = 0, hi = ts->ndates, s = sentence_start(ts, i);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ts->dates[mid].first < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    const struct mention *marked = NULL, *day = NULL;
    size_t marked_d = SIZE_MAX, day_d = SIZE_MAX, marked_from = 0;
    for (size_t k = lo; k < ts->ndates; k++) {
        const struct mention *m = &ts->dates[k];
        if (ts->t[m->first].sent != ts->t[i].sent ||
            m->first > i + SENTENCE_REACH)
            break;
        size_t f = m->first, d = f > i ? f - i : i - f;
        bool as_of = f >= 2 && tok_is(ts, f - 2, "as") &&
                     (tok_is(ts, f - 1, "of") || tok_is(ts, f - 1, "at"));
        size_t from = as_of ? f - 2 : f - 1;
        if (as_of || (f >= 1 && tok_is(ts, f - 1, "by"))) {
            if (d < marked_d && as_of_holds(ts, s, from, end))
                marked = m, marked_d = d, marked_from = from;
            continue; /* another figure's as-of is no day of this one */
        }
        bool one_day =
            m->start.year && date_cmp(m->start, m->end) == 0 &&
            (published.year == 0 || date_cmp(m->start, published) <= 0);
        if (one_day && !opens_period(ts, m) && d < day_d &&
            !(f > i && since_between(ts, i, f)))
            day = m, day_d = d;
    }
    if (marked && marked->end.year) {
        t->as_of = marked->end;
        t->as_of_why = EX_AS_OF_EXPLICIT;
        t->as_of_words = span_of(ts, marked_from, marked->last);
    } else if (day) {
        t->as_of = day->start;
        t->as_of_why = EX_AS_OF_STATEMENT;
        t->as_of_words = span_of(ts, day->first, day->last);
    } else if (published.year) {
        t->as_of = published;
        t->as_of_why = EX_AS_OF_PUBLISHED;
    } else {
        t->as_of_why = EX_AS_OF_NONE;
    }
}
