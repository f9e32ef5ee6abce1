"""Stores: SQLite by default (a file path or ':memory:'), PostgreSQL by a `postgresql://` URL."""

from __future__ import annotations

from .base import ArticleFilter, SearchHit, SourceRow, Store


def is_postgres(url: str) -> bool:
    """Whether `url` names a PostgreSQL store (`postgresql://...` or `postgres://...`)."""
    return url.startswith(("postgresql://", "postgres://"))


def open_store(url: str, readonly: bool = False) -> Store:
    """Open (creating and migrating if needed) the store named by `url`: a SQLite file path, ':memory:',
    `sqlite:///path`, or a PostgreSQL URL (`postgresql://user@host:5432/dbname`). `readonly`: a worker's view
    that neither migrates nor writes."""
    if is_postgres(url):
        try:
            from .postgres import PostgresStore
        except ImportError as e:  # psycopg is an extra
            from ..errors import Code, NewstraceError

            raise NewstraceError(Code.STORE_OPEN, "a PostgreSQL store needs psycopg: pip install "
                                                  "'newstrace[postgres]'") from e
        return PostgresStore(url, readonly=readonly)
    from .sqlite import SQLiteStore

    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    return SQLiteStore(url, readonly=readonly)


__all__ = ["ArticleFilter", "SearchHit", "SourceRow", "Store", "is_postgres", "open_store"]
