/*
 * platforms.h: the places a post or a video an update shows may come
 * from, and the recogniser that tells them by their URL.
 *
 * An editor pastes a URL; Vigil fetches nothing from it (the server never
 * asks the platform, and a reader's browser asks only after a click), so
 * the URL alone must say which platform it is, and only URLs of known
 * shapes are taken: https, a host name (no port, user or address), and
 * for each platform its hosts and the paths of a single post. Anything
 * else on a platform's hosts (a profile, a search) is refused; a URL on
 * any other host is taken as a video on a newsroom's own server, unless it
 * has a Mastodon post's shape (/@user/ID, on any host).
 *
 * The canonical URL drops what does not name the post (tracking query
 * strings, fragments, "www.", mobile hosts), so two pastes of one post
 * give one URL. It holds printable ASCII only, never a quote mark, space,
 * angle bracket or backslash, and a % only before two hex digits.
 */
#ifndef VIGIL_CORE_PLATFORMS_H
#define VIGIL_CORE_PLATFORMS_H

#include <stddef.h>

#include "util/err.h"

/* The order of the recogniser's table (platforms.c); names as stored. */
enum platform {
    PLATFORM_X,
    PLATFORM_TELEGRAM,
    PLATFORM_INSTAGRAM,
    PLATFORM_YOUTUBE,
    PLATFORM_FACEBOOK,
    PLATFORM_TIKTOK,
    PLATFORM_MASTODON,
    PLATFORM_BLUESKY,
    PLATFORM_VIDEO, /* a video on another server (a newsroom's own) */
    PLATFORM_COUNT
};

enum {
    POST_URL_MAX = 2048, /* bytes of a pasted URL: browsers' long tail */
    POST_HOST_MAX = 253, /* a DNS name */
    POST_PART_MAX = 128  /* a handle or an id */
};

/* A recognised URL. Every string is ASCII and NUL-terminated. */
struct post_ref {
    enum platform platform;
    char url[POST_URL_MAX + 1];   /* canonical, https:// */
    char host[POST_HOST_MAX + 1]; /* the canonical URL's host */
    char handle[POST_PART_MAX + POST_HOST_MAX + 3]; /* "@user", "@user@host"
                                                       (Mastodon), a
                                                       channel, or "" */
    char id[POST_PART_MAX + 1];                     /* the post's id, or "" */
};

/*
 * Recognises url[0..len) (any bytes). Fills *out and returns 0, or
 * returns VG_EINVAL naming `field` with a sentence saying what is wrong
 * (VG_ELIMIT when it is longer than POST_URL_MAX).
 */
int platform_recognise(const char *field, const char *url, size_t len,
                       struct post_ref *out, struct vg_err *err);

/* The platform's name as stored and in the API ("x", "telegram", ...). */
const char *platform_key(enum platform p);
/* Its name for readers ("X", "Telegram", ...). */
const char *platform_label(enum platform p);
/* The platform named `key`, or PLATFORM_COUNT for none. */
enum platform platform_by_key(const char *key);
/* Whether its posts are videos (YouTube, TikTok, a newsroom's video). */
int platform_is_video(enum platform p);

#endif
