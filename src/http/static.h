/*
 * static.h: the files the site serves as they are (the stylesheet),
 * embedded in the binary under content-hashed names, so that a reader's
 * browser may keep them for a year and still never see a stale one.
 */
#ifndef VIGIL_HTTP_STATIC_H
#define VIGIL_HTTP_STATIC_H

#include <stddef.h>

struct static_file {
    char name[40];            /* "style.3f2a9c1b.css" */
    const char *content_type; /* with charset */
    const char *data;
    size_t len;
};

struct statics {
    struct static_file css;
    struct static_file icon;
    struct static_file live_js;
    struct static_file desk_js;  /* the desk's pages only */
    struct static_file embed_js; /* for the pages of sites that embed a
                                    tracker: served at /embed.js */
    struct static_file openapi;  /* the API's OpenAPI description: served
                                    at /api/v1/openapi.json */
};

/* Fills the table: names from each file's content hash. */
void statics_init(struct statics *s);
/* The file named name, or NULL. */
const struct static_file *statics_find(const struct statics *s,
                                       const char *name);

#endif
