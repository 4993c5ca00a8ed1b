"""test_embed.py: a tracker inside a newsroom's own article.

- /t/SLUG/embed is the live page without the site's frame; its CSP
  frame-ancestors is the tracker's list of origins (set with the CLI and
  on the desk's settings, editors only, with the CSRF token), and it sends
  no X-Frame-Options; with no origins listed it keeps every page's
  headers. Every other page stays unframeable (frame-ancestors 'none',
  X-Frame-Options: DENY), from libmicrohttpd and from the front's cache.
- /embed.js is at most 1 KB, loadable from other origins.
- /oembed answers oEmbed 1.0 (oembed.com §2.3.4): the fields every
  response needs and those its type needs, sizes within maxwidth and
  maxheight, 404 for an address that is no tracker's, 501 for XML.
- Every page of a tracker links to its oEmbed answer (discovery, §4).
- The allowlist goes with the tracker's bundle: export, import, export
  gives the same bytes, and the imported tracker's embed page the same
  frame-ancestors.
- `vigil check` passes after the writes.
"""
import json
import os
import re
import time
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import html5lib  # Debian's python3 has it (run-all.sh)

from harness import (COMMON_HEADERS, CSP_HTML, Server, Suite, demo_db,
                     empty_db, vigil)
from editors import Client, add_user

S = Suite("e2e-embed")
SLUG = "iran-nov-2019"
db = demo_db(S)
ORIGINS = "http://127.0.0.1:9 https://news.example"

# ==== The allowlist, from the CLI ====

rc, _, err = vigil("tracker", "set", SLUG, "--frame-origins", ORIGINS, db=db)
S.check(rc == 0, f"the CLI sets the origins: {err}")
for bad in ["javascript:alert(1)", "https://a.example/path",
            "https://a.example; script-src *", "https://A.example",
            "https://a.example  https://b.example", "*", "'self'",
            "https://a.example:99999999", "ftp://a.example"]:
    rc, _, err = vigil("tracker", "set", SLUG, "--frame-origins", bad, db=db,
                       check=False)
    S.check(rc != 0 and "frame-origins" in err,
            f"the CLI refuses {bad!r}: {rc} {err.strip()}")
vigil("tracker", "create", "quiet", "--title", "No embeds",
      "--started-on", "2019-12-01", "--timezone", "Europe/Paris", db=db)

add_user(db, "ed", "editor")
add_user(db, "contrib", "contributor")
srv = Server(db, "--demo")  # sign-in without a second factor
BASE = f"http://127.0.0.1:{srv.port}"


def csp(path):
    return srv.get(path).header("content-security-policy")


def frame_ancestors(policy):
    m = re.search(r"frame-ancestors ([^;]*)", policy or "")
    return m.group(1).strip() if m else None


def embed_framers(want):
    """The embed page's frame-ancestors, once it is want or after 20 s: a
    change reaches the page cache through the watch thread, a moment after
    the write is answered."""
    for _ in range(200):
        got = frame_ancestors(csp(f"/t/{SLUG}/embed"))
        if got == want:
            break
        time.sleep(0.1)
    return got


# ==== The embed page's headers ====

# Twice: once rendered, once from the front's cache.
for attempt in ("rendered", "cached"):
    r = srv.get(f"/t/{SLUG}/embed")
    S.check(r.status == 200, f"embed {attempt}: {r.status}")
    S.check(frame_ancestors(r.header("content-security-policy")) == ORIGINS,
            f"embed {attempt}: frame-ancestors is the list: "
            f"{r.header('content-security-policy')}")
    S.check(r.header("content-security-policy") ==
            CSP_HTML.replace("frame-ancestors 'none'",
                             "frame-ancestors " + ORIGINS),
            f"embed {attempt}: the rest of the page CSP is unchanged")
    S.check(r.header("x-frame-options") is None,
            f"embed {attempt}: no X-Frame-Options")
    for name, value in COMMON_HEADERS.items():
        if name != "x-frame-options":
            S.check(r.header(name) == value,
                    f"embed {attempt}: {name} is {r.header(name)}")

# Every other page stays unframeable, the quiet tracker's embed too.
for path in ["/", f"/t/{SLUG}", f"/t/{SLUG}?filter=key", f"/t/{SLUG}/u/1",
             f"/t/{SLUG}/day/3", f"/t/{SLUG}/lite", f"/t/{SLUG}/tallies",
             "/sources", "/t/quiet/embed", "/login", "/embed.js",
             f"/oembed?url={quote(BASE + '/t/' + SLUG, safe='')}",
             f"/t/{SLUG}/feed.atom", "/api/v1/trackers", "/t/nope/embed"]:
    for attempt in ("rendered", "cached"):
        r = srv.get(path)
        S.check(frame_ancestors(r.header("content-security-policy")) ==
                "'none'", f"{path} ({attempt}): "
                f"{r.header('content-security-policy')}")
        S.check(r.header("x-frame-options") == "DENY",
                f"{path} ({attempt}): X-Frame-Options "
                f"{r.header('x-frame-options')}")

