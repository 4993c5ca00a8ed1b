"""test_media.py: images through the write API and the desk, served by
the real server on loopback, on either backend.

- A photo carrying EXIF GPS, a serial number, XMP, IPTC and a thumbnail
  is uploaded with an API token (multipart/form-data): it waits out of
  the record (202; no table changes), its renditions are served to that
  token's user only, a region is hidden (a new token), and it is kept
  with its alt text (201; the old tokens then 404). Every rendition
  the answer lists is fetched: named by the SHA-256 of its bytes, served
  with a strong ETag (304 when it matches) and a year's immutable
  lifetime, and exiftool finds no metadata block in it, nor the
  original's strings.
- Hostile uploads (a 50,000 x 50,000 PNG, truncated files, a ZIP or
  HTML after the image, SVG, a PNG sent as JPEG) get 422 with a reason
  and change no table; a body over the upload limit gets 413; a file
  sent to a route that takes none gets 415; a contributor gets 403, a
  session without its CSRF token 403, nobody 401.
- An update showing ![alt](/media/KEY) renders a <picture> with WebP
  and JPEG srcsets, sizes, lazy loading, width and height; an unknown
  key is refused (422); another host's image stays a link.
- The desk's upload form (plain, multipart, camera or library) stores an
  image and shows it as readers will see it. `vigil check` passes after.
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (ROOT, Server, Suite, demo_db, row_counts,  # noqa: E402
                     sql_value, vigil)
from editors import Client, add_user, api_token, multipart  # noqa: E402

S = Suite("e2e-media")
IR = "iran-nov-2019"
MEDIA = os.path.join(ROOT, "tests/media")
TABLES = ("media", "media_files", "media_renditions", "audit_log", "changes")
db = demo_db(S)
add_user(db, "ed", "editor")
add_user(db, "con", "contributor")
TOKEN = api_token(db, "ed")
CON_TOKEN = api_token(db, "con")
srv = Server(db, "--demo")  # signing in without a second factor


def upload(path, ctype, token=TOKEN, name=None, **fields):
    with open(path, "rb") as f:
        data = f.read()
    t, body = multipart(fields, {"file": (name or os.path.basename(path),
                                          ctype, data)})
    h = {"Content-Type": t}
    if token:
        h["Authorization"] = "Bearer " + token
    return srv.request("POST", f"/api/v1/trackers/{IR}/media", h, body)


def metadata_groups(data, suffix):
    """exiftool's groups in a file, but the file's own and its image
    structure's (JFIF density, RIFF chunks) and what exiftool derives."""
    with tempfile.NamedTemporaryFile(suffix=suffix) as f:
        f.write(data)
        f.flush()
        out = subprocess.run(["exiftool", "-G", "-a", "-s", f.name],
                             capture_output=True, text=True).stdout
    groups = {line.split("]")[0] + "]" for line in out.splitlines() if line}
    return groups - {"[ExifTool]", "[File]", "[JFIF]", "[RIFF]", "[Composite]"}


def api(method, path, body=None, token=TOKEN):
    h = {"Authorization": "Bearer " + token}
    if body is not None:
        h["Content-Type"] = "application/json"
        body = json.dumps(body)
    return srv.request(method, path, h, body)


def answer(r):
    try:
        return json.loads(r.body)
    except ValueError:
        return {}


def spread(data, x, y, w, h):
    """max - min of the pixels of an image's rectangle (libvips' CLI)."""
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "i.webp"), "wb") as f:
            f.write(data)
        subprocess.run(["vips", "extract_area", os.path.join(d, "i.webp"),
                        os.path.join(d, "a.v"), str(x), str(y), str(w),
                        str(h)], check=True)
        hi, lo = (float(subprocess.run(
            ["vips", op, os.path.join(d, "a.v")], capture_output=True,
            text=True, check=True).stdout) for op in ("max", "min"))
    return hi - lo


# ==== A photo with GPS through the API ====

with open(os.path.join(MEDIA, "gps-oriented.jpg"), "rb") as f:
    original = f.read()
S.check(b"SN-0042-SECRET" in original, "the original carries a serial number")
before = row_counts(db, TABLES)
r = upload(os.path.join(MEDIA, "gps-oriented.jpg"), "image/jpeg")
p = answer(r)
S.check(r.status == 202 and len(p.get("token", "")) == 32,
        f"an editor's token uploads a photo: it waits ({r.status})")
S.check(row_counts(db, TABLES) == before,
        "nothing is in the record before it is kept")
