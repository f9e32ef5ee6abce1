"""The PostgreSQL backend (psycopg 3): one store shared by many processes, named by a URL such as
`postgresql://user@host:5432/dbname` (a schema other than `public`: `?options=-csearch_path%3Dname`).

The tables' SQL is the SQLite backend's (`tables_*.py`); what is PostgreSQL's alone is here: connections
(pooled in each process), the migrations' runner, the write lock, text search and bulk copies.

Concurrency, decided: writes are serialised, reads are not. Every write transaction begins by taking one
transaction-level advisory lock of the store (its schema), the way SQLite's BEGIN IMMEDIATE takes the file's
write lock; readers take no lock and see the last committed state (MVCC), so the web pages and API never wait
for an ingest or an analysis. One writer at a time keeps what the stages were built on: row numbers (`seq`) are
handed out and committed in one order, so "everything after the last fingerprinted row" is the unfingerprinted
rows, with no gap that a slower transaction fills later. Articles are keyed by their content hash and written
with ON CONFLICT DO NOTHING, so two runs adding the same article store it once whatever the timing; a writer
waits for the lock rather than fail (a process that dies releases it with its connection)."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import psycopg

from ..errors import Code, NewstraceError
from . import redact
from .base import SearchHit, Store
from .fts_query import judge, parse, strings, to_tsquery
from .migrations import LATEST, POSTGRES
from .sql import POSTGRES as POSTGRES_DIALECT
from .sql import rows_in
from .tables_analysis import AnalysisTables
from .tables_articles import ArticleTables, now
from .tables_attribution import AttributionTables
from .tables_events import EventTables
from .tables_reuse import ReuseTables
from .tables_stories import StoryTables

LOCK_CLASS = 0x6E74  # the first key of newstrace's advisory locks; the second is the hash of the store's schema
_IDLE_MAX = 8  # idle connections a process keeps for the next store it opens


class PgConnection:
    """A psycopg connection that takes the shared SQL: `?` placeholders become `%s` (and a `%` is doubled)."""

    def __init__(self, raw: psycopg.Connection[Any]):
        self.raw = raw
        self._said: dict[str, str] = {}

    def _say(self, sql: str) -> str:
        said = self._said.get(sql)
        if said is None:
            said = self._said[sql] = sql.replace("%", "%%").replace("?", "%s")
        return said

    def execute(self, sql: str, parameters: Any = (), /) -> psycopg.Cursor[Any]:
        return self.raw.execute(self._say(sql), parameters or None)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> psycopg.Cursor[Any]:
        cursor = self.raw.cursor()
        cursor.executemany(self._say(sql), list(parameters))
        return cursor

    def one(self, sql: str, parameters: Any = ()) -> Any:
        """The first column of the first row (None without rows)."""
        row = self.execute(sql, parameters).fetchone()
        return None if row is None else row[0]

    def close(self) -> None:
        self.raw.close()


# -- connections, pooled per process (a forked worker never uses its parent's) ---------------------------------

_POOL: dict[tuple[int, str], list[psycopg.Connection[Any]]] = {}
_POOL_LOCK = threading.Lock()
_MIGRATED: set[tuple[int, str]] = set()  # (process, url) already brought to LATEST


def _connect(url: str) -> psycopg.Connection[Any]:
    with _POOL_LOCK:
        idle = _POOL.get((os.getpid(), url))
        while idle:
            conn = idle.pop()
            if not conn.closed and conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
                return conn
            conn.close()
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as e:
        raise NewstraceError(Code.STORE_OPEN, f"{redact(url)}: cannot connect to PostgreSQL: "
                                              f"{str(e).strip().splitlines()[-1]}") from e


def _release(url: str, conn: psycopg.Connection[Any]) -> None:
    if conn.closed:
        return
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        conn.close()
        return
    with _POOL_LOCK:
        idle = _POOL.setdefault((os.getpid(), url), [])
        if sum(len(v) for (pid, _), v in _POOL.items() if pid == os.getpid()) < _IDLE_MAX:
            idle.append(conn)
            return
    conn.close()


def close_idle(url: str | None = None) -> None:
    """Close this process's idle connections (to `url`, or to every store)."""
    with _POOL_LOCK:
        for (pid, u), idle in list(_POOL.items()):
            if pid == os.getpid() and (url is None or u == url):
                for conn in idle:
                    conn.close()
                del _POOL[(pid, u)]
        _MIGRATED.difference_update({k for k in _MIGRATED if url is None or k[1] == url})


