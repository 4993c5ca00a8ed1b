/* embeds.c: posts from elsewhere and videos (see embeds.h). */
#include "core/embeds.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "core/entity_json.h"
#include "core/platforms.h"
#include "core/validate.h"

int embed_input_removes(const struct embed_input *in)
{
    return in && in->url && in->url[0] == '\0';
}

/* A still's SHA-256: 64 hex digits, kept lowercase. */
static int take_still(struct op *op, const char *s, const char **out,
                      struct vg_err *err)
{
    *out = NULL;
    if (s == NULL || *s == '\0')
        return 0;
    if (strlen(s) != 64)
        return vg_err_set(err, VG_EINVAL, "embed_still",
                          "must be the SHA-256 of an image in the media "
                          "store: 64 hex digits");
    char *low = arena_strndup(op->arena, s, 64);
    for (size_t i = 0; i < 64; i++) {
        char c = low[i];
        if (c >= 'A' && c <= 'F')
            low[i] = (char)(c - 'A' + 'a');
        else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return vg_err_set(err, VG_EINVAL, "embed_still",
                              "character %zu is not a hex digit", i + 1);
    }
    *out = low;
    return 0;
}

/* Parses "90", "1:30" or "1:01:30" into seconds (0: not given): after
 * the first part, each has two digits below 60. */
static int take_duration(const char *s, int64_t *out, struct vg_err *err)
{
    *out = 0;
    if (s == NULL || *s == '\0')
        return 0;
    int64_t total = 0;
    bool ok = true;
    const char *p = s;
    for (int part = 0; ok && part < 3; part++) {
        size_t n = strspn(p, "0123456789");
        int64_t v = 0;
        for (size_t i = 0; i < n && i < 7; i++)
            v = v * 10 + (p[i] - '0');
        ok = n > 0 && n <= 7 && (part == 0 || (n == 2 && v < 60));
        total = total * 60 + v;
        p += n;
        if (*p != ':')
            break;
        p++;
    }
    if (!ok || *p != '\0' || total <= 0 || total > EMBED_DURATION_MAX)
        return vg_err_set(err, VG_EINVAL, "embed_duration",
                          "must be a length such as 95, 1:35 or 1:02:03 "
                          "(at most a week)");
    *out = total;
    return 0;
}

/* When the editor copied the post: given, or now; never later than now. */
static int take_captured(struct op *op, const char *s, int64_t *out,
                         struct vg_err *err)
{
    *out = op->now;
    if (s == NULL || *s == '\0')
        return 0;
    if (timestamp_parse(s, strlen(s), out) != 0)
        return vg_err_set(err, VG_EINVAL, "embed_captured",
                          "must be a time YYYY-MM-DDTHH:MM:SSZ");
    if (*out > op->now)
        return vg_err_set(err, VG_EINVAL, "embed_captured",
                          "is later than now");
    return 0;
}

static const char *opt(struct op *op, const char *s)
{
    return s && *s ? arena_strdup(op->arena, s) : NULL;
}

/* The link, recognised: platform, canonical URL, handle and id. */
static int take_link(struct op *op, const char *url, struct embed *out,
                     struct vg_err *err)
{
    if (url == NULL || *url == '\0')
        return vg_err_set(err, VG_EINVAL, "embed",
                          "is required: the link to the post or video");
    struct post_ref *r = arena_alloc(op->arena, sizeof *r);
    int rc = platform_recognise("embed", url, strlen(url), r, err);
    if (rc != 0)
        return rc;
    out->platform = platform_key(r->platform);
    out->url = r->url;
    out->handle = r->handle[0] ? r->handle : NULL;
    out->post_id = r->id[0] ? r->id : NULL;
    return 0;
}

