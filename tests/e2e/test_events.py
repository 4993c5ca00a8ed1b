"""test_events.py: events through the API and the CLI, their page with
filters, the localities counted from them beside the claimed count, the
solidarity abroad timeline, and the exports (issue 6): ACLED's CSV
columns with the HXL hashtag row, GeoJSON as RFC 7946 requires."""
import csv
import io
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, demo_db, vigil  # noqa: E402
from editors import Client, add_user, api_token  # noqa: E402

S = Suite("e2e-events")
SLUG = "day44"
db = demo_db(S)
# A tracker of its own (the demo has events already), counting localities.
vigil("tracker", "create", SLUG, "--title", "Day 44", "--started-on",
      "2019-11-15", "--timezone", "Asia/Tehran", "--country", "IR", db=db)
vigil("metric", "add", SLUG, "localities", "--label", "Localities", db=db)
vigil("claim", "add", SLUG, "--metric", "localities", "--source", "pmoi",
      "--low", "191", "--as-of", "2019-12-28", db=db)
vigil("claim", "add", SLUG, "--metric", "localities", "--source", "rferl",
      "--qualifier", "more_than", "--low", "100", "--as-of", "2019-11-19",
      db=db)
add_user(db, "desk", "editor")
add_user(db, "helper", "contributor")
token = api_token(db, "desk")
weak = api_token(db, "helper")
srv = Server(db)
bot = Client(srv, origin=False)
auth = {"Authorization": "Bearer " + token}
api = f"/api/v1/trackers/{SLUG}/events"

cities = ["Tehran", "Mashhad", "Karaj", "Qazvin", "Isfahan", "Shiraz",
          "Tabriz", "Orumiyeh", "Soufian", "Sabzevar", "Mahshahr",
          "Gachsharan", "Zanjan", "Miando’ab"]
for i, city in enumerate(cities):
    r = bot.request("POST", api, {
        "date": "2019-12-24", "end_date": "2019-12-26", "type": "Protests",
        "sub_type": "Peaceful protest", "place": city,
        "actor1": "Protesters (Iran)", "source": "pmoi",
        "notes": "Youths torched images of the supreme leader."}, auth)
    S.check(r.status == 201, f"event in {city}: {r.status} {r.body[:200]}")
r = bot.request("POST", api, {
    "date": "2019-12-25", "type": "Protests",
    "sub_type": "Excessive force against protesters", "place": "Tehran",
    "fatalities": "2", "size_words": "thousands", "source": "amnesty"}, auth)
S.check(r.status == 201 and r.json["size"]["low"] == 2000,
        f"a second event in Tehran: {r.status}")
r = bot.request("POST", api, {
    "date": "2019-12-26", "type": "Protests", "sub_type": "Peaceful protest",
    "place": "Place de Trocadero", "size_words": "hundreds",
    "actor1": "Protesters (France)", "notes": 'Banners: "Stop the massacre"'},
    auth)
S.check(r.status == 201 and r.json["country"] == "FR" and
        r.json["location"] == "Place du Trocadéro",
        f"the rally in Paris: {r.status} {r.body[:200]}")
paris = r.json["number"]
vigil("event", "add", SLUG, "--date", "2019-11-16", "--type",
      "Internet shutdown", "--sub-type", "Internet shutdown", "--place",
      "Tehran", "--notes", "Nationwide shutdown, from the CLI", db=db)
vigil("event", "add", SLUG, "--date", "2019-11-16", "--type",
      "Internet shutdown", "--sub-type", "Internet shutdown", "--place",
      "Iran", "--country", "IR", "--geo-precision", "3", db=db)

# Refusals: 422 naming the field, a contributor 403, another tracker 403.
for body, field in [({"date": "2019-12-24", "type": "Protests",
                      "sub_type": "Attack", "place": "Tehran"}, "sub_type"),
                    ({"date": "2019-12-24", "type": "Protests",
                      "sub_type": "Peaceful protest", "place": "Atlantis"},
                     "country")]:
    r = bot.request("POST", api, body, auth)
    S.check(r.status == 422 and r.json["error"]["field"] == field,
            f"refused {field}: {r.status} {r.body[:200]}")
r = bot.request("POST", api, {"date": "2019-12-24"},
                {"Authorization": "Bearer " + weak})
S.check(r.status == 403, f"a contributor may not record events: {r.status}")
r = bot.request("POST", api, {"tracker": "another", "date": "2019-12-24"},
                auth)
S.check(r.status == 403, f"a body naming another tracker: {r.status}")

# The page: localities, abroad, filters.
page = srv.get(f"/t/{SLUG}/events").text()
S.check("Localities with events: <strong>14</strong>" in page,
        "14 localities counted (Tehran twice is one, Iran as a whole none)")
S.check("191 (" in page and "more than 100 (" in page,
        "beside the claimed count")
home, _, abroad = page.partition("Solidarity abroad")
S.check("Trocadéro" in abroad and "Trocadéro" not in home,
        "Paris is in the solidarity abroad timeline")
S.check("Mīāndoāb" in home and "&quot;Stop the massacre&quot;" in abroad,
        "places by their gazetteer name, text escaped")
only = srv.get(f"/t/{SLUG}/events?type=Internet+shutdown").text()
S.check("Nationwide shutdown" in only and "Mīāndoāb" not in only,
        "the type filter")
