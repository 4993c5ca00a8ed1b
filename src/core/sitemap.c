/* sitemap.c: the pages of a tracker a sitemap lists. */
#include "core/sitemap.h"

#include <assert.h>

#include "core/day.h"
#include "util/date.h"

/* The main pages, in the order the site's header shows them. */
static const char *const PAGES[SITEMAP_PAGES] = {"", "/days", "/tallies",
                                                 "/events", "/victims"};

/* When readers last saw u change: its last edit, else its publication. */
static int64_t changed_at(const struct update *u)
{
    return u->edited_at > u->published_at ? u->edited_at : u->published_at;
}

/* The day number u is listed under: that of its publication's local
 * date, as the day pages select. */
static int64_t day_of(const struct tracker *t, const struct update *u)
{
    struct vg_date d = tracker_local_date(t, u->published_at);
    return date_to_days(d) - date_to_days(t->started_on) + 1;
}

/* Appends the day and update URLs of the n updates (newest first) to
 * out[*k...]; returns the newest change. */
static int64_t add_updates(const struct tracker *t, const struct update *u,
                           size_t n, struct sitemap_url *out, size_t *k)
{
    int64_t newest = 0;
    struct sitemap_url *day = NULL;
    for (size_t i = 0; i < n; i++) {
        if (u[i].status != UPDATE_PUBLISHED) /* retracted: not announced */
            continue;
        int64_t at = changed_at(&u[i]), number = day_of(t, &u[i]);
        if (day == NULL || day->number != number) {
            day = &out[(*k)++];
            *day = (struct sitemap_url){SITEMAP_DAY, NULL, number, 0};
        }
        if (at > day->lastmod)
            day->lastmod = at;
        if (at > newest)
            newest = at;
        out[(*k)++] =
            (struct sitemap_url){SITEMAP_UPDATE, NULL, u[i].number, at};
    }
    return newest;
}

int sitemap_load(struct store *st, struct arena *a, const struct tracker *t,
                 struct sitemap_url **out, size_t *n, struct vg_err *err)
{
    struct update *u;
    size_t nu;
    int rc = store_update_list(st, a, t->id, UPDATES_PUBLIC,
                               SITEMAP_UPDATES_MAX, &u, &nu, err);
    if (rc != 0)
        return rc;
    *out = arena_alloc(a, (SITEMAP_PAGES + 2 * nu) * sizeof **out);
    size_t k = SITEMAP_PAGES;
    int64_t newest = add_updates(t, u, nu, *out, &k);
    if (newest < t->created_at)
        newest = t->created_at;
    /* The live page shows the newest update; the others change with
     * figures and events too, so their time is not claimed. */
    for (size_t i = 0; i < SITEMAP_PAGES; i++)
        (*out)[i] = (struct sitemap_url){SITEMAP_PAGE, PAGES[i], 0,
                                         i == 0 ? newest : 0};
    assert(k <= SITEMAP_MAX);
    *n = k;
    return 0;
}
