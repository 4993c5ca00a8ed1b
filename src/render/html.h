/*
 * html.h: the only way markup is written (STYLE.md rules 16-18).
 *
 * Every piece of text goes through the writer for its context; raw markup
 * is accepted only as a string literal (HTML_LIT) or as a struct
 * html_frag, whose only sources are cmark's safe output stored with an
 * update and fragments rendered by these writers.
 */
#ifndef VIGIL_RENDER_HTML_H
#define VIGIL_RENDER_HTML_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/date.h"

/* The limit of a scratch buffer that holds one value (a page's title, a
 * path) before it is escaped into a page: far above any field core
 * accepts, so no value is ever cut. */
enum { HTML_SCRATCH_MAX = 1 << 20 };

/* Trusted markup: see the file comment for where it may come from. */
struct html_frag {
    const char *p;
    size_t len;
};

/* Appends literal markup; s must be a string literal. */
#define HTML_LIT(b, s) buf_append((b), "" s "", sizeof(s) - 1)
/* Literal markup as a fragment (an argument of html_msg). */
#define HTML_FRAG_LIT(s) ((struct html_frag){"" s "", sizeof(s) - 1})

/* ==== Text and attributes ==== */

/* Appends text with & < > " ' escaped (NULL appends nothing). */
void html_text(struct buf *b, const char *s);
void html_textn(struct buf *b, const char *s, size_t n);
/* Formats, then escapes the result, whatever its length (a result past
 * b's limit fails b, as any append does). */
void html_textf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends ` name="value"` with the value escaped; name is a literal. */
void html_attr(struct buf *b, const char *name, const char *value);
/* The same with the value's first n bytes. */
void html_attrn(struct buf *b, const char *name, const char *value, size_t n);
/* The same with the value formatted from a trusted format ("/u/%lld"),
 * then escaped, whatever its length. */
void html_attrf(struct buf *b, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Appends ` name="url"` when url's scheme is http, https or mailto, or it
 * is relative; otherwise ` name="#"`, so no javascript: or data: URL can
 * reach an attribute (the esc_url lesson of reference/security.md). */
void html_url_attr(struct buf *b, const char *name, const char *url);
/* Appends a path segment, percent-encoding all but [A-Za-z0-9._~-]. */
void html_url_path(struct buf *b, const char *segment);
/* Appends trusted markup. */
void html_frag(struct buf *b, struct html_frag f);

/* ==== Messages in the reader's language (util/i18n.h) ==== */

/*
 * Appends msg, a translated message, escaped, with each "%s" replaced by
 * the next of args[0..nargs) and each "%N$s" by args[N-1] (a translation
 * may put them in another order); "%%" is a percent sign. The arguments
 * are trusted fragments: a link, a number this file wrote. So a sentence
 * that holds a link is translated whole ("This corrects %s."). A
 * placeholder without its argument writes nothing (msgfmt --check keeps
 * translations' placeholders in step with the English).
 */
void html_msg(struct buf *b, const char *msg, const struct html_frag *args,
              size_t nargs);
/* text escaped into scratch (emptied first) as a fragment for html_msg,
 * valid until scratch changes; html_frag_bdi isolates it in <bdi> (a
 * name, a title: text of the record, in any direction). */
struct html_frag html_frag_text(struct buf *scratch, const char *text);
struct html_frag html_frag_bdi(struct buf *scratch, const char *text);
/* html_msg with one argument: n in the thread's digits ("Day %s"). */
void html_msg_num(struct buf *b, const char *msg, int64_t n);
/* Appends n in the thread's digits and grouping: "12,000", "۱۲٬۰۰۰". */
void html_number(struct buf *b, int64_t n);
/* Appends a clock time "14:05" in the thread's digits. */
void html_clock(struct buf *b, const char *hhmm);
/* Appends a date as the thread's style writes it in full: "28 December
 * 2019", "۷ دی ۱۳۹۸"; without the year (html_date_short): "28 December". */
void html_date_long(struct buf *b, struct vg_date d);
/* html_date_long without the Gregorian date a tracker may ask for beside
 * (struct cal_style): where room is short, a chart's axis. */
void html_date_alone(struct buf *b, struct vg_date d);
void html_date_short(struct buf *b, struct vg_date d);

/* ==== Embedded JSON and XML ==== */

/* Appends j as JSON safe inside <script>: < > & and all non-ASCII as
 * \u escapes (so U+2028 and U+2029 too). Takes no reference. */
void html_json(struct buf *b, const json_t *j);
/* Appends text for XML 1.0 (Atom): & < > " ' escaped, and characters XML
 * forbids dropped. */
void xml_text(struct buf *b, const char *s);

/* ==== Helpers ==== */

/* True for languages written right to left (fa, ar, he, ur, ps, ckb, ...),
 * given a BCP 47 tag or a comma-separated list (its first tag). */
int html_lang_is_rtl(const char *lang);

#endif
