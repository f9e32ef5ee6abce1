"""Interrupts with real processes: Ctrl-C during `add` leaves the store consistent and a rerun finishes; the
pool workers of a killed `add` end quietly; `serve` stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import numbered_corpus, rows


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def _newstrace(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "newstrace", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **kwargs)  # type: ignore[call-overload]


def _wait_for_articles(db: Path, proc: subprocess.Popen[bytes], at_least: int) -> None:
    deadline = time.monotonic() + 120
    while _count(db) < at_least and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be interrupted: make the corpus larger"


def test_ctrl_c_during_add_leaves_the_store_consistent_and_a_rerun_finishes(tmp_path):
    n = 1500
    folder = tmp_path / "corpus"
    numbered_corpus(folder, n)
    db = tmp_path / "store.db"
    # a terminal's Ctrl-C reaches the whole process group: the command and its workers
    proc = _newstrace("add", "--db", str(db), "--workers", "2", str(folder), start_new_session=True)
    _wait_for_articles(db, proc, 100)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    message = err.decode()
    assert proc.returncode == 130, message
    assert "Interrupted:" in message and "[U306]" in message
    assert "Traceback" not in message
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db, "SELECT COUNT(*) FROM articles a LEFT JOIN article_sources s ON s.article_id = a.id "
                    "WHERE s.article_id IS NULL") == [(0,)]
    rerun = _newstrace("add", "--db", str(db), str(folder))
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    assert rows(db, "SELECT COUNT(*), COUNT(DISTINCT id), COUNT(DISTINCT path) FROM articles") == [(n, n, n)]
    assert rows(db, "SELECT COUNT(*) FROM provenance_rows") == [(n,)]


def test_workers_of_a_killed_add_end_quietly(tmp_path):
    folder = tmp_path / "corpus"
    numbered_corpus(folder, 2000)
    db = tmp_path / "store.db"
    proc = _newstrace("add", "--db", str(db), "--workers", "2", "--no-analyse", str(folder))
    _wait_for_articles(db, proc, 100)
    os.kill(proc.pid, signal.SIGKILL)
    # stderr closes once every process holding it (the workers too) has ended
    _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err.decode() and "BrokenPipeError" not in err.decode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_stops_cleanly_on_sigterm(tmp_path):
    pytest.importorskip("uvicorn")
    db = tmp_path / "store.db"
    port = _free_port()
    proc = _newstrace("serve", "--db", str(db), "--port", str(port))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles", timeout=2) as answer:
                    assert answer.status == 200
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()[1].decode()
                time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err.decode()
    assert "Traceback" not in err.decode()
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
