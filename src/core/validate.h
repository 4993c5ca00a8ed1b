/*
 * validate.h: field checks shared by every way in (CLI, API, import).
 *
 * Each check takes the field's name as the person will see it, and on
 * refusal fills err with VG_EINVAL (or VG_ELIMIT for sizes) and a sentence
 * that says what was wrong. NULL input means "not given": checks of
 * required fields refuse it, optional ones (check_opt_*) accept it.
 */
#ifndef VIGIL_CORE_VALIDATE_H
#define VIGIL_CORE_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "model/enums.h"
#include "util/date.h"
#include "util/err.h"
#include "util/buf.h"

/* Limits on text fields, in characters (code points). */
enum {
    TITLE_MAX = 200,
    NAME_MAX_CHARS = 200,
    LABEL_MAX = 100,
    SUMMARY_MAX = 2000,
    NOTE_MAX = 2000,
    QUOTE_MAX = 4000,
    URL_MAX = 2048,
    SLUG_MAX = 64,
    LOGIN_MAX = 64,
};

/* The largest figure a claim may state: above any real count. */
#define FIGURE_MAX INT64_C(100000000000)

/* A slug: 1-64 of [a-z0-9-], starting with a letter or digit. */
int check_slug(const char *field, const char *s, struct vg_err *err);
/* A key (metric keys, logins): 1-64 of [a-z0-9_.-], starting alnum. */
int check_key(const char *field, const char *s, size_t max, struct vg_err *err);
/* One line of text of min..max characters, valid UTF-8, no controls. */
int check_line(const char *field, const char *s, size_t min, size_t max,
               struct vg_err *err);
/* Multi-line text of at most max characters (tab and line breaks ok). */
int check_text(const char *field, const char *s, size_t max,
               struct vg_err *err);
/* An absolute http or https URL of at most URL_MAX bytes, no spaces. */
int check_url(const char *field, const char *s, struct vg_err *err);
/* An IANA zone name that ICU knows (util/tz.h). */
int check_timezone(const char *field, const char *s, struct vg_err *err);
/* Two capital letters (ISO 3166-1 alpha-2). */
int check_country(const char *field, const char *s, struct vg_err *err);
/* A BCP 47 tag such as "fa" or "en-GB"; lists are comma-separated. */
int check_lang(const char *field, const char *s, struct vg_err *err);
int check_lang_list(const char *field, const char *s, struct vg_err *err);

/* Parses a date "YYYY-MM-DD" into the Gregorian date the record keeps;
 * also as a Persian editor types one: a Solar Hijri date (a year before
 * 1700: 1398-10-07 is 2019-12-28), with '/' and in any digits. */
int parse_date(const char *field, const char *s, struct vg_date *out,
               struct vg_err *err);
/* Appends s with Persian, Arabic-Indic and any other script's digits as
 * ASCII ones (util/calendar.h): a number as an editor may type it.
 * VG_EINVAL when s is not UTF-8. */
int ascii_digits(const char *s, struct buf *out);
/* Whether s holds no byte beyond ASCII (nothing to make ASCII). */
bool all_ascii(const char *s);
/* Parses a whole non-negative number: digits of any script, optionally
 * grouped by commas ("12,000", "۱۲٬۰۰۰"), at most FIGURE_MAX. */
int parse_count(const char *field, const char *s, int64_t *out,
                struct vg_err *err);
/* Parses one of an enumeration's names. */
int parse_enum(const char *field, const char *s, const struct enum_names *e,
               int *out, struct vg_err *err);

#endif
