"""Tables of ingest and reading: articles, where each was seen, the lines each outlet repeats, and the page
furniture taken off. Written once for both backends (see sql.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from ..errors import Code, NewstraceError
from ..records import Article, Origin, OutletFrom
from ..text.dates import timestamp
from .base import ArticleFilter, SourceRow
from .sql import Connection, marks, rows_in

COLUMNS = ("id, text, title, outlet, url, author, published, language, analysed, skip_reason, format, path, "
           "record, locator, version, previous_id, seq, outlet_rule, outlet_start, outlet_end, outlet_line, "
           "encoding, encoding_note, analysed_chars")


def _outlet_columns(found: OutletFrom | None) -> tuple[str | None, int | None, int | None, str | None]:
    if found is None:
        return None, None, None, None
    return found.rule, *(found.span or (None, None)), found.line


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ArticleTables:
    conn: Connection
    _stamp: str | None

    def _time(self) -> str:
        return self._stamp or now()

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
            "INSERT INTO article_sources (raw_hash, article_id, path, record, url, outlet, format, seen_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (raw_hash, article_id, origin.path, origin.record, url, outlet, fmt, self._time()))
        return bool(cur.rowcount > 0)

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
        self.conn.executemany("INSERT INTO article_furniture (article_id, n, rule, text) VALUES (?, ?, ?, ?) "
                              "ON CONFLICT DO NOTHING",
                              [(article.id, n, rule, text) for n, (rule, text) in enumerate(article.furniture)])

    def furniture_of(self, article_id: str) -> list[tuple[str, str]]:
        return [(rule, text) for rule, text in self.conn.execute(
            "SELECT rule, text FROM article_furniture WHERE article_id = ? ORDER BY n", (article_id,))]

    def frequent_lines(self, outlet: str, line_hashes: list[str], min_articles: int) -> set[str]:
        if not line_hashes:
            return set()
        rows = self.conn.execute(
            "SELECT line_hash FROM outlet_lines WHERE outlet = ? AND n_articles >= ? "
            f"AND line_hash IN ({marks(len(line_hashes))})",
            (outlet, min_articles, *line_hashes))
        return {r[0] for r in rows}

    def count_lines(self, outlet: str, line_hashes: list[str]) -> None:
        self.conn.executemany(
            "INSERT INTO outlet_lines (outlet, line_hash, n_articles) VALUES (?, ?, 1) "
            "ON CONFLICT (outlet, line_hash) DO UPDATE SET n_articles = outlet_lines.n_articles + 1",
            [(outlet, h) for h in sorted(set(line_hashes))])

    # -- reading --------------------------------------------------------------------------------------------
    def _article(self, row: tuple[Any, ...]) -> Article:
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
        row = self.conn.execute(f"SELECT {COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row) if row else None

    def _articles_in(self, column: str, values: list[Any]) -> dict[Any, Article]:
        found: dict[Any, Article] = {}
        for i in range(0, len(values), 500):
            chunk = values[i:i + 500]
            rows = self.conn.execute(
                f"SELECT {COLUMNS} FROM articles WHERE {column} IN ({marks(len(chunk))})", chunk)
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
            clauses.append(f"outlet IN ({marks(len(names))})" if names else "1 = 0")
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
            clauses.append(f"id IN ({marks(len(where.ids))})" if where.ids else "1 = 0")
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
            rows = self.conn.execute(f"SELECT {COLUMNS} FROM articles{sql} "
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
                f"SELECT seq, {COLUMNS} FROM articles{sql}{joiner}seq > ? ORDER BY seq LIMIT ?",
                (*params, last, batch)).fetchall()
            if not rows:
                return
            for row in rows:
                last = row[0]
                yield self._article(row[1:])

    def sources_of(self, article_id: str) -> list[SourceRow]:
        rows = self.conn.execute(
            "SELECT path, record, url, outlet, format, seen_at, raw_hash FROM article_sources "
            "WHERE article_id = ? ORDER BY seen_at, path, record", (article_id,))
        return [SourceRow(*r) for r in rows]


