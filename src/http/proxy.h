/*
 * proxy.h: the client behind a trusted reverse proxy (--trusted-proxy).
 *
 * Behind nginx every connection comes from the proxy's address, so the
 * limits of reference/security.md C1 and T24 (connections, live readers,
 * sign-in tries) and the security log would all see one client. A
 * request whose peer is in one of the trusted networks names its client
 * in the one header the proxy is configured to write: X-Forwarded-For
 * (default) or Forwarded (RFC 7239, its `for=` parameter). The client is
 * the rightmost hop that is not itself a trusted proxy: hops to its left
 * are whatever the client chose to send. A peer outside the trusted
 * networks is its own client, whatever it sends.
 *
 * Hops accepted: IPv4 "192.0.2.1", IPv6 "2001:db8::1" (X-Forwarded-For
 * only), "[2001:db8::1]", either with a port ("192.0.2.1:4711",
 * "[2001:db8::1]:4711"), and in Forwarded a quoted string of those. A
 * malformed header, or a hop read before the client that is not an
 * address ("unknown", an obfuscated "_name"), makes the peer the client:
 * every such request then shares the proxy's limits, none escapes them.
 * IPv4-mapped IPv6 addresses count as IPv4.
 */
#ifndef VIGIL_HTTP_PROXY_H
#define VIGIL_HTTP_PROXY_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

enum {
    PROXY_NETS_MAX = 16, /* --trusted-proxy given at most this often */
    PROXY_HOPS_MAX = 32  /* hops read from the right of a header */
};

/* Which header the trusted proxies write. */
enum proxy_header { PROXY_X_FORWARDED_FOR, PROXY_FORWARDED };

/* A network: an IPv6 prefix (IPv4 as ::ffff:0:0/96 plus its bits). */
struct proxy_net {
    uint8_t addr[16];
    unsigned bits; /* 0..128 */
};

struct proxies {
    struct proxy_net net[PROXY_NETS_MAX];
    size_t n; /* 0: no proxy is trusted */
    enum proxy_header header;
};

/* An address as a socket address of either family (port 0). */
union proxy_addr {
    struct sockaddr sa;
    struct sockaddr_in in;
    struct sockaddr_in6 in6;
};

/* Adds the networks of a comma-separated list of CIDRs ("10.0.0.0/8",
 * "::1", "2001:db8::/32"; no prefix length: one address). Returns 0, or
 * VG_EINVAL (a malformed entry) or VG_ELIMIT (over PROXY_NETS_MAX); p is
 * unchanged then. */
int proxy_add(struct proxies *p, const char *cidrs);
/* Sets the header from its name, any case ("x-forwarded-for",
 * "forwarded"); VG_EINVAL for another. */
int proxy_set_header(struct proxies *p, const char *name);
/* True when sa is in one of p's networks. */
bool proxy_trusted(const struct proxies *p, const struct sockaddr *sa);
/*
 * The client of a request from peer that carried the header values
 * `forwarded` and `x_forwarded_for` (NULL when absent; several lines of
 * one header joined by ", "). Returns peer itself, or out filled with the
 * client's address. peer may be NULL (then NULL is returned).
 */
const struct sockaddr *proxy_client(const struct proxies *p,
                                    const struct sockaddr *peer,
                                    const char *forwarded,
                                    const char *x_forwarded_for,
                                    union proxy_addr *out);
/* Writes sa's address as text ("?" for none) into out (at least
 * INET6_ADDRSTRLEN bytes). */
void proxy_format(const struct sockaddr *sa, char *out, size_t size);

#endif
