"""test_media_out.py: the demo with ten images (the photos of tests/media,
some redacted, so ten different images) shown by ten updates stays within
its budgets: the live page under 60 KB of HTML and 15 KB gzipped, each
image a <picture> with its size; the lite page under 10 KB, each image
its alt text and a link to a file the server sends, no <img>; the
snapshot under 200,000 bytes, each image inlined or named, nothing to
fetch; the static mirror holds every file the live page shows and
verifies. The tracker's bundle, imported into a new database, shows the
same pictures from the same files."""
import gzip
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, Server, Suite, demo_db, empty_db, vigil  # noqa: E402

S = Suite("e2e-media-out")
SLUG = "iran-nov-2019"
BASE = "https://vigil.example"
MEDIA = os.path.join(ROOT, "tests", "media")
db = demo_db(S)

# Ten images: four photos, as sent and with a face or a corner hidden.
UPLOADS = [("gps.webp", None), ("gps-p3.jpg", None),
           ("gps-oriented.jpg", None), ("gps.png", None),
           ("gps-p3.jpg", "310,170,180,180"), ("gps.webp", "0,0,200,200"),
           ("gps-oriented.jpg", "100,100,300,300"), ("gps.png", "0,0,150,150"),
           ("gps-p3.jpg", "0,0,100,100"), ("gps.webp", "400,300,200,200")]
keys = []
for i, (name, region) in enumerate(UPLOADS):
    args = ["media", "add", os.path.join(MEDIA, name), "--tracker", SLUG,
            "--alt", f"Photo {i + 1}: a drawn face at the square",
            "--credit", "Staff photographer"]
    if region:
        args += ["--redact", region]
    _, out, _ = vigil(*args, db=db)
    keys.append(out.split()[0])
S.check(len(set(keys)) == 10, f"ten different images: {len(set(keys))}")
for i, key in enumerate(keys):
    vigil("post", SLUG, "--title", f"At the square, {i + 1}", db=db,
          stdin=(f"![Photo {i + 1}: a drawn face at the square](/media/{key})"
                 f"\n\nThe scene, {i + 1}.\n").encode())

srv = Server(db, "--base-url", BASE)

# ==== The live page ====
raw = srv.get(f"/t/{SLUG}").body
gz = srv.get(f"/t/{SLUG}", {"Accept-Encoding": "gzip"}).body
print(f"  live {len(raw)} B, gzipped {len(gz)} B")
S.check(raw.count(b'<picture class="media">') == 10,
        f"ten pictures: {raw.count(b'<picture')}")
S.check(len(raw) < 60 * 1024, f"live page {len(raw)} B of HTML")
S.check(len(gz) < 15 * 1024, f"live page {len(gz)} B gzipped")
S.check(gzip.decompress(gz) == raw, "gzip round-trips")
imgs = re.findall(rb"<img [^>]*>", raw)
S.check(len(imgs) == 10 and all(b' width="' in i and b' height="' in i and
                                 b'loading="lazy"' in i for i in imgs),
        "each <img> has its width, height and loading=lazy")
shown = sorted(set(re.findall(rb"/media/[0-9a-f]{64}\.(?:webp|jpg)", raw)))
S.check(len(shown) >= 20, f"the renditions the page names: {len(shown)}")

# ==== The lite page ====
lite = srv.get(f"/t/{SLUG}/lite").body
print(f"  lite {len(lite)} B")
S.check(len(lite) < 10 * 1024, f"lite page {len(lite)} B")
S.check(b"<img" not in lite and b"<picture" not in lite, "the lite page has no image")
for i, key in enumerate(keys):
    link = (f'<a href="/media/{key}.webp"><bdi>Photo {i + 1}: a drawn face '
            f'at the square</bdi></a>').encode()
    S.check(link in lite, f"image {i + 1}: its alt text, a link to it")
r = srv.get(f"/media/{keys[0]}.webp")
S.check(r.status == 200 and r.header("content-type") == "image/webp" and
        hashlib.sha256(r.body).hexdigest() == keys[0],
        f"the lite page's link is an image the server sends: {r.status}")

# ==== The snapshot ====
snap = os.path.join(S.tmp, "snapshot.html")
vigil("export", SLUG, "--format", "snapshot", "--output", snap,
      "--base-url", BASE, db=db)
with open(snap, "rb") as f:
    body = f.read()
inlined = body.count(b'src="data:image/webp;base64,')
left = body.count(b'class="media-left-out"')
print(f"  snapshot {len(body)} B, {inlined} images inlined, {left} left out")
S.check(len(body) < 200000, f"snapshot {len(body)} B, under its budget")
S.check(inlined + left == 10 and inlined > 0,
        f"each image inlined ({inlined}) or named ({left})")
S.check(all(b'src="data:' in i for i in re.findall(rb"<img [^>]*>", body)),
        "no image fetched from anywhere")
S.check(re.search(rb"<(script|link|iframe|object|embed)[ >]", body) is None,
        "no script, link or frame")
rc, out, err = vigil("verify", snap, db=db, check=False)
S.check(rc == 0, f"the snapshot verifies: {out} {err}")

# ==== The static mirror ====
mirror = os.path.join(S.tmp, "mirror")
vigil("export", SLUG, "--format", "static", "--output", mirror,
      "--base-url", BASE, db=db)
with open(os.path.join(mirror, "t", SLUG, "index.html"), "rb") as f:
    S.check(f.read() == raw, "the mirror's live page is the server's")
missing = []
for path in shown:
    file = os.path.join(mirror, path.decode().lstrip("/"))
    name = os.path.basename(file).split(".")[0]
    if (not os.path.exists(file) or
            hashlib.sha256(open(file, "rb").read()).hexdigest() != name or
            open(file, "rb").read() != srv.get(path.decode()).body):
        missing.append(path)
S.check(not missing, f"the mirror holds each file the page shows: {missing[:3]}")
rc, out, err = vigil("verify", os.path.join(mirror, "SHA256SUMS"), db=db,
                     check=False)
S.check(rc == 0 and "unchanged" in out, f"the mirror verifies: {out} {err}")
srv.stop()

# ==== The bundle, imported elsewhere ====
bundle = os.path.join(S.tmp, "bundle.json")
vigil("export", SLUG, "--output", bundle, db=db)
other = empty_db(S, "imported")
rc, out, err = vigil("import", bundle, db=other, check=False)
S.check(rc == 0, f"the bundle imports: {err}")
rc, out, err = vigil("check", db=other, check=False)
S.check(rc == 0, f"the import passes its check: {out} {err}")
srv = Server(other, "--base-url", BASE)
copy = srv.get(f"/t/{SLUG}").body
S.check(copy.count(b'<picture class="media">') == 10,
        f"the imported page shows ten pictures: {copy.count(b'<picture')}")
S.check(sorted(set(re.findall(rb"/media/[0-9a-f]{64}\.(?:webp|jpg)", copy)))
        == shown, "from the same files")
r = srv.get(shown[0].decode())
S.check(r.status == 200 and hashlib.sha256(r.body).hexdigest() ==
        os.path.basename(shown[0].decode()).split(".")[0],
        "served by the imported record under its name")
again = os.path.join(S.tmp, "again.json")
vigil("export", SLUG, "--output", again, db=other)
S.check(open(again, "rb").read() == open(bundle, "rb").read(),
        "export -> import -> export: the same bytes")
srv.stop()
S.finish()
