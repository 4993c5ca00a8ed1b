/*
 * throttle.h: limits on signing in (reference/security.md T31, C4).
 *
 * - Per client (an IPv4 address or an IPv6 /64): at most
 *   SIGN_IN_PER_MINUTE attempts a minute reach the password check; the
 *   rest are answered 429 with Retry-After. An unknown login counts here
 *   only.
 * - Per account (real accounts only): after ACCOUNT_FAILURES failed
 *   attempts in ACCOUNT_WINDOW seconds the account takes no more attempts
 *   until the window ends, except from a browser holding that account's
 *   known-device cookie (so a flood cannot lock its owner out).
 * Counters live in fixed tables under a keyed hash (SipHash, a key drawn
 * at each start), so no one can aim logins or addresses at a slot. An
 * account's counter that holds a lock is never evicted: when every slot
 * it could take holds a lock, the account is refused too. Counts are
 * kept in memory: a restart forgets them. The password hashes themselves
 * run on their own threads (http/hashers.h).
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
};

struct throttle;

struct throttle *throttle_new(void);
/* throttle_free(NULL) is a no-op. */
void throttle_free(struct throttle *t);

/* Before an attempt from addr at `now`: 0 to go ahead, or the seconds the
 * client must wait. Counts the attempt against the address. `account` is
 * the login of a real account, or NULL for a login that names none;
 * `known_device`: the browser holds the account's known-device cookie,
 * which passes its lock. */
int throttle_sign_in(struct throttle *t, const struct sockaddr *addr,
                     const char *account, bool known_device, int64_t now);
/* After the password check: a failure counts against a real account
 * (NULL: none). */
void throttle_failed(struct throttle *t, const char *account, int64_t now);

struct throttle_stats {
    uint64_t refused; /* attempts answered 429 */
};
void throttle_stats(struct throttle *t, struct throttle_stats *out);

#endif
