"""test_seo.py: what search engines and link previews read.

- The live page's JSON-LD is a schema.org LiveBlogPosting: coverage as
  DateTimes (Day 1's local midnight, the midnight after the last day),
  datePublished, dateModified, author and publisher (the site, named by
  its host), the image of its newest update that has one (a JPEG of the
  media store, served), the Event it is about placed in the tracker's
  country, and each shown update a BlogPosting with its headline, plain
  text, dates and, where the tracker shows bylines, its author. An
  update's page has its own BlogPosting. Every DateTime is ISO 8601.
- JSON-LD is escaped by construction: an update whose title and body hold
  `</script><script>alert(1)</script>` and `<!--` leaves the JSON-LD
  parsing to the very text, and no script element is added (parsed as a
  browser does, with html5lib).
- Public pages carry a meta description (the tracker's summary, in its
  language), Open Graph (og:title, og:description, og:type, og:locale from
  the tracker's language, og:url absolute and canonical, og:image where
  the page has one) and a Twitter card; the desk's pages carry none.
- /robots.txt allows the public pages, disallows the desk and the
  editors' API, and names the sitemap; /sitemap.xml is a sitemap index of
  the listed trackers' sitemaps, each valid against the sitemaps.org 0.9
  schema (xmllint --schema, tests/sitemaps/), at most 50,000 URLs, every
  URL absolute and served; published updates are listed with their
  lastmod, drafts and retracted updates are not, nor unlisted trackers.
  Both are cached as the pages are, and a write reaches them.
- `vigil check` passes after the writes.
"""
import json
import os
import re
import subprocess
import sys
import time
import urllib.robotparser
from datetime import datetime

import html5lib  # Debian's python3 has it (run-all.sh)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, Server, Suite, demo_db, vigil  # noqa: E402
from editors import add_user, api_token  # noqa: E402

S = Suite("e2e-seo")
SLUG = "iran-nov-2019"
FA = "iran-nov-2019-fa"
BASE = "https://news.example"
NS = "{http://www.w3.org/1999/xhtml}"
SITEMAPS = os.path.join(ROOT, "tests", "sitemaps")
HOSTILE = "</script><script>alert(1)</script> <!-- x"
DT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?"
                r"(Z|[+-]\d{2}:\d{2})$")

db = demo_db(S)
vigil("tracker", "set", SLUG, "--bylines", "on", db=db)
vigil("tracker", "create", "hidden", "--title", "Not announced",
      "--started-on", "2019-12-01", "--timezone", "Europe/Paris", db=db)
vigil("tracker", "unlist", "hidden", db=db)
add_user(db, "nadia", "editor")
vigil("user", "name", "nadia", "Nadia Reporter", db=db)
TOKEN = api_token(db, "nadia")
_, out, _ = vigil("media", "add", os.path.join(ROOT, "tests", "media",
                                               "gps-p3.jpg"),
                  "--tracker", SLUG, "--alt", "A drawn face at the square",
                  db=db)
KEY = out.split()[0]

srv = Server(db, "--base-url", BASE)


def api_post(path, body):
    r = srv.request("POST", f"/api/v1/trackers/{SLUG}{path}",
                    {"Authorization": "Bearer " + TOKEN,
                     "Content-Type": "application/json"},
                    json.dumps(body).encode())
    return r.status, (json.loads(r.body) if r.body else {})


def post(body):
    status, j = api_post("/updates", body)
    S.check(status == 201, f"posted {body.get('title')!r}: {status} {j}")
    return j.get("number")


IMG = post({"title": "At the square",
            "body": f"![A drawn face at the square](/media/{KEY})\n\n"
                    "The scene this morning."})
BAD = post({"title": HOSTILE,
            "body": "Quoted: `</script><script>alert(1)</script>` and "
                    "`<!--` in a sentence."})
DRAFT = post({"title": "Secret draft heading", "body": "Not yet.",
              "draft": True})
GONE = post({"title": "Withdrawn heading", "body": "Wrong."})
PLAIN = post({"title": "Plain words", "body": "Nothing to hide."})


