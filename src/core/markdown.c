/*
 * markdown.c: limits, cmark-gfm in safe mode with three of GitHub's
 * extensions (autolink, table, strikethrough), and a link allowlist.
 *
 * Nesting is checked twice. Before parsing, a line scan bounds it cheaply
 * (so that cmark never sees input that would take it seconds); after
 * parsing, the tree gives the exact depth.
 *
 * Strikethrough needs two tildes ("~~gone~~"): a single one is how a
 * reporter writes "about" ("~300 to ~400 people").
 */
#define _GNU_SOURCE /* memmem */
#include "core/markdown.h"

#include <assert.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/html.h"
#include "util/utf8.h"

/* Parser and renderer options: safe mode (no CMARK_OPT_UNSAFE, so raw
 * HTML and javascript: links are dropped). */
enum { MD_OPTIONS = CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE };

/* The extensions every parse attaches, by their cmark-gfm names. */
static const char *const extensions[] = {"autolink", "table", "strikethrough"};

/* An image in Vigil's own media store: MEDIA_PREFIX, the SHA-256 of the
 * image in lowercase hex, then at most an extension (".webp"). */
#define MEDIA_PREFIX "/media/"
enum { MEDIA_HASH_HEX = 64, MEDIA_EXT_MAX = 8 };

/* ==== Pre-scan ==== */

/* Skips a list marker ("-", "*", "+", "1.", "12)") followed by a space,
 * tab or line end; returns the bytes consumed or 0. */
static size_t list_marker(const char *p, const char *end)
{
    size_t i = 0;
    if (p < end && (*p == '-' || *p == '*' || *p == '+')) {
        i = 1;
    } else {
        while (p + i < end && i < 9 && p[i] >= '0' && p[i] <= '9')
            i++;
        if (i == 0 || p + i >= end || (p[i] != '.' && p[i] != ')'))
            return 0;
        i++;
    }
    if (p + i == end || p[i] == ' ' || p[i] == '\t' || p[i] == '\n' ||
        p[i] == '\r')
        return i;
    return 0;
}

/* An upper bound on the container depth a line opens: quote and list
 * markers on it, plus one level per two columns of indentation before them
 * (each nested list level needs at least two). */
static int line_depth(const char *p, const char *end)
{
    int depth = 0, columns = 0;
    bool markers = false;
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\t')) {
            columns += *p == '\t' ? 4 - columns % 4 : 1;
            p++;
        }
        size_t m;
        if (p < end && *p == '>') {
            p++;
        } else if ((m = list_marker(p, end)) > 0) {
            p += m;
        } else {
            break;
        }
        if (!markers)
            depth += columns / 2;
        markers = true;
        depth++;
    }
    return depth;
}

/* A code fence in the pre-scan's sense. Only an opener at column 0 counts:
 * one indented by 1-3 spaces may sit inside a list item, where cmark ends
 * it with the item, so the scan keeps counting there (it may overcount,
 * never undercount). */
struct fence {
    char c;     /* '`' or '~'; 0 while outside a fence */
    size_t len; /* the opener's length */
};

/* Returns the run of c starting at p (at most until end). */
static size_t run_of(const char *p, const char *end, char c)
{
    size_t n = 0;
    while (p + n < end && p[n] == c)
        n++;
    return n;
}

/* An opener: 3 or more '`' or '~' at column 0; a backtick fence's info
 * string has no backtick. */
static bool fence_opens(const char *p, const char *end, struct fence *f)
{
    if (p == end || (*p != '`' && *p != '~'))
        return false;
    size_t n = run_of(p, end, *p);
    if (n < 3 || (*p == '`' && memchr(p + n, '`', (size_t)(end - p) - n)))
        return false;
    f->c = *p;
    f->len = n;
    return true;
}

/* A closer: up to 3 spaces, at least as many of the opener's character,
 * then only spaces or tabs. */
