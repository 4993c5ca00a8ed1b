/*
 * layout.h: the frame every HTML page shares: head, site header, footer.
 *
 * Pages are HTML5 with one stylesheet, no script needed, `lang` on the
 * root and `dir="rtl"` when the main language is written right to left.
 */
#ifndef VIGIL_RENDER_LAYOUT_H
#define VIGIL_RENDER_LAYOUT_H

#include <jansson.h>

#include "model/model.h"
#include "util/buf.h"

/* What every page of one site shares. */
struct site {
    const char *base_url;  /* "https://example.org", no trailing slash */
    const char *css_href;  /* the stylesheet's path, content-hashed */
    const char *icon_href; /* the icon's path, content-hashed */
    const char *live_src;  /* the live script's path, content-hashed */
    const char *desk_src;  /* the desk's script's path, content-hashed */
};

/* The one script a page may load. LAYOUT_EMBED: the live script, in a
 * page other sites frame (/t/SLUG/embed), which has no site header,
 * search or footer. */
enum layout_script { LAYOUT_NO_SCRIPT, LAYOUT_LIVE, LAYOUT_DESK, LAYOUT_EMBED };

struct layout {
    const char *title;             /* <title>, plain text */
    const char *lang;              /* main language tag(s); NULL: "en" */
    const struct tracker *tracker; /* adds feed links and tracker nav */
    const json_t *jsonld;          /* schema.org data, or NULL */
    const char *canonical;         /* path of the canonical URL, or NULL */
    int script;                    /* enum layout_script */
};

/* The site's search box, a GET form: of tracker t (in its pages'
 * header), or of every tracker (t NULL: the index). */
void layout_search_box(struct buf *b, const struct tracker *t);
/* Writes everything up to and including <main>. */
void layout_begin(struct buf *b, const struct site *s, const struct layout *l);
/* Closes <main> and writes the footer. */
void layout_end(struct buf *b, const struct site *s, const struct layout *l);

/* Appends "/t/SLUG" (percent-encoded) and then `rest` (a literal path). */
void layout_tracker_path(struct buf *b, const struct tracker *t,
                         const char *rest);
/* Appends ` href="/t/SLUG<rest>"`, rest formatted from a trusted format
 * ("/u/%lld"); the whole value is escaped. */
void layout_href(struct buf *b, const struct tracker *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
