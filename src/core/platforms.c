/*
 * platforms.c: the table of platforms and the URL recogniser (see
 * platforms.h).
 *
 * A URL is split once (scheme, host, path segments, query) with every
 * byte checked, then the first row of the table whose hosts hold the
 * URL's host matches the path; a row's host with no matching path is a
 * refusal that shows the shape wanted. Shapes accepted, per platform:
 *   X          x.com|twitter.com /USER/status/ID, /i/web/status/ID
 *   Telegram   t.me|telegram.me /CHANNEL/ID, /s/CHANNEL/ID
 *   Instagram  instagram.com /p/CODE, /reel/CODE, /tv/CODE (+ /USER/ first)
 *   YouTube    youtube.com /watch?v=ID, /shorts/ID, /live/ID; youtu.be/ID
 *   Facebook   facebook.com /PAGE/posts/ID, /PAGE/videos/ID, /reel/ID,
 *              /watch?v=ID, /share/p|v|r/CODE; fb.watch/CODE
 *   TikTok     tiktok.com /@USER/video/ID
 *   Bluesky    bsky.app /profile/HANDLE/post/RKEY
 *   Mastodon   any other host, /@USER/ID
 *   video      any other host, any other path (not "/")
 * Mobile and "www." hosts are the same platform; the canonical URL uses
 * the platform's main host.
 */
#include "core/platforms.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

enum { SEG_MAX = 8 };

/* A slice of the input. */
struct str {
    const char *p;
    size_t len;
};

/* A URL split into its parts; slices point into the input. */
struct url {
    char host[POST_HOST_MAX + 1]; /* lowercased */
    struct str seg[SEG_MAX];      /* path segments, none empty */
    size_t nseg;
    struct str path;  /* from its first '/', or empty */
    struct str query; /* after '?', before '#', or empty */
};

/* ==== Bytes ==== */

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

/* Whether c may stand in a path or a query: RFC 3986's unreserved and
 * sub-delimiters, without the quote mark (an attribute's end elsewhere). */
static bool is_url_char(char c)
{
    return is_alnum(c) || (c && strchr("-._~/:@%!$&()*+,;=?", c) != NULL);
}

/* Whether s is min..max bytes of letters, digits and the bytes of `also`. */
static bool token(struct str s, const char *also, size_t min, size_t max)
{
    if (s.len < min || s.len > max)
        return 0;
    for (size_t i = 0; i < s.len; i++)
        if (!is_alnum(s.p[i]) && strchr(also, s.p[i]) == NULL)
            return 0;
    return 1;
}

static bool digits(struct str s)
{
    if (s.len == 0 || s.len > 24)
        return 0;
    for (size_t i = 0; i < s.len; i++)
        if (s.p[i] < '0' || s.p[i] > '9')
            return 0;
    return 1;
}

static bool seg_is(const struct url *u, size_t i, const char *lit)
{
    return i < u->nseg && u->seg[i].len == strlen(lit) &&
           memcmp(u->seg[i].p, lit, u->seg[i].len) == 0;
}

/* The value of query parameter `name` (the first), or an empty slice. */
static struct str param(const struct url *u, const char *name)
{
    size_t n = strlen(name);
    if (u->query.p == NULL)
        return (struct str){NULL, 0};
    const char *p = u->query.p, *end = p + u->query.len;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        if ((size_t)(stop - p) > n && memcmp(p, name, n) == 0 && p[n] == '=')
            return (struct str){p + n + 1, (size_t)(stop - p - n - 1)};
        p = stop + 1;
    }
    return (struct str){NULL, 0};
}

/* ==== Splitting ==== */

/* Checks every byte: printable ASCII of a URL; a % before two hex
 * digits. */
static int check_bytes(const char *field, const char *p, size_t len,
                       struct vg_err *err)
{
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        if (c == '#')
            continue;
        if (!is_url_char(c))
            return vg_err_set(err, VG_EINVAL, field,
                              "byte %zu (0x%02x) may not stand in a link to a "
                              "post",
                              i, (unsigned)(unsigned char)c);
        if (c == '%' &&
            (i + 2 >= len || !is_hex(p[i + 1]) || !is_hex(p[i + 2])))
            return vg_err_set(err, VG_EINVAL, field,
                              "byte %zu: a %% must come before two hex digits",
                              i);
    }
    return 0;
}