# ==== The embed page's content ====


class Page(HTMLParser):
    """What the tests read from a page: tags with their attributes."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag, **want):
        return [a for t, a in self.tags if t == tag and
                all(a.get(k.replace("_", "-")) == v for k, v in want.items())]


live = srv.get(f"/t/{SLUG}").text()
embed = srv.get(f"/t/{SLUG}/embed").text()
try:
    html5lib.HTMLParser(strict=True).parse(embed)
    S.check(True, "the embed page is valid HTML")
except html5lib.html5parser.ParseError as e:
    S.check(False, f"the embed page is valid HTML: {e}")
lp, ep = Page(live), Page(embed)
S.check(ep.find("body", **{"class": "framed"}), "the embed body is marked")
S.check(not ep.find("header") and not ep.find("footer") and
        not ep.find("form"), "no site header, footer or search form")
live_ids = [a["id"] for a in lp.find("article") if "id" in a]
embed_ids = [a["id"] for a in ep.find("article") if "id" in a]
S.check(live_ids and embed_ids == live_ids,
        f"the same updates as the live page: {embed_ids[:5]} {live_ids[:5]}")
S.check(ep.find("div", id="live") and
        ep.find("div", id="live")[0].get("data-stream", "").startswith(
            f"/t/{SLUG}/live?after="), "the live hook, for live updates")
scripts = [a.get("src", "") for a in ep.find("script")]
S.check(any(re.fullmatch(r"/static/live\.[0-9a-f]{8}\.js", s)
            for s in scripts), f"the live script: {scripts}")
S.check(any(a.get("href") == f"{BASE}/t/{SLUG}" and
            a.get("target") == "_blank" for a in ep.find("a")),
        "a link opens the whole coverage out of the frame")

# ==== The host page's script ====

r = srv.get("/embed.js")
S.check(r.status == 200 and r.header("content-type").startswith(
    "text/javascript"), f"embed.js: {r.status} {r.header('content-type')}")
S.check(0 < len(r.body) <= 1024, f"embed.js is {len(r.body)} bytes")
S.check(r.header("cross-origin-resource-policy") == "cross-origin",
        "other sites' pages may load it")
S.check(b"e.origin !== origin" in r.body,
        "it checks the messages' origin")

# ==== oEmbed ====

# oembed.com §2.3.4: every response, then each type's own fields.
REQUIRED = ("type", "version")
BY_TYPE = {"photo": ("url", "width", "height"),
           "video": ("html", "width", "height"),
           "link": (),
           "rich": ("html", "width", "height")}


def valid_oembed(j):
    """The spec's rules a consumer relies on; returns what breaks them."""
    wrong = [k for k in REQUIRED if k not in j]
    if j.get("version") != "1.0":
        wrong.append("version")
    if j.get("type") not in BY_TYPE:
        return wrong + ["type"]
    wrong += [k for k in BY_TYPE[j["type"]] if k not in j]
    for k in ("width", "height"):
        if k in j and not (isinstance(j[k], int) and j[k] > 0):
            wrong.append(k)
    for k in ("title", "provider_name", "provider_url", "html"):
        if k in j and not isinstance(j[k], str):
            wrong.append(k)
    return wrong


def oembed(url, extra=""):
    return srv.get(f"/oembed?url={quote(url, safe='')}{extra}")


for url in [f"{BASE}/t/{SLUG}", f"{BASE}/t/{SLUG}/day/3",
            f"{BASE}/t/{SLUG}/embed"]:
    r = oembed(url, "&format=json")
    S.check(r.status == 200 and r.header("content-type").startswith(
        "application/json"), f"oembed {url}: {r.status}")
    j = json.loads(r.body)
    S.check(valid_oembed(j) == [], f"oembed {url}: {valid_oembed(j)} {j}")
    S.check(j["type"] == "rich" and j["provider_name"] == "Vigil" and
            j["provider_url"] == BASE and
            j["title"] == "Iran protests, November 2019",
            f"oembed {url}: title and provider: {j}")
    frame = Page(j["html"]).find("iframe")
    S.check(len(frame) == 1 and frame[0]["src"] == f"{BASE}/t/{SLUG}/embed" and
            frame[0]["width"] == str(j["width"]) and
            frame[0]["height"] == str(j["height"]),
            f"oembed {url}: the frame: {j['html']}")
    S.check(Page(j["html"]).find("script", src=f"{BASE}/embed.js"),
            f"oembed {url}: the sizing script")

j = json.loads(oembed(f"{BASE}/t/{SLUG}", "&maxwidth=320&maxheight=240").body)
S.check(j["width"] <= 320 and j["height"] <= 240 and valid_oembed(j) == [],
        f"maxwidth and maxheight bound the size: {j['width']}x{j['height']}")
