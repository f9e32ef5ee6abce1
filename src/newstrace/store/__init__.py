"""Stores: SQLite by default (a file path or ':memory:'), PostgreSQL by a `postgresql://` URL."""

from __future__ import annotations

import re

from .base import ArticleFilter, EventFilter, ReportRole, SearchHit, SourceRow, Store, StoredEvent


def is_postgres(url: str) -> bool:
    """Whether `url` names a PostgreSQL store (`postgresql://...` or `postgres://...`)."""
    return url.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """A store's name for messages: a PostgreSQL URL without its password."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url) if is_postgres(url) else url


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


__all__ = ["ArticleFilter", "EventFilter", "ReportRole", "SearchHit", "SourceRow", "Store", "StoredEvent",
           "is_postgres", "open_store", "redact"]
