"""Concurrent readers against `newstrace serve` on loopback: N clients reading pages and API answers for a
bounded time, counting errors and timing every request.

    python benchmarks/web_load.py [--clients 50] [--seconds 30] [--db STORE] [--ingest]

Without --db, a store is built from the demo corpus (STORE may be a SQLite file or a postgresql:// URL, for
instance one that benchmarks/store_backends.py --keep left). The server runs as `newstrace serve` in its own
process. Each client loops over a mix: the search page, the article list, a search, one article's JSON and its
page, a story. Baseline in the same run: a static file from the same server (the floor any page pays).

With --ingest, one ingest job writes to the same store the whole time: `newstrace add --no-analyse` of
batches of 50 new generated articles, one after another, until the clients stop; afterwards the store must hold
exactly the articles it held plus every one added (nothing lost, nothing twice), or the run fails.

Target (issue 21, PostgreSQL): 50 clients and one ingest job for 60 s with 0 errors and nothing lost.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    import httpx

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", help="a store to serve (default: the demo corpus, traced into a temporary store)")
    parser.add_argument("--ingest", action="store_true", help="run one ingest job against the store meanwhile")
    args = parser.parse_args()
    db = args.db
    if db is None:
        db = str(Path(tempfile.mkdtemp(prefix="newstrace-load-")) / "demo.db")
        subprocess.run([sys.executable, "-m", "newstrace", "trace", "--db", db, str(ROOT / "examples")],
                       check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "newstrace", "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/static/app.css", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        ids = [a["id"] for a in httpx.get(base + "/api/articles?limit=200").json()["articles"]]
        story = next((httpx.get(f"{base}/api/articles/{i}").json()["story"] for i in ids), None)
        mix = [("search page", "/"), ("article list", "/api/articles"), ("search", "/api/articles?q=bridge"),
               ("article JSON", "/api/articles/{id}"), ("article page", "/articles/{id}")]
        if story:
            mix.append(("story", f"/api/stories/{story}"))
        mix.append(("baseline: static file", "/static/app.css"))
        times: dict[str, list[float]] = {name: [] for name, _ in mix}
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.monotonic() + args.seconds

        def client(seed: int) -> None:
            rng = random.Random(seed)
            with httpx.Client(base_url=base, timeout=30, headers={"accept": "text/html,application/json"}) as c:
                while time.monotonic() < stop:
                    name, path = rng.choice(mix)
                    start = time.perf_counter()
                    try:
                        status = c.get(path.format(id=rng.choice(ids))).status_code
                    except httpx.HTTPError as exc:
                        status, name = -1, f"{name}: {type(exc).__name__}"
                    elapsed = time.perf_counter() - start
                    with lock:
                        if status != 200:
                            errors.append(f"{name} -> {status}")
                        else:
                            times[name].append(elapsed)

        before = httpx.get(base + "/api/articles?limit=1").json()["total"]
        ingested: list[int] = []  # articles each finished batch added

        def ingest_job() -> None:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from corpus import text_document

            folder = Path(tempfile.mkdtemp(prefix="newstrace-load-ingest-"))
            batch = 0
            while time.monotonic() < stop:
                sub = folder / f"{batch:04d}"
                sub.mkdir()
                for n in range(50):  # seed 7: texts no store of the benchmarks holds
                    (sub / f"{n}.txt").write_text(text_document(batch * 50 + n, seed=7), encoding="utf-8")
                done = subprocess.run([sys.executable, "-m", "newstrace", "add", "--db", db, "--no-analyse",
                                       "--workers", "1", str(sub)], capture_output=True, text=True)
                with lock:
                    if done.returncode != 0:
                        errors.append(f"ingest batch {batch} -> exit {done.returncode}: {done.stderr[-200:]}")
                    else:
                        ingested.append(50)
                batch += 1

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        if args.ingest:
            threads.append(threading.Thread(target=ingest_job))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if args.ingest:
            after = httpx.get(base + "/api/articles?limit=1").json()["total"]
            if after != before + sum(ingested):
                errors.append(f"ingest: the store holds {after:,} articles, not {before:,} + {sum(ingested):,}")
            print(f"ingest job: {len(ingested)} batches, {sum(ingested):,} articles added; store {before:,} -> "
                  f"{after:,} articles")
    finally:
        server.terminate()
        server.wait(timeout=10)
    total = sum(len(v) for v in times.values())
    print(f"{args.clients} clients for {args.seconds:.0f} s against {base}: {total:,} requests answered, "
          f"{len(errors)} errors ({total / args.seconds:,.0f} requests/s)")
    print(f"{'request':24} {'count':>7} {'median ms':>10} {'p95 ms':>8}")
    for name, values in times.items():
        if values:
            values.sort()
            p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
            print(f"{name:24} {len(values):7,} {statistics.median(values) * 1000:10.1f} {p95 * 1000:8.1f}")
    for error in sorted(set(errors))[:10]:
        print("error:", error)
    raise SystemExit(1 if errors else 0)


if __name__ == "__main__":
    main()
