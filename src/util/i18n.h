/*
 * i18n.h: the languages Vigil's pages and desk speak, and their messages
 * through GNU gettext (text domain "vigil", catalogs compiled from po/).
 *
 * One server writes pages in many languages at once: a Persian tracker's
 * page and an English one on two request threads. So the language is the
 * thread's, not the process's: i18n_begin switches the calling thread's
 * LC_MESSAGES (uselocale, which glibc's gettext follows) and i18n_end
 * switches it back. glibc finds a catalog through the locale's name, so
 * each language's locale (fa_IR.UTF-8...) must be installed on the
 * machine (scripts/install-deps.sh generates them; `vigil serve` says
 * which are missing, whose pages then stay English).
 *
 * What machines read (feeds' element names, the API, CLI messages) stays
 * English: only what people read is marked with _().
 */
#ifndef VIGIL_UTIL_I18N_H
#define VIGIL_UTIL_I18N_H

#include <libintl.h>
#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/calendar.h"
#include "util/err.h"

#define VIGIL_TEXTDOMAIN "vigil"
/* iso-codes' catalog of ISO 3166-1 country names. */
#define ISO_3166_DOMAIN "iso_3166-1"

/* A message people read, in the thread's language. */
#define _(msgid) dgettext(VIGIL_TEXTDOMAIN, msgid)
/* Marks a message in a table, translated where it is shown with _(). */
#define N_(msgid) (msgid)
/* A message with a number: its plural form in the thread's language. */
#define P_(one, many, n) dngettext(VIGIL_TEXTDOMAIN, one, many, n)

/* Appends msg, a translated message, with each "%s" replaced by the next
 * of args[0..nargs) and each "%N$s" by args[N-1]; "%%" is a percent
 * sign: plain text (render/html.h's html_msg writes markup). */
void i18n_msg(struct buf *b, const char *msg, const char *const *args,
              size_t nargs);
/* Reads a placeholder of a message at p, just after its '%': "s" (the
 * next argument, counted in *next) or "N$s" (the N-th). Its index, with
 * *end past it; -1 when p holds neither. */
long i18n_placeholder(const char *p, size_t *next, const char **end);
/* i18n_msg with one argument: n in the thread's digits and grouping. */
void i18n_msg_num(struct buf *b, const char *msg, int64_t n);
/* Appends n in the thread's digits and grouping ("1,500", "۱٬۵۰۰"). */
void i18n_number(struct buf *b, int64_t n);

/* One language Vigil is translated into: one row, read by every layer. */
struct i18n_lang {
    const char *tag;  /* BCP 47 primary language: "en", "fa", "ar" */
    const char *name; /* in itself: "English", "فارسی", "العربية" */
    const char *locale;         /* the locale gettext reads it through */
    bool rtl;                   /* written right to left */
    enum cal_calendar calendar; /* its readers' calendar by default */
};

extern const struct i18n_lang i18n_langs[];
extern const size_t i18n_lang_count;

/* The row of a language tag's primary subtag ("fa-IR" is "fa"); NULL
 * when Vigil is not translated into it. */
const struct i18n_lang *i18n_lang_find(const char *tag);

/*
 * Binds the text domain to the catalogs under dir (DIR/LANG/LC_MESSAGES/
 * vigil.mo) and opens each language's locale, once for the process,
 * before any thread renders. Languages whose locale is not installed are
 * listed in err's message (VG_ENOTFOUND): their pages stay English, and
 * everything else works. VG_EIO when the domain cannot be bound.
 */
int i18n_init(const char *dir, struct vg_err *err);

/* The thread's language while a page is written, and how it writes
 * dates and numbers. */
struct i18n_scope {
    locale_t prev; /* (locale_t)0: nothing to restore */
    const struct cal_style *prev_style;
    const struct i18n_lang *prev_lang;
};

/*
 * Makes the calling thread's messages lang's (NULL, or a language whose
 * locale is missing: English) and its dates and numbers style's (NULL:
 * lang's own readers' calendar and digits) until i18n_end. style must
 * outlive the scope. Scopes nest.
 */
struct i18n_scope i18n_begin(const struct i18n_lang *lang,
                             const struct cal_style *style);
void i18n_end(struct i18n_scope s);
/*
 * The language of an Accept-Language header ("fa-IR,fa;q=0.9,en;q=0.8")
 * Vigil speaks with the highest weight, the first of equals; NULL when
 * it names none (or is NULL). Weights are read to three decimals, as
 * RFC 9110 writes them; a malformed item is passed over.
 */
const struct i18n_lang *i18n_negotiate(const char *accept);
/* A country's ISO 3166-1 name ("Iran, Islamic Republic of", as
 * geo/countries.h keeps it) in the thread's language. */
const char *i18n_country(const char *name);
/* The language the thread's messages are in (English outside any scope,
 * and when the scope's language has no locale here): what a page's
 * lang and dir say. */
const struct i18n_lang *i18n_current(void);
/* The thread's style for dates and numbers: English and Gregorian
 * outside any scope. */
const struct cal_style *i18n_style(void);
/*
 * The style a language tag (or the first of a comma-separated list) asks
 * for, into *out: its language's own, unless the tag's Unicode extension
 * names a calendar (-u-ca-persian, -u-ca-gregory) or Latin digits
 * (-u-nu-latn). "ar-u-nu-latn" is Arabic with Latin digits; "fa-u-ca-
 * gregory" Persian with Gregorian dates. A tag Vigil is not translated
 * into gives English's.
 */
void i18n_style_of(const char *tags, struct cal_style *out);
/* The language's own style: its readers' calendar, its digits. */
const struct cal_style *i18n_lang_style(const struct i18n_lang *lang);

#endif
