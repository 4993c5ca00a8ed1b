/*
 * proxy.c: trusted networks and the client named by a proxy's header
 * (proxy.h). Parsers work on slices of the header and copy only a hop's
 * address (at most NODE_MAX bytes) to hand it to inet_pton.
 */
#include "http/proxy.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/err.h"

enum { NODE_MAX = 64 }; /* "[v6]:port" is at most 53 bytes */

struct slice {
    const char *p;
    size_t n;
};

/* ==== Networks ==== */

/* Sets a 16-byte key for sa (IPv4 as ::ffff:a.b.c.d); false for other
 * families. */
static bool key_of(const struct sockaddr *sa, uint8_t key[16])
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0,    0,
                                       0, 0, 0, 0, 0xff, 0xff};
    if (sa && sa->sa_family == AF_INET) {
        memcpy(key, mapped, 12);
        memcpy(key + 12, &((const struct sockaddr_in *)sa)->sin_addr, 4);
        return true;
    }
    if (sa && sa->sa_family == AF_INET6) {
        memcpy(key, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
        return true;
    }
    return false;
}

static bool in_net(const struct proxy_net *net, const uint8_t key[16])
{
    unsigned whole = net->bits / 8, rest = net->bits % 8;
    if (memcmp(net->addr, key, whole) != 0)
        return false;
    uint8_t mask = (uint8_t)(0xff00u >> rest);
    return rest == 0 || (net->addr[whole] & mask) == (key[whole] & mask);
}

bool proxy_trusted(const struct proxies *p, const struct sockaddr *sa)
{
    uint8_t key[16];
    if (p == NULL || p->n == 0 || !key_of(sa, key))
        return false;
    for (size_t i = 0; i < p->n; i++)
        if (in_net(&p->net[i], key))
            return true;
    return false;
}

/* Reads a prefix length of 0..max; false for anything else. */
static bool parse_bits(const char *s, unsigned max, unsigned *out)
{
    unsigned v = 0;
    if (*s == '\0' || strlen(s) > 3)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (unsigned)(*s - '0');
    }
    *out = v;
    return v <= max;
}

/* Parses one CIDR of s[0..n) into net. */
static bool parse_cidr(const char *s, size_t n, struct proxy_net *net)
{
    char text[NODE_MAX];
    if (n == 0 || n >= sizeof text)
        return false;
    memcpy(text, s, n);
    text[n] = '\0';
    char *slash = strchr(text, '/');
    if (slash)
        *slash = '\0';
    union proxy_addr a = {0};
    bool v4 = inet_pton(AF_INET, text, &a.in.sin_addr) == 1;
    a.sa.sa_family = v4 ? AF_INET : AF_INET6;
    if (!v4 && inet_pton(AF_INET6, text, &a.in6.sin6_addr) != 1)
        return false;
    unsigned bits = v4 ? 32 : 128;
    if (slash && !parse_bits(slash + 1, bits, &bits))
        return false;
    key_of(&a.sa, net->addr);
    net->bits = bits + (v4 ? 96 : 0);
    return true;
}

int proxy_add(struct proxies *p, const char *cidrs)
{
    struct proxies next = *p;
    for (const char *s = cidrs; s && *s;) {
        size_t n = strcspn(s, ",");
        if (next.n == PROXY_NETS_MAX)
            return VG_ELIMIT;
        if (!parse_cidr(s, n, &next.net[next.n]))
            return VG_EINVAL;
        next.n++;
        s += n + (s[n] == ',');
    }
    *p = next;
    return 0;
}

int proxy_set_header(struct proxies *p, const char *name)
{
    if (strcasecmp(name, "x-forwarded-for") == 0)
        p->header = PROXY_X_FORWARDED_FOR;
    else if (strcasecmp(name, "forwarded") == 0)
        p->header = PROXY_FORWARDED;
    else
        return VG_EINVAL;
    return 0;
}

/* ==== Hops ==== */

/* Trims spaces and tabs off both ends of s. */
static struct slice trim(struct slice s)
{
    while (s.n && (s.p[0] == ' ' || s.p[0] == '\t'))
        s.p++, s.n--;
    while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t'))
        s.n--;
    return s;
}

/* The length of the part of s before the first `sep`, outside a quoted
 * string (RFC 7230 quoted-string, with backslash escapes) when `quotes`
 * (X-Forwarded-For has none). */
static size_t span_to(struct slice s, char sep, bool quotes)
{
    bool quoted = false;
    for (size_t i = 0; i < s.n; i++) {
        if (quoted && s.p[i] == '\\' && i + 1 < s.n)
            i++;
        else if (quotes && s.p[i] == '"')
            quoted = !quoted;
        else if (!quoted && s.p[i] == sep)
            return i;
    }
    return s.n;
}

/* True when s is 1 to 5 digits. */
static bool is_port(const char *s)
{
    size_t n = strspn(s, "0123456789");
    return n >= 1 && n <= 5 && s[n] == '\0';
}