/* Copies a host name, lowercased, after checking it is a DNS name with a
 * top-level label of letters: no port, user, address or trailing dot. */
static int take_host(const char *field, struct str h, struct url *u,
                     struct vg_err *err)
{
    size_t label = 0, last = 0;
    if (h.len == 0 || h.len > POST_HOST_MAX)
        return vg_err_set(err, VG_EINVAL, field, "has no host name");
    for (size_t i = 0; i < h.len; i++) {
        char c = h.p[i];
        c = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
        if (c == '.' && (label == 0 || h.p[i - 1] == '-'))
            return vg_err_set(err, VG_EINVAL, field,
                              "has an empty or "
                              "malformed host label");
        if (c != '.' && c != '-' && !is_alnum(c))
            return vg_err_set(err, VG_EINVAL, field,
                              "host: '%c' is not allowed (no user, port or "
                              "address)",
                              c);
        if (c == '-' && label == 0)
            return vg_err_set(err, VG_EINVAL, field,
                              "host label begins with -");
        label = c == '.' ? 0 : label + 1;
        last = c == '.' ? i + 1 : last;
        if (label > 63)
            return vg_err_set(err, VG_EINVAL, field, "host label too long");
        u->host[i] = c;
    }
    u->host[h.len] = '\0';
    if (label == 0 || last == 0 || h.p[h.len - 1] == '-')
        return vg_err_set(err, VG_EINVAL, field,
                          "host must be a name like example.org");
    for (size_t i = last; i < h.len; i++)
        if (!(u->host[i] >= 'a' && u->host[i] <= 'z'))
            return vg_err_set(err, VG_EINVAL, field,
                              "host must be a name, not an address");
    return 0;
}

/* Splits the path into its segments: none empty ("//") nor a dot
 * segment, at most SEG_MAX; a trailing '/' is allowed. */
static int take_path(const char *field, struct url *u, struct vg_err *err)
{
    const char *p = u->path.p, *end = p + u->path.len;
    u->nseg = 0;
    while (p < end) {
        p++; /* the '/' */
        const char *slash = memchr(p, '/', (size_t)(end - p));
        const char *stop = slash ? slash : end;
        struct str s = {p, (size_t)(stop - p)};
        if (s.len == 0 && stop != end)
            return vg_err_set(err, VG_EINVAL, field, "path has an empty part");
        if ((s.len == 1 && s.p[0] == '.') ||
            (s.len == 2 && s.p[0] == '.' && s.p[1] == '.'))
            return vg_err_set(err, VG_EINVAL, field, "path has a dot part");
        if (s.len && u->nseg == SEG_MAX)
            return vg_err_set(err, VG_EINVAL, field, "path is too deep");
        if (s.len)
            u->seg[u->nseg++] = s;
        p = stop;
    }
    return 0;
}

static int split(const char *field, const char *p, size_t len, struct url *u,
                 struct vg_err *err)
{
    static const char scheme[] = "https://";
    if (len > POST_URL_MAX)
        return vg_err_set(err, VG_ELIMIT, field,
                          "is %zu bytes; at most %d are accepted", len,
                          POST_URL_MAX);
    if (len < sizeof scheme - 1 || strncasecmp(p, scheme, sizeof scheme - 1))
        return vg_err_set(err, VG_EINVAL, field,
                          "must be an https:// link to a post");
    int rc = check_bytes(field, p, len, err);
    if (rc != 0)
        return rc;
    const char *end = p + len, *hash = memchr(p, '#', len);
    end = hash ? hash : end;
    const char *h = p + sizeof scheme - 1, *he = h;
    while (he < end && *he != '/' && *he != '?')
        he++;
    rc = take_host(field, (struct str){h, (size_t)(he - h)}, u, err);
    const char *q = memchr(he, '?', (size_t)(end - he));
    u->path = (struct str){he, (size_t)((q ? q : end) - he)};
    u->query =
        q ? (struct str){q + 1, (size_t)(end - q - 1)} : (struct str){NULL, 0};
    return rc ? rc : take_path(field, u, err);
}

/* ==== Platforms ==== */