def is_datetime(v):
    if not isinstance(v, str) or not DT.match(v):
        return False
    try:
        datetime.fromisoformat(v.replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


def when(v):
    return datetime.fromisoformat(v.replace("Z", "+00:00"))


def parse(path):
    """The page's status, its html5lib tree and its text."""
    r = srv.get(path)
    text = r.text()
    return r.status, html5lib.parse(text, namespaceHTMLElements=True), text


def scripts(doc):
    return doc.findall(f".//{NS}script")


def jsonld(doc):
    """The page's JSON-LD objects, parsed."""
    out = []
    for s in scripts(doc):
        if s.get("type") == "application/ld+json":
            try:
                out.append(json.loads(s.text or ""))
            except ValueError as e:
                S.check(False, f"JSON-LD parses: {e}: {s.text[:200]!r}")
    return out


def metas(doc):
    """name or property -> content, of the head's <meta> elements."""
    out = {}
    for m in doc.findall(f".//{NS}head/{NS}meta"):
        k = m.get("property") or m.get("name")
        if k:
            out[k] = m.get("content")
    return out


def organization(o, what):
    S.check(isinstance(o, dict) and o.get("@type") == "Organization" and
            o.get("name") == "news.example" and o.get("url") == BASE,
            f"{what} is the site, named by its host: {o}")


def check_posting(p, what):
    S.check(p.get("@type") == "BlogPosting", f"{what}: a BlogPosting")
    S.check(isinstance(p.get("url"), str) and
            re.fullmatch(re.escape(f"{BASE}/t/{SLUG}/u/") + r"\d+", p["url"]),
            f"{what}: its absolute URL: {p.get('url')}")
    S.check(isinstance(p.get("articleBody"), str) and
            "<p>" not in p["articleBody"] and p["articleBody"],
            f"{what}: articleBody is plain text: {p.get('articleBody')!r}")
    S.check(is_datetime(p.get("datePublished")) and
            is_datetime(p.get("dateModified")) and
            when(p["dateModified"]) >= when(p["datePublished"]),
            f"{what}: datePublished and dateModified are DateTimes: "
            f"{p.get('datePublished')} {p.get('dateModified')}")
    if "headline" in p:
        S.check(isinstance(p["headline"], str) and p["headline"],
                f"{what}: headline is text")
    if "author" in p:
        S.check(p["author"].get("@type") == "Person" and
                isinstance(p["author"].get("name"), str),
                f"{what}: author is a Person: {p['author']}")


def jpeg_served(url, what):
    m = re.fullmatch(re.escape(BASE) + r"(/media/[0-9a-f]{64}\.jpg)", url or "")
    S.check(m is not None, f"{what} is a JPEG of the media store: {url}")
    if m:
        r = srv.get(m.group(1))
        S.check(r.status == 200 and r.header("content-type") == "image/jpeg",
                f"{what} is served: {r.status} {r.header('content-type')}")


# ==== The live page's LiveBlogPosting ====

status, doc, html = parse(f"/t/{SLUG}")
S.check(status == 200, f"live page: {status}")
lds = jsonld(doc)
S.check(len(lds) == 1, f"one JSON-LD object: {len(lds)}")
ld = lds[0] if lds else {}
S.check(ld.get("@context") == "https://schema.org" and
        ld.get("@type") == "LiveBlogPosting", "a schema.org LiveBlogPosting")
S.check(ld.get("url") == f"{BASE}/t/{SLUG}", f"its url: {ld.get('url')}")
# The demo's Day 1 is 15 November 2019 in Tehran (UTC+03:30), its last
# day 28 December.
S.check(ld.get("coverageStartTime") == "2019-11-14T20:30:00Z",
        f"coverageStartTime is Day 1's midnight: {ld.get('coverageStartTime')}")
S.check(ld.get("coverageEndTime") == "2019-12-28T20:30:00Z",
        f"coverageEndTime ends the last day: {ld.get('coverageEndTime')}")
for k in ("datePublished", "dateModified", "coverageStartTime",
          "coverageEndTime"):
    S.check(is_datetime(ld.get(k)), f"{k} is an ISO 8601 DateTime: "
            f"{ld.get(k)}")
organization(ld.get("author"), "author")
organization(ld.get("publisher"), "publisher")
S.check(isinstance(ld.get("description"), str) and ld["description"],
        "description: the summary")
S.check(ld.get("inLanguage") == "en", f"inLanguage: {ld.get('inLanguage')}")
jpeg_served(ld.get("image"), "the live page's image")
about = ld.get("about") or {}
loc = about.get("location") or {}
S.check(about.get("@type") == "Event" and is_datetime(about.get("startDate"))
        and is_datetime(about.get("endDate")),
        f"about: an Event with DateTimes: {about}")
S.check(loc.get("@type") == "Place" and isinstance(loc.get("name"), str) and
        "Iran" in loc["name"] and
        loc.get("address", {}).get("@type") == "PostalAddress" and
        loc["address"].get("addressCountry") == "IR",
        f"the Event's location is the tracker's country: {loc}")
items = ld.get("liveBlogUpdate")
S.check(isinstance(items, list) and 0 < len(items) <= 10,
        f"liveBlogUpdate: the shown updates: {len(items or [])}")
by_url = {}
for i, p in enumerate(items or []):
    check_posting(p, f"liveBlogUpdate {i}")
    by_url[p.get("url")] = p
img = by_url.get(f"{BASE}/t/{SLUG}/u/{IMG}", {})
S.check(img.get("headline") == "At the square" and
        "The scene this morning." in img.get("articleBody", ""),
        f"the image update's headline and words: {img}")
S.check(img.get("author") == {"@type": "Person", "name": "Nadia Reporter"},
        f"its byline, the tracker showing bylines: {img.get('author')}")
S.check(img.get("image") == ld.get("image"),
        "the page's image is its newest update's")
bad = by_url.get(f"{BASE}/t/{SLUG}/u/{BAD}", {})
S.check(bad.get("headline") == HOSTILE,
        f"a hostile title comes back whole from the JSON: "
        f"{bad.get('headline')!r}")
S.check("</script><script>alert(1)</script>" in bad.get("articleBody", "")
        and "<!--" in bad["articleBody"],
        f"and a hostile body: {bad.get('articleBody')!r}")
S.check(not any("Secret draft" in (p.get("headline") or "")
                for p in items or []), "a draft is not listed")
old = [p for p in items or [] if p.get("url") not in
       (f"{BASE}/t/{SLUG}/u/{n}" for n in (IMG, BAD, GONE, PLAIN))]
S.check(old and all("author" not in p for p in old),
        "updates posted from the CLI have no author")


def no_breakout(doc, html, what, live_script):
    """Only the page's own scripts: its live script (a src) and one JSON-LD."""
    found = scripts(doc)
    inline = [s for s in found if not s.get("src") and
              s.get("type") != "application/ld+json"]
    srcs = [s for s in found if s.get("src")]
    S.check(not inline, f"{what}: no inline script: {len(inline)}")
    S.check(len(srcs) == (1 if live_script else 0),
            f"{what}: only its own script file: {len(srcs)}")
    S.check("<script>alert" not in html and "alert(1)</script>" not in html,
            f"{what}: the hostile markup never appears raw")
    S.check(len(found) == len(srcs) + 1,
            f"{what}: one JSON-LD script: {len(found)} scripts")


no_breakout(doc, html, "the live page", True)

# ==== An update's page ====

status, doc, html = parse(f"/t/{SLUG}/u/{IMG}")
lds = jsonld(doc)
S.check(status == 200 and len(lds) == 1, f"update page: {status}, "
        f"{len(lds)} JSON-LD")
u = lds[0] if lds else {}
S.check(u.get("@context") == "https://schema.org", "with its @context")
check_posting(u, "the update page")
S.check(u.get("url") == f"{BASE}/t/{SLUG}/u/{IMG}" and
        u.get("headline") == "At the square" and
        u.get("author", {}).get("name") == "Nadia Reporter",
        f"the update page's own BlogPosting: {u}")
jpeg_served(u.get("image"), "the update's image")
S.check(u.get("isPartOf", {}).get("@type") == "LiveBlogPosting" and
        u["isPartOf"].get("url") == f"{BASE}/t/{SLUG}",
        f"part of the tracker's LiveBlogPosting: {u.get('isPartOf')}")
organization(u.get("publisher"), "the update's publisher")
og = metas(doc)
S.check(og.get("og:image") == u.get("image") and
        og.get("twitter:card") == "summary_large_image",
        f"its preview shows its image: {og.get('og:image')} "
        f"{og.get('twitter:card')}")

status, doc, html = parse(f"/t/{SLUG}/u/{BAD}")
lds = jsonld(doc)
S.check(status == 200 and len(lds) == 1 and
        lds[0].get("headline") == HOSTILE,
        "the hostile update's page: its JSON-LD parses to the very title")
no_breakout(doc, html, "the hostile update's page", False)

# ==== Open Graph, Twitter cards, meta description ====

status, doc, _ = parse(f"/t/{FA}")
summary_fa = "".join(doc.find(f".//{NS}p[@class='summary']").itertext())
PAGES = [(SLUG, "", "en"), (SLUG, "/days", "en"), (SLUG, "/day/44", "en"),
         (SLUG, f"/u/{PLAIN}", "en"), (SLUG, "/tallies", "en"),
         (SLUG, "/tallies/killed", "en"), (SLUG, "/events", "en"),
         (SLUG, "/victims", "en"), (FA, "", "fa"), (FA, "/u/3", "fa")]
summary = ld.get("description")
for slug, rest, lang in PAGES:
    path = f"/t/{slug}{rest}"
    status, doc, _ = parse(path)
    m = metas(doc)
    title = "".join(doc.find(f".//{NS}title").itertext())
    canon = doc.find(f".//{NS}link[@rel='canonical']")
    want = summary if slug == SLUG else summary_fa
    S.check(status == 200, f"{path}: {status}")
    S.check(m.get("description") == want and m.get("og:description") == want,
            f"{path}: meta description and og:description are the "
            f"tracker's summary: {m.get('description')!r}")
    S.check(m.get("og:title") == title, f"{path}: og:title is its title")
    S.check(m.get("og:url") == f"{BASE}{path}" and canon is not None and
            canon.get("href") == m["og:url"],
            f"{path}: og:url is absolute and canonical: {m.get('og:url')}")
    S.check(m.get("og:type") == "article" and m.get("og:locale") == lang,
            f"{path}: og:type and og:locale: {m.get('og:type')} "
            f"{m.get('og:locale')}")
    S.check(m.get("twitter:card") in ("summary", "summary_large_image"),
            f"{path}: a Twitter card: {m.get('twitter:card')}")
    if "og:image" in m:
        jpeg_served(m["og:image"], f"{path}'s og:image")
status, doc, _ = parse(f"/t/{SLUG}")
m = metas(doc)
S.check(m.get("og:image") == ld.get("image") and
        m.get("twitter:card") == "summary_large_image",
        f"the live page's preview image: {m.get('og:image')}")
status, doc, _ = parse(f"/t/{SLUG}/u/{PLAIN}")
S.check(metas(doc).get("twitter:card") == "summary" and
        "og:image" not in metas(doc), "an update without an image: no "
        "og:image, a summary card")
status, doc, _ = parse("/login")
S.check(status == 200 and not any(k.startswith("og:") or k == "description"
                                  for k in metas(doc)),
        f"the sign-in page has no preview: {metas(doc)}")

# ==== robots.txt ====

r = srv.get("/robots.txt")
S.check(r.status == 200 and
        r.header("content-type").startswith("text/plain"),
        f"/robots.txt: {r.status} {r.header('content-type')}")
rules = r.text()
robots = urllib.robotparser.RobotFileParser()
robots.parse(rules.splitlines())
for path, ok in ((f"/t/{SLUG}", True), (f"/t/{SLUG}/u/1", True),
                 (f"/t/{SLUG}/day/3", True), ("/", True),
                 (f"/t/{SLUG}/feed.atom", True), ("/admin", False),
                 (f"/admin/t/{SLUG}", False), ("/login", False),
                 ("/api/v1/me", False), ("/api/v1/audit", False)):
    S.check(robots.can_fetch("Googlebot", BASE + path) == ok,
            f"robots.txt {'allows' if ok else 'disallows'} {path}")
S.check(f"Sitemap: {BASE}/sitemap.xml" in rules.splitlines(),
        "robots.txt names the sitemap")
S.check("Disallow: /*/drafts" in rules.splitlines(),
        "and keeps crawlers off the editors' drafts")


# ==== The sitemaps ====

def xmllint(xsd, body, what):
    p = subprocess.run(["xmllint", "--noout", "--schema",
                        os.path.join(SITEMAPS, xsd), "-"], input=body,
                       capture_output=True, timeout=60)
    S.check(p.returncode == 0, f"{what} is valid sitemaps.org 0.9: "
            f"{p.stderr.decode(errors='replace')[:500]}")


def locs(body):
    return re.findall(r"<loc>([^<]*)</loc>", body.decode())


def sitemap(slug):
    r = srv.get(f"/t/{slug}/sitemap.xml")
    S.check(r.status == 200 and r.header("content-type").startswith(
        "application/xml"), f"{slug}'s sitemap: {r.status}")
    xmllint("sitemap.xsd", r.body, f"{slug}'s sitemap")
    urls = re.findall(r"<url><loc>([^<]*)</loc>(?:<lastmod>([^<]*)"
                      r"</lastmod>)?</url>", r.body.decode())
    return r, dict(urls)


r = srv.get("/sitemap.xml")
S.check(r.status == 200 and r.header("content-type").startswith(
    "application/xml"), f"/sitemap.xml: {r.status} {r.header('content-type')}")
xmllint("siteindex.xsd", r.body, "the sitemap index")
S.check(locs(r.body) == [f"{BASE}/t/{SLUG}/sitemap.xml",
                         f"{BASE}/t/{FA}/sitemap.xml"],
        f"the index names the listed trackers' sitemaps: {locs(r.body)}")
S.check("public" in (r.header("cache-control") or "") and r.header("etag"),
        f"the index is cacheable: {r.header('cache-control')}")
S.check(srv.get("/t/hidden/sitemap.xml").status == 404,
        "an unlisted tracker has no sitemap")

r, urls = sitemap(SLUG)
S.check(0 < len(urls) <= 50000 and len(urls) == len(locs(r.body)),
        f"at most 50,000 URLs, none twice: {len(urls)}")
for path in ("", "/days", "/tallies", "/events", f"/u/{IMG}", f"/u/{BAD}",
             f"/u/{PLAIN}", f"/u/{GONE}", "/u/1", "/day/44"):
    S.check(f"{BASE}/t/{SLUG}{path}" in urls, f"the sitemap lists {path}")
S.check(f"{BASE}/t/{SLUG}/u/{DRAFT}" not in urls, "but not the draft")
S.check(all(is_datetime(v) for u, v in urls.items() if "/u/" in u),
        "each update has its lastmod, a W3C Datetime")
S.check(urls.get(f"{BASE}/t/{SLUG}/u/{IMG}") == img.get("dateModified"),
        f"an update's lastmod is when it last changed: "
        f"{urls.get(f'{BASE}/t/{SLUG}/u/{IMG}')}")
for url in urls:
    S.check(url.startswith(BASE + "/t/") and
            srv.get(url[len(BASE):]).status == 200, f"{url} is served")
hits = srv.metric("vigil_cache_hits_total")
srv.get(f"/t/{SLUG}/sitemap.xml")
S.check(hits < 0 or srv.metric("vigil_cache_hits_total") > hits,
        "a sitemap comes from the page cache the second time")

status, _ = api_post(f"/updates/{GONE}/retract", {"reason": "Wrong."})
S.check(status == 200, f"retracted: {status}")
for _ in range(100):  # the write drops the cache; allow the watch a moment
    r, urls = sitemap(SLUG)
    if f"{BASE}/t/{SLUG}/u/{GONE}" not in urls:
        break
    time.sleep(0.1)
S.check(f"{BASE}/t/{SLUG}/u/{GONE}" not in urls and
        f"{BASE}/t/{SLUG}/u/{PLAIN}" in urls,
        "a retracted update leaves the sitemap")
r, urls = sitemap(FA)
S.check(f"{BASE}/t/{FA}" in urls and any("/u/" in u for u in urls),
        f"the Persian edition's sitemap: {len(urls)} URLs")

status, err = srv.stop()
S.check(status == 0 and "Sanitizer" not in err, f"server exit {status}: "
        f"{err[-500:]}")
rc, out, err = vigil("check", db=db, check=False)
S.check(rc == 0, f"vigil check: {out[-300:]} {err[-300:]}")
S.finish()
