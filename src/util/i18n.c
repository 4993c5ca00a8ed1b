/* i18n.c: languages and gettext, one language per thread (i18n.h). */
#include "util/i18n.h"

#include <assert.h>
#include <pthread.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>
#include <unicode/uloc.h>

#include "util/buf.h"

const struct i18n_lang i18n_langs[] = {
    {"en", "English", "C.UTF-8", false, CAL_GREGORIAN},
    {"fa", "\xd9\x81\xd8\xa7\xd8\xb1\xd8\xb3\xdb\x8c", "fa_IR.UTF-8", true,
     CAL_PERSIAN},
    {"ar", "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9",
     "ar_EG.UTF-8", true, CAL_GREGORIAN},
};
const size_t i18n_lang_count = sizeof i18n_langs / sizeof *i18n_langs;

enum { LANG_MAX = 8 };

/* Each language's locale, opened by i18n_init and kept for the process
 * (read-only after it: threads share them). (locale_t)0: not installed,
 * or not yet opened. */
static locale_t locales[LANG_MAX];
/* Each language's own style, parallel to i18n_langs. */
static const struct cal_style lang_styles[] = {
    {"en", CAL_GREGORIAN, CAL_DIGITS_NATIVE, false},
    {"fa", CAL_PERSIAN, CAL_DIGITS_NATIVE, false},
    {"ar", CAL_GREGORIAN, CAL_DIGITS_NATIVE, false},
};
/* The thread's style (NULL: English). */
static _Thread_local const struct cal_style *thread_style;
/* The language the thread's messages are in: NULL, English. */
static _Thread_local const struct i18n_lang *thread_lang;
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static bool initialised;

const struct i18n_lang *i18n_lang_find(const char *tag)
{
    if (tag == NULL)
        return NULL;
    size_t n = strcspn(tag, "-_, ");
    for (size_t i = 0; i < i18n_lang_count; i++)
        if (strlen(i18n_langs[i].tag) == n &&
            strncasecmp(i18n_langs[i].tag, tag, n) == 0)
            return &i18n_langs[i];
    return NULL;
}

int i18n_init(const char *dir, struct vg_err *err)
{
    _Static_assert(sizeof i18n_langs / sizeof *i18n_langs <= LANG_MAX,
                   "room for each language's locale");
    _Static_assert(sizeof lang_styles / sizeof *lang_styles ==
                       sizeof i18n_langs / sizeof *i18n_langs,
                   "a style for each language");
    int rc = 0;
    pthread_mutex_lock(&init_lock);
    if (initialised)
        goto out;
    if (bindtextdomain(VIGIL_TEXTDOMAIN, dir) == NULL ||
        bind_textdomain_codeset(VIGIL_TEXTDOMAIN, "UTF-8") == NULL) {
        rc = vg_err_set(err, VG_EIO, "locale", "cannot read catalogs in %s",
                        dir);
        goto out;
    }
    /* Countries' names come translated with Debian's iso-codes, in the
     * system's own catalogs; without them a name stays English. */
    bindtextdomain(ISO_3166_DOMAIN, "/usr/share/locale");
    bind_textdomain_codeset(ISO_3166_DOMAIN, "UTF-8");
    struct buf missing = BUF_INIT(256);
    for (size_t i = 0; i < i18n_lang_count; i++) {
        locales[i] =
            newlocale(LC_MESSAGES_MASK, i18n_langs[i].locale, (locale_t)0);
        if (locales[i] == (locale_t)0)
            buf_printf(&missing, "%s%s", missing.len ? ", " : "",
                       i18n_langs[i].locale);
    }
    initialised = true;
    if (missing.len)
        rc = vg_err_set(err, VG_ENOTFOUND, "locale",
                        "locales not installed (pages in their languages "
                        "stay English): %s",
                        buf_cstr(&missing));
    buf_release(&missing);
out:
    pthread_mutex_unlock(&init_lock);
    return rc;
}

const struct cal_style *i18n_lang_style(const struct i18n_lang *lang)
{
    if (lang == NULL)
        return &lang_styles[0];
    assert(lang >= i18n_langs && lang < i18n_langs + i18n_lang_count);
    return &lang_styles[lang - i18n_langs];
}

void i18n_style_of(const char *tags, struct cal_style *out)
{
    const struct i18n_lang *lang = i18n_lang_find(tags);
    *out = *i18n_lang_style(lang);
    if (lang == NULL)
        return;
    char tag[64], locale[ULOC_FULLNAME_CAPACITY], value[32];
    size_t n = strcspn(tags, ", ");
    if (n >= sizeof tag)
        return;
    memcpy(tag, tags, n);
    tag[n] = '\0';
    UErrorCode st = U_ZERO_ERROR;
    uloc_forLanguageTag(tag, locale, sizeof locale, NULL, &st);
    if (U_FAILURE(st))
        return;
    if (uloc_getKeywordValue(locale, "calendar", value, sizeof value, &st) >
            0 &&
        U_SUCCESS(st)) {
        if (strcmp(value, "persian") == 0)
            out->calendar = CAL_PERSIAN;
        else if (strcmp(value, "gregorian") == 0)
            out->calendar = CAL_GREGORIAN;
    }
    st = U_ZERO_ERROR;
    if (uloc_getKeywordValue(locale, "numbers", value, sizeof value, &st) > 0 &&
        U_SUCCESS(st) && strcmp(value, "latn") == 0)
        out->digits = CAL_DIGITS_LATIN;
}

