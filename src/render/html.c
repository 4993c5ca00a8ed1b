/* html.c: escaping writers, one per output context. */
#include "render/html.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/calendar.h"
#include "util/i18n.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

static void escape(struct buf *b, const char *s, size_t n);

/* Text no page may hold as it is (bytes that are not UTF-8, control
 * characters): a refused form echoes what it was sent. Each such byte is
 * written as U+FFFD (utf8_scrub), then escaped. */
static void escape_scrubbed(struct buf *b, const char *s, size_t n)
{
    size_t size = 3 * n + 1; /* U+FFFD is three bytes */
    char *t = xmalloc(size);
    memcpy(t, s, n);
    t[n] = '\0';
    utf8_scrub(t, size);
    escape(b, t, strlen(t));
    free(t);
}

void html_textn(struct buf *b, const char *s, size_t n)
{
    /* Escaped by construction also in the bytes: checking the text first
     * (sixteen bytes at a time) keeps the escaping loop simple. */
    size_t bad;
    const char *why;
    if (utf8_check(s, n, UTF8_MULTI_LINE, &bad, &why) != 0)
        escape_scrubbed(b, s, n);
    else
        escape(b, s, n);
}

/* The markup characters of valid text as entities. */
static void escape(struct buf *b, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_append(b, s + start, i - start);
        buf_puts(b, rep);
        start = i + 1;
    }
    buf_append(b, s + start, n - start);
}

void html_text(struct buf *b, const char *s)
{
    if (s)
        html_textn(b, s, strlen(s));
}

void html_textf(struct buf *b, const char *fmt, ...)
{
    struct buf text = BUF_INIT(b->limit);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&text, fmt, ap);
    va_end(ap);
    html_textn(b, buf_cstr(&text), text.len);
    b->failed = b->failed || text.failed;
    buf_release(&text);
}

void html_attr(struct buf *b, const char *name, const char *value)
{
    buf_putc(b, ' ');
    buf_puts(b, name);
    HTML_LIT(b, "=\"");
    html_text(b, value);
    buf_putc(b, '"');
}

void html_attrn(struct buf *b, const char *name, const char *value, size_t n)
{
    buf_putc(b, ' ');
    buf_puts(b, name);
    HTML_LIT(b, "=\"");
    html_textn(b, value, n);
    buf_putc(b, '"');
}

void html_attrf(struct buf *b, const char *name, const char *fmt, ...)
{
    struct buf value = BUF_INIT(b->limit);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&value, fmt, ap);
    va_end(ap);
    html_attrn(b, name, buf_cstr(&value), value.len);
    b->failed = b->failed || value.failed;
    buf_release(&value);
}

static int url_allowed(const char *url)
{
    /* Browsers ignore tabs and line breaks inside a scheme ("java\tscript:")
     * and leading spaces; refuse any control character outright. */
    for (const char *p = url; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return 0;
    size_t n = strcspn(url, ":/?#");
    if (url[n] != ':')
        return url[0] != ' ';
    return (n == 4 && strncasecmp(url, "http", 4) == 0) ||
           (n == 5 && strncasecmp(url, "https", 5) == 0) ||
           (n == 6 && strncasecmp(url, "mailto", 6) == 0);
}

void html_url_attr(struct buf *b, const char *name, const char *url)
{
    html_attr(b, name, url && url_allowed(url) ? url : "#");
}

void html_url_path(struct buf *b, const char *segment)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)segment; p && *p;
         p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("._~-", *p)) {
            buf_putc(b, (char)*p);
        } else {
            char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_append(b, esc, 3);
        }
    }
}

void html_frag(struct buf *b, struct html_frag f)
{
    buf_append(b, f.p, f.len);
}

void html_json(struct buf *b, const json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    for (const char *p = s; p && *p; p++) {
        /* Outside strings JSON has none of these, so a global replace
         * only touches string contents. */
        if (*p == '<')
            HTML_LIT(b, "\\u003c");
        else if (*p == '>')
            HTML_LIT(b, "\\u003e");
        else if (*p == '&')
            HTML_LIT(b, "\\u0026");
        else
            buf_putc(b, *p);
    }
    free(s);
}

