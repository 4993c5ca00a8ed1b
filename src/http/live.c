/* live.c: subscribing a reader to a tracker's live events. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/handlers.h"
#include "http/server.h"
#include "live/hub.h"

/* Where to resume: the Last-Event-ID a reconnecting EventSource sends, or
 * the ?after= the page was rendered at; -1 for neither. */
static int64_t resume_from(const char *last_id, const char *after)
{
    const char *id = last_id ? last_id : after;
    if (id == NULL || *id < '0' || *id > '9' || strlen(id) > 18)
        return -1;
    char *end;
    long long v = strtoll(id, &end, 10);
    return *end ? -1 : v;
}

/* The caps count per IPv4 address and per IPv6 /64. */
static void client_key(const struct sockaddr *sa, char *out, size_t size)
{
    snprintf(out, size, "?");
    if (sa && sa->sa_family == AF_INET) {
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out,
                  (socklen_t)size);
    } else if (sa && sa->sa_family == AF_INET6) {
        struct in6_addr net = ((const struct sockaddr_in6 *)sa)->sin6_addr;
        memset(net.s6_addr + 8, 0, 8);
        inet_ntop(AF_INET6, &net, out, (socklen_t)size);
    }
}

int live_join(struct req *r, const struct sockaddr *sa, const char *last_id,
              const char *after, const struct hub_transport *t, void *conn)
{
    struct tracker tr;
    int rc = req_tracker(r, &tr, NULL);
    req_release_store(r); /* the stream may last half an hour */
    if (rc != 0)
        return rc;
    char client[INET6_ADDRSTRLEN];
    client_key(sa, client, sizeof client);
    r->stream = hub_subscribe(r->app->hub, tr.id, client,
                              resume_from(last_id, after), t, conn, r->now);
    if (r->stream == NULL)
        return req_error(r, 503,
                         "Too many live readers; the page still "
                         "works, reload it to see new updates.");
    return 0;
}

/* GET /t/:slug/live */
int live_subscribe(struct req *r)
{
    struct MHD_Connection *c = r->conn;
    union proxy_addr client;
    return live_join(
        r, req_client_addr(r, &client),
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Last-Event-ID"),
        MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "after"), NULL,
        r->conn);
}
