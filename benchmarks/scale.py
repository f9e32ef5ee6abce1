"""End to end at scale: from plain files to stored alignments on 10k, 50k and 100k generated articles, in one
process, with the local process pool, and on a local Dask cluster of one and two workers.

    python benchmarks/scale.py [--sizes 10000,50000,100000] [--modes single,pool,dask1,dask2] [--out DIR]
                               [--baseline-src PATH/TO/OTHER/newstrace/src]

Articles (about 640 words) come from the word-bigram model of `reuse_speed.py` trained on real news text
(default ../shared/data/polnear/train/text); 5% of them carry one paragraph copied from an earlier one (half
verbatim, half lightly edited). Each corpus is written as one .txt file per article (1,000 a folder) and,
beside it, as passim's input (`passim.jsonl`: JSON lines with `id`, `series` and `text`; each article is its
own series, so that passim compares every pair as newstrace does) with the planted pairs in `copies.json`.

Each run starts from an empty store: `newstrace add --no-analyse FILES` then `newstrace reuse --no-analyse`
(reuse alone: attribution, stories and provenance are not part of this comparison), each a fresh process,
while the memory of the whole process tree (and of the cluster's processes) is sampled. A Dask run first
starts `newstrace cluster --workers N` on loopback. Reported: seconds of each command, CPU seconds of every
process involved, peak memory, store size, candidate pairs, passages, recall of the planted copies (the
share whose pair got an alignment), and whether the findings equal those of the `pool` run (article ids,
spans, kind, score, direction and evidence of every alignment).

Baselines in the same run: reading and hashing every file (the floor for any ingest), and, with
--baseline-src, the same two steps with another newstrace source tree (for example the commit before a
change) through its library (`ingest` + `reuse.stage.run_all` in one process).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import run_sampled, table  # noqa: E402
from reuse_speed import corpus_options, generate, model_and_folder  # noqa: E402

PYTHON = sys.executable
SHARE = 0.05
ALIGNMENTS = """SELECT s.path, t.path, source_start, source_end, target_start, target_end, kind, score, quoted,
    decided, direction_confidence, direction_reason, evidence, evidence_reason FROM alignments al
    JOIN articles s ON s.seq = al.source_seq JOIN articles t ON t.seq = al.target_seq"""
LIBRARY_RUN = """
import json, sys
from newstrace.config import Settings
from newstrace.ingest import ingest
from newstrace.reuse.stage import run_all
from newstrace.store import open_store
db, folder = sys.argv[1], sys.argv[2]
settings = Settings(db=db)
store = open_store(db)
ingest([folder], store, settings, collect_ids=False)
print(json.dumps(run_all(store, settings)[0]))
"""


def write_corpus(work: Path, size: int, model: tuple, words: int) -> Path:
    """The corpus folder for `size` (kept between runs: generated once)."""
    folder = work / f"corpus-{size}"
    if (folder / "copies.json").is_file():
        return folder
    texts, copies = generate(model, size, words, seed=size, share=SHARE)
    files = folder / "files"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "passim.jsonl", "w", encoding="utf-8") as fh:
        for n, text in enumerate(texts):
            sub = files / f"{n // 1000:03d}"
            if n % 1000 == 0:
                sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{n:06d}.txt").write_text(text, encoding="utf-8")
            fh.write(json.dumps({"id": f"{n:06d}", "series": f"{n:06d}", "text": text}) + "\n")
    (folder / "copies.json").write_text(json.dumps(copies))
    return folder


def read_and_hash(folder: Path) -> float:
    start = time.perf_counter()
    for path in sorted(folder.rglob("*.txt")):
        hashlib.sha256(path.read_bytes()).digest()
    return time.perf_counter() - start


def children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its living descendants (from /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry)] = int(fields[1])
            times[int(entry)] = (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / tick
    total, stack = 0.0, [pid]
    while stack:
        p = stack.pop()
        total += times.get(p, 0.0)
        stack.extend(c for c, parent in parents.items() if parent == p)
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_cluster(workers: int, env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    proc = subprocess.Popen([PYTHON, "-m", "newstrace", "cluster", "--workers", str(workers), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stderr is not None
    line = proc.stderr.readline()  # "Dask scheduler at tcp://... with N workers; ..."
    if "Dask scheduler at" not in line:
        proc.kill()
        raise SystemExit(f"newstrace cluster did not start: {line}{proc.stderr.read()}")
    return proc, line.split()[3]


def fresh(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def outcome(db: Path, copies: list[list[int]]) -> tuple[float, list[tuple], int]:
    """Recall of the planted copies, the findings (by file name), and the store's size in bytes."""
    conn = sqlite3.connect(db)
    seq_of = {int(Path(path).stem): seq for seq, path in conn.execute("SELECT seq, path FROM articles")}
    pairs = {(min(a, b), max(a, b)) for a, b in conn.execute("SELECT a_seq, b_seq FROM alignments")}
    found = sorted((Path(r[0]).name, Path(r[1]).name, *r[2:]) for r in conn.execute(ALIGNMENTS))
    conn.close()
    hits = sum(1 for s, t in copies if (min(seq_of[s], seq_of[t]), max(seq_of[s], seq_of[t])) in pairs)
    size = sum(Path(str(db) + suffix).stat().st_size for suffix in ("", "-wal") if Path(str(db) + suffix).exists())
    return hits / len(copies) if copies else 0.0, found, size