int embed_prepare(struct op *op, const struct embed_input *in,
                  struct embed *out, struct vg_err *err)
{
    *out = (struct embed){.recorded_by = op->actor, .recorded_at = op->now};
    int rc = take_link(op, in->url, out, err);
    bool video = platform_is_video(platform_by_key(out->platform));
    if (rc == 0)
        rc = check_line("embed_author", in->author ? in->author : "", 1,
                        EMBED_AUTHOR_MAX, err);
    if (rc == 0)
        rc = check_text("embed_text", in->text ? in->text : "", EMBED_TEXT_MAX,
                        err);
    if (rc == 0 && !video && (in->text == NULL || *in->text == '\0'))
        rc = vg_err_set(err, VG_EINVAL, "embed_text",
                        "is required: the post's text, as the editor "
                        "read it");
    if (rc == 0 && in->date && *in->date)
        rc = parse_date("embed_date", in->date, &out->posted_on, err);
    if (rc == 0)
        rc = take_captured(op, in->captured, &out->captured_at, err);
    if (rc == 0)
        rc = take_still(op, in->still, &out->still, err);
    if (rc == 0)
        rc = take_duration(in->duration, &out->duration_s, err);
    if (rc == 0 && in->source && *in->source)
        rc = check_line("embed_source", in->source, 1, EMBED_SOURCE_MAX, err);
    if (rc != 0)
        return rc;
    out->author = arena_strdup(op->arena, in->author);
    out->quote = arena_strdup(op->arena, in->text ? in->text : "");
    out->source = opt(op, in->source);
    return 0;
}

void embed_removal(struct op *op, struct embed *out)
{
    *out = (struct embed){.platform = "none",
                          .url = "",
                          .author = "",
                          .quote = "",
                          .captured_at = op->now,
                          .recorded_by = op->actor,
                          .recorded_at = op->now};
}

/* The embed of update `number` among e[0..n), sorted by number. */
static struct embed *find(struct embed *e, size_t n, int64_t number)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (e[mid].number < number)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && e[lo].number == number ? &e[lo] : NULL;
}

int embed_check_still(struct op *op, int64_t tracker_id, const struct embed *e,
                      struct vg_err *err)
{
    if (e->still == NULL)
        return 0;
    struct media_record m;
    int rc = store_media_get(op->st, op->arena, tracker_id, e->still, &m, err);
    if (rc == VG_ENOTFOUND)
        return vg_err_set(err, VG_EINVAL, "embed_still",
                          "no image of this tracker's media has the key %s",
                          e->still);
    return rc;
}

/* Loads e's still (with its files) from tracker_id's media; one no
 * longer found leaves still_image NULL. */
static int load_still(struct store *st, struct arena *a, int64_t tracker_id,
                      struct embed *e, struct vg_err *err)
{
    struct media_record *m = arena_alloc(a, sizeof *m);
    int rc = store_media_get(st, a, tracker_id, e->still, m, err);
    if (rc == VG_ENOTFOUND) {
        vg_err_clear(err);
        return 0;
    }
    if (rc == 0)
        e->still_image = m;
    return rc;
}

int embeds_fill(struct store *st, struct arena *a, struct update *u, size_t n,
                struct vg_err *err)
{
    if (n == 0)
        return 0;
    int64_t from = u[0].number, to = u[0].number;
    for (size_t i = 1; i < n; i++) {
        from = u[i].number < from ? u[i].number : from;
        to = u[i].number > to ? u[i].number : to;
    }
    struct embed *e;
    size_t ne;
    int rc = store_embed_list(st, a, u[0].tracker_id, from, to, &e, &ne, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct embed *f = find(e, ne, u[i].number);
        if (f && f->still && !f->still_image)
            rc = load_still(st, a, u[i].tracker_id, f, err);
        u[i].embed = f;
    }
    return rc;
}

json_t *embed_json(const struct embed *e)
{
    json_t *j = json_pack(
        "{s:s, s:s, s:o, s:o, s:s, s:o, s:s, s:o, s:o}", "platform",
        e->platform, "url", e->url, "handle", json_str_or_null(e->handle),
        "post_id", json_str_or_null(e->post_id), "author", e->author,
        "posted_on", json_date_or_null(e->posted_on), "text", e->quote,
        "captured_at", json_time_or_null(e->captured_at), "still",
        json_str_or_null(e->still));
    if (e->duration_s > 0)
        json_object_set_new(j, "duration_s", json_integer(e->duration_s));
    if (e->source)
        json_object_set_new(j, "source", json_string(e->source));
    return j;
}

void embed_duration_append(struct buf *b, int64_t s)
{
    assert(s >= 0 && s <= EMBED_DURATION_MAX);
    if (s >= 3600)
        buf_printf(b, "%d:%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60),
                   (int)(s % 60));
    else
        buf_printf(b, "%d:%02d", (int)(s / 60), (int)(s % 60));
}
