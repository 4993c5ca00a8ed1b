/* validate.c: field checks with messages that name the field. */
#include "core/validate.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "util/calendar.h"
#include "util/tz.h"
#include "util/utf8.h"

static bool lower_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int missing(const char *field, struct vg_err *err)
{
    return vg_err_set(err, VG_EINVAL, field, "is required");
}

int check_slug(const char *field, const char *s, struct vg_err *err)
{
    if (s == NULL || *s == '\0')
        return missing(field, err);
    size_t n = strlen(s);
    bool ok = n <= SLUG_MAX && lower_alnum(s[0]);
    for (size_t i = 0; ok && i < n; i++)
        ok = lower_alnum(s[i]) || s[i] == '-';
    if (!ok)
        return vg_err_set(err, VG_EINVAL, field,
                          "must be 1-%d lowercase letters, digits or '-', "
                          "starting with a letter or digit",
                          SLUG_MAX);
    return 0;
}

int check_key(const char *field, const char *s, size_t max, struct vg_err *err)
{
    if (s == NULL || *s == '\0')
        return missing(field, err);
    size_t n = strlen(s);
    bool ok = n <= max && lower_alnum(s[0]);
    for (size_t i = 0; ok && i < n; i++)
        ok = lower_alnum(s[i]) || s[i] == '_' || s[i] == '-' || s[i] == '.';
    if (!ok)
        return vg_err_set(err, VG_EINVAL, field,
                          "must be 1-%zu lowercase letters, digits, '_', "
                          "'-' or '.', starting with a letter or digit",
                          max);
    return 0;
}

static int check_utf8(const char *field, const char *s, size_t n,
                      enum utf8_flags flags, struct vg_err *err)
{
    size_t bad;
    const char *why;
    if (utf8_check(s, n, flags, &bad, &why) != 0)
        return vg_err_set(err, VG_EINVAL, field, "%s at byte %zu", why, bad);
    return 0;
}

int check_line(const char *field, const char *s, size_t min, size_t max,
               struct vg_err *err)
{
    if (s == NULL || (*s == '\0' && min > 0))
        return missing(field, err);
    size_t n = strlen(s);
    int rc = check_utf8(field, s, n, UTF8_SINGLE_LINE, err);
    if (rc != 0)
        return rc;
    size_t chars = utf8_length(s, n);
    if (chars < min || chars > max)
        return vg_err_set(err, chars > max ? VG_ELIMIT : VG_EINVAL, field,
                          "must be %zu to %zu characters (it has %zu)", min,
                          max, chars);
    return 0;
}

int check_text(const char *field, const char *s, size_t max, struct vg_err *err)
{
    if (s == NULL)
        return missing(field, err);
    size_t n = strlen(s);
    int rc = check_utf8(field, s, n, UTF8_MULTI_LINE, err);
    if (rc != 0)
        return rc;
    size_t chars = utf8_length(s, n);
    if (chars > max)
        return vg_err_set(err, VG_ELIMIT, field,
                          "must be at most %zu characters (it has %zu)", max,
                          chars);
    return 0;
}

int check_url(const char *field, const char *s, struct vg_err *err)
{
    if (s == NULL || *s == '\0')
        return missing(field, err);
    size_t n = strlen(s);
    if (n > URL_MAX)
        return vg_err_set(err, VG_ELIMIT, field, "must be at most %d bytes",
                          URL_MAX);
    size_t scheme = strncasecmp(s, "https://", 8) == 0  ? 8
                    : strncasecmp(s, "http://", 7) == 0 ? 7
                                                        : 0;
    if (scheme == 0 || n == scheme)
        return vg_err_set(err, VG_EINVAL, field,
                          "must be an http:// or https:// address");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' ||
            c == '\\' || c == '`')
            return vg_err_set(err, VG_EINVAL, field,
                              "has a space or forbidden character at byte "
                              "%zu (percent-encode it)",
                              i);
    }
    return check_utf8(field, s, n, UTF8_SINGLE_LINE, err);
}

int check_timezone(const char *field, const char *s, struct vg_err *err)
{
    if (s == NULL || *s == '\0')
        return missing(field, err);
    if (!tz_valid(s))
        return vg_err_set(err, VG_EINVAL, field,
                          "is not a known IANA time zone (such as "
                          "Asia/Tehran or UTC)");
    return 0;
}

int check_country(const char *field, const char *s, struct vg_err *err)
{
    if (s == NULL || strlen(s) != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' ||
        s[1] > 'Z')
        return vg_err_set(err, VG_EINVAL, field,
                          "must be a two-letter ISO 3166-1 code such as IR");
    return 0;
}

/* Reads one tag from s up to a comma or the end; returns its length or 0
 * when it is not a tag: 2-3 lowercase letters, then -subtags of 1-8
 * letters or digits. */
