/*
 * test_proxy.c: http/proxy.h: trusted networks, the client named by
 * X-Forwarded-For and Forwarded (RFC 7239's examples), the rightmost
 * untrusted hop, and the peer for malformed headers and untrusted peers;
 * and http/clients.h's exemption of trusted proxies from the per-address
 * and per-/64 connection limits.
 */
#include "http/proxy.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../check.h"
#include "http/clients.h"

/* text as a socket address (IPv4 or IPv6). */
static union proxy_addr addr(const char *text)
{
    union proxy_addr a;
    memset(&a, 0, sizeof a);
    if (inet_pton(AF_INET, text, &a.in.sin_addr) == 1) {
        a.in.sin_family = AF_INET;
    } else {
        a.in6.sin6_family = AF_INET6;
        if (inet_pton(AF_INET6, text, &a.in6.sin6_addr) != 1)
            fail_msg("bad test address %s", text);
    }
    return a;
}

/* The client of a request from peer with header value v, as text. */
static const char *client(const struct proxies *p, const char *peer,
                          const char *v, char out[INET6_ADDRSTRLEN])
{
    union proxy_addr from = addr(peer), got;
    const struct sockaddr *sa =
        proxy_client(p, &from.sa, p->header == PROXY_FORWARDED ? v : NULL,
                     p->header == PROXY_FORWARDED ? NULL : v, &got);
    proxy_format(sa, out, INET6_ADDRSTRLEN);
    return out;
}

