"""test_bytes.py: hostile bytes in every part of a request (path, query,
header values, form, JSON and Markdown bodies) sent to every route kind
(page, API, live stream, feed, static file, sign-in, the write API with a
token): each gets a 4xx answer (never a 5xx, never a closed connection)
whose body is valid UTF-8 (and JSON for the API), and the server stays up.
A slug of invalid UTF-8 once ended the server: the error message quoted
it, json_pack refused it and a NULL reached the body."""
import json
import re
import socket

from editors import add_user, api_token
from harness import Server, Suite, demo_db

T = "iran-nov-2019"

# Percent-escaped byte sequences that are not acceptable text.
ESCAPED = [
    "%FF", "%C3%28", "%80", "%C0%AF", "%E0%80%AF", "%F8%88%80%80%80",
    "%ED%A0%80", "%ED%A0%BD%ED%B2%A9", "%F4%90%80%80", "%FE%FF", "%00",
    "a%00b", "%C3", "%E2%82", "%", "%G1", "%%", "%FF" * 600,
]
# The same as raw bytes, where a request may carry them unescaped.
RAW = [
    b"\xff", b"\xc3\x28", b"\x80", b"\xc0\xaf", b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80", b"\xc3", b"\xfe\xff" * 300,
]
# JSON bodies a parser must refuse or a validator must refuse.
JSON_BODIES = [
    b'{"body": "\xff"}', b'{"body": "\xc0\xaf"}', b'{"body": "\xed\xa0\x80"}',
    b'{"body": "\\ud800"}', b'{"body": "\\udc00x"}', b'{"body": "a\\u0000b"}',
    b'{"\xff": 1}', b'{"body": "' + b"\xff" * 5000 + b'"}', b"\xff",
    b'{"body": ', b'[' * 5000, b'{"body": 1e999999}', b'{"title": "\xc3"}',
]

s = Suite("e2e-bytes")
db = demo_db(s)
add_user(s_db := db, "ed", "editor,admin")
TOKEN = api_token(s_db, "ed")
srv = Server(db)


def send(raw, head_only=False):
    """Sends one raw request; returns (status, headers, body), status 0
    when the server closed without an answer. head_only: stops at the end
    of the head (a live stream's body never ends)."""
    c = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    try:
        c.sendall(raw)
        c.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    out = b""
    try:
        while True:
            chunk = c.recv(65536)
            if not chunk:
                break
            out += chunk
            if head_only and b"\r\n\r\n" in out:
                break
    except OSError:
        pass
    c.close()
    head, _, body = out.partition(b"\r\n\r\n")
    m = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        headers[k.strip().lower().decode("latin-1")] = v.strip().decode(
            "latin-1")
    if headers.get("transfer-encoding") == "chunked":
        body = dechunk(body)
    return (int(m.group(1)) if m else 0), headers, body


def dechunk(data):
    out = b""
    while data:
        size, _, rest = data.partition(b"\r\n")
        n = int(size.split(b";")[0] or b"0", 16)
        if n == 0:
            break
        out += rest[:n]
        data = rest[n + 2:]
    return out


