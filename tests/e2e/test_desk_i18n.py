"""test_desk_i18n.py: the desk in its editor's language, from the real
server on loopback, on either backend.

- An editor chooses the desk's language on their account page (POST
  /admin/lang, audited); the choice is theirs, not the tracker's: one
  editor's desk is Persian and another's English at the same time.
- A language the desk does not speak is refused with a message, and
  changes nothing.
- Before sign-in, the sign-in page follows the browser's Accept-Language.
- Every desk page, walked as a Persian and as an Arabic editor over a
  tracker whose own text is all Persian, is right to left in its
  language and shows no English word: a label left in English is a word
  in Latin letters that is not one of the fixture's names (a login, a
  slug, an address) or a format's (CSV, JSON).
- Every public page of that Persian tracker and of an Arabic one speaks
  its tracker's language the same way.
- A Persian tracker may show the Gregorian date beside each Solar Hijri
  one (vigil tracker set --gregorian, or the desk's settings): off by
  default, and kept by a bundle's round trip.
"""
import os
import re
import sys
import time
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, empty_db, sql_value, vigil  # noqa: E402
from editors import Client, add_user  # noqa: E402
from words import english_left  # noqa: E402

S = Suite("e2e-desk-i18n")
db = empty_db(S)
SLUG = "tehran-fa"
vigil("tracker", "create", SLUG, "--title", "اعتراضات تهران",
      "--started-on", "2019-11-15", "--timezone", "Asia/Tehran",
      "--languages", "fa", db=db)
vigil("post", SLUG, "--title", "تجمع در میدان", "--key", db=db,
      stdin="مردم در میدان جمع شدند.".encode())
vigil("metric", "add", SLUG, "killed", "--label", "کشته‌شدگان", db=db)
vigil("source", "add", "hrana", "--name", "هرانا", "--kind", "ngo", db=db)
vigil("claim", "add", SLUG, "--metric", "killed", "--source", "hrana",
      "--low", "1500", "--as-of", "2019-11-20", db=db)
vigil("event", "add", SLUG, "--date", "2019-11-16", "--type", "Protests",
      "--sub-type", "Peaceful protest", "--place", "تهران", "--country", "IR",
      db=db)
AR = "khartoum-ar"
vigil("tracker", "create", AR, "--title", "احتجاجات الخرطوم",
      "--started-on", "2019-12-19", "--timezone", "Africa/Khartoum",
      "--languages", "ar", "--country", "SD", db=db)
vigil("post", AR, "--title", "موكب في الخرطوم", "--key", db=db,
      stdin="خرج المتظاهرون إلى الشوارع.".encode())
vigil("metric", "add", AR, "killed", "--label", "القتلى", db=db)
vigil("source", "add", "cdsd", "--name", "لجنة أطباء السودان المركزية",
      "--kind", "ngo", db=db)
vigil("claim", "add", AR, "--metric", "killed", "--source", "cdsd",
      "--low", "40", "--as-of", "2019-12-25", db=db)
vigil("event", "add", AR, "--date", "2019-12-20", "--type", "Protests",
      "--sub-type", "Peaceful protest", "--place", "الخرطوم", "--country",
      "SD", db=db)
add_user(db, "sara", "admin,editor,custodian,verifier")
add_user(db, "omar", "admin,editor,custodian,verifier")
add_user(db, "anna", "admin,editor,custodian,verifier")
srv = Server(db, "--demo")


def signed_in(login):
    c = Client(srv)
    S.check(c.login(login).status == 200, f"{login} signs in")
    return c


sara, omar, anna = signed_in("sara"), signed_in("omar"), signed_in("anna")

# Choosing the language.
r = sara.request("POST", "/admin/lang", {"lang": "fa"}, form=True)
S.check(r.status == 303, f"sara chooses Persian ({r.status})")
r = omar.request("POST", "/admin/lang", {"lang": "ar"}, form=True)
S.check(r.status == 303, f"omar chooses Arabic ({r.status})")
audits = sql_value(db, "SELECT count(*) FROM audit_log WHERE "
                       "action = 'user.lang'")
