/* static.c: the embedded web/ files (web_data.S). */
#include "http/static.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern const char web_style_css[], web_icon_svg[], web_live_js[], web_desk_js[],
    web_embed_js[], web_openapi_json[];
extern const uint64_t web_style_css_len, web_icon_svg_len, web_live_js_len,
    web_desk_js_len, web_embed_js_len, web_openapi_json_len;

/* Names a file "<stem>.<8 hex of its hash>.<ext>". */
static void set(struct static_file *f, const char *data, uint64_t len,
                const char *stem, const char *ext, const char *type)
{
    unsigned char hash[4];
    char hex[9];
    f->data = data;
    f->len = (size_t)len;
    f->content_type = type;
    crypto_generichash(hash, sizeof hash, (const unsigned char *)data, f->len,
                       NULL, 0);
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    snprintf(f->name, sizeof f->name, "%s.%s.%s", stem, hex, ext);
}

void statics_init(struct statics *s)
{
    set(&s->css, web_style_css, web_style_css_len, "style", "css",
        "text/css; charset=utf-8");
    set(&s->icon, web_icon_svg, web_icon_svg_len, "icon", "svg",
        "image/svg+xml");
    set(&s->live_js, web_live_js, web_live_js_len, "live", "js",
        "text/javascript; charset=utf-8");
    set(&s->desk_js, web_desk_js, web_desk_js_len, "desk", "js",
        "text/javascript; charset=utf-8");
    set(&s->embed_js, web_embed_js, web_embed_js_len, "embed", "js",
        "text/javascript; charset=utf-8");
    set(&s->openapi, web_openapi_json, web_openapi_json_len, "openapi", "json",
        "application/json; charset=utf-8");
}

const struct static_file *statics_find(const struct statics *s,
                                       const char *name)
{
    if (name && strcmp(name, s->css.name) == 0)
        return &s->css;
    if (name && strcmp(name, s->icon.name) == 0)
        return &s->icon;
    if (name && strcmp(name, s->live_js.name) == 0)
        return &s->live_js;
    if (name && strcmp(name, s->desk_js.name) == 0)
        return &s->desk_js;
    return NULL;
}