def request(method, target, headers=(), body=None):
    lines = [method.encode() + b" " + target + b" HTTP/1.1",
             b"Host: 127.0.0.1", b"Connection: close"]
    lines += list(headers)
    if body is not None:
        lines.append(b"Content-Length: " + str(len(body)).encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + (body or b"")


def alive():
    return srv.proc.poll() is None


def check(raw, where, allow=(), expect_json=None):
    """Expects a 4xx (or a status in allow) with a UTF-8 body."""
    status, headers, body = send(raw)
    ok = 400 <= status < 500 or status in allow
    s.check(ok, f"{where}: status {status}")
    try:
        text = body.decode("utf-8")
        s.check(True, "")
    except UnicodeDecodeError as e:
        s.check(False, f"{where}: body is not UTF-8 ({e})")
        text = ""
    ctype = headers.get("content-type", "")
    if text and ctype.startswith("application/json"):
        try:
            json.loads(text)
        except ValueError:
            s.check(False, f"{where}: JSON error body does not parse: "
                    f"{text[:120]!r}")
    if expect_json is not None and 400 <= status < 500:
        s.check(ctype.startswith("application/json") == expect_json,
                f"{where}: Content-Type {ctype}")
    if not alive():
        s.check(False, f"{where}: the server died")
        raise SystemExit(finish())
    return status


def finish():
    status, err = srv.stop()
    s.check(status == 0, f"server exit status {status}")
    s.check("Sanitizer" not in err and "runtime error" not in err,
            "sanitizer report: " + err[-2000:])
    s.finish()


# The three requests that ended the release server.
for path in (b"/api/v1/trackers/%FF", b"/t/%FF/live",
             b"/api/v1/trackers/%C3%28/updates"):
    status = check(request("GET", path), f"GET {path!r}", expect_json=True)
    s.check(status == 404, f"GET {path!r}: {status}, not 404")

# The path: in a slug of each route kind, and of a path no route has.
SLUG_ROUTES = ["/t/{}", "/t/{}/live", "/t/{}/feed.atom", "/t/{}/u/1",
               "/api/v1/trackers/{}", "/api/v1/trackers/{}/updates/1",
               "/static/{}", "/{}", "/api/v1/{}", "/t/" + T + "/u/{}",
               "/t/" + T + "/tallies/{}", "/admin/t/{}"]
SIGN_IN = (303,)  # the desk sends a reader to the sign-in page first
for pattern in SLUG_ROUTES:
    for bad in ESCAPED:
        path = pattern.format(bad).encode()
        check(request("GET", path), f"GET {path[:80]!r}", allow=SIGN_IN,
              expect_json=True if path.startswith(b"/api/") else None)
    for bad in RAW:
        path = pattern.format("X").encode().replace(b"X", bad)
        check(request("GET", path), f"GET raw {path[:80]!r}", allow=SIGN_IN)

# The query, on a cached page, the API and a stream.
for base in ("/t/" + T, "/api/v1/trackers/" + T + "/updates", "/t/" + T +
             "/live"):
    for bad in ESCAPED:
        for q in ("?filter=" + bad, "?" + bad + "=1", "?" + bad):
            target = (base + q).encode()
            status, _, body = send(request("GET", target),
                                   head_only=base.endswith("/live"))
            # A query the route ignores may be served (a stream is cut by
            # the close); never a 5xx, always UTF-8.
            # 503: past the per-address cap of live streams, whose closed
            # connections the server may not have noticed yet.
            s.check(status in (200, 404, 503) or 400 <= status < 500,
                    f"GET {target[:80]!r}: status {status}")
            s.check(alive(), f"GET {target[:80]!r}: the server died")

# Header values the server reads: caching, compression, cookies, tokens,
# the content type of a body.
HEADERS = [b"Accept-Encoding", b"If-None-Match", b"Cookie", b"Authorization",
           b"Origin", b"User-Agent", b"Content-Type", b"Forwarded",
           b"X-Forwarded-For"]
for name in HEADERS:
    for bad in RAW + [b"vigil_sid=\xff", b"Bearer \xff", b"Bearer " + b"A" *
                      3000, b"gzip;q=\xff", b'W/"\xff"']:
        for method, path in (("GET", b"/api/v1/me"),
                             ("POST", b"/api/v1/trackers/" + T.encode() +
                              b"/updates")):
            raw = request(method, path, [name + b": " + bad],
                          b"{}" if method == "POST" else None)
            check(raw, f"{method} {path!r} with {name!r}: {bad[:20]!r}",
                  expect_json=True)
    status, _, _ = send(request("GET", ("/t/" + T).encode(),
                                [name + b": \xff\xc3\x28"]))
    s.check(status in (200, 304) or 400 <= status < 500,
            f"GET /t/{T} with {name!r}: status {status}")

# Bodies: the sign-in form and API, the write API (JSON, a form, a
# Markdown text), each with a token.
AUTH = [b"Authorization: Bearer " + TOKEN.encode()]
UPDATES = b"/api/v1/trackers/" + T.encode() + b"/updates"
for body in JSON_BODIES:
    for path, headers in ((UPDATES, AUTH), (b"/api/v1/login", []),
                          (b"/api/v1/trackers/" + T.encode(), AUTH),
                          (b"/api/v1/extract", AUTH)):
        raw = request("POST", path, headers +
                      [b"Content-Type: application/json"], body)
        check(raw, f"POST {path!r} JSON {body[:30]!r}", expect_json=True)
# Escapes that decode to text (a "%" left as it is) may make a valid
# update; the rest must be refused.
TEXT_LIKE = ("%", "%%", "%G1")
for bad in [e for e in ESCAPED if e not in TEXT_LIKE] + [
        b.decode("latin-1") for b in RAW]:
    form = ("body=" + bad).encode("latin-1")
    check(request("POST", UPDATES, AUTH + [
        b"Content-Type: application/x-www-form-urlencoded"], form),
        f"POST updates form {form[:40]!r}", expect_json=True)
    form = ("login=" + bad + "&password=" + bad).encode("latin-1")
    check(request("POST", b"/login",
                  [b"Content-Type: application/x-www-form-urlencoded",
                   b"Origin: http://127.0.0.1:%d" % srv.port], form),
          f"POST /login form {form[:40]!r}", allow=(303,))
for bad in RAW:
    check(request("POST", UPDATES, AUTH + [b"Content-Type: text/markdown"],
                  b"# A title\n\n" + bad), f"POST updates Markdown {bad[:20]!r}",
          expect_json=True)

# After all of it the site still answers.
status, _, _ = send(request("GET", ("/t/" + T).encode()))
s.check(status == 200, f"GET /t/{T} after the hostile requests: {status}")
finish()