static bool fence_closes(const char *p, const char *end, const struct fence *f)
{
    size_t indent = run_of(p, end, ' ');
    if (indent > 3)
        return false;
    p += indent;
    size_t n = run_of(p, end, f->c);
    if (n < f->len)
        return false;
    for (p += n; p < end; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r')
            return false;
    return true;
}

/* What the pre-scan found over a limit. */
enum scan_fault {
    SCAN_OK,
    SCAN_DEPTH, /* quotes or lists nested too deep */
    SCAN_CELLS, /* too many '|' on a line */
    SCAN_WORD,  /* a long run without a space holds an address */
};

/* True when s[0..n) holds something the autolink extension starts an
 * address at ("www.", '@') or trims from one (')'). */
static bool address_like(const char *s, size_t n)
{
    return memchr(s, '@', n) || memchr(s, ')', n) || memmem(s, n, "www.", 4);
}

/* Checks the line p[0..end) against the limits cmark-gfm 0.29's table and
 * autolink extensions need (both are quadratic beyond them: a row's
 * cells, and an address's run to the next space once per "www.", '@'
 * or trailing ')'). Text without those is never limited by length, so a
 * paragraph of CJK text without spaces passes. */
static enum scan_fault line_limits(const char *p, const char *end)
{
    size_t pipes = 0;
    while (p < end) {
        size_t n = 0;
        for (; p + n < end && p[n] != ' ' && p[n] != '\t' && p[n] != '\r'; n++)
            pipes += p[n] == '|';
        if (pipes > MARKDOWN_MAX_CELLS)
            return SCAN_CELLS;
        if (n > MARKDOWN_MAX_WORD && address_like(p, n))
            return SCAN_WORD;
        p += n + 1;
    }
    return SCAN_OK;
}

/* Returns the 1-based line of the first line over a limit, or 0, with
 * the limit in *fault. */
static size_t prescan(const char *md, size_t len, enum scan_fault *fault)
{
    const char *p = md, *end = md + len;
    struct fence fence = {0, 0};
    for (size_t line = 1; p < end; line++) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL)
            eol = end;
        *fault = line_limits(p, eol);
        if (*fault != SCAN_OK)
            return line;
        if (fence.c) {
            if (fence_closes(p, eol, &fence))
                fence.c = 0;
        } else if (!fence_opens(p, eol, &fence) &&
                   line_depth(p, eol) > MARKDOWN_MAX_DEPTH) {
            *fault = SCAN_DEPTH;
            return line;
        }
        p = eol + 1;
    }
    return 0;
}

/* ==== Tree checks and rewrites ==== */

static bool allowed_url(const char *url)
{
    size_t n = strcspn(url, ":/?#");
    if (url[n] != ':')
        return true; /* relative, fragment or empty */
    return (n == 4 && strncasecmp(url, "http", 4) == 0) ||
           (n == 5 && strncasecmp(url, "https", 5) == 0) ||
           (n == 6 && strncasecmp(url, "mailto", 6) == 0);
}

static int tree_depth(cmark_node *doc)
{
    int depth = 0, max = 0;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node_type t = cmark_node_get_type(cmark_iter_get_node(it));
        if (t != CMARK_NODE_BLOCK_QUOTE && t != CMARK_NODE_LIST)
            continue;
        depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
        if (depth > max)
            max = depth;
    }
    cmark_iter_free(it);
    return max;
}

/* True for a URL of Vigil's own media store (MEDIA_PREFIX). */
static bool own_media_url(const char *url)
{
    size_t n = strlen(MEDIA_PREFIX);
    if (url == NULL || strncmp(url, MEDIA_PREFIX, n) != 0)
        return false;
    const char *hex = url + n;
    if (strspn(hex, "0123456789abcdef") != MEDIA_HASH_HEX)
        return false;
    const char *ext = hex + MEDIA_HASH_HEX;
    if (*ext == '\0')
        return true;
    size_t len = strspn(ext + 1, "abcdefghijklmnopqrstuvwxyz0123456789");
    return *ext == '.' && len > 0 && len <= MEDIA_EXT_MAX &&
           ext[1 + len] == '\0';
}

/* Appends an image's description (its text, without markup) for alt. */
static void alt_text(struct buf *alt, cmark_node *img)
{
    cmark_iter *it = cmark_iter_new(img);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(node);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
            buf_puts(alt, cmark_node_get_literal(node));
        else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            buf_putc(alt, ' ');
    }
    cmark_iter_free(it);
}

/*
 * Writes the markup of an image from the media store: the one place that
 * decides how an own image looks in an update. url passed own_media_url;
 * alt and title are plain text (title may be empty). Everything goes
 * through the render/html.h writers.
 */
static void own_image_html(struct buf *b, const char *url, const char *alt,
                           const char *title)
{
    HTML_LIT(b, "<img");
    html_url_attr(b, "src", url);
    html_attr(b, "alt", alt);
    if (*title)
        html_attr(b, "title", title);
    HTML_LIT(b, " loading=\"lazy\" decoding=\"async\">");
}