/* Makes an IPv4-mapped IPv6 address IPv4: one client, one key. */
static void unmap(union proxy_addr *a)
{
    if (a->sa.sa_family != AF_INET6 || !IN6_IS_ADDR_V4MAPPED(&a->in6.sin6_addr))
        return;
    struct in_addr v4;
    memcpy(&v4, a->in6.sin6_addr.s6_addr + 12, 4);
    memset(a, 0, sizeof *a);
    a->in.sin_family = AF_INET;
    a->in.sin_addr = v4;
}

/* Parses a node (an address, perhaps with a port) of text into out. */
static bool parse_node(char *text, union proxy_addr *out)
{
    memset(out, 0, sizeof *out);
    char *colon = strchr(text, ':');
    if (text[0] == '[') {
        char *close = strchr(text, ']');
        if (close == NULL ||
            (close[1] && (close[1] != ':' || !is_port(close + 2))))
            return false;
        *close = '\0';
        out->in6.sin6_family = AF_INET6;
        bool ok = inet_pton(AF_INET6, text + 1, &out->in6.sin6_addr) == 1;
        unmap(out);
        return ok;
    }
    if (colon && strchr(colon + 1, ':') == NULL) { /* a.b.c.d:port */
        if (!is_port(colon + 1))
            return false;
        *colon = '\0';
    }
    out->in.sin_family = AF_INET;
    if (inet_pton(AF_INET, text, &out->in.sin_addr) == 1)
        return true;
    memset(out, 0, sizeof *out);
    out->in6.sin6_family = AF_INET6;
    bool ok = colon && inet_pton(AF_INET6, text, &out->in6.sin6_addr) == 1;
    unmap(out);
    return ok;
}

/* Copies a hop's node into text, unquoting a quoted string; false when
 * it does not fit or is not closed. */
static bool node_text(struct slice s, char text[NODE_MAX])
{
    size_t k = 0;
    bool quoted = s.n >= 2 && s.p[0] == '"';
    if (quoted && s.p[s.n - 1] != '"')
        return false;
    size_t from = quoted, to = s.n - quoted;
    for (size_t i = from; i < to; i++) {
        if (quoted && s.p[i] == '\\' && i + 1 < to)
            i++;
        if (k + 1 >= NODE_MAX || s.p[i] == '"')
            return false;
        text[k++] = s.p[i];
    }
    text[k] = '\0';
    return k > 0;
}

/* The node of one Forwarded element ("for=...;proto=https"). */
static bool forwarded_node(struct slice el, char text[NODE_MAX])
{
    while (el.n) {
        size_t n = span_to(el, ';', true);
        struct slice pair = trim((struct slice){el.p, n});
        if (pair.n > 4 && strncasecmp(pair.p, "for=", 4) == 0)
            return node_text(trim((struct slice){pair.p + 4, pair.n - 4}),
                             text);
        size_t step = n + (n < el.n); /* and the ';' */
        el.p += step;
        el.n -= step;
    }
    return false;
}

/* Parses one element of either header into out. */
static bool hop_addr(const struct proxies *p, struct slice el,
                     union proxy_addr *out)
{
    char text[NODE_MAX];
    el = trim(el);
    bool ok = p->header == PROXY_FORWARDED ? forwarded_node(el, text)
                                           : node_text(el, text);
    return ok && parse_node(text, out);
}

/* Splits value into its elements, keeping the rightmost PROXY_HOPS_MAX
 * in a ring; returns how many there were in all. */
static size_t split_hops(const char *value, bool quotes,
                         struct slice hops[PROXY_HOPS_MAX])
{
    struct slice rest = {value, strlen(value)};
    size_t count = 0;
    for (;;) {
        size_t n = span_to(rest, ',', quotes);
        hops[count++ % PROXY_HOPS_MAX] = (struct slice){rest.p, n};
        if (n == rest.n)
            return count;
        rest.p += n + 1;
        rest.n -= n + 1;
    }
}

const struct sockaddr *proxy_client(const struct proxies *p,
                                    const struct sockaddr *peer,
                                    const char *forwarded,
                                    const char *x_forwarded_for,
                                    union proxy_addr *out)
{
    const char *value =
        p && p->header == PROXY_FORWARDED ? forwarded : x_forwarded_for;
    if (value == NULL || !proxy_trusted(p, peer))
        return peer;
    struct slice hops[PROXY_HOPS_MAX];
    size_t count = split_hops(value, p->header == PROXY_FORWARDED, hops);
    size_t last = count > PROXY_HOPS_MAX ? count - PROXY_HOPS_MAX : 0;
    for (size_t i = count; i-- > last;) {
        if (!hop_addr(p, hops[i % PROXY_HOPS_MAX], out))
            return peer; /* the chain cannot be followed further */
        if (!proxy_trusted(p, &out->sa) || i == last)
            return &out->sa; /* or, all trusted: the first of them */
    }
    return peer; /* not reached: count >= 1 */
}

void proxy_format(const struct sockaddr *sa, char *out, size_t size)
{
    snprintf(out, size, "?");
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out,
                  (socklen_t)size);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
                  (socklen_t)size);
}
