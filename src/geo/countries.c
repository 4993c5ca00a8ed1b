/* countries.c: the ISO 3166-1 table, parsed once from iso-codes' JSON. */
#include "geo/countries.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

extern const char iso_3166_1_json[];

static struct country *table;
static const char **common; /* common names ("Iran"), or NULL */
static size_t count;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Builds the table, copying the strings: it lives as long as the
 * process. */
static void load(void)
{
    json_t *list = NULL;
    json_t *doc = json_loads(iso_3166_1_json, 0, NULL);
    if (doc)
        list = json_object_get(doc, "3166-1");
    size_t n = json_array_size(list);
    table = xcalloc(n ? n : 1, sizeof *table);
    common = xcalloc(n ? n : 1, sizeof *common);
    for (size_t i = 0; i < n; i++) {
        json_t *c = json_array_get(list, i);
        struct country k = {json_string_value(json_object_get(c, "alpha_2")),
                            json_string_value(json_object_get(c, "alpha_3")),
                            json_string_value(json_object_get(c, "numeric")),
                            json_string_value(json_object_get(c, "name"))};
        const char *cn = json_string_value(json_object_get(c, "common_name"));
        if (k.alpha2 && k.alpha3 && k.numeric && k.name) {
            common[count] = cn ? xstrdup(cn) : NULL;
            table[count++] =
                (struct country){xstrdup(k.alpha2), xstrdup(k.alpha3),
                                 xstrdup(k.numeric), xstrdup(k.name)};
        }
    }
    json_decref(doc);
}

const struct country *country_find(const char *cc)
{
    pthread_once(&once, load);
    for (size_t i = 0; cc && i < count; i++)
        if (strcmp(table[i].alpha2, cc) == 0)
            return &table[i];
    return NULL;
}

const struct country *country_by_numeric(const char *numeric)
{
    pthread_once(&once, load);
    for (size_t i = 0; numeric && i < count; i++)
        if (strcmp(table[i].numeric, numeric) == 0)
            return &table[i];
    return NULL;
}

const struct country *country_by_name(const char *name)
{
    pthread_once(&once, load);
    for (size_t i = 0; name && i < count; i++)
        if (strcmp(table[i].name, name) == 0 ||
            (common[i] && strcmp(common[i], name) == 0))
            return &table[i];
    return NULL;
}

const char *country_short_name(const struct country *c)
{
    pthread_once(&once, load);
    size_t i = (size_t)(c - table);
    return i < count && common[i] ? common[i] : c->name;
}

const struct country *country_at(size_t i)
{
    pthread_once(&once, load);
    return i < count ? &table[i] : NULL;
}