/* Puts a custom inline node holding html (which the HTML renderer
 * writes as it is) where img was, and frees img. False, with img left
 * as it was, where img's parent may not hold such a node: a table cell
 * holds only the inlines cmark-gfm's table extension lists. */
static bool replace_with_markup(cmark_node *img, const char *html)
{
    cmark_node *node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
    cmark_node_set_on_enter(node, html);
    if (!cmark_node_replace(img, node)) {
        cmark_node_free(node);
        return false;
    }
    cmark_node_free(img);
    return true;
}

/* Replaces an own image by its markup. In a table cell the image stays
 * as cmark writes it: the same address, alt and title, loaded at once. */
static void own_image(cmark_node *img)
{
    struct buf alt = BUF_INIT(MARKDOWN_MAX_BYTES);
    struct buf html = BUF_INIT(8 * MARKDOWN_MAX_BYTES);
    alt_text(&alt, img);
    const char *title = cmark_node_get_title(img);
    own_image_html(&html, cmark_node_get_url(img), buf_cstr(&alt),
                   title ? title : "");
    replace_with_markup(img, buf_cstr(&html));
    buf_release(&alt);
    buf_release(&html);
}

/* Replaces an image by a link to it with the same text: pages load no
 * image from elsewhere. */
static void image_to_link(cmark_node *img)
{
    cmark_node *link = cmark_node_new(CMARK_NODE_LINK);
    cmark_node_set_url(link, cmark_node_get_url(img));
    cmark_node_set_title(link, cmark_node_get_title(img));
    if (!cmark_node_replace(img, link)) {
        /* No container that holds an image refuses a link; were one
         * to, the image loads nothing rather than another's address. */
        cmark_node_free(link);
        cmark_node_set_url(img, "");
        return;
    }
    cmark_node *child;
    while ((child = cmark_node_first_child(img)) != NULL)
        cmark_node_append_child(link, child);
    cmark_node_free(img);
}

/* ==== Images of the media store ==== */

/* The key of a "/media/KEY" address (no extension: a media record's
 * key, which the store resolves to its renditions), or NULL. */
static const char *media_key(const char *url)
{
    if (url == NULL || strncmp(url, "/media/", 7) != 0 || strlen(url) != 71)
        return NULL;
    for (const char *p = url + 7; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return NULL;
    return url + 7;
}

/* What media_image did, beside a VG_E* code (negative). */
enum { IMAGE_OTHER = 0, IMAGE_REPLACED = 1 };

/* Replaces an image of the media store by the markup mm gives for it.
 * Returns IMAGE_REPLACED, IMAGE_OTHER for another image, or a VG_E*
 * code: the store's refusal, or VG_EINVAL for an image in a table cell,
 * where its picture and credit cannot go. */
static int media_image(const char *field, cmark_node *img,
                       const struct markdown_media *mm, struct vg_err *err)
{
    const char *key = mm ? media_key(cmark_node_get_url(img)) : NULL;
    if (key == NULL)
        return IMAGE_OTHER;
    struct buf alt = BUF_INIT(MARKDOWN_MAX_BYTES);
    struct buf html = BUF_INIT(1 << 16);
    alt_text(&alt, img);
    int rc = mm->html(mm->ctx, key, buf_cstr(&alt), &html, err);
    if (rc == 0 && !replace_with_markup(img, buf_cstr(&html)))
        rc = vg_err_set(err, VG_EINVAL, field,
                        "shows /media/%.64s in a table cell (line %d); an "
                        "image of the media store goes outside tables",
                        key, cmark_node_get_start_line(img));
    buf_release(&alt);
    buf_release(&html);
    return rc ? rc : IMAGE_REPLACED;
}

static void rewrite_image(cmark_node *img)
{
    if (own_media_url(cmark_node_get_url(img)))
        own_image(img);
    else
        image_to_link(img);
}

static void rewrite_links(cmark_node *doc)
{
    size_t count = 0, cap = 0;
    cmark_node **images = NULL;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(node);
        if (ev != CMARK_EVENT_ENTER ||
            (t != CMARK_NODE_LINK && t != CMARK_NODE_IMAGE))
            continue;
        const char *url = cmark_node_get_url(node);
        if (url && !allowed_url(url))
            cmark_node_set_url(node, "");
        if (t == CMARK_NODE_IMAGE) {
            if (count == cap) {
                cap = cap ? cap * 2 : 8;
                images = realloc(images, cap * sizeof *images);
                if (images == NULL)
                    abort();
            }
            images[count++] = node;
        }
    }
    cmark_iter_free(it);
    /* Innermost first: an own image frees its children, which may hold
     * an image found after it. */
    for (size_t i = count; i > 0; i--)
        rewrite_image(images[i - 1]);
    free(images);
}

