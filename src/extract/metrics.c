/*
 * metrics.c: which of a tracker's metrics a tally is recorded under.
 *
 * A tracker names its own metrics ("killed", or "deaths"; "detained", or
 * "arrested"), so each metric the extractor knows has the keys a tracker
 * is likely to give it, the likeliest first; the first the tracker has
 * wins. None leaves the key NULL: the editor then picks the metric.
 */
#include <string.h>

#include "extract/scan.h"

static const struct {
    enum ex_metric metric;
    const char *keys[4];
} metric_keys[] = {
    {EX_KILLED, {"killed", "deaths", "dead", "fatalities"}},
    {EX_INJURED, {"injured", "wounded", NULL, NULL}},
    {EX_DETAINED, {"detained", "arrested", "detainees", NULL}},
    {EX_LOCALITIES, {"localities", "cities", "places", NULL}},
    {EX_PARTICIPANTS, {"participants", "protesters", "crowd", NULL}},
    {EX_IDENTIFIED,
     {"identified_victims", "victims_identified", "named_victims", NULL}},
};

/* The key of the tracker's metric for `metric`, or NULL. */
static const char *metric_for(enum ex_metric metric,
                              const struct extract_opts *o)
{
    for (size_t i = 0; i < sizeof metric_keys / sizeof metric_keys[0]; i++) {
        if (metric_keys[i].metric != metric)
            continue;
        for (size_t k = 0; k < 4 && metric_keys[i].keys[k]; k++)
            for (size_t j = 0; j < o->nmetric_keys; j++)
                if (strcmp(o->metric_keys[j], metric_keys[i].keys[k]) == 0)
                    return o->metric_keys[j];
    }
    return NULL;
}

void match_metrics(const struct extract_opts *o, struct extraction *x)
{
    for (size_t i = 0; i < x->ntallies; i++)
        x->tallies[i].metric_key = metric_for(x->tallies[i].metric, o);
}
