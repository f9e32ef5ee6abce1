"""kill -9 at random points of `newstrace add`, `reuse` and `trace`: after each kill the store must be
consistent, and a rerun must finish the job with nothing lost and nothing stored twice, ending where an
uninterrupted run ends.

    .venv/bin/python benchmarks/kill_resume.py                      # 20 kills per command, 400 articles
    .venv/bin/python benchmarks/kill_resume.py --runs 5 --articles 200 --commands add,trace

For each command it first times one uninterrupted run (the baseline, which also gives the expected counts),
then kills a fresh run at a random moment within that time, checks the store, reruns the command to the end
and compares with the baseline: articles, distinct ids, sources, alignments, attributions, provenance rows,
pending articles and jobs left running.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import article  # noqa: E402
from newstrace.store import open_store  # noqa: E402

COMMANDS = ("add", "reuse", "trace")


def make_corpus(folder: Path, n: int, seed: int = 3) -> None:
    """n plain-text articles; every fourth copies two paragraphs of an earlier one, so reuse has work."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    bodies: list[list[str]] = []
    for i in range(n):
        title, paragraphs = article(rng, 250)
        if i % 4 == 3 and bodies:
            source = rng.choice(bodies)
            paragraphs = paragraphs[:2] + source[:2] + paragraphs[2:]
        bodies.append(paragraphs)
        (folder / f"{i:05d}.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def newstrace(*args: str) -> list[str]:
    return [sys.executable, "-m", "newstrace", *args]


def command_line(command: str, db: Path, corpus: Path) -> list[str]:
    if command == "add":
        return newstrace("add", "--db", str(db), str(corpus))
    if command == "trace":
        return newstrace("trace", "--db", str(db), "--json", str(corpus))
    return newstrace("reuse", "--db", str(db))


def prepare_store(command: str, db: Path, corpus: Path) -> None:
    """`reuse` works on a store with the articles in it (ingested, not analysed)."""
    if command == "reuse":
        subprocess.run(newstrace("add", "--db", str(db), "--no-analyse", str(corpus)), check=True,
                       capture_output=True)


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db, timeout=30)
    try:
        one = lambda sql: int(conn.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "articles": one("SELECT COUNT(*) FROM articles"),
            "distinct ids": one("SELECT COUNT(DISTINCT id) FROM articles"),
            "sources": one("SELECT COUNT(*) FROM article_sources"),
            "alignments": one("SELECT COUNT(*) FROM alignments"),
            "attributions": one("SELECT COUNT(*) FROM attributions"),
            "provenance": one("SELECT COUNT(*) FROM provenance_rows"),
            # as every face reads them: a job whose process is gone reads as failed (interrupted)
            "jobs running": sum(j.state in ("queued", "running") for j in _jobs(db)),
            "integrity ok": int(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"),
        }
    finally:
        conn.close()


def _jobs(db: Path) -> list[Any]:
    store = open_store(str(db))
    try:
        return store.recent_jobs(100_000)
    finally:
        store.close()


def run_to_end(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr.decode()[-3000:]}")
    return time.perf_counter() - start


Counts = dict[str, int]


def kill_once(command: str, work: Path, corpus: Path, within: float,
              rng: random.Random) -> tuple[Counts, Counts, float]:
    """A fresh store, the command killed after a random time within `within` s, then rerun to the end:
    (counts after the kill, counts after the rerun, when it was killed)."""
    db = work / f"{command}-killed.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    prepare_store(command, db, corpus)
    at = rng.uniform(0.05, 1.0) * within
    proc = subprocess.Popen(command_line(command, db, corpus), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        proc.wait(timeout=at)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    after_kill = counts(db) if db.exists() else {}
    run_to_end(command_line(command, db, corpus))
    return after_kill, counts(db), at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20, help="kills per command")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--commands", default=",".join(COMMANDS))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="newstrace-kill-"))
    try:
        corpus = work / "corpus"
        make_corpus(corpus, args.articles)
        print(f"{'command':<7} {'runs':>4} {'baseline s':>10} {'killed at s':>16} {'lost':>4} {'dup':>4} "
              f"{'unequal':>7} {'broken':>6}  after a kill (articles stored, min-max)")
        for command in [c for c in args.commands.split(",") if c]:
            base_db = work / f"{command}-baseline.db"
            prepare_store(command, base_db, corpus)
            seconds = run_to_end(command_line(command, base_db, corpus))
            expected = counts(base_db)
            lost = dup = unequal = broken = 0
            stored_after_kill: list[int] = []
            kill_times: list[float] = []
            for _ in range(args.runs):
                after_kill, final, at = kill_once(command, work, corpus, seconds, rng)
                kill_times.append(at)
                if after_kill:
                    stored_after_kill.append(after_kill["articles"])
                    broken += after_kill["integrity ok"] == 0
                lost += max(0, expected["articles"] - final["articles"])
                dup += final["articles"] - final["distinct ids"] + max(0, final["sources"] - expected["sources"])
                unequal += final != expected
                if final != expected:
                    print(f"  {command}: after the rerun {final}, uninterrupted {expected}", file=sys.stderr)
            spread = f"{min(stored_after_kill)}-{max(stored_after_kill)}" if stored_after_kill else "-"
            print(f"{command:<7} {args.runs:>4} {seconds:>10.1f} {min(kill_times):>7.1f}-{max(kill_times):<8.1f} "
                  f"{lost:>4} {dup:>4} {unequal:>7} {broken:>6}  {spread} of {expected['articles']}", flush=True)
        print(f"\nbaseline: one uninterrupted run per command ({args.articles} articles); 'unequal': reruns that did "
              "not end with the same counts as the baseline (articles, sources, alignments, attributions, "
              "provenance rows, jobs left running); 'broken': stores failing SQLite's integrity check after a kill")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