/* ==== Parsing ==== */

static pthread_once_t registered = PTHREAD_ONCE_INIT;

/* Registers cmark-gfm's extensions, which also sets the node types they
 * add (CMARK_NODE_LAST_BLOCK and the like): once, before any parse. */
static void register_extensions(void)
{
    cmark_gfm_core_extensions_ensure_registered();
}

struct cmark_node *markdown_parse(const char *md, size_t len)
{
    pthread_once(&registered, register_extensions);
    cmark_parser *parser = cmark_parser_new(MD_OPTIONS);
    for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
        cmark_syntax_extension *ext =
            cmark_find_syntax_extension(extensions[i]);
        assert(ext != NULL); /* all three ship with libcmark-gfm-extensions */
        cmark_parser_attach_syntax_extension(parser, ext);
    }
    cmark_parser_feed(parser, md, len);
    cmark_node *doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return doc;
}

/* Sets err for the pre-scan's fault on line and returns VG_ELIMIT. */
static int scan_refusal(const char *field, enum scan_fault fault, size_t line,
                        struct vg_err *err)
{
    switch (fault) {
    case SCAN_DEPTH:
        return vg_err_set(err, VG_ELIMIT, field,
                          "nests quotes or lists more than %d levels deep "
                          "(line %zu)",
                          MARKDOWN_MAX_DEPTH, line);
    case SCAN_CELLS:
        return vg_err_set(err, VG_ELIMIT, field,
                          "has more than %d '|' on line %zu; a table row "
                          "may have at most that many cells",
                          MARKDOWN_MAX_CELLS, line);
    case SCAN_WORD:
    case SCAN_OK: break;
    }
    assert(fault == SCAN_WORD);
    return vg_err_set(err, VG_ELIMIT, field,
                      "has more than %d bytes without a space around an "
                      "address (www., @ or a parenthesis) on line %zu",
                      MARKDOWN_MAX_WORD, line);
}

/* Parses md[0..len) into *doc (the caller's, freed with cmark_node_free)
 * after the checks of markdown_render, which it refuses as they do. */
static int parse_checked(const char *field, const char *md, size_t len,
                         cmark_node **doc, struct vg_err *err)
{
    if (len > MARKDOWN_MAX_BYTES)
        return vg_err_set(err, VG_ELIMIT, field,
                          "is %zu bytes; at most %d are accepted", len,
                          MARKDOWN_MAX_BYTES);
    size_t bad;
    const char *why;
    if (utf8_check(md, len, UTF8_MULTI_LINE, &bad, &why) != 0)
        return vg_err_set(err, VG_EINVAL, field, "%s at byte %zu", why, bad);
    enum scan_fault fault = SCAN_OK;
    size_t line = prescan(md, len, &fault);
    if (line)
        return scan_refusal(field, fault, line, err);
    *doc = markdown_parse(md, len);
    int depth = tree_depth(*doc);
    if (depth > MARKDOWN_MAX_DEPTH) {
        cmark_node_free(*doc);
        *doc = NULL;
        return vg_err_set(err, VG_ELIMIT, field,
                          "nests quotes or lists %d levels deep; at most %d "
                          "are accepted",
                          depth, MARKDOWN_MAX_DEPTH);
    }
    return 0;
}

/* ==== Rendering ==== */

/* Replaces the images of the media store first (their addresses are
 * relative, which rewrite_links keeps), then makes the rest links. */
static int media_images(const char *field, cmark_node *doc,
                        const struct markdown_media *mm, struct vg_err *err)
{
    int rc = IMAGE_OTHER;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    cmark_node *found = NULL;
    do {
        found = NULL;
        cmark_iter_reset(it, doc, CMARK_EVENT_ENTER);
        while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cmark_node *n = cmark_iter_get_node(it);
            if (ev == CMARK_EVENT_ENTER &&
                cmark_node_get_type(n) == CMARK_NODE_IMAGE &&
                media_key(cmark_node_get_url(n)))
                found = n;
        }
        if (found)
            rc = media_image(field, found, mm, err);
    } while (found && rc == IMAGE_REPLACED);
    cmark_iter_free(it);
    return rc < 0 ? rc : 0;
}

