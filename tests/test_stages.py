"""Stage declarations are true: run on the demo corpus, each built-in stage changes only tables it declares in
`writes`, and every table a stage names in `reads` or `writes` exists in the store."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import newstrace
from newstrace.config import Settings
from newstrace.stages import STAGES, Stage, pipeline
from newstrace.store import Store

FTS5_SHADOWS = ("_data", "_idx", "_docsize", "_config", "_content")


def _tables(db: Path) -> dict[str, str]:
    """Every table of the store, each mapped to the table it belongs to: an FTS5 index's shadow tables
    (`articles_fts_data`, ...) are written through the index and count as it."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    finally:
        conn.close()
    virtual = {name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")}
    owner = {}
    for name, _ in rows:
        owner[name] = next((v for v in virtual for s in FTS5_SHADOWS if name == v + s), name)
    return owner


def _snapshot(db: Path) -> dict[str, tuple[int, str]]:
    """Per table: row count and a checksum of its rows (order-free), read on a connection of its own."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        for name in _tables(db):
            rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()
            digest = hashlib.sha256("\n".join(sorted(map(repr, rows))).encode()).hexdigest()
            out[name] = (len(rows), digest)
        return out
    finally:
        conn.close()


def _changed(db: Path, before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> set[str]:
    owner = _tables(db)
    return {owner.get(t, t) for t in set(before) | set(after) if before.get(t) != after.get(t)}


def test_stages_write_only_declared_tables(examples_dir: Path, db_path: Path, settings: Settings,
                                           store: Store) -> None:
    ingest = STAGES["newstrace.ingest.v1"]
    before = _snapshot(db_path)
    report = newstrace.add([str(examples_dir)], store, settings)
    after = _snapshot(db_path)
    changed = _changed(db_path, before, after)
    assert report.article_ids and changed, "ingest stored nothing"
    assert changed <= set(ingest.writes), f"{ingest.name} writes undeclared tables: {changed - set(ingest.writes)}"

    ran: list[Stage] = []
    for stage in pipeline():
        if stage.run is None:  # ingest, run above
            continue
        before = after
        stage.run(store, report.article_ids, settings)
        after = _snapshot(db_path)
        changed = _changed(db_path, before, after)
        assert changed, f"{stage.name} changed no table on the demo corpus"
        undeclared = changed - set(stage.writes)
        assert not undeclared, f"{stage.name} writes {sorted(undeclared)}, not among its writes {stage.writes}"
        ran.append(stage)
    assert {s.name for s in ran} == {s.name for s in pipeline() if s.run is not None}


def test_stages_declare_only_tables_that_exist(db_path: Path, store: Store) -> None:
    tables = set(_tables(db_path))
    for stage in pipeline():
        for table in (*stage.reads, *stage.writes):
            assert table == "inputs" or table in tables, f"{stage.name} names {table}, which the store lacks"