S.check(int(audits) == 2, f"each choice is audited ({audits})")
r = anna.request("POST", "/admin/lang", {"lang": "xx"}, form=True)
body = r.body.decode()
S.check(r.status == 422 and "lang" in body and "en, fa, ar" in body,
        f"a language the desk does not speak: 422 with a message ({r.status})")
S.check(int(sql_value(db, "SELECT count(*) FROM users WHERE lang IS NOT "
                          "NULL")) == 2, "and nothing changed")
r = anna.request("POST", "/admin/lang", {"lang": "en"}, form=True)
S.check(r.status == 303 and sql_value(
    db, "SELECT count(*) FROM users WHERE login = 'anna' AND lang IS NULL")
    in (1, "1"), "English is kept as no choice")

fa = sara.request("GET", "/admin").body.decode()
en = anna.request("GET", "/admin").body.decode()
S.check('<html lang="fa" dir="rtl"' in fa, "sara's desk is Persian, rtl")
S.check('<html lang="en"' in en and 'dir="rtl"' not in en,
        "anna's desk stays English at the same time")
page = sara.request("GET", "/admin/password").body.decode()
S.check(re.search(r'<option value="fa" lang="fa" selected>', page)
        is not None, "the account page shows the choice")

# Before sign-in: the browser's language.
r = srv.get("/login", {"Accept-Language": "ar-SD,ar;q=0.9,en;q=0.5"})
S.check('<html lang="ar" dir="rtl"' in r.text(),
        "the sign-in page follows Accept-Language (ar)")
r = srv.get("/login", {"Accept-Language": "de,en;q=0.8,fa;q=0.9"})
S.check('<html lang="fa" dir="rtl"' in r.text(),
        "the highest weight Vigil speaks wins (fa)")
r = srv.get("/login", {"Accept-Language": "de, q=;;,"})
S.check(r.status == 200 and '<html lang="en"' in r.text(),
        "none it speaks, or nonsense: English")

# Every desk page, with no English left.
# Names and the tokens a person types as they are: the fixture's logins,
# slugs and time zone; formats, standards and platforms.
ALLOWED = {"Atom", "khartoum", "cdsd", "SD", "Africa", "Khartoum", "tehran", "fa", "en", "ar", "Asia", "Tehran", "UTC", "sara",
           "omar", "anna", "hrana", "ngo", "host", "tester", "killed",
           "Vigil", "CSV", "JSON", "GeoJSON", "ACLED", "HXL", "TOTP", "URL",
           "API", "English", "http", "https", "Markdown", "WebP", "JPEG",
           "PNG", "HEIC", "SHA", "ISO", "IANA", "IR", "SLUG", "embed", "WIDTH",
           "HEIGHT", "X", "Telegram", "Instagram", "YouTube", "Facebook",
           "TikTok", "Mastodon", "Bluesky", "news", "example", "com", "org"}
PAGES = ["/admin", "/admin/password", "/admin/search?q=" + quote("میدان"),
         f"/admin/t/{SLUG}", f"/admin/t/{SLUG}/u/1", f"/admin/t/{SLUG}/claims",
         f"/admin/t/{SLUG}/events", f"/admin/t/{SLUG}/extract",
         f"/admin/t/{SLUG}/settings", f"/admin/t/{SLUG}/victims",
         f"/admin/t/{SLUG}/sources", f"/admin/t/{SLUG}/media",
         "/admin/sources", "/admin/audit", "/admin/users", "/admin/users/anna",
         "/admin/trackers"]