int markdown_render(const char *field, const char *md, size_t len,
                    struct buf *html, struct vg_err *err)
{
    return markdown_render_media(field, md, len, NULL, html, err);
}

int markdown_render_media(const char *field, const char *md, size_t len,
                          const struct markdown_media *media, struct buf *html,
                          struct vg_err *err)
{
    cmark_node *doc;
    int rc = parse_checked(field, md, len, &doc, err);
    if (rc != 0)
        return rc;
    if (media && (rc = media_images(field, doc, media, err)) != 0) {
        cmark_node_free(doc);
        return rc;
    }
    rewrite_links(doc);
    char *out = cmark_render_html(doc, MD_OPTIONS, NULL);
    buf_puts(html, out);
    free(out);
    cmark_node_free(doc);
    return 0;
}

/* ==== Plain text ==== */

/* Where plain text is being written: whitespace is held back as one
 * pending space, written only before the next word. */
struct plain {
    struct buf *out;
    size_t start; /* out's length when the text began */
    bool space;   /* a space is due before the next word */
};

static void plain_space(struct plain *p)
{
    p->space = p->out->len > p->start;
}

/* Appends s, each run of whitespace as one space. */
static void plain_words(struct plain *p, const char *s)
{
    for (; s && *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            plain_space(p);
            continue;
        }
        if (p->space)
            buf_putc(p->out, ' ');
        p->space = false;
        buf_putc(p->out, *s);
    }
}

/* True when url is scheme followed by text[0..n): an address written
 * bare ("ada@example.org", "www.example.org") and linked. */
static bool autolinked(const char *url, const char *scheme, const char *text,
                       size_t n)
{
    size_t s = strlen(scheme);
    return strncmp(url, scheme, s) == 0 && strlen(url + s) == n &&
           memcmp(url + s, text, n) == 0;
}

/* After a link's (or image's) text, which began at `from`: its address
 * in brackets, unless it has none that may be shown or the text is the
 * address already (an autolink). */
static void plain_address(struct plain *p, cmark_node *link, size_t from)
{
    const char *url = cmark_node_get_url(link);
    if (url == NULL || *url == '\0' || !allowed_url(url))
        return;
    const char *text = buf_cstr(p->out) + from;
    size_t n = p->out->len - from;
    while (n > 0 && *text == ' ')
        text++, n--;
    bool same = strlen(url) == n && memcmp(url, text, n) == 0;
    if (same || autolinked(url, "mailto:", text, n) ||
        autolinked(url, "http://", text, n))
        return;
    if (n == 0) {
        plain_words(p, url);
        return;
    }
    plain_words(p, " (");
    p->space = false;
    plain_words(p, url);
    buf_putc(p->out, ')');
}

/* Links and images open at once (an image in a link); deeper ones get no
 * address. */
enum { PLAIN_LINKS_MAX = 8 };

static void plain_walk(struct plain *p, cmark_node *doc)
{
    size_t starts[PLAIN_LINKS_MAX];
    int depth = 0;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(node);
        bool enter = ev == CMARK_EVENT_ENTER;
        if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
            if (enter && depth < PLAIN_LINKS_MAX)
                starts[depth] = p->out->len;
            depth += enter ? 1 : -1;
            if (!enter && depth < PLAIN_LINKS_MAX)
                plain_address(p, node, starts[depth]);
        } else if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ||
                   t == CMARK_NODE_CODE_BLOCK) {
            if (t == CMARK_NODE_CODE_BLOCK)
                plain_space(p);
            plain_words(p, cmark_node_get_literal(node));
        } else if (t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE &&
                   cmark_node_first_child(node) == NULL) {
            plain_space(p); /* breaks and thematic breaks */
        } else if (!enter &&
                   (t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) {
            plain_space(p);
        }
    }
    cmark_iter_free(it);
}

int markdown_plain(const char *md, size_t len, struct buf *out,
                   struct vg_err *err)
{
    cmark_node *doc;
    int rc = parse_checked("body", md, len, &doc, err);
    if (rc != 0)
        return rc;
    struct plain p = {out, out->len, false};
    plain_walk(&p, doc);
    cmark_node_free(doc);
    return 0;
}
