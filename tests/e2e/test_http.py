"""test_http.py: every public route of `vigil serve` on the demo: status,
Content-Type with charset, the headers of security.md C3 (T9), ETag and
304, gzip, HEAD; the error cases 400, 404, 405, 413, 414, 431 (T29's
cases); a cached GET runs no SQL; a CLI write reaches readers; SIGTERM
stops the server cleanly."""
import gzip
import re
import time

from harness import (COMMON_HEADERS, CSP_DATA, CSP_HTML, Suite, Server,
                     demo_db, vigil)

T = "/t/iran-nov-2019"
HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"

s = Suite("e2e-http")
db = demo_db(s)
srv = Server(db)

live = srv.get(T)
css = re.search(r'href="(/static/style\.[0-9a-f]+\.css)"', live.text())
s.check(css is not None, "the live page links its stylesheet")

ROUTES = [
    ("/", HTML), ("/sources", HTML), (T, HTML), (T + "?filter=key", HTML),
    (T + "/u/1", HTML), (T + "/u/9", HTML), (T + "/day/1", HTML),
    (T + "/day/44", HTML), (T + "/days", HTML), (T + "/tallies", HTML),
    (T + "/tallies/killed", HTML), (T + "/lite", HTML),
    (T + "/feed.atom", "application/atom+xml; charset=utf-8"),
    (T + "/feed.json", "application/feed+json; charset=utf-8"),
    (css.group(1) if css else "/static/missing", "text/css; charset=utf-8"),
    ("/api/v1/trackers", JSON), ("/api/v1/trackers/iran-nov-2019", JSON),
    ("/api/v1/trackers/iran-nov-2019/updates", JSON),
    ("/api/v1/trackers/iran-nov-2019/updates/1", JSON),
    ("/api/v1/trackers/iran-nov-2019/claims", JSON),
    ("/api/v1/sources", JSON), ("/favicon.ico", "image/svg+xml"),
]
SAME_ORIGIN = (HTML, "text/css; charset=utf-8", "image/svg+xml")


def check_headers(r, where, html):
    for name, value in COMMON_HEADERS.items():
        s.check(r.header(name) == value, f"{where}: {name} is {r.header(name)}")
    csp = r.header("content-security-policy")
    s.check(csp == (CSP_HTML if html else CSP_DATA), f"{where}: CSP {csp}")
    s.check(r.header("server") is None and r.header("x-powered-by") is None,
            f"{where}: sends a Server or X-Powered-By header")
    ctype = r.header("content-type") or ""
    if ctype.startswith(("text/", "application/json")):
        s.check("charset=utf-8" in ctype, f"{where}: no charset in {ctype}")


for path, ctype in ROUTES:
    r = srv.get(path)
    s.check(r.status == 200, f"GET {path}: status {r.status}")
    s.check(r.header("content-type") == ctype,
            f"GET {path}: Content-Type {r.header('content-type')}")
    check_headers(r, "GET " + path, ctype in SAME_ORIGIN)
    api = path.startswith("/api/")
    feed = path.endswith((".atom", ".json"))
    if api:
        s.check(r.header("content-disposition") == 'attachment; filename="api.json"',
                f"GET {path}: Content-Disposition")
    if api or feed:
        s.check(r.header("access-control-allow-origin") == "*", f"GET {path}: CORS")
        s.check(r.header("cross-origin-resource-policy") == "cross-origin",
                f"GET {path}: CORP")
    else:
        s.check(r.header("access-control-allow-origin") is None,
                f"GET {path}: CORS on a page")
        s.check(r.header("cross-origin-resource-policy") == "same-origin",
                f"GET {path}: CORP")
    etag = r.header("etag")
    s.check(etag is not None and re.fullmatch(r'"[0-9a-f]{32}"', etag),
            f"GET {path}: ETag {etag}")
    again = srv.get(path, {"If-None-Match": etag or ""})
    s.check(again.status == 304 and again.body == b"",
            f"GET {path} with If-None-Match: {again.status}")
    check_headers(again, "304 " + path, ctype in SAME_ORIGIN)
    z = srv.get(path, {"Accept-Encoding": "gzip, br"})
    if z.header("content-encoding") == "gzip":
        s.check(gzip.decompress(z.body) == r.body, f"GET {path}: gzip differs")
        s.check(z.header("vary") == "Accept-Encoding", f"GET {path}: Vary")
        s.check(z.header("etag") != etag, f"GET {path}: gzip shares the ETag")
    else:
        s.check(len(r.body) < 1500, f"GET {path}: large page not gzipped")
    zq = srv.get(path, {"Accept-Encoding": "gzip;q=0"})
    s.check(zq.header("content-encoding") is None, f"GET {path}: gzip;q=0")
    h = srv.request("HEAD", path)
    s.check(h.status == 200 and h.body == b"" and
            h.header("etag") == etag, f"HEAD {path}: {h.status}")