for who, lang in ((sara, "fa"), (omar, "ar")):
    for path in PAGES:
        r = who.request("GET", path)
        page = r.body.decode()
        S.check(r.status == 200 and f'<html lang="{lang}" dir="rtl"' in page,
                f"{lang} {path}: {r.status}, right to left in {lang}")
        left = english_left(page, ALLOWED)
        S.check(not left, f"{lang} {path}: no English left {left[:12]}")

# A figure's source must be chosen, whatever the desk's language; a
# found figure whose source the tracker lacks offers the new source in
# the editor's language.
for who, lang, empty in ((sara, "fa", "(منبع تازهٔ زیر)"),
                         (omar, "ar", "(المصدر الجديد أدناه)")):
    page = who.request("GET", f"/admin/t/{SLUG}/claims").body.decode()
    S.check('<select name="source" required>' in page,
            f"{lang}: a figure's source picker is required")
    r = who.request("POST", f"/admin/t/{SLUG}/extract",
                    {"text": "Reuters said at least 12 people were killed.",
                     "published": "2019-11-20", "url": ""}, form=True)
    page = r.body.decode()
    S.check(r.status == 200 and
            f'<select name="source"><option value="">{empty}</option>'
            in page and "(the new source below)" not in page,
            f"{lang}: the new source offered in {lang}: {r.status}")

# The public pages of the Persian and the Arabic tracker.
PUBLIC = ["", "/u/1", "/day/2", "/days", "/tallies", "/tallies/killed",
          "/lite", "/embed", "/events", "/victims",
          "/search?q=" + quote("میدان")]
for slug, lang in ((SLUG, "fa"), (AR, "ar")):
    for path in PUBLIC:
        r = srv.get(f"/t/{slug}{path}")
        page = r.text()
        S.check(r.status == 200 and f'<html lang="{lang}" dir="rtl"' in page,
                f"{slug}{path}: {r.status}, right to left in {lang}")
        left = english_left(page, ALLOWED | {"Feed"})
        S.check(not left, f"{slug}{path}: no English left {left[:12]}")

# The Gregorian date beside the Solar Hijri one: off, then on.
FIGURE = f"/t/{SLUG}/tallies/killed"
page = srv.get(FIGURE, {"Cache-Control": "no-cache"}).text()
S.check("۲۹ آبان ۱۳۹۸" in page and "نوامبر" not in page,
        "by default a Persian page shows Solar Hijri dates only")
vigil("tracker", "set", SLUG, "--gregorian", "on", db=db)
# The server hears of the change from the record and drops its cached
# page; until then it may serve the one it has.
deadline = time.monotonic() + 20
while True:
    page = srv.get(FIGURE).text()
    if "۲۹ آبان ۱۳۹۸ (۲۰ نوامبر ۲۰۱۹)" in page or time.monotonic() > deadline:
        break
    time.sleep(0.2)
S.check("۲۹ آبان ۱۳۹۸ (۲۰ نوامبر ۲۰۱۹)" in page,
        "with --gregorian on, the Gregorian date beside, in Persian digits")
axis = page[page.find("<svg"):page.find("</svg>")]
S.check("نوامبر" not in re.sub(r"<title.*?</title>", "", axis, flags=re.S),
        "but not on the chart's axis, where room is short")
r = sara.request("GET", f"/admin/t/{SLUG}/settings")
S.check(re.search(r'<select name="gregorian"><option value="off">[^<]+'
                  r'</option><option value="on" selected>', r.body.decode())
        is not None, "the desk's settings show the setting on")
r = vigil("tracker", "set", SLUG, "--gregorian", "maybe", db=db, check=False)
S.check(r[0] != 0 and "gregorian" in r[2],
        f"a value other than on or off is refused: {r[2].strip()[:120]}")
_, bundle, _ = vigil("export", SLUG, db=db)
S.check(re.search(r'"gregorian_beside":\s*true', bundle) is not None,
        "a bundle carries the setting")

status, err = srv.stop()
S.check(status == 0, f"the server stops cleanly ({status}): {err[-400:]}")
S.finish()
