"""Server time of the web pages and API answers on a large store: the article page (the article with the most
alignments, and a sample of others), search, and list pages, each timed in-process through the app
(FastAPI's TestClient: routing, the store, rendering, no network), median and 95th percentile.

    python benchmarks/web_speed.py --db STORE [--samples 50]

Build a large store first, for instance with benchmarks/provenance_speed.py --out DIR (DIR/store-100000.db).
Targets (issue 6, on 100,000 articles): article page 200 ms, search 100 ms, list pages 50 ms. Baseline in the
same run: a static file through the same app.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import time


def timed(client, path: str, samples: list[float]) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    response = client.get(path, headers={"accept": "text/html"})
    samples.append(time.perf_counter() - start)
    if response.status_code != 200:
        raise SystemExit(f"{path}: {response.status_code} {response.text[:200]}")


def main() -> None:
    from fastapi.testclient import TestClient

    from newstrace.config import Settings
    from newstrace.web.app import create_app

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--samples", type=int, default=50)
    args = parser.parse_args()
    conn = sqlite3.connect(args.db)
    total = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    busiest, count = conn.execute(
        "SELECT a.id, COUNT(*) AS n FROM alignments al JOIN articles a ON a.seq IN (al.source_seq, al.target_seq) "
        "GROUP BY a.id ORDER BY n DESC LIMIT 1").fetchone() or (None, 0)
    ids = [r[0] for r in conn.execute("SELECT id FROM articles WHERE analysed = 1 ORDER BY random() LIMIT ?",
                                      (args.samples,))]
    words = [r[0] for r in conn.execute("SELECT substr(text, 1, 400) FROM articles ORDER BY random() LIMIT 20")]
    conn.close()
    rng = random.Random(1)
    queries = [w for t in words for w in t.split() if w.isalpha() and len(w) > 5][:args.samples]
    client = TestClient(create_app(Settings(db=args.db)))
    client.get("/static/app.css")  # warm up: open the store, load the templates
    rows: dict[str, list[float]] = {k: [] for k in ("article page, busiest", "article page, sample",
                                                    "article JSON, sample", "search", "list page",
                                                    "baseline: static file")}
    for _ in range(5):
        timed(client, f"/articles/{busiest}", rows["article page, busiest"])
    for article_id in ids:
        timed(client, f"/articles/{article_id}", rows["article page, sample"])
        timed(client, f"/api/articles/{article_id}", rows["article JSON, sample"])
    for query in queries:
        timed(client, f"/api/articles?q={query}&limit=20", rows["search"])
    for _ in range(args.samples):
        timed(client, f"/api/articles?limit=50&offset={rng.randrange(0, max(1, total - 50))}", rows["list page"])
        timed(client, "/static/app.css", rows["baseline: static file"])
    print(f"store: {args.db}, {total:,} articles; busiest article {busiest} with {count} alignments")
    print(f"{'request':26} {'count':>6} {'median ms':>10} {'p95 ms':>8}")
    for name, values in rows.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        print(f"{name:26} {len(values):6} {statistics.median(values) * 1000:10.1f} {p95 * 1000:8.1f}")


if __name__ == "__main__":
    main()
