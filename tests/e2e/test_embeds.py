"""test_embeds.py: posts from elsewhere and videos, end to end, on the
real server (either backend).

- Through the write API an editor attaches a post of each platform (X,
  Telegram, Instagram, YouTube, Facebook, TikTok, Mastodon, Bluesky) and
  a video on a newsroom's server: the answer names the platform and the
  canonical link; the live page, an update's page, the lite page and
  both feeds show a facade (the author, the text as a quote, "captured",
  "Load from <platform>").
- The pages load nothing from another host: parsed, no src, srcset,
  <link>, <script>, style or other attribute names another host; a
  platform's address appears only in the href of the facade's link.
- Hostile links and details are refused with 422 naming the field, and
  nothing is stored (no update, no embed row, no audit row).
- The desk: a preview names the platform recognised and proposes the
  link's handle as author; saving shows the facade; an edit with an
  empty link takes the embed away, and the rows stay (append-only).
- Hostile text in author and quote is escaped; the pages are valid HTML;
  `vigil check` passes.
"""
import json
import os
import re
import sys
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree import ElementTree

import html5lib  # Debian's python3 has it (run-all.sh)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, Server, Suite, demo_db, vigil  # noqa: E402
from harness import sql_value as _sql_value  # noqa: E402
from editors import Client, add_image, add_user, api_token  # noqa: E402

S = Suite("e2e-embeds")
SLUG = "iran-nov-2019"
API = f"/api/v1/trackers/{SLUG}"
db = demo_db(S)
add_user(db, "e-editor", "editor")
token = api_token(db, "e-editor")
srv = Server(db, "--demo")  # sign-in without a second factor
script = Client(srv, origin=False)
AUTH = {"Authorization": "Bearer " + token}

