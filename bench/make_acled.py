#!/usr/bin/env python3
"""make_acled.py: N rows of ACLED-style CSV (ACLED's columns, an HXL row)
for benchmark P6: protests, riots and arrests across a year, in 400
places with coordinates, with actors, notes and fatalities.
Usage: make_acled.py N OUT.csv"""
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(44)
COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision",
           "disorder_type", "event_type", "sub_event_type", "actor1",
           "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country",
           "admin1", "admin2", "admin3", "location", "latitude", "longitude",
           "geo_precision", "source", "source_scale", "notes", "fatalities",
           "tags", "timestamp"]
TYPES = [("Demonstrations", "Protests", "Peaceful protest"),
         ("Demonstrations", "Protests", "Protest with intervention"),
         ("Political violence; Demonstrations", "Protests",
          "Excessive force against protesters"),
         ("Demonstrations", "Riots", "Violent demonstration"),
         ("Strategic developments", "Strategic developments", "Arrests")]
places = [(f"Town {i}", f"Province {i % 31}", 25 + rnd.random() * 14,
           44 + rnd.random() * 18) for i in range(400)]
with open(out, "w", newline="") as f:
    f.write(",".join(COLUMNS) + "\r\n")
    f.write(",".join(["#event+code", "#date+occurred"] + [""] * 29) + "\r\n")
    for i in range(n):
        d, t, s = rnd.choice(TYPES)
        place, adm, lat, lon = rnd.choice(places)
        day = f"2019-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        row = [f"IRN{i + 1}", day, "2019", "1", d, t, s, "Protesters (Iran)",
               "", "Protesters", "Police Forces of Iran (1989-)" if
               rnd.random() < .3 else "", "", "", "", "", "364", "Middle East",
               "Iran", adm, "", "", place, f"{lat:.4f}", f"{lon:.4f}", "1",
               "Local media", "National",
               f"Demonstrators gathered in {place} over fuel prices; {i}.",
               str(rnd.randint(0, 3) if t != "Strategic developments" else 0),
               "", "1576000000"]
        f.write(",".join(row) + "\r\n")
