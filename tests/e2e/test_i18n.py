"""test_i18n.py: pages in their tracker's language, from the real server
on loopback, on either backend.

- A Persian tracker's live page labels a key event in Persian, and an
  English tracker's in English, from one server at the same time; the
  live push of a new key event is in Persian too.
- The Persian page writes its day line, day headings, times and
  highlights in Persian, with Persian digits and Solar Hijri dates; an
  Arabic tracker's in Arabic, with Arabic-Indic digits.
- The write API (as the desk) takes a Solar Hijri date in Persian digits
  and counts and coordinates in Persian digits, and stores them as the
  record keeps them.
- A tracker's language tag may ask for Latin digits (ar-u-nu-latn) or
  another calendar (fa-u-ca-gregory), as BCP 47 says.
- The figures pages, a figure's chart (axis dates and figures), the
  memorial, search and lite pages and the signed snapshot of a Persian
  and an Arabic tracker speak their language, in their digits; the
  English demo tracker's stay English.
- A Persian tracker's feeds label in Persian and keep ISO 8601 dates
  in Latin digits.
- A Persian update marked as a key event on an English tracker stays
  right to left: its title and body carry its language and direction,
  and the English label beside them sets neither (the label used to turn
  the whole article left to right).
"""
import json
import os
import re
import shutil
import socket
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, demo_db, vigil  # noqa: E402
from editors import Client, add_user, api_token  # noqa: E402

S = Suite("e2e-i18n")
db = demo_db(S)
vigil("tracker", "create", "tehran-fa", "--title", "اعتراضات تهران",
      "--started-on", "2019-11-15", "--timezone", "Asia/Tehran",
      "--languages", "fa,en", db=db)
vigil("post", "tehran-fa", "--title", "عنوان", "--key", db=db,
      stdin="متن به‌روزرسانی.".encode())
vigil("tracker", "create", "khartoum-ar", "--title", "احتجاجات الخرطوم",
      "--started-on", "2019-11-15", "--timezone", "Africa/Khartoum",
      "--languages", "ar", db=db)
vigil("tracker", "create", "beirut-ar", "--title", "احتجاجات بيروت",
      "--started-on", "2019-11-15", "--timezone", "Asia/Beirut",
      "--languages", "ar-u-nu-latn", db=db)
vigil("tracker", "create", "tehran-greg", "--title", "اعتراضات تهران",
      "--started-on", "2019-11-15", "--timezone", "Asia/Tehran",
      "--languages", "fa-u-ca-gregory", db=db)
vigil("post", "khartoum-ar", "--title", "عنوان", db=db,
      stdin="نص التحديث.".encode())
vigil("post", "iran-nov-2019", "--title", "عنوان", "--lang", "fa", "--key",
      db=db, stdin="متن.".encode())
for slug in ("tehran-fa", "khartoum-ar"):
    vigil("metric", "add", slug, "killed", "--label", "Killed", db=db)
    vigil("claim", "add", slug, "--metric", "killed", "--source", "amnesty",
          "--low", "1500", "--as-of", "2019-11-20", db=db)
    vigil("claim", "add", slug, "--metric", "killed", "--source", "rferl",
          "--qualifier", "at_least", "--low", "304", "--as-of", "2019-11-19",
          db=db)
add_user(db, "fa-desk", "editor")
TOKEN = api_token(db, "fa-desk")
srv = Server(db)

fa = srv.get("/t/tehran-fa").text()
en = srv.get("/t/iran-nov-2019").text()
FA_TAG = 'class="tag keyev">رویداد کلیدی<'
EN_TAG = 'class="tag keyev">Key event<'
S.check(FA_TAG in fa, "the Persian tracker labels a key event in Persian")
S.check(EN_TAG not in fa, "and not in English")
S.check(EN_TAG in en and FA_TAG not in en, "the English tracker in English")
S.check('<html lang="fa" dir="rtl"' in fa, "the Persian page is right to left")
FA_DIGITS = "[۰-۹]"
S.check(re.search(rf'<p class="dayline">روز {FA_DIGITS}+(٬{FA_DIGITS}+)?</p>',
                  fa) is not None, "its day line: روز and Persian digits")
S.check(re.search(rf'<h2><a href="/t/tehran-fa/day/\d+">روز {FA_DIGITS}+'
                  rf'(٬{FA_DIGITS}+)? — {FA_DIGITS}+ (فروردین|اردیبهشت|خرداد|'
                  rf'تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) '
                  rf'{FA_DIGITS}{{4}}</a></h2>', fa) is not None,
        "its day headings: Solar Hijri dates in Persian digits")
S.check(re.search(rf'<time datetime="[^"]+">{FA_DIGITS}{{2}}:{FA_DIGITS}{{2}}'
                  '</time>', fa) is not None, "its times in Persian digits")