static void networks_match_by_prefix(void **state)
{
    (void)state;
    struct proxies p = {0};
    CHECK_INT("add", proxy_add(&p, "10.0.0.0/8,192.0.2.7,2001:db8::/32"), 0);
    CHECK_INT("count", p.n, 3);
    static const struct {
        const char *addr;
        bool trusted;
    } cases[] = {
        {"10.1.2.3", true},        {"11.0.0.1", false},
        {"192.0.2.7", true},       {"192.0.2.8", false},
        {"2001:db8:1::1", true},   {"2001:db9::1", false},
        {"::ffff:10.9.9.9", true}, /* IPv4-mapped counts as IPv4 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        union proxy_addr a = addr(cases[i].addr);
        CHECK_INT(cases[i].addr, proxy_trusted(&p, &a.sa), cases[i].trusted);
    }
    struct proxies none = {0};
    union proxy_addr lo = addr("127.0.0.1");
    CHECK_INT("no networks", proxy_trusted(&none, &lo.sa), false);
}

static void malformed_networks_are_refused_whole(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "10.0.0.0/33",  "::/129",          "10.0.0.0/", "10.0.0.0/8x",
        "host.example", "10.0.0.0/8,,::1", "",          "1.2.3.4/-1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct proxies p = {0};
        CHECK_INT(bad[i], proxy_add(&p, bad[i]) != 0 || bad[i][0] == '\0',
                  true);
        CHECK_INT(bad[i], p.n, 0);
    }
    struct proxies p = {0};
    char many[PROXY_NETS_MAX * 12 + 16] = "";
    for (int i = 0; i <= PROXY_NETS_MAX; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "%s10.0.0.%d",
                 i ? "," : "", i);
    CHECK_INT("too many", proxy_add(&p, many) != 0, true);
    CHECK_INT("header", proxy_set_header(&p, "Forwarded"), 0);
    CHECK_INT("header", p.header, PROXY_FORWARDED);
    CHECK_INT("header", proxy_set_header(&p, "X-Real-IP") != 0, true);
}

static void x_forwarded_for_gives_the_rightmost_untrusted_hop(void **state)
{
    (void)state;
    struct proxies p = {0};
    proxy_add(&p, "127.0.0.1,10.0.0.0/8");
    char out[INET6_ADDRSTRLEN];
    static const struct {
        const char *peer, *header, *client;
    } cases[] = {
        {"127.0.0.1", "203.0.113.5", "203.0.113.5"},
        {"127.0.0.1", "1.1.1.1, 203.0.113.5", "203.0.113.5"}, /* forged */
        {"127.0.0.1", "203.0.113.5, 10.0.0.2", "203.0.113.5"},
        {"127.0.0.1", "203.0.113.5,10.0.0.2 ,\t10.0.0.3", "203.0.113.5"},
        {"127.0.0.1", "203.0.113.5:4711", "203.0.113.5"},
        {"127.0.0.1", "2001:db8::1", "2001:db8::1"},
        {"127.0.0.1", "[2001:db8::1]:4711", "2001:db8::1"},
        {"127.0.0.1", "::ffff:198.51.100.9", "198.51.100.9"},
        {"127.0.0.1", "10.0.0.9, 10.0.0.2", "10.0.0.9"}, /* all trusted */
        /* Malformed, or unknown before the client: the peer. */
        {"127.0.0.1", "", "127.0.0.1"},
        {"127.0.0.1", "unknown", "127.0.0.1"},
        {"127.0.0.1", "203.0.113.5, junk", "127.0.0.1"},
        {"127.0.0.1", "203.0.113.5, ", "127.0.0.1"},
        {"127.0.0.1", "[2001:db8::1", "127.0.0.1"},
        {"127.0.0.1", "203.0.113.5:99999999", "127.0.0.1"},
        {"127.0.0.1", "203.0.113.256", "127.0.0.1"},
        /* Junk to the left of the client does not matter. */
        {"127.0.0.1", "junk, \"x, 203.0.113.5", "203.0.113.5"},
        /* An untrusted peer is its own client. */
        {"192.0.2.1", "203.0.113.5", "192.0.2.1"},
        {"::1", "203.0.113.5", "::1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR(cases[i].header,
                  client(&p, cases[i].peer, cases[i].header, out),
                  cases[i].client);
}

static void forwarded_reads_for_as_rfc_7239_writes_it(void **state)
{
    (void)state;
    struct proxies p = {0};
    proxy_add(&p, "127.0.0.0/8,::1");
    proxy_set_header(&p, "forwarded");
    char out[INET6_ADDRSTRLEN];
    static const struct {
        const char *header, *client;
    } cases[] = {
        {"for=192.0.2.60;proto=http;by=203.0.113.43", "192.0.2.60"},
        {"For=\"[2001:db8:cafe::17]:4711\"", "2001:db8:cafe::17"},
        {"for=\"[2001:db8::1]\"", "2001:db8::1"},
        {"for=192.0.2.43, for=198.51.100.17", "198.51.100.17"},
        {"for=198.51.100.17, for=127.0.0.2", "198.51.100.17"},
        {"proto=https; for=\"198.51.100.17:80\"", "198.51.100.17"},
        {"for=\"_gazonk\", for=198.51.100.1", "198.51.100.1"},
        /* A quoted comma or semicolon is part of the value. */
        {"for=\"a,b\";by=x, for=198.51.100.2", "198.51.100.2"},
        /* Nothing usable at the right: the peer. */
        {"for=unknown", "127.0.0.1"},
        {"for=\"_gazonk\"", "127.0.0.1"},
        {"by=203.0.113.43", "127.0.0.1"},
        {"for=\"[2001:db8::1]:4711", "127.0.0.1"},
        {"for=2001:db8::1", "2001:db8::1"},
        {"for=\"x\\\"y\"", "127.0.0.1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR(cases[i].header,
                  client(&p, "127.0.0.1", cases[i].header, out),
                  cases[i].client);
    /* The other header is not read. */
    union proxy_addr from = addr("127.0.0.1"), got;
    const struct sockaddr *sa =
        proxy_client(&p, &from.sa, NULL, "203.0.113.5", &got);
    proxy_format(sa, out, sizeof out);
    CHECK_STR("X-Forwarded-For ignored", out, "127.0.0.1");
}

static void only_the_rightmost_hops_are_read(void **state)
{
    (void)state;
    struct proxies p = {0};
    proxy_add(&p, "127.0.0.1,10.0.0.0/8");
    char header[4096] = "", out[INET6_ADDRSTRLEN];
    /* A client, then more trusted hops than are read: the first read. */
    snprintf(header, sizeof header, "203.0.113.5");
    for (int i = 0; i < PROXY_HOPS_MAX + 5; i++)
        snprintf(header + strlen(header), sizeof header - strlen(header),
                 ", 10.0.0.%d", i + 1);
    CHECK_STR("long chain", client(&p, "127.0.0.1", header, out), "10.0.0.6");
    /* Many forged hops to the left of the client. */
    header[0] = '\0';
    for (int i = 0; i < 200; i++)
        snprintf(header + strlen(header), sizeof header - strlen(header),
                 "1.2.3.%d, ", i % 250);
    snprintf(header + strlen(header), sizeof header - strlen(header),
             "203.0.113.5");
    CHECK_STR("forged", client(&p, "127.0.0.1", header, out), "203.0.113.5");
}

static void trusted_proxies_have_no_connection_limit(void **state)
{
    (void)state;
    struct proxies p = {0};
    proxy_add(&p, "::1,127.0.0.1");
    struct clients *c = clients_new(4, 1024, &p);
    union proxy_addr proxy6 = addr("::1"), proxy4 = addr("127.0.0.1");
    union proxy_addr other = addr("127.0.0.2"), net = addr("2001:db8::1");
    for (int i = 0; i < 300; i++) {
        CHECK_INT("::1", clients_take(c, &proxy6.sa), true);
        CHECK_INT("127.0.0.1", clients_take(c, &proxy4.sa), true);
    }
    for (int i = 0; i < 4; i++)
        CHECK_INT("127.0.0.2", clients_take(c, &other.sa), true);
    CHECK_INT("127.0.0.2 at its limit", clients_take(c, &other.sa), false);
    clients_give(c, &other.sa);
    CHECK_INT("a slot back", clients_take(c, &other.sa), true);
    clients_free(c);
    /* Without a per-address limit, an IPv6 /64 still has its own. */
    c = clients_new(0, 1024, NULL);
    int taken = 0;
    for (int i = 0; i < 300; i++) {
        net.in6.sin6_addr.s6_addr[15] = (uint8_t)i;
        net.in6.sin6_addr.s6_addr[14] = (uint8_t)(i >> 8);
        taken += clients_take(c, &net.sa);
    }
    CHECK_INT("per /64", taken, 256);
    clients_free(c);
}

int test_http_proxy(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(networks_match_by_prefix),
        cmocka_unit_test(malformed_networks_are_refused_whole),
        cmocka_unit_test(x_forwarded_for_gives_the_rightmost_untrusted_hop),
        cmocka_unit_test(forwarded_reads_for_as_rfc_7239_writes_it),
        cmocka_unit_test(only_the_rightmost_hops_are_read),
        cmocka_unit_test(trusted_proxies_have_no_connection_limit),
    };
    return cmocka_run_group_tests_name("http/proxy", tests, NULL, NULL);
}
