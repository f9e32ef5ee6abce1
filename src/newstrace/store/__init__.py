"""Stores: SQLite by default (a file path or ':memory:')."""

from __future__ import annotations

from .base import ArticleFilter, EventFilter, ReportRole, SearchHit, SourceRow, Store, StoredEvent


def open_store(url: str) -> Store:
    """Open (creating and migrating if needed) the store named by `url`: a SQLite file path or ':memory:'."""
    from .sqlite import SQLiteStore

    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    return SQLiteStore(url)


__all__ = ["ArticleFilter", "EventFilter", "ReportRole", "SearchHit", "SourceRow", "Store", "StoredEvent",
           "open_store"]