S.check(">نکات برجسته</h2>" in fa and ">Highlights<" not in fa,
        "its highlights' heading in Persian")
S.check('data-newbar="به‌روزرسانی‌های تازه: %s"' in fa,
        "the live script's bar for readers further down, in Persian")
S.check(">همه‌ی به‌روزرسانی‌ها</a>" in fa and ">فقط رویدادهای کلیدی</a>" in fa,
        "its filters in Persian")
day1 = srv.get("/t/tehran-fa/day/1").text()
S.check("روز ۱ — ۲۴ آبان ۱۳۹۸" in day1,
        "day 1 is 24 Aban 1398 (15 November 2019)")
ar = srv.get("/t/khartoum-ar").text()
AR_DIGITS = "[٠-٩]"
S.check('<html lang="ar" dir="rtl"' in ar and
        re.search(rf'<p class="dayline">اليوم {AR_DIGITS}+(٬{AR_DIGITS}+)?</p>',
                  ar) is not None,
        "the Arabic page: right to left, اليوم and Arabic-Indic digits")
S.check("اليوم ١ — ١٥ نوفمبر ٢٠١٩" in srv.get("/t/khartoum-ar/day/1").text(),
        "an Arabic day heading: a Gregorian date in Arabic")
S.check("اليوم 1 — 15 نوفمبر 2019" in srv.get("/t/beirut-ar/day/1").text(),
        "an Arabic tracker set to Latin digits (ar-u-nu-latn)")
S.check("روز ۱ — ۱۵ نوامبر ۲۰۱۹" in srv.get("/t/tehran-greg/day/1").text(),
        "a Persian tracker set to Gregorian dates (fa-u-ca-gregory)")

# The Persian update on the English tracker.
art = re.search(r'<article id="u\d+" class="update[^"]*key[^"]*">.*?</article>',
                en[en.find("عنوان") - 3000:], re.S)
art = art.group(0) if art else ""
S.check('lang="fa"' not in art.split("<h3")[0] and
        "dir=" not in art.split(">")[0],
        "the article itself (labels) takes the page's language and direction")
S.check('<h3 lang="fa" dir="rtl">عنوان</h3>' in art,
        "its title carries its language and direction")
S.check('<div class="body" lang="fa" dir="rtl">' in art,
        "and so does its body")

# Both languages at once: pages rendered on many request threads.
wrong = []


def fetch(path, want, avoid):
    for _ in range(20):
        page = srv.get(path, {"Cache-Control": "no-cache"}).text()
        if want not in page or avoid in page:
            wrong.append(path)


threads = [threading.Thread(target=fetch, args=a) for a in
           [("/t/tehran-fa", FA_TAG, EN_TAG),
            ("/t/iran-nov-2019", EN_TAG, FA_TAG)] * 3]
for t in threads:
    t.start()
for t in threads:
    t.join()
S.check(not wrong, f"each page in its own language under load ({len(wrong)} "
                   "wrong)")

# A key event pushed live to the Persian tracker's readers.
sock = socket.create_connection(("127.0.0.1", srv.port), timeout=20)
sock.sendall(b"GET /t/tehran-fa/live HTTP/1.1\r\nHost: x\r\n"
             b"Accept: text/event-stream\r\n\r\n")
raw = b""
while b"retry:" not in raw:
    raw += sock.recv(65536)
vigil("post", "tehran-fa", "--title", "دوم", "--key", db=db,
      stdin="دومین به‌روزرسانی.".encode())
deadline = time.monotonic() + 20
while b"event: update" not in raw and time.monotonic() < deadline:
    raw += sock.recv(65536)
while not raw.endswith(b"\n\n") and b"\n\n" not in raw.split(
        b"event: update", 1)[-1] and time.monotonic() < deadline:
    raw += sock.recv(65536)
sock.close()
pushed = raw.split(b"event: update", 1)[-1].decode(errors="replace")
S.check("event: update" in raw.decode(errors="replace") and
        "دومین" in pushed, "the update is pushed live")
S.check("رویداد کلیدی" in pushed and "Key event" not in pushed,
        "labelled in Persian")

# Dates and numbers as a Persian editor types them: a Solar Hijri date in
# Persian digits, a count with the Persian thousands separator.
bot = Client(srv, origin=False)
r = bot.request("POST", "/api/v1/trackers/tehran-fa/events", {
    "date": "۱۳۹۸/۰۸/۲۵", "type": "Protests", "sub_type": "Peaceful protest",
    "place": "Tehran", "country": "IR", "fatalities": "۱٬۲۰۰", "lat": "۳۵٫۶۹",
    "lon": "۵۱٫۳۹"}, {"Authorization": "Bearer " + TOKEN})
ev = r.json or {}
S.check(r.status == 201 and ev.get("date") == "2019-11-16" and
        ev.get("fatalities") == 1200,
        f"a Solar Hijri date and Persian digits are stored as the record keeps "
        f"them ({r.status} {str(ev)[:200]})")