S.check(p.get("width") == 600 and p.get("height") == 800 and
        len(p.get("files", [])) == 4, "the renditions made, upright")
pend = f"/api/v1/trackers/{IR}/media/pending/{p.get('token')}"
S.check(p.get("keep") == pend + "/keep" and p.get("redact") == pend + "/redact",
        "the answer says where to keep or redact it")
big = max(p.get("files", []), key=lambda f: (f["format"] == "webp", f["width"]),
          default={"url": "/", "sha256": ""})
g = api("GET", big["url"])
S.check(g.status == 200 and hashlib.sha256(g.body).hexdigest() == big["sha256"]
        and g.header("cache-control") == "no-store",
        f"its file is served to that token's user, never cached ({g.status})")
S.check(srv.get(big["url"]).status in (401, 403) and
        srv.get(f"/media/{big['sha256']}.webp").status == 404,
        "to nobody else, and not as a public file")
r = api("POST", pend + "/redact", {"regions": "700,500,200,200"})
S.check(r.status == 422 and "regions" in r.text(),
        f"a region outside the picture: 422 ({r.status})")
r = api("POST", pend + "/redact", {"regions": "0,0,600,100"})
q = answer(r)
S.check(r.status == 202 and q.get("token") not in (None, p.get("token")),
        f"a region hidden: it waits under a new token ({r.status})")
S.check(api("GET", big["url"]).status == 404, "the unredacted one is gone")
top = next((f for f in q.get("files", []) if f["format"] == "webp" and
            f["width"] == 600), None)
S.check(top is not None and spread(api("GET", top["url"]).body,
                                   16, 16, 568, 68) <= 12,
        "the hidden region is uniform")
pend = f"/api/v1/trackers/{IR}/media/pending/{q.get('token')}"
r = api("POST", pend + "/keep", {"alt": ""})
S.check(r.status == 422 and "alt" in r.text(),
        f"alt text is required to keep it: 422 ({r.status})")
S.check(row_counts(db, TABLES) == before, "and nothing is kept")
r = api("POST", pend + "/keep", {"alt": "A drawn face", "credit": "Staff",
                                  "caption": "Tehran, 16 November"},
        token=CON_TOKEN)
S.check(r.status == 403, f"a contributor may not keep it ({r.status})")
r = api("POST", pend + "/keep", {"alt": "A drawn face", "credit": "Staff",
                                  "caption": "Tehran, 16 November"})
S.check(r.status == 201, f"kept with its words ({r.status})")
m = answer(r) if r.status == 201 else {"files": [], "key": ""}
after = row_counts(db, TABLES)
S.check(after[0] == before[0] + 1 and after[3] == before[3] + 1,
        "kept: one media record, one audit row")
S.check(api("POST", pend + "/keep", {"alt": "again"}).status == 404,
        "not kept twice")
S.check(m.get("width") == 600 and m.get("height") == 800,
        "the EXIF orientation is applied (600 x 800)")
S.check(len(m["files"]) == 4, "two widths in WebP and JPEG")
for fl in m["files"]:
    g = srv.get(fl["url"])
    ext = fl["url"].rsplit(".", 1)[1]
    S.check(g.status == 200, f"{fl['url']}: served")
    S.check(hashlib.sha256(g.body).hexdigest() == fl["sha256"] and
            fl["url"] == f"/media/{fl['sha256']}.{ext}",
            f"{fl['url']}: named by the SHA-256 of its bytes")
    S.check(g.header("content-type") ==
            ("image/webp" if ext == "webp" else "image/jpeg"),
            f"{fl['url']}: its type")
    S.check(g.header("cache-control") == "public, max-age=31536000, immutable",
            f"{fl['url']}: immutable for a year")
    etag = g.header("etag") or ""
    S.check(etag.startswith('"'), f"{fl['url']}: a strong ETag")
    S.check(srv.get(fl["url"], {"If-None-Match": etag}).status == 304,
            f"{fl['url']}: 304 when the ETag matches")
    S.check(not metadata_groups(g.body, "." + ext),
            f"{fl['url']}: exiftool finds no metadata block")
    S.check(all(s not in g.body for s in (b"SN-0042", b"Secret Photographer",
                                           b"Tehran", b"Exif")),
            f"{fl['url']}: none of the original's strings")
    S.check(g.body != original and original[:4096] not in g.body,
            f"{fl['url']}: not the original")
S.check(srv.get("/media/" + "0" * 64 + ".webp").status == 404,
        "an unknown file is 404")
