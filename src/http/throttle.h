/*
 * throttle.h: limits on signing in (reference/security.md T31, C4).
 *
 * - Per client (an IPv4 address or an IPv6 /64): at most
 *   SIGN_IN_PER_MINUTE attempts a minute reach the password check; the
 *   rest are answered 429 with Retry-After.
 * - Per account: after ACCOUNT_FAILURES failed attempts in
 *   ACCOUNT_WINDOW seconds the account takes no more attempts until the
 *   window ends, except from a browser holding that account's
 *   known-device cookie (so a flood cannot lock its owner out).
 * - At most HASHES_AT_ONCE password hashes (64 MiB each) run at once; a
 *   request that cannot get a slot within a few seconds is answered 503.
 * Counts are kept in memory: a restart forgets them.
 */
#ifndef VIGIL_HTTP_THROTTLE_H
#define VIGIL_HTTP_THROTTLE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

enum {
    SIGN_IN_PER_MINUTE = 10,
    ACCOUNT_FAILURES = 10,
    ACCOUNT_WINDOW = 15 * 60,
    HASHES_AT_ONCE = 2,
};

struct throttle;

struct throttle *throttle_new(void);
void throttle_free(struct throttle *t);

/* Before an attempt from addr for login at `now`: 0 to go ahead, or the
 * seconds the client must wait. Counts the attempt. */
int throttle_sign_in(struct throttle *t, const struct sockaddr *addr,
                     const char *login, bool known_device, int64_t now);
/* After the password check: a failure counts against the account. */
void throttle_failed(struct throttle *t, const char *login, int64_t now);

/* Takes a hashing slot, waiting up to a few seconds; false when none
 * came free. */
bool throttle_hash_enter(struct throttle *t);
void throttle_hash_leave(struct throttle *t);

struct throttle_stats {
    unsigned hashing;     /* hashes running now */
    unsigned hashing_max; /* the most ever running at once */
    uint64_t hashes;      /* hashes run */
    uint64_t refused;     /* attempts answered 429 */
};
void throttle_stats(struct throttle *t, struct throttle_stats *out);

#endif