r = bot.request("POST", "/api/v1/trackers/tehran-fa/events", {
    "date": "۱۳۹۸/۱۲/۳۰", "type": "Protests", "place": "Tehran",
    "country": "IR"}, {"Authorization": "Bearer " + TOKEN})
S.check(r.status == 422 and "date" in str(r.json),
        f"1398 has no 30 Esfand: 422 ({r.status})")

# The other public pages, in each tracker's language and digits.
PAGES = {
    "tehran-fa": {
        "/tallies": [">ارقام</h1>", "<th>شاخص</th>", "۱٬۵۰۰"],
        "/tallies/killed": [">در گذر زمان</h2>", ">همه‌ی ادعاها</h2>",
                            "ارقام هر منبع از", "<th>وضعیت</th>"],
        "/victims": [">قربانیان شناسایی‌شده با نام</h1>"],
        "/search?q=x": ["<button>جست‌وجو</button>"],
        "/lite": [">نسخه‌ی کامل</a>"],
    },
    "khartoum-ar": {
        "/tallies": [">الأرقام</h1>", "<th>المؤشر</th>", "١٬٥٠٠"],
        "/tallies/killed": [">عبر الزمن</h2>", ">كل الادعاءات</h2>",
                            "أرقام كل مصدر من", "<th>الحالة</th>"],
        "/victims": [">ضحايا عُرفت أسماؤهم</h1>"],
        "/search?q=x": ["<button>بحث</button>"],
        "/lite": [">الصفحة الكاملة</a>"],
    },
    "iran-nov-2019": {
        "/tallies": [">Figures</h1>", "<th>Metric</th>"],
        "/victims": [">Victims identified by name</h1>"],
        "/search?q=x": ["<button>Search</button>"],
        "/lite": [">Full page</a>"],
    },
}
for slug, pages in PAGES.items():
    for path, wants in pages.items():
        page = srv.get(f"/t/{slug}{path}").text()
        missing = [w for w in wants if w not in page]
        S.check(not missing, f"{slug}{path}: {missing}")
chart = srv.get("/t/tehran-fa/tallies/killed").text()
svg = chart[chart.find("<svg"):chart.find("</svg>")]
S.check(re.search(rf'<text[^>]*>{FA_DIGITS}+ (آبان|آذر|دی) {FA_DIGITS}{{4}}'
                  '</text>', svg) is not None and
        re.search(r'<text[^>]*>[^<]*[0-9]', svg) is None,
        "the Persian chart's axis: Solar Hijri dates, Persian digits only")
chart = srv.get("/t/khartoum-ar/tallies/killed").text()
svg = chart[chart.find("<svg"):chart.find("</svg>")]
S.check(re.search(rf'<text[^>]*>{AR_DIGITS}+ نوفمبر {AR_DIGITS}{{4}}</text>',
                  svg) is not None and
        re.search(r'<text[^>]*>[^<]*[0-9]', svg) is None,
        "the Arabic chart's axis: Arabic-Indic digits only")
S.check("<th>Status</th>" not in srv.get("/t/tehran-fa/tallies/killed").text(),
        "no English column heads on the Persian figure page")
for slug, want in (("tehran-fa", ">نسخه‌ی ثابتی از"),
                   ("khartoum-ar", ">نسخة ثابتة من"),
                   ("iran-nov-2019", ">A snapshot of")):
    out = os.path.join(tempfile.mkdtemp(prefix="vigil-i18n-"), "snap.html")
    vigil("export", slug, "--format", "snapshot", "--output", out, db=db)
    with open(out, encoding="utf-8") as f:
        snap = f.read()
    shutil.rmtree(os.path.dirname(out))
    S.check(want in snap, f"the {slug} snapshot says {want!r}")

# Feeds speak the tracker's language, with what machines read kept as
# machines read it: ISO 8601 dates, Latin digits.
atom = srv.get("/t/tehran-fa/feed.atom").text()
S.check('label="رویداد کلیدی"' in atom and 'label="Key event"' not in atom,
        "the Persian feed labels a key event in Persian")
S.check(re.search(r"<updated>\d{4}-\d\d-\d\dT", atom) is not None and
        re.search(FA_DIGITS, re.sub(r"<content[^>]*>.*?</content>|"
                                    r"<title[^>]*>.*?</title>", "", atom,
                                    flags=re.S)) is None,
        "and keeps ISO 8601 dates in Latin digits")
feed = json.loads(srv.get("/t/tehran-fa/feed.json").text())
S.check(feed.get("language", "").startswith("fa"),
        "the JSON Feed says its language")

status, err = srv.stop()
S.check(status == 0, f"the server stops cleanly ({status}): {err[-400:]}")
S.finish()
