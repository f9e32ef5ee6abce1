"""The SQLite backend: one file, WAL journal, FTS5 search. Safe against a kill at any point: every
ingest batch is one transaction, so a rerun finds exactly what was committed. The tables' SQL is shared with
the PostgreSQL backend (`tables_*.py`); what is SQLite's alone is here: the connection, the migrations'
runner, the write lock (BEGIN IMMEDIATE) and FTS5."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Code, NewstraceError
from .base import SearchHit, Store
from .fts_query import refused
from .migrations import LATEST, SQLITE
from .sql import SQLITE as SQLITE_DIALECT
from .sql import rows_in
from .tables_analysis import AnalysisTables
from .tables_articles import ArticleTables, now
from .tables_attribution import AttributionTables
from .tables_events import EventTables
from .tables_reuse import ReuseTables
from .tables_stories import StoryTables


class SQLiteStore(ArticleTables, ReuseTables, AttributionTables, StoryTables, AnalysisTables, EventTables, Store):
    sql = SQLITE_DIALECT
    conn: sqlite3.Connection

    def __init__(self, path: str, readonly: bool = False):
        self.url = path
        self._depth = 0
        self._stamp: str | None = None
        if readonly:  # a worker's view: no migrations, no writes
            self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30, check_same_thread=False)
            return
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise NewstraceError(Code.STORE_OPEN, f"{path}: folder {parent} does not exist")
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise NewstraceError(Code.STORE_OPEN, f"{path}: cannot open as a newstrace store: {e}") from e

    # -- schema ---------------------------------------------------------------------------------------------
    def _migrate(self) -> None:
        self.conn.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)""")
        current = self.schema_version()
        if current > LATEST:
            raise NewstraceError(Code.STORE_VERSION,
                                 f"{self.url}: store schema {current} is newer than this newstrace ({LATEST})")
        for migration in SQLITE:
            if migration.version <= current:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have migrated while we waited for the lock.
                if self.schema_version() >= migration.version:
                    self.conn.execute("COMMIT")
                    continue
                for statement in migration.statements:
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                                  (migration.version, migration.name, now()))
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def bulk_mode(self, on: bool) -> None:
        # During ingest, checkpoint the WAL rarely (every ~64 MB) and once at the end, not every 4 MB.
        self.conn.execute(f"PRAGMA wal_autocheckpoint={16384 if on else 1000}")
        if not on:
            self.index_pending()
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def index_pending(self) -> int:
        """Add articles stored since the last indexing to the full-text index; returns how many."""
        with self.transaction():
            mark = self.conn.execute("SELECT indexed_seq FROM fts_state").fetchone()[0]
            top = self.conn.execute("SELECT MAX(seq) FROM articles").fetchone()[0] or 0
            if top <= mark:
                return 0
            self.conn.execute("INSERT INTO articles_fts(rowid, title, text) SELECT seq, title, text FROM articles "
                              "WHERE seq > ? AND seq <= ?", (mark, top))
            self.conn.execute("UPDATE fts_state SET indexed_seq = ?", (top,))
            return int(top - mark)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        self._stamp = now()  # one time for every row the transaction writes
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0
            self._stamp = None

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        if not query.strip():
            raise refused(query, "")
        self.index_pending()
        try:
            # the page's row numbers by rank first; snippets and articles only for those (computing them for every
            # match before sorting made a common word cost a quarter of a second)
            top = self.conn.execute(
                "SELECT rowid, bm25(articles_fts, 5.0, 1.0) AS rank FROM articles_fts WHERE articles_fts MATCH ? "
                "ORDER BY rank, rowid LIMIT ? OFFSET ?", (query, limit, offset)).fetchall()
        except sqlite3.OperationalError as e:
            # refused, never searched for as something else: a query rewritten behind the user's back finds
            # what they did not ask for
            raise refused(query, str(e)) from e
        seqs = [seq for seq, _ in top]
        snippets = dict(rows_in(
            self.conn, "SELECT rowid, snippet(articles_fts, 1, '[', ']', '…', 16) FROM articles_fts "
                       "WHERE articles_fts MATCH ? AND rowid IN ({marks})", seqs, query))
        articles = self._articles_in("seq", seqs)
        return [SearchHit(articles[seq], snippets.get(seq, ""), float(rank)) for seq, rank in top if seq in articles]