class PostgresStore(ArticleTables, ReuseTables, AttributionTables, StoryTables, AnalysisTables, EventTables, Store):
    sql = POSTGRES_DIALECT
    conn: PgConnection

    def __init__(self, url: str, readonly: bool = False):
        self.url = url
        self._depth = 0
        self._stamp: str | None = None
        raw = _connect(url)
        self.conn = PgConnection(raw)
        self.readonly = readonly
        try:
            schema = self.conn.one("SELECT current_schema()")
            if schema is None:
                raise NewstraceError(Code.STORE_OPEN, f"{redact(url)}: no schema to keep the store in (the "
                                                      "search_path names none that exists): create it first")
            self._lock = (LOCK_CLASS, int(self.conn.one("SELECT hashtext(?)", (schema,))))
            if not readonly and (os.getpid(), url) not in _MIGRATED:
                self._migrate()
                _MIGRATED.add((os.getpid(), url))
        except BaseException:
            raw.close()
            raise

    # -- schema ---------------------------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self.transaction():  # the write lock: two processes opening a new store migrate it once
            self.conn.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)""")
            current = self.schema_version()
            if current > LATEST:
                raise NewstraceError(Code.STORE_VERSION, f"{redact(self.url)}: store schema {current} is newer "
                                                         f"than this newstrace ({LATEST})")
            for migration in POSTGRES:
                if migration.version <= current:
                    continue
                for statement in migration.statements:
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                                  (migration.version, migration.name, now()))

    def schema_version(self) -> int:
        return int(self.conn.one("SELECT MAX(version) FROM schema_migrations") or 0)

    def close(self) -> None:
        _release(self.url, self.conn.raw)

    def bulk_mode(self, on: bool) -> None:
        # after a long run of writes, fresh statistics for the planner (autovacuum may come much later)
        if not on and not self.readonly:
            self.conn.execute("ANALYZE articles, article_sources, article_furniture, outlet_lines")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN")
        self._depth = 1
        try:
            self.conn.execute("SELECT pg_advisory_xact_lock(?, ?)", self._lock)
            self._stamp = now()  # one time for every row the transaction writes, taken once the lock is held
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0
            self._stamp = None

    # -- search ---------------------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        judge(query)  # FTS5's own verdict: the same refusals as the SQLite store
        tree = parse(query)
        words = strings(tree)
        said = dict(zip(words, (r[0] for r in self.conn.execute(
            "SELECT phraseto_tsquery('simple', w)::text FROM unnest(?::text[]) WITH ORDINALITY AS u(w, n) "
            "ORDER BY n", (words,))), strict=True))
        tsquery = to_tsquery(tree, said.__getitem__)
        if tsquery is None:
            return []
        # the title counts five times the text, as bm25(articles_fts, 5.0, 1.0) has it in the SQLite store; rank
        # is negated so that lower is better there too
        top = self.conn.execute(
            "SELECT seq, -ts_rank('{0, 0, 0.2, 1.0}', fts, q, 1) AS rank FROM articles, CAST(? AS tsquery) AS q "
            "WHERE fts @@ q ORDER BY rank, seq LIMIT ? OFFSET ?", (tsquery, limit, offset)).fetchall()
        seqs = [seq for seq, _ in top]
        snippets = dict(rows_in(
            self.conn, "SELECT seq, ts_headline('simple', text, q, 'StartSel=[, StopSel=], MaxWords=16, MinWords=6, "
                       "ShortWord=0, MaxFragments=1, FragmentDelimiter=…') FROM articles, CAST(? AS tsquery) AS q "
                       "WHERE seq IN ({marks})", seqs, _unweighted(tsquery)))
        articles = self._articles_in("seq", seqs)
        texts = {seq: a.text for seq, a in articles.items()}
        return [SearchHit(articles[seq], _ellipses(snippets.get(seq, ""), texts[seq]), float(rank))
                for seq, rank in top if seq in articles]

    # -- bulk writes ----------------------------------------------------------------------------------------
    def rebuild_postings(self, hashes: np.ndarray, owners: np.ndarray) -> None:
        """As the shared one, by COPY (rows one by one take minutes at a hundred thousand articles)."""
        signed = hashes.astype(np.uint64).view(np.int64)
        order = np.lexsort((owners, signed))
        signed, owners = signed[order], np.asarray(owners)[order]
        keep = np.ones(len(signed), dtype=bool)  # COPY has no ON CONFLICT: the pairs go in once each
        keep[1:] = (signed[1:] != signed[:-1]) | (owners[1:] != owners[:-1])
        signed, owners = signed[keep], owners[keep]
        self.conn.execute("DELETE FROM reuse_postings")
        step = 500_000
        with self.conn.raw.cursor() as cursor, cursor.copy("COPY reuse_postings (hash, seq) FROM STDIN") as copy:
            for start in range(0, len(signed), step):
                copy.write("".join(f"{h}\t{s}\n" for h, s in zip(signed[start:start + step].tolist(),
                                                                   owners[start:start + step].tolist(),
                                                                   strict=True)))
        self.conn.execute("UPDATE reuse_fingerprints SET indexed = 1 WHERE indexed = 0")


_ADJACENT = re.compile(r"\](\s+)\[")
_WEIGHTS = re.compile(r"('(?:[^']|'')*'):(\*?)[A-D]+")


def _unweighted(tsquery: str) -> str:
    """The tsquery without column weights: the snippet is taken from the text alone, which has none."""
    return _WEIGHTS.sub(lambda m: f"{m.group(1)}:{m.group(2)}" if m.group(2) else m.group(1), tsquery)


def _ellipses(snippet: str, text: str) -> str:
    """'…' where the snippet starts or ends inside the text, as FTS5's snippet() marks it."""
    if not snippet:
        return snippet
    plain = snippet.replace("[", "").replace("]", "") if "[" not in text and "]" not in text else snippet
    lead = "" if text.lstrip().startswith(plain.strip()[:40]) else "…"
    tail = "" if text.rstrip().endswith(plain.strip()[-40:]) else "…"
    # the words of one matched phrase in one mark, as FTS5 marks them
    return lead + _ADJACENT.sub(r"\1", snippet.strip()) + tail