S.check(srv.get(f"/media/{m['key']}.png").status == 404 if m["key"] else False,
        "an unknown extension is 404")

# ==== Who may upload ====

S.check(upload(os.path.join(MEDIA, "gps.webp"), "image/webp",
               token=CON_TOKEN).status == 403, "a contributor may not")
S.check(upload(os.path.join(MEDIA, "gps.webp"), "image/webp",
               token=None).status == 401, "nobody may not")
ed = Client(srv)
lr = ed.login("ed")
S.check(lr.status == 200, f"the editor signs in ({lr.status} {lr.body[:200]})")
# ==== Hostile uploads ====

before = row_counts(db, TABLES)
HOSTILE = [
    ("hostile/bomb.png", "image/png", "50000 x 50000"),
    ("hostile/truncated.jpg", "image/jpeg", "truncated"),
    ("hostile/truncated.png", "image/png", "truncated"),
    ("hostile/polyglot-zip.jpg", "image/jpeg", "other data after the image"),
    ("hostile/html-after.png", "image/png", "other data after the image"),
    ("hostile/image.svg", "image/svg+xml", "not a JPEG, PNG, WebP or HEIC"),
    ("hostile/image.svg", "image/png", "not a JPEG, PNG, WebP or HEIC"),
    ("gps.png", "image/jpeg", "a PNG image, but was sent as image/jpeg"),
]
for path, ctype, why in HOSTILE:
    r = upload(os.path.join(MEDIA, path), ctype)
    msg = json.loads(r.body).get("error", "") if r.body else ""
    S.check(r.status == 422, f"{path} as {ctype}: 422 ({r.status})")
    S.check(why in json.dumps(json.loads(r.body)) if r.body else False,
            f"{path} as {ctype}: says why ({msg})")
r = upload(os.path.join(MEDIA, "gps.png"), "application/octet-stream",
           name="photo.jpg")
S.check(r.status == 422, "a PNG named .jpg: 422")
r = upload(os.path.join(MEDIA, "gps.webp"), "image/webp")
S.check(r.status == 202, "an upload waits")
r = api("POST", f"/api/v1/trackers/{IR}/media/pending/{answer(r)['token']}"
        "/discard")
S.check(r.status == 200 and int(sql_value(
    db, "SELECT count(*) FROM media_pending")) == 0, "and is discarded")
S.check(row_counts(db, TABLES) == before, "refused uploads stored nothing")
code, _ = srv.raw(
    (f"POST /api/v1/trackers/{IR}/media HTTP/1.1\r\nHost: x\r\n"
     f"Authorization: Bearer {TOKEN}\r\nContent-Type: multipart/form-data; "
     f"boundary=x\r\nContent-Length: {30 << 20}\r\n\r\n").encode())
S.check(code == 413, f"a body over the upload limit: 413 ({code})")
code, _ = srv.raw(
    (f"POST /api/v1/sources HTTP/1.1\r\nHost: x\r\n"
     f"Authorization: Bearer {TOKEN}\r\nContent-Type: multipart/form-data; "
     f"boundary=x\r\nContent-Length: {1 << 20}\r\n\r\n").encode())
S.check(code == 413, f"a 1 MB body elsewhere: 413 as before ({code})")
t, body = multipart({"slug": "x", "name": "X"}, {})
r = srv.request("POST", "/api/v1/sources",
                {"Content-Type": t, "Authorization": "Bearer " + TOKEN}, body)
S.check(r.status == 415, f"multipart where no file is taken: 415 ({r.status})")

# ==== An update showing the image ====

def post(body_md):
    return srv.request("POST", f"/api/v1/trackers/{IR}/updates",
                       {"Content-Type": "application/json",
                        "Authorization": "Bearer " + TOKEN},
                       json.dumps({"title": "With a photo", "body": body_md}))


r = post(f"Crowds gathered.\n\n![Crowd at the square](/media/{m['key']})\n\n"
         "![elsewhere](https://tracker.example/pixel.png)\n")
S.check(r.status == 201, f"an update shows the image ({r.status})")
page = srv.get(f"/t/{IR}").text()
pic = re.search(r"<picture class=\"media\">.*?</picture>", page, re.S)
pic = pic.group(0) if pic else ""
S.check('<source type="image/webp" srcset="/media/' in pic,
        "a WebP source with a srcset")
S.check(re.search(r'srcset="/media/[0-9a-f]{64}\.jpg 320w, '
                  r'/media/[0-9a-f]{64}\.jpg 600w"', pic) is not None,
        "JPEG renditions by width")
