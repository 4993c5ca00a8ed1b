/*
 * clients.h: open connections per client, for the limits of
 * reference/security.md C1: HTTP_PER_IP per address and HTTP_PER_V6_NET
 * per IPv6 /64, since one IPv6 client may own a whole /64 (neither for a
 * trusted proxy, http/proxy.h). Counted here, across request threads,
 * because every thread accepts from the same listening socket (and
 * libmicrohttpd would count per daemon and per /128). Thread-safe.
 */
#ifndef VIGIL_HTTP_CLIENTS_H
#define VIGIL_HTTP_CLIENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

struct clients;
struct proxies;

/* A count for up to max_connections open connections; per_ip 0: no
 * limit per address. Connections from `trusted` (may be NULL; kept, not
 * copied) count against neither limit: many clients share each. */
struct clients *clients_new(unsigned per_ip, size_t max_connections,
                            const struct proxies *trusted);
/* clients_free(NULL) is a no-op. */
void clients_free(struct clients *c);
/* Counts a new connection from sa; false (nothing counted) when its
 * address or /64 is at its limit. */
bool clients_take(struct clients *c, const struct sockaddr *sa);
/* Gives back what clients_take counted for a connection from sa. */
void clients_give(struct clients *c, const struct sockaddr *sa);

#endif