only = srv.get(f"/t/{SLUG}/events?place=Tehran&from=2019-12-25&to=2019-12-25"
               ).text()
S.check(only.count("<time datetime") == 2 and "Nationwide" not in only,
        "place and date filters (the range 24-26 includes the 25th)")
S.check(srv.get(f"/t/{SLUG}/events?from=yesterday").status == 400,
        "a malformed date in the filter: 400")

# The map: Iran's outline (Natural Earth) and a dot per place, linked to
# the place's page; Paris is not on Iran's map.
svg = page[page.find("<svg"):page.find("</svg>")]
S.check('class="map"' in svg and svg.count("<circle") == 14 and
        "<path d=\"M" in svg, f"a map with 14 dots ({svg.count('<circle')})")
S.check("Tehran: 3 events" in svg and "Trocad" not in svg,
        "dots sized by their events, only the country's")
link = re.search(r'<a href="(/t/day44/places/[0-9a-f]{16})"><circle[^>]*>'
                 r'<title>Mīāndoāb', svg)
S.check(link is not None, "a dot links to its place's page")
if link:
    place = srv.get(link.group(1)).text()
    S.check("<h1 dir=\"auto\">Mīāndoāb</h1>" in place and
            place.count("<time datetime") == 1, "the place's page")
S.check(srv.get("/t/day44/places/0123456789abcdef").status == 404,
        "an unknown place: 404")

# Retraction: kept, marked, no longer counted.
r = bot.request("POST", f"{api}/{paris}/retract", {}, auth)
S.check(r.status == 200 and r.json["status"] == "retracted",
        f"retract: {r.status}")

# The CSV: ACLED's columns, the HXL row, one row per event.
r = srv.get(f"/t/{SLUG}/export.csv")
S.check(r.header("content-type").startswith("text/csv"), "CSV type")
rows = list(csv.reader(io.StringIO(r.text(), newline="")))
ACLED = ["event_id_cnty", "event_date", "year", "time_precision",
         "disorder_type", "event_type", "sub_event_type", "actor1",
         "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
         "interaction", "civilian_targeting", "iso", "region", "country",
         "admin1", "admin2", "admin3", "location", "latitude", "longitude",
         "geo_precision", "source", "source_scale", "notes", "fatalities",
         "tags", "timestamp"]
S.check(rows[0] == ACLED, f"ACLED's columns: {rows[0]}")
S.check(all(t == "" or t.startswith("#") for t in rows[1]) and
        rows[1][0] == "#event+code" and rows[1][28] == "#affected+killed",
        f"the HXL row: {rows[1]}")
data = [dict(zip(ACLED, row)) for row in rows[2:]]
S.check(len(data) == 18 and all(len(row) == len(ACLED) for row in rows),
        f"18 events, every row complete ({len(data)})")
mia = next(d for d in data if d["location"] == "Mīāndoāb")
S.check(mia["event_date"] == "2019-12-25" and mia["time_precision"] == "2" and
        mia["country"] == "Iran, Islamic Republic of" and mia["iso"] == "364"
        and mia["latitude"] == "36.9667" and mia["disorder_type"] ==
        "Demonstrations" and mia["event_id_cnty"].startswith("IRN"),
        f"a range dated at its middle, the country named: {mia}")
force = next(d for d in data if d["sub_event_type"].startswith("Excessive"))
S.check(force["fatalities"] == "2" and "crowd size=thousands" in force["tags"]
        and force["disorder_type"] == "Political violence; Demonstrations",
        f"fatalities and the crowd: {force}")
shut = next(d for d in data if "vigil type=Internet shutdown" in d["tags"]
            and d["location"] == "Tehran")
S.check(shut["event_type"] == "Strategic developments" and
        shut["sub_event_type"] == "Other" and shut["fatalities"] == "",
        f"Vigil's own types filed as ACLED's Other, no count empty: {shut}")
S.check(any("retracted" in d["tags"] for d in data), "the retraction tagged")

# GeoJSON, RFC 7946.
r = srv.get(f"/t/{SLUG}/export.geojson")
S.check(r.header("content-type").startswith("application/geo+json"),
        "GeoJSON type")
g = json.loads(r.text())
S.check(g["type"] == "FeatureCollection" and "crs" not in g and
        len(g["features"]) == 18, "a FeatureCollection of 18, no crs")
ok = True
for f in g["features"]:
    ok = ok and f["type"] == "Feature" and set(f) >= {"geometry",
                                                       "properties"}
    geom = f["geometry"]
    if geom is not None:
        lon, lat = geom["coordinates"]
        ok = ok and geom["type"] == "Point" and -180 <= lon <= 180 and \
            -90 <= lat <= 90
S.check(ok, "every feature has geometry (a Point, lon then lat) and properties")
tr = next(f for f in g["features"] if f["properties"]["country"] == "FR")
S.check(tr["geometry"]["coordinates"] == [2.2875, 48.8625],
        "Trocadéro's point is [lon, lat]")

# The API lists them all; the CLI's appear too.
r = srv.get(f"/api/v1/trackers/{SLUG}/events")
S.check(r.status == 200 and len(json.loads(r.text())["events"]) == 18,
        "the API lists every event")
status, err = srv.stop()
S.check(status == 0 and "Sanitizer" not in err, f"server exit {status}")
S.check(vigil("check", db=db, check=False)[0] == 0, "vigil check passes")
S.finish()