# (pasted link, platform, canonical link, text shown on the link)
POSTS = [
    ("https://twitter.com/AmnestyIran/status/1197080302338203648?s=20", "x",
     "https://x.com/AmnestyIran/status/1197080302338203648", "Load from X"),
    ("https://t.me/s/bbcpersian/123456", "telegram",
     "https://t.me/bbcpersian/123456", "Load from Telegram"),
    ("https://www.instagram.com/p/CxYz123AbC/?igsh=track", "instagram",
     "https://www.instagram.com/p/CxYz123AbC/", "Load from Instagram"),
    ("https://youtu.be/dQw4w9WgXcQ?si=track", "youtube",
     "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "Load from YouTube"),
    ("https://m.facebook.com/bbcnews/posts/pfbid0abcDEF123", "facebook",
     "https://www.facebook.com/bbcnews/posts/pfbid0abcDEF123",
     "Load from Facebook"),
    ("https://www.tiktok.com/@some.user/video/7301234567890123456", "tiktok",
     "https://www.tiktok.com/@some.user/video/7301234567890123456",
     "Load from TikTok"),
    ("https://mastodon.social/@Gargron/111111111111111111", "mastodon",
     "https://mastodon.social/@Gargron/111111111111111111",
     "Load from Mastodon"),
    ("https://bsky.app/profile/hrw.org/post/3kxyzabcdefgh", "bluesky",
     "https://bsky.app/profile/hrw.org/post/3kxyzabcdefgh",
     "Load from Bluesky"),
    ("https://video.newsroom.example/2019/11/protest.mp4#t=10", "video",
     "https://video.newsroom.example/2019/11/protest.mp4",
     "Load from video.newsroom.example"),
]
PLATFORM_HOSTS = {urlsplit(p[2]).hostname for p in POSTS}


def sql_value(db, query):
    return int(_sql_value(db, query))


def post(fields, body="An update with a post from elsewhere."):
    return script.request("POST", f"{API}/updates",
                          dict({"body": body}, **fields), AUTH)


def valid(what, text):
    """Whether text parses as HTML with no error (html5lib, strictly)."""
    try:
        html5lib.HTMLParser(strict=True).parse(text)
        return S.check(True, what)
    except Exception as e:  # noqa: BLE001 — any parse error fails
        return S.check(False, f"{what} is not valid HTML: {e}")


class Refs(HTMLParser):
    """Every URL in an attribute, with its tag and attributes; and the
    text of <script> and <style> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs = []  # (tag, attr name, value, attrs dict)
        self.code = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        for name, value in attrs:
            if value and ("//" in value or name in ("src", "srcset", "href",
                                                     "poster", "data",
                                                     "action", "cite")):
                self.refs.append((tag, name, value, d))
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in:
            self.code.append(data)


def foreign(value):
    """Hosts other than the loopback server that a URL value names (a
    srcset may hold several)."""
    out = []
    for part in re.split(r"[\s,]+", value):
        if part.startswith(("http://", "https://", "//")):
            host = urlsplit(part if not part.startswith("//")
                            else "https:" + part).hostname
            if host not in ("127.0.0.1", "localhost"):
                out.append(host)
    return out


def loads_nothing_elsewhere(what, html_text, expect_links, form=False):
    """The page names another host only in the facades' links (and, on a
    form, in the value of the field the link was typed in); returns the
    hrefs of those links."""
    p = Refs()
    p.feed(html_text)
    links = []
    for tag, name, value, attrs in p.refs:
        hosts = foreign(value)
        if not hosts or (form and tag == "input" and name == "value"):
            continue
        facade = (tag == "a" and name == "href" and
                  "embed-load" in attrs.get("class", ""))
        if facade:
            links.append(value)
            S.check("noreferrer" in attrs.get("rel", ""),
                    f"{what}: the link {value} sends no referrer")
        elif not (tag == "a" and name == "href" and
                  not hosts[0] in PLATFORM_HOSTS and
                  "embed" not in attrs.get("class", "")):
            # a plain link of the demo's text (a source) is no load, but
            # a platform's address anywhere else is a leak
            S.check(False, f"{what}: <{tag} {name}={value!r}> names "
                           f"{hosts}")
        if tag != "a":
            S.check(False, f"{what}: <{tag} {name}={value!r}> loads from "
                           f"{hosts}")
    for code in p.code:
        for h in PLATFORM_HOSTS:
            S.check(h not in code, f"{what}: a script or style names {h}")
    for canon in expect_links:
        S.check(canon in links, f"{what}: a facade links to {canon}")
    return links


# ==== Each platform, through the write API ====

numbers = {}
for pasted, platform, canon, load in POSTS:
    video = platform in ("youtube", "tiktok", "video")
    fields = {"embed": pasted, "embed_author": f"Author on {platform}",
              "embed_text": f"Quoted words from {platform}",
              "embed_date": "2019-11-19"}
    if video:
        fields.update(embed_duration="1:02:03", embed_source="Witness film")
    r = post(fields)
    ok = S.check(r.status == 201, f"{platform}: post {r.status} {r.body[:200]}")
    e = (r.json or {}).get("embed") or {}
    S.check(e.get("platform") == platform and e.get("url") == canon,
            f"{platform}: the answer's embed {e}")
    if video and ok:
        S.check(e.get("duration_s") == 3723 and
                e.get("source") == "Witness film",
                f"{platform}: a video's length and source {e}")
    if ok:
        numbers[platform] = r.json["number"]

page = srv.get(f"/t/{SLUG}").text()
valid("live page", page)
for pasted, platform, canon, load in POSTS:
    S.check(f"Quoted words from {platform}" in page,
            f"live page quotes the {platform} post")
    S.check(f"Author on {platform}" in page,
            f"live page names the {platform} author")
    S.check(load in page, f"live page: {load!r}")
S.check(page.count("captured ") >= len(POSTS),
        "live page says when each was captured")
S.check("1:02:03" in page and "Witness film" in page,
        "live page shows a video's length and source")
links = loads_nothing_elsewhere("live page", page, [p[2] for p in POSTS])
S.check(len(links) == len(POSTS),
        f"live page: one platform link per facade ({len(links)})")
for pasted, platform, canon, load in POSTS:
    S.check(pasted not in page or pasted == canon,
            f"live page drops the tracking parts of {pasted}")

one = srv.get(f"/t/{SLUG}/u/{numbers.get('x', 0)}").text()
valid("update page", one)
S.check("Quoted words from x" in one, "the update's page shows the facade")
loads_nothing_elsewhere("update page", one, [POSTS[0][2]])

lite = srv.get(f"/t/{SLUG}/lite").text()
valid("lite page", lite)
S.check("Quoted words from telegram" in lite and
        "Load from Telegram" in lite, "the lite page shows the quote and link")
loads_nothing_elsewhere("lite page", lite, [POSTS[1][2]])

atom = srv.get(f"/t/{SLUG}/feed.atom").text()
ElementTree.fromstring(atom.encode())
S.check("Quoted words from bluesky" in atom and "Load from Bluesky" in atom,
        "Atom carries the facade")
feed = json.loads(srv.get(f"/t/{SLUG}/feed.json").text())
html_items = " ".join(i.get("content_html", "") for i in feed["items"])
S.check("Quoted words from mastodon" in html_items,
        "JSON Feed carries the facade")
loads_nothing_elsewhere("JSON Feed's HTML", html_items, [POSTS[6][2]])

api = json.loads(srv.get(f"{API}/updates").text())
embeds = [u["embed"] for u in api["updates"] if "embed" in u]
S.check(len(embeds) == len(POSTS), f"the read API carries {len(embeds)} embeds")

# ==== Hostile links and details: 422, nothing stored ====


def counts():
    return (sql_value(db, "SELECT count(*) FROM updates"),
            sql_value(db, "SELECT count(*) FROM update_embeds"),
            sql_value(db, "SELECT count(*) FROM audit_log"))


OK = {"embed_author": "Someone", "embed_text": "Words"}
HOSTILE = [
    ({"embed": "javascript:alert(1)//https://x.com/a/status/1"}, "embed"),
    ({"embed": "data:text/html,<script>alert(1)</script>"}, "embed"),
    ({"embed": "http://x.com/a/status/1"}, "embed"),
    ({"embed": "https://x.com/a/status/1\"><script>alert(1)</script>"},
     "embed"),
    ({"embed": "https://x.com/a/status/1' onmouseover='alert(1)"}, "embed"),
    ({"embed": "https://user:pw@x.com/a/status/1"}, "embed"),
    ({"embed": "https://x.com:8443/a/status/1"}, "embed"),
    ({"embed": "https://127.0.0.1/admin"}, "embed"),
    ({"embed": "https://[::1]/video.mp4"}, "embed"),
    ({"embed": "https://x.com/home"}, "embed"),
    ({"embed": "https://vm.tiktok.com/ZMabcdef/"}, "embed"),
    ({"embed": "https://news.example/"}, "embed"),
    ({"embed": "https://news.example/a/../../admin"}, "embed"),
    ({"embed": "https://x.com/a/status/1", "embed_author": ""},
     "embed_author"),
    ({"embed": "https://x.com/a/status/1", "embed_text": ""}, "embed_text"),
    ({"embed": "https://x.com/a/status/1", "embed_date": "2019-13-45"},
     "embed_date"),
    ({"embed": "https://youtu.be/dQw4w9WgXcQ", "embed_duration": "1:75"},
     "embed_duration"),
    ({"embed": "https://youtu.be/dQw4w9WgXcQ", "embed_still": "zz" * 32},
     "embed_still"),
    ({"embed": "https://x.com/a/status/1",
      "embed_captured": "2030-01-01T00:00:00Z"}, "embed_captured"),
    # a NUL in a form's field (JSON refuses "\u0000" earlier, with 400)
    ({"embed": "https://x.com/a/status/1", "embed_text": "a\u0000b",
      "form": True}, "embed_text"),
]
before = counts()
for fields, field in HOSTILE:
    fields = dict(OK, **fields)
    if fields.pop("form", False):
        r = script.request("POST", f"{API}/updates",
                           dict(fields, body="Refused"), AUTH, form=True)
    else:
        r = post(fields)
    got = (r.json or {}).get("error", {}) if isinstance(r.json, dict) else {}
    # a form's NUL is refused by the form's parser, with 400
    want = 400 if "\u0000" in fields.get("embed_text", "") else 422
    S.check(r.status == want, f"{fields}: {r.status} {r.body[:160]}")
    S.check(field in json.dumps(got), f"{fields}: names {field}: {got}")
S.check(counts() == before, f"nothing stored: {before} -> {counts()}")
page = srv.get(f"/t/{SLUG}").text()
S.check("alert(1)" not in page, "no hostile link reached the page")

# Hostile text in the details is escaped where it is shown.
r = post({"embed": "https://t.me/channel_x/77",
          "embed_author": "<script>alert('a')</script>",
          "embed_text": "\"><img src=x onerror=alert(1)> \u202eevil"})
S.check(r.status == 201, f"hostile text: {r.status}")
page = srv.get(f"/t/{SLUG}").text()
S.check("<script>alert('a')" not in page and "<img src=x" not in page,
        "hostile author and text are escaped")
valid("live page with hostile text", page)

# ==== The desk ====

ed = Client(srv, source="127.0.0.9")
S.check(ed.login("e-editor").status == 200, "the editor signs in")
r = ed.request("POST", f"/admin/t/{SLUG}/updates",
               {"csrf": ed.csrf, "body": "Posted on the desk", "preview": "1",
                "embed": "https://t.me/s/iranwire/4242", "embed_author": "",
                "embed_text": "Typed by the editor"}, form=True)
doc = r.body.decode()
S.check(r.status == 422 and "embed_author" in doc or "Posted by" in doc,
        f"a preview without an author: {r.status}")
S.check('value="iranwire"' in doc,
        "the preview proposes the link's channel as the author")
r = ed.request("POST", f"/admin/t/{SLUG}/updates",
               {"csrf": ed.csrf, "body": "Posted on the desk", "preview": "1",
                "embed": "https://t.me/s/iranwire/4242",
                "embed_author": "IranWire",
                "embed_text": "Typed by the editor"}, form=True)
doc = r.body.decode()
S.check(r.status == 200 and "Recognised: Telegram" in doc,
        f"the preview names the platform: {r.status}")
loads_nothing_elsewhere("the desk's preview", doc,
                        ["https://t.me/iranwire/4242"], form=True)
before = sql_value(db, "SELECT count(*) FROM update_embeds")
r = ed.request("POST", f"/admin/t/{SLUG}/updates",
               {"csrf": ed.csrf, "body": "Posted on the desk",
                "embed": "https://t.me/s/iranwire/4242",
                "embed_author": "IranWire",
                "embed_text": "Typed by the editor"}, form=True)
S.check(r.status == 303, f"the desk saves the post: {r.status}")
S.check(sql_value(db, "SELECT count(*) FROM update_embeds") == before + 1,
        "one embed row")
n = sql_value(db, "SELECT max(number) FROM updates")
page = srv.get(f"/t/{SLUG}").text()
S.check("Typed by the editor" in page and "Load from Telegram" in page,
        "the desk's post shows the facade")
form_page = ed.request("GET", f"/admin/t/{SLUG}/u/{n}").body.decode()
S.check('value="https://t.me/iranwire/4242"' in form_page,
        "the edit form holds the embed's link")
rev = re.search(r'name="rev" value="(\d+)"', form_page)
r = ed.request("POST", f"/admin/t/{SLUG}/u/{n}",
               {"csrf": ed.csrf, "body": "Posted on the desk",
                "rev": rev.group(1) if rev else "1", "embed": "",
                "embed_author": "", "embed_text": ""}, form=True)
S.check(r.status == 303, f"an edit with an empty link: {r.status}")
page = srv.get(f"/t/{SLUG}").text()
S.check("Typed by the editor" not in page, "the embed is taken away")
S.check(sql_value(db, "SELECT count(*) FROM update_embeds") == before + 2,
        "the old row stays and a row records the removal")

# ==== A still from the media store ====

still = add_image(srv, SLUG, token, os.path.join(ROOT, "tests/media/gps-p3.jpg"),
                  "A frame of the footage")
r = post({"embed": "https://youtu.be/dQw4w9WgXcQ", "embed_author": "A witness",
          "embed_still": still["key"].upper()})
S.check(r.status == 201 and (r.json or {}).get("embed", {}).get("still") ==
        still["key"], f"a video with a still of the media store: {r.status}")
page = srv.get(f"/t/{SLUG}").text()
fig = re.search(r'<figure class="embed" data-platform="youtube">.*?</figure>',
                page[page.find("A frame of the footage") - 2000:], re.S)
fig = fig.group(0) if fig else ""
S.check('<picture class="media">' in fig and 'alt="A frame of the footage"'
        in fig and f"/media/{still['key']}.webp" in fig,
        "the facade shows the still, from Vigil's own files")
loads_nothing_elsewhere("live page with a still", page, [])
lite = srv.get(f"/t/{SLUG}/lite").text()
S.check("Image: <bdi>A frame of the footage</bdi></a>" in lite and "<picture" not in lite,
        "the lite page links to the still and loads no image")
before = counts()
r = post({"embed": "https://youtu.be/dQw4w9WgXcQ", "embed_author": "A witness",
          "embed_still": "ab" * 32})
S.check(r.status == 422 and "embed_still" in json.dumps(r.json),
        f"a still not in the tracker's media: 422 ({r.status})")
S.check(counts() == before, "and nothing stored")

# One audit row per write: the post's.
audit = sql_value(db, "SELECT count(*) FROM audit_log WHERE action = "
                      "'update.post'")
S.check(audit >= len(POSTS) + 2, f"an audit row per post ({audit})")

rc, out, err = vigil("check", db=db, check=False)
S.check(rc == 0, f"vigil check: {rc} {out} {err}")
status, err = srv.stop()
S.check(status == 0, f"server exit {status}: {err[-300:]}")
S.finish()
