"""test_feeds.py: Atom is well-formed and has the elements RFC 4287
requires; the JSON Feed has the keys version 1.1 requires; both publish
the revision chain's head; and the byte budgets of DESIGN §5 hold: the
live page under 60 KB raw and 15 KB gzipped (the demo, and a tracker of
50 updates), the lite page under 10 KB."""
import gzip
import json
import os
import subprocess
import xml.etree.ElementTree as ET

from harness import ROOT, Suite, Server, backend_is, demo_db, sql_value, vigil

A = "{http://www.w3.org/2005/Atom}"
s = Suite("e2e-feeds")
db = demo_db(s)

# A busier tracker: 60 updates of a realistic length, six metrics with
# claims from eight sources (the benchmarks' generator).
path = os.path.join(s.tmp, "busy.json")
subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "bench/make_bundle.py"),
                "busy", "60", path], check=True)
vigil("import", path, db=db)

srv = Server(db)

# Atom (RFC 4287 §4.1.1, §4.1.2).
atom = srv.get("/t/iran-nov-2019/feed.atom").body
open(os.path.join(s.tmp, "feed.xml"), "wb").write(atom)
lint = subprocess.run(["xmllint", "--noout", os.path.join(s.tmp, "feed.xml")],
                      capture_output=True)
s.check(lint.returncode == 0 and not lint.stderr, f"xmllint: {lint.stderr}")
feed = ET.fromstring(atom)
s.check(feed.tag == A + "feed", f"root is {feed.tag}")
for el in ["id", "title", "updated"]:
    s.check(len(feed.findall(A + el)) == 1, f"feed needs exactly one {el}")
self_links = [l for l in feed.findall(A + "link") if l.get("rel") == "self"]
s.check(len(self_links) == 1 and self_links[0].get("href", "").endswith(
    "/t/iran-nov-2019/feed.atom"), "feed has its self link")
entries = feed.findall(A + "entry")
s.check(len(entries) == 9, f"{len(entries)} entries")
feed_author = feed.find(A + "author/" + A + "name") is not None
for e in entries:
    for el in ["id", "title", "updated"]:
        s.check(len(e.findall(A + el)) == 1, f"entry needs one {el}")
    s.check(feed_author or e.find(A + "author") is not None, "entry author")
    s.check(e.find(A + "content") is not None or
            any(l.get("rel", "alternate") == "alternate"
                for l in e.findall(A + "link")),
            "entry needs content or an alternate link")
    s.check(e.find(A + "id").text.startswith("http"), "ids are absolute IRIs")
ids = [e.find(A + "id").text for e in entries]
s.check(len(set(ids)) == len(ids), "entry ids are unique")
HEX = "lower(hex(hash))" if backend_is("sqlite") else "encode(hash, 'hex')"
head = sql_value(db, f"SELECT {HEX} FROM update_rev ORDER BY seq DESC LIMIT 1")
s.check(head and head.encode() in atom, "Atom publishes the chain head")

# JSON Feed 1.1.
jf = json.loads(srv.get("/t/iran-nov-2019/feed.json").text())
s.check(jf.get("version") == "https://jsonfeed.org/version/1.1",
        f"version {jf.get('version')}")
s.check(isinstance(jf.get("title"), str) and isinstance(jf.get("items"), list),
        "title and items")
s.check(jf.get("feed_url", "").endswith("/feed.json") and
        jf.get("home_page_url", "").endswith("/t/iran-nov-2019"),
        "home_page_url and feed_url")
for item in jf["items"]:
    s.check(isinstance(item.get("id"), str) and
            ("content_html" in item or "content_text" in item),
            f"item {item.get('id')} needs id and content")
s.check(jf.get("_vigil", {}).get("chain_head") == head,
        "JSON Feed publishes the chain head")

# Byte budgets.
for slug in ["iran-nov-2019", "busy"]:
    raw = srv.get(f"/t/{slug}").body
    gz = srv.get(f"/t/{slug}", {"Accept-Encoding": "gzip"}).body
    lite = srv.get(f"/t/{slug}/lite").body
    n = raw.count(b'class="update')
    print(f"  {slug}: live {len(raw)} B ({n} updates), gzipped {len(gz)} B, "
          f"lite {len(lite)} B")
    s.check(len(raw) < 60 * 1024, f"{slug}: live page {len(raw)} B raw")
    s.check(len(gz) < 15 * 1024, f"{slug}: live page {len(gz)} B gzipped")
    s.check(gzip.decompress(gz) == raw, f"{slug}: gzip round-trips")
    s.check(len(lite) < 10 * 1024, f"{slug}: lite page {len(lite)} B")
s.check(srv.get("/t/busy").body.count(b'class="update') >= 50,
        "the busy page shows 50 updates")

status, err = srv.stop()
s.check(status == 0, f"server exit {status}: {err[-300:]}")
s.finish()
