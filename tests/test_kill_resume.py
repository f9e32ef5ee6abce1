"""A `kill -9` in the middle of `newstrace add` leaves the store consistent; running again finishes the job."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import rows
from newstrace.store import open_store

WORDS = ("river bridge council harbour market station ferry school budget storm road village mayor "
         "hospital court police farm festival library museum").split()


def _corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        words = " ".join(WORDS[(i * 7 + j) % len(WORDS)] for j in range(60))
        (folder / f"{i:05d}.txt").write_text(
            f"Report number {i} on local affairs\n\nArticle {i} says: {words}.\n\nIt ends with number {i}.\n",
            encoding="utf-8")


def _add(db: Path, folder: Path) -> subprocess.Popen:
    env = {**os.environ, "NEWSTRACE_COMMIT_EVERY": "50"}
    return subprocess.Popen([sys.executable, "-m", "newstrace", "add", "--db", str(db), str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def test_kill_9_mid_add_then_rerun_completes_without_duplicates(tmp_path):
    n = 3000
    folder = tmp_path / "corpus"
    _corpus(folder, n)
    db = tmp_path / "store.db"
    proc = _add(db, folder)
    deadline = time.monotonic() + 120
    while _count(db) < 200 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed: make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    stored = _count(db)
    assert 0 < stored < n
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    # every stored article has its source row, and the full-text index agrees with the table
    assert rows(db, "SELECT COUNT(*) FROM articles a LEFT JOIN article_sources s ON s.article_id = a.id "
                    "WHERE s.article_id IS NULL") == [(0,)]
    # the full-text index lags by at most one indexing step (50 here) and the chunk in hand (32) when killed;
    # the next search catches it up
    store = open_store(str(db))
    assert store.index_pending() < 50 + 32
    store.close()
    assert rows(db, "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)") == []

    rerun = _add(db, folder)
    out, errors = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, errors.decode()
    assert f"Added {n - stored}, new versions 0, unchanged {stored}, rejected 0" in out.decode()
    assert rows(db, "SELECT COUNT(*), COUNT(DISTINCT id), COUNT(DISTINCT path) FROM articles") == [(n, n, n)]
    assert rows(db, "SELECT indexed_seq FROM fts_state") == rows(db, "SELECT MAX(seq) FROM articles")
    assert rows(db, "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)") == []
