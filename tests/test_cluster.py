"""Analysis on a Dask cluster: a real scheduler and two worker processes on loopback run parsing,
fingerprints, alignment and attribution; the store must end finding for finding as a local run leaves it,
and a worker killed mid-run must lose nothing and duplicate nothing."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus import article
from newstrace.cli import cli

distributed = pytest.importorskip("distributed", reason="the cluster extra is not installed")

QUOTES = ["“We will rebuild the harbour,” said {name}, the council's spokesman.",
          "{name} told reporters that the army had denied the reports, according to the Port News.",
          "Police said the road would stay closed, {name} added."]
NAMES = ["Anna Berg", "Tomas Reyes", "Lena Ortiz", "Per Lund", "Mira Kovac"]

# what a run stores, by article id (row numbers may differ between stores): every column that a finding has
ALIGNMENTS = """SELECT s.id, t.id, source_start, source_end, target_start, target_end, kind, score, quoted, decided,
    direction_confidence, direction_reason, evidence, evidence_reason, al.stage FROM alignments al
    JOIN articles s ON s.seq = al.source_seq JOIN articles t ON t.seq = al.target_seq"""
ATTRIBUTIONS = "SELECT a.id, t.* FROM attributions t JOIN articles a ON a.seq = t.article_seq"
PAIRS = """SELECT x.id, y.id, passages, p.stage FROM reuse_pairs p JOIN articles x ON x.seq = p.a_seq
    JOIN articles y ON y.seq = p.b_seq"""


def make_corpus(folder: Path, count: int = 24, copies: int = 6) -> None:
    """Generated ~300-word articles with quotations; `copies` of them carry a paragraph of an earlier one."""
    rng = random.Random(7)
    texts = []
    for _ in range(count):
        title, paragraphs = article(rng, words=300)
        paragraphs.insert(1, rng.choice(QUOTES).format(name=rng.choice(NAMES)))
        texts.append((title, paragraphs))
    for target in rng.sample(range(1, count), copies):
        source = rng.randrange(target)
        texts[target][1].insert(2, texts[source][1][rng.randrange(len(texts[source][1]))])
    for n, (title, paragraphs) in enumerate(texts):
        (folder / f"{n:03d}.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def findings(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        attribution_columns = [r[1] for r in conn.execute("PRAGMA table_info(attributions)")]
        skip = {i + 1 for i, name in enumerate(attribution_columns) if name == "article_seq"}
        out = {
            "alignments": sorted(conn.execute(ALIGNMENTS).fetchall()),
            "pairs": sorted(conn.execute(PAIRS).fetchall()),
            "attributions": sorted(tuple(v for i, v in enumerate(r) if i not in skip)
                                   for r in conn.execute(ATTRIBUTIONS)),
            "articles": sorted(conn.execute("SELECT id, text, title FROM articles").fetchall()),
            "provenance": sorted(conn.execute("SELECT a.id, p.originality, p.sentences, p.discrepancies FROM "
                                              "provenance_rows p JOIN articles a ON a.seq = p.seq").fetchall()),
        }
        out["duplicate alignments"] = conn.execute(
            "SELECT COUNT(*) - COUNT(DISTINCT a_seq || ',' || b_seq || ',' || source_start || ',' || target_start "
            "|| ',' || kind) FROM alignments").fetchall()
        return out
    finally:
        conn.close()


def newstrace(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  scheduler_port=0, dashboard_address="127.0.0.1:0", memory_limit="2GiB") as local:
        with distributed.Client(local.scheduler_address) as client:
            yield local.scheduler_address, client


@pytest.fixture(scope="module")
def corpus_and_local(tmp_path_factory):
    """The corpus, and the store a local run (no cluster) leaves."""
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder)
    db = folder.parent / "local.db"
    newstrace("--db", str(db), "add", "--workers", "1", str(folder))
    return folder, findings(db)


def test_cluster_run_equals_local_run_finding_by_finding(cluster, corpus_and_local, tmp_path, monkeypatch):
    address, _ = cluster
    folder, local = corpus_and_local
    assert local["alignments"] and local["attributions"], "the corpus must give findings to compare"
    db = tmp_path / "cluster.db"
    newstrace("--db", str(db), "add", "--cluster", address, str(folder))
    found = findings(db)
    for key in local:
        assert found[key] == local[key], key
    # a second run over the same inputs finds everything done: nothing new, nothing twice
    newstrace("--db", str(db), "add", "--cluster", address, str(folder))
    newstrace("--db", str(db), "reuse", "--cluster", address)
    assert findings(db) == local


def test_a_worker_killed_mid_run_loses_nothing(cluster, corpus_and_local, tmp_path):
    address, client = cluster
    folder, local = corpus_and_local
    db = tmp_path / "killed.db"
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            busy = [w for w, tasks in client.processing().items() if tasks]
            if busy:
                pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    newstrace("--db", str(db), "add", "--cluster", address, str(folder))
    killer.join()
    assert killed, "no worker was busy to be killed"
    assert findings(db) == local
    client.wait_for_workers(2, timeout=60)  # the nanny starts the killed one again