/* The weight of one Accept-Language item's parameters (";q=0.5"), in
 * thousandths; 1000 when it has none, -1 when it cannot be read. */
static int item_weight(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == ';'))
        p++;
    if (p == end)
        return 1000;
    if (end - p < 3 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
        return -1;
    p += 2;
    int w = 0, scale = 1000;
    if (*p == '1' || *p == '0')
        w = (*p++ - '0') * 1000;
    else
        return -1;
    if (p < end && *p == '.')
        for (p++; p < end && *p >= '0' && *p <= '9' && scale > 1; p++)
            w += (*p - '0') * (scale /= 10);
    while (p < end && *p == ' ')
        p++;
    return p == end && w <= 1000 ? w : -1;
}

const struct i18n_lang *i18n_negotiate(const char *accept)
{
    const struct i18n_lang *best = NULL;
    int best_w = 0;
    for (const char *p = accept; p && *p;) {
        const char *end = p + strcspn(p, ",");
        while (p < end && *p == ' ')
            p++;
        size_t tag = strcspn(p, ";, ");
        char t[16];
        if (tag > 0 && tag < sizeof t && p + tag <= end) {
            memcpy(t, p, tag);
            t[tag] = '\0';
            const struct i18n_lang *l = i18n_lang_find(t);
            int w = item_weight(p + tag, end);
            if (l && w > best_w) {
                best = l;
                best_w = w;
            }
        }
        p = *end ? end + 1 : end;
    }
    return best;
}

const char *i18n_country(const char *name)
{
    return name && *name ? dgettext(ISO_3166_DOMAIN, name) : name;
}

const struct i18n_lang *i18n_current(void)
{
    return thread_lang ? thread_lang : &i18n_langs[0];
}

const struct cal_style *i18n_style(void)
{
    return thread_style ? thread_style : &lang_styles[0];
}

struct i18n_scope i18n_begin(const struct i18n_lang *lang,
                             const struct cal_style *style)
{
    struct i18n_scope s = {(locale_t)0, thread_style, thread_lang};
    locale_t l = (locale_t)0;
    if (lang) {
        assert(lang >= i18n_langs && lang < i18n_langs + i18n_lang_count);
        l = locales[lang - i18n_langs];
    }
    thread_lang = l != (locale_t)0 ? lang : NULL;
    if (l == (locale_t)0)
        l = locales[0]; /* English */
    if (l != (locale_t)0)
        s.prev = uselocale(l);
    thread_style = style ? style : i18n_lang_style(lang);
    return s;
}

void i18n_end(struct i18n_scope s)
{
    if (s.prev != (locale_t)0)
        uselocale(s.prev);
    thread_style = s.prev_style;
    thread_lang = s.prev_lang;
}

long i18n_placeholder(const char *p, size_t *next, const char **end)
{
    if (*p == 's') {
        *end = p + 1;
        return (long)(*next)++;
    }
    char *after;
    long n = strtol(p, &after, 10);
    if (after != p && n > 0 && after[0] == '$' && after[1] == 's') {
        *end = after + 2;
        return n - 1;
    }
    return -1;
}

void i18n_msg(struct buf *b, const char *msg, const char *const *args,
              size_t nargs)
{
    size_t next = 0;
    for (const char *p = msg; *p;) {
        size_t run = strcspn(p, "%");
        buf_append(b, p, run);
        p += run;
        if (*p == '\0')
            break;
        const char *end;
        long i = p[1] == '%' ? -1 : i18n_placeholder(p + 1, &next, &end);
        if (i < 0) { /* "%%", or a percent sign that starts nothing */
            buf_putc(b, '%');
            p += p[1] == '%' ? 2 : 1;
            continue;
        }
        if ((size_t)i < nargs && args[i])
            buf_puts(b, args[i]);
        p = end;
    }
}

void i18n_number(struct buf *b, int64_t n)
{
    if (cal_number(b, i18n_style(), n) != 0)
        buf_printf(b, "%lld", (long long)n);
}

void i18n_msg_num(struct buf *b, const char *msg, int64_t n)
{
    struct buf num = BUF_INIT(64);
    i18n_number(&num, n);
    const char *arg = buf_cstr(&num);
    i18n_msg(b, msg, &arg, 1);
    buf_release(&num);
}
