"""The SQLite backend: one file, WAL journal, FTS5 search. Safe against a kill at any point: every
ingest batch is one transaction, so a rerun finds exactly what was committed."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import Code, NewstraceError
from ..records import Article, Origin, OutletFrom
from ..text.dates import timestamp
from .base import ArticleFilter, SearchHit, SourceRow, Store
from .migrations import LATEST, SQLITE
from .sqlite_analysis import AnalysisTables
from .sqlite_attribution import AttributionTables
from .sqlite_reuse import ReuseTables
from .sqlite_stories import StoryTables
from .sqlite_util import rows_in

_COLUMNS = ("id, text, title, outlet, url, author, published, language, analysed, skip_reason, format, path, "
            "record, locator, version, previous_id, seq, outlet_rule, outlet_start, outlet_end, outlet_line, "
            "encoding, encoding_note, analysed_chars")
_N_COLUMNS = 24


def _outlet_columns(found: OutletFrom | None) -> tuple[str | None, int | None, int | None, str | None]:
    if found is None:
        return None, None, None, None
    return found.rule, *(found.span or (None, None)), found.line


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore(ReuseTables, AttributionTables, StoryTables, AnalysisTables, Store):
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

    def _time(self) -> str:
        return self._stamp or _now()

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
                                  (migration.version, migration.name, _now()))
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
        self._stamp = _now()  # one time for every row the transaction writes
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

    # -- ingest ---------------------------------------------------------------------------------------------
    def article_for_raw(self, raw_hash: str) -> str | None:
        row = self.conn.execute("SELECT article_id FROM article_sources WHERE raw_hash = ? LIMIT 1",
                                (raw_hash,)).fetchone()
        return row[0] if row else None

    def articles_for_raws(self, raw_hashes: list[str]) -> dict[str, str]:
        return dict(rows_in(self.conn, "SELECT raw_hash, article_id FROM article_sources WHERE raw_hash IN ({marks})",
                            raw_hashes))

    def add_source(self, raw_hash: str, article_id: str, origin: Origin, fmt: str, url: str | None,
                   outlet: str | None) -> bool:
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO article_sources (raw_hash, article_id, path, record, url, outlet, format, "
            "seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (raw_hash, article_id, origin.path, origin.record, url, outlet, fmt, self._time()))
        return cur.rowcount > 0

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def latest_version(self, locator: str) -> tuple[str, int] | None:
        row = self.conn.execute("SELECT id, version FROM articles WHERE locator = ? ORDER BY version DESC LIMIT 1",
                                (locator,)).fetchone()
        return (row[0], int(row[1])) if row else None

    def insert_article(self, article: Article, stage: str) -> None:
        self.conn.execute(
            "INSERT INTO articles (id, text, title, outlet, url, author, published, published_ts, language, "
            "analysed, skip_reason, format, path, record, locator, version, previous_id, n_chars, ingested_at, "
            "stage, outlet_rule, outlet_start, outlet_end, outlet_line, encoding, encoding_note, analysed_chars) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.text, article.title, article.outlet, article.url, article.author,
             article.published, timestamp(article.published), article.language, int(article.analysed),
             article.skip_reason, article.format, article.origin.path, article.origin.record, article.locator,
             article.version, article.previous_id, len(article.text), self._time(), stage,
             *_outlet_columns(article.outlet_from), article.encoding, article.encoding_note,
             article.analysed_chars))
        self.conn.executemany("INSERT OR IGNORE INTO article_furniture (article_id, n, rule, text) VALUES (?, ?, ?, ?)",
                              [(article.id, n, rule, text) for n, (rule, text) in enumerate(article.furniture)])

    def furniture_of(self, article_id: str) -> list[tuple[str, str]]:
        return [(rule, text) for rule, text in self.conn.execute(
            "SELECT rule, text FROM article_furniture WHERE article_id = ? ORDER BY n", (article_id,))]

    def frequent_lines(self, outlet: str, line_hashes: list[str], min_articles: int) -> set[str]:
        if not line_hashes:
            return set()
        marks = ",".join("?" * len(line_hashes))
        rows = self.conn.execute(
            f"SELECT line_hash FROM outlet_lines WHERE outlet = ? AND n_articles >= ? AND line_hash IN ({marks})",
            (outlet, min_articles, *line_hashes))
        return {r[0] for r in rows}

    def count_lines(self, outlet: str, line_hashes: list[str]) -> None:
        self.conn.executemany(
            "INSERT INTO outlet_lines (outlet, line_hash, n_articles) VALUES (?, ?, 1) "
            "ON CONFLICT (outlet, line_hash) DO UPDATE SET n_articles = n_articles + 1",
            [(outlet, h) for h in sorted(set(line_hashes))])

    # -- reading --------------------------------------------------------------------------------------------
    def _article(self, row: sqlite3.Row | tuple[Any, ...]) -> Article:
        (id_, text, title, outlet, url, author, published, language, analysed, skip_reason, fmt, path, record,
         locator, version, previous_id, seq, outlet_rule, outlet_start, outlet_end, outlet_line, encoding,
         encoding_note, analysed_chars) = row
        return Article(id=id_, text=text, title=title, outlet=outlet, url=url, author=author, published=published,
                       language=language, analysed=bool(analysed), skip_reason=skip_reason, format=fmt,
                       origin=Origin(path or "", record or ""), raw_hash="", locator=locator, version=version,
                       previous_id=previous_id, seq=seq,
                       outlet_from=OutletFrom(outlet_rule, None if outlet_start is None else (outlet_start, outlet_end),
                                              outlet_line or "") if outlet_rule else None,
                       encoding=encoding, encoding_note=encoding_note, analysed_chars=analysed_chars)

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row) if row else None

    def _articles_in(self, column: str, values: list[Any]) -> dict[Any, Article]:
        found: dict[Any, Article] = {}
        for i in range(0, len(values), 500):
            chunk = values[i:i + 500]
            rows = self.conn.execute(
                f"SELECT {_COLUMNS} FROM articles WHERE {column} IN ({','.join('?' * len(chunk))})", chunk)
            for r in rows:
                article = self._article(r)
                found[article.id if column == "id" else article.seq] = article
        return found

    def get_articles(self, article_ids: list[str]) -> list[Article]:
        found = self._articles_in("id", article_ids)
        return [found[i] for i in article_ids if i in found]

    def articles_by_seq(self, seqs: list[int]) -> list[Article]:
        found = self._articles_in("seq", seqs)
        return [found[s] for s in seqs if s in found]

    def analysis_cuts(self, seqs: list[int]) -> dict[int, int]:
        return {seq: cut for seq, cut in rows_in(
            self.conn, "SELECT seq, analysed_chars FROM articles WHERE analysed_chars IS NOT NULL AND seq IN ({marks})",
            seqs)}

    def resolve_id(self, prefix: str) -> str:
        prefix = prefix.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{1,64}", prefix):
            raise NewstraceError(Code.NO_SUCH_ARTICLE, f"{prefix!r} is not an article id (hex digits)")
        rows = self.conn.execute("SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                                 (prefix, prefix + "g")).fetchall()
        if not rows:
            raise NewstraceError(Code.NO_SUCH_ARTICLE, f"no article with id {prefix}")
        if len(rows) > 1:
            raise NewstraceError(Code.AMBIGUOUS_ID, f"id {prefix} matches more than one article")
        return str(rows[0][0])

    def _where(self, where: ArticleFilter | None) -> tuple[str, list[Any]]:
        if where is None:
            return "", []
        clauses: list[str] = []
        params: list[Any] = []
        if where.outlet is not None:
            names = self._outlets_named(where.outlet)
            clauses.append(f"outlet IN ({','.join('?' * len(names))})" if names else "0")
            params.extend(names)
        if where.language is not None:
            clauses.append("language = ?")
            params.append(where.language)
        if where.since is not None:
            clauses.append("published_ts >= ?")
            params.append(timestamp(where.since))
        if where.until is not None:
            clauses.append("published_ts <= ?")
            params.append(timestamp(where.until))
        if where.ids is not None:
            clauses.append(f"id IN ({','.join('?' * len(where.ids))})")
            params.extend(where.ids)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _outlets_named(self, name: str) -> list[str]:
        """The stored spellings of an outlet name, whatever their case. Folded here, not in SQL: SQLite's NOCASE
        folds ASCII only ("LE MONDE" but not "SÜDKURIER"); the outlet index makes the distinct names cheap."""
        wanted = name.strip().casefold()
        rows = self.conn.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")
        return [r[0] for r in rows if r[0].strip().casefold() == wanted]

    def list_articles(self, where: ArticleFilter | None = None, limit: int | None = None,
                      offset: int = 0) -> list[Article]:
        sql, params = self._where(where)
        joiner = " AND " if sql else " WHERE "
        if limit is None:
            rows = self.conn.execute(f"SELECT {_COLUMNS} FROM articles{sql} "
                                     "ORDER BY published_ts IS NULL, published_ts, seq", params)
            return [self._article(r) for r in rows]
        # A page's row numbers first (stepping over skipped rows without their texts), dated articles by the
        # publication-time index, then undated ones: one ORDER BY putting NULLs last could not use the index.
        seqs = [r[0] for r in self.conn.execute(
            f"SELECT seq FROM articles{sql}{joiner}published_ts IS NOT NULL ORDER BY published_ts, seq "
            f"LIMIT {int(limit)} OFFSET {int(offset)}", params)]
        if len(seqs) < limit:
            dated = 0 if seqs or offset == 0 else int(self.conn.execute(
                f"SELECT COUNT(*) FROM articles{sql}{joiner}published_ts IS NOT NULL", params).fetchone()[0])
            skip = max(0, offset - dated) if not seqs else 0
            seqs += [r[0] for r in self.conn.execute(
                f"SELECT seq FROM articles{sql}{joiner}published_ts IS NULL ORDER BY seq "
                f"LIMIT {int(limit) - len(seqs)} OFFSET {int(skip)}", params)]
        return self.articles_by_seq(seqs)

    def count_articles(self, where: ArticleFilter | None = None) -> int:
        sql, params = self._where(where)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM articles{sql}", params).fetchone()[0])

    def iter_articles(self, where: ArticleFilter | None = None, batch: int = 500) -> Iterator[Article]:
        sql, params = self._where(where)
        last = 0
        joiner = " AND " if sql else " WHERE "
        while True:
            rows = self.conn.execute(
                f"SELECT seq, {_COLUMNS} FROM articles{sql}{joiner}seq > ? ORDER BY seq LIMIT ?",
                (*params, last, batch)).fetchall()
            if not rows:
                return
            for row in rows:
                last = row[0]
                yield self._article(row[1:])

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        if not query.strip():
            raise NewstraceError(Code.BAD_QUERY, f"cannot search for {query!r}: no words to search for")
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
            raise NewstraceError(Code.BAD_QUERY, f"cannot search for {query!r}: {_query_problem(str(e))} "
                                                 f"({QUERY_SYNTAX})") from e
        seqs = [seq for seq, _ in top]
        snippets = dict(rows_in(
            self.conn, "SELECT rowid, snippet(articles_fts, 1, '[', ']', '…', 16) FROM articles_fts "
                       "WHERE articles_fts MATCH ? AND rowid IN ({marks})", seqs, query))
        articles = self._articles_in("seq", seqs)
        return [SearchHit(articles[seq], snippets.get(seq, ""), float(rank)) for seq, rank in top if seq in articles]

    def sources_of(self, article_id: str) -> list[SourceRow]:
        rows = self.conn.execute(
            "SELECT path, record, url, outlet, format, seen_at, raw_hash FROM article_sources "
            "WHERE article_id = ? ORDER BY seen_at, path, record", (article_id,))
        return [SourceRow(*r) for r in rows]


QUERY_SYNTAX = ('FTS5 syntax: words, "a phrase", AND, OR and NOT between terms, prefix*, title:word or '
                'text:word; put a word with punctuation in double quotes, like "al-Qaeda"')


def _query_problem(sqlite_message: str) -> str:
    """SQLite's complaint about an FTS5 query, said in the query's terms."""
    if sqlite_message == "unterminated string":
        return "a double quote is not closed"
    if column := re.fullmatch(r"no such column: (.*)", sqlite_message):
        return (f"{column.group(1)!r} is not a column to search (title and text are: 'title:word' searches "
                "one, '-' before a word leaves one out)")
    if near := re.fullmatch(r'fts5: syntax error near "(.*)"', sqlite_message):
        return f"syntax error near {near.group(1)!r}" if near.group(1) else "syntax error at the end of the query"
    return sqlite_message.removeprefix("fts5: ")
