"""Two `add` runs and a web upload into one SQLite store at once, as real processes: nothing is lost, nothing
is stored twice, and every article ends up analysed."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from conftest import rows

WORDS = ("river bridge council harbour market station ferry school budget storm road village mayor "
         "hospital court police farm festival library museum").split()
TOKEN = "concurrency-token"


def _article(i: int) -> str:
    words = " ".join(WORDS[(i * 7 + j) % len(WORDS)] for j in range(60))
    return f"Report number {i} on local affairs\n\nArticle {i} says: {words}.\n\nIt ends with number {i}.\n"


def _folder(root: Path, name: str, numbers: range) -> Path:
    folder = root / name
    folder.mkdir()
    for i in numbers:
        (folder / f"{i:05d}.txt").write_text(_article(i), encoding="utf-8")
    return folder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
        return json.loads(answer.read())


def _upload(port: int, numbers: range) -> dict:
    boundary = uuid.uuid4().hex
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{i:05d}.txt"\r\n'
        f"Content-Type: text/plain\r\n\r\n{_article(i)}\r\n".encode() for i in numbers) + f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/ingest", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request, timeout=300) as answer:
        assert answer.status == 201
        return json.loads(answer.read())


def test_two_adds_and_an_upload_at_once_lose_and_duplicate_nothing(tmp_path):
    pytest.importorskip("uvicorn")
    db = tmp_path / "store.db"
    first = _folder(tmp_path, "first", range(0, 150))
    second = _folder(tmp_path, "second", range(100, 250))  # 50 articles also in the first
    uploaded = range(220, 280)  # 30 also in the second
    port = _free_port()
    env = {**os.environ, "NEWSTRACE_TOKEN": TOKEN}
    server = subprocess.Popen([sys.executable, "-m", "newstrace", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(port, "/api/jobs")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.communicate()[1].decode()
                time.sleep(0.2)
        adds = [subprocess.Popen([sys.executable, "-m", "newstrace", "add", "--db", str(db), str(folder)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE) for folder in (first, second)]
        report = _upload(port, uploaded)
        assert report["rejected"] == [] and report["added"] + report["unchanged"] == len(uploaded)
        for proc in adds:
            out, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err.decode()
        deadline = time.monotonic() + 600
        while _get(port, "/api/jobs")["jobs"][0]["state"] not in ("done", "failed"):
            assert time.monotonic() < deadline, "the upload's analysis did not finish"
            time.sleep(0.5)
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=60)
    total = 280
    assert rows(db, "SELECT COUNT(*), COUNT(DISTINCT id) FROM articles") == [(total, total)]
    # every input is recorded as a source of its article, once: 150 + 150 files and 60 uploads
    assert rows(db, "SELECT COUNT(*) FROM article_sources") == [(360,)]
    assert rows(db, "SELECT COUNT(*) FROM (SELECT path, record FROM article_sources GROUP BY path, record "
                    "HAVING COUNT(*) > 1)") == [(0,)]
    [(jobs,)] = rows(db, "SELECT COUNT(*) FROM jobs")
    assert rows(db, "SELECT state, COUNT(*) FROM jobs GROUP BY state") == [("done", jobs)]
    assert rows(db, "SELECT COUNT(*) FROM provenance_rows") == [(total,)]
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