/* Fills out's canonical URL from a format; 0 when it did not fit. */
__attribute__((format(printf, 2, 3))) static bool canon(struct post_ref *out,
                                                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out->url, sizeof out->url, fmt, ap);
    va_end(ap);
    return n > 0 && (size_t)n < sizeof out->url;
}

static void put(char *dst, size_t size, const char *prefix, struct str s)
{
    snprintf(dst, size, "%s%.*s", prefix, (int)s.len, s.p);
}

#define PUT(field, prefix, s) put((field), sizeof(field), (prefix), (s))

static bool match_x(const struct url *u, struct post_ref *out)
{
    if (u->nseg >= 4 && seg_is(u, 0, "i") && seg_is(u, 1, "web") &&
        seg_is(u, 2, "status") && digits(u->seg[3])) {
        PUT(out->id, "", u->seg[3]);
        return canon(out, "https://x.com/i/web/status/%s", out->id);
    }
    if (u->nseg < 3 || !token(u->seg[0], "_", 1, 15) ||
        !seg_is(u, 1, "status") || !digits(u->seg[2]))
        return 0;
    PUT(out->handle, "@", u->seg[0]);
    PUT(out->id, "", u->seg[2]);
    return canon(out, "https://x.com/%s/status/%s", out->handle + 1, out->id);
}

static bool match_telegram(const struct url *u, struct post_ref *out)
{
    size_t at = seg_is(u, 0, "s") ? 1 : 0;
    if (u->nseg != at + 2 || !token(u->seg[at], "_", 4, 32) ||
        !digits(u->seg[at + 1]) || seg_is(u, at, "c"))
        return 0;
    PUT(out->handle, "", u->seg[at]);
    PUT(out->id, "", u->seg[at + 1]);
    return canon(out, "https://t.me/%s/%s", out->handle, out->id);
}

/* Instagram's kinds of post: p (a photo), reel, tv. */
static bool instagram_kind(const struct url *u, size_t i)
{
    return seg_is(u, i, "p") || seg_is(u, i, "reel") || seg_is(u, i, "tv");
}

static bool match_instagram(const struct url *u, struct post_ref *out)
{
    /* /USER/p/CODE names the same post as /p/CODE */
    size_t at =
        u->nseg == 3 && !instagram_kind(u, 0) && token(u->seg[0], "._", 1, 30);
    if (u->nseg != at + 2 || !instagram_kind(u, at) ||
        !token(u->seg[at + 1], "_-", 5, 64))
        return 0;
    PUT(out->id, "", u->seg[at + 1]);
    return canon(out, "https://www.instagram.com/%.*s/%s/", (int)u->seg[at].len,
                 u->seg[at].p, out->id);
}

static bool youtube_id(struct str s, struct post_ref *out)
{
    if (!token(s, "_-", 11, 11))
        return 0;
    PUT(out->id, "", s);
    return canon(out, "https://www.youtube.com/watch?v=%s", out->id);
}

static bool match_youtube(const struct url *u, struct post_ref *out)
{
    if (strcmp(u->host, "youtu.be") == 0)
        return u->nseg == 1 && youtube_id(u->seg[0], out);
    if (u->nseg == 1 && seg_is(u, 0, "watch"))
        return youtube_id(param(u, "v"), out);
    if (u->nseg == 2 && (seg_is(u, 0, "shorts") || seg_is(u, 0, "live")))
        return youtube_id(u->seg[1], out);
    return 0;
}

static bool match_facebook(const struct url *u, struct post_ref *out)
{
    if (strcmp(u->host, "fb.watch") == 0) {
        if (u->nseg != 1 || !token(u->seg[0], "_-", 4, 32))
            return 0;
        PUT(out->id, "", u->seg[0]);
        return canon(out, "https://fb.watch/%s/", out->id);
    }
    if (u->nseg == 1 && seg_is(u, 0, "watch") && digits(param(u, "v"))) {
        PUT(out->id, "", param(u, "v"));
        return canon(out, "https://www.facebook.com/watch/?v=%s", out->id);
    }
    if (u->nseg == 2 && seg_is(u, 0, "reel") && digits(u->seg[1])) {
        PUT(out->id, "", u->seg[1]);
        return canon(out, "https://www.facebook.com/reel/%s", out->id);
    }
    if (u->nseg == 3 && seg_is(u, 0, "share") &&
        (seg_is(u, 1, "p") || seg_is(u, 1, "v") || seg_is(u, 1, "r")) &&
        token(u->seg[2], "", 4, 32)) {
        PUT(out->id, "", u->seg[2]);
        return canon(out, "https://www.facebook.com/share/%c/%s/",
                     u->seg[1].p[0], out->id);
    }
    if (u->nseg != 3 || !token(u->seg[0], ".", 1, 80) ||
        !(seg_is(u, 1, "posts") || seg_is(u, 1, "videos")) ||
        !token(u->seg[2], "", 1, 128))
        return 0;
    PUT(out->handle, "", u->seg[0]);
    PUT(out->id, "", u->seg[2]);
    return canon(out, "https://www.facebook.com/%s/%.*s/%s", out->handle,
                 (int)u->seg[1].len, u->seg[1].p, out->id);
}

