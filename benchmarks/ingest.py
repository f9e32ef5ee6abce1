"""Ingest speed and memory: articles/s and MB/s per format, peak memory at two corpus sizes.

    python benchmarks/ingest.py [--text 20000] [--html 5000] [--out DIR]

Generates the corpus (deterministic), then runs `newstrace add` as a user would (a fresh process and a
fresh store each time) and samples the memory of its whole process tree. Baselines, measured in the same
run on the same files: for text, reading and hashing every file (the floor for any ingest); for HTML,
trafilatura alone (`bare_extraction` with metadata, comments excluded) in one process.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402
from measure import run_sampled, table  # noqa: E402


def run_add(folder: Path, db: Path, workers: int) -> tuple[float, int, str]:
    """Seconds, peak tree PSS and the summary line of `newstrace add` (a fresh store each time)."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    seconds, peak, out = run_sampled([sys.executable, "-m", "newstrace", "add", "--db", str(db), "--workers",
                                      str(workers), str(folder)])
    return seconds, peak, out.splitlines()[0] if out else ""


def read_and_hash(folder: Path) -> float:
    import hashlib

    start = time.perf_counter()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            hashlib.sha256(path.read_bytes()).digest()
    return time.perf_counter() - start


def trafilatura_alone(folder: Path) -> float:
    code = (
        "import sys, time, pathlib, logging\n"
        "from trafilatura import bare_extraction\n"
        "logging.disable(logging.CRITICAL)\n"
        "paths = sorted(p for p in pathlib.Path(sys.argv[1]).rglob('*.html'))\n"
        "start = time.perf_counter()\n"
        "for p in paths:\n"
        "    bare_extraction(p.read_bytes(), include_comments=False, with_metadata=True)\n"
        "print(time.perf_counter() - start)\n"
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(folder)], check=True, capture_output=True)
    return time.perf_counter() - start


def subset(folder: Path, count: int, target: Path) -> Path:
    """The first `count` documents of a generated corpus, as links (no copying)."""
    target.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in folder.rglob("*") if p.is_file())[:count]
    for f in files:
        (target / f.name).symlink_to(f)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--text", type=int, default=20_000, help="plain-text documents (default 20,000)")
    parser.add_argument("--html", type=int, default=5_000, help="HTML pages (default 5,000)")
    parser.add_argument("--out", help="work folder (default: a temporary folder, removed afterwards)")
    args = parser.parse_args()
    work = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="newstrace-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, ...]] = []
    try:
        for kind, count in (("text", args.text), ("html", args.html)):
            if count <= 0:
                continue
            folder = work / kind
            if not folder.exists():
                print(f"generating {count:,} {kind} documents ...", file=sys.stderr)
                write_corpus(folder, kind, count)
            small_n = max(1, count // 4)
            small = subset(folder, small_n, work / f"{kind}-first-{small_n}") \
                if not (work / f"{kind}-first-{small_n}").exists() else work / f"{kind}-first-{small_n}"
            size_mb = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
            if kind == "text":
                base = read_and_hash(folder)
                rows.append((kind, "baseline: read + hash every file", f"{count:,}", f"{base:.1f}",
                             f"{count / base:,.0f}", f"{size_mb / base:.1f}", "-"))
            else:
                base = trafilatura_alone(folder)
                rows.append((kind, "baseline: trafilatura alone, 1 process", f"{count:,}", f"{base:.1f}",
                             f"{count / base:,.0f}", f"{size_mb / base:.2f}", "-"))
            for workers in (1, 2):  # worker processes beside the writer
                seconds, peak, summary = run_add(folder, work / "bench.db", workers)
                rows.append((kind, f"newstrace add, writer + {workers} worker(s)", f"{count:,}", f"{seconds:.1f}",
                             f"{count / seconds:,.0f}", f"{size_mb / seconds:.2f}", f"{peak / 2**20:,.0f}"))
                print(f"  {kind} workers={workers}: {summary}", file=sys.stderr)
            seconds, peak, _ = run_add(small, work / "bench.db", 2)
            rows.append((kind, "newstrace add, writer + 2 workers, first quarter", f"{small_n:,}", f"{seconds:.1f}",
                         f"{small_n / seconds:,.0f}", "-", f"{peak / 2**20:,.0f}"))
    finally:
        if not args.out:
            shutil.rmtree(work, ignore_errors=True)
    print(table(("format", "run", "documents", "seconds", "articles/s", "MB/s", "peak PSS MiB (tree)"), rows))

if __name__ == "__main__":
    main()