S.check('sizes="' in pic and 'loading="lazy"' in pic, "sizes and lazy")
S.check('width="600" height="800"' in pic, "width and height")
S.check('alt="Crowd at the square"' in pic, "the Markdown's alt text")
S.check("Tehran, 16 November" in page and "Photo: <bdi>Staff</bdi>" in page,
        "caption and credit")
S.check('<a href="https://tracker.example/pixel.png">elsewhere</a>' in page
        and "<img src=\"https://" not in page,
        "another host's image stays a link")
big = max((f for f in m["files"] if f["format"] == "jpg"),
          key=lambda f: f["width"], default={"url": "?"})
atom = srv.get(f"/t/{IR}/feed.atom").text()
S.check(re.search(r'<link rel="enclosure" type="image/jpeg" href="[^"]*'
                  + re.escape(big["url"]) + '"/>', atom) is not None,
        "the Atom entry has the image as an enclosure")
feed = json.loads(srv.get(f"/t/{IR}/feed.json").body)
item = feed["items"][0] if feed.get("items") else {}
S.check(item.get("image", "").endswith(big["url"]) and
        item.get("attachments", [{}])[0].get("mime_type") == "image/jpeg",
        "the JSON Feed item has its image and attachment")
lite = srv.get(f"/t/{IR}/lite").text()
S.check(f"Crowd at the square (/media/{m['key']})" in lite,
        "the lite page shows the alt text and the address")
S.check("<picture" not in lite and "<img" not in lite,
        "and loads no image")
before = row_counts(db, TABLES)
r = post("![x](/media/" + "a" * 64 + ")")
S.check(r.status == 422, f"an unknown image is refused ({r.status})")
S.check(row_counts(db, TABLES) == before, "and nothing is written")

# ==== The desk ====

def desk_post(client, path, body, ctype):
    """A multipart form from the signed-in browser: its cookies, its
    Origin; the CSRF token is in the body or missing."""
    import http.client
    h = {"Content-Type": ctype, "Origin": client.origin,
         "Cookie": "; ".join(f"{k}={v}" for k, v in client.cookies.items())}
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    conn.request("POST", path, body=body, headers=h)
    resp = conn.getresponse()
    resp.body = resp.read()
    conn.close()
    return resp


S.check(f'href="/admin/t/{IR}/media"' in ed.request("GET", "/admin").body
        .decode(), "the desk links to a tracker's images")
page = ed.request("GET", f"/admin/t/{IR}/media")
html = page.body.decode()
S.check(page.status == 200, "the desk's images page")
S.check('enctype="multipart/form-data"' in html and 'accept="image/*"' in html
        and "capture=" not in html,
        "a plain upload form, from the phone's camera or its library")
add_user(db, "ed2", "editor")
ed2 = Client(srv)
S.check(ed2.login("ed2").status == 200, "a second editor signs in")
t, body = multipart({"csrf": ed.csrf, "regions": "249,310,180,180"},
                    {"file": ("IMG_0001.JPG", "image/jpeg", original)})
before = row_counts(db, TABLES)
r = desk_post(ed, f"/admin/t/{IR}/media", body, t)
loc = r.headers.get("Location") or ""
pending = loc[loc.index("/admin"):] if "/admin" in loc else "/"
S.check(r.status == 303 and f"/admin/t/{IR}/media/pending/" in loc,
        f"the desk uploads, then shows the result ({r.status})")
S.check(row_counts(db, TABLES) == before,
        "nothing is in the record before the editor keeps it")
shown = ed.request("GET", pending)
text = shown.body.decode()
img = re.search(r'<img src="([^"]+\.webp)" width="600" height="800"', text)
S.check(shown.status == 200 and img is not None,
        "the upload as readers would see it, upright")
if img:
    g = ed.request("GET", img.group(1))
    S.check(g.status == 200 and g.headers.get("Content-Type") == "image/webp"
            and g.headers.get("Cache-Control") == "no-store",
            "its file is served to its editor, never cached")
    S.check(not metadata_groups(g.body, ".webp"), "with no metadata block")
    S.check(ed2.request("GET", img.group(1)).status == 404 and
            srv.get(img.group(1)).status in (303, 401, 404),
            "and to nobody else")
S.check(ed2.request("GET", pending).status == 404,
        "another editor does not see it")