static bool match_tiktok(const struct url *u, struct post_ref *out)
{
    if (u->nseg != 3 || u->seg[0].len < 2 || u->seg[0].p[0] != '@' ||
        !token((struct str){u->seg[0].p + 1, u->seg[0].len - 1}, "._", 1, 24) ||
        !seg_is(u, 1, "video") || !digits(u->seg[2]))
        return 0;
    PUT(out->handle, "", u->seg[0]);
    PUT(out->id, "", u->seg[2]);
    return canon(out, "https://www.tiktok.com/%s/video/%s", out->handle,
                 out->id);
}

static bool match_bluesky(const struct url *u, struct post_ref *out)
{
    if (u->nseg != 4 || !seg_is(u, 0, "profile") || !seg_is(u, 2, "post") ||
        !token(u->seg[1], ".-:", 3, 253) || !token(u->seg[3], "", 1, 64))
        return 0;
    PUT(out->handle, "@", u->seg[1]);
    PUT(out->id, "", u->seg[3]);
    return canon(out, "https://bsky.app/profile/%s/post/%s", out->handle + 1,
                 out->id);
}

/* Any host's /@user/ID: Mastodon's (and other ActivityPub servers') shape
 * of a post's page. */
static bool match_mastodon(const struct url *u, struct post_ref *out)
{
    if (u->nseg != 2 || u->seg[0].len < 2 || u->seg[0].p[0] != '@' ||
        !token((struct str){u->seg[0].p + 1, u->seg[0].len - 1}, "_", 1, 30) ||
        !digits(u->seg[1]))
        return 0;
    snprintf(out->handle, sizeof out->handle, "%.*s@%s", (int)u->seg[0].len,
             u->seg[0].p, u->host);
    PUT(out->id, "", u->seg[1]);
    return canon(out, "https://%s/%.*s/%s", u->host, (int)u->seg[0].len,
                 u->seg[0].p, out->id);
}

/* A video on another server: its page or file, kept as given but for the
 * fragment. */
static bool match_video(const struct url *u, struct post_ref *out)
{
    if (u->nseg == 0)
        return 0;
    if (u->query.len)
        return canon(out, "https://%s%.*s?%.*s", u->host, (int)u->path.len,
                     u->path.p, (int)u->query.len, u->query.p);
    return canon(out, "https://%s%.*s", u->host, (int)u->path.len, u->path.p);
}