void xml_text(struct buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
            continue; /* not allowed in XML 1.0 */
        if (*p == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)) {
            p += 2; /* U+FFFE and U+FFFF are not characters */
            continue;
        }
        escape(b, (const char *)p, 1); /* byte by byte: no check */
    }
}

int html_lang_is_rtl(const char *lang)
{
    static const char *const rtl[] = {"ar",  "fa", "he", "ur", "ps",
                                      "ckb", "dv", "yi", "sd", "ug"};
    if (lang == NULL)
        return 0;
    size_t n = strcspn(lang, "-,");
    for (size_t i = 0; i < sizeof rtl / sizeof *rtl; i++)
        if (strlen(rtl[i]) == n && strncmp(lang, rtl[i], n) == 0)
            return 1;
    return 0;
}

/* ==== Messages in the reader's language ==== */

void html_msg(struct buf *b, const char *msg, const struct html_frag *args,
              size_t nargs)
{
    size_t next = 0;
    const char *p = msg;
    while (*p) {
        size_t run = strcspn(p, "%");
        html_textn(b, p, run);
        p += run;
        if (*p == '\0')
            break;
        if (p[1] == '%') {
            HTML_LIT(b, "%");
            p += 2;
            continue;
        }
        const char *end;
        long i = i18n_placeholder(p + 1, &next, &end);
        if (i < 0) { /* not a placeholder: the percent sign itself */
            HTML_LIT(b, "%");
            p++;
            continue;
        }
        if ((size_t)i < nargs)
            html_frag(b, args[i]);
        p = end;
    }
}

void html_number(struct buf *b, int64_t n)
{
    struct buf t = BUF_INIT(64);
    i18n_number(&t, n);
    html_text(b, buf_cstr(&t));
    buf_release(&t);
}

struct html_frag html_frag_text(struct buf *scratch, const char *text)
{
    buf_reset(scratch);
    html_text(scratch, text);
    return (struct html_frag){buf_cstr(scratch), scratch->len};
}

struct html_frag html_frag_bdi(struct buf *scratch, const char *text)
{
    buf_reset(scratch);
    HTML_LIT(scratch, "<bdi>");
    html_text(scratch, text);
    HTML_LIT(scratch, "</bdi>");
    return (struct html_frag){buf_cstr(scratch), scratch->len};
}

void html_msg_num(struct buf *b, const char *msg, int64_t n)
{
    struct buf num = BUF_INIT(64);
    html_number(&num, n);
    html_msg(b, msg, &(struct html_frag){buf_cstr(&num), num.len}, 1);
    buf_release(&num);
}

void html_clock(struct buf *b, const char *hhmm)
{
    struct buf t = BUF_INIT(64);
    if (cal_digits(&t, i18n_style(), hhmm) != 0) {
        buf_reset(&t);
        buf_puts(&t, hhmm);
    }
    html_text(b, buf_cstr(&t));
    buf_release(&t);
}

static void date_in_style(struct buf *b, struct vg_date d, bool year,
                          bool beside)
{
    struct buf t = BUF_INIT(128);
    const struct cal_style *s = i18n_style();
    int rc = year ? cal_date_long(&t, s, d) : cal_date_short(&t, s, d);
    if (rc != 0) { /* an invalid date: as the record holds it */
        buf_reset(&t);
        buf_printf(&t, "%04d-%02d-%02d", d.year, d.month, d.day);
    } else if (beside && s->gregorian_beside && s->calendar != CAL_GREGORIAN) {
        /* "۷ دی ۱۳۹۸ (۲۸ دسامبر ۲۰۱۹)": the same day, in the same
         * language and digits, in the Gregorian calendar. */
        struct cal_style g = *s;
        g.calendar = CAL_GREGORIAN;
        g.gregorian_beside = false;
        HTML_LIT(&t, " (");
        cal_date_long(&t, &g, d);
        HTML_LIT(&t, ")");
    }
    html_text(b, buf_cstr(&t));
    buf_release(&t);
}

void html_date_long(struct buf *b, struct vg_date d)
{
    date_in_style(b, d, true, true);
}

void html_date_alone(struct buf *b, struct vg_date d)
{
    date_in_style(b, d, true, false);
}

void html_date_short(struct buf *b, struct vg_date d)
{
    date_in_style(b, d, false, false);
}