static size_t lang_tag(const char *s)
{
    size_t i = 0;
    while (s[i] >= 'a' && s[i] <= 'z')
        i++;
    if (i < 2 || i > 3)
        return 0;
    while (s[i] == '-') {
        size_t j = i + 1;
        while ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
               (s[j] >= '0' && s[j] <= '9'))
            j++;
        if (j - i - 1 < 1 || j - i - 1 > 8)
            return 0;
        i = j;
    }
    return i;
}

int check_lang(const char *field, const char *s, struct vg_err *err)
{
    if (s == NULL || *s == '\0')
        return missing(field, err);
    size_t n = lang_tag(s);
    if (n == 0 || s[n] != '\0')
        return vg_err_set(err, VG_EINVAL, field,
                          "must be a language tag such as en, fa or en-GB");
    return 0;
}

int check_lang_list(const char *field, const char *s, struct vg_err *err)
{
    if (s == NULL || *s == '\0')
        return missing(field, err);
    const char *p = s;
    for (int count = 0;; count++) {
        size_t n = lang_tag(p);
        if (n == 0 || (p[n] != ',' && p[n] != '\0') || count >= 16)
            return vg_err_set(err, VG_EINVAL, field,
                              "must be language tags separated by commas, "
                              "such as fa,en");
        if (p[n] == '\0')
            return 0;
        p += n + 1;
    }
}

/* Why: a year before 1700 is never a Gregorian year of a record Vigil
 * keeps, and 1398 is how a Persian newsroom writes 2019. */
enum { HIJRI_BEFORE = 1700 };

int parse_date(const char *field, const char *s, struct vg_date *out,
               struct vg_err *err)
{
    if (s == NULL || *s == '\0')
        return missing(field, err);
    if (date_parse(s, strlen(s), out) == 0 && out->year >= HIJRI_BEFORE)
        return 0;
    /* As an editor may type it: Solar Hijri, any digits, '/' (the
     * record keeps the Gregorian date). */
    if (cal_parse_date(s, out, field, NULL) == 0)
        return 0;
    return vg_err_set(err, VG_EINVAL, field,
                      "must be a real date written YYYY-MM-DD, or a Solar "
                      "Hijri one such as 1398-10-07 (got \"%.20s\")",
                      s);
}

int ascii_digits(const char *s, struct buf *out)
{
    return cal_ascii_digits(out, s, strlen(s));
}

bool all_ascii(const char *s)
{
    while (*s && (unsigned char)*s < 0x80)
        s++;
    return *s == '\0';
}

static int parse_ascii_count(const char *field, const char *s,
                             const char *typed, int64_t *out,
                             struct vg_err *err);

int parse_count(const char *field, const char *s, int64_t *out,
                struct vg_err *err)
{
    if (s == NULL || *s == '\0')
        return missing(field, err);
    if (all_ascii(s)) /* an import's million rows take this way */
        return parse_ascii_count(field, s, s, out, err);
    /* Persian or Arabic-Indic digits and separators, as typed. */
    struct buf a = BUF_INIT(64);
    int rc = ascii_digits(s, &a) == 0
                 ? parse_ascii_count(field, buf_cstr(&a), s, out, err)
                 : parse_ascii_count(field, s, s, out, err);
    buf_release(&a);
    return rc;
}

/* parse_count of s, the ASCII form of what was typed. */
static int parse_ascii_count(const char *field, const char *s,
                             const char *typed, int64_t *out,
                             struct vg_err *err)
{
    if (*s == '-')
        return vg_err_set(err, VG_EINVAL, field, "must not be negative");
    int64_t v = 0;
    size_t digits = 0, group = 0;
    bool grouped = strchr(s, ',') != NULL;
    for (const char *p = s; *p; p++) {
        if (*p == ',' && digits > 0 && (group == 3 || digits == group) &&
            group <= 3) {
            group = 0;
            continue;
        }
        if (*p < '0' || *p > '9' || digits >= 12)
            return vg_err_set(err, VG_EINVAL, field,
                              "must be a whole number such as 1500 or "
                              "1,500 (got \"%.20s\")",
                              typed);
        v = v * 10 + (*p - '0');
        digits++;
        group++;
    }
    if (digits == 0 || (grouped && group != 3))
        return vg_err_set(err, VG_EINVAL, field,
                          "must be a whole number such as 1500 or 1,500 "
                          "(got \"%.20s\")",
                          typed);
    if (v > FIGURE_MAX)
        return vg_err_set(err, VG_ELIMIT, field, "must be at most %lld",
                          (long long)FIGURE_MAX);
    *out = v;
    return 0;
}

int parse_enum(const char *field, const char *s, const struct enum_names *e,
               int *out, struct vg_err *err)
{
    if (s == NULL || *s == '\0')
        return missing(field, err);
    int v = enum_parse(e, s);
    if (v < 0) {
        char list[200];
        enum_list(e, list, sizeof list);
        return vg_err_set(err, VG_EINVAL, field, "\"%.30s\" is not one of: %s",
                          s, list);
    }
    *out = v;
    return 0;
}