def one_run(mode: str, folder: Path, db: Path, env: dict[str, str]) -> dict[str, object]:
    fresh(db)
    cluster: subprocess.Popen[str] | None = None
    flags: list[str] = []
    if mode == "single":
        flags = ["--workers", "1"]
    elif mode.startswith("dask"):
        cluster, address = start_cluster(int(mode[4:]), env)
        flags = ["--cluster", address]
    also = (cluster.pid,) if cluster else ()
    cpu0 = children_cpu()
    cluster_cpu0 = tree_cpu(cluster.pid) if cluster else 0.0
    try:
        add_s, add_peak, _ = run_sampled([PYTHON, "-m", "newstrace", "--db", str(db), "add", "--no-analyse", *flags,
                                          str(folder / "files")], env, also)
        reuse_s, reuse_peak, out = run_sampled([PYTHON, "-m", "newstrace", "--db", str(db), "reuse", "--no-analyse",
                                                "--json", *flags], env, also)
        cpu = children_cpu() - cpu0 + (tree_cpu(cluster.pid) - cluster_cpu0 if cluster else 0.0)
    finally:
        if cluster is not None:
            cluster.send_signal(signal.SIGINT)
            try:
                cluster.wait(30)
            except subprocess.TimeoutExpired:
                cluster.kill()
    return {"add": add_s, "reuse": reuse_s, "cpu": cpu, "peak": max(add_peak, reuse_peak), **json.loads(out)}


def baseline_run(src: str, folder: Path, db: Path) -> dict[str, object]:
    fresh(db)
    env = {**os.environ, "PYTHONPATH": src}
    cpu0 = children_cpu()
    seconds, peak, out = run_sampled([PYTHON, "-c", LIBRARY_RUN, str(db), str(folder / "files")], env)
    counts = json.loads(out.strip().splitlines()[-1])
    return {"add": 0.0, "reuse": seconds, "cpu": children_cpu() - cpu0, "peak": peak, **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,50000,100000")
    parser.add_argument("--modes", default="single,pool,dask1,dask2")
    parser.add_argument("--baseline-src", help="another newstrace src/ folder to run the same steps with")
    corpus_options(parser)
    parser.set_defaults(words=660)  # about 640 words an article (the model's sentence ends count as tokens)
    args = parser.parse_args()
    model, work = model_and_folder(args, "newstrace-scale-")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    rows: list[tuple[str, ...]] = []
    header = ("articles", "run", "add s", "reuse s", "total s", "CPU s", "peak GiB", "store MiB", "pairs",
              "passages", "copy recall", "same as pool")
    for size in (int(s) for s in args.sizes.split(",")):
        folder = write_corpus(work, size, model, args.words)
        copies = json.loads((folder / "copies.json").read_text())
        hashed = read_and_hash(folder / "files")
        rows.append((f"{size:,}", "baseline: read and hash every file", "-", "-", f"{hashed:.1f}", "-", "-", "-",
                     "-", "-", "-", "-"))
        print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
        names = args.modes.split(",") + (["baseline: --baseline-src, pool"] if args.baseline_src else [])
        done: list[tuple[str, dict[str, object], float, list[tuple], int]] = []
        for name in names:
            baseline = name.startswith("baseline")
            db = work / f"store-{size}-{'baseline' if baseline else name}.db"
            result = baseline_run(args.baseline_src, folder, db) if baseline else one_run(name, folder, db, env)
            done.append((name, result, *outcome(db, copies)))
            print(name, result, file=sys.stderr, flush=True)
        reference = next((found for name, _, _, found, _ in done if name == "pool"), None)
        for name, result, recall, found, store_bytes in done:
            same = "-" if reference is None or name == "pool" else ("yes" if found == reference else "NO")
            add_s, reuse_s = float(str(result["add"])), float(str(result["reuse"]))
            rows.append((f"{size:,}", name, f"{add_s:.1f}", f"{reuse_s:.1f}", f"{add_s + reuse_s:.1f}",
                         f"{float(str(result['cpu'])):.0f}", f"{int(str(result['peak'])) / 2**30:.2f}",
                         f"{store_bytes / 2**20:.0f}", f"{int(str(result['candidate_pairs'])):,}",
                         f"{int(str(result['passages'])):,}", f"{recall:.3f}", same))
            print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    print(f"\nCorpora and stores in {work}; each corpus folder has passim.jsonl and copies.json for passim.\n")
    print(table(header, rows))


if __name__ == "__main__":
    main()
