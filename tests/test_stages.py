"""Stage declarations are true: run on the demo corpus, each built-in stage changes only tables it declares in
`writes`, and every table a stage names in `reads` or `writes` exists in the store."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import newstrace
from conftest import rows
from newstrace.config import Settings
from newstrace.stages import STAGES, Stage, pipeline
from newstrace.store import Store, is_postgres
from newstrace.store.migrations import MIGRATIONS

FTS5_SHADOWS = ("_data", "_idx", "_docsize", "_config", "_content")


def _tables(db: str) -> dict[str, str]:
    """Every table of the store, each mapped to the table it belongs to: an FTS5 index's shadow tables
    (`articles_fts_data`, ...) are written through the index and count as it."""
    if is_postgres(db):  # the search index (articles_fts, a GIN index) lives in the articles table there
        tables = {name: name for (name,) in rows(db, "SELECT table_name FROM information_schema.tables "
                                                     "WHERE table_schema = current_schema()")}
        return tables | {name: table for name, table in rows(
            db, "SELECT indexname, tablename FROM pg_indexes WHERE schemaname = current_schema() "
                "AND indexdef LIKE '%USING gin%'")}
    found = rows(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    virtual = {name for name, sql in found if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")}
    owner = {}
    for name, _ in found:
        owner[name] = next((v for v in virtual for s in FTS5_SHADOWS if name == v + s), name)
    return owner


def _snapshot(db: str) -> dict[str, tuple[int, str]]:
    """Per table: row count and a checksum of its rows (order-free), read on a connection of its own."""
    out = {}
    for name, owner in _tables(db).items():
        if is_postgres(db) and name != owner:  # an index: its table is read
            continue
        found = rows(db, f'SELECT * FROM "{name}"')
        digest = hashlib.sha256("\n".join(sorted(map(repr, found))).encode()).hexdigest()
        out[name] = (len(found), digest)
    return out


def _changed(db: str, before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> set[str]:
    owner = _tables(db)
    return {owner.get(t, t) for t in set(before) | set(after) if before.get(t) != after.get(t)}


def test_stages_write_only_declared_tables(examples_dir: Path, db: str, settings: Settings,
                                           store: Store) -> None:
    ingest = STAGES["newstrace.ingest.v1"]
    before = _snapshot(db)
    report = newstrace.add([str(examples_dir)], store, settings)
    after = _snapshot(db)
    changed = _changed(db, before, after)
    assert report.article_ids and changed, "ingest stored nothing"
    assert changed <= set(ingest.writes), f"{ingest.name} writes undeclared tables: {changed - set(ingest.writes)}"

    ran: list[Stage] = []
    for stage in pipeline():
        if stage.run is None:  # ingest, run above
            continue
        before = after
        stage.run(store, report.article_ids, settings)
        after = _snapshot(db)
        changed = _changed(db, before, after)
        assert changed, f"{stage.name} changed no table on the demo corpus"
        undeclared = changed - set(stage.writes)
        assert not undeclared, f"{stage.name} writes {sorted(undeclared)}, not among its writes {stage.writes}"
        ran.append(stage)
    assert {s.name for s in ran} == {s.name for s in pipeline() if s.run is not None}


def test_stages_declare_only_tables_that_exist(db: str, store: Store) -> None:
    tables = set(_tables(db))
    if is_postgres(db):  # the tables the migrations make on SQLite alone (its FTS5 index and the index's mark)
        tables |= {made.group(1) for m in MIGRATIONS for statement in m.sqlite
                   if (made := re.match(r"\s*CREATE (?:VIRTUAL )?TABLE (\w+)", statement))}
    for stage in pipeline():
        for table in (*stage.reads, *stage.writes):
            assert table == "inputs" or table in tables, f"{stage.name} names {table}, which the store lacks"
