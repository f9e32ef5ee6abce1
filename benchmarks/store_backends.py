"""The two store backends side by side, in one run on the same generated articles: ingest, the text-reuse
stage and the provenance stage over N articles, then the web pages at that stored size (the article page, its
JSON, search, a list page), timed in-process through the app as benchmarks/web_speed.py does.

    python benchmarks/store_backends.py [--articles 10000] [--pg postgresql://postgres@127.0.0.1:5432/test]
                                        [--samples 30] [--keep DIR]

Articles: benchmarks/corpus.py's ~600-word text documents, every tenth carrying a paragraph copied from an
earlier one (so the reuse stage has pairs to align). SQLite is the baseline row; PostgreSQL runs in a fresh
schema of the --pg server, dropped at the end unless --keep names a folder (then the SQLite file is kept there
and the schema's URL printed, for benchmarks/web_load.py). The attribution stage (a spaCy parse of every
article) is not run: it costs the same on both stores and is measured in attribution_quality.py.

Target (issue 21, on PostgreSQL): the article page in at most 200 ms at 100,000 articles.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import text_document  # noqa: E402


def write_articles(folder: Path, count: int) -> None:
    """`count` text documents, 1,000 a subfolder; every tenth has a paragraph of the one seven before it."""
    for n in range(count):
        sub = folder / f"{n // 1000:03d}"
        if n % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        text = text_document(n)
        if n % 10 == 0 and n >= 7:
            copied = text_document(n - 7).split("\n\n")[2]
            text = text.rstrip("\n") + "\n\n" + copied + "\n"
        (sub / f"{n:06d}.txt").write_text(text, encoding="utf-8")


def timed(client, path: str, samples: list[float]) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    response = client.get(path, headers={"accept": "text/html"})
    samples.append(time.perf_counter() - start)
    if response.status_code != 200:
        raise SystemExit(f"{path}: {response.status_code} {response.text[:200]}")


def measure(db: str, folder: Path, samples: int) -> dict[str, float]:
    from fastapi.testclient import TestClient

    from newstrace.config import Settings
    from newstrace.ingest import ingest
    from newstrace.reuse.stage import run_all
    from newstrace.stages import STAGES, load_builtin
    from newstrace.store import open_store
    from newstrace.web.app import create_app

    load_builtin()
    settings = Settings(db=db)
    out: dict[str, float] = {}
    with open_store(db) as store:
        start = time.perf_counter()
        report = ingest([str(folder)], store, settings, collect_ids=True)
        out["ingest s"] = time.perf_counter() - start
        start = time.perf_counter()
        found, _ = run_all(store, settings)
        out["reuse s"] = time.perf_counter() - start
        out["passages"] = float(found["passages"])
        provenance = next(s for name, s in STAGES.items() if name.startswith("newstrace.provenance"))
        assert provenance.run is not None
        start = time.perf_counter()
        provenance.run(store, report.article_ids, settings)
        out["provenance s"] = time.perf_counter() - start
        out["articles"] = float(store.count_articles())
        rng = random.Random(1)
        seqs = rng.sample(range(1, int(out["articles"]) + 1), min(samples, int(out["articles"])))
        ids = [a.id for a in store.articles_by_seq(seqs)]
        words = [w for a in store.articles_by_seq(seqs[:5]) for w in a.text.split() if w.isalpha() and len(w) > 5]
    client = TestClient(create_app(Settings(db=db)))
    client.get("/static/app.css")
    pages: dict[str, list[float]] = {"article page": [], "article JSON": [], "search": [], "list page": []}
    for article_id in ids:
        timed(client, f"/articles/{article_id}", pages["article page"])
        timed(client, f"/api/articles/{article_id}", pages["article JSON"])
    for word in words[:samples]:
        timed(client, f"/api/articles?q={word}&limit=20", pages["search"])
    for _ in range(samples):
        timed(client, f"/api/articles?limit=50&offset={rng.randrange(0, max(1, int(out['articles']) - 50))}",
              pages["list page"])
    for name, values in pages.items():
        values.sort()
        out[f"{name} median ms"] = statistics.median(values) * 1000
        out[f"{name} p95 ms"] = values[min(len(values) - 1, int(0.95 * len(values)))] * 1000
    return out


def main() -> None:
    import psycopg

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test",
                        help="a PostgreSQL server and database to make a schema in")
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--keep", help="keep the stores: the SQLite file in this folder, the PostgreSQL schema")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="newstrace-backends-"))
    work.mkdir(parents=True, exist_ok=True)
    folder = work / "articles"
    if not folder.is_dir():
        write_articles(folder, args.articles)
    schema = f"nt_bench_{os.getpid()}"
    admin = psycopg.connect(args.pg, autocommit=True)
    admin.execute(f'CREATE SCHEMA "{schema}"')
    pg_url = f"{args.pg}{'&' if '?' in args.pg else '?'}options=-csearch_path%3D{schema}"
    results: dict[str, dict[str, float]] = {}
    try:
        results["SQLite (baseline)"] = measure(str(work / f"store-{args.articles}.db"), folder, args.samples)
        results["PostgreSQL"] = measure(pg_url, folder, args.samples)
    finally:
        if args.keep:
            print(f"kept: {work / f'store-{args.articles}.db'} and {pg_url}")
        else:
            from newstrace.store.postgres import close_idle

            close_idle()
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()
    keys = ["articles", "ingest s", "reuse s", "passages", "provenance s", "article page median ms",
            "article page p95 ms", "article JSON median ms", "search median ms", "search p95 ms",
            "list page median ms"]
    print(f"{args.articles:,} generated articles; {os.cpu_count()} CPUs (a shared machine: timings vary)")
    print(f"{'':26}" + "".join(f"{name:>20}" for name in results))
    for key in keys:
        print(f"{key:26}" + "".join(f"{r[key]:20,.1f}" for r in results.values()))


if __name__ == "__main__":
    main()
