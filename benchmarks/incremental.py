"""Incremental analysis: what adding 100 articles to a store costs, against analysing the whole store from
scratch, and how fast the web article page reads the stored analysis at that size.

For each size N: N generated ~600-word articles (the word-bigram model of `reuse_speed.py`, 10% carrying a
copied passage) are ingested with `add --no-analyse`, then `newstrace analyse` analyses the whole store from
scratch (reuse, attribution with the spaCy parse, stories, provenance): the baseline. Then 100 more articles
(some copying stored ones) are ingested and analysed the same way: the incremental cost, which must stay a
small share of the baseline as N grows. Last, the article page (server time, in process) on N articles.

    .venv/bin/python benchmarks/incremental.py --sizes 1000,3000     # about 15 minutes on 2 cores
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import run_sampled, table  # noqa: E402
from reuse_speed import corpus_options, generate, model_and_folder, write_jsonl  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ADDED = 100


def page_times(db: Path, samples: int = 30) -> tuple[float, float, float]:
    """Median server time (ms) of the article page over sampled articles, of the busiest one (most
    alignments), and of a static file through the same app (the baseline)."""
    from fastapi.testclient import TestClient

    from newstrace.config import Settings
    from newstrace.web.app import create_app

    conn = sqlite3.connect(db)
    ids = [r[0] for r in conn.execute("SELECT id FROM articles WHERE analysed = 1 ORDER BY seq")]
    busiest = conn.execute(
        "SELECT a.id FROM alignments al JOIN articles a ON a.seq IN (al.source_seq, al.target_seq) "
        "GROUP BY a.id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    conn.close()
    client = TestClient(create_app(Settings(db=str(db))))
    client.get("/static/app.css")

    def timed(path: str) -> float:
        started = time.perf_counter()
        response = client.get(path, headers={"accept": "text/html"})
        assert response.status_code == 200, (path, response.status_code)
        return (time.perf_counter() - started) * 1000

    sample = random.Random(1).sample(ids, min(samples, len(ids)))
    pages = [timed(f"/articles/{i}") for i in sample]
    busy = [timed(f"/articles/{busiest[0]}") for _ in range(5)] if busiest else [0.0]
    static = [timed("/static/app.css") for _ in range(samples)]
    return statistics.median(pages), statistics.median(busy), statistics.median(static)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,3000")
    corpus_options(parser)
    args = parser.parse_args()
    model, work = model_and_folder(args, "newstrace-incremental-")
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        texts, _ = generate(model, size + ADDED, args.words, seed=size)
        corpus, extra = work / f"corpus-{size}.jsonl", work / f"extra-{size}.jsonl"
        write_jsonl(texts[:size], corpus)
        write_jsonl(texts[size:], extra)
        db = work / f"store-{size}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        env = {**os.environ, "NEWSTRACE_DB": str(db)}
        ingest_s, _, _ = run_sampled([PYTHON, "-m", "newstrace", "add", "--no-analyse", str(corpus)], env)
        full_s, full_peak, _ = run_sampled([PYTHON, "-m", "newstrace", "analyse"], env)
        more_ingest_s, _, _ = run_sampled([PYTHON, "-m", "newstrace", "add", "--no-analyse", str(extra)], env)
        more_s, more_peak, _ = run_sampled([PYTHON, "-m", "newstrace", "analyse"], env)
        page, busy, static = page_times(db)
        rows.append((f"{size:,}", f"{ingest_s:.0f}", f"{full_s:.1f}", f"{full_peak / 2**30:.2f}",
                     f"{more_ingest_s:.1f}", f"{more_s:.1f}", f"{more_peak / 2**30:.2f}",
                     f"{100 * more_s / full_s:.1f}%", f"{page:.0f}", f"{busy:.0f}", f"{static:.1f}"))
        print(rows[-1], file=sys.stderr)
    print(table(("articles", "ingest s", "analyse all s (baseline)", "peak GiB", f"+{ADDED} ingest s",
                 f"+{ADDED} analyse s", "peak GiB", "share of baseline", "article page ms",
                 "busiest page ms", "static file ms"), rows))


if __name__ == "__main__":
    main()
