"""test_demo_fa.py: the demo's Persian edition, from the real server on
loopback, on either backend.

- `vigil demo` loads the Persian tracker beside the English one: language
  fa, its updates, metrics and claims, and `vigil check` passes.
- Its page is Persian and right to left, with Solar Hijri dates in
  Persian digits (it began 24 Aban 1398, 15 November 2019, and ended 7 Dey
  1398), its highlights in Persian, and a link to the English tracker,
  whose page links back.
- Its search page finds a Persian update by a query typed with Arabic
  letters and marks the word as written (its ZWNJ kept).
- Its export is the shipped bundle, byte for byte, however often loaded.
"""
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, demo_db, sql_value, vigil  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
FA = "iran-nov-2019-fa"
S = Suite("e2e-demo-fa")
db = demo_db(S)


def count(table):
    return sql_value(db, f"SELECT count(*) FROM {table} x JOIN trackers t "
                         f"ON t.id = x.tracker_id WHERE t.slug = '{FA}'")


S.check(sql_value(db, f"SELECT languages FROM trackers WHERE slug = '{FA}'")
        == "fa", "the Persian tracker is loaded, language fa")
S.check(str(count("updates")) == "7", "with its seven updates")
S.check(str(count("metrics")) == "6" and str(count("claims")) == "19",
        "its six metrics and nineteen claims")
S.check(sql_value(db, "SELECT count(*) FROM trackers") in (2, "2"),
        "beside the English tracker")
rc, out, _ = vigil("check", db=db, check=False)
S.check(rc == 0, f"vigil check passes ({out.strip()[-200:]})")

srv = Server(db)
page = srv.get(f"/t/{FA}").text()
S.check('<html lang="fa" dir="rtl"' in page, "its page is Persian, right to "
        "left")
S.check("اعتراضات سراسری آبان ۹۸" in page, "with its Persian title")
S.check(re.search(r"۷ دی ۱۳۹۸", page) is not None,
        "its last day is 7 Dey 1398, in Persian digits")
S.check(re.search(r"\d (November|December) \d{4}", page) is None,
        "no Gregorian date")
S.check(">نکات برجسته</h2>" in page and ">Highlights<" not in page,
        "its highlights in Persian")
S.check("۱٬۵۰۰" in page or "۱۵۰۰" in page, "its figures in Persian digits")
S.check('href="/t/iran-nov-2019"' in page, "a link to the English tracker")
day1 = srv.get(f"/t/{FA}/day/1").text()
S.check("روز ۱ — ۲۴ آبان ۱۳۹۸" in day1,
        "day 1 is 24 Aban 1398 (15 November 2019)")
en = srv.get("/t/iran-nov-2019").text()
S.check('<html lang="en"' in en and "Iran protests, November 2019" in en,
        "the English tracker stays English")
S.check('href="/t/iran-nov-2019-fa"' in en, "and links to the Persian one")

q = urllib.parse.quote("نتبلاكس")  # Arabic kaf, no ZWNJ
found = srv.get(f"/t/{FA}/search?q={q}").text()
S.check("<mark" in found and ">نت‌بلاکس</mark>" in found,
        "its search finds a word typed with Arabic letters and marks it as "
        "written")
srv.stop()

# The export is the shipped file, from two loads of the demo.
again = demo_db(S, "again")
with open(os.path.join(ROOT, "data", "demo", FA + ".json"), "rb") as f:
    shipped = f.read()
for d in (db, again):
    rc, out, err = vigil("export", FA, db=d, check=False)
    S.check(rc == 0 and out.encode() == shipped,
            f"the Persian demo exports as shipped ({err.strip()})")
S.finish()