# Errors: status, format, and the same headers.
r = srv.get("/no/such/page")
s.check(r.status == 404 and r.header("content-type") == HTML, "404 page")
check_headers(r, "404", True)
r = srv.get("/api/v1/trackers/nope")
s.check(r.status == 404 and r.header("content-type") == JSON and
        '"code":"not_found"' in r.text(), "404 in the API is JSON")
check_headers(r, "API 404", False)
for path in [T + "/u/999", T + "/day/45", T + "/day/0", T + "/tallies/eaten",
             "/t/nope", T + "/u/x", "/static/style.css"]:
    s.check(srv.get(path).status == 404, f"GET {path} is 404")
r = srv.request("POST", T, {"Content-Type": "text/plain"}, b"x")
s.check(r.status == 405 and "GET" in (r.header("allow") or ""),
        f"POST to a public page: {r.status} Allow {r.header('allow')}")
check_headers(r, "405", True)
for method in ["PUT", "DELETE", "PATCH"]:
    s.check(srv.request(method, "/api/v1/sources").status == 405,
            f"{method} on the API is 405")
r = srv.request("OPTIONS", "/api/v1/sources")
s.check(r.status == 204 and r.header("access-control-allow-origin") == "*",
        f"OPTIONS on the API: {r.status}")

status, raw = srv.raw(b"POST " + T.encode() + b" HTTP/1.1\r\nHost: x\r\n"
                      b"Content-Length: 10485760\r\n\r\n")
s.check(status == 413, f"a 10 MiB Content-Length: {status}")
s.check(b"nosniff" in raw, "413 carries the headers")
status, raw = srv.raw(b"GET " + T.encode() + b" HTTP/1.1\r\nHost: x\r\n"
                      b"Content-Length: 1\r\nContent-Length: 1\r\n\r\nx")
s.check(status == 400, f"duplicate Content-Length: {status}")
status, raw = srv.raw(b"POST " + T.encode() + b" HTTP/1.1\r\nHost: x\r\n"
                      b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                      b"0\r\n\r\n")
s.check(status == 400, f"Content-Length with Transfer-Encoding: {status}")
r = srv.get(T + "?" + "a" * 3000)
s.check(r.status == 414, f"a 3 KB URL: {r.status}")
check_headers(r, "414", True)
status, raw = srv.raw(b"GET /" + b"a" * 65536 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
s.check(status == 414, f"a 64 KiB URL: {status}")
r = srv.get(T, {"Cookie": "a=" + "b" * 5000})
s.check(r.status == 431, f"a 5 KB Cookie: {r.status}")
check_headers(r, "431", True)
big = b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 8000) for i in range(200))
status, raw = srv.raw(b"GET " + T.encode() + b" HTTP/1.1\r\nHost: x\r\n" +
                      big + b"\r\n")
s.check(status in (413, 431), f"200 headers of 8 KiB: {status}")

# A cached GET runs no SQL.
srv.get(T)
before = srv.metric("vigil_sql_statements_total")
for _ in range(20):
    srv.get(T)
    srv.get(T, {"Accept-Encoding": "gzip"})
after = srv.metric("vigil_sql_statements_total")
s.check(before > 0 and after == before,
        f"cached GETs ran SQL: {before} -> {after} statements")

# A write by the CLI reaches readers within a second or so.
vigil("post", "iran-nov-2019", "--title", "From the CLI", db=db,
      stdin=b"Posted while the server runs.")
seen = False
for _ in range(40):
    if "From the CLI" in srv.get(T).text():
        seen = True
        break
    time.sleep(0.05)
s.check(seen, "a CLI post shows on the live page")
s.check(srv.metric("vigil_sql_statements_total") > after,
        "the new page was rendered from the database")

status, err = srv.stop()
s.check(status == 0, f"SIGTERM: exit {status} {err[-500:]}")
s.finish()