j = json.loads(oembed(f"{BASE}/t/{SLUG}", "&maxwidth=x&maxheight=-1").body)
S.check(valid_oembed(j) == [], "bad maxwidth/maxheight are ignored")

for url, extra, want in [
        (f"{BASE}/t/{SLUG}", "&format=xml", 501),
        (f"{BASE}/t/{SLUG}", "&format=yaml", 501),
        (f"{BASE}/t/nope", "&format=json", 404),
        (f"https://elsewhere.example/t/{SLUG}", "", 404),
        (f"{BASE}/sources", "", 404),
        (f"{BASE}/t/", "", 404)]:
    r = oembed(url, extra)
    S.check(r.status == want, f"oembed {url}{extra}: {r.status}, want {want}")
S.check(srv.get("/oembed").status == 400, "oembed without url: 400")

# ==== Discovery ====

for path in [f"/t/{SLUG}", f"/t/{SLUG}/u/1", f"/t/{SLUG}/day/3",
             f"/t/{SLUG}/tallies", f"/t/{SLUG}/embed"]:
    links = Page(srv.get(path).text()).find(
        "link", rel="alternate", type="application/json+oembed")
    S.check(len(links) == 1, f"{path}: one oEmbed link: {links}")
    if links:
        href = urlsplit(links[0]["href"])
        S.check(f"{href.scheme}://{href.netloc}" == BASE,
                f"{path}: an absolute link: {links[0]['href']}")
        r = srv.get(f"{href.path}?{href.query}")
        S.check(r.status == 200 and valid_oembed(json.loads(r.body)) == [],
                f"{path}: the link answers: {r.status}")
S.check(not Page(srv.get("/").text()).find(
    "link", type="application/json+oembed"), "the index has no oEmbed link")

# ==== The desk's settings: editors only, with the CSRF token ====

ed = Client(srv, source="127.0.1.1")
S.check(ed.login("ed").status == 200, "the editor signs in")
co = Client(srv, source="127.0.1.2")
S.check(co.login("contrib").status == 200, "the contributor signs in")
page = ed.request("GET", f"/admin/t/{SLUG}/settings")
S.check(page.status == 200 and b'name="frame_origins"' in page.body and
        ORIGINS.encode() in page.body, "the settings show the origins")
version = re.search(rb'name="version" value="([0-9a-f]+)"', page.body)
form = {"frame_origins": "https://cms.example"}
if version:
    form["version"] = version.group(1).decode()
r = co.request("POST", f"/admin/t/{SLUG}/settings", form, form=True)
S.check(r.status == 403, f"a contributor may not change them: {r.status}")
r = ed.request("POST", f"/admin/t/{SLUG}/settings", form, form=True,
               csrf=False)
S.check(r.status == 403, f"not without the CSRF token: {r.status}")
S.check(frame_ancestors(csp(f"/t/{SLUG}/embed")) == ORIGINS,
        "refused changes change nothing")
r = ed.request("POST", f"/admin/t/{SLUG}/settings",
               {"frame_origins": "https://cms.example/x"}, form=True)
S.check(r.status == 422 and b"frame_origins" in r.body,
        f"a bad origin is refused with the form: {r.status}")
r = ed.request("POST", f"/admin/t/{SLUG}/settings", form, form=True)
S.check(r.status == 303, f"the editor saves them: {r.status} {r.body[:200]}")
S.check(embed_framers("https://cms.example") == "https://cms.example",
        "the embed page follows (the cached page is replaced)")

# The allowlist travels with the tracker's bundle.
one, two = (os.path.join(S.tmp, n) for n in ("one.json", "two.json"))
vigil("export", SLUG, "--output", one, db=db)
S.check(json.load(open(one))["tracker"].get("frame_origins") ==
        "https://cms.example", "the bundle holds the origins")
fresh = empty_db(S, "fresh")
vigil("import", one, db=fresh)
vigil("export", SLUG, "--output", two, db=fresh)
S.check(open(one, "rb").read() == open(two, "rb").read(),
        "export, import, export gives the same bytes")
copy = Server(fresh)
S.check(frame_ancestors(copy.get(f"/t/{SLUG}/embed").header(
    "content-security-policy")) == "https://cms.example",
    "the imported tracker's embed page has the same frame-ancestors")
copy.stop()

r = ed.request("POST", f"/admin/t/{SLUG}/settings", {"frame_origins": ""},
               form=True)
S.check(r.status == 303, f"the editor clears them: {r.status}")
S.check(embed_framers("'none'") == "'none'" and
        srv.get(f"/t/{SLUG}/embed").header("x-frame-options") == "DENY",
        "with none listed, nobody may frame it")

status, err = srv.stop()
S.check(status == 0, f"server exit {status}: {err[-400:]}")
rc, out, err = vigil("check", db=db, check=False)
S.check(rc == 0, f"vigil check: {out[-300:]} {err[-300:]}")
S.finish()
