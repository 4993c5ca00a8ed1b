"""make_bundle.py SLUG N OUT (also used by tests/e2e/test_feeds.py): writes a Vigil bundle of a tracker with N
published updates (each about 400 bytes of Markdown, over many days),
six metrics and claims from eight sources, for the benchmarks."""
import datetime
import json
import sys

slug, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
words = ("Protesters gathered near the central square before security forces "
         "dispersed them; witnesses report arrests and injuries. ")


def at(i):
    # one update every 10 minutes, counting back from 2019-12-28 12:00 UTC
    t = 1577534400 - (n - i) * 600
    d = datetime.datetime.fromtimestamp(t, datetime.timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


first = at(1)[:10]
bundle = {
    "vigil_bundle": 1,
    "tracker": {"slug": slug, "title": f"Benchmark tracker ({n} updates)",
                "summary": words, "started_on": first, "ended_on": None,
                "timezone": "Asia/Tehran", "status": "live", "country": "IR",
                "languages": "en", "created_at": at(1)},
    "metrics": [{"key": f"m{i}", "label": f"Metric {i}", "position": i}
                for i in range(1, 7)],
    "sources": [{"slug": f"{slug}-src{j}", "name": f"Source {j}", "kind": "ngo",
                 "url": None, "note": None, "grade": None,
                 "created_at": at(1)} for j in range(8)],
    "claims": [{"number": 8 * i + j + 1, "metric": f"m{i + 1}",
                "source": f"{slug}-src{j}", "qualifier": "at_least",
                "low": 100 * (i + 1) + j, "high": None, "words": None,
                "as_of": "2019-12-20", "url": None, "quote": None,
                "note": None, "scope": None, "status": "reported",
                "recorded_by": "bench", "recorded_at": "2019-12-20T10:00:00Z"}
               for i in range(6) for j in range(8)],
    "updates": [{"number": i, "revisions": [{
        "rev": 1, "kind": "update", "status": "published", "pinned": i == 1,
        "key_event": i % 7 == 0, "lang": None, "title": f"Update {i}",
        "body": words * 3 + f"[Source](https://example.org/r/{i})",
        "author": "bench", "reason": "create", "created_at": at(i),
        "revised_at": at(i), "published_at": at(i)}]}
        for i in range(1, n + 1)],
}
with open(out, "w") as f:
    json.dump(bundle, f)
