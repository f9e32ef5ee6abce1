"""Copy a whole store into a new, empty one of another backend (`newstrace migrate --from newstrace.db
--to postgresql://...`): every table, analysis included, row numbers kept as they are (so every table that
refers to an article by its `seq` stays right), and the target's counters set past them. The copy is one
transaction of the target: a failure leaves it as empty as it was, and a rerun starts again."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..errors import Code, NewstraceError
from . import is_postgres, open_store, redact
from .base import Store


class Progress(Protocol):
    """What the copy reports its progress to (the CLI's bar): the rows to copy, then each batch copied."""

    def start(self, total: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class _Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


BATCH = 2000  # rows read and written at a time
SKIP = {"schema_migrations", "fts_state"}  # each store's own: its migrations are run, its search index made


@dataclass
class CopyReport:
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows copied

    @property
    def articles(self) -> int:
        return self.rows.get("articles", 0)


def _tables(store: Store) -> dict[str, list[str]]:
    """The store's tables and their columns (a column its backend computes, such as the search vector, left
    out); search-index tables are left out too."""
    conn: Any = store.conn  # type: ignore[attr-defined]
    if is_postgres(store.url):
        found: dict[str, list[str]] = {}
        for table, column in conn.execute(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                "current_schema() AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position"):
            found.setdefault(table, []).append(column)
        return {t: c for t, c in found.items() if t not in SKIP}
    names = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'articles_fts%'")]
    return {name: [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')] for name in names if name not in SKIP}


REFERRED = ("articles", "events")  # the tables others refer to (event_members refers to events), copied first


def _order(tables: list[str]) -> list[str]:
    """The tables other tables refer to first, in that order, then the rest by name."""
    return sorted(tables, key=lambda t: (REFERRED.index(t) if t in REFERRED else len(REFERRED), t))


def _rows(store: Store, table: str, columns: list[str]) -> Iterator[list[tuple[Any, ...]]]:
    conn: Any = store.conn  # type: ignore[attr-defined]
    order = " ORDER BY seq" if table == "articles" else ""  # a new version refers to an earlier row
    cursor = conn.execute(f'SELECT {", ".join(columns)} FROM "{table}"{order}')
    while batch := cursor.fetchmany(BATCH):
        yield [tuple(r) for r in batch]


def _refuse_unless_empty(target: Store, tables: dict[str, list[str]], url: str) -> None:
    conn: Any = target.conn  # type: ignore[attr-defined]
    full = [t for t in tables if conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone() is not None]
    if full:
        raise NewstraceError(Code.STORE_NOT_EMPTY, f"{redact(url)}: the target store is not empty ({', '.join(full)} "
                                                   "hold rows); migrate copies into a new, empty store only")


def copy_store(source_url: str, target_url: str, progress: Progress | None = None) -> CopyReport:
    """Copy the store at `source_url` into the empty store at `target_url` (created and migrated if new)."""
    progress = progress or _Silent()
    if source_url == target_url:
        raise NewstraceError(Code.BAD_SETTING, f"{redact(source_url)}: a store cannot be copied into itself")
    if not is_postgres(source_url) and source_url != ":memory:" and not Path(source_url).is_file():
        raise NewstraceError(Code.STORE_OPEN, f"{source_url}: no store there to copy (check the path)")
    report = CopyReport()
    with open_store(source_url) as source, open_store(target_url) as target:
        have, want = _tables(source), _tables(target)
        _refuse_unless_empty(target, want, target_url)
        missing = sorted(set(have) - set(want))
        if missing:  # a table this newstrace does not know: the source is from another version
            raise NewstraceError(Code.STORE_VERSION, f"{redact(source_url)}: tables {', '.join(missing)} are unknown "
                                                     "to this newstrace; copy with the version that made them")
        tables = _order(list(have))
        read: Any = source.conn  # type: ignore[attr-defined]
        counts = {t: int(read.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]) for t in tables}
        progress.start(sum(counts.values()))
        with target.transaction():
            for table in tables:
                columns = [c for c in have[table] if c in want[table]]
                written = 0
                for batch in _rows(source, table, columns):
                    _write(target, table, columns, batch)
                    written += len(batch)
                    progress.advance(len(batch))
                report.rows[table] = written
            _counters_past_rows(target)
        target.index_pending()
        if is_postgres(target_url):  # fresh statistics for the planner, or its first plans are guesses
            target.conn.execute("ANALYZE")  # type: ignore[attr-defined]
    return report


def _write(target: Store, table: str, columns: list[str], batch: list[tuple[Any, ...]]) -> None:
    conn: Any = target.conn  # type: ignore[attr-defined]
    names = ", ".join(columns)
    if is_postgres(target.url):
        with conn.raw.cursor() as cursor, cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in batch:
                copy.write_row(row)
        return
    conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})', batch)


def _counters_past_rows(target: Store) -> None:
    """PostgreSQL hands out row numbers from a sequence of its own: set it past the copied ones."""
    if not is_postgres(target.url):
        return
    conn: Any = target.conn  # type: ignore[attr-defined]
    for table, column in conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND is_identity = 'YES'").fetchall():
        conn.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
                     f'COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) FROM "{table}"')
