/* static.c: the embedded web/ files (web_data.S). */
#include "http/static.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern const char web_style_css[];
extern const uint64_t web_style_css_len;

void statics_init(struct statics *s)
{
    unsigned char hash[4];
    char hex[9];
    s->css.data = web_style_css;
    s->css.len = (size_t)web_style_css_len;
    s->css.content_type = "text/css; charset=utf-8";
    crypto_generichash(hash, sizeof hash, (const unsigned char *)s->css.data,
                       s->css.len, NULL, 0);
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    snprintf(s->css.name, sizeof s->css.name, "style.%s.css", hex);
}

const struct static_file *statics_find(const struct statics *s,
                                       const char *name)
{
    return name && strcmp(name, s->css.name) == 0 ? &s->css : NULL;
}