static const struct platform_row {
    const char *key, *label;
    const char *const *hosts; /* NULL-terminated; NULL: any other host */
    bool (*match)(const struct url *u, struct post_ref *out);
    const char *shape; /* a post's URL, for the refusal */
    bool video;
} table[PLATFORM_COUNT] = {
    [PLATFORM_X] = {"x", "X",
                    (const char *const[]){"x.com", "www.x.com", "mobile.x.com",
                                          "twitter.com", "www.twitter.com",
                                          "mobile.twitter.com", NULL},
                    match_x, "https://x.com/USER/status/ID", 0},
    [PLATFORM_TELEGRAM] = {"telegram", "Telegram",
                           (const char *const[]){"t.me", "telegram.me",
                                                 "www.t.me", NULL},
                           match_telegram, "https://t.me/CHANNEL/ID", 0},
    [PLATFORM_INSTAGRAM] = {"instagram", "Instagram",
                            (const char *const[]){"instagram.com",
                                                  "www.instagram.com",
                                                  "m.instagram.com", NULL},
                            match_instagram,
                            "https://www.instagram.com/p/CODE/", 0},
    [PLATFORM_YOUTUBE] = {"youtube", "YouTube",
                          (const char *const[]){
                              "youtube.com", "www.youtube.com", "m.youtube.com",
                              "youtu.be", NULL},
                          match_youtube, "https://www.youtube.com/watch?v=ID",
                          1},
    [PLATFORM_FACEBOOK] = {"facebook", "Facebook",
                           (const char *const[]){
                               "facebook.com", "www.facebook.com",
                               "m.facebook.com", "web.facebook.com", "fb.watch",
                               NULL},
                           match_facebook,
                           "https://www.facebook.com/PAGE/posts/ID", 0},
    [PLATFORM_TIKTOK] = {"tiktok", "TikTok",
                         (const char *const[]){"tiktok.com", "www.tiktok.com",
                                               "m.tiktok.com", NULL},
                         match_tiktok, "https://www.tiktok.com/@USER/video/ID",
                         1},
    [PLATFORM_MASTODON] = {"mastodon", "Mastodon", NULL, match_mastodon,
                           "https://HOST/@USER/ID", 0},
    [PLATFORM_BLUESKY] = {"bluesky", "Bluesky",
                          (const char *const[]){"bsky.app", "www.bsky.app",
                                                NULL},
                          match_bluesky,
                          "https://bsky.app/profile/HANDLE/post/ID", 0},
    [PLATFORM_VIDEO] = {"video", "Video", NULL, match_video,
                        "https://HOST/PATH", 1},
};

/* Whether host is one of the row's hosts or a name under one of them
 * (vm.tiktok.com): a platform's other hosts are refused, not taken for a
 * video elsewhere. */
static bool has_host(const struct platform_row *row, const char *host)
{
    size_t n = strlen(host);
    for (const char *const *h = row->hosts; h && *h; h++) {
        size_t k = strlen(*h);
        if (strcmp(*h, host) == 0 ||
            (n > k && host[n - k - 1] == '.' && strcmp(host + n - k, *h) == 0))
            return 1;
    }
    return 0;
}

/* The row whose hosts hold `host`, or PLATFORM_COUNT. */
static enum platform by_host(const char *host)
{
    for (int i = 0; i < PLATFORM_COUNT; i++)
        if (has_host(&table[i], host))
            return (enum platform)i;
    return PLATFORM_COUNT;
}

static bool found(enum platform p, const struct url *u, struct post_ref *out)
{
    out->platform = p;
    out->handle[0] = out->id[0] = '\0';
    snprintf(out->host, sizeof out->host, "%s", u->host);
    return table[p].match(u, out);
}

int platform_recognise(const char *field, const char *url, size_t len,
                       struct post_ref *out, struct vg_err *err)
{
    struct url u;
    int rc = split(field, url, len, &u, err);
    if (rc != 0)
        return rc;
    enum platform p = by_host(u.host);
    if (p != PLATFORM_COUNT && !found(p, &u, out))
        return vg_err_set(err, VG_EINVAL, field,
                          "is a %s link but not to one post: paste a post's "
                          "own link, %s",
                          table[p].label, table[p].shape);
    if (p == PLATFORM_COUNT && !found(PLATFORM_MASTODON, &u, out) &&
        !found(PLATFORM_VIDEO, &u, out))
        return vg_err_set(err, VG_EINVAL, field,
                          "is not a link to a post or a video (a link to a "
                          "site's front page)");
    /* The canonical URL's host, for the facade ("from x.com"). */
    const char *h = out->url + strlen("https://");
    size_t hl = strcspn(h, "/?");
    snprintf(out->host, sizeof out->host, "%.*s", (int)hl, h);
    return 0;
}

const char *platform_key(enum platform p)
{
    return p < PLATFORM_COUNT ? table[p].key : "";
}

const char *platform_label(enum platform p)
{
    return p < PLATFORM_COUNT ? table[p].label : "";
}

enum platform platform_by_key(const char *key)
{
    for (int i = 0; key && i < PLATFORM_COUNT; i++)
        if (strcmp(table[i].key, key) == 0)
            return (enum platform)i;
    return PLATFORM_COUNT;
}

int platform_is_video(enum platform p)
{
    return p < PLATFORM_COUNT && table[p].video;
}
