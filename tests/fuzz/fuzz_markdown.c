/*
 * fuzz_markdown.c: libFuzzer target for Markdown rendering
 * (core/markdown.c): any bytes are rendered into a page buffer. Refused
 * input must leave the buffer as it was; accepted input must give valid
 * UTF-8 with no raw HTML tag from the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/markdown.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf html = BUF_INIT(1 << 24);
    struct vg_err err = VG_ERR_INIT;
    size_t bad;
    const char *why;
    buf_puts(&html, "<p>");
    int rc = markdown_render("body", (const char *)data, size, &html, &err);
    if (rc != 0 && (html.len != 3 || err.code == 0))
        abort(); /* a refusal changed the page, or gave no reason */
    /* Valid UTF-8; a control character may come from an entity
     * ("&#x11;"), which cmark passes on and HTML parsers tolerate. */
    if (rc == 0 &&
        utf8_check(html.p, html.len, UTF8_MULTI_LINE, &bad, &why) != 0 &&
        strcmp(why, "invalid UTF-8") == 0)
        abort();
    if (rc == 0 && (strstr(html.p, "<script") || strstr(html.p, "<iframe")))
        abort(); /* safe mode lets no raw HTML through */
    buf_release(&html);
    return 0;
}