r = ed.request("POST", pending + "/keep",
               {"alt": "From the desk", "credit_withheld": "on",
                "csrf": ed.csrf}, form=True)
loc = r.getheader("Location") or ""
S.check(r.status == 303 and f"/admin/t/{IR}/media/" in loc and
        "/pending/" not in loc, f"keeping it ({r.status})")
after = row_counts(db, TABLES)
S.check(after[0] == before[0] + 1 and after[3] == before[3] + 1,
        "kept: one media record, one audit row")
item = ed.request("GET", loc[loc.index("/admin"):] if "/admin" in loc else "/")
text = item.body.decode()
S.check(item.status == 200 and "<picture" in text and
        "credit withheld for safety" in text,
        "the image kept, credit withheld")
# Its page opens a new update's form with its Markdown, previewed.
use = re.search(r'action="(/admin/t/[^"]+/updates)"><input type="hidden" '
                r'name="csrf" value="[^"]*">\s*<input type="hidden" '
                r'name="body" value="(!\[From the desk\]\(/media/'
                r'[0-9a-f]{64}\))"', text)
S.check(use is not None, "the kept image's page has a form to use it")
if use:
    r = ed.request("POST", use.group(1), {"body": use.group(2),
                                          "preview": "1"}, form=True)
    shown = r.body.decode()
    S.check(r.status == 200 and use.group(2) + "</textarea>" in shown and
            re.search(r'class="preview">.*<picture', shown, re.S),
            f"a new update's form with it, previewed as readers see it "
            f"({r.status})")
S.check(ed.request("GET", pending).status == 404, "and no longer waiting")
S.check(ed.request("POST", pending + "/keep", {"alt": "again"},
                   form=True).status == 404, "nor kept twice")
r = desk_post(ed, f"/admin/t/{IR}/media", body, t)
loc = r.headers.get("Location") or ""
pending = loc[loc.index("/admin"):] if "/admin" in loc else "/"
before = row_counts(db, TABLES)
r = ed.request("POST", pending + "/discard", {}, form=True)
S.check(r.status == 303 and ed.request("GET", pending).status == 404 and
        row_counts(db, TABLES) == before, "a discarded upload is gone")
S.check(int(sql_value(db, "SELECT count(*) FROM media_pending")) == 0,
        "and nothing waits")


# Regions marked on the preview, in its pixels: the face of gps-p3.jpg.
with open(os.path.join(MEDIA, "gps-p3.jpg"), "rb") as f:
    p3 = f.read()
t3, body3 = multipart({"csrf": ed.csrf},
                      {"file": ("face.jpg", "image/jpeg", p3)})
r = desk_post(ed, f"/admin/t/{IR}/media", body3, t3)
loc = r.headers.get("Location") or ""
first = loc[loc.index("/admin"):] if "/admin" in loc else "/"
webp = re.search(r'<img src="([^"]+\.webp)"',
                 ed.request("GET", first).body.decode())
face = (326, 186, 148, 148)  # 310,170,180,180 less 16 pixels each side
S.check(webp is not None and spread(ed.request("GET", webp.group(1)).body,
                                    *face) > 100,
        "the preview shows the face")
r = ed.request("POST", first + "/redact", {"regions": "310,170,180,180"},
               form=True)
loc = r.getheader("Location") or ""
second = loc[loc.index("/admin"):] if "/admin" in loc else "/"
S.check(r.status == 303 and second != first and "/pending/" in second,
        f"hiding a region marked on the preview ({r.status})")
S.check(ed.request("GET", first).status == 404, "the unredacted one is gone")
page2 = ed.request("GET", second).body.decode()
webp = re.search(r'<img src="([^"]+\.webp)"', page2)
S.check(webp is not None and spread(ed.request("GET", webp.group(1)).body,
                                    *face) <= 12,
        "the preview shown again: the face is uniform")
r = ed.request("POST", second + "/redact", {"regions": "700,500,200,200"},
               form=True)
S.check(r.status == 422, f"a region outside the picture: 422 ({r.status})")
ed.request("POST", second + "/discard", {}, form=True)
r = desk_post(ed, f"/admin/t/{IR}/media",
              body.replace(ed.csrf.encode(), b"x" * len(ed.csrf)), t)
S.check(r.status == 403, f"a desk upload without its CSRF token: 403 ({r.status})")

status, err = srv.stop()
S.check(status == 0, f"the server stops cleanly ({status}): {err[-400:]}")
S.check(vigil("check", db=db, check=False)[0] == 0, "vigil check passes")
S.finish()
