"""test_mirror.py: the static export (issue 6) served by nginx on
loopback gives the same bytes as `vigil serve` for the live page and the
other pages, with .gz siblings nginx sends with gzip_static."""
import gzip
import os
import shutil
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, demo_db, own, vigil  # noqa: E402

S = Suite("e2e-mirror")
SLUG = "iran-nov-2019"
BASE = "https://vigil.example"
db = demo_db(S)
os.chmod(S.tmp, 0o755)  # nginx's workers read the files
mirror = os.path.join(S.tmp, "mirror")
rc, out, err = vigil("export", SLUG, "--format", "static", "--output", mirror,
                     "--base-url", BASE, db=db)
S.check(rc == 0 and "files" in out, f"static export: {out} {err}")
S.check(os.path.exists(os.path.join(mirror, "t", SLUG, "index.html")) and
        os.path.exists(os.path.join(mirror, "t", SLUG, "index.html.gz")),
        "the live page and its .gz")

sock = socket.socket()
sock.bind(("127.0.0.1", 0))
port = sock.getsockname()[1]
sock.close()
conf = os.path.join(S.tmp, "nginx.conf")
with open(conf, "w") as f:
    f.write(f"""daemon off;
pid {S.tmp}/nginx.pid;
error_log {S.tmp}/nginx-error.log;
{'user root;' if os.geteuid() == 0 else ''}
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  types {{ application/atom+xml atom; application/geo+json geojson;
           application/feed+json json; text/csv csv; }}
  access_log off;
  gzip_static on;
  client_body_temp_path {S.tmp}/nginx-body;
  server {{
    listen 127.0.0.1:{port};
    root {mirror};
    location / {{ try_files $uri $uri/index.html =404; }}
  }}
}}
""")
nginx = own(subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-c",
                              conf, "-p", S.tmp], stderr=subprocess.PIPE))
for _ in range(50):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        break
    except OSError:
        time.sleep(0.1)

import http.client  # noqa: E402


def nginx_get(path, gz=False):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", path, headers={"Accept-Encoding": "gzip"} if gz else {})
    r = c.getresponse()
    body = r.read()
    enc = r.getheader("Content-Encoding")
    c.close()
    return r.status, body, enc


srv = Server(db, "--base-url", BASE)
for path in [f"/t/{SLUG}", f"/t/{SLUG}/u/1", f"/t/{SLUG}/day/44",
             f"/t/{SLUG}/tallies/killed", f"/t/{SLUG}/events",
             f"/t/{SLUG}/victims", f"/t/{SLUG}/lite", f"/t/{SLUG}/feed.atom",
             f"/t/{SLUG}/export.csv", "/", "/sources"]:
    ours = srv.get(path)
    status, body, _ = nginx_get(path)
    S.check(status == 200 and ours.status == 200 and body == ours.body,
            f"{path}: nginx serves the same bytes ({status}, "
            f"{len(body)} vs {len(ours.body)})")
status, body, enc = nginx_get(f"/t/{SLUG}", gz=True)
S.check(enc == "gzip" and gzip.decompress(body) ==
        srv.get(f"/t/{SLUG}").body, "the .gz sibling, sent with gzip_static")
srv.stop()
nginx.terminate()

# Signed: SHA256SUMS lists every file, its signature vouches for them.
sums = os.path.join(mirror, "SHA256SUMS")
rc, out, err = vigil("verify", sums, db=db, check=False)
S.check(rc == 0 and "unchanged" in out, f"the mirror verifies: {out} {err}")
page = os.path.join(mirror, "t", SLUG, "index.html")
with open(page, "ab") as f:
    f.write(b"<!-- planted -->")
rc, out, err = vigil("verify", sums, db=db, check=False)
S.check(rc == 1 and f"t/{SLUG}/index.html: changed" in err,
        f"a changed page is caught: {rc} {err}")
nginx.wait(timeout=10)
S.finish()
