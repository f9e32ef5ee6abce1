"""A `kill -9` in the middle of `newstrace add` leaves the store consistent; running again finishes the job."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import numbered_corpus, rows
from newstrace.store import open_store


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
    numbered_corpus(folder, n)
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


def _wait_until(db: Path, sql: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            conn = sqlite3.connect(db, timeout=5)
            try:
                if conn.execute(sql).fetchone()[0]:
                    return
            finally:
                conn.close()
        except sqlite3.OperationalError:
            pass
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed: make the corpus larger"


def _kill_then_rerun_matches_an_uninterrupted_run(tmp_path: Path, command: str, kill_when: str) -> None:
    from kill_resume import command_line, counts, make_corpus, prepare_store, run_to_end

    corpus = tmp_path / "corpus"
    make_corpus(corpus, 40)
    baseline, killed = tmp_path / "baseline.db", tmp_path / "killed.db"
    for db in (baseline, killed):
        prepare_store(command, db, corpus)
    run_to_end(command_line(command, baseline, corpus))
    proc = subprocess.Popen(command_line(command, killed, corpus), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _wait_until(killed, kill_when, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert rows(killed, "PRAGMA integrity_check") == [("ok",)]
    run_to_end(command_line(command, killed, corpus))
    assert counts(killed) == counts(baseline)


def test_kill_9_mid_trace_analysis_then_rerun_ends_as_an_uninterrupted_run(tmp_path):
    _kill_then_rerun_matches_an_uninterrupted_run(
        tmp_path, "trace", "SELECT COUNT(*) FROM jobs WHERE step LIKE 'newstrace.attribution%'")


def test_kill_9_mid_reuse_then_rerun_ends_as_an_uninterrupted_run(tmp_path):
    _kill_then_rerun_matches_an_uninterrupted_run(tmp_path, "reuse", "SELECT COUNT(*) FROM jobs")
