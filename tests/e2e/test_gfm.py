"""test_gfm.py: GitHub Flavored Markdown from a post to every page.

An update posted with the CLI holds a bare URL, a table, ~~struck~~ text,
an image of Vigil's media store, an image from elsewhere, raw HTML and a
javascript: link. Its page shows a link, a table, <del>, the own image as
an <img> and the other as a link, and none of the hostile parts; the
text-only page reads it as plain text; the Atom feed carries the same
HTML. A body past cmark-gfm's quadratic limits is refused with its line.
"""
import re
import xml.etree.ElementTree as ET

import html5lib  # Debian's python3 has it (run-all.sh)

from harness import Server, Suite, demo_db, vigil

S = Suite("e2e-gfm")
SLUG = "iran-nov-2019"
db = demo_db(S)
HASH = "ab" * 32
BODY = f"""Live figures at https://example.org/figures and www.example.org.

| City | Dead |
|:-----|-----:|
| Shiraz | ~~40~~ 41 |

![Crowd at the square](/media/{HASH}.webp)
![A photo elsewhere](https://tracker.example/p.jpg)

About <script>alert(1)</script> [click](javascript:alert(2)) ~300 people.
"""
_, out, _ = vigil("post", SLUG, "--title", "Tables and links", db=db,
                  stdin=BODY.encode())
N = int(re.search(r"posted update (\d+)", out).group(1))

too_wide = "a|b\n-|-\n" + "|" * 200 + "\n"
rc, _, err = vigil("post", SLUG, "--title", "Too wide", db=db,
                   stdin=too_wide.encode(), check=False)
S.check(rc != 0 and "line 3" in err and "128" in err,
        f"a row of 200 cells is refused, with its line: {err.strip()}")

srv = Server(db)
page = srv.get(f"/t/{SLUG}/u/{N}").text()
body = page[page.index("<main>"):]
try:
    html5lib.HTMLParser(strict=True).parse(page)
    S.check(True, "the update page is valid HTML")
except html5lib.html5parser.ParseError as e:
    S.check(False, f"the update page is valid HTML: {e}")
for want in ['<a href="https://example.org/figures">https://example.org/figures'
             '</a>',
             '<a href="http://www.example.org">www.example.org</a>',
             '<th align="left">City</th>', '<td align="right">'
             '<del>40</del> 41</td>',
             f'<img src="/media/{HASH}.webp" alt="Crowd at the square" '
             'loading="lazy"',
             '<a href="https://tracker.example/p.jpg">A photo elsewhere</a>',
             "~300 people"]:
    S.check(want in body, f"the update page has {want}")
for banned in ["<script>alert", "javascript:", 'src="https://tracker.example']:
    S.check(banned not in body, f"the update page lacks {banned}")

lite = srv.get(f"/t/{SLUG}/lite").text()
m = re.search(r"Live figures at .*?people\.", lite, re.S)
S.check(m is not None, "the text-only page shows the update")
if m:
    text = m.group(0)
    S.check("City Dead Shiraz 40 41" in text and
            "https://example.org/figures" in text and "~~" not in text and
            "|" not in text and "<" not in text.replace("&lt;", ""),
            f"as plain text: {text}")

atom = ET.fromstring(srv.get(f"/t/{SLUG}/feed.atom").body)
A = "{http://www.w3.org/2005/Atom}"
content = [e.find(A + "content").text for e in atom.findall(A + "entry")
           if e.find(A + "title").text == "Tables and links"]
S.check(content and "<table>" in content[0] and "<del>40</del>" in content[0]
        and "<script>alert" not in content[0],
        "the Atom entry carries the same HTML")
status, err = srv.stop()
S.check(status == 0, f"server exit {status}: {err[-300:]}")
S.finish()
